"""too_many_long_stale_columns: columns that should be updated but are not reach 10.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新 2 (rules.md §1.3): "应更新但长期未更新的栏目
数量超过（含）10个" → 单项否决. The 2015 普查 explanation counts every column whose period is set
(动态要闻, 通知公告/政策文件, 人事/规划计划 …) and that was not updated within it (rules.md §1.5): the
columns `stale_column` reports, of any class.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext
from checks.column_freshness import BASIC, NEWS, NOTICE, stale_columns


class TooManyLongStaleColumns(Check):
    id = "too_many_long_stale_columns"
    severity = "veto"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新（应更新但长期未更新的栏目≥10个）"
    source = "rules.md §1.3 栏目不更新 2, §1.5"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        limits = {NEWS: self.options["news_days"], NOTICE: self.options["notice_days"],
                  BASIC: self.options["basic_days"]}
        stale = stale_columns(ctx, limits)
        if len(stale) < self.options["threshold"]:
            return
        yield Finding(
            key="run", url=ctx.run["site_url"],
            message=(f"{len(stale)} 个应更新栏目长期未更新，"
                     f"达到单项否决标准（{self.options['threshold']} 个）"),
            evidence={"count": len(stale), "threshold": self.options["threshold"],
                      "columns": [a.evidence() for a in stale]})
