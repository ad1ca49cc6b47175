"""Retries: a suspected failure is tried again late in the run, with backoff (crawler/outcomes.py).

Scrapy's RetryMiddleware is off (crawler/settings.py): it retries at once, when a shared government
server is most likely still in trouble. Here a retry waits its backoff (XXGK_RETRY_BACKOFF) outside the
scheduler, and the run stays open while any is waiting. A HEAD that a server refuses or drops is asked
again as a GET: some servers do not answer HEAD at all.
"""

from __future__ import annotations

import scrapy
from scrapy.exceptions import DontCloseSpider


class Retries:
    def __init__(self, crawler, times: int, backoff: list[float]):
        self.crawler = crawler
        self.times = times
        self.backoff = backoff or [2.0]
        self.pending = 0

    @classmethod
    def from_settings(cls, crawler) -> Retries:
        settings = crawler.settings
        return cls(crawler, settings.getint("XXGK_RETRY_TIMES"),
                   [float(x) for x in settings.getlist("XXGK_RETRY_BACKOFF")])

    def schedule(self, request: scrapy.Request) -> bool:
        """Try a suspected failure again after its backoff; False when its tries are used up."""
        info = request.meta["xxgk"]
        if info["attempt"] > self.times:
            return False
        delay = self.backoff[min(info["attempt"] - 1, len(self.backoff) - 1)]
        meta = {k: v for k, v in request.meta.items() if k != "redirect_urls"}
        meta["xxgk"] = {**info, "attempt": info["attempt"] + 1}
        retry = request.replace(url=original_url(request), meta=meta, priority=0, dont_filter=True)
        from twisted.internet import reactor  # the running one: importing it early would install another

        self.pending += 1
        reactor.callLater(delay, self._reissue, retry)
        self.crawler.stats.inc_value("xxgk/retry/scheduled")
        return True

    def _reissue(self, request: scrapy.Request) -> None:
        self.pending -= 1
        self.crawler.engine.crawl(request)

    @staticmethod
    def as_get(request: scrapy.Request) -> scrapy.Request:
        """The same target asked with GET, when HEAD failed or was refused: GET decides."""
        return request.replace(url=original_url(request), method="GET",
                               meta={"xxgk": {**request.meta["xxgk"]},
                                     "dont_obey_robotstxt": request.meta.get("dont_obey_robotstxt")},
                               dont_filter=True)

    def keep_open(self) -> None:
        """On spider_idle: keep the run open while suspected failures wait for their retry."""
        if self.pending:
            raise DontCloseSpider


def original_url(request: scrapy.Request) -> str:
    """The URL as the link named it, before any redirect."""
    chain = request.meta.get("redirect_urls")
    return chain[0] if chain else request.url
