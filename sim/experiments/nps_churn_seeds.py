"""Do promoters churn less? The answer over several seeds, and how the follow-up period moves it.

Lecture 001, Chương 6 (NPS; Reichheld 2006) and Quản trị duy trì khách hàng: promoters should churn
less than passives, and passives less than detractors. In the simulator one hidden variable, the
customer's loyalty, raises the survey score (``survey.per_loyalty``) and lowers the churn hazard
(``churn.loyalty_protection``), so the pattern is built in; how clearly it shows depends on the
definition of churn. Two follow-ups of true churn (:func:`sim.measures.nps.nps_churn`,
``method="true"``) are compared, seed by seed:

* ``days_180``: churned within 180 days of the answer;
* ``run_end``: churned at any time up to the end of the run (window plus truth horizon: two years for
  the default shop), :data:`RUN_END_DAYS` being longer than any run.

Typical use::

    from sim.experiments.nps_churn_seeds import nps_churn_over_seeds, ordering_table
    runs = nps_churn_over_seeds("default", seeds=range(1, 11), n_jobs=2)
    ordering_table(runs)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from sim.experiments.replicate import sweep
from sim.measures.frames import tables_of
from sim.measures.nps import NPS_GROUPS, nps_churn

FOLLOW_UPS: dict[str, float] = {"days_180": 180.0, "run_end": 100 * 365.0}
"""Follow-up after each answer, in days, by name; ``run_end`` is longer than any run (so: by the end of the run)."""
RUN_END_DAYS = FOLLOW_UPS["run_end"]


def churn_by_follow_up(result: Any) -> dict[str, float]:
    """True churn rate of each NPS group for each follow-up of :data:`FOLLOW_UPS`; a ``measures`` of :func:`sim.sweep`.

    churn_rate(group, follow-up) = answers of the group whose customer's ``truth.churned_at`` falls no later than
    answer time + follow-up / answers of the group (every answer counts once).

    Args:
        result: a :class:`sim.Result` or a mapping with the ``surveys`` and ``truth`` tables.

    Returns:
        ``{"<follow_up>.<group>": rate}``, e.g. ``{"days_180.promoter": 0.65, …}``.

    Raises:
        DataError: a missing table or column (see :func:`sim.measures.nps.nps_churn`).
    """
    tables = tables_of(result, ["surveys", "truth"], argument="result")
    out: dict[str, float] = {}
    for name, days in FOLLOW_UPS.items():
        rates = nps_churn(tables["surveys"], truth=tables["truth"], method="true", within_days=days)
        out.update({f"{name}.{g}": float(r) for g, r in zip(rates["nps_group"], rates["churn_rate"], strict=True)})
    return out


def ordered(rates: Mapping[str, float]) -> bool:
    """True when promoters churn strictly less than passives, and passives strictly less than detractors.

    Example: promoter 0.65, passive 0.80, detractor 0.85 → True; 0.94, 0.99, 0.97 → False (passives churn most).
    A missing rate (NaN) makes it False.
    """
    p, m, d = (rates[g] for g in NPS_GROUPS)
    return bool(p < m < d)


def nps_churn_over_seeds(scenario: Any = "default", seeds: int | Iterable[int] = range(1, 11), *,
                         n_jobs: int = 1) -> pd.DataFrame:
    """Run the scenario with each seed and tabulate the churn of each NPS group for each follow-up.

    Args:
        scenario: a Scenario, preset name, YAML path or mapping.
        seeds: how many seeds (1, 2, …, n) or the list of seeds.
        n_jobs: processes on this machine.

    Returns:
        One row per seed and follow-up: ``seed``, ``follow_up`` (a key of :data:`FOLLOW_UPS`),
        ``promoter_churn_rate``, ``passive_churn_rate``, ``detractor_churn_rate``, ``ordered`` (:func:`ordered`).
    """
    runs = sweep(scenario, {}, seeds, measures=churn_by_follow_up, runs=True, n_jobs=n_jobs, progress=False)
    return per_seed(runs)


def per_seed(runs: pd.DataFrame) -> pd.DataFrame:
    """The runs of :func:`churn_by_follow_up` (one row per seed) as one row per seed and follow-up."""
    rows = []
    for name in FOLLOW_UPS:
        for _, run in runs.iterrows():
            rates = {g: float(run[f"{name}.{g}"]) for g in NPS_GROUPS}
            rows.append({"seed": int(run["seed"]), "follow_up": name,
                         **{f"{g}_churn_rate": rates[g] for g in NPS_GROUPS}, "ordered": ordered(rates)})
    return pd.DataFrame(rows)


def ordering_table(table: pd.DataFrame) -> pd.DataFrame:
    """For each follow-up: seeds run, seeds in which the order promoter < passive < detractor holds, mean rates.

    Example (worked by hand in the tests): two seeds, one ordered → ``seeds_run`` 2, ``seeds_ordered`` 1.

    Args:
        table: the result of :func:`nps_churn_over_seeds`.

    Returns:
        One row per follow-up: ``follow_up``, ``seeds_run``, ``seeds_ordered`` and the mean of each group's rate.
    """
    rates = [f"{g}_churn_rate" for g in NPS_GROUPS]
    grouped = table.groupby("follow_up", sort=False)
    out = pd.DataFrame({"seeds_run": grouped.size(), "seeds_ordered": grouped["ordered"].sum().astype(int),
                        **{r: grouped[r].mean() for r in rates}})
    return out.reindex([f for f in FOLLOW_UPS if f in out.index]).rename_axis("follow_up").reset_index()


__all__ = ["FOLLOW_UPS", "RUN_END_DAYS", "churn_by_follow_up", "nps_churn_over_seeds", "ordered", "ordering_table",
           "per_seed"]
