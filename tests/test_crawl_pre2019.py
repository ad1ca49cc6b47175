"""A platform named the pre-2019 way, crawled through the real `xxgk crawl` (tests/site_pre2019.py).

Sections under their old and short names (信息公开指南, 信息公开制度, 政府信息公开目录, 信息公开年报), a
年报 section split by issuer with a 图解 and a 一图读懂 entry, a 指南 that is a list of its one guide, one-item
lists, department and township sub-platforms, and empty columns marked 此栏目暂无任何新增信息 / 暂无信息.
The run's findings are exactly the defects the site has: nothing about the guide, the 图解 or the
sections, the empty columns blank, and the 年报 judged per column.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CrawlResult, run_xxgk_crawl
from site_pre2019 import AS_OF, TRUTH, serve


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[str, CrawlResult, dict[str, Any]]:
    with serve() as origin:
        result = run_xxgk_crawl(origin + "/", tmp_path_factory.mktemp("pre2019") / "xxgk.db",
                                "--as-of", AS_OF, "--render", "never")
        assert result.code == 0, result.stderr
        yield origin, result, result.findings()


def columns(crawl) -> dict[str, dict[str, Any]]:
    origin, result, _ = crawl
    return {c["url"].removeprefix(origin): c for c in result.store().columns(result.run_id)}


def test_every_section_is_found_under_its_old_name(crawl):
    by_url = columns(crawl)
    assert {key: by_url[url]["section"] for key, url in TRUTH["sections"].items()} == \
        {key: key for key in TRUTH["sections"]}
    assert crawl[2]["run"]["status"] == "complete"


def test_a_list_of_one_is_a_list_with_one_item(crawl):
    origin, _, _ = crawl
    by_url = columns(crawl)
    for column, item in TRUTH["one_item_lists"].items():
        got = by_url[column]
        assert (got["kind"], got["item_count"]) == ("list", 1), column
        assert [i["url"] for i in got["items"]] == [origin + item], column


def test_page_columns_with_one_related_link_stay_pages(crawl):
    by_url = columns(crawl)
    assert [by_url[url]["kind"] for url in TRUTH["page_columns"]] == ["page"] * len(TRUTH["page_columns"])


def test_sub_platform_columns_are_columns(crawl):
    by_url = columns(crawl)
    assert by_url["/xxgk/xzxxgk/qsz/gzdt/"]["path"] == "乡镇信息公开 > 青山镇 > 工作动态"
    assert by_url["/xxgk/bmxxgk/jyj/tzgg/"]["path"] == "部门信息公开 > 县教育局 > 通知公告"


def test_findings_are_exactly_the_sites_defects(crawl):
    origin, _, doc = crawl
    got = sorted((f["check"], f.get("year"), f.get("column_path"), (f.get("url") or "").removeprefix(origin))
                 for f in doc["findings"])
    blank = {url: c["path"] for url, c in columns(crawl).items()}
    expected = sorted(
        [("blank_column", None, blank[url], url) for url in TRUTH["blank"]]
        + [("missing_annual_report", year, path, "/xxgk/xxgknb/zfnb/")
           for year, path in TRUTH["missing_annual_report"]]
        + [("late_annual_report", year, path, url) for year, path, url in TRUTH["late_annual_report"]])
    assert got == expected


def test_the_late_department_report_is_named_with_its_own_deadline(crawl):
    origin, _, doc = crawl
    late = next(f for f in doc["findings"] if f["check"] == "late_annual_report")
    _, _, report = TRUTH["late_annual_report"][0]
    assert (late["url"], late["evidence"]["deadline"], late["evidence"]["whose_deadline"]) == \
        (origin + report, "2025-01-31", "department")
