"""`xxgk schedule`: the site registry, scheduled crawls on an injected clock, availability probes and
the probe veto, alerts through Apprise to a real webhook and a real SMTP server, restarts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import psutil
import pytest

from crawler.cli import main as xxgk_main
from crawler.store import SHANGHAI, Store
from monitor.config import load_config
from monitor.probes import probe
from monitor.scheduler import Scheduler
from tests.conftest import FAST, ROOT, XXGK, run_xxgk_crawl
from tests.monitor_parts import ManualClock, ProbedSite, smtp_server, webhook

HOUR = timedelta(hours=1)


def fast_settings() -> str:
    pairs = [item.split("=", 1) for item in FAST[1::2]]
    return "{" + ", ".join(f'{name} = "{value}"' for name, value in pairs) + "}"


def write_config(path: Path, sites: list[tuple[str, str]], *, crawl_every: str, notify: list[str],
                 extra: str = "") -> Path:
    text = [f'[defaults]\ncrawl_every = "{crawl_every}"\nprobe_every = "1h"\nmax_parallel = 2\n'
            f'render = "never"\nnotify = {json.dumps(notify)}\nsettings = {fast_settings()}\n{extra}']
    text += [f'[[site]]\nname = "{name}"\nurl = "{url}"\n' for name, url in sites]
    path.write_text("\n".join(text), encoding="utf-8")
    return path


def scheduler(config: Path, db: Path, clock: ManualClock) -> Scheduler:
    return Scheduler(load_config(config), db, clock, retry_delays=(0.0, 0.0))


# -- the registry ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "named"), [
    ("[defaults\ncrawl_every = 1", "TOML"),
    ('[defaults]\ncrawl_evry = "1d"\n[[site]]\nname = "a"\nurl = "http://a.gov.cn/"', "crawl_evry"),
    ('[defaults]\nmax_parallel = "4"\n[[site]]\nname = "a"\nurl = "http://a.gov.cn/"', "max_parallel"),
    ('[[site]]\nname = "a"\nurl = "http://a.gov.cn/"\nprobe_every = "1 week"', "probe_every"),
    ('[[site]]\nname = "a"\nurl = "http://a.gov.cn/"\nmax_parallel = 2', "max_parallel"),
    ('[[site]]\nname = "a"\nurl = "http://a.gov.cn/"\nnotify = "json://x"', "notify"),
    ('[[site]]\nname = "a"\nurl = "http://a.gov.cn/"\n[[site]]\nname = "a"\nurl = "http://b.gov.cn/"', "name"),
    ('[[site]]\nname = "a"\nurl = "http://A.gov.cn/x/"\n[[site]]\nname = "b"\nurl = "https://a.gov.cn/x/i.html"',
     "url"),
])
def test_bad_config_is_exit_2_naming_table_and_key(tmp_path, capsys, text, named):
    config = tmp_path / "sites.toml"
    config.write_text(text, encoding="utf-8")
    assert xxgk_main(["schedule", "--config", str(config), "--db", str(tmp_path / "x.db"), "--once"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and named in err
    if named != "TOML":
        assert "[defaults]" in err or "[[site]]" in err


def test_config_defaults_and_overrides(tmp_path):
    config = tmp_path / "sites.toml"
    config.write_text('[defaults]\ncrawl_every = "30s"\nnotify = ["json://127.0.0.1:1/a"]\nrules = "r.toml"\n'
                      '[[site]]\nname = "甲"\nurl = "http://a.gov.cn/"\n'
                      '[[site]]\nname = "乙"\nurl = "http://b.gov.cn/"\ncrawl_every = "15m"\nnotify = []\n'
                      'level = "department"\n', encoding="utf-8")
    first, second = load_config(config).sites
    assert first.crawl_every == timedelta(seconds=30) and second.crawl_every == timedelta(minutes=15)
    assert first.probe_every == timedelta(hours=1) and first.notify == ("json://127.0.0.1:1/a",)
    assert second.notify == () and second.level == "department" and first.rules == tmp_path / "r.toml"


# -- probes ------------------------------------------------------------------------------------------
def test_probe_outcomes_on_real_servers(sample_site):
    dead = probe(sample_site.dead)
    assert not dead.ok and dead.reason == "connection"
    up = probe(sample_site.urls["county"])
    assert up.ok and up.status == 200
    missing = probe(sample_site.urls["county"] + "no-such-page/")
    assert missing.ok and missing.status == 404  # the site answered: it is reachable
    failing = ProbedSite("127.0.0.1", {1}).start()
    try:
        assert not probe(failing.url).ok and probe(failing.url).ok
    finally:
        failing.stop()


def test_challenge_page_is_reachable(truth):
    """A 瑞数 412 challenge is an answer from a reachable site, not a failed probe."""
    result = probe(truth["challenge"]["url"])
    assert result.ok and result.status == 412 and result.reason == "challenge:ruishu", result


def test_probe_veto_at_six_percent_not_at_four(tmp_path):
    """168 hourly probes in the week before the second crawl: 10 failed (6.0%) is the veto, 7 (4.2%)
    is not; the first crawl has no week of probes behind it and says so without a veto."""
    six = ProbedSite("127.0.0.2", set(range(3, 168, 17))).start()
    four = ProbedSite("127.0.0.3", set(range(3, 168, 25))).start()
    assert len(six.failing) == 10 and len(four.failing) == 7
    try:
        with webhook() as hook:
            config = write_config(tmp_path / "sites.toml", [("六", six.url), ("四", four.url)], crawl_every="7d",
                                  notify=[hook.url])
            clock = ManualClock(datetime(2026, 6, 1, 8, 0, tzinfo=SHANGHAI))
            sched = scheduler(config, tmp_path / "x.db", clock)
            for _ in range(7 * 24 + 1):
                sched.tick()
                sched.wait_idle()
                clock.advance(HOUR)
            store = Store(tmp_path / "x.db")
            by_site = {}
            for site in (six, four):
                runs = [r for r in store.runs() if r["start_url"] == site.url]
                assert len(runs) == 2
                by_site[site.url] = [{f["key"]: f for f in store.findings(r["id"])} for r in runs]
            six_first, six_second = by_site[six.url]
            four_first, four_second = by_site[four.url]
            assert f"unreachable_site|probes_too_few|{four.url}" in four_first
            veto_key = f"unreachable_site|probes|{six.url}"
            assert f"unreachable_site|probes_too_few|{six.url}" in six_first and veto_key not in six_first
            veto = six_second[veto_key]
            assert veto["severity"] == "veto"
            assert veto["evidence"]["probes"] == 168 and veto["evidence"]["failed"] == 10
            assert veto["evidence"]["per_day"] == [24] * 7 and len(veto["evidence"]["failures"]) == 10
            assert not [k for k in four_second if "probes" in k] and not [k for k in six_second if "too_few" in k]
            assert [m for m in hook.received if veto_key in m["message"]]
            assert not [m for m in hook.received if f"probes|{four.url}" in m["message"]]
            assert len(store.probes(store.runs()[0]["site_key"], 0, 2e9)) == 7 * 24 + 1
    finally:
        six.stop()
        four.stop()


# -- ten simulated days ------------------------------------------------------------------------------
def alerts_of(store: Store, key: str) -> list[dict]:
    return [n for n in store.notifications(key) if n["ok"]]


def test_ten_days_on_two_sites(tmp_path):
    """Two sample sites for 10 days on an injected clock (crawl every 2 days, probe hourly): exactly the
    crawls and probes that implies; a link broken on one site and a link fixed on the other, each
    followed by a crawl by hand, give one alert each at the next scheduled run; nothing is repeated."""
    from samplesite.server import start

    with start(tmp_path / "site", slow_seconds=1) as site, webhook() as hook, smtp_server() as (mailto, mails):
        county, department = site.urls["county"], site.urls["department"]
        config = write_config(tmp_path / "sites.toml", [("青山县人民政府", county), ("青山县教育局", department)],
                              crawl_every="2d", notify=[hook.url, mailto])
        t0 = datetime.fromisoformat(f"{site.ground_truth['as_of']}T09:00:00+08:00")
        clock = ManualClock(t0)
        db = tmp_path / "x.db"
        sched = scheduler(config, db, clock)
        logo = site.site_dir / "department" / "images" / "logo.png"
        pdf = site.site_dir / "county" / "zwgk" / "fdzdgknr" / "gfxwj" / "202606" / "P0202606120104680.pdf"
        broken_logo = f"broken_link|{department}images/logo.png"
        fixed_pdf = f"broken_link|{county}zwgk/fdzdgknr/gfxwj/202606/P0202606120104680.pdf"
        by_hand = []
        for hour in range(10 * 24):
            sched.tick()
            sched.wait_idle()
            if hour == 49:  # after the day-2 crawls: the department's logo disappears
                logo.unlink()
                by_hand.append(run_xxgk_crawl(department, db, "--as-of", clock.now.date().isoformat(),
                                              "--render", "never"))
            if hour == 97:  # after the day-4 crawls: the county's missing PDF is put back
                pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
                by_hand.append(run_xxgk_crawl(county, db, "--as-of", clock.now.date().isoformat(),
                                              "--render", "never"))
            clock.advance(HOUR)
        store = Store(db)
        keys = {url: next(r["site_key"] for r in store.runs() if r["start_url"] == url) for url in (county, department)}
        assert all(r.code == 0 for r in by_hand)
        assert broken_logo in {f["key"] for f in store.findings(by_hand[0].run_id)}
        assert fixed_pdf not in {f["key"] for f in store.findings(by_hand[1].run_id)}
        for key in keys.values():
            slots = store.scheduled_crawls("site_key = ?", [key])
            assert [s["scheduled_ts"] for s in slots] == [(t0 + timedelta(days=d)).timestamp() for d in (0, 2, 4, 6, 8)]
            assert {s["status"] for s in slots} == {"done"} and {s["exit_code"] for s in slots} == {0}
            assert len({s["run_id"] for s in slots}) == 5
            probes = store.probes(key, 0, 2e9)
            assert [p["at_ts"] for p in probes] == [(t0 + h * HOUR).timestamp() for h in range(240)]
        slot_runs = {url: [s["run_id"] for s in store.scheduled_crawls("site_key = ?", [key])]
                     for url, key in keys.items()}
        county_alerts, department_alerts = alerts_of(store, keys[county]), alerts_of(store, keys[department])
        # The first run tells everything it found; afterwards only the scripted changes, once each, and
        # at day 8 the probes' first full week (the day-0..6 runs said they had too few probes).
        too_few = {url: f"unreachable_site|probes_too_few|{url}" for url in (county, department)}
        assert [a["run_id"] for a in county_alerts] == [slot_runs[county][i] for i in (0, 3, 4)]
        assert [a["run_id"] for a in department_alerts] == [slot_runs[department][i] for i in (0, 2, 4)]
        assert fixed_pdf in county_alerts[0]["new"] and too_few[county] in county_alerts[0]["new"]
        assert broken_logo not in department_alerts[0]["new"]
        assert (county_alerts[1]["new"], county_alerts[1]["resolved"]) == ([], [fixed_pdf])
        assert (department_alerts[1]["new"], department_alerts[1]["resolved"]) == ([broken_logo], [])
        for url, site_alerts in ((county, county_alerts), (department, department_alerts)):
            assert (site_alerts[2]["new"], site_alerts[2]["resolved"]) == ([], [too_few[url]])
        sent = sorted(a["title"] for a in county_alerts + department_alerts)
        assert sorted(m["title"] for m in hook.received) == sent and sorted(m.subject for m in mails) == sent
        assert any(broken_logo in m["message"] and "新增问题 1 项" in m["message"] for m in hook.received)
        assert any(fixed_pdf in m.text and "已解决 1 项" in m.text for m in mails)


# -- stopping and restarting -------------------------------------------------------------------------
def start_scheduler(config: Path, db: Path) -> tuple[subprocess.Popen, int, int]:
    """`xxgk schedule` in its own process, returned once its crawl is well under way:
    (scheduler, crawl pid, run id)."""
    scheduler_process = subprocess.Popen([*XXGK, "schedule", "--config", str(config), "--db", str(db)], cwd=ROOT,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if db.exists():
            store = Store(db)
            slots = store.scheduled_crawls()
            runs = list(store.db.query("select id, pid from runs where status = 'running'"))
            if slots and runs and runs[0]["pid"] == slots[0]["pid"]:
                pages = list(store.db.query("select count(*) as n from pages where run_id = ?", [runs[0]["id"]]))
                if pages[0]["n"] >= 30:
                    store.close()
                    return scheduler_process, runs[0]["pid"], runs[0]["id"]
            store.close()
        time.sleep(0.2)
    scheduler_process.kill()
    raise AssertionError("the scheduled crawl did not get under way")


def wait_gone(pid: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.2)
    raise AssertionError(f"process {pid} is still running")


def assert_resumed_once(db: Path, run_id: int) -> None:
    """One run of the site, the same id, finished, each page stored once; no crawl left running."""
    store = Store(db)
    runs = store.runs()
    assert [r["id"] for r in runs] == [run_id] and runs[0]["status"] in ("complete", "partial")
    assert [(s["status"], s["run_id"]) for s in store.scheduled_crawls()] == [("done", run_id)]
    duplicates = list(store.db.query("select url, method, form, count(*) as n from pages where run_id = ? "
                                     "group by url, method, form having n > 1", [run_id]))
    assert duplicates == []
    crawls = [p for p in psutil.process_iter(["cmdline"]) if str(db) in " ".join(p.info["cmdline"] or [])]
    assert crawls == []


def test_sigterm_stops_cleanly_and_next_start_resumes(tmp_path, sample_site):
    config = write_config(tmp_path / "sites.toml", [("青山县人民政府", sample_site.urls["county"])], crawl_every="7d",
                          notify=[])
    db = tmp_path / "x.db"
    sample_site.reset()
    scheduler_process, crawl_pid, run_id = start_scheduler(config, db)
    scheduler_process.send_signal(signal.SIGTERM)
    assert scheduler_process.wait(timeout=150) == 0, scheduler_process.stderr.read()
    assert not psutil.pid_exists(crawl_pid)
    store = Store(db)
    assert store.run(run_id)["status"] == "interrupted"
    assert [s["status"] for s in store.scheduled_crawls()] == ["interrupted"]
    again = subprocess.run([*XXGK, "schedule", "--config", str(config), "--db", str(db), "--once"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert_resumed_once(db, run_id)


def test_kill_9_mid_crawl_then_restart_resumes_the_same_run(tmp_path, sample_site):
    config = write_config(tmp_path / "sites.toml", [("青山县人民政府", sample_site.urls["county"])], crawl_every="7d",
                          notify=[])
    db = tmp_path / "x.db"
    sample_site.reset()
    scheduler_process, crawl_pid, run_id = start_scheduler(config, db)
    os.kill(scheduler_process.pid, signal.SIGKILL)
    scheduler_process.wait(timeout=30)
    wait_gone(crawl_pid)  # the crawl noticed its scheduler's death and stopped
    assert Store(db).run(run_id)["status"] == "interrupted"
    again = subprocess.run([*XXGK, "schedule", "--config", str(config), "--db", str(db), "--once"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert_resumed_once(db, run_id)


def test_failing_notifier_is_retried_and_a_failed_run_is_alerted(tmp_path, sample_site):
    """A notifier that keeps failing is retried and logged, the schedule goes on, and the change is told
    with the next run instead of being lost; a run stored as failed sends its own message and makes
    `--once` exit 3."""
    sample_site.reset()
    with webhook(fail_first=3) as flaky, webhook() as hook:
        config = tmp_path / "sites.toml"
        config.write_text(
            f'[defaults]\ncrawl_every = "1d"\nrender = "never"\nsettings = {fast_settings()}\n'
            f'[[site]]\nname = "青山县教育局"\nurl = "{sample_site.urls["department"]}"\nnotify = ["{flaky.url}"]\n'
            f'[[site]]\nname = "无法访问的网站"\nurl = "{sample_site.dead}"\nnotify = ["{hook.url}"]\n',
            encoding="utf-8")
        clock = ManualClock(datetime(2026, 6, 30, 9, 0, tzinfo=SHANGHAI))
        db = tmp_path / "x.db"
        assert scheduler(config, db, clock).run_once() == 3
        store = Store(db)
        key = next(r["site_key"] for r in store.runs() if r["start_url"] == sample_site.urls["department"])
        first = store.notifications(key)
        assert [(n["ok"], n["attempts"]) for n in first] == [(0, 3)] and first[0]["error"]
        assert flaky.received == [] and store.notified_keys(key) == set()
        failed = [m for m in hook.received if "检查失败" in m["title"]]
        assert len(failed) == 1 and "无法建立连接" in failed[0]["message"]
        clock.advance(timedelta(days=1))
        assert scheduler(config, db, clock).run_once() == 3
        second = store.notifications(key)[-1]
        assert second["ok"] == 1 and second["new"] == first[0]["new"] and len(flaky.received) == 1
        assert store.notified_keys(key) == set(first[0]["new"])
        assert len([m for m in hook.received if "检查失败" in m["title"]]) == 2


def test_a_crawl_that_cannot_run_is_not_retried_and_once_says_so(tmp_path, sample_site):
    """A setting the crawl rejects (its exit 2) ends the slot at once, and `--once` exits 1."""
    config = tmp_path / "sites.toml"
    config.write_text(f'[defaults]\nrender = "never"\nsettings = {{DOWNLOAD_TIMEOUT = "soon"}}\n'
                      f'[[site]]\nname = "青山县教育局"\nurl = "{sample_site.urls["department"]}"\n', encoding="utf-8")
    db = tmp_path / "x.db"
    assert scheduler(config, db, ManualClock(datetime(2026, 6, 30, 9, 0, tzinfo=SHANGHAI))).run_once() == 1
    assert [(s["status"], s["exit_code"], s["attempts"]) for s in Store(db).scheduled_crawls()] == [("done", 2, 1)]
