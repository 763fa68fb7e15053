"""Online linking to Wikidata (`geonews link`): for the entities the packaged gazetteer does not know.

Only the CLI uses this package; the web layer never imports it, so `geonews serve` never calls
out. Stages: `client` (polite HTTP) and `cache` (answers on disk), `items` (search and fetch),
`context` (what the store says around an entity), `decide` (the rules, from
data/wikidata_linking.json), `table` (the reviewable link table), `publish` (owl:sameAs with
its provenance node, in one transaction), `run` (the command)."""

from .run import LinkReport, link_store, review, table_path

__all__ = ["LinkReport", "link_store", "review", "table_path"]
