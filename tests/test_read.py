"""The read stage: paths, text, bytes, streams, folders and collections → Article.

Every test input is generated here, in tmp_path; nothing binary is committed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

from mapper.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputIsDirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    MapperError,
    MapperWarning,
)
from mapper.model import Article
from mapper.read.article import (
    DEFAULT_MAX_BYTES,
    FailedArticle,
    parse_date,
    parse_size,
    read_article,
    read_articles,
)
from mapper.read.chunks import iter_chunks, iter_file_chunks

BODY = (
    "Flooding displaces hundreds in Dorvil\n"
    "\n"
    "About 1,200 people left Dorvil for Marenne on Tuesday, the district office said.\n"
    "Another 300 families were expected to follow by the end of the week.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Flooding displaces hundreds in Dorvil | The Example Courier</title>
<meta property="og:title" content="Flooding displaces hundreds in Dorvil">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<link rel="canonical" href="https://news.example.org/2024/03/dorvil-floods">
<style>body { color: red }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Flooding displaces hundreds in Dorvil</h1>
<p>About 1,200 people left Dorvil for Marenne on Tuesday, the district office said in a statement.</p>
<p>Another 300 families were expected to follow by the end of the week, according to volunteers at the scene.</p>
<p>Roads between the two towns remained open, and buses were provided by the regional authority.</p>
</article>
<script>document.title = "INJECTED"; alert("x")</script>
<footer>Copyright The Example Courier. All rights reserved.</footer>
</body></html>
"""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fingerprint(path: Path) -> tuple:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_mode


# ------------------------------------------------------------------------ what a source is
def test_text_is_read_as_text():
    art = read_article(BODY)
    assert isinstance(art, Article)
    assert art.text == BODY
    assert art.title == "Flooding displaces hundreds in Dorvil"
    assert art.source is None
    assert len(art.id) == 12 and art.id == read_article(BODY).id  # stable hash


@pytest.mark.parametrize("as_path", [str, Path], ids=["str", "Path"])
def test_path_is_read_as_file(tmp_path, as_path):
    path = _write(tmp_path / "dorvil.txt", BODY.encode())
    art = read_article(as_path(path))
    assert art.text == BODY
    assert art.id == "dorvil"
    assert art.source == str(path)
    assert art.encoding == "utf-8"


