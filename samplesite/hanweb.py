"""Hanweb 大汉 classic (jcms) list: the ``<datastore>`` column page and the ``dataproxy.jsp`` endpoint.

The column page embeds only its first page of records as XML inside ``<script type="text/xml">``, so
an HTML parser sees no list links at all; later pages come only from ``/module/web/jpage/dataproxy.jsp``
(cms-patterns.md §1). The builder uses :func:`record` and :func:`datastore`; the server answers the
data endpoint with :func:`dataproxy_response`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"
JPAGE_SCRIPT_PATH = "/module/web/jpage/jpage.js"
JQUERY_PATH = "/module/jslib/jquery/jquery.js"


@dataclass
class HanwebColumn:
    """Identifiers a Hanweb list carries in its markup and in every data request."""

    columnid: str
    unitid: str
    webid: str
    webname: str
    perpage: int

    def query(self, page: int) -> str:
        """Query string of the GET form of the data endpoint, as ``<nextgroup>`` writes it."""
        return (f"page={page}&appid=1&webid={self.webid}&path=/&columnid={self.columnid}"
                f"&unitid={self.unitid}&webname={quote(self.webname)}&permissiontype=0")

    def form(self) -> dict[str, str]:
        """Form fields of the POST form (``col=1&appid=1&webid=…&columnid=…&unitid=…``)."""
        return {"col": "1", "appid": "1", "webid": self.webid, "path": "/", "columnid": self.columnid,
                "sourceContentType": "1", "unitid": self.unitid, "webname": self.webname,
                "permissiontype": "0"}


def record(href: str, title: str, day: str) -> str:
    """One ``<li>`` record, as the CDATA of a ``<record>`` holds it."""
    label = html.escape(title)
    return (f"<li><a href='{html.escape(href)}' title='{label}' target='_blank'>{label}</a>"
            f"<span class='bt-data-time'>{day}</span></li>")


def datastore(column: HanwebColumn, records: list[str]) -> str:
    """The column page's list: first-page records inside a ``<div id="{unitid}">`` XML script."""
    rows = "\n".join(f"<record><![CDATA[{item}]]></record>" for item in records)
    nextgroup = f'<a href="{DATAPROXY_PATH}?{column.query(1)}"></a>'
    return f"""<div id="{column.unitid}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[{nextgroup}]]></nextgroup>
<recordset>
{rows}
</recordset>
</datastore></script></div>"""


def init_script(column: HanwebColumn, total: int) -> str:
    """The inline configuration real Hanweb pages carry, plus the pager script include."""
    return f"""<script type="text/javascript">
var unitid = '{column.unitid}';
var columnid = '{column.columnid}';
var webid = '{column.webid}';
var webname = '{column.webname}';
var jpageConfig = {{proxyUrl: '{DATAPROXY_PATH}', perPage: {column.perpage}, totalRecord: {total},
  param: {{col: 1, appid: 1, webid: webid, path: '/', columnid: columnid, sourceContentType: 1,
  unitid: unitid, webname: webname, permissiontype: 0}}}};
</script>
<script language="javascript" src="{JPAGE_SCRIPT_PATH}"></script>"""


def head_extra(maketime: str) -> str:
    """Hanweb fingerprint: jquery right after the charset meta, Generator/Author/Maketime metas."""
    return (f'<script language="javascript" src="{JQUERY_PATH}"></script>\n'
            "<meta name='Generator' content='大汉版通'>\n<meta name='Author' content='大汉网络'>\n"
            f"<meta name='Maketime' content='{maketime}'>\n")


def dataproxy_response(records: list[str], start: int, end: int, perpage: int) -> str:
    """XML answer: ``<datastore><totalrecord>N</totalrecord><totalpage>K</totalpage><recordset>…``.

    ``start``/``end`` are 1-based and inclusive, as Hanweb's startrecord/endrecord are; ``perpage``
    only decides totalpage, exactly like the real endpoint.
    """
    total = len(records)
    pages = -(-total // perpage) if perpage > 0 else 0
    chosen = records[max(start, 1) - 1:max(end, 0)]
    rows = "\n".join(f"<record><![CDATA[{item}]]></record>" for item in chosen)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n<totalrecord>{total}</totalrecord>\n'
            f"<totalpage>{pages}</totalpage>\n<recordset>\n{rows}\n</recordset>\n</datastore>\n")


# A dependency-free stand-in for Hanweb's jpage plug-in, so a browser shows the embedded records and
# can page through dataproxy.jsp. A crawler never needs it; it keeps rendered crawls meaningful.
JPAGE_JS = r"""/* jpage stand-in for the sample site */
(function () {
  function render(box, xml) {
    var list = box.querySelector('ul.jpage-list');
    if (!list) {
      list = document.createElement('ul'); list.className = 'jpage-list list'; box.appendChild(list);
    }
    var re = /<record><!\[CDATA\[([\s\S]*?)\]\]><\/record>/g, m, out = '';
    while ((m = re.exec(xml)) !== null) { out += m[1]; }
    list.innerHTML = out;
  }
  function load(box, cfg, page) {
    var start = (page - 1) * cfg.perPage + 1, end = page * cfg.perPage;
    var body = Object.keys(cfg.param).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(cfg.param[k]); }).join('&');
    var xhr = new XMLHttpRequest();
    var query = '?startrecord=' + start + '&endrecord=' + end + '&perpage=' + cfg.perPage;
    xhr.open('POST', cfg.proxyUrl + query);
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    xhr.onload = function () { render(box, xhr.responseText); pager(box, cfg, page); };
    xhr.send(body);
  }
  function pager(box, cfg, page) {
    var pages = Math.ceil(cfg.totalRecord / cfg.perPage), bar = box.querySelector('.jpage-bar');
    if (!bar) { bar = document.createElement('div'); bar.className = 'jpage-bar'; box.appendChild(bar); }
    bar.innerHTML = '';
    for (var i = 1; i <= pages; i++) {
      var b = document.createElement('button'); b.textContent = i; b.disabled = (i === page);
      b.onclick = (function (p) { return function () { load(box, cfg, p); }; })(i);
      bar.appendChild(b);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var cfg = window.jpageConfig; if (!cfg) { return; }
    var box = document.getElementById(cfg.param.unitid);
    var script = box && box.querySelector('script[type="text/xml"]');
    if (script) { render(box, script.textContent); pager(box, cfg, 1); }
  });
})();
"""
