"""What a batch run recorded and wrote: counts, timings, and its combined frames on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mapper.errors import SchedulerError

__all__ = ["BatchResult"]


@dataclass(frozen=True)
class BatchResult:
    """What a batch run recorded and wrote.

    Attributes
    ----------
    outdir : pathlib.Path
        The output folder.
    n_articles, n_ok, n_failed : int
        Articles recorded in the store (over every run that used *outdir*),
        those extracted and those that failed.
    n_new, n_skipped, n_duplicates : int
        This run: articles processed, articles skipped because already
        recorded (resume), and articles whose id was seen earlier in the input.
    counts : dict of str to int
        Rows written per output frame (``mentions``, ``places``, ``flows``,
        ``events``, ``merged_flows``).
    seconds : float
        Wall time of this run, extraction and writing.
    extract_seconds : float
        Wall time of the extraction part (reading, workers, store).
    outputs : dict of str to pathlib.Path
        Every file written, by name.
    """

    outdir: Path
    n_articles: int
    n_ok: int
    n_failed: int
    n_new: int
    n_skipped: int
    n_duplicates: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    extract_seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: articles, failures, rows and merged flows."""
        rows = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.counts.items())
        return (
            f"{self.n_articles} articles ({self.n_new} new, {self.n_skipped} already done, "
            f"{self.n_failed} failed): {rows}"
        )

    def merged_flows(self, *, lazy: bool = False):
        """The merged flows as a GeoDataFrame (read from ``merged_flows.parquet``); see :meth:`frame`."""
        return self.frame("merged_flows", lazy=lazy)

    def frame(self, name: str, *, lazy: bool = False):
        """One combined frame (``mentions``, ``places``, ``flows``, ``events``, ``merged_flows``).

        Parameters
        ----------
        name : str
            The frame's name.
        lazy : bool
            False (default): a GeoDataFrame in memory. True: a dask-geopandas
            GeoDataFrame with one partition per row group of the GeoParquet
            file (row groups are written as the run streams), for corpora
            larger than memory or computed on the Dask cluster of the run.

        Examples
        --------
        >>> per_country = result.frame("mentions", lazy=True).groupby("country_code").size()  # doctest: +SKIP
        >>> per_country.compute()  # doctest: +SKIP
        """
        if name not in self.outputs:
            raise KeyError(f"no frame {name!r}: this run wrote {', '.join(sorted(self.outputs))}")
        if lazy:
            try:
                import dask_geopandas
            except ImportError as exc:
                raise SchedulerError("dask-geopandas is not installed: pip install 'mapper[batch]' for lazy frames") from exc
            return dask_geopandas.read_parquet(self.outputs[name], split_row_groups=True)
        import geopandas as gpd

        return gpd.read_parquet(self.outputs[name])

    def failures(self):
        """The failed articles: ``article_id``, ``error_type``, ``message``, ``source``."""
        import pandas as pd

        return pd.read_csv(self.outputs["failures"], dtype=str, keep_default_na=False)
