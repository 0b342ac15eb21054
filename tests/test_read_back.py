"""Reading a run back: CSV and Parquet give the same tables, column by column, and the values of the run."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.engine.dictionary import COLUMNS
from sim.engine.io import read_tables, shipped_tables

RUNS = {
    "demo_dirty": ("demo", {"seed": 7, "dirty": True, "days": 60}),
    "b2b_open_requests": ("b2b", {"seed": 2, "days": 90}),  # a request still open at the window's end: empty cells
    "almost_empty": ("demo", {"seed": 1, "customers": 1, "days": 5}),  # no order, no survey: tables with no row
}


def _kind(table: str, column: str) -> str:
    return {c: kind for c, kind, _vi, _en in COLUMNS[table]}[column]


def expected_dtype(table: str, column: str, in_memory: pd.Series) -> str:
    """The type a column reads back as, from the data dictionary's kind (and whether the run's column may be empty)."""
    kind = _kind(table, column)
    if kind == "str":
        return "object"
    if kind in ("datetime", "date"):
        return "datetime64[s]"
    if kind == "int":
        return "Int64" if str(in_memory.dtype) == "Int64" else "int64"
    if kind == "bool":
        return "boolean" if str(in_memory.dtype) == "boolean" else "bool"
    return "float64"


def same_values(read: pd.Series, in_memory: pd.Series, kind: str) -> bool:
    """Equal cell by cell, missing where missing (text compared as text, dates as times)."""
    if len(read) != len(in_memory):
        return False
    if kind in ("datetime", "date"):
        in_memory = pd.to_datetime(in_memory).astype("datetime64[s]")
    missing_read, missing_memory = read.isna().to_numpy(), in_memory.isna().to_numpy()
    if not np.array_equal(missing_read, missing_memory):
        return False
    left, right = read[~missing_read].tolist(), in_memory[~missing_memory].tolist()
    if kind == "str":
        return all(isinstance(v, str) for v in left) and left == [str(v) for v in right]
    return left == right


@pytest.fixture(scope="module", params=sorted(RUNS))
def both_formats(request, tmp_path_factory):
    preset, options = RUNS[request.param]
    result = sim.simulate(preset, **options)
    folder = tmp_path_factory.mktemp(request.param)
    result.write(folder / "csv", fmt="csv")
    result.write(folder / "parquet", fmt="parquet")
    return result, read_tables(folder / "csv"), read_tables(folder / "parquet")


def test_csv_and_parquet_give_the_same_tables_column_by_column(both_formats):
    result, from_csv, from_parquet = both_formats
    assert set(from_csv) == set(from_parquet) == set(result.tables)
    if result.scenario.name == "b2b":  # the case of empty yes/no and count cells is really there
        assert from_csv["tickets"]["reneged"].isna().any() and from_csv["marketing"]["clicks"].isna().any()
    for name, table in from_parquet.items():
        assert list(from_csv[name].columns) == list(table.columns), name
        for column in table.columns:
            pd.testing.assert_series_equal(from_csv[name][column], table[column], check_exact=True,
                                           obj=f"{name}.{column}")


def test_both_formats_give_the_values_and_types_of_the_run(both_formats):
    result, from_csv, from_parquet = both_formats
    for read in (from_csv, from_parquet):
        for name, in_memory in result.tables.items():
            for column in in_memory.columns:
                got = read[name][column]
                assert str(got.dtype) == expected_dtype(name, column, in_memory[column]), (name, column, got.dtype)
                assert same_values(got, in_memory[column], _kind(name, column)), (name, column)


def test_text_that_looks_like_a_number_or_a_missing_value_stays_text(tmp_path):
    result = sim.simulate("demo", seed=4, customers=40, days=20)
    customers = result.customers.copy()
    customers["name"] = customers["name"].astype(object)
    customers["phone"] = customers["phone"].astype(object)
    customers.loc[0, "name"], customers.loc[1, "name"], customers.loc[2, "name"] = "NA", "null", "None"
    customers.loc[3, "city"] = "nan"
    customers.loc[0, "phone"] = "0012"
    changed = dataclasses.replace(result, customers=customers)
    changed.write(tmp_path / "csv")
    changed.write(tmp_path / "parquet", fmt="parquet")
    for fmt in ("csv", "parquet"):
        read = read_tables(tmp_path / fmt)["customers"]
        assert read.loc[:2, "name"].tolist() == ["NA", "null", "None"], fmt
        assert read.loc[3, "city"] == "nan" and read.loc[0, "phone"] == "0012", fmt
        assert read["company"].tolist() == [""] * len(read), fmt  # B2C: empty text, not missing


def test_a_table_in_both_formats_is_refused(tmp_path):
    result = sim.simulate("demo", seed=4, customers=40, days=20)
    result.write(tmp_path / "run")
    result.write(tmp_path / "pq", fmt="parquet")
    shutil.copy(tmp_path / "pq" / "orders.parquet", tmp_path / "run" / "orders.parquet")
    with pytest.raises(DataError, match="orders"):
        read_tables(tmp_path / "run")


def test_tables_of_another_run_under_a_manifest_are_refused(tmp_path):
    sim.simulate("demo", seed=4, customers=40, days=20).write(tmp_path / "one")
    sim.simulate("demo", seed=5, customers=400, days=40).write(tmp_path / "two")
    shutil.copy(tmp_path / "two" / "orders.csv", tmp_path / "one" / "orders.csv")
    with pytest.raises(DataError, match=r"manifest\.json") as refused:
        read_tables(tmp_path / "one")
    assert "orders" in str(refused.value)


def test_the_shipped_data_read_back_as_the_run_that_made_them(default_result):

    shipped = shipped_tables()
    assert set(shipped) == set(default_result.tables)
    for name, in_memory in default_result.tables.items():
        for column in in_memory.columns:
            got = shipped[name][column]
            assert str(got.dtype) == expected_dtype(name, column, in_memory[column]), (name, column, got.dtype)
            assert same_values(got, in_memory[column], _kind(name, column)), (name, column)
