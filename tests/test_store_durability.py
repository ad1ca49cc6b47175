"""The store under stress: a busy database, a killed crawl, a run that looks dead, pruning old runs.

All against real SQLite files and real crawls of the sample site; the lock is held by a second process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from crawler.store import HEARTBEAT_DEAD_SECONDS, Store, body_hash
from tests.conftest import FAST, ROOT, XXGK

LOCK_SECONDS = 8  # longer than the store's busy timeout (2 s)
HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def stored_pages(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=10)
    try:
        return conn.execute("select count(*) from pages").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def wait_for_pages(db: Path, count: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while stored_pages(db) < count:
        assert proc.poll() is None, "the crawl ended before it stored enough pages"
        assert time.monotonic() < deadline, "the crawl stored too few pages in time"
        time.sleep(0.2)


def start_crawl(url: str, db: Path, as_of: str) -> subprocess.Popen:
    return subprocess.Popen([*XXGK, "crawl", url, "--db", str(db), *FAST, "--as-of", as_of, "--render", "never",
                             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def test_a_write_lock_held_longer_than_the_busy_timeout_loses_nothing(sample_site, truth, county, tmp_path):
    sample_site.reset()
    db = tmp_path / "locked.db"
    proc = start_crawl(truth["sites"]["county"]["start"], db, truth["as_of"])
    wait_for_pages(db, 30, proc)
    locker = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(LOCK_SECONDS)],
                              stdout=subprocess.PIPE, text=True)
    assert locker.stdout.readline().strip() == "locked"
    out, err = proc.communicate(timeout=300)
    locker.wait(timeout=30)
    assert proc.returncode == 0, err[-2000:]
    run_id = int(out.strip().splitlines()[-1])
    locked = Store(db)
    reference = county.store()
    assert locked.run(run_id)["status"] == reference.run(county.run_id)["status"]
    # Every URL the reference crawl stored, once per method (a HEAD that timed out on this busy machine
    # may add the GET that decides it, in either run).
    urls = [(p["method"], p["url"]) for p in locked.pages(run_id)]
    assert len(urls) == len(set(urls))
    assert {url for _, url in urls} == {p["url"] for p in reference.pages(county.run_id)}
    assert {(f["check_id"], f["key"]) for f in locked.findings(run_id)} == \
        {(f["check_id"], f["key"]) for f in reference.findings(county.run_id)}


def test_a_killed_crawl_keeps_what_it_fetched_and_is_marked_interrupted(sample_site, truth, tmp_path):
    sample_site.reset()
    db = tmp_path / "killed.db"
    proc = start_crawl(truth["sites"]["county"]["start"], db, truth["as_of"])
    wait_for_pages(db, 40, proc)
    time.sleep(1.5)  # rows are written about once a second
    fetched_before_kill = stored_pages(db)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    store = Store(db)  # any command that opens the database marks the dead run
    [run] = store.runs()
    assert run["status"] == "interrupted"
    assert len(list(store.pages(run["id"]))) >= fetched_before_kill >= 40


def test_a_running_run_with_a_silent_heartbeat_is_interrupted_whatever_its_pid(tmp_path):
    db = tmp_path / "silent.db"
    store = Store(db)
    alive = store.start_run("http://127.0.0.1/", "http://127.0.0.1/", "2026-06-30", {})
    silent = store.start_run("http://127.0.0.2/", "http://127.0.0.2/", "2026-06-30", {})
    store.update_run(silent, heartbeat=time.time() - HEARTBEAT_DEAD_SECONDS - 5)  # our own pid: alive
    store.close()
    reopened = Store(db)
    assert reopened.run(alive)["status"] == "running"
    assert reopened.run(silent)["status"] == "interrupted"


def test_a_crawl_whose_run_was_marked_interrupted_stops_with_exit_1(sample_site, truth, tmp_path):
    sample_site.reset()
    db = tmp_path / "lost.db"
    proc = start_crawl(truth["sites"]["county"]["start"], db, truth["as_of"])
    wait_for_pages(db, 20, proc)
    conn = sqlite3.connect(db, timeout=30)
    with conn:
        conn.execute("update runs set status = 'interrupted'")
    conn.close()
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err[-2000:]
    assert "Traceback" not in err
    assert Store(db).run("latest")["status"] == "interrupted"


def test_prune_keeps_the_latest_runs_of_each_site_and_drops_unused_bodies(tmp_path):
    db = tmp_path / "prune.db"
    store = Store(db)
    runs = {}
    for site in ("http://127.0.0.1/", "http://127.0.0.2/zwgk/"):
        for n in range(4):
            run_id = store.start_run(site, site, "2026-06-30", {})
            digest = store.save_body(f"{site} body of run {n}".encode())
            shared = store.save_body(b"the same logo on every run")
            store.save_pages([{"run_id": run_id, "url": site, "body_hash": digest},
                              {"run_id": run_id, "url": site + "logo.png", "body_hash": shared}])
            store.finish_run(run_id, "complete", [], 2)
            runs.setdefault(site, []).append((run_id, digest))
    store.close()
    proc = subprocess.run([*XXGK, "prune", "--keep", "2", "--db", str(db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    store = Store(db)
    kept = {r["id"] for r in store.runs()}
    for site_runs in runs.values():
        assert kept >= {run_id for run_id, _ in site_runs[2:]}
        assert not kept & {run_id for run_id, _ in site_runs[:2]}
        assert all(store.body(digest) is None for _, digest in site_runs[:2])
        assert all(store.body(digest) is not None for _, digest in site_runs[2:])
    assert store.body(body_hash(b"the same logo on every run")) is not None
    assert not list(store.db.query("select 1 from pages where run_id not in (select id from runs)"))
    assert "删除" in proc.stdout


def test_prune_needs_a_positive_keep(tmp_path):
    proc = subprocess.run([*XXGK, "prune", "--keep", "0", "--db", str(tmp_path / "x.db")],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ})
    assert proc.returncode == 2
