"""Charts of the data-quality lab: contact fields and duplicate-detection scores."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.data_quality import contact_quality_chart, duplicate_scores_chart
from sim.charts.render import to_svg

# 10 records: e-mail 7 valid, 1 malformed, 2 missing; phone 9 valid, 0 malformed, 1 missing.
VALIDITY = pd.DataFrame({"field": ["email", "phone"], "records": [10, 10], "missing": [2, 1], "invalid": [1, 0],
                         "valid": [7, 9], "validity": [7 / 8, 1.0]})
# 4 pairs found, 5 true pairs, 3 found rightly: precision 3/4 = 0.75, recall 3/5 = 0.6,
# F1 = 2 · 0.75 · 0.6 / (0.75 + 0.6) = 0.9 / 1.35 = 0.6667.
SCORES = pd.Series({"found_pairs": 4, "true_pairs": 5, "true_positives": 3, "precision": 0.75, "recall": 0.6,
                    "f1": 0.9 / 1.35})


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_contact_quality_chart_by_hand():
    spec = contact_quality_chart(VALIDITY).to_dict()
    assert spec["title"] == label("dq_chart", "contact_title")
    assert spec["mark"]["type"] == "bar"
    rows = {(r["field"], r["status"]): (r["count"], r["share"]) for r in _rows(spec)}
    assert rows[("E-mail", "Hợp lệ")] == (7, pytest.approx(0.7))
    assert rows[("E-mail", "Sai định dạng")] == (1, pytest.approx(0.1))
    assert rows[("E-mail", "Bỏ trống")] == (2, pytest.approx(0.2))
    assert rows[("Số điện thoại", "Sai định dạng")] == (0, 0.0)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Hợp lệ", "Sai định dạng", "Bỏ trống"]
    assert "<svg" in to_svg(contact_quality_chart(VALIDITY))


def test_contact_quality_chart_empty_list_does_not_crash():
    empty = VALIDITY.assign(records=0, missing=0, invalid=0, valid=0)
    rows = _rows(contact_quality_chart(empty).to_dict())
    assert all(r["count"] == 0 and (r["share"] is None or math.isnan(r["share"])) for r in rows)


def test_contact_quality_chart_missing_column():
    with pytest.raises(DataError) as err:
        contact_quality_chart(VALIDITY.drop(columns="missing"))
    assert "validity.missing" in err.value.fields


def test_duplicate_scores_chart_by_hand():
    spec = duplicate_scores_chart(SCORES).to_dict()
    assert spec["title"]["text"] == label("dq_chart", "duplicates_title")
    assert spec["title"]["subtitle"] == "4 cặp tìm được · 5 cặp trùng thật · 3 cặp tìm đúng"
    rows = {r["measure"]: (r["value"], r["text"]) for r in _rows(spec)}
    assert rows == {"Độ chính xác (precision)": (0.75, "0,750"), "Độ bao phủ (recall)": (0.6, "0,600"),
                    "F1 (trung bình điều hòa)": (pytest.approx(0.6667, abs=1e-4), "0,667")}
    bars = spec["layer"][0]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 1]


def test_duplicate_scores_chart_nothing_found():
    # no pair found: precision 1 by convention (no false alarm), recall 0, F1 0.
    none = pd.Series({"found_pairs": 0, "true_pairs": 5, "true_positives": 0, "precision": 1.0, "recall": 0.0, "f1": 0.0})
    spec = duplicate_scores_chart(none).to_dict()
    assert spec["title"]["subtitle"].startswith("0 cặp tìm được")
    assert {r["text"] for r in _rows(spec)} == {"1,000", "0,000"}


@pytest.mark.parametrize("bad", [SCORES.to_frame(), SCORES.drop("f1"), {"precision": 1.0}])
def test_duplicate_scores_chart_refuses_what_score_pairs_did_not_give(bad):
    with pytest.raises(DataError):
        duplicate_scores_chart(bad)
