"""The `xxgk` command as schedulers call it: exit codes, run statuses, one-line errors, robots.txt."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FAST, ROOT, XXGK, finding_key, run_xxgk_crawl


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize(("case", "code", "status", "reason"), [
    ("unreachable", 3, "failed", "connection"),
    ("non_html", 3, "failed", "not_html"),
    ("redirect_loop", 3, "failed", "redirect_loop"),
    ("blocked", 3, "failed", "ruishu"),
    ("malformed", 0, "partial", None),
    ("wrong_charset", 0, "partial", None),
])
def test_bad_start_urls_end_with_a_stored_status_and_a_clear_reason(truth, tmp_path, case, code, status, reason):
    result = run_xxgk_crawl(truth["bad_inputs"][case], tmp_path / "bad.db", "--render", "never",
                            "--as-of", truth["as_of"])
    no_traceback(result)
    assert result.code == code, result.stderr[-2000:]
    doc = result.findings()
    assert doc["run"]["status"] == status
    start = next(result.store().pages(result.run_id, "role = 'start'"))
    if code == 3:
        line = [x for x in result.stderr.splitlines() if x.startswith("xxgk:")]
        assert len(line) == 1 and "运行失败" in line[0]
        check = "blocked" if case == "blocked" else "unreachable_site"
        assert [f["reason"] for f in doc["findings"] if f["check"] == check] == [reason]
        assert not [f for f in doc["findings"] if f["check"] in ("missing_section", "blank_column", "stale_column")]
    else:  # the start page was read, whatever its state; the crawl went on from the homepage
        assert start["status"] == 200 and start["body_hash"]


def test_wrong_charset_page_is_decoded(truth, tmp_path):
    result = run_xxgk_crawl(truth["bad_inputs"]["wrong_charset"], tmp_path / "cs.db", "--render", "never")
    page = next(result.store().pages(result.run_id, "role = 'start'"))
    assert page["encoding"] in ("gb18030", "gbk", "gb2312")
    assert not page["mojibake"]
    assert "\ufffd" not in page["title"]


def test_bad_arguments_exit_2(tmp_path):
    for args in (["crawl", "ftp://x"], ["crawl", "http://127.0.0.1:9/", "--as-of", "2026-13-01"],
                 ["crawl", "http://127.0.0.1:9/", "-s", "NOEQUALS"], ["findings", "--db", str(tmp_path / "none.db")]):
        proc = subprocess.run([*XXGK, *args], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip().count("\n") <= 1 or proc.stderr.startswith("usage:")


@pytest.mark.parametrize(("setting", "named"), [
    ("DOWNLOAD_TIMEOUT=abc", "DOWNLOAD_TIMEOUT"),
    ("AUTOTHROTTLE_ENABLED=maybe", "AUTOTHROTTLE_ENABLED"),
    ("CONCURRENT_REQUESTS=2.5", "CONCURRENT_REQUESTS"),
    ("XXGK_RETRY_BACKOFF=1,soon", "XXGK_RETRY_BACKOFF"),
    ("DNS_RESOLVER=no.such.Resolver", "DNS_RESOLVER"),
    ("DOWNLOADER_MIDDLEWARES={\"no.such.Middleware\": 5}", "DOWNLOADER_MIDDLEWARES"),
    ("LOG_LEVEL=LOUD", "LOG_LEVEL"),
])
def test_a_setting_that_does_not_fit_its_type_is_exit_2_before_any_run(tmp_path, setting, named):
    db = tmp_path / "s.db"
    proc = subprocess.run([*XXGK, "crawl", "http://127.0.0.1:9/", "--db", str(db), "-s", setting],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert named in proc.stderr
    assert not db.exists()  # nothing started, nothing stored


def test_settings_of_the_right_type_and_unknown_names_pass(truth, tmp_path):
    result = run_xxgk_crawl(truth["bad_inputs"]["non_html"], tmp_path / "ok.db", "--render", "never",
                            "-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "COOKIES_ENABLED=0",
                            "-s", "SOME_EXTENSION_OPTION=anything")
    assert result.code == 3, result.stderr  # the start page is a PDF: a failed run, but a run


def test_robots_disallowed_column_is_not_covered_never_missing(truth, tmp_path):
    site = truth["sites"]["department"]
    result = run_xxgk_crawl(site["start"], tmp_path / "dept.db", "--as-of", truth["as_of"], "--render", "never")
    assert result.code == 0, result.stderr
    doc = result.findings()
    assert doc["run"]["status"] == site["expected_status"] == "partial"
    assert {(g["url"], g["reason"]) for g in doc["run"]["not_covered"]} == \
        {(g["url"], g["reason"]) for g in site["not_covered"]}
    assert {finding_key(f) for f in doc["findings"]} == {finding_key(d) for d in site["defects"]}
    late = next(f for f in doc["findings"] if f["check"] == "late_annual_report")
    assert late["evidence"]["deadline"] == "2025-01-31"  # a department's report: 31 January


def test_ignore_robots_crawls_the_disallowed_column(truth, tmp_path):
    site = truth["sites"]["department"]
    result = run_xxgk_crawl(site["start"], tmp_path / "dept.db", "--as-of", truth["as_of"], "--render", "never",
                            "--ignore-robots")
    assert result.code == 0, result.stderr
    assert result.findings()["run"]["status"] == "complete"
    robots_column = site["not_covered"][0]["url"]
    page = result.store().page(result.run_id, robots_column)
    assert page["status"] == 200


def test_scrapy_crawl_disclosure_stores_a_checked_run(truth, tmp_path):
    db = tmp_path / "scrapy.db"
    site = truth["sites"]["department"]
    settings = [a for a in FAST if a != "-s"]
    cmd = [sys.executable, "-m", "scrapy", "crawl", "disclosure", "-a", f"url={site['start']}",
           "-a", f"as_of={truth['as_of']}", "-a", f"db={db}", "-s", "XXGK_RENDER=never", "-s", "LOG_LEVEL=WARNING"]
    for setting in settings:
        cmd += ["-s", setting]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = subprocess.run([*XXGK, "findings", "--db", str(db)], capture_output=True, text=True, cwd=ROOT, check=True)
    doc = json.loads(out.stdout)
    assert doc["run"]["status"] == "partial"
    assert {f["check"] for f in doc["findings"]} == {"missing_section", "late_annual_report"}


def test_findings_formats(truth, tmp_path):
    result = run_xxgk_crawl(truth["sites"]["department"]["start"], tmp_path / "f.db", "--render", "never",
                            "--as-of", truth["as_of"])
    for fmt, probe in (("table", "missing_section"), ("csv", "id,check,severity")):
        out = subprocess.run([*XXGK, "findings", "--db", str(result.db), "--format", fmt], capture_output=True,
                             text=True, cwd=ROOT, check=True).stdout
        assert probe in out
    assert result.stdout.strip().splitlines()[-1] == str(result.run_id)


def test_an_interrupted_crawl_is_stored_as_interrupted(truth, tmp_path):
    import signal
    import time

    db = tmp_path / "int.db"
    pairs = [FAST[i + 1] for i in range(0, len(FAST), 2)]
    slow = [arg for pair in pairs if not pair.startswith(("DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN"))
            for arg in ("-s", pair)]
    proc = subprocess.Popen([*XXGK, "crawl", truth["sites"]["county"]["start"], "--db", str(db), *slow,
                             "-s", "DOWNLOAD_DELAY=0.5", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--render", "never"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err[-2000:]
    assert "Traceback" not in err
    from crawler.store import Store

    assert Store(db).run("latest")["status"] == "interrupted"
    assert out.strip().splitlines()[-1] == str(Store(db).run("latest")["id"])


def test_without_a_browser_auto_degrades_to_not_rendered_never_blank(truth, tmp_path):
    site = truth["sites"]["county"]
    result = run_xxgk_crawl(site["start"], tmp_path / "nob.db", "--as-of", truth["as_of"],
                            env={"XXGK_CHROMIUM": str(tmp_path / "no-such-chromium")})
    assert result.code == 0, result.stderr
    assert "未找到 Chromium" in result.stderr
    doc = result.findings()
    script_only = [c for c in site["columns"] if c.get("reason") == "not_rendered"]
    assert script_only
    gaps = {(g["url"], g["reason"]) for g in doc["run"]["not_covered"]}
    assert {(c["url"], "not_rendered") for c in script_only} <= gaps
    blank = {f["url"] for f in doc["findings"] if f["check"] in ("blank_column", "stale_column")}
    assert not blank & {c["url"] for c in script_only}
    assert [f for f in doc["findings"] if f["check"] == "blocked"]  # the challenge stays blocked
