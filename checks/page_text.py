"""What a reader sees on a stored page, for the checks that read page content (年报, 指南, 首页).

Not a check. The crawl keeps each body; these helpers turn the HTML back into displayed text, leaving
out scripts, styles and HTML comments (dead markup a reader never sees), and optionally the text of
links: navigation menus and footers are mostly links, so "text outside links" is a cheap stand-in for
a page's own content (a nav entry "收费项目" is not a guide's 收费 terms).
"""

from __future__ import annotations

from lxml import etree
from parsel import Selector

from crawler.parse.text import HIDDEN_TAGS, collapse, squash

__all__ = ["collapse", "content_text", "node_text", "selector", "squash"]

_SKIP_ALWAYS = HIDDEN_TAGS | {"select", "option", "textarea", "button"}


def selector(html: str) -> Selector:
    """A parsel Selector for a page (parsel copes with XML declarations inside str input)."""
    return Selector(text=html or "<html></html>")


def node_text(el: etree._Element, skip_links: bool = False) -> str:
    """Displayed text of an element; with `skip_links`, the text inside <a> elements is left out."""
    parts: list[str] = []
    _walk(el, parts, skip_links)
    return "".join(parts)


def _walk(el: etree._Element, parts: list[str], skip_links: bool) -> None:
    if not isinstance(el.tag, str) or el.tag in _SKIP_ALWAYS or (skip_links and el.tag == "a"):
        return
    parts.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, parts, skip_links)
            if child.tag in ("p", "div", "li", "tr", "td", "br", "h1", "h2", "h3", "h4", "dd", "dt"):
                parts.append(" ")
        parts.append(child.tail or "")


def content_text(html: str) -> str:
    """The page's body text outside links, whitespace collapsed."""
    sel = selector(html)
    body = sel.xpath("//body")
    root = body[0].root if body else sel.root
    return collapse(node_text(root, skip_links=True))
