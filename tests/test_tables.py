"""One table style: what a student sees in a table is Vietnamese, in its unit, with no raw float, English header, NaN or True."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sim
from sim.base.labels import LABELS, label
from sim.charts.tables import display_frame, styled
from sim.engine.io import shipped_tables
from sim.measures import funnel, nps, retention, service_desk, value
from sim.measures.acquisition import channel_economics
from sim.measures.four_activities import four_activities

VIETNAMESE_LABELS = {pair[0] for kind in LABELS.values() for pair in kind.values()}
RAW_FLOAT = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.,])")
"""A number with a decimal point: ``310174.156711``, ``0.35``; but not ``1.234.567`` (Vietnamese thousands)."""
VIETNAMESE_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
ENGLISH = re.compile(r"\b(True|False|NaN|nan|NaT|None|inf|<NA>)\b")


class _Cells(HTMLParser):
    """The text of every header and data cell of an HTML table (a field name in ``<code>`` apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []
        self.fields: list[str] = []
        self._kind: str | None = None
        self._text = ""
        self._code = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("th", "td"):
            self._kind, self._text = tag, ""
        self._code = self._code or tag == "code"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._kind:
            self.cells.append((self._kind, self._text.strip()))
            self._kind = None
        if tag == "code":
            self._code = False

    def handle_data(self, data: str) -> None:
        if self._code:
            self.fields.append(data)
        elif self._kind:
            self._text += data


def cells(styler) -> _Cells:
    parsed = _Cells()
    parsed.feed(styler.to_html())
    return parsed


def problems(styler) -> list[str]:
    """What a student should never see in a table: raw floats, English words for missing or yes/no, English headers."""
    found = []
    for kind, text in cells(styler).cells:
        for number in RAW_FLOAT.findall(text):
            if not VIETNAMESE_THOUSANDS.fullmatch(number):
                found.append(f"raw float {text!r}")
        if ENGLISH.search(text):
            found.append(f"English word {text!r}")
        if kind == "th" and text and text not in VIETNAMESE_LABELS and re.fullmatch(r"[A-Za-z0-9_ %]+", text) \
                and not text.replace(" ", "").isdigit():
            found.append(f"English header {text!r}")
    return found


@pytest.fixture(scope="module")
def tables():
    return shipped_tables()


@pytest.fixture(scope="module")
def demo():
    return sim.simulate("demo", seed=2026)


def representative(tables, demo) -> dict[str, object]:
    """Tables as the notebooks show them: raw data, measures by column, measures by row, describe(), settings."""
    history = value.historical_ltv(tables["orders"], tables["customers"], net_of_acquisition_cost=True)
    return {
        "journey": styled(tables["journey"].head(12), names=True),
        "customers": styled(tables["customers"].head(), names=True),
        "orders": styled(tables["orders"].head(), names=True),
        "tickets": styled(demo.tickets.head(), names=True),
        "funnel": styled(funnel.funnel(tables["journey"]), labels="funnel_chart"),
        "channels": styled(channel_economics(tables["customers"], tables["orders"], tables["marketing"]),
                           labels="channel_economics_chart"),
        "four_activities": styled(four_activities(demo), codes={"measure": "crm_measure"}),
        "repeat_metrics": styled(retention.repeat_metrics(tables["orders"]), labels="repeat_metric"),
        "describe": styled(history[["margin_vnd", "acquisition_cost_vnd", "ltv_vnd"]].describe()),
        "waits": styled(service_desk.wait_time_summary(demo.tickets), labels="service_report"),
        "nps_by_persona": styled(nps.nps_by(tables["surveys"], tables["customers"], by="persona")),
        "persona_settings": styled(pd.DataFrame(sim.load_scenario("default").personas.model_dump()).T.rename_axis("persona"),
                                   labels="persona_field"),
        "kpis_by_segment": styled(pd.DataFrame({"b2c": {"buyer_rate": 0.285, "cac_vnd": 170_023.4, "nps": -1.23}})
                                  .rename_axis(index="measure", columns="segment"), by_row=True),
    }


def test_representative_tables_show_nothing_a_student_should_not_see(tables, demo):
    shown = representative(tables, demo)
    found = {name: problems(styler) for name, styler in shown.items()}
    assert {name: p for name, p in found.items() if p} == {}


def test_raw_floats_of_the_issue_are_written_in_their_unit():
    # 310174.156711 VND, a share of 0.227957, 55760770.0 VND, a count stored as 9974.0
    frame = pd.DataFrame({"margin_vnd": [310_174.156711], "repeat_rate": [0.227957], "spend_vnd": [55_760_770.0],
                          "prospects": [9_974.0], "churned": [True], "first_order_at": [pd.NaT], "gap": [math.nan]})
    shown = display_frame(frame)
    assert shown.iloc[0].tolist() == ["310.174 ₫", "22,8%", "55.760.770 ₫", "9.974", "Có", "—", "—"]
    assert shown.columns.tolist() == [label("column", "margin_vnd"), "repeat_rate", label("column", "spend_vnd"),
                                      label("column", "prospects"), label("column", "churned"),
                                      label("column", "first_order_at"), label("column", "gap")]


def test_row_numbers_are_not_shown_even_after_a_filter():
    frame = pd.DataFrame({"channel": ["email", "social", "direct"], "roi": [-0.154, 12.13, math.nan]})
    shown = display_frame(frame[frame["channel"] != "email"])   # rows 1 and 2 are kept (index 1, 2): still not a column
    assert shown.columns.tolist() == [label("column", "channel"), label("column", "roi")]
    assert shown.iloc[:, 1].tolist() == ["1.213,0%", "—"]


def test_codes_become_labels_and_the_index_a_column():
    frame = pd.DataFrame({"visits": [10, 20]}, index=pd.Index(["paid_search", "social"], name="channel"))
    shown = display_frame(frame)
    assert shown.columns.tolist() == [label("column", "channel"), label("column", "visits")]
    assert shown.iloc[:, 0].tolist() == [label("channel", "paid_search"), label("channel", "social")]


def test_a_pivot_of_codes_names_its_columns():
    frame = pd.DataFrame([[1.5, 2.25]], index=pd.Index(["bargain_hunter"], name="persona"),
                         columns=pd.Index([1, 2], name="stage"))
    shown = display_frame(frame)
    assert shown.columns.tolist() == [label("column", "persona"), label("stage", 1), label("stage", 2)]
    assert shown.iloc[0].tolist() == [label("persona", "bargain_hunter"), "1,5", "2,25"]   # each column: the decimals it needs


def test_a_table_by_row_writes_each_row_in_its_unit():
    series = pd.Series({"buyers": 2846.0, "repeat_conversion_rate": 0.306, "revenue_per_repeat_transaction_vnd": 988_085.3,
                        "transactions_per_repeat_customer": 2.4793})
    shown = display_frame(series, labels="repeat_metric")
    assert shown.iloc[:, 1].tolist() == ["2.846", "30,6%", "988.085 ₫", "2,48"]
    assert shown.iloc[:, 0].tolist() == [label("repeat_metric", k) for k in series.index]


def test_differences_by_row_carry_a_sign_and_shares_move_in_points():
    frame = pd.DataFrame({"variant_mean": [0.35, 160_000.0], "difference": [0.05, -20_106.0],
                          "relative_difference": [0.1667, -0.1116]}, index=pd.Index(["buyer_rate", "cac_vnd"], name="measure"))
    shown = display_frame(frame, by_row=True, units={"relative_difference": "share"})
    assert shown.iloc[0].tolist()[1:] == ["35,0%", "+5,0 điểm %", "16,7%"]
    assert shown.iloc[1].tolist()[1:] == ["160.000 ₫", "−20.106 ₫", "−11,2%"]


def test_describe_rows_in_vietnamese_and_the_count_as_a_whole_number():
    shown = display_frame(pd.DataFrame({"margin_vnd": [100.0, 200.0, 300.0, 400.0]}).describe())
    assert shown.iloc[:, 0].tolist() == [label("describe_stat", k) for k in ("count", "mean", "std", "min", "25%", "50%",
                                                                              "75%", "max")]
    assert shown.iloc[:, 1].tolist()[:2] == ["4", "250 ₫"]


def test_a_unit_column_sets_each_rows_unit():
    frame = pd.DataFrame({"measure": ["prospects", "opt_in_rate", "cac_vnd", "orders_per_customer"],
                          "value": [9_984.0, 0.4294, 158_051.5, 1.5172], "unit": ["count", "share", "vnd", "per_customer"]})
    shown = display_frame(frame, codes={"measure": "crm_measure"})
    assert shown.columns.tolist() == [label("column", "measure"), label("column", "value")]   # no "unit" column
    assert shown.iloc[:, 1].tolist() == ["9.984", "42,9%", "158.052 ₫", "1,52"]


def test_sweep_columns_name_their_settings():
    wide = pd.DataFrame([["1", "2", "3", "4"]], index=pd.Index(["buyer_rate"], name="measure"),
                        columns=pd.MultiIndex.from_product([[False, True], [False, True]], names=["core", "value_added"]))
    shown = display_frame(wide, by_row=True)
    assert shown.columns[1] == f"{label('e_service', 'core')}: Không · {label('e_service', 'value_added')}: Không"
    single = pd.DataFrame([["a", "b"]], index=pd.Index(["gap"], name="measure"),
                          columns=pd.Index([1.0, 3.5], name="service_quality.page_load_seconds"))
    styler = styled(single, by_row=True)
    assert cells(styler).cells[1:3] == [("th", "1"), ("th", "3,5")]
    assert label("quality_lever", "service_quality.page_load_seconds") in styler.to_html()   # the caption


def test_a_lab_table_shows_the_field_names_under_the_headers():
    answer = pd.DataFrame({"stage": [1, 2], "reached": [100, 60], "step_rate": [1.0, 0.6]})
    parsed = cells(styled(answer, names=True))
    assert parsed.fields == ["stage", "reached", "step_rate"]
    assert [t for k, t in parsed.cells if k == "th"] == [label("column", "stage"), label("column", "reached"),
                                                         label("column", "step_rate")]


def test_anything_but_a_table_passes_unchanged():
    assert styled(None) is None
    assert styled(0.35) == 0.35
    with pytest.raises(ValueError, match="unknown unit"):
        styled(pd.DataFrame({"a": [1]}), units="percent")


COLUMN_NAMES = st.sampled_from(["a", "b", "rate", "value", "x_vnd", "x_share", "n", "channel", "stage", "at", "x_min"])
CELLS = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), st.text(alphabet="abcđơ -", max_size=5),  # words shown as typed
                  st.floats(allow_nan=True, allow_infinity=True, width=64),
                  st.datetimes(min_value=pd.Timestamp("2000-01-01").to_pydatetime(),
                               max_value=pd.Timestamp("2100-01-01").to_pydatetime()).map(pd.Timestamp))


