"""The library's headline figures on the shipped data, recomputed here with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.labels import LABELS
from sim.engine.io import SHIPPED_DIR, shipped_tables
from sim.measures import funnel, nps, retention
from sim.measures.kpis import KPIS, headline


@pytest.fixture(scope="module")
def raw():
    """The CSV files read with bare pandas, no help from the package."""
    return {name: pd.read_csv(SHIPPED_DIR / f"{name}.csv") for name in ("customers", "journey", "orders", "surveys")}


@pytest.fixture(scope="module")
def kpis():

    return headline(shipped_tables())


def test_conversion_matches_plain_pandas(raw, kpis):
    journeys = raw["journey"].groupby(["customer_id", "journey_no"])["event"].apply(set)
    by_hand = sum("purchased" in events for events in journeys) / len(journeys)
    assert funnel.conversion(raw["journey"])["conversion_rate"].iloc[0] == pytest.approx(by_hand, abs=1e-12)
    assert kpis["journey_conversion"] == pytest.approx(by_hand, abs=1e-12)
    buyers = raw["orders"]["customer_id"].nunique()
    assert kpis["buyer_rate"] == pytest.approx(buyers / len(raw["customers"]), abs=1e-12)


def test_nps_matches_plain_pandas(raw, kpis):
    scores = raw["surveys"]["nps_score"]
    by_hand = 100.0 * ((scores >= 9).mean() - (scores <= 6).mean())
    assert nps.nps_summary(raw["surveys"])["nps"] == pytest.approx(by_hand, abs=1e-9)
    assert kpis["nps"] == pytest.approx(by_hand, abs=1e-9)


def test_repeat_purchase_rate_matches_plain_pandas(raw, kpis):
    per_buyer = raw["orders"].groupby("customer_id").size()
    by_hand = (per_buyer >= 2).sum() / len(per_buyer)
    assert retention.repeat_metrics(raw["orders"])["repeat_conversion_rate"] == pytest.approx(by_hand, abs=1e-12)
    assert kpis["repeat_rate"] == pytest.approx(by_hand, abs=1e-12)


def test_headline_has_every_kpi_and_a_label_for_each(kpis):
    assert list(kpis) == list(KPIS) == list(LABELS["kpi"])
    assert 5 <= kpis["retention_cost_ratio"] <= 8  # lecture 000 §3
