"""too_many_blank_columns: blank columns reach 5.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新 3 (rules.md §1.3):
"空白栏目数量超过（含）5个" → 单项否决. The blank columns are those `blank_column` reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext
from checks.blank_column import blank_columns


class TooManyBlankColumns(Check):
    id = "too_many_blank_columns"
    severity = "veto"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决指标 栏目不更新（空白栏目≥5个）"
    source = "rules.md §1.3 栏目不更新 3"

    def run(self, ctx: RunContext) -> Iterator[Finding]:
        blank = blank_columns(ctx, self.options["max_page_text"])
        if len(blank) < self.options["threshold"]:
            return
        yield Finding(key="run", url=ctx.run["site_url"],
                      message=f"空白栏目 {len(blank)} 个，达到单项否决标准（{self.options['threshold']} 个）",
                      evidence={"count": len(blank), "threshold": self.options["threshold"],
                                "columns": blank})
