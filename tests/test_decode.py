"""Bytes → text: encodings, binary detection, line endings (mapper.read.decode)."""

from __future__ import annotations

import codecs

import pytest

from mapper.errors import BinaryInputError, EmptyInputError, EncodingError, InputError
from mapper.read.decode import binary_reason, decode_bytes, normalize_newlines, sniff_encoding

TEXT = "About 1,200 displaced people walked from Dorvil to Marenne on Tuesday."
ACCENTED = "Some 300 families left Saint-Étienne-du-Lac for Nîmes; «déjà» said the mayor of Zürich."
CURLY = "“Roughly 450 people” fled — officials said — to São Tomé and Señora’s farm…"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(TEXT.encode("ascii"), TEXT, "utf-8", id="ascii"),
        pytest.param(ACCENTED.encode("utf-8"), ACCENTED, "utf-8", id="utf-8"),
        pytest.param(ACCENTED.encode("utf-8-sig"), ACCENTED, "utf-8-sig", id="utf-8-bom"),
        pytest.param(ACCENTED.encode("utf-16"), ACCENTED, "utf-16", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), ACCENTED, "utf-16", id="utf-16-be-bom"),
        pytest.param(ACCENTED.encode("utf-16-le"), ACCENTED, "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(ACCENTED.encode("utf-16-be"), ACCENTED, "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(ACCENTED.encode("utf-32"), ACCENTED, "utf-32", id="utf-32-bom"),
        pytest.param(ACCENTED.encode("cp1252"), ACCENTED, "cp1252", id="cp1252-accents"),
        pytest.param(CURLY.encode("cp1252"), CURLY, "cp1252", id="cp1252-curly-quotes"),
        pytest.param(ACCENTED.encode("latin-1"), ACCENTED, "cp1252", id="latin-1-read-as-cp1252"),
        pytest.param("café".encode("cp1252"), "café", "cp1252", id="cp1252-short"),
        pytest.param(
            "Около 3000 человек покинули город в понедельник, сообщили власти.".encode("koi8_r"),
            "Около 3000 человек покинули город в понедельник, сообщили власти.",
            "koi8-r",
            id="koi8-r",
        ),
        pytest.param(
            "غادر نحو 3000 شخص المدينة يوم الاثنين، حسبما قال المسؤولون.".encode("cp1256"),
            "غادر نحو 3000 شخص المدينة يوم الاثنين، حسبما قال المسؤولون.",
            "cp1256",
            id="cp1256-arabic",
        ),
        pytest.param(
            "Około 3000 osób opuściło miasto w poniedziałek, zażółć gęślą jaźń.".encode("cp1250"),
            "Około 3000 osób opuściło miasto w poniedziałek, zażółć gęślą jaźń.",
            "cp1250",
            id="cp1250-polish",
        ),
        pytest.param(
            "Sınır kasabasından binlerce kişi göç etti; aileler ıslak çadırlarda kalıyor, dedi yetkililer.".encode("cp1254"),
            "Sınır kasabasından binlerce kişi göç etti; aileler ıslak çadırlarda kalıyor, dedi yetkililer.",
            "cp1254",
            id="cp1254-turkish",
        ),
        pytest.param(
            "Þúsundir manna flúðu frá bænum; fólkið býr nú hjá ættingjum.".encode("cp1252"),
            "Þúsundir manna flúðu frá bænum; fólkið býr nú hjá ættingjum.",
            "cp1252",
            id="cp1252-icelandic-is-not-turkish",
        ),
    ],
)
def test_encodings_are_detected(data, text, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.replaced == 0


@pytest.mark.parametrize(
    ("data", "expected", "replaced"),
    [
        # A download cut inside a multi-byte character keeps everything before it.
        pytest.param("Vous êtes à Genève — ".encode()[:-2], "Vous êtes à Genève \ufffd", 1, id="truncated-utf-8"),
        # A stray byte among valid UTF-8 stays UTF-8 (not every é misread as cp1252).
        pytest.param(("Réfugiés à Genève. " * 4).encode() + b"\xff end", ("Réfugiés à Genève. " * 4) + "\ufffd end", 1,
                     id="stray-byte-in-utf-8"),
    ],
)
def test_invalid_utf8_is_repaired_and_counted(data, expected, replaced):
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == expected
    assert decoded.replaced == replaced


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\r\nc", "a\nb\nc"),
        ("a\rb\rc", "a\nb\nc"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\r\rb", "a\n\nb"),
        ("mixed\r\nold\rnew\n", "mixed\nold\nnew\n"),
        ("no change\n", "no change\n"),
    ],
)
def test_line_endings_become_newlines(raw, expected):
    assert normalize_newlines(raw) == expected
    assert decode_bytes(raw.encode()).text == expected
    assert decode_bytes(raw.encode("utf-16")).text == expected


