"""Retention levers (công cụ duy trì khách hàng) and the measures of the two retention goals.

Lecture 001, Quản trị duy trì khách hàng: customer retention is the work of reducing customer
defection, with two goals, (1) keeping the shop's customers and (2) keeping them using the
online channels (repeat visits and purchases); the basic e-marketing tools for it include
personalization and mass customization (collaborative filtering) and online communities
(Chaffey ch. 9). The scenario has three switches for these tools:

- ``retention.personalization.enabled``: recommendation e-mails built from purchase history;
- ``retention.community.enabled``: an online community that lowers the churn hazard;
- ``retention.loyalty_programme.enabled``: a loyalty programme (points, a loyalty boost).

:func:`lever_grid` turns the three switches into the parameters of :func:`sim.sweep`, and
:func:`retention_measures` measures one run against the two goals, so that the effect of each
lever is shown as a mean with a confidence interval over several seeds.

Typical use::

    import sim
    from sim.experiments.retention_levers import lever_grid, lever_sweep, one_at_a_time
    from sim.measures.retention import retention_measures
    sim.sweep("demo", lever_grid(), seeds=5, measures=retention_measures)          # all 8 combinations
    sim.sweep("demo", lever_grid(True, False, True), seeds=3, measures=retention_measures)  # one setting
    lever_sweep(one_at_a_time(), "demo", seeds=5)    # none, each lever alone, all three
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from sim.base.errors import DataError
from sim.experiments.replicate import sweep
from sim.measures.retention import retention_measures

LEVERS: dict[str, str] = {
    "personalization": "retention.personalization.enabled",
    "community": "retention.community.enabled",
    "loyalty_programme": "retention.loyalty_programme.enabled",
}
"""Each lever (key of the label kind ``retention_lever``) and the scenario field that switches it."""



def lever_grid(personalization: bool | None = None, community: bool | None = None,
               loyalty_programme: bool | None = None) -> dict[str, list[bool]]:
    """The ``parameters`` of :func:`sim.sweep` for the three retention levers.

    Lecture 001, Các công cụ marketing điện tử cơ bản duy trì khách hàng. A lever given as
    ``True`` or ``False`` is fixed to that value; a lever left as ``None`` takes both values,
    so ``lever_grid()`` gives the full 2 × 2 × 2 = 8 combinations and
    ``lever_grid(True, False, True)`` one setting.

    Returns:
        ``{scenario field: [values]}`` with the three fields of :data:`LEVERS`, in that order.

    Raises:
        DataError: a value that is neither ``True``, ``False`` nor ``None``.
    """
    given = {"personalization": personalization, "community": community, "loyalty_programme": loyalty_programme}
    bad = [(name, value) for name, value in given.items() if value is not None and not isinstance(value, bool)]
    if bad:
        raise DataError([(name, value, "phải là True (bật), False (tắt) hoặc None (cả hai)",
                          "must be True (on), False (off) or None (both)") for name, value in bad])
    return {LEVERS[name]: [False, True] if value is None else [value] for name, value in given.items()}


def one_at_a_time() -> list[dict[str, bool]]:
    """The settings that compare each lever with none: no lever, each lever alone, all three.

    Returns:
        Five settings for :func:`lever_sweep`: ``{}``, ``{"personalization": True}``,
        ``{"community": True}``, ``{"loyalty_programme": True}`` and all three ``True``.
    """
    return [{}, *({name: True} for name in LEVERS), dict.fromkeys(LEVERS, True)]


def _switches(setting: object) -> dict[str, bool]:
    """A setting as the three switches; levers it does not name are off.

    Raises:
        DataError: not a mapping, an unknown lever, or a value that is not True/False.
    """
    if not isinstance(setting, Mapping):
        raise DataError([("settings", setting, "mỗi phương án phải là dict {công cụ: True/False}",
                          "each setting must be a dict {lever: True/False}")])
    unknown = [name for name in setting if name not in LEVERS]
    if unknown:
        raise DataError([(name, setting[name], f"không phải công cụ duy trì; chọn trong {', '.join(LEVERS)}",
                          f"is not a retention lever; choose from {', '.join(LEVERS)}") for name in unknown])
    bad = [(name, value) for name, value in setting.items() if not isinstance(value, bool)]
    if bad:
        raise DataError([(name, value, "phải là True (bật) hoặc False (tắt)", "must be True (on) or False (off)")
                         for name, value in bad])
    return {name: bool(setting.get(name, False)) for name in LEVERS}


def lever_sweep(settings: Iterable[Mapping[str, bool]], scenario: object = "demo", seeds: int | Iterable[int] = 5, *,
                customers: int | None = None, measures: object = None, level: float = 0.95) -> pd.DataFrame:
    """Run several lever settings, each with the same seeds, and summarize every measure.

    Lecture 001, Quản trị duy trì khách hàng: the effect of a retention tool is the difference
    between runs with and without it. :func:`sim.sweep` runs every combination of its values;
    this runs only the settings given (e.g. :func:`one_at_a_time`), one :func:`sim.sweep` each,
    and stacks the summaries: mean ± t(1 − α/2, n − 1) · sd / √n over the n seeds.

    Args:
        settings: each a dict ``{lever: True/False}`` with keys of :data:`LEVERS`; levers a
            setting does not name are switched off (``{}`` = no lever).
        scenario: a preset name, Scenario, YAML path or mapping, as for :func:`sim.sweep`.
        seeds: how many seeds (1 … n) or the list of seeds; the same for every setting.
        customers: expected prospects per run, as in :func:`sim.simulate`.
        measures: a module-level function of a Result; default :func:`retention_measures`.
        level: confidence level of the intervals.

    Returns:
        The summaries in the order of ``settings``: the three lever fields of :data:`LEVERS`,
        ``measure``, ``mean``, ``sd``, ``ci_low``, ``ci_high``, ``n_runs``.

    Raises:
        DataError: no settings, or a setting with an unknown lever or a value that is not True/False.
        ScenarioError: as :func:`sim.sweep` (bad seeds, scenario or values).
    """

    seeds = seeds if isinstance(seeds, int) else list(seeds)  # every setting gets the same seeds
    switches = [_switches(setting) for setting in settings]
    if not switches:
        raise DataError([("settings", [], "cần ít nhất một phương án", "needs at least one setting")])
    parts = [sweep(scenario, lever_grid(**s), seeds, measures=measures or retention_measures, customers=customers, level=level)
             for s in switches]
    return pd.concat(parts, ignore_index=True)






__all__ = ["LEVERS", "lever_grid", "lever_sweep", "one_at_a_time"]