@pytest.mark.parametrize(
    "text",
    [
        "Dorvil",  # one word that is not a file here
        "Families fled, see report.html",  # a sentence that ends in a file name
        "About 40 people / 12 families fled",
        "300 fled.txt files",
    ],
)
def test_single_line_strings_that_are_not_paths_are_text(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert read_article(text).text == text


@pytest.mark.parametrize("text", ["notes.txt", "articles/2024/a.html", "./dorvil", "~/no/such/file.json"])
def test_missing_path_like_strings_are_errors(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputNotFoundError, match="does not exist") as info:
        read_article(text)
    assert info.value.exit_code == 4
    # ... unless the caller says it is text.
    assert read_article(text, as_text=True).text == text


def test_bytes_and_file_objects(tmp_path):
    data = BODY.encode("utf-16")
    assert read_article(data).text == BODY
    assert read_article(bytearray(data)).text == BODY
    assert read_article(io.BytesIO(data)).text == BODY
    assert read_article(io.StringIO(BODY)).text == BODY


def test_article_passes_through_with_overrides():
    art = read_article(BODY)
    assert read_article(art) is art
    again = read_article(art, published="2024-03-05", article_id="x1")
    assert again.published == dt.date(2024, 3, 5) and again.id == "x1" and again.text == art.text


def test_overrides_and_published(tmp_path):
    path = _write(tmp_path / "a.txt", BODY.encode())
    art = read_article(path, published="2024-03-05", article_id="custom", title="T", url="https://x.example/a")
    assert (art.id, art.title, art.url, art.published) == ("custom", "T", "https://x.example/a", dt.date(2024, 3, 5))
    assert read_article(BODY, published=dt.datetime(2024, 3, 5, 23, 59)).published == dt.date(2024, 3, 5)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_article(BODY, published="not a date")


def test_type_error_for_other_objects():
    with pytest.raises(TypeError):
        read_article(12345)


# ------------------------------------------------------------------------ broken files
def test_missing_file(tmp_path):
    with pytest.raises(InputNotFoundError) as info:
        read_article(tmp_path / "nope.txt")
    assert str(tmp_path / "nope.txt") in str(info.value)
    assert isinstance(info.value, FileNotFoundError)
    assert info.value.exit_code == 4


def test_file_below_a_file_is_missing(tmp_path):
    parent = _write(tmp_path / "plain.txt", b"x")
    with pytest.raises(InputNotFoundError):
        read_article(parent / "child.txt")


@pytest.mark.parametrize("as_path", [str, Path], ids=["str", "Path"])
def test_directory_where_a_file_is_expected(tmp_path, as_path):
    with pytest.raises(InputIsDirectoryError, match="directory") as info:
        read_article(as_path(tmp_path))
    assert "read_articles" in str(info.value) or "batch" in str(info.value)
    assert isinstance(info.value, IsADirectoryError)
    assert info.value.exit_code == 4


def test_unreadable_file_as_non_root(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file; see test_unreadable_file_under_dropped_privileges")
    path = _write(tmp_path / "secret.txt", BODY.encode())
    path.chmod(0)
    try:
        with pytest.raises(InputPermissionError, match="permission denied"):
            read_article(path)
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "seteuid") or os.geteuid() != 0, reason="needs root to drop privileges")
def test_unreadable_file_under_dropped_privileges():
    # As root, chmod 000 stops nothing: drop the effective uid to "nobody" for the
    # read itself (the real uid stays root, so it can be restored), against a
    # file whose folder nobody may traverse but whose bytes nobody may read.
    folder = Path(tempfile.mkdtemp(prefix="mapper-perm-"))
    try:
        folder.chmod(0o755)
        path = _write(folder / "secret.txt", BODY.encode())
        path.chmod(0)
        read_article(BODY)  # import everything lazily loaded before losing access to site-packages
        os.seteuid(65534)
        try:
            with pytest.raises(InputPermissionError, match="permission denied") as info:
                read_article(path)
        finally:
            os.seteuid(0)
        assert isinstance(info.value, PermissionError)
        assert info.value.exit_code == 4
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, " \r\n".encode("utf-16")],
    ids=["empty", "whitespace", "bom-only", "utf16-bom-only", "utf16-whitespace"],
)
def test_empty_files(tmp_path, data):
    path = _write(tmp_path / "blank.txt", data)
    with pytest.raises(EmptyInputError) as info:
        read_article(path)
    assert str(path) in str(info.value) and info.value.exit_code == 5


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\r\n\t"])
def test_empty_text(text):
    with pytest.raises(EmptyInputError):
        read_article(text, as_text=True)


@pytest.mark.parametrize(
    "html",
    ["<html><body></body></html>", "<p> </p><div></div>", "<html><script>var a = 1;</script></html>"],
)
def test_html_without_visible_text_is_empty(html):
    with pytest.raises(EmptyInputError, match="HTML"):
        read_article(html)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj<<>>endobj", b"PK\x03\x04\x14\x00\x00\x00", b"\x89PNG\r\n\x1a\n\x00\x00", b"text\x00\x00\x01binary"],
    ids=["pdf", "docx", "png", "nul"],
)
def test_binary_files(tmp_path, data):
    path = _write(tmp_path / "article.txt", data)
    with pytest.raises(BinaryInputError, match="binary") as info:
        read_article(path)
    assert info.value.exit_code == 6


# ------------------------------------------------------------------------ encodings and line endings
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("latin-1", "cp1252"),
     ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_encoded_files(tmp_path, encoding, expected):
    text = "Some 300 people left Saint-Étienne for Nîmes, «à pied», said Señora Peña.\n"
    path = _write(tmp_path / "a.txt", text.encode(encoding))
    art = read_article(path)
    assert art.text == text
    assert art.encoding == expected


def test_declared_encoding(tmp_path):
    path = _write(tmp_path / "a.txt", "Ça va, Zoë.".encode("cp1252"))
    assert read_article(path, encoding="cp1252").text == "Ça va, Zoë."


