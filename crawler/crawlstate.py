"""What a crawl learns as it goes, and the columns it assembles from that at the end.

The spider feeds this from its callbacks; at close the columns (section, name, path, kind, items)
are assembled here from the link graph and the URL hierarchy, because pages arrive in any order and a
column's place in the tree is only known once its parents have been seen. Classifying columns for
freshness is the checks' job, not this module's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from crawler.parse.types import ListItem, ListResult
from crawler.scope import directory_of

ROOT_INDEX_RE = re.compile(r"/(index|default|main)\.(s?html?|jsp|php|aspx?)", re.IGNORECASE)

SECTION_LABELS = {"guide": "政府信息公开指南", "rules": "政府信息公开制度", "statutory": "法定主动公开内容",
                  "annual_report": "政府信息公开年报"}


def is_site_root(url: str) -> bool:
    """The homepage of a host: `/` or an index file right under it."""
    path = urlsplit(url).path
    return path in ("", "/") or bool(ROOT_INDEX_RE.fullmatch(path))


@dataclass
class ColumnState:
    url: str
    in_platform: bool
    anchors: Counter[str] = field(default_factory=Counter)
    nav_parents: Counter[str] = field(default_factory=Counter)  # menu items this column is nested under
    meta_name: str = ""
    title: str = ""
    fetched: bool = False
    status: str = "ok"  # ok, or not_covered with `reason`
    reason: str | None = None
    has_list: bool = False
    scheme: str | None = None
    items: dict[str, ListItem] = field(default_factory=dict)
    list_pages: set[str] = field(default_factory=set)
    text_length: int = 0
    needs_render: bool = False

    def add_box(self, items: list[ListItem]) -> None:
        """The articles a box shows for this column (crawler/parse/boxes.py): items of its list, dated
        where the box dates them."""
        self.has_list = True
        for item in items:
            self._merge(item)

    def _merge(self, item: ListItem) -> None:
        """One item per URL; a date shown anywhere (a list, a box) beats none (a box's `[06-03]`)."""
        known = self.items.get(item.url)
        if known is None or (known.date is None and item.date is not None):
            self.items[item.url] = item

    def add_list(self, page_key: str, result: ListResult) -> None:
        self.has_list = True
        self.scheme = self.scheme or result.scheme
        self.needs_render = self.needs_render or result.needs_render
        self.list_pages.add(page_key)
        for item in result.items:
            self._merge(item)


@dataclass
class CrawlState:
    sections: dict[str, str] = field(default_factory=dict)  # section key → URL
    section_anchors: dict[str, str] = field(default_factory=dict)  # section key → label on the site
    landings: list[str] = field(default_factory=list)
    columns: dict[str, ColumnState] = field(default_factory=dict)

    def column(self, url: str, in_platform: bool = True) -> ColumnState:
        if url not in self.columns:
            self.columns[url] = ColumnState(url=url, in_platform=in_platform)
        return self.columns[url]

    def assemble(self) -> list[dict]:
        """The run's columns as store rows (with their items). Landing pages are not columns, nor is a
        site's homepage (its header links it under the site's name, which reads like a column label; as
        the root of the URL tree it would become the parent of every column whose URL is flat), nor are
        links that named a column but were never fetched as one (their outcome is a link's)."""
        columns = {url: col for url, col in self.columns.items()
                   if url not in self.landings and not is_site_root(url) and (col.fetched or col.status != "ok")}
        section_of_url = {url: key for key, url in self.sections.items()}
        parents = {url: self._parent(col, columns, section_of_url) for url, col in columns.items()}
        children = Counter(p for p in parents.values() if p)
        rows = []
        for url, col in columns.items():
            chain = self._chain(url, parents)
            section = next((section_of_url[u] for u in chain if u in section_of_url), None)
            names = [self._name(columns[u], section_of_url.get(u)) for u in reversed(chain)]
            dated = [i.date for i in col.items.values() if i.date]
            rows.append({
                "section": section, "name": names[-1], "path": " > ".join(names), "url": url,
                "kind": "list" if col.has_list else "page", "scheme": col.scheme,
                "in_platform": int(col.in_platform), "item_count": len(col.items),
                "undated_count": sum(1 for i in col.items.values() if not i.date),
                "newest_date": max(dated).isoformat() if dated else None,
                "list_pages": len(col.list_pages), "subcolumns": children.get(url, 0),
                "text_length": col.text_length, "needs_render": int(col.needs_render),
                "status": col.status, "reason": col.reason,
                "items": [_item_row(i) for i in col.items.values()],
            })
        return rows

    def _parent(self, col: ColumnState, columns: dict[str, ColumnState],
                section_of_url: dict[str, str]) -> str | None:
        """The column above this one.

        The URL hierarchy decides (/fdzdgknr/rsxx/ sits under /fdzdgknr/): left navigation links every
        column to its siblings, so a mere link says nothing about nesting. Where URLs are flat (Hanweb's
        /col/colNNN/), the menu item the column's link is nested under decides. Sections are top level.
        """
        if col.url in section_of_url:
            return None
        own_dir = directory_of(col.url)
        candidates = [other for other in columns.values() if other.url != col.url
                      and own_dir.startswith(directory_of(other.url)) and own_dir != directory_of(other.url)]
        if candidates:
            return max(candidates, key=lambda other: len(directory_of(other.url))).url
        return next((url for url, _ in col.nav_parents.most_common() if url in columns and url != col.url), None)

    @staticmethod
    def _chain(url: str, parents: dict[str, str | None]) -> list[str]:
        chain, seen = [url], {url}
        while (parent := parents.get(chain[-1])) and parent not in seen:
            chain.append(parent)
            seen.add(parent)
        return chain

    def _name(self, col: ColumnState, section: str | None) -> str:
        """As the site labels it: the section's label; else the link text that the page's own
        ColumnName meta confirms (a menu may say 新闻中心 where its submenu says 要闻动态); else the
        commonest link text; else ColumnName or the title."""
        if section and section in self.section_anchors:
            return self.section_anchors[section]
        if col.meta_name and col.meta_name in col.anchors:
            return col.meta_name
        if col.anchors:
            return col.anchors.most_common(1)[0][0]
        return col.meta_name or col.title or col.url


def _item_row(item: ListItem) -> dict:
    day: date | None = item.date
    return {"title": item.title, "url": item.url, "date": day.isoformat() if day else None,
            "date_source": item.date_source}
