"""The command line: run, validate, describe."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from sim.cli import main
from sim.engine.dictionary import COLUMNS
from sim.engine.io import read_manifest, read_tables
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


# --- the output folder ----------------------------------------------------------------------------------------

SMALL_RUN = ["--scenario", "demo", "--days", "20", "--customers", "80"]


@pytest.fixture
def no_simulation(monkeypatch):
    """Any simulation fails the test: the output folder must be checked first."""

    def simulated(*_args, **_kwargs):
        raise AssertionError("the simulation ran before the output folder was checked")

    monkeypatch.setattr("sim.cli.simulate", simulated)


def test_a_csv_run_into_the_folder_of_a_dirty_parquet_run_leaves_only_its_own_files(tmp_path):

    out = tmp_path / "out"
    assert main(["run", *SMALL_RUN, "--seed", "1", "--out", str(out), "--format", "parquet", "--dirty"]) == 0
    assert main(["run", *SMALL_RUN, "--seed", "2", "--out", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {f"{t}.csv" for t in TABLES} | {"scenario.yaml", "manifest.json"}
    manifest, tables = read_manifest(out), read_tables(out)
    assert manifest["seed"] == 2 and set(tables) == set(TABLES)
    assert {name: len(frame) for name, frame in tables.items()} == manifest["rows"]


@pytest.mark.parametrize("case", ["empty", "dot", "under_a_file", "a_file", "someone_elses_folder"])
def test_an_output_folder_the_run_may_not_write_is_refused_before_the_simulation(tmp_path, monkeypatch, capsys,
                                                                                 no_simulation, case):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "bai_tap.ipynb").write_text("{}", encoding="utf-8")
    out, words = {"empty": ("", "not empty"), "dot": (".", "not the current folder"),
                  "under_a_file": ("a_file.txt/out", "a_file.txt` is a file"),
                  "a_file": ("a_file.txt", "is a file"),
                  "someone_elses_folder": ("notes", "'bai_tap.ipynb'")}[case]
    assert main(["run", *SMALL_RUN, "--out", out]) == 2
    message = capsys.readouterr().err
    assert "`--out`" in message and words in message
    assert "Thư mục kết quả không dùng được" in message and "Unusable output folder" in message
    assert sorted(os.listdir(tmp_path)) == ["a_file.txt", "notes"] and os.listdir(tmp_path / "notes") == ["bai_tap.ipynb"]


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's /sys, where nobody may make a folder")
def test_an_unwritable_place_is_refused_before_the_simulation(capsys, no_simulation):
    assert main(["run", *SMALL_RUN, "--out", "/sys/ecrm_out"]) == 2
    message = capsys.readouterr().err
    assert "`--out`" in message and "cannot write into `/sys`" in message and "không ghi được" in message
    assert not os.path.exists("/sys/ecrm_out")
