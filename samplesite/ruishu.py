"""A 瑞数 (Riversecurity)-style challenge, shaped like ``shared/realpages/rs-challenge_*.html``.

Without the right cookie the protected column answers HTTP 412 with a tiny page: no ``<title>``, a
``<meta content="…" r="m">`` token, an inline ``$_ts`` bootstrap with ``nsd`` and ``cd``, an external
script and a trailing ``_$gx()`` call. The external script computes a cookie from ``nsd`` and ``cd``,
sets it and reloads, so a real browser gets through on the second request; a plain HTTP client never
does. :func:`cookie_value` is the same computation in Python, for the server and for tests.
"""

from __future__ import annotations

import random
import string

COOKIE_NAME = "QxKz7Jm2L5cN80T"  # the "{prefix}T" cookie the script sets
SERVER_COOKIE_NAME = "QxKz7Jm2L5cN80S"  # the "{prefix}S" cookie the 412 response sets
SCRIPT_PATH = "/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js"
STATUS = 412
NSD = 48213
_ALPHABET = string.ascii_letters + string.digits + "._"


def _token(seed: int, length: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_ALPHABET) for _ in range(length))


CD = _token(20260630, 1800)
META_TOKEN = _token(412, 64)


def cookie_value(nsd: int = NSD, cd: str = CD) -> str:
    """h = nsd; h = (h*31 + code) mod 2^31-1 for each character of cd; written in base 36."""
    value = nsd
    for char in cd:
        value = (value * 31 + ord(char)) % 2147483647
    digits = string.digits + string.ascii_lowercase
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if value == 0:
            return out


def challenge_page() -> str:
    """The 412 body."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta content="{META_TOKEN}" r="m"><!--[if lt IE 9]><script r='m'>document.createElement("section")</script><![endif]--><script type="text/javascript" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={{}};$_ts.nsd={NSD};$_ts.cd="{CD}";if($_ts.lcd)$_ts.lcd();</script><script type="text/javascript" charset="utf-8" src="{SCRIPT_PATH}" r='m'></script></head>
<body>
</body>
</html>
<script type="text/javascript" r='m'>_$gx();</script>
"""


def challenge_script() -> str:
    """The external script: derive the cookie from $_ts, set it, reload."""
    return f"""(function () {{
  window._$gx = function () {{
    var ts = window.$_ts || {{}}, h = ts.nsd || 0, cd = ts.cd || '';
    for (var i = 0; i < cd.length; i++) {{ h = (h * 31 + cd.charCodeAt(i)) % 2147483647; }}
    document.cookie = '{COOKIE_NAME}=' + h.toString(36) + '; path=/';
    location.reload();
  }};
}})();
"""


def passes(cookie_header: str | None) -> bool:
    """Whether a request's Cookie header carries the cookie the script would have set."""
    if not cookie_header:
        return False
    wanted = f"{COOKIE_NAME}={cookie_value()}"
    return any(part.strip() == wanted for part in cookie_header.split(";"))