def test_no_unicode_normalisation_so_offsets_hold():
    # "é" as e + combining acute stays two code points: NFC would shift every later offset.
    text = "Cafe\u0301 Dorvil, 40 people"
    assert decode_bytes(text.encode()).text == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "ZIP", id="zip-docx"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG", id="jpeg"),
        pytest.param(b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip", id="gzip"),
        pytest.param(b"\x7fELF\x02\x01\x01\x00", "executable", id="elf"),
        pytest.param(b"SQLite format 3\x00\x10\x00", "SQLite", id="sqlite"),
        pytest.param(b"some text\x00with a zero byte", "zero bytes", id="nul-byte"),
        pytest.param(bytes(range(256)) * 8, "zero bytes", id="all-bytes"),
        pytest.param(bytes([5, 0, 3, 0, 7, 0, 1, 0]) * 64, "zero bytes", id="int16-array"),
        pytest.param(b"\x01\x02\x03\x04\x05\x06 text \x07\x08\x0e\x0f\x10\x11\x12\x13", "control characters", id="controls"),
    ],
)
def test_binary_input_is_rejected_with_a_reason(data, message):
    assert binary_reason(data) is not None
    with pytest.raises(BinaryInputError, match=message) as info:
        decode_bytes(data, name="upload.bin")
    assert "upload.bin" in str(info.value)
    assert info.value.exit_code == 6
    assert "\n" not in str(info.value)


def test_random_bytes_are_binary():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(BinaryInputError):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   ", id="spaces"),
        pytest.param(b"\n\r\n\t \x0c\x0b", id="mixed-whitespace"),
        pytest.param("\u00a0\u2003\u3000".encode(), id="unicode-spaces"),
        pytest.param(codecs.BOM_UTF8, id="utf-8-bom-only"),
        pytest.param(" \n ".encode("utf-16"), id="utf-16-whitespace"),
    ],
)
def test_empty_or_whitespace_input(data):
    with pytest.raises(EmptyInputError) as info:
        decode_bytes(data, name="blank.txt")
    assert "blank.txt" in str(info.value)
    assert info.value.exit_code == 5


def test_declared_encoding_is_strict():
    data = ACCENTED.encode("cp1252")
    assert decode_bytes(data, encoding="cp1252").text == ACCENTED
    with pytest.raises(EncodingError, match="not valid utf-8") as info:
        decode_bytes(data, encoding="utf-8")
    assert info.value.exit_code == 6
    assert isinstance(info.value, UnicodeError) and isinstance(info.value, InputError)


def test_unknown_declared_encoding():
    with pytest.raises(EncodingError, match="unknown encoding"):
        decode_bytes(b"text", encoding="no-such-codec")


def test_sniff_encoding_tolerates_a_sample_cut_mid_character():
    data = ("Genève " * 10000).encode()
    head = data[:65537]  # likely inside "è"
    assert sniff_encoding(head) == "utf-8"
    assert sniff_encoding(ACCENTED.encode("utf-16")) == "utf-16"
