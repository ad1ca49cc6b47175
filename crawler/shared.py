"""A link target several sites of a batch share is fetched once per batch (contract "Commands").

Sites of one batch link the same outside pages (www.gov.cn, the province's portal, a department site).
This downloader middleware lets the first site's request for such a target go to the network and
answers every other site's request for it with a copy of that response, once it is there, so the host
is asked once and each run still records the page as its own (the spider handles the copy as if it had
been fetched for that site). A failed fetch is not shared: the next site asks for itself.

Only targets outside the asking site's own hosts are shared, and only first attempts without a
browser: a site's own pages are its own, and a retry must reach the server. Responses are kept for the
whole crawl, up to XXGK_SHARED_BYTES of bodies in total; past that, targets are fetched per site.
"""

from __future__ import annotations

import asyncio

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.sites import SITE_META

SHARED_META = "xxgk_shared"  # request meta: the key of the shared fetch this request makes for the batch
SHARED = "shared"  # response flag: a copy of another site's fetch


class SharedFetches:
    def __init__(self, crawler, max_bytes: int):
        self.crawler = crawler
        self.max_bytes = max_bytes
        self.kept_bytes = 0
        self.fetches: dict[tuple[str, str, bytes], asyncio.Future] = {}

    @classmethod
    def from_crawler(cls, crawler):
        max_bytes = crawler.settings.getint("XXGK_SHARED_BYTES")
        if max_bytes <= 0:
            raise NotConfigured("XXGK_SHARED_BYTES is 0")
        return cls(crawler, max_bytes)

    def shareable(self, request: Request) -> bool:
        spider = self.crawler.spider
        sites = getattr(spider, "sites", [])
        if len(sites) < 2 or request.meta.get("playwright") or SITE_META not in request.meta:
            return False
        info = request.meta.get("xxgk") or {}
        return info.get("attempt") == 1 and not info.get("sniff") \
            and not sites[request.meta[SITE_META]].scope.is_site(request.url)

    async def process_request(self, request: Request, spider=None) -> Response | None:
        if SHARED_META in request.meta or not self.shareable(request):
            return None  # (a redirect of the first fetch carries its key on)
        key = (request.method, request.url, request.body)
        first = self.fetches.get(key)
        if first is None:
            self.fetches[key] = asyncio.get_running_loop().create_future()
            request.meta[SHARED_META] = key
            return None
        response = await asyncio.shield(first)
        if response is None:  # the first fetch failed: ask for ourselves
            return None
        self.crawler.stats.inc_value("xxgk/shared_fetch")
        return response.replace(request=request, flags=[*response.flags, SHARED])

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        self.settle(request, response)
        return response

    def process_exception(self, request: Request, exception: Exception, spider=None) -> None:
        self.settle(request, None)

    def settle(self, request: Request, response: Response | None) -> None:
        key = request.meta.pop(SHARED_META, None)
        future = self.fetches.get(key) if key else None
        if future is None or future.done():
            return
        if response is not None and self.kept_bytes + len(response.body) <= self.max_bytes:
            self.kept_bytes += len(response.body)
            future.set_result(response)
        else:
            future.set_result(None)
            del self.fetches[key]  # not kept: whoever asks next fetches it
