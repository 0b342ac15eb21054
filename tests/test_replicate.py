"""Replications and sweeps: tidy summaries, t intervals, same results in parallel and on Dask, progress bars."""

from __future__ import annotations

import io
import os
import sys
import types

import pandas as pd
import pytest

import sim
from sim.experiments.replicate import FEW_RUNS, _show_progress, replicate, summarize, sweep


def orders_and_prospects(result):
    """A small measure, defined at module level so worker processes can use it."""
    return {"orders": float(len(result.orders)), "prospects": float(len(result.customers))}


def process_id(result):
    """Which process ran the simulation."""
    return {"pid": float(os.getpid())}


@pytest.fixture(scope="module")
def dask_client():
    """Two single-threaded worker processes on this machine, no dashboard port; closed after this module."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def test_summary_of_three_runs_matches_the_t_interval_by_hand():
    # values 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.3027 (t table), half-width 4.3027 / √3 = 2.48414
    runs = pd.DataFrame({"seed": [1, 2, 3], "x": [1.0, 2.0, 3.0]})
    row = summarize(runs).iloc[0]
    assert row["measure"] == "x" and row["n_runs"] == 3
    assert row["mean"] == pytest.approx(2.0)
    assert row["sd"] == pytest.approx(1.0)
    assert row["ci_low"] == pytest.approx(2.0 - 2.48414, abs=1e-4)
    assert row["ci_high"] == pytest.approx(2.0 + 2.48414, abs=1e-4)


def test_one_run_has_no_spread():
    row = summarize(pd.DataFrame({"seed": [7], "x": [5.0]})).iloc[0]
    assert (row["mean"], row["sd"], row["ci_low"], row["ci_high"]) == (5.0, 0.0, 5.0, 5.0)


def test_replications_are_the_single_runs_and_do_not_depend_on_processes():
    one = replicate("demo", seeds=[3, 4], measures=orders_and_prospects, runs=True)
    two = replicate("demo", seeds=[3, 4], measures=orders_and_prospects, runs=True, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    for seed in (3, 4):
        alone = sim.simulate("demo", seed)
        row = one[one["seed"] == seed].iloc[0]
        assert row["orders"] == len(alone.orders) and row["prospects"] == len(alone.customers)


def test_sweep_runs_every_setting_with_the_same_seeds():
    table = sweep("demo", {"trust.reviews": [False, True]}, seeds=2, measures=orders_and_prospects)
    assert set(table.columns) == {"trust.reviews", "measure", "mean", "sd", "ci_low", "ci_high", "n_runs"}
    assert len(table) == 4 and set(table["n_runs"]) == {2}
    assert (table["ci_low"] <= table["mean"]).all() and (table["mean"] <= table["ci_high"]).all()
    runs = sweep("demo", {"trust.reviews": [False, True]}, seeds=2, measures=orders_and_prospects, runs=True)
    assert list(zip(runs["trust.reviews"], runs["seed"], strict=True)) == [(False, 1), (False, 2), (True, 1), (True, 2)]
    alone = sim.simulate(sim.with_changes("demo", {"trust.reviews": False}), 2)
    assert runs.iloc[1]["orders"] == len(alone.orders)


def test_bad_sweeps_are_refused_before_anything_runs():
    with pytest.raises(sim.ScenarioError) as err:
        sweep("demo", {"trust.revieww": [True]}, seeds=1, measures=orders_and_prospects)
    assert "trust.revieww" in str(err.value)
    with pytest.raises(sim.ScenarioError):
        sweep("demo", {"survey.response_rate": [0.5, 1.5]}, seeds=1, measures=orders_and_prospects)
    with pytest.raises(sim.ScenarioError):
        replicate("demo", seeds=0, measures=orders_and_prospects)
    with pytest.raises(sim.ScenarioError):
        replicate("demo", seeds=2, n_jobs=0, measures=orders_and_prospects)


@pytest.mark.parametrize("where", ["one process", "two processes", "dask"])
def test_progress_true_draws_a_bar_on_stderr_and_false_draws_nothing(where, capsys, request):
    spread = {"n_jobs": 2} if where == "two processes" else {}
    if where == "dask":
        spread = {"client": request.getfixturevalue("dask_client")}
    replicate("demo", seeds=3, measures=orders_and_prospects, progress=True, **spread)
    err = capsys.readouterr().err
    assert "Lượt chạy / runs" in err and "3/3" in err
    replicate("demo", seeds=3, measures=orders_and_prospects, progress=False, **spread)
    assert capsys.readouterr() == ("", "")


def test_progress_by_default_only_on_a_terminal_or_in_a_notebook_and_for_more_than_a_few_runs(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    assert not _show_progress(None, 100)
    assert _show_progress(True, 1) and not _show_progress(False, 100)
    monkeypatch.setattr("sys.stderr", Terminal())
    assert _show_progress(None, FEW_RUNS + 1)
    assert not _show_progress(None, FEW_RUNS)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    kernel = types.SimpleNamespace(config={"IPKernelApp": {}})  # what a Jupyter kernel's shell holds
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: kernel))
    assert _show_progress(None, FEW_RUNS + 1)
    assert not _show_progress(None, FEW_RUNS)
    terminal_ipython = types.SimpleNamespace(config={"TerminalIPythonApp": {}})
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: terminal_ipython))
    assert not _show_progress(None, 100)


def test_a_dask_cluster_gives_exactly_the_numbers_of_one_process(dask_client):
    seeds = [3, 4, 5]
    alone = replicate("demo", seeds=seeds, runs=True)
    on_dask = replicate("demo", seeds=seeds, runs=True, client=dask_client)
    assert list(on_dask["seed"]) == seeds
    pd.testing.assert_frame_equal(on_dask, alone, check_exact=True)
    settings = {"trust.reviews": [False, True]}
    pd.testing.assert_frame_equal(sweep("demo", settings, seeds=[3, 4], measures=orders_and_prospects, runs=True, client=dask_client),
                                  sweep("demo", settings, seeds=[3, 4], measures=orders_and_prospects, runs=True),
                                  check_exact=True)


def test_with_a_client_the_runs_happen_on_its_workers(dask_client):
    ran_in = replicate("demo", seeds=[1, 2], measures=process_id, runs=True, client=dask_client)["pid"]
    workers = dask_client.run(os.getpid)  # {worker address: its process id}
    assert set(ran_in) <= {float(pid) for pid in workers.values()}
    assert float(os.getpid()) not in set(ran_in)
