"""The link table: one JSON file (in the store directory unless `link_table` says otherwise) with
every decision `geonews link` made, its score, evidence, candidates and date. It is meant to be
read, edited and kept under version control: entries are sorted, and a user's `"review"` wins
over the algorithm on every later run ("accept": link to the entry's `qid`, which the user may
have changed; "reject": no link)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .decide import Decision, Target, capped
from .items import QID

FORMAT, VERSION = "geonews-wikidata-links", 1
REVIEWS = ("accept", "reject")
METHOD_AUTO, METHOD_REVIEW = "wikidata-search", "user-review"


@dataclass(frozen=True)
class Link:
    """A link to publish: what goes into the entities graph with its provenance."""

    entity: str
    qid: str
    confidence: float
    method: str
    evidence: str
    date: str


class LinkTable:
    def __init__(self, path: Path, entries: dict[str, dict] | None = None):
        self.path, self.entries = path, entries or {}

    @classmethod
    def load(cls, path: str | Path) -> LinkTable:
        """The table at `path` (empty if there is none); UsageError naming the entry if it is malformed."""
        path = Path(path)
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the link table: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("links"), list):
            raise UsageError(f"{path}: not a geonews link table (expected \"format\": \"{FORMAT}\" and \"links\")")
        if data.get("version") != VERSION:
            raise UsageError(f"{path}: link table version {data.get('version')!r}; "
                             f"this geonews reads version {VERSION}")
        entries = {}
        for i, entry in enumerate(data["links"]):
            where = f"{path}: links[{i}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("entity"), str):
                raise UsageError(f"{where}: an entry needs an \"entity\" IRI")
            review, qid = entry.get("review"), entry.get("qid")
            if review not in (None, *REVIEWS):
                raise UsageError(f"{where} ({entry['entity']}): \"review\" must be \"accept\", \"reject\" "
                                 f"or null, not {review!r}")
            if qid is not None and not (isinstance(qid, str) and QID.match(qid)):
                raise UsageError(f"{where} ({entry['entity']}): \"qid\" must be a Wikidata item id like "
                                 f"\"Q42\" or null, not {qid!r}")
            if review == "accept" and qid is None:
                raise UsageError(f"{where} ({entry['entity']}): \"accept\" needs the \"qid\" to link to")
            entries[entry["entity"]] = entry
        return cls(path, entries)

    def reviewed(self, entity: str) -> bool:
        return self.entries.get(entity, {}).get("review") is not None

    def record(self, t: Target, d: Decision, today: str) -> bool:
        """Store the algorithm's decision (never over a user's review); True if it changed."""
        old = self.entries.get(t.iri, {})
        if old.get("review") is not None:
            return False
        status = "linked" if d.qid else "unlinked"
        entry = {"entity": t.iri, "kind": t.kind, "label": t.label, "names": t.names, "status": status,
                 "qid": d.qid, "score": capped(d.score), "evidence": d.evidence, "reason": d.reason or None,
                 "candidates": [c.as_json() for c in d.candidates], "method": METHOD_AUTO,
                 "date": today, "review": None}
        changed = any(old.get(k) != entry[k] for k in ("status", "qid", "score"))
        if not changed:
            entry["date"] = old.get("date", today)
        self.entries[t.iri] = entry
        return changed

    def links(self) -> dict[str, Link]:
        """entity -> the link to publish: the algorithm's links, overridden by the user's reviews."""
        out = {}
        for iri, e in self.entries.items():
            review = e.get("review")
            if review == "reject" or e.get("qid") is None or (review is None and e.get("status") != "linked"):
                continue
            if review == "accept":
                out[iri] = Link(iri, e["qid"], 1.0, METHOD_REVIEW, "accepted in the link table by a user",
                                e.get("date") or "")
            else:
                out[iri] = Link(iri, e["qid"], min(1.0, float(e.get("score") or 0)), METHOD_AUTO,
                                "; ".join(e.get("evidence") or []), e.get("date") or "")
        return out

    def uncertain(self, review_below: float) -> list[dict]:
        """Entries a user should look at: unlinked ones with a compatible candidate, and links under
        `review_below`, leaving out what a user already reviewed."""
        out = []
        for e in self.entries.values():
            if e.get("review") is not None:
                continue
            if e.get("status") == "linked" and float(e.get("score") or 0) < review_below:
                out.append(e)
            elif e.get("status") == "unlinked" and any(c.get("compatible") for c in e.get("candidates", [])):
                out.append(e)
        return sorted(out, key=lambda e: (e.get("kind", ""), e.get("label", ""), e["entity"]))

    def save(self) -> None:
        """Write the table atomically (a temporary file renamed over it), entries sorted by entity."""
        data = {"format": FORMAT, "version": VERSION,
                "about": "Decisions of `geonews link`. To correct one, set \"review\" to \"accept\" (link to "
                         "\"qid\", which you may change) or \"reject\" (no link); the next `geonews link` "
                         "applies it and never overrides it.",
                "links": [self.entries[k] for k in sorted(self.entries)]}
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".wikidata-links.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
