"""Reading what a page's inline scripts say about its list: data arrays, feed URLs, filled containers.

Shared by the adapters for lists a script builds (`inline_json`, `json_feed`, `script`) and by the TRS
adapter, whose list pages sometimes keep their rows in script data too. Everything here reads the raw
page text: the parsed tree the adapters get has its scripts removed (crawler/parse/page.py).

* Inline scripts: `<script>` elements without `src`, of a JavaScript or JSON type.
* JS literals: `var data = [{title:'…', url:'…'}]` is not JSON; :func:`js_literal` turns a balanced
  literal into JSON (single-quoted strings, unquoted keys, trailing commas, comments).
* Records: objects with a title and a URL under the key names CMSs use (title/doctitle/name,
  url/link/href/docpuburl, date/pubDate/pubdate/docreltime/publishTime/created_at …), keys compared
  case-insensitively.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from crawler.parse.dates import parse_date
from crawler.parse.lists._common import absolute, loads_lenient, strip_tags, usable_href
from crawler.parse.types import ListItem

_SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC_RE = re.compile(r"\bsrc\s*=", re.I)
_TYPE_RE = re.compile(r"\btype\s*=\s*['\"]?([\w/+.-]+)", re.I)
_JS_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/json",
             "text/json", "application/ld+json")

TITLE_KEYS = ("title", "doctitle", "filename", "name", "showtitle", "subject", "articletitle", "infotitle")
URL_KEYS = ("url", "link", "href", "docpuburl", "chnldocurl", "linkurl", "pcurl", "docurl", "urls", "path",
            "detailurl", "infourl", "articleurl")
DATE_KEYS = ("date", "pubdate", "docreltime", "publishtime", "created_at", "createdat", "publishdate",
             "releasetime", "pubtime", "docpubtime", "time", "createtime", "crtime", "updatetime",
             "publish_time", "pub_date", "releasedate", "fbrq", "fbsj")

# Where a data array starts: `var list = [{`, `articleList: [{`, `render([{`, `data = {"list": [{`.
_ARRAY_START_RE = re.compile(r"(?:=|:|\()\s*(\[\s*\{)")
_OBJECT_START_RE = re.compile(r"=\s*(\{\s*['\"]?[\w$]+['\"]?\s*:)")
MAX_LITERAL = 2_000_000

# Calls that fetch data for the page (the list's records come from somewhere else).
FETCH_RE = re.compile(
    r"\$\.(?:ajax|get|getJSON|post)\s*\(|\bjQuery\.(?:ajax|get|getJSON)\s*\(|\bfetch\s*\(|XMLHttpRequest|"
    r"\.load\s*\(|\baxios\b|\$http\b|\.getJSON\s*\("
)
# A `.json` URL a fetch call names: `$.getJSON("zcwj.json"`, `url: './gfxwj.json'`, `fetch('/a/b.json?v=1'`.
_FEED_RE = re.compile(
    r"(?:getJSON|\.get|\.ajax|\.post|fetch|\.open|\.load|\burl)\s*[:(]\s*(?:\{\s*url\s*:\s*)?"
    r"(?:['\"](?:GET|POST)['\"]\s*,\s*)?['\"]([^'\"\s<>]+?\.json(?:\?[^'\"\s<>]*)?)['\"]",
    re.I,
)
# Feeds that are not lists of documents (menus, site configuration, counters, related-article boxes).
_NOT_FEED_RE = re.compile(r"(?:^|/)(?:menu|nav|navs|config|conf|site|count|counter|visit|weather|"
                          r"\S*relation\S*|\S*relatearticle\S*|lang|i18n|manifest)\.json", re.I)


def inline_scripts(text: str, data: bool = True) -> Iterator[str]:
    """The code of every inline script (JSON data blocks too when `data`)."""
    if "<script" not in text and "<SCRIPT" not in text:
        return
    for m in _SCRIPT_RE.finditer(text):
        attrs, body = m.group(1), m.group(2)
        if _SRC_RE.search(attrs) or not body.strip():
            continue
        kind = _TYPE_RE.search(attrs)
        kind_value = kind.group(1).lower() if kind else ""
        if kind_value not in _JS_TYPES or (not data and "json" in kind_value):
            continue
        yield body


# -- JS literals ----------------------------------------------------------------------------------------

def _balanced_end(text: str, start: int) -> int | None:
    """Index just past the literal that opens at `text[start]` (`[` or `{`), strings and comments skipped."""
    depth, i, n = 0, start, min(len(text), start + MAX_LITERAL)
    while i < n:
        ch = text[i]
        if ch in "\"'`":
            i = _string_end(text, i, n)
            continue
        if ch == "/" and i + 1 < n and text[i + 1] in "/*":
            i = _comment_end(text, i, n)
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _string_end(text: str, i: int, n: int) -> int:
    quote, i = text[i], i + 1
    while i < n:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i + 1
        if text[i] == "\n" and quote != "`":
            return i  # an unterminated string: stop at the line end rather than eat the page
        i += 1
    return n


def _comment_end(text: str, i: int, n: int) -> int:
    if text[i + 1] == "/":
        end = text.find("\n", i)
        return n if end < 0 else end
    end = text.find("*/", i + 2)
    return n if end < 0 else end + 2


_KEY_RE = re.compile(r"[A-Za-z_$][\w$]*")


def js_literal(source: str) -> Any:
    """A JS array/object literal (single quotes, bare keys, trailing commas) as Python data, or None."""
    value = loads_lenient(source)
    if value is not None:
        return value
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch in "\"'`":
            end = _string_end(source, i, n)
            raw = source[i + 1:end - 1]
            if ch == '"':
                out.append(source[i:end])
            else:
                raw = raw.replace("\\'", "'").replace("\\`", "`")
                out.append(json.dumps(_unescape_js(raw), ensure_ascii=False))
            i = end
            continue
        if ch == "/" and i + 1 < n and source[i + 1] in "/*":
            i = _comment_end(source, i, n)
            continue
        m = _KEY_RE.match(source, i)
        if m:
            word = m.group(0)
            j = m.end()
            while j < n and source[j] in " \t\r\n":
                j += 1
            if j < n and source[j] == ":" and _key_position(out):
                out.append(json.dumps(word))
            elif word in ("true", "false", "null"):
                out.append(word)
            elif word == "undefined":
                out.append("null")
            else:
                return None  # an expression (a variable, a call): not a data literal
            i = m.end()
            continue
        out.append(ch)
        i += 1
    return loads_lenient("".join(out))


def _key_position(out: list[str]) -> bool:
    """True when the output so far ends where an object key may start (after `{` or `,`)."""
    for piece in reversed(out):
        stripped = piece.strip()
        if stripped:
            return stripped[-1] in "{,"
    return False


def _unescape_js(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        return json.loads('"' + raw.replace('"', '\\"') + '"')
    except ValueError:
        return raw.replace("\\\\", "\\")


def literals(script: str) -> Iterator[Any]:
    """Every data array (and object holding arrays) assigned or passed in a script, decoded."""
    seen_end = -1
    for pattern in (_ARRAY_START_RE, _OBJECT_START_RE):
        for m in pattern.finditer(script):
            start = m.start(1)
            if start < seen_end:
                continue  # inside a literal already read
            end = _balanced_end(script, start)
            if end is None:
                continue
            value = js_literal(script[start:end])
            if value is not None:
                seen_end = max(seen_end, end)
                yield value


# -- records → items -----------------------------------------------------------------------------------

def _lower_keys(record: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in record.items()}


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _url_value(value: Any) -> str:
    """A URL string; jpaas-style `{"pc": "/…"}` objects (or JSON strings of them) give their pc URL."""
    if isinstance(value, str) and value.lstrip().startswith("{"):
        value = loads_lenient(value) or value
    if isinstance(value, dict):
        value = next((v for k in ("pc", "url", "h5", "wap") if isinstance(v := value.get(k), str) and v), "")
    return value.strip() if isinstance(value, str) else ""


def date_value(value: Any) -> date | None:
    """A date from a string, or from epoch seconds/milliseconds (China time)."""
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 10**11 else value
        if 946_684_800 <= seconds <= 4_102_444_800:  # 2000–2100
            return (datetime.fromtimestamp(seconds, UTC) + timedelta(hours=8)).date()
    return None


def record_item(record: Any, base: str) -> ListItem | None:
    """The document one data record names, or None (no title or no usable URL)."""
    if not isinstance(record, dict):
        return None
    low = _lower_keys(record)
    href = _url_value(_first(low, URL_KEYS))
    title = _first(low, TITLE_KEYS)
    title = strip_tags(title) if isinstance(title, str) else ""
    if not title or not usable_href(href) or not re.match(r"^(https?:|/|\.|[\w-]+[/.?])", href):
        return None
    day = date_value(_first(low, DATE_KEYS))
    return ListItem(title=title, url=absolute(base, href), date=day, date_source="json" if day else None)


def _arrays(value: Any, depth: int = 0) -> Iterator[list[Any]]:
    """Arrays of objects in a decoded literal (the literal itself, or under `data`, `list` … keys)."""
    if depth > 3:
        return
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            yield value
        return
    if isinstance(value, dict):
        for child in value.values():
            if isinstance(child, list | dict):
                yield from _arrays(child, depth + 1)


def document_items(records: list[Any], base: str) -> list[ListItem]:
    """Items of an array when it is a list of documents: most records have a title and a URL, and
    they carry dates or document-like titles (a menu `[{name:'首页', url:'/'}]` is not a list)."""
    items = [item for record in records if (item := record_item(record, base))]
    if not items or len(items) < len(records) / 2:
        return []
    dated = sum(1 for i in items if i.date)
    long_titles = sum(1 for i in items if len(i.title) >= 8)
    if dated >= len(items) / 2 or long_titles >= 0.8 * len(items):
        return items
    return []


def inline_items(text: str, base: str) -> list[ListItem]:
    """The largest list of documents held in the page's inline script data."""
    best: list[ListItem] = []
    for script in inline_scripts(text):
        if "{" not in script or "[" not in script:
            continue
        for value in literals(script):
            for records in _arrays(value):
                items = document_items(records, base)
                if len(items) > len(best):
                    best = items
    seen: set[str] = set()
    return [i for i in best if not (i.url in seen or seen.add(i.url))]


def feed_urls(text: str, base: str) -> list[str]:
    """`.json` feeds that the page's inline scripts fetch, absolute, in order of appearance."""
    urls: list[str] = []
    for script in inline_scripts(text, data=False):
        if ".json" not in script or not FETCH_RE.search(script):
            continue
        for m in _FEED_RE.finditer(script):
            href = m.group(1)
            if "+" in href or "{" in href or _NOT_FEED_RE.search(href):
                continue
            url = absolute(base, href)
            if url not in urls:
                urls.append(url)
    return urls


def fetching_scripts(text: str) -> list[str]:
    """Inline scripts that load data (ajax, fetch, XMLHttpRequest, `.load(`)."""
    return [s for s in inline_scripts(text, data=False) if FETCH_RE.search(s)]
