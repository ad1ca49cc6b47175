"""What the crawl learns of a body while it downloads: its size, and for a sniff, its first bytes only.

- Size. Scrapy drops a body past DOWNLOAD_MAXSIZE. With a Content-Length it says so before reading
  ("Expected to receive N bytes which is larger than download max size …"); without one it cancels the
  download once N bytes arrived, with no message. Counting the bytes of each request (the
  `bytes_received` signal) lets the crawl record a `too_large` body with its size either way.
- Sniffing. Many download endpoints answer HEAD with a default text/html; an attachment or image
  whose HEAD says so gets a GET of its first kilobytes (a Range header, and the download stopped once
  that much arrived whether or not the server honoured the range): only those bytes decide whether it
  is the file or an HTML page (crawler/parse/soft404.py).
"""

from __future__ import annotations

import re

import scrapy
from scrapy.exceptions import StopDownload
from scrapy.http import Response

SNIFF_BYTES = 4096
RECEIVED = "xxgk_bytes"  # request meta: bytes received so far
SNIFF = "xxgk_sniff"  # request meta: stop after SNIFF_BYTES
CONTENT_RANGE_RE = re.compile(r"bytes\s+\d+-\d+/(\d+)")


def count_bytes(data: bytes, request: scrapy.Request, spider) -> None:
    """bytes_received handler."""
    received = request.meta.get(RECEIVED, 0) + len(data)
    request.meta[RECEIVED] = received
    if request.meta.get(SNIFF) and received >= SNIFF_BYTES:
        raise StopDownload(fail=False)  # the callback gets what arrived: enough to tell a file from a page


def received(request: scrapy.Request) -> int:
    return request.meta.get(RECEIVED, 0)


def sniff_request(head: scrapy.Request, url: str) -> scrapy.Request:
    """The GET of the first kilobytes of what `head` asked for."""
    meta = {k: v for k, v in head.meta.items() if k not in ("redirect_urls", "redirect_times", "redirect_ttl")}
    meta[SNIFF] = True
    # count_bytes stops it after SNIFF_BYTES; DOWNLOAD_MAXSIZE would refuse a big file before its first byte.
    meta["download_maxsize"] = 0
    meta["xxgk"] = {**head.meta["xxgk"], "sniff": True}
    # Uncompressed: the first bytes of a gzip stream cut short are not the page's first bytes.
    headers = {**head.headers.to_unicode_dict(), "Range": f"bytes=0-{SNIFF_BYTES - 1}", "Accept-Encoding": "identity"}
    return head.replace(url=url, method="GET", headers=headers, meta=meta, dont_filter=True)


def declared_size(response: Response) -> int | None:
    """The whole body's size as the server states it: Content-Range's total, else Content-Length."""
    content_range = response.headers.get("Content-Range", b"").decode("latin-1")
    if match := CONTENT_RANGE_RE.search(content_range):
        return int(match.group(1))
    length = response.headers.get("Content-Length", b"").decode("latin-1").strip()
    return int(length) if length.isdigit() else None
