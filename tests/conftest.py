"""Shared fixtures: one run of the default scenario with the datasets' seed."""

from __future__ import annotations

import pandas as pd
import pytest

import sim

DATASET_SEED = 2026


@pytest.fixture(scope="session")
def default_result() -> sim.Result:
    """The default scenario, seed 2026: the same run as the shipped datasets."""
    return sim.simulate("default", seed=DATASET_SEED)


@pytest.fixture(scope="session")
def demo_result() -> sim.Result:
    return sim.simulate("demo", seed=7)


@pytest.fixture
def acquisition_shop() -> dict[str, pd.DataFrame]:
    """A small shop worked by hand in the acquisition tests.

    Paid search: KH1, KH2, KH3 came; KH1 (twice) and KH2 bought.   Spend 100,000 for 50 clicks.
    E-mail: KH4–KH7 came; KH4 (twice) and KH5 bought.               Spend 40,000 for 5 clicks.
    Direct: KH8 came and bought.                                      Free, 3 clicks.
    Affiliate: nobody came through it, yet it cost 10,000 for 4 clicks.
    Retention: 9,000 on e-mail and 6,000 on the loyalty programme.
    """
    customers = pd.DataFrame({"customer_id": [f"KH{i}" for i in range(1, 9)],
                              "acquired_via": ["paid_search"] * 3 + ["email"] * 4 + ["direct"]})
    orders = pd.DataFrame({
        "customer_id": ["KH1", "KH1", "KH2", "KH4", "KH4", "KH5", "KH8"],
        "at": pd.to_datetime(["2026-01-10", "2026-09-01", "2026-03-01", "2026-02-01", "2026-10-01", "2026-03-01",
                              "2026-04-01"]),
        "amount_vnd": [150_000, 50_000, 100_000, 100_000, 100_000, 120_000, 40_000],
        "margin_vnd": [30_000, 10_000, 20_000, 25_000, 25_000, 30_000, 10_000],
    })
    marketing = pd.DataFrame({
        "date": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-01", "2026-01-01", "2026-01-01", "2026-06-01",
                                "2026-12-31"]),
        "channel": ["paid_search", "paid_search", "email", "direct", "affiliate", "email", "loyalty_programme"],
        "purpose": ["acquisition"] * 5 + ["retention"] * 2,
        "spend_vnd": [60_000, 40_000, 40_000, 0, 10_000, 9_000, 6_000],
        "clicks": pd.array([30, 20, 5, 3, 4, pd.NA, pd.NA], dtype="Int64"),
    })
    return {"customers": customers, "orders": orders, "marketing": marketing}
