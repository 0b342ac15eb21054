"""Godin's four steps of permission marketing, each with its lever and what it changes.

Lecture 001, Chương 6, "Marketing cho phép"; Godin (1999), *Permission Marketing*: (1) offer an
incentive to opt in, (2) use the attention to teach, (3) reinforce the incentive, (4) offer an
additional incentive to widen the permission. Each step is one field of the scenario's
``permission_marketing`` block, and each moves one measure of
:func:`sim.measures.permission.godin_steps` first:

=====================  =============================================  ============================================
step                   lever (scenario field)                         moves first
=====================  =============================================  ============================================
incentive              ``incentive_vnd``                              ``opt_in_rate``
teaching               ``teaching_emails`` (welcome e-mails)          ``open_rate``, ``unsubscribe_rate``
reinforcement          ``reinforcement_vnd_per_month``                ``unsubscribe_rate``
additional_incentive   ``additional_incentive_vnd``                   ``widened_share`` (depth of permission)
=====================  =============================================  ============================================

Typical use::

    import sim
    from sim.experiments.permission_steps import STEP_LEVERS, step_measures
    field, values = STEP_LEVERS["teaching"]
    sim.sweep("demo", {field: values}, seeds=4, measures=step_measures)
"""

from __future__ import annotations

from typing import Any

from sim.experiments.sweep_values import mean_at
from sim.measures.frames import tables_of
from sim.measures.permission import godin_steps

STEP_LEVERS: dict[str, tuple[str, list[float]]] = {
    "incentive": ("permission_marketing.incentive_vnd", [0, 30_000, 100_000]),
    "teaching": ("permission_marketing.teaching_emails", [0, 2]),
    "reinforcement": ("permission_marketing.reinforcement_vnd_per_month", [0, 5_000, 20_000]),
    "additional_incentive": ("permission_marketing.additional_incentive_vnd", [0, 20_000, 60_000]),
}
"""Each of Godin's steps: its scenario field and the values a notebook compares."""


def step_measures(result: Any) -> dict[str, float]:
    """:func:`sim.measures.permission.godin_steps` of one run, for :func:`sim.sweep` (``measures=``).

    Args:
        result: a :class:`sim.Result` or a mapping with the ``customers`` and ``marketing`` tables.

    Returns:
        ``{"opt_in_rate": …, "open_rate": …, "unsubscribe_rate": …, "widened_share": …}``.
    """
    tables = tables_of(result, ["customers", "marketing"], argument="result")
    return godin_steps(tables["customers"], tables["marketing"])


__all__ = ["STEP_LEVERS", "mean_at", "step_measures"]
