"""Hand-worked checks of the reference answers of 03_marketing_quan_he.ipynb's exercises."""

import pandas as pd
import pytest

from sim.practice import check, nb03

# Orders: 1 of 4 via a recommendation e-mail -> 0.25; buyers A, B -> 2.
# Retention spend: email 10,000 + 20,000 = 30,000; loyalty_programme 50,000 (acquisition 999 left out)
#   -> 80,000 / 2 buyers = 40,000 ₫ per customer.
TABLES = {
    "orders": pd.DataFrame({"customer_id": ["A", "A", "B", "B"], "via_recommendation": [True, False, False, False]}),
    "marketing": pd.DataFrame({"purpose": ["retention", "retention", "retention", "acquisition"],
                               "channel": ["email", "email", "loyalty_programme", "email"],
                               "spend_vnd": [10_000, 20_000, 50_000, 999]}),
}


def test_references_by_hand():
    assert nb03.recommendation_order_share(TABLES) == pytest.approx(0.25)
    spend = nb03.retention_spend_by_channel(TABLES).set_index("channel")["spend_vnd"]
    assert spend.to_dict() == {"email": 30_000, "loyalty_programme": 50_000}
    assert nb03.retention_cost_per_customer_vnd(TABLES) == pytest.approx(40_000)


def test_table_answer_is_matched_on_channel():
    answer = pd.DataFrame({"channel": ["loyalty_programme", "email"], "spend_vnd": [50_000, 30_000]})
    assert check("03.2", answer, tables=TABLES)
    assert not check("03.2", answer.assign(spend_vnd=[50_000, 30_999]), tables=TABLES)
