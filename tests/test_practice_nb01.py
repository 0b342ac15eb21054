"""Hand-worked checks of the reference answers of 01_vi_sao_khach_khong_mua.ipynb's exercises."""

import pandas as pd
import pytest

from sim.practice import check, nb01

# Step-3 drop-outs: A security, B security, C quality, D price; plus a step-1 drop-out of E (not counted)
# and a step-3 "evaluated" row of F (not a drop-out).
#   counts: security 2, quality 1, price 1 -> the top two are security and… a tie between quality and price,
#   so the table below gives quality a second drop-out (G) to break it: security 2, quality 2, price 1.
#   security share = 2 / 5 = 0.4
# Personas: A, C, G directed_buyer; B, D bargain_hunter -> directed_buyer 1/3, bargain_hunter 1/2.
JOURNEY = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E", "F", "G"],
    "stage": [3, 3, 3, 3, 1, 3, 3],
    "event": ["dropout"] * 5 + ["evaluated", "dropout"],
    "reason": ["security_concern", "security_concern", "quality_unverifiable", "price_too_high", "no_real_need", None,
               "quality_unverifiable"],
})
CUSTOMERS = pd.DataFrame({"customer_id": list("ABCDEFG"),
                          "persona": ["directed_buyer", "bargain_hunter", "directed_buyer", "bargain_hunter",
                                      "directed_buyer", "directed_buyer", "directed_buyer"]})
TABLES = {"journey": JOURNEY, "customers": CUSTOMERS}


def test_references_by_hand():
    assert set(nb01.top_two_reasons(TABLES)) == {"security_concern", "quality_unverifiable"}
    assert nb01.security_share(TABLES) == pytest.approx(0.4)
    shares = nb01.security_share_by_persona(TABLES).set_index("persona")["share"]
    assert shares.to_dict() == pytest.approx({"bargain_hunter": 0.5, "directed_buyer": 1 / 3})


def test_check_of_the_set_ignores_order_and_of_the_table_matches_on_persona():
    assert check("01.1", ["quality_unverifiable", "security_concern"], tables=TABLES)
    assert not check("01.1", ["security_concern", "price_too_high"], tables=TABLES)
    answer = pd.DataFrame({"persona": ["directed_buyer", "bargain_hunter"], "share": [1 / 3, 0.5]})
    assert check("01.3", answer, tables=TABLES)
