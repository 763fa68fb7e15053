"""One-off: write pipeline/data/state_names.csv, the English formal and former names of the
gazetteer's states ('Republic of Macedonia', 'Kingdom of Swaziland', 'State of Eritrea') from the
`countryinfo` package (PyPI, MIT; its per-country JSON files carry `name` and `altSpellings`),
matched to gazetteer rows by ISO 3166 alpha-3 code. Run it in any venv with countryinfo installed
(it is not a runtime dependency):

    python -m venv /tmp/ci && /tmp/ci/bin/pip install countryinfo==1.0.1
    /tmp/ci/bin/python scripts/build_state_names.py

Kept: countryinfo's `name` and the alternative spellings that hold an English word for a state
('Republic', 'Kingdom', ...); left out: codes ('SV'), names in other languages or scripts
('República de El Salvador'), inverted forms ('Korea, Republic of'), and any name another
gazetteer row already has (no name may point at two entries)."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"
SOURCE = "countryinfo 1.0.1 (PyPI, MIT), data/<country>.json 'name' and 'altSpellings'"
STATE_WORD = re.compile(r"\b(Republic|Kingdom|State|States|Federation|Emirates?|Sultanate|Principality|"
                        r"Commonwealth|Union|Confederation)\b")
ENGLISH = re.compile(r"^[A-Z][A-Za-z'’\- ]+$")
FUNCTION_WORDS = {"of", "the", "and"}  # any other lower-case word is not English ('Union des Comores')


def gazetteer_rows() -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def known_names() -> dict[str, set[str]]:
    """Lower-cased name -> keys of the gazetteer and aliases.csv rows that have it."""
    out: dict[str, set[str]] = {}
    rows = gazetteer_rows()
    lines = [ln for ln in (DATA / "aliases.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    rows += [{"qid": r["key"], **r} for r in csv.DictReader(lines)]
    for r in rows:
        for name in [r["label"], *r["aliases"].split("|")]:
            if name.strip():
                out.setdefault(name.strip().lower(), set()).add(r["qid"])
    return out


def countryinfo_names() -> dict[str, list[str]]:
    """ISO alpha-3 -> countryinfo's English names of the country."""
    out: dict[str, list[str]] = {}
    for path in files("countryinfo").joinpath("data").iterdir():
        if not path.name.endswith(".json"):
            continue
        d = json.loads(path.read_text(encoding="utf-8"))
        iso3 = (d.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        names = [d.get("name") or ""] + [a for a in d.get("altSpellings") or [] if STATE_WORD.search(a)]
        out.setdefault(iso3, []).extend(n.strip() for n in names if _english(n.strip()))
    return out


def _english(name: str) -> bool:
    return len(name) > 3 and bool(ENGLISH.match(name)) \
        and all(w in FUNCTION_WORDS or w[0].isupper() for w in name.split())


def main() -> None:
    known = known_names()
    by_iso = countryinfo_names()
    rows = []
    for r in gazetteer_rows():
        iso = re.search(r"ISO3 ([A-Z]{3})", r["verified_by"])
        if r["type"] != "State" or iso is None:
            continue
        new = sorted({n for n in by_iso.get(iso.group(1), []) if n.lower() not in known})
        if new:
            rows.append([r["qid"], "", "State", "|".join(new)])
    out = io.StringIO()
    out.write(f"# English formal and former names of gazetteer states, by scripts/build_state_names.py from {SOURCE}\n"
              "# (matched by ISO 3166 alpha-3 code); read like aliases.csv: key = QID, empty label = keep.\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["key", "label", "type", "aliases"])
    w.writerows(rows)
    (DATA / "state_names.csv").write_text(out.getvalue(), encoding="utf-8")
    print(f"{len(rows)} states, {sum(len(r[3].split('|')) for r in rows)} names")


if __name__ == "__main__":
    main()
