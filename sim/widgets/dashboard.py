"""The lecturer's dashboard: the levers of a shop on the left, its headline KPIs against a baseline on the right.

Made for a classroom projector and for Voilà (``make demo``): the page's full width, type that grows with the
screen, and the levers, the twelve cards and the chart on one screen at 1366×768 as at 1920×1080. Every
lever is a real scenario field (:mod:`sim.scenario.schema`), changed with
:func:`sim.with_changes`; every change re-runs the scenario over a few seeds with
:func:`sim.replicate` (the same seeds as the baseline: common random numbers, so a difference
comes from the change and not from the draws) and redraws:

* one card per headline KPI (:func:`sim.measures.kpis.headline`: funnel conversion, CAC, NPS,
  repeat rate and active share, LTV…): the current value, its difference from the baseline
  (green when better, red when worse) and the baseline value;
* the purchase funnel of the baseline and the current setting
  (:func:`sim.charts.baseline_funnel.baseline_funnel_chart`), sent as its specification and drawn by the page's own
  Vega (JupyterLab, Voilà), so it needs no Internet.

A move of a lever re-runs only the current setting (the baseline's runs are kept), counts its KPIs on the runs' own
tables (:func:`sim.measures.kpis.headline_and_funnel`) and sends the chart's specification
(:func:`sim.charts.baseline_funnel.baseline_funnel_vega`, compiled to Vega) for the browser to draw: the simulation takes most of the
time (``benchmarks/bench_browser.py`` times slider release → redrawn chart).

Each slider covers the values where its lever changes the run in the scenario shown (:func:`lever_values`), in round
steps, and every number is written by :mod:`sim.base.formats`. The dashboard appears at once with
"Đang chạy mô phỏng…" while the baseline runs (``show=True``).

This module only wires widgets to the model and the charts; the measures are those of
:mod:`sim.measures`.

Typical use (a notebook or Voilà)::

    from sim.widgets.dashboard import lecturer_dashboard
    dashboard = lecturer_dashboard("demo", seed=2026, seeds=3, show=True)
"""

from __future__ import annotations

import html
import math
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from sim.base.errors import DataError, ScenarioError
from sim.base.formats import Unit, format_difference, format_value
from sim.base.labels import label
from sim.charts.baseline_funnel import baseline_funnel_vega
from sim.charts.render import chart_output, vega_to_svg
from sim.engine.channels import paid_search_auction, paid_search_plan
from sim.experiments.replicate import replicate
from sim.measures.kpis import KPI_UNITS, KPIS, headline_and_funnel
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario

Range = Literal["switch", "budget", "bid", "twice", "fixed", "agents"]


@dataclass(frozen=True)
class Lever:
    """One control of the dashboard: a scenario field, the tab it sits in, and where its slider's positions come from.

    Attributes:
        path: the dotted scenario field, e.g. ``"service.chat.agents"`` (label: kind ``lever``).
        group: the tab it sits in (``budget``, ``trust``, ``service``, ``retention``; label kind ``dashboard``).
        range: how the positions are found in the scenario shown (:func:`lever_values`): ``switch`` (on/off);
            ``budget`` (the paid-search budget, from 0 to what buys every click); ``bid`` (one bid per ad position);
            ``twice`` (from 0 to twice the scenario's value); ``fixed`` (``low`` to ``high`` by ``step``);
            ``agents`` (from 0 to the scenario's staff + ``high``).
        low, high, step: the ``fixed`` range; for ``agents``, ``high`` is the staff added on top of the scenario's.
        unit: how a position is written next to the slider (:data:`sim.base.formats.UNITS`).
    """

    path: str
    group: str
    range: Range = "switch"
    low: float = 0.0
    high: float = 0.0
    step: float = 1.0
    unit: Unit = "number"


