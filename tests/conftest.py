"""Fixtures shared by the whole suite.

Tests are offline and deterministic. Tests that read the evaluation corpora
in ``../shared`` skip cleanly when it is absent (a fresh clone has no
``../shared``); ``MAPPER_SHARED`` points elsewhere.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Shared fixtures from modules of their own: `browser` (headless Chromium), a small web site and
# the fake online geocoding service on 127.0.0.1.
pytest_plugins = ["browser", "fake_web", "fake_geocoder"]

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _shared_dir() -> Path:
    return Path(os.environ.get("MAPPER_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (or ``$MAPPER_SHARED``); skips the test when absent."""
    path = _shared_dir()
    if not (path / "eval").is_dir():
        pytest.skip(f"{path} is not here: this test needs the shared evaluation data")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article shipped in ``seeds/``."""
    paths = sorted(SEEDS.glob("*.txt"))
    assert paths, "seeds/ holds no article"
    return paths[0]


@pytest.fixture(scope="session")
def seed_extraction(seed_path):
    """The seed article, extracted once for the session."""
    import mapper

    return mapper.extract(mapper.read_article(seed_path))


def pytest_configure(config):
    # Never read or write the user's real cache from tests. Set before any
    # fixture (of any scope) or subprocess runs, so the gazetteer index is
    # built once per test session, in a folder of its own.
    config._mapper_cache = tempfile.mkdtemp(prefix="mapper-test-cache-")
    os.environ["MAPPER_CACHE_DIR"] = config._mapper_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_mapper_cache", ""), ignore_errors=True)
