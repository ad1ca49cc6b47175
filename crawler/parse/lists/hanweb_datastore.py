"""Hanweb 大汉 classic lists: `<datastore>` CDATA records, and the dataproxy.jsp XML behind them.

A column page `/col/col{N}/index.html` carries its first records as XML inside a script, invisible to
an HTML parser (cms-patterns.md §1):

    <div id="{unitid}"><script type="text/xml"><datastore>
      <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&…&columnid=…&unitid=…"></a>]]>
      <recordset><record><![CDATA[<li><a href='/art/2026/9/11/art_1_2.html'>…</a><span>2026-09-11</span>…]]>

The rest comes from `POST …/module/web/jpage/dataproxy.jsp?startrecord=&endrecord=&perpage=` with the form
`col=1&appid=1&webid=&path=/&columnid=&sourceContentType=1&unitid=&webname=&permissiontype=0`; its values
come from the inline `var param_{unitid} = {…}` object, the nextgroup URL or loose `columnid:` script
assignments. The endpoint answers with the same XML without a page around it (`<datastore>…
<totalrecord>N</totalrecord>…`), whose records are this adapter's items too (scheme `hanweb_dataproxy`).

Two other forms are used where the page does not allow the POST (§1): with no record total on the page,
the GET form `<nextgroup>` names (`dataproxy.jsp?page=2&…`), whose `<totalpage>` then names the other
pages; with no columnid, the column page's own server-side paging `index.html?uid={unitid}&pageNum={n}`.
The endpoint path is the one the page names (`/module/web/jpage/`, the older `/module/jpage/`, or
`/module/jslib/jquery/jpage/`).
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector

from crawler.parse.lists._common import base_url, items_from_fragments, origin
from crawler.parse.types import ListResult, PageRequest

DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
MAX_REQUESTS = 500

_RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_TOTAL_XML_RE = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
_TOTAL_PAGE_XML_RE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>", re.I)
_TOTAL_JS_RE = re.compile(r"total[Rr]ecord\s*[:=]\s*['\"]?(\d+)")
_PERPAGE_JS_RE = re.compile(r"per[Pp]age\s*[:=]\s*['\"]?(\d+)")
_NEXTGROUP_RE = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=['\"]([^'\"]+)['\"]", re.S | re.I)
_PAGE_PARAM_RE = re.compile(r"([?&]page=)\d+")
_PROXY_RE = re.compile(r"(/module/(?:web/jpage|jpage|jslib/jquery/jpage)/dataproxy\.jsp)")
_PARAM_OBJ_RE = re.compile(r"var\s+param_\w+\s*=\s*\{(.*?)\}", re.S)
_JS_PAIR_RE = re.compile(r"(\w+)\s*:\s*(?:'([^']*)'|\"([^\"]*)\"|([^,}\s]+))")
_UNIT_DIV_RE = re.compile(r"<div[^>]*\bid=['\"]?(\d+)['\"]?[^>]*>\s*<script[^>]*text/xml", re.I)
_LOOSE_RE = {key: re.compile(rf"\b{key}\s*[:=]\s*['\"]?([^'\",;\s}}]+)") for key in
             ("columnid", "unitid", "webid", "webname", "path")}

FORM_DEFAULTS = {"col": "1", "appid": "1", "webid": "1", "path": "/", "sourceContentType": "1",
                 "permissiontype": "0"}


def _unwrap(text: str) -> str:
    """Look-alikes wrap the XML in JSON (`raw({"result":"<datastore>…"})`); undo its escaping."""
    if '\\"' in text or "\\/" in text:
        return text.replace('\\"', '"').replace("\\/", "/").replace("\\n", "\n")
    return text


def is_dataproxy_response(text: str) -> bool:
    """The endpoint's XML: a datastore with records or a total, and no page around it."""
    head = text[:2000].lower()
    return "<datastore" in head and "<html" not in head


def form_params(text: str) -> dict[str, str]:
    """columnid, unitid, webid, webname, path … as the page's own scripts give them."""
    params: dict[str, str] = {}
    m = _PARAM_OBJ_RE.search(text)
    if m and "columnid" in m.group(1):
        for pair in _JS_PAIR_RE.finditer(m.group(1)):
            params[pair.group(1)] = next(g for g in pair.groups()[1:] if g is not None)
    nextgroup = _NEXTGROUP_RE.search(text)
    if nextgroup:
        query = urlsplit(html_lib.unescape(nextgroup.group(1))).query
        for key, value in parse_qsl(query, keep_blank_values=True):
            params.setdefault(key, value)
    for key, pattern in _LOOSE_RE.items():
        loose = pattern.search(text)
        if loose and key not in params:
            params[key] = loose.group(1)
    unit = _UNIT_DIV_RE.search(text)
    if unit:
        params.setdefault("unitid", unit.group(1))
    params.pop("page", None)
    return params


