"""The headline KPIs and the funnel counted on a run's Arrow tables (what the dashboard re-computes on every move of a
lever): against a small shop worked by hand, and equal to the pandas measures on real runs."""

from __future__ import annotations

import math
from datetime import date, datetime

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.engine.frames import to_frame
from sim.measures.funnel import funnel_measures
from sim.measures.kpis import KPIS, headline, headline_and_funnel


def _text(values: list[str]) -> pa.Array:
    """Text as the engine stores labels and identifiers: dictionary-encoded."""
    return pa.array(values, pa.string()).dictionary_encode()


def _journey(steps: list[tuple[str, int, int, str]]) -> pa.Table:
    customer, number, stage, event = zip(*steps, strict=True)
    return pa.table({"customer_id": _text(list(customer)), "journey_no": pa.array(number, pa.int64()),
                     "stage": pa.array(stage, pa.int64()), "event": _text(list(event))})


def _shop() -> dict[str, pa.Table]:
    """Five customers A–E. Worked by hand in the test below."""
    journey = _journey([
        ("A", 1, 1, "need_x"), ("A", 1, 2, "search_web"), ("A", 1, 3, "evaluated"), ("A", 1, 4, "purchased"),
        ("A", 1, 5, "post_purchase"),                                          # highest stage 5, purchased
        ("A", 2, 1, "need_x"), ("A", 2, 2, "dropout"),                         # 2
        ("B", 1, 1, "need_x"), ("B", 1, 2, "search_web"), ("B", 1, 3, "evaluated"), ("B", 1, 4, "purchased"),  # 4, bought
        ("C", 1, 1, "dropout"),                                                # 1
        ("D", 1, 1, "need_x"), ("D", 1, 2, "search_web"), ("D", 1, 3, "dropout"),  # 3
    ])
    orders = pa.table({
        "customer_id": _text(["A", "A", "B", "C", "C"]),
        "at": pa.array([datetime(2026, 1, 2), datetime(2026, 1, 5), datetime(2026, 1, 3), datetime(2025, 12, 31, 12),
                        datetime(2026, 4, 11)], pa.timestamp("s")),
        "amount_vnd": pa.array([1_000, 2_000, 3_000, 500, 1_500], pa.int64()),
        "margin_vnd": pa.array([100, 200, 300, 50, 150], pa.int64()),
    })
    marketing = pa.table({
        "date": pa.array([date(2026, 1, 1), date(2026, 1, 10), date(2026, 1, 10)], pa.date32()),
        "channel": pa.array(["social", "email", "seo"]),
        "purpose": pa.array(["acquisition", "retention", "brand"]),
        "spend_vnd": pa.array([1_000_000, 297_000, 5_000_000], pa.int64()),
    })
    surveys = pa.table({"nps_score": pa.array([10, 9, 9, 8, 5], pa.int64())})
    tickets = pa.table({
        "tool": pa.array(["chat", "chat", "chat", "chat", "email", None], pa.string()),
        "wait_min": pa.array([1.0, 3.0, 0.5, None, 0.1, None], pa.float64()),
        "reneged": pa.array([False, False, True, None, False, None], pa.bool_()),
    })
    customers = pa.table({"customer_id": pa.array(list("ABCDE"))})
    return {"customers": customers, "journey": journey, "orders": orders, "tickets": tickets, "surveys": surveys,
            "marketing": marketing}


HAND = {
    # 5 prospects; buyers A, B, C
    "prospects": 5.0, "buyers": 3.0, "buyer_rate": 3 / 5,
    # 5 journeys, highest stages 5, 2, 4, 1, 3; A#1 and B#1 bought
    "journey_conversion": 2 / 5,
    # acquisition 1.000.000 ₫ / 2 new customers (A from 2 Jan, B from 3 Jan; C first bought on 31 Dec, before the first
    # marketing day); the period ends at the last order, 11 Apr (later than 10 Jan + 1 day): customer-days A 99, B 98,
    # C 100 (from 1 Jan) = 297 days → 297.000 ₫ of retention spend is 365.000 ₫ a customer-year; the brand spend counts
    # for neither; ratio 500.000 / 365.000
    "cac_vnd": 500_000.0, "retention_cost_ratio": 500_000 / 365_000,
    # 3 promoters, 1 passive, 1 detractor: 100 × (3/5 − 1/5)
    "nps": 40.0,
    # A and C ordered twice
    "repeat_rate": 2 / 3,
    # last order 11 Apr: A's last 96 days before, B's 98, C's 0 → only C is active (≤ 90 days)
    "active_share": 1 / 3,
    "margin_vnd": 800.0, "ltv_vnd": 800 / 3,
    # chats: 1,0 min answered within 2 min; 3,0 min answered late; 0,5 min gave up (offered, not within); one still open
    "chat_service_level": 1 / 3,
    "funnel_stage_1": 5.0, "funnel_stage_2": 4.0, "funnel_stage_3": 3.0, "funnel_stage_4": 2.0, "funnel_stage_5": 1.0,
}


