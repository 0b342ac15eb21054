"""Chart of formula LTV estimates against the truth, per group (lecture 001, LTV)."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.charts.ltv_accuracy import ltv_accuracy_chart
from sim.charts.render import to_png, to_svg
from sim.engine.io import shipped_tables
from sim.measures import value

# Two personas; the directed buyers are under-valued by 20,000 on average, the bargain hunters over-valued by 5,000.
ACCURACY = pd.DataFrame({
    "persona": ["directed_buyer", "bargain_hunter"], "customers": [10, 4],
    "mean_estimate_vnd": [80_000.0, 30_000.0], "mean_truth_vnd": [100_000.0, 25_000.0],
    "mae_vnd": [40_000.0, 10_000.0], "bias_vnd": [-20_000.0, 5_000.0], "spearman": [0.4, 0.1],
})


def _data(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_ltv_accuracy_chart_pairs_estimate_and_truth():
    spec = ltv_accuracy_chart(ACCURACY, "persona").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "value_vnd" and spec["encoding"]["y"]["field"] == "group"
    assert spec["encoding"]["yOffset"]["field"] == "kind"
    assert spec["encoding"]["y"]["title"] == "Loại người dùng web"
    # personas in the label map's order, Vietnamese names
    assert spec["encoding"]["y"]["sort"] == ["Người mua hàng trực tiếp", "Người săn hàng giảm giá"]
    rows = {(r["group"], r["kind"]): r["value_vnd"] for r in _data(spec)}
    assert rows[("Người mua hàng trực tiếp", "Ước lượng theo công thức LTV")] == 80_000.0
    assert rows[("Người mua hàng trực tiếp", "Sự thật (truth)")] == 100_000.0
    assert len(rows) == 4


def test_ltv_accuracy_chart_other_groups_and_bad_input():
    by_channel = ACCURACY.rename(columns={"persona": "acquisition_channel"}).assign(acquisition_channel=["email", "direct"])
    spec = ltv_accuracy_chart(by_channel, "acquisition_channel").to_dict()
    assert spec["encoding"]["y"]["title"] == "Kênh thu hút"
    assert "E-mail (có sự cho phép)" in spec["encoding"]["y"]["sort"]
    with pytest.raises(DataError) as err:
        ltv_accuracy_chart(ACCURACY, "persona", kind="no_such_kind")
    assert err.value.fields == ["kind"]
    with pytest.raises(DataError) as err:
        ltv_accuracy_chart(ACCURACY.drop(columns="spearman"), "persona")
    assert err.value.fields == ["accuracy.spearman"]


def test_ltv_accuracy_chart_on_the_shipped_data_renders():

    t = shipped_tables()
    errors = value.ltv_errors(value.ltv_estimates(t["orders"], discount_rate=0.0, horizon_years=1), t["truth"])
    chart = ltv_accuracy_chart(value.ltv_accuracy(errors, by="persona"), "persona")
    assert len(_data(chart.to_dict())) == 2 * errors["persona"].nunique()
    assert to_png(chart).startswith(b"\x89PNG")
    assert "ước lượng theo công thức và sự thật" in to_svg(chart)