def _more_pages(url: str, text: str, shown: int, total: int | None) -> list[PageRequest]:
    params = form_params(text)
    if shown <= 0 or (total is not None and total <= shown):
        return []
    if total is None:
        return _next_group(url, text)
    if not params.get("columnid"):
        return _server_pages(url, params.get("unitid"), shown, total, text)
    proxy = _PROXY_RE.search(text)
    endpoint = urljoin(origin(url), proxy.group(1) if proxy else DEFAULT_PROXY)
    perpage_m = _PERPAGE_JS_RE.search(text)
    perpage = int(perpage_m.group(1)) if perpage_m else shown
    form = {**FORM_DEFAULTS, **{k: v for k, v in params.items() if k not in ("startrecord", "endrecord")}}
    requests = []
    for start in range(shown + 1, total + 1, shown):
        end = min(start + shown - 1, total)
        requests.append(PageRequest(
            url=f"{endpoint}?startrecord={start}&endrecord={end}&perpage={perpage}", method="POST",
            formdata=dict(form), note=f"dataproxy {start}-{end}/{total}"))
        if len(requests) >= MAX_REQUESTS:
            break
    return requests


def _next_group(url: str, text: str) -> list[PageRequest]:
    """No record total on the page: ask for page 2 in the GET form `<nextgroup>` names; its answer's
    `<totalpage>` then names the rest (:func:`_get_pages`)."""
    nextgroup = _NEXTGROUP_RE.search(text)
    if not nextgroup:
        return []
    target = urljoin(url, html_lib.unescape(nextgroup.group(1)))
    if "page=" not in urlsplit(target).query:
        return []
    return [PageRequest(url=_with_page(target, 2), note="dataproxy page 2")]


def _server_pages(url: str, unitid: str | None, shown: int, total: int, text: str) -> list[PageRequest]:
    """Without a columnid the data endpoint cannot be asked; the column page pages itself
    (`index.html?uid={unitid}&pageNum={n}`, jiangsu.gov.cn, nhsa.gov.cn)."""
    if not unitid:
        return []
    perpage_m = _PERPAGE_JS_RE.search(text)
    perpage = int(perpage_m.group(1)) if perpage_m else shown
    pages = min(-(-total // max(perpage, 1)), MAX_REQUESTS)
    page_url = url.split("?", 1)[0]
    return [PageRequest(url=f"{page_url}?uid={unitid}&pageNum={n}", note=f"uid pageNum {n}/{pages}")
            for n in range(2, pages + 1)]


def _with_page(url: str, page: int) -> str:
    return _PAGE_PARAM_RE.sub(lambda m: f"{m.group(1)}{page}", url, count=1)


def _get_pages(url: str, total_pages: int | None) -> list[PageRequest]:
    """The other pages of a GET `dataproxy.jsp?page=N&…` answer (page 1 is the column page's own
    datastore). POST answers (`startrecord=`) were all asked for by the column page already."""
    query = urlsplit(url).query
    current = dict(parse_qsl(query)).get("page", "")
    if not total_pages or "startrecord" in query or not current.isdigit():
        return []
    last = min(total_pages, MAX_REQUESTS + 1)
    return [PageRequest(url=_with_page(url, n), note=f"dataproxy page {n}/{total_pages}")
            for n in range(2, last + 1) if n != int(current)]


class HanwebDatastoreAdapter:
    """Hanweb column pages with a `<datastore>`, and dataproxy.jsp XML responses."""

    name = "hanweb_datastore"

    def extract(self, url: str, text: str, sel: Selector) -> ListResult | None:
        if "<datastore" not in text and "<DATASTORE" not in text:
            return None
        body = _unwrap(text)
        records = _RECORD_RE.findall(body)
        total_m = _TOTAL_XML_RE.search(body)
        pages_m = _TOTAL_PAGE_XML_RE.search(body)
        if is_dataproxy_response(body):
            items = items_from_fragments(records, url)
            total_pages = int(pages_m.group(1)) if pages_m else None
            return ListResult(scheme="hanweb_dataproxy", items=items, more_pages=_get_pages(url, total_pages),
                              total_records=int(total_m.group(1)) if total_m else None,
                              total_pages=total_pages)
        items = items_from_fragments(records, base_url(sel, url))
        total = int(total_m.group(1)) if total_m else None
        if total is None:
            js_totals = _TOTAL_JS_RE.findall(body)
            total = int(js_totals[-1]) if js_totals else None
        more = _more_pages(url, body, len(records), total)
        return ListResult(scheme=self.name, items=items, more_pages=more, total_records=total)
