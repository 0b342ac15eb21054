"""The lecturer's dashboard, built headless: moving a lever changes the KPIs it shows, on every part of its slider."""

from __future__ import annotations

import math
import re
from itertools import pairwise

import pytest

import sim
from sim.base.errors import ScenarioError
from sim.base.labels import label
from sim.charts.baseline_funnel import DATASET
from sim.charts.render import VEGA_MIMETYPE
from sim.engine.channels import channel_plan
from sim.measures.kpis import KPI_UNITS, KPIS
from sim.widgets.dashboard import (
    GROUPS,
    LEVERS,
    LecturerDashboard,
    aspect_ratio,
    budget_buying_every_click,
    card_label,
    chart_box_css,
    fitted_width,
    grid,
    lecturer_dashboard,
    lever_values,
    round_step,
)

PARTS = 4
"""Each slider's range is cut into this many parts; on each, some KPI card must show another value."""


@pytest.fixture(scope="module")
def dashboard() -> LecturerDashboard:
    return lecturer_dashboard("demo", seed=2026, seeds=2)


@pytest.fixture(scope="module")
def shown_dashboard() -> LecturerDashboard:
    """The dashboard as ``make demo`` shows it: the demo scenario, seeds 2026, 2027, 2028."""
    return lecturer_dashboard("demo", seed=2026, seeds=3)


def _shown_value(card_html: str) -> str:
    """The big number of a KPI card."""
    return re.search(r"class='ecrm-card-value'>([^<]*)<", card_html).group(1)


def test_turning_a_trust_switch_off_changes_the_kpis_shown(dashboard):
    dashboard.reset()
    before = dict(dashboard.cards)
    conversion_before = dashboard.values()["journey_conversion"]
    assert "±0" in before["journey_conversion"]  # nothing moved yet: current = baseline
    dashboard.levers["trust.reviews"].value = False
    after = dict(dashboard.cards)
    assert after["journey_conversion"] != before["journey_conversion"]
    assert _shown_value(after["journey_conversion"]) != _shown_value(before["journey_conversion"])
    assert dashboard.values()["journey_conversion"] != conversion_before
    assert dashboard.values("baseline")["journey_conversion"] == conversion_before  # the baseline stays
    assert dashboard.changed() == {"trust.reviews": False}
    assert all(card in dashboard.card_grid.value for card in after.values())  # the page shows the cards as they are
    assert label("lever", "trust.reviews") in dashboard.changes.value
    (shown,) = dashboard.chart.outputs
    (rows,) = [d["values"] for d in shown["data"][VEGA_MIMETYPE]["data"] if d["name"] == DATASET]
    reached = {(row["run"], row["measure"]): row["mean"] for row in rows}
    assert reached[(label("baseline_funnel_chart", "current"), "funnel_stage_5")] == dashboard.values()["funnel_stage_5"]
    assert reached[(label("baseline_funnel_chart", "baseline"), "funnel_stage_5")] == dashboard.values("baseline")["funnel_stage_5"]


def test_no_chat_agents_means_no_chat_service_level(dashboard):
    dashboard.reset()
    assert _shown_value(dashboard.cards["chat_service_level"]) != "—"
    dashboard.levers["service.chat.agents"].value = 0   # nobody answers chats, so no chat is offered
    assert math.isnan(dashboard.values()["chat_service_level"])
    assert _shown_value(dashboard.cards["chat_service_level"]) == "—"


def test_reset_and_set_baseline(dashboard):
    dashboard.reset()
    start = dict(dashboard.cards)
    dashboard.levers["trust.security_badge"].value = True
    dashboard.levers["channels.social.daily_budget_vnd"].value = 10_000.0
    assert set(dashboard.changed()) == {"trust.security_badge", "channels.social.daily_budget_vnd"}
    dashboard.set_baseline()   # the current setting becomes the baseline: every difference is ±0
    assert all("±0" in card or "—" in card for card in dashboard.cards.values())
    dashboard.reset()
    assert dashboard.changed() == {}
    assert dict(dashboard.cards) == start
    assert dashboard.levers["trust.security_badge"].value is False


def test_every_lever_is_a_real_scenario_field(dashboard):
    scenario = sim.load_scenario("demo")
    dumped = scenario.model_dump()
    assert {lever.group for lever in LEVERS} == set(GROUPS)
    for lever in LEVERS:
        node = dumped
        for part in lever.path.split("."):
            node = node[part]
        assert dashboard.levers[lever.path].value == node, lever.path   # the widget starts at the preset's value
        sim.with_changes(scenario, {lever.path: dashboard.levers[lever.path].value})  # and is a value the field takes
        assert label("lever", lever.path) != lever.path, f"no label for {lever.path}"
    assert set(dashboard.cards) == set(KPI_UNITS)


