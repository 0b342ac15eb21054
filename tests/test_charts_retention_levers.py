"""Retention-lever chart: setting names from the label map, one panel per measure, hand-made summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.render import to_png
from sim.charts.retention_levers import retention_levers, setting_name
from sim.experiments.retention_levers import LEVERS

P, C, L = LEVERS["personalization"], LEVERS["community"], LEVERS["loyalty_programme"]


def summary(settings: list[tuple[bool, bool, bool]], values: dict[str, list[tuple[float, float, float]]]) -> pd.DataFrame:
    """A table shaped like a sim.sweep summary: per setting and measure, (mean, ci_low, ci_high), 4 runs."""
    rows = [{P: p, C: c, L: lp, "measure": measure, "mean": v[0], "sd": 0.0, "ci_low": v[1], "ci_high": v[2], "n_runs": 4}
            for measure, triples in values.items() for (p, c, lp), v in zip(settings, triples, strict=True)]
    return pd.DataFrame(rows)


TWO = summary([(False, False, False), (True, False, True)],
              {"repeat_rate": [(0.20, 0.10, 0.30), (0.30, 0.25, 0.35)],
               "true_churn_share": [(0.70, 0.65, 0.75), (0.60, 0.55, 0.65)]})


def test_setting_name_from_the_label_map():
    assert setting_name(pd.Series({P: False, C: False, L: False})) == label("retention_lever", "none")
    both = f"{label('retention_lever', 'personalization')} + {label('retention_lever', 'loyalty_programme')}"
    assert setting_name(pd.Series({P: True, C: False, L: True})) == both
    assert setting_name(pd.Series({P: "False", C: "True", L: "False"})) == label("retention_lever", "community")
    assert setting_name(pd.Series({P: True, C: True, L: True})) == label("retention_lever", "all")
    with pytest.raises(DataError) as err:
        setting_name(pd.Series({P: "maybe", C: False, L: False}))
    assert err.value.fields == [P]


def test_one_panel_per_measure_with_hand_worked_domains():
    spec = retention_levers(TWO, measures=["repeat_rate", "true_churn_share"]).to_dict()
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == [label("retention_measure", "repeat_rate"),
                                                    label("retention_measure", "true_churn_share")]
    bar = panels[0]["layer"][0]
    assert bar["mark"]["type"] == "rule"
    assert (bar["encoding"]["x"]["field"], bar["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    # repeat rate: lowest end 0.10, highest 0.35 → domain [0.10, 0.35]
    assert bar["encoding"]["x"]["scale"]["domain"] == pytest.approx([0.10, 0.35])
    # churn: 0.55 … 0.75
    assert panels[1]["layer"][0]["encoding"]["x"]["scale"]["domain"] == pytest.approx([0.55, 0.75])
    names = bar["encoding"]["y"]["sort"]
    assert names == [label("retention_lever", "none"),
                     f"{label('retention_lever', 'personalization')} + {label('retention_lever', 'loyalty_programme')}"]
    assert spec["title"]["text"] == label("retention_lever_chart", "title")
    assert spec["title"]["subtitle"].endswith(": 4")


def test_a_share_interval_is_clipped_to_0_and_1():
    wide = summary([(False, False, False)], {"repeat_rate": [(0.05, -0.10, 0.20)], "active_share": [(0.95, 0.80, 1.10)]})
    panels = retention_levers(wide, measures=["repeat_rate", "active_share"]).to_dict()["vconcat"]
    assert panels[0]["layer"][0]["encoding"]["x"]["scale"]["domain"] == pytest.approx([0.0, 0.20])
    assert panels[1]["layer"][0]["encoding"]["x"]["scale"]["domain"] == pytest.approx([0.80, 1.0])


def test_reference_rows_come_first_in_grey():
    chosen = TWO[TWO[P]]
    reference = TWO[~TWO[P]]
    spec = retention_levers(chosen, measures=["repeat_rate"], reference=reference).to_dict()
    bar = spec["vconcat"][0]["layer"][0]
    assert bar["encoding"]["y"]["sort"][0] == f"{label('retention_lever_chart', 'reference')}: {label('retention_lever', 'none')}"
    assert bar["encoding"]["color"]["scale"]["domain"] == [label("retention_lever_chart", "reference"),
                                                          label("retention_lever_chart", "chosen")]
    assert to_png(retention_levers(chosen, measures=["repeat_rate"], reference=reference), scale=1.0)[:4] == b"\x89PNG"


def test_counts_are_not_percent_and_bad_input_is_refused():
    counts = summary([(False, False, False)], {"orders_per_buyer": [(1.3, 1.2, 1.4)]})
    panel = retention_levers(counts, measures=["orders_per_buyer"]).to_dict()["vconcat"][0]
    assert "format" not in panel["layer"][0]["encoding"]["x"].get("axis", {})
    with pytest.raises(DataError) as err:
        retention_levers(TWO, measures=["nps"])
    assert err.value.fields == ["measures"]
    with pytest.raises(DataError) as err:
        retention_levers(TWO.drop(columns=C))
    assert err.value.fields == [f"summary.{C}"]
