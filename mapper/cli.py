"""The ``mapper`` command: a thin layer over the library.

Every command's ``--help`` ends with examples. Errors are printed as one
line, ``mapper: error: ...``, and mapped to exit codes in one place,
:func:`main`, from :attr:`mapper.errors.MapperError.exit_code`
(the table is :data:`mapper.errors.EXIT_CODES`, also in the README).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from mapper.errors import EXIT_CODES, MapperError

__all__ = ["main", "build_parser"]

EXTRACT_FORMATS = ("json", "geojson", "gpkg", "csv", "parquet", "flowmap")


def _exit_code_table() -> str:
    return "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def _add_command(subparsers, name: str, *, help: str, description: str, examples: str):
    return subparsers.add_parser(
        name,
        help=help,
        description=description,
        epilog="Example:\n" + textwrap.indent(textwrap.dedent(examples).strip(), "  "),
        formatter_class=_Formatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mapper`` command (also used to test the help)."""
    parser = argparse.ArgumentParser(
        prog="mapper",
        description="Turn news about forced displacement into maps: places, movements, counts, evidence.",
        epilog=(
            "Example:\n  mapper map seeds/article.txt\n  mapper extract article.txt -o out.json\n"
            "  mapper geocode Jalalabad --country AF\n  mapper batch articles.csv -o out/corpus --report\n"
            "\nExit codes:\n" + _exit_code_table()
        ),
        formatter_class=_Formatter,
    )
    from mapper import __version__

    parser.add_argument("--version", action="version", version=f"mapper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for add in (_add_map_command, _add_extract_command, _add_geocode_command, _add_batch_command):
        add(subparsers)
    return parser


def _add_map_command(subparsers) -> None:
    p = _add_command(
        subparsers,
        "map",
        help="draw an interactive HTML map of the movements in articles",
        description=(
            "Read articles, find who moved from where to where and how many, and draw a\n"
            "self-contained HTML map (works offline). Prints the path of the map."
        ),
        examples="""
            mapper map article.txt                 # writes output/article.html
            mapper map a.txt b.html -o crisis.html # one map for several articles
            mapper map article.txt --format png    # a static image for a report
            mapper map https://example.org/news/story.html  # fetch the page, map its main text
        """,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article files (.txt, .html, .json), http(s) addresses of pages, or - for standard input")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: output/<first input stem>.<format>)")
    p.add_argument("--format", choices=("html", "png", "svg"), default=None, help="map format (default: from OUT's suffix, else html)")
    p.add_argument("--title", help="map title (default: the article title)")
    p.add_argument("--no-tiles", action="store_true", help="no online tile basemap: only the embedded outline")
    _add_reading_options(p)
    p.set_defaults(run=_cmd_map)


def _add_extract_command(subparsers) -> None:
    p = _add_command(
        subparsers,
        "extract",
        help="write places, flows and events as data (JSON, GeoJSON, GeoPackage, CSV)",
        description=(
            "Read articles and write the four frames (mentions, places, flows, events).\n"
            "--format json writes {\"mentions\", \"places\", \"flows\", \"events\"}, each a GeoJSON\n"
            "FeatureCollection. Without -o, JSON goes to standard output."
        ),
        examples="""
            mapper extract article.txt                       # JSON on standard output
            mapper extract article.txt -o out.gpkg           # GeoPackage with four layers
            mapper extract article.txt -o out --format csv   # folder of four CSV files
            mapper extract a.txt b.txt -o fm --format flowmap  # locations.csv + flows.csv for flowmap.blue
            mapper extract https://example.org/news/story.html -o story.geojson
        """,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, http(s) addresses of pages, or - for standard input")
    p.add_argument("-o", "--output", metavar="OUT", help="output path (default: standard output, JSON)")
    p.add_argument("--format", choices=EXTRACT_FORMATS, default=None, help="output format (default: from OUT's suffix, else json)")
    _add_reading_options(p)
    p.set_defaults(run=_cmd_extract)


def _add_geocode_command(subparsers) -> None:
    p = _add_command(
        subparsers,
        "geocode",
        help="look a place name up in the offline gazetteer",
        description="Show the ranked candidates for a place name (offline gazetteer).",
        examples="""
            mapper geocode Mosul
            mapper geocode "Kakuma camp" --limit 3
            mapper geocode Tripoli --country LB
        """,
    )
    p.add_argument("name", metavar="NAME", help="place name")
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 country code to restrict to")
    p.add_argument("--limit", type=int, default=5, metavar="N", help="how many candidates (default 5)")
    p.set_defaults(run=_cmd_geocode)


def _add_batch_command(subparsers) -> None:
    from mapper.batch import DEFAULT_TIMEOUT
    from mapper.merge import DEFAULT_WINDOW_DAYS

    p = _add_command(
        subparsers,
        "batch",
        help="extract a whole corpus, resumably, and merge the flows reported by several articles",
        description=(
            "Extract every article of a folder, JSONL, CSV or standard input in parallel, and write\n"
            "GeoParquet and GeoPackage of mentions, places, flows, events and merged flows, a\n"
            "failures table and a map into OUTDIR. An interrupted run resumes where it stopped.\n"
            "Flows of one origin and destination reported within --window days are merged;\n"
            "differing figures are kept as a range with their sources, never summed."
        ),
        examples="""
            mapper batch articles/ -o out/corpus                 # a folder of .txt/.html/.json
            mapper batch articles.jsonl -o out/corpus --report   # print counts and merged flows
            mapper batch articles.csv -o out/corpus --workers 2
            mapper batch articles.csv -o out/corpus --scheduler tcp://scheduler-host:8786
            mapper batch urls.txt -o out/corpus --timeout 30     # fetch the pages, one address a line
        """,
    )
    p.add_argument("input", metavar="INPUT",
                   help="folder, .jsonl, .csv, .json file, .txt list of page addresses, or - for standard input")
    p.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder (also holds the resumable state)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="local worker processes (default: CPUs; 0: none)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler tcp://HOST:PORT (needs mapper[batch])")
    p.add_argument("--report", action="store_true", help="print counts of articles, flows, failures and the merged flows")
    p.add_argument("--no-resume", dest="resume", action="store_false", help="start afresh: forget articles already done in OUTDIR")
    p.add_argument("--retry-failed", action="store_true", help="on resume, try the articles that failed before again")
    p.add_argument("--window", type=int, default=DEFAULT_WINDOW_DAYS, metavar="DAYS",
                   help=f"merge reports published within DAYS of each other (default {DEFAULT_WINDOW_DAYS})")
    p.add_argument("--published", metavar="DATE", help="publication date YYYY-MM-DD for articles without one")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per article, and to fetch each page given by its address; slower ones are "
                   f"recorded as failed (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--no-map", dest="map", action="store_false", help="do not draw map.html")
    p.add_argument("--no-progress", dest="progress", action="store_false", help="no progress bar")
    p.set_defaults(run=_cmd_batch)


