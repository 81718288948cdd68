"""Atomic writes: a file or folder appears whole under its name, or not at all.

Every output mapper writes (maps, exports, caches, corpus results) goes
through here: the content is written to a temporary name in the same folder,
then renamed onto the target, so an interrupted or failed run never leaves a
partial file behind and a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_dir", "atomic_write", "write_text", "write_bytes"]


def _umask() -> int:
    # os.umask can only be read by setting it; restore at once.
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside *path*; on success rename it onto *path*.

    The temporary file does not exist when yielded (some writers, such as
    GDAL, insist on creating their file). On error it is removed. The result
    gets the permissions a plain ``open(path, "w")`` would give (mkstemp's
    0600 would hide shared maps from other users).
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp" + path.suffix, dir=path.parent)
    os.close(fd)
    os.unlink(name)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp.is_dir():
                shutil.rmtree(tmp)
            else:
                tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a new temporary folder beside *path*; on success it replaces *path*."""
    path = Path(path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        yield tmp
        os.chmod(tmp, 0o777 & ~_umask())
        if path.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old / path.name)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def atomic_write(path: str | os.PathLike, write) -> Path:
    """Call ``write(tmp_path)``, then rename the temporary file onto *path*.

    For writers that take a path (matplotlib's ``savefig``, GDAL...). The
    folder is created when missing.

    Raises
    ------
    mapper.errors.OutputError
        When the file cannot be written (one line, saying what to do).
    """
    from mapper.errors import OutputError

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            write(tmp)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; choose another output path") from exc
    return path


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write *data* to *path* atomically; return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write *text* to *path* atomically (UTF-8 by default); return the path."""
    return write_bytes(path, text.encode(encoding))
