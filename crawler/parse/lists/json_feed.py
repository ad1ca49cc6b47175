"""HTML list pages whose rows a script loads from a static `.json` feed (TRS JSON list feeds).

Some TRS sites render a column client-side from a JSON file published next to the list page
(`scjg.hubei.gov.cn/zfxxgk/zcwj/qtwj/zcwj.json`, realpages #8): the page's HTML has an empty list, and an
inline script fetches the feed (`$.getJSON("zcwj.json", …)`, `$.ajax({url: "./zcwj.json"})`,
`fetch("…/gfxwj.json")`) and pages through it in the browser. The feed URL is in the script, so no
browser is needed: this adapter names the feed as the list's further page, and the spider reads it
like any data endpoint (its records are `trs_json` items, crawler/parse/lists/trs_json.py). Feeds with
other jobs (menus, configuration, counters, related-article boxes) are ignored.
"""

from __future__ import annotations

from parsel import Selector

from crawler.parse.lists._common import base_url, is_document_page
from crawler.parse.lists._script import feed_urls
from crawler.parse.types import ListResult, PageRequest


class JsonFeedAdapter:
    """List pages that load their records from a `.json` feed named in an inline script."""

    name = "trs_json"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if ".json" not in text or is_document_page(url):
            return None
        feeds = feed_urls(text, base_url(sel, url))
        if not feeds:
            return None
        return ListResult(scheme=self.name,
                          more_pages=[PageRequest(url=feed, note="json feed") for feed in feeds])
