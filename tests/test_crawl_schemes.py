"""Every list scheme of the sample county site, crawled over HTTP: per-scheme items and list pages.

The county's 法定主动公开内容 has one column per real list scheme (samplesite/schemes.py): Hanweb jpaas
(inline `articleList`, `?uid=&pageNum=`), a TRS JSON feed loaded by a script, Fujian 政务云 (static page +
`POST /fjdzapp/search`), the Gansu/Kaipuyun `zwgklist.shtml` 6-argument pager, a generic `?page=N` pager,
an inline JS data array, and a list only a browser can read (a script fills an empty `<ul>` from an API
of its own shape). Without a browser that last column is `not_rendered` (the run is partial), never
blank; with Chromium it is crawled with its true item count.
"""

from __future__ import annotations

from typing import Any

import pytest

SCHEMES = {"jpaas": "jpaas", "trs_json": "trs_json", "fjdz": "fjdz", "gansu": "trs", "query": "html",
           "inline_json": "inline_json", "js": "script"}


@pytest.fixture(scope="module")
def scheme_columns(truth) -> list[dict[str, Any]]:
    """The ground truth's scheme columns (the ones whose scheme is not a plain TRS/HTML/Hanweb list)."""
    site = truth["sites"]["county"]
    by_url = {c["url"]: c for c in site["columns"]}
    urls = [site["start"].rstrip("/") + path for path in (
        "/zwgk/col/col3101/index.html", "/zwgk/fdzdgknr/zdjcygk/", "/zwgk/fdzdgknr/xzzf/",
        "/zwgk/c110634/zwgklist.shtml", "/zwgk/fdzdgknr/yjgl/", "/zwgk/fdzdgknr/ggfw/", "/zwgk/fdzdgknr/zdxm/")]
    return [by_url[url] for url in urls]


def columns_of(result) -> dict[str, dict[str, Any]]:
    return {c["url"]: c for c in result.store().columns(result.run_id)}


def test_every_scheme_is_in_the_sample_site(scheme_columns):
    assert [c["scheme"] for c in scheme_columns] == list(SCHEMES.values())
    for column in scheme_columns:
        assert column["list_pages"] >= 2, column["name"]
        assert column["newest_date"] >= "2026-06-16", column["name"]  # fresh: adds no defect


def test_without_a_browser_each_scheme_is_read_whole(county, scheme_columns):
    stored = columns_of(county)
    for column in scheme_columns:
        got = stored[column["url"]]
        assert got["scheme"] == column["scheme"], column["name"]
        assert (got["item_count"], got["list_pages"]) == \
            (column["crawled_item_count"], column["crawled_list_pages"]), column["name"]
        if column["browser_only"]:
            continue
        assert got["item_count"] == column["item_count"], column["name"]
        assert {i["url"] for i in got["items"]} == {i["url"] for i in column["items"]}, column["name"]
        assert (got["newest_date"], got["undated_count"], got["status"]) == (column["newest_date"], 0, "ok")


def test_without_a_browser_the_script_list_is_not_rendered_never_blank(county, scheme_columns):
    js = next(c for c in scheme_columns if c["browser_only"])
    got = columns_of(county)[js["url"]]
    assert (got["status"], got["reason"], got["item_count"]) == ("not_covered", "not_rendered", 0)
    doc = county.findings()
    assert doc["run"]["status"] == "partial"
    assert (js["url"], "not_rendered") in {(g["url"], g["reason"]) for g in doc["run"]["not_covered"]}
    about = [f for f in doc["findings"] if f.get("url") == js["url"] or f.get("column_name") == js["name"]]
    assert about == [], about


def test_scheme_documents_are_crawled_with_their_metadata(county, scheme_columns):
    """Documents reached through feeds and search APIs are stored pages, with no metadata finding."""
    pages = {p["url"]: p for p in county.store().pages(county.run_id)}
    for column in scheme_columns:
        if column["browser_only"]:
            assert not any(item["url"] in pages for item in column["items"])
            continue
        for item in column["items"]:
            page = pages.get(item["url"])
            assert page is not None and page["status"] == 200, item["url"]
            assert page["pub_date"] == item["date"], item["url"]
    checks = {f["check"] for f in county.findings()["findings"]
              if f.get("column_name") in {c["name"] for c in scheme_columns}}
    assert checks == set()


# -- with a real browser ------------------------------------------------------------------------------
@pytest.mark.browser
def test_with_a_browser_the_script_list_is_crawled_whole(county_browser, scheme_columns, truth):
    js = next(c for c in scheme_columns if c["browser_only"])
    view = next(v for v in truth["sites"]["county"]["with_browser"]["columns"] if v["url"] == js["url"])
    got = columns_of(county_browser)[js["url"]]
    assert (got["status"], got["item_count"], got["list_pages"]) == \
        (view["status"], view["crawled_item_count"], view["crawled_list_pages"])
    assert got["item_count"] == js["item_count"] == 14
    assert (got["newest_date"], got["undated_count"]) == (js["newest_date"], 0)
    assert {i["url"] for i in got["items"]} == {i["url"] for i in js["items"]}
    pages = {p["url"]: p for p in county_browser.store().pages(county_browser.run_id)}
    assert pages[js["url"]]["rendered"] == 1
    assert pages[js["url"] + "?p=2"]["rendered"] == 1


@pytest.mark.browser
def test_with_a_browser_other_schemes_need_no_rendering(county_browser, scheme_columns):
    stored = columns_of(county_browser)
    pages = {p["url"]: p for p in county_browser.store().pages(county_browser.run_id)}
    for column in scheme_columns:
        if column["browser_only"]:
            continue
        got = stored[column["url"]]
        assert (got["item_count"], got["list_pages"]) == \
            (column["crawled_item_count"], column["crawled_list_pages"]), column["name"]
        assert pages[column["url"]]["rendered"] == 0, column["name"]
