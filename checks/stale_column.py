"""stale_column: a column whose newest item is older than its class allows.

Rule: 全国政府网站普查评分表(2015) 栏目不更新 and 基本信息 (rules.md §1.4, §1.5): "监测时间点前2周内的
动态、要闻类栏目，以及监测时间点前6个月内的通知公告、政策文件类栏目 … 未更新"; "考察监测时间点前1年内，
人事、规划计划类信息，是否更新";
"未注明信息发布时间的视为不更新". Periods: 14 days (动态/要闻), 183 days (通知公告/政策文件), 365 days
(人事/规划计划 and other basic information); historical 专题 and the 指南, 制度 and 年报 sections are
exempt (contract "Judgements the checks share"). How columns are classed and dated:
checks/column_freshness.py.

One finding per stale column, with the newest date, the class, the limit and the days since. A column
that was not fully seen (not covered, blocked, a list page failed) is withheld, and so is one whose
possibly newest item could not be dated because its page failed to load.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext
from checks.column_freshness import BASIC, CLASS_LABELS, NEWS, NOTICE, ColumnAge, stale_columns


class StaleColumn(Check):
    id = "stale_column"
    severity = "deduct"
    rule = ("全国政府网站普查评分表(2015) 栏目不更新／基本信息更新"
            "（动态要闻2周、通知公告政策文件6个月、人事规划计划1年）")
    source = "rules.md §1.4 栏目不更新 (未注明信息发布时间的视为不更新), §1.5 栏目分类与更新周期"

    def limits(self) -> dict[str, int]:
        return {NEWS: self.options["news_days"], NOTICE: self.options["notice_days"],
                BASIC: self.options["basic_days"]}

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        for age in stale_columns(ctx, self.limits(), self.options["judge_unmatched_statutory"]):
            yield self.finding(age)

    @staticmethod
    def finding(age: ColumnAge) -> Finding:
        c = age.column
        label = CLASS_LABELS[age.cls]
        if age.newest is None:
            message = (f"栏目“{c['name']}”（{label}，应在 {age.limit} 天内更新）的 {age.undated} 条信息"
                       f"均未注明发布时间，视为未更新")
        else:
            message = (f"栏目“{c['name']}”（{label}）最新信息发布于 {age.newest.isoformat()}，距检查日已 "
                       f"{age.days} 天，超过 {age.limit} 天未更新")
        return Finding(key=c["url"], url=c["url"], column=c["name"], column_path=c["path"],
                       section=c["section"], message=message, evidence=age.evidence())
