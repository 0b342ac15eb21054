"""The scenario parameters behind a pattern a notebook shows: the «Giả định của mô hình» tables.

The default shop was calibrated so that the lectures' claims are visible in its data (``CURRICULUM.md``,
"stylized facts"). Where a notebook shows such a pattern, it names the parameters that produce it and
shows their values read from the scenario itself, so that the text cannot drift from the model.

Typical use::

    from sim.scenario.assumptions import parameter_table
    parameter_table(scenario, ["evaluation.security_concern_prob", "evaluation.quality_doubt_prob"])
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sim.base.errors import ScenarioError
from sim.base.formats import format_value, unit_for
from sim.scenario.schema import Scenario


def parameter_value(scenario: Scenario, field: str) -> object:
    """The value of one dotted field of a scenario (``"evaluation.security_concern_prob"`` → 0.26).

    Raises:
        ScenarioError: a field the scenario does not have (the message names the field).
    """
    value: object = scenario
    for part in field.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif not isinstance(value, dict) and part in getattr(type(value), "model_fields", {}):
            value = getattr(value, part)
        else:
            raise ScenarioError([(field, part, "không có trường này trong kịch bản", "no such field in the scenario")])
    return value


def shown_value(field: str, value: object) -> str:
    """A parameter's value written the Vietnamese way in the unit its name states.

    A switch is «Có»/«Không»; a name ending ``_vnd`` is money; ``_prob``, ``_rate``, ``_share`` are
    percentages (``0.26`` → ``26%``); anything else is a plain number (``5.0`` → ``5``).
    A group of values (one per match type, per hour…) is written ``name: value`` for each, joined by
    «; », each value in the unit of the group's name.
    """
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    if isinstance(value, dict):
        return "; ".join(f"{key}: {shown_value(field, item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(shown_value(field, item) for item in value)
    if isinstance(value, bool):
        return format_value(value, "yes_no")
    if isinstance(value, str):
        return value
    unit = unit_for(field.rsplit(".", 1)[-1]) or "number"
    return format_value(value, unit)


def parameter_table(scenario: Scenario, fields: Iterable[str]) -> pd.DataFrame:
    """One row per field, its value read from ``scenario``.

    Returns:
        Columns ``parameter`` (the dotted field, a code of the label kinds ``scenario_field`` and
        ``lever``), ``field`` (the same, shown as it is written in the YAML file) and ``value`` (the
        value as text, :func:`shown_value`).

    Raises:
        ScenarioError: a field the scenario does not have.
    """
    fields = list(fields)
    values = [shown_value(f, parameter_value(scenario, f)) for f in fields]
    return pd.DataFrame({"parameter": fields, "field": fields, "value": values})
