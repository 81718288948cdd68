"""The shape of the package: the CLI stands above everything, no modules import each other in a circle, and no function is longer than 80 lines.

Imports are read from the source with :mod:`ast` (also those inside functions,
which run later but still tie two modules together), so nothing is imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mapper"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imported(name: str, path: Path) -> set[str]:
    """The mapper modules that module *name* imports (``from mapper.x import y`` is ``mapper.x.y`` if a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


IMPORTS = {name: _imported(name, path) for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n != "mapper.__main__"))
def test_nothing_imports_the_cli(name):
    # `python -m mapper` (mapper.__main__) runs the CLI; no library module may know it exists.
    assert "mapper.cli" not in IMPORTS[name]


def _cycle() -> list[str] | None:
    """One import circle among mapper's modules, as the path that closes it, or None."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once every import below is checked
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for imported in sorted(IMPORTS[module]):
            if state.get(imported) == "open":
                return path[path.index(imported):] + [imported]
            if imported not in state and (found := visit(imported)):
                return found
        path.pop()
        state[module] = "done"
        return None

    for module in sorted(MODULES):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_circle():
    cycle = _cycle()
    assert cycle is None, "import circle: " + " → ".join(cycle)


def test_the_checker_sees_imports_inside_functions():
    # The circle that this file was written against ran through imports inside functions.
    assert "mapper.batch" in IMPORTS["mapper.cli"]


MAX_FUNCTION_LINES = 80


def _long_functions(path: Path) -> list[str]:
    """``name (N lines)`` for each function or method in *path* longer than MAX_FUNCTION_LINES, nested ones too."""
    return [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_functions_are_at_most_80_lines(name):
    # A function longer than a screen needs a map of its own: split it into named steps.
    assert _long_functions(MODULES[name]) == []


def test_the_length_check_sees_a_long_function(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES + "\n\ndef g():\n    return 1\n", encoding="utf-8")
    assert _long_functions(long) == [f"f ({MAX_FUNCTION_LINES + 1} lines)"]
