"""The RDF stage: IRIs minted in one place (`iris`), an extraction as an article graph and entity
descriptions (`triples`), SHACL validation per article (`validate`), and `geonews validate` over a
store or RDF files (`checks`)."""
