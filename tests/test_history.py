"""History: two crawls of the sample site with scripted changes in between, compared by `xxgk diff` and
by the history checks (removed_document, changed_publish_date, changed_document).

The site is built into a directory of the test's own and served from it, so the test edits its files
between the crawls as a CMS user would: one document added, one removed, one edited, one re-dated, one
moved to another column. The diff and the findings must say exactly that, no more and no less.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, XXGK, run_xxgk_crawl

TZGG = "county/zwgk/fdzdgknr/tzgg"
RSXX = "county/zwgk/fdzdgknr/rsxx"
EDITED = "202512/t20251209_10269.html"
REDATED = "202512/t20251212_10270.html"
REMOVED = "202511/t20251114_10260.html"
MOVED = "202512/t20251202_10266.html"
ADDED = "202606/t20260620_99001.html"
TEMPLATE = "202511/t20251125_10264.html"


def list_entry(html: str, href: str) -> str:
    match = re.search(rf'<li><a href="\./{re.escape(href)}".*?</li>\n', html)
    assert match, href
    return match.group(0)


def script_changes(site_dir: Path) -> None:
    tzgg, rsxx = site_dir / TZGG, site_dir / RSXX
    listing = (tzgg / "index.html").read_text(encoding="utf-8")
    # Removed: off the list, and its page gone.
    listing = listing.replace(list_entry(listing, REMOVED), "")
    (tzgg / REMOVED).unlink()
    # Moved: off this list, onto 人事信息's.
    moved = list_entry(listing, MOVED)
    listing = listing.replace(moved, "")
    people = (rsxx / "index.html").read_text(encoding="utf-8")
    people = people.replace('<ul class="list">\n', '<ul class="list">\n' + moved.replace('"./', '"../tzgg/'), 1)
    (rsxx / "index.html").write_text(people, encoding="utf-8")
    # Re-dated: 发布日期 moved two days on, in the metadata block, the info line and the list.
    page = (tzgg / REDATED).read_text(encoding="utf-8")
    (tzgg / REDATED).write_text(page.replace("<td>2025-12-12</td>", "<td>2025-12-14</td>")
                                .replace("发布时间：2025-12-12", "发布时间：2025-12-14"), encoding="utf-8")
    entry = list_entry(listing, REDATED)
    listing = listing.replace(entry, entry.replace("[2025-12-12]", "[2025-12-14]"))
    # Edited: one sentence of the text.
    page = (tzgg / EDITED).read_text(encoding="utf-8")
    assert "重大事项及时报告" in page
    (tzgg / EDITED).write_text(page.replace("重大事项及时报告", "重大事项须在24小时内书面报告"), encoding="utf-8")
    # Added: a new notice at the top of the list.
    new = (tzgg / TEMPLATE).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)_", new).group(1)
    (tzgg / ADDED).parent.mkdir(exist_ok=True)
    (tzgg / ADDED).write_text(new.replace(title, "关于2026年汛期安全防范工作的通告"), encoding="utf-8")
    listing = listing.replace('<ul class="list">\n', '<ul class="list">\n<li><a href="./' + ADDED +
                              '" title="关于2026年汛期安全防范工作的通告">关于2026年汛期安全防范工作的通告</a>'
                              '<span class="date">[2026-06-20]</span></li>\n', 1)
    (tzgg / "index.html").write_text(listing, encoding="utf-8")


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    from samplesite.server import start

    site_dir = tmp_path_factory.mktemp("history-site")
    db = tmp_path_factory.mktemp("history") / "h.db"
    with start(site_dir, slow_seconds=6) as site:
        truth = site.ground_truth
        start_url = site.expand(truth["sites"]["county"]["start"])
        first = run_xxgk_crawl(start_url, db, "--as-of", truth["as_of"], "--render", "never")
        assert first.code == 0, first.stderr[-2000:]
        script_changes(site_dir)
        second = run_xxgk_crawl(start_url, db, "--as-of", truth["as_of"], "--render", "never")
        assert second.code == 0, second.stderr[-2000:]
        yield site, first, second


def xxgk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], capture_output=True, text=True, cwd=ROOT)


def test_diff_says_exactly_what_changed(two_runs):
    site, first, second = two_runs
    proc = xxgk("diff", str(first.run_id), str(second.run_id), "--db", str(first.db))
    assert proc.returncode == 0, proc.stderr
    diff = json.loads(proc.stdout)
    base = site.url("{county}/zwgk/fdzdgknr/tzgg/")
    got = {(c["change"], c["what"], c["url"].removeprefix(base)): c for c in diff["changes"]}
    assert set(got) == {("added", "document", ADDED), ("removed", "document", REMOVED),
                        ("changed", "document", EDITED), ("changed", "document", REDATED),
                        ("changed", "document", MOVED)}, sorted(got)
    assert diff["summary"] | {"withheld": 0} == {"added": 1, "removed": 1, "changed": 3, "columns_added": 0,
                                                 "columns_removed": 0, "withheld": 0}
    redated = got[("changed", "document", REDATED)]
    assert redated["fields"] == ["publish_date"]
    assert (redated["before"]["publish_date"], redated["after"]["publish_date"]) == ("2025-12-12", "2025-12-14")
    moved = got[("changed", "document", MOVED)]
    assert moved["fields"] == ["column"]
    assert moved["after"]["column"] == ["法定主动公开内容 > 人事信息"]
    edited = got[("changed", "document", EDITED)]
    assert edited["fields"] == ["text"]
    [change] = edited["text_diff"]
    assert change["op"] == "replace" and "24小时内书面" in change["after"] and "及时" in change["before"]
    assert "重大事项" in change["context"]


def test_history_findings_match_the_changes(two_runs):
    site, first, second = two_runs
    base = site.url("{county}/zwgk/fdzdgknr/tzgg/")
    history = {"removed_document", "changed_publish_date", "changed_document"}
    found = {(f["check"], f["url"].removeprefix(base)) for f in second.findings()["findings"]
             if f["check"] in history}
    assert found == {("removed_document", REMOVED), ("changed_publish_date", REDATED),
                     ("changed_document", EDITED)}
    assert not [f for f in first.findings()["findings"] if f["check"] in history]  # a first run has no history


def test_every_finding_carries_its_cross_run_key(two_runs):
    site, first, second = two_runs
    keys = {f["key"] for f in first.findings()["findings"]}
    assert all(f["key"].startswith(f["check"] + "|") and len(f["key"]) > len(f["check"]) + 1
               for f in first.findings()["findings"])
    # What did not change on the site kept its keys; the two columns that got newer documents (a new
    # notice, a moved one) are no longer stale: resolved.
    later = {f["key"] for f in second.findings()["findings"] if not f["check"].startswith(("removed_", "changed_"))}
    resolved = {f"stale_column|{site.url('{county}/zwgk/fdzdgknr/' + c + '/')}" for c in ("tzgg", "rsxx")}
    assert resolved <= keys
    assert later == keys - resolved


def test_diff_of_two_sites_is_a_usage_error(two_runs, tmp_path):
    _, first, _ = two_runs
    from crawler.store import Store

    store = Store(first.db)
    other = store.start_run("http://127.0.0.9/", "http://127.0.0.9/", "2026-06-30", {})
    store.finish_run(other, "complete", [], 0)
    proc = xxgk("diff", str(first.run_id), str(other), "--db", str(first.db))
    assert proc.returncode == 2 and "不是同一网站" in proc.stderr