LEVERS: tuple[Lever, ...] = (
    Lever("channels.paid_search.daily_budget_vnd", "budget", "budget", unit="vnd"),
    Lever("channels.paid_search.max_cpc_vnd", "budget", "bid", unit="vnd"),
    Lever("channels.social.daily_budget_vnd", "budget", "twice", unit="vnd"),
    Lever("channels.email.sends_per_month", "budget", "fixed", 0, 8, 1, unit="number"),
    Lever("channels.affiliate.commission_rate", "budget", "fixed", 0.0, 0.3, 0.01, unit="share"),
    Lever("trust.security_badge", "trust"),
    Lever("trust.reviews", "trust"),
    Lever("trust.return_policy", "trust"),
    Lever("trust.quality_verification", "trust"),
    Lever("service.chat.agents", "service", "agents", 0, 0, 1, unit="count"),
    Lever("service.email.agents", "service", "agents", 0, 0, 1, unit="count"),
    Lever("service.faq_coverage", "service", "fixed", 0.0, 0.9, 0.05, unit="share"),
    Lever("retention.personalization.enabled", "retention"),
    Lever("retention.loyalty_programme.enabled", "retention"),
    Lever("retention.community.enabled", "retention"),
)
"""The levers, by tab: acquisition budget, trust (lecture 000 §1), service desk (000 §6), retention (001).

The ranges were measured on the ``demo`` scenario (the dashboard's default, seeds 2026–2028): the paid-search budget
moves the KPIs only until it buys every search's click (about 16.800 ₫ a day at position 2), so its slider stops there;
a bid changes the KPIs only when it changes the ad's position, so the bid slider has one position per ad position; one
chat agent already answers every chat within the target and one e-mail agent copes with every e-mail (more agents
change nothing), so the two staff sliders go from none to the scenario's staff. Budgets, bids and staff are read from
the scenario shown; ``tests/test_dashboard.py`` moves every lever across its range and fails where a part is dead.
"""
GROUPS: tuple[str, ...] = ("budget", "trust", "service", "retention")
BETTER: dict[str, int] = {"cac_vnd": -1, "retention_cost_ratio": 0}
"""+1 when a higher value is better (the default), −1 when lower is better, 0 when neither."""
COLOURS: dict[int, str] = {1: "#1a7f37", -1: "#c62828", 0: "#6e6e6e"}
"""Better green, worse red, unchanged or unranked grey."""
BUDGET_STEPS = 16
"""About how many steps the paid-search budget slider has (rounded to a round step)."""
TWICE_STEPS = 20
"""About how many steps a slider from 0 to twice the scenario's value has."""
BID_ROUND_VND = 500
"""Bids are rounded up to a multiple of this, so each bid shown is the smallest round bid that wins its position."""

