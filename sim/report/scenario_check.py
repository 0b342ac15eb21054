"""Checking a group's scenario file, and listing how it differs from the shop it builds on.

A group describes its own shop as a partial override of a preset (``base: default``). Before it
simulates, it needs to know whether the file is valid and, if not, which field is wrong, what value
it holds and what is allowed. :func:`check_scenario` answers with the bilingual message of
:class:`sim.base.errors.ScenarioError` instead of raising, so a notebook's "Run all" does not stop on a
traceback. :func:`scenario_changes` lists the fields that differ from the base preset: the group's
assumptions, in one table.

Typical use::

    from sim.report import check_scenario, scenario_changes
    check = check_scenario("exercises/du_an_nhom/kich_ban.yaml")
    print(check)                     # "Kịch bản hợp lệ / valid scenario: …" or the bilingual error
    scenario_changes(check.scenario)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sim.base.errors import ScenarioError
from sim.scenario.loader import PRESETS, load_scenario, with_changes
from sim.scenario.schema import Scenario


@dataclass(frozen=True)
class ScenarioCheck:
    """The outcome of :func:`check_scenario`.

    Attributes:
        ok: whether the scenario is valid.
        message: ``"Kịch bản hợp lệ / valid scenario: …"`` or the bilingual message of the
            :class:`~sim.base.errors.ScenarioError` (one line per wrong field: field, value, what is allowed).
        fields: the names of the wrong fields (empty when ``ok``).
        scenario: the validated scenario, or ``None``.
        source: what was checked, as given (a file path or a preset name), or the scenario's name.
    """

    ok: bool
    message: str
    fields: tuple[str, ...] = ()
    scenario: Scenario | None = field(default=None, repr=False)
    source: str = ""

    def __str__(self) -> str:
        return self.message


def check_scenario(source: str | Path | Mapping[str, Any] | Scenario,
                   changes: Mapping[str, Any] | None = None) -> ScenarioCheck:
    """Validate a scenario and return the verdict instead of raising.

    Args:
        source: a YAML file (a partial override of a preset), a preset name, a mapping or a Scenario.
        changes: optional ``{"dotted.field": value}`` applied on top (as :func:`sim.with_changes`), e.g. to
            see the message a wrong value would give without editing the file.

    Returns:
        A :class:`ScenarioCheck`; printing it prints its message.
    """
    where = str(source) if isinstance(source, (str, Path)) else ""
    try:
        scenario = load_scenario(source)
        if changes:
            scenario = with_changes(scenario, dict(changes))
    except ScenarioError as exc:
        return ScenarioCheck(False, str(exc), tuple(exc.fields), None, where)
    where = where or scenario.name
    text = f"Kịch bản hợp lệ / valid scenario: {where} (name = {scenario.name})"
    if scenario.description:
        text += f"\n  {scenario.description}"
    return ScenarioCheck(True, text, (), scenario, where)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"block.field": value}`` for every leaf of a nested mapping (lists stay whole)."""
    if not isinstance(data, dict) or not data:
        return {prefix: data}
    out: dict[str, Any] = {}
    for key, value in data.items():
        out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return out


def scenario_changes(scenario: Scenario, base: str | Scenario = "default") -> pd.DataFrame:
    """The fields whose value differs from the base shop: the assumptions a group made.

    Every leaf of both scenarios is named by its dotted path (``service.chat.agents``); a field is
    listed when its value differs, or when it exists in only one of them (a category of the group's
    own catalogue, or one the group dropped). ``name`` and ``description`` are left out.

    Args:
        scenario: the group's validated scenario.
        base: the preset (or scenario) to compare with; default the ``default`` shop.

    Returns:
        Columns ``field`` (dotted path), ``base`` (the base's value, ``None`` when absent) and
        ``value`` (the scenario's value, ``None`` when absent), in the scenario's field order.

    Raises:
        ScenarioError: ``base`` is not a preset or a Scenario.
    """
    if isinstance(base, str):
        if base not in PRESETS:
            raise ScenarioError([("base", base, f"phải là một trong {list(PRESETS)}", f"must be one of {list(PRESETS)}")])
        base = load_scenario(base)
    mine, theirs = _flatten(scenario.model_dump()), _flatten(base.model_dump())
    skipped = {"name", "description"}
    names = [k for k in mine if k not in skipped] + [k for k in theirs if k not in mine and k not in skipped]
    rows = [{"field": k, "base": theirs.get(k), "value": mine.get(k)} for k in names if mine.get(k) != theirs.get(k)]
    return pd.DataFrame(rows, columns=["field", "base", "value"])


__all__ = ["ScenarioCheck", "check_scenario", "scenario_changes"]
