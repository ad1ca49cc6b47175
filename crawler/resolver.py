"""Host names answered from a map before DNS: `XXGK_HOST_MAP` (host → IPv4 address).

The crawl decides scope by host name, so it is tested on names (www.qingshan.gov.cn, www.zj.gov.cn)
served from loopback addresses, never on bare 127.0.0.x URLs. The same map reaches Chromium as
`--host-resolver-rules` (crawler/render.py), so rendering and screenshots see the same hosts. It also
lets an evaluator crawl a staging copy of a site under its real name. Names not in the map go to DNS
as usual (this is Scrapy's default resolver otherwise, cache and timeout included).

    xxgk crawl http://www.qingshan.gov.cn:8080/ -s 'XXGK_HOST_MAP={"www.qingshan.gov.cn": "127.0.0.2"}'
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


def host_map(settings: Any) -> dict[str, str]:
    """The setting as a {lower-case host: IPv4 address} dict; ValueError for an address that is not one."""
    raw: Mapping[str, str] = settings.getdict("XXGK_HOST_MAP")
    mapped = {}
    for host, address in raw.items():
        ipaddress.IPv4Address(str(address))  # the resolver answers IPv4 only, like Scrapy's
        mapped[str(host).strip().lower()] = str(address)
    return mapped


class HostMapResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, answering the hosts of `XXGK_HOST_MAP` itself."""

    def __init__(self, reactor: Any, cache_size: int, timeout: float, hosts: dict[str, str]):
        super().__init__(reactor, cache_size, timeout)
        self.hosts = hosts

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> HostMapResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), host_map(settings))

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred:
        address = self.hosts.get(name.lower())
        if address is not None:
            return defer.succeed(address)
        return super().getHostByName(name, timeout)


def chromium_rules(hosts: Mapping[str, str]) -> str:
    """`--host-resolver-rules` for Chromium: the same names on the same addresses."""
    return ", ".join(f"MAP {host} {address}" for host, address in sorted(hosts.items()))
