"""Read articles from .txt (title on line 1), .json (one object or a list), .jsonl, .md, HTML
pages and RSS/Atom feeds (`markup`). JSON fields may be renamed by a field map."""

from __future__ import annotations

import datetime
import email.utils
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError, UsageError
from ..model import Article
from . import markup

HTML = (".html", ".htm")
FEEDS = (".xml", ".rss", ".atom")
SUFFIXES = (".txt", ".json", ".jsonl", ".md", *HTML, *FEEDS)
FIELDS = ("id", "url", "title", "published", "source", "text")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ].+)?$")
#: An absolute http(s) IRI with none of the characters N-Triples and SPARQL forbid in IRIs.
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder and left out, with the reason (listed by `geonews ingest`)."""

    path: Path
    reason: str


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus article files found (sorted) under directories."""
    return walk(paths)[0]


def walk(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files named directly (read as given), plus the article files under directories, and the
    files a folder walk left out. A walk never leaves its folder: symbolic links are not followed
    into other directories, and a link to a file outside the folder is skipped."""
    out: list[Path] = []
    skipped: list[Skipped] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        root = p.resolve()
        found: list[Path] = []
        for folder, dirs, files in os.walk(p, followlinks=False):
            dirs.sort()
            for name in files:
                f = Path(folder) / name
                if f.is_symlink() and not _inside(f.resolve(), root):
                    skipped.append(Skipped(f, "a symbolic link to a file outside the folder"))
                elif not f.is_file():
                    skipped.append(Skipped(f, "not a regular file"))
                elif f.suffix.lower() not in SUFFIXES:
                    skipped.append(Skipped(f, f"unsupported file type {f.suffix or '(none)'!r} "
                                              f"(articles are {', '.join(SUFFIXES)})"))
                else:
                    found.append(f)
            for name in dirs:
                d = Path(folder) / name
                if d.is_symlink():
                    skipped.append(Skipped(d, "a symbolic link to a folder (not followed)"))
        out.extend(sorted(found))
    return out, sorted(skipped, key=lambda s: s.path)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


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
    """The date (YYYY-MM-DD, as stated) of a 'published' value: an ISO 8601 date or date-time,
    or an RFC 2822 date as feeds and e-mail write it ("Tue, 01 Dec 2026 10:00:00 GMT")."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if _ISO_DATE.match(text):
            day = datetime.date.fromisoformat(text[:10])
            if len(text) > 10:
                datetime.datetime.fromisoformat(text)
            return day.isoformat()
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (ValueError, TypeError):
        raise ArticleError(origin, "'published' must be an ISO 8601 date (YYYY-MM-DD, or a date "
                                   f"and time) or an RFC 2822 date, got {value!r}") from None


def parse_field_map(spec: str | None) -> dict[str, str]:
    """`title=headline,text=body` -> {"title": "headline", "text": "body"}; raises UsageError."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        field, eq, source = part.partition("=")
        field, source = field.strip(), source.strip()
        if not eq or not source:
            raise UsageError(f"--map {part!r}: write field=source, e.g. title=headline")
        if field not in FIELDS:
            raise UsageError(f"--map {part!r}: {field!r} is not an article field "
                             f"({', '.join(FIELDS)})")
        out[field] = source
    return out


def remap(record: object, fields: dict[str, str] | None) -> object:
    """The record with each mapped field read from its source name (a.b reads nested objects)."""
    if not fields or not isinstance(record, dict):
        return record
    out = dict(record)
    for field, source in fields.items():
        value: object = record
        for step in source.split("."):
            value = value.get(step) if isinstance(value, dict) else None
        out[field] = value
    return out


def from_record(record: object, origin: str, fields: dict[str, str] | None = None) -> Article:
    """An Article from a JSON object with id, url, title, published, source, text (or the
    names `fields` maps them to)."""
    record = remap(record, fields)
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


def load(path: str | Path, max_bytes: int = 2_000_000, fields: dict[str, str] | None = None,
         max_page_bytes: int | None = None) -> tuple[list[Article], list[ArticleError]]:
    """Articles in one file, and the errors of records that could not be read.

    A file-level problem (unreadable, binary, too large, bad JSON or XML) is one error for the
    file; in a .jsonl, a JSON list or a feed, one bad record is skipped and the others are kept.
    HTML pages and feeds may be up to `max_page_bytes` of markup; the text they give, like any
    article, at most `max_bytes`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    page_limit = max(max_bytes, max_page_bytes or 0)

    def checked(record: dict, origin: str) -> Article:
        article = from_record(record, origin)
        if len(article.text.encode("utf-8")) > max_bytes:
            raise ArticleError(origin, f"the text is too large (the limit is {max_bytes} bytes)")
        return article

    try:
        if suffix in HTML:
            return [markup.page(path, _read_bytes(path, page_limit), checked)], []
        if suffix in FEEDS:
            return markup.feed(path, _read_bytes(path, page_limit), checked,
                               lambda p: _read_bytes(p, page_limit))
        text = _read_text(path, max_bytes)
        if not text.strip():
            raise ArticleError(str(path), "empty file (no text)" if not text else "empty file (only whitespace)")
        if suffix == ".txt":
            title = text.lstrip().split("\n", 1)[0]
            _check_text(str(path), title, text)
            # a .txt article is identified by its file name: re-ingesting an edited file replaces it
            return [Article(id=f"file:{path.name}", title=title.strip(), text=text, origin=str(path))], []
        if suffix == ".md":
            return [markup.markdown(path, text, checked)], []
        if suffix == ".json":
            doc = _json(text, str(path))
            if isinstance(doc, list):
                if not doc:
                    raise ArticleError(str(path), "empty JSON list (no articles)")
                return _records(((rec, f"{path}[{i}]") for i, rec in enumerate(doc)), fields)
            return [from_record(doc, str(path), fields)], []
        return _records(_jsonl(path, text), fields)
    except ArticleError as exc:
        return [], [exc]


def _read_bytes(path: Path, max_bytes: int, allow_empty: bool = False) -> bytes:
    if path.suffix.lower() not in SUFFIXES:
        raise ArticleError(str(path), f"unsupported file type {path.suffix!r} (use {', '.join(SUFFIXES)})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(str(path), f"too large ({size} bytes; the limit is {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(str(path), exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise ArticleError(str(path), f"too large ({len(data)} bytes; the limit is {max_bytes})")
    if not allow_empty and not data.strip():
        raise ArticleError(str(path), "empty file (no text)")
    return data


def _read_text(path: Path, max_bytes: int) -> str:
    return _decode(path, _read_bytes(path, max_bytes, allow_empty=True), max_bytes)


def _jsonl(path: Path, text: str) -> Iterator[tuple[object, str]]:
    # split on "\n" only: str.splitlines() also splits at U+2028 etc., which JSON strings may hold
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            try:
                yield _json(line, f"{path}:{n}"), f"{path}:{n}"
            except ArticleError as exc:
                yield exc, f"{path}:{n}"


def _json(text: str, origin: str) -> object:
    """Parsed JSON; hostile documents (deep nesting, numbers of thousands of digits) are errors
    of that document, like any other malformed input."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ArticleError(origin, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, and int() refusing thousands of digits
        raise ArticleError(origin, f"invalid JSON: {exc}") from None


def _records(items: Iterable[tuple[object, str]], fields: dict[str, str] | None = None
             ) -> tuple[list[Article], list[ArticleError]]:
    articles, errors = [], []
    for rec, origin in items:
        try:
            if isinstance(rec, ArticleError):
                raise rec
            articles.append(from_record(rec, origin, fields))
        except ArticleError as exc:
            errors.append(exc)
    return articles, errors
