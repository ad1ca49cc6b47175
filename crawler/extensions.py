"""Crawl extensions: progress lines for long crawls, and the end of a run.

- Progress (XXGK_PROGRESS_INTERVAL seconds; 0 = off) prints pages done, queue length and errors to
  stderr, and with several sites a line per site, so an evaluator watching a 50 000-page crawl knows it
  is alive.
- RunFinisher keeps each run's heartbeat while the crawl runs; on spider_closed it settles each run's
  status and coverage and runs the checks over what was stored (crawler/runner.py), so
  `scrapy crawl disclosure` and `xxgk crawl` end the same way.
"""

from __future__ import annotations

import sys
from functools import partial

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.store import Heartbeat

RUN_LOST = "run_lost"  # close reason: the run was marked interrupted by another process


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
        if len(spider.sites) > 1:
            for site in spider.sites:
                print(f"  运行 {site.run_id} {site.start_url}：{site_state(site)}，已获取 {site.responses} 个响应，"
                      f"页面 {site.crawl_pages}", file=sys.stderr, flush=True)

    def spider_closed(self, spider, reason: str) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()


def site_state(site) -> str:
    if site.stopped:
        return "起始页失败，已停止" if site.stopped == "start_failed" else "已中断"
    if not site.start_outcome:
        return "等待起始页"
    return "抓取中"


class RunFinisher:
    """The run's life in the store: its heartbeat while the crawl runs (from a thread of its own, on a
    connection of its own), then, when the spider closes, its status, coverage and checks. The
    heartbeat stops only after the checks, so a long check pass is not taken for a dead crawl. When
    another process has marked a run `interrupted` (it looked dead to them), its site's crawl stops
    rather than write on, and the crawl exits 1."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.heartbeats: list[Heartbeat] = []

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider) -> None:
        for site in spider.sites:
            heartbeat = Heartbeat(spider.db_path, site.run_id, on_lost=partial(self.lost, site))
            heartbeat.start()
            self.heartbeats.append(heartbeat)

    def lost(self, site) -> None:
        from twisted.internet import reactor

        reactor.callFromThread(self._stop_site, site)

    def _stop_site(self, site) -> None:
        spider = self.crawler.spider
        spider.logger.error("运行 %s 已被标记为中断（心跳超时），该网站的抓取停止", site.run_id)
        spider.stop_site(site, RUN_LOST)

    def spider_closed(self, spider, reason: str) -> None:
        from crawler.runner import finish_run

        try:
            finish_run(spider, reason)
        finally:
            for heartbeat in self.heartbeats:
                heartbeat.stop()
