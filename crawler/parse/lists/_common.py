"""Helpers the list adapters share: one list row → ListItem, URL resolution, lenient JSON.

A row is whatever element holds one document: `<li>`, `<tr>`, `<dl>`, a CDATA record. Its document is
the row's main link; its date is a date shown in the row *outside* the title (titles such as
"关于做好2025-2026学年…的通知" must not lend their numbers to the date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html
from parsel import Selector

from crawler.parse.dates import parse_date
from crawler.parse.text import collapse, element_text, squash
from crawler.parse.types import ListItem

MAX_ROW_LINKS = 4  # a document row links its document, maybe an attachment or a 解读; menus link more
MAX_ROW_TEXT = 600

_BAD_HREF_RE = re.compile(r"^\s*(javascript:|mailto:|tel:|#|data:|about:|vbscript:)", re.I)
# URLs that name one document (TRS, Hanweb, jpaas/gov.cn, gkmlpt, numeric ids, files, id= queries).
DOC_URL_RE = re.compile(
    r"/t\d{8}_\d+|art_\d+_\d+|content_\d+|/post_\d+|/\d{5,}\.s?html?$|/\d{6}/[^/]+\.s?html?$|"
    r"\.(pdf|docx?|xlsx?|wps|ofd|et)$|[?&](docid|id|articleid|infoid|newsid|contentid|articleId|docId)=\w+",
    re.I,
)
_YEAR_RE = re.compile(r"[12０-９１２]\d{3}|[１２][０-９]{3}")
# The subset that certainly names a document page (not a channel page like `list.jsp?id=12`).
DOCUMENT_PAGE_RE = re.compile(
    r"/t\d{8}_\d+|/art_\d+_\d+|/content_\d+|/post_\d+|/\d{5,}\.s?html?$|"
    r"[?&](docid|articleid|infoid|newsid|contentid)=\w+",
    re.I,
)
_TRUNCATED_RE = re.compile(r"(\.\.\.|…|。。。)$")


def usable_href(href: str | None) -> bool:
    """False for empty, `#`, `javascript:`, `mailto:`… links that lead to no document."""
    return bool(href and href.strip()) and not _BAD_HREF_RE.match(href)


def absolute(base: str, href: str) -> str:
    """Absolute URL without fragment; whitespace that CMS templates leave inside hrefs is dropped."""
    href = href.strip()
    if "\n" in href or "\r" in href or "\t" in href:
        href = re.sub(r"[\r\n\t]", "", href)
    if href.startswith(("http://", "https://")) and "/./" not in href and "/../" not in href:
        return href.split("#", 1)[0]
    return _join(base, href)


@lru_cache(maxsize=4096)
def _join(base: str, href: str) -> str:
    return urldefrag(urljoin(base, href))[0]


def base_url(sel: Selector, url: str) -> str:
    """The page's `<base href>` resolved against its URL, or the URL itself."""
    for el in sel.root.iter("base"):
        href = el.get("href")
        if href and href.strip():
            return urljoin(url, href.strip())
    return url


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_doc_url(url: str) -> bool:
    """Looks like a document or file (used to score list rows)."""
    return bool(DOC_URL_RE.search(url))


def is_document_page(url: str) -> bool:
    """Certainly a document's own page: its "相关文件" boxes are not the column's list."""
    return bool(DOCUMENT_PAGE_RE.search(url))


def _anchor_title(a: etree._Element, skip: etree._Element | None = None) -> str:
    """The link's title attribute when the text is cut short or padded (`…`, a date), else its text."""
    text = collapse(element_text(a, skip))
    title = collapse(a.get("title"))
    if title and (not text or _TRUNCATED_RE.search(text) or len(title) >= len(text)
                  or text.startswith(title)):
        return title
    return text or title


def row_links(row: etree._Element) -> list[etree._Element]:
    """The row's usable links; stops counting once there are more than a document row has."""
    links = []
    for a in row.iter("a"):
        if usable_href(a.get("href")):
            links.append(a)
            if len(links) > MAX_ROW_LINKS:
                break
    return links


def row_item(row: etree._Element, base: str | None,
             links: list[etree._Element] | None = None) -> ListItem | None:
    """The document a list row shows, or None when the row is not one document.

    With `base=None` the URL is left as written (callers that judge many candidate rows resolve only
    the ones they keep).
    """
    links = row_links(row) if links is None else links
    if not links or len(links) > MAX_ROW_LINKS:
        return None
    titles = [(_anchor_title(a), a) for a in links]
    title, main = max(titles, key=lambda pair: len(pair[0]))
    if not title:
        return None
    rest = element_text(row, skip=main)
    if len(rest) > MAX_ROW_TEXT * 2 or len(squash(rest)) > MAX_ROW_TEXT:
        return None
    day = parse_date(rest) if _YEAR_RE.search(rest) else None
    if day is None:
        inside = _date_inside_anchor(main)
        if inside is not None:
            day, date_el = inside
            title = _anchor_title(main, skip=date_el) or title
    href = main.get("href")
    url = absolute(base, href) if base is not None else href.strip()
    return ListItem(title=title, url=url, date=day, date_source="list" if day else None)


def _date_inside_anchor(a: etree._Element) -> tuple[date, etree._Element] | None:
    """Some lists put the date inside the link: `<a>title<span class="date">2024-07-01</span></a>`."""
    if len(a) == 0:
        return None
    for child in a.iter():
        if child is a or not isinstance(child.tag, str):
            continue
        text = collapse(element_text(child))
        if text and len(text) <= 25:
            found = parse_date(text)
            if found:
                return found, child
    return None


def fragment(markup: str) -> etree._Element:
    """Parse an HTML fragment (a CDATA record, a comment's content) into a container element."""
    return html.fragment_fromstring(markup, create_parent="div")


def items_from_fragments(fragments: Iterable[str], base: str) -> list[ListItem]:
    items = []
    for markup in fragments:
        if not markup.strip():
            continue
        try:
            item = row_item(fragment(markup), base)
        except (etree.ParserError, ValueError):
            continue
        if item:
            items.append(item)
    return items


def loads_lenient(text: str) -> Any:
    """JSON, tolerating the trailing commas and BOM TRS-generated feeds carry; None if not JSON."""
    text = text.strip().lstrip("\ufeff")
    for candidate in (text, re.sub(r",\s*([\]}])", r"\1", text)):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def strip_tags(text: str | None) -> str:
    """Titles from JSON APIs may carry highlight markup (`<font color=red>`)."""
    return collapse(re.sub(r"<[^>]+>", "", text or ""))


def json_date(record: dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            found = parse_date(value)
            if found:
                return found
    return None


def first_str(record: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
