"""The CRM's database: a run's tables in an embedded SQL database (DuckDB), queried with SQL.

Lecture 001, Giải pháp công nghệ cho CRM (Chaffey, Fig. 9.18). A CRM system keeps the
customers, their orders, service requests and campaigns in one database: the operational
applications (sales-force automation, customer service, sales and campaign management) write
into it, and the analytics application reads it with queries. Here the simulator's tables become
the tables of such a database, one table per DataFrame under the name of the data dictionary
(``customers``, ``journey``, ``orders``, ``tickets``, ``surveys``, ``marketing``, ``truth``, and
``customers_dirty`` / ``customers_dirty_truth`` when the dirty export is there), so that students
answer the analytics questions in SQL and check them against the package's measures.

DuckDB runs inside the Python process: no server, no download, nothing to set up.

Typical use::

    import sim
    from sim.measures import crm_db
    con = crm_db.connect(sim.simulate("demo", 2026))
    crm_db.query(con, "SELECT tool, COUNT(*) AS tickets FROM tickets GROUP BY tool ORDER BY tickets DESC")

A run too large to load stays on disk: :func:`connect_partitioned` makes each table a view over its
Parquet files::

    con = crm_db.connect_partitioned("big_run")          # python -m sim run --shards 20 --partitioned --out big_run
    crm_db.query(con, "SELECT category, SUM(amount_vnd) AS revenue_vnd FROM orders GROUP BY category")

Note: ``at`` (the time column of several tables) is a keyword of DuckDB's SQL; write it in
double quotes, ``"at"``.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from sim.base.errors import DataError
from sim.engine.io import read_manifest
from sim.engine.result import run_files
from sim.measures.frames import tables_of

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BARE_AT = re.compile(r'(?<!["\w])at(?!["\w])', re.IGNORECASE)
_INCOMING = "__ecrm_incoming"


def connect(tables: object) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database holding one table per DataFrame.

    Each DataFrame is copied into a table of the same name (``CREATE TABLE name AS SELECT * FROM df``);
    column names and types carry over (text → VARCHAR, integers → BIGINT, datetimes → TIMESTAMP,
    booleans → BOOLEAN). Lecture 001 (Giải pháp công nghệ cho CRM, Fig. 9.18: the CRM database that
    the applications share).

    Args:
        tables: a :class:`sim.Result` (its ``tables``: the seven tables, and the dirty export when
            there is one) or a mapping of table name to DataFrame, e.g. ``sim.engine.io.shipped_tables()``.

    Returns:
        An open DuckDB connection; query it with :func:`query`, close it with ``con.close()``.

    Raises:
        DataError: not a Result or mapping, no table, a name that is not a plain SQL name
            (letters, digits, ``_``, not starting with a digit), a value that is not a DataFrame,
            or a table DuckDB cannot store.
    """
    mapping = tables_of(tables)
    if not mapping:
        raise DataError([("tables", {}, "cần ít nhất một bảng", "needs at least one table")], source="crm_db.connect")
    problems = []
    for name, df in mapping.items():
        if not isinstance(name, str) or not _IDENTIFIER.match(name):
            problems.append(("tables", name, "tên bảng chỉ gồm chữ cái, chữ số và _, không bắt đầu bằng chữ số",
                             "a table name holds letters, digits and _ only, and does not start with a digit"))
        elif not isinstance(df, pd.DataFrame):
            problems.append((f"tables[{name!r}]", type(df).__name__, "phải là một DataFrame", "must be a DataFrame"))
    if problems:
        raise DataError(problems, source="crm_db.connect")
    con = duckdb.connect(":memory:")
    for name, df in mapping.items():
        try:
            con.register(_INCOMING, df)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM {_INCOMING}')
            con.unregister(_INCOMING)
        except duckdb.Error as exc:
            con.close()
            raise DataError([(f"tables[{name!r}]", _first_part(str(exc)), "DuckDB không lưu được bảng này",
                              "DuckDB cannot store this table")], source="crm_db.connect") from exc
    return con