def test_windows_line_endings_and_offsets(tmp_path):
    path = _write(tmp_path / "crlf.txt", BODY.replace("\n", "\r\n").encode())
    art = read_article(path)
    assert "\r" not in art.text
    assert art.text == BODY
    start = art.text.index("Marenne")
    assert art.text[start : start + 7] == "Marenne"


def test_old_mac_line_endings():
    assert read_article(BODY.replace("\n", "\r"), as_text=True).text == BODY


# ------------------------------------------------------------------------ HTML
@pytest.mark.parametrize("suffix", [".html", ".htm", ".txt"])
def test_html_page_gives_main_text_and_metadata(tmp_path, suffix):
    path = _write(tmp_path / f"page{suffix}", PAGE.encode())
    art = read_article(path)
    assert "About 1,200 people left Dorvil for Marenne" in art.text
    assert "Another 300 families" in art.text
    assert "INJECTED" not in art.text and "alert" not in art.text and "color: red" not in art.text
    assert "Sport" not in art.text  # navigation dropped
    assert art.title == "Flooding displaces hundreds in Dorvil"
    assert art.url == "https://news.example.org/2024/03/dorvil-floods"
    assert art.published == dt.date(2024, 3, 5)


def test_published_argument_overrides_page_metadata(tmp_path):
    path = _write(tmp_path / "page.html", PAGE.encode())
    assert read_article(path, published="2024-04-01").published == dt.date(2024, 4, 1)


def test_html_page_in_cp1252_with_crlf(tmp_path):
    page = PAGE.replace("Marenne", "Marenne-lès-Côtes").replace("\n", "\r\n")
    art = read_article(_write(tmp_path / "page.html", page.encode("cp1252")))
    assert "Marenne-lès-Côtes" in art.text and "\r" not in art.text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>About <b>1,200</b> people left Dorvil.</p><p>They went to Marenne.</p>",
         "About 1,200 people left Dorvil.\n\nThey went to Marenne."),
        ("Some 40 families fled<br>to Marenne<br/>on foot &amp; by bus.",
         "Some 40 families fled\nto Marenne\non foot & by bus."),
        ("<div>Dorvil<script>alert(1)</script> emptied<style>p{}</style>.</div><ul><li>one</li><li>two</li></ul>",
         "Dorvil emptied.\n\none\ntwo"),
        ("<p>Unclosed <i>tags <b>everywhere", "Unclosed tags everywhere"),
    ],
)
def test_html_fragments(fragment, expected):
    assert read_article(fragment).text == expected


def test_plain_text_with_angle_brackets_is_not_html():
    text = "Temperatures fell <5 degrees and >200 people left Dorvil."
    assert read_article(text).text == text


def test_plain_article_quoting_a_snippet_stays_text():
    text = BODY * 10 + 'Embed: <a href="https://x.example/p">a photo</a> <time datetime="2024">then</time>\n'
    assert read_article(text).text == text


def test_hostile_markup_does_not_crash():
    nasty = "<p>" * 5000 + "Dorvil <" + "</p>" * 10 + "<!-- unclosed comment <script>" + "<a href='javascript:x'>"
    art = read_article(nasty)
    assert "Dorvil" in art.text


# ------------------------------------------------------------------------ JSON article files
def test_json_article_file(tmp_path):
    rec = {"id": "dv-17", "url": "https://x.example/17", "title": "Dorvil", "published": "2024-03-05", "text": BODY}
    art = read_article(_write(tmp_path / "a.json", json.dumps(rec).encode()))
    assert (art.id, art.url, art.title, art.published, art.text) == (
        "dv-17", "https://x.example/17", "Dorvil", dt.date(2024, 3, 5), BODY)


@pytest.mark.parametrize(
    ("content", "error", "match"),
    [
        ("{not json", InputError, "not valid JSON"),
        ('{"title": "no text"}', InputError, "no text field"),
        ('{"text": "   "}', EmptyInputError, "empty text"),
        ('[{"text": "a"}, {"text": "b"}]', InputError, "holds 2 articles"),
        ('"just a string"', InputError, "not an article object"),
        ('{"text": 42}', InputError, "not a string"),
    ],
)
def test_bad_json_article_files(tmp_path, content, error, match):
    with pytest.raises(error, match=match):
        read_article(_write(tmp_path / "a.json", content.encode()))


