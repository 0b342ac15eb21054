"""Checks shared by the analytics functions: columns, types and arguments.

Every measure works on the simulator's tables and on any DataFrame with the same
columns (a student's own data). When a column is missing, has the wrong type or
an argument is out of range, these helpers raise :class:`sim.errors.DataError`
naming the column or argument, its value and what is allowed, in Vietnamese and
English.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable

import pandas as pd

from sim.errors import DataError


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


def check_range(name: str, value: object, low: float | None = None, high: float | None = None,
                *, low_open: bool = False, high_open: bool = False, integer: bool = False) -> float:
    """Check an argument is a number within bounds; return it.

    Raises:
        DataError: ``value`` is not a number, or out of ``[low, high]`` (open ends as asked).
    """
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if integer:
        is_number = isinstance(value, int) and not isinstance(value, bool)
    if is_number:
        ok_low = low is None or (value > low if low_open else value >= low)
        ok_high = high is None or (value < high if high_open else value <= high)
        if ok_low and ok_high and not math.isnan(value):
            return value
    left = "(" if low_open else "["
    right = ")" if high_open else "]"
    bounds = f"{left}{'-∞' if low is None else low}, {'∞' if high is None else high}{right}"
    kind_vi, kind_en = ("số nguyên", "an integer") if integer else ("số", "a number")
    raise DataError([(name, value, f"phải là {kind_vi} trong {bounds}", f"must be {kind_en} in {bounds}")])


def check_choice(name: str, value: object, allowed: Iterable[object]) -> object:
    """Check an argument is one of ``allowed``; return it.

    Raises:
        DataError: ``value`` is not among ``allowed``.
    """
    allowed = list(allowed)
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise DataError([(name, value, f"chỉ nhận một trong: {shown}", f"must be one of: {shown}")])
    return value
