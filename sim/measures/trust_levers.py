"""Trust levers at the evaluation stage: what each one does to drop-outs and conversion.

Lecture 000 §1 names the two main reasons why customers do not buy on the web: no guarantee of
security, and quality that cannot be verified. The scenario's four trust levers (``trust.*``:
security badge/SSL, reviews and ratings, return policy, quality verification) lower the
evaluation-stage risks. These pure functions measure one run (:func:`trust_measures`), compare
a lever off and on over several seeds (:func:`lever_effects`) and stack several runs into one
set of tables (:func:`pool`).

Typical use::

    import sim
    from sim.measures import trust_levers as levers
    runs = {lever: sim.sweep("demo", {lever: [False, True]}, seeds=5, measures=levers.trust_measures, runs=True)
            for lever in levers.LEVERS}
    levers.lever_effects(runs, measure="journey_conversion")
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.codes import EVALUATION_REASONS, EVALUATION_STAGE
from sim.base.errors import DataError
from sim.base.intervals import t_interval
from sim.measures import funnel
from sim.measures.frames import numbers, require_columns, tables_of

LEVERS: tuple[str, ...] = ("trust.security_badge", "trust.reviews", "trust.return_policy", "trust.quality_verification")
"""The scenario fields of the four trust levers (labels: kind ``lever`` of the label map)."""
MEASURES: tuple[str, ...] = ("journey_conversion", "evaluation_dropout_rate",
                             *(f"dropout_{reason}" for reason in EVALUATION_REASONS))
"""The keys of :func:`trust_measures` (display names: :func:`sim.charts.trust_levers.measure_label`)."""


def trust_measures(tables: object) -> dict[str, float]:
    """Conversion and evaluation-stage drop-out rates of one run.

    Lecture 000 §1–2. With ``started`` the journeys started and ``evaluated`` the journeys that
    reached stage 3 (evaluation of alternatives):

    * ``journey_conversion`` = purchased journeys / started;
    * ``evaluation_dropout_rate`` = drop-outs at stage 3 / evaluated;
    * ``dropout_<reason>`` = drop-outs at stage 3 with that reason / evaluated, one per reason of
      :data:`EVALUATION_REASONS`; they add up to ``evaluation_dropout_rate``.

    Example (worked by hand in the tests): 5 journeys, 4 reach evaluation, 3 drop out there
    (2 security, 1 quality), 1 buys → conversion 1/5 = 0.2, evaluation drop-out 3/4 = 0.75,
    security 2/4 = 0.5, quality 1/4 = 0.25.

    A module-level function of a Result, so it can be passed as ``measures=`` to
    :func:`sim.replicate` and :func:`sim.sweep`.

    Args:
        tables: a :class:`sim.Result` or a mapping with a ``journey`` table (``customer_id``,
            ``journey_no``, ``stage``, ``event``, ``reason``).

    Returns:
        ``{measure: value}`` with the keys of :data:`MEASURES`; NaN when the denominator is 0.

    Raises:
        DataError: no ``journey`` table, or a problem in it (as :func:`sim.measures.funnel.funnel`).
    """
    journey = _table(tables, "journey")
    flow = funnel.funnel(journey)
    reasons = funnel.dropout_reasons(journey)
    at_stage = reasons[reasons["stage"] == EVALUATION_STAGE].set_index("reason")["count"]
    started = float(flow["reached"].iloc[0])
    evaluated = float(flow.loc[flow["stage"] == EVALUATION_STAGE, "reached"].iloc[0])
    purchased = float(funnel.conversion(journey)["purchased"].iloc[0])
    out = {"journey_conversion": _ratio(purchased, started),
           "evaluation_dropout_rate": _ratio(float(at_stage.sum()), evaluated)}
    for reason in EVALUATION_REASONS:
        out[f"dropout_{reason}"] = _ratio(float(at_stage.get(reason, 0)), evaluated)
    return out


def lever_effects(runs: Mapping[str, pd.DataFrame], measure: str = "journey_conversion", *,
                  level: float = 0.95) -> pd.DataFrame:
    """Each lever off and on over the same seeds: the two means, their difference, and intervals.

    Lecture 000 §1 (trust levers against the two reasons not to buy). For a lever, seed s gives
    a pair of runs (off, on) with the same seed; d_s = on_s − off_s. Over the n seeds that have
    both runs:

    * ``off_mean``, ``on_mean`` = mean of the measure; ``difference`` = on_mean − off_mean = mean(d);
    * every interval is mean ± t(1 − α/2, n − 1) · sd / √n (Student's t, the formula of
      :func:`sim.experiments.replicate.summarize`); the difference's uses sd(d), the paired differences.
      With one seed no spread can be estimated and the intervals are NaN.

    Example (worked by hand in the tests): off 0.20, 0.22, 0.24 and on 0.25, 0.26, 0.30 →
    d = 0.05, 0.04, 0.06; difference 0.05, sd(d) 0.01, t(0.975, 2) = 4.303 → 0.05 ± 0.0248.

    Args:
        runs: ``{lever: table}``; each table has one row per run, a column named after the lever
            holding ``False``/``True`` (as ``sim.sweep(..., {lever: [False, True]}, runs=True)``
            returns it), ``seed`` and the ``measure`` column. Runs whose measure is NaN are left out.
        measure: the column to compare, e.g. a key of :func:`trust_measures` or of
            :func:`sim.measures.kpis.headline`.
        level: confidence level of the intervals, in (0, 1).

    Returns:
        One row per lever, in the mapping's order: ``lever``, ``measure``, ``n_seeds``,
        ``off_mean``, ``off_ci_low``, ``off_ci_high``, ``on_mean``, ``on_ci_low``, ``on_ci_high``,
        ``difference``, ``difference_ci_low``, ``difference_ci_high``, ``level``.

    Raises:
        DataError: a missing column, a lever column that is not ``False``/``True``, a seed that
            appears twice in one state, no seed with both states, or a bad ``level``.
    """
    check_range("level", level, 0.0, 1.0, low_open=True, high_open=True)
    if not isinstance(runs, Mapping) or not runs:
        raise DataError([("runs", type(runs).__name__, "cần một dict {đòn bẩy: bảng các lần chạy} không rỗng",
                          "expected a non-empty dict {lever: table of runs}")])
    rows = []
    for lever, table in runs.items():
        pairs = _pairs(table, lever, measure)
        off, on = pairs["off"].to_numpy(), pairs["on"].to_numpy()
        row = {"lever": lever, "measure": measure, "n_seeds": len(pairs)}
        for name, values in (("off", off), ("on", on), ("difference", on - off)):
            mean, low, high = t_interval(values, level)
            row.update({name if name == "difference" else f"{name}_mean": mean,
                        f"{name}_ci_low": low, f"{name}_ci_high": high})
        rows.append({**row, "level": level})
    columns = ["lever", "measure", "n_seeds", "off_mean", "off_ci_low", "off_ci_high", "on_mean", "on_ci_low",
               "on_ci_high", "difference", "difference_ci_low", "difference_ci_high", "level"]
    return pd.DataFrame(rows, columns=columns)


def pool(results: Sequence[object], tables: Sequence[str] = ("customers", "journey")) -> dict[str, pd.DataFrame]:
    """Stack the same tables of several runs, so that the measures see them as one larger run.

    Several seeds of a small scenario, pooled, show a steadier picture than one seed (each run is
    one draw). Run i (1, 2, …) gets a ``run`` column, and every customer key becomes
    ``"<i>:<customer_id>"`` (also ``referred_by`` when present), so that customer KH000001 of
    run 1 and KH000001 of run 2 stay two people and their journeys are not merged.

    Args:
        results: :class:`sim.Result` objects or mappings of table name → DataFrame.
        tables: the tables to stack; each must have a ``customer_id`` column.

    Returns:
        ``{table: stacked DataFrame}`` with a fresh index; empty inputs give empty tables.

    Raises:
        DataError: no runs, or a run without one of the tables or its ``customer_id`` column.
    """
    if isinstance(results, (str, bytes, Mapping)) or not isinstance(results, Sequence) or not results:
        raise DataError([("results", type(results).__name__, "cần một danh sách không rỗng các kết quả chạy",
                          "expected a non-empty list of run results")])
    out = {}
    for name in tables:
        parts = []
        for run, result in enumerate(results, start=1):
            table = require_columns(_table(result, name), ["customer_id"], name).copy()
            table.insert(0, "run", run)
            table["customer_id"] = [f"{run}:{key}" for key in table["customer_id"]]
            if "referred_by" in table.columns:
                table["referred_by"] = [f"{run}:{key}" if isinstance(key, str) and key else key
                                        for key in table["referred_by"]]
            parts.append(table)
        out[name] = pd.concat(parts, ignore_index=True)
    return out


# --------------------------------------------------------------------------- helpers


def _table(result: object, name: str) -> object:
    return tables_of(result, [name], argument="results")[name]


def _pairs(table: object, lever: str, measure: str) -> pd.DataFrame:
    """One row per seed with both states: columns ``off`` and ``on`` (the measure), NaN runs left out."""
    t = require_columns(table, [lever, "seed", measure], f"runs[{lever!r}]")
    state = t[lever]
    if not state.map(lambda v: isinstance(v, (bool, np.bool_))).all():
        bad = state[~state.map(lambda v: isinstance(v, (bool, np.bool_)))].iloc[0]
        raise DataError([(f"runs[{lever!r}].{lever}", bad, "phải là False (tắt) hoặc True (bật)",
                          "must be False (off) or True (on)")])
    values = pd.DataFrame({"state": state.astype(bool), "seed": t["seed"],
                           "value": numbers(t, measure, f"runs[{lever!r}]")}).dropna(subset=["value"])
    twice = values[values.duplicated(["state", "seed"])]
    if len(twice):
        raise DataError([(f"runs[{lever!r}].seed", twice["seed"].iloc[0],
                          "mỗi hạt giống chỉ được chạy một lần ở mỗi trạng thái",
                          "each seed may be run only once in each state")])
    wide = values.pivot(index="seed", columns="state", values="value").reindex(columns=[False, True]).dropna()
    if wide.empty:
        raise DataError([(f"runs[{lever!r}]", measure, "cần ít nhất một hạt giống có cả lần chạy tắt và bật",
                          "needs at least one seed with both an off and an on run")])
    return wide.rename(columns={False: "off", True: "on"})


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


__all__ = ["LEVERS", "MEASURES", "lever_effects", "pool", "trust_measures"]
