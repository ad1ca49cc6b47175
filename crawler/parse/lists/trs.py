"""TRS WCM static lists: `index.html`, `index_1.html` … with the page count in a script.

The pager is written by JavaScript, so its links are not in the raw HTML; the page count is
(cms-patterns.md §3):

* `createPageHTML(count, current, "index", "html")` — 4 arguments, `current` counted from 0; pages are
  `index.html`, `index_1.html` … `index_{count-1}.html`;
* `createPageHTML('page_div', count, current, 'zwgklist', 'shtml', total)` — container id first,
  `current` counted from 1, last argument the record total; pages `zwgklist.shtml`, `zwgklist_2.shtml`
  … `zwgklist_{count}.shtml` (several public crawlers of this form agree on `_2` for page 2);
* `var countPage = 56` (with `document.write` pagers, realpages #3) — 0-based like the 4-argument form;
* `pageControl(count, current, "index", "shtml", …)` (Hubei) — read like the 4-argument form.

`createPageHTML(1, 0, "t20190918_693227", "shtml")` on an article is the multi-page-article pager, not a
list (realpages #21). Rows come from the generic HTML row finder; a page whose rows are not in its HTML
reads them from inline script data, or asks for a browser when a script fills its list container.

The Gansu provincial / Kaipuyun platform's `/{site}/c{id}/zwgklist.shtml` lists use the 6-argument form
(realpages #10, rows inside an HTML comment), so they are TRS lists here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from crawler.parse.lists._common import base_url
from crawler.parse.lists._script import inline_items
from crawler.parse.lists.html import find_items
from crawler.parse.lists.script import needs_browser
from crawler.parse.types import ListResult, PageRequest

MAX_PAGES = 5000

_CALL_RE = re.compile(r"(createPageHTML|pageControl)\s*\(([^()]*)\)")
_COUNT_PAGE_RE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
_COUNT_NUM_RE = re.compile(r"var\s+(?:countnum|recordCount|totalRecord|countNum)\s*=\s*(\d+)")
_DETAIL_PREFIX_RE = re.compile(r"^t\d{6,8}_\d+$|_\d+$")
_DOC_NAME_RE = re.compile(r"t\d{8}_\d+")  # a countPage script that pages an article, not a list
_EXT_RE = re.compile(r"""index["'+\s_]*[^"'\n]{0,30}?\.?["'+\s]*(shtml|html|htm)\b""")


@dataclass
class TrsPager:
    count: int  # number of pages
    current: int  # 0-based index of this page
    prefix: str
    ext: str
    one_based: bool  # page k (0-based) > 0 is `prefix_{k+1}` instead of `prefix_{k}`
    total_records: int | None
    source: str

    def page_name(self, k: int) -> str:
        if k == 0:
            return f"{self.prefix}.{self.ext}"
        return f"{self.prefix}_{k + 1 if self.one_based else k}.{self.ext}"


def _resolve(arg: str, text: str) -> str:
    """An argument's value: a literal, or the number a `var NAME = N` assigns."""
    arg = arg.strip()
    if re.fullmatch(r"[A-Za-z_$][\w$]*", arg) and f"var {arg}" in text:
        m = re.search(rf"var\s+{re.escape(arg)}\s*=\s*['\"]?(\d+)", text)
        if m:
            return m.group(1)
    return arg.strip("\"'")


def _from_call(name: str, raw_args: str, text: str) -> TrsPager | None:
    args = [_resolve(a, text) for a in raw_args.split(",")]
    if len(args) < 4:
        return None
    container_first = not args[0].isdigit()
    if container_first:
        args = args[1:]
    if not (args[0].isdigit() and args[1].isdigit()) or not re.fullmatch(r"[\w-]+", args[2]):
        return None
    prefix, ext = args[2], args[3] or "html"
    if _DETAIL_PREFIX_RE.search(prefix) or not re.fullmatch(r"[A-Za-z]{2,6}", ext):
        return None
    count, current = int(args[0]), int(args[1])
    numbers = [int(a) for a in args[4:] if a.isdigit()]  # (…, 'black2', 621): the record total comes last
    total = numbers[-1] if numbers else None
    if container_first:
        current = max(current - 1, 0)
    n_args = len(args) + container_first
    return TrsPager(count, current, prefix, ext, container_first, total, f"{name}({n_args} args)")


def _ext_near(text: str, url: str) -> str:
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if "." in name:
        return name.rsplit(".", 1)[1]
    m = _EXT_RE.search(text)
    return m.group(1) if m else "html"


def find_pager(text: str, url: str) -> TrsPager | None:
    """The list pager this page's scripts describe, if any (see module doc)."""
    calls = 0
    for m in _CALL_RE.finditer(text):
        if text[max(0, m.start() - 12):m.start()].rstrip().endswith("function"):
            continue  # the function's own definition
        calls += 1
        pager = _from_call(m.group(1), m.group(2), text)
        if pager:
            return pager
    m = _COUNT_PAGE_RE.search(text)
    if m and not calls and not _DOC_NAME_RE.search(text[m.start():m.start() + 3000]):
        current = re.search(r"\bvar\s+currentPage\s*=\s*(\d+)", text)
        records = _COUNT_NUM_RE.search(text)
        return TrsPager(int(m.group(1)), int(current.group(1)) if current else 0, "index",
                        _ext_near(text[m.start():m.start() + 3000], url), False,
                        int(records.group(1)) if records else None, "countPage")
    return None


def page_requests(pager: TrsPager, url: str) -> list[PageRequest]:
    """Every page of the list other than this one, as URLs relative to the list's directory."""
    count = min(max(pager.count, 0), MAX_PAGES)
    return [PageRequest(url=urljoin(url, pager.page_name(k)), note=f"{pager.source} {k + 1}/{pager.count}")
            for k in range(count) if k != pager.current]


class TrsAdapter:
    """TRS static lists with a script pager; rows from the generic row finder."""

    name = "trs"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if "createPageHTML" not in text and "countPage" not in text and "pageControl" not in text:
            return None
        pager = find_pager(text, url)
        if pager is None:
            return None  # createPageHTML(0, …) below still is a list: an empty one
        base = base_url(sel, url)
        items = find_items(sel.root, base, known_list=True)
        needs_render = False
        if not items and pager.count > 0:
            # Rows kept as script data, or a container a script fills: still this pager's list.
            items = inline_items(text, base)
            needs_render = not items and needs_browser(sel.root, text)
        return ListResult(scheme=self.name, items=items, more_pages=page_requests(pager, url),
                          total_records=pager.total_records, total_pages=pager.count, needs_render=needs_render)
