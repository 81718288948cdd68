"""Every command has help with an example; the CLI is a thin, documented layer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mapper.cli import build_parser, main
from mapper.errors import EXIT_CODES


def _commands() -> list[str]:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)


def test_there_are_commands():
    assert {"map", "extract", "geocode"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Example:" in out
    assert f"mapper {command}" in out.split("Example:", 1)[1]


def test_top_level_help_lists_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for code in EXIT_CODES:
        assert f"{code:>3}  " in out


def test_python_dash_m_works():
    result = subprocess.run([sys.executable, "-m", "mapper", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "mapper" in result.stdout


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2


def test_import_is_cheap():
    code = "import sys, mapper; print(','.join(m for m in ('geopandas', 'folium', 'ahocorasick') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == ""


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_error_class_has_a_documented_exit_code():
    import importlib
    import pkgutil

    import mapper
    from mapper.errors import MapperError

    for info in pkgutil.walk_packages(mapper.__path__, "mapper."):
        if info.name != "mapper.__main__":
            importlib.import_module(info.name)
    for cls in [MapperError, *_all_subclasses(MapperError)]:
        assert cls.exit_code in EXIT_CODES, f"{cls.__name__}.exit_code {cls.exit_code} is not in EXIT_CODES"
