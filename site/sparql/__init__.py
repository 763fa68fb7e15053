"""The SPARQL 1.1 Protocol endpoint: the blueprint (`endpoint`), its query workers (`pool`, in a
network `sandbox`), the checks made before a query runs (`safety`), result formats (`formats`)
and the Service Description (`service_description`)."""
