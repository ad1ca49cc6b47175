"""Evidence screenshots: columns, rendered pages and the parents of broken links (XXGK_SCREENSHOT_MAX).

A screenshot is a page method of a browser request (crawler/render.py); this module decides which
pages get one, and turns the PNG a browser response carries into a store item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.render import browser_meta
from crawler.retries import original_url
from crawler.roles import Role

PRIORITY = Role.TARGET.priority - 5  # after everything the crawl itself needs


class Screenshots:
    def __init__(self, logger, available: bool, limit: int, now):
        self.logger = logger
        self.available = available
        self.limit = limit
        self.now = now
        self.taken: set[str] = set()

    def has_room(self) -> bool:
        return len(self.taken) < self.limit

    def request(self, url: str | None, why: str) -> scrapy.Request | None:
        """A browser request that only takes a screenshot of `url`, or None (taken, none left, no browser)."""
        if not url or not self.available or url in self.taken or not self.has_room():
            return None
        self.taken.add(url)
        return scrapy.Request(url, callback=self.on_response, errback=self.on_failure,
                              meta={"xxgk_shot": why, **browser_meta(screenshot=True)}, priority=PRIORITY,
                              dont_filter=True)

    def requests(self, url: str | None, why: str) -> Iterator[scrapy.Request]:
        request = self.request(url, why)
        if request is not None:
            yield request

    def on_response(self, response: Response) -> Iterator[dict[str, Any]]:
        yield from self.items(response)

    def on_failure(self, failure: Failure) -> None:
        self.logger.info("截图失败 %s：%s", failure.request.url, failure.getErrorMessage())

    def items(self, response: Response) -> Iterator[dict[str, Any]]:
        """The screenshot a browser response carries, as a store item."""
        for method in response.meta.get("playwright_page_methods") or []:
            if getattr(method, "method", None) == "screenshot" and isinstance(method.result, bytes):
                url = original_url(response.request)
                self.taken.add(url)
                why = response.meta.get("xxgk_shot") or response.meta["xxgk"].get("render_reason")
                yield {"_type": "screenshot", "url": url, "png": method.result, "reason": why,
                       "taken_at": self.now()}