def test_a_shop_worked_by_hand():
    found = headline_and_funnel(_shop(), service_target_min=2.0)
    assert list(found) == [*KPIS, *(f"funnel_stage_{k}" for k in range(1, 6))]
    for key, expected in HAND.items():
        assert found[key] == pytest.approx(expected, rel=1e-12), key


def test_the_pandas_measures_agree_on_the_shop_worked_by_hand():
    frames = {name: to_frame(name, table) for name, table in _shop().items()}
    found = {**headline(frames, service_target_min=2.0), **funnel_measures(frames)}
    for key, expected in HAND.items():
        assert found[key] == pytest.approx(expected, rel=1e-12), key


def _same(fast: dict[str, float], slow: dict[str, float]) -> None:
    assert list(fast) == list(slow)
    for key, value in slow.items():
        assert fast[key] == value or (math.isnan(fast[key]) and math.isnan(value)), (key, fast[key], value)


@pytest.mark.parametrize(("preset", "changes", "seed"), [
    ("demo", {}, 2026), ("demo", {}, 2027), ("demo", {"channels.paid_search.daily_budget_vnd": 4_000}, 2028),
    ("demo", {"service.chat.agents": 0, "trust.reviews": False}, 2026), ("default", {}, 2026), ("b2b", {}, 3),
])
def test_equal_to_the_pandas_measures_on_real_runs(preset, changes, seed):
    scenario = sim.with_changes(sim.load_scenario(preset), changes) if changes else sim.load_scenario(preset)
    fast = headline_and_funnel(sim.simulate(scenario, seed))
    run = sim.simulate(scenario, seed)
    _same(fast, {**headline(run), **funnel_measures(run)})


def test_a_table_already_read_and_changed_counts_as_changed():
    run = sim.simulate(sim.load_scenario("demo"), 2026)
    run.orders = run.orders.iloc[: len(run.orders) // 2]
    found = headline_and_funnel(run)
    assert found["buyers"] == run.orders["customer_id"].nunique()
    _same(found, {**headline(run), **funnel_measures(run)})


_ids = st.sampled_from(["A", "B", "C", "D"])
_times = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2026, 6, 30)).map(lambda t: t.replace(microsecond=0))


@settings(max_examples=60, deadline=None)
@given(orders=st.lists(st.tuples(_ids, _times, st.integers(0, 10_000)), max_size=8),
       steps=st.lists(st.tuples(_ids, st.integers(1, 2), st.integers(1, 5), st.sampled_from(["need_x", "purchased", "dropout"])),
                      min_size=1, max_size=10),
       scores=st.lists(st.integers(0, 10), max_size=6),
       chats=st.lists(st.tuples(st.sampled_from(["chat", "email", None]), st.one_of(st.none(), st.floats(0, 10)),
                                st.one_of(st.none(), st.booleans())), max_size=6),
       days=st.lists(st.tuples(st.dates(date(2025, 12, 1), date(2026, 6, 30)), st.sampled_from(["acquisition", "retention"]),
                               st.integers(0, 100_000)), min_size=1, max_size=5))
def test_equal_to_the_pandas_measures_on_any_small_shop(orders, steps, scores, chats, days):
    tables = _shop()
    tables["orders"] = pa.table({
        "customer_id": _text([o[0] for o in orders]), "at": pa.array([o[1] for o in orders], pa.timestamp("s")),
        "amount_vnd": pa.array([o[2] for o in orders], pa.int64()), "margin_vnd": pa.array([o[2] // 3 for o in orders], pa.int64())})
    tables["journey"] = _journey(steps)
    tables["surveys"] = pa.table({"nps_score": pa.array(scores, pa.int64())})
    tables["tickets"] = pa.table({"tool": pa.array([c[0] for c in chats], pa.string()),
                                  "wait_min": pa.array([c[1] for c in chats], pa.float64()),
                                  "reneged": pa.array([c[2] for c in chats], pa.bool_())})
    tables["marketing"] = pa.table({"date": pa.array([d[0] for d in days], pa.date32()),
                                    "channel": pa.array(["social"] * len(days)), "purpose": pa.array([d[1] for d in days]),
                                    "spend_vnd": pa.array([d[2] for d in days], pa.int64())})
    fast = headline_and_funnel(tables, service_target_min=2.0)
    frames = {name: to_frame(name, table) for name, table in tables.items()}
    slow = {**headline(frames, service_target_min=2.0), **funnel_measures(frames)}
    assert list(fast) == list(slow)
    for key, value in slow.items():
        assert fast[key] == pytest.approx(value, rel=1e-9, nan_ok=True), key
