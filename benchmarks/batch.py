"""Batch benchmark: one generated site served on several loopback addresses, crawled alone and as a batch.

    .venv/bin/python benchmarks/batch.py [--seed 1] [--sites 1,6,12] [--latency 0.05] [-s NAME=VALUE ...]

The generated platform (samplesite/generate.py) is served once per address, 127.0.0.11, 127.0.0.12 …,
each answer held `--latency` seconds, as a distant government server's would be; its other hosts
(127.0.0.2, 127.0.0.3) are the same for every copy, as www.gov.cn is for real sites. Each size is one
`xxgk crawl URL [URL ...]` with the default per-host limits, `-s DOWNLOAD_DELAY=0.25` and `--render
never`, into a fresh database. For each it prints the wall time, its ratio to the lone crawl, the CPU
share (user + system CPU seconds of the process tree over wall seconds), the peak RSS summed over the
process tree (psutil, every 0.25 s: the crawler and its check processes), and whether every run stored
exactly the pages of the lone run (URLs with the copy's address written as the site's).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from pathlib import Path

from crawl import ROOT, measure  # benchmarks/crawl.py: the same sampling of time, CPU and memory

sys.path.insert(0, str(ROOT))

from crawler.store import Store
from samplesite.generate import build_seed
from samplesite.server import start

POLITE = ["--render", "never", "-s", "DOWNLOAD_DELAY=0.25", "-s", "XXGK_PROGRESS_INTERVAL=0"]


def page_set(db: Path, run_id: int, origins: dict[str, str]) -> frozenset[str]:
    """The run's page URLs, each copy's origins written as their names."""
    def neutral(url: str) -> str:
        for name, origin in origins.items():
            url = url.replace(origin.rstrip("/"), "{" + name + "}")
        return url

    store = Store(db)
    try:
        return frozenset(neutral(p["url"]) for p in store.pages(run_id))
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/batch.py", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="the generated platform (default 1)")
    parser.add_argument("--sites", default="1,6,12", help="batch sizes, the first the lone crawl (default 1,6,12)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds each answer waits (default 0.05)")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sites.split(",")]
    extra = [x for pair in args.settings for x in ("-s", pair)]
    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        work = Path(tmp)
        truth = build_seed(args.seed, work / "site")
        copies = [start(work / "site", slow_seconds=6, address=f"127.0.0.{11 + i}", latency=args.latency)
                  for i in range(max(sizes))]
        try:
            starts = [copy.expand(truth)["sites"]["site"]["start"] for copy in copies]
            print(f"seed {args.seed}; {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
                  f"latency {args.latency * 1000:.0f} ms, DOWNLOAD_DELAY 0.25, default per-host limits")
            print(f"{'sites':>5} {'wall s':>8} {'x lone':>7} {'CPU share':>10} {'peak RSS tree':>14}  pages per run")
            lone_seconds, lone_pages = None, None
            for size in sizes:
                for copy in copies:
                    copy.reset()
                db = work / f"batch{size}.db"
                cmd = [sys.executable, "-m", "crawler.cli", "crawl", *starts[:size], "--db", str(db),
                       "--as-of", truth["as_of"], *POLITE, *extra]
                measured = measure(cmd, work / f"batch{size}.log")
                run_ids = [int(line) for line in measured.out.strip().splitlines()[-size:]]
                pages = [page_set(db, run_id, copy.urls) for run_id, copy in zip(run_ids, copies, strict=False)]
                lone_seconds = lone_seconds or measured.seconds
                lone_pages = lone_pages or pages[0]
                same = "all equal the lone run's" if all(p == lone_pages for p in pages) else \
                    "DIFFER: " + ", ".join(str(len(p)) for p in pages)
                print(f"{size:>5} {measured.seconds:>8.1f} {measured.seconds / lone_seconds:>7.2f} "
                      f"{measured.cpu / measured.seconds:>9.0%} {measured.peak_tree / 2**20:>10.0f} MiB  "
                      f"{len(pages[0])} pages, {same}", flush=True)
        finally:
            for copy in copies:
                copy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
