"""The command line: run, validate, describe."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from sim.cli import main
from sim.engine.dictionary import COLUMNS
from sim.engine.result import TABLES


def test_run_writes_seven_tables_scenario_and_manifest(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--scenario", "demo", "--seed", "11", "--out", str(out), "--days", "60"]) == 0
    names = {p.name for p in out.iterdir()}
    assert names == {f"{t}.csv" for t in TABLES} | {"scenario.yaml", "manifest.json"}
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["seed"] == 11 and manifest["scenario"] == "demo"
    for table in TABLES:
        frame = pd.read_csv(out / f"{table}.csv")
        assert manifest["rows"][table] == len(frame)
        assert list(frame.columns) == [c[0] for c in COLUMNS[table]]
    assert "observation_days: 60.0" in (out / "scenario.yaml").read_text("utf-8")
    assert "wrote 9 files" in capsys.readouterr().out


def test_run_parquet_and_customers_option(tmp_path):
    out = tmp_path / "pq"
    assert main(["run", "--scenario", "demo", "--out", str(out), "--format", "parquet", "--customers", "300"]) == 0
    customers = pd.read_parquet(out / "customers.parquet")
    assert 200 < len(customers) < 400  # Poisson around 300 prospects (and a few referrals)


def test_validate_and_describe(capsys):
    assert main(["describe"]) == 0
    text = capsys.readouterr().out
    for table in TABLES:
        assert f"### `{table}`" in text
    assert "mô tả" in text and "description" in text


def test_module_entry_point_reports_bad_input_with_status_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("base: demo\nchurn: {monthly_hazard: 2}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sim", "validate", str(bad)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "churn.monthly_hazard" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("table", TABLES)
def test_dictionary_lists_exactly_the_columns_of_each_table(demo_result, table):
    assert list(demo_result.tables[table].columns) == [c[0] for c in COLUMNS[table]]
