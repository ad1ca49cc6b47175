"""Crawl benchmark: a generated sample site of N documents, crawled twice, against a bare Scrapy spider.

    .venv/bin/python benchmarks/crawl.py [--documents 20000] [--keep DIR] [--no-render-never] [--no-bare]
                                         [-s NAME=VALUE ...]

For each crawl it prints pages per second, peak RSS and database bytes per page:

- ``wall`` is the whole ``xxgk crawl`` process (start-up, crawl, checks); ``crawl`` is the run's own
  started_at → finished_at (the crawl without the checks, to the second);
- ``peak RSS`` is the crawler process alone (also split into the crawl and the checks after it);
  ``tree`` sums its process tree (the Playwright driver and Chromium when a page is rendered) as RSS,
  which counts Chromium's shared pages once per process, and as PSS, which does not;
- ``CPU`` is user + system time of the crawler's process tree: on a busy machine a steadier figure
  than wall time;
- ``db`` is how much the SQLite file grew (after a WAL checkpoint), per stored page;
- ``check`` compares the run with the site's ground truth (status, pages, column counts).

The second crawl of the unchanged site shows what a re-crawl costs (bodies are stored once per hash).
The first crawl is repeated with ``--render never`` into a fresh database, to show what the browser
costs (``--render auto`` launches Chromium for the sample site's 瑞数-style challenge and script list).
The bare spider follows every same-origin ``<a href>`` and does nothing else: the stack's own limit on
this machine. It cannot walk script-only pagers (TRS ``createPageHTML``, Hanweb ``dataproxy.jsp`` …),
so it reaches fewer pages. The sample server runs in this process, on 127.0.0.1, and shares the
machine's cores with the crawler. ``-s`` passes a further setting to every ``xxgk crawl``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "XXGK_PROGRESS_INTERVAL=0",
            "-s", "DOWNLOAD_TIMEOUT=5", "-s", "XXGK_RETRY_BACKOFF=0.5,1"]

# Written to a file and run from there: Scrapy reads a callback's source (inspect.getsource) to warn
# about generators that return values, which fails for code given with `python -c`.
BARE_SPIDER = textwrap.dedent('''
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"

        def __init__(self, start, **kwargs):
            super().__init__(**kwargs)
            self.start_urls = [start]
            self.seen = []

        def parse(self, response):
            self.seen.append(response.url)
            if not hasattr(response, "css"):
                return
            for href in response.css("a::attr(href)").getall():
                url = response.urljoin(href)
                if url.startswith(self.start_urls[0]):
                    yield scrapy.Request(url, callback=self.parse)

    process = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
                              "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 5,
                              "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor"})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler, start=sys.argv[1])
    process.start()
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("\\n".join(crawler.spider.seen))
    print(crawler.stats.get_value("response_received_count", 0))
''')


@dataclass
class Measured:
    seconds: float  # wall time
    peak: int  # peak RSS of the process itself, bytes
    peak_tree: int  # peak of the summed RSS of the process and all its descendants
    peak_tree_pss: int  # the same in PSS (shared pages divided among the processes sharing them)
    cpu: float  # user + system CPU seconds of the process and its (waited-for) descendants
    load: float  # mean 1-minute load average while it ran
    out: str  # stdout
    timeline: list[tuple[float, int]]  # (epoch seconds, RSS of the process itself)

    def peak_until(self, epoch: float) -> tuple[int, int]:
        """Peak RSS of the process itself up to ``epoch`` and after it."""
        before = [rss for at, rss in self.timeline if at <= epoch]
        after = [rss for at, rss in self.timeline if at > epoch]
        return max(before, default=0), max(after, default=0)


def tree_memory(ps: psutil.Process, pss: bool) -> tuple[int, int, int]:
    """RSS of the process, and RSS and (when asked: it costs more) PSS summed over it and its descendants."""
    own = ps.memory_info().rss
    total_rss = total_pss = 0
    for proc in [ps, *ps.children(True)]:
        with contextlib.suppress(psutil.Error):  # a child may exit between listing and reading it
            if pss:
                info = proc.memory_full_info()  # /proc/PID/smaps_rollup
                total_rss, total_pss = total_rss + info.rss, total_pss + info.pss
            else:
                total_rss += proc.memory_info().rss
    return own, total_rss, total_pss


def measure(cmd: list[str], log: Path) -> Measured:
    """Run a command, sampling RSS every 0.25 s and PSS every 2 s (stderr goes to ``log``).

    Sampling costs this process some CPU (reading /proc), which competes with the crawl on 2 cores;
    PSS is read less often because smaps_rollup walks the page tables of every Chromium process.
    """
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
        ps, peaks, loads, timeline, tick = psutil.Process(proc.pid), [0, 0, 0], [], [], 0
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                sample = tree_memory(ps, pss=tick % 8 == 0)
                peaks = [max(a, b) for a, b in zip(peaks, sample, strict=True)]
                timeline.append((time.time(), sample[0]))
            loads.append(os.getloadavg()[0])
            tick += 1
            time.sleep(0.25)
        out = proc.stdout.read() if proc.stdout else ""
    seconds = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        tail = log.read_text(errors="replace")[-2000:]
        raise SystemExit(f"{cmd[:4]}… exited {proc.returncode}:\n{tail}")
    cpu = (children_after.ru_utime - children_before.ru_utime) + (children_after.ru_stime - children_before.ru_stime)
    return Measured(seconds, *peaks, cpu, sum(loads) / max(len(loads), 1), out, timeline)


def db_size(db: Path) -> int:
    """The database file's size with its WAL folded in."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return db.stat().st_size


