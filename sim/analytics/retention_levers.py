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
    from sim.analytics.retention_levers import lever_grid, lever_sweep, one_at_a_time, retention_measures
    sim.sweep("demo", lever_grid(), seeds=5, measures=retention_measures)          # all 8 combinations
    sim.sweep("demo", lever_grid(True, False, True), seeds=3, measures=retention_measures)  # one setting
    lever_sweep(one_at_a_time(), "demo", seeds=5)    # none, each lever alone, all three
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from sim.analytics import retention
from sim.analytics._frame import check_range, datetimes, require_columns
from sim.errors import DataError

LEVERS: dict[str, str] = {
    "personalization": "retention.personalization.enabled",
    "community": "retention.community.enabled",
    "loyalty_programme": "retention.loyalty_programme.enabled",
}
"""Each lever (key of the label kind ``retention_lever``) and the scenario field that switches it."""

MEASURES: tuple[str, ...] = ("repeat_rate", "active_share", "orders_per_buyer", "true_churn_share")
"""The keys of :func:`retention_measures` (labels: kind ``retention_measure``)."""


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
    from sim.replicate import sweep

    seeds = seeds if isinstance(seeds, int) else list(seeds)  # every setting gets the same seeds
    switches = [_switches(setting) for setting in settings]
    if not switches:
        raise DataError([("settings", [], "cần ít nhất một phương án", "needs at least one setting")])
    parts = [sweep(scenario, lever_grid(**s), seeds, measures=measures or retention_measures, customers=customers, level=level)
             for s in switches]
    return pd.concat(parts, ignore_index=True)


def _table(tables: object, name: str) -> pd.DataFrame:
    source = tables.tables if hasattr(tables, "tables") else tables
    if not isinstance(source, Mapping):
        raise DataError([("tables", type(tables).__name__, "cần một Result hoặc dict tên bảng → DataFrame",
                          "expected a Result or a dict of table name → DataFrame")])
    if name not in source:
        raise DataError([(name, "(thiếu / missing)", f"cần bảng `{name}`", f"the table `{name}` is needed")])
    return source[name]


def retention_measures(tables: object, *, active_days: float = 90) -> dict[str, float]:
    """The two retention goals of one run, measured over its buyers (customers with an order).

    Lecture 001, Quản trị duy trì khách hàng (hai mục tiêu) and Kỹ thuật quản lý giá trị và hoạt
    động của khách hàng (Chaffey Fig 9.13). With B the buyers in ``orders``:

    * ``repeat_rate`` = buyers with ≥ 2 orders / B (tỷ lệ chuyển đổi khách hàng lặp lại; goal 2);
    * ``active_share`` = buyers whose last order is at most ``active_days`` before the latest
      order of the table / B (as :func:`sim.analytics.retention.activity_segments`; goal 2);
    * ``orders_per_buyer`` = orders / B;
    * ``true_churn_share`` = buyers with a ``truth.churned_at`` (they left before the end of the
      simulation, window plus truth horizon) / B (goal 1, the answer key a shop never sees).

    Example (worked by hand in the tests): A orders twice, B once, C three times, so 6 orders,
    3 buyers → repeat_rate 2/3, orders_per_buyer 2; only B has a churn date → true_churn_share 1/3.

    A module-level function of a Result, so it can be passed as ``measures=`` to
    :func:`sim.replicate` and :func:`sim.sweep`.

    Args:
        tables: a :class:`sim.Result` or a mapping with ``orders`` (``customer_id``, ``at``,
            ``amount_vnd``) and ``truth`` (``customer_id``, ``churned_at``).
        active_days: longest gap since the last order of an active customer, in days (> 0).

    Returns:
        ``{measure: value}`` with the keys of :data:`MEASURES`; all NaN when nobody bought.

    Raises:
        DataError: a missing table or column, a bad time, a buyer missing from ``truth``, or
            ``active_days`` ≤ 0.
    """
    active_days = float(check_range("active_days", active_days, 0, None, low_open=True))
    orders = require_columns(_table(tables, "orders"), ["customer_id", "at", "amount_vnd"], "orders")
    truth = require_columns(_table(tables, "truth"), ["customer_id", "churned_at"], "truth")
    buyers = orders["customer_id"].drop_duplicates()
    if buyers.empty:
        return dict.fromkeys(MEASURES, math.nan)
    repeat = retention.repeat_metrics(orders)
    segments = retention.activity_segments(orders, active_days=active_days, lapsed_days=active_days + 1)
    churned_at = pd.Series(datetimes(truth, "churned_at", "truth").to_numpy(), index=truth["customer_id"].to_numpy())
    churned_at = churned_at.groupby(level=0).first()
    unknown = buyers[~buyers.isin(churned_at.index)]
    if len(unknown):
        raise DataError([("truth.customer_id", unknown.iloc[0], "bảng truth phải có mọi khách đã mua hàng",
                          "truth must have a row for every customer who bought")])
    n = len(buyers)
    return {
        "repeat_rate": float(repeat["repeat_conversion_rate"]),
        "active_share": float((segments["activity_segment"] == "active").mean()),
        "orders_per_buyer": len(orders) / n,
        "true_churn_share": float(churned_at.reindex(buyers.to_numpy()).notna().sum()) / n,
    }


__all__ = ["LEVERS", "MEASURES", "lever_grid", "lever_sweep", "one_at_a_time", "retention_measures"]