_CSS = """<style>
.ecrm-dash { --s: clamp(15px, min(1.15vw, 2.1vh), 24px); --room: calc(var(--s) * 25.5); width: 100%; box-sizing: border-box;
  margin-left: 0 !important; margin-right: 0 !important;
  font-size: var(--s); line-height: 1.25; }
.ecrm-dash .widget-html-content, .ecrm-dash .widget-html { font-size: var(--s); line-height: 1.25; }
.ecrm-dash .ecrm-head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.8em; margin: 0 0 0.3em 0; }
.ecrm-dash .ecrm-title { font-size: calc(var(--s) * 1.3); font-weight: 700; }
.ecrm-dash .ecrm-sub { font-size: calc(var(--s) * 0.9); color: #444; }
.ecrm-dash .widget-label, .ecrm-dash .widget-checkbox label, .ecrm-dash button { font-size: calc(var(--s) * 0.95) !important; }
.ecrm-dash .lm-TabBar-tabLabel, .ecrm-dash .p-TabBar-tabLabel { font-size: calc(var(--s) * 0.85) !important; }
.ecrm-dash .lm-TabBar-tab, .ecrm-dash .p-TabBar-tab { flex: 1 1 auto !important; min-width: 0 !important;
  max-width: none !important; min-height: calc(var(--s) * 2) !important; line-height: calc(var(--s) * 2) !important; }
.ecrm-dash .lm-TabBar, .ecrm-dash .p-TabBar { min-height: calc(var(--s) * 2) !important; }
.ecrm-dash button { height: auto !important; min-height: calc(var(--s) * 2); }
.ecrm-dash .widget-checkbox { margin: calc(var(--s) * 0.3) 0; height: auto; width: 100%; }
.ecrm-dash .widget-checkbox label, .ecrm-dash .widget-checkbox span { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; line-height: 1.25; }
.ecrm-dash .ecrm-lever { font-size: calc(var(--s) * 0.9); font-weight: 600; margin-top: calc(var(--s) * 0.3); line-height: 1.2; }
.ecrm-dash .ecrm-readout { font-size: var(--s); font-weight: 600; white-space: nowrap; }
.ecrm-dash .ecrm-left { flex: 0 0 clamp(355px, 25vw, 500px); width: clamp(355px, 25vw, 500px);
  padding-right: calc(var(--s) * 0.8); box-sizing: border-box; }
.ecrm-dash .ecrm-right { flex: 1 1 0; min-width: 0; }
.ecrm-dash .ecrm-cards-box, .ecrm-dash .ecrm-cards-box .widget-html-content { width: 100%; height: auto; }
.ecrm-dash .ecrm-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: calc(var(--s) * 0.35);
  width: 100%; }
@media (min-width: 1600px) { .ecrm-dash .ecrm-cards { grid-template-columns: repeat(6, minmax(0, 1fr)); }
  .ecrm-dash { --room: calc(var(--s) * 19); } }
.ecrm-dash .ecrm-card { border: 1px solid #d0d0d0; border-radius: 8px; padding: calc(var(--s) * 0.2) calc(var(--s) * 0.55);
  background: #fafafa; line-height: 1.15; box-sizing: border-box; height: 100%; container-type: inline-size; }
.ecrm-dash .ecrm-card-label { font-size: calc(var(--s) * 0.8); color: #333; height: 2.3em; overflow: hidden; }
.ecrm-dash .ecrm-card-value { font-size: min(calc(var(--s) * 1.55), 14cqw); font-weight: 700; white-space: nowrap; }
.ecrm-dash .ecrm-card-delta { font-size: calc(var(--s) * 0.95); font-weight: 700; white-space: nowrap; }
.ecrm-dash .ecrm-card-base { font-size: calc(var(--s) * 0.8); color: #555; white-space: nowrap; }
.ecrm-dash .ecrm-card-wait .ecrm-card-value { color: #888; }
.ecrm-dash .ecrm-changes, .ecrm-dash .ecrm-legend { font-size: calc(var(--s) * 0.85); }
.ecrm-dash .ecrm-legend { color: #555; margin-top: calc(var(--s) * 0.4); }
.ecrm-dash .ecrm-chart { margin-top: calc(var(--s) * 0.3); }
.ecrm-dash .ecrm-right > .jupyter-widgets { margin-left: 0 !important; margin-right: 0 !important; }
.ecrm-dash .ecrm-chart svg { display: block; width: 100%; height: auto; }
.ecrm-dash .ecrm-chart .vega-embed { display: block; width: 100%; padding: 0; }
.ecrm-dash .ecrm-chart .jp-OutputArea-prompt { display: none; }
.ecrm-dash .ecrm-chart .jp-OutputArea-output, .ecrm-dash .ecrm-chart .jp-RenderedVegaCommon5 { padding: 0; margin: 0; }
.ecrm-dash input[type="checkbox"] { transform: scale(1.35); margin-right: 8px; }
.ecrm-dash .ecrm-status { font-size: calc(var(--s) * 0.9); color: #444; }
.ecrm-dash .ecrm-busy { font-size: calc(var(--s) * 1.1); font-weight: 700; color: #0b5394; }
.ecrm-dash .ecrm-busy::before { content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em;
  border: 0.15em solid #0b5394; border-right-color: transparent; border-radius: 50%; animation: ecrm-spin 0.9s linear infinite;
  vertical-align: -0.1em; }
@keyframes ecrm-spin { to { transform: rotate(360deg); } }
</style>"""


def dashboard_measures(result: object) -> dict[str, float]:
    """What one run shows on the dashboard: the headline KPIs and the journeys reaching each funnel stage.

    The numbers of :func:`sim.measures.kpis.headline` and :func:`sim.measures.funnel.funnel_measures` (lecture 000 §2,
    lecture 001), counted on the run's own tables (:func:`sim.measures.kpis.headline_and_funnel`), a few milliseconds
    a run. A module-level function, so :func:`sim.replicate` can send it to other processes.
    """
    return headline_and_funnel(result)


def round_step(span: float, steps: int) -> float:
    """The smallest round step (1, 2, 2,5 or 5 × 10ⁿ) that covers ``span`` in at most ``steps`` steps.

    Example (by hand): span 16.001, 16 steps → 1.000,06 per step → 2.000; span 40.000, 20 steps → 2.000.
    """
    if span <= 0:
        return 1.0
    raw = span / steps
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw * (1 - 1e-12))


