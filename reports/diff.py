"""`xxgk diff OLD NEW`: what changed on a site's platform between two of its runs (contract "Diff JSON").

Documents are keyed by URL, columns by path. A document is added or removed only where the runs can
prove it: its columns were seen whole in the run that lacks it (checks/documents.py); anything else is
counted as `withheld`, never claimed. Chinese text is compared word by word (jieba), each change with
the words around it, so an evaluator sees 2026年 → 2025年 rather than two whole paragraphs.
"""

from __future__ import annotations

import difflib
import logging
from typing import Any

import jieba

from checks.base import RunContext
from checks.changed_document import content_changes
from checks.changed_publish_date import date_changes
from checks.documents import DocumentSnapshot, RunDocuments, vanished
from crawler.store import Store, StoreError

CONTEXT_WORDS = 8
MAX_TEXT_CHANGES = 50
jieba.setLogLevel(logging.WARNING)


class DifferentSites(StoreError):
    """The two runs are not of the same site key."""


def diff_runs(store: Store, old_id: int | str, new_id: int | str) -> dict[str, Any]:
    old_ctx, new_ctx = RunContext(store, old_id), RunContext(store, new_id)
    if old_ctx.run["site_key"] != new_ctx.run["site_key"]:
        raise DifferentSites(f"运行 {old_ctx.run_id} 与 {new_ctx.run_id} 不是同一网站"
                             f"（{old_ctx.run['site_key']} / {new_ctx.run['site_key']}）")
    old_run, new_run = RunDocuments(old_ctx), RunDocuments(new_ctx)
    changes, withheld = document_changes(old_run, new_run)
    changes += column_changes(old_run, new_run)
    count = {kind: sum(1 for c in changes if c["what"] == "document" and c["change"] == kind)
             for kind in ("added", "removed", "changed")}
    return {"old_run": old_ctx.run_id, "new_run": new_ctx.run_id, "site_url": new_ctx.run["site_url"],
            "summary": {**count,
                        "columns_added": sum(1 for c in changes if c["what"] == "column" and c["change"] == "added"),
                        "columns_removed": sum(1 for c in changes
                                               if c["what"] == "column" and c["change"] == "removed"),
                        "withheld": withheld},
            "changes": changes}


def document_changes(old_run: RunDocuments, new_run: RunDocuments) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    withheld = 0
    for old in old_run.by_url.values():
        gone = vanished(old, new_run)
        if gone:
            changes.append(_entry("removed", old))
        elif gone is False:
            withheld += 1
    for url, new in new_run.by_url.items():
        old = old_run.by_url.get(url)
        if old is None:
            if _provably_new(new, old_run):
                changes.append(_entry("added", new))
            else:
                withheld += 1
        elif (change := changed_entry(old_run, old, new_run, new)) is not None:
            changes.append(change)
    return changes, withheld


def changed_entry(old_run: RunDocuments, old: DocumentSnapshot, new_run: RunDocuments,
                  new: DocumentSnapshot) -> dict[str, Any] | None:
    fields: list[str] = []
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if old.fetched and new.fetched:
        for name, (was, now) in date_changes(old, new).items():
            fields.append(name)
            before[name], after[name] = was, now
        for name in content_changes(old_run, old, new_run, new):
            fields.append(name)
            if name != "text":
                before[name], after[name] = _value(old, name), _value(new, name)
    if old.whole and new.whole and old.column_paths != new.column_paths:
        fields.append("column")
        before["column"], after["column"] = list(old.column_paths), list(new.column_paths)
    if not fields:
        return None
    entry = {**_entry("changed", new), "fields": fields, "before": before, "after": after}
    if "text" in fields:
        entry["text_diff"] = text_diff(old_run.text(old) or "", new_run.text(new) or "")
    return entry


def _provably_new(new: DocumentSnapshot, old_run: RunDocuments) -> bool:
    """Listed now in columns the old run saw whole (or that did not exist in a run that saw everything)."""
    complete = old_run.ctx.run["status"] == "complete" and not old_run.ctx.truncated
    return all(old_run.column_state(p) or (old_run.column_state(p) is None and complete)
               for p in new.column_paths)


def column_changes(old_run: RunDocuments, new_run: RunDocuments) -> list[dict[str, Any]]:
    """Columns in one run and not the other, when the run without them saw the whole platform."""
    old_paths, new_paths = set(old_run.columns_whole), set(new_run.columns_whole)
    changes = []
    if _saw_everything(old_run):
        changes += [{"change": "added", "what": "column", "column_path": p, "url": _column_url(new_run, p)}
                    for p in sorted(new_paths - old_paths)]
    if _saw_everything(new_run):
        changes += [{"change": "removed", "what": "column", "column_path": p, "url": _column_url(old_run, p)}
                    for p in sorted(old_paths - new_paths)]
    return changes


def text_diff(before: str, after: str) -> list[dict[str, str]]:
    """Word-level changes between two texts, each with the words around it (`context`)."""
    old_words, new_words = jieba.lcut(before), jieba.lcut(after)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        removed, added = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        prefix = "".join(old_words[max(0, i1 - CONTEXT_WORDS):i1])
        suffix = "".join(old_words[i2:i2 + CONTEXT_WORDS])
        marked = (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
        out.append({"op": op, "before": removed, "after": added,
                    "context": (prefix + marked + suffix).replace("\n", " ")})
        if len(out) >= MAX_TEXT_CHANGES:
            break
    return out


def as_table(diff: dict[str, Any]) -> str:
    s = diff["summary"]
    lines = [f"运行 {diff['old_run']} → {diff['new_run']}  {diff['site_url']}",
             f"新增文件 {s['added']}，删除 {s['removed']}，修改 {s['changed']}；新增栏目 {s['columns_added']}，"
             f"删除栏目 {s['columns_removed']}；无法比较 {s['withheld']}"]
    labels = {"added": "新增", "removed": "删除", "changed": "修改"}
    for c in diff["changes"]:
        what = "栏目" if c["what"] == "column" else "文件"
        name = c.get("title") or c.get("column_path") or ""
        fields = f"（{'、'.join(c['fields'])}）" if c.get("fields") else ""
        lines.append(f"  [{labels[c['change']]}{what}] {name}{fields}  {c['url'] or ''}")
        lines += [f"      {d['context']}" for d in c.get("text_diff", [])[:5]]
    return "\n".join(_printable(line) for line in lines)


def _entry(change: str, doc: DocumentSnapshot) -> dict[str, Any]:
    return {"change": change, "what": "document", "url": doc.url, "column_path": " | ".join(doc.column_paths),
            "title": doc.title or doc.listed_title}


def _value(doc: DocumentSnapshot, name: str) -> Any:
    return list(doc.attachments) if name == "attachments" else getattr(doc, name)


def _saw_everything(run: RunDocuments) -> bool:
    return run.ctx.run["status"] == "complete" and not run.ctx.truncated


def _column_url(run: RunDocuments, path: str) -> str | None:
    return next((c["url"] for c in run.ctx.columns if c["path"] == path), None)


def _printable(text: str) -> str:
    """No control characters reach the terminal from crawled text (an ESC in a title)."""
    return "".join(ch for ch in text if ch.isprintable() or ch == " ")
