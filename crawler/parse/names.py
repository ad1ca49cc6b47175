"""The names real sites give the four mandatory sections and the disclosure platform itself.

The 2019 条例 and the 政府网站发展指引 require a 政府信息公开 platform with four sections: 指南, 制度,
法定主动公开内容 and 年报. Sites label them in many ways (政府信息公开指南 / 信息公开指南 / 公开指南,
政府信息公开制度 / 政府信息公开制度文件 / 政府信息公开规定, 法定主动公开内容 / 主动公开目录 /
政府信息公开目录,
政府信息公开年报 / 政府信息公开工作年度报告 …). A section's link is a short label: a long anchor or one
naming a year (…关于政府信息公开年报的通知, 2023年度报告) is a document, not the section.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_SECTION_ANCHOR = 15

# Canonical key → the labels seen on real sites (documentation and tests; matching uses the patterns).
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "guide": ("政府信息公开指南", "信息公开指南", "公开指南", "政务公开指南", "政府信息公开指南和目录"),
    "rules": ("政府信息公开制度", "信息公开制度", "政府信息公开规定", "政府信息公开制度文件", "制度文件",
              "公开制度", "政务公开制度"),
    "statutory": ("法定主动公开内容", "法定主动公开", "主动公开内容", "主动公开目录", "政府信息公开目录",
                  "信息公开目录", "法定公开内容", "主动公开"),
    "annual_report": ("政府信息公开年报", "信息公开年报", "年度报告", "政府信息公开工作年度报告",
                      "政府信息公开年度报告", "工作年报", "年报"),
}

# Tried in this order: 年报 before 指南/制度 (…公开年报 would otherwise never be reached), 依申请 never.
_SECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("annual_report",
     re.compile(r"(公开|政务).{0,6}(年报|年度报告)|^(年报|年度报告|工作年报|工作年度报告)$")),
    ("guide", re.compile(r"公开.{0,2}指南")),
    ("rules", re.compile(r"公开.{0,2}(制度|规定)|^(制度文件|规章制度文件)$")),
    ("statutory", re.compile(r"法定.{0,2}公开|^主动公开|主动公开(内容|目录|信息)|(信息)?公开目录$")),
)
# Applications, years and document wording (关于…的通知, 印发…) mark a document or another section.
_NOT_SECTION_RE = re.compile(r"依申请|申请公开|\d{4}|不予公开|更多|关于|通知|印发|公告|解读|转发|意见|办法|决定|方案")

# Anchors that name the platform itself (optionally prefixed by the body's place name).
_PLATFORM_ANCHOR_RE = re.compile(
    r"^(?:\S{1,8}?(?:省|市|县|区|州|旗|盟|镇|乡)(?:人民政府|政府)?)?"
    r"(?:政府信息公开|政务信息公开|信息公开|政务公开|政府公开)(?:专栏|专区|平台|网|网站|门户|目录|主页)?$"
)
# Category words, not place names: 乡镇信息公开, 部门信息公开 … lead to the sub-platforms a county platform
# hosts for its departments and townships (cms-patterns.md "Pre-2019 naming"): columns of this platform.
_SUBPLATFORMS_RE = re.compile(r"^(?:乡镇|镇街|镇乡|街道|部门|单位|县直|市直|区直|县区|区县|县市区|市县|各)")
# Path segments that host a platform (rules.md §7.2 path heuristics).
PLATFORM_PATH_SEGMENTS = ("zwgk", "xxgk", "zfxxgk", "gkmlpt", "fdzdgknr", "zfxxgkzl", "zfxxgkml", "xxgkml",
                          "zwgkzl", "govinfo", "zfxxgkpt", "xxgkpt")
_PLATFORM_HOST_RE = re.compile(r"^(?:[a-z0-9-]*xxgk|zwgk)[a-z0-9-]*\.")
_INDEX_RE = re.compile(r"^(index|default|main)(_\d+)?(\.(s?html?|jsp|php|aspx?))?$", re.IGNORECASE)
_PUNCT_RE = re.compile(r"[\s\u3000\xa0>»›<«‹·•\-—_|:：、.。,，\[\]【】()（）\"'“”]+")


def normalize_anchor(anchor: str) -> str:
    """Anchor text without spaces, arrows, brackets and a leading list number."""
    text = _PUNCT_RE.sub("", anchor or "")
    return re.sub(r"^\d{1,2}(?=\D)", "", text)


def match_section(anchor: str) -> str | None:
    """`guide`, `rules`, `statutory` or `annual_report` when the anchor names that section."""
    text = normalize_anchor(anchor)
    if not text or len(text) > MAX_SECTION_ANCHOR or _NOT_SECTION_RE.search(text):
        return None
    for key, pattern in _SECTION_PATTERNS:
        if pattern.search(text):
            return key
    return None


def is_platform_entry_url(url: str) -> bool:
    """URL of a platform's entry: a `/zwgk/`-style directory (or its index page), or an xxgk host root."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments and _INDEX_RE.match(segments[-1]):
        segments = segments[:-1]
    if not segments:
        return bool(_PLATFORM_HOST_RE.match((parts.hostname or "").lower()))
    return segments[-1].lower() in PLATFORM_PATH_SEGMENTS


def is_platform_link(anchor: str, url: str) -> bool:
    """True for a link to the 政府信息公开 platform: named so, or pointing at a platform entry URL.

    Deeper URLs under `/zwgk/` (articles, sub-columns) are not entries: following every one of them as
    a platform landing would crawl the whole site as the platform.
    """
    text = normalize_anchor(anchor)
    if _SUBPLATFORMS_RE.match(text):
        return False
    if text and len(text) <= MAX_SECTION_ANCHOR and _PLATFORM_ANCHOR_RE.match(text):
        return True
    if len(text) > MAX_SECTION_ANCHOR:
        return False
    return is_platform_entry_url(url)
