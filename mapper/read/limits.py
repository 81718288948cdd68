"""Size limits of inputs: one check, one message, for files, streams and web pages alike."""

from __future__ import annotations

from mapper.errors import InputTooLargeError

__all__ = ["DEFAULT_MAX_BYTES", "check_size", "human_size"]

#: Largest article read by default (bytes). Raise it with ``max_bytes=`` / ``--max-bytes``.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def human_size(n: int) -> str:
    """``1234567`` → ``"1.2 MB"`` (powers of 1000, as ``--max-bytes`` reads ``MB``)."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def check_size(size: int, limit: int, name: str) -> None:
    """Raise :class:`~mapper.errors.InputTooLargeError` when *size* bytes exceed *limit*.

    ``size == limit + 1`` means "read one byte past the limit" (size unknown in
    advance) and is said as "more than".
    """
    if size > limit:
        raise InputTooLargeError(
            f"{name} is {'more than ' if size == limit + 1 else ''}{human_size(size)}, over the limit of {human_size(limit)}: "
            f"raise it with --max-bytes (e.g. --max-bytes {max(2 * limit, size) // 1_000_000 + 1}MB, or max_bytes= in Python) "
            "or process the text in pieces with mapper.read.chunks.iter_file_chunks"
        )