@settings(max_examples=120, deadline=None)
@given(st.lists(COLUMN_NAMES, min_size=1, max_size=5), st.data())
def test_any_students_frame_is_shown_without_raw_floats_or_english(names, data):
    """A lab answer can be any frame: repeated column names, mixed types, NaN, ±∞, None. It is shown, never raises,
    and shows no raw float, NaN, inf or True/False."""
    rows = data.draw(st.integers(0, 4))
    columns = [data.draw(st.lists(CELLS, min_size=rows, max_size=rows)) for _ in names]
    frame = pd.DataFrame({i: col for i, col in enumerate(columns)})
    frame.columns = names
    if data.draw(st.booleans()):
        frame = frame.astype({frame.columns[0]: "float64"}, errors="ignore") if rows else frame
    found = [p for p in problems(styled(frame, names=True)) if not p.startswith("English header")]
    assert found == []


def test_numpy_and_nullable_types():
    frame = pd.DataFrame({"orders": pd.array([1, None, 3], dtype="Int64"), "churned": pd.array([True, None, False], dtype="boolean"),
                          "conversion_rate": np.array([0.1, np.nan, 0.3])})
    assert display_frame(frame).values.tolist() == [["1", "Có", "10,0%"], ["—", "—", "—"], ["3", "Không", "30,0%"]]


