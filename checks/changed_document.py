"""changed_document: a document whose title, text, metadata or attachments changed since the site's
previous run (its two dates excepted: those are changed_publish_date alone).

Rule: 政府网站发展指引(国办发〔2017〕47号) 三(一) 文件资料 (rules.md §4): a document that is revised is to be
marked as revised on the published original. The finding tells an evaluator what changed, so they can
see whether it was; it costs no points by itself.

Compared only when both runs read the document's page. Text is the main content (crawler/parse/content.py),
so a page whose visitor counter or navigation changed has not changed as a document.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import Check, Finding, RunContext, Withheld
from checks.documents import DocumentSnapshot, RunDocuments, history, read_in_both

FIELD_LABELS = {"title": "标题", "text": "正文", "metadata": "元数据", "attachments": "附件"}


class ChangedDocument(Check):
    id = "changed_document"
    severity = "info"
    rule = "政府网站发展指引(国办发〔2017〕47号) 三(一) 文件资料发生修改应在原文件上明确标注"
    source = "rules.md §4 信息发布 columns, 4.文件资料"

    def run(self, ctx: RunContext) -> Iterator[Finding | Withheld]:
        pair = history(ctx)
        for compared in read_in_both(ctx):
            if isinstance(compared, Withheld):
                yield compared
                continue
            old, new = compared
            changed = content_changes(pair[0], old, pair[1], new)
            if changed:
                labels = "、".join(FIELD_LABELS[f] for f in changed)
                yield Finding(key=new.url, url=new.url, column_path=" | ".join(new.column_paths),
                              message=f"文件“{new.title or new.listed_title}”的{labels}已修改",
                              evidence={"previous_run": old.run_id, "fields": changed,
                                        "before": _pick(old, changed), "after": _pick(new, changed)})


def content_changes(old_run: RunDocuments, old: DocumentSnapshot, new_run: RunDocuments,
                    new: DocumentSnapshot) -> list[str]:
    """The fields (title, text, metadata, attachments) that differ between two readable snapshots."""
    changed = [name for name in ("title", "metadata", "attachments") if getattr(old, name) != getattr(new, name)]
    if old_run.body_hash(old) != new_run.body_hash(new) and old_run.text(old) != new_run.text(new):
        changed.insert(1, "text")
    return changed


def _pick(snapshot: DocumentSnapshot, fields: list[str]) -> dict:
    return {f: getattr(snapshot, f) if f != "attachments" else list(snapshot.attachments)
            for f in fields if f != "text"}