def verify(store, run: dict, truth: dict, origin: str) -> str:
    """Compare a run with the ground truth: status, platform pages stored, column item and list-page
    counts. A run with a browser is compared with the ground truth's ``with_browser`` view."""
    county = truth["sites"]["county"]
    run_id, expect_status = run["id"], county["expected_status"]
    expected_urls, columns_truth = list(county["pages"]), {c["url"]: c for c in county["columns"]}
    browser = (run["options"] or {}).get("settings", {}).get("XXGK_RENDER") != "never"
    if browser:
        view = county["with_browser"]
        expect_status = view["expected_status"]
        expected_urls += view["extra_pages"]
        for column in view.get("columns") or []:
            columns_truth[column["url"]] = {**columns_truth.get(column["url"], {}), **column}
    expected = {url.replace("{county}", origin) for url in expected_urls}
    stored = {row["url"] for row in store.db.query("select url from pages where run_id = ?", [run_id])}
    columns = {row["url"]: row for row in store.db.query(
        "select url, item_count, list_pages from columns where run_id = ?", [run_id])}
    wrong = []
    for url, column in columns_truth.items():
        want = column.get("crawled_item_count")
        got = columns.get(url.replace("{county}", origin))
        if want is None:
            continue  # page columns
        if got is None:
            wrong.append(f"{column.get('name', url)} not stored")
        elif (got["item_count"], got["list_pages"]) != (want, column["crawled_list_pages"]):
            wrong.append(f"{column.get('name', url)} {got['item_count']}/{got['list_pages']} != "
                         f"{want}/{column['crawled_list_pages']}")
    documents = next(iter(store.db.query(
        "select count(*) n from pages where run_id = ? and role = 'document'", [run_id])))["n"]
    missing = expected - stored
    return (f"check ({'with' if browser else 'without'} browser): status {run['status']} "
            f"(expected {expect_status}), {documents} documents, ground-truth pages missing {len(missing)} of "
            f"{len(expected)}{' e.g. ' + min(missing) if missing else ''}, "
            f"columns {'match' if not wrong else 'DIFFER: ' + '; '.join(wrong)}")


