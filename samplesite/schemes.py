"""List schemes beyond plain TRS/HTML/Hanweb lists: one sample column per real scheme (cms-patterns.md §1–§4).

Each column imitates what its platform serves, so the crawler's adapters meet the real shapes:

* ``jpaas`` — Hanweb jpaas (realpages #18): the list is an inline ``articleList: [{…}]`` JSON array (``urls``
  a JSON string inside the JSON), the count in ``channelsTagSelf.articleCount``, ``loadPageData({unitid,
  perPage …})``; later pages are ``index.html?uid={unitid}&pageNum={n}``, served by the server.
* ``trs_json`` — a TRS list page whose HTML list is empty; an inline script loads ``{name}.json``
  (``{"data":[{"URL","FILENAME","PUBDATE",…}]}``, realpages #8) and pages through it in the browser.
* ``fjdz`` — Fujian 政务云 "trt" list (realpages #5): page 1 static in ``ms-visible="showStatic"``,
  ``listModel({… classsql:"chnlid=N", pagebar:{prepage, recordCount}})``; later pages only from
  ``POST /fjdzapp/search`` (JSON ``{"data":[{doctitle, docreltime, chnldocurl}]}``).
* ``gansu`` — Gansu provincial / Kaipuyun ``/{site}/c{id}/zwgklist.shtml`` (realpages #10): rows and the
  6-argument ``createPageHTML('page_div', count, current, 'zwgklist', 'shtml', total)`` inside an HTML
  comment; pages ``zwgklist_2.shtml`` ….
* ``query`` — a generic CMS list paged by ``?page=N`` links (共N页, 下一页, 尾页).
* ``inline_json`` — a hand-written template: ``var data = [{title:'…', url:'…', publishTime:'…'}]`` (a JS
  literal, not JSON) rendered into an empty ``<ul>``; pages ``?pageIndex=N`` by plain links.
* ``js`` — only a browser can read it: an empty ``<ul id="projList">`` that a script fills with
  ``fetch('/zwgk/api/{key}/list?page=N&rows=K')``, whose answer has an unguessable shape
  (``{"result":{"rows":[{"xmmc","ljdz","fbrq"}]}}``); the script also writes the pager (``?p=2``).

Links: documents that a page holds as script data (jpaas, inline_json) or in a comment (gansu) are links
of that page, as a browser (or the crawler's list reading) shows them; records that only a data
endpoint returns (trs_json feed, fjdz search, the js API) are column items, not links of a stored page.
The js column's rows and pager exist only after rendering: they are the ``with_browser`` view's links.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from samplesite import templates
from samplesite.model import Column, Doc, Link, Linker, url

if TYPE_CHECKING:
    from samplesite.builder import SiteBuilder

FJDZ_SEARCH_PATH = "/fjdzapp/search"
FJDZ_SEARCH_ID = "200210"
JPAAS_CONTENT_BASE = 1951206363600000000  # jpaas content ids are 19 digits
API_PREFIX = "/zwgk/api/"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def doc_path(column: Column, doc: Doc) -> str | None:
    """Document URL path in the scheme's own style, or None for the TRS ``./YYYYMM/t…`` default."""
    if column.cms == "jpaas":
        return f"{column.path.rsplit('/', 1)[0]}/content/content_{JPAAS_CONTENT_BASE + doc.doc_id}.html"
    if column.cms == "gansu":
        return f"{column.path.rsplit('/', 1)[0]}/{doc.day:%Y%m}/{doc.doc_id}.shtml"
    if column.cms == "query":
        return f"{column.path}{doc.doc_id}.html"
    return None


def api_path(column: Column) -> str:
    return f"{API_PREFIX}{column.ids['api']}/list"


# ----- data endpoint answers (the server calls these) ------------------------------------------------

def fjdz_record(doc: Doc, origin: str) -> dict:
    """One /fjdzapp/search record, as the Pingtan replay's: absolute URLs, TRS field names."""
    target = f"{{{{{origin}}}}}{doc.path}"
    return {"doctitle": doc.title, "docreltime": doc.pub_time + ":00", "chnldocurl": target, "docpuburl": target,
            "docid": str(doc.doc_id), "idxid": doc.index_no, "fileno": doc.doc_no, "publisher": doc.publisher}


