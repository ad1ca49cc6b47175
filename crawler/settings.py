"""Scrapy settings for xxgk-monitor: every default in one place.

Politeness is the default because government servers are shared and fragile: bounded per-host
concurrency, AutoThrottle, a 15 s timeout (国办 检查指标, rules.md §1.3), retries with backoff
done by the spider late in the run (crawler/retries.py), robots.txt obeyed, download size limits and an
honest User-Agent. Tests and benchmarks on loopback lift the limits with `-s NAME=VALUE`.

XXGK_* settings:
- XXGK_DB: the SQLite database (default data/xxgk.db).
- XXGK_MAX_PAGES: stop scheduling new pages after this many (the run is then `partial`).
- XXGK_RETRY_TIMES / XXGK_RETRY_BACKOFF: how often and how long after a suspected failure
  (timeout, 5xx, 429, DNS, connection, SSL) the target is tried again, late in the run.
- XXGK_VERIFY_EXTERNAL: request out-of-scope link targets once (HEAD, then GET) to verify them.
- XXGK_PROGRESS_INTERVAL: seconds between progress lines on stderr (0 turns them off).
- XXGK_RENDER: auto | never | always (browser rendering through scrapy-playwright).
- XXGK_HOST_MAP: {host: IPv4 address} answered before DNS, by Scrapy and Chromium alike
  (crawler/resolver.py): tests serve named hosts on loopback; evaluators crawl a staging copy.
- XXGK_TRAP_DEPTH / XXGK_TRAP_REPEATS / XXGK_TRAP_LIST_PAGES: trap bounds (crawler/traps.py): link
  hops below the platform's landing, times one path segment may repeat, list pages per column. A
  pager is also cut past the total it announces (共N页). What is cut is `not_covered` (`trap`).
"""

from crawler import __version__

BOT_NAME = "xxgk"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = (
    f"xxgk-monitor/{__version__} (政府信息公开平台监测; +https://pypi.org/project/xxgk-monitor/)"
)
ROBOTSTXT_OBEY = True

# Politeness.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 15  # rules.md §1.3: a page still not open after 15 s counts as unavailable
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = False  # a meta refresh is evidence (soft-404 to a parent), the parser reads it
COOKIES_ENABLED = True
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "crawler.cookies.OfflineCookiesMiddleware": 700,
    "crawler.conditional.ConditionalRequests": 580,
    "crawler.resume.ReplayStored": 50,  # before anything else: a replayed page never reaches the network
}

# Retries are ours: suspected failures are tried again late in the run, with backoff (crawler/retries.py).
RETRY_ENABLED = False

# The spider judges every status itself (broken_link needs 4xx/5xx bodies; 412/521 are challenges).
HTTPERROR_ALLOW_ALL = False

DNS_RESOLVER = "crawler.resolver.HostMapResolver"  # Scrapy's caching resolver, plus XXGK_HOST_MAP

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"

ITEM_PIPELINES = {"crawler.pipelines.SnapshotPipeline": 300}
EXTENSIONS = {"crawler.extensions.Progress": 500, "crawler.extensions.RunFinisher": 900}

XXGK_DB = "data/xxgk.db"
XXGK_CHECK_IN_CRAWL = True  # `scrapy crawl` judges the run as it closes; `xxgk crawl` after the crawl is gone
XXGK_RESUME = False  # set by the runner when it takes up an interrupted run (crawler/resume.py)
XXGK_CONDITIONAL = True  # revalidate what the site's previous run stored (If-None-Match / If-Modified-Since)
XXGK_FLUSH_SECONDS = 1.0  # rows are written this often: a killed crawl loses at most about this much
XXGK_STORE_GIVE_UP_SECONDS = 120.0  # a database locked this long stops the crawl (the run is interrupted)
XXGK_MAX_PAGES = 100_000
XXGK_RETRY_TIMES = 2
XXGK_RETRY_BACKOFF = [5.0, 30.0]
XXGK_VERIFY_EXTERNAL = True
XXGK_PROGRESS_INTERVAL = 10
XXGK_RENDER = "auto"
XXGK_HOST_MAP: dict[str, str] = {}
XXGK_TRAP_DEPTH = 12  # link hops below the landing: deeper than any real column tree or pager chain
XXGK_TRAP_REPEATS = 3  # /zwgk/zd/zd/zd/: a relative link resolved against itself, on a CMS answering every path
XXGK_TRAP_LIST_PAGES = 1000  # list pages per column (20 000 documents at 20 a page)
XXGK_RENDER_MAX = 500  # renders per run
XXGK_RENDER_POOL = 4  # browser pages open at once
XXGK_SCREENSHOT_MAX = 200  # evidence screenshots per run
XXGK_BODY_TYPES = ["text/html", "application/xhtml", "text/xml", "application/xml", "application/json",
                   "text/plain", "text/javascript", "application/javascript"]
