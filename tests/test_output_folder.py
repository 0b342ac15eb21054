"""A run owns its output folder: refused when it holds something else, replaced whole, written in one move."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.base.errors import BilingualError
from sim.engine.io import read_manifest, read_tables
from sim.engine.result import DIRTY_TABLES, TABLES

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
SMALL = {"customers": 80, "days": 30}
RUN_CSV = {f"{t}.csv" for t in TABLES} | {"scenario.yaml", "manifest.json"}


@pytest.fixture(scope="module")
def dirty_run() -> sim.Result:
    """A small run with the dirty export (nine tables)."""
    return sim.simulate("demo", seed=1, dirty=True, **SMALL)


@pytest.fixture(scope="module")
def plain_run() -> sim.Result:
    """Another small run, another seed, seven tables."""
    return sim.simulate("demo", seed=2, **SMALL)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, hidden ones included."""
    out: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        out[str(path.relative_to(folder))] = path.read_bytes() if path.is_file() else None
    return out


# --- an earlier run is replaced whole ------------------------------------------------------------------------


def test_a_csv_run_replaces_an_earlier_parquet_run_with_its_dirty_export_whole(tmp_path, dirty_run, plain_run):
    out = tmp_path / "out"
    dirty_run.write(out, fmt="parquet")
    assert {p.name for p in out.iterdir()} == ({f"{t}.parquet" for t in TABLES + DIRTY_TABLES}
                                               | {"scenario.yaml", "manifest.json"})
    plain_run.write(out, fmt="csv")
    assert {p.name for p in out.iterdir()} == RUN_CSV  # no Parquet and no dirty file of the first run survives
    tables = read_tables(out)
    assert set(tables) == set(TABLES)
    assert read_manifest(out)["seed"] == 2
    for name in TABLES:
        assert len(tables[name]) == len(plain_run.tables[name])
    assert sorted(os.listdir(tmp_path)) == ["out"]  # nothing hidden left beside it


def test_the_replaced_folder_holds_the_same_bytes_as_a_fresh_write(tmp_path, dirty_run, plain_run):
    dirty_run.write(tmp_path / "reused")
    plain_run.write(tmp_path / "reused")
    plain_run.write(tmp_path / "fresh")
    assert snapshot(tmp_path / "reused") == snapshot(tmp_path / "fresh")


def test_an_empty_folder_receives_the_run_and_keeps_its_permissions(tmp_path, plain_run):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o750)
    written = plain_run.write(out)
    assert {p.name for p in written} == RUN_CSV and all(p.parent == out for p in written)
    assert (out.stat().st_mode & 0o777) == 0o750


# --- anything else is refused, and nothing changes -----------------------------------------------------------


def test_a_folder_that_is_not_a_run_is_refused_naming_what_is_in_it(tmp_path, plain_run):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ghi_chu.txt").write_text("bài làm của tôi", encoding="utf-8")
    (out / "anh").mkdir()
    before = snapshot(tmp_path)
    with pytest.raises(BilingualError) as refused:
        plain_run.write(out)
    message = str(refused.value)
    assert "'ghi_chu.txt'" in message and "'anh'/" in message
    assert "không trống" in message and "not empty" in message and "`out`" in message
    assert snapshot(tmp_path) == before


