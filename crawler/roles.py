"""What a requested page is to the crawl: its roles.

A page holds every role any link gives it (a set): the homepage's box may link an article that a
column's list later yields as a document, and a column page that a list also links stays a column and is
also a document. The page is processed for the union of its roles (crawler/pages.py). The `pages` table
keeps the strongest role in `role` and the whole set in `roles`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    """Strongest first: the order is the request priority and the `role` a stored page keeps."""

    START = "start"  # the start URL
    HOMEPAGE = "homepage"  # the site's root, when the start URL is not
    LANDING = "landing"  # the disclosure platform's landing page
    COLUMN = "column"  # a section or column of the platform
    NAV_COLUMN = "nav_column"  # a column the homepage's navigation links outside the platform
    LIST_PAGE = "list_page"  # a further page (or data endpoint) of a column's list
    DOCUMENT = "document"  # an item of a column's list
    PAGE = "page"  # another page of the platform
    TARGET = "target"  # a link target that is only verified, never parsed for links
    PLATFORM = "platform"  # the platform as a whole (`not_covered` rows only, e.g. max_pages)

    @property
    def priority(self) -> int:
        """Scrapy request priority: the platform's skeleton first, so the column tree is known early."""
        return PRIORITY[self]

    @property
    def crawls(self) -> bool:
        """Whether a page with this role is parsed and its links followed (a target is only verified)."""
        return self is not Role.TARGET


PRIORITY = {Role.START: 100, Role.HOMEPAGE: 100, Role.LANDING: 90, Role.COLUMN: 80, Role.NAV_COLUMN: 70,
            Role.LIST_PAGE: 60, Role.DOCUMENT: 40, Role.PAGE: 30, Role.TARGET: 10, Role.PLATFORM: 0}
ORDER = list(Role)
COLUMN_ROLES = frozenset({Role.COLUMN, Role.NAV_COLUMN})
# Pages whose list is the column's own (not a document's 相关文章).
LIST_ROLES = frozenset({Role.COLUMN, Role.NAV_COLUMN, Role.LIST_PAGE})
# Pages whose failure leaves part of the platform unseen (contract "Run status": partial).
COVERAGE_ROLES = frozenset({Role.START, Role.HOMEPAGE, Role.LANDING, *LIST_ROLES})
# Pages whose column boxes (heading + 更多 + newest articles) are columns (crawler/parse/boxes.py):
# homepages, landing pages, and the platform's own column pages (their sidebars).
BOX_ROLES = frozenset({Role.START, Role.HOMEPAGE, Role.LANDING, Role.COLUMN})
# Pages that count against --max-pages: the start pages are always fetched, targets are only verified.
UNCOUNTED_ROLES = frozenset({Role.START, Role.HOMEPAGE, Role.TARGET})
# A page with only these roles has its links verified, not followed: a target is not parsed for
# links, and a column outside the platform is visited for its own newest item only.
VERIFY_ONLY_ROLES = frozenset({Role.TARGET, Role.NAV_COLUMN})


def strongest(roles: Iterable[Role]) -> Role:
    return min(roles, key=ORDER.index)


def ordered(roles: Iterable[Role]) -> list[str]:
    """The roles strongest first, as stored in `pages.roles`."""
    return [str(role) for role in sorted(set(roles), key=ORDER.index)]
