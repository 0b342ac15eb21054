"""The realism report: each measure on a hand-worked table, then the shipped data against published figures.

``test_the_shipped_data_against_published_figures`` prints, per measure, the simulator's value, the published
range, inside or not, and the source (``pytest -s`` shows it; a failure shows it too).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import read_manifest, shipped_tables
from sim.measures import realism

ROOT = Path(__file__).resolve().parents[1]


def test_top_spender_share_by_hand():
    # Ten buyers: one spends 10, the others 1 each → the top 3 spend 10 + 1 + 1 = 12 of 19
    orders = pd.DataFrame({"customer_id": list("ABCDEFGHIJ"), "amount_vnd": [10, 1, 1, 1, 1, 1, 1, 1, 1, 1]})
    assert realism.top_spender_share(orders, 0.3) == pytest.approx(12 / 19)
    # Two orders of one buyer add up: A 5 + 5, B 10 → the top half (one buyer) spends 10 of 20
    two = pd.DataFrame({"customer_id": ["A", "A", "B"], "amount_vnd": [5, 5, 10]})
    assert realism.top_spender_share(two, 0.5) == pytest.approx(0.5)
    with pytest.raises(DataError, match="top"):
        realism.top_spender_share(orders, 0.0)


def test_average_order_value_in_dollars_by_hand():
    orders = pd.DataFrame({"amount_vnd": [447_401.8, 447_401.8 * 3]})  # 20 and 60 US$ at 22,370.09 ₫/US$
    assert realism.average_order_value_usd(orders) == pytest.approx(40.0)
    assert realism.average_order_value_usd(orders, vnd_per_usd=894_803.6) == pytest.approx(1.0)


JOURNEY = pd.DataFrame([
    # A1: two sessions on the site, a cart, bought online
    ("A", 1, 1, "need_spontaneous", "online"), ("A", 1, 2, "search_external", "online"),
    ("A", 1, 2, "search_external", "online"), ("A", 1, 3, "evaluated", "online"), ("A", 1, 4, "purchased", "online"),
    # A2: a call to the hotline, a cart, bought by phone
    ("A", 2, 1, "need_campaign", "online"), ("A", 2, 2, "search_internal", "phone"), ("A", 2, 3, "evaluated", "phone"),
    ("A", 2, 4, "purchased", "phone"),
    # B1: one session, left at evaluation (an abandoned cart)
    ("B", 1, 1, "need_spontaneous", "online"), ("B", 1, 2, "search_external", "online"),
    ("B", 1, 3, "dropout", "online"),
    # C1: a visit that went no further than the need
    ("C", 1, 1, "need_campaign", "online"), ("C", 1, 1, "dropout", "online"),
], columns=["customer_id", "journey_no", "stage", "event", "touchpoint"])


def test_carts_sessions_and_conversion_by_hand():
    # Carts: A1, A2, B1 reached stage 3; A1 and A2 bought → 1 − 2/3
    assert realism.cart_abandonment(JOURNEY) == pytest.approx(1 / 3)
    # Site visits: A1's two sessions, B1's one, C1's visit with no search (A2's was a phone call) → 4
    assert realism.sessions(JOURNEY) == 4
    orders = pd.DataFrame({"touchpoint": ["online", "phone"]})
    assert realism.session_conversion(JOURNEY, orders) == pytest.approx(1 / 4)


def test_repeat_measures_by_hand():
    orders = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "C"],
                           "at": pd.to_datetime(["2026-01-01", "2026-01-31", "2026-04-01", "2026-02-01", "2026-03-01"])})
    assert realism.one_time_buyer_share(orders) == pytest.approx(2 / 3)
    assert realism.repeat_interval_days(orders) == pytest.approx((30 + 60) / 2)  # gaps of 30 and 60 days


def test_the_shipped_data_against_published_figures():
    report = realism.realism_report(shipped_tables())
    print()
    print("\n".join(realism.report_lines(report)))
    assert list(report["measure"]) == list(realism.MEASURES)
    assert report["source"].str.len().gt(10).all() and report["year"].between(2015, 2026).all()
    # A measure outside its published range needs a reason why the model departs.
    unexplained = report[~report["inside"] & (report["why"] == "")]
    assert unexplained.empty, unexplained[["measure", "value", "low", "high"]].to_dict("records")
    # The calibrated ones are inside: the shop's spending, order value, payment, repeat interval and NPS.
    inside = set(report.loc[report["inside"], "measure"])
    assert {"top30_spend_share", "average_order_value_usd", "cod_share", "repeat_interval_days", "nps"} <= inside


def test_the_realism_page_is_the_generated_report():
    page = (ROOT / "datasets" / "REALISM.md").read_text("utf-8")
    seed = read_manifest(ROOT / "datasets")["seed"]
    assert page == realism.realism_markdown(realism.realism_report(shipped_tables()), seed=seed)
