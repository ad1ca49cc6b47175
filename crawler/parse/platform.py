"""CMS fingerprints (cms-patterns.md §0): which platform built a page.

The list strategy depends on it (Hanweb datastore, jpaas JSON, TRS pager, Fujian 政务云 search API), and
reports group sites by vendor. Markers are weighted; one weak marker (a `t20240101_1.html` URL) does not
outvote a strong one (`UCAP-CONTENT`). The 政府网站找错 script (`pucha.kaipuyun.cn/exposure/jiucuo.js`) is on
almost every site whatever its CMS, so it is not a Kaipuyun marker.
"""

from __future__ import annotations

import re

# (platform, weight, pattern searched in the page text)
_TEXT_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("jpaas", 3, re.compile(r"loadPageData\s*\(|articleList\s*:\s*\[|jpaas", re.I)),
    ("jpaas", 2, re.compile(r"text/x-handlebars-template|commonfiles/jquery\.jpage\.js|/content/content_\d{15,}")),
    ("fjdz", 3, re.compile(r"ms-controller=\"windowRoot\"|list2\.trsapi|/fjdzapp/")),
    ("fjdz", 2, re.compile(r"trt-iconfont|trt-col-")),
    ("gkmlpt", 3, re.compile(r"/gkmlpt/")),
    ("hanweb", 3, re.compile(r"大汉版通|大汉网络|hanweb\.com|<datastore>|/module/web/jpage/|/jcms_files/", re.I)),
    ("hanweb", 2, re.compile(r"/module/jslib/|/module/jpage/|/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+")),
    ("kaipuyun", 3, re.compile(r"UCAP-CONTENT|/guestweb4/")),
    ("kaipuyun", 2, re.compile(r"class=[\"'][^\"']*\bUCAP_|/ucap/")),
    ("trs", 3, re.compile(r"TRS_Editor|TRS_UEDITOR|_trs_ta_js|/was5/web/search|trs_paper_default", re.I)),
    ("trs", 2, re.compile(r"createPageHTML\s*\(|CurrChnlCls|var\s+countPage\s*=")),
)
_URL_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("gkmlpt", 3, re.compile(r"/gkmlpt/")),
    ("fjdz", 3, re.compile(r"/fjdzapp/")),
    ("jpaas", 2, re.compile(r"/col/col\d+/content/content_\d{15,}")),
    ("hanweb", 2, re.compile(r"/col/col\d+/index\.html|/art/\d{4}/\d{1,2}/\d{1,2}/art_")),
    ("trs", 1, re.compile(r"/t\d{8}_\d+\.s?html?")),
)
# Tie-break: the more specific platform first (jpaas and Fujian trt also carry TRS/Hanweb traces;
# Kaipuyun sites use a TRS-style pager).
_PRIORITY = ("jpaas", "fjdz", "gkmlpt", "hanweb", "kaipuyun", "trs")


def platform_scores(text: str, url: str = "") -> dict[str, int]:
    """Each platform's marker weight found in the page and its URL."""
    scores: dict[str, int] = {}
    for name, weight, pattern in _TEXT_MARKERS:
        if pattern.search(text):
            scores[name] = scores.get(name, 0) + weight
    for name, weight, pattern in _URL_MARKERS:
        if url and pattern.search(url):
            scores[name] = scores.get(name, 0) + weight
    return scores


def detect_platform(text: str, url: str) -> str | None:
    """`hanweb`, `jpaas`, `trs`, `fjdz`, `kaipuyun`, `gkmlpt`, or None when no marker is found."""
    scores = platform_scores(text or "", url or "")
    if not scores:
        return None
    best = max(scores.values())
    return next(name for name in _PRIORITY if scores.get(name) == best)
