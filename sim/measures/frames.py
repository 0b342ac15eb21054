"""Checks of the tables given to a measure: columns and their types.

Every measure works on the simulator's tables and on any DataFrame with the same
columns (a student's own data). When a column is missing, has the wrong type or
an argument is out of range, these helpers raise :class:`sim.base.errors.DataError`
naming the column or argument, its value and what is allowed, in Vietnamese and
English.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

import pandas as pd

from sim.base.errors import DataError


def require_columns(df: object, columns: Iterable[str], table: str) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame holding ``columns``; return it.

    Args:
        df: the table given by the caller.
        columns: the columns the measure reads.
        table: the table's name as the data dictionary calls it (``orders``, ``surveys``…).

    Raises:
        DataError: ``df`` is not a DataFrame, or columns are missing.
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError([(table, type(df).__name__,
                          f"cần một pandas DataFrame có các cột {', '.join(columns)}",
                          f"expected a pandas DataFrame with the columns {', '.join(columns)}")])
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError([(f"{table}.{c}", "(thiếu / missing)",
                          f"bảng `{table}` phải có cột này (xem `python -m sim describe`)",
                          f"table `{table}` must have this column (see `python -m sim describe`)") for c in missing])
    return df


def datetimes(df: pd.DataFrame, column: str, table: str) -> pd.Series:
    """The column as datetimes (text such as ``2026-01-31 08:00:00`` is parsed).

    Raises:
        DataError: values that are neither datetimes nor parseable text.
    """
    series = df[column]
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "could not infer format": the error below says more
            return pd.to_datetime(series, format="mixed")
    except (ValueError, TypeError) as exc:
        bad = series.iloc[0] if len(series) else None
        raise DataError([(f"{table}.{column}", bad, "phải là ngày giờ, dạng YYYY-MM-DD HH:MM:SS",
                          "must be datetimes, as YYYY-MM-DD HH:MM:SS")]) from exc


def timestamp(name: str, value: object) -> pd.Timestamp:
    """An argument as a Timestamp (datetime or text such as ``2026-12-31 23:59:59``).

    Raises:
        DataError: naming the argument, when ``value`` is not a date and time.
    """
    try:
        stamp = pd.Timestamp(value) if value is not None else pd.NaT
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise DataError([(name, value, "phải là ngày giờ, dạng YYYY-MM-DD HH:MM:SS",
                          "must be a datetime, as YYYY-MM-DD HH:MM:SS")])
    return stamp


def latest_or(as_of: object, stamps: pd.Series) -> pd.Timestamp | None:
    """``as_of`` as a Timestamp; ``None`` gives the latest of ``stamps`` (``None`` when there is none)."""
    if as_of is None:
        return stamps.max() if stamps.notna().any() else None
    return timestamp("as_of", as_of)


def numbers(df: pd.DataFrame, column: str, table: str) -> pd.Series:
    """The column as numbers (floats); refuses text that is not a number.

    Raises:
        DataError: a value that is not a number.
    """
    series = df[column]
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return series.astype(float)
    converted = pd.to_numeric(series, errors="coerce")
    bad = series[converted.isna() & series.notna()]
    if len(bad):
        raise DataError([(f"{table}.{column}", bad.iloc[0], "phải là số", "must be a number")])
    return converted.astype(float)






_FLAG_TEXT = {"true": True, "false": False, "1": True, "0": False, "1.0": True, "0.0": False}


def flags(df: pd.DataFrame, column: str, table: str) -> pd.Series:
    """A yes/no column as booleans, the one reading every measure uses.

    Accepted: ``True``/``False`` (Python, NumPy or pandas' nullable booleans), the numbers 1/0 and the
    text ``true``/``false``/``1``/``0`` in any case and with spaces around. A missing value counts as
    ``False`` (no opt-in recorded is no permission; no recommendation recorded is none).

    Raises:
        DataError: naming the first value that is none of these.
    """
    series = df[column]
    missing = series.isna()
    if pd.api.types.is_bool_dtype(series):
        return series.fillna(False).astype(bool) if missing.any() else series.astype(bool)
    text = series.map(lambda v: str(v).strip().lower(), na_action="ignore")
    mapped = text.map(_FLAG_TEXT)
    bad = series[mapped.isna() & ~missing]
    if len(bad):
        raise DataError([(f"{table}.{column}", bad.iloc[0], "phải là True/False (hoặc 1/0)", "must be True/False (or 1/0)")])
    return mapped.where(~missing, False).astype(bool)


def tables_of(tables: object, names: Iterable[str] = (), *, argument: str = "tables") -> Mapping[str, pd.DataFrame]:
    """The tables of a run, given as a :class:`~sim.engine.result.Result` or a dict of table name → DataFrame.

    Args:
        tables: a Result (its ``tables``) or a mapping of tables by name.
        names: the tables the caller needs.
        argument: the caller's name for the argument, shown in the message.

    Raises:
        DataError: ``tables`` is neither, or one of ``names`` is missing.
    """
    mapping = tables.tables if hasattr(tables, "tables") else tables
    if not isinstance(mapping, Mapping):
        raise DataError([(argument, type(tables).__name__, "cần một Result hoặc dict tên bảng → DataFrame",
                          "expected a Result or a dict of table name → DataFrame")])
    missing = [name for name in names if name not in mapping]
    if missing:
        raise DataError([(f"{argument}[{name!r}]", "(thiếu / missing)", f"cần bảng `{name}`", f"the table `{name}` is needed")
                         for name in missing])
    return mapping