def crawl_figures(label: str, url: str, db: Path, truth: dict, work: Path, extra: list[str]) -> None:
    from crawler.store import Store

    before = db_size(db)
    load_before = os.getloadavg()[0]
    slug = re.sub(r"\W+", "-", label).strip("-")
    m = measure(
        [sys.executable, "-m", "crawler.cli", "crawl", url, "--db", str(db), "--as-of", truth["as_of"],
         "--no-external", *extra, *LOOPBACK], work / f"{slug}.log")
    run_id = int(m.out.strip().splitlines()[-1])
    grown = db_size(db) - before
    store = Store(db)
    run = store.run(run_id)
    pages = run["pages"]
    finished = datetime.fromisoformat(run["finished_at"])
    crawl_seconds = (finished - datetime.fromisoformat(run["started_at"])).total_seconds()
    during_crawl, during_checks = m.peak_until(finished.timestamp() + 1)  # finished_at has 1 s resolution
    rendered = {k: v for k, v in (run["stats"] or {}).items() if k.startswith("xxgk_render")}
    print(f"{label:<26} {pages:>6} pages  wall {m.seconds:6.1f} s {pages / m.seconds:6.1f} pages/s  "
          f"crawl {crawl_seconds:5.0f} s {pages / max(crawl_seconds, 1):6.1f} pages/s  "
          f"peak RSS {m.peak / 2**20:5.0f} MiB (tree {m.peak_tree / 2**20:.0f} MiB RSS, "
          f"{m.peak_tree_pss / 2**20:.0f} MiB PSS)  db +{grown / max(pages, 1):6.0f} bytes/page", flush=True)
    print(f"{'':<26} crawler peak RSS {during_crawl / 2**20:.0f} MiB while crawling, "
          f"{during_checks / 2**20:.0f} MiB during the checks after it", flush=True)
    print(f"{'':<26} CPU {m.cpu:.0f} s crawler tree ({m.cpu / max(pages, 1) * 1000:.1f} ms/page); "
          f"load {load_before:.2f} before / {m.load:.2f} during", flush=True)
    print(f"{'':<26} run {run_id} {run['status']}, not covered {len(run['not_covered'] or [])}, "
          f"render {rendered or 'none'}", flush=True)
    print(f"{'':<26} {verify(store, run, truth, url.rstrip('/'))}", flush=True)
    store.close()


def bare_figures(url: str, truth: dict, work: Path) -> None:
    script, seen_file = work / "bare_spider.py", work / "bare_seen.txt"
    script.write_text(BARE_SPIDER, encoding="utf-8")
    load_before = os.getloadavg()[0]
    m = measure([sys.executable, str(script), url, str(seen_file)], work / "bare.log")
    pages = int(m.out.strip().splitlines()[-1] or 0)
    seen = set(seen_file.read_text(encoding="utf-8").split())
    origin = url.rstrip("/")
    expected = {u.replace("{county}", origin) for u in truth["sites"]["county"]["pages"]}
    print(f"{'bare Scrapy spider':<26} {pages:>6} pages  wall {m.seconds:6.1f} s {pages / m.seconds:6.1f} pages/s  "
          f"{'':<25}peak RSS {m.peak / 2**20:5.0f} MiB", flush=True)
    print(f"{'':<26} CPU {m.cpu:.0f} s ({m.cpu / max(pages, 1) * 1000:.1f} ms/page); "
          f"load {load_before:.2f} before / {m.load:.2f} during", flush=True)
    print(f"{'':<26} reached {len(seen & expected)} of the {len(expected)} pages a complete crawl stores: "
          f"it cannot walk script-only pagers (createPageHTML, dataproxy.jsp)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--keep", help="directory for the generated site, databases and logs")
    parser.add_argument("--no-render-never", action="store_true", help="skip the --render never crawl")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Scrapy spider")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="a further setting for every xxgk crawl (repeatable)")
    args = parser.parse_args()
    from samplesite.server import start

    work = Path(args.keep or tempfile.mkdtemp(prefix="xxgk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    site_dir, db, db_never = work / "site", work / "bench.db", work / "bench-never.db"
    for path in (db, db_never):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine()) if Path("/proc/cpuinfo").exists() \
        else platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}", flush=True)
    started = time.perf_counter()
    with start(site_dir=site_dir, scale_documents=args.documents, slow_seconds=1) as site:
        truth = site.ground_truth
        print(f"site: {truth['county_platform_documents']} platform documents, "
              f"{len(truth['sites']['county']['pages'])} pages to store, ready in "
              f"{time.perf_counter() - started:.0f} s at {site_dir}", flush=True)
        url = site.urls["county"]
        extra = [arg for pair in args.settings for arg in ("-s", pair)]
        crawl_figures("xxgk crawl (first)", url, db, truth, work, extra)
        crawl_figures("xxgk crawl (unchanged)", url, db, truth, work, extra)
        if not args.no_render_never:
            crawl_figures("xxgk crawl (first, never)", url, db_never, truth, work, ["--render", "never", *extra])
        if not args.no_bare:
            bare_figures(url, truth, work)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
