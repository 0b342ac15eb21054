"""Replications and parameter sweeps: the same scenario over several seeds, in parallel.

One run of a stochastic simulation is one draw. To say how large an effect is
(does the reviews lever raise conversion?), run several seeds and report the
mean with a confidence interval:

    mean ± t(1 − α/2, n − 1) · sd / √n        (Student's t, n = number of seeds)

Runs go to ``n_jobs`` processes on this machine, or to the workers of a
``dask.distributed.Client`` (``pip install "ecrm-sim[cluster]"``). Each run gets its own
seed, so results do not depend on how they are shared out: the same seeds give the
same numbers on one process, on several, or on a cluster.

Typical use::

    import sim
    sim.replicate("demo", seeds=10)                               # mean and CI of each KPI
    sim.sweep("demo", {"trust.reviews": [False, True]}, seeds=10)  # one block of rows per value

    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        sim.replicate("default", seeds=20, client=client)
"""

from __future__ import annotations

import itertools
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

import pandas as pd

from sim.base.errors import ScenarioError
from sim.base.intervals import t_half_width
from sim.engine.result import Result
from sim.engine.simulate import simulate
from sim.measures.kpis import headline
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario

Measures = Callable[[Result], Mapping[str, float]]

FEW_RUNS = 20
"""With ``progress=None`` a bar is shown only for jobs of more runs than this (a long sweep, several
seconds even on ``demo``); a panel that re-runs a few seeds on every slider move shows none."""


def _default_measures(result: Result) -> Mapping[str, float]:

    return headline(result)


def _one_run(scenario: Scenario, seed: int, customers: int | None, measures: Measures) -> dict[str, float]:

    values = dict(measures(simulate(scenario, seed, customers=customers)))
    values["seed"] = seed
    return values


def _seeds(seeds: int | Iterable[int]) -> list[int]:
    if isinstance(seeds, bool):
        seeds = [seeds]
    if isinstance(seeds, int):
        if seeds < 1:
            raise ScenarioError([("seeds", seeds, "số lần lặp phải ≥ 1", "the number of replications must be ≥ 1")])
        return list(range(1, seeds + 1))
    out = list(seeds)
    if not out or any(not isinstance(s, int) or isinstance(s, bool) or s < 0 for s in out):
        raise ScenarioError([("seeds", out, "phải là một số nguyên ≥ 1 hoặc danh sách hạt giống nguyên không âm",
                              "must be an integer ≥ 1 or a list of non-negative integer seeds")])
    return out


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (the test tqdm.autonotebook uses), without importing IPython."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and "IPKernelApp" in shell.config


def _show_progress(progress: bool | None, n_runs: int) -> bool:
    if progress is not None:
        return bool(progress)
    return n_runs > FEW_RUNS and (_in_notebook() or sys.stderr.isatty())


def _run_all(runs: list[tuple[Scenario, int]], customers: int | None, measures: Measures, n_jobs: int, client: Any,
             progress: bool) -> list[dict[str, float]]:
    """Each run's measures, in the order of ``runs``, however the runs are shared out.

    The bar moves as runs finish (in any order); a run that failed moves it too, and
    collecting the results then raises its error.
    """
    from tqdm.auto import tqdm  # noqa: PLC0415 (only when a progress bar is shown)

    with tqdm(total=len(runs), desc="Lượt chạy / runs", disable=not progress) as bar:
        if client is not None:
            from dask.distributed import as_completed as dask_completed  # noqa: PLC0415 (optional: the cluster extra)

            scenarios, seeds = zip(*runs, strict=True)
            futures = client.map(_one_run, scenarios, seeds, customers=customers, measures=measures, pure=False)
            for _ in dask_completed(futures):
                bar.update()
            return client.gather(futures)
        if n_jobs == 1:
            results = []
            for scenario, seed in runs:
                results.append(_one_run(scenario, seed, customers, measures))
                bar.update()
            return results
        with ProcessPoolExecutor(max_workers=min(n_jobs, len(runs))) as pool:
            futures = [pool.submit(_one_run, scenario, seed, customers, measures) for scenario, seed in runs]
            for _ in as_completed(futures):
                bar.update()
            return [future.result() for future in futures]