def test_a_long_table_is_cut_as_pandas_cuts_one_and_says_so():
    """61 rows is one more than pandas shows (display.max_rows = 60): the first 10 (display.min_rows) and a note;
    60 rows are shown whole; ``all_rows=True`` shows every row."""
    long = pd.DataFrame({"customer_id": range(1, 62), "orders": range(1, 62)})
    cut = styled(long)
    data_rows = [t for k, t in cells(cut).cells if k == "td"]
    assert data_rows[::2] == [str(i) for i in range(1, 11)]
    assert "Bảng có 61 dòng; ở đây hiện 10 dòng đầu." in cut.to_html()
    assert len([t for k, t in cells(styled(long.head(60))).cells if k == "td"]) == 120
    assert "ở đây hiện" not in styled(long.head(60)).to_html()
    assert len([t for k, t in cells(styled(long, all_rows=True)).cells if k == "td"]) == 122
    with pd.option_context("display.max_rows", 100):
        assert len([t for k, t in cells(styled(long)).cells if k == "td"]) == 122
    long_1234 = pd.DataFrame({"orders": range(1234)})
    assert "Bảng có 1.234 dòng; ở đây hiện 10 dòng đầu." in styled(long_1234, caption="Đơn hàng").to_html()
    assert "Đơn hàng · Bảng có 1.234 dòng" in styled(long_1234, caption="Đơn hàng").to_html()