def test_cards_write_numbers_the_vietnamese_way(dashboard):
    dashboard.reset()
    value = _shown_value(dashboard.cards["margin_vnd"])
    assert re.fullmatch(r"\d{1,3},\d triệu ₫", value), value            # money in millions on a card: 82,0 triệu ₫
    assert re.fullmatch(r"\d{1,2},\d%", _shown_value(dashboard.cards["buyer_rate"]))
    assert re.fullmatch(r"\d\.\d{3}", _shown_value(dashboard.cards["prospects"]))   # 1.118: a whole count
    assert re.search(r"\d,\d{2} s$", re.sub("<[^>]+>", "", dashboard.status.value))      # "… mất 0,54 s", not 0.54


def test_slider_positions_by_hand():
    """The demo shop: 25 searches a day; bid 20.000 ₫ × Quality Score 7 = 140.000 is second behind a competitor's
    25.000 × 6 = 150.000, ahead of 16.000 × 8 = 128.000, 12.000 × 6 = 72.000, 9.000 × 7 = 63.000; CPC = 128.000 / 7 + 1
    = 18.286,7 ₫ at a CTR of 3,5%; 5% of paid clicks are fraudulent. Every visitor the searches offer costs
    25 × 0,035 / 0,95 × 18.286,7 = 16.842,5 ₫ a day, so the budget slider goes 0 … 16.000 ₫ in steps of 2.000 (the
    smallest round step with at most 16 steps). The bids that change the position: 63.000 / 7 = 9.000 (position 4),
    72.000 / 7 = 10.285,7 → 10.500 (3), 150.000 / 7 = 21.428,6 → 21.500 (1); the demo's own 20.000 stands for
    position 2; 1.500 (the reserve) is position 5 and 0 shows no ad."""
    demo = sim.load_scenario("demo")
    by_path = {lever.path: lever for lever in LEVERS}
    assert lever_values(by_path["channels.paid_search.daily_budget_vnd"], demo) == [2_000.0 * i for i in range(9)]
    assert lever_values(by_path["channels.paid_search.max_cpc_vnd"], demo) == [0, 1_500, 9_000, 10_500, 20_000, 21_500]
    assert lever_values(by_path["channels.social.daily_budget_vnd"], demo) == [2_000.0 * i for i in range(21)]  # 0 … 2 × 20.000
    assert lever_values(by_path["service.chat.agents"], demo) == [0, 1]
    assert lever_values(by_path["service.email.agents"], demo) == [0, 1]
    assert lever_values(by_path["channels.affiliate.commission_rate"], demo)[:4] == [0.0, 0.01, 0.02, 0.03]
    assert budget_buying_every_click(demo) == pytest.approx(25 * 0.035 / 0.95 * (128_000 / 7 + 1), abs=1.0)
    assert round_step(16_842.5, 16) == 2_000 and round_step(40_000, 20) == 2_000 and round_step(9, 4) == 2.5
    assert grid(0.0, 0.3, 0.1) == [0.0, 0.1, 0.2, 0.3]   # not 0.30000000000000004


def test_a_sliders_every_position_is_a_value_the_field_takes_and_the_preset_is_one():
    for preset in ("demo", "default", "b2b"):
        scenario = sim.load_scenario(preset)
        for lever in LEVERS:
            values = lever_values(lever, scenario)
            assert values == sorted(set(values)), (preset, lever.path)
            node = scenario
            for part in lever.path.split("."):
                node = getattr(node, part)
            assert node in values, (preset, lever.path)
            sim.with_changes(scenario, {lever.path: values[0]})
            sim.with_changes(scenario, {lever.path: values[-1]})


def test_budget_levers_buy_more_visits_on_every_step():
    """Expected visits a day (the model's own plan, no randomness) rise on each step of the budget sliders, and change
    on each step of the bid slider (a higher position gets more searchers, but at 12.000 ₫ a day a dearer click can
    also mean fewer of them: position 1 costs 21.430 ₫ a click)."""
    demo = sim.load_scenario("demo")
    for path, channel in (("channels.paid_search.daily_budget_vnd", "paid_search"), ("channels.social.daily_budget_vnd", "social"),
                          ("channels.paid_search.max_cpc_vnd", "paid_search")):
        lever = next(lever for lever in LEVERS if lever.path == path)
        visits = [channel_plan(sim.with_changes(demo, {path: v})).visits_per_day[channel] for v in lever_values(lever, demo)]
        if path.endswith("max_cpc_vnd"):
            assert all(b != a for a, b in pairwise(visits)), (path, visits)
        else:
            assert all(b > a for a, b in pairwise(visits)), (path, visits)


