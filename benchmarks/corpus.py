"""The benchmark corpus: the 13 real articles (seeds/ and the devset texts) replicated N times.

Each copy gets a different title line, so its text, and therefore its article IRI, is new to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geonews.pipeline import articles as article_io
from geonews.pipeline.model import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "devset" / "texts")


@dataclass
class Corpus:
    folder: Path  # one .txt file per article, in ingest order
    articles: list[Article]
    originals: int  # distinct source articles
    copies: int

    @property
    def words(self) -> int:
        """Whitespace-separated words (the unit of the NLP throughput figures)."""
        return sum(len(a.text.split()) for a in self.articles)


def originals() -> list[tuple[str, str]]:
    """(file name, text) of each source article, sorted, as `geonews ingest` would read them."""
    out = []
    for path in [p for p in article_io.expand(SOURCES) if p.suffix == ".txt"]:  # not SOURCES.md
        found, errors = article_io.load(path)
        if errors or len(found) != 1:
            raise RuntimeError(f"cannot read the benchmark article {path}: {errors}")
        out.append((path.name, found[0].text))
    if not out:
        raise RuntimeError(f"no articles under {', '.join(map(str, SOURCES))}")
    return out


def build(folder: Path, copies: int) -> Corpus:
    """Write `copies` distinct copies of every source article into `folder` and load them back."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = originals()
    for i in range(copies):
        for name, text in sources:
            title, sep, rest = text.lstrip().partition("\n")
            (folder / f"{i:03d}-{name}").write_text(f"{title} (copy {i + 1}){sep}{rest}", encoding="utf-8")
    items: list[Article] = []
    for path in article_io.expand([folder]):
        found, errors = article_io.load(path)
        if errors:
            raise RuntimeError(f"cannot read the benchmark copy {path}: {errors[0]}")
        items.extend(found)
    return Corpus(folder, items, len(sources), copies)
