"""The readable text of a document page, paragraph by paragraph, for comparing two snapshots of it.

Government pages are often malformed (unclosed tables, stray `</div>`s, markup pasted from Word);
BeautifulSoup on lxml repairs them the way a browser would show them, and `get_text` with a separator
keeps paragraph boundaries, which a diff needs for its context. Only the main content counts: a page
whose 访问量 counter, date of today or navigation changed has not changed as a document.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from crawler.parse.page import MAIN_CONTAINERS
from crawler.parse.text import HIDDEN_TAGS, collapse

CHROME_TAGS = ("nav", "header", "footer", "aside")


def document_text(html: str) -> str:
    """The main content's text: one line per paragraph, whitespace collapsed, blank lines dropped."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(list(HIDDEN_TAGS)):
        tag.decompose()
    container = _main_container(soup)
    if container is None:
        container = soup.body or soup
        for tag in container(list(CHROME_TAGS)):
            tag.decompose()
    lines = (collapse(line) for line in container.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def _main_container(soup: BeautifulSoup):
    """The first content container of the kinds the parser knows (TRS_Editor, UCAP-CONTENT, zoom …)."""
    for attr, name in MAIN_CONTAINERS:
        found = soup.find(class_=name) if attr == "class" else soup.find(id=name)
        if found is not None:
            return found
    return None
