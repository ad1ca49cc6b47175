"""Running a crawl end to end: fetch → parse → store → check, the same from `xxgk` and `scrapy crawl`.

run_crawl() starts one run per site in the store and runs the `disclosure` spider in this process, one
crawler and one spider for every site (crawler/sites.py says why); when the spider closes, finish_run()
settles each run's status from what the crawl could and could not see (contract, "Run status"), then
runs every check over the stored snapshots: in this process for a lone site, and for a batch in a child
process, one site at a time, so each check pass's memory is its own and ends with it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.extensions import RUN_LOST
from crawler.outcomes import START_FAILURES, Reason, http_status
from crawler.pipelines import STORE_UNAVAILABLE_STAT
from crawler.roles import Role
from crawler.store import SHANGHAI, RunStatus, Store


def default_as_of() -> str:
    """Today in Asia/Shanghai: the contract's default evaluation date."""
    return datetime.now(SHANGHAI).date().isoformat()


def run_options(spider, site) -> dict[str, Any]:
    return {"level": spider.level, "no_external": spider.no_external,
            "allow_hosts": sorted(site.scope.site_hosts), "max_pages": getattr(spider, "max_pages", None),
            "robots": spider.crawler.settings.getbool("ROBOTSTXT_OBEY"),
            "render": spider.crawler.settings.get("XXGK_RENDER")}


def crawl_settings(overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(urls: list[str], db: str, as_of: str, *, level: str | None = None,
              settings: dict[str, str] | None = None, spider_args: dict[str, Any] | None = None) -> list[int]:
    """Crawl the sites into `db` concurrently, one run each, run the checks, and return the run ids in
    the order of `urls`.

    :param urls: each site's homepage or its disclosure landing page (distinct).
    :param as_of: evaluation date (YYYY-MM-DD) every freshness rule and deadline is measured from.
    :param settings: Scrapy settings to override (`-s NAME=VALUE`).
    :param spider_args: further spider arguments (allow_host, no_external, max_pages), for every site.
    """
    store = Store(db)
    store.mark_dead_runs_interrupted()
    run_ids = [store.start_run(url, url, as_of, {"settings": settings or {}, **(spider_args or {})}, level=level)
               for url in urls]
    store.close()
    process = CrawlerProcess(batch_settings({**(settings or {}), "XXGK_DB": db}, len(urls)))
    from spiders.disclosure import DisclosureSpider

    process.crawl(DisclosureSpider, sites=list(zip(urls, run_ids, strict=True)), as_of=as_of, db=db, level=level,
                  **(spider_args or {}))
    one_line_exceptions()  # after crawl(): Scrapy installs its log handler per crawler
    process.start()
    return run_ids


def batch_settings(overrides: dict[str, str], sites: int) -> Settings:
    """The crawl's settings for `sites` sites: the overall request limit grows with them, so each site
    gets what a lone crawl would; the per-host limits stay as they are, shared by every site on a host."""
    settings = crawl_settings(overrides)
    if sites > 1:
        settings.set("CONCURRENT_REQUESTS", settings.getint("CONCURRENT_REQUESTS") * sites,
                     priority=settings.getpriority("CONCURRENT_REQUESTS"))
    return settings


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


def finish_runs(spider, reason: str) -> None:
    """Settle every site's run, then check them: a lone site in this process, a batch in child processes
    one site at a time (called when the spider closes)."""
    settled = [(site.run_id, settle_run(spider, site, site.stopped or reason)) for site in spider.sites]
    for run_id, status in settled:
        if status is RunStatus.INTERRUPTED:
            continue
        if len(settled) == 1:
            check_run(spider.db_path, run_id, status)
        else:
            check_in_child(spider.db_path, run_id, status)


def settle_run(spider, site, reason: str) -> RunStatus:
    """The run's status, coverage and stats, from what the crawl of its site could and could not see."""
    store = Store(spider.db_path)
    try:
        not_covered = coverage_gaps(site)
        status = run_status(spider, site, reason, not_covered)
        stats = {k.replace("/", "_"): v for k, v in spider.crawler.stats.get_stats().items()
                 if isinstance(v, int | float) and k.startswith(("downloader/response_count", "xxgk/",
                                                                   "response_received_count", "item_scraped"))}
        if len(spider.sites) > 1:  # the crawler's counters are the batch's: the run keeps its own
            stats = {"response_received_count": site.responses, "batch": stats}
        stats["platform_found"] = bool(site.state.landings)
        stats["landings"] = site.state.landings
        stats["sections"] = site.state.sections
        pages = store.run(site.run_id).get("pages") or 0
        store.finish_run(site.run_id, status, not_covered, pages, stats)
        return status
    finally:
        store.close()


def check_run(db: str, run_id: int, status: RunStatus | str) -> None:
    """Run the checks over a settled run's snapshots and store its findings."""
    from checks import run_checks

    store = Store(db)
    try:
        # A failed run judged nothing but its start page: say why it failed, no more.
        only = ["unreachable_site", "blocked"] if RunStatus(status) is RunStatus.FAILED else None
        checked = run_checks(store, run_id, only=only)
        store.replace_findings(run_id, checked.findings, checked.withheld)
        if checked.errors:
            store.update_run(run_id, stats={**(store.run(run_id)["stats"] or {}), "check_errors": checked.errors})
    finally:
        store.close()


def check_in_child(db: str, run_id: int, status: RunStatus) -> None:
    """check_run in a process of its own (spawned: nothing of the crawl's reactor or memory carried over)."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=check_run, args=(db, run_id, status.value),
                                                         name=f"check-{run_id}")
    child.start()
    child.join()
    if child.exitcode != 0:
        logging.getLogger(__name__).error("运行 %s 的检查失败（子进程退出码 %s）", run_id, child.exitcode)


def coverage_gaps(site) -> list[dict[str, str]]:
    gaps = [dict(g) for g in site.not_covered]
    if site.start_outcome.get("reason") not in START_FAILURES and not site.state.landings:
        gaps.append({"url": site.start_url, "reason": Reason.PLATFORM_NOT_FOUND, "role": Role.LANDING})
    if site.hit_max_pages:
        gaps.append({"url": site.start_url, "reason": Reason.MAX_PAGES, "role": Role.PLATFORM})
    return gaps


def run_status(spider, site, close_reason: str, gaps: list[dict[str, str]]) -> RunStatus:
    start_reason = site.start_outcome.get("reason")
    if start_reason in START_FAILURES or http_status(start_reason) is not None:
        return RunStatus.FAILED
    if close_reason in ("shutdown", "cancelled", RUN_LOST) or close_reason.startswith("error") \
            or not site.start_outcome or spider.crawler.stats.get_value(STORE_UNAVAILABLE_STAT):
        return RunStatus.INTERRUPTED
    return RunStatus.PARTIAL if gaps else RunStatus.COMPLETE
