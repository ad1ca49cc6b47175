"""List adapters: one per list scheme, behind one interface, tried specific-first by `extract_list`.

Government CMSs deliver lists in very different ways: plain HTML rows with a TRS `createPageHTML`
pager, Hanweb's `<datastore>` CDATA records and its dataproxy.jsp XML, Fujian 政务云's static rows plus
a search API, jpaas' inline `articleList` JSON, TRS JSON feeds, inline data arrays, containers a script
fills from an endpoint only a browser can read (`needs_render`). "No `<li>` rows" never means "empty
column" until each of these has been tried (cms-patterns.md §10.2). On a page the crawl reached as a
column or list page, a single document row is a list of one when no adapter found more
(`crawler.parse.lists.html.single_item`).
"""

from __future__ import annotations

from typing import Protocol

from parsel import Selector

from crawler.parse.types import ListResult


class ListAdapter(Protocol):
    """One list scheme: returns its ListResult, or None when the page is not of this scheme."""

    name: str

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None: ...


def adapters() -> list[ListAdapter]:
    """All adapters in the order they are tried: data formats and CMS-specific ones first, then the
    generic HTML rows, then lists that scripts hold or build, and last the page that says it is empty."""
    from crawler.parse.lists.empty import EmptyListAdapter
    from crawler.parse.lists.fjdz import FjdzAdapter
    from crawler.parse.lists.hanweb_datastore import HanwebDatastoreAdapter
    from crawler.parse.lists.html import HtmlListAdapter
    from crawler.parse.lists.inline_json import InlineJsonAdapter
    from crawler.parse.lists.jpaas import JpaasAdapter
    from crawler.parse.lists.json_feed import JsonFeedAdapter
    from crawler.parse.lists.script import ScriptListAdapter
    from crawler.parse.lists.trs import TrsAdapter
    from crawler.parse.lists.trs_json import TrsJsonAdapter

    return [JpaasAdapter(), HanwebDatastoreAdapter(), FjdzAdapter(), TrsJsonAdapter(), TrsAdapter(),
            HtmlListAdapter(), InlineJsonAdapter(), JsonFeedAdapter(), ScriptListAdapter(), EmptyListAdapter()]


_ADAPTERS: list[ListAdapter] | None = None


def extract_list(url: str, text: str, sel: Selector, expect_list: bool = False) -> ListResult | None:
    """The list on a page or data response (first adapter that recognises it), or None.

    :param expect_list: the page was reached as a column or list page, so one document row is a list.
    """
    global _ADAPTERS
    if _ADAPTERS is None:
        _ADAPTERS = adapters()
    for adapter in _ADAPTERS:
        result = adapter.extract(url, text, sel)
        if result is not None:
            return result
    return _single_item_list(url, sel) if expect_list else None


def _single_item_list(url: str, sel: Selector) -> ListResult | None:
    from crawler.parse.lists._common import base_url, is_document_page
    from crawler.parse.lists.html import HtmlListAdapter, pager_requests, single_item

    if is_document_page(url):
        return None
    base = base_url(sel, url)
    items = single_item(sel.root, base)
    if not items:
        return None
    more, pages, records = pager_requests(sel.root, base, url)
    return ListResult(scheme=HtmlListAdapter.name, items=items, more_pages=more, total_pages=pages,
                      total_records=records)
