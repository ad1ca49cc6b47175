"""Generic fallback: the page's main list of documents, found from the HTML alone.

A document list is a run of sibling rows (`li`, `tr`, `dl`, `dd`, `div`, `p`) under one parent, each
holding one document link, most of them with a date. Navigation menus, headers, footers, breadcrumbs
and "相关链接" boxes are runs of links too, so groups are scored: dated rows count most, document-like
links (`t2024…`, `art_`, `content_`, numeric ids, long titles) next, and groups inside page chrome
are discounted. Undated rows are kept (date None: "not updated", rules.md §1.4) only when the group is
clearly a document list. A list split into several same-shaped blocks (5 rows, a divider, 5 rows …) is
merged back. When the live DOM has no list but an HTML comment holds one (realpages #10 keeps its
rows in `<!-- … -->`), the comment is read.

Generic pagers are collected too: `下一页`/`尾页` links and numbered links of `?page=`, `?pageIndex=`,
`?currpage=`, `?pageNum=` … or `_N.html` style, with the run between the lowest and highest page seen
filled in. A page with no rows is left to the adapters after this one (inline data, feeds, script-filled
containers, and last "暂无信息": crawler/parse/lists/empty.py).

A list of one document (a 指南 section listing its guide, a 乡镇年报 column with one report, a list's last
page) is a list too, but one dated link is also what a content page shows in a "相关文件" box. So one row
is a list only on a page the crawl reached as a column or list page (`single_item`, tried after every
adapter), when it is the page's only dated document row outside page furniture, and the page shows
almost no text of its own beside it (a heading, a pager): a page column or a document has its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from parsel import Selector

from crawler.parse.lists._common import (
    MAX_ROW_LINKS,
    absolute,
    base_url,
    fragment,
    is_doc_url,
    is_document_page,
    row_item,
    usable_href,
)
from crawler.parse.text import element_text, squash
from crawler.parse.types import ListItem, ListResult, PageRequest

ROW_TAGS = ("li", "tr", "dl", "dd", "div", "p")
_ROW_TAG_SET = frozenset(ROW_TAGS)
MAX_GENERATED_PAGES = 2000

_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_CHROME_RE = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|menus|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumb|crumbs|"
    r"position|location|dqwz|weizhi|yqlj|friendlink|links|copyright|banner|sidebar|share|"
    r"related|xgwz|xgxx|xglj|xgwj|recommend|hot|rank)(?:[\s_-]|\d|$)",
    re.I,
)
_ASIDE_HEADING_RE = re.compile(r"相关|推荐|热点|热门|排行|友情链接|猜你|阅读排行")
_NEXT_WORDS = {"下一页", "下页", "后页", "尾页", "末页", "最后一页", "下一頁", ">", ">>", "›", "»", "next"}
_PAGE_QUERY_RE = re.compile(
    r"^(page|pagenum|pageno|pageindex|currpage|curpage|cur_page|p|pn|pagenumber|pagecurrent|start|pagenow)$",
    re.I,
)
_PAGE_PATH_RE = re.compile(r"^(?P<head>.*?(?:_|/|index|list))(?P<num>\d{1,4})(?P<ext>\.[a-z]+)?$", re.I)
_TOTAL_PAGES_RE = re.compile(r"共\s*(\d+)\s*页|/\s*(\d+)\s*页")
_TOTAL_RECORDS_RE = re.compile(r"共\s*(\d+)\s*条")
# What CMSs print in an empty list ("暂无信息", "没有相关数据！", "无记录").
_EMPTY_HINTS = ("暂无", "没有", "无记录", "无相关", "无数据", "无信息")
_EMPTY_LIST_RE = re.compile(
    r"^[\[【（(]?(?:(?:此|该|本)(?:栏目|目录|分类|页面?)(?:下|中|内)?)?(?:暂无|暂时没有|没有|无)(?:任何)?"
    r"(?:新增|相关|更新|可显示|可公开|公开)?的?(信息|数据|内容|记录|文章|文件|公开信息|信息公开内容)"
    r"[\]】）)!！。.]*$"
)
# A list page's own text beside its rows (a heading, 共N条 共N页, a breadcrumb): at most this much.
MAX_SINGLE_ITEM_PAGE_TEXT = 80
_EMPTY_HINT_NODES = etree.XPath(
    "//body//text()[string-length(.) <= 40][{}]".format(" or ".join(f"contains(., '{w}')" for w in _EMPTY_HINTS))
)


@dataclass
class _Group:
    parent: etree._Element
    rows: list[etree._Element]
    links: list[list[etree._Element]] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    dated: int = 0
    doclike: int = 0
    score: float = 0.0

    @property
    def signature(self) -> tuple:
        grand = self.parent.getparent()
        return (self.rows[0].tag, self.parent.tag, self.parent.get("class"),
                grand.tag if grand is not None else None)


def is_chrome(el: etree._Element) -> bool:
    """Inside page furniture: nav/header/footer tags or ids/classes that say so, or a 相关… box."""
    for node in [el, *el.iterancestors()]:
        if node.tag in _CHROME_TAGS:
            return True
        ident = f"{node.get('class') or ''} {node.get('id') or ''}"
        if ident.strip() and _CHROME_RE.search(ident):
            return True
    heading = el.getprevious()
    while heading is not None and not isinstance(heading.tag, str):
        heading = heading.getprevious()
    return heading is not None and len(squash(element_text(heading))) <= 12 and bool(
        _ASIDE_HEADING_RE.search(element_text(heading)))


def _groups(root: etree._Element, min_rows: int = 2) -> list[_Group]:
    """Candidate groups: for every link, its nearest row-tag ancestors, grouped by (parent, tag).

    Starting from the links keeps the work proportional to the links on the page, not to its layout.
    """
    row_links: dict[etree._Element, list[etree._Element]] = {}
    for a in root.iter("a"):
        if not usable_href(a.get("href")):
            continue
        node, levels = a.getparent(), 0
        while node is not None and levels < 5:
            if node.tag in _ROW_TAG_SET:
                row_links.setdefault(node, []).append(a)
            node, levels = node.getparent(), levels + 1
    by_parent: dict[tuple[int, str], _Group] = {}
    for row, links in row_links.items():
        parent = row.getparent()
        if parent is None or len(links) > MAX_ROW_LINKS:
            continue
        key = (id(parent), row.tag)
        if key not in by_parent:
            by_parent[key] = _Group(parent, [])
        by_parent[key].rows.append(row)
        by_parent[key].links.append(links)
    return [g for g in by_parent.values() if len(g.rows) >= min_rows or g.rows[0].tag == "tr"]


def _evaluate(group: _Group) -> None:
    for row, links in zip(group.rows, group.links, strict=True):
        item = row_item(row, None, links)
        if item is None:
            continue
        group.items.append(item)
        group.dated += item.date is not None
        group.doclike += is_doc_url(item.url) or len(item.title) >= 12
    n = len(group.items)
    if n:
        avg_title = sum(len(i.title) for i in group.items) / n
        group.score = group.dated * 3 + group.doclike + n + avg_title / 10


def _qualifies(group: _Group) -> bool:
    n = len(group.items)
    if n >= 2 and group.dated >= 2:
        return True
    if n >= 3 and group.doclike >= 0.6 * n:
        return sum(len(i.title) for i in group.items) / n >= 8
    # A single dated document row in a table (a list's last page, or a trimmed copy: realpages #3).
    return n == 1 and group.dated == 1 and group.doclike == 1 and group.rows[0].tag == "tr"


def _relaxed_qualifies(group: _Group) -> bool:
    """On a page known to be a list: rows whose links are documents by their URL."""
    return bool(group.items) and sum(is_doc_url(i.url) for i in group.items) >= max(1, len(group.items) / 2)


def _keep(group: _Group) -> list[ListItem]:
    """Undated rows stay only when the group is clearly a document list."""
    n = len(group.items)
    if group.dated >= n / 2 or group.doclike >= 0.6 * n:
        return list(group.items)
    return [i for i in group.items if i.date is not None]


def _near(a: etree._Element, b: etree._Element, levels: int = 3) -> bool:
    """True when the two parents share an ancestor within `levels` steps of both."""
    ups = [a, *list(a.iterancestors())[:levels]]
    return any(x in ups for x in [b, *list(b.iterancestors())[:levels]])


def find_items(root: etree._Element, base: str, known_list: bool = False) -> list[ListItem]:
    """The main document list of a parsed page (live DOM first, then commented-out markup).

    `known_list`: the caller already knows the page is a list (a TRS pager, a 政务云 list script), so a
    short undated list of document links is accepted too rather than reported as an empty column.
    """
    items = _best_items(root, base)
    if items:
        return items
    for comment in root.iter(etree.Comment):
        markup = comment.text or ""
        if markup.count("<a") >= 2 and "href" in markup:
            try:
                items = _best_items(fragment(markup), base)
            except (etree.ParserError, ValueError):
                continue
            if items:
                return items
    return _best_items(root, base, relaxed=True) if known_list else []


def _best_items(root: etree._Element, base: str, relaxed: bool = False) -> list[ListItem]:
    groups = _groups(root, min_rows=1 if relaxed else 2)
    for group in groups:
        _evaluate(group)
    good = [g for g in groups if (_relaxed_qualifies(g) if relaxed else _qualifies(g))]
    if not good:
        return []
    for group in good:
        if is_chrome(group.parent):
            # Menus and "相关" boxes hold links too; only a clearly dated one may still be the list.
            group.score = group.score * 0.3 if group.dated >= 3 else 0
    good = [g for g in good if g.score > 0]
    if not good:
        return []
    best = max(good, key=lambda g: g.score)
    same = [g for g in good if g is best or (g.signature == best.signature and _near(g.parent, best.parent))]
    same.sort(key=lambda g: g.rows[0].sourceline or 0)
    items, seen = [], set()
    for group in same:
        for item in _keep(group):
            item.url = absolute(base, item.url)
            if item.url not in seen:
                seen.add(item.url)
                items.append(item)
    return items


# -- generic pager -------------------------------------------------------------------------------------

def _page_template(url: str) -> tuple[str, int] | None:
    """(template with `{}` for the page number, number) for `?page=3` or `…_3.html` URLs."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for i, (key, value) in enumerate(query):
        if _PAGE_QUERY_RE.match(key) and value.isdigit():
            marked = [*query[:i], (key, "\x00"), *query[i + 1:]]
            template = urlunsplit((*parts[:3], urlencode(marked, safe="/:,"), "")).replace("%00", "{}")
            return template, int(value)
    m = _PAGE_PATH_RE.match(parts.path)
    if m and not parts.query:
        path = f"{m.group('head')}{{}}{m.group('ext') or ''}"
        return urlunsplit((*parts[:2], path, "", "")), int(m.group("num"))
    return None