def size(value: str) -> int:
    """argparse type for --max-bytes ("50MB", "1GiB", bytes); a bad value is a usage error."""
    from mapper.read.article import parse_size

    return parse_size(value)


def seconds(value: str) -> float:
    """argparse type for --timeout: a positive number of seconds; anything else is a usage error."""
    try:
        n = float(value)
    except ValueError:
        n = float("nan")
    if not n > 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"invalid time limit {value!r}: give a positive number of seconds, e.g. 30")
    return n


def _add_reading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD) when the article lacks one")
    p.add_argument(
        "--max-bytes", metavar="SIZE", type=size, default=None,
        help="largest input accepted, e.g. 50MB (default 20MB); larger inputs exit with code 7",
    )
    p.add_argument(
        "--geocoder", metavar="SERVICE", default=None,
        help="also ask an online geocoder (nominatim, photon, arcgis...) about places the offline "
        "gazetteer cannot place; cached and rate-limited (default: offline only)",
    )
    from mapper.read.fetch import DEFAULT_TIMEOUT

    p.add_argument(
        "--timeout", metavar="SECONDS", type=seconds, default=DEFAULT_TIMEOUT,
        help=f"time limit to fetch a page given by its address, retries included (default {DEFAULT_TIMEOUT:g}); "
        "pages are cached, rate-limited per host and retried",
    )


