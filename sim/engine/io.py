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

import io
import json
from pathlib import Path

import pandas as pd

from sim.base.errors import DataError
from sim.base.output_folder import SHIPPED_DIR
from sim.engine.dictionary import COLUMNS
from sim.engine.frames import NULLABLE
from sim.engine.result import DIRTY_TABLES, TABLES, run_files
from sim.engine.simulate import simulate
from sim.scenario.loader import load_scenario

EMPTY_TEXT: frozenset[str] = frozenset({"customers.company", "customers_dirty_truth.defects"})
"""Text columns where an empty cell is empty text (a B2C customer has no company, a clean record no defect),
not a missing value. In every other text column an empty CSV cell is a missing value (``None``)."""
CSV_MISSING = [""]
"""The only CSV cell read as missing: an empty one (so a name or a city "NA" or "null" stays text)."""
_EXACT_FLOATS = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}
"""pandas 2 reads decimals back exactly only with the round-trip parser; pandas 3 always does (and deprecates the option)."""


def _kind(name: str, col: str) -> str | None:
    kinds = {c: kind for c, kind, _vi, _en in COLUMNS.get(name, [])}
    kind = kinds.get(col)
    if kind is None and col.endswith(("_expectation", "_perception")):
        kind = "float"
    return kind


def _bool(values: pd.Series, nullable: bool) -> pd.Series:
    mapped = values.map({True: True, False: False, "True": True, "False": False}, na_action="ignore")
    unknown = mapped.isna() & values.notna()
    if unknown.any():
        raise ValueError(values[unknown].iloc[0])
    if nullable or mapped.isna().any():
        return mapped.astype("boolean")
    return mapped.astype(bool)


def _column(name: str, col: str, values: pd.Series) -> pd.Series:
    kind = _kind(name, col)
    key = f"{name}.{col}"
    if kind in ("datetime", "date"):
        if values.isna().all():
            return pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
        text = pd.api.types.is_string_dtype(values)
        stamps = pd.to_datetime(values, format="ISO8601") if text else pd.to_datetime(values)
        if kind == "date":
            stamps = stamps.dt.normalize()
        return stamps.astype("datetime64[s]")
    if kind == "bool":
        return _bool(values, key in NULLABLE)
    if kind == "int":
        return values.astype("Int64" if key in NULLABLE or values.isna().any() else "int64")
    if kind == "float":
        return values.astype("float64")
    if kind == "str":
        text = values.astype(object).where(values.notna(), None)
        return text.where(values.notna(), "") if key in EMPTY_TEXT else text
    return values


