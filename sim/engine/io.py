"""Read a run's tables back from a folder, with the types of the data dictionary.

The shipped data in ``datasets/`` and any folder written by ``python -m sim run``
read back the same way, so analytics get datetimes, integers and booleans
whatever the file format.

Typical use::

    from sim.engine.io import read_tables, shipped_tables
    tables = shipped_tables()
    tables["orders"].dtypes
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.base.errors import DataError
from sim.engine.dictionary import COLUMNS
from sim.engine.result import DIRTY_TABLES, TABLES

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "datasets"
"""The folder of the data shipped with the course (seed 2026, default scenario)."""


def _typed(name: str, df: pd.DataFrame) -> pd.DataFrame:
    kinds = {col: kind for col, kind, _vi, _en in COLUMNS.get(name, [])}
    out = df.copy()
    for col in out.columns:
        kind = kinds.get(col)
        if kind is None and col.endswith(("_expectation", "_perception")):
            kind = "float"
        if kind == "datetime":
            out[col] = pd.to_datetime(out[col])
        elif kind == "date":
            out[col] = pd.to_datetime(out[col]).dt.normalize()
        elif kind == "bool" and out[col].dtype != bool:
            out[col] = out[col].map({True: True, False: False, "True": True, "False": False})
        elif kind == "float":
            out[col] = out[col].astype(float)
        elif kind == "str":
            out[col] = out[col].astype("string").astype(object).where(out[col].notna(), None)
    return out


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read every table of a run written to ``folder`` (CSV or Parquet).

    Args:
        folder: a folder written by ``python -m sim run`` or ``Result.write``.

    Returns:
        The tables by name (``customers``, ``journey``, …; the dirty export too when present),
        with datetimes parsed and booleans as ``bool``.

    Raises:
        DataError: the folder does not exist or lacks one of the seven tables.
    """
    folder = Path(folder)
    tables: dict[str, pd.DataFrame] = {}
    missing = []
    for name in TABLES + DIRTY_TABLES:
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            tables[name] = _typed(name, pd.read_parquet(parquet))
        elif csv.exists():
            tables[name] = _typed(name, pd.read_csv(csv, dtype={"customer_id": str}, keep_default_na=True))
        elif name in TABLES:
            missing.append(name)
    if missing:
        raise DataError([(str(folder), ", ".join(missing),
                          "thư mục phải chứa bảng này (.csv hoặc .parquet) do `python -m sim run` ghi ra",
                          "the folder must hold this table (.csv or .parquet) as written by `python -m sim run`")])
    return tables


def read_manifest(folder: str | Path) -> dict:
    """The ``manifest.json`` of a run folder (seed, version, window length, row counts)."""
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def shipped_tables() -> dict[str, pd.DataFrame]:
    """The tables shipped with the course in ``datasets/`` (default scenario, seed 2026)."""
    return read_tables(SHIPPED_DIR)
