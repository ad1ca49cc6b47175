"""Column boxes: the columns a page shows as a heading, a 更多 link and a dated list of newest articles.

Homepages show their columns this way (要闻动态, 通知公告, 乡镇动态 …), and so do platform landing pages
and sidebars (realpages #9, the Hubei SAMR homepage; #2, the Handan platform landing). Each box is a
column the 国办 rules judge, so `find_boxes` returns its name, the column's own page and the articles
it shows. Real markup takes a few shapes:

- a single box: a heading (`h1`–`h6`, or a short title block that often holds the 更多 link), then the
  list; or the heading as the list's own first child (`<ul><h3>抽检公告</h3><li>…`);
- a tab group: a row of headings (links, or `li`/`span` labels a script switches), then one list per
  tab, either side by side or each in a pane of its own with its own 更多. The i-th list belongs to the
  i-th heading. Where the number of lists differs from the number of headings (a script fills the
  others), a list is never matched by guess: the group gives nothing, except a single list, which is
  the tab marked current (else the first).

The column's page is the box's 更多 link, else its heading's link; a box with neither names no column.
A list is rows (`li`, `tr`, `dd`, `p`, `div`) of one article link each, at least half of them showing a
date (a month and day without the year counts: homepages print `[06-03]`): a box of undated links is a
menu. Lists are matched innermost first, so a row never counts twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from crawler.parse.dates import parse_date
from crawler.parse.lists._common import absolute, row_item, usable_href
from crawler.parse.text import HIDDEN_TAGS, collapse, element_text, squash
from crawler.parse.types import ColumnBox, ListItem

LIST_TAGS = ("ul", "ol", "table", "tbody", "div", "dl")
ROW_TAGS = frozenset({"li", "tr", "dd", "dl", "p", "div"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MAX_LABEL = 15  # characters of a column name; longer texts are article titles
MAX_HEADING_TEXT = 80
MAX_HEADING_LINKS = 10
MAX_CLIMB = 4  # levels between a list and its heading (list → pane → panes → box)
_MORE_WORDS = frozenset({"更多", "查看更多", "更多信息", "更多内容", "更多新闻", "more", "更多more", "+", "＋"})
_MORE_STRIP_RE = re.compile(r"[>»›〉》<«‹.…\[\]【】()（）:：\-—_|/]+")
_CURRENT_RE = re.compile(r"(?:^|[\s_-])(current|cur|on|active|selected|sel|hover|now)(?:$|[\s_-])", re.I)
_MONTH_DAY_RE = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2])(?:[-/.]|月)(?:0?[1-9]|[12]\d|3[01])日?(?!\d)")
# Labels that name no column: the way home, and the breadcrumb's own words.
_NOT_A_COLUMN = frozenset({"首页", "网站首页", "返回首页", "当前位置", "您现在的位置", "您的位置", "位置"})
_BREADCRUMB_RE = re.compile(r"crumb|position|location|dqwz|weizhi|currchnl", re.I)
_LABEL_STRIP_RE = re.compile(r"[\s\u3000>»›<«‹·•|:：\[\]【】]+")


@dataclass
class _Label:
    text: str
    url: str | None
    current: bool


@dataclass
class _Placement:
    """Where a list sits under its heading: which of how many panes, and the pane element."""

    heading: etree._Element
    pane: etree._Element
    index: int = 0
    count: int = 1


def find_boxes(root: etree._Element, base: str) -> list[ColumnBox]:
    """Every column box on the page (see module doc), in document order."""
    boxes: list[ColumnBox] = []
    seen: set[tuple[str, str]] = set()
    for element, items in _dated_lists(root, base):
        placement = _placement(element)
        if placement is None:
            continue
        box = _box(placement, items, base)
        if box is not None and (box.name, box.url) not in seen:
            seen.add((box.name, box.url))
            boxes.append(box)
    return boxes


# -- lists ---------------------------------------------------------------------------------------------

def _dated_lists(root: etree._Element, base: str) -> list[tuple[etree._Element, list[ListItem]]]:
    """Elements whose rows are article links, at least half dated: innermost first, then in page order."""
    candidates = [el for el in root.iter(*LIST_TAGS) if any(
        isinstance(child.tag, str) and child.tag in ROW_TAGS for child in el)]
    depth = {id(el): sum(1 for _ in el.iterancestors()) for el in candidates}
    order = {id(el): n for n, el in enumerate(candidates)}
    used: set[etree._Element] = set()
    found = []
    for el in sorted(candidates, key=lambda e: -depth[id(e)]):
        rows = _rows(el, base, used)
        dated = sum(1 for _, _, shows_date in rows if shows_date)
        if dated and 2 * dated >= len(rows):
            used.update(a for _, links, _ in rows for a in links)
            found.append((el, [item for item, _, _ in rows]))
    found.sort(key=lambda pair: order[id(pair[0])])
    return found


def _rows(el: etree._Element, base: str, used: set[etree._Element]) -> list[tuple[ListItem, list, bool]]:
    """The list's article rows: (item, its links, whether the row shows a date)."""
    rows = []
    for child in el:
        if not isinstance(child.tag, str) or child.tag not in ROW_TAGS:
            continue
        links = [a for a in child.iter("a") if usable_href(a.get("href"))]
        if not links or len(links) > 4 or any(a in used for a in links) or any(_is_more(a) for a in links):
            continue
        item = row_item(child, base, links)
        if item is not None:
            rows.append((item, links, item.date is not None or _shows_month_day(child, item.title)))
    return rows


