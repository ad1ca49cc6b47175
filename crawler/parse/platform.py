"""CMS fingerprints (cms-patterns.md §0): which platform built a page.

The list strategy depends on it (Hanweb datastore, jpaas JSON, TRS pager, Fujian 政务云 search API), and
reports group sites by vendor. Markers are weighted; one weak marker (a `t20240101_1.html` URL) does not
outvote a strong one (`UCAP-CONTENT`). Platforms built on another vendor's engine (jpaas on Hanweb,
Fujian 政务云 "trt" templates on TRS) win whenever one of their strong markers is present. The
政府网站找错 script (`pucha.kaipuyun.cn/exposure/jiucuo.js`) is on almost every site whatever its CMS, so
it is not a Kaipuyun marker. Markers are plain substrings (fast on 400 KB pages); only URL shapes use
regular expressions.
"""

from __future__ import annotations

import re

# (platform, weight, substrings: any one of them scores the weight)
_TEXT_MARKERS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("jpaas", 3, ("loadPageData(", "articleList:", "articleList :", "jpaas")),
    ("jpaas", 2, ("text/x-handlebars-template", "commonfiles/jquery.jpage.js")),
    ("fjdz", 3, ('ms-controller="windowRoot"', "list2.trsapi", "/fjdzapp/")),
    ("fjdz", 2, ("trt-iconfont", "trt-col-")),
    ("gkmlpt", 3, ("/gkmlpt/",)),
    ("hanweb", 3, ("大汉版通", "大汉网络", "hanweb.com", "<datastore>", "/module/web/jpage/",
                   "/jcms_files/")),
    ("hanweb", 2, ("/module/jslib/", "/module/jpage/")),
    ("kaipuyun", 3, ("UCAP-CONTENT", "/guestweb4/")),
    ("kaipuyun", 2, ('class="UCAP_', "class='UCAP_", "/ucap/")),
    ("trs", 3, ("TRS_Editor", "TRS_UEDITOR", "_trs_ta_js", "/was5/web/search", "trs_paper_default")),
    ("trs", 2, ("createPageHTML(", "CurrChnlCls", "var countPage")),
)
_URL_MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("gkmlpt", 3, re.compile(r"/gkmlpt/")),
    ("fjdz", 3, re.compile(r"/fjdzapp/")),
    ("jpaas", 2, re.compile(r"/col/col\d+/content/content_\d{15,}")),
    ("hanweb", 2, re.compile(r"/col/col\d+/index\.html|/art/\d{4}/\d{1,2}/\d{1,2}/art_")),
    ("trs", 1, re.compile(r"/t\d{8}_\d+\.s?html?")),
)
# Platforms on another vendor's engine: their strong markers decide (in this order).
_OVERRIDING = ("jpaas", "fjdz", "gkmlpt")
STRONG = 3
# Tie-break among the rest: Kaipuyun sites use a TRS-style pager, so Kaipuyun first.
_PRIORITY = ("hanweb", "kaipuyun", "trs")


def platform_scores(text: str, url: str = "") -> dict[str, int]:
    """Each platform's marker weight found in the page and its URL."""
    scores: dict[str, int] = {}
    for name, weight, needles in _TEXT_MARKERS:
        if any(needle in text for needle in needles):
            scores[name] = scores.get(name, 0) + weight
    for name, weight, pattern in _URL_MARKERS:
        if url and pattern.search(url):
            scores[name] = scores.get(name, 0) + weight
    return scores


def detect_platform(text: str, url: str) -> str | None:
    """`hanweb`, `jpaas`, `trs`, `fjdz`, `kaipuyun`, `gkmlpt`, or None when no marker is found."""
    scores = platform_scores(text or "", url or "")
    for name in _OVERRIDING:
        if scores.get(name, 0) >= STRONG:
            return name
    rest = {name: scores[name] for name in _PRIORITY if name in scores}
    if not rest:
        return next((name for name in _OVERRIDING if name in scores), None)
    best = max(rest.values())
    return next(name for name in _PRIORITY if rest.get(name) == best)
