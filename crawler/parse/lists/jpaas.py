"""Hanweb jpaas (the new 大汉 platform): the list is JSON in an inline script, not HTML.

The `<ul class='List_list'>` exists only in a handlebars template; the data sit in
`articleList: [{"title":…,"pubDate":"2025-07-29 16:59","urls":"{\\"pc\\":\\"/…/content_1951….html\\"}"…}]`
(`urls` is a JSON string inside the JSON), rendered by `loadPageData({unitid:'380055', perPage:'15', …})`
(cms-patterns.md §2, realpages #18). The column's article count is in `channelsTagSelf.articleCount`;
further pages are `index.html?uid={unitid}&pageNum={n}`, the form public crawlers use.

A page that calls `loadPageData` without an inline `articleList` loads the list from `POST /queryList`;
its JSON answer (`{"data":{"results":[{"source":{…}}]}}`, as one public crawler reads it) is read here too.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector

from crawler.parse.lists._common import absolute, json_date, loads_lenient, looks_like_json, strip_tags
from crawler.parse.types import ListItem, ListResult, PageRequest

MAX_PAGES = 2000

_LIST_RE = re.compile(r"articleList\s*:\s*\[")
_SELF_RE = re.compile(r"channelsTagSelf\s*=\s*\{")
_UNIT_RE = re.compile(r"unitid\s*:\s*['\"]?(\d+)")
_PER_PAGE_RE = re.compile(r"perPage\s*:\s*['\"]?(\d+)")
_DECODER = json.JSONDecoder()


def _json_at(text: str, m: re.Match[str] | None) -> Any:
    """The JSON value that starts at the end of the match (its `[` or `{`)."""
    if m is None:
        return None
    try:
        value, _ = _DECODER.raw_decode(text, m.end() - 1)
    except ValueError:
        return None
    return value


def _pc_url(urls: Any) -> str:
    """`urls` is a JSON string (`{"pc": "/…"}`) or, in some builds, already an object."""
    if isinstance(urls, str):
        try:
            urls = json.loads(urls)
        except ValueError:
            return urls if urls.startswith(("/", "http")) else ""
    if isinstance(urls, dict):
        return next((v for k in ("pc", "h5", "wap") if isinstance(v := urls.get(k), str) and v), "")
    return ""


def article_items(articles: list[Any], base: str) -> list[ListItem]:
    items = []
    for article in articles:
        if not isinstance(article, dict):
            continue
        if isinstance(article.get("source"), dict):  # /queryList results wrap each record
            article = article["source"]
        href = _pc_url(article.get("urls")) or article.get("url") or ""
        title = strip_tags(article.get("title") or article.get("showTitle"))
        if not href or not title:
            continue
        day = json_date(article, ("pubDate", "releaseTime", "publishDate"))
        items.append(ListItem(title=title, url=absolute(base, href), date=day,
                              date_source="json" if day else None))
    return items


def page_requests(url: str, unitid: str | None, pages: int | None) -> list[PageRequest]:
    """`index.html?uid=…&pageNum=n` for every page but the current one."""
    if not unitid or not pages or pages < 2:
        return []
    parts = urlsplit(url)
    current = int(dict(parse_qsl(parts.query)).get("pageNum", "1") or 1)
    base = urljoin(url, parts.path.rsplit("/", 1)[-1] or "index.html")
    # Page 1 is the column page itself: name it so, not as `?pageNum=1`, so it is not walked twice.
    return [PageRequest(url=f"{base}?uid={unitid}&pageNum={n}" if n > 1 else base,
                        note=f"jpaas pageNum {n}/{pages}")
            for n in range(1, min(pages, MAX_PAGES) + 1) if n != current]


def _query_list_result(url: str, text: str) -> ListResult | None:
    payload = loads_lenient(text)
    data = payload.get("data") if isinstance(payload, dict) else None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        return None
    total = data.get("total")
    return ListResult(scheme="jpaas", items=article_items(results, url),
                      total_records=total if isinstance(total, int) else None)


class JpaasAdapter:
    """jpaas column pages (inline `articleList`) and `/queryList` JSON answers."""

    name = "jpaas"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if looks_like_json(text):
            return _query_list_result(url, text) if '"results"' in text else None
        list_m = _LIST_RE.search(text) if "articleList" in text else None
        if list_m is None:
            if "loadPageData(" in text and "x-handlebars-template" in text:
                return ListResult(scheme=self.name, needs_render=True)
            return None
        articles = _json_at(text, list_m)
        if not isinstance(articles, list):
            return ListResult(scheme=self.name, needs_render=True)
        channel = _json_at(text, _SELF_RE.search(text))
        total = channel.get("articleCount") if isinstance(channel, dict) else None
        unit = _UNIT_RE.search(text)
        per_page_m = _PER_PAGE_RE.search(text)
        per_page = int(per_page_m.group(1)) if per_page_m else None
        pages = math.ceil(total / per_page) if isinstance(total, int) and per_page else None
        return ListResult(scheme=self.name, items=article_items(articles, url),
                          more_pages=page_requests(url, unit.group(1) if unit else None, pages),
                          total_records=total if isinstance(total, int) else None, total_pages=pages)