def _shows_month_day(row: etree._Element, title: str) -> bool:
    """A row dated without its year (`[06-03]`, the homepage habit): a dated row whose year the list does
    not tell. The item stays undated here; its document's own date counts (checks/base.py item_date)."""
    return bool(_MONTH_DAY_RE.search(squash(element_text(row)).replace(squash(title), "", 1)))


# -- headings ------------------------------------------------------------------------------------------

def _placement(lst: etree._Element) -> _Placement | None:
    """The heading a list sits under, and which pane of a tab group it is, or None when it has none."""
    first = _first_element(lst)
    if first is not None and first.tag in HEADING_TAGS and _is_heading(first):
        return _Placement(first, lst)
    node = lst
    pane: tuple[etree._Element, int, int] | None = None
    for _ in range(MAX_CLIMB):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        siblings = [c for c in parent if isinstance(c.tag, str) and c.tag not in HIDDEN_TAGS]
        at = siblings.index(node)
        before = at - 1
        while before >= 0 and (siblings[before].tag == node.tag or _is_blank(siblings[before])):
            before -= 1
        same = [s for s in siblings if s.tag == node.tag]
        if pane is None and len(same) > 1:
            pane = (node, same.index(node), len(same))
        if before >= 0:
            if not _is_heading(siblings[before]):
                return None  # something else leads this list: an image block, another box
            element, index, count = pane or (lst, 0, 1)
            return _Placement(siblings[before], element, index, count)
        node = parent
    return None


def _first_element(el: etree._Element) -> etree._Element | None:
    return next((c for c in el if isinstance(c.tag, str) and c.tag not in HIDDEN_TAGS), None)


def _is_blank(el: etree._Element) -> bool:
    """No text and no link: a picture, a divider, an empty container a script fills."""
    return not squash(element_text(el)) and next(el.iter("a"), None) is None


def _is_heading(el: etree._Element) -> bool:
    """A short, undated block of labels: a title or a row of tabs."""
    text = squash(element_text(el))
    if not text or len(text) > MAX_HEADING_TEXT or parse_date(text):
        return False
    return sum(1 for _ in el.iter("a")) <= MAX_HEADING_LINKS


