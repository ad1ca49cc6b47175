"""Soft 404s: a missing page that does not answer 404.

Government sites hide dead links in four ways (contract `reason` vocabulary): an error template served
with 200 (`soft_404`), a redirect to the homepage (`redirect_home`), a redirect to a parent directory
(`redirect_parent`), or a page that meta-refreshes to either (`meta_refresh`; Fujian 政务云 does this for
deleted documents). Normal URL housekeeping is not a soft 404: `/a` → `/a/`, `/a/` → `/a/index.html`,
http → https, or a host adding `www.`.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

# Phrases of error templates. Strong ones are enough in a short page; any of them in the title is.
ERROR_PHRASES = (
    "页面不存在", "网页不存在", "页面找不到", "找不到页面", "找不到网页", "无法找到", "访问的页面不存在",
    "您访问的页面不存在", "页面已删除", "页面已被删除", "信息已删除", "信息已被删除", "文章不存在",
    "内容不存在", "信息不存在", "文档不存在", "已删除或不存在", "不存在或已被删除", "不存在或已删除",
    "错误页面", "页面错误", "出错了", "页面走丢", "页面丢失", "迷路了", "not found", "page not found",
)
MAX_ERROR_PAGE_TEXT = 600  # an error template says little besides its message and the site chrome

_ERROR_RE = re.compile("|".join(re.escape(p) for p in ERROR_PHRASES), re.I)
# A bare 404, not an issue or document number (第404期, 〔2024〕404号).
_TITLE_404_RE = re.compile(r"(?<![\d第〕\]）)])404(?![\d期号次条届])")
_INDEX_FILE_RE = re.compile(r"/(index|default|main)\.(s?html?|jsp|php|aspx?)$", re.I)
_STRIP_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _path(url: str) -> str:
    """The URL's path with index files and the trailing slash folded away: `/a/index.html` → `/a`."""
    path = urlsplit(url).path or "/"
    path = _INDEX_FILE_RE.sub("/", path)
    return path.rstrip("/") or "/"


def _query(url: str) -> str:
    return urlsplit(url).query


def same_page(a: str, b: str) -> bool:
    """Same host (www. and scheme ignored), same path (index file and trailing slash ignored), same query."""
    return _host(a) == _host(b) and _path(a) == _path(b) and _query(a) == _query(b)


def is_homepage(url: str, homepage_url: str | None, requested_url: str | None = None) -> bool:
    """The site root (or its index page) on the homepage's host or the requested URL's host."""
    if _path(url) != "/" or _query(url):
        return False
    hosts = {_host(u) for u in (homepage_url, requested_url) if u}
    return not hosts or _host(url) in hosts


def is_parent(candidate: str, requested: str) -> bool:
    """True when `candidate` is a proper ancestor directory of `requested` on the same host."""
    if _host(candidate) != _host(requested) or _query(candidate):
        return False
    parent, child = _path(candidate), _path(requested)
    if parent == child:
        return False
    if parent == "/":
        return child != "/"
    return child.startswith(parent + "/") or posixpath.dirname(child) == parent


def _redirect_reason(requested: str, target: str, homepage_url: str | None) -> str | None:
    if same_page(requested, target):
        return None
    if is_homepage(target, homepage_url, requested) and not is_homepage(requested, homepage_url, requested):
        return "redirect_home"
    if is_parent(target, requested):
        return "redirect_parent"
    return None


def _visible_text(text: str) -> str:
    return _WS_RE.sub(" ", _TAG_RE.sub(" ", _STRIP_RE.sub(" ", text))).strip()


def is_error_template(title: str, text: str) -> bool:
    """An error page: the title says so, or a short page carries an error phrase."""
    title = (title or "").strip()
    if _ERROR_RE.search(title):
        return True
    if _TITLE_404_RE.search(title) and len(title) <= 30:
        return True
    visible = _visible_text(text or "") if len(text or "") < 200_000 else ""
    return bool(visible) and len(visible) <= MAX_ERROR_PAGE_TEXT and bool(
        _ERROR_RE.search(visible) or _TITLE_404_RE.search(visible))


def soft_404_reason(requested_url: str, final_url: str, status: int, text: str, title: str,
                    homepage_url: str | None, meta_refresh: str | None) -> str | None:
    """`soft_404`, `redirect_home`, `redirect_parent`, `meta_refresh`, or None for a real page.

    `text` is the decoded response body (HTML); `meta_refresh` the absolute refresh target, if any.
    Only successful answers are judged: an HTTP error is already a broken link by its status.
    """
    if not 200 <= status < 300:
        return None
    if final_url and requested_url:
        reason = _redirect_reason(requested_url, final_url, homepage_url)
        if reason:
            return reason
    if meta_refresh and _redirect_reason(final_url or requested_url, meta_refresh, homepage_url):
        return "meta_refresh"
    if is_error_template(title, text):
        return "soft_404"
    return None


# Magic bytes of the files an attachment or image link names (PDF may start a little after byte 0).
FILE_MAGIC = (
    b"PK\x03\x04", b"PK\x05\x06",  # ZIP: docx/xlsx/pptx, OFD, zip
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE: doc/xls/ppt, WPS
    b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b",  # rar, 7z, gzip
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*",  # images
    b"\x00\x00\x01\x00", b"{\\rtf", b"%!PS",  # ico, rtf, postscript
)
_HTML_HEAD_RE = re.compile(rb"<!doctype\s+html|<html|<head|<body|<title|<meta|<script|<div|<a\s", re.I)


def is_file_body(head: bytes) -> bool:
    """True when these first bytes are a binary file's (PDF, Office, ZIP, archive, image …)."""
    if b"%PDF-" in head[:1024]:
        return True
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"AVI ", b"WAVE"):
        return True
    return head.startswith(FILE_MAGIC)


def binary_soft_404(head: bytes) -> bool:
    """An attachment or image URL whose body begins as an HTML page (an error page, the homepage)."""
    return not is_file_body(head) and bool(_HTML_HEAD_RE.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]))
