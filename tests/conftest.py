"""Shared fixtures: real HTTP servers on 127.0.0.1 and the real `xxgk` command.

Crawls run `xxgk crawl` in a subprocess, as schedulers call it: Scrapy's reactor can run once per
process, and the exit code and stdout are part of the contract under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.store import Store

ROOT = Path(__file__).resolve().parents[1]
XXGK = [sys.executable, "-m", "crawler.cli"]
# Our own servers on loopback: no politeness delays, short timeouts, quick retries.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "DOWNLOAD_TIMEOUT=3", "-s", "XXGK_RETRY_BACKOFF=0.5,1",
        "-s", "XXGK_PROGRESS_INTERVAL=0"]


def shared_dir() -> Path:
    return Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))


@dataclass
class CrawlResult:
    code: int
    stdout: str
    stderr: str
    db: Path

    @property
    def run_id(self) -> int:
        return int(self.stdout.strip().splitlines()[-1])

    def store(self) -> Store:
        return Store(self.db)

    def findings(self) -> dict[str, Any]:
        out = subprocess.run([*XXGK, "findings", "--db", str(self.db), "--run", str(self.run_id)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        return json.loads(out.stdout)


def run_xxgk_crawl(url: str, db: Path, *args: str, timeout: float = 300,
                   env: dict[str, str] | None = None) -> CrawlResult:
    proc = subprocess.run([*XXGK, "crawl", url, "--db", str(db), *FAST, *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})})
    return CrawlResult(proc.returncode, proc.stdout, proc.stderr, db)


@pytest.fixture(scope="session")
def sample_site() -> Iterator[Any]:
    from samplesite.server import start

    with start(slow_seconds=6) as site:
        yield site


@pytest.fixture(scope="session")
def truth(sample_site) -> dict[str, Any]:
    """The sample site's ground truth with {county}/… placeholders replaced by the servers' origins."""
    return sample_site.expand(sample_site.ground_truth)


def finding_key(finding: dict[str, Any]) -> tuple:
    """What identifies a finding across ground truth and output, per check."""
    check = finding["check"]
    if check == "broken_link":
        return check, finding["target"]
    if check == "missing_annual_report":  # only the body's own report column is judged for gaps
        return check, finding["year"]
    if check in ("late_annual_report", "incomplete_annual_report"):  # per report (a 年报 split by issuer)
        return check, finding["year"], finding["url"]
    if check == "missing_section":
        return check, finding["section"]
    return check, finding["url"]


@pytest.fixture(scope="session")
def county(sample_site, truth, tmp_path_factory) -> CrawlResult:
    """One crawl of the sample county site without a browser: the ground truth's own view."""
    sample_site.reset()
    db = tmp_path_factory.mktemp("county") / "county.db"
    result = run_xxgk_crawl(truth["sites"]["county"]["start"], db, "--as-of", truth["as_of"], "--render", "never")
    assert result.code == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def county_browser(sample_site, truth, tmp_path_factory) -> CrawlResult:
    """One crawl of the sample county site in real Chromium (the ground truth's `with_browser` view)."""
    from crawler.render import browser_executable

    if not browser_executable():
        pytest.skip("no Chromium on this machine")
    sample_site.reset()
    db = tmp_path_factory.mktemp("browser") / "county.db"
    result = run_xxgk_crawl(truth["sites"]["county"]["start"], db, "--as-of", truth["as_of"])
    assert result.code == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def pingtan() -> Iterator[str]:
    serve = shared_dir() / "replay" / "pingtan" / "serve.py"
    if not serve.exists():
        pytest.skip(f"Pingtan replay not found at {serve} (set XXGK_SHARED)")
    proc = subprocess.Popen([sys.executable, str(serve), "0"], stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    yield url
    proc.terminate()
    proc.wait(timeout=10)
