"""The lecturer's dashboard: the levers of a shop on the left, its headline KPIs against a baseline on the right.

Made for a classroom projector (large fonts, one screen) and for Voilà (``make demo``). Every
lever is a real scenario field (:mod:`sim.scenario.schema`), changed with
:func:`sim.with_changes`; every change re-runs the scenario over a few seeds with
:func:`sim.replicate` (the same seeds as the baseline: common random numbers, so a difference
comes from the change and not from the draws) and redraws:

* one card per headline KPI (:func:`sim.measures.kpis.headline`: funnel conversion, CAC, NPS,
  repeat rate and active share, LTV…): the current value, its difference from the baseline
  (green when better, red when worse) and the baseline value;
* the purchase funnel of the baseline and the current setting
  (:func:`sim.charts.baseline_funnel.baseline_funnel_chart`), drawn as SVG so it needs no Internet.

This module only wires widgets to the model and the charts; the measures are those of
:mod:`sim.measures`.

Typical use (a notebook or Voilà)::

    from sim.widgets.dashboard import lecturer_dashboard
    lecturer_dashboard("demo", seed=2026, seeds=3)
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import ipywidgets as widgets
import pandas as pd

from sim.base.errors import DataError, ScenarioError
from sim.base.labels import label, vi_number
from sim.charts.baseline_funnel import baseline_funnel_chart
from sim.charts.render import to_svg
from sim.experiments.replicate import replicate
from sim.measures.funnel import funnel_measures
from sim.measures.kpis import KPIS, headline
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario

Format = Literal["vnd", "share", "count", "number", "points", "ratio"]


@dataclass(frozen=True)
class Lever:
    """One control of the dashboard: a scenario field and how its widget looks.

    Attributes:
        path: the dotted scenario field, e.g. ``"service.chat.agents"`` (label: kind ``lever``).
        group: the tab it sits in (``budget``, ``trust``, ``service``, ``retention``; label kind ``dashboard``).
        widget: ``switch`` (on/off), ``slider`` (linear) or ``log`` (a money slider on a log scale,
            from two orders of magnitude below the preset's value to one above).
        low, high, step: the linear slider's range; ``high=None`` means twice the preset's value.
        fmt: how the value is written next to the slider.
    """

    path: str
    group: str
    widget: Literal["switch", "slider", "log"] = "slider"
    low: float = 0.0
    high: float | None = None
    step: float | None = None
    fmt: Format = "number"


LEVERS: tuple[Lever, ...] = (
    Lever("channels.paid_search.daily_budget_vnd", "budget", "log", fmt="vnd"),
    Lever("channels.paid_search.max_cpc_vnd", "budget", "slider", 0.0, None, 500.0, fmt="vnd"),
    Lever("channels.social.daily_budget_vnd", "budget", "log", fmt="vnd"),
    Lever("channels.email.sends_per_month", "budget", "slider", 0.0, 8.0, 0.5, fmt="number"),
    Lever("channels.affiliate.commission_rate", "budget", "slider", 0.0, 0.3, 0.01, fmt="share"),
    Lever("trust.security_badge", "trust", "switch"),
    Lever("trust.reviews", "trust", "switch"),
    Lever("trust.return_policy", "trust", "switch"),
    Lever("trust.quality_verification", "trust", "switch"),
    Lever("service.chat.agents", "service", "slider", 0, 6, 1, fmt="count"),
    Lever("service.email.agents", "service", "slider", 0, 6, 1, fmt="count"),
    Lever("service.faq_coverage", "service", "slider", 0.0, 0.9, 0.05, fmt="share"),
    Lever("retention.personalization.enabled", "retention", "switch"),
    Lever("retention.loyalty_programme.enabled", "retention", "switch"),
    Lever("retention.community.enabled", "retention", "switch"),
)
"""The levers, by tab: acquisition budget, trust (lecture 000 §1), service desk (000 §6), retention (001)."""
GROUPS: tuple[str, ...] = ("budget", "trust", "service", "retention")

KPI_FORMATS: dict[str, Format] = {
    "prospects": "count", "buyers": "count", "buyer_rate": "share", "journey_conversion": "share", "cac_vnd": "vnd",
    "retention_cost_ratio": "ratio", "nps": "points", "repeat_rate": "share", "active_share": "share",
    "margin_vnd": "vnd", "ltv_vnd": "vnd", "chat_service_level": "share",
}
"""How each headline KPI is written on its card."""
BETTER: dict[str, int] = {"cac_vnd": -1, "retention_cost_ratio": 0}
"""+1 when a higher value is better (the default), −1 when lower is better, 0 when neither."""
COLOURS: dict[int, str] = {1: "#1a7f37", -1: "#c62828", 0: "#6e6e6e"}
"""Better green, worse red, unchanged or unranked grey."""

_CSS = """<style>
.ecrm-dash { font-size: 17px; }
.ecrm-dash .ecrm-title { font-size: 20px; font-weight: 700; margin: 0 0 4px 0; }
.ecrm-dash .ecrm-sub { font-size: 15px; font-weight: 400; color: #555; }
.ecrm-dash .widget-label, .ecrm-dash .widget-checkbox label, .ecrm-dash .lm-TabBar-tabLabel,
.ecrm-dash .p-TabBar-tabLabel, .ecrm-dash button { font-size: 16px !important; }
.ecrm-dash .lm-TabBar-tab, .ecrm-dash .p-TabBar-tab { flex: 1 1 auto !important; min-width: 0 !important;
  max-width: none !important; }
.ecrm-dash .widget-checkbox { margin: 6px 0; height: auto; width: 100%; }
.ecrm-dash .widget-checkbox label, .ecrm-dash .widget-checkbox span { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; line-height: 1.25; }
.ecrm-dash .ecrm-lever { font-size: 15px; font-weight: 600; margin-top: 4px; line-height: 1.2; }
.ecrm-dash .ecrm-readout { font-size: 17px; font-weight: 600; min-width: 110px; }
.ecrm-dash .ecrm-card { border: 1px solid #d0d0d0; border-radius: 8px; padding: 4px 10px; background: #fafafa;
  line-height: 1.15; min-height: 102px; box-sizing: border-box; }
.ecrm-dash .ecrm-card-label { font-size: 13.5px; color: #333; height: 2.35em; overflow: hidden; }
.ecrm-dash .ecrm-card-value { font-size: 25px; font-weight: 700; }
.ecrm-dash .ecrm-card-delta { font-size: 17px; font-weight: 700; }
.ecrm-dash .ecrm-card-base { font-size: 13.5px; color: #555; }
.ecrm-dash .ecrm-changes { font-size: 15px; }
.ecrm-dash .ecrm-chart svg { width: 100%; max-width: 760px; height: auto; }
.ecrm-dash input[type="checkbox"] { transform: scale(1.35); margin-right: 8px; }
.ecrm-dash .ecrm-status { font-size: 13px; color: #555; }
</style>"""


def dashboard_measures(result: object) -> dict[str, float]:
    """What one run shows on the dashboard: the headline KPIs and the journeys reaching each funnel stage.

    headline KPIs: :func:`sim.measures.kpis.headline`; funnel: :func:`sim.measures.funnel.funnel_measures`
    (lecture 000 §2, lecture 001). A module-level function, so :func:`sim.replicate` can send it to other processes.
    """
    return {**headline(result), **funnel_measures(result)}


def _money(value: float, signed: bool = False) -> str:
    if value is None or math.isnan(value):
        return "—"
    sign = "+" if signed and value > 0 else ""
    if abs(value) >= 1e9:
        return f"{sign}{vi_number(value / 1e9, 2)} {label('dashboard', 'billion')} ₫"
    if abs(value) >= 1e6:
        return f"{sign}{vi_number(value / 1e6, 1)} {label('dashboard', 'million')} ₫"
    return f"{sign}{vi_number(value, 0)} ₫"


def format_value(value: float, fmt: Format) -> str:
    """A KPI or lever value written the Vietnamese way: ``12,5%``, ``1,2 triệu ₫``, ``4,4×``, ``—`` for no data."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if fmt == "vnd":
        return _money(float(value))
    if fmt == "share":
        return f"{vi_number(100 * value, 1)}%"
    if fmt == "ratio":
        return f"{vi_number(value, 1)}×"
    if fmt == "points":
        return vi_number(value, 1)
    if fmt == "count":
        return vi_number(value, 0)
    return vi_number(value, 0 if float(value).is_integer() else 1)


def format_difference(difference: float, fmt: Format) -> str:
    """The difference current − baseline with its sign: ``+2,3 điểm %`` for shares, ``−12.345 ₫`` for money."""
    if difference is None or math.isnan(difference):
        return "—"
    if difference == 0:
        return "±0"
    sign = "+" if difference > 0 else ""
    if fmt == "vnd":
        return _money(difference, signed=True)
    if fmt == "share":
        return f"{sign}{vi_number(100 * difference, 1)} {label('dashboard', 'percentage_points')}"
    if fmt == "ratio":
        return f"{sign}{vi_number(difference, 2)}×"
    if fmt == "points":
        return f"{sign}{vi_number(difference, 1)} {label('dashboard', 'points')}"
    if fmt == "count":
        return f"{sign}{vi_number(difference, 0 if abs(difference) >= 1 else 1)}"
    return f"{sign}{vi_number(difference, 0 if float(difference).is_integer() else 1)}"


def _field(scenario: Scenario, path: str) -> Any:
    node: Any = scenario
    for part in path.split("."):
        node = getattr(node, part)
    return node


def _lever_widget(lever: Lever, value: Any) -> widgets.Widget:
    if lever.widget == "switch":
        return widgets.Checkbox(value=bool(value), description=label("lever", lever.path), indent=False,
                                layout=widgets.Layout(width="auto"))
    layout = widgets.Layout(width="250px")
    if lever.widget == "log":
        exponent = math.floor(math.log10(value)) if value >= 1 else 3
        return widgets.FloatLogSlider(value=float(value), base=10, min=exponent - 2, max=exponent + 1, step=0.05,
                                      readout=False, continuous_update=False, layout=layout)
    high = lever.high if lever.high is not None else max(2 * float(value), 1.0)
    if isinstance(value, int) and not isinstance(value, bool):
        return widgets.IntSlider(value=value, min=int(lever.low), max=int(high), step=int(lever.step or 1), readout=False,
                                 continuous_update=False, layout=layout)
    return widgets.FloatSlider(value=float(value), min=lever.low, max=high, step=lever.step or (high - lever.low) / 20,
                               readout=False, continuous_update=False, layout=layout)


class LecturerDashboard(widgets.VBox):
    """The dashboard widget; its parts stay reachable so a test or a lecturer's script can move a lever.

    Attributes:
        scenario: the baseline scenario.
        seeds: the seeds every setting runs with.
        levers: ``{scenario path: widget}``.
        cards: ``{kpi: HTML widget}``, the KPI cards.
        baseline, current: the :func:`sim.replicate` summaries (``measure``, ``mean``, ``ci_low``, ``ci_high``…).
        chart: the HTML widget holding the funnel chart (SVG).
        status: the line with the re-run time or an error message.
        last_seconds: how long the last update took.
    """

    def __init__(self, scenario: Scenario, seeds: list[int]):
        self.scenario = scenario
        self.seeds = seeds
        self.kpis = [k for k in KPIS if k in KPI_FORMATS]
        self._hold = False
        self.levers: dict[str, widgets.Widget] = {}
        self._initial: dict[str, Any] = {}
        self._readouts: dict[str, widgets.HTML] = {}
        tabs = []
        for group in GROUPS:
            rows = [self._lever_row(lever) for lever in LEVERS if lever.group == group]
            tabs.append(widgets.VBox(rows, layout=widgets.Layout(padding="4px 2px")))
        tab = widgets.Tab(children=tabs, titles=[label("dashboard", g) for g in GROUPS],
                          layout=widgets.Layout(width="100%"))
        reset = widgets.Button(description=label("dashboard", "reset"), icon="undo", layout=widgets.Layout(width="99%"))
        keep = widgets.Button(description=label("dashboard", "set_baseline"), icon="thumb-tack",
                              layout=widgets.Layout(width="99%"))
        reset.on_click(lambda _button: self.reset())
        keep.on_click(lambda _button: self.set_baseline())
        self.changes = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.cards = {k: widgets.HTML(layout=widgets.Layout(width="auto", margin="0")) for k in self.kpis}
        grid = widgets.GridBox(list(self.cards.values()), layout=widgets.Layout(
            grid_template_columns="repeat(4, minmax(0, 1fr))", grid_gap="6px", width="100%",
            overflow="visible"))
        self.chart = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.chart.add_class("ecrm-chart")
        self.status = widgets.HTML()
        header = widgets.HTML(
            f"{_CSS}<div class='ecrm-title'>{html.escape(label('dashboard', 'title'))}"
            f"<span class='ecrm-sub'> · {html.escape(label('dashboard', 'scenario'))}: <b>{html.escape(scenario.name)}</b>"
            f" · {len(seeds)} {html.escape(label('dashboard', 'seeds'))}: {', '.join(str(s) for s in seeds)}</span></div>")
        left = widgets.VBox([tab, reset, keep, self.changes],
                            layout=widgets.Layout(flex="0 0 400px", width="400px", overflow="hidden", padding="0 10px 0 0"))
        right = widgets.VBox([grid, self.chart, self.status], layout=widgets.Layout(flex="1 1 auto", overflow="hidden"))
        super().__init__([header, widgets.HBox([left, right], layout=widgets.Layout(width="100%"))],
                         layout=widgets.Layout(width="100%"))
        self.add_class("ecrm-dash")
        started = time.perf_counter()
        self._preset_baseline = self._run(scenario)
        self.baseline = self.current = self._preset_baseline
        self._draw(started)

    def _lever_row(self, lever: Lever) -> widgets.Widget:
        control = _lever_widget(lever, _field(self.scenario, lever.path))
        self.levers[lever.path] = control
        self._initial[lever.path] = control.value
        if lever.widget == "switch":
            control.observe(lambda _change: self.update(), names="value")
            return control
        readout = widgets.HTML(f"<span class='ecrm-readout'>{format_value(control.value, lever.fmt)}</span>")
        self._readouts[lever.path] = readout

        def show(change: Mapping[str, Any]) -> None:
            readout.value = f"<span class='ecrm-readout'>{format_value(change['new'], lever.fmt)}</span>"

        control.observe(show, names="value")
        control.observe(lambda _change: self.update(), names="value")
        title = widgets.HTML(f"<div class='ecrm-lever'>{html.escape(label('lever', lever.path))}</div>")
        return widgets.VBox([title, widgets.HBox([control, readout])])

    def changed(self) -> dict[str, Any]:
        """The levers moved away from the preset: ``{path: value}`` (what :func:`sim.with_changes` receives)."""
        return {path: w.value for path, w in self.levers.items() if w.value != self._initial[path]}

    def _run(self, scenario: Scenario) -> pd.DataFrame:
        return replicate(scenario, seeds=self.seeds, measures=dashboard_measures)

    def update(self) -> None:
        """Re-run the scenario with the levers' values and redraw; a bad value is shown, never raised."""
        if self._hold:
            return
        started = time.perf_counter()
        try:
            changes = self.changed()
            self.current = self._run(with_changes(self.scenario, changes) if changes else self.scenario)
        except (ScenarioError, DataError) as exc:
            self.status.value = f"<pre class='ecrm-status'>{html.escape(str(exc))}</pre>"
            return
        self._draw(started)

    def reset(self) -> None:
        """Put every lever back to the preset's value and the baseline back to the preset's run."""
        self._hold = True
        try:
            for path, widget in self.levers.items():
                widget.value = self._initial[path]
        finally:
            self._hold = False
        self.baseline = self.current = self._preset_baseline
        self._draw(time.perf_counter())

    def set_baseline(self) -> None:
        """Make the current setting the baseline (the levers stay where they are)."""
        self.baseline = self.current
        self._draw(time.perf_counter())

    def values(self, which: Literal["baseline", "current"] = "current") -> dict[str, float]:
        """The mean of every measure over the seeds, for the baseline or the current setting."""
        summary = self.baseline if which == "baseline" else self.current
        return dict(zip(summary["measure"], summary["mean"].astype(float), strict=True))

    def _draw(self, started: float) -> None:
        base, now = self.values("baseline"), self.values("current")
        rows = self.current.set_index("measure")
        for kpi in self.kpis:
            fmt = KPI_FORMATS[kpi]
            difference = now[kpi] - base[kpi]
            direction = 0 if (math.isnan(difference) or difference == 0) else (1 if difference > 0 else -1)
            colour = COLOURS[direction * BETTER.get(kpi, 1)]
            arrow = {1: "▲ ", -1: "▼ ", 0: "" if math.isnan(difference) else "= "}[direction]
            interval = (f"{label('dashboard', 'ci')}: {format_value(rows.at[kpi, 'ci_low'], fmt)} – "
                        f"{format_value(rows.at[kpi, 'ci_high'], fmt)}")
            self.cards[kpi].value = (
                f"<div class='ecrm-card' title='{html.escape(interval, quote=True)}'>"
                f"<div class='ecrm-card-label'>{html.escape(label('kpi', kpi))}</div>"
                f"<div class='ecrm-card-value'>{format_value(now[kpi], fmt)}</div>"
                f"<div class='ecrm-card-delta' style='color:{colour}'>{arrow}{format_difference(difference, fmt)}</div>"
                f"<div class='ecrm-card-base'>{html.escape(label('dashboard', 'baseline'))}: "
                f"{format_value(base[kpi], fmt)}</div></div>")
        self.chart.value = to_svg(baseline_funnel_chart(self.baseline, self.current))
        self.changes.value = self._changes_text()
        self.last_seconds = time.perf_counter() - started
        self.status.value = (f"<span class='ecrm-status'>{html.escape(label('dashboard', 'rerun'))} "
                             f"{vi_number(self.last_seconds, 2)} s · {html.escape(label('dashboard', 'legend'))}</span>")

    def _changes_text(self) -> str:
        changes = self.changed()
        if not changes:
            return f"<div class='ecrm-changes'>{html.escape(label('dashboard', 'no_change'))}</div>"
        items = []
        for lever in LEVERS:
            if lever.path in changes:
                before, after = self._initial[lever.path], changes[lever.path]
                if lever.widget == "switch":
                    shown = [label("dashboard", "on" if v else "off") for v in (before, after)]
                else:
                    shown = [format_value(v, lever.fmt) for v in (before, after)]
                items.append(f"<li>{html.escape(label('lever', lever.path))}: {shown[0]} → <b>{shown[1]}</b></li>")
        return (f"<div class='ecrm-changes'>{html.escape(label('dashboard', 'changes'))}:"
                f"<ul style='margin:2px 0'>{''.join(items)}</ul></div>")


def lecturer_dashboard(preset: str | Scenario = "demo", seed: int = 2026, seeds: int = 3) -> widgets.Widget:
    """Build the lecturer's dashboard: levers, KPI cards against the baseline, the funnel of both.

    The baseline (the preset as it is) runs once, with seeds ``seed, seed + 1, …``; every change of
    a lever re-runs the changed scenario with the same seeds (:func:`sim.replicate`, mean over the
    seeds) and redraws. On the ``demo`` preset with 3 seeds an update takes well under a second.
    Lecture 000 §1 (trust), §3 (acquisition vs retention cost), §6 (service tools); lecture 001
    (acquisition channels, NPS, retention, LTV).

    Args:
        preset: a preset name (``"demo"``, ``"default"``, ``"b2b"``), a YAML path or a Scenario.
        seed: the first seed.
        seeds: how many seeds each setting runs with (more: steadier, slower).

    Returns:
        The dashboard widget (a :class:`LecturerDashboard`); a notebook shows it as its cell's value.

    Raises:
        ScenarioError: a bad preset, seed or number of seeds.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ScenarioError([("seed", seed, "phải là số nguyên không âm", "must be a non-negative integer")])
    if isinstance(seeds, bool) or not isinstance(seeds, int) or not 1 <= seeds <= 50:
        raise ScenarioError([("seeds", seeds, "số hạt giống phải là số nguyên từ 1 đến 50",
                              "the number of seeds must be an integer from 1 to 50")])
    scenario = preset if isinstance(preset, Scenario) else load_scenario(preset)
    return LecturerDashboard(scenario, list(range(seed, seed + seeds)))


__all__ = ["BETTER", "GROUPS", "KPI_FORMATS", "LEVERS", "LecturerDashboard", "Lever", "dashboard_measures",
           "format_difference", "format_value", "lecturer_dashboard"]
