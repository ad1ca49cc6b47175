"""HTML templates: the page frame, list bodies, pagers, document bodies and special pages.

Markup imitates the real pages in ``shared/realpages`` (TRS WCM lists with ``createPageHTML``,
``TRS_Editor`` bodies, ``CurrChnlCls`` breadcrumbs, Hanweb ``<datastore>`` lists, 瑞数 challenge stubs)
closely enough that parsers written against real sites work here too.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from samplesite.content import cn_date
from samplesite.model import Column, Doc, Link, Linker

STYLESHEET_PATH = "/images/style.css"
CSS = """
body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333;background:#f3f5f8}
a{color:#333;text-decoration:none}a:hover{color:#b5111b}.w{width:1200px;margin:0 auto}
.header{background:#b5111b;color:#fff;padding:18px 0}.header .site-name{font-size:30px;margin-left:12px}
.nav{background:#8e0d15}.nav ul{list-style:none;margin:0 auto;padding:0;display:flex}
.nav li{position:relative}.nav li a{color:#fff;display:block;padding:10px 28px}
.nav .sub{display:none}.breadcrumb{padding:10px 0}.main{display:flex;gap:20px;min-height:520px}
.left-nav{width:230px;background:#fff}.left-nav h2{background:#b5111b;color:#fff;margin:0;padding:8px}
.left-nav ul{list-style:none;padding:0 0 0 12px}.left-nav .on>a{color:#b5111b;font-weight:bold}
.right-content{flex:1;background:#fff;padding:16px 24px}.list li{display:flex;justify-content:space-between}
.xxgk-table{width:100%;border-collapse:collapse;background:#f9f9f9}
.xxgk-table th,.xxgk-table td{border:1px solid #ddd}
.footer{background:#e6e9ee;margin-top:20px;padding:16px 0;text-align:center;font-size:13px}
""".strip()

CREATE_PAGE_HTML = r"""
//WCM置标：分页
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
    if(_nPageCount == null || _nPageCount <= 1){ return; }
    var nCurrIndex = _nCurrIndex || 0;
    function pageUrl(i){ return _sPageName + (i == 0 ? "" : "_" + i) + "." + _sPageExt; }
    if(nCurrIndex == 0){ document.write("<span>首页</span>&nbsp;<span>上一页</span>&nbsp;"); }
    else {
        document.write("<a href=\"" + pageUrl(0) + "\">首页</a>&nbsp;");
        document.write("<a href=\"" + pageUrl(nCurrIndex - 1) + "\">上一页</a>&nbsp;");
    }
    for(var i = 0; i < _nPageCount; i++){
        if(i == nCurrIndex){ document.write("<span class=\"now\">" + (i + 1) + "</span>&nbsp;"); }
        else { document.write("<a href=\"" + pageUrl(i) + "\">" + (i + 1) + "</a>&nbsp;"); }
    }
    if(nCurrIndex == _nPageCount - 1){ document.write("<span>下一页</span>&nbsp;<span>尾页</span>"); }
    else {
        document.write("<a href=\"" + pageUrl(nCurrIndex + 1) + "\">下一页</a>&nbsp;");
        document.write("<a href=\"" + pageUrl(_nPageCount - 1) + "\">尾页</a>");
    }
}
""".strip()


@dataclass
class SiteInfo:
    """The parts of the page frame that belong to a site rather than to a page."""

    origin: str
    name: str
    domain: str
    idcode: str
    host_unit: str
    icp: str
    nav: list[tuple[str, str, list[tuple[str, str]]]]  # (label, target, sub-items)
    platform_title: str = "政府信息公开"
    left_nav: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    fragments: dict[str, tuple[str, list[Link]]] = field(default_factory=dict, repr=False)

    def fragment(self, key: str, ln: Linker, render: Callable[[Linker], str]) -> str:
        """Render a page-independent fragment once (navigation links are absolute paths), then reuse
        its HTML and record its links on every page: the 50,000-page site renders in seconds."""
        if key not in self.fragments:
            probe = Linker(self.origin, "/")
            self.fragments[key] = (render(probe), probe.links)
        html_text, links = self.fragments[key]
        ln.extend(links)
        return html_text


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def meta_tags(values: dict[str, str]) -> str:
    """National-standard meta tags (政府网站发展指引): SiteName, ColumnName, ArticleTitle, PubDate …"""
    return "\n".join(f'<meta name="{name}" content="{esc(value)}">' for name, value in values.items())


def nav_html(site: SiteInfo, ln: Linker) -> str:
    """Header navigation with its drop-down sub-items."""
    items = []
    for label, target, children in site.nav:
        sub = "".join(f"<li>{ln.a(t, text)}</li>" for text, t in children)
        sub_html = f'<ul class="sub">{sub}</ul>' if sub else ""
        items.append(f"<li>{ln.a(target, label)}{sub_html}</li>")
    return f'<div class="nav"><ul class="w">{"".join(items)}</ul></div>'


def header_html(site: SiteInfo, ln: Linker) -> str:
    """Logo, site name and the header navigation."""
    logo = ln.img(f"{{{site.origin}}}/images/logo.png", site.name)
    home = ln.a(f"{{{site.origin}}}/", site.name, attrs='class="site-name"')
    return f'<div class="header"><div class="w">{logo}{home}</div></div>\n{nav_html(site, ln)}'


def breadcrumb_html(ln: Linker, crumbs: list[tuple[str, str]]) -> str:
    """当前位置 trail, with TRS's CurrChnlCls class on each link."""
    parts = [ln.a(target, label, title=True, attrs='class="CurrChnlCls"') for label, target in crumbs]
    return f'<div class="breadcrumb w">当前位置：{" &gt; ".join(parts)}</div>'


def left_nav_html(site: SiteInfo, ln: Linker, current: str) -> str:
    """The platform's left navigation: sections, and the statutory sub-columns under their section."""
    def item(label: str, target: str, inner: str = "") -> str:
        on = ' class="on"' if target == current else ""
        return f"<li{on}>{ln.a(target, label)}{inner}</li>"

    items = []
    for label, target, children in site.left_nav:
        sub = "".join(item(text, t) for text, t in children)
        items.append(item(label, target, f"<ul>{sub}</ul>" if sub else ""))
    return (f'<div class="left-nav"><h2>{esc(site.platform_title)}</h2>'
            f'<ul>{"".join(items)}</ul></div>')


def footer_html(site: SiteInfo, extra: str = "") -> str:
    """Footer: 主办单位, 网站标识码, ICP and the 我为政府网站找错 script (served by the external origin)."""
    return (f'<div class="footer"><div class="w">{extra}'
            f"<p>主办单位：{esc(site.host_unit)}　网站标识码：{site.idcode}</p>"
            f"<p>{esc(site.icp)}　建议使用1920×1080分辨率浏览本网站</p></div></div>\n"
            f'<script id="_jiucuo_" sitecode="{site.idcode}" '
            'src="{{external}}/exposure/jiucuo.js"></script>')


def layout(site: SiteInfo, ln: Linker, *, title: str, column: str, body: str,
           charset_tag: str = '<meta charset="utf-8">', meta: dict[str, str] | None = None,
           head_extra: str = "", crumbs: list[tuple[str, str]] | None = None,
           left_nav: str | None = None, footer_extra: str = "") -> str:
    """The frame every page shares: head with meta tags, header, nav, breadcrumb, left nav, footer.

    ``left_nav`` is the current item's target on platform pages (they all carry the left nav), or
    None on pages outside the platform.
    """
    tags = {"SiteName": site.name, "SiteDomain": site.domain, "SiteIDCode": site.idcode,
            "ColumnName": column, **(meta or {})}
    header = site.fragment("header", ln, lambda probe: header_html(site, probe))
    crumb_html = breadcrumb_html(ln, crumbs) if crumbs else ""
    side = (site.fragment(f"left:{left_nav}", ln, lambda probe: left_nav_html(site, probe, left_nav))
            if left_nav is not None else "")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_tag}
{head_extra}{meta_tags(tags)}
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="{STYLESHEET_PATH}">
</head>
<body>
{header}
{crumb_html}
<div class="main w">
{side}
<div class="right-content">
{body}
</div>
</div>
{footer_html(site, footer_extra)}
</body>
</html>
"""


def format_date(day, style: str) -> str:
    """List dates in the formats real lists use (rules.md §7.1)."""
    if style == "bracket":
        return f"[{day.isoformat()}]"
    if style == "cn":
        return cn_date(day)
    return day.isoformat()


def ul_list(ln: Linker, docs: list[Doc], *, date_style: str = "iso", date_class: str = "date",
            rel: bool = True) -> str:
    """``<ul class="list">`` rows: a link and (unless the row is undated) a date span."""
    rows = []
    for doc in docs:
        date = (f'<span class="{date_class}">{format_date(doc.day, date_style)}</span>'
                if doc.dated_in_list else "")
        rows.append(f"<li>{ln.a(url_of(ln, doc), doc.title, rel=rel, title=True)}{date}</li>")
    return f'<ul class="list">\n{chr(10).join(rows)}\n</ul>'


def table_list(ln: Linker, docs: list[Doc]) -> str:
    """Handan-style 名称 | 索引号 | 发布机构 | 发布日期 table."""
    rows = "\n".join(
        f"<tr><td>{ln.a(url_of(ln, doc), doc.title, rel=True, title=True)}</td>"
        f"<td>{esc(doc.index_no or '')}</td><td>{esc(doc.publisher)}</td><td>{doc.day.isoformat()}</td></tr>"
        for doc in docs)
    return ('<table class="zc-table"><tbody>\n<tr><th width="47%">名称</th><th width="21%">索引号</th>'
            f'<th width="19%">发布机构</th><th width="12%">发布日期</th></tr>\n{rows}\n</tbody></table>')


def url_of(ln: Linker, doc: Doc) -> str:
    """Ground-truth URL of a document of the page's own site."""
    return url_of_path(ln, doc.path)


def trs_pager(count: int, index: int) -> str:
    """TRS pager: only a script, so pages 2… are not visible as <a> links to an HTML parser."""
    return (f'<div class="page"><script type="text/javascript">\n{CREATE_PAGE_HTML}\n'
            f'createPageHTML({count}, {index}, "index", "html");\n</script></div>')


def html_pager(ln: Linker, column: Column, index: int) -> str:
    """A plain-link pager (首页 上一页 3 4 5 6 7 8 下一页 尾页): a window of six page numbers, as
    real pagers show, so a crawler has to walk 下一页 on long lists."""
    count = column.list_pages
    if count <= 1:
        return ""
    def target(i: int) -> str:
        return url_of_path(ln, column.page_path(i))

    parts = [ln.a(target(0), "首页", rel=True)]
    parts.append(ln.a(target(index - 1), "上一页", rel=True) if index > 0 else "<span>上一页</span>")
    first = max(0, min(index - 2, count - 6))
    parts += [f'<span class="now">{i + 1}</span>' if i == index else ln.a(target(i), str(i + 1), rel=True)
              for i in range(first, min(count, first + 6))]
    parts.append(ln.a(target(index + 1), "下一页", rel=True) if index < count - 1 else "<span>下一页</span>")
    parts.append(ln.a(target(count - 1), "尾页", rel=True))
    return f'<div class="page">{"&nbsp;".join(parts)}</div>'


def metadata_table(doc: Doc) -> str:
    """The 政府信息公开 metadata block (索引号, 发布机构, 成文日期, 发布日期, 文号, 有效性, 名称)."""
    written = (doc.written or doc.day).isoformat()
    validity = (f"<th>有&ensp;效&ensp;性：</th><td>{esc(doc.validity)}</td>" if doc.validity is not None
                else "<th></th><td></td>")
    return f"""<div class="xxgk-info"><table class="xxgk-table"><tbody>
<tr><th>索&ensp;引&ensp;号：</th><td>{esc(doc.index_no or '')}</td>\
<th>发布机构：</th><td>{esc(doc.publisher)}</td></tr>
<tr><th>成文日期：</th><td>{written}</td><th>发布日期：</th><td>{doc.day.isoformat()}</td></tr>
<tr><th>文&emsp;&emsp;号：</th><td>{esc(doc.doc_no)}</td>{validity}</tr>
<tr><th>名&emsp;&emsp;称：</th><td colspan="3">{esc(doc.title)}</td></tr>
</tbody></table></div>"""


def doc_meta(doc: Doc) -> dict[str, str]:
    """Article-level national meta tags."""
    return {"ArticleTitle": doc.title, "PubDate": doc.pub_time, "ContentSource": doc.publisher}


def attachments_html(ln: Linker, doc: Doc) -> str:
    """附件 list and inline images, linked relative to the document as TRS does."""
    parts = []
    for image in doc.images:
        picture = ln.img(url_of_path(ln, image.path), image.label, rel=True)
        parts.append(f'<p style="text-align:center">{picture}</p>')
    if doc.attachments:
        items = "".join(f"<li>{ln.a(url_of_path(ln, item.path), item.label, rel=True)}</li>"
                        for item in doc.attachments)
        parts.append(f'<div class="attachments"><p>附件：</p><ul>{items}</ul></div>')
    if doc.related:
        links = "　".join(ln.a(target, label) for target, label in doc.related)
        parts.append(f'<div class="related"><p>相关链接：{links}</p></div>')
    return "\n".join(parts)


def url_of_path(ln: Linker, path: str) -> str:
    """Ground-truth URL of a path of the page's own site."""
    return f"{{{ln.origin}}}{path}"


def paragraphs_html(paragraphs: list[str]) -> str:
    """Plain text paragraphs, indented as official documents are."""
    return "\n".join(f'<p style="text-indent:2em">{esc(p)}</p>' for p in paragraphs)


def article_html(ln: Linker, doc: Doc, body: str, *, editor_class: str = "TRS_Editor",
                 hanweb: bool = False) -> str:
    """Title, 发布时间/来源 line and body (already HTML) of a document."""
    if hanweb:
        body = f"<!--<$[信息内容]>begin-->{body}<!--<$[信息内容]>end-->"
    return f"""<div class="article">
<h1 class="article-title">{esc(doc.title)}</h1>
<div class="article-info"><span>发布时间：{doc.pub_time}</span>　<span>来源：{esc(doc.publisher)}</span></div>
<div class="{editor_class}" id="zoom">
{body}
{attachments_html(ln, doc)}
</div>
</div>"""


def small_page(title: str, body: str, head: str = "") -> str:
    """A tiny page without the site frame (error pages, soft-404s, redirects)."""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{head}<title>{esc(title)}</title></head>'
            f"<body>{body}</body></html>\n")


def not_found_page(site_name: str) -> str:
    """The page served with status 404."""
    return small_page(f"404 页面未找到 - {site_name}",
                      "<h1>404</h1><p>抱歉，您访问的页面不存在或已被删除。</p>")


def soft_404_page(site_name: str) -> str:
    """A 200 page that only says the page does not exist (soft 404, under 2,000 characters)."""
    return small_page(f"提示信息 - {site_name}",
                      '<div class="error"><p>您访问的页面不存在</p><p>请检查网址是否正确，或返回首页。</p></div>')


def meta_refresh_page(target: str) -> str:
    """What Fujian-style platforms serve for a deleted document: refresh to the parent directory."""
    return small_page("", "", head=f'<meta http-equiv="refresh" content="0;url={esc(target)}">')


def error_page(status: int, site_name: str) -> str:
    """The page served with a 5xx status."""
    return small_page(f"{status} - {site_name}", f"<h1>{status}</h1><p>服务器繁忙，请稍后再试。</p>")
