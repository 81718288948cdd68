"""Process a very large text in pieces, with offsets into the whole.

An article over the size limit (a 50 MB dump, a whole report) need not be
held in memory at once: :func:`iter_file_chunks` decodes a file
incrementally and yields pieces that end on paragraph or sentence
boundaries, each with the offset of its first character in the whole text.
:func:`iter_chunks` does the same for a string already in memory. The pieces
concatenate back to exactly the text that :func:`mapper.read_article` would
return for a plain-text file (``\\n`` line endings, no BOM), so an offset
``chunk.start + i`` found in a piece is an offset into that text.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mapper.errors import EmptyInputError, InputError
from mapper.read.decode import SAMPLE_BYTES, sniff_encoding

__all__ = ["Chunk", "DEFAULT_CHUNK_CHARS", "iter_chunks", "iter_file_chunks", "split_point"]

#: Default piece size in characters: a few hundred sentences, a few MB of memory.
DEFAULT_CHUNK_CHARS = 1_000_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of a larger text.

    Attributes
    ----------
    start : int
        Offset of ``text[0]`` in the whole text.
    text : str
        The piece.
    """

    start: int
    text: str

    @property
    def end(self) -> int:
        """Offset just past the piece in the whole text."""
        return self.start + len(self.text)


def split_point(text: str, limit: int) -> int:
    """Where to cut ``text`` so the first part is at most ``limit`` characters.

    Prefers, within the last half of the window, the end of a paragraph
    (blank line), then of a line, then of a sentence, then any whitespace;
    cuts hard at ``limit`` only when there is none.
    """
    if len(text) <= limit:
        return len(text)
    lo = limit // 2
    cut = text.rfind("\n\n", lo, limit)
    if cut != -1:
        return cut + 2
    cut = text.rfind("\n", lo, limit)
    if cut != -1:
        return cut + 1
    last = -1
    for m in _SENTENCE_END.finditer(text, lo, limit):
        last = m.end()
    if last != -1:
        return last
    for i in range(limit - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return limit


def iter_chunks(text: str, size: int = DEFAULT_CHUNK_CHARS) -> Iterator[Chunk]:
    """Split ``text`` into pieces of at most ``size`` characters on natural boundaries.

    Parameters
    ----------
    text : str
        The whole text.
    size : int
        Largest piece, in characters (at least 2).

    Yields
    ------
    Chunk
        Consecutive, non-overlapping pieces that concatenate to ``text``.
    """
    if size < 2:
        raise ValueError(f"chunk size must be at least 2 characters, not {size}")
    pos = 0
    n = len(text)
    while pos < n:
        window = text[pos : pos + size + 1] if pos + size < n else text[pos:]
        cut = split_point(window, size)
        yield Chunk(pos, window[:cut])
        pos += cut


def iter_file_chunks(
    path: str | os.PathLike,
    size: int = DEFAULT_CHUNK_CHARS,
    *,
    encoding: str | None = None,
    read_bytes: int = 1 << 20,
) -> Iterator[Chunk]:
    """Read a plain-text file of any size in pieces, holding about ``size`` characters at a time.

    The encoding is detected on the first 64 KiB (as :func:`mapper.read_article`
    would); undecodable bytes later in the file become U+FFFD. HTML and JSON
    files need the whole document: read them with :func:`mapper.read_article`
    and split the text with :func:`iter_chunks`.

    Raises
    ------
    InputNotFoundError, InputIsDirectoryError, InputPermissionError
        As :func:`mapper.read_article`.
    BinaryInputError, EncodingError
        When the start of the file is not text.
    EmptyInputError
        When the file holds nothing but whitespace (raised at its end).
    """
    from mapper.read.article import _os_error  # one place maps OS errors to MapperErrors

    if size < 2:
        raise ValueError(f"chunk size must be at least 2 characters, not {size}")
    p = Path(os.fspath(path)).expanduser()
    try:
        fh = open(p, "rb")  # noqa: SIM115 - closed in finally; generator may be abandoned
    except OSError as err:
        raise _os_error(err, p) from None
    try:
        try:
            head = fh.read(SAMPLE_BYTES)
        except OSError as err:
            raise _os_error(err, p) from None
        codec = codecs.lookup(encoding).name if encoding else sniff_encoding(head, name=str(p))
        decoder = codecs.getincrementaldecoder(codec)(errors="strict" if encoding else "replace")
        pending = ""  # decoded text not yet emitted
        carry_cr = False  # a "\r" at the end of the last block may start a "\r\n"
        offset = 0
        seen_text = False
        first = True
        block = head
        while True:
            final = not block
            try:
                piece = decoder.decode(block, final=final)
            except UnicodeDecodeError as err:
                raise InputError(f"{p} is not valid {codec} near byte {err.start}: omit the encoding to detect it") from None
            if first:
                if piece.startswith("\ufeff"):
                    piece = piece[1:]
                first = False
            if carry_cr:
                piece = "\r" + piece
                carry_cr = False
            if piece.endswith("\r") and not final:
                piece, carry_cr = piece[:-1], True
            piece = piece.replace("\r\n", "\n").replace("\r", "\n")
            if not seen_text and piece and not piece.isspace():
                seen_text = True
            pending += piece
            while len(pending) > size or (final and pending):
                cut = split_point(pending, size)
                yield Chunk(offset, pending[:cut])
                offset += cut
                pending = pending[cut:]
            if final:
                break
            try:
                block = fh.read(read_bytes)
            except OSError as err:
                raise _os_error(err, p) from None
        if not seen_text:
            raise EmptyInputError(f"{p} holds no text: give a file that contains the article text")
    finally:
        fh.close()
