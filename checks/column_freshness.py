"""Column classes and update periods, and each column's newest item: shared by the column checks.

Not a check. `stale_column` reports each column judged stale here; `too_many_stale_columns` and
`too_many_long_stale_columns` count them (rules.md §1.3, §1.5):

| class | 栏目名 keywords | newest item at most |
|---|---|---|
| 动态/要闻 | 要闻, 动态, 新闻, 工作进展, 快讯 … | 14 days |
| 通知公告/政策文件 | 通知, 公告, 公示, 政策文件, 规范性文件, 政府文件, 文件 … | 183 days (6 months) |
| 人事/规划计划, other 基本信息 | 人事, 规划, 计划, 机构, 领导, 财政, 预决算, 统计, 重大项目 … | 365 days |

Basic-information keywords are tried first (政策解读 is not a 政策文件 column, 人事任免通知 not a 通知
column),
then 通知公告/政策文件, then 动态/要闻. Exempt: historical 专题 columns (专题, 历史, 往期, 回顾 …)
and the 指南, 制度 and 年报 sections with their subcolumns, whose timeliness has rules of its own. A
column of the 法定主动公开内容 section that matches no keyword is 基本信息 too (the national monitoring
platform counts 信息公开目录 among the one-year columns, rules.md §1.5); any other unmatched column is
not judged, since its period is unknown.

The newest item is dated by `RunContext.item_date` (list date, then the document's 发布日期, PubDate
meta, URL). Items dated after `--as-of` are left out. An item the platform shows without any date counts
as not updated; an item whose date is unknown because its page failed to load keeps the column from
being judged stale (it may be the newest). A column that was not fully seen is withheld.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from checks.base import RunContext

NEWS, NOTICE, BASIC = "news", "notice", "basic"
CLASS_LABELS = {NEWS: "动态/要闻类", NOTICE: "通知公告/政策文件类", BASIC: "人事/规划计划等基本信息类"}
DEFAULT_LIMITS = {NEWS: 14, NOTICE: 183, BASIC: 365}

EXEMPT_RE = re.compile(r"专题|历史|往期|回顾|归档|存档|旧版|过期|废止|年报|年度报告|公开指南|公开制度")
EXEMPT_SECTIONS = ("guide", "rules", "annual_report")
CLASS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (BASIC, re.compile(r"政策解读|解读|人事|任免|招考|招聘|录用|规划|计划|机构|领导(?!活动)|职能|"
                       r"财政|预算|决算|统计|重大项目|重大建设项目|发布会|概况|简介")),
    (NOTICE, re.compile(r"通知|公告|公示|通告|政策文件|规范性文件|政府文件|部门文件|文件|政策|法规")),
    (NEWS, re.compile(r"要闻|动态|新闻|资讯|快讯|工作进展|头条|热点|领导活动")),
)


@dataclass
class ColumnAge:
    """One column's class and newest item, as the freshness rules see it."""

    column: dict[str, Any]
    cls: str
    limit: int
    newest: date | None
    newest_source: str | None
    days: int | None  # days from the newest item to as_of (None: no dated item)
    undated: int
    unknown: int
    future: int
    stale: bool
    withheld: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return len([p for p in (self.column.get("path") or "").split(">") if p.strip()]) or 1

    def evidence(self) -> dict[str, Any]:
        c = self.column
        return {"column": c["name"], "column_path": c["path"], "url": c["url"],
                "class": CLASS_LABELS[self.cls], "limit_days": self.limit,
                "newest_date": self.newest.isoformat() if self.newest else None,
                "newest_date_source": self.newest_source, "days_since": self.days, "items": c["item_count"],
                "undated_items": self.undated, "unknown_items": self.unknown, "future_items": self.future,
                "section": c["section"], "in_platform": bool(c["in_platform"])}


def classify(column: dict[str, Any], judge_unmatched_statutory: bool = True) -> str | None:
    """The column's class (`news`, `notice`, `basic`) or None when exempt or of no known period."""
    if column.get("section") in EXEMPT_SECTIONS:
        return None
    path = f"{column.get('path') or ''}>{column.get('name') or ''}"
    if EXEMPT_RE.search(path):
        return None
    name = column.get("name") or ""
    for cls, pattern in CLASS_PATTERNS:
        if pattern.search(name):
            return cls
    if judge_unmatched_statutory and column.get("section") == "statutory":
        return BASIC
    return None


def column_age(ctx: RunContext, column: dict[str, Any], cls: str, limit: int) -> ColumnAge:
    dated: list[tuple[date, str]] = []
    undated = unknown = future = 0
    for item in column["items"]:
        day, source = ctx.item_date(item)
        if day is None:
            undated += source == "undated"
            unknown += source == "unknown"
        elif day > ctx.as_of:
            future += 1
        else:
            dated.append((day, source))
    newest, newest_source = max(dated) if dated else (None, None)
    days = (ctx.as_of - newest).days if newest else None
    too_old = days > limit if days is not None else undated > 0
    withheld = ctx.column_withheld(column) or ctx.column_alias(column)
    reasons = []
    if withheld:
        reasons.append("栏目页面或其列表分页未能完整获取")
    if too_old and unknown:
        # An item whose page failed to load may be the newest one: no judgement.
        withheld = True
        reasons.append(f"{unknown} 条信息的日期因页面未能打开而无法确定")
    return ColumnAge(column, cls, limit, newest, newest_source, days, undated, unknown, future,
                     stale=too_old and not withheld, withheld=withheld, reasons=reasons)


def column_ages(ctx: RunContext, limits: dict[str, int] | None = None,
                judge_unmatched_statutory: bool = True) -> list[ColumnAge]:
    """Every list column with items and a known period, judged (see module doc)."""
    limits = {**DEFAULT_LIMITS, **(limits or {})}
    ages = []
    for column in ctx.columns:
        if column["kind"] != "list" or not column["items"]:
            continue
        cls = classify(column, judge_unmatched_statutory)
        if cls is None:
            continue
        ages.append(column_age(ctx, column, cls, int(limits[cls])))
    return ages


def stale_columns(ctx: RunContext, limits: dict[str, int] | None = None,
                  judge_unmatched_statutory: bool = True) -> list[ColumnAge]:
    """The columns judged stale, computed once per run for the given thresholds."""
    key = f"stale_columns:{sorted((limits or {}).items())}:{judge_unmatched_statutory}"
    return ctx.memo(key, lambda: [a for a in column_ages(ctx, limits, judge_unmatched_statutory) if a.stale])
