"""Bytes → text for pages whose charset declarations cannot be trusted.

Old county sites serve GBK under a `charset=utf-8` header, or declare gb2312 while using characters only
GBK/GB18030 have; some pages were double-decoded before they were saved (UTF-8 read as Latin-1, then
written out again), so their text is `è¯·ç¨å…` instead of `请稍候…` (realpages #17). The order here:

1. a byte-order mark wins;
2. bytes that decode as strict UTF-8 are UTF-8, whatever the declarations say (valid multi-byte UTF-8
   is practically never produced by GBK text);
3. otherwise the header charset, then the `<meta>` charset, each tried strictly (gb2312/gbk are
   always read as gb18030, their superset), then GB18030 itself, then charset-normalizer's guess;
4. last resort: UTF-8 with replacement characters.

After decoding, runs of double-decoded UTF-8 are repaired in place; `Decoded.mojibake` tells whether
the final text still looks double-decoded.
"""

from __future__ import annotations

import codecs
import contextlib
import re

from charset_normalizer import from_bytes

from crawler.parse.types import Decoded

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)

# Declarations that say nothing useful: every byte sequence decodes in them, so they cannot be tested.
_UNTESTABLE = {"latin-1", "iso8859-1", "ascii", "cp1252"}
_GB_NAMES = {"gb2312", "gbk", "gb18030", "hz", "gb_2312-80", "csgb2312", "x-gbk", "cp936", "euc-cn"}

# cp1252 characters for bytes 0x80–0x9F (Python's cp1252 codec lacks 0x81, 0x8D, 0x8F, 0x90, 0x9D;
# browsers map those to the C1 controls, which `ord() < 256` already covers).
_CP1252_REVERSE = {}
for _byte in range(0x80, 0xA0):
    with contextlib.suppress(UnicodeDecodeError):
        _CP1252_REVERSE[bytes([_byte]).decode("cp1252")] = _byte

# Double-decoded UTF-8: each multi-byte sequence became a lead character (U+00C2–U+00F4) followed by
# continuation characters (U+0080–U+00BF, or the cp1252 punctuation those bytes turn into).
_CONT = "[\u0080-\u00bf" + "".join(re.escape(c) for c in _CP1252_REVERSE) + "]"
_SEQ = f"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}})"
_SUSPECT_RUN_RE = re.compile(f"(?:{_SEQ})+")
_PAIR_RE = re.compile(f"[\u00c2-\u00f4]{_CONT}")
_C1_RE = re.compile("[\u0080-\u009f]")


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset; every GB variant becomes gb18030 (the superset)."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if codec in ("gb2312", "gbk") else codec


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, as declared (not normalised)."""
    if not content_type:
        return None
    m = _HEADER_CHARSET_RE.search(content_type)
    return m.group(1) if m else None


def meta_charset(body: bytes) -> str | None:
    """The charset of `<meta charset>` or `<meta http-equiv=Content-Type>` in the first 4 KB."""
    m = _CHARSET_RE.search(body[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _try(body: bytes, codec: str | None) -> str | None:
    if not codec or codec in _UNTESTABLE:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _from_bom(body: bytes) -> tuple[str, str] | None:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    return None


def _guess(body: bytes) -> tuple[str, str] | None:
    best = from_bytes(body[:200_000]).best()
    if best is None:
        return None
    codec = normalize_charset(best.encoding) or best.encoding
    text = _try(body, codec)
    return (text, codec) if text is not None else None


def _decode(body: bytes, declared_codecs: list[str | None]) -> tuple[str, str]:
    bom = _from_bom(body)
    if bom:
        return bom
    text = _try(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    for codec in [*declared_codecs, "gb18030"]:
        text = _try(body, codec)
        if text is not None:
            return text, codec  # type: ignore[return-value]
    guessed = _guess(body)
    if guessed:
        return guessed
    fallback = "gb18030" if "gb18030" in declared_codecs else "utf-8"
    return body.decode(fallback, errors="replace"), fallback


def decode_body(body: bytes, content_type: str | None) -> Decoded:
    """Decode a response body, distrusting the header and `<meta>` declarations (see module doc)."""
    declared_raw = header_charset(content_type) or meta_charset(body)
    declared = [normalize_charset(header_charset(content_type)), normalize_charset(meta_charset(body))]
    text, codec = _decode(body, declared)
    repaired = mojibake = False
    if looks_like_mojibake(text):
        fixed = repair_mojibake(text)
        if fixed is not None:
            text, repaired = fixed, True
        mojibake = looks_like_mojibake(text)
    return Decoded(text=text, encoding=codec, declared=declared_raw, mojibake=mojibake, repaired=repaired)


def _run_to_bytes(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        code = ord(ch)
        if code < 256:
            out.append(code)
        elif ch in _CP1252_REVERSE:
            out.append(_CP1252_REVERSE[ch])
        else:
            return None
    return bytes(out)


def _repair_run(run: str) -> str | None:
    """The text a double-decoded run stood for, when its bytes are valid UTF-8 beyond Latin-1."""
    raw = _run_to_bytes(run)
    if raw is None:
        return None
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if any(ord(c) >= 0x0800 for c in fixed) else None


def looks_like_mojibake(text: str) -> bool:
    """True when the text holds UTF-8 read as Latin-1/cp1252 (`è¯`, `Ã`, `ç`… or C1 controls)."""
    if not text or text.encode("latin-1", "ignore").isascii():
        return False  # no character in U+0080–U+00FF at all (the common case, checked at C speed)
    repaired_chars, resume = 0, 0
    for pair in _PAIR_RE.finditer(text):  # a lead character followed by a continuation one
        if pair.start() < resume:
            continue
        run = _SUSPECT_RUN_RE.match(text, pair.start())
        if run is None:
            continue
        resume = run.end()
        fixed = _repair_run(run.group(0))
        repaired_chars += len(fixed) if fixed else 0
        if repaired_chars >= 2:
            return True
    # GBK (or anything else) read as Latin-1 leaves C1 control characters that no real page shows.
    return len(_C1_RE.findall(text)) >= 3


def repair_mojibake(text: str) -> str | None:
    """The text with every double-decoded run turned back into what it said; None if nothing changed."""
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        fixed = _repair_run(m.group(0))
        if fixed is None:
            return m.group(0)
        changed = True
        return fixed

    result = _SUSPECT_RUN_RE.sub(fix, text)
    return result if changed else None
