"""Scrapy's cookie middleware, using the public-suffix list bundled with tldextract.

Scrapy's CookiesMiddleware builds a module-level TLDExtract that downloads the public-suffix list
on first use. A crawler must contact only the sites it was asked to crawl, and CI machines have no
internet, so this subclass points that extractor at tldextract's bundled snapshot instead.
Cookies themselves matter: session cookies and challenge cookies (瑞数, 加速乐) gate real pages.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares import cookies
from tldextract import TLDExtract

cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


class OfflineCookiesMiddleware(cookies.CookiesMiddleware):
    """CookiesMiddleware with the public-suffix list read from disk, never fetched."""
