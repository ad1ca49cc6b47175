"""The scorecard as one self-contained, printable HTML file in Chinese (jinja2, autoescaped).

Nothing leaves the file: styles, the sorting script, the column chart (inline SVG) and the evidence
screenshots (data: URIs, each and all together size-capped) are inline, and a Content-Security-Policy
forbids every request and every script but our own (by its hash). All crawled text is escaped by
jinja2's autoescape; links are made only for http(s) URLs, so a `javascript:` URL stays text.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader

from crawler.store import Store
from reports.labels import (
    COLUMN_STATE_LABELS,
    COVERAGE_LABELS,
    REPORT_STATE_LABELS,
    VERDICT_CLASSES,
    check_label,
)
from reports.scorecard_sheets import OFFICE_COLUMNS, finding_row

MAX_SCREENSHOT_BYTES = 600_000  # one screenshot larger than this is left out (the evidence command has it)
MAX_SCREENSHOTS_BYTES = 12_000_000  # all screenshots of one report together
# Sorts a table.sortable by the clicked column: numbers as numbers, text in Chinese collation order.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, index) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var ascending = th.getAttribute("data-order") !== "asc";
      table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("data-order"); });
      th.setAttribute("data-order", ascending ? "asc" : "desc");
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-sort") || a.cells[index].textContent.trim();
        var y = b.cells[index].getAttribute("data-sort") || b.cells[index].textContent.trim();
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-CN");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""
CHART_ROW, CHART_LABEL, CHART_BAR, CHART_TEXT = 22, 260, 360, 300
CHART_SPAN = 2.0  # the bar area shows ages up to twice the limit; the limit line sits in its middle


def render_html(document: dict[str, Any], store: Store) -> str:
    env = Environment(loader=PackageLoader("reports", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["pts"] = points
    env.filters["href"] = safe_href
    env.globals.update(check_label=check_label, column_state_labels=COLUMN_STATE_LABELS,
                       coverage_labels=COVERAGE_LABELS, report_state_labels=REPORT_STATE_LABELS,
                       verdict_classes=VERDICT_CLASSES, office_columns=OFFICE_COLUMNS, chart=column_chart)
    screenshots = Screenshots(store)
    sites = []
    for site in document["sites"]:
        rows = []
        for finding in site["findings"]:
            rows.append({**finding_row(site, finding), "finding": finding,
                         "shot": screenshots.add(finding.get("evidence") or {})})
        sites.append({**site, "rows": rows})
    script_hash = base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()
    csp = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; "
           "base-uri 'none'; form-action 'none'")
    return env.get_template("scorecard.html").render(
        document=document, sites=sites, screenshots=screenshots.embedded, skipped=screenshots.skipped,
        script=SORT_SCRIPT, csp=csp)


def write_html(document: dict[str, Any], store: Store, path: Path) -> None:
    path.write_text(render_html(document, store), encoding="utf-8")


class Screenshots:
    """The evidence screenshots a report embeds: each once, PNG only, within the size caps."""

    def __init__(self, store: Store):
        self.store = store
        self.embedded: dict[str, dict[str, Any]] = {}  # hash → {url, taken_at, data_uri}
        self.skipped = 0
        self.total = 0

    def add(self, evidence: dict[str, Any]) -> str | None:
        """The anchor id of the finding's screenshot in the report, or None when it has none or it is
        too large to embed."""
        shot = evidence.get("screenshot")
        if not isinstance(shot, dict) or not shot.get("hash"):
            return None
        digest = str(shot["hash"])
        if digest not in self.embedded:
            png = self.store.body(digest)
            if png is None or not png.startswith(b"\x89PNG") or len(png) > MAX_SCREENSHOT_BYTES \
                    or self.total + len(png) > MAX_SCREENSHOTS_BYTES:
                self.skipped += 1
                return None
            self.total += len(png)
            self.embedded[digest] = {"id": f"shot-{digest[:16]}", "url": shot.get("url"),
                                     "taken_at": shot.get("taken_at"),
                                     "data_uri": "data:image/png;base64," + base64.b64encode(png).decode()}
        return self.embedded[digest]["id"]


def points(value: float | None) -> str:
    """80.0 → 80, 0.30000000000000004 → 0.3, None → —."""
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s) (a link in the report), else None (shown as text only)."""
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def column_chart(columns: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of each column's age against its limit: the limit line in the middle, ages past twice the
    limit clipped (the text says the real figure). Columns without an age get their state only."""
    rows = []
    for i, column in enumerate(columns):
        age, limit = column.get("age_days"), column.get("limit_days")
        ratio = age / limit if age is not None and limit else None
        width = round(min(ratio, CHART_SPAN) / CHART_SPAN * CHART_BAR, 1) if ratio is not None else 0
        detail = COLUMN_STATE_LABELS[column["state"]]
        if age is not None and limit:
            detail = f"{age}/{limit} 天 · {detail}"
        elif column["state"] == "stale" and limit:
            detail = f"无注明日期的信息（期限 {limit} 天）· {detail}"
            width = CHART_BAR
        rows.append({"y": i * CHART_ROW, "label": column["column_path"] or column["url"], "width": width,
                     "state": column["state"], "detail": detail, "clipped": ratio is not None and ratio > CHART_SPAN})
    return {"rows": rows, "height": len(rows) * CHART_ROW + 24, "label_width": CHART_LABEL, "bar": CHART_BAR,
            "limit_x": CHART_LABEL + CHART_BAR / CHART_SPAN, "width": CHART_LABEL + CHART_BAR + CHART_TEXT,
            "row": CHART_ROW}
