"""Read articles from .txt (title on line 1), .json (one object or a list) and .jsonl files."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ArticleError
from .model import Article

SUFFIXES = (".txt", ".json", ".jsonl")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ].+)?$")
#: An absolute http(s) IRI with none of the characters N-Triples and SPARQL forbid in IRIs.
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus article files found (sorted) under directories."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def _decode(path: Path, data: bytes, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise ArticleError(str(path), f"too large ({len(data)} bytes; the limit is {max_bytes})")
    if b"\x00" in data:
        raise ArticleError(str(path), "binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    return text.removeprefix("\ufeff")


def _check_text(origin: str, title: str, text: str) -> None:
    if not text.strip():
        raise ArticleError(origin, "empty article (no text)")
    if not title.strip():
        raise ArticleError(origin, "article has no title")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(10, len(text) // 100):
        raise ArticleError(origin, f"looks binary ({controls} control characters)")


def _published(value: object, origin: str) -> str | None:
    """The ISO date (YYYY-MM-DD) of a 'published' value: a date, or a date-time."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        day = datetime.date.fromisoformat(text[:10])
        if len(text) > 10:
            datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ArticleError(origin, f"'published' must be an ISO date (YYYY-MM-DD), got {value!r}") from None
    return day.isoformat()


def from_record(record: object, origin: str) -> Article:
    """An Article from a JSON object with id, url, title, published, source, text."""
    if not isinstance(record, dict):
        raise ArticleError(origin, f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    text, title = record.get("text"), record.get("title")
    if not isinstance(text, str):
        raise ArticleError(origin, "missing or non-string 'text' field")
    if title is None:
        title = text.strip().split("\n", 1)[0][:200]
    if not isinstance(title, str):
        raise ArticleError(origin, "non-string 'title' field")
    for name in ("id", "url", "published", "source"):
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise ArticleError(origin, f"field {name!r} must be a string")
    url = record.get("url") or None
    if url is not None and not _URL.match(str(url)):
        raise ArticleError(origin, f"'url' must be an absolute http(s) URL, got {url!r}")
    published = _published(record.get("published"), origin)
    _check_text(origin, title, text)
    source = record.get("source")
    return Article(
        id=str(record.get("id") or ""), title=title.strip(), text=text,
        url=str(url) if url else None, published=published,
        source=str(source) if source not in (None, "") else None, origin=origin,
    )


def load(path: str | Path, max_bytes: int = 2_000_000) -> tuple[list[Article], list[ArticleError]]:
    """Articles in one file, and the errors of records that could not be read.

    A file-level problem (unreadable, binary, too large, bad JSON) is one error for the file;
    in a .jsonl or a JSON list, one bad record is skipped and the others are kept.
    """
    path = Path(path)
    try:
        text = _read_text(path, max_bytes)
        if not text.strip():
            raise ArticleError(str(path), "empty file (no text)" if not text else "empty file (only whitespace)")
        suffix = path.suffix.lower()
        if suffix == ".txt":
            title = text.lstrip().split("\n", 1)[0]
            _check_text(str(path), title, text)
            # a .txt article is identified by its file name: re-ingesting an edited file replaces it
            return [Article(id=f"file:{path.name}", title=title.strip(), text=text, origin=str(path))], []
        if suffix == ".json":
            try:
                doc = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ArticleError(str(path), f"invalid JSON: {exc}") from exc
            if isinstance(doc, list):
                if not doc:
                    raise ArticleError(str(path), "empty JSON list (no articles)")
                return _records((rec, f"{path}[{i}]") for i, rec in enumerate(doc))
            return [from_record(doc, str(path))], []
        return _records(_jsonl(path, text))
    except ArticleError as exc:
        return [], [exc]


def _read_text(path: Path, max_bytes: int) -> str:
    if path.suffix.lower() not in SUFFIXES:
        raise ArticleError(str(path), f"unsupported file type {path.suffix!r} (use .txt, .json or .jsonl)")
    try:
        if path.stat().st_size > max_bytes:
            raise ArticleError(str(path), f"too large ({path.stat().st_size} bytes; the limit is {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(str(path), exc.strerror or str(exc)) from exc
    return _decode(path, data, max_bytes)


def _jsonl(path: Path, text: str) -> Iterator[tuple[object, str]]:
    # split on "\n" only: str.splitlines() also splits at U+2028 etc., which JSON strings may hold
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                yield json.loads(line), f"{path}:{n}"
            except json.JSONDecodeError as exc:
                yield ArticleError(f"{path}:{n}", f"invalid JSON: {exc}"), f"{path}:{n}"


def _records(items: Iterable[tuple[object, str]]) -> tuple[list[Article], list[ArticleError]]:
    articles, errors = [], []
    for rec, origin in items:
        try:
            if isinstance(rec, ArticleError):
                raise rec
            articles.append(from_record(rec, origin))
        except ArticleError as exc:
            errors.append(exc)
    return articles, errors