def grid(low: float, high: float, step: float) -> list[float]:
    """``low, low + step, …`` up to ``high``, without the float noise of repeated additions (``0,1 + 0,2``)."""
    d_low, d_step = Decimal(repr(float(low))), Decimal(repr(float(step)))
    count = int((Decimal(repr(float(high))) - d_low) / d_step + Decimal("1e-9"))
    return [float(d_low + i * d_step) for i in range(count + 1)]


def _field(scenario: Scenario, path: str) -> Any:
    node: Any = scenario
    for part in path.split("."):
        node = getattr(node, part)
    return node


def _auction(scenario: Scenario, **changes: float) -> Any:
    ps = scenario.channels.paid_search
    fields = {"max_cpc_vnd": ps.max_cpc_vnd, "daily_budget_vnd": ps.daily_budget_vnd, **changes}
    return paid_search_auction(fields["max_cpc_vnd"], ps.quality_score, ps.competitor_bids_vnd, ps.competitor_quality_scores,
                               ps.ctr_by_position, ps.daily_searches, fields["daily_budget_vnd"], ps.reserve_cpc_vnd)


def _paid_visitors(scenario: Scenario, budget_vnd: float) -> float:
    """Visitors a day from paid search at a daily budget, the model's own plan (:func:`sim.engine.channels.paid_search_plan`)."""
    return paid_search_plan(scenario.channels.paid_search.model_copy(update={"daily_budget_vnd": budget_vnd})).visitors_per_day


def budget_buying_every_click(scenario: Scenario) -> float:
    """The smallest daily budget (to 1 ₫) past which paid search brings no more visitors: the searches, not the money,
    then bind. 0 when the ad is not shown. Found on the model's plan, so match type, click fraud and day parting count."""
    most = _paid_visitors(scenario, 1e15)
    if most <= 0:
        return 0.0
    low, high = 0.0, 1.0
    while _paid_visitors(scenario, high) < most * (1 - 1e-12):
        low, high = high, high * 2
    while high - low > 1.0:
        middle = (low + high) / 2
        low, high = (middle, high) if _paid_visitors(scenario, middle) < most * (1 - 1e-12) else (low, middle)
    return high


def _bid_values(scenario: Scenario) -> list[float]:
    """One bid per outcome of the auction: not shown, then the smallest round bid for each position, the scenario's own
    bid standing for its position (a bid between two of these buys the same position at the same price)."""
    ps = scenario.channels.paid_search
    candidates = {0.0, float(ps.reserve_cpc_vnd)} | {
        math.ceil(bid * quality / ps.quality_score / BID_ROUND_VND) * float(BID_ROUND_VND)
        for bid, quality in zip(ps.competitor_bids_vnd, ps.competitor_quality_scores, strict=True)}
    own = _auction(scenario).position
    by_position: dict[int, float] = {}
    for bid in sorted(candidates):
        by_position.setdefault(_auction(scenario, max_cpc_vnd=bid).position, bid)
    by_position[own] = float(ps.max_cpc_vnd)
    return sorted(by_position.values())


def lever_values(lever: Lever, scenario: Scenario) -> list[Any]:
    """The positions of a lever's slider in ``scenario``: round values where the lever changes the run, and the
    scenario's own value (so the slider starts there).

    * ``budget``: 0 to the largest round step below the spend that buys every click the searches offer
      (:func:`budget_buying_every_click`; lecture 001, paid search): above it the searches, not the budget, bind,
      and the KPIs no longer move. Demo: 25 searches × 3,5% CTR / 0,95 (5% of paid clicks are fraudulent) ×
      18.287 ₫ = 16.843 ₫ → 0, 2.000, …, 16.000 ₫.
    * ``bid``: one bid per ad position (:func:`_bid_values`). Demo: 0 (not shown), 1.500 (position 5), 9.000 (4),
      10.500 (3), 20.000 (2, the scenario's bid), 21.500 ₫ (1).
    * ``twice``: 0 to twice the scenario's value, in about :data:`TWICE_STEPS` round steps (a budget that buys
      visits in proportion, such as social media's).
    * ``fixed``: ``low`` to ``high`` by ``step``; ``agents``: 0 to the scenario's staff + ``high``.

    Returns:
        The values in increasing order (``[False, True]`` for a switch).
    """
    value = _field(scenario, lever.path)
    if lever.range == "switch":
        return [False, True]
    if lever.range == "bid":
        return _bid_values(scenario)
    if lever.range == "budget":
        enough = budget_buying_every_click(scenario)
        step = round_step(enough or float(value), BUDGET_STEPS)
        values = grid(0.0, math.floor(enough / step) * step if enough else float(value), step)
    elif lever.range == "twice":
        step = round_step(2 * float(value), TWICE_STEPS) if value else 1_000.0
        values = grid(0.0, 2 * float(value) if value else 20 * step, step)
    elif lever.range == "agents":
        values = [float(n) for n in range(int(value) + max(int(lever.high), 0 if value else 1) + 1)]
    else:
        values = grid(lever.low, max(lever.high, float(value)), lever.step)
    chosen = sorted({*values, float(value)})
    return [int(v) for v in chosen] if isinstance(value, int) else chosen


