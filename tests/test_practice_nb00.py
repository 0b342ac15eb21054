"""Hand-worked checks of the reference answers of 00_tong_quan_ecrm.ipynb's exercises."""

import pandas as pd
import pytest

from sim.practice import check, nb00

# customers: 4 prospects, 1 opted in -> 0.25.
# marketing: acquisition 300,000 + 100,000 = 400,000 ₫ (retention 50,000 left out); buyers A, B -> CAC 200,000 ₫.
# orders: A twice, B once -> 1 of 2 buyers repeats -> 0.5.
TABLES = {
    "customers": pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "email_opt_in": [True, False, False, False]}),
    "marketing": pd.DataFrame({"purpose": ["acquisition", "acquisition", "retention"],
                               "spend_vnd": [300_000, 100_000, 50_000]}),
    "orders": pd.DataFrame({"customer_id": ["A", "A", "B"]}),
}


def test_references_by_hand():
    assert nb00.opt_in_share(TABLES) == pytest.approx(0.25)
    assert nb00.acquisition_cost_per_buyer_vnd(TABLES) == pytest.approx(200_000)
    assert nb00.repeat_buyer_share(TABLES) == pytest.approx(0.5)


def test_retention_spend_is_not_acquisition_spend():
    # 450,000 / 2 = 225,000: the student who forgot to filter on purpose is told it is wrong.
    assert not check("00.2", 225_000, tables=TABLES)
    assert check("00.2", 200_000, tables=TABLES)