def summarize(runs: pd.DataFrame, by: Sequence[str] = (), level: float = 0.95) -> pd.DataFrame:
    """Mean, standard deviation and t confidence interval of every measure across seeds.

    Args:
        runs: one row per run, a ``seed`` column and one column per measure.
        by: columns that identify a setting (a sweep's parameters); summaries are per setting.
        level: confidence level of the interval.

    Returns:
        Tidy rows: the ``by`` columns, ``measure``, ``mean``, ``sd``, ``ci_low``, ``ci_high``, ``n_runs``.
        With one run the interval is that run's value on both ends (no spread can be estimated).
    """
    by = list(by)
    value_cols = [c for c in runs.columns if c not in {*by, "seed"}]
    long = runs.melt(id_vars=[*by, "seed"], value_vars=value_cols, var_name="measure", value_name="value")
    rows = []
    for group_keys, group in long.groupby([*by, "measure"], sort=False, dropna=False):
        values = group["value"].astype(float).dropna().to_numpy()
        n = len(values)
        mean = float(values.mean()) if n else math.nan
        sd = float(values.std(ddof=1)) if n > 1 else 0.0
        half = t_half_width(values, level) if n > 1 else 0.0
        keys = group_keys if isinstance(group_keys, tuple) else (group_keys,)
        rows.append({**dict(zip([*by, "measure"], keys, strict=True)), "mean": mean, "sd": sd,
                     "ci_low": mean - half, "ci_high": mean + half, "n_runs": n})
    return pd.DataFrame(rows)


def replicate(scenario: Scenario | str | Mapping[str, Any] = "demo", seeds: int | Iterable[int] = 5, *,
              measures: Measures | None = None, customers: int | None = None, n_jobs: int = 1,
              client: Any = None, level: float = 0.95, progress: bool | None = None,
              runs: bool = False) -> pd.DataFrame:
    """Run one scenario with several seeds; return each measure's mean and confidence interval.

    Args:
        scenario: a Scenario, preset name, YAML path or mapping.
        seeds: how many seeds (1, 2, …, n) or the list of seeds.
        measures: a function of a Result giving ``{name: number}``; by default the headline
            KPIs of :func:`sim.measures.kpis.headline`. It must be picklable (defined in a module)
            when ``n_jobs > 1`` or with a Dask client.
        customers: expected prospects per run (scales the channels), as in :func:`sim.simulate`.
        n_jobs: processes on this machine (ignored when ``client`` is given).
        client: a ``dask.distributed.Client``; when given, runs go to its workers.
        level: confidence level.
        progress: show a progress bar (on stderr, or a widget in a notebook) that moves as runs
            finish. ``None``: only on a terminal or in a notebook, and only for more than
            ``FEW_RUNS`` runs.
        runs: return one row per seed instead of the summary.

    Returns:
        The summary of :func:`summarize`, or the runs.
    """
    return sweep(scenario, {}, seeds, measures=measures, customers=customers, n_jobs=n_jobs, client=client,
                 level=level, progress=progress, runs=runs)


def sweep(scenario: Scenario | str | Mapping[str, Any], parameters: Mapping[str, Sequence[Any]],
          seeds: int | Iterable[int] = 5, *, measures: Measures | None = None, customers: int | None = None,
          n_jobs: int = 1, client: Any = None, level: float = 0.95, progress: bool | None = None,
          runs: bool = False) -> pd.DataFrame:
    """Run every combination of parameter values, each with the same seeds (common random numbers).

    Args:
        scenario: the base scenario.
        parameters: ``{"dotted.field": [values…]}``, e.g. ``{"service.chat.agents": [1, 2, 3]}``;
            every combination is run.
        seeds, measures, customers, n_jobs, client, level, progress, runs: as in :func:`replicate`.

    Returns:
        Tidy rows: one column per parameter, then ``measure``, ``mean``, ``sd``, ``ci_low``, ``ci_high``,
        ``n_runs`` (or one row per run with ``runs=True``).

    Raises:
        ScenarioError: an unknown parameter or a value it does not allow, before anything runs.
    """
    base = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    seed_list = _seeds(seeds)
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs < 1:
        raise ScenarioError([("n_jobs", n_jobs, "số tiến trình phải là số nguyên ≥ 1",
                              "the number of processes must be an integer ≥ 1")])
    names = list(parameters)
    for name in names:
        values = parameters[name]
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
            raise ScenarioError([(name, values, "cần một danh sách giá trị không rỗng", "needs a non-empty list of values")])
    settings = [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(parameters[n] for n in names))]
    scenarios = [with_changes(base, s) if s else base for s in settings]  # validates every setting first
    runs_to_do = [(sc, seed) for sc in scenarios for seed in seed_list]
    results = _run_all(runs_to_do, customers, measures or _default_measures, n_jobs, client,
                       _show_progress(progress, len(runs_to_do)))
    rows = []
    for i, values in enumerate(results):
        rows.append({**settings[i // len(seed_list)], **values})
    table = pd.DataFrame(rows)
    if runs:
        return table
    return summarize(table, by=names, level=level)


__all__ = ["replicate", "summarize", "sweep"]