def _typed(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """The table with the types of the data dictionary, the same from CSV and from Parquet.

    Text as Python strings (``None`` when missing), times as ``datetime64[s]`` (the files hold whole seconds),
    dates as midnight ``datetime64[s]``, counts as ``int64`` (``Int64`` in :data:`NULLABLE` columns), yes/no as
    ``bool`` (``boolean`` in :data:`NULLABLE` columns), measures as ``float64``.
    """
    out = df.copy()
    for col in out.columns:
        try:
            out[col] = _column(name, col, out[col])
        except (ValueError, TypeError) as exc:
            raise DataError([(f"{name}.{col}", str(exc)[:60], f"không đọc được thành kiểu «{_kind(name, col)}» của từ "
                              "điển dữ liệu; tệp đã bị sửa tay?",
                              f"cannot be read as the data dictionary's type «{_kind(name, col)}»; was the file "
                              "edited by hand?")]) from exc
    return out


def _read_csv(name: str, path: Path) -> pd.DataFrame:
    text = [col for col, kind, _vi, _en in COLUMNS.get(name, []) if kind == "str"]
    return pd.read_csv(path, dtype=dict.fromkeys(text, str), keep_default_na=False, na_values=CSV_MISSING,
                       **_EXACT_FLOATS)


def _listed_tables(folder: Path) -> dict[str, int] | None:
    """The tables and row counts of the folder's manifest, when the folder holds a run's manifest."""
    if run_files(folder) is None:
        return None
    return dict(read_manifest(folder)["rows"])


def _parts(folder: Path, name: str) -> list[Path]:
    """The Parquet parts of a table in a partitioned run (``orders-00001.parquet``…), as its manifest lists them."""
    if run_files(folder) is None:
        return []
    files = read_manifest(folder).get("files") or []
    return [folder / f for f in files if f.startswith(f"{name}-") and f.endswith(".parquet")]


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read every table of a run written to ``folder`` (CSV or Parquet).

    CSV and Parquet give the same tables, column by column: the same types (see :func:`_typed`) and the
    same values. Phone numbers keep their leading zero; an empty CSV cell is a missing value except in
    the columns of :data:`EMPTY_TEXT`.

    Args:
        folder: a folder written by ``python -m sim run`` or ``Result.write``; a partitioned run's parts
            (``orders-00001.parquet``…) are read one after the other into one table (it must fit in memory:
            query a large one with :func:`sim.measures.crm_db.connect_partitioned` instead).

    Returns:
        The tables by name (``customers``, ``journey``, …; the dirty export too when present),
        with datetimes parsed and booleans as ``bool``.

    Raises:
        DataError: the folder does not exist or lacks one of the seven tables; a table is there both as CSV
            and as Parquet; its row count differs from the manifest's (files of different runs); a value
            cannot be read as its column's type.
    """
    folder = Path(folder)
    listed = _listed_tables(folder)
    tables: dict[str, pd.DataFrame] = {}
    missing = []
    for name in TABLES + DIRTY_TABLES:
        if listed is not None and name not in listed:
            continue
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        parts = _parts(folder, name)
        if parts:
            tables[name] = _typed(name, pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True))
            continue
        if parquet.exists() and csv.exists():
            raise DataError([(str(folder), name, "bảng có cả .csv lẫn .parquet: không rõ bảng nào của lần chạy này",
                              "the table is there both as .csv and as .parquet: which one belongs to this run is unknown")])
        if parquet.exists():
            tables[name] = _typed(name, pd.read_parquet(parquet))
        elif csv.exists():
            tables[name] = _typed(name, _read_csv(name, csv))
        elif name in TABLES or listed is not None:
            missing.append(name)
    if missing:
        raise DataError([(str(folder), ", ".join(missing),
                          "thư mục phải chứa bảng này (.csv hoặc .parquet) do `python -m sim run` ghi ra",
                          "the folder must hold this table (.csv or .parquet) as written by `python -m sim run`")])
    for name, rows in (listed or {}).items():
        if len(tables[name]) != rows:
            raise DataError([(str(folder), name, f"bảng có {len(tables[name])} dòng, manifest.json ghi {rows}: các tệp "
                                                 "không cùng một lần chạy", f"the table has {len(tables[name])} rows, "
                                                 f"manifest.json says {rows}: the files are not from one run")])
    return tables


def read_table(path: str | Path, name: str) -> pd.DataFrame:
    """Read one table file (``.csv`` or ``.parquet``) with the types of the data dictionary's table ``name``.

    The same reading as :func:`read_tables`, for a folder that holds only some tables (a student's own
    observed tables, which have no ``truth``).

    Raises:
        DataError: the file does not exist, or a value cannot be read as its column's type.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError([(str(path), name, "không tìm thấy tệp bảng này", "no such table file")])
    if path.suffix == ".parquet":
        return _typed(name, pd.read_parquet(path))
    return _typed(name, _read_csv(name, path))


def read_manifest(folder: str | Path) -> dict:
    """The ``manifest.json`` of a run folder (seed, version, window length, row counts)."""
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def shipped_tables() -> dict[str, pd.DataFrame]:
    """The tables shipped with the course in ``datasets/`` (default scenario, seed 2026).

    A student's pack (``python -m sim.classroom packs``) holds no truth file: its ``datasets/`` has the
    demonstration shop's observed tables only. The demonstration run is public (its scenario and seed are
    in ``datasets/``), and the topic notebooks show its truth on purpose, so the truth is then recomputed
    from that run; the observed tables are checked against the recomputed run first.
    """
    if any((SHIPPED_DIR / f"truth.{fmt}").is_file() for fmt in ("csv", "parquet")):
        return read_tables(SHIPPED_DIR)
    return _with_recomputed_truth(SHIPPED_DIR)


def _with_recomputed_truth(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables of a run folder whose truth file was left out, with the truth recomputed from the run's seed."""
    manifest = read_manifest(folder)
    tables = {name: read_table(path, name) for name in TABLES if name != "truth"
              for path in [folder / f"{name}.csv", folder / f"{name}.parquet"] if path.is_file()}
    missing = [name for name in TABLES if name != "truth" and name not in tables]
    if missing:
        raise DataError([(str(folder), ", ".join(missing), "thư mục phải chứa bảng này (.csv hoặc .parquet)",
                          "the folder must hold this table (.csv or .parquet)")])
    run = simulate(load_scenario(folder / "scenario.yaml"), seed=int(manifest["seed"]))
    rows = run.manifest()["rows"]
    differ = [name for name in tables if rows.get(name) != len(tables[name])]
    if differ:
        raise DataError([(str(folder), ", ".join(differ), "bảng không khớp với lần chạy ghi trong manifest.json (gói đã đổi "
                                                          "sau khi dữ liệu được tạo?)", "the tables do not match the run "
                                                          "named in manifest.json (was the package changed since?)")])
    text = run.truth.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")
    tables["truth"] = _typed("truth", pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=CSV_MISSING,
                                                  **_EXACT_FLOATS))
    return {name: tables[name] for name in TABLES}


__all__ = ["EMPTY_TEXT", "NULLABLE", "SHIPPED_DIR", "read_manifest", "read_table", "read_tables", "shipped_tables"]