@pytest.mark.parametrize("lever", [lever for lever in LEVERS if lever.range != "switch"], ids=lambda lever: lever.path)
def test_every_part_of_a_sliders_range_moves_a_kpi_card(shown_dashboard, lever):
    """The lever at the two ends and the three inner quarter-points of its slider (demo, three seeds, as ``make demo``
    shows it): between two neighbours, at least one KPI card shows another value (no stretch where every card stays
    at "= ±0")."""
    dash = shown_dashboard
    dash.reset()
    values = lever_values(lever, dash.scenario)
    points = list(dict.fromkeys(values[round(i * (len(values) - 1) / PARTS)] for i in range(PARTS + 1)))
    shown = []
    try:
        for value in points:
            dash.levers[lever.path].value = value
            shown.append({kpi: _shown_value(card) for kpi, card in dash.cards.items()})
    finally:
        dash.reset()
    for (low, high), (before, after) in zip(pairwise(points), pairwise(shown), strict=True):
        moved = [kpi for kpi in before if before[kpi] != after[kpi]]
        assert moved, f"{lever.path}: from {low} to {high} no KPI card changes"


@pytest.mark.parametrize("path", [lever.path for lever in LEVERS if lever.range == "switch"])
def test_every_switch_moves_a_kpi_card(shown_dashboard, path):
    dash = shown_dashboard
    dash.reset()
    before = {kpi: _shown_value(card) for kpi, card in dash.cards.items()}
    try:
        dash.levers[path].value = not dash.levers[path].value
        after = {kpi: _shown_value(card) for kpi, card in dash.cards.items()}
    finally:
        dash.reset()
    assert before != after, path


def test_the_dashboard_shows_progress_before_the_baseline_is_run():
    dash = lecturer_dashboard("demo", seed=2026, seeds=1, background=True)
    waiting = [_shown_value(card) for card in dash.cards.values()]
    locked = [widget.disabled for widget in dash.levers.values()]
    status = dash.status.value
    dash.wait(timeout=300)
    assert waiting == ["…"] * len(dash.cards) and all(locked)
    assert label("dashboard", "running") in status
    assert not any(widget.disabled for widget in dash.levers.values())
    assert all(_shown_value(card) != "…" for card in dash.cards.values())
    assert 0 < dash.first_cards_seconds < 300


@pytest.mark.parametrize(("kwargs", "field"), [({"seeds": 0}, "seeds"), ({"seeds": True}, "seeds"),
                                               ({"seed": -1}, "seed"), ({"preset": "nope"}, "file")])
def test_bad_arguments_are_named(kwargs, field):
    with pytest.raises(ScenarioError) as info:
        lecturer_dashboard(**kwargs)
    assert field in info.value.fields


def test_every_card_has_a_short_title_and_its_full_name_on_hover():
    """A card's title fits its two lines on a projector's six narrow columns (at most 33 characters, words of at most
    16); the KPI's full name is the card's tooltip."""
    for kpi in KPIS:
        short = label("kpi_card", kpi)
        assert len(short) <= 33 and max(len(w) for w in short.split()) <= 16, (kpi, short)
        assert f">{short}</div>" in card_label(kpi) and f"title='{label('kpi', kpi)}'" in card_label(kpi)


def test_the_chart_box_keeps_the_charts_shape(dashboard):
    """The chart's box is as wide as the screen's height allows for the chart's shape, and keeps that shape while the
    page draws a new chart in it. By hand: a chart 600 × 250 px is 2,4 times as wide as it is tall."""
    assert aspect_ratio('<svg viewBox="0 0 600 250"></svg>') == pytest.approx(2.4)
    assert fitted_width(2.4) == "min(100%, calc((100vh - var(--room)) * 2.4000))"
    assert chart_box_css(2.4) == "<style>.ecrm-dash .ecrm-chart { aspect-ratio: 2.4000; }</style>"
    ratio = float(re.search(r"aspect-ratio: ([0-9.]+)", dashboard._header.value).group(1))
    assert 1.5 < ratio < 4 and dashboard.chart.layout.width == fitted_width(ratio)
