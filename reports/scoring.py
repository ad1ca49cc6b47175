"""Scores one run's findings with a model: rules.md §1.2 as the contract's "Scorecard JSON" states it.

Any veto → 不合格, no score. Otherwise each indicator's findings cost their points, the indicator at most
its cap; 满分 minus the deductions is the base score; below the pass mark → 不合格; above `bonus_above`
the site's bonus (at most the model's cap) is added. A `failed` run is 无法评估 with no score unless a
veto stands; a `partial` run is scored on what was seen and its coverage says so.

Each finding counts once: under the first veto that matches it, else under the first deduction rule
that does (model order). Findings no rule matches (suspected links, `blocked`, history findings …) are
shown and cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from checks.base import RunContext
from checks.column_freshness import CLASS_LABELS
from checks.too_many_stale_columns import TooManyStaleColumns
from reports.model import LinkPlace, Model, Selector

# A first-level column as the 栏目不更新 veto counts it (a path of one level: no parent column).
FIRST_LEVEL_DEPTH = TooManyStaleColumns.defaults["first_level_depth"]
CLASS_BY_LABEL = {label: cls for cls, label in CLASS_LABELS.items()}
POINT_DIGITS = 4  # 0.1 + 0.2 is 0.3 on a scorecard


class Verdict(Enum):
    PASS = "合格"
    FAIL = "不合格"
    UNASSESSED = "无法评估"


class Coverage(Enum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    NONE = "none"


@dataclass(frozen=True)
class FindingFacts:
    """What a selector may ask of a finding beyond its own fields."""

    linked_from: LinkPlace | None
    column_class: str | None
    first_level: bool | None


@dataclass
class Score:
    verdict: Verdict
    coverage: Coverage
    score: float | None
    base_score: float | None
    bonus: float
    vetoes: list[dict[str, Any]] = field(default_factory=list)
    deductions: list[dict[str, Any]] = field(default_factory=list)
    points_by_finding: dict[str, tuple[str, float]] = field(default_factory=dict)  # id → (indicator, points)

    @property
    def vetoed(self) -> bool:
        return bool(self.vetoes)


def score_run(ctx: RunContext, findings: list[dict[str, Any]], model: Model) -> Score:
    """The run's verdict, score, vetoes and deductions under `model` (findings in the contract's form)."""
    facts = finding_facts(ctx, findings)
    vetoes: dict[tuple[str, str], list[str]] = {}
    deducted: dict[str, list[tuple[str, float]]] = {ind.name: [] for ind in model.indicators}
    for finding in findings:
        veto = next((v for v in model.vetoes if any(matches(s, finding, facts[finding["id"]]) for s in v.selectors)),
                    None)
        if veto is not None:
            vetoes.setdefault((veto.indicator, finding["check"]), []).append(finding["id"])
            continue
        for indicator in model.indicators:
            rule = next((r for r in indicator.rules if matches(r.selector, finding, facts[finding["id"]])), None)
            if rule is not None:
                deducted[indicator.name].append((finding["id"], rule.points))
                break
    return _score(ctx, model, vetoes, deducted)


def _score(ctx: RunContext, model: Model, vetoes: dict[tuple[str, str], list[str]],
           deducted: dict[str, list[tuple[str, float]]]) -> Score:
    status = ctx.run["status"]
    coverage = {"complete": Coverage.COMPLETE, "partial": Coverage.PARTIAL}.get(status, Coverage.NONE)
    veto_rows = [{"indicator": indicator, "check": check, "finding_ids": ids}
                 for (indicator, check), ids in vetoes.items()]
    deductions = []
    for indicator in model.indicators:
        items = deducted[indicator.name]
        if not items:
            continue
        raw = round(sum(points for _, points in items), POINT_DIGITS)
        deductions.append({"indicator": indicator.name, "points": min(raw, indicator.cap), "raw_points": raw,
                           "cap": indicator.cap, "count": len(items), "finding_ids": [i for i, _ in items]})
    by_finding = {fid: (ind.name, pts) for ind in model.indicators for fid, pts in deducted[ind.name]}
    if veto_rows:
        return Score(Verdict.FAIL, coverage, None, None, 0.0, veto_rows, deductions, by_finding)
    if coverage is Coverage.NONE:
        return Score(Verdict.UNASSESSED, coverage, None, None, 0.0, [], deductions, by_finding)
    base = round(model.full - sum(d["points"] for d in deductions), POINT_DIGITS)
    if base < model.pass_mark:
        return Score(Verdict.FAIL, coverage, base, base, 0.0, [], deductions, by_finding)
    bonus = min(site_bonus(ctx.run, model), model.bonus_cap) if base > model.bonus_above else 0.0
    return Score(Verdict.PASS, coverage, round(base + bonus, POINT_DIGITS), base, bonus, [], deductions,
                 by_finding)


def site_bonus(run: dict[str, Any], model: Model) -> float:
    """The evaluator's bonus for this site: by site key, else by start or site URL; 0 without one."""
    for key in (run.get("site_key"), run.get("start_url"), run.get("site_url")):
        if key and key in model.bonus:
            return model.bonus[key]
    return 0.0


def matches(selector: Selector, finding: dict[str, Any], facts: FindingFacts) -> bool:
    return (selector.check == finding["check"]
            and selector.severity in (None, finding["severity"])
            and selector.confirmed in (None, finding["confirmed"])
            and selector.linked_from in (None, facts.linked_from)
            and selector.column_class in (None, facts.column_class)
            and selector.first_level in (None, facts.first_level))


def finding_facts(ctx: RunContext, findings: list[dict[str, Any]]) -> dict[str, FindingFacts]:
    home_targets = homepage_targets(ctx)
    facts = {}
    for f in findings:
        place = None
        if f["check"] == "broken_link":
            place = LinkPlace.HOMEPAGE if f["target"] in home_targets else LinkPlace.OTHER
        evidence = f.get("evidence") or {}
        column_class = CLASS_BY_LABEL.get(evidence.get("class")) if isinstance(evidence, dict) else None
        first_level = column_depth(f["column_path"]) <= FIRST_LEVEL_DEPTH if f.get("column_path") else None
        facts[f["id"]] = FindingFacts(place, column_class, first_level)
    return facts


def homepage_targets(ctx: RunContext) -> set[str]:
    """Every link target on the homepage (as requested and as finally reached)."""
    homepage = ctx.homepage()
    if homepage is None:
        return set()
    return {link["target_url"] for link in ctx.links_from(homepage["url"], homepage["final_url"])}


def column_depth(path: str) -> int:
    return len([part for part in path.split(">") if part.strip()]) or 1


RANK_GROUPS = {Verdict.PASS: 0, Verdict.FAIL: 1, Verdict.UNASSESSED: 3}


def ranking(sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """合格 by score, then scored 不合格 by score, then vetoed 不合格, then 无法评估 (contract); ties by URL."""
    def order(site: dict[str, Any]) -> tuple:
        group = RANK_GROUPS[Verdict(site["verdict"])]
        if site["verdict"] == Verdict.FAIL.value and site["score"] is None:
            group = 2
        return group, -(site["score"] or 0.0), site["run"]["site_url"], site["run"]["id"]

    ordered = sorted(sites, key=order)
    return [{"rank": i + 1, "site_url": s["run"]["site_url"], "run_id": s["run"]["id"], "verdict": s["verdict"],
             "score": s["score"], "coverage": s["coverage"]} for i, s in enumerate(ordered)]
