"""The spider's components on their own: roles, reasons, trap bounds, binary soft-404 sniffing."""

from __future__ import annotations

from crawler.outcomes import Reason, describe, http_status, is_broken, is_confirmed, is_suspect
from crawler.parse.soft404 import binary_soft_404, is_file_body
from crawler.roles import Role, ordered, strongest
from crawler.traps import TrapBounds, repeats


def test_the_strongest_role_is_stored_and_every_role_is_kept():
    assert strongest({Role.TARGET, Role.DOCUMENT}) is Role.DOCUMENT
    assert strongest({Role.DOCUMENT, Role.COLUMN}) is Role.COLUMN
    assert ordered({Role.TARGET, Role.COLUMN, Role.DOCUMENT}) == ["column", "document", "target"]
    assert Role.DOCUMENT == "document"  # stored strings stay the contract's vocabulary


def test_reasons_are_read_in_one_place():
    assert http_status("http_404") == 404 and http_status("http_x") is None and http_status(None) is None
    assert http_status(Reason.TIMEOUT) is None
    assert is_suspect("http_503") and is_suspect("http_429") and is_suspect(Reason.DNS) and not is_suspect("http_404")
    assert is_confirmed("http_410") and is_confirmed(Reason.TOO_MANY_REDIRECTS) and not is_confirmed("http_500")
    assert not is_broken(Reason.TOO_LARGE) and not is_broken(Reason.TRAP) and is_broken(Reason.TOO_MANY_REDIRECTS)
    assert describe("http_502") == "HTTP 502" and describe(Reason.TOO_LARGE) == "超过下载大小上限"


def test_files_are_told_from_html_pages_by_their_first_bytes():
    for head in (b"%PDF-1.7\n", b"\r\n%PDF-1.4", b"PK\x03\x04\x14\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
                 b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 "):
        assert is_file_body(head) and not binary_soft_404(head), head
    for head in (b"<!DOCTYPE html><html>", b"\xef\xbb\xbf\r\n<html><head><title>404</title>",
                 "<div class='err'>页面不存在</div>".encode()):
        assert binary_soft_404(head), head
    assert not binary_soft_404(b"a,b,c\n1,2,3\n")  # a CSV is not an HTML page


def test_trap_bounds():
    traps = TrapBounds(max_depth=12, max_repeats=3, max_list_pages=5)
    assert repeats("http://x/zwgk/zd/zd/zd/") == 3 and repeats("http://x/a/b/") == 1
    assert repeats("http://x/rl/2026/11/11/11.html") == 1  # dates repeat numbers by nature
    assert traps.page_cut("http://x/zwgk/zd/zd/zd/", Role.COLUMN, 3)
    assert not traps.page_cut("http://x/zwgk/zd/zd/", Role.COLUMN, 3)
    assert traps.page_cut("http://x/zwgk/a/", Role.PAGE, 13) and not traps.page_cut("http://x/zwgk/a/", Role.PAGE, 12)
    assert not traps.page_cut("http://x/zwgk/zd/zd/zd/", Role.TARGET, 30)  # verified once, never followed
    traps.list_page_seen("c", "c/")
    traps.announce("c", 2)
    assert not traps.list_page_cut("c", "c/?page=1") and not traps.list_page_cut("c", "c/?page=2")
    assert traps.list_page_cut("c", "c/?page=3")  # 共2页, page 1 under two names: the fourth is past it
    assert not traps.list_page_cut("c", "c/?page=2")  # asked already: not cut again
    assert [traps.list_page_cut("d", f"d/?p={n}") for n in range(1, 8)] == [False] * 5 + [True] * 2  # 5 a column


def test_download_failures_map_to_the_contract_reasons():
    """Scrapy 2.19 raises its own exceptions; the maxsize message no longer says "exceeds"."""
    from scrapy import Request
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadCancelledError,
        DownloadTimeoutError,
        IgnoreRequest,
    )
    from twisted.internet.error import ConnectionRefusedError
    from twisted.python.failure import Failure

    from crawler.outcomes import failure_reason, failure_size

    def failure(exc: Exception, request: Request | None = None) -> Failure:
        f = Failure(exc)
        f.request = request or Request("http://127.0.0.1/a")
        return f

    assert failure_reason(failure(CannotResolveHostError("DNS lookup failed: no results for hostname"))) == "dns"
    assert failure_reason(failure(DownloadTimeoutError("Getting http://x took longer than 15.0 seconds."))) == "timeout"
    assert failure_reason(failure(ConnectionRefusedError())) == "connection"
    expected = failure(DownloadCancelledError(
        "Expected to receive 2000000 bytes which is larger than download max size (1000000) in request <GET x>."))
    assert (failure_reason(expected), failure_size(expected, "too_large")) == ("too_large", 2_000_000)
    cut = failure(DownloadCancelledError(""))
    cut.request.meta["xxgk_bytes"] = 1_048_576
    assert (failure_reason(cut), failure_size(cut, "too_large")) == ("too_large", 1_048_576)
    chain = Request("http://x/r/11", meta={"redirect_urls": [f"http://x/r/{n}" for n in range(1, 11)]})
    loop = Request("http://x/b", meta={"redirect_urls": ["http://x/a", "http://x/b", "http://x/a"]})
    assert failure_reason(failure(IgnoreRequest("max redirections reached"), chain)) == "too_many_redirects"
    assert failure_reason(failure(IgnoreRequest("max redirections reached"), loop)) == "redirect_loop"
