"""Crawl the bundled sample county site over real HTTP and compare with its ground truth.

The ground truth (samplesite/ground_truth.json, also returned by the server) lists every page a complete
crawl stores, every link, every column with its item count and newest date, and every injected defect.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import finding_key, run_xxgk_crawl


def test_run_status_and_coverage(county, truth):
    site = truth["sites"]["county"]
    doc = county.findings()
    assert doc["run"]["status"] == site["expected_status"]
    assert {(g["url"], g["reason"]) for g in doc["run"]["not_covered"]} == \
        {(g["url"], g["reason"]) for g in site["not_covered"]}


def test_every_page_is_stored(county, truth):
    store = county.store()
    stored = {p["url"]: p for p in store.pages(county.run_id)}
    expected = truth["sites"]["county"]["pages"]
    missing = [u for u in expected if u not in stored]
    assert not missing, f"{len(missing)} pages not stored, e.g. {missing[:5]}"


def test_every_link_is_stored_with_its_kind(county, truth):
    store = county.store()
    stored = {(r["source_url"], r["target_url"]): r["kind"] for r in store.links(county.run_id)}
    expected = truth["sites"]["county"]["links"]
    missing = [link for link in expected if (link["source"], link["target"]) not in stored]
    assert not missing, f"{len(missing)} of {len(expected)} links missing, e.g. {missing[:3]}"
    wrong = [link for link in expected if stored[(link["source"], link["target"])] != link["kind"]]
    assert not wrong, wrong[:3]


def test_columns_match_ground_truth(county, truth):
    stored = {c["url"]: c for c in county.store().columns(county.run_id)}
    for column in truth["sites"]["county"]["columns"]:
        if column.get("robots") or column.get("blocked"):
            continue
        got = stored.get(column["url"])
        assert got is not None, f"column {column['name']} not found"
        assert got["name"] == column["name"]
        assert got["kind"] == column["kind"], column["name"]
        if column.get("status", "ok") != "ok":  # not_rendered: the column is not covered, not judged
            assert (got["status"], got["reason"]) == (column["status"], column["reason"]), column["name"]
            continue
        if column["kind"] == "list":
            assert got["item_count"] == column["crawled_item_count"], column["name"]
            assert got["list_pages"] == column["crawled_list_pages"], column["name"]
            if column["in_platform"]:
                assert got["newest_date"] == column["newest_date"], column["name"]
                assert got["undated_count"] == column.get("undated_count", 0), column["name"]
        if column.get("section"):
            assert got["section"] == column["section"], column["name"]
            assert got["path"] == column["path"], column["name"]


def test_paging_only_reachable_through_cms_pagers_is_walked(county, truth):
    """createPageHTML pages have no <a>; dataproxy.jsp pages exist only as POST responses."""
    stored = {c["url"]: c for c in county.store().columns(county.run_id)}
    walked = [c for c in truth["sites"]["county"]["columns"]
              if c.get("scheme") in ("trs", "hanweb_datastore") and c["in_platform"] and c["list_pages"] > 1]
    assert {c["scheme"] for c in walked} == {"trs", "hanweb_datastore"}
    for column in walked:
        assert stored[column["url"]]["list_pages"] == column["list_pages"], column["name"]
        assert stored[column["url"]]["item_count"] == column["item_count"], column["name"]


def test_findings_match_injected_defects_exactly(county, truth):
    found = {finding_key(f) for f in county.findings()["findings"]}
    expected = {finding_key(d) for d in truth["sites"]["county"]["defects"]}
    assert found - expected == set(), "findings that are not defects (precision < 1)"
    assert expected - found == set(), "defects not found (recall < 1)"


def test_suspects_are_retried_and_recoveries_not_reported(county, truth):
    findings = county.findings()["findings"]
    targets = {f["target"] for f in findings if f["check"] == "broken_link"}
    for not_defect in truth["not_defects"]:
        if "target" in not_defect:
            assert not_defect["target"] not in targets, not_defect["why"]
    for finding in findings:
        if finding["check"] == "broken_link" and not finding["confirmed"]:
            assert finding["evidence"]["attempts"] > 1


def test_unchanged_recrawl_stores_no_new_bodies(county, truth):
    store = county.store()
    bodies_before = store.db.table("bodies").count
    again = run_xxgk_crawl(truth["sites"]["county"]["start"], county.db, "--as-of", truth["as_of"],
                           "--render", "never")
    assert again.code == 0, again.stderr
    assert again.run_id != county.run_id
    assert county.store().db.table("bodies").count == bodies_before
    assert len(list(county.store().pages(again.run_id))) > 100
    # The server answered 304 for what it had sent before; the run saw the same site all the same.
    first, second = county.store().run(county.run_id), county.store().run(again.run_id)
    assert second["stats"].get("xxgk_revalidated", 0) > 100
    assert not first["stats"].get("xxgk_revalidated")
    assert sorted((p["method"], p["url"], p["status"], p["body_hash"]) for p in county.store().pages(again.run_id)) \
        == sorted((p["method"], p["url"], p["status"], p["body_hash"]) for p in store.pages(county.run_id))
    assert {f["key"] for f in again.findings()["findings"]} == {f["key"] for f in county.findings()["findings"]}


# -- with a real browser ------------------------------------------------------------------------------
@pytest.mark.browser
def test_browser_passes_the_challenge_and_crawls_the_column(county_browser, truth):
    site = truth["sites"]["county"]
    seen = site["with_browser"]
    doc = county_browser.findings()
    assert doc["run"]["status"] == seen["expected_status"]
    stored = {p["url"]: p for p in county_browser.store().pages(county_browser.run_id)}
    missing = [u for u in seen["extra_pages"] if stored.get(u, {}).get("status") != 200]
    assert not missing, missing
    protected = next(c for c in site["columns"] if c.get("blocked"))
    column = next(c for c in county_browser.store().columns(county_browser.run_id) if c["url"] == protected["url"])
    assert (column["item_count"], column["newest_date"]) == (protected["item_count"], protected["newest_date"])


@pytest.mark.browser
def test_browser_findings_are_the_defects_less_the_resolved(county_browser, truth):
    site = truth["sites"]["county"]
    resolved = {finding_key(d) for d in site["with_browser"]["resolved_defects"]}
    expected = {finding_key(d) for d in site["defects"]} - resolved
    found = {finding_key(f) for f in county_browser.findings()["findings"]}
    assert found == expected


@pytest.mark.browser
def test_findings_on_pages_carry_screenshots(county_browser):
    findings = county_browser.findings()["findings"]
    shot = [f for f in findings if f["check"] in ("stale_column", "blank_column", "broken_link")
            and f["evidence"].get("screenshot")]
    assert shot, "no finding has a screenshot"
    store = county_browser.store()
    png = store.body(shot[0]["evidence"]["screenshot"]["hash"])
    assert png.startswith(b"\x89PNG")


@pytest.mark.browser
def test_evidence_command_writes_the_screenshot(county_browser, tmp_path):
    import json
    import subprocess

    from tests.conftest import ROOT, XXGK

    finding = next(f for f in county_browser.findings()["findings"] if f["evidence"].get("screenshot"))
    proc = subprocess.run([*XXGK, "evidence", finding["id"], "--db", str(county_browser.db), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    shown = json.loads(proc.stdout)
    path = shown["evidence"]["screenshot"]["path"]
    assert path.startswith(str(tmp_path))
    assert Path(path).read_bytes()[:4] == b"\x89PNG"
    assert "截图" in proc.stderr
