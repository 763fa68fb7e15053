"""`geonews link`: read the store, ask Wikidata about the entities the gazetteer does not know,
decide, record every decision in the link table, publish the links with their provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UsageError
from ..rdf.iris import Minter
from ..settings import Settings
from ..store import GraphStore, RemoteStore, is_remote, open_store
from .cache import AnswerCache
from .client import WikidataClient
from .context import StoreView, read_store, targets
from .decide import Decision, Judge, Scored, Target, load_rules
from .items import Item, Wikidata
from .publish import publish_links
from .table import LinkTable

TABLE_NAME, CACHE_NAME = "wikidata-links.json", "wikidata-cache.sqlite"
#: Most rounds of decisions: a link made in one round is context for the others in the next.
ROUNDS = 3


def table_path(settings: Settings) -> Path:
    if settings.link_table:
        return Path(settings.link_table)
    if is_remote(settings.store):
        raise UsageError("the store is a SPARQL server: set the link_table setting (GEONEWS_LINK_TABLE) "
                         "to the file the link table goes in")
    return Path(settings.store) / TABLE_NAME


def cache_path(settings: Settings) -> Path:
    return Path(settings.wikidata_cache) if settings.wikidata_cache else table_path(settings).parent / CACHE_NAME


@dataclass
class LinkReport:
    table: Path
    checked: int = 0
    linked: int = 0
    unlinked: int = 0
    reviewed: int = 0
    changed: int = 0
    written: int = 0
    removed: int = 0
    requests: int = 0
    cached: int = 0
    uncertain: list[dict] = field(default_factory=list)


class Linker:
    """Candidates for targets: search every name, fetch the hits, walk their classes, read positions."""

    def __init__(self, wd: Wikidata, judge: Judge):
        self.wd, self.judge = wd, judge

    def candidates(self, ts: list[Target]) -> dict[str, list[Item]]:
        hits: dict[str, list[str]] = {}
        for t in ts:
            hits[t.iri] = list(dict.fromkeys(h.qid for name in t.names for h in self.wd.search(name)))
        items = self.wd.items(q for qs in hits.values() for q in qs)
        out = {}
        for t in ts:
            found = [items[q] for q in hits[t.iri] if not items[q].missing]
            out[t.iri] = list({i.qid: i for i in found}.values())  # two hits redirecting to one item
        return out

    def decide(self, ts: list[Target]):
        cands = self.candidates(ts)
        classes = {c for items in cands.values() for i in items for c in i.values("P31")}
        parents = self.wd.superclasses(sorted(classes), self.judge.rules.subclass_depth)
        with_posts = {t.iri for t in ts if t.posts}
        positions = self.wd.items(sorted({p for iri in with_posts for i in cands[iri] for p in i.values("P39")}))
        for t in ts:
            scored: list[Scored] = [self.judge.score(t, i, parents, positions) for i in cands[t.iri]]
            yield t, self.judge.decide(t, scored)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def link_store(settings: Settings, only_articles: list[str] | None = None,
               store: GraphStore | RemoteStore | None = None) -> LinkReport:
    """Link the store's entities (or those the articles `only_articles` mention) and publish."""
    table = LinkTable.load(table_path(settings))
    report = LinkReport(table=table.path)
    own = store is None
    if store is None:
        store = open_store(settings)
    try:
        view = read_store(store, settings.entities_graph)
        only = None
        if only_articles is not None:
            only = {e for a in only_articles for e in view.mentions.get(a, ())}
        _decide_all(settings, view, table, only, report)
        table.save()
        m = Minter(settings.base)
        report.written, report.removed = publish_links(store, m, settings.entities_graph, view.entities,
                                                       table.links())
    finally:
        if own:
            store.close()
    report.uncertain = table.uncertain(settings.link_review_below)
    return report


def _decide_all(settings: Settings, view: StoreView, table: LinkTable, only: set[str] | None,
                report: LinkReport) -> None:
    rules = load_rules()
    judge = Judge(rules, settings.link_threshold, settings.link_margin)
    today = now()
    links = {iri: link.qid for iri, link in table.links().items()}
    todo = targets(view, rules, links, only)
    report.checked = len(todo)
    report.reviewed = sum(1 for t in todo if table.reviewed(t.iri))
    todo = [t for t in todo if not table.reviewed(t.iri)]
    if not todo:
        return
    cache = AnswerCache(cache_path(settings))
    client = WikidataClient(settings.wikidata_api, settings.wikidata_contact, settings.wikidata_rate,
                            settings.wikidata_maxlag, settings.wikidata_retries, settings.wikidata_timeout)
    try:
        linker = Linker(Wikidata(client, cache), judge)
        final: dict[str, tuple[Target, Decision]] = {}
        for _ in range(ROUNDS):  # until no decision changes the context of another
            moved = False
            for t, d in linker.decide(todo):
                old = final.get(t.iri)
                moved |= old is None or (old[1].qid, old[1].score) != (d.qid, d.score)
                final[t.iri] = (t, d)
                if d.qid:
                    links[t.iri] = d.qid
                else:
                    links.pop(t.iri, None)
            if not moved:
                break
            todo = targets(view, rules, links, {t.iri for t in todo})
    finally:
        report.requests, report.cached = client.sent, cache.hits
        client.close()
        cache.close()
    for t, d in final.values():
        report.changed += table.record(t, d, today)
    decided = {iri: d.qid for iri, (_, d) in final.items()}
    report.linked = sum(1 for q in decided.values() if q)
    report.unlinked = len(decided) - report.linked


def review(settings: Settings) -> tuple[Path, list[dict]]:
    """The uncertain entries of the link table (no store, no request)."""
    table = LinkTable.load(table_path(settings))
    if not table.entries and not table.path.exists():
        raise UsageError(f"no link table at {table.path}: run `geonews link` first")
    return table.path, table.uncertain(settings.link_review_below)
