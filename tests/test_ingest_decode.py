import codecs

import pytest

from ingest.decode import decode_bytes
from zhkg.errors import UnreadableInput

TEXT = "省科技厅召开会议，研究部署数字化转型工作。\n会议强调要坚持高质量发展。"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gbk"),
        ((TEXT + "𠮷").encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        ("臺灣省政府召開會議，研究部署經濟工作。".encode("big5"), "big5"),
    ],
)
def test_decodes_encoding(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff").startswith(("省科技厅召开会议", "臺灣省政府"))
    assert decoded.note == ""


def test_bom_is_not_kept_in_text():
    assert not decode_bytes(codecs.BOM_UTF8 + TEXT.encode()).text.startswith("\ufeff")


@pytest.mark.parametrize("encoding,cut", [("utf-8", 2), ("gbk", 1)])
def test_truncated_multibyte_keeps_prefix(encoding, cut):
    decoded = decode_bytes(TEXT.encode(encoding)[:-cut])
    assert decoded.text == TEXT[:-1]
    assert "truncated" in decoded.note


def test_stray_byte_is_replaced_with_note():
    decoded = decode_bytes(TEXT.encode() * 20 + b"\xff" + TEXT.encode())
    assert decoded.encoding == "utf-8"
    assert "replaced" in decoded.note


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"abc\x00def", "binary"),
        (b"\x01\x02\x03\x04\x05hello", "binary"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\x80\x80\xff\x00", "binary"),
        (b"\x89PNG\r\n\x1a\n\xff\xfe\x80\x80\xff\x81", "undecodable"),
    ],
)
def test_unreadable_bytes_give_reason(data, reason):
    with pytest.raises(UnreadableInput, match=reason):
        decode_bytes(data)


def test_legacy_character_at_end_is_not_mistaken_for_truncated_utf8():
    decoded = decode_bytes("Report 中".encode("gbk"))
    assert (decoded.text, decoded.encoding, decoded.note) == ("Report 中", "gbk", "")


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("中", "gbk"),
        ("省政府召开会议", "gbk"),
        ("香港特別行政區政府舉行會議", "big5"),
        ("行政院長主持院會", "big5"),
    ],
)
def test_short_text_valid_in_gbk_and_big5(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)
