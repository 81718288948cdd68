"""The mapper command end to end, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.cli import main


def test_map_writes_html_and_prints_its_path(seed_path, tmp_path, capsys):
    out = tmp_path / "seed.html"
    assert main(["map", str(seed_path), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "L.map" in html or "leaflet" in html.lower()
    assert "https://cdn" not in html and "//cdnjs" not in html


def test_map_default_output_is_output_stem_html(seed_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["map", str(seed_path)]) == 0
    expected = Path("output") / f"{seed_path.stem}.html"
    assert capsys.readouterr().out.strip() == str(expected)
    assert (tmp_path / expected).exists()


def test_extract_json_to_stdout_has_four_collections(seed_path, capsys):
    assert main(["extract", str(seed_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"mentions", "places", "flows", "events"}
    assert all(v["type"] == "FeatureCollection" for v in data.values())


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "flowmap"])
def test_extract_to_file(seed_path, tmp_path, fmt, capsys):
    out = tmp_path / f"x.{fmt}"
    assert main(["extract", str(seed_path), "-o", str(out), "--format", fmt]) == 0
    assert out.exists()
    if fmt == "flowmap":
        assert sorted(p.name for p in out.iterdir()) == ["flows.csv", "locations.csv"]


def test_extract_reads_stdin():
    text = "Hundreds of families fled Aleppo for Idlib on Monday, officials said.\n"
    result = subprocess.run(
        [sys.executable, "-m", "mapper", "extract", "-"], input=text.encode(), capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mentions"]["features"]


def test_geocode_lists_ranked_candidates(capsys):
    assert main(["geocode", "Aleppo", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert 1 <= len(lines) <= 3
    assert lines[0].lstrip().startswith("1.") and "Aleppo" in lines[0]


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda d: d / "missing.txt", 4),
        (lambda d: d, 4),
        (lambda d: _write(d / "empty.txt", b""), 5),
        (lambda d: _write(d / "blank.txt", b"  \n\t \r\n"), 5),
        (lambda d: _write(d / "binary.bin", bytes(range(256)) * 40), 6),
    ],
    ids=["missing", "directory", "empty", "whitespace", "binary"],
)
def test_bad_input_gives_one_line_and_a_documented_code(tmp_path, capsys, make, code):
    path = make(tmp_path)
    out = tmp_path / "never.html"
    assert main(["map", str(path), "-o", str(out)]) == code
    err = capsys.readouterr().err.strip()
    assert err.startswith("mapper: error: ") and "\n" not in err
    assert not out.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_max_bytes_limits_input_with_exit_7(tmp_path, capsys):
    path = _write(tmp_path / "long.txt", b"Families fled the town. " * 100)
    assert main(["extract", str(path), "--max-bytes", "1kB"]) == 7
    assert "--max-bytes" in capsys.readouterr().err


def test_bad_max_bytes_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.txt", "--max-bytes", "lots"])
    assert exit_info.value.code == 2


def test_first_run_says_it_builds_the_gazetteer_once(tmp_path, monkeypatch, capsys):
    from mapper.geocode import gazetteer

    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path / "cold"))
    monkeypatch.setattr(gazetteer, "_INSTANCE", None)  # a fresh one, in the cold cache
    assert main(["geocode", "Aleppo", "--limit", "1"]) == 0
    assert "building the offline gazetteer index" in capsys.readouterr().err
    assert main(["geocode", "Aleppo", "--limit", "1"]) == 0
    assert "building" not in capsys.readouterr().err
