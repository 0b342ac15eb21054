"""Notebook 05's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb05


def test_checkout_failures_per_order_counts_only_purchase_step_dropouts():
    journey = pd.DataFrame({
        "event": ["dropout", "dropout", "dropout", "dropout", "purchased", "dropout"],
        "reason": ["payment_failed", "refused_at_door", "security_concern", "delivery_failed", None, "no_real_need"],
    })
    orders = pd.DataFrame({"order_id": ["o1", "o2", "o3", "o4", "o5", "o6"]})
    # payment_failed, refused_at_door, delivery_failed: 3 failures / 6 orders → 0.5
    assert nb05.checkout_failures_per_order({"journey": journey, "orders": orders}) == pytest.approx(0.5)


def test_repeat_buyer_share_is_buyers_with_two_orders_or_more():
    orders = pd.DataFrame({"customer_id": ["a", "a", "b", "c", "c", "c", "d"]})
    # a: 2, b: 1, c: 3, d: 1 → 2 repeat buyers of 4 → 0.5
    assert nb05.repeat_buyer_share({"orders": orders}) == pytest.approx(0.5)