def _is_page_link(anchor: str, url: str) -> bool:
    if anchor.lower() in _NEXT_WORDS:
        return True
    return anchor.isdigit() and len(anchor) <= 4 and _page_template(url) is not None


def pager_requests(root: etree._Element, base: str,
                   current: str) -> tuple[list[PageRequest], int | None, int | None]:
    """Further list pages linked by a generic pager, and the totals its text states (共N页, 共N条)."""
    urls: list[str] = []
    pager_text = ""
    for a in root.iter("a"):
        href = a.get("href")
        if not usable_href(href):
            continue
        anchor = squash(element_text(a))
        url = absolute(base, href)
        if url != current and _is_page_link(anchor, url):
            urls.append(url)
            if anchor.lower() in _NEXT_WORDS and a.getparent() is not None:
                pager_text = pager_text or element_text(a.getparent())
    urls = _fill_runs(urls)
    pages = _first_int(_TOTAL_PAGES_RE, pager_text)
    records = _first_int(_TOTAL_RECORDS_RE, pager_text)
    requests = [PageRequest(url=u, note="pager") for u in dict.fromkeys(urls) if u != current]
    return requests, pages, records


def _fill_runs(urls: list[str]) -> list[str]:
    """Add the pages between the lowest and highest numbered page seen with the same URL template."""
    numbers: dict[str, set[int]] = {}
    for url in urls:
        parsed = _page_template(url)
        if parsed:
            numbers.setdefault(parsed[0], set()).add(parsed[1])
    filled = list(urls)
    for template, seen in numbers.items():
        low, high = min(seen), max(seen)
        if 1 < high - low + 1 <= MAX_GENERATED_PAGES:
            filled.extend(template.format(n) for n in range(low, high + 1))
    return filled


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text or "")
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


