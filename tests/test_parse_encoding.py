"""Decoding bodies whose charset declarations lie, and repairing double-decoded text.

No GBK page exists in shared/realpages (SOURCES.md), so GBK fixtures are built here from Chinese
strings; the mojibake case is the real 磐云 challenge page (#17).
"""

import os
from pathlib import Path

import pytest

from crawler.parse.encoding import decode_body, looks_like_mojibake, normalize_charset, repair_mojibake

SHARED = Path(os.environ.get("XXGK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
REALPAGES = SHARED / "realpages"
needs_realpages = pytest.mark.skipif(not REALPAGES.is_dir(),
                                     reason=f"shared realpages not found at {REALPAGES} (set XXGK_SHARED)")

CHINESE = "政府信息公开指南，发布日期：2024年7月1日。镕"  # 镕 is in GBK but not in GB2312


def page(charset_meta: str | None, body: str = CHINESE) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>{body}</title></head><body><p>{body}</p></body></html>"


def test_utf8_declared_and_true():
    decoded = decode_body(page("utf-8").encode("utf-8"), "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8"
    assert CHINESE in decoded.text
    assert not decoded.mojibake


def test_header_says_utf8_but_bytes_are_gbk_falls_back_to_meta():
    decoded = decode_body(page("gbk").encode("gbk"), "text/html; charset=utf-8")
    assert decoded.encoding == "gb18030"
    assert decoded.declared == "utf-8"
    assert CHINESE in decoded.text


def test_gb2312_declaration_is_read_as_gb18030():
    # 镕 is outside GB2312; a strict gb2312 decode would fail or lose it.
    decoded = decode_body(page("gb2312").encode("gbk"), "text/html; charset=gb2312")
    assert decoded.encoding == "gb18030"
    assert "镕" in decoded.text


def test_no_declaration_at_all_detects_gbk():
    decoded = decode_body(page(None).encode("gb18030"), None)
    assert decoded.encoding == "gb18030"
    assert CHINESE in decoded.text
    assert decoded.declared is None


def test_meta_says_gbk_but_bytes_are_utf8():
    decoded = decode_body(page("gbk").encode("utf-8"), None)
    assert decoded.encoding == "utf-8"
    assert decoded.declared == "gbk"
    assert CHINESE in decoded.text


@pytest.mark.parametrize(("bom", "codec"), [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_byte_order_mark_wins(bom, codec):
    decoded = decode_body(bom + page("gbk").encode(codec), "text/html; charset=gbk")
    assert CHINESE in decoded.text
    assert not decoded.text.startswith("\ufeff")


def test_latin1_header_is_not_trusted():
    decoded = decode_body(page(None).encode("gbk"), "text/html; charset=ISO-8859-1")
    assert CHINESE in decoded.text


@pytest.mark.parametrize(("name", "codec"), [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"),
                                             ("UTF8", "utf-8"), ("bogus-charset", None)])
def test_normalize_charset(name, codec):
    assert normalize_charset(name) == codec


def test_mojibake_detection_and_repair_on_synthetic_text():
    garbled = "请稍候... | 磐云".encode().decode("latin-1")
    assert looks_like_mojibake(garbled)
    assert repair_mojibake(garbled) == "请稍候... | 磐云"
    assert not looks_like_mojibake("请稍候... | 磐云 © 2024 1920×1080 café")
    assert repair_mojibake("普通的中文页面") is None


def as_browser_windows1252(raw: bytes) -> str:
    """What a browser shows for bytes read as windows-1252 (undefined bytes become C1 controls)."""
    out = []
    for byte in raw:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def test_cp1252_flavoured_mojibake_is_repaired():
    garbled = as_browser_windows1252("“政府信息公开”".encode())
    assert "â€œ" in garbled
    assert looks_like_mojibake(garbled)
    assert repair_mojibake(garbled) == "“政府信息公开”"


@needs_realpages
def test_realpage_17_mojibake_title_is_repaired():
    raw = (REALPAGES / "waf-challenge_yngp_mojibake-title.html").read_bytes()
    text = raw.decode("utf-8")
    assert "è¯·ç¨" in text and looks_like_mojibake(text)
    decoded = decode_body(raw, "text/html; charset=utf-8")
    assert "<title>请稍候... | 磐云</title>" in decoded.text
    assert "进入前检查浏览器..." in decoded.text
    assert decoded.repaired and not decoded.mojibake


@needs_realpages
def test_realpages_are_clean_utf8():
    for path in sorted(REALPAGES.glob("*.htm*")):
        if path.name.startswith("waf-challenge"):
            continue
        decoded = decode_body(path.read_bytes(), None)
        assert decoded.encoding == "utf-8", path.name
        assert not decoded.mojibake and not decoded.repaired, path.name
