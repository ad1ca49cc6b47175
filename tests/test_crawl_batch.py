"""Many sites in one crawl (contract "Commands": `xxgk crawl URL [URL ...]`, `--sites FILE`).

Each site is served on a loopback address of its own (127.0.0.2, 127.0.0.3 …): Scrapy keeps one
politeness slot per host name, not per port, so two ports of one address are one host.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from pathlib import Path

from crawler.cli import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, worst
from crawler.store import Store
from tests.conftest import FAST, ROOT, XXGK, CrawlResult, finding_key
from tests.loopback import LoopbackSite, Reply


def run_batch(urls: list[str], db: Path, *args: str) -> CrawlResult:
    proc = subprocess.run([*XXGK, "crawl", *urls, "--db", str(db), *FAST, *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr, db)


def printed_run_ids(result: CrawlResult, count: int) -> list[int]:
    return [int(line) for line in result.stdout.strip().splitlines()[-count:]]


def findings_of(db: Path, run_id: int) -> list[dict]:
    out = subprocess.run([*XXGK, "findings", "--db", str(db), "--run", str(run_id)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)["findings"]


def run_view(db: Path, run_id: int, origins: dict[str, str]) -> tuple:
    """What a run saw, with its servers' origins written as their names: comparable across addresses."""
    def neutral(value):
        if isinstance(value, str):
            for name, origin in origins.items():
                value = value.replace(origin.rstrip("/"), "{" + name + "}")
        return value

    store = Store(db)
    pages = sorted(neutral(p["url"]) for p in store.pages(run_id))
    findings = sorted(tuple(neutral(part) for part in finding_key(f)) for f in findings_of(db, run_id))
    return store.run(run_id)["status"], pages, findings


def test_each_run_of_a_batch_equals_the_lone_run_of_its_site(county, sample_site, truth, tmp_path):
    from samplesite.server import start

    lone = run_view(county.db, county.run_id, sample_site.urls)
    with start(slow_seconds=6, address="127.0.0.2") as first, start(slow_seconds=6, address="127.0.0.3") as second:
        starts = [site.urls["county"] + truth["sites"]["county"]["start"].removeprefix(sample_site.urls["county"])
                  for site in (first, second)]
        result = run_batch(starts, tmp_path / "batch.db", "--as-of", truth["as_of"], "--render", "never")
        assert result.code == EXIT_OK, result.stderr[-2000:]
        run_ids = printed_run_ids(result, 2)
        store = result.store()
        assert [store.run(r)["start_url"] for r in run_ids] == starts  # in the order of the URLs
        for run_id, site in zip(run_ids, (first, second), strict=True):
            assert run_view(result.db, run_id, site.urls) == lone


def counting_site(host: str, pages: int, in_flight: dict[str, int], lock: threading.Lock) -> LoopbackSite:
    """A homepage linking `pages` pages; each answer waits a little and counts how many are answered at once."""
    def slow_page(handler) -> Reply:
        with lock:
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
        time.sleep(0.5)  # holds the request open, so that concurrent requests overlap; not a timed assertion
        with lock:
            in_flight["now"] -= 1
        return Reply(b"<html><head><title>page</title></head><body>text</body></html>")

    links = "".join(f'<li><a href="/p{i}.html">doc {i}</a></li>' for i in range(pages))
    site_pages = {"/": f"<html><head><title>home</title></head><body><ul>{links}</ul></body></html>"}
    site_pages.update({f"/p{i}.html": slow_page for i in range(pages)})
    return LoopbackSite(site_pages, host=host)


def refused_url(host: str) -> str:
    with socket.socket() as sock:  # a port bound a moment ago and closed: nothing listens there
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    return f"http://{host}:{port}/"


