"""Bytes → text: encodings, binary detection, line endings.

Order of decisions, most certain first:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. the signature of a known binary format (PDF, ZIP/DOCX, PNG...) rejects;
3. UTF-16 without a BOM is recognised by its pattern of zero bytes;
4. any other zero byte, or many control bytes, rejects as binary;
5. strict UTF-8; then UTF-8 that is only truncated at the end or has a few
   stray bytes among many valid sequences (scrapers produce both), with the
   bad bytes replaced by U+FFFD and counted;
6. charset-normalizer's detection; when it names a Latin single-byte code
   page and Windows-1252 decodes the bytes, Windows-1252 (what browsers do
   for unlabelled Western text, and a superset of Latin-1's printable range);
7. otherwise :class:`~mapper.errors.EncodingError`.

Line endings become ``\\n`` and a leading BOM character is dropped. No
Unicode normalisation (NFC) is applied: it can change the length of the
text, and every offset in mapper refers to the text returned here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from mapper.errors import BinaryInputError, EmptyInputError, EncodingError

__all__ = [
    "Decoded",
    "decode_bytes",
    "check_text",
    "normalize_newlines",
    "binary_reason",
    "sniff_encoding",
]

#: Bytes looked at for signatures, zero bytes and control characters.
SAMPLE_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document: convert it to text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or Office document: extract the text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document: save it as plain text first"),
    (b"{\\rtf", "an RTF document: save it as plain text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data: decompress it first"),
    (b"BZh", None),  # only with a digit after it, checked below
    (b"\xfd7zXZ\x00", "xz-compressed data: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract it first"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file: read it with pandas and pass the text column"),
)

# Control bytes that never occur in text: everything below 0x20 except tab,
# newline, vertical tab, form feed, carriage return and escape.
_CONTROL = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)) + b"\x7f"
_CONTROL_TABLE = bytes.maketrans(_CONTROL, b"\x00" * len(_CONTROL))
_MAX_CONTROL_RATIO = 0.05


_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, and how.

    Attributes
    ----------
    text : str
        Decoded text with ``\\n`` line endings and no leading BOM.
    encoding : str
        Python codec name used (``"utf-8"``, ``"cp1252"``, ``"utf-16"``...).
    replaced : int
        Number of undecodable bytes replaced by U+FFFD (0 for clean input).
    """

    text: str
    encoding: str
    replaced: int = 0


def normalize_newlines(text: str) -> str:
    """Return ``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line endings as ``\\n``."""
    if "\r" not in text:
        return text
    return _NEWLINES.sub("\n", text)


