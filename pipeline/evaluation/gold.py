"""Gold annotation files (docs/ARCHITECTURE.md, "Gold annotations"): facts, entities, and the
article text each one annotates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError


@dataclass
class Gold:
    path: Path
    text_path: Path
    entities: list[dict]
    facts: list[dict]

    @property
    def optional(self) -> list[dict]:
        """Facts a system may state or not: counted neither as found nor as missing."""
        return [f for f in self.facts if f.get("optional")]

    @property
    def required(self) -> list[dict]:
        return [f for f in self.facts if not f.get("optional")]


def find_text(gold_path: Path, doc: dict) -> Path:
    """The article a gold file annotates: its 'document', or texts/<stem>.txt beside gold/."""
    names = [doc["document"]] if doc.get("document") else []
    names += [f"{gold_path.stem}.txt"]
    for name in names:
        for folder in (gold_path.parent, gold_path.parent.parent, gold_path.parent.parent / "texts"):
            if (folder / name).is_file():
                return folder / name
    raise UsageError(f"{gold_path}: cannot find the annotated article ({', '.join(names)})")


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read gold annotations: {exc}") from exc
    return Gold(path, find_text(path, doc), doc.get("entities", []), doc.get("facts", []))
