"""Trap bounds: pages a CMS generates without end are cut, and what is cut is said.

An endless calendar (上一月/下一月 for ever), a relative link that repeats its own directory on a CMS
that answers every path (/zwgk/zd/zd/zd/ …), a pager whose 下一页 never stops: each would be crawled
until --max-pages. The bounds (crawler/settings.py, XXGK_TRAP_*):
- depth: link hops below the platform's landing (0) for pages the crawl follows; a column's further
  list pages keep the column's depth, its documents are one below it;
- a named path segment repeated this many times;
- list pages per column;
- a pager past the total it announces (共N页), with one page to spare: page 1 is often linked under
  a second name (`?page=1` beside the column's own URL).
A cut page is not requested. It is listed in `run.not_covered` with reason `trap`, so the run is
`partial`; the checks never judge what it would have shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.roles import Role

FREE_ROLES = frozenset({Role.START, Role.HOMEPAGE, Role.TARGET})  # fetched once, never followed on


@dataclass
class TrapBounds:
    max_depth: int
    max_repeats: int
    max_list_pages: int
    list_pages: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # column → pages asked
    announced: dict[str, int] = field(default_factory=dict)  # column → the largest 共N页 its pagers state

    @classmethod
    def from_settings(cls, settings) -> TrapBounds:
        return cls(settings.getint("XXGK_TRAP_DEPTH"), settings.getint("XXGK_TRAP_REPEATS"),
                   settings.getint("XXGK_TRAP_LIST_PAGES"))

    def page_cut(self, url: str, role: Role, depth: int) -> bool:
        """Whether a page wanted in `role` at `depth` lies past the depth or repetition bound."""
        if role in FREE_ROLES:
            return False
        return depth > self.max_depth or repeats(url) >= self.max_repeats

    def announce(self, column: str, total_pages: int | None) -> None:
        if total_pages:
            self.announced[column] = max(total_pages, self.announced.get(column, 0))

    def list_page_seen(self, column: str, page: str) -> None:
        """A list page of `column` that was fetched without asking (the column's own page)."""
        self.list_pages[column].add(page)

    def list_page_cut(self, column: str, page: str) -> bool:
        """Whether one more list page of `column` is past its bounds; else it is counted."""
        asked = self.list_pages[column]
        if page in asked:
            return False
        total = self.announced.get(column)
        if len(asked) >= self.max_list_pages or (total is not None and len(asked) > total):
            return True
        asked.add(page)
        return False


def repeats(url: str) -> int:
    """How often the commonest named segment of the URL's path occurs in it. Numbers repeat by nature
    (/2024/11/11/, /1/1/); a relative link resolved against itself repeats a name (/zwgk/zd/zd/zd/)."""
    segments = [s for s in urlsplit(url).path.split("/") if s and not s.isdigit()]
    return max((segments.count(s) for s in set(segments)), default=0)
