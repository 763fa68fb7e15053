"""Articles from markup: HTML pages (trafilatura), RSS and Atom feeds (feedparser), Markdown.

Nothing here opens a network connection. An HTML page gives its main text, title, date and URL;
its canonical URL (or og:url) identifies it, else its file name. A feed gives one article per
entry: the entry's own content, or the local HTML file its link names (inside the feed's
folder); an entry that only links to a web page is an error of that entry, since ingest never
fetches. Feeds are checked with defusedxml first, so a DTD that declares entities (an
entity-expansion bomb) or external references is refused before any parser expands them.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser
import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

from ..errors import ArticleError
from ..model import Article

#: Elements whose text ends a paragraph (a line break ends a sentence in the NLP stage).
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th",
          "dd", "dt", "figcaption", "div")
#: HTML pages with more elements than this are refused (trafilatura's max_tree_size).
MAX_ELEMENTS = 100_000

#: (record as from_record reads it, origin) -> Article; supplied by the reader.
ToArticle = Callable[[dict, str], Article]


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per line (blocks joined by blank lines)."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts: list[str] = []
    blocks = [e for e in root.iter(*BLOCKS) if not any(c.tag in BLOCKS for c in e.iterdescendants())]
    for e in blocks or [root]:
        text = " ".join(e.text_content().split())
        if text:
            parts.append(text)
    return "\n\n".join(parts)


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_ELEMENTS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # a signal-based timeout: not in threads
    return config


def page(path: Path, data: bytes, to_article: ToArticle, origin: str | None = None,
         defaults: dict | None = None) -> Article:
    """An article from one HTML page (main text by trafilatura); `defaults` (a feed entry's
    fields) fill what the page does not state."""
    from trafilatura import bare_extraction

    origin = origin or str(path)
    try:
        doc = bare_extraction(data, with_metadata=True, config=_config(),
                              include_comments=False, include_tables=False)
    except (ValueError, etree.LxmlError) as exc:
        raise ArticleError(origin, f"cannot read the HTML page: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise ArticleError(origin, "no article text found in the HTML page (empty, not an "
                                   f"article, or more than {MAX_ELEMENTS:,} elements)")
    record = dict(defaults or {})
    url = doc.url if doc.url and doc.url.startswith(("http://", "https://")) else None
    record.setdefault("id", url or f"file:{path.name}")
    for key, value in (("url", url), ("title", doc.title), ("published", doc.date),
                       ("source", doc.sitename)):
        if value and not record.get(key):
            record[key] = value
    record["text"] = doc.text
    return to_article(record, origin)


def markdown(path: Path, text: str, to_article: ToArticle) -> Article:
    """A Markdown article: title from the first line (its '#' marks dropped), text rendered."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    body = html_text(MarkdownIt("commonmark").render(text))
    return to_article({"id": f"file:{path.name}", "title": first.strip().lstrip("#").strip(),
                       "text": body}, str(path))


def _check_xml(data: bytes, origin: str) -> None:
    """Refuse invalid XML, entity declarations and external references before feedparser."""
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        raise ArticleError(origin, "the feed declares XML entities (refused: entity expansion "
                                   "can exhaust memory)") from None
    except defusedxml.DefusedXmlException as exc:
        raise ArticleError(origin, f"the feed is refused: {exc}") from None
    except ET.ParseError as exc:
        raise ArticleError(origin, f"invalid XML: {exc}") from None


def _local_link(feed: Path, link: str) -> Path | None:
    """The local file an entry's link names, or None for a web link; raises ValueError for a
    local path outside the feed's folder."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https", "ftp") or parts.netloc:
        return None
    if parts.scheme not in ("", "file"):
        raise ValueError(f"link {link!r} has an unsupported scheme")
    target = Path(unquote(parts.path))
    target = (target if target.is_absolute() else feed.parent / target).resolve()
    root = feed.parent.resolve()
    if root not in target.parents:
        raise ValueError(f"link {link!r} points outside the feed's folder")
    return target


def feed(path: Path, data: bytes, to_article: ToArticle, read_page: Callable[[Path], bytes]
         ) -> tuple[list[Article], list[ArticleError]]:
    """One article per entry of an RSS or Atom feed; a bad entry is an error of its own."""
    _check_xml(data, str(path))
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False,
                              sanitize_html=True)
    if not parsed.version:
        raise ArticleError(str(path), "not an RSS or Atom feed")
    if not parsed.entries:
        raise ArticleError(str(path), "the feed has no entries")
    articles, errors = [], []
    for i, entry in enumerate(parsed.entries):
        origin = f"{path}[entry {i + 1}]"
        try:
            articles.append(_entry(path, entry, origin, to_article, read_page))
        except ArticleError as exc:
            errors.append(exc)
    return articles, errors


def _entry(path: Path, entry, origin: str, to_article: ToArticle,
           read_page: Callable[[Path], bytes]) -> Article:
    link = entry.get("link") or ""
    record = {"id": entry.get("id") or link or None, "title": entry.get("title"),
              "published": entry.get("published") or entry.get("updated"),
              "source": None}
    if link.startswith(("http://", "https://")):
        record["url"] = link
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    kind = content[0].get("type", "text/html") if content else "text/html"
    text = html_text(html) if "html" in kind else html.strip()
    if text:
        record["text"] = text
        record["id"] = record["id"] or f"file:{path.name}:{record['title']}"
        return to_article(record, origin)
    if not link:
        raise ArticleError(origin, "the entry has no content and no link")
    try:
        local = _local_link(path, link)
    except ValueError as exc:
        raise ArticleError(origin, str(exc)) from None
    if local is None:
        raise ArticleError(origin, f"the entry has no text of its own and links to {link}: "
                                   "ingest does not fetch web pages")
    record["id"] = record["id"] or f"file:{local.name}"
    return page(local, read_page(local), to_article, origin=f"{origin} -> {local.name}",
                defaults={k: v for k, v in record.items() if v})
