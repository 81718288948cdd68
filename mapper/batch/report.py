"""The report of a batch run, as text: counts of articles, flows and failures, and the most reported merged flows."""

from __future__ import annotations

from mapper.batch.result import BatchResult

__all__ = ["format_report"]


def format_report(result: BatchResult, *, top: int = 20) -> str:
    """Counts of articles, flows and failures, and a table of the most reported merged flows."""
    lines = [
        f"articles   {result.n_articles:>8}  ({result.n_ok} extracted, {result.n_failed} failed; "
        f"this run: {result.n_new} new, {result.n_skipped} already done, {result.n_duplicates} duplicate ids)",
    ]
    for name, n in result.counts.items():
        lines.append(f"{name.replace('_', ' '):<11}{n:>8}")
    lines.append(f"time       {result.seconds:>8.1f} s ({result.extract_seconds:.1f} s extracting)")
    if result.counts.get("merged_flows"):
        merged = result.merged_flows()
        merged = merged.sort_values(["n_articles", "n_reports", "origin", "destination"],
                                    ascending=[False, False, True, True])
        lines += ["", f"Merged flows (top {min(top, len(merged))} of {len(merged)} by articles):"]
        header = f"  {'origin':<24} {'destination':<24} {'period':<23} {'count':<30} {'articles':>8}"
        lines += [header, "  " + "-" * (len(header) - 2)]
        for row in merged.head(top).itertuples():
            period = f"{row.period_start}…{row.period_end}" if isinstance(row.period_start, str) else "undated"
            count = row.count_text if isinstance(row.count_text, str) else "no figure"
            lines.append(
                f"  {_cut(row.origin, 24):<24} {_cut(row.destination, 24):<24} {period:<23} "
                f"{_cut(count, 30):<30} {row.n_articles:>8}"
            )
    if result.n_failed:
        failures = result.failures()
        lines += ["", f"Failures ({len(failures)}; all in {result.outputs.get('failures')}):"]
        for row in failures.head(top).itertuples():
            lines.append(f"  {row.article_id}: {row.error_type}: {_cut(row.message, 100)}")
    return "\n".join(lines)


def _cut(text, n: int) -> str:
    text = str(text) if text is not None else ""
    return text if len(text) <= n else text[: n - 1] + "…"
