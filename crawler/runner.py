"""Running one crawl end to end: fetch → parse → store → check, the same from `xxgk` and `scrapy crawl`.

run_crawl() starts (or resumes) a run in the store and runs the `disclosure` spider in this process;
when the spider closes, finish_run() settles the run's status from what the crawl could and could not
see (contract, "Run status"). The check step then judges the stored snapshots, once the crawl's state
is gone (`scrapy crawl`, with no runner around it, judges as the spider closes).
"""

from __future__ import annotations

import gc
import logging
from datetime import datetime
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.extensions import RUN_LOST
from crawler.outcomes import START_FAILURES, Reason, http_status
from crawler.pipelines import STORE_UNAVAILABLE_STAT
from crawler.resume import resumable_run, resume_identity
from crawler.roles import Role
from crawler.store import SHANGHAI, RunStatus, Store, site_key


def default_as_of() -> str:
    """Today in Asia/Shanghai: the contract's default evaluation date."""
    return datetime.now(SHANGHAI).date().isoformat()


def run_options(spider) -> dict[str, Any]:
    return {"level": spider.level, "no_external": spider.no_external,
            "allow_hosts": sorted(spider.scope.site_hosts), "max_pages": getattr(spider, "max_pages", None),
            "robots": spider.crawler.settings.getbool("ROBOTSTXT_OBEY"),
            "render": spider.crawler.settings.get("XXGK_RENDER")}


def crawl_settings(overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(url: str, db: str, as_of: str | None, *, level: str | None = None,
              settings: dict[str, str] | None = None, spider_args: dict[str, Any] | None = None,
              rules: dict[str, Any] | None = None, fresh: bool = False) -> int:
    """Crawl one site into `db`, run the checks, and return the run id.

    The site's latest run is resumed instead of starting a new one when it was interrupted and may be
    resumed (crawler/resume.py), unless `fresh`.

    :param url: the site's homepage or its disclosure landing page.
    :param as_of: evaluation date (YYYY-MM-DD) every freshness rule and deadline is measured from; None
        for a resumed run's own, else today in Asia/Shanghai.
    :param settings: Scrapy settings to override (`-s NAME=VALUE`).
    :param spider_args: further spider arguments (allow_host, no_external, max_pages).
    :param rules: the rules the run is judged by (checks.rules.Rules.record()); packaged ones when None.
    """
    settings, spider_args = dict(settings or {}), dict(spider_args or {})
    store = Store(db)
    identity = resume_identity(as_of or default_as_of(), settings, spider_args, rules)
    resumed = None if fresh else resumable_run(store, site_key(url), identity, as_of_given=as_of is not None)
    if resumed is not None:
        run_id, as_of = resumed["id"], resumed["as_of"]
        store.resume_run(run_id)
        settings["XXGK_RESUME"] = "True"
    else:
        as_of = identity["as_of"]
        run_id = store.start_run(url, url, as_of, {"settings": settings, **spider_args, "resume": identity},
                                 level=level, rules=rules)
    store.close()
    crawl_process(url, db, as_of, level, run_id, settings, spider_args)
    check_finished_run(db, run_id)
    return run_id


def crawl_process(url: str, db: str, as_of: str, level: str | None, run_id: int, settings: dict[str, str],
                  spider_args: dict[str, Any]) -> None:
    """The crawl itself; when it returns, nothing of the crawl's state is referenced any more."""
    process = CrawlerProcess(crawl_settings({**settings, "XXGK_DB": db, "XXGK_CHECK_IN_CRAWL": "False"}))
    from spiders.disclosure import DisclosureSpider

    process.crawl(DisclosureSpider, url=url, as_of=as_of, db=db, level=level, run_id=run_id, **spider_args)
    one_line_exceptions()  # after crawl(): Scrapy installs its log handler per crawler
    process.start()


def check_finished_run(db: str, run_id: int) -> None:
    """The check step, once the crawl and its state are gone: the checks' memory reuses the crawl's
    instead of adding to it. An interrupted run is not judged."""
    from checks import check_run

    gc.collect()
    store = Store(db)
    try:
        if store.run(run_id)["status"] not in (RunStatus.RUNNING, RunStatus.INTERRUPTED):
            check_run(store, run_id)
    finally:
        store.close()


class OneLineExceptionFormatter(logging.Formatter):
    """Scrapy logs failed downloads with a traceback; on our command line a failure is one line."""

    def formatException(self, ei) -> str:
        return f"  ({ei[0].__name__}: {ei[1]})" if ei and ei[0] else ""

    def formatStack(self, stack_info: str) -> str:
        return ""


def one_line_exceptions() -> None:
    for handler in logging.getLogger().handlers:
        current = handler.formatter
        handler.setFormatter(OneLineExceptionFormatter(current._fmt if current else None,
                                                       current.datefmt if current else None))


def finish_run(spider, reason: str) -> None:
    """Settle the run's status and coverage when the spider closes; under `scrapy crawl` (no runner
    around it) run the check step right away too."""
    store = Store(spider.db_path)
    try:
        not_covered = coverage_gaps(spider)
        status = run_status(spider, reason, not_covered)
        stats = {k.replace("/", "_"): v for k, v in spider.crawler.stats.get_stats().items()
                 if isinstance(v, int | float) and k.startswith(("downloader/response_count", "xxgk/",
                                                                   "response_received_count", "item_scraped"))}
        stats["platform_found"] = bool(spider.state.landings)
        stats["landings"] = spider.state.landings
        stats["sections"] = spider.state.sections
        pages = store.run(spider.run_id).get("pages") or 0
        store.finish_run(spider.run_id, status, not_covered, pages, stats)
        if status is not RunStatus.INTERRUPTED and spider.crawler.settings.getbool("XXGK_CHECK_IN_CRAWL"):
            from checks import check_run

            check_run(store, spider.run_id)
    finally:
        store.close()


def coverage_gaps(spider) -> list[dict[str, str]]:
    gaps = [dict(g) for g in spider.not_covered]
    if spider.start_outcome.get("reason") not in START_FAILURES and not spider.state.landings:
        gaps.append({"url": spider.start_url, "reason": Reason.PLATFORM_NOT_FOUND, "role": Role.LANDING})
    if spider.hit_max_pages:
        gaps.append({"url": spider.start_url, "reason": Reason.MAX_PAGES, "role": Role.PLATFORM})
    return gaps


def run_status(spider, close_reason: str, gaps: list[dict[str, str]]) -> RunStatus:
    start_reason = spider.start_outcome.get("reason")
    if start_reason in START_FAILURES or http_status(start_reason) is not None:
        return RunStatus.FAILED
    if close_reason in ("shutdown", "cancelled", RUN_LOST) or close_reason.startswith("error") \
            or not spider.start_outcome or spider.crawler.stats.get_value(STORE_UNAVAILABLE_STAT):
        return RunStatus.INTERRUPTED
    return RunStatus.PARTIAL if gaps else RunStatus.COMPLETE
