"""Dates as Chinese government pages write them, and the dates their CMSs put in URLs.

Freshness checks stand or fall on dates, and one page can mix `2024-07-01`, `2024/7/1 14:29`,
`2024年07月01日`, full-width digits and `[2024-07-01]` (rules.md §7.1). `parse_date` takes the first
plausible date in any such string; `date_from_url` reads the publish date TRS, Hanweb and gov.cn encode
in document URLs, a fallback when the page itself shows none. Both reject impossible dates (month 13,
30 February, years outside 1990–2100) so that serial numbers such as 索引号 `2020-35428` never pass
for dates.
"""

from __future__ import annotations

import re
from datetime import date

MIN_YEAR, MAX_YEAR = 1990, 2100

# Full-width digits and separators → ASCII, so one pattern covers both.
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．：　", "0123456789-/.: ")
_FULLWIDTH.update({ord("—"): "-", ord("–"): "-", ord("‐"): "-", ord("－"): "-"})

# Year, month, day with ASCII separators or 年/月/日; digits may not run on either side (so 索引号
# serials like 000014348/2020-35147 do not yield a date from their tail).
_DATE_RE = re.compile(
    r"(?<!\d)(\d{4})\s*(?:([-/.])\s*(\d{1,2})\s*\2|年\s*(\d{1,2})\s*月)\s*(\d{1,2})(?!\d)"
)

# URL patterns, most specific first.
_URL_PATTERNS = (
    re.compile(r"/t(\d{4})(\d{2})(\d{2})_\d+"),  # TRS ./202104/t20210402_12116.html
    re.compile(r"/art/(\d{4})/(\d{1,2})/(\d{1,2})/"),  # Hanweb /art/2016/11/22/art_1_2.html
    re.compile(r"/content/(\d{4})-(\d{2})/(\d{2})/"),  # gov.cn /content/2017-06/08/content_1.htm
    re.compile(r"/(\d{4})-(\d{2})/(\d{2})/"),  # /2024-07/01/…
    re.compile(r"/(\d{4})-(\d{2})-(\d{2})/"),  # /2024-07-01/…
)


def make_date(year: int, month: int, day: int) -> date | None:
    """A date within the sanity bounds, or None for anything impossible."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(s: str | None) -> date | None:
    """The first valid date in `s` (labels, brackets and a trailing time are simply ignored)."""
    if not s:
        return None
    text = s.translate(_FULLWIDTH)
    for m in _DATE_RE.finditer(text):
        year = int(m.group(1))
        month = int(m.group(3) or m.group(4))
        found = make_date(year, month, int(m.group(5)))
        if found:
            return found
    return None


def date_from_url(url: str | None) -> date | None:
    """The publish date a CMS encoded in a document URL, if any."""
    if not url:
        return None
    for pattern in _URL_PATTERNS:
        for m in pattern.finditer(url):
            found = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    return None
