"""One error hierarchy for mapper.

Every error mapper raises on purpose is a :class:`MapperError`. Each subclass
also inherits the builtin exception a caller would naturally catch
(``FileNotFoundError``, ``ValueError``...), so ``except ValueError`` keeps
working for people who do not know mapper's classes. Each class carries the
process exit code the CLI uses for it; the CLI maps errors to codes in one
place (:func:`mapper.cli.main`) by reading this attribute.

Messages are one line and say what to do next.
"""

from __future__ import annotations

__all__ = [
    "MapperError",
    "InputError",
    "InputNotFoundError",
    "InputIsDirectoryError",
    "InputPermissionError",
    "EmptyInputError",
    "BinaryInputError",
    "EncodingError",
    "InputTooLargeError",
    "FetchError",
    "FetchTimeout",
    "OutputError",
    "GazetteerError",
    "GeocoderError",
    "GeocoderTimeout",
    "GeocoderRateLimited",
    "GeocoderUnavailable",
    "RenderError",
    "MapperWarning",
    "EXIT_CODES",
]


class MapperError(Exception):
    """Base class of every error mapper raises on purpose."""

    exit_code: int = 1


class InputError(MapperError, ValueError):
    """The input article cannot be read as text."""

    exit_code = 3


class InputNotFoundError(InputError, FileNotFoundError):
    """The input path does not exist."""

    exit_code = 4


class InputIsDirectoryError(InputError, IsADirectoryError):
    """A directory was given where a file is expected."""

    exit_code = 4


class InputPermissionError(InputError, PermissionError):
    """The input exists but cannot be read."""

    exit_code = 4


class EmptyInputError(InputError):
    """The input holds no text (empty or whitespace only)."""

    exit_code = 5


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""

    exit_code = 6


class EncodingError(InputError, UnicodeError):
    """The input's character encoding could not be determined."""

    exit_code = 6


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""

    exit_code = 7


class FetchError(InputError, ConnectionError):
    """A web page given by its URL could not be fetched.

    The network failed, the server answered with an HTTP error, the page
    redirected too often or in a loop, or it did not answer in time.
    ``status`` is the last HTTP status, when there was one.
    """

    exit_code = 14

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class FetchTimeout(FetchError, TimeoutError):
    """A web page did not arrive within the time limit."""


class OutputError(MapperError, OSError):
    """The output could not be written."""

    exit_code = 8


class GazetteerError(MapperError, RuntimeError):
    """The embedded gazetteer is missing or damaged."""

    exit_code = 9


class GeocoderError(MapperError, RuntimeError):
    """An online geocoder failed."""

    exit_code = 10


class GeocoderTimeout(GeocoderError, TimeoutError):
    """An online geocoder did not answer in time."""


class GeocoderRateLimited(GeocoderError):
    """An online geocoder refused the request for too many requests."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """An online geocoder cannot be reached or answered with a server error."""


class RenderError(MapperError, RuntimeError):
    """A map could not be drawn."""

    exit_code = 11


class MapperWarning(UserWarning):
    """Something was done in a degraded way and the user should know.

    For example an online geocoder failed and the offline gazetteer answered
    instead, or a publication date in metadata could not be read. Filter with
    ``warnings.simplefilter("error", MapperWarning)`` to make these fatal.
    """


class SchedulerError(MapperError, ConnectionError):
    """The Dask scheduler cannot be reached, or Dask is not installed."""

    exit_code = 12


class ParserModelError(MapperError, RuntimeError):
    """The parser model that reads movements is missing, of another version, or damaged."""

    exit_code = 13


#: Exit codes of the ``mapper`` command, documented in the README.
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected internal error (a bug: please report it with the input)",
    2: "usage error (bad command-line arguments)",
    3: "input cannot be read as text",
    4: "input missing, a directory, or not readable",
    5: "input is empty",
    6: "input is binary or its encoding cannot be determined",
    7: "input is larger than --max-bytes",
    8: "output cannot be written",
    9: "embedded gazetteer missing or damaged (reinstall mapper)",
    10: "online geocoder failed (rerun without --geocoder to stay offline)",
    11: "map could not be drawn",
    12: "Dask scheduler unreachable, or Dask not installed (mapper batch --scheduler)",
    13: "parser model missing or damaged (reinstall mapper)",
    14: "web page could not be fetched (network, HTTP error, redirects or timeout)",
    130: "interrupted (Ctrl-C)",
}
