"""The truths of the estimate questions of labs 15–17 and the calibration of only some labs (hand-worked examples).

* lab 16: the share of the year's new customers with two or more orders once next year's orders are added;
* lab 15 and 17 change one lever of the shop in a hidden run: the change is the one the question states;
* ``calibrate --lab``: the recalibrated questions replace theirs, every other question is kept as it was.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from exercises.giang_vien.kit.calibration import merged, question_keys
from sim.base.errors import ScenarioError
from sim.classroom.calibration import CALIBRATION_FORMAT
from sim.classroom.truths import (
    ESTIMATES,
    OPT_IN_VOUCHER_FACTOR,
    PAID_SEARCH_BID_VND,
    PAID_SEARCH_BUDGET_FACTOR,
    repeat_rate_after_next_year,
)


def test_lab16_truth_adds_next_years_orders_to_the_years():
    # A: 2 orders this year → repeat. B: 1 this year + 1 next year → repeat. C: 1 + 0 → not. D: 1 + 3 → repeat.
    # E never bought: not a new customer, left out. So 3 of 4 new customers: 0.75.
    orders = pd.DataFrame({"customer_id": ["A", "A", "B", "C", "D"]})
    truth = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"], "orders_after_window": [0, 1, 0, 3, 2]})
    shop = SimpleNamespace(data=SimpleNamespace(tables={"orders": orders}), hidden={"truth": truth})
    assert repeat_rate_after_next_year(shop) == pytest.approx(0.75)


def test_the_hidden_runs_change_what_the_questions_say():
    assert OPT_IN_VOUCHER_FACTOR == 2.0                                   # "phiếu quà tặng gấp đôi"
    assert PAID_SEARCH_BID_VND == 30_000 and PAID_SEARCH_BUDGET_FACTOR == 2.0   # "30.000 ₫", "gấp đôi ngân sách ngày"
    for lab in ("lab15_marketing_cho_phep", "lab16_marketing_chuyen_doi", "lab17_quan_tri_thu_hut"):
        assert f"{lab}/cau6" in ESTIMATES


def _data(keys: dict[str, float], shops: int, command: str, customers=None) -> dict:
    return {"format": CALIBRATION_FORMAT, "command": command, "customers": customers, "shops": shops,
            "questions": {k: {"full": v, "partial": 2 * v} for k, v in keys.items()}}


def test_calibrating_some_labs_keeps_the_other_questions_and_records_its_own_shops():
    old = _data({"lab01_pheu_mua_hang/cau6": 0.08, "lab15_marketing_cho_phep/cau6": 0.5}, 60, "calibrate --shops 60")
    new = _data({"lab15_marketing_cho_phep/cau6": 0.04}, 10, "calibrate --shops 10 --lab lab15_marketing_cho_phep")
    both = merged(new, old)
    assert both["shops"] == 60 and both["command"] == "calibrate --shops 60"
    assert both["questions"]["lab01_pheu_mua_hang/cau6"] == {"full": 0.08, "partial": 0.16}
    assert both["questions"]["lab15_marketing_cho_phep/cau6"] == {"full": 0.04, "partial": 0.08, "shops": 10,
                                                                  "command": new["command"]}


def test_calibrating_some_labs_refuses_another_shop_size_and_unknown_labs():
    with pytest.raises(ScenarioError, match="--customers"):
        merged(_data({}, 10, "y", customers=2000), _data({}, 60, "x"))
    with pytest.raises(ScenarioError, match="--lab"):
        question_keys(["lab99_khong_co"])
    assert question_keys(["lab15_marketing_cho_phep"]) == ["lab15_marketing_cho_phep/cau6"]
