"""The lecturer's dashboard, built headless: moving a lever changes the KPIs it shows."""

from __future__ import annotations

import math
import re

import pytest

import sim
from sim.base.errors import ScenarioError
from sim.base.labels import label
from sim.widgets.dashboard import (
    GROUPS,
    KPI_FORMATS,
    LEVERS,
    LecturerDashboard,
    format_difference,
    format_value,
    lecturer_dashboard,
)


@pytest.fixture(scope="module")
def dashboard() -> LecturerDashboard:
    return lecturer_dashboard("demo", seed=2026, seeds=2)


def _shown_value(card_html: str) -> str:
    """The big number of a KPI card."""
    return re.search(r"class='ecrm-card-value'>([^<]*)<", card_html).group(1)


def test_turning_a_trust_switch_off_changes_the_kpis_shown(dashboard):
    dashboard.reset()
    before = {k: w.value for k, w in dashboard.cards.items()}
    conversion_before = dashboard.values()["journey_conversion"]
    assert "±0" in before["journey_conversion"]  # nothing moved yet: current = baseline
    dashboard.levers["trust.reviews"].value = False
    after = {k: w.value for k, w in dashboard.cards.items()}
    assert after["journey_conversion"] != before["journey_conversion"]
    assert _shown_value(after["journey_conversion"]) != _shown_value(before["journey_conversion"])
    assert dashboard.values()["journey_conversion"] != conversion_before
    assert dashboard.values("baseline")["journey_conversion"] == conversion_before  # the baseline stays
    assert dashboard.changed() == {"trust.reviews": False}
    assert label("lever", "trust.reviews") in dashboard.changes.value
    assert "<svg" in dashboard.chart.value


def test_no_chat_agents_means_no_chat_service_level(dashboard):
    dashboard.reset()
    assert _shown_value(dashboard.cards["chat_service_level"].value) != "—"
    dashboard.levers["service.chat.agents"].value = 0   # nobody answers chats, so no chat is offered
    assert math.isnan(dashboard.values()["chat_service_level"])
    assert _shown_value(dashboard.cards["chat_service_level"].value) == "—"


def test_reset_and_set_baseline(dashboard):
    dashboard.reset()
    start = {k: w.value for k, w in dashboard.cards.items()}
    dashboard.levers["trust.security_badge"].value = True
    dashboard.levers["channels.social.daily_budget_vnd"].value = 10_000.0
    assert set(dashboard.changed()) == {"trust.security_badge", "channels.social.daily_budget_vnd"}
    dashboard.set_baseline()   # the current setting becomes the baseline: every difference is ±0
    assert all("±0" in w.value or "—" in w.value for w in dashboard.cards.values())
    dashboard.reset()
    assert dashboard.changed() == {}
    assert {k: w.value for k, w in dashboard.cards.items()} == start
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
    assert set(dashboard.cards) == set(KPI_FORMATS)


def test_numbers_are_written_the_vietnamese_way():
    # 0.125 → 12,5 %; 1 234 567 VND → 1,2 million; 171 868.2 → 171.868 (dots between thousands).
    assert format_value(0.125, "share") == "12,5%"
    assert format_value(1_234_567, "vnd") == "1,2 triệu ₫"
    assert format_value(2_500_000_000, "vnd") == "2,50 tỷ ₫"
    assert format_value(171_868.2, "vnd") == "171.868 ₫"
    assert format_value(4.58, "ratio") == "4,6×"
    assert format_value(-5.24, "points") == "−5,2"
    assert format_value(651.7, "count") == "652"
    assert format_value(float("nan"), "share") == "—"
    # differences carry their sign; shares move in percentage points: 0.023 → +2,3 points.
    assert format_difference(0.023, "share") == "+2,3 điểm %"
    assert format_difference(-12_345, "vnd") == "−12.345 ₫"
    assert format_difference(4.6, "points") == "+4,6 điểm"
    assert format_difference(-11, "count") == "−11"
    assert format_difference(0.5, "count") == "+0,5"
    assert format_difference(0.0, "share") == "±0"
    assert format_difference(float("nan"), "vnd") == "—"


@pytest.mark.parametrize(("kwargs", "field"), [({"seeds": 0}, "seeds"), ({"seeds": True}, "seeds"),
                                               ({"seed": -1}, "seed"), ({"preset": "nope"}, "file")])
def test_bad_arguments_are_named(kwargs, field):
    with pytest.raises(ScenarioError) as info:
        lecturer_dashboard(**kwargs)
    assert field in info.value.fields
