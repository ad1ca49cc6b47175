"""Small but well-formed binary files: attachments (PDF, DOCX, XLS) and images (PNG, JPEG).

A crawler that sniffs content types or magic numbers should see the real thing, so each generator
writes a minimal valid file instead of placeholder text. All output is deterministic.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".wps", ".ofd")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif")

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".js": "application/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "text/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".shtml": "text/html; charset=utf-8",
}


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF whose xref offsets are correct (ASCII title only: PDF strings are Latin-1)."""
    text = title.encode("ascii", "replace").decode("ascii").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_bytes(title: str) -> bytes:
    """A minimal Word document (a zip with fixed timestamps, so the bytes never change)."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{title}</w:t></w:r></w:p></w:body></w:document>"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    return buffer.getvalue()


def xls_bytes() -> bytes:
    """An OLE2 compound-file header, as legacy .xls files start; enough for magic-number sniffing."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    return header + bytes(512 - len(header))


def png_bytes(width: int = 16, height: int = 16, rgb: tuple[int, int, int] = (181, 17, 27)) -> bytes:
    """A solid-colour PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


def jpeg_bytes() -> bytes:
    """An 8x8 mid-grey baseline JPEG: one block whose DC and AC coefficients are all zero.

    With a quantisation table of ones and single-code Huffman tables the scan is the bits "0" (DC
    category 0) and "0" (end of block), padded with ones: one byte, 0x3F.
    """
    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    one_code = bytes([1]) + bytes(15) + b"\x00"
    return b"".join([
        b"\xff\xd8",
        segment(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        segment(0xFFDB, b"\x00" + bytes([1]) * 64),
        segment(0xFFC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00"),
        segment(0xFFC4, b"\x00" + one_code),
        segment(0xFFC4, b"\x10" + one_code),
        segment(0xFFDA, b"\x01\x01\x00\x00\x3f\x00"),
        b"\x3f",
        b"\xff\xd9",
    ])


def attachment_bytes(name: str, title: str) -> bytes:
    """Bytes for an attachment, chosen by its extension."""
    if name.endswith(".pdf"):
        return pdf_bytes(title)
    if name.endswith(".docx"):
        return docx_bytes(title)
    if name.endswith(".xls"):
        return xls_bytes()
    if name.endswith(".png"):
        return png_bytes()
    if name.endswith(".jpg"):
        return jpeg_bytes()
    raise ValueError(f"no generator for {name}")


def content_type(path: str) -> str:
    """Content-Type for a served file, by extension (HTML defaults to UTF-8)."""
    dot = path.rfind(".")
    extension = path[dot:].lower() if dot > path.rfind("/") else ".html"
    return CONTENT_TYPES.get(extension, "application/octet-stream")
