"""Write one table of a run as CSV or Parquet, with Arrow's writers.

CSV is written as pandas has always written the course's files, byte for byte (``make data`` gives the
same ``datasets/``): a header line of the column names, then one line per row with Unix line ends;
times to the second (``2026-01-01 14:23:30``), yes/no as ``True``/``False``, decimals as Python writes
them (``0.0``, ``11.66``), an empty cell for a missing value, and quotes only around a text that holds a
comma, a quote or a line end. Arrow writes the numbers and times in C++; the yes/no and decimal columns
are turned into their text first. A table with a text that needs quotes (a category named "sách, báo"
in a scenario, say) or a decimal that Python writes with an exponent is rare, and is written by pandas,
which quotes exactly those cells.

Parquet is Arrow's own format: the table is written as it is, text (dictionary-encoded in memory) as
text, so that any reader (pandas, DuckDB) gets text columns.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
"""How a time is written in a CSV file (to the second)."""
YES_NO = ("False", "True")
"""How pandas writes no and yes."""


def write_table(name: str, table: object, target: Path, fmt: str) -> None:
    """Write ``table`` (an Arrow table, or a pandas DataFrame someone put in a Result) to ``target``.

    Args:
        name: the table's name (for the column types of a DataFrame made from it).
        table: a ``pyarrow.Table`` or a ``pandas.DataFrame``.
        target: the file to write.
        fmt: ``"csv"`` or ``"parquet"``.
    """
    if not isinstance(table, pa.Table):
        _write_frame(table, target, fmt)
    elif fmt == "csv":
        write_csv(name, table, target)
    else:
        import pyarrow.parquet as pq  # noqa: PLC0415 (Parquet's modules and file systems, only when writing Parquet)

        pq.write_table(table, target, store_schema=False)


def write_csv(name: str, table: pa.Table, target: Path) -> None:
    """One Arrow table as CSV, byte for byte as pandas' ``to_csv`` writes it (see the module's notes)."""
    try:
        text = pa.table({column: _as_csv_text(table.column(column)) for column in table.column_names})
        if text.num_columns == 1 and text.column(0).null_count:
            raise NeedsPandas(name)  # Python's csv writes a lone empty cell as "" (not a blank line)
        with open(target, "wb") as out:
            out.write((",".join(table.column_names) + "\n").encode("utf-8"))
            pa_csv.write_csv(text, out, pa_csv.WriteOptions(include_header=False, quoting_style="none"))
        return
    except (pa.ArrowInvalid, NeedsPandas):  # a text that needs quotes, or a decimal with an exponent
        pass
    from sim.engine.frames import to_frame  # noqa: PLC0415 (pandas, only for a table with a text that needs quotes)

    _write_frame(to_frame(name, table), target, "csv")


class NeedsPandas(Exception):
    """A column Arrow cannot write as pandas does (a decimal pandas would write with an exponent)."""


def _as_csv_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column ready for Arrow's CSV writer: yes/no as ``True``/``False``, decimals as Python writes them.

    Arrow and Python both write a decimal with the fewest digits that read back to the same number
    (``11.66``); Python adds ``.0`` to a whole number (``3.0``), done here with a regular expression, and
    NaN is an empty cell. Python switches to an exponent below 10⁻⁴ and from 10¹⁶ on: a column with
    such a number raises :class:`NeedsPandas`. Only Arrow's compute functions are used (no NumPy
    round trip), so that the run still does without pandas.
    """
    if pa.types.is_boolean(column.type):
        return pa.array(YES_NO, type=pa.string()).take(pc.cast(column, pa.int8()))
    if pa.types.is_floating(column.type):
        text = pc.replace_substring_regex(pc.cast(column, pa.string()), pattern=r"^(-?[0-9]+)$", replacement=r"\1.0")
        nan = pc.is_nan(column)
        if pc.any(pc.and_(pc.invert(nan), pc.match_substring_regex(text, r"e|^-?0\.0000|inf"))).as_py():
            raise NeedsPandas(column)
        return pc.if_else(nan, pa.nulls(len(column), pa.string()), text)
    return column


def _write_frame(df, target: Path, fmt: str) -> None:
    """A pandas DataFrame as CSV (times to the second, Unix line ends) or Parquet."""
    if fmt == "csv":
        df.to_csv(target, index=False, date_format=TIME_FORMAT, lineterminator="\n")
    else:
        df.to_parquet(target, index=False)


class _NoPandas:
    """An import hook that finds no pandas (see :func:`pandas_deferred`)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas deferred")


@contextmanager
def pandas_deferred() -> Iterator[None]:
    """Let the block use Arrow without pyarrow loading pandas on its first conversion.

    On its first conversion of an array, pyarrow imports pandas, if it is installed, to recognise
    pandas objects: a third of a second at start-up, for a run that writes its tables from Arrow and
    needs no pandas. Within this block that first check finds no pandas, and pyarrow goes on without it;
    whatever later asks pyarrow for pandas (``Table.to_pandas``, ``Table.from_pandas``) makes it import
    pandas then, as usual. Used by ``python -m sim run``, where everything after the run is the
    package's own code; nothing changes when pandas is already loaded.
    """
    if "pandas" in sys.modules:
        yield
        return
    hook = _NoPandas()
    sys.meta_path.insert(0, hook)
    try:
        pa.array([0], type=pa.int8())  # pyarrow's first conversion: it looks for pandas now, and finds none
    finally:
        sys.meta_path.remove(hook)
    yield


__all__ = ["TIME_FORMAT", "pandas_deferred", "write_csv", "write_table"]
