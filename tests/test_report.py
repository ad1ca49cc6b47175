"""`xxgk report`: the scorecard of the sample site computed by hand, the same numbers in every format,
the HTML opened from disk in real Chromium, `--run all` and its ranking, models and their errors."""

from __future__ import annotations

import csv
import json
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.store import Store
from tests.conftest import ROOT, XXGK, finding_key

MODEL_TEXT = (ROOT / "reports" / "models" / "guoban-2019.toml").read_text(encoding="utf-8")


def xxgk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def report(db: Path, out: Path, fmt: str, *args: str) -> Path:
    proc = xxgk("report", "--db", str(db), "--format", fmt, "--out", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return out


# -- the sample site, scored by hand -----------------------------------------------------------------
def hand_score(truth: dict[str, Any]) -> float:
    """The sample site's score from its ground truth and the guoban-2019 table (issue 9), by hand."""
    county = truth["sites"]["county"]
    defects = county["defects"]
    home = county["homepage"]["url"]

    def count(check: str) -> int:
        return sum(1 for d in defects if d["check"] == check)

    confirmed = [d for d in defects if d["check"] == "broken_link" and d["confirmed"]]
    from_home = sum(1 for d in confirmed if home in d["sources"])
    links = min(from_home * 1, 10) + min((len(confirmed) - from_home) * 0.1, 10)
    stale = sum(5 if d["freshness_class"] == "notice" and " > " not in d["column_path"] else 2
                for d in defects if d["check"] == "stale_column")
    columns = min(stale + 2 * count("blank_column"), 25)
    disclosure = min(5 * count("missing_section") + 5 * count("missing_annual_report")
                     + 2 * count("late_annual_report") + 1 * count("incomplete_annual_report")
                     + 2 * count("incomplete_guide") + 0.1 * count("missing_metadata"), 25)
    return round(100 - links - columns - disclosure, 4)


def test_sample_site_scorecard_is_its_ground_truth_scored_by_hand(county, truth, tmp_path):
    card = json.loads(report(county.db, tmp_path / "card.json", "json").read_text(encoding="utf-8"))
    site = card["sites"][0]
    # 1 homepage link, 8 other links × 0.1, 2 stale + 2 blank columns × 2, then 5 + 2 + 1 + 2 + 2 × 0.1
    assert hand_score(truth) == 80.0
    assert site["score"] == site["base_score"] == 80.0
    assert site["verdict"] == "合格" and site["bonus"] == 0  # 80 is not above 80: no bonus
    assert site["coverage"] == "partial" and site["vetoes"] == []
    assert {finding_key(f) for f in site["findings"]} == {finding_key(d) for d in truth["sites"]["county"]["defects"]}
    ids = {f["id"] for f in site["findings"]}
    for deduction in site["deductions"]:
        assert set(deduction["finding_ids"]) <= ids
    by_check = {f["id"]: f["check"] for f in site["findings"]}
    points = {d["indicator"]: (d["points"], sorted(by_check[i] for i in d["finding_ids"])) for d in site["deductions"]}
    assert points["功能设计·首页链接可用性"] == (1.0, ["broken_link"])
    assert points["功能设计·其他页面链接可用性"][0] == pytest.approx(0.8)
    assert points["发布解读·栏目更新"] == (8.0, ["blank_column", "blank_column", "stale_column", "stale_column"])
    assert points["发布解读·政府信息公开"][0] == pytest.approx(10.2)
    suspected = [f for f in site["findings"] if f["check"] == "broken_link" and f["confirmed"] is False]
    assert suspected and all(f["scoring"]["points"] == 0 for f in suspected)  # shown, not scored


def test_a_model_from_a_path_with_other_points_and_caps_changes_the_score(county, tmp_path):
    model = tmp_path / "strict.toml"
    model.write_text(MODEL_TEXT.replace("name = \"guoban-2019\"", "name = \"local-2026\"")
                     .replace("linked_from = \"homepage\", points = 1 }", "linked_from = \"homepage\", points = 3 }")
                     .replace("indicator = \"功能设计·首页链接可用性\"\ncap = 10", "indicator = \"功能设计·首页链接可用性\"\ncap = 2")
                     .replace("indicator = \"发布解读·政府信息公开\"\ncap = 25", "indicator = \"发布解读·政府信息公开\"\ncap = 5")
                     .replace("bonus_cap = 30", "bonus_cap = 4"), encoding="utf-8")
    bonus = tmp_path / "bonus.toml"
    site_key = county.store().run(county.run_id)["site_key"]
    bonus.write_text(f'"{site_key}" = 7\n', encoding="utf-8")
    card = json.loads(report(county.db, tmp_path / "c.json", "json", "--model", str(model), "--bonus", str(bonus))
                      .read_text(encoding="utf-8"))
    site = card["sites"][0]
    assert card["model"]["name"] == "local-2026"
    # links: min(1 × 3, 2) + 0.8; columns 8; disclosure min(10.2, 5): 100 − 15.8 = 84.2, above 80: bonus min(7, 4)
    assert site["base_score"] == 84.2 and site["bonus"] == 4 and site["score"] == 88.2
    cut = {d["indicator"]: (d["points"], d["raw_points"], d["cap"]) for d in site["deductions"]}
    assert cut["功能设计·首页链接可用性"] == (2.0, 3.0, 2.0)
    assert cut["发布解读·政府信息公开"] == (5.0, 10.2, 5.0)


def test_every_format_holds_the_same_numbers(county, tmp_path):
    import jsonschema
    import openpyxl

    card = json.loads(report(county.db, tmp_path / "c.json", "json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "reports" / "schemas" / "scorecard.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(card, schema)
    site = card["sites"][0]
    points = {f["id"]: f["scoring"]["points"] for f in site["findings"]}

    with open(report(county.db, tmp_path / "c.csv", "csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["问题编号"] for r in rows} == set(points)
    assert {float(r["得分"]) for r in rows} == {site["score"]}
    assert {r["问题编号"]: float(r["扣分"]) for r in rows} == points
    for r in rows:  # the office's columns are all there, with the evidence of link findings
        assert r["问题类型"] and r["问题描述"] and r["依据"] and r["监测时间"]
        if r["检查项"] == "broken_link":
            assert r["网址"] and r["父页面网址"] and r["链接标题"]

    book = openpyxl.load_workbook(report(county.db, tmp_path / "c.xlsx", "xlsx"), read_only=True)
    ranking = list(book["排名"].iter_rows(values_only=True))
    assert ranking[1][:5] == (1, site["run"]["site_url"], site["run"]["id"], "合格", 80.0)
    summary = list(book["评分"].iter_rows(values_only=True))
    assert {row[7]: row[8] for row in summary[1:]} == {d["indicator"]: d["points"] for d in site["deductions"]}
    findings_sheet = next(name for name in book.sheetnames if name.startswith("问题"))
    sheet = list(book[findings_sheet].iter_rows(values_only=True))
    header = sheet[0]
    assert set(header) >= {"监测时间", "问题类型", "栏目", "网址", "父页面网址", "链接标题", "问题描述", "依据", "快照"}
    assert {row[header.index("问题编号")]: row[header.index("扣分")] for row in sheet[1:]} == points


# -- real Chromium opens the file ---------------------------------------------------------------------
@dataclass
class Opened:
    text: str
    problems: list[str]  # console errors and warnings, page errors, dialogs
    requests: list[str]
    screenshot: Path
    page_state: dict[str, Any]
    pdf_pages: int  # the report printed to PDF by Chromium


def open_in_chromium(html: Path, shot: Path, probe: str = "() => ({})", click: str | None = None) -> Opened:
    """Opens the report from disk as a user would, screenshots it, and evaluates `probe` in the page."""
    from playwright.sync_api import sync_playwright

    from crawler.render import CHROMIUM_ARGS, browser_executable

    executable = browser_executable()
    if not executable:
        pytest.skip("no Chromium on this machine")
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(html.resolve().as_uri())
        page.wait_for_load_state("load")
        if click:
            page.click(click)
        page.screenshot(path=str(shot), full_page=True)
        state = page.evaluate(probe)
        text = page.inner_text("body")
        pdf = page.pdf(format="A4")
        browser.close()
    return Opened(text, problems, requests, shot, state, pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"))


@pytest.mark.browser
def test_html_opens_from_disk_in_chromium_with_its_numbers(county, tmp_path):
    html = report(county.db, tmp_path / "card.html", "html")
    card = json.loads(report(county.db, tmp_path / "card.json", "json").read_text(encoding="utf-8"))
    site = card["sites"][0]
    opened = open_in_chromium(html, tmp_path / "card.png", """() => ({
        score: document.querySelector('[data-testid=score]').textContent,
        verdict: document.querySelector('[data-testid=verdict]').textContent,
        bars: document.querySelectorAll('svg rect').length,
        deductions: Array.from(document.querySelectorAll('[data-testid=deduction]')).map(e => e.textContent)})""")
    assert opened.problems == []
    assert opened.requests == [html.resolve().as_uri()]  # nothing leaves the file
    assert opened.screenshot.stat().st_size > 20_000 and opened.screenshot.read_bytes().startswith(b"\x89PNG")
    assert opened.page_state["score"] == "80" and opened.page_state["verdict"] == "合格"
    assert opened.page_state["bars"] == len(site["columns"])
    assert opened.page_state["deductions"] == ["1", "0.8", "8", "10.2"]
    assert opened.pdf_pages >= 2  # it prints
    for needle in ("政府网站检查评分表", "部分覆盖", "功能设计·首页链接可用性", "逾期发布", "未发布", "内容不全", "按时发布",
                   "监测时间", "父页面网址", "链接标题", "快照", "链接不可用（疑似）", "年报逾期发布"):
        assert needle in opened.text, needle
    assert all(f["id"] in opened.text for f in site["findings"])


# -- many sites: --run all, ranking, vetoes, failed runs, screenshots ---------------------------------------
def tiny_png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def add_run(store: Store, url: str, status: str, findings: list[dict[str, Any]]) -> int:
    run_id = store.start_run(url, url, "2026-06-30", {})
    store.finish_run(run_id, status, [], pages=5)
    rows = [{"id": f"{run_id}-{i:03d}", "check_id": f["check"], "severity": f.get("severity", "deduct"),
             "rule": "规则", "url": url, "target": f.get("target"), "column_name": None,
             "column_path": f.get("column_path"), "section": None, "year": None, "reason": None,
             "confirmed": f.get("confirmed"), "message": f.get("message", "说明"), "evidence": f.get("evidence", {}),
             "created_at": "2026-06-30T10:00:00+08:00", "key": f"{f['check']}|{i}"} for i, f in enumerate(findings)]
    store.replace_findings(run_id, rows)
    return run_id


@pytest.fixture
def many_sites(tmp_path) -> Path:
    db = tmp_path / "many.db"
    store = Store(db)
    link = {"check": "broken_link", "confirmed": True}
    add_run(store, "http://a.example.gov.cn/", "complete", [{"check": "missing_section"}] * 4)  # older: ignored
    shot = store.save_screenshot(1, "http://a.example.gov.cn/x", tiny_png(), None, "2026-06-30T10:00:00+08:00")
    big = store.save_screenshot(1, "http://a.example.gov.cn/y", tiny_png(600, 400) + b"\0" * 700_000, None, "…")
    add_run(store, "http://a.example.gov.cn/", "complete", [
        {**link, "target": f"http://a.example.gov.cn/{i}.html", "evidence": {"screenshot": {"hash": shot}}}
        for i in range(3)] + [{**link, "target": "http://a.example.gov.cn/big", "evidence": {"screenshot": {"hash": big}}}])
    add_run(store, "http://b.example.gov.cn/", "complete",
            [{"check": "missing_section"}] * 6 + [{"check": "blank_column"}] * 15)
    add_run(store, "http://c.example.gov.cn/", "partial", [{"check": "stale_homepage", "severity": "veto"}])
    add_run(store, "http://d.example.gov.cn/", "failed", [{"check": "unreachable_site", "severity": "warn"}])
    add_run(store, "http://e.example.gov.cn/", "complete", [
        {"check": "stale_column", "column_path": "通知公告", "evidence": {"class": "通知公告/政策文件类"}}])
    add_run(store, "http://e.example.gov.cn/", "interrupted", [])  # not finished: the one before counts
    running = store.start_run("http://f.example.gov.cn/", "http://f.example.gov.cn/", "2026-06-30", {})
    assert running
    return db


def test_run_all_ranks_the_latest_finished_run_of_every_site(many_sites, tmp_path):
    bonus = tmp_path / "bonus.toml"
    bonus.write_text('[bonus]\n"e.example.gov.cn/" = 40\n"http://a.example.gov.cn/" = 10\n', encoding="utf-8")
    card = json.loads(report(many_sites, tmp_path / "all.json", "json", "--run", "all", "--bonus", str(bonus))
                      .read_text(encoding="utf-8"))
    ranking = [(r["site_url"].split("//")[1][0], r["verdict"], r["score"]) for r in card["ranking"]]
    assert ranking == [("e", "合格", 125.0),  # 100 − 5 (a first-level 通知公告 column) + min(40, 30)
                       ("a", "合格", 109.6),  # 100 − 4 × 0.1 + 10
                       ("b", "不合格", 50.0),  # min(6 × 5, 25) + min(15 × 2, 25)
                       ("c", "不合格", None),  # vetoed: no score
                       ("d", "无法评估", None)]
    sites = {s["run"]["site_url"][7]: s for s in card["sites"]}
    assert sites["a"]["run"]["id"] == 2 and sites["e"]["run"]["id"] == 6
    assert sites["c"]["vetoes"] == [{"indicator": "首页不更新", "check": "stale_homepage", "finding_ids": ["4-000"]}]
    assert sites["c"]["coverage"] == "partial" and sites["d"]["coverage"] == "none"
    assert [r["rank"] for r in card["ranking"]] == [1, 2, 3, 4, 5]


@pytest.mark.browser
def test_run_all_html_sorts_its_ranking_and_embeds_screenshots_within_the_cap(many_sites, tmp_path):
    html = report(many_sites, tmp_path / "all.html", "html", "--run", "all")
    text = html.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") == 1  # the small screenshot once; the large one left out
    assert "另有 1 张截图过大未嵌入" in text
    opened = open_in_chromium(html, tmp_path / "all.png", """() => ({
        first: document.querySelector('#ranking tbody tr td:nth-child(2)').textContent,
        img: document.querySelector('figure.shot img').naturalWidth})""", click="#ranking thead th:nth-child(2)")
    assert opened.problems == [] and opened.requests == [html.resolve().as_uri()]
    assert opened.page_state == {"first": "http://a.example.gov.cn/", "img": 4}  # sorted by 网站, e was first


def test_bad_runs_models_and_nothing_to_report_exit_2(many_sites, tmp_path):
    empty = tmp_path / "empty.db"
    Store(empty)
    broken = tmp_path / "broken.toml"
    broken.write_text(MODEL_TEXT.replace("points = 0.1 }", "points = 0.1, weight = 2 }"), encoding="utf-8")
    not_toml = tmp_path / "not.toml"
    not_toml.write_text("name = ", encoding="utf-8")
    unknown_check = tmp_path / "unknown.toml"
    unknown_check.write_text(MODEL_TEXT.replace('check = "blank_column"', 'check = "blank_columns"'), encoding="utf-8")
    cases = [(many_sites, "--run", "99"), (many_sites, "--run", "latest"),  # the latest run is still running
             (many_sites, "--model", "guoban-2099"), (many_sites, "--model", str(broken)),
             (many_sites, "--model", str(not_toml)), (many_sites, "--model", str(unknown_check)),
             (many_sites, "--bonus", str(tmp_path / "none.toml")), (empty, "--run", "all")]
    for db, *args in cases:
        proc = xxgk("report", "--db", str(db), "--format", "json", "--out", str(tmp_path / "x.json"), *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr


def test_every_check_has_a_chinese_name():
    from checks import load_checks
    from reports.labels import CHECK_LABELS

    assert set(load_checks()) <= set(CHECK_LABELS)


def test_demo_writes_the_scorecard(county, tmp_path):
    from crawler.cli import write_demo_outputs

    db = tmp_path / "xxgk.db"
    db.write_bytes(county.db.read_bytes())
    assert write_demo_outputs(db, tmp_path) == 0
    assert (tmp_path / "scorecard.html").stat().st_size > 10_000 and (tmp_path / "scorecard.xlsx").exists()
    assert not (tmp_path / "summary.html").exists()
    assert "合格" in (tmp_path / "scorecard.html").read_text(encoding="utf-8")