# Commands -----------------------------------------------------------------------------
def _read_inputs(args):
    from mapper.read.article import read_article
    from mapper.read.fetch import Fetcher, looks_like_url

    fetcher = Fetcher(timeout=args.timeout) if any(map(looks_like_url, args.inputs)) else None
    articles = []
    for item in args.inputs:
        # An address is fetched; anything else is a path (Path("-") is standard input, bounded like files).
        source = item if looks_like_url(item) else Path(item)
        articles.append(read_article(source, published=args.published, max_bytes=args.max_bytes, fetcher=fetcher))
    return articles


def _extract(args):
    from mapper.pipeline import extract_many

    return extract_many(_read_inputs(args), progress=len(args.inputs) > 1, geocoder=args.geocoder)


def _default_output(inputs: Sequence[str], suffix: str) -> Path:
    from mapper.read.fetch import looks_like_url, url_stem

    first = inputs[0]
    stem = "stdin" if first == "-" else url_stem(first) if looks_like_url(first) else Path(first).stem
    return Path("output") / f"{stem}.{suffix}"


def _cmd_map(args) -> int:
    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "html") or "html"
    if fmt not in ("html", "png", "svg"):
        raise MapperError(f"cannot draw a map as {fmt!r}: use an .html, .png or .svg output")
    out = Path(args.output) if args.output else _default_output(args.inputs, fmt)
    extraction = _extract(args)
    options = {"title": args.title}
    if fmt == "html":
        from mapper.maps.folium_map import render
        from mapper.maps.html import save_html

        if args.no_tiles:
            options["tiles"] = None
        save_html(render(extraction, **options), out)
    else:
        from mapper.maps.static import save_static

        save_static(extraction, out, **options)
    print(out)
    return 0


def _cmd_extract(args) -> int:
    extraction = _extract(args)
    if args.output is None:
        if args.format not in (None, "json"):
            raise MapperError(f"--format {args.format} needs an output path: add -o OUT")
        sys.stdout.write(extraction.to_json(indent=1) + "\n")
        return 0
    out = extraction.to_file(args.output, format=args.format)
    print(out)
    return 0


def _cmd_geocode(args) -> int:
    from mapper.geocode.offline import OfflineGeocoder

    locations = OfflineGeocoder().geocode(
        args.name, exactly_one=False, country_codes=args.country, limit=args.limit
    ) or []
    if not locations:
        print(f"no candidates for {args.name!r}", file=sys.stderr)
        return 0
    for rank, location in enumerate(locations, start=1):
        raw = location.raw
        print(
            f"{rank:>2}. {raw.get('name')} [{raw.get('feature_type')}, {raw.get('country_code') or '--'}]"
            f"  {location.latitude:.4f}, {location.longitude:.4f}"
            f"  pop {raw.get('population') or 0:,}  {raw.get('place_id')}"
        )
    return 0


def _cmd_batch(args) -> int:
    from mapper.batch import format_report, run_batch

    if args.workers is not None and args.workers < 0:
        raise MapperError("--workers must be 0 or more")
    if args.window < 0:
        raise MapperError("--window must be 0 or more days")
    result = run_batch(
        args.input,
        args.output,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=args.progress,
        resume=args.resume,
        window_days=args.window,
        published=args.published,
        timeout=args.timeout or None,
        map=args.map,
        retry_failed=args.retry_failed,
    )
    if args.report:
        print(format_report(result))
    else:
        print(result.summary(), file=sys.stderr)
        print(result.outdir)
    return 0


# Entry point ---------------------------------------------------------------------------
def _log_to_stderr() -> None:
    """mapper's own notices (e.g. the one-time gazetteer build) as ``mapper: ...`` lines on stderr."""
    import logging

    logger = logging.getLogger("mapper")
    if not any(getattr(h, "_mapper_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mapper: %(message)s"))
        handler._mapper_cli = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mapper`` command; return its exit code.

    This is the one place where errors become exit codes: a
    :class:`~mapper.errors.MapperError` prints one line and exits with its
    ``exit_code``; anything else is a bug (exit 1, message asks for a report).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    _log_to_stderr()
    try:
        return args.run(args)
    except MapperError as exc:
        print(f"mapper: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mapper: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        print(
            f"mapper: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; please report it with the input; rerun with MAPPER_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        import os

        if os.environ.get("MAPPER_DEBUG"):
            raise
        return 1
