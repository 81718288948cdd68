"""Atomic writes leave either the whole new file or the old state, never a part."""

from __future__ import annotations

import os
import stat

import pytest

from mapper.atomic import atomic_dir, atomic_path, write_text


def test_write_text_creates_a_readable_file(tmp_path):
    out = write_text(tmp_path / "a.html", "<p>é</p>")
    assert out.read_text(encoding="utf-8") == "<p>é</p>"
    mode = stat.S_IMODE(os.stat(out).st_mode)
    assert mode & stat.S_IRGRP  # not mkstemp's private 0600
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_failure_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_atomic_dir_replaces_a_folder_whole(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "stale.csv").write_text("x")
    with atomic_dir(target) as tmp:
        (tmp / "new.csv").write_text("y")
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
