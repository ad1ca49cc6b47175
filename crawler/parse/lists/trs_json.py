"""TRS JSON list feeds: `{"data":[{"URL","FILENAME","PUBDATE",…}]}` behind client-rendered lists.

Some TRS sites publish a column as a static JSON file next to its list page (`…/zcwj/qtwj/zcwj.json`,
`gfxwj.json`; realpages #8, 429 records) with 索引号 (`IdxID`), 文号, 发布机构 and dates per record.
TRS-generated feeds sometimes end with a trailing comma; that is tolerated.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from crawler.parse.lists._common import (
    absolute,
    first_str,
    json_date,
    loads_lenient,
    looks_like_json,
    strip_tags,
)
from crawler.parse.types import ListItem, ListResult

_URL_KEYS = ("URL", "DOCPUBURL", "url", "docpuburl", "LINKURL", "link")
_TITLE_KEYS = ("FILENAME", "DOCTITLE", "TITLE", "title", "doctitle", "name")
_DATE_KEYS = ("PUBDATE", "DOCRELTIME", "pubdate", "docreltime", "PUBTIME", "CRTIME", "pubDate")


def _records(payload: Any) -> list[Any] | None:
    if isinstance(payload, dict):
        for key in ("data", "datas", "list", "docs", "records"):
            if isinstance(payload.get(key), list):
                return payload[key]
    return payload if isinstance(payload, list) else None


def _item(record: Any, base: str) -> ListItem | None:
    if not isinstance(record, dict):
        return None
    href = first_str(record, _URL_KEYS)
    title = strip_tags(first_str(record, _TITLE_KEYS))
    if not href or not title:
        return None
    day = json_date(record, _DATE_KEYS)
    return ListItem(title=title, url=absolute(base, href), date=day, date_source="json" if day else None)


class TrsJsonAdapter:
    """JSON feeds whose records carry a URL and a title under TRS field names."""

    name = "trs_json"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if not looks_like_json(text):
            return None
        records = _records(loads_lenient(text))
        if records is None:
            return None
        items = [item for record in records if (item := _item(record, url))]
        if records and not items:
            return None  # JSON, but not a list of documents
        return ListResult(scheme=self.name, items=items, total_records=len(records))