# ------------------------------------------------------------------------ size limits
def test_file_over_the_limit(tmp_path):
    path = _write(tmp_path / "big.txt", b"word " * 300)
    with pytest.raises(InputTooLargeError, match="--max-bytes") as info:
        read_article(path, max_bytes=1000)
    assert info.value.exit_code == 7
    assert read_article(path, max_bytes=1500).text.startswith("word")


def test_text_and_bytes_over_the_limit():
    with pytest.raises(InputTooLargeError):
        read_article("x" * 2000, max_bytes=1000)
    with pytest.raises(InputTooLargeError):
        read_article("é" * 600, max_bytes=1000)  # 1,200 bytes in UTF-8
    with pytest.raises(InputTooLargeError):
        read_article(b"x" * 2000, max_bytes=1000)
    with pytest.raises(InputTooLargeError):
        read_article(io.BytesIO(b"x" * 2000), max_bytes=1000)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_device_is_read_with_a_bound():
    with pytest.raises(InputTooLargeError):
        read_article(Path("/dev/zero"), max_bytes=4096)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10MB", True])
def test_max_bytes_must_be_a_positive_int(bad):
    with pytest.raises(ValueError):
        read_article(BODY, max_bytes=bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("100MB", 100_000_000), ("20MiB", 20 * 1024**2), ("5e6", 5_000_000), ("1048576", 1048576),
     ("1.5 GB", 1_500_000_000), ("64k", 64_000), ("64KiB", 65536), (4096, 4096)],
)
def test_parse_size(value, expected):
    assert parse_size(value) == expected


@pytest.mark.parametrize("value", ["", "lots", "-5MB", "0", "5 parsecs"])
def test_parse_size_rejects(value):
    with pytest.raises(ValueError):
        parse_size(value)


def _big_text_file(path: Path, megabytes: int) -> int:
    para = ("Some 40 families left Dorvil for Marenne on foot, officials said. " * 12 + "\r\n\r\n").encode()
    with open(path, "wb") as fh:
        n = 0
        while n < megabytes * 1_000_000:
            fh.write(para)
            n += len(para)
    return n


def test_fifty_megabytes_in_bounded_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "huge.txt"
    size = _big_text_file(path, 50)
    before = _fingerprint(path)
    # Over the default limit: one clear error, raised before reading the file.
    assert size > DEFAULT_MAX_BYTES
    with pytest.raises(InputTooLargeError, match="iter_file_chunks"):
        read_article(path)
    # In pieces: memory stays near a few chunk sizes, not the file size.
    tracemalloc.start()
    try:
        total = 0
        pieces = 0
        expected_start = 0
        for chunk in iter_file_chunks(path, 500_000):
            assert chunk.start == expected_start and len(chunk.text) <= 500_000
            assert "\r" not in chunk.text
            expected_start = chunk.end
            total += len(chunk.text)
            pieces += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size - _crlf_pairs(path)  # each CRLF became one LF
    assert pieces >= 100
    assert peak < 12_000_000, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"
    assert _fingerprint(path) == before


def _crlf_pairs(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            n += block.count(b"\r\n")
    return n


@pytest.mark.parametrize("size", [2, 7, 64, 1000])
def test_iter_chunks_reassembles_with_offsets(size):
    text = (BODY * 20) + "x" * 150 + " tail without end"
    chunks = list(iter_chunks(text, size))
    assert "".join(c.text for c in chunks) == text
    assert all(text[c.start : c.end] == c.text and 0 < len(c.text) <= size for c in chunks)


def test_iter_chunks_prefers_paragraphs():
    text = "First paragraph here.\n\nSecond one, longer than the first.\n\nThird."
    chunks = list(iter_chunks(text, 40))
    assert chunks[0].text == "First paragraph here.\n\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252", "utf-8-sig"])
