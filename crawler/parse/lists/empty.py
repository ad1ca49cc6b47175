"""A column page that says its list is empty ("暂无信息", "没有相关数据！"): an empty list, not "no list".

Tried last, after every adapter that could find rows (in HTML, in script data, in a feed) or a
container a script fills: only then is the page's "暂无信息" the list's own answer, and the column is
genuinely blank.
"""

from __future__ import annotations

from parsel import Selector

from crawler.parse.lists._common import is_document_page
from crawler.parse.lists.html import shows_empty_list
from crawler.parse.types import ListResult


class EmptyListAdapter:
    """Pages whose content says the list holds nothing."""

    name = "html"  # the generic list, with no rows

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if is_document_page(url):
            return None
        return ListResult(scheme=self.name) if shows_empty_list(sel.root, text) else None
