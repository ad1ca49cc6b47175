"""The page book: one entry per request the crawl makes, holding every role any link gives that page.

Roles are a mechanism, not a race. A URL is requested once per method and form; a link that gives an
already requested page a new role adds the role to its entry instead of being dropped:
- while the request is still on its way, the response is processed for the union of the roles it has
  by the time it arrives;
- once the page was processed for lesser roles only (typically a verify-only `target`: the homepage's
  box links its newest article before the column's list yields it as a `document`), the page is
  processed again for the new roles from the response already fetched, without a second request.
  The spider reads that response back from the snapshot store, where every textual body is kept by
  its hash anyway; only the most recent bodies (16 MiB) are also held in memory (`RecentBodies`),
  because the pipeline writes the rows it is given about once a second. Holding every verified page's
  body in memory instead would grow with the site (tens of thousands of pages). Only if a body is in
  neither (the store stayed busy for longer than the recent bodies last) is the page asked for again.

The stored `pages` row keeps the strongest role in `role` and all of them in `roles`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum

from crawler.roles import Role, strongest

RECENT_BODIES_BYTES = 16 * 1024 * 1024


class Progress(Enum):
    REQUESTED = "requested"  # on its way: no final outcome yet (waiting for a retry, a render …)
    DONE = "done"  # final outcome known and its record emitted


@dataclass(slots=True, eq=False)  # identity: one entry per request
class PageEntry:
    url: str
    method: str
    formdata: dict[str, str] | None
    kind: str  # link kind: page, attachment, image, external
    roles: set[Role]
    column: str | None = None  # the column whose list led here (documents, list pages)
    anchor: str = ""
    source: str | None = None  # the page whose link first led here
    depth: int = 0
    progress: Progress = Progress.REQUESTED
    handled: set[Role] = field(default_factory=set)  # roles the response has been processed for
    reason: str | None = None  # final outcome (None: it worked)
    body_hash: str | None = None  # the stored body, for processing again
    final_url: str | None = None
    status: int | None = None
    content_type: str = ""
    recorded: bool = False  # its `pages` row was emitted: later changes are updates of that row
    links_stored: bool = False  # the page's links were recorded (once, whatever the roles)

    @property
    def role(self) -> Role:
        return strongest(self.roles)

    @property
    def key(self) -> tuple[str, str, str]:
        return page_key(self.method, self.url, self.formdata)

    def add_role(self, role: Role, *, column: str | None, anchor: str, source: str | None, depth: int) -> None:
        self.roles.add(role)
        self.column = self.column or column
        self.anchor = self.anchor or anchor
        self.depth = min(self.depth, depth)
        self.source = self.source or source

    def unprocessed(self) -> set[Role]:
        """Roles that need the page parsed and that it has not been processed for yet."""
        return {role for role in self.roles - self.handled if role.crawls}


class PageBook:
    """Every requested page of the run by (method, URL, form)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], PageEntry] = {}
        self.to_process: list[PageEntry] = []  # done pages that gained a role needing a parse

    def get(self, method: str, url: str, formdata: dict[str, str] | None = None) -> PageEntry | None:
        return self.entries.get(page_key(method, url, formdata))

    def add(self, entry: PageEntry) -> PageEntry:
        self.entries[entry.key] = entry
        return entry

    def give_role(self, entry: PageEntry, role: Role, **context) -> None:
        """Give a requested page another role; a page already done is queued to be processed again."""
        entry.add_role(role, **context)
        if entry.progress is Progress.DONE and entry.unprocessed() and entry not in self.to_process:
            self.to_process.append(entry)

    def take_to_process(self) -> PageEntry | None:
        return self.to_process.pop(0) if self.to_process else None


class RecentBodies:
    """The last bodies the spider produced, bounded in bytes: they may not be in the store yet."""

    def __init__(self, limit: int = RECENT_BODIES_BYTES):
        self.limit = limit
        self.size = 0
        self.bodies: OrderedDict[str, bytes] = OrderedDict()

    def add(self, digest: str, body: bytes) -> None:
        if digest in self.bodies or len(body) > self.limit:
            return
        self.bodies[digest] = body
        self.size += len(body)
        while self.size > self.limit:
            _, old = self.bodies.popitem(last=False)
            self.size -= len(old)

    def get(self, digest: str) -> bytes | None:
        return self.bodies.get(digest)


def page_key(method: str, url: str, formdata: dict[str, str] | None) -> tuple[str, str, str]:
    form = "&".join(f"{k}={v}" for k, v in sorted(formdata.items())) if formdata else ""
    return method, url, form