def _labels(heading: etree._Element, base: str) -> list[_Label]:
    """The column names a heading shows: its links (更多 aside), else its text labels (tabs), else its text."""
    linked = [a for a in heading.iter("a") if not _is_more(a)]
    labels = [_Label(_label_text(a), _href(a, base), _is_current(a)) for a in linked]
    labels = [label for label in labels if label.text and label.text not in _NOT_A_COLUMN]
    if labels and _is_breadcrumb(heading):
        return labels[-1:]  # 首页 > 政府文件 > 近期信息公开: the last is the column shown
    if labels:
        return labels
    parts = [child for child in heading.iter("li", "span", "div", "h2", "h3", "h4", "b", "strong")
             if child is not heading and _label_text(child) and not any(
                 isinstance(c.tag, str) and _label_text(c) for c in child)]
    if len(parts) > 1:
        return [_Label(_label_text(p), None, _is_current(p)) for p in parts]
    text = _label_text(heading, skip_more=True)
    return [_Label(text, None, True)] if text else []


def _is_breadcrumb(heading: etree._Element) -> bool:
    """A heading that is the page's breadcrumb (当前位置：首页 > 政府文件 > 近期信息公开)."""
    marks = " ".join(f"{el.get('class') or ''} {el.get('id') or ''}" for el in heading.iter()
                     if isinstance(el.tag, str))
    text = squash(element_text(heading))
    return bool(_BREADCRUMB_RE.search(marks)) or "位置" in text or "->" in text or "»" in text


def _label_text(el: etree._Element, skip_more: bool = False) -> str:
    skip = next((a for a in el.iter("a") if _is_more(a)), None) if skip_more else None
    text = _LABEL_STRIP_RE.sub("", collapse(element_text(el, skip)))
    return text if 0 < len(text) <= MAX_LABEL and not parse_date(text) else ""


def _is_current(el: etree._Element) -> bool:
    return any(_CURRENT_RE.search(node.get("class") or "") for node in (el, el.getparent()) if node is not None)


def _href(a: etree._Element, base: str) -> str | None:
    href = a.get("href")
    return absolute(base, href) if usable_href(href) else None


# -- 更多 links and the box ------------------------------------------------------------------------------

def _is_more(a: etree._Element) -> bool:
    """A 更多 / more / >> link (or an image or class that says so)."""
    raw = squash(element_text(a))
    word = _MORE_STRIP_RE.sub("", raw).lower()
    if word in _MORE_WORDS:
        return True
    marks = " ".join(filter(None, (a.get("class"), a.get("id"), a.get("title"))))
    if not word:
        img = next(a.iter("img"), None)
        if img is not None:
            marks += " " + " ".join(filter(None, (img.get("alt"), img.get("src"))))
        if raw:  # only arrows: `>>`
            return True
    return "more" in marks.lower() or "更多" in marks


def _more_link(scope: etree._Element, base: str) -> str | None:
    return next((url for a in scope.iter("a") if _is_more(a) and (url := _href(a, base))), None)


def _following_more(lst: etree._Element, stop: etree._Element, base: str) -> str | None:
    """A 更多 link right after the list (`<ul>…</ul><div class="more"><a>…`), up to the box."""
    node = lst
    while node is not None and node is not stop:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag == lst.tag:
                break  # the next pane's list: its 更多 is its own
            url = _more_link(sibling, base) if isinstance(sibling.tag, str) else None
            if url:
                return url
        node = node.getparent()
    return None


def _box(place: _Placement, items: list[ListItem], base: str) -> ColumnBox | None:
    labels = _labels(place.heading, base)
    if not labels:
        return None
    if place.count > 1:
        if len(labels) != place.count:
            return None  # more lists than headings or fewer: no guessing which is which
        label = labels[place.index]
        own_more = _more_link(place.pane, base)
        shared = _more_link(place.heading, base) if _is_shown(labels, place.index) else None
        url = own_more or label.url or shared
    else:
        label = labels[0] if len(labels) == 1 else next((la for la in labels if la.current), labels[0])
        url = (_more_link(place.pane, base) or _more_link(place.heading, base)
               or _following_more(place.pane, place.heading.getparent(), base) or label.url)
    if not url:
        return None
    return ColumnBox(name=label.text, url=url, items=items)


def _is_shown(labels: list[_Label], index: int) -> bool:
    """The tab a shared 更多 link belongs to: the one marked current, else the first."""
    marked = [n for n, label in enumerate(labels) if label.current]
    return index == (marked[0] if marked else 0)
