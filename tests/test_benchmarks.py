"""The benchmark scripts run end to end at a small scale (figures are not judged, only that they print).

    .venv/bin/python -m pytest -m benchmark -s tests/test_benchmarks.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.benchmark


def run_script(name: str, *args: str, timeout: int = 900) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_crawl_benchmark_prints_each_crawl(tmp_path):
    out = run_script("crawl.py", "--documents", "300", "--keep", str(tmp_path))
    pages = {label: int(n) for label, n in re.findall(r"^(xxgk crawl \([^)]*\)|bare Scrapy spider)\s+(\d+) pages",
                                                       out, re.MULTILINE)}
    assert set(pages) == {"xxgk crawl (first)", "xxgk crawl (unchanged)", "xxgk crawl (first, never)",
                          "bare Scrapy spider"}
    assert pages["xxgk crawl (first)"] >= 300
    assert pages["xxgk crawl (unchanged)"] == pages["xxgk crawl (first)"]
    assert 0 < pages["bare Scrapy spider"] < pages["xxgk crawl (first)"]  # no script pagers
    assert re.search(r"pages/s .* bytes/page", out)


def test_render_benchmark_renders_every_page(tmp_path):
    out = run_script("render.py", "--documents", "40", "--keep", str(tmp_path))
    renders = int(re.search(r"^renders: (\d+)", out, re.MULTILINE).group(1))
    assert renders >= 40
    assert "xxgk_render_always=" in out
    assert (tmp_path / "samples.csv").exists()
