"""Displayed text of lxml elements, and the two whitespace normalisations every parser needs.

Government pages pad labels with `&nbsp;`, `&ensp;` and ideographic spaces, and keep old markup in
HTML comments and dead scripts. What a reader sees is the element text without comments, scripts and
styles; `squash` (no whitespace at all) compares labels, `collapse` (single spaces) keeps values.
"""

from __future__ import annotations

import re

from lxml import etree

HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPACE_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")


def squash(text: str | None) -> str:
    """Text with every kind of whitespace removed (for comparing labels)."""
    return _SPACE_RE.sub("", text or "")


def collapse(text: str | None) -> str:
    """Text with whitespace runs collapsed to one space and trimmed (for values and titles)."""
    return _SPACE_RE.sub(" ", text or "").strip()


def element_text(el: etree._Element, skip: etree._Element | None = None) -> str:
    """Displayed text of an element: comments, script/style content (and `skip`'s subtree) left out."""
    if el.tag in HIDDEN_TAGS or el is skip:
        return ""
    if len(el) == 0 or next(el.iter(*HIDDEN_TAGS), None) is None:
        # Fast path (lxml's itertext already leaves comments out).
        text = "".join(el.itertext())
        if skip is not None:
            text = text.replace("".join(skip.itertext()), " ", 1)
        return text
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            parts.append(element_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)
