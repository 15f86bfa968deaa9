"""Bytes to text: UTF-8 first, then the Chinese legacy encodings.

News scraped from Chinese sites arrives as UTF-8 (with or without a BOM), GBK or
GB18030, sometimes UTF-16 from Windows tools (with or without a BOM). A wrong
guess makes mojibake that silently ruins entity extraction, so every non-UTF-8
decode is reported. A NUL byte anywhere, outside UTF-16, means binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import partial

import charset_normalizer

from zhkg.errors import UnreadableInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings worth trying; GB2312 coverage, then charset-normalizer, breaks ties.
_LEGACY = ("gb18030", "big5")
# A multi-byte character cut at the end of a file is at most this long.
_MAX_TAIL = 3
# Share of undecodable or control characters above which text is garbage.
_MAX_BAD_RATIO = 0.02
_SAMPLE = 4096
# Share of non-ASCII characters inside GB2312 above which GBK beats Big5.
_MIN_GB2312 = 0.9
# CJK ideographs and punctuation, full-width forms, printable ASCII and whitespace.
_PLAUSIBLE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\x20-\x7e\s]")
# Share of such characters above which bytes without a BOM are taken for UTF-16.
_MIN_PLAUSIBLE = 0.9


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and a note when something was repaired."""

    text: str
    encoding: str
    note: str = ""


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _bad_ratio(text: str) -> float:
    """Share of characters no news text contains: controls, unassigned, private use."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in {"Cc", "Cn", "Co", "Cs"} and ch not in "\t\n\r\f\v")
    )
    return bad / len(sample)


def _check_text(text: str) -> str:
    if _bad_ratio(text) > _MAX_BAD_RATIO:
        raise UnreadableInput("binary file, not text (many control or undecodable characters)")
    return text


def _with_bom(data: bytes) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            label = "utf-8" if encoding == "utf-8-sig" else encoding
            return Decoded(_check_text(text), label)
    return None


def _mostly_gb2312(text: str) -> bool:
    """Simplified-Chinese news stays within GB2312; Big5 bytes read as GBK do not."""
    wide = [ch for ch in text[:_SAMPLE] if ord(ch) > 0x7F]
    if not wide:
        return True
    common = sum(1 for ch in wide if _encodable(ch, "gb2312"))
    return common / len(wide) >= _MIN_GB2312


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _legacy(data: bytes) -> Decoded | None:
    """GBK/GB18030 or Big5; when both decode, GB2312 coverage and charset-normalizer decide."""
    decoded = {enc: text for enc in _LEGACY if (text := _strict(data, enc)) is not None}
    if not decoded:
        return None
    encoding = next(iter(decoded))
    if len(decoded) > 1 and not _mostly_gb2312(decoded["gb18030"]):
        best = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY)).best()
        encoding = best.encoding if best is not None and best.encoding in decoded else "big5"
    if encoding == "gb18030" and _strict(data, "gbk") is not None:
        return Decoded(decoded[encoding], "gbk")
    return Decoded(decoded[encoding], encoding)


def _cut_at_end(data: bytes, encoding: str) -> int | None:
    """Where a multi-byte character cut off by the end of the file starts, if it is one."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        truncated = err.reason in {"unexpected end of data", "incomplete multibyte sequence"}
        if truncated and err.end == len(data) and len(data) - err.start <= _MAX_TAIL:
            return err.start
    return None


def _truncated(data: bytes, encodings: tuple[str, ...]) -> Decoded | None:
    """A file cut inside its last multi-byte character keeps its readable prefix."""
    for encoding in encodings:
        cut = _cut_at_end(data, encoding)
        head = data[:cut] if cut else b""
        if not head.strip():
            continue
        found = Decoded(head.decode("utf-8"), "utf-8") if encoding == "utf-8" else _legacy(head)
        if found is not None:
            note = f"truncated multi-byte character at end, {len(data) - len(head)} byte(s) dropped"
            return Decoded(found.text, found.encoding, note)
    return None


def _lenient(data: bytes) -> Decoded | None:
    """A few stray bytes in an otherwise readable file are replaced, not fatal."""
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        if bad and bad / len(text) <= _MAX_BAD_RATIO:
            return Decoded(text, encoding, f"{bad} undecodable byte sequence(s) replaced")
    return None


def _plausible_share(text: str) -> float:
    """Share of characters Chinese news is made of: CJK, CJK punctuation, ASCII, spaces."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    return len(_PLAUSIBLE.findall(sample)) / len(sample)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 from a tool that wrote no BOM: the byte order whose text reads as news.

    Random or legacy-encoded bytes read as UTF-16 scatter over the whole code
    space, so a high share of CJK and ASCII characters is a safe sign.
    """
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if text is not None and _plausible_share(text) >= _MIN_PLAUSIBLE:
            return Decoded(text, "utf-16", "UTF-16 without byte order mark")
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode file content or raise :class:`UnreadableInput` with a one-line reason."""
    if not data.strip():
        raise UnreadableInput("empty file")
    bom = _with_bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise UnreadableInput("binary file, not text (contains NUL bytes)")
        return Decoded(_check_text(found.text), found.encoding, found.note)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(_check_text(text), "utf-8")
    attempts = (
        _utf16_without_bom,
        partial(_truncated, encodings=("utf-8",)),
        _legacy,
        partial(_truncated, encodings=_LEGACY),
        _lenient,
    )
    for attempt in attempts:
        found = attempt(data)
        if found is not None:
            return Decoded(_check_text(found.text), found.encoding, found.note)
    raise UnreadableInput(
        "undecodable: not valid UTF-8, GBK/GB18030 or Big5 text (binary or another encoding)"
    )
