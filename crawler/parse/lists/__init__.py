"""List adapters: one per list scheme, behind one interface, tried specific-first by `extract_list`.

Government CMSs deliver lists in very different ways: plain HTML rows with a TRS `createPageHTML`
pager, Hanweb's `<datastore>` CDATA records and its dataproxy.jsp XML, Fujian 政务云's static rows plus
a search API, jpaas' inline `articleList` JSON, TRS JSON feeds. "No `<li>` rows" never means "empty
column" until each of these has been tried (cms-patterns.md §10.2).
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
    """All adapters in the order they are tried: data formats and CMS-specific ones first."""
    from crawler.parse.lists.fjdz import FjdzAdapter
    from crawler.parse.lists.hanweb_datastore import HanwebDatastoreAdapter
    from crawler.parse.lists.html import HtmlListAdapter
    from crawler.parse.lists.jpaas import JpaasAdapter
    from crawler.parse.lists.trs import TrsAdapter
    from crawler.parse.lists.trs_json import TrsJsonAdapter

    return [JpaasAdapter(), HanwebDatastoreAdapter(), FjdzAdapter(), TrsJsonAdapter(), TrsAdapter(),
            HtmlListAdapter()]


_ADAPTERS: list[ListAdapter] | None = None


def extract_list(url: str, text: str, sel: Selector) -> ListResult | None:
    """The list on a page or data response (first adapter that recognises it), or None."""
    global _ADAPTERS
    if _ADAPTERS is None:
        _ADAPTERS = adapters()
    for adapter in _ADAPTERS:
        result = adapter.extract(url, text, sel)
        if result is not None:
            return result
    return None
