"""Corpus mode: resumable batch runs, failures, merging, Dask.

Every article text here is invented for these tests.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from mapper import schema
from mapper.batch import format_report, run_batch
from mapper.merge import MERGED_COLUMNS, merge_flows, merge_records
from mapper.model import Article

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ("mentions", "places", "flows", "events", "merged_flows")

# Invented reports: several outlets report one movement with different figures.
ROUTE_REPORTS = [
    ("r1", "2023-03-01", "About 3,000 people fled from Kandahar to Kabul on Monday, aid workers said."),
    ("r2", "2023-03-02", "Up to 5,000 people fled from Kandahar to Kabul this week, according to officials."),
    ("r3", "2023-03-03", "Around 1,200 people were displaced from Kandahar to Kabul, a local council said."),
]
OTHER_REPORTS = [
    ("o1", "2023-03-02", "Some 2,500 residents were evacuated from Mosul to Erbil on Tuesday."),
    ("o2", "2023-06-20", "Nearly 400 families fled from Goma to Bukavu as fighting spread."),
    ("o3", None, "The market in the old quarter reopened after repairs, traders said."),
]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    return path


def _records(reports) -> list[dict]:
    return [{"id": i, "published": d, "text": t} for i, d, t in reports]


def _many(n: int) -> list[dict]:
    towns = [("Kandahar", "Kabul"), ("Mosul", "Erbil"), ("Goma", "Bukavu")]
    out = []
    for k in range(n):
        origin, destination = towns[k % len(towns)]
        out.append({
            "id": f"n{k:04d}",
            "published": f"2023-04-{1 + k % 28:02d}",
            "text": f"About {100 + k:,} people fled from {origin} to {destination}, report number {k} said.",
        })
    return out


def _article_ids(outdir: Path) -> list[str]:
    with sqlite3.connect(outdir / "store.sqlite") as db:
        return [r[0] for r in db.execute("SELECT article_id FROM articles")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    return _write_jsonl(path, _records(ROUTE_REPORTS + OTHER_REPORTS))


@pytest.fixture(scope="module")
def batch(corpus, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("batch")
    return run_batch(corpus, outdir, workers=0, progress=False, map=False)


# Outputs -----------------------------------------------------------------------------------
def test_batch_writes_every_frame_as_geoparquet_and_geopackage(batch):
    import pyogrio

    assert (batch.n_articles, batch.n_ok, batch.n_failed) == (6, 6, 0)
    for name in FRAMES:
        frame = gpd.read_parquet(batch.outputs[name])
        assert frame.crs.to_epsg() == 4326, name
        assert len(frame) == batch.counts[name], name
    layers = dict(pyogrio.list_layers(batch.outputs["gpkg"]))
    assert set(layers) == set(FRAMES)
    assert (batch.outdir / "failures.csv").read_text().startswith("article_id,error_type,message")


def test_batch_frames_equal_single_article_extraction(batch, corpus):
    import mapper
    from mapper.read.article import read_articles

    single = mapper.extract_many(read_articles(corpus))
    for name in ("mentions", "flows", "events"):
        got = batch.frame(name)
        want = getattr(single, name)
        assert list(got.columns[: len(schema.FRAME_COLUMNS[name])]) == list(schema.FRAME_COLUMNS[name])
        assert len(got) == len(want), name
        assert got["article_id"].tolist() == want["article_id"].tolist(), name
        assert got.geometry.geom_equals_exact(want.geometry.reset_index(drop=True), 1e-9).all(), name
    assert set(batch.frame("places")["place_id"]) == set(single.places["place_id"])


# Merge ---------------------------------------------------------------------------------------
def test_same_route_reported_three_times_becomes_one_merged_flow(batch):
    merged = batch.merged_flows()
    route = merged[merged["n_articles"] == 3]
    assert len(route) == 1
    row = route.iloc[0]
    assert json.loads(row["article_ids"]) == ["r1", "r2", "r3"]
    assert (row["count_min"], row["count_max"]) == (1200, 5000)
    assert pd.isna(row["count"]) and row["qualifier"] == "range"
    figures = json.loads(row["figures"])
    assert sorted((f["article_id"], f["value"]) for f in figures) == [("r1", 3000), ("r2", 5000), ("r3", 1200)]
    # every sentence is evidence, with its article
    assert {e["article_id"] for e in json.loads(row["evidence"])} == {"r1", "r2", "r3"}
    # never summed, never averaged
    numbers = {row["count_low"], row["count_high"], row["count_min"], row["count_max"]}
    assert 9200 not in numbers and not any(abs(n - 9200 / 3) < 1 for n in numbers)
    # the period runs over the movement's own dates where the text gives them, else publication dates
    flows = batch.frame("flows")
    flows = flows[flows["article_id"].isin(["r1", "r2", "r3"])]
    starts = flows["date_start"].fillna(flows["published"])
    ends = flows["date_end"].fillna(starts)
    assert (row["period_start"], row["period_end"]) == (min(starts), max(ends))


def _flow(article, published, *, value=None, low=None, high=None, text=None, scope="event", unit="people",
          qualifier=None, origin="geonames:1", destination="geonames:2"):
    figure = {"text": text or str(value), "value": value, "low": low, "high": high, "qualifier": qualifier,
              "unit": unit, "scope": scope, "status": "completed", "article_id": article,
              "sentence": f"sentence of {article}"}
    return {
        "origin": "A", "destination": "B", "origin_id": origin, "destination_id": destination,
        "count": value, "count_low": low, "count_high": high, "count_text": figure["text"],
        "qualifier": qualifier, "unit": unit, "scope": scope, "status": "completed",
        "group_id": f"{article}:m1", "sentence": f"sentence of {article}", "char_start": 0, "char_end": 10,
        "article_id": article, "flow_id": f"{article}:f1", "event_id": f"{article}:m1", "shared": False,
        "figures": json.dumps([figure]),
        "evidence": json.dumps([{"article_id": article, "sentence": f"sentence of {article}",
                                 "char_start": 0, "char_end": 10}]),
        "published": published, "geometry": None,
    }


@pytest.mark.parametrize(
    "reports, expected",
    [
        # agreeing reports: the figure as stated, once
        ([_flow("a", "2024-05-01", value=800, qualifier="about", text="about 800"),
          _flow("b", "2024-05-02", value=800, qualifier="about", text="about 800")],
         {"count": 800, "count_text": "about 800", "count_min": 800, "count_max": 800}),
        # differing reports: a range of the stated numbers
        ([_flow("a", "2024-05-01", value=800), _flow("b", "2024-05-03", value=1500),
          _flow("c", "2024-05-04", high=2000, value=2000, qualifier="up to")],
         {"count": None, "count_low": 800, "count_high": 2000, "count_min": 800, "count_max": 2000}),
        # "more than 600" keeps its bound among the numbers
        ([_flow("a", "2024-05-01", low=600, text="more than 600", qualifier="more than"),
          _flow("b", "2024-05-01", value=700)],
         {"count": None, "count_min": 600, "count_max": 700}),
    ],
)
def test_merge_keeps_figures_as_range_never_sum(reports, expected):
    (row,) = list(merge_records(reports))
    for key, value in expected.items():
        assert row[key] == value, key
    assert row["n_reports"] == len(reports)
    figures = json.loads(row["figures"])
    assert [f["article_id"] for f in figures] == [r["article_id"] for r in reports]


def test_merge_does_not_mix_scopes_or_units_in_one_range():
    reports = [
        _flow("a", "2024-05-01", value=900),
        _flow("b", "2024-05-02", value=40000, scope="cumulative"),
        _flow("c", "2024-05-02", value=150, unit="families"),
    ]
    (row,) = list(merge_records(reports))
    assert (row["count"], row["scope"], row["unit"]) == (900, "event", "people")
    ranges = {(r["scope"], r["unit"]): (r["min"], r["max"]) for r in json.loads(row["ranges"])}
    assert ranges == {("event", "people"): (900, 900), ("cumulative", "people"): (40000, 40000),
                      ("event", "families"): (150, 150)}


@pytest.mark.parametrize("window, n_merged", [(7, 2), (40, 1)])
def test_merge_splits_periods_by_publication_window(window, n_merged):
    reports = [_flow("a", "2024-01-01", value=10), _flow("b", "2024-01-05", value=12),
               _flow("c", "2024-02-01", value=30)]
    assert len(list(merge_records(reports, window_days=window))) == n_merged


def test_merge_dates_a_report_by_its_movement_before_its_publication():
    # Published ten days apart, both about a movement on 3 May: one movement.
    a = {**_flow("a", "2024-05-04", value=500), "date_start": "2024-05-03", "date_end": "2024-05-03",
         "date_text": "on Friday", "date_precision": "day"}
    b = {**_flow("b", "2024-05-14", value=650), "date_start": "2024-05-03", "date_end": "2024-05-03",
         "date_text": "on 3 May", "date_precision": "day"}
    (row,) = list(merge_records([a, b], window_days=7))
    assert (row["period_start"], row["period_end"]) == ("2024-05-03", "2024-05-03")
    assert (row["date_start"], row["date_text"], row["published"]) == ("2024-05-03", "on Friday; on 3 May", "2024-05-04")
    assert [f["published"] for f in json.loads(row["figures"])] == ["2024-05-04", "2024-05-14"]


def test_merge_keeps_undated_reports_apart_and_other_routes_apart():
    reports = [_flow("a", "2024-01-01", value=10), _flow("b", None, value=12),
               _flow("c", "2024-01-01", value=30, destination="geonames:3")]
    rows = list(merge_records(reports))
    assert len(rows) == 3
    assert sorted(str(r["period_start"]) for r in rows) == ["2024-01-01", "2024-01-01", "None"]


def test_merge_flows_on_a_frame_uses_article_dates():
    import mapper

    articles = [Article(text=t, id=i, published=pd.Timestamp(d).date()) for i, d, t in ROUTE_REPORTS]
    extraction = mapper.extract_many(articles)
    merged = merge_flows(extraction.flows, published={a.id: a.published for a in extraction.articles})
    assert list(merged.columns) == [*MERGED_COLUMNS, "geometry"]
    assert merged.crs == schema.CRS
    assert merged["n_articles"].tolist() == [3]
    assert merged.geometry.iloc[0].equals(extraction.flows.geometry.iloc[0])


# Failures --------------------------------------------------------------------------------------
def test_failing_articles_are_recorded_and_the_batch_goes_on(tmp_path):
    good = _records(ROUTE_REPORTS)
    path = tmp_path / "mixed.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(good[0]) + "\n")
        fh.write("{this line is not json\n")
        fh.write(json.dumps({"id": "blank", "text": "   "}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "Refugees arrived in town. " * 400}) + "\n")
        for record in good[1:]:
            fh.write(json.dumps(record) + "\n")
    result = run_batch(path, tmp_path / "out", workers=0, progress=False, map=False, max_bytes=4000)
    assert (result.n_articles, result.n_ok, result.n_failed) == (6, 3, 3)
    failures = result.failures().set_index("article_id")
    # The reader names an article it could not read by file and line.
    assert failures["error_type"].to_dict() == {
        "mixed:2": "InputError", "mixed:3": "EmptyInputError", "mixed:4": "InputTooLargeError"}
    assert all(failures["message"].str.len() > 0)
    assert set(result.frame("flows")["article_id"]) == {"r1", "r2", "r3"}
    assert "failed" in format_report(result)
    # --retry-failed tries them again (and they fail again, once each)
    again = run_batch(path, tmp_path / "out", workers=0, progress=False, map=False, max_bytes=4000,
                      retry_failed=True)
    assert (again.n_new, again.n_skipped, again.n_failed) == (3, 3, 3)


def test_an_article_that_raises_in_extraction_is_recorded(tmp_path):
    # The per-article time limit is a real failure path of the extraction stage.
    articles = [Article(text=t, id=i) for i, _, t in ROUTE_REPORTS]
    articles.insert(1, _slow_article())
    result = run_batch(articles, tmp_path / "out", workers=1, progress=False, map=False, timeout=0.05,
                       chunk_size=1)
    failures = result.failures()
    assert failures["article_id"].tolist() == ["slow"]
    assert failures["error_type"].tolist() == ["ArticleTimeout"]
    assert result.n_ok == 3


def _slow_article() -> Article:
    return Article(text=" ".join(f"People fled from Kandahar to Kabul on day {k}." for k in range(3000)), id="slow")


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
def test_the_time_limit_applies_on_dask(tmp_path):
    distributed = pytest.importorskip("distributed")
    articles = [Article(text=t, id=i) for i, _, t in ROUTE_REPORTS]
    articles.insert(1, _slow_article())
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        result = run_batch(articles, tmp_path / "dask", scheduler=client, progress=False, map=False,
                           timeout=0.05, chunk_size=1)
    failures = result.failures()
    assert failures["article_id"].tolist() == ["slow"]
    assert failures["error_type"].tolist() == ["ArticleTimeout"]
    assert result.n_ok == 3


@pytest.mark.skipif(sys.platform != "linux", reason="local workers are forked on Linux only")
def test_a_worker_that_dies_costs_only_its_article(tmp_path, monkeypatch):
    # No input crashes the real extraction; a worker killed by the OS (segfault,
    # out of memory) is simulated by exiting hard on one article. Workers are
    # forked, so they inherit the patched function.
    import mapper.batch.worker

    real = mapper.batch.worker.extract_rows

    def dies_on_one(article):
        if article.id == "n0005":
            os._exit(3)
        return real(article)

    monkeypatch.setattr(mapper.batch.worker, "extract_rows", dies_on_one)
    records = _many(30)
    path = _write_jsonl(tmp_path / "crash.jsonl", records)
    result = run_batch(path, tmp_path / "out", workers=2, chunk_size=4, progress=False, map=False)
    assert result.failures()[["article_id", "error_type"]].values.tolist() == [["n0005", "WorkerCrashed"]]
    assert result.n_ok == len(records) - 1
    assert sorted(_article_ids(tmp_path / "out")) == sorted(r["id"] for r in records)


# Resume ------------------------------------------------------------------------------------------
def test_rerun_skips_articles_already_done_and_writes_the_same_outputs(corpus, batch, tmp_path):
    again = run_batch(corpus, batch.outdir, workers=0, progress=False, map=False)
    assert (again.n_new, again.n_skipped) == (0, 6)
    assert again.counts == batch.counts
    fresh = run_batch(corpus, tmp_path / "fresh", workers=0, progress=False, map=False, resume=False)
    for name in FRAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(again.outputs[name]), pd.read_parquet(fresh.outputs[name]))


def test_a_second_run_on_the_same_folder_is_refused_while_one_runs(tmp_path, corpus, monkeypatch):
    import fcntl

    import mapper.batch.lock
    from mapper.errors import OutputError

    monkeypatch.setattr(mapper.batch.lock, "LOCK_WAIT", 0.2)
    (tmp_path / "out").mkdir()
    with open(tmp_path / "out" / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutputError, match="in use by another mapper batch"):
            run_batch(corpus, tmp_path / "out", workers=0, progress=False, map=False)
    assert run_batch(corpus, tmp_path / "out", workers=0, progress=False, map=False).n_ok == 6


def test_duplicate_ids_in_the_input_are_processed_once(tmp_path):
    records = _records(ROUTE_REPORTS) + _records(ROUTE_REPORTS[:1])
    path = _write_jsonl(tmp_path / "dup.jsonl", records)
    result = run_batch(path, tmp_path / "out", workers=0, progress=False, map=False)
    assert (result.n_articles, result.n_duplicates) == (3, 1)


@pytest.mark.slow
def test_kill_9_mid_run_then_resume_records_every_article_once(tmp_path):
    from mapper.geocode.gazetteer import get_gazetteer

    get_gazetteer()  # the session's gazetteer index is built before the clock starts
    records = _many(120)
    path = _write_jsonl(tmp_path / "many.jsonl", records)
    outdir = tmp_path / "out"
    script = (
        "import sys; from mapper.batch import run_batch; "
        f"run_batch({str(path)!r}, {str(outdir)!r}, workers=1, chunk_size=1, progress=False, map=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True, cwd=ROOT)
    store = outdir / "store.sqlite"
    killed_at = None
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if store.exists():
                try:
                    with sqlite3.connect(store, timeout=0.1) as db:
                        (n,) = db.execute("SELECT COUNT(*) FROM articles").fetchone()
                except sqlite3.OperationalError:
                    n = 0
                if n >= 10:
                    os.killpg(proc.pid, signal.SIGKILL)
                    killed_at = n
                    break
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert killed_at is not None, "the batch finished or never started before it could be killed"
    partial = _article_ids(outdir)
    assert 10 <= len(partial) < len(records)

    result = run_batch(path, outdir, workers=0, progress=False, map=False)
    assert result.n_skipped == len(partial)
    assert result.n_new == len(records) - len(partial)
    ids = _article_ids(outdir)
    assert sorted(ids) == sorted(r["id"] for r in records)  # every article, once
    flows = result.frame("flows")
    assert flows["article_id"].tolist() == [r["id"] for r in records]  # one flow each, input order
    assert flows["flow_id"].is_unique
    assert result.merged_flows()["n_reports"].sum() == len(records)


# Parallel ----------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_two_local_workers_give_the_same_outputs_as_one_process(tmp_path):
    path = _write_jsonl(tmp_path / "many.jsonl", _many(60) + _records(ROUTE_REPORTS + OTHER_REPORTS))
    one = run_batch(path, tmp_path / "one", workers=0, progress=False, map=False)
    two = run_batch(path, tmp_path / "two", workers=2, chunk_size=4, progress=False, map=False)
    for name in FRAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(one.outputs[name]), pd.read_parquet(two.outputs[name]))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
def test_dask_local_cluster_gives_the_same_outputs(tmp_path, corpus, batch):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        result = run_batch(corpus, tmp_path / "dask", scheduler=client, progress=False, map=False)
    assert (result.n_articles, result.n_failed) == (6, 0)
    for name in FRAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(result.outputs[name]), pd.read_parquet(batch.outputs[name]))
    pytest.importorskip("dask_geopandas")
    merged = result.merged_flows(lazy=True)
    assert merged.crs.to_epsg() == 4326 and len(merged.compute()) == batch.counts["merged_flows"]
    # Lazy frames compute to the eager ones, on the cluster of the run.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster):
        for name in FRAMES:
            lazy = result.frame(name, lazy=True)
            assert lazy.crs.to_epsg() == 4326
            pd.testing.assert_frame_equal(pd.DataFrame(lazy.compute().reset_index(drop=True)),
                                          pd.DataFrame(result.frame(name)))


def test_an_unknown_frame_is_named(batch):
    with pytest.raises(KeyError, match="no frame 'flow'"):
        batch.frame("flow")


# CLI -----------------------------------------------------------------------------------------------------
def test_cli_batch_report(corpus, tmp_path, capsys):
    from mapper.cli import main

    code = main(["batch", str(corpus), "-o", str(tmp_path / "cli"), "--workers", "0", "--report",
                 "--no-map", "--no-progress"])
    out = capsys.readouterr().out
    assert code == 0
    assert "articles" in out and "merged flows" in out.lower()
    assert "(3 figures differ)" in out


def test_cli_batch_map(corpus, tmp_path, capsys):
    from mapper.cli import main

    code = main(["batch", str(corpus), "-o", str(tmp_path / "cli"), "--workers", "0", "--no-progress"])
    assert code == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "cli")
    html = (tmp_path / "cli" / "map.html").read_text(encoding="utf-8")
    assert "leaflet" in html.lower()


def test_a_chunk_submitted_after_a_worker_died_is_redone_not_lost():
    # The race behind a flaky crash: a worker dies, and the next submit meets a pool
    # that already refuses work. The chunk must wait with the others and be redone.
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    from mapper.batch.pool import LocalExecutor

    with LocalExecutor(1, None) as executor:
        dead = executor.pool.submit(os._exit, 3)
        with pytest.raises(BrokenProcessPool):
            dead.result(timeout=60)
        executor.submit([(0, object())])  # does not raise
        (future,) = executor.pending
        assert isinstance(future.exception(timeout=1), BrokenProcessPool)
        assert isinstance(future, concurrent.futures.Future)


def test_the_store_reads_blocks_and_single_rows_alike(tmp_path):
    # Articles' rows are stored as one block of JSON lines per frame; a store written
    # row by row (mapper before blocks) must still resume and write the same lines.
    from mapper.batch.store import Store, iter_lines

    store = Store(tmp_path / "store.sqlite")
    lines = [json.dumps({"text": t, "n": k}) for k, t in enumerate(["Oakford", "Lakeport\u2028Bay", "Qarbek"])]
    store.db.executemany(
        "INSERT INTO rows VALUES (?,?,?,?,?,?,?,?)",
        [("mentions", 0, 0, "a", None, None, None, lines[0]), ("mentions", 0, 1, "a", None, None, None, lines[1]),
         ("mentions", 1, 0, "b", None, None, None, "\n".join(lines))],
    )
    assert list(iter_lines(store.db, "mentions")) == lines[:2] + lines
    store.close()


def test_a_blocked_store_holds_one_row_per_article_and_frame(tmp_path):
    texts = ["Some 300 families fled Oakford for Lakeport on Monday, officials said.",
             "About 40 people left Lakeport for Oakford overnight."]
    run_batch([Article(text=t, id=f"a{k}") for k, t in enumerate(texts)], tmp_path, workers=0, progress=False,
              map=False)
    db = sqlite3.connect(tmp_path / "store.sqlite")
    per_article = db.execute("SELECT frame, article_id, COUNT(*) FROM rows WHERE frame != 'flows' "
                             "GROUP BY frame, article_id").fetchall()
    assert per_article and all(n == 1 for _, _, n in per_article)
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert len(mentions) == sum(db.execute("SELECT SUM(n_mentions) FROM articles").fetchone())


def test_the_pool_parent_imports_every_module_a_worker_extracts_with():
    # The local pool forks after importing _WORKER_MODULES, so that workers do not each import them.
    code = (
        "import sys, importlib\n"
        "from mapper.batch import worker\n"
        "for name in worker.WORKER_MODULES: importlib.import_module(name)\n"
        "before = {m for m in sys.modules if m.startswith('mapper')}\n"
        "worker.init_worker()\n"
        "from mapper.model import Article\n"
        "worker.extract_rows(Article(text='Some 200 families fled northern Chad for Kano last week.', id='a'))\n"
        "print(sorted({m for m in sys.modules if m.startswith('mapper')} - before))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
