"""The tables are built in Arrow and written by Arrow's writers, byte for byte as pandas writes them.

pandas' ``to_csv`` (the writer the shipped data were made with) is the reference: every table of
several runs, written by :func:`sim.engine.writers.write_csv`, must give the same bytes as the same
table turned into a DataFrame and written by pandas. ``python -m sim run`` does it without loading
pandas at all.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.cli import main as cli_main
from sim.engine.frames import to_frame
from sim.engine.io import read_tables
from sim.engine.writers import TIME_FORMAT, write_csv


def _pandas_bytes(df: pd.DataFrame, path) -> bytes:
    df.to_csv(path, index=False, date_format=TIME_FORMAT, lineterminator="\n")
    return path.read_bytes()


@pytest.mark.parametrize(("scenario", "seed", "customers"), [("demo", 3, None), ("b2b", 5, 400), ("default", 7, 800)])
def test_every_table_is_written_as_pandas_writes_it(tmp_path, scenario, seed, customers):
    result = sim.simulate(scenario, seed=seed, customers=customers, days=60)
    for name in result.table_names():
        table = result.stored(name)
        assert isinstance(table, pa.Table), name
        write_csv(name, table, tmp_path / "arrow.csv")
        assert (tmp_path / "arrow.csv").read_bytes() == _pandas_bytes(to_frame(name, table), tmp_path / "pandas.csv"), name


def test_a_text_that_needs_quotes_is_quoted_as_pandas_quotes_it(tmp_path):
    """A category named with a comma and a quote: Arrow cannot write it unquoted, pandas quotes those cells."""
    base = sim.load_scenario("demo").model_dump()
    categories = base["catalogue"]["categories"]
    first = next(iter(categories))
    categories['sách, báo "hay"'] = categories.pop(first)
    result = sim.simulate(base, seed=2, days=60)
    orders = result.stored("orders")
    assert 'sách, báo "hay"' in orders.column("category").to_pylist()
    write_csv("orders", orders, tmp_path / "orders.csv")
    assert (tmp_path / "orders.csv").read_bytes() == _pandas_bytes(to_frame("orders", orders), tmp_path / "pandas.csv")
    assert '"sách, báo ""hay"""' in (tmp_path / "orders.csv").read_text("utf-8")
    result.write(tmp_path / "run")
    assert 'sách, báo "hay"' in set(read_tables(tmp_path / "run")["orders"]["category"])


decimals = st.one_of(
    st.integers(-10**8, 10**8).map(lambda cents: cents / 100),                       # what the desk writes: 2 decimals
    st.floats(allow_nan=True, allow_infinity=False, width=64),                        # anything, exponents included
    st.sampled_from([0.0, -0.0, 3.0, 1e-4, 9.99e-5, 1e-5, 1e15, 1e16, 123456789.0, math.nan]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(decimals, min_size=1, max_size=30))
def test_decimals_are_written_as_python_writes_them(tmp_path_factory, values):
    tmp = tmp_path_factory.mktemp("decimals")
    table = pa.table({"wait_min": pa.array(values, type=pa.float64())})
    write_csv("tickets", table, tmp / "arrow.csv")
    assert (tmp / "arrow.csv").read_bytes() == _pandas_bytes(pd.DataFrame({"wait_min": values}), tmp / "pandas.csv")


def test_a_run_on_the_command_line_does_not_load_pandas(tmp_path):
    code = ("import sys; from sim.cli import main; "
            f"code = main(['run', '--scenario', 'demo', '--days', '30', '--out', {str(tmp_path / 'out')!r}]); "
            "print(code, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stdout + done.stderr
    assert len(read_tables(tmp_path / "out")["customers"]) > 0


def test_a_csv_run_loads_neither_parquet_nor_the_process_pool(tmp_path):
    """A CSV run in one process needs no Parquet modules and no multiprocessing: they load only when used."""
    code = ("import sys; from sim.cli import main; "
            f"code = main(['run', '--scenario', 'demo', '--days', '30', '--format', 'csv', '--out', {str(tmp_path / 'out')!r}]); "
            "print(code, *(name in sys.modules for name in ('pyarrow.parquet', 'concurrent.futures.process')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-3:] == ["0", "False", "False"], done.stdout + done.stderr


def test_a_parquet_run_still_writes_parquet(tmp_path):
    """The Parquet writer, loaded only when needed, writes files that read back with the run's row counts."""
    assert cli_main(["run", "--scenario", "demo", "--days", "30", "--format", "parquet", "--out", str(tmp_path / "out")]) == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    for name, rows in manifest["rows"].items():
        assert pq.read_table(tmp_path / "out" / f"{name}.parquet").num_rows == rows, name


def test_pyarrow_still_works_with_pandas_after_a_run_without_it():
    """After the run deferred pandas, a later pandas user gets pyarrow's full pandas support."""
    code = """
import sys
import pyarrow as pa
from sim.engine.writers import pandas_deferred
with pandas_deferred():
    pa.array([1, 2], type=pa.int64())
assert "pandas" not in sys.modules
import pandas as pd
df = pd.DataFrame({"c": pd.Categorical(["a", "b", "a"]), "n": [1, 2, 3]})
table = pa.Table.from_pandas(df)
assert pa.types.is_dictionary(table.schema.field("c").type), table.schema
assert table.to_pandas()["c"].dtype == "category"
assert pa.array(pd.Series([1, None], dtype="Int64")).null_count == 1
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stdout + done.stderr


def test_a_table_changed_after_it_was_read_is_written_as_changed(tmp_path):
    result = sim.simulate("demo", seed=1, days=30)
    result.orders.loc[0, "items"] = 99
    result.write(tmp_path / "run")
    assert read_tables(tmp_path / "run")["orders"].loc[0, "items"] == 99


def test_the_tables_in_memory_have_the_dictionary_types():
    result = sim.simulate("demo", seed=1, days=30)
    tickets, marketing = result.tickets, result.marketing
    assert tickets["tool"].dtype == object and str(tickets["reneged"].dtype) == "boolean"
    assert all(str(marketing[c].dtype) == "Int64" for c in ("impressions", "clicks", "invalid_clicks", "opens"))
    assert str(result.orders["at"].dtype) == "datetime64[s]" and result.orders["is_first"].dtype == bool
