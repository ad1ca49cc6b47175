"""missing_section: the four mandated sections, judged only from landing pages the crawl could read."""

from __future__ import annotations

from test_checks_support import SITE, RunBuilder

ZWGK = SITE + "zwgk/"


def three_sections(b: RunBuilder, landing: str = ZWGK) -> None:
    b.page(SITE, "start", body="<html><body>首页</body></html>")
    b.landing(landing, guide=ZWGK + "zn/", statutory=ZWGK + "fdzdgknr/", annual_report=ZWGK + "nb/")


def test_absent_section_is_reported(tmp_path):
    b = RunBuilder(tmp_path)
    three_sections(b)
    rows = b.findings("missing_section")
    assert [(r["section"], r["severity"]) for r in rows] == [("rules", "deduct")]
    assert "政府信息公开制度" in rows[0]["message"]
    assert rows[0]["url"] == ZWGK


def test_all_four_sections_present(tmp_path):
    b = RunBuilder(tmp_path)
    three_sections(b)
    b.column(ZWGK + "zd/", "政府信息公开制度", section="rules",
             items=[("a", ZWGK + "zd/a.html", "2024-01-01")])
    assert b.findings("missing_section") == []


def test_a_landing_that_failed_withholds(tmp_path):
    b = RunBuilder(tmp_path)
    three_sections(b)
    b.landing(SITE + "xxgk/", reason="http_503")
    assert b.findings("missing_section") == []


def test_a_blocked_landing_withholds(tmp_path):
    b = RunBuilder(tmp_path)
    three_sections(b)
    b.page(SITE + "zfxxgk/", "landing", blocked="ruishu")
    assert b.findings("missing_section") == []


def test_homepage_not_covered_withholds(tmp_path):
    b = RunBuilder(tmp_path)
    b.page(ZWGK, "start", body="<html></html>")
    b.page(SITE, "homepage", reason="timeout")
    b.landing(ZWGK + "index.html", guide=ZWGK + "zn/")
    assert b.findings("missing_section") == []


def test_no_platform_no_judgement(tmp_path):
    b = RunBuilder(tmp_path, platform=False)
    three_sections(b)
    assert b.findings("missing_section") == []
