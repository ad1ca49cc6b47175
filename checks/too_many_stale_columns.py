"""too_many_stale_columns: stale 动态/要闻 columns plus stale first-level 通知公告/政策文件 columns reach 5.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新 1 (rules.md §1.3): "监测时间点前2周内的动态、
要闻类栏目，以及监测时间点前6个月内的通知公告、政策文件类一级栏目，累计超过（含）5个未更新" → 单项否决.

The stale columns are those `stale_column` reports (checks/column_freshness.py). A first-level column
is one with no parent column: a homepage navigation column, or a column the platform lists at its top
(path of one level); a section's own column counts too.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext
from checks.column_freshness import BASIC, NEWS, NOTICE, ColumnAge, stale_columns


class TooManyStaleColumns(Check):
    id = "too_many_stale_columns"
    severity = "veto"
    rule = ("政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新"
            "（动态要闻2周、通知公告政策文件一级栏目6个月，累计≥5个）")
    source = "rules.md §1.3 栏目不更新 1"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        limits = {NEWS: self.options["news_days"], NOTICE: self.options["notice_days"], BASIC: 365}
        counted = [a for a in stale_columns(ctx, limits) if self.counts(a)]
        if len(counted) < self.options["threshold"]:
            return
        news = sum(1 for a in counted if a.cls == NEWS)
        yield Finding(
            key="run", url=ctx.run["site_url"],
            message=(f"{len(counted)} 个栏目未按期更新（动态/要闻类 {news} 个超过 "
                     f"{self.options['news_days']} 天，通知公告/政策文件类一级栏目 "
                     f"{len(counted) - news} 个超过 {self.options['notice_days']} 天），"
                     f"达到单项否决标准（{self.options['threshold']} 个）"),
            evidence={"count": len(counted), "threshold": self.options["threshold"],
                      "columns": [a.evidence() for a in counted]})

    def counts(self, age: ColumnAge) -> bool:
        if age.cls == NEWS:
            return True
        return age.cls == NOTICE and age.depth <= self.options["first_level_depth"]
