"""Crawl benchmark: a generated sample site of N documents, crawled twice, against a bare Scrapy spider.

    .venv/bin/python benchmarks/crawl.py [--documents 20000] [--keep DIR]

For each crawl it prints pages per second, peak RSS and database bytes per page. The second crawl
of the unchanged site shows what a re-crawl costs (bodies are stored once per hash). The bare spider
follows every link and does nothing else: it measures the stack's own limit on this machine.
Everything runs on 127.0.0.1 against the project's own sample server.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "XXGK_PROGRESS_INTERVAL=0",
            "-s", "DOWNLOAD_TIMEOUT=5", "-s", "XXGK_RETRY_BACKOFF=0.5,1"]

BARE_SPIDER = textwrap.dedent('''
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"
        start_urls = [sys.argv[1]]
        def parse(self, response):
            if not hasattr(response, "css"):
                return
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if url.startswith(self.start_urls[0]):
                    yield scrapy.Request(url, callback=self.parse)

    process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
                              "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                              "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor"})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    print(crawler.stats.get_value("response_received_count", 0))
''')


def measure(cmd: list[str]) -> tuple[float, int, str]:
    """Run a command; return wall seconds, peak RSS in bytes (process tree) and its stdout."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):  # a child may exit between listing and reading it
            peak = max(peak, ps.memory_info().rss + sum(c.memory_info().rss for c in ps.children(True)))
        time.sleep(0.2)
    out = proc.stdout.read() if proc.stdout else ""
    return time.perf_counter() - started, peak, out


def crawl_figures(label: str, url: str, db: Path, as_of: str) -> None:
    from crawler.store import Store

    before = db.stat().st_size if db.exists() else 0
    seconds, peak, out = measure([sys.executable, "-m", "crawler.cli", "crawl", url, "--db", str(db),
                                  "--as-of", as_of, "--no-external", *LOOPBACK])
    run_id = int(out.strip().splitlines()[-1])
    store = Store(db)
    pages = store.run(run_id)["pages"]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    grown = db.stat().st_size - before
    print(f"{label:<22} {pages:>7} pages  {seconds:7.1f} s  {pages / seconds:7.1f} pages/s  "
          f"peak RSS {peak / 2**20:6.0f} MiB  db +{grown / max(pages, 1):7.0f} bytes/page")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--keep", help="directory for the generated site and database")
    args = parser.parse_args()
    from samplesite.server import start

    work = Path(args.keep or tempfile.mkdtemp(prefix="xxgk-bench-"))
    site_dir, db = work / "site", work / "bench.db"
    if db.exists():
        db.unlink()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    started = time.perf_counter()
    with start(site_dir=site_dir, scale_documents=args.documents, slow_seconds=1) as site:
        print(f"generated {args.documents} documents in {time.perf_counter() - started:.0f} s at {site_dir}")
        url, as_of = site.urls["county"], site.ground_truth["as_of"]
        crawl_figures("xxgk crawl (first)", url, db, as_of)
        crawl_figures("xxgk crawl (unchanged)", url, db, as_of)
        seconds, peak, out = measure([sys.executable, "-c", BARE_SPIDER, url])
        pages = int(out.strip().splitlines()[-1] or 0)
        print(f"{'bare Scrapy spider':<22} {pages:>7} pages  {seconds:7.1f} s  {pages / seconds:7.1f} pages/s  "
              f"peak RSS {peak / 2**20:6.0f} MiB")


if __name__ == "__main__":
    main()
