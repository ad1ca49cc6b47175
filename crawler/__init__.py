"""xxgk-monitor's crawl side: settings, snapshot store, parsers, middlewares and the command line.

Data flows one way: fetch (spiders/) → parse (crawler/parse/) → store (crawler/store.py) →
check (checks/) → report (reports/).
"""

__version__ = "0.1.0"