def connect_partitioned(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB database whose tables are the Parquet files of a run folder, read where they lie.

    For a run too large to load (ten million prospects, say: ``python -m sim run --shards 20 --partitioned``),
    each table is a view over its Parquet files (``orders-00001.parquet``, ``orders-00002.parquet``…, or
    ``orders.parquet``): DuckDB reads only the columns and row groups a query needs, in parallel, and
    never holds the whole run in memory. Lecture 001 (Fig. 9.18): the CRM's analytics application
    queries the database where it is.

    Args:
        folder: a folder written by ``python -m sim run --format parquet`` (partitioned or not).

    Returns:
        An open DuckDB connection with one view per table; query it with :func:`query`.

    Raises:
        DataError: the folder does not hold a run's Parquet files (a manifest and every table).
    """
    folder = Path(folder)
    files = run_files(folder) if folder.is_dir() else None
    if files is None:
        raise DataError([("folder", str(folder), "phải là thư mục kết quả của python -m sim run (có manifest.json)",
                         "must be an output folder of python -m sim run (with manifest.json)")],
                        source="crm_db.connect_partitioned")
    con = duckdb.connect(":memory:")
    missing = []
    for name in read_manifest(folder)["rows"]:
        parts = sorted(folder / f for f in files if f.endswith(".parquet") and (f == f"{name}.parquet" or (
            f.startswith(f"{name}-") and f[len(name) + 1:-len(".parquet")].isdigit())) and (folder / f).is_file())
        if not parts:
            missing.append(name)
            continue
        listing = ", ".join("'" + str(p).replace("'", "''") + "'" for p in parts)
        con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet([{listing}])')
    if missing:
        con.close()
        raise DataError([("folder", str(folder), f"thiếu tệp Parquet của bảng: {', '.join(missing)} (chạy với --format parquet)",
                          f"no Parquet files for the tables: {', '.join(missing)} (run with --format parquet)")],
                        source="crm_db.connect_partitioned")
    return con


def query(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> pd.DataFrame:
    """Run one SQL query and return its answer as a DataFrame.

    Lecture 001 (Fig. 9.18): the CRM's analytics application asks the database questions in
    SQL. A mistake in the query is reported in Vietnamese and English with the query and
    DuckDB's own message (a syntax error, an unknown column or table…), never as a traceback
    from inside DuckDB.

    Args:
        con: a connection from :func:`connect`.
        sql: the query, e.g. ``"SELECT COUNT(*) AS orders FROM orders"``.
        params: values for ``?`` (a list) or ``$name`` (a dict) placeholders.

    Returns:
        The rows of the answer (an empty DataFrame with the answer's columns when there is none).

    Raises:
        DataError: ``sql`` is not text, ``con`` is not a DuckDB connection, or DuckDB refuses the
            query (the message names the query and gives DuckDB's reason).
    """
    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise DataError([("con", type(con).__name__, "cần một kết nối do crm_db.connect(...) trả về",
                          "expected a connection returned by crm_db.connect(...)")], source="crm_db.query")
    if not isinstance(sql, str) or not sql.strip():
        raise DataError([("sql", sql, "cần một câu truy vấn SQL (chuỗi ký tự không rỗng)",
                          "expected an SQL query (non-empty text)")], source="crm_db.query")
    try:
        return con.execute(sql, params).df() if params is not None else con.execute(sql).df()
    except duckdb.Error as exc:
        reason = _first_part(str(exc))
        hint_vi = hint_en = ""
        if isinstance(exc, duckdb.ParserException) and _BARE_AT.search(sql):
            hint_vi = ' Gợi ý: at là từ khóa của SQL, hãy viết tên cột trong ngoặc kép: "at".'
            hint_en = ' Hint: at is an SQL keyword; write the column name in double quotes: "at".'
        raise DataError([("sql", " ".join(sql.split()), f"DuckDB báo lỗi: {reason}.{hint_vi}",
                          f"DuckDB reports: {reason}.{hint_en}")], source="crm_db.query") from exc


def describe(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The tables of the database: name, number of rows and columns, column names.

    Lecture 001 (Fig. 9.18): what the CRM database holds.

    Args:
        con: a connection from :func:`connect`.

    Returns:
        One row per table, by name: ``table``, ``rows``, ``columns``, ``column_names`` (comma-separated).

    Raises:
        DataError: ``con`` is not a DuckDB connection or is closed.
    """
    listing = query(con, "SELECT table_name, string_agg(column_name, ', ' ORDER BY ordinal_position) AS column_names, "
                         "COUNT(*) AS columns FROM information_schema.columns WHERE table_schema = 'main' "
                         "GROUP BY table_name ORDER BY table_name")
    rows = [int(query(con, f'SELECT COUNT(*) AS n FROM "{name}"')["n"].iloc[0]) for name in listing["table_name"]]
    return pd.DataFrame({"table": listing["table_name"].astype(str).tolist(), "rows": rows,
                         "columns": listing["columns"].astype(int).tolist(),
                         "column_names": listing["column_names"].astype(str).tolist()})


Answer = pd.DataFrame | pd.Series | float | int | str | bool


def same_answer(left: Answer, right: Answer, *, rtol: float = 1e-9) -> bool:
    """Whether two answers hold the same values, e.g. a SQL answer and a pandas or analytics answer.

    Rows and columns are compared by position; column names and number types are ignored
    (a SQL ``SUM`` may come back as a float where pandas gives an integer). A Series counts as
    one column, a single value (a number, a text) as a table of one row and one column. An
    index with a name or with values that are not integers (the keys of a ``groupby`` or
    ``value_counts``) counts as leading columns; an unnamed integer index (row numbers, even
    shuffled by a sort) is ignored. Numbers are equal when |a − b| ≤ rtol·|b| (NaN equals NaN);
    datetimes, text and booleans must be equal exactly, a missing value equals a missing value.
    Lecture 001 (Fig. 9.18): the analytics application and the SQL database must give one answer.

    Args:
        left, right: the two answers.
        rtol: relative tolerance for numbers.

    Returns:
        True when both have the same shape and the same values everywhere.

    Raises:
        DataError: an answer that is not a DataFrame, a Series or a single value, or a negative ``rtol``.
    """
    if isinstance(rtol, bool) or not isinstance(rtol, (int, float)) or rtol < 0:
        raise DataError([("rtol", rtol, "phải là số ≥ 0", "must be a number ≥ 0")], source="crm_db.same_answer")
    a, b = _as_frame(left, "left"), _as_frame(right, "right")
    if a.shape != b.shape:
        return False
    return all(_same_column(a.iloc[:, i], b.iloc[:, i], rtol) for i in range(a.shape[1]))


def _as_frame(answer: object, name: str) -> pd.DataFrame:
    if isinstance(answer, (int, float, str, bool, np.generic)):
        answer = pd.DataFrame({"value": [answer]})
    if isinstance(answer, pd.Series):
        answer = answer.to_frame()
    if not isinstance(answer, pd.DataFrame):
        raise DataError([(name, type(answer).__name__, "phải là một DataFrame, một Series hoặc một giá trị",
                          "must be a DataFrame, a Series or a single value")], source="crm_db.same_answer")
    index = answer.index
    row_numbers = index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index.dtype)
    return answer.reset_index(drop=row_numbers)


def _same_column(x: pd.Series, y: pd.Series, rtol: float) -> bool:
    numeric = [pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s) for s in (x, y)]
    if all(numeric):
        return bool(np.allclose(x.to_numpy(float), y.to_numpy(float), rtol=rtol, atol=0.0, equal_nan=True))
    if any(pd.api.types.is_datetime64_any_dtype(s) for s in (x, y)):
        try:
            x, y = pd.to_datetime(x), pd.to_datetime(y)
        except (ValueError, TypeError):
            return False
    return [_plain(v) for v in x] == [_plain(v) for v in y]


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _first_part(message: str) -> str:
    """DuckDB's message without the echoed query and caret, on one line."""
    head = message.split("\nLINE ", maxsplit=1)[0]
    return " ".join(head.split()).rstrip(".!")


__all__ = ["connect", "connect_partitioned", "describe", "query", "same_answer"]
