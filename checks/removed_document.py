"""removed_document: a document the site listed in its previous run and has taken off its platform.

Rule: 政府网站发展指引(国办发〔2017〕47号) 三(一) 文件资料 (rules.md §4): "如相关文件资料发生修改、废止、失效等
情况，应及时公开，并在已发布的原文件上作出明确标注" — a document is marked, not silently withdrawn. The
evaluator decides whether the removal was legitimate; the finding is the evidence (contract check ids).

Gone means listed in no column now, with every column that listed it seen whole in both runs, or listed
still but its page now broken. A document that moved to another column is not removed; one whose column
was not seen whole in either run is withheld, never reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext, Withheld
from checks.documents import DocumentSnapshot, history, vanished
from crawler.outcomes import is_broken, is_confirmed


class RemovedDocument(Check):
    id = "removed_document"
    severity = "warn"
    rule = "政府网站发展指引(国办发〔2017〕47号) 三(一) 文件资料修改、废止、失效应明确标注"
    source = "rules.md §4 信息发布 columns, 4.文件资料"

    def run(self, ctx: RunContext) -> Iterator[Finding | Withheld]:
        pair = history(ctx)
        if pair is None:
            return
        old_run, new_run = pair
        for url, old in old_run.by_url.items():
            gone = vanished(old, new_run)
            if gone is None:
                if old.fetched and _broken_now(new_run.by_url[url]):
                    yield self.finding(old, new_run.by_url[url].page["reason"])
                continue
            yield self.finding(old, None) if gone else Withheld(url, "column_not_seen_whole")

    def finding(self, old: DocumentSnapshot, reason: str | None) -> Finding:
        title = old.title or old.listed_title
        how = f"原网址现已无法访问（{reason}）" if reason else "已不在任何栏目中列出"
        return Finding(key=old.url, url=old.url, column_path=" | ".join(old.column_paths), reason=reason,
                       message=f"上次检查（运行 {old.run_id}）列出的文件“{title}”{how}",
                       evidence={"previous_run": old.run_id, **old.summary()})


def _broken_now(snapshot: DocumentSnapshot) -> bool:
    reason = (snapshot.page or {}).get("reason")
    return bool(reason) and is_broken(reason) and is_confirmed(reason)
