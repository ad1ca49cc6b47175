"""changed_publish_date: a document whose 发布日期 or 成文日期 differs from the site's previous run.

Rule: 政府网站与政务新媒体检查指标(2019) 单项否决 安全、泄密事故等严重问题 5. "存在弄虚作假行为（如伪造发稿日期等）"
(rules.md §1.3). A re-dated document is how a stale column is made to look fresh; whether it was a
forgery or a correction is the evaluator's call, so the finding is a warning with both dates as evidence.

Dates are compared only when both runs read the document's page and took the date from the same place
(metadata block, PubDate meta tag, the page, the list): a list date against a page date is no change.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext, Withheld
from checks.documents import DatedValue, DocumentSnapshot, read_in_both

FIELD_LABELS = {"publish_date": "发布日期", "written_date": "成文日期"}


class ChangedPublishDate(Check):
    id = "changed_publish_date"
    severity = "warn"
    rule = "政府网站与政务新媒体检查指标(2019) 单项否决：弄虚作假（伪造发稿日期）"
    source = "rules.md §1.3 安全、泄密事故等严重问题 5."

    def run(self, ctx: RunContext) -> Iterator[Finding | Withheld]:
        for compared in read_in_both(ctx):
            if isinstance(compared, Withheld):
                yield compared
            elif changed := date_changes(*compared):
                yield self.finding(*compared, changed)

    @staticmethod
    def finding(old: DocumentSnapshot, new: DocumentSnapshot, changed: dict[str, tuple[str, str]]) -> Finding:
        what = "；".join(f"{FIELD_LABELS[f]}由 {a} 改为 {b}" for f, (a, b) in changed.items())
        return Finding(key=new.url, url=new.url, column_path=" | ".join(new.column_paths),
                       message=f"文件“{new.title or new.listed_title}”的{what}（运行 {old.run_id} → {new.run_id}）",
                       evidence={"previous_run": old.run_id, "run": new.run_id,
                                 "changes": {f: {"before": a, "after": b} for f, (a, b) in changed.items()}})


def date_changes(old: DocumentSnapshot, new: DocumentSnapshot) -> dict[str, tuple[str, str]]:
    """Field → (before, after) for each date read from the same place in both runs that differs."""
    changes = {}
    for name in FIELD_LABELS:
        before: DatedValue = getattr(old, name)
        after: DatedValue = getattr(new, name)
        if before.value and after.value and before.source == after.source and before.value != after.value:
            changes[name] = (before.value.isoformat(), after.value.isoformat())
    return changes