def test_iter_file_chunks_matches_read_article(tmp_path, encoding):
    text = ("Réfugiés à Genève: 300 personnes.\r\n" * 500) + "fin"
    path = _write(tmp_path / "a.txt", text.encode(encoding))
    whole = read_article(path).text
    chunks = list(iter_file_chunks(path, 1000, read_bytes=333))
    assert "".join(c.text for c in chunks) == whole


@pytest.mark.parametrize(
    ("data", "error"),
    [(b"", EmptyInputError), (b" \n \n", EmptyInputError), (b"%PDF-1.4 x", BinaryInputError)],
)
def test_iter_file_chunks_errors(tmp_path, data, error):
    path = _write(tmp_path / "a.txt", data)
    with pytest.raises(error):
        list(iter_file_chunks(path))


def test_iter_file_chunks_missing_and_directory(tmp_path):
    with pytest.raises(InputNotFoundError):
        list(iter_file_chunks(tmp_path / "none.txt"))
    with pytest.raises(InputIsDirectoryError):
        list(iter_file_chunks(tmp_path))


# ------------------------------------------------------------------------ inputs are never modified
def test_inputs_are_never_modified(tmp_path):
    files = {
        "a.txt": BODY.replace("\n", "\r\n").encode("cp1252"),
        "b.html": PAGE.encode(),
        "c.json": json.dumps({"text": BODY}).encode(),
        "d.txt": b"",
        "e.txt": b"%PDF-1.4",
        "f.jsonl": b'{"text": "one"}\n{bad\n',
        "g.csv": b"id,text\n1,hello\n",
    }
    paths = [_write(tmp_path / name, data) for name, data in files.items()]
    for p in paths:
        p.chmod(0o444)
    before = {p: _fingerprint(p) for p in paths}
    listing = sorted(os.listdir(tmp_path))
    for p in paths:
        try:
            read_article(p)
        except MapperError:
            pass
    list(read_articles(tmp_path, errors="include"))
    assert {p: _fingerprint(p) for p in paths} == before
    assert sorted(os.listdir(tmp_path)) == listing  # nothing written beside them


