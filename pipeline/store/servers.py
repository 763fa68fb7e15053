"""What differs between SPARQL 1.1 servers, measured on each (the README's "Serving from a SPARQL
server" lists the quirks): endpoint layout, the default graph, timeouts, silent result caps,
update size limits, and whether one update request is one transaction.

`detect` reads the `Server` header of an answer; the `store_server` setting can name one instead.
Every server gets only standard SPARQL 1.1 requests, plus what its entry adds.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Graphs geonews keeps for itself on a server (the version marker, staging graphs): never
#: listed, exported or served as data.
INTERNAL_PREFIX = "urn:geonews:"
VERSION_GRAPH = "urn:geonews:version"


@dataclass(frozen=True)
class Server:
    name: str
    #: Default update and Graph Store endpoints, relative to the query endpoint ("" = the same URL).
    update_path: str = "update"
    graph_store_path: str = "store"
    #: A query parameter that makes the default graph the union of all graphs, if the server has one.
    union_parameter: str | None = None
    #: Whether the default graph is always the union of all graphs, the server's own included
    #: (Virtuoso; a default-graph-uri there also hides every named graph, so it cannot be emptied).
    union_always: bool = False
    #: Query parameter taking the timeout in milliseconds (the server stops the query itself).
    timeout_ms_parameter: str | None = None
    #: Response header and value by which a server says it returned partial results at its timeout.
    partial_header: tuple[str, str] | None = None
    #: Response header by which a server says it cut a SELECT result (its value: the cap).
    cut_header: str | None = None
    #: Whether a Graph Store GET returns a whole graph (Virtuoso silently stops at its row cap).
    graph_store_complete: bool = True
    #: Text put before every update (Virtuoso: inline constants otherwise overflow its compiler).
    update_prologue: str = ""
    #: Whether one update request is one transaction, so a failing request changes nothing.
    atomic_requests: bool = True
    #: Graphs the server keeps for itself (not data: never listed, exported or counted).
    system_graphs: frozenset[str] = frozenset()
    #: `GRAPH ?g {}` lists the named graphs (Virtuoso answers one unbound row instead).
    empty_graph_pattern: bool = True
    #: Text in an answer's body by which a server reports that its own timeout cancelled it.
    cancelled_marker: bytes | None = None
    #: Text in an HTTP error's body by which a server reports that the query ran past its own
    #: time limit (Virtuoso's SQL state S1T00, 'Transaction timed out').
    timeout_error_marker: str | None = None
    #: Blank nodes in SPARQL JSON results need their label rewritten (Virtuoso: "nodeID://b1").
    bnode_label_prefix: bytes | None = None
    #: Booleans come back as "1"/"0" in SPARQL results (Virtuoso stores them as integers).
    numeric_booleans: bool = False
    #: The engine has no BNODE() (Virtuoso 7.2: "Built-in function is not implemented").
    no_bnode_function: bool = False
    #: Queries are rewritten for the engine's VALUES and decimal quirks (Virtuoso 7.2: `virtuoso_text`).
    virtuoso_rewrites: bool = False


GENERIC = Server("generic")
OXIGRAPH = Server("oxigraph", union_parameter="union-default-graph",
                  cancelled_marker=b"The SPARQL operation has been cancelled")
VIRTUOSO = Server(
    "virtuoso", update_path="", graph_store_path="sparql-graph-crud", union_always=True,
    timeout_ms_parameter="timeout", partial_header=("X-SQL-State", "S1TAT"), timeout_error_marker="S1T00",
    cut_header="X-SPARQL-MaxRows", graph_store_complete=False,
    update_prologue="DEFINE sql:big-data-const 1\n", atomic_requests=False,
    system_graphs=frozenset({"http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                             "http://localuriqaserver/sparql"}),
    empty_graph_pattern=False, bnode_label_prefix=b'"type": "bnode", "value": "nodeID://',
    numeric_booleans=True, no_bnode_function=True, virtuoso_rewrites=True)
SERVERS = {s.name: s for s in (GENERIC, OXIGRAPH, VIRTUOSO)}
#: Values of the `store_server` setting.
CHOICES = ("auto", *SERVERS)


def detect(server_header: str | None) -> Server:
    """The server an HTTP `Server` header names (`Virtuoso/07.20.3229 (Linux)`, `Oxigraph/0.5.13`)."""
    name = (server_header or "").split("/", 1)[0].strip().lower()
    return SERVERS.get(name, GENERIC)


def hidden(graph: str, server: Server) -> bool:
    """Whether a named graph is the server's or geonews's own rather than published data."""
    return graph.startswith(INTERNAL_PREFIX) or graph in server.system_graphs
