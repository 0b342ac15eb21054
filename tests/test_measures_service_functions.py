"""The five service functions and resale, read from tables worked by hand."""

import pandas as pd
import pytest

from sim.measures.service_functions import FUNCTIONS, service_function_table

ORDERS = pd.DataFrame({"shipping_fee_vnd": [0, 30_000, 0, 30_000], "made_to_order": [False, True, False, False],
                       "amount_vnd": [100_000, 300_000, 50_000, 150_000]})
TICKETS = pd.DataFrame({"tool": ["faq", "faq", "auto", "chat", "tracking_page"],
                        "request": ["pre_purchase_question", "pre_purchase_question", "return", "resale", "where_is_my_order"]})
JOURNEY = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "c"], "journey_no": [1, 2, 2, 1, 1, 1],
                        "event": ["purchased", "need_trade_in", "purchased", "need_trade_in", "dropout", "purchased"]})


def test_each_function_is_measured_as_worked_by_hand():
    table = service_function_table(ORDERS, TICKETS, JOURNEY).set_index("measure")["value"]
    assert table["faq_share"] == pytest.approx(2 / 5)           # 2 FAQ answers of 5 requests
    assert table["free_shipping_share"] == pytest.approx(0.5)   # 2 of 4 orders shipped free
    assert table["auto_reply_share"] == pytest.approx(1 / 5)
    assert table["made_to_order_share"] == pytest.approx(0.25)  # 1 of 4 orders
    # 300,000 ₫ against the others' mean (100,000 + 50,000 + 150,000) / 3 = 100,000 ₫ → 3
    assert table["made_to_order_amount_ratio"] == pytest.approx(3)
    assert table["tracking_share"] == pytest.approx(1 / 5)
    assert table["resale_requests"] == 1
    # a's journey 2 began with a resale and ended in a purchase; b's did not → 1
    assert table["trade_in_purchases"] == 1


def test_rows_follow_the_lecture_order():
    table = service_function_table(ORDERS, TICKETS, JOURNEY)
    assert list(dict.fromkeys(table["function"])) == list(FUNCTIONS)
    assert set(table["unit"]) == {"share", "ratio", "count"}