def fjdz_search_response(records: list[dict], page: int, prepage: int) -> str:
    """``{"data":[…], "page", "prepage", "total", "count", "pageCount"}`` for one page of a channel."""
    prepage = max(prepage, 1)
    rows = records[max(page - 1, 0) * prepage: max(page, 0) * prepage]
    return _json({"data": rows, "page": page, "prepage": prepage, "total": len(records), "count": len(records),
                  "pageCount": -(-len(records) // prepage)})


def api_record(doc: Doc) -> dict:
    """One record of the js column's API: pinyin-abbreviation keys no adapter can guess."""
    return {"xmbh": f"QSXM-{doc.day.year}-{doc.doc_id}", "xmmc": doc.title, "ljdz": doc.path,
            "fbrq": doc.day.isoformat(), "zrdw": doc.publisher}


def api_response(records: list[dict], page: int, rows: int) -> str:
    rows = max(rows, 1)
    chosen = records[max(page - 1, 0) * rows: max(page, 0) * rows]
    return _json({"code": 200, "msg": "成功", "result": {"total": len(records), "pageNo": page, "pageSize": rows,
                                                      "rows": chosen}})


# ----- rendering --------------------------------------------------------------------------------------

class SchemeColumns:
    """Rendering of the scheme columns; mixed into a :class:`SiteBuilder`."""

    rendered_links: dict[str, list[Link]]  # page path -> links only a browser's DOM has

    def render_scheme_column(self: SiteBuilder, column: Column) -> None:
        render = {"jpaas": self._render_jpaas, "trs_json": self._render_trs_json, "fjdz": self._render_fjdz,
                  "gansu": self._render_gansu, "query": self._render_query, "inline_json": self._render_inline_json,
                  "js": self._render_js}[column.cms]
        render(column)
        self.render_docs(column)

    def _list_page(self: SiteBuilder, column: Column, index: int, ln: Linker, body: str,
                   head_extra: str = "") -> None:
        html = self.frame(ln, column, title=f"{column.name}_{self.name}",
                          body=f'<div class="list-title"><h2>{templates.esc(column.name)}</h2></div>{body}',
                          current=column.path, head_extra=head_extra)
        self.origin.add_page(column.page_path(index), html, ln, stored=self.stored(column, index))

    # -- Hanweb jpaas ---------------------------------------------------------------------------------
    def _render_jpaas(self: SiteBuilder, column: Column) -> None:
        unit, site, code = column.ids["unitid"], column.ids["site"], column.ids["code"]
        channel = {"code": code, "showName": column.name, "channelType": "0", "childCount": 0,
                   "articleCount": len(column.docs), "name": column.name, "describes": column.name,
                   "urls": _json({"pc": column.path}), "showOrNot": 1}
        for index, docs in enumerate(column.chunks()):
            ln = self.origin.linker(column.page_path(index))
            articles = [{"classify": 0, "metadata": {}, "title": doc.title, "type": 0, "pubDate": doc.pub_time,
                         "urls": _json({"pc": ln.href(self.u(doc.path))}), "contentSource": doc.publisher,
                         "showTitle": doc.title, "topStatus": 0, "archiveStatus": 0} for doc in docs]
            body = f"""<div class="List_list" id="div{unit}"></div>
<script id="tpl{unit}" type="text/x-handlebars-template">
<ul class='List_list'>{{{{#each data}}}}<li><a href='{{{{url}}}}' title='{{{{title}}}}'>{{{{title}}}}</a><span>{{{{pubDate}}}}</span></li>{{{{/each}}}}</ul>
</script>
<script>
var websiteCode = '{site}', codeName = '{code}';
var channelsTagSelf = {_json(channel)}; //当前栏目信息
var listData = {{
  articleList: {_json(articles)},
}};
var params = {{
  current: {index + 1},
  unitid: '{unit}',
  webSiteCode: ['{site}'],
  channelCode: ['{code}'],
  perPage: '{column.page_size}',
  showMode: 'normal',
  templateContainerId: 'div{unit}',
}};
window.loadPageData = window.loadPageData || function (p) {{
  var box = document.getElementById(p.templateContainerId), out = '';
  listData.articleList.forEach(function (a) {{
    out += '<li><a href="' + JSON.parse(a.urls).pc + '">' + a.title + '</a><span>' + a.pubDate.substring(0, 10) + '</span></li>';
  }});
  box.innerHTML = '<ul class="List_list">' + out + '</ul>';
}};
loadPageData(params, '{unit}');
</script>"""
            self._list_page(column, index, ln, body)

    # -- TRS JSON feed --------------------------------------------------------------------------------
    def _render_trs_json(self: SiteBuilder, column: Column) -> None:
        feed = column.ids["feed"]
        ln = self.origin.linker(column.path)
        body = f"""<ul class="list" id="xxgkList"></ul>
<div class="page" id="xxgkPage"></div>
<script type="text/javascript">
(function () {{
  var size = {column.page_size}, rows = [];
  var box = document.getElementById('xxgkList'), bar = document.getElementById('xxgkPage');
  function show(page) {{
    var html = '', out = '';
    rows.slice((page - 1) * size, page * size).forEach(function (r) {{
      html += '<li><a href="' + r.URL + '" title="' + r.FILENAME + '">' + r.FILENAME + '</a>'
        + '<span class="date">' + r.PUBDATE.substring(0, 10) + '</span></li>';
    }});
    box.innerHTML = html;
    for (var i = 1; i <= Math.ceil(rows.length / size); i++) {{
      out += '<button type="button" data-page="' + i + '"' + (i === page ? ' disabled' : '') + '>' + i + '</button>';
    }}
    bar.innerHTML = out;
  }}
  bar.onclick = function (e) {{ var p = e.target.getAttribute('data-page'); if (p) {{ show(+p); }} }};
  var xhr = new XMLHttpRequest();
  xhr.open('GET', './{feed}');
  xhr.onload = function () {{ rows = JSON.parse(xhr.responseText).data; show(1); }};
  xhr.send();
}})();
</script>"""
        self._list_page(column, 0, ln, body)
        records = [{"IdxID": doc.index_no, "URL": f"./{doc.path.removeprefix(column.path)}", "FILENAME": doc.title,
                    "FILETYPE": "其他文件", "FILENUM": doc.doc_no, "PUBLISHER": doc.publisher,
                    "PUBDATE": doc.pub_time + ":00", "DOCRELTIME": doc.pub_time + ":00",
                    "EFFECTIVESTATE": doc.validity or "", "SUBJECTCLASS": "综合政务"} for doc in column.docs]
        self.origin.add_file(column.path + feed, (_json({"data": records}) + "\n").encode("utf-8"),
                             "application/json; charset=utf-8")

    # -- Fujian 政务云 ----------------------------------------------------------------------------------
    def _render_fjdz(self: SiteBuilder, column: Column) -> None:
        chnl = column.ids["chnlid"]
        ln = self.origin.linker(column.path)
        rows = "\n".join(
            f'<dl><dd class="trt-col-20 text_align_left">{ln.a(self.u(doc.path), doc.title, rel=True, title=True)}'
            f'</dd><dd class="trt-col-4 text_align_left">{doc.day.isoformat()}</dd></dl>'
            for doc in column.chunks()[0])
        body = f"""<div class="xxgk_list">
<div class="rules_tabs_01" ms-visible="showStatic">
{rows}
</div>
<div class="rules_tabs_01" ms-visible="!showStatic">
<dl ms-repeat-el="listData"><dd class="trt-col-20"><a target="_blank" ms-attr-href="el.chnldocurl" \
ms-attr-title="el.doctitle" ms-text="el.doctitle"></a></dd><dd class="trt-col-4" ms-text="el.docreltime"></dd></dl>
</div>
<div class="page_base" ms-controller="list_pagebar" ms-if="pageCount&gt;0"></div>
</div>
<script>
var SiteInfo = {{
    searchId: {FJDZ_SEARCH_ID}, //默认的文档检索频道的ID
    defaultPgTemp: "pgBar_xxgk.html"
}};
if (window.require) {{
    require(["list2.trsapi", "tools"], function(listModel, tools) {{
        listModel({{
            quickMode: "动静结合",
            maxStaticIndex: 1,
            listArgs: {{
                channelid: SiteInfo.searchId,
                classsql: "" || "chnlid={chnl}",
                sortfield: "-docorderpri,-docreltime"
            }},
            pagebar: {{
                prepage: {column.page_size},
                recordCount: '{len(column.docs)}',
                pgTemp: "pgBar_xxgk.html",
                pgCountMode: "recordCount"
            }}
        }});
    }});
}}
</script>"""
        self._list_page(column, 0, ln, body, head_extra=f'<meta name="ChnlId" content="{chnl}">\n')
        key = f"fjdz_{chnl}"
        self.origin.data[key] = [fjdz_record(doc, self.origin_name) for doc in column.docs]
        route = self.origin.routes.setdefault(FJDZ_SEARCH_PATH, {"kind": "fjdz_search", "channels": {}})
        route["channels"][chnl] = {"data": key, "channelid": FJDZ_SEARCH_ID}

    # -- Gansu / Kaipuyun ------------------------------------------------------------------------------
    def _render_gansu(self: SiteBuilder, column: Column) -> None:
        count, total = column.list_pages, len(column.docs)
        for index, docs in enumerate(column.chunks()):
            ln = self.origin.linker(column.page_path(index))
            rows = "\n".join(
                f"""
                                <li>
                                    <a target="_blank" href="{ln.href(self.u(doc.path))}" title="{templates.esc(doc.title)}">
                                        {templates.esc(doc.title)}
                                    </a>
                                    <b>{doc.day.isoformat()}</b>
                                </li>""" for doc in docs)
            body = f"""<div class="zfxxgk_zdgkc">
<input id="page" type="hidden" value="{index + 1}">
<input id="pageSize" type="hidden" value="{column.page_size}">
<ul class="jytxxgklist">
<!--
{rows}

<script>createPageHTML('page_div',{count}, {index + 1},'zwgklist','shtml',{total});</script>-->
</ul>
<div id="page_div" class="page"></div>
</div>"""
            self._list_page(column, index, ln, body)

    # -- generic ?page=N -------------------------------------------------------------------------------
    def _query_pager(self: SiteBuilder, ln: Linker, column: Column, index: int) -> str:
        count = column.list_pages
        if count <= 1:
            return ""
        def link(i: int, label: str) -> str:
            return ln.a(self.u(column.page_path(i)), label)

        parts = [f"<span>共{count}页</span>", link(0, "首页")]
        parts.append(link(index - 1, "上一页") if index > 0 else "<span>上一页</span>")
        parts += [f'<span class="now">{i + 1}</span>' if i == index else link(i, str(i + 1)) for i in range(count)]
        parts.append(link(index + 1, "下一页") if index < count - 1 else "<span>下一页</span>")
        parts.append(link(count - 1, "尾页"))
        return f'<div class="pagination">{" ".join(parts)}</div>'

    def _render_query(self: SiteBuilder, column: Column) -> None:
        for index, docs in enumerate(column.chunks()):
            ln = self.origin.linker(column.page_path(index))
            rows = "\n".join(f'<li>{ln.a(self.u(doc.path), doc.title, title=True)}'
                             f'<span class="date">{doc.day.isoformat()}</span></li>' for doc in docs)
            body = f'<ul class="list">\n{rows}\n</ul>\n{self._query_pager(ln, column, index)}'
            self._list_page(column, index, ln, body)

    # -- inline JS data array -------------------------------------------------------------------------
    def _render_inline_json(self: SiteBuilder, column: Column) -> None:
        for index, docs in enumerate(column.chunks()):
            ln = self.origin.linker(column.page_path(index))
            records = ",\n".join(
                f"  {{title: '{doc.title}', url: '{ln.href(self.u(doc.path))}', publishTime: '{doc.pub_time}', "
                f"source: '{doc.publisher}'}}" for doc in docs)
            body = f"""<ul class="list" id="ggfwList"></ul>
{self._query_pager(ln, column, index)}
<script type="text/javascript">
var data = [
{records}
];
(function () {{
  var box = document.getElementById('ggfwList'), html = '';
  for (var i = 0; i < data.length; i++) {{
    html += '<li><a href="' + data[i].url + '" title="' + data[i].title + '">' + data[i].title + '</a>'
      + '<span class="date">' + data[i].publishTime.substring(0, 10) + '</span></li>';
  }}
  box.innerHTML = html;
}})();
</script>"""
            self._list_page(column, index, ln, body)

    # -- a list only a browser can read ---------------------------------------------------------------
    def _render_js(self: SiteBuilder, column: Column) -> None:
        size = column.page_size
        for index, docs in enumerate(column.chunks()):
            path = column.page_path(index)
            ln = self.origin.linker(path)
            body = f"""<ul class="list" id="projList"></ul>
<div class="page" id="projPager"></div>
<script type="text/javascript">
(function () {{
  var size = {size};
  var m = /[?&]p=(\\d+)/.exec(location.search), page = m ? parseInt(m[1], 10) : 1;
  fetch('{api_path(column)}?page=' + page + '&rows=' + size)
    .then(function (r) {{ return r.json(); }})
    .then(function (d) {{
      var html = '', bar = '', pages = Math.ceil(d.result.total / size);
      d.result.rows.forEach(function (row) {{
        html += '<li><a href="' + row.ljdz + '" title="' + row.xmmc + '">' + row.xmmc + '</a>'
          + '<span class="date">' + row.fbrq + '</span></li>';
      }});
      document.getElementById('projList').innerHTML = html;
      for (var i = 1; i <= pages; i++) {{
        bar += i === page ? '<span class="now">' + i + '</span>'
          : '<a href="' + (i === 1 ? location.pathname : '?p=' + i) + '">' + i + '</a>';
      }}
      document.getElementById('projPager').innerHTML = bar;
    }});
}})();
</script>"""
            self._list_page(column, index, ln, body)
            # What the script writes: the rows, then the pager (page 1 linked by its path).
            shown = Linker(self.origin_name, path)
            for doc in docs:
                shown.href(self.u(doc.path))
            for other in range(column.list_pages):
                if other != index:
                    shown.href(url(self.origin_name, column.page_path(other)))
            self.rendered_links[path] = shown.links
        key = f"api_{column.ids['api']}"
        self.origin.data[key] = [api_record(doc) for doc in column.docs]
        self.origin.route(api_path(column), {"kind": "json_api", "data": key, "rows": size})