CHART_ROOM = "var(--room)"
"""The height the header, the status line and the cards take above the chart (three rows of cards below 1600 px, two
above; CSS variable ``--room``): the chart gets the rest of the screen, its width following from its aspect ratio, at
most the column's width."""


def card_label(kpi: str) -> str:
    """A card's short title (label kind ``kpi_card``, two lines at most), the KPI's full name shown on hover."""
    return (f"<div class='ecrm-card-label' title='{html.escape(label('kpi', kpi), quote=True)}'>"
            f"{html.escape(label('kpi_card', kpi))}</div>")


def aspect_ratio(svg: str) -> float:
    """Width / height of the chart drawn as ``svg`` (its ``viewBox``)."""
    size = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
    return float(size.group(1)) / float(size.group(2)) if size else 2.0


def fitted_width(ratio: float) -> str:
    """The CSS width of a box holding a chart of aspect ratio ``ratio``: as wide as the column allows and as tall as
    the screen leaves."""
    return f"min(100%, calc((100vh - {CHART_ROOM}) * {ratio:.4f}))"


def chart_box_css(ratio: float) -> str:
    """The chart's box keeps the chart's height while the page draws a new chart in it (no jump of the page)."""
    return f"<style>.ecrm-dash .ecrm-chart {{ aspect-ratio: {ratio:.4f}; }}</style>"


def _lever_text(lever: Lever, value: Any, scenario: Scenario) -> str:
    """A slider position written out: the value in its unit; a bid with the ad position it buys."""
    text = format_value(value, lever.unit)
    if lever.range == "bid":
        position = _auction(scenario, max_cpc_vnd=float(value)).position
        where = (f"{label('dashboard', 'position')} {position}" if position else label("dashboard", "not_shown"))
        text = f"{text} ({where})"
    return text


def _lever_widget(lever: Lever, scenario: Scenario) -> widgets.Widget:
    value = _field(scenario, lever.path)
    if lever.range == "switch":
        return widgets.Checkbox(value=bool(value), description=label("lever", lever.path), indent=False,
                                layout=widgets.Layout(width="auto"), disabled=True)
    options = [(_lever_text(lever, v, scenario), v) for v in lever_values(lever, scenario)]
    return widgets.SelectionSlider(options=options, value=value, readout=False, continuous_update=False, disabled=True,
                                   layout=widgets.Layout(flex="1 1 auto", width="auto", min_width="120px"))


