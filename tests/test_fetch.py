"""Reading a web page from its address, against a real HTTP server on 127.0.0.1.

The site (``tests/fake_web.py``) answers as real ones can: pages with
navigation and metadata, redirects (chains, loops, to other schemes), 4xx and
5xx, 429 with Retry-After, slow and trickling answers, huge and endless
bodies, gzip bombs, PDFs, images and JSON. A guard on ``socket.connect`` fails
any test that reaches beyond loopback. Retries and rate limits run on a fake
clock; the time limits on slow servers are real (a fraction of a second).
"""

from __future__ import annotations

import gzip
import json
import time

import pytest

from fake_geocoder import FakeClock
from fake_web import Answer
from mapper.cli import main
from mapper.errors import (
    BinaryInputError,
    FetchError,
    FetchTimeout,
    InputError,
    InputTooLargeError,
    MapperError,
)
from mapper.read.article import FailedArticle, read_article, read_articles
from mapper.read.fetch import Fetcher, PageCache, looks_like_url, url_stem

pytestmark = pytest.mark.usefixtures("loopback_only")

# Invented reports about real places.
STORY = [
    "About 2,400 people fled from Kherson to Mykolaiv on Monday after the shelling intensified, regional officials said.",
    "Volunteers said buses would keep running through the week.",
]
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Shelling drives thousands from Kherson | The Test Ledger</title>
<meta property="og:title" content="Shelling drives thousands from Kherson">
<meta property="article:published_time" content="2023-11-06T09:30:00Z">
<link rel="canonical" href="https://ledger.example/news/kherson-shelling">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> Subscribe now</nav>
<article><h1>Shelling drives thousands from Kherson</h1>
<p>{0}</p><p>{1}</p></article>
<footer>Copyright The Test Ledger. All rights reserved. Cookie settings.</footer>
</body></html>""".format(*STORY)


def fetcher(tmp_path, clock=None, **kw) -> Fetcher:
    kw.setdefault("cache", tmp_path / "pages")
    kw.setdefault("min_delay", 0.0)
    kw.setdefault("timeout", 5.0)
    if clock is not None:
        kw.update(clock=clock, sleep=clock.sleep)
    return Fetcher(**kw)


# ------------------------------------------------------------------------ a page, its text and metadata
def test_page_is_reduced_to_its_main_text_with_url_title_and_date(site, tmp_path):
    url = site.page("/news/kherson-shelling.html", PAGE)
    art = read_article(url, fetcher=fetcher(tmp_path))
    assert STORY[0] in art.text and STORY[1] in art.text
    assert "Subscribe" not in art.text and "Cookie settings" not in art.text
    assert art.title == "Shelling drives thousands from Kherson"
    assert str(art.published) == "2023-11-06"
    assert art.url == url and art.id == url and art.source == url
    assert art.text[art.text.index(STORY[0]):].startswith(STORY[0])  # offsets refer to this text
    assert site.requests[0]["headers"]["User-Agent"].startswith("mapper/")


def test_overrides_and_fragments(site, tmp_path):
    url = site.page("/a.html", PAGE)
    art = read_article(url + "#comments", fetcher=fetcher(tmp_path), article_id="k1", title="Mine", published="2023-11-07")
    assert (art.id, art.title, str(art.published), art.url) == ("k1", "Mine", "2023-11-07", url)


@pytest.mark.parametrize(
    "text",
    [
        "Read more at https://example.org/story.html about the 300 families who fled.",
        "https://example.org/a https://example.org/b",
    ],
)
def test_text_mentioning_addresses_stays_offline(text, tmp_path, loopback_only):
    assert read_article(text).text == text
    assert read_article("https://example.org/story.html", as_text=True).text == "https://example.org/story.html"
    article = tmp_path / "folder" / "story.txt"  # an article that starts with its source's address
    article.parent.mkdir()
    article.write_text("https://example.org/story.html\n" + "\n".join(STORY) + "\n", encoding="utf-8")
    (art,) = read_articles(article.parent)
    assert STORY[0] in art.text
    assert loopback_only == []


@pytest.mark.parametrize("url", ["ftp://example.org/report.txt", "file:///etc/passwd", "gopher://example.org/1"])
def test_only_http_and_https_are_fetched(url, tmp_path, loopback_only):
    with pytest.raises(InputError, match="only http:// and https://") as info:
        read_article(url, fetcher=fetcher(tmp_path))
    assert info.value.exit_code == 3 and "\n" not in str(info.value)
    assert loopback_only == []


def test_url_helpers():
    assert looks_like_url("https://example.org/x") and looks_like_url(" http://a.b/ ")
    assert not looks_like_url("see https://example.org") and not looks_like_url("C:/x/y.txt")
    assert url_stem("https://ledger.example/news/2023/kherson-shelling.html") == "kherson-shelling"
    assert url_stem("https://ledger.example/?id=5") == "ledger-example"


# ------------------------------------------------------------------------ cache and politeness
def test_pages_are_cached_on_disk_for_the_next_process(site, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_CACHE_DIR", str(tmp_path / "cachedir"))
    url = site.page("/cached.html", PAGE)
    first = Fetcher(min_delay=0).fetch(url)
    again = Fetcher(min_delay=0).fetch(url)  # a new fetcher, as a new process would have
    assert site.hits("/cached.html") == 1
    assert again.from_cache and again.body == first.body and again.final_url == first.final_url
    assert list((tmp_path / "cachedir" / "pages").rglob("*.gz"))


def test_damaged_cache_is_a_miss(site, tmp_path):
    url = site.page("/d.html", PAGE)
    cache = PageCache(tmp_path / "pages")
    cache.path(url).parent.mkdir(parents=True)
    cache.path(url).write_bytes(b"not gzip at all")
    assert Fetcher(cache=cache, min_delay=0).fetch(url).body == PAGE.encode()
    assert site.hits("/d.html") == 1
    assert cache.get(url).body == PAGE.encode()


def test_failures_are_not_cached(site, tmp_path):
    site.add("/flaky.html", Answer(status=404), Answer(body=PAGE.encode()))
    f = fetcher(tmp_path)
    with pytest.raises(FetchError):
        f.fetch(site.url("/flaky.html"))
    assert f.fetch(site.url("/flaky.html")).status == 200


def test_requests_to_one_host_are_spaced(site, tmp_path):
    clock = FakeClock()
    f = fetcher(tmp_path, clock, min_delay=1.0)
    for name in ("a", "b", "c"):
        f.fetch(site.page(f"/{name}.html", PAGE))
    assert clock.sleeps == [1.0, 1.0]
    f.fetch(site.url("/a.html"))  # cached: no request, no wait
    f.fetch(site.page("/other.html", PAGE).replace("127.0.0.1", "localhost"))  # another host: no wait
    assert clock.sleeps == [1.0, 1.0]


# ------------------------------------------------------------------------ retries
def test_429_waits_as_retry_after_says(site, tmp_path):
    clock = FakeClock()
    url = site.add("/busy.html", Answer(status=429, headers={"Retry-After": "7"}), Answer(body=PAGE.encode()))
    assert fetcher(tmp_path, clock, timeout=30).fetch(url).status == 200
    assert clock.sleeps == [7.0]


def test_429_asking_longer_than_the_time_limit_gives_up_at_once(site, tmp_path):
    clock = FakeClock()
    url = site.add("/busy.html", Answer(status=429, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError, match="429") as info:
        fetcher(tmp_path, clock, timeout=30).fetch(url)
    assert info.value.status == 429 and info.value.exit_code == 14
    assert clock.sleeps == [] and site.hits("/busy.html") == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_backoff(site, tmp_path, status):
    clock = FakeClock()
    url = site.add("/s.html", Answer(status=status), Answer(status=status), Answer(body=PAGE.encode()))
    assert fetcher(tmp_path, clock, backoff=0.5).fetch(url).status == 200
    assert clock.sleeps == [0.5, 1.0]


def test_persistent_server_errors_fail(site, tmp_path):
    clock = FakeClock()
    url = site.add("/down.html", Answer(status=503))
    with pytest.raises(FetchError, match="HTTP 503") as info:
        fetcher(tmp_path, clock, max_retries=2).fetch(url)
    assert site.hits("/down.html") == 3 and clock.sleeps == [1.0, 2.0]
    assert info.value.status == 503 and isinstance(info.value, ConnectionError)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_client_errors_are_not_retried(site, tmp_path, status):
    url = site.add("/gone.html", Answer(status=status))
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetcher(tmp_path, FakeClock()).fetch(url)
    assert site.hits("/gone.html") == 1


def test_refused_connection_is_retried_then_fails(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    clock = FakeClock()
    with pytest.raises(FetchError, match="cannot read") as info:
        fetcher(tmp_path, clock).fetch(f"http://127.0.0.1:{port}/x.html")
    assert clock.sleeps == [1.0, 2.0] and info.value.exit_code == 14


# ------------------------------------------------------------------------ time limits (real time, short)
def test_a_server_that_never_answers_times_out(site, tmp_path):
    url = site.add("/slow.html", Answer(body=PAGE.encode(), delay=3.0))
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="within 0.5 s") as info:
        fetcher(tmp_path, timeout=0.5).fetch(url)
    assert time.monotonic() - started < 2.0
    assert isinstance(info.value, TimeoutError) and info.value.exit_code == 14


def test_a_trickling_body_cannot_outlast_the_time_limit(site, tmp_path):
    url = site.add("/drip.html", Answer(body=(b"<p>x</p>" for _ in range(100)), length=None, pause=0.05))
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetcher(tmp_path, timeout=0.6).fetch(url)
    assert time.monotonic() - started < 2.0


# ------------------------------------------------------------------------ size limits
def test_a_declared_length_over_the_limit_is_refused_before_reading(site, tmp_path):
    url = site.add("/big.html", Answer(body=b"<p>tiny</p>", length=50_000_000))
    with pytest.raises(InputTooLargeError, match="50.0 MB") as info:
        fetcher(tmp_path).fetch(url, max_bytes=1_000_000)
    assert info.value.exit_code == 7


def test_an_endless_body_is_read_only_to_the_limit(site, tmp_path):
    url = site.add("/endless.html", Answer(body=(b"<p>" + b"a" * 65536 + b"</p>" for _ in iter(int, 1)), length=None))
    started = time.monotonic()
    with pytest.raises(InputTooLargeError, match="more than"):
        fetcher(tmp_path).fetch(url, max_bytes=300_000)
    assert time.monotonic() - started < 3.0


def test_a_gzip_bomb_is_inflated_only_to_the_limit(site, tmp_path):
    bomb = gzip.compress(b"<p>" + b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    url = site.add("/bomb.html", Answer(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(InputTooLargeError):
        fetcher(tmp_path).fetch(url, max_bytes=1_000_000)


def test_a_gzip_page_is_read(site, tmp_path):
    url = site.add("/z.html", Answer(body=gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"}))
    assert STORY[0] in read_article(url, fetcher=fetcher(tmp_path)).text
    assert site.requests[0]["headers"]["Accept-Encoding"] == "gzip"


# ------------------------------------------------------------------------ redirects
def test_redirects_are_followed_relative_or_absolute(site, tmp_path):
    site.page("/final.html", PAGE)
    site.redirect("/b", site.url("/final.html"), 301)
    url = site.redirect("/a", "/b", 302)
    page = fetcher(tmp_path).fetch(url)
    assert page.url == url and page.final_url == site.url("/final.html")
    assert read_article(url, fetcher=fetcher(tmp_path / "other")).url == url


def test_redirect_loops_stop_at_once(site, tmp_path):
    site.redirect("/loop-a", "/loop-b")
    url = site.redirect("/loop-b", "/loop-a")
    with pytest.raises(FetchError, match="loop") as info:
        fetcher(tmp_path).fetch(url)
    assert info.value.exit_code == 14 and len(site.requests) == 2


def test_redirect_chains_are_limited(site, tmp_path):
    for i in range(10):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    site.page("/r10", PAGE)
    with pytest.raises(FetchError, match="more than 5"):
        fetcher(tmp_path).fetch(site.url("/r0"))
    assert len(site.requests) == 6
    assert fetcher(tmp_path, max_redirects=10).fetch(site.url("/r0")).status == 200


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_redirects_to_other_schemes_are_refused(site, tmp_path, target):
    url = site.redirect("/sneaky", target)
    with pytest.raises(FetchError, match="not an http"):
        fetcher(tmp_path).fetch(url)


# ------------------------------------------------------------------------ content types
@pytest.mark.parametrize(
    ("content_type", "body", "error", "says"),
    [
        ("application/pdf", b"%PDF-1.7 ...", BinaryInputError, "PDF document"),
        ("image/png", b"\x89PNG\r\n\x1a\n...", BinaryInputError, "an image"),
        ("image/jpeg", b"\xff\xd8\xff...", BinaryInputError, "an image"),
        ("video/mp4", b"....", BinaryInputError, "a video"),
        ("application/zip", b"PK\x03\x04...", BinaryInputError, "ZIP"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04", BinaryInputError,
         "office document"),
        ("application/json", b'{"text": "x"}', InputError, "not a web page"),
        ("application/octet-stream", b"%PDF-1.4 ...", BinaryInputError, "PDF"),  # told by its bytes
        (None, b"\x89PNG\r\n\x1a\n\0\0\0", BinaryInputError, "PNG"),
    ],
)
def test_what_is_not_a_page_gets_a_clear_error(site, tmp_path, content_type, body, error, says):
    url = site.add("/file", Answer(body=body, content_type=content_type))
    with pytest.raises(error, match=says) as info:
        read_article(url, fetcher=fetcher(tmp_path))
    assert not isinstance(info.value, FetchError) and "\n" not in str(info.value)


def test_plain_text_and_untyped_pages_are_read(site, tmp_path):
    f = fetcher(tmp_path)
    art = read_article(site.add("/t.txt", body=" ".join(STORY).encode(), content_type="text/plain"), fetcher=f)
    assert art.text == " ".join(STORY)
    assert STORY[0] in read_article(site.add("/u", body=PAGE.encode(), content_type=None), fetcher=f).text


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ("text/html; charset=windows-1252", "<html><body><p>Caf\u00e9 owners in Mosul said \u201cwe left\u201d.</p></body></html>".encode("cp1252")),
        ("text/html; charset=iso-8859-1", "<html><body><p>Caf\u00e9 owners in Mosul said \u201cwe left\u201d.</p></body></html>".encode("utf-8")),
        ("text/html; charset=nonsense", "<html><body><p>Caf\u00e9 owners in Mosul said \u201cwe left\u201d.</p></body></html>".encode("utf-8")),
    ],
)
def test_charsets_declared_right_or_wrong(site, tmp_path, header, body):
    art = read_article(site.add("/c.html", body=body, content_type=header), fetcher=fetcher(tmp_path))
    assert "Caf\u00e9 owners in Mosul said \u201cwe left\u201d." in art.text


def test_an_empty_page_is_empty_input(site, tmp_path):
    from mapper.errors import EmptyInputError

    with pytest.raises(EmptyInputError):
        read_article(site.add("/e.html", body=b""), fetcher=fetcher(tmp_path))


# ------------------------------------------------------------------------ the command line
def test_map_and_extract_from_an_address(site, tmp_path, capsys):
    url = site.page("/news/kherson-shelling.html", PAGE)
    out = tmp_path / "map.html"
    assert main(["map", url, "-o", str(out), "--no-tiles"]) == 0
    assert "Mykola" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", url]) == 0
    data = json.loads(capsys.readouterr().out)
    flow = data["flows"]["features"][0]["properties"]
    assert (flow["origin"], flow["count_text"], flow["article_id"]) == ("Kherson", "About 2,400 people", url)
    assert site.hits("/news/kherson-shelling.html") == 1  # the second command read the cache


def test_map_names_its_output_after_the_page(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = site.page("/news/kherson-shelling.html", PAGE)
    assert main(["map", url, "--no-tiles"]) == 0
    assert (tmp_path / "output" / "kherson-shelling.html").exists()


@pytest.mark.parametrize(
    ("answer", "code", "says"),
    [
        (Answer(status=404), 14, "HTTP 404"),
        (Answer(body=b"%PDF-1.7", content_type="application/pdf"), 6, "PDF"),
        (Answer(body=b"<p>x</p>", length=90_000_000), 7, "over the limit"),
    ],
)
def test_cli_failures_are_one_line_with_a_documented_code(site, tmp_path, capsys, answer, code, says):
    url = site.add("/bad", answer)
    assert main(["extract", url, "--timeout", "5"]) == code
    err = capsys.readouterr().err.strip()
    assert err.startswith("mapper: error: ") and says in err and "\n" not in err


def test_cli_timeout_is_a_time_limit(site, capsys):
    url = site.add("/slow", Answer(body=PAGE.encode(), delay=3.0))
    started = time.monotonic()
    assert main(["extract", url, "--timeout", "0.5"]) == 14
    assert time.monotonic() - started < 2.0
    assert "within 0.5 s" in capsys.readouterr().err


# ------------------------------------------------------------------------ collections of addresses
def _urls_file(site, tmp_path):
    good = [site.page(f"/news/{i}.html", PAGE.replace("2,400", f"{2400 + i:,}")) for i in range(3)]
    site.add("/news/missing.html", Answer(status=404))
    site.add("/news/report.pdf", Answer(body=b"%PDF-1.7", content_type="application/pdf"))
    lines = ["# pages to map", good[0], "", good[1], site.url("/news/missing.html"), "not an address",
             site.url("/news/report.pdf"), good[2]]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, good


def test_read_articles_from_a_list_of_addresses(site, tmp_path):
    path, good = _urls_file(site, tmp_path)
    items = list(read_articles(path, errors="include", fetcher=fetcher(tmp_path)))
    ok = [i for i in items if not isinstance(i, FailedArticle)]
    failed = [i for i in items if isinstance(i, FailedArticle)]
    assert [a.id for a in ok] == good and all(a.url == a.id for a in ok)
    assert [type(f.error).__name__ for f in failed] == ["FetchError", "InputError", "BinaryInputError"]
    assert failed[0].id == site.url("/news/missing.html") and failed[1].id == "urls:6"
    assert all(isinstance(f.error, MapperError) for f in failed)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_url_columns_without_text_are_fetched(site, tmp_path, suffix):
    url = site.page("/news/k.html", PAGE)
    path = tmp_path / f"pages{suffix}"
    if suffix == ".csv":
        path.write_text(f"id,url,published\nk1,{url},2023-11-08\n,{url}#x,\n", encoding="utf-8")
    else:
        path.write_text(json.dumps({"id": "k1", "url": url, "published": "2023-11-08"}) + "\n"
                        + json.dumps({"url": url + "#x"}) + "\n", encoding="utf-8")
    first, second = read_articles(path, fetcher=fetcher(tmp_path))
    assert (first.id, str(first.published), first.url) == ("k1", "2023-11-08", url)  # the record's own
    assert (second.id, str(second.published), second.title) == (url, "2023-11-06", "Shelling drives thousands from Kherson")
    assert STORY[0] in first.text


def test_a_text_column_is_never_fetched(site, tmp_path):
    url = site.page("/news/k.html", PAGE)
    path = tmp_path / "texts.csv"
    path.write_text(f'url,text\n{url},"{STORY[0]}"\n', encoding="utf-8")
    (art,) = read_articles(path, fetcher=fetcher(tmp_path))
    assert art.text == STORY[0] and art.url == url and site.requests == []


def test_addresses_on_standard_input(site, tmp_path):
    import io

    url = site.page("/news/k.html", PAGE)
    items = list(read_articles(io.BytesIO(f"{url}\n{site.url('/nope')}\n".encode()), errors="include",
                               fetcher=fetcher(tmp_path)))
    assert items[0].id == url and isinstance(items[1], FailedArticle)


def test_batch_of_addresses_records_failures_and_goes_on(site, tmp_path):
    from mapper.batch import run_batch

    path, good = _urls_file(site, tmp_path)
    source = read_articles(path, errors="include", fetcher=fetcher(tmp_path))
    result = run_batch(source, tmp_path / "out", workers=0, progress=False, map=False)
    assert (result.n_ok, result.n_failed) == (3, 3)
    failures = result.failures()
    assert set(failures["error_type"]) == {"FetchError", "InputError", "BinaryInputError"}
    assert failures["message"].str.contains("HTTP 404").any()
    flows = result.frame("flows")
    assert sorted(flows["article_id"]) == sorted(good)


def test_batch_command_fetches_a_list_with_its_timeout(site, tmp_path, monkeypatch, capsys, seed_extraction):
    # seed_extraction: the gazetteer is loaded, so extracting one short page takes well under the limit
    monkeypatch.setattr("mapper.read.fetch.DEFAULT_MIN_DELAY", 0.0)
    good = site.page("/news/k.html", PAGE)
    slow = site.add("/news/slow.html", Answer(body=PAGE.encode(), delay=3.0))
    path = tmp_path / "urls.txt"
    path.write_text(f"{good}\n{slow}\n", encoding="utf-8")
    started = time.monotonic()
    code = main(["batch", str(path), "-o", str(tmp_path / "out"), "--workers", "0", "--timeout", "1",
                 "--no-progress", "--no-map", "--report"])
    assert code == 0 and time.monotonic() - started < 10
    report = capsys.readouterr().out
    assert "(1 extracted, 1 failed;" in report
    assert f"{slow}: FetchTimeout: {slow} did not arrive within 1 s" in report
