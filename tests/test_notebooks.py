"""Every notebook in notebooks/ runs top to bottom without error."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _run(path: Path):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    return notebook


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    monkeypatch.delenv("MAPPER_EVAL", raising=False)  # the corpus notebook reads its own articles
    _run(path)


@pytest.mark.notebook
def test_corpus_notebook_runs_on_the_shared_idetect_articles(shared_dir, monkeypatch):
    monkeypatch.setenv("MAPPER_EVAL", str(shared_dir / "eval"))
    monkeypatch.setenv("MAPPER_CORPUS_LIMIT", "300")  # the whole corpus takes half a minute more
    notebook = _run(NOTEBOOKS[0].parent / "02_corpus.ipynb")
    first = next(o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream")
    assert first.text.startswith("300 articles")