def binary_reason(data: bytes) -> str | None:
    """Say why ``data`` looks binary, or return None when it may be text.

    Only the first :data:`SAMPLE_BYTES` are examined. Data starting with a
    Unicode BOM or looking like BOM-less UTF-16 is never called binary here.
    """
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return None
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return None
    for sig, what in _SIGNATURES:
        if sample.startswith(sig):
            if sig == b"BZh":
                if len(sample) > 3 and sample[3:4].isdigit() and b"1AY&SY" in sample[4:16]:
                    return "bzip2-compressed data: decompress it first"
                continue
            return what
    if _utf16_without_bom(sample):
        return None
    if b"\x00" in sample:
        return "it contains zero bytes, which text never has"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > _MAX_CONTROL_RATIO * len(sample):
        return f"{controls} of its first {len(sample)} bytes are control characters"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when ``sample`` looks like BOM-less UTF-16."""
    n = len(sample) - (len(sample) % 2)
    if n < 4:
        return None
    even_zero = sample[0:n:2].count(0)
    odd_zero = sample[1:n:2].count(0)
    half = n // 2
    # Latin-script UTF-16 has a zero high byte in most code units; binary data
    # has zeros scattered on both sides.
    if odd_zero > 0.3 * half and even_zero < 0.02 * half:
        guess = "utf-16-le"
    elif even_zero > 0.3 * half and odd_zero < 0.02 * half:
        guess = "utf-16-be"
    else:
        return None
    if max(odd_zero, even_zero) < 2:
        return None
    try:
        text = sample[:n].decode(guess)
    except UnicodeDecodeError as err:
        # A sample may cut a surrogate pair in half at its end.
        if err.start < n - 4:
            return None
        text = sample[: err.start].decode(guess)
    # Arrays of small binary integers also have one zero byte in two.
    controls = sum(1 for ch in text if ord(ch) < 0x20 and ch not in "\t\n\r\x0b\x0c\x1b")
    if controls > _MAX_CONTROL_RATIO * max(len(text), 1):
        return None
    return guess


def sniff_encoding(head: bytes, *, name: str = "input") -> str:
    """Choose a codec for data that starts with ``head``, as :func:`decode_bytes` would.

    Used to decode a large file in pieces: the choice is made on its first
    bytes, then an incremental decoder reads the rest.

    Raises
    ------
    BinaryInputError, EmptyInputError, EncodingError
    """
    if not head:
        raise EmptyInputError(f"{name} is empty (0 bytes): give a file that contains the article text")
    return decode_bytes(head[:SAMPLE_BYTES], name=name, _sniff=True).encoding


def decode_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    name: str = "input",
    _sniff: bool = False,
) -> Decoded:
    """Decode ``data`` to text, detecting its encoding.

    Parameters
    ----------
    data : bytes
        Raw bytes of an article.
    encoding : str, optional
        A codec name to use instead of detection; decoding is then strict.
    name : str
        What to call the input in error messages (usually its path).

    Returns
    -------
    Decoded

    Raises
    ------
    EmptyInputError
        ``data`` is empty or decodes to whitespace only.
    BinaryInputError
        ``data`` looks like a binary file (zero bytes, control bytes, a known
        binary signature).
    EncodingError
        ``encoding`` is unknown or does not decode ``data``, or no encoding
        could be determined.
    """
    if not data:
        raise EmptyInputError(f"{name} is empty (0 bytes): give a file that contains the article text")
    if encoding is not None:
        decoded = _decode_declared(data, encoding, name)
    else:
        decoded = _detect_and_decode(data, name, sniff=_sniff)
    if _sniff:
        return decoded
    text = decoded.text
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalize_newlines(text)
    check_text(text, name=name)
    return Decoded(text, decoded.encoding, decoded.replaced)


def check_text(text: str, *, name: str = "input") -> str:
    """Raise :class:`EmptyInputError` when ``text`` holds nothing but whitespace; else return it."""
    if not text:
        raise EmptyInputError(f"{name} is empty: give an article with some text")
    if text.isspace() or not text.strip():
        raise EmptyInputError(f"{name} holds only whitespace: give an article with some text")
    return text


def _decode_declared(data: bytes, encoding: str, name: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(
            f"unknown encoding {encoding!r} for {name}: use a Python codec name such as utf-8, cp1252 or latin-1"
        ) from None
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as err:
        raise EncodingError(
            f"{name} is not valid {codec} (byte {err.start}): give the right encoding, or omit it to detect it"
        ) from None


def _detect_and_decode(data: bytes, name: str, *, sniff: bool) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_lenient(data, codec, name)
    reason = binary_reason(data)
    if reason is not None:
        raise BinaryInputError(f"{name} looks binary, not text ({reason}): give a plain-text, HTML or JSON article")
    utf16 = _utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16 is not None:
        return _decode_lenient(data, utf16, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":
            # Cut inside a multi-byte sequence: the end of a sample, or a truncated
            # download when the rest is UTF-8 (pure ASCII before a final high byte
            # is as likely a single-byte code page: "caf\xe9").
            try:
                head = data[: err.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if sniff:
                    return Decoded(head, "utf-8")
                if not head.isascii():
                    return Decoded(head + "\ufffd", "utf-8", 1)
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    valid_multibyte = len(lenient) - len(lenient.encode("ascii", errors="ignore")) - bad
    # Mostly valid UTF-8 with a few stray bytes (a pasted fragment, a bad scrape):
    # keep it UTF-8 rather than misreading every accented letter as cp1252.
    if valid_multibyte >= 1 and bad <= max(2, valid_multibyte // 4):
        return Decoded(lenient, "utf-8", bad)
    codec = _detect(data)
    if codec is None:
        raise EncodingError(
            f"cannot determine the character encoding of {name}: convert it to UTF-8 "
            "(e.g. iconv -f ENCODING -t UTF-8) or give the encoding explicitly"
        )
    return _decode_lenient(data, codec, name)


def _detection_sample(data: bytes, part: int = 256 * 1024) -> bytes:
    """Start, middle and end of large data, cut at line breaks: detection on all of it costs seconds."""
    if len(data) <= 4 * part:
        return data
    pieces = [data[: 2 * part]]
    for start in (len(data) // 2, len(data) - part):
        nl = data.find(b"\n", start, start + 4096)
        start = nl + 1 if nl != -1 else start
        pieces.append(data[start : start + part])
    return b"\n".join(pieces)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input pays for it

    best = from_bytes(
        _detection_sample(data),
        cp_exclusion=["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"],
    ).best()
    guess = codecs.lookup(best.encoding).name if best is not None else None
    if guess != "utf-8" and _looks_turkish(data[:SAMPLE_BYTES]):
        return "cp1254"
    if guess is None or guess == "utf-8" or _prefer_cp1252(data[:SAMPLE_BYTES], guess):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    if guess is None or guess == "utf-8":
        return None
    return guess


def _looks_turkish(sample: bytes) -> bool:
    """True when Windows-1254 (Turkish) reads ``sample`` and Windows-1252 would not.

    The two differ only in six letters: Turkish ğ ı ş Ğ İ Ş are Icelandic ð ý þ
    Ð Ý Þ in Windows-1252. Those letters without the á and æ that Icelandic and
    Faroese text is full of mean Turkish.
    """
    try:
        western = sample.decode("cp1252")
        sample.decode("cp1254")
    except UnicodeDecodeError:
        return False
    markers = sum(western.count(ch) for ch in "ðýþÐÝÞ")
    icelandic = sum(western.count(ch) for ch in "áæÁÆ")
    return markers >= 3 and icelandic == 0


# Latin code pages whose letters differ from Windows-1252's in ways that matter
# (Polish, Czech, Turkish, Baltic text).
_REGIONAL_LATIN = {"cp1250", "iso8859-2", "iso8859-16", "cp1254", "iso8859-9", "cp1257", "iso8859-13"}


def _prefer_cp1252(sample: bytes, codec: str) -> bool:
    """True when ``sample`` is better read as Windows-1252 than as the detected ``codec``.

    Detection among Latin code pages is unreliable on short text (French
    comes out as cp1250 or cp775). Windows-1252 wins unless the detected code
    page reads a non-Latin script, or is a regional Latin one that turns more
    bytes into letters.
    """
    import unicodedata

    if len(sample) - len(sample.decode("ascii", errors="ignore")) < 8:
        # Too few non-ASCII bytes for detection to mean anything ("caf\xe9").
        return True
    guessed = [ch for ch in sample.decode(codec, errors="ignore") if ord(ch) > 0x7F and ch.isalpha()]
    latin = sum(1 for ch in guessed if unicodedata.name(ch, "").startswith("LATIN"))
    if guessed and latin < 0.5 * len(guessed):
        return False
    if codec in _REGIONAL_LATIN:
        western = sum(1 for ch in sample.decode("cp1252", errors="ignore") if ord(ch) > 0x7F and ch.isalpha())
        return western >= len(guessed)
    return True


def _decode_lenient(data: bytes, codec: str, name: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
        return Decoded(text, codec, text.count("\ufffd"))