class LecturerDashboard(widgets.VBox):
    """The dashboard widget; its parts stay reachable so a test or a lecturer's script can move a lever.

    With ``show=True`` the widget is displayed at once, its levers locked and "Đang chạy mô phỏng…" above the
    cards, while the baseline runs; the cards fill in and the levers unlock when it is done. JupyterLab draws each
    update as it comes; Voilà shows its own loading line ("Đang khởi động bảng điều khiển…", template ``ecrm``) until
    the notebook has run and then the filled dashboard. ``background=True`` runs the baseline in a thread instead
    (for a script; :meth:`wait` waits for it): in a page that is still loading, an update sent before the page has
    the widget can be lost, so the notebook does not use it.

    Attributes:
        scenario: the baseline scenario.
        seeds: the seeds every setting runs with.
        levers: ``{scenario path: widget}``.
        cards: ``{kpi: HTML}``, the KPI cards as shown (all in the one widget ``card_grid``).
        baseline, current: the :func:`sim.replicate` summaries (``measure``, ``mean``, ``ci_low``, ``ci_high``…).
        chart: the ``Output`` widget holding the funnel chart: one output, the chart's specification compiled to
            Vega (:func:`sim.charts.render.chart_output`), drawn by the page.
        status: the line with the re-run time, the progress or an error message.
        last_seconds: how long the last update took.
        first_cards_seconds: from the widget's creation to the first cards with values.
    """

    def __init__(self, scenario: Scenario, seeds: list[int], *, show: bool = False, background: bool = False):
        self.created = time.perf_counter()
        self.scenario = scenario
        self.seeds = seeds
        self.kpis = [k for k in KPIS if k in KPI_UNITS]
        self.baseline: pd.DataFrame | None = None
        self.current: pd.DataFrame | None = None
        self.last_seconds = math.nan
        self.first_cards_seconds = math.nan
        self.error: Exception | None = None
        self._ready = threading.Event()
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
        self.buttons = [widgets.Button(description=label("dashboard", "reset"), icon="undo",
                                       layout=widgets.Layout(width="99%"), disabled=True),
                        widgets.Button(description=label("dashboard", "set_baseline"), icon="thumb-tack",
                                       layout=widgets.Layout(width="99%"), disabled=True)]
        self.buttons[0].on_click(lambda _button: self.reset())
        self.buttons[1].on_click(lambda _button: self.set_baseline())
        self.changes = widgets.HTML(layout=widgets.Layout(width="100%"))
        legend = widgets.HTML(f"<div class='ecrm-legend'>{html.escape(label('dashboard', 'legend'))}</div>")
        self.cards = {k: self._waiting_card(k) for k in self.kpis}
        grid_box = self.card_grid = widgets.HTML(self._card_grid(), layout=widgets.Layout(width="100%", margin="0"))
        grid_box.add_class("ecrm-cards-box")
        self.chart = widgets.Output(layout=widgets.Layout(width="100%", margin="0 auto"))
        self.chart.add_class("ecrm-chart")
        self.status = widgets.HTML(self._busy(label("dashboard", "running")))
        first, last = seeds[0], seeds[-1]
        seed_text = f"{first}" if len(seeds) == 1 else f"{first}–{last}"
        header = self._header = widgets.HTML(
            f"{_CSS}<div class='ecrm-head'><span class='ecrm-title'>{html.escape(label('dashboard', 'title'))}</span>"
            f"<span class='ecrm-sub'>{html.escape(label('dashboard', 'scenario'))}: <b>{html.escape(scenario.name)}</b>"
            f" · {len(seeds)} {html.escape(label('dashboard', 'seeds'))}: {seed_text}</span></div>")
        left = widgets.VBox([tab, *self.buttons, self.changes, legend])
        left.add_class("ecrm-left")
        right = widgets.VBox([self.status, grid_box, self.chart], layout=widgets.Layout(overflow="hidden"))
        right.add_class("ecrm-right")
        super().__init__([header, widgets.HBox([left, right], layout=widgets.Layout(width="100%"))],
                         layout=widgets.Layout(width="100%"))
        self.add_class("ecrm-dash")
        self.changes.value = self._changes_text()
        if show:
            display(self)
        if background:
            threading.Thread(target=self._start, name="ecrm-dashboard-baseline", daemon=True).start()
        else:
            self._start()

    def _start(self) -> None:
        """Run the baseline, draw the cards and the chart, unlock the levers; a bad scenario is shown, never raised."""
        try:
            self.baseline = self.current = self._preset_baseline = self._run(self.scenario)
            self._draw(self.created)
            self.first_cards_seconds = time.perf_counter() - self.created
            for control in [*self.levers.values(), *self.buttons]:
                control.disabled = False
        except (ScenarioError, DataError) as exc:
            self.error = exc
            self.status.value = f"<pre class='ecrm-status'>{html.escape(str(exc))}</pre>"
        finally:
            self._ready.set()

    def wait(self, timeout: float | None = None) -> LecturerDashboard:
        """Wait until the baseline has run and the cards show it (returns at once when it already has).

        Raises:
            TimeoutError: still running after ``timeout`` seconds.
            ScenarioError, DataError: the baseline could not run (the message is also on the dashboard).
        """
        if not self._ready.wait(timeout):
            raise TimeoutError(f"the dashboard's baseline is still running after {timeout} s")
        if self.error is not None:
            raise self.error
        return self

    @staticmethod
    def _busy(text: str) -> str:
        return f"<span class='ecrm-busy'>{html.escape(text)}</span>"

    def _card_grid(self) -> str:
        """The twelve cards in one grid: one widget, so a redraw is one message to the page, not twelve."""
        return f"<div class='ecrm-cards'>{''.join(self.cards.values())}</div>"

    def _waiting_card(self, kpi: str) -> str:
        return (f"<div class='ecrm-card ecrm-card-wait'>{card_label(kpi)}"
                f"<div class='ecrm-card-value'>…</div><div class='ecrm-card-delta'>&nbsp;</div>"
                f"<div class='ecrm-card-base'>&nbsp;</div></div>")

    def _lever_row(self, lever: Lever) -> widgets.Widget:
        control = _lever_widget(lever, self.scenario)
        self.levers[lever.path] = control
        self._initial[lever.path] = control.value
        if lever.range == "switch":
            control.observe(lambda _change: self.update(), names="value")
            return control
        readout = widgets.HTML(f"<span class='ecrm-readout'>{html.escape(control.label)}</span>")
        self._readouts[lever.path] = readout

        def show(_change: Mapping[str, Any]) -> None:
            readout.value = f"<span class='ecrm-readout'>{html.escape(control.label)}</span>"

        control.observe(show, names="value")
        control.observe(lambda _change: self.update(), names="value")
        title = widgets.HTML(f"<div class='ecrm-lever'>{html.escape(label('lever', lever.path))}</div>")
        return widgets.VBox([title, widgets.HBox([control, readout], layout=widgets.Layout(width="100%"))])

    def changed(self) -> dict[str, Any]:
        """The levers moved away from the preset: ``{path: value}`` (what :func:`sim.with_changes` receives)."""
        return {path: w.value for path, w in self.levers.items() if w.value != self._initial[path]}

    def _run(self, scenario: Scenario) -> pd.DataFrame:
        return replicate(scenario, seeds=self.seeds, measures=dashboard_measures)

    def update(self) -> None:
        """Re-run the scenario with the levers' values and redraw; a bad value is shown, never raised."""
        if self._hold or self.baseline is None:
            return
        started = time.perf_counter()
        self.status.value = self._busy(label("dashboard", "rerunning"))
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
        """The mean of every measure over the seeds, for the baseline or the current setting (after :meth:`wait`)."""
        self.wait()
        return self._means(which)

    def _means(self, which: Literal["baseline", "current"]) -> dict[str, float]:
        summary = self.baseline if which == "baseline" else self.current
        return dict(zip(summary["measure"], summary["mean"].astype(float), strict=True))

    def card_text(self, kpi: str, which: Literal["baseline", "current"] = "current") -> str:
        """The KPI as its card writes it (:func:`sim.base.formats.format_value`, money in millions)."""
        return format_value(self.values(which)[kpi], KPI_UNITS[kpi], compact=True)

    def _draw(self, started: float) -> None:
        base, now = self._means("baseline"), self._means("current")
        rows = self.current.set_index("measure")
        for kpi in self.kpis:
            unit = KPI_UNITS[kpi]
            difference = now[kpi] - base[kpi]
            direction = 0 if (math.isnan(difference) or difference == 0) else (1 if difference > 0 else -1)
            colour = COLOURS[direction * BETTER.get(kpi, 1)]
            arrow = {1: "▲ ", -1: "▼ ", 0: "" if math.isnan(difference) else "= "}[direction]
            interval = (f"{label('dashboard', 'ci')}: {format_value(rows.at[kpi, 'ci_low'], unit, compact=True)} – "
                        f"{format_value(rows.at[kpi, 'ci_high'], unit, compact=True)}")
            self.cards[kpi] = (
                f"<div class='ecrm-card' title='{html.escape(interval, quote=True)}'>"
                f"{card_label(kpi)}"
                f"<div class='ecrm-card-value'>{format_value(now[kpi], unit, compact=True)}</div>"
                f"<div class='ecrm-card-delta' style='color:{colour}'>{arrow}"
                f"{format_difference(difference, unit, compact=True)}</div>"
                f"<div class='ecrm-card-base'>{html.escape(label('dashboard', 'baseline'))}: "
                f"{format_value(base[kpi], unit, compact=True)}</div></div>")
        spec = baseline_funnel_vega(self.baseline, self.current, wide=True)
        if self.chart.layout.width == "100%":  # the first chart: its size, once (the layout is the same for any data)
            ratio = aspect_ratio(vega_to_svg(spec))
            self.chart.layout.width = fitted_width(ratio)
            self._header.value += chart_box_css(ratio)
        # Sent in this order: the cards and the status line, then the chart, then the list of changes (last, so a
        # script can wait for it). JupyterLab, once it has drawn a chart, also draws it as a PNG picture for the saved
        # notebook; the cards and the status line are not kept waiting behind that picture.
        self.card_grid.value = self._card_grid()
        self.last_seconds = time.perf_counter() - started
        self.status.value = (f"<span class='ecrm-status'>{html.escape(label('dashboard', 'rerun'))} "
                             f"{format_value(self.last_seconds, 'seconds')}</span>")
        self.chart.outputs = (chart_output(spec, actions=False),)
        self.changes.value = self._changes_text()

    def _changes_text(self) -> str:
        changes = self.changed()
        if not changes:
            return f"<div class='ecrm-changes'>{html.escape(label('dashboard', 'no_change'))}</div>"
        items = []
        for lever in LEVERS:
            if lever.path in changes:
                before, after = self._initial[lever.path], changes[lever.path]
                if lever.range == "switch":
                    shown = [label("dashboard", "on" if v else "off") for v in (before, after)]
                else:
                    shown = [_lever_text(lever, v, self.scenario) for v in (before, after)]
                items.append(f"<li>{html.escape(label('lever', lever.path))}: {html.escape(shown[0])} → "
                             f"<b>{html.escape(shown[1])}</b></li>")
        return (f"<div class='ecrm-changes'>{html.escape(label('dashboard', 'changes'))}:"
                f"<ul style='margin:2px 0'>{''.join(items)}</ul></div>")


