"""What geonews reads from Wikidata: search hits (wbsearchentities) and items (wbgetentities),
asked through the polite client and kept in the cache, one cached answer per name and per item."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field

from .cache import AnswerCache
from .client import WikidataClient

#: Results asked per name (the API's default is 7, its maximum 50 for ordinary clients).
SEARCH_LIMIT = 10
#: Most ids in one wbgetentities request (the API's limit for ordinary clients).
BATCH = 50
#: The one set of props asked for every item, so that an item is fetched (and cached) once.
PROPS = "labels|aliases|descriptions|claims"
LANGUAGE = "en"
#: Statements read from each item (instance of, subclass of, country, citizenship, position, member of).
PROPERTIES = ("P31", "P279", "P17", "P27", "P39", "P463")
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass
class Hit:
    """One wbsearchentities result: the item and the term that matched the name."""

    qid: str
    label: str
    description: str
    matched: str


@dataclass
class Item:
    """An item's English terms and its item-valued statements of PROPERTIES (deprecated ones left out)."""

    qid: str
    label: str = ""
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    claims: dict[str, list[str]] = field(default_factory=dict)
    missing: bool = False

    def values(self, prop: str) -> list[str]:
        return self.claims.get(prop, [])

    def describe(self) -> str:
        return f"{self.qid} ({self.label})" if self.label else self.qid


def parse_item(qid: str, data: dict) -> Item:
    """An entity object of a wbgetentities answer (`missing: ""` for an id that does not exist)."""
    if "missing" in data:
        return Item(qid=qid, missing=True)
    labels, descriptions = data.get("labels") or {}, data.get("descriptions") or {}
    aliases = (data.get("aliases") or {}).get(LANGUAGE, [])
    claims: dict[str, list[str]] = {}
    for prop in PROPERTIES:
        for statement in (data.get("claims") or {}).get(prop, []):
            snak = statement.get("mainsnak", {})
            value = (snak.get("datavalue") or {}).get("value")
            if (statement.get("rank") != "deprecated" and snak.get("snaktype") == "value"
                    and isinstance(value, dict) and isinstance(value.get("id"), str)):
                if value["id"] not in claims.setdefault(prop, []):
                    claims[prop].append(value["id"])
    return Item(qid=str(data.get("id", qid)), label=(labels.get(LANGUAGE) or {}).get("value", ""),
                description=(descriptions.get(LANGUAGE) or {}).get("value", ""),
                aliases=[a["value"] for a in aliases if isinstance(a, dict) and "value" in a], claims=claims)


class Wikidata:
    """Search and fetch through the client, asking the API only what the cache does not hold."""

    def __init__(self, client: WikidataClient, cache: AnswerCache):
        self.client, self.cache = client, cache
        self._items: dict[str, Item] = {}

    def search(self, name: str) -> list[Hit]:
        params = {"action": "wbsearchentities", "search": name, "language": LANGUAGE, "uselang": LANGUAGE,
                  "type": "item", "limit": str(SEARCH_LIMIT)}
        question = "wbsearchentities?" + urllib.parse.urlencode(sorted(params.items()))
        answer = self.cache.get(question)
        if answer is None:
            answer = self.client.call(params)
            self.cache.put(question, answer)
        hits = []
        for r in answer.get("search", []) if isinstance(answer, dict) else []:
            if isinstance(r, dict) and QID.match(str(r.get("id", ""))):
                hits.append(Hit(r["id"], r.get("label", ""), r.get("description", ""),
                                (r.get("match") or {}).get("text", r.get("label", ""))))
        return hits

    def items(self, qids: Iterable[str]) -> dict[str, Item]:
        """The items (redirects followed, missing ones marked) by the ids asked, batched by BATCH."""
        wanted = [q for q in dict.fromkeys(qids) if QID.match(q)]
        todo = []
        for q in wanted:
            if q in self._items:
                continue
            cached = self.cache.get(self._question(q))
            if cached is None:
                todo.append(q)
            else:
                self._items[q] = parse_item(q, cached)
        for start in range(0, len(todo), BATCH):
            batch = todo[start:start + BATCH]
            answer = self.client.call({"action": "wbgetentities", "ids": "|".join(batch), "props": PROPS,
                                       "languages": LANGUAGE})
            entities = answer.get("entities") or {}
            for q in batch:
                data = entities.get(q, {"id": q, "missing": ""})
                self.cache.put(self._question(q), data)
                self._items[q] = parse_item(q, data)
        return {q: self._items[q] for q in wanted}

    @staticmethod
    def _question(qid: str) -> str:
        return f"wbgetentities?ids={qid}&languages={LANGUAGE}&props={PROPS}"

    def superclasses(self, classes: Iterable[str], depth: int) -> dict[str, list[str]]:
        """class -> its P279 (subclass of) values, for `classes` and their superclasses up to `depth`
        levels, fetched level by level in batches."""
        known: dict[str, list[str]] = {}
        level = set(classes)
        for _ in range(depth):
            level -= set(known)
            if not level:
                break
            fetched = self.items(sorted(level))
            nxt: set[str] = set()
            for q, item in fetched.items():
                known[q] = item.values("P279")
                nxt.update(known[q])
            level = nxt
        return known
