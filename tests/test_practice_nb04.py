"""Notebook 04's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb04


def test_self_service_share_counts_faq_auto_reply_and_tracking_page():
    tickets = pd.DataFrame({"tool": ["faq", "chat", "email", "auto", "tracking_page", "chat", "email", "faq"]})
    # faq, auto, tracking_page, faq: 4 of 8 requests → 0.5
    assert nb04.self_service_share({"tickets": tickets}) == pytest.approx(0.5)


def test_resale_share_is_taken_within_the_retirement_stage_only():
    tickets = pd.DataFrame({"lifecycle_stage": ["retirement", "retirement", "retirement", "ownership", "requirements"],
                            "request": ["resale", "return", "return", "resale", "pre_purchase_question"]})
    # retirement: resale, return, return → 1 / 3 (the ownership resale row is not counted)
    assert nb04.resale_share_of_retirement({"tickets": tickets}) == pytest.approx(1 / 3)


def test_free_shipping_share_is_orders_with_a_zero_fee():
    orders = pd.DataFrame({"shipping_fee_vnd": [0, 30_000, 0, 30_000, 30_000]})
    # 2 of 5 orders ship free → 0.4
    assert nb04.free_shipping_share({"orders": orders}) == pytest.approx(0.4)