def lecturer_dashboard(preset: str | Scenario = "demo", seed: int = 2026, seeds: int = 3, *, show: bool = False,
                       background: bool = False) -> LecturerDashboard:
    """Build the lecturer's dashboard: levers, KPI cards against the baseline, the funnel of both.

    The baseline (the preset as it is) runs once, with seeds ``seed, seed + 1, …``; every change of
    a lever re-runs the changed scenario with the same seeds (:func:`sim.replicate`, mean over the
    seeds) and redraws. Each lever's slider covers the values where it changes the run (:func:`lever_values`).
    Lecture 000 §1 (trust), §3 (acquisition vs retention cost), §6 (service tools); lecture 001
    (acquisition channels, NPS, retention, LTV).

    Args:
        preset: a preset name (``"demo"``, ``"default"``, ``"b2b"``), a YAML path or a Scenario.
        seed: the first seed.
        seeds: how many seeds each setting runs with (more: steadier, slower).
        show: display the dashboard at once, with "Đang chạy mô phỏng…", and fill it in when the baseline has run
            (a notebook then keeps the returned widget in a variable, so that it is not shown twice).
        background: run the baseline in a background thread and return at once (:meth:`LecturerDashboard.wait`).

    Returns:
        The dashboard widget (a :class:`LecturerDashboard`); a notebook shows it as its cell's value, or at once with
        ``show=True``.

    Raises:
        ScenarioError: a bad preset, seed or number of seeds.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ScenarioError([("seed", seed, "phải là số nguyên không âm", "must be a non-negative integer")])
    if isinstance(seeds, bool) or not isinstance(seeds, int) or not 1 <= seeds <= 50:
        raise ScenarioError([("seeds", seeds, "số hạt giống phải là số nguyên từ 1 đến 50",
                              "the number of seeds must be an integer from 1 to 50")])
    scenario = preset if isinstance(preset, Scenario) else load_scenario(preset)
    return LecturerDashboard(scenario, list(range(seed, seed + seeds)), show=show, background=background)


__all__ = ["BETTER", "GROUPS", "LEVERS", "LecturerDashboard", "Lever", "aspect_ratio", "budget_buying_every_click", "chart_box_css",
           "dashboard_measures", "fitted_width", "grid",
           "lecturer_dashboard", "lever_values", "round_step"]
