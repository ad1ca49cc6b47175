"""Anti-bot and WAF challenge pages: the response is a gate, not the page asked for.

A challenge must be reported as `blocked`, never as an empty column, a broken link or a site that is
down (contract "Judgements the checks share"). One marker is not enough: real pages of 瑞数-protected
sites carry the `$_ts` bootstrap too (realpages #10–#13), so the whole response is judged — status,
size, title, visible text and markers together:

* 瑞数 (ruishu): `<meta … r="m">` + inline `$_ts`/`$_ss` `.nsd`/`.cd`, no title, no text (#14–#16);
  usually HTTP 412 (sometimes 202/200);
* 加速乐 (jiasule): HTTP 521 with `document.cookie=…;location.href=…`, `__jsl_clearance`;
* 知道创宇云防御 / 创宇盾 (zhidao): its browser-check page;
* 磐云 (panyun): `请稍候... | 磐云`, also when double-decoded (#17), `__panyun` assets;
* WAF stubs (waf): 403/405/406/418/422/429/493… bodies of a few hundred bytes naming a WAF;
* captcha: a tiny page that only asks for a 验证码 / slider.
"""

from __future__ import annotations

import re

from crawler.parse.encoding import looks_like_mojibake, repair_mojibake

# A real page has text; a challenge has a spinner and a sentence at most.
MAX_CHALLENGE_TEXT = 400
MAX_STUB_BYTES = 8_000
MAX_CHALLENGE_BYTES = 200_000

_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_STRIP_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_WS_RE = re.compile(r"\s+")

_RUISHU_RE = re.compile(
    r"\$_(ts|ss)\s*=\s*window\[|\$_(ts|ss)\.(nsd|cd)\s*=|<meta[^>]+\br=['\"]?m['\"]?[\s>/]", re.I
)
_JIASULE_RE = re.compile(
    r"__jsl_clearance|document\.cookie\s*=.{0,400}?location(\.href)?\s*=|jsl_clearance_s|_phantom|jiasule",
    re.I | re.S,
)
_ZHIDAO_RE = re.compile(r"知道创宇云防御|创宇盾|创宇云WAF|yunaq\.com|365cyd|知道创宇.{0,8}(安全|检查|防护)")
_PANYUN_RE = re.compile(r"磐云|__panyun|360panyun", re.I)
_WAF_RE = re.compile(
    r"\bWAF\b|web\s*应用防火墙|网站防火墙|安全狗|safedog|云锁|yunsuo|网站卫士|360wzb|云盾|aliyun.{0,20}(waf|block)|"
    r"errors\.aliyun\.com|腾讯云.{0,6}(WAF|防火墙)|D盾|护卫神|白山云|宝塔|btwaf|网站安全防护|"
    r"您的(访问|请求).{0,12}(拦截|阻断|拒绝)|访问(被|已被).{0,4}(拦截|阻断|拒绝)|非法(请求|访问)|"
    r"安全(拦截|防护)|incapsula|cloudflare|akamai|request blocked|access denied",
    re.I,
)
_CAPTCHA_RE = re.compile(r"验证码|滑动验证|拖动滑块|人机验证|安全验证|captcha|geetest|请完成验证", re.I)
_WAITING_RE = re.compile(
    r"请稍候|正在(检查|验证)|浏览器(安全)?检查|检查浏览器|please wait|checking your browser", re.I
)

# Substrings of which a challenge page carries at least one (checked before any real parsing).
_MARKERS = (
    "$_ts", "$_ss", ' r="m"', " r='m'", "jsl_clearance", "创宇", "磐云", "panyun", "请稍候", "WAF", "waf",
    "防火墙", "拦截", "安全狗", "云锁", "网站卫士", "云盾", "blocked", "Access Denied", "检查浏览器",
    "浏览器安全检查", "Just a moment",
)
_WAF_STATUSES = {403, 405, 406, 418, 419, 422, 429, 444, 493, 501, 503, 567}


def _title(text: str) -> str:
    m = _TITLE_RE.search(text[:20_000])
    return _WS_RE.sub(" ", m.group(1)).strip() if m else ""


def _visible_text(text: str) -> str:
    return _WS_RE.sub(" ", _TAG_RE.sub(" ", _STRIP_RE.sub(" ", text))).strip()


def _header_blob(headers: dict[str, str] | None) -> str:
    if not headers:
        return ""
    return "\n".join(f"{k.lower()}: {v}" for k, v in headers.items())


def _unmangled(text: str) -> str:
    """Double-decoded pages (磐云's, #17) are judged on what they say, not on their mojibake."""
    if len(text) < 50_000 and looks_like_mojibake(text[:20_000]):
        return repair_mojibake(text) or text
    return text


def _worth_judging(status: int, head: str, text: str) -> bool:
    """Cheap gate: a challenge has a telling status, header or marker (most pages have none)."""
    if status in _WAF_STATUSES or status in (202, 412, 521):
        return True
    if any(needle in head for needle in ("jsl", "jiasule", "yunaq", "waf", "safedog", "yunsuo")):
        return True
    return any(needle in text for needle in _MARKERS) or bool(_CAPTCHA_RE.search(text[:5000]))


def classify_challenge(status: int, headers: dict[str, str], text: str) -> str | None:
    """The protection's name when the response is a challenge, else None (see module doc)."""
    text = text or ""
    if len(text) > MAX_CHALLENGE_BYTES:
        return None  # challenge pages are small; a page this size is content
    head = _header_blob(headers)
    text = _unmangled(text)
    if not _worth_judging(status, head.lower(), text):
        return None
    title = _title(text)
    gate = len(_visible_text(text)) <= MAX_CHALLENGE_TEXT  # no content to speak of
    if _RUISHU_RE.search(text[:60_000]) and (gate or not title) and (status in (202, 412) or gate):
        return "ruishu"
    jiasule_head = status == 521 or "__jsl_clearance" in head or "jiasule" in head.lower()
    if jiasule_head and (gate or _JIASULE_RE.search(text)):
        return "jiasule"
    if gate and _JIASULE_RE.search(text) and "document.cookie" in text:
        return "jiasule"
    if _ZHIDAO_RE.search(title) or (gate and _ZHIDAO_RE.search(text)):
        return "zhidao"
    if _PANYUN_RE.search(title) or (gate and _PANYUN_RE.search(text)):
        return "panyun"
    return _classify_stub(status, head, title, text) if gate else None


def _classify_stub(status: int, head: str, title: str, text: str) -> str | None:
    """WAF block pages and captcha walls: small pages whose only message is the block."""
    visible = _visible_text(text)
    small = len(text.encode("utf-8", "ignore")) <= MAX_STUB_BYTES
    if _CAPTCHA_RE.search(title) or (small and _CAPTCHA_RE.search(visible) and "<form" in text.lower()):
        return "captcha"
    names_waf = _WAF_RE.search(title) or _WAF_RE.search(visible) or _WAF_RE.search(head)
    if status in _WAF_STATUSES and small and names_waf:
        return "waf"
    if status == 200 and small and _WAF_RE.search(title):
        return "waf"
    if status in (202, 412) and small and not title:
        return "ruishu" if status == 412 else None
    if small and _WAITING_RE.search(title) and ("<script" in text.lower()):
        return "waf"
    return None
