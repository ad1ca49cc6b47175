"""Hostile crawled text stays inert in every report: escaped in the HTML (no script runs in Chromium),
never a formula in CSV or XLSX, no control characters on the terminal."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from tests import hostile_site
from tests.conftest import CrawlResult, run_xxgk_crawl
from tests.test_report import open_in_chromium, report, xxgk

FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[CrawlResult]:
    with hostile_site.serve() as url:
        result = run_xxgk_crawl(url, tmp_path_factory.mktemp("hostile") / "h.db", "--render", "never",
                                "--as-of", "2026-06-30")
    assert result.code == 0, result.stderr
    store = result.store()
    names = {c["name"] for c in store.columns(result.run_id)}
    anchors = {link["anchor"] for link in store.links(result.run_id)}
    # The site's hostile text reached the store as the crawler read it: that is what the reports get.
    assert {hostile_site.BOLD_COLUMN, hostile_site.ESC_COLUMN} <= names, names
    assert {"<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">",
            *hostile_site.FORMULA_ANCHORS} <= anchors, anchors
    yield result


@pytest.mark.browser
def test_hostile_text_is_escaped_and_no_script_runs_in_chromium(hostile, tmp_path):
    html = report(hostile.db, tmp_path / "h.html", "html")
    opened = open_in_chromium(html, tmp_path / "h.png", """() => ({
        pwned: window.__pwned === undefined ? null : window.__pwned,
        bold: document.querySelectorAll('b').length,
        injected_images: document.querySelectorAll('img[onerror], img[src="x"]').length,
        script_links: document.querySelectorAll('a[href^="javascript"]').length,
        scripts: document.querySelectorAll('script').length})""")
    assert opened.page_state == {"pwned": None, "bold": 0, "injected_images": 0, "script_links": 0, "scripts": 1}
    assert opened.problems == [] and opened.requests == [html.resolve().as_uri()]
    # The text is shown as the site wrote it, for the office to see.
    for text in ("<script>window.__pwned=1</script>", hostile_site.BOLD_COLUMN, hostile_site.REPORT_TITLE):
        assert text in opened.text, text


def test_csv_and_xlsx_cells_never_start_a_formula(hostile, tmp_path):
    import openpyxl

    tables = {}
    with open(report(hostile.db, tmp_path / "h.csv", "csv"), encoding="utf-8-sig", newline="") as fh:
        tables["report csv"] = [cell for row in csv.reader(fh) for cell in row]
    findings = xxgk("findings", "--db", str(hostile.db), "--format", "csv")
    assert findings.returncode == 0, findings.stderr
    tables["findings csv"] = [cell for row in csv.reader(io.StringIO(findings.stdout)) for cell in row]
    book = openpyxl.load_workbook(report(hostile.db, tmp_path / "h.xlsx", "xlsx"))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    tables["xlsx"] = [cell.value for cell in cells if isinstance(cell.value, str)]
    for name, values in tables.items():
        assert not [v for v in values if v.startswith(FORMULA_START)], name
        assert "'" + hostile_site.FORMULA_ANCHORS[0] in values or name == "findings csv", name
        assert any(v.startswith("'@SUM(1+1)") or "“@SUM(1+1)”" in v for v in values), name
        assert not [v for v in values if "\x1b" in v], name


def test_table_output_strips_control_characters(hostile):
    proc = xxgk("findings", "--db", str(hostile.db), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "人事信息[2J[31m" in proc.stdout  # shown, but the ESC bytes that would drive the terminal are gone
    assert not [ch for ch in proc.stdout if ch != "\n" and not ch.isprintable()]
