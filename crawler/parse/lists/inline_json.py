"""Lists held as a data array in an inline script: `var data = [{title, url, date}…]`.

Small CMSs and hand-written templates render a list from a literal in the page itself
(`var data = [{"title":…,"url":…,"pubDate":…}]`, `list: [{doctitle:'…', docpuburl:'…'}]`,
`render([{…}])`), so the HTML has an empty `<ul>` and the documents are only in the script. The
records are read under the key names CMSs use (title/doctitle/name, url/link/href/docpuburl,
date/pubDate/pubdate/docreltime/publishTime/created_at …; see `_script.py`), and accepted only when
they look like documents (dated, or with document-like titles), so menus and configuration arrays
are not taken for the column's list. Further pages come from the page's own pager links
(`?pageIndex=2`, `index_1.html`, 下一页), as for any HTML list.
"""

from __future__ import annotations

from parsel import Selector

from crawler.parse.lists._common import base_url, is_document_page
from crawler.parse.lists._script import inline_items
from crawler.parse.lists.html import pager_requests
from crawler.parse.types import ListResult


class InlineJsonAdapter:
    """Pages whose list is a document array in an inline script."""

    name = "inline_json"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if is_document_page(url) or "[" not in text:
            return None
        base = base_url(sel, url)
        items = inline_items(text, base)
        if not items:
            return None
        more, pages, records = pager_requests(sel.root, base, url)
        return ListResult(scheme=self.name, items=items, more_pages=more, total_pages=pages,
                          total_records=records)
