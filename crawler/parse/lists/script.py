"""Lists a script fills from data we cannot read: the page needs a browser (`needs_render`).

The last resort before "this page has no list": the page's content area holds an empty list container
that a script fills — a `<ul id="list">` (or `<tbody>`, `<div class="news-list">` …) whose id or class an
inline script names while it fetches data (`$.ajax`, `$.get`, `$.getJSON`, `fetch`, `XMLHttpRequest`,
`.load(`), or a template-engine list (`{{…}}`, `ms-repeat`/`ms-for` (avalon), `v-for`, `ng-repeat`)
with no rows yet. When no adapter could read the data itself (a jpaas `articleList`, a TRS `.json` feed,
an inline data array, a Hanweb datastore …), only a browser shows the list, so the result is
`ListResult(scheme="script", items=[], needs_render=True)`: the spider renders the page, or records the
column as `not_rendered` (partial coverage) — never as a blank column (cms-patterns.md §10.2).

A genuinely empty list ("暂无信息" and no script touching its container) is not this: it is an empty
list (crawler/parse/lists/empty.py).
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from crawler.parse.lists._common import is_document_page, usable_href
from crawler.parse.lists._script import fetching_scripts
from crawler.parse.lists.html import is_chrome
from crawler.parse.text import element_text, squash
from crawler.parse.types import ListResult

CONTAINER_TAGS = ("ul", "ol", "tbody", "table", "dl", "div", "section")
_LIST_TAGS = frozenset({"ul", "ol", "tbody", "table", "dl"})
MAX_PLACEHOLDER_TEXT = 30  # "加载中…", "数据加载中，请稍候": what an unfilled container may show
_TEMPLATE_ATTR_RE = re.compile(r"^(ms-repeat|ms-for|ms-each|v-for|ng-repeat|x-for|th:each|data-v-for)", re.I)
_TEMPLATE_TEXT_RE = re.compile(r"\{\{.{1,80}?\}\}", re.S)
_LISTISH_RE = re.compile(r"list|news|article|items?\b|data|xxgk|gkml|docs?\b|result|wenjian|zcwj|record", re.I)
_WIDGET_RE = re.compile(r"page|pager|pagination|select|menu|tab(?!le)|tag|nav|mask|dialog|popup|layer|modal|"
                        r"time|date|search|share|qrcode|weather|count|banner|slide|swiper|lbt|tips?\b|login|"
                        r"user|tankuang|alert", re.I)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ROWS_RE = re.compile(r"""['"]\s*<(li|tr|dd|dl)\b|createElement\(\s*['"](li|tr)['"]""", re.I)
_GENERIC_CLASSES = frozenset({"clearfix", "clear", "fl", "fr", "left", "right", "w", "row", "container", "wrap",
                              "box", "main", "content", "hide", "hidden", "active", "on", "cur"})


def _listlike(el: etree._Element, scripts: list[str]) -> bool:
    """Named like a list (`newsList`, `xxgk_list`, `dataBox` …) or filled with rows by the script,
    and not a pager, menu, dialog or other widget that scripts also fill."""
    ident = f"{el.get('id') or ''} {el.get('class') or ''}"
    if _WIDGET_RE.search(ident) or _HIDDEN_RE.search(el.get("style") or ""):
        return False
    if _LISTISH_RE.search(ident):
        return True
    return el.tag in _LIST_TAGS and any(_ROWS_RE.search(script) for script in scripts)


def _empty(el: etree._Element) -> bool:
    """No document link and (almost) no text: a list container nothing has filled yet."""
    if any(usable_href(a.get("href")) for a in el.iter("a")):
        return False
    return len(squash(element_text(el))) <= MAX_PLACEHOLDER_TEXT


def _named_in(script: str, el: etree._Element) -> bool:
    """The script addresses the element: `#id`, `getElementById('id')`, `'.class'` selectors."""
    ident = (el.get("id") or "").strip()
    if ident and re.search(r"""[#'"]""" + re.escape(ident) + r"""(?![\w-])""", script):
        return True
    for cls in (el.get("class") or "").split():
        if len(cls) >= 3 and cls.lower() not in _GENERIC_CLASSES \
                and re.search(r"""['"][^'"]*\.""" + re.escape(cls) + r"""(?![\w-])""", script):
            return True
    return False


def script_filled_container(root: etree._Element, text: str) -> bool:
    """True when an empty list container in the content is filled by an inline data-loading script."""
    scripts = fetching_scripts(text)
    if not scripts:
        return False
    for el in root.iter(*CONTAINER_TAGS):
        if not (el.get("id") or el.get("class")) or not _empty(el) or is_chrome(el) \
                or not _listlike(el, scripts):
            continue
        if any(_named_in(script, el) for script in scripts):
            return True
    return False


def template_list(root: etree._Element, text: str) -> bool:
    """True when the content holds a template-engine list with no rows rendered yet."""
    if "{{" not in text and not re.search(r"ms-(repeat|for|each)|v-for|ng-repeat|x-for|th:each", text):
        return False
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str):
            continue
        templated = any(_TEMPLATE_ATTR_RE.match(name) for name in el.attrib)
        if not templated and el.text and _TEMPLATE_TEXT_RE.search(el.text):
            templated = True
        if templated and not is_chrome(el) and not any(usable_href(a.get("href")) for a in el.iter("a")):
            return True
    return False


def needs_browser(root: etree._Element, text: str) -> bool:
    return script_filled_container(root, text) or template_list(root, text)


class ScriptListAdapter:
    """Pages whose list only a browser can show (see module doc)."""

    name = "script"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if "<script" not in text.lower() or is_document_page(url):
            return None
        if needs_browser(sel.root, text):
            return ListResult(scheme=self.name, needs_render=True)
        return None
