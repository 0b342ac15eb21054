"""The scenario parameters behind a pattern a notebook shows: «Giả định của mô hình».

Where the default shop was calibrated to show a lecture's claim (promoters churn less, loyal customers
resist competitors…), a topic notebook says so and names the parameters that produce the pattern, with
the values read from the scenario itself, so the box stays true when a preset is recalibrated.

Typical use::

    from sim.scenario.assumptions import parameter_table
    parameter_table(scenario, ["survey.per_loyalty", "churn.loyalty_protection"])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from sim.base.errors import ScenarioError
from sim.scenario.schema import Scenario


def parameter_value(scenario: Scenario, field: str) -> Any:
    """The value of one dotted field of a scenario, e.g. ``"churn.loyalty_protection"`` → 0.95.

    Raises:
        ScenarioError: the field does not exist (the message names it).
    """
    value: Any = scenario
    for part in field.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif hasattr(value, part) and not part.startswith("_"):
            value = getattr(value, part)
        else:
            raise ScenarioError([(field, part, "kịch bản không có trường này", "the scenario has no such field")])
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    return value


def parameter_table(scenario: Scenario, fields: Iterable[str]) -> pd.DataFrame:
    """One row per field: ``parameter`` (the dotted name, as in the YAML file) and its ``value`` in the scenario.

    Args:
        scenario: the scenario whose values are read.
        fields: dotted field names, in the order to show.

    Returns:
        A DataFrame with the columns ``parameter`` and ``value``.

    Raises:
        ScenarioError: a field that does not exist.
    """
    fields = list(fields)
    return pd.DataFrame({"parameter": fields, "value": [parameter_value(scenario, f) for f in fields]})


__all__ = ["parameter_table", "parameter_value"]
