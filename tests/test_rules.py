"""The rules file: packaged thresholds, a user's overlay through `xxgk check` and `xxgk crawl`, bad files
as usage errors, and the check step running each check on its own."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from checks import REGISTRY, Check, Finding, RunContext, check_run, load_checks, run_checks
from checks.rules import RulesError, load_rules, packaged_rules
from crawler.store import Store
from tests.conftest import ROOT, XXGK
from tests.test_checks_annual_report import reports_column
from tests.test_checks_support import RunBuilder

HUAIHUA = '[late_annual_report]\ndepartment_deadline = "01-28"   # 怀化 2022: 市直单位 1月28日前\n'


def xxgk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], capture_output=True, text=True, cwd=ROOT)


def test_every_threshold_lives_in_the_packaged_rules_file():
    rules = packaged_rules()
    for check_id, cls in load_checks().items():
        assert cls.defaults == rules.get(check_id, {}), check_id
    assert set(rules) <= set(REGISTRY), "a table for a check that does not exist"


def late_department_report(tmp_path) -> RunBuilder:
    b = RunBuilder(tmp_path, as_of="2025-06-30", level="department")
    reports_column(b, ("XX局2024年度政府信息公开工作年度报告", "2025-01-30"))
    b.findings()  # stores the run and judges it by the packaged rules
    return b


def test_a_local_deadline_changes_late_annual_report_through_xxgk_check(tmp_path):
    b = late_department_report(tmp_path)
    assert b.findings("late_annual_report") == []  # 30 January is on time nationally
    rules = tmp_path / "huaihua.toml"
    rules.write_text(HUAIHUA, encoding="utf-8")
    proc = xxgk("check", "--db", str(b.store.path), "--run", str(b.run_id), "--rules", str(rules))
    assert proc.returncode == 0, proc.stderr
    store = Store(b.store.path)
    [late] = [f for f in store.findings(b.run_id) if f["check_id"] == "late_annual_report"]
    assert late["evidence"]["deadline"] == "2025-01-28"
    recorded = store.run(b.run_id)["rules"]
    assert recorded["overlay"] == HUAIHUA and recorded["hash"] == load_rules(rules).digest
    # Checking again without --rules judges by the rules the run recorded.
    assert xxgk("check", "--db", str(b.store.path), "--run", str(b.run_id)).returncode == 0
    assert [f["year"] for f in Store(b.store.path).findings(b.run_id) if f["check_id"] == "late_annual_report"] == [2024]


@pytest.mark.parametrize(("text", "says"), [
    ("[no_such_check]\nx = 1\n", "no_such_check"),
    ("[late_annual_report]\nweekday_deadline = \"01-28\"\n", "weekday_deadline"),
    ("[stale_column]\nnews_days = \"two weeks\"\n", "news_days"),
    ("[stale_column]\nnews_days = true\n", "news_days"),
    ("[late_annual_report]\ndepartment_deadline = \"02-30\"\n", "department_deadline"),
    ("[stale_column\nnews_days = 7\n", "TOML"),
])
def test_a_bad_rules_file_is_exit_2_with_one_line_naming_it(tmp_path, text, says):
    b = late_department_report(tmp_path)
    rules = tmp_path / "bad.toml"
    rules.write_text(text, encoding="utf-8")
    for args in (["check", "--db", str(b.store.path), "--run", str(b.run_id)],
                 ["crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "never.db")]):
        proc = xxgk(*args, "--rules", str(rules))
        assert proc.returncode == 2, proc.stderr
        assert says in proc.stderr and "bad.toml" in proc.stderr
        assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert not (tmp_path / "never.db").exists()


def test_overlay_keeps_the_rest_and_accepts_an_integer_for_a_float():
    rules = load_rules(text="[stale_column]\nnews_days = 7\n")
    assert rules.options["stale_column"] == {**packaged_rules()["stale_column"], "news_days": 7}
    assert rules.options["late_annual_report"] == packaged_rules()["late_annual_report"]
    with pytest.raises(RulesError):
        load_rules(text="stale_column = 3\n")


def test_check_of_an_unfinished_run_is_a_usage_error(tmp_path):
    store = Store(tmp_path / "r.db")
    run_id = store.start_run("http://127.0.0.1/", "http://127.0.0.1/", "2026-06-30", {})
    proc = xxgk("check", "--db", str(store.path), "--run", str(run_id))
    assert proc.returncode == 2 and "尚未完成" in proc.stderr


EXPLODING = "zz_exploding_for_test"


@pytest.fixture
def exploding_check() -> Iterator[None]:
    """A check that fails halfway, registered for this test only (defining the class registers it)."""

    class Exploding(Check):
        id = EXPLODING
        severity = "info"
        rule = "测试"
        source = "tests"

        def run(self, ctx: RunContext) -> Iterator[Finding]:
            yield Finding(key="before", message="不会被保存")
            raise RuntimeError("boom")

    yield
    REGISTRY.pop(EXPLODING, None)


def test_one_failing_check_is_reported_and_the_others_still_run(tmp_path, exploding_check):
    b = late_department_report(tmp_path)
    result = run_checks(b.store, b.run_id)
    assert "boom" in result.errors[EXPLODING]
    assert not [f for f in result.findings if f["check_id"] == EXPLODING]
    others = {f["check_id"] for f in result.findings}
    assert others and others == {f["check_id"] for f in b.findings()}
    check_run(b.store, b.run_id)
    assert "boom" in b.store.run(b.run_id)["stats"]["check_errors"][EXPLODING]
