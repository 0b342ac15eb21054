"""The group-project notebook's helpers: show the section's items, and carry on quietly when the scenario is wrong.

The notebook ``exercises/du_an_nhom/du_an_nhom.ipynb`` only calls these. Each takes what the previous
step produced; when the scenario did not validate, that is ``None``, and each helper prints one line
saying that the scenario must be fixed first, instead of raising, so "Run all" reaches the end and the
group sees the bilingual error message at the top.

Typical use::

    from sim.report import check_scenario
    from sim.report.notebook import project_for, show
    check = check_scenario("kich_ban.yaml")
    project = project_for(check, seeds=3, customers=2000)
    show(project, "funnel")
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pandas as pd
from IPython.display import Markdown, display

from sim.base.labels import label
from sim.charts.tables import styled
from sim.report import figures as figs
from sim.report import section_tables as tabs
from sim.report.project import DEFAULT_SEED, Project, run_project
from sim.report.scenario_check import ScenarioCheck, scenario_changes
from sim.report.section import numbered_caption, safe, section_text
from sim.report.section_tables import field_label, setting_text

FIX_FIRST = ("Chưa có kết quả: kịch bản chưa hợp lệ – hãy sửa trường được nêu ở ô kiểm tra kịch bản rồi chạy lại. "
             "/ No result: the scenario is not valid – fix the field named in the check above and run again.")
"""What every helper prints when there is nothing to show because the scenario did not validate."""


def project_for(check: ScenarioCheck, *, seed: int = DEFAULT_SEED, seeds: int | Iterable[int] = 3,
                customers: int | None = None) -> Project | None:
    """:func:`sim.report.project.run_project` on a checked scenario, or ``None`` (with a note) when it is not valid."""
    if not check.ok or check.scenario is None:
        print(FIX_FIRST)
        return None
    project = run_project(check.scenario, seed=seed, seeds=seeds, customers=customers)
    return replace(project, source=check.source or project.source)


def show(project: Project | None, key: str) -> None:
    """Show one item of the section: its numbered caption (``Hình 1. …``), then the chart or the table.

    A measure that cannot be computed on the run is reported in a sentence instead of a traceback.
    """

    if project is None:
        print(FIX_FIRST)
        return
    compute = figs.figure if key in figs.FIGURES else tabs.table
    item, problem = safe(compute, project, key)
    display(Markdown(f"**{numbered_caption(key)}**"))
    if problem is not None:
        print(problem)
    elif isinstance(item, pd.DataFrame):
        display(styled(item))
    else:
        display(item)


def show_text(project: Project | None, section: str) -> None:
    """Print the paragraphs the exported section has for a numbered sub-section (``"targets"`` …) or ``"section"``."""
    if project is None:
        print(FIX_FIRST)
        return
    print("\n\n".join(section_text(project, section)))


def show_changes(check: ScenarioCheck) -> None:
    """Show the fields of the group's scenario that differ from the default shop, with their Vietnamese names."""

    if not check.ok or check.scenario is None:
        print(FIX_FIRST)
        return
    table = scenario_changes(check.scenario, "default")
    display(styled(pd.DataFrame({
        label("report_column", "field"): table["field"],
        label("report_column", "meaning"): [field_label(f, "") for f in table["field"]],
        label("report_column", "baseline"): [setting_text(v) for v in table["base"]],
        label("report_column", "group"): [setting_text(v) for v in table["value"]],
    })))


__all__ = ["FIX_FIRST", "project_for", "show", "show_changes", "show_text"]
