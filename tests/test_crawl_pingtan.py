"""Crawl the real Pingtan 政务公开 replay (../shared/replay/pingtan) as one would crawl the live site."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_xxgk_crawl

REPLAYED_REPORT_YEARS = {2011, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}


@pytest.fixture(scope="module")
def pingtan_run(pingtan, tmp_path_factory):
    result = run_xxgk_crawl(pingtan + "zwgk/", tmp_path_factory.mktemp("pt") / "pt.db", "--no-external",
                            "--as-of", "2026-09-15")
    assert result.code == 0, result.stderr
    return result


def test_finds_the_four_sections(pingtan_run, pingtan):
    run = pingtan_run.store().run(pingtan_run.run_id)
    sections = run["stats"]["sections"]
    assert set(sections) == {"guide", "rules", "statutory", "annual_report"}
    assert sections["annual_report"] == pingtan + "zwgk/zfxxgk/zfxxgknb/"
    assert sections["guide"] == pingtan + "zwgk/zfxxgk/zfxxgkzn/"


def test_annual_report_column_has_every_report_through_the_search_api(pingtan_run, pingtan):
    columns = pingtan_run.store().columns(pingtan_run.run_id)
    nb = next(c for c in columns if c["url"] == pingtan + "zwgk/zfxxgk/zfxxgknb/")
    assert nb["section"] == "annual_report"
    assert nb["kind"] == "list"
    # 10 reports in the static HTML, 20 in the column: the rest only through POST /fjdzapp/search.
    assert nb["item_count"] == 20
    assert nb["newest_date"] == "2026-03-10"
    years = {int(m.group(1)) for i in nb["items"] if (m := re.search(r"(20\d\d)年", i["title"]))}
    assert years >= set(range(2011, 2026))


def test_report_documents_are_fetched_and_dated(pingtan_run, pingtan):
    store = pingtan_run.store()
    fetched = {p["url"]: p for p in store.pages(pingtan_run.run_id, "role = 'document'")}
    reports = {u: p for u, p in fetched.items() if "/zfxxgknb/" in u}
    ok = [p for p in reports.values() if p["status"] == 200]
    assert len(ok) == len(REPLAYED_REPORT_YEARS)
    latest = reports[pingtan + "zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"]
    assert latest["pub_date"] == "2026-03-10"
    assert latest["body_hash"]


def test_missing_platform_pages_make_the_run_partial_not_missing(pingtan_run, pingtan):
    doc = pingtan_run.findings()
    assert doc["run"]["status"] == "partial"
    checks = {f["check"] for f in doc["findings"]}
    assert "missing_section" not in checks
    missing_years = {f["year"] for f in doc["findings"] if f["check"] == "missing_annual_report"}
    assert not missing_years & REPLAYED_REPORT_YEARS