# ------------------------------------------------------------------------ collections
def _collection(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    _write(folder / "01.txt", BODY.encode())
    _write(folder / "02.html", PAGE.encode())
    _write(folder / "03.json", json.dumps({"id": "j1", "text": "Forty people left Dorvil."}).encode())
    _write(folder / "sub" / "04.jsonl", b'{"id": "l1", "text": "One"}\n\n{"text": "Two", "date": "5 March 2024"}\n')
    _write(folder / "sub" / "05.csv",
           b'id,url,title,published,text\nc1,https://x.example/c1,T1,2024-01-02,"Line one\r\nline two"\n')
    _write(folder / "empty.txt", b"")
    _write(folder / "notes.docx", b"PK\x03\x04")  # not an article suffix: ignored
    _write(folder / ".hidden" / "x.txt", b"hidden")
    _write(folder / ".DS_Store.txt", b"hidden")
    return folder


def test_read_articles_from_a_folder(tmp_path):
    items = list(read_articles(_collection(tmp_path), errors="include"))
    ids = [a.id for a in items]
    assert ids == ["01", "02", "j1", "empty", "l1", "04:3", "c1"]
    failed = [a for a in items if isinstance(a, FailedArticle)]
    assert [f.id for f in failed] == ["empty"] and isinstance(failed[0].error, EmptyInputError)
    by_id = {a.id: a for a in items}
    assert by_id["04:3"].published == dt.date(2024, 3, 5)
    assert by_id["c1"].text == "Line one\nline two" and by_id["c1"].url == "https://x.example/c1"
    assert by_id["02"].published == dt.date(2024, 3, 5)


def test_read_articles_error_modes(tmp_path):
    folder = _collection(tmp_path)
    with pytest.raises(EmptyInputError):
        list(read_articles(folder))
    with pytest.warns(MapperWarning, match="skipped empty"):
        items = list(read_articles(folder, errors="skip"))
    assert all(isinstance(a, Article) for a in items) and len(items) == 6
    with pytest.raises(ValueError):
        list(read_articles(folder, errors="ignore"))


def test_read_articles_jsonl_bad_lines_do_not_stop_the_rest(tmp_path):
    lines = [json.dumps({"text": "first"}), "{broken", json.dumps([1, 2]), json.dumps({"text": ""}),
             json.dumps({"text": "x" * 5000}), json.dumps({"text": "last"})]
    path = _write(tmp_path / "a.jsonl", ("\n".join(lines) + "\n").encode())
    items = list(read_articles(path, errors="include", max_bytes=1000))
    kinds = [(i.id, type(i.error).__name__ if isinstance(i, FailedArticle) else "ok") for i in items]
    assert kinds == [("a:1", "ok"), ("a:2", "InputError"), ("a:3", "InputError"), ("a:4", "EmptyInputError"),
                     ("a:5", "InputTooLargeError"), ("a:6", "ok")]


def test_read_articles_csv(tmp_path):
    rows = "\ufeff,Unnamed: 0,text,url\n0,1,First text,http://a.example\n1,2,,\n2,3,Third text,\n"
    path = _write(tmp_path / "corpus.csv", rows.encode("utf-8"))
    items = list(read_articles(path, errors="include"))
    assert [(i.id, isinstance(i, Article)) for i in items] == [("corpus:1", True), ("corpus:2", False), ("corpus:3", True)]
    assert items[0].url == "http://a.example"


def test_read_articles_csv_without_text_column(tmp_path):
    path = _write(tmp_path / "x.csv", b"id,body_html_wrong\n1,a\n")
    with pytest.raises(InputError, match="no text column"):
        list(read_articles(path))


def test_read_articles_tsv_in_cp1252(tmp_path):
    path = _write(tmp_path / "x.tsv", "id\ttext\n1\tCaf\u00e9 de Marenne, 40 people\n".encode("cp1252"))
    (art,) = read_articles(path)
    assert art.text == "Café de Marenne, 40 people"


def test_read_articles_json_list(tmp_path):
    path = _write(tmp_path / "list.json", json.dumps({"articles": [{"text": "a"}, {"id": "b", "text": "b"}]}).encode())
    assert [a.id for a in read_articles(path)] == ["list:1", "b"]


@pytest.mark.parametrize(
    ("stdin", "ids"),
    [
        (b'{"id": "s1", "text": "One"}\n{"text": "Two"}\n', ["s1", "stdin:2"]),
        (BODY.encode(), [None]),
        (b'[{"text": "a"}, {"text": "b"}]', ["stdin:1", "stdin:2"]),
        (b"{ not json but text }\nand more", [None]),
    ],
    ids=["jsonl", "text", "json-list", "brace-text"],
)
def test_read_articles_from_stdin(monkeypatch, stdin, ids):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    items = list(read_articles("-"))
    assert len(items) == len(ids)
    for item, expected in zip(items, ids):
        assert isinstance(item, Article)
        if expected is not None:
            assert item.id == expected


@pytest.mark.parametrize("dash", ["-", Path("-")])
def test_read_article_dash_reads_stdin(monkeypatch, dash):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode("utf-16"))))
    assert read_article(dash).text == BODY


def test_stdin_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    with pytest.raises(InputTooLargeError):
        read_article("-", max_bytes=1000)


def test_read_articles_missing_source(tmp_path):
    with pytest.raises(InputNotFoundError):
        list(read_articles(tmp_path / "nowhere"))


def test_read_articles_single_text():
    (art,) = read_articles(BODY)
    assert art.text == BODY


# ------------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T23:10:00+02:00", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 GMT", dt.date(2024, 3, 5)),
        ("5 March 2024", dt.date(2024, 3, 5)),
        ("March 5, 2024", dt.date(2024, 3, 5)),
        ("(2019, 3, 17, 'SUN')", dt.date(2019, 3, 17)),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
        (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
        ("Monday", None),
        ("2024-13-45", None),
        ("", None),
        (None, None),
        (20240305, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_unreadable_metadata_date_warns_and_stays_empty(tmp_path):
    path = _write(tmp_path / "a.json", json.dumps({"text": "Dorvil", "published": "sometime soon"}).encode())
    with pytest.warns(MapperWarning, match="not understood"):
        art = read_article(path)
    assert art.published is None


def test_no_warning_for_clean_input(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_article(_write(tmp_path / "a.html", PAGE.encode()))
