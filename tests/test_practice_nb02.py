"""Hand-worked checks of the reference answers of 02_qua_trinh_quyet_dinh_mua.ipynb's exercises."""

import pandas as pd
import pytest

from sim.practice import check, nb02

# Journeys: (A, 1) bought; (A, 2) dropped at step 1; (B, 1) refused the parcel at the door (step 4);
#   (C, 1) bought -> 2 of 4 journeys end with a purchase = 0.5; one refusal.
JOURNEY = pd.DataFrame({
    "customer_id": ["A", "A", "A", "B", "B", "C"],
    "journey_no": [1, 1, 2, 1, 1, 1],
    "stage": [1, 4, 1, 1, 4, 4],
    "event": ["need_spontaneous", "purchased", "dropout", "need_campaign", "dropout", "purchased"],
    "reason": [None, None, "no_real_need", None, "refused_at_door", None],
})
# Orders: 3 of 4 paid cash on delivery -> 0.75.
ORDERS = pd.DataFrame({"payment": ["cod", "cod", "prepaid", "cod"]})
TABLES = {"journey": JOURNEY, "orders": ORDERS}


def test_references_by_hand():
    assert nb02.journey_conversion(TABLES) == pytest.approx(0.5)
    assert nb02.cod_share(TABLES) == pytest.approx(0.75)
    assert nb02.refused_at_door(TABLES) == 1


def test_a_share_of_rows_is_not_a_share_of_journeys():
    # 2 "purchased" rows / 6 rows = 1/3: counting rows instead of journeys is refused.
    assert not check("02.1", 1 / 3, tables=TABLES)
    assert check("02.1", 0.5, tables=TABLES)
