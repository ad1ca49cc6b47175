"""Crawl extensions: progress lines for long crawls, and the end of a run.

- Progress (XXGK_PROGRESS_INTERVAL seconds; 0 = off) prints pages done, queue length and errors to
  stderr, so an evaluator watching a 50 000-page crawl knows it is alive.
- RunFinisher, on spider_closed, settles the run's status and coverage and runs the checks over what
  was stored (crawler/runner.py), so `scrapy crawl disclosure` and `xxgk crawl` end the same way.
"""

from __future__ import annotations

import sys

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("XXGK_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("XXGK_PROGRESS_INTERVAL is 0")
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        self.loop = task.LoopingCall(self.report, spider)
        self.loop.start(self.interval, now=False)

    def report(self, spider) -> None:
        stats = self.crawler.stats
        done = stats.get_value("response_received_count", 0)
        errors = stats.get_value("log_count/ERROR", 0) + sum(
            v for k, v in stats.get_stats().items() if k.startswith("downloader/exception_type_count/"))
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy keeps no public queue length
        queued = len(slot.scheduler) if slot is not None and slot.scheduler is not None else 0
        retry = getattr(spider, "pending_retries", 0)
        print(f"进度：已获取 {done} 个响应，队列 {queued}，待重试 {retry}，下载错误 {errors}",
              file=sys.stderr, flush=True)

    def spider_closed(self, spider, reason: str) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()


class RunFinisher:
    @classmethod
    def from_crawler(cls, crawler):
        ext = cls()
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason: str) -> None:
        from crawler.runner import finish_run

        finish_run(spider, reason)
