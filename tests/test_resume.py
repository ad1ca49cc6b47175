"""Resuming an interrupted run: a crawl killed with SIGKILL halfway is taken up by the next crawl of the
same site, under the same run id, fetching only what it had not stored, each page stored once."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter

import pytest

from crawler.store import Store
from tests.conftest import FAST, ROOT, XXGK, run_xxgk_crawl


def requests_served(site) -> int:
    return sum(state.requests for state in site._states)


def page_keys(store: Store, run_id: int) -> Counter:
    return Counter((p["method"], p["url"], str(p["form"])) for p in store.pages(run_id))


@pytest.fixture(scope="module")
def full_crawl(sample_site, truth, tmp_path_factory):
    sample_site.reset()
    result = run_xxgk_crawl(truth["sites"]["county"]["start"], tmp_path_factory.mktemp("full") / "full.db",
                            "--as-of", truth["as_of"], "--render", "never")
    assert result.code == 0, result.stderr[-2000:]
    return result, requests_served(sample_site)


def test_a_killed_crawl_is_resumed_under_the_same_id_fetching_only_what_it_had_not_stored(
        sample_site, truth, full_crawl, tmp_path):
    full, full_requests = full_crawl
    db = tmp_path / "resumed.db"
    sample_site.reset()
    # Two requests at a time per host, as a polite crawl of a real site: what was in flight at the kill
    # is all the run can lose beyond its last second of rows.
    proc = subprocess.Popen([*XXGK, "crawl", truth["sites"]["county"]["start"], "--db", str(db), *FAST,
                             "--as-of", truth["as_of"], "--render", "never", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 120
    while requests_served(sample_site) < full_requests / 2:
        assert proc.poll() is None and time.monotonic() < deadline, "the crawl ended before half its requests"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed = Store(db).run("latest")
    assert killed["status"] == "interrupted"  # the next command that opens the database says so

    sample_site.reset()
    resumed = run_xxgk_crawl(truth["sites"]["county"]["start"], db, "--render", "never",  # --as-of reused
                             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
    assert resumed.code == 0, resumed.stderr[-2000:]
    assert resumed.run_id == killed["id"]
    asked = requests_served(sample_site)
    print(f"full crawl {full_requests} requests; resumed after the kill {asked}")
    assert asked <= 0.75 * full_requests, (asked, full_requests)

    store, reference = Store(db), full.store()
    run = store.run(resumed.run_id)
    assert run["status"] == reference.run(full.run_id)["status"] and run["resumes"] == 1
    assert run["as_of"] == truth["as_of"]
    keys = page_keys(store, resumed.run_id)
    assert max(keys.values()) == 1, [k for k, n in keys.items() if n > 1][:3]
    assert set(keys) == set(page_keys(reference, full.run_id))
    assert {f["key"] for f in store.findings(resumed.run_id)} == {f["key"] for f in reference.findings(full.run_id)}
    assert len(store.runs()) == 1


def test_fresh_or_other_options_start_a_new_run(sample_site, truth, tmp_path):
    db = tmp_path / "other.db"
    store = Store(db)
    start = truth["sites"]["county"]["start"]
    identity_run = store.start_run(start, start, truth["as_of"], {"resume": {"as_of": truth["as_of"]}})
    store.finish_run(identity_run, "interrupted", [], 0)
    store.close()
    # Its recorded options differ from a plain crawl's (no render mode, no rules …): not resumed.
    result = run_xxgk_crawl(start, db, "--as-of", truth["as_of"], "--render", "never", "--max-pages", "5")
    assert result.code == 0, result.stderr[-2000:]
    assert result.run_id != identity_run
    # An interrupted run with the same options is not resumed under --fresh either.
    Store(db).update_run(result.run_id, status="interrupted")
    again = run_xxgk_crawl(start, db, "--as-of", truth["as_of"], "--render", "never", "--max-pages", "5", "--fresh")
    assert again.run_id not in (identity_run, result.run_id)