def test_a_host_shared_by_sites_keeps_its_per_host_limit_in_total(tmp_path):
    # A download delay, however short: with none, Scrapy 2.19 starts a slot's whole queue at once
    # (Downloader._process_queue counts a request as transferring only once its coroutine runs).
    in_flight, lock = {"now": 0, "most": 0}, threading.Lock()
    with counting_site("127.0.0.2", 12, in_flight, lock) as one, counting_site("127.0.0.2", 12, in_flight, lock) as two:
        dead = refused_url("127.0.0.3")
        sites_file = tmp_path / "sites.txt"
        sites_file.write_text(f"# the second site and the first again\n{two.url('/')}\n\n{one.url('/')}\n{dead}\n",
                              encoding="utf-8")
        result = run_batch([one.url("/")], tmp_path / "shared.db", "--sites", str(sites_file), "--render", "never",
                           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "DOWNLOAD_DELAY=0.05",
                           "-s", "XXGK_PROGRESS_INTERVAL=1")
        # One of the sites failed (its start page was refused): the batch says so, every run id printed.
        assert result.code == EXIT_FAILED, result.stderr[-2000:]
        run_ids = printed_run_ids(result, 3)
        store = result.store()
        assert [store.run(r)["start_url"] for r in run_ids] == [one.url("/"), two.url("/"), dead]
        assert len(store.runs()) == 3  # the URL given twice was crawled once
        assert [store.run(r)["status"] for r in run_ids] == ["partial", "partial", "failed"]
        for run_id, url in zip(run_ids, (one.url("/"), two.url("/"), dead), strict=True):  # progress per site
            assert f"运行 {run_id} {url}：" in result.stderr
        for site in (one, two):  # each site's pages were all asked for, once, whatever the other did
            assert all(site.requests("HEAD", f"/p{i}.html") + site.requests("GET", f"/p{i}.html") >= 1
                       for i in range(12))
        pages = [sorted(p["url"] for p in store.pages(r)) for r in run_ids[:2]]
        assert [len([u for u in urls if "/p" in u]) for urls in pages] == [12, 12]
        assert all(u.startswith(one.origin) for u in pages[0]) and all(u.startswith(two.origin) for u in pages[1])
    assert 0 < in_flight["most"] <= 2  # the two sites' host never bore more than its limit


def test_a_malformed_url_is_a_usage_error_before_any_run(tmp_path):
    db = tmp_path / "bad.db"
    result = run_batch(["http://127.0.0.2:1/", "notaurl"], db)
    assert result.code == 2
    assert not db.exists() or Store(db).runs() == []


def test_the_worst_outcome_decides_the_exit_code():
    assert worst([EXIT_OK, EXIT_FAILED, EXIT_INTERNAL]) == EXIT_INTERNAL
    assert worst([EXIT_OK, EXIT_FAILED]) == EXIT_FAILED
    assert worst([EXIT_OK, EXIT_OK]) == EXIT_OK


def test_a_target_several_sites_link_is_fetched_once_and_recorded_in_each_run(tmp_path):
    with LoopbackSite({"/shared.html": "<html><head><title>国务院</title></head><body>正文</body></html>"},
                      host="127.0.0.4") as outside:
        home = (f'<html><head><title>首页</title></head><body><a href="{outside.url("/shared.html")}">中国政府网</a>'
                f'<a href="{outside.url("/gone.html")}">失效链接</a></body></html>')
        with LoopbackSite({"/": home}, host="127.0.0.2") as one, LoopbackSite({"/": home}, host="127.0.0.3") as two:
            result = run_batch([one.url("/"), two.url("/")], tmp_path / "shared.db", "--render", "never")
            assert result.code == EXIT_OK, result.stderr[-2000:]
        asked = dict(outside.log)
    # Once per batch: a HEAD each, and the GET that decides a refused HEAD (the crawl's own rule).
    assert {path for _, path in asked} == {"/shared.html", "/gone.html"} and set(asked.values()) == {1}
    store = result.store()
    for run_id in printed_run_ids(result, 2):  # and in each run, with its outcome
        rows = {p["url"]: p["status"] for p in store.pages(run_id) if p["url"].startswith(outside.origin)}
        assert rows == {outside.url("/shared.html"): 200, outside.url("/gone.html"): 404}
        assert outside.url("/gone.html") in {f["target"] for f in findings_of(result.db, run_id)
                                              if f["check"] == "broken_link"}
