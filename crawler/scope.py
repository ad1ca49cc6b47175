"""Crawl scope: which URLs belong to the site, which to its disclosure platform, which are external.

Contract scope: the site's homepage; the first list page of every column its navigation links to; the
whole 政府信息公开 platform in depth. Outside the site's hosts (the start URL's, the platform's when it
lives elsewhere, and --allow-host), link targets are only verified, never followed.

Another host becomes one of the site's only when the site names it as its own platform: in the header
or main navigation of its start page or homepage, or on a landing page of its platform (the start URL
given as one included) outside its footer and link lists. Names cannot decide: a footer's 友情链接 calls
the province's platform 省政府信息公开 just as the site calls its own. Nor can registrable domains: gov.cn is
a public suffix, so a county and its province share zj.gov.cn.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from crawler.parse.types import SITE_FRAME, Region

# Documents, not columns: TRS t20240101_123, Hanweb art_12_34, gov.cn content_123, gkmlpt post_123,
# numeric leaf ids, and query-string detail pages.
DOCUMENT_URL_RE = re.compile(
    r"(/t\d{8}_\d+|/art_\d+_\d+|content_\d+|/post_\d+|/\d{5,}\.s?html?$|/\d{6}/\w+\.s?html?$|"
    r"[?&](docid|id|articleid|infoid|newsid|contentid)=)",
    re.IGNORECASE,
)
# Anchors that name site furniture, never a disclosure column.
UTILITY_ANCHORS = {
    "首页", "返回首页", "网站首页", "网站地图", "联系我们", "无障碍", "无障碍浏览", "长者模式", "关怀版", "更多",
    "更多>>", "more", "登录", "注册", "搜索", "高级搜索", "打印", "关闭", "关闭窗口", "english", "繁体", "简体", "繁體",
    "上一页", "下一页", "尾页", "末页", "第一页", "返回顶部", "返回", "收藏", "分享", "加入收藏", "设为首页", "政务微博",
    "政务微信", "移动版", "手机版", "邮箱", "个人中心", "我要纠错", "我为政府网站找错", "隐私声明", "使用帮助",
    "网站声明", "关于我们", "当前位置", "上一篇", "下一篇",
}
MAX_COLUMN_ANCHOR = 15
HOME_INDEX_RE = re.compile(r"/(index|default|main)\.(s?html?|jsp|php|aspx?)", re.IGNORECASE)


def host_key(url: str) -> str:
    """Host and non-default port, lower case, without a leading `www.`: www.x.gov.cn and x.gov.cn match."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{parts.port}" if parts.port and parts.port != default else host


def homepage_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def is_homepage_url(url: str) -> bool:
    """The site's root: `/` or its index page (`/index.html`, `/default.aspx` …)."""
    path = urlsplit(url).path
    return path in ("", "/") or bool(HOME_INDEX_RE.fullmatch(path))


def directory_of(url: str) -> str:
    """The directory part of a URL path: /zwgk/index.htm → /zwgk/, /zwgk/ → /zwgk/."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path).rstrip("/") + "/"


def is_document_url(url: str) -> bool:
    return bool(DOCUMENT_URL_RE.search(url))


def is_column_anchor(anchor: str) -> bool:
    """Short labels like 人事信息 or 政策解读 name columns; long ones are document titles."""
    text = anchor.strip().strip(">»›·").strip()
    if not text or len(text) > MAX_COLUMN_ANCHOR or text.lower() in UTILITY_ANCHORS:
        return False
    return not re.fullmatch(r"[\d\s.\-/年月日<>«»…]+", text)


@dataclass
class Scope:
    """The hosts of the site and the URL prefixes of its disclosure platform, growing as the crawl learns."""

    site_hosts: set[str] = field(default_factory=set)
    platform_prefixes: set[tuple[str, str]] = field(default_factory=set)  # (host_key, path prefix)

    def add_site(self, url_or_host: str) -> None:
        self.site_hosts.add(host_key(url_or_host) if "//" in url_or_host else url_or_host.lower().removeprefix("www."))

    def add_platform(self, url: str, prefix: str | None = None) -> None:
        """Everything under `prefix` (default: this URL's directory) on this URL's host belongs to the
        platform, and the host to the site."""
        self.site_hosts.add(host_key(url))
        self.platform_prefixes.add((host_key(url), prefix or directory_of(url)))

    def is_site(self, url: str) -> bool:
        return host_key(url) in self.site_hosts

    def is_platform(self, url: str) -> bool:
        host, path = host_key(url), urlsplit(url).path or "/"
        return any(host == h and path.startswith(prefix) for h, prefix in self.platform_prefixes)


def common_directory(urls: list[str]) -> str:
    """The deepest directory holding all these URLs' paths: /zfxxgk/zfxxgkzn/ and /zfxxgk/fdzdgknr/a/ → /zfxxgk/."""
    dirs = [directory_of(u).strip("/").split("/") for u in urls]
    common: list[str] = []
    for parts in zip(*dirs, strict=False):
        if len(set(parts)) != 1 or not parts[0]:
            break
        common.append(parts[0])
    return "/" + "".join(p + "/" for p in common)


def names_own_host(region: Region, on_landing: bool) -> bool:
    """Whether a link in this region of a start page or homepage (or, `on_landing`, of a landing page)
    may bring another host into the site (module doc)."""
    if on_landing:
        return region not in (Region.FOOTER, Region.LINK_LIST)
    return region in SITE_FRAME
