"""One number formatter: every value the course shows, written the Vietnamese way (hand-worked strings)."""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.base.formats import MISSING, UNITS, format_difference, format_value, is_missing, unit_for, vi_number


def test_vi_number_by_hand():
    assert vi_number(1_234_567.891, 2) == "1.234.567,89"   # dots between thousands, comma before decimals
    assert vi_number(-3.14159, 1) == "−3,1"                 # the minus sign U+2212, not a hyphen
    assert vi_number(-0.04, 1) == "0,0"                     # never "−0,0"
    assert vi_number(3.25, 1) == "3,3"                      # a half goes away from zero, as by hand
    assert vi_number(2.675, 2) == "2,68"                    # 2.675 is stored as 2.67499…; still written 2,68
    assert vi_number(-2.5, 0) == "−3"
    assert vi_number(np.int64(9974), 0) == "9.974"
    assert vi_number(np.float64(0.5), 0) == "1"
    assert vi_number(float("nan")) == MISSING
    assert vi_number(1e28, 0) == "10.000.000.000.000.000.000.000.000.000"   # beyond the 28 digits of a default Decimal


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (0.125, "share", "12,5%"),
    (0.227957, "share", "22,8%"),
    (1_234_567, "vnd", "1.234.567 ₫"),
    (310_174.156711, "vnd", "310.174 ₫"),
    (55_760_770.0, "vnd", "55.760.770 ₫"),
    (9_974.0, "count", "9.974"),                           # a count never shows ",000"
    (651.7, "count", "652"),
    (4.58, "ratio", "4,6×"),
    (-5.24, "points", "−5,2"),
    (2.5, "number", "2,5"),                                # a plain number drops trailing zeros
    (3.0, "number", "3"),
    (1.5172, "number", "1,52"),
    (3.25, "minutes", "3,3 phút"),
    (12.0, "days", "12,0 ngày"),
    (0.654, "seconds", "0,65 s"),
    (True, "yes_no", "Có"),
    (np.bool_(False), "yes_no", "Không"),
    (pd.Timestamp("2026-07-01 08:05:09"), "datetime", "01/07/2026 08:05"),
    (dt.date(2026, 12, 31), "date", "31/12/2026"),
    ("Hà Nội", "text", "Hà Nội"),
])
def test_format_value_by_hand(value, unit, expected):
    assert format_value(value, unit) == expected


def test_compact_money_for_cards():
    assert format_value(1_234_567, "vnd", compact=True) == "1,2 triệu ₫"
    assert format_value(2_500_000_000, "vnd", compact=True) == "2,50 tỷ ₫"
    assert format_value(171_868.2, "vnd", compact=True) == "171.868 ₫"   # below a million: written in full


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT, float("inf"), -math.inf, np.float64("nan")])
def test_missing_values_are_one_em_dash(missing):
    assert is_missing(missing)
    for unit in ("vnd", "share", "count", "ratio", "points", "number", "minutes", "yes_no", "date"):
        assert format_value(missing, unit) == "—"
    assert format_difference(missing, "share") == "—"


def test_not_missing():
    assert not any(is_missing(v) for v in (0, 0.0, False, "", "—x", pd.Timestamp("2026-01-01")))


@pytest.mark.parametrize(("difference", "unit", "expected"), [
    (0.023, "share", "+2,3 điểm %"),              # shares move in percentage points
    (-12_345, "vnd", "−12.345 ₫"),
    (4.6, "points", "+4,6 điểm"),
    (-11, "count", "−11"),
    (0.5, "count", "+0,5"),                       # half a customer is not "no change"
    (0.0004, "share", "+0,04 điểm %"),            # 0,04 points, not "+0,0"
    (0.0, "share", "±0"),
    (0.25, "ratio", "+0,3×"),
    (1_300_000, "vnd", "+1.300.000 ₫"),
])
def test_format_difference_by_hand(difference, unit, expected):
    assert format_difference(difference, unit) == expected


def test_compact_money_differences():
    assert format_difference(1_300_000, "vnd", compact=True) == "+1,3 triệu ₫"
    assert format_difference(-20_106.0, "vnd", compact=True) == "−20.106 ₫"


def test_unknown_units_are_a_programming_error():
    with pytest.raises(ValueError, match="unknown unit"):
        format_value(1, "percent")
    with pytest.raises(ValueError):
        format_difference(1, "yes_no")


@pytest.mark.parametrize(("name", "unit"), [
    ("cac_vnd", "vnd"), ("conversion_rate", "share"), ("repeat_share", "share"), ("payment_failure_prob", "share"),
    ("service_level", "share"), ("retention_cost_ratio", "ratio"), ("mean_wait_min", "minutes"), ("recency_days", "days"),
    ("n_runs", "count"), ("customers", "count"), ("nps", "points"), ("gap", None), ("value", None), (3, None),
    ("arrivals_per_min", None), ("orders_per_customer", None), ("cost_per_visit_vnd", "vnd"), ("chat_utilisation", "share"),
    ("unsubscribe_prob_per_email", "share"), ("share_of_started", "share"),
])
def test_unit_from_a_name(name, unit):
    assert unit_for(name) == unit


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12), st.integers(0, 3))
def test_vi_number_reads_back(value, digits):
    """The text, read back (dots removed, comma as the decimal point, − as minus), is the value rounded half away from
    zero to ``digits`` decimals; the integer part is grouped by threes."""
    text = vi_number(value, digits)
    number = float(text.replace(".", "").replace(",", ".").replace("−", "-"))
    assert abs(number - value) <= 0.5 * 10 ** -digits + 1e-9 * max(1.0, abs(value))
    whole = text.lstrip("−").split(",")[0].split(".")
    assert 1 <= len(whole[0]) <= 3 and all(len(group) == 3 for group in whole[1:])
    assert "-" not in text and "e" not in text


VIETNAMESE_NUMBER = re.compile(r"\d{1,3}(\.\d{3})*(,\d+)?")
"""A number as Vietnamese writes it: groups of three digits after the first, separated by dots; decimals after a comma."""


@given(st.sampled_from([u for u in UNITS if u not in ("yes_no", "date", "datetime", "text")]),
       st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_no_english_number_ever(unit, value):
    """Whatever the unit and the value, every number in the text is written the Vietnamese way (never ``0.35`` or
    ``1,234.5``), and there is no ``nan``, ``inf`` or exponent."""
    for text in (format_value(value, unit), format_difference(value, unit), format_value(value, unit, compact=True)):
        assert not re.search(r"nan|inf|e[+-]", text.lower()), text
        for number in re.findall(r"[\d.,]*\d", text):
            assert VIETNAMESE_NUMBER.fullmatch(number), (unit, value, text)
