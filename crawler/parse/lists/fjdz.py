"""Fujian 政务云 "trt" templates (TRS backend, avalon.js front end): static rows plus a search API.

Lists are "动静结合" (cms-patterns.md §3, realpages #5): the HTML carries the first page(s) of rows in
`<div ms-visible="showStatic">`, and the script says how many records the column has:

    listModel({quickMode:"动静结合", maxStaticIndex:1,
               listArgs:{channelid: SiteInfo.searchId /*200210*/, classsql:"chnlid=1813",
                         sortfield:"-docorderpri,-docreltime"},
               pagebar:{prepage:10, recordCount:'20'}})

(some templates keep these values in a `pageChnlInfo = {…}` object instead). The records beyond the
static rows come from `POST {origin}/fjdzapp/search` with `channelid`, `classsql`, `sortfield`, `page`,
`prepage`; its JSON answer `{"data":[{"doctitle","docreltime","chnldocurl"|"docpuburl"}…]}` is read here
as a list too.
"""

from __future__ import annotations

import math
import re
from typing import Any

from lxml import etree
from parsel import Selector

from crawler.parse.lists._common import (
    absolute,
    base_url,
    first_str,
    is_document_page,
    json_date,
    loads_lenient,
    looks_like_json,
    origin,
    row_item,
    strip_tags,
)
from crawler.parse.lists.html import find_items
from crawler.parse.types import ListItem, ListResult, PageRequest

SEARCH_PATH = "/fjdzapp/search"
DEFAULT_SORT = "-docorderpri,-docreltime"
MAX_REQUESTS = 500

_STATIC_XPATH = etree.XPath("//*[@ms-visible='showStatic']")
_ROW_TAGS = ("li", "dl", "tr")
_NUM = r"\s*:\s*['\"]?(\d+)"
_MAX_STATIC_RE = re.compile(r"maxStaticIndex" + _NUM)
_PREPAGE_RE = re.compile(r"prepage" + _NUM)
_RECORDS_RE = re.compile(r"recordCount" + _NUM)
_CHANNEL_RE = re.compile(r"channelid" + _NUM)
_SEARCH_ID_RE = re.compile(r"searchId" + _NUM)
_CLASSSQL_RE = re.compile(r"classsql\s*:[^,\n]*?['\"](chnlid\s*=\s*\d+)['\"]")
_SORT_RE = re.compile(r"sortfield\s*:\s*['\"]([^'\"]+)['\"]")
_CHNL_META_RE = re.compile(r"<meta\s+name=['\"]ChnlId['\"]\s+content=['\"](\d+)['\"]", re.I)


def _int(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    return int(m.group(1)) if m else None


def _nested(row: etree._Element, container: etree._Element) -> bool:
    """True when the row sits inside another row of the container (its rows are taken whole)."""
    for ancestor in row.iterancestors():
        if ancestor is container:
            return False
        if ancestor.tag in _ROW_TAGS:
            return True
    return False


def static_items(sel: Selector, base: str) -> list[ListItem]:
    """The rows inside `ms-visible="showStatic"` (every block of it), else the page's generic list."""
    containers = _STATIC_XPATH(sel.root)
    items: list[ListItem] = []
    seen: set[str] = set()
    for container in containers:
        for row in container.iter(*_ROW_TAGS):
            if _nested(row, container):
                continue
            item = row_item(row, base)
            if item and item.url not in seen:
                seen.add(item.url)
                items.append(item)
    return items or find_items(sel.root, base, known_list=True)


def search_requests(url: str, text: str,
                    static_count: int) -> tuple[list[PageRequest], int | None, int | None]:
    """POSTs to /fjdzapp/search for every page the records beyond the static rows need."""
    records = _int(_RECORDS_RE, text)
    prepage = _int(_PREPAGE_RE, text) or 15
    channel = _int(_CHANNEL_RE, text) or _int(_SEARCH_ID_RE, text)
    classsql = _CLASSSQL_RE.search(text)
    chnl = classsql.group(1).replace(" ", "") if classsql else None
    if chnl is None and (meta := _CHNL_META_RE.search(text)):
        chnl = f"chnlid={meta.group(1)}"
    if records is None or channel is None or chnl is None:
        return [], records, None
    total_pages = max(1, math.ceil(records / prepage))
    shown = static_count or (_int(_MAX_STATIC_RE, text) or 1) * prepage
    first = shown // prepage + 1
    sort = _SORT_RE.search(text)
    endpoint = origin(url) + SEARCH_PATH
    requests = [
        PageRequest(url=endpoint, method="POST", note=f"fjdz search {page}/{total_pages}",
                    formdata={"channelid": str(channel), "classsql": chnl,
                              "sortfield": sort.group(1) if sort else DEFAULT_SORT,
                              "page": str(page), "prepage": str(prepage)})
        for page in range(first, total_pages + 1)
    ]
    return requests[:MAX_REQUESTS], records, total_pages


def _json_items(data: Any, base: str) -> list[ListItem]:
    items = []
    for record in data:
        if not isinstance(record, dict):
            continue
        href = first_str(record, ("chnldocurl", "docpuburl", "url", "docurl"))
        title = strip_tags(first_str(record, ("doctitle", "title", "docname")))
        if not href or not title:
            continue
        day = json_date(record, ("docreltime", "pubdate", "docpubtime", "crtime"))
        items.append(ListItem(title=title, url=absolute(base, href), date=day,
                              date_source="json" if day else None))
    return items


def json_result(url: str, text: str) -> ListResult | None:
    """The /fjdzapp/search answer: records with `doctitle`."""
    payload = loads_lenient(text)
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        return None
    data = payload["data"]
    if data and not any(isinstance(r, dict) and "doctitle" in r for r in data):
        return None
    if not data and SEARCH_PATH not in url:
        return None
    total = payload.get("total") or payload.get("count") or payload.get("recordCount")
    pages = payload.get("pageCount")
    return ListResult(scheme="fjdz", items=_json_items(data, url),
                      total_records=int(total) if str(total or "").isdigit() else None,
                      total_pages=int(pages) if str(pages or "").isdigit() else None)


class FjdzAdapter:
    """Fujian 政务云 trt column pages (static rows + search API) and the search API's JSON."""

    name = "fjdz"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if looks_like_json(text):
            return json_result(url, text) if "doctitle" in text or SEARCH_PATH in url else None
        if "listModel(" not in text or is_document_page(url):
            return None  # article pages of these templates load the same list script
        items = static_items(sel, base_url(sel, url))
        more, records, pages = search_requests(url, text, len(items))
        # No static rows and no way to ask the API: only a browser would see this list, unless the
        # page itself says the column holds nothing (recordCount 0: a genuinely empty column).
        needs_render = not items and not more and records != 0
        if needs_render and "ms-repeat" not in text:
            return None
        return ListResult(scheme=self.name, items=items, more_pages=more, total_records=records,
                          total_pages=pages, needs_render=needs_render)