def single_item(root: etree._Element, base: str) -> list[ListItem]:
    """The one document row of a page known to be a list, or [] (module doc)."""
    found: dict[str, tuple[ListItem, etree._Element]] = {}
    for group in _groups(root, min_rows=1):
        if len(group.rows) != 1 or is_chrome(group.parent):
            continue
        _evaluate(group)
        item = group.items[0] if len(group.items) == 1 else None
        if item is None or item.date is None or not (is_doc_url(item.url) or len(item.title) >= 8):
            continue
        row = group.rows[0]
        if item.url not in found or found[item.url][1] in row.iterancestors():
            found[item.url] = (item, row)  # the innermost row holding it: the text around it is the page's
    if len(found) != 1:
        return []
    item, row = next(iter(found.values()))
    body = root.find("body")
    if _own_text_length(root if body is None else body, row) > MAX_SINGLE_ITEM_PAGE_TEXT:
        return []
    item.url = absolute(base, item.url)
    return [item]


def _own_text_length(el: etree._Element, skip: etree._Element) -> int:
    """Visible characters outside links, page furniture and `skip` (whitespace not counted)."""
    tail = len(squash(el.tail or ""))
    if not isinstance(el.tag, str) or el is skip or el.tag == "a" or _is_furniture(el):
        return tail
    return len(squash(el.text or "")) + sum(_own_text_length(child, skip) for child in el) + tail


def _is_furniture(el: etree._Element) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    ident = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(ident.strip()) and bool(_CHROME_RE.search(ident))


def shows_empty_list(root: etree._Element, text: str) -> bool:
    """True when the page's content says its list is empty ("暂无信息" in an element of its own)."""
    if not any(word in text for word in _EMPTY_HINTS):
        return False
    for node in _EMPTY_HINT_NODES(root):
        if _EMPTY_LIST_RE.match(squash(node)):
            parent = node.getparent()
            if parent is not None and not is_chrome(parent):
                return True
    return False


class HtmlListAdapter:
    """Generic fallback for any page whose list is plain HTML."""

    name = "html"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if is_document_page(url):
            return None  # a document's "相关文件" or sidebar box is not a column list
        base = base_url(sel, url)
        items = find_items(sel.root, base)
        if not items:
            return None  # script data, a feed, a browser or "暂无信息" may still say more (empty.py)
        more, pages, records = pager_requests(sel.root, base, url)
        return ListResult(scheme=self.name, items=items, more_pages=more, total_pages=pages,
                          total_records=records)
