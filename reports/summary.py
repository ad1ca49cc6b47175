"""A readable one-page summary of a run (HTML, jinja2): status, coverage, counts per check, findings.

The full scorecard (HTML/XLSX with scoring) comes later; this page is what `xxgk demo` leaves behind.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from reports.findings import SEVERITY_LABELS, STATUS_LABELS

_env = Environment(loader=PackageLoader("reports", "templates"), autoescape=select_autoescape())


def render_summary(document: dict[str, Any], columns: list[dict[str, Any]]) -> str:
    findings = document["findings"]
    return _env.get_template("summary.html").render(
        run=document["run"], findings=findings, columns=columns,
        by_check=Counter(f["check"] for f in findings).most_common(),
        severity_labels=SEVERITY_LABELS, status_labels=STATUS_LABELS)


def write_summary(document: dict[str, Any], columns: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_summary(document, columns), encoding="utf-8")
    return path
