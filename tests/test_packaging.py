"""The package ships what it needs: every sub-package is listed, data is inside."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "mapper").rglob("__init__.py")
    } | {"mapper.data"}
    assert found == listed


def test_data_ships_as_mapper_data():
    files = {p.name for p in importlib.resources.files("mapper.data").iterdir()}
    assert "README.md" in files


def test_output_folder_is_ignored_but_kept():
    assert (ROOT / "output" / ".gitkeep").exists()
    ignore = (ROOT / ".gitignore").read_text()
    assert "output/*" in ignore and "!output/.gitkeep" in ignore