def test_an_earlier_run_with_a_file_of_someone_else_is_refused(tmp_path, plain_run, dirty_run):
    out = tmp_path / "out"
    plain_run.write(out)
    (out / "lam_sach.csv").write_text("customer_id\nKH000001\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(BilingualError, match=r"lam_sach\.csv") as refused:
        dirty_run.write(out, fmt="parquet")
    assert "customers.csv" not in str(refused.value)  # only what is not the earlier run's is named
    assert snapshot(tmp_path) == before


def test_a_manifest_without_the_package_marker_does_not_make_a_run(tmp_path, plain_run, dirty_run):
    out = tmp_path / "out"
    plain_run.write(out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    del manifest["package"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(BilingualError, match=r"manifest\.json"):
        dirty_run.write(out)
    assert snapshot(tmp_path) == before


# --- the property: refused and unchanged, or exactly the new run ---------------------------------------------

MANIFESTS = {
    "run": {"package": "sim", "seed": 1, "rows": dict.fromkeys(TABLES, 3)},
    "run_dirty": {"package": "sim", "seed": 1, "rows": dict.fromkeys(TABLES + DIRTY_TABLES, 3)},
    "no_marker": {"seed": 1, "rows": dict.fromkeys(TABLES, 3)},
    "other_package": {"package": "other", "rows": dict.fromkeys(TABLES, 3)},
    "unknown_table": {"package": "sim", "rows": dict.fromkeys((*TABLES, "../notes"), 3)},
    "missing_table": {"package": "sim", "rows": dict.fromkeys(TABLES[1:], 3)},
    "not_an_object": ["package", "sim"],
    "broken": None,
}
RUN_NAMES = sorted({f"{t}.{fmt}" for t in TABLES + DIRTY_TABLES for fmt in ("csv", "parquet")} | {"scenario.yaml"})
OTHER_NAMES = ["README.md", "notes.txt", "customers.xlsx", ".hidden", ".DS_Store", "manifest.json.bak"]


def _expect_accepted(files: set[str], dirs: set[str], manifest: str | None) -> bool:
    """The rule, written from the README: empty (file-manager litter aside) or only an earlier run's files."""
    files = files - {".DS_Store"}  # file-manager litter is ignored (and removed with the folder)
    entries = files | dirs | ({"manifest.json"} if manifest else set())
    if not entries:
        return True
    if manifest not in ("run", "run_dirty"):
        return False
    tables = TABLES + (DIRTY_TABLES if manifest == "run_dirty" else ())
    owned = {"manifest.json", "scenario.yaml"} | {f"{t}.{fmt}" for t in tables for fmt in ("csv", "parquet")}
    return not dirs and files <= owned


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.sets(st.sampled_from(RUN_NAMES + OTHER_NAMES), max_size=6),
       dirs=st.sets(st.sampled_from(["data", "customers.csv", ".ipynb_checkpoints"]), max_size=2),
       manifest=st.sampled_from([None, *MANIFESTS]),
       fmt=st.sampled_from(["csv", "parquet"]))
def test_any_folder_is_either_refused_unchanged_or_holds_exactly_the_new_run(plain_run, files, dirs, manifest, fmt):
    files = files - dirs
    with tempfile.TemporaryDirectory() as tmp:
        parent = Path(tmp)
        out = parent / "out"
        out.mkdir()
        for name in files:
            (out / name).write_text("earlier", encoding="utf-8")
        for name in dirs:
            (out / name).mkdir()
            (out / name / "inside.txt").write_text("x", encoding="utf-8")
        if manifest is not None:
            content = MANIFESTS[manifest]
            (out / "manifest.json").write_text("{not json" if content is None else json.dumps(content), encoding="utf-8")
        before = snapshot(parent)
        expected = {f"{t}.{fmt}" for t in TABLES} | {"scenario.yaml", "manifest.json"}
        if _expect_accepted(files, dirs, manifest):
            written = plain_run.write(out, fmt=fmt)
            assert sorted(os.listdir(out)) == sorted(expected) == sorted(p.name for p in written)
            assert read_manifest(out)["seed"] == plain_run.seed
        else:
            with pytest.raises(BilingualError):
                plain_run.write(out, fmt=fmt)
            assert snapshot(parent) == before
        assert os.listdir(parent) == ["out"]


# --- the shipped data ------------------------------------------------------------------------------------------


def test_a_plain_run_cannot_overwrite_the_shipped_data(plain_run):
    before = snapshot(DATASETS)
    for target in (DATASETS, DATASETS / "sub", Path(os.path.relpath(DATASETS))):
        with pytest.raises(BilingualError, match="datasets") as refused:
            plain_run.write(target)
        assert "--overwrite-shipped" in str(refused.value) or "inside the shipped" in str(refused.value)
    assert snapshot(DATASETS) == before


def test_the_command_line_refuses_the_shipped_folder_before_simulating():
    before = snapshot(DATASETS)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", "demo", "--days", "5", "--customers",
                           "20", "--out", "datasets"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "--out" in done.stderr and "--overwrite-shipped" in done.stderr and "Traceback" not in done.stderr
    assert "dữ liệu đi kèm" in done.stderr and "shipped data" in done.stderr
    assert snapshot(DATASETS) == before
    assert time.perf_counter() - started < 60


def test_the_flag_regenerates_the_shipped_folder_and_keeps_its_readme(tmp_path, monkeypatch, plain_run, dirty_run):
    shipped = tmp_path / "datasets"
    dirty_run.write(tmp_path / "made")
    (tmp_path / "made").rename(shipped)
    (shipped / "README.md").write_text("# Từ điển dữ liệu\n", encoding="utf-8")
    monkeypatch.setattr("sim.base.output_folder.SHIPPED_DIR", shipped)
    with pytest.raises(BilingualError, match="overwrite-shipped"):
        plain_run.write(shipped)
    written = plain_run.write(shipped, overwrite_shipped=True)
    assert {p.name for p in written} == RUN_CSV
    assert {p.name for p in shipped.iterdir()} == RUN_CSV | {"README.md"}
    assert (shipped / "README.md").read_text("utf-8") == "# Từ điển dữ liệu\n"
    assert read_manifest(shipped)["seed"] == 2 and sorted(os.listdir(tmp_path)) == ["datasets"]


# --- atomic: a failure, SIGTERM or Ctrl-C leaves everything as it was -----------------------------------------


def test_a_failing_write_leaves_nothing_half_written(tmp_path, monkeypatch, plain_run, dirty_run):
    (tmp_path / "out").mkdir()
    plain_run.write(tmp_path / "out")
    before = snapshot(tmp_path)
    original = sim.engine.result.write_table
    calls = []

    def disk_full_at_the_fourth_table(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return original(*args, **kwargs)

    monkeypatch.setattr("sim.engine.result.write_table", disk_full_at_the_fourth_table)
    with pytest.raises(BilingualError, match="No space left"):
        dirty_run.write(tmp_path / "out")
    assert snapshot(tmp_path) == before
    calls.clear()
    with pytest.raises(BilingualError, match="No space left"):
        dirty_run.write(tmp_path / "new" / "deeper")
    assert snapshot(tmp_path) == before  # the folders made for the write are gone too


CHILD = """
import pathlib, sys, time
import sim.engine.result
original = sim.engine.result.write_table
def slow(*args, **kwargs):
    done = original(*args, **kwargs)
    pathlib.Path(sys.argv[2]).touch()   # one table is written: now is the time to interrupt
    time.sleep(120)
    return done
sim.engine.result.write_table = slow
from sim.cli import main
sys.exit(main(["run", "--scenario", "demo", "--seed", "3", "--days", "20", "--customers", "60", "--out", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "earlier"), [(signal.SIGTERM, False), (signal.SIGTERM, True),
                                                 (signal.SIGINT, True)])
def test_a_signal_during_the_write_leaves_everything_as_it_was(tmp_path, plain_run, signum, earlier):
    work, marker = tmp_path / "work", tmp_path / "one_table_written"
    work.mkdir()
    if earlier:
        plain_run.write(work / "out")
    before = snapshot(work)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(work / "out"), str(marker)], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not marker.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the child never started writing"
            time.sleep(0.05)
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert snapshot(work) == before  # no hidden .writing-… folder, no half-written output, the earlier run intact
    if signum == signal.SIGTERM:
        assert child.returncode == -signal.SIGTERM  # and the process still ends as SIGTERM ends it
    else:
        assert child.returncode == 130 and "Traceback" not in err and "nothing written" in err


def test_a_path_that_cannot_be_written_is_refused_by_check(tmp_path):
    a_file = tmp_path / "a_file.txt"
    a_file.write_text("x", encoding="utf-8")
    for out, words in ((a_file, "is a file"), (a_file / "out", "is a file, not a folder"), ("", "not empty"),
                       (".", "not the current folder")):
        with pytest.raises(BilingualError, match=words):
            sim.engine.result.run_folder(out).check()
    assert os.listdir(tmp_path) == ["a_file.txt"]


def test_a_refusal_pickles_back_whole(tmp_path):

    (tmp_path / "a_file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BilingualError) as refused:
        sim.engine.result.run_folder(tmp_path / "a_file.txt", field="--out").check()
    back = pickle.loads(pickle.dumps(refused.value))
    assert type(back) is type(refused.value) and str(back) == str(refused.value) and back.fields == ["--out"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_refused_by_check(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(BilingualError, match="cannot write"):
            sim.engine.result.run_folder(locked / "out").check()
    finally:
        locked.chmod(0o700)
