"""The documentation stays true: tests it cites exist, commands it shows work."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CITED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]]*\])?`")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _citations():
    for doc in DOCS:
        for match in CITED.finditer(doc.read_text(encoding="utf-8")):
            yield pytest.param(doc.name, match.group(1), match.group(2), id=f"{doc.name}:{match.group(1)}::{match.group(2)}")


@pytest.mark.parametrize("doc, module, name", list(_citations()))
def test_every_cited_test_exists(doc, module, name):
    path = ROOT / module
    assert path.exists(), f"{doc} cites {module}, which does not exist"
    assert name in _test_names(path), f"{doc} cites {module}::{name}, which does not exist"


def test_reliability_section_cites_tests():
    # The reliability table lives in docs/RELIABILITY.md, linked from the README.
    assert len([c for c in _citations() if c.values[0] == "RELIABILITY.md"]) >= 20


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_relative_link_points_at_a_file(doc):
    for target in LINK.findall(doc.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        assert (doc.parent / target).exists(), f"{doc.name} links to {target}, which does not exist"


@pytest.mark.parametrize("name", ["RELIABILITY.md", "PLACES.md", "ARCHITECTURE.md"])
def test_readme_links_the_docs(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"](docs/{name})" in readme


def test_architecture_lists_the_frames_columns_as_the_schema_does():
    from mapper import schema
    from mapper.merge import MERGED_COLUMNS

    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.groups()[1:] for m in re.finditer(r"^\| `(\w+)` \| (\w+) \| [^|]+ \| (.+) \|$", text, re.MULTILINE)}
    for name, columns in schema.FRAME_COLUMNS.items():
        geometry, listed = rows[name]
        assert geometry == schema.GEOMETRY_TYPES[name], name
        assert re.findall(r"`(\w+)`", listed) == list(columns), name
    geometry, listed = rows["merged_flows"]
    assert re.findall(r"`(\w+)`", listed) == ["flows", *MERGED_COLUMNS[len(schema.FLOW_COLUMNS):]]


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(python3 -m pip install .+)$", readme, re.MULTILINE)
    assert len(commands) == 2, "the README's quick start has exactly two set-up commands"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_readme_exit_codes_match_the_code():
    from mapper.errors import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, re.MULTILINE))
    assert {int(k) for k in table} == set(EXIT_CODES)
