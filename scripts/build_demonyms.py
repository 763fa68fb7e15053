"""One-off: write pipeline/data/demonyms.csv, adding a demonym for every gazetteer state the
hand-made list lacks, from the `countryinfo` package (PyPI, MIT; its per-country JSON files carry
a `demonym` field). Run it in any venv with countryinfo installed (it is not a runtime
dependency):

    python -m venv /tmp/ci && /tmp/ci/bin/pip install countryinfo==1.0.1
    /tmp/ci/bin/python scripts/build_demonyms.py

The rows already in the file are kept as they are (they were curated by hand and some carry
plural nouns); a countryinfo demonym is added for a state only when it names no other state
(countryinfo gives 'Congolese' for both Congos and 'Dominican' for Dominica and the Dominican
Republic: such words stay out) and is not a regional adjective (SKIP)."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"
SOURCE = "countryinfo 1.0.1 (PyPI, MIT), data/<country>.json 'demonym'"
#: demonyms that are also the adjective of a region wider than the state
SKIP = {"Central African": "the region (Central African states), not only the Central African Republic",
        "Micronesian": "the region (Micronesia), not only the Federated States of Micronesia"}
HEADER = ("# Nationality adjectives and plural nouns -> the state's name as the gazetteer (or aliases.csv) "
          "spells it.\n# Rows before the marker were curated by hand; rows after it were added by "
          f"scripts/build_demonyms.py from {SOURCE}\n# for the gazetteer's states the hand-made list lacked.\n")
MARKER = "# -- added from countryinfo --"


def gazetteer_states() -> list[dict[str, str]]:
    lines = [ln for ln in (DATA / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [r for r in csv.DictReader(lines) if r["type"] == "State"]


def curated_rows() -> list[tuple[str, str]]:
    """The hand-made rows: everything in the file before the marker."""
    text = (DATA / "demonyms.csv").read_text(encoding="utf-8").split(MARKER)[0]
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [(r["demonym"], r["state"]) for r in csv.DictReader(lines)]


def countryinfo_demonyms() -> dict[str, str]:
    """ISO alpha-3 -> the demonym countryinfo gives (first of several)."""
    out: dict[str, str] = {}
    for path in files("countryinfo").joinpath("data").iterdir():
        if not path.name.endswith(".json"):
            continue
        d = json.loads(path.read_text(encoding="utf-8"))
        iso3, demonym = (d.get("ISO") or {}).get("alpha3"), (d.get("demonym") or "").strip()
        demonym = re.split(r"\s*(?:,|/| or )\s*", demonym)[0]
        if iso3 and demonym and demonym[0].isupper():
            out.setdefault(iso3, demonym)
    return out


def main() -> None:
    states = gazetteer_states()
    names = {s["label"]: {s["label"], *[a for a in s["aliases"].split("|") if a]} for s in states}
    rows = curated_rows()
    covered = {next((label for label, ns in names.items() if state in ns), state) for _, state in rows}
    taken = {d.lower() for d, _ in rows}
    by_iso = countryinfo_demonyms()
    wanted: dict[str, list[str]] = {}
    for s in states:
        iso = re.search(r"ISO3 ([A-Z]{3})", s["verified_by"])
        demonym = by_iso.get(iso.group(1)) if iso else None
        if s["label"] not in covered and demonym and demonym not in SKIP:
            wanted.setdefault(demonym, []).append(s["label"])
    added = []
    for demonym, labels in sorted(wanted.items()):
        others = [v for v in by_iso.values() if v == demonym]
        if len(labels) == 1 and len(others) == 1 and demonym.lower() not in taken:
            added.append((demonym, labels[0]))
    out = io.StringIO()
    out.write(HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["demonym", "state"])
    w.writerows(rows)
    out.write(MARKER + "\n")
    w.writerows(added)
    (DATA / "demonyms.csv").write_text(out.getvalue(), encoding="utf-8")
    missing = sorted({s["label"] for s in states} - covered - {label for _, label in added})
    print(f"{len(rows)} curated rows kept, {len(added)} added; states still without a demonym: {missing}")


if __name__ == "__main__":
    main()
