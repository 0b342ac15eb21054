"""The before/after KPI chart: valid spec, labels from the label map, Vietnamese numbers, offline export."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.kpi_comparison import BASELINE_COLOUR, HOLLOW, is_share, kpi_comparison_chart
from sim.charts.render import to_png, to_svg
from sim.experiments.comparison import compare_variants, kpi_differences


def summary(rows: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"measure": m, "mean": mean, "ci_low": lo, "ci_high": hi, "n_runs": 5} for m, mean, lo, hi in rows])


BEFORE = summary([("buyer_rate", 0.30, 0.28, 0.32), ("nps", 5.0, -5.0, 15.0), ("cac_vnd", 160_000.0, 150_000.0, 170_000.0)])
AFTER = summary([("buyer_rate", 0.35, 0.33, 0.37), ("nps", 8.0, 0.0, 16.0), ("cac_vnd", 140_000.0, 130_000.0, 150_000.0)])
BASE_NAME = "Kịch bản gốc (trước)"
RATE_PANEL = "Tỷ lệ chuyển đổi khách (conversion rate) – đơn vị: %"


def _rows(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_texts_in_each_unit():
    assert is_share("buyer_rate") and is_share("my_share") and not is_share("nps") and not is_share("cac_vnd")
    rows = {(r["measure"], r["setting"]): r for r in _rows(kpi_comparison_chart(kpi_differences(BEFORE, AFTER)).to_dict())}
    cac = rows[("Chi phí để có một khách hàng mới – CAC (VND)", "Sau thay đổi")]
    assert (cac["mean_text"], cac["difference_text"]) == ("140.000 ₫", "−20.000 ₫")       # money in đồng
    assert cac["ci_text"] == "130.000 ₫ … 150.000 ₫" and cac["relative_text"] == "−12,5%"
    nps = rows[("Chỉ số NPS (điểm)", "Sau thay đổi")]
    assert (nps["mean_text"], nps["difference_text"]) == ("8,0", "+3,0 điểm")             # NPS in points


def test_kpi_comparison_chart_one_variant():
    spec = kpi_comparison_chart(kpi_differences(BEFORE, AFTER), kpis=["buyer_rate", "nps"]).to_dict()
    assert spec["title"]["text"] == label("kpi_comparison_chart", "title")
    assert spec["facet"]["field"] == "measure" and spec["columns"] == 2
    assert spec["facet"]["sort"] == [RATE_PANEL, "Chỉ số NPS (điểm)"]
    assert spec["resolve"]["scale"]["x"] == "independent"
    rule, dots = spec["spec"]["layer"]
    assert rule["mark"]["type"] == "rule" and dots["mark"]["type"] == "point"
    assert (rule["encoding"]["x"]["field"], rule["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    names = [BASE_NAME, label("kpi_comparison_chart", "variant")]
    assert dots["encoding"]["y"]["sort"] == names
    assert dots["encoding"]["color"]["scale"]["domain"] == names
    assert dots["encoding"]["color"]["scale"]["range"][0] == BASELINE_COLOUR
    fill = dots["encoding"]["fill"]  # hollow when the intervals overlap, else the setting's colour
    assert fill["condition"] == {"test": "datum.hollow", "value": HOLLOW} and fill["field"] == "setting"
    assert {t["field"] for t in dots["encoding"]["tooltip"]} == {"setting", "mean_text", "ci_text", "difference_text",
                                                                 "relative_text", "overlap"}
    rows = {(r["measure"], r["setting"]): r for r in _rows(spec)}
    after = rows[(RATE_PANEL, "Sau thay đổi")]
    # Shares are drawn × 100; [0.33, 0.37] does not overlap [0.28, 0.32]: a filled dot.
    assert (after["mean"], after["ci_low"], after["ci_high"]) == pytest.approx((35.0, 33.0, 37.0))
    assert after["hollow"] is False and after["overlap"] == "Không"
    assert after["difference_text"] == "+5,0 điểm %" and after["relative_text"] == "+16,7%"
    assert after["ci_text"] == "33,0% … 37,0%"
    nps_after = rows[("Chỉ số NPS (điểm)", "Sau thay đổi")]
    assert nps_after["hollow"] is True and nps_after["overlap"] == "Có" and nps_after["mean"] == 8.0
    base = rows[(RATE_PANEL, BASE_NAME)]
    assert base["hollow"] is False and base["difference_text"] == "—" and base["mean_text"] == "30,0%"


def test_kpi_comparison_chart_several_variants_use_step_labels():
    table = compare_variants(BEFORE, {"loyalty": AFTER, "my_step": BEFORE})
    spec = kpi_comparison_chart(table).to_dict()
    assert len(spec["facet"]["sort"]) == 3  # every KPI of the table
    enc = spec["spec"]["layer"][1]["encoding"]
    assert enc["y"]["sort"] == [BASE_NAME, label("centred_step", "loyalty"), "my_step"]
    scale = enc["color"]["scale"]
    assert scale["range"][0] == BASELINE_COLOUR and len(set(scale["range"])) == 3
    baseline_rows = [r for r in _rows(spec) if r["setting"] == BASE_NAME]
    assert len(baseline_rows) == 3  # the baseline once per KPI


def test_kpi_comparison_chart_exports_offline():
    chart = kpi_comparison_chart(kpi_differences(BEFORE, AFTER))
    assert to_png(chart, scale=1.0)[:8] == b"\x89PNG\r\n\x1a\n"
    svg = to_svg(chart)
    assert BASE_NAME in svg and "Chi phí để có một khách hàng mới – CAC (VND)" in svg


def test_kpi_comparison_chart_bad_input():
    table = kpi_differences(BEFORE, AFTER)
    with pytest.raises(DataError) as err:
        kpi_comparison_chart(table, kpis=["ltv_vnd"])
    assert err.value.fields == ["kpis"]
    with pytest.raises(DataError) as err:
        kpi_comparison_chart(table.drop(columns="variant_mean"))
    assert "comparison.variant_mean" in err.value.fields


def test_kpi_comparison_chart_empty_table_still_builds():
    spec = kpi_comparison_chart(kpi_differences(BEFORE, AFTER).iloc[0:0]).to_dict()
    assert spec["title"]["text"] == label("kpi_comparison_chart", "title") and spec["facet"]["sort"] == []


def test_service_measures_take_their_names_from_service_kpi():
    before = summary([("servqual_gap", -0.4, -0.5, -0.3), ("deflection_rate", 0.45, 0.4, 0.5), ("my_kpi", 1.0, 0.0, 2.0)])
    spec = kpi_comparison_chart(kpi_differences(before, before)).to_dict()
    assert spec["facet"]["sort"] == [label("service_kpi", "servqual_gap"),
                                     f"{label('service_kpi', 'deflection_rate')} – đơn vị: %", "my_kpi"]


def test_the_baseline_can_be_named_and_stays_grey():
    spec = kpi_comparison_chart(kpi_differences(BEFORE, AFTER), kpis=["nps"], baseline_name="Cửa hàng mặc định").to_dict()
    _, dots = spec["spec"]["layer"]
    assert dots["encoding"]["y"]["sort"] == ["Cửa hàng mặc định", label("kpi_comparison_chart", "variant")]
    assert dots["encoding"]["color"]["scale"]["range"][0] == BASELINE_COLOUR
    assert BASE_NAME not in {r["setting"] for r in _rows(spec)}
