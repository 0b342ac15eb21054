"""Lab feedback: right, wrong, not done; silent for students, strict when grading."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import fractions
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.extra import pandas as hpd
from nbclient import NotebookClient
from PIL import ImageFont

from sim import feedback
from sim.charts.style import FONT


@pytest.fixture(autouse=True)
def student(monkeypatch):
    monkeypatch.delenv(feedback.GRADING_ENV, raising=False)


def test_right_wrong_and_out_of_range_numbers(capsys):
    assert feedback.check_number("Câu 1", 20.0, 20.0)
    assert "✓" in capsys.readouterr().out
    assert not feedback.check_number("Câu 1", 150, 20.0, low=-100, high=100, range_vi="NPS phải nằm trong khoảng −100 đến 100")
    assert "NPS phải nằm trong khoảng −100 đến 100" in capsys.readouterr().out
    assert not feedback.check_number("Câu 1", 25.0, 20.0)
    assert "lớn hơn" in capsys.readouterr().out
    assert feedback.check_number("Câu 1", np.float64(20.1), 20.0, rel_tol=0.01)


@pytest.mark.parametrize("answer", [None, ...])
def test_a_stub_is_not_done_and_does_not_raise(answer, capsys):
    assert not feedback.check_number("Câu 2", answer, 1.0)
    assert "chưa làm" in capsys.readouterr().out


@pytest.mark.parametrize("answer", ["20", [20], pd.DataFrame(), True])
def test_wrong_types_get_a_message_not_a_traceback(answer, capsys):
    assert not feedback.check_number("Câu 3", answer, 20.0)
    assert "cần một con số" in capsys.readouterr().out


def test_grading_mode_raises_on_wrong_and_not_done(monkeypatch):
    monkeypatch.setenv(feedback.GRADING_ENV, "1")
    assert feedback.check_number("Câu 1", 20.0, 20.0)
    with pytest.raises(AssertionError, match="chưa làm"):
        feedback.check_number("Câu 1", None, 20.0)
    with pytest.raises(AssertionError):
        feedback.check_number("Câu 1", 30.0, 20.0)


def test_estimates_score_by_relative_error():
    # truth 200: 210 is 5% off (good), 260 is 30% off (fair), 400 is 100% off
    assert feedback.check_estimate("Câu 4", 210, 200, good_rel_err=0.1, fair_rel_err=0.35) == 1.0
    assert feedback.check_estimate("Câu 4", 260, 200, good_rel_err=0.1, fair_rel_err=0.35) == 0.5
    assert feedback.check_estimate("Câu 4", 400, 200, good_rel_err=0.1, fair_rel_err=0.35) == 0.0
    assert feedback.check_estimate("Câu 4", None, 200, good_rel_err=0.1, fair_rel_err=0.35) == 0.0


def test_tables_are_checked_by_key_and_columns(capsys):
    want = pd.DataFrame({"stage": [1, 2], "n": [10, 5]})
    assert feedback.check_frame("Câu 5", want.iloc[::-1].copy(), want, key="stage", columns=["n"])
    assert not feedback.check_frame("Câu 5", want.assign(n=[10, 6]), want, key="stage", columns=["n"])
    assert "cột `n`" in capsys.readouterr().out
    assert not feedback.check_frame("Câu 5", want.drop(columns="n"), want, key="stage", columns=["n"])
    assert "thiếu cột n" in capsys.readouterr().out
    assert not feedback.check_frame("Câu 5", pd.DataFrame(), want, key="stage", columns=["n"])
    assert "rỗng" in capsys.readouterr().out
    assert not feedback.check_frame("Câu 5", [1, 2], want, key="stage", columns=["n"])


def test_sets_ignore_order():
    assert feedback.check_set("Câu 6", ["KH2", "KH1"], {"KH1", "KH2"})
    assert feedback.check_set("Câu 6", pd.Series(["KH1", "KH2"]), ["KH2", "KH1"])
    assert not feedback.check_set("Câu 6", ["KH1"], ["KH1", "KH2"])
    assert not feedback.check_set("Câu 6", "KH1", ["KH1"])


@pytest.mark.parametrize("answer", ["security_concern", "Security concern", "lo ngại an toàn,  bảo mật", "SECURITY_CONCERN"])
def test_a_choice_may_be_the_code_or_either_label(answer, capsys):
    assert feedback.check_choice("Câu 4", answer, "security_concern", kind="reason")
    assert "✓" in capsys.readouterr().out


@pytest.mark.parametrize("answer", ["price_too_high", "lo ngai an toan, bao mat", 3, [1], pd.DataFrame()])
def test_a_wrong_choice_or_type_is_told_without_a_traceback(answer, capsys):
    assert not feedback.check_choice("Câu 4", answer, "security_concern", kind="reason")
    assert "✗" in capsys.readouterr().out


def test_a_choice_stub_is_not_done_and_grading_raises(monkeypatch, capsys):
    assert not feedback.check_choice("Câu 4", None, "3", kind="stage")
    assert "chưa làm" in capsys.readouterr().out
    monkeypatch.setenv(feedback.GRADING_ENV, "1")
    with pytest.raises(AssertionError):
        feedback.check_choice("Câu 4", "2", "3", kind="stage")
    assert feedback.check_choice("Câu 4", 3, "3", kind="stage")


def test_a_plausible_estimate_is_recorded_and_an_implausible_one_is_told(capsys, monkeypatch):
    assert feedback.check_plausible("Câu 6", 600, low=0, high=2000, range_vi="Số người mua phải từ 0 đến 2.000")
    assert "đã ghi nhận" in capsys.readouterr().out
    assert not feedback.check_plausible("Câu 6", 2500, low=0, high=2000, range_vi="Số người mua phải từ 0 đến 2.000")
    assert "Số người mua phải từ 0 đến 2.000 (bạn đưa 2.500)" in capsys.readouterr().out
    assert not feedback.check_plausible("Câu 6", "600", low=0, high=2000, range_vi="…")
    assert "cần một con số" in capsys.readouterr().out
    monkeypatch.setenv(feedback.GRADING_ENV, "1")
    with pytest.raises(AssertionError):
        feedback.check_plausible("Câu 6", None, low=0, high=2000, range_vi="…")


@pytest.mark.parametrize(("value", "text"), [(18496, "18.496"), (0.2498, "0,2498"), (616.6, "616,6"), (1234567.8, "1.234.568"),
                                             (-3.5, "−3,5"), (2.0, "2")])
def test_numbers_are_shown_the_vietnamese_way(value, text):
    assert feedback._shown(value) == text


def test_a_check_shows_nothing_under_its_message_in_a_notebook():
    verdict = feedback.check_number("Câu 1", 20.0, 20.0)
    score = feedback.check_estimate("Câu 6", 100, 100, good_rel_err=0.1, fair_rel_err=0.2)
    assert verdict == True and score == 1.0  # noqa: E712  (a Verdict is an int, True == 1)
    assert hasattr(verdict, "_ipython_display_") and hasattr(score, "_ipython_display_")
    assert verdict._ipython_display_() is None


def test_a_percentage_instead_of_a_share_gets_a_hint(capsys):
    assert not feedback.check_number("Câu 2", 25.0, 0.25)
    assert "nhân 100" in capsys.readouterr().out
    expected = pd.DataFrame({"k": ["a", "b"], "rate": [0.2, 0.5]})
    assert not feedback.check_frame("Câu 3", expected.assign(rate=[20.0, 50.0]), expected, key="k", columns=["rate"])
    assert "nhân 100" in capsys.readouterr().out


def test_a_table_with_keys_of_the_wrong_form_names_the_missing_and_the_extra_row(capsys):
    expected = pd.DataFrame({"cohort": ["2026-01", "2026-02"], "n": [3, 4]})
    answer = pd.DataFrame({"cohort": [pd.Period("2026-01", "M"), pd.Period("2026-02", "M")], "n": [3, 4]})
    assert not feedback.check_frame("Câu 3", answer, expected, key="cohort", columns=["n"])
    out = capsys.readouterr().out
    assert "thiếu dòng cohort = '2026-01'" in out and "thừa dòng cohort = Period('2026-01', 'M')" in out
    assert not feedback.check_frame("Câu 3", pd.concat([expected, expected.head(1)]), expected, key="cohort", columns=["n"])
    assert "bị lặp" in capsys.readouterr().out


def test_keys_of_mixed_types_or_left_in_the_index_are_told_without_a_traceback(capsys):
    expected = pd.DataFrame({"k": [3, 4, 5], "n": [1, 2, 3]})
    assert not feedback.check_frame("Câu 2", pd.DataFrame({"k": [3, "4", 5], "n": [1, 2, 3]}), expected, key="k", columns=["n"])
    assert "trộn nhiều kiểu" in capsys.readouterr().out
    assert not feedback.check_frame("Câu 2", expected.set_index("k"), expected, key="k", columns=["n"])
    assert ".reset_index()" in capsys.readouterr().out


def test_a_series_answer_is_shown_on_one_line(capsys):
    assert not feedback.check_number("Câu 1", pd.Series([1.0, 2.0, 3.0]), 2.0)
    line = capsys.readouterr().out.strip()
    assert "\n" not in line and "Series" in line


def test_a_table_where_a_list_is_expected_is_told(capsys):
    assert not feedback.check_set("Câu 1", pd.DataFrame({"product_id": ["A", "B"]}), ["A", "B"], what_vi="sản phẩm")
    assert "cần một danh sách sản phẩm (list), bạn đưa một bảng (DataFrame) 2 dòng × 1 cột" in capsys.readouterr().out


# --- Every answer gets a message, named in words a business student knows -------------------------------------------


MARKS = {"✓": "right", "✗": "wrong", "…": "not_done", "≈": "fair", "✎": "recorded"}


@contextlib.contextmanager
def shown_lines():
    """Collect the lines the checks show (outside a notebook they print them), one status and message each."""
    lines: list[str] = []
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        yield lines
    lines.extend(out.getvalue().splitlines())


def _one_message(call) -> str:
    with shown_lines() as lines:
        call()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize(("answer", "words"), [
    (10**400, "quá lớn"),
    pytest.param(10**5000, "quá lớn", id="10**5000"),  # Python refuses to write an int of over 4,300 digits: the message must not try
    (np.longdouble("1e4000"), "vô hạn"),
    (float("inf"), "vô hạn"),
    (np.array([[1.0, 2.0], [3.0, 4.0]]), "một mảng nhiều chiều"),
    ([[0.35]], "một danh sách lồng nhau"),
    ({"a": 0.35}, "một từ điển (dict)"),
    (pd.DataFrame({"x": [0.35]}), "một bảng (DataFrame) 1 dòng × 1 cột; hãy lấy con số ra, ví dụ `.iloc[0, 0]`"),
    (pd.Series([0.35, 0.4]), "một cột (Series) 2 giá trị"),
    ("0,35", "một đoạn chữ (chuỗi, str) '0,35'; hãy bỏ dấu ngoặc kép, ví dụ `0.35`"),
    (len, "quên dấu ngoặc `()`"),
    (pd.NA, "giá trị trống"),
    (np.datetime64("2026-01-01"), "một ngày giờ"),
    (1 + 2j, "một số phức"),
])
def test_any_answer_to_a_number_question_gets_a_message_naming_what_it_is(answer, words):
    line = _one_message(lambda: feedback.check_number("Câu 1", answer, 0.35))
    assert line.startswith("✗ Câu 1: cần một con số") and words in line, line


@pytest.mark.parametrize("answer", [np.longdouble("0.35"), np.array(0.35), np.array([[0.35]]), np.float32(0.35),
                                    pd.Series([0.35]), decimal.Decimal("0.35"), fractions.Fraction(7, 20)])
def test_numpy_and_exact_numbers_are_numbers(answer):
    assert feedback.check_number("Câu 1", answer, 0.35)


@pytest.mark.parametrize(("answer", "write"), [((0, 35), "`0.35`"), ((12, 5), "`12.5`"), ((-1, 5), "`-1.5`"),
                                               ((0.35,), "bỏ dấu phẩy: `0.35`"), ((1, 234, 567), "`1234567`"),
                                               ((2, 0, 0), "`2000000`")])
def test_a_number_typed_with_commas_gets_the_way_to_write_it(answer, write):
    line = _one_message(lambda: feedback.check_number("Câu 2", answer, 0.35))
    assert line.startswith("✗") and "một bộ giá trị (tuple)" in line and write in line, line


def test_a_tuple_that_is_no_number_typed_with_commas_gets_no_such_hint():
    line = _one_message(lambda: feedback.check_number("Câu 2", (1, 2, 3), 0.35))
    assert "một bộ giá trị (tuple) 3 phần tử" in line and "có phải bạn viết" not in line


def test_a_series_where_a_table_is_expected_and_duplicate_columns_are_told():
    want = pd.DataFrame({"k": ["a", "b"], "n": [1, 2]})
    line = _one_message(lambda: feedback.check_frame("Câu 3", want.set_index("k")["n"], want, key="k", columns=["n"]))
    assert "cần một bảng (pandas DataFrame), bạn đưa một cột (Series) 2 giá trị" in line and "`.reset_index()`" in line
    doubled = pd.DataFrame([["a", 1, 1], ["b", 2, 2]], columns=["k", "n", "n"])
    line = _one_message(lambda: feedback.check_frame("Câu 3", doubled, want, key="k", columns=["n"]))
    assert line.startswith("✗") and "nhiều cột cùng tên `n`" in line
    line = _one_message(lambda: feedback.check_frame("Câu 3", [["a", 1], ["b", 2]], want, key="k", columns=["n"]))
    assert "một danh sách lồng nhau" in line and "pd.DataFrame(...)" in line


@pytest.mark.parametrize(("answer", "words"), [([["KH1"], ["KH2"]], "chứa một danh sách (list) 1 phần tử"),
                                               ([{"id": "KH1"}], "chứa một từ điển (dict)"),
                                               (np.array("KH1"), "một đoạn chữ"),
                                               (np.array([["KH1", "KH2"]]), "`.ravel().tolist()`"),
                                               (10**400, "một con số")])
def test_a_collection_question_tells_what_is_not_a_list_of_keys(answer, words):
    line = _one_message(lambda: feedback.check_set("Câu 6", answer, ["KH1", "KH2"]))
    assert line.startswith("✗") and words in line, line


@pytest.mark.parametrize(("answer", "status"), [(10**400, "wrong"), pytest.param(10**5000, "wrong", id="10**5000"),
                                                (np.longdouble("3"), "wrong"), (np.array("3"), "right"),
                                                (pd.Series(["3"]), "right"), (np.int64(3), "right")])
def test_a_choice_answers_big_numbers_and_numpy_values(answer, status):
    line = _one_message(lambda: feedback.check_choice("Câu 4", answer, "3", kind="stage"))
    assert MARKS.get(line[0]) == status and len(line) < 200, line


def test_a_mistake_in_the_labs_own_call_still_raises():
    with pytest.raises(TypeError):
        feedback.check_number("Câu 1", 0.35, 0.35, rtol=0.1)  # the lecturer's typo, not the student's answer


# --- Missing values never count as right -----------------------------------------------------------------------------


def test_an_all_missing_nullable_column_is_not_right_also_while_grading(monkeypatch):
    """Expected n = 1, 2 and r = 0.5, 0.25; the answer has the columns after convert_dtypes(), all pd.NA."""
    want = pd.DataFrame({"k": ["a", "b"], "n": [1, 2], "r": [0.5, 0.25]})
    blank = want.convert_dtypes().assign(n=pd.array([pd.NA, pd.NA], dtype="Int64"),
                                         r=pd.array([pd.NA, pd.NA], dtype="Float64"))
    line = _one_message(lambda: feedback.check_frame("Câu 3", blank, want, key="k", columns=["n", "r"]))
    assert line.startswith("✗") and "cột `n` chưa đúng ở dòng 'a'" in line and "ô trống" in line, line
    monkeypatch.setenv(feedback.GRADING_ENV, "1")
    with pytest.raises(feedback.NotRight):
        feedback.check_frame("Câu 3", blank, want, key="k", columns=["r"])
    with pytest.raises(feedback.NotRight):
        feedback.check_frame("Câu 3", want.assign(r=[0.5, np.nan]), want, key="k", columns=["r"])


def test_a_missing_value_is_right_where_the_expected_value_is_missing_too():
    want = pd.DataFrame({"k": [1, 2, 3], "r": [0.5, np.nan, 0.25], "t": ["x", None, "z"]})
    assert feedback.check_frame("Câu 3", want.convert_dtypes(), want, key="k", columns=["r", "t"])
    assert not feedback.check_frame("Câu 3", want.assign(t=["x", "None", "z"]), want, key="k", columns=["t"])
    assert not feedback.check_set("Câu 6", [np.nan, None], ["KH1", "KH2"])
    assert feedback.check_set("Câu 6", ["KH1", None], ["KH1", np.nan])


# --- Property tests: any input ---------------------------------------------------------------------------------------

_numbers_ = st.one_of(st.integers(), st.integers(min_value=300, max_value=6000).map(lambda e: 10**e),
                      st.floats(), st.floats().map(np.longdouble), st.decimals(), st.fractions(), st.complex_numbers(),
                      hnp.scalar_dtypes().flatmap(hnp.from_dtype))
_scalars = st.one_of(st.none(), st.just(...), st.booleans(), _numbers_, st.text(max_size=30), st.binary(max_size=10),
                     st.sampled_from([pd.NA, pd.NaT, np.nan, len, pd.DataFrame.sum, np, object(), int]),
                     st.sampled_from([int, float, complex, str, bytes, bool, range, slice, dt.date, dt.datetime,
                                      dt.timedelta, decimal.Decimal, fractions.Fraction]).flatmap(st.from_type))
_arrays = hnp.arrays(dtype=st.one_of(hnp.scalar_dtypes(), st.just(np.dtype(np.longdouble))),
                     shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
_column_names = st.lists(st.sampled_from(["k", "n", "r", "x"]), min_size=1, max_size=4)


_MISSING_FORMS = {
    "Int64": lambda n: pd.array([pd.NA] * n, dtype="Int64"),
    "Float64": lambda n: pd.array([pd.NA] * n, dtype="Float64"),
    "nan": lambda n: np.full(n, np.nan),
    "None": lambda n: pd.Series([None] * n, dtype=object).to_numpy(),
    "str NA": lambda n: pd.array([pd.NA] * n, dtype="string"),
}


@st.composite
def _frames(draw):
    """Tables of any column names (repeats allowed) and kinds, nullable ones included, sometimes all missing."""
    names = draw(_column_names)
    dtype = draw(st.sampled_from([float, int, object, bool, "datetime64[ns]"]))
    frame = draw(hpd.data_frames(columns=hpd.columns(len(names), dtype=dtype), index=hpd.range_indexes(max_size=5)))
    frame.columns = names  # repeated names allowed, as a student's table may have them
    if draw(st.booleans()):
        frame = frame.convert_dtypes()
    if len(frame.columns) and draw(st.booleans()):
        frame.isetitem(0, _MISSING_FORMS[draw(st.sampled_from(list(_MISSING_FORMS)))](len(frame)))
    return frame


_pandas = st.one_of(_frames(), hpd.series(dtype=float, index=hpd.range_indexes(max_size=4)),
                    hpd.series(dtype=int, index=hpd.range_indexes(max_size=4)).map(lambda s: s.astype("Int64")),
                    hpd.indexes(dtype=int, max_size=4), hpd.series(elements=st.none() | st.integers() | st.text(), dtype=object,
                                                                   index=hpd.range_indexes(max_size=4)))
_answers = st.recursive(st.one_of(_scalars, _arrays, _pandas),
                        lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                st.dictionaries(st.text(max_size=3), inner, max_size=3),
                                                st.frozensets(st.integers() | st.text(max_size=3), max_size=4)),
                        max_leaves=8)

EXPECTED_FRAME = pd.DataFrame({"k": ["a", "b"], "n": [1, 2], "r": [0.5, 0.25]})
CHECKS = {
    "number": lambda a: feedback.check_number("Câu 1", a, 0.35),
    "estimate": lambda a: feedback.check_estimate("Câu 2", a, 200, good_rel_err=0.1, fair_rel_err=0.3),
    "plausible": lambda a: feedback.check_plausible("Câu 2", a, low=0, high=1000, range_vi="Phải từ 0 đến 1.000"),
    "frame": lambda a: feedback.check_frame("Câu 3", a, EXPECTED_FRAME, key="k", columns=["n", "r"]),
    "set": lambda a: feedback.check_set("Câu 4", a, ["KH1", "KH2"]),
    "choice": lambda a: feedback.check_choice("Câu 5", a, "security_concern", kind="reason"),
}
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(answer=_answers)
def test_every_check_answers_any_input_with_one_message(answer):
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "0"}):
        for name, check in CHECKS.items():
            with shown_lines() as lines:
                result = check(answer)
            assert isinstance(result, (feedback.Verdict, feedback.Score)), name
            assert len(lines) == 1 and lines[0][0] in MARKS and len(lines[0]) < 400, (name, lines)


@PROPERTY
@given(answer=_answers)
def test_while_grading_a_check_raises_only_its_own_assertion(answer):
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "1"}):
        for name, check in CHECKS.items():
            with shown_lines():
                try:
                    result = check(answer)
                except feedback.NotRight:
                    continue
            assert result, name  # returned without raising: it must be a right (or fair) answer


@st.composite
def _expected_and_blanked(draw):
    """An expected table with no missing value, and the same table with some cells of one column missing."""
    n = draw(st.integers(1, 6))
    expected = pd.DataFrame({"k": range(n),
                             "count": draw(st.lists(st.integers(-10**6, 10**6), min_size=n, max_size=n)),
                             "rate": draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=n, max_size=n)),
                             "name": draw(st.lists(st.text(min_size=1, max_size=5), min_size=n, max_size=n))})
    column = draw(st.sampled_from(["count", "rate", "name"]))
    rows = draw(st.lists(st.integers(0, n - 1), min_size=1, unique=True)) if draw(st.booleans()) else list(range(n))
    blank = draw(st.sampled_from(list(_MISSING_FORMS)))
    answer = expected.convert_dtypes() if draw(st.booleans()) else expected.copy()
    values = pd.array(answer[column], dtype=object)
    for row, missing in zip(rows, _MISSING_FORMS[blank](len(rows)), strict=True):
        values[row] = missing
    answer[column] = pd.Series(_MISSING_FORMS[blank](n) if len(rows) == n else values, index=answer.index)
    return expected, answer, column


@PROPERTY
@given(case=_expected_and_blanked())
def test_a_missing_value_never_counts_as_right(case):
    expected, answer, column = case
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "0"}), shown_lines() as lines:
        assert not feedback.check_frame("Câu 3", answer, expected, key="k", columns=[column])
    assert len(lines) == 1 and lines[0].startswith("✗"), lines
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "1"}), shown_lines(), pytest.raises(feedback.NotRight):
        feedback.check_frame("Câu 3", answer, expected, key="k", columns=[column])


@PROPERTY
@given(n=st.integers(1, 5), blank=st.sampled_from([np.nan, None, pd.NA, pd.NaT, float("nan")]))
def test_missing_values_are_not_a_right_set_or_number(n, blank):
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "0"}), shown_lines():
        assert not feedback.check_set("Câu 4", [blank] * n, ["KH1", "KH2"])
        assert not feedback.check_set("Câu 4", pd.Series([blank] * n, dtype=object), ["KH1", "KH2"])
        assert not feedback.check_number("Câu 1", pd.Series([blank], dtype=object), 0.35)
        assert not feedback.check_estimate("Câu 2", blank, 200, good_rel_err=0.1, fair_rel_err=0.3)


@PROPERTY
@given(head=st.integers(-10**6, 10**6), tail=st.integers(1, 10**6))
def test_a_decimal_comma_is_read_back_as_the_number_meant(head, tail):
    """`head,tail` typed in Python is the tuple (head, tail): the hint writes the number `head.tail`."""
    line = _one_message(lambda: feedback.check_number("Câu 1", (head, tail), 0.35))
    assert f"`{head}.{tail}`" in line and "tuple" in line, line


# --- Shown as rich output: course font and colours, marks that need no emoji font ------------------------------------

COURSE_FONT_FILE = Path(__file__).resolve().parents[1] / "sim" / "charts" / "fonts" / "DejaVuSans.ttf"
OUR_TAGS = {"div", "span", "strong", "code"}


class _Html(HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self, fragment: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def _in_course_font():
    """Whether a character has a glyph in DejaVu Sans, the course font shipped in sim/charts/fonts: a character
    the font lacks is drawn as its empty box (.notdef), the same as a code point no font has."""
    font = ImageFont.truetype(str(COURSE_FONT_FILE), 32)

    def drawn(ch: str) -> tuple:
        mask = font.getmask(ch)
        return mask.size, bytes(mask)

    empty_box = drawn("\U0010fffd")
    return lambda ch: ch.isspace() or drawn(ch) != empty_box


def _contrast(colour_a: str, colour_b: str) -> float:
    """WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), L the relative luminance of sRGB."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_feedback_is_html_in_the_course_font_with_a_plain_text_copy():
    line = feedback.Feedback("wrong", "Câu 3", "cột `n` chưa đúng ở dòng 'a'")
    bundle = line._repr_mimebundle_()
    assert bundle["text/plain"] == "✗ Câu 3: cột `n` chưa đúng ở dòng 'a'" == str(line)
    page = _Html(bundle["text/html"])
    assert page.text == "✗Câu 3: cột n chưa đúng ở dòng 'a'"
    assert {tag for tag, _ in page.tags} <= OUR_TAGS and ("code", {"style": mock.ANY}) in page.tags
    div_style = page.tags[0][1]["style"]
    assert f"font-family:{FONT}" in div_style and "#c62828" in div_style  # the charts' font; wrong in red


def test_the_marks_are_in_the_course_font_and_the_old_emoji_were_not():
    in_font = _in_course_font()
    assert all(in_font(status.mark) for status in feedback.STATUSES.values())
    assert not any(in_font(emoji) for emoji in "✅❌⏳📝🟡")  # why they showed as empty boxes


def test_every_character_a_student_reads_is_in_the_course_font():
    in_font = _in_course_font()
    want = pd.DataFrame({"k": ["a", "b"], "n": [1, 2]})
    with mock.patch.object(feedback, "_show", (lines := []).append):
        feedback.check_number("Câu 1", None, 1.0)
        feedback.check_number("Câu 1", (0, 35), 0.35)
        feedback.check_number("Câu 1", 12.5, 1.0, low=0, high=10, range_vi="Phải từ 0 đến 10")
        feedback.check_number("Câu 1", 25.0, 0.25)
        feedback.check_estimate("Câu 2", 260, 200, good_rel_err=0.1, fair_rel_err=0.35, unit="₫")
        feedback.check_plausible("Câu 2", 600, low=0, high=2000, range_vi="…")
        feedback.check_frame("Câu 3", want.assign(n=pd.array([pd.NA, pd.NA], dtype="Int64")), want, key="k", columns=["n"])
        feedback.check_frame("Câu 3", want.set_index("k")["n"], want, key="k", columns=["n"])
        feedback.check_set("Câu 4", [["KH1"]], ["KH1"], what_vi="khách hàng")
        feedback.check_choice("Câu 5", "security_concern", "security_concern", kind="reason")
    assert {line.status for line in lines} == set(feedback.STATUSES)
    for line in lines:
        text = _Html(line._repr_html_()).text
        assert all(in_font(ch) for ch in text), [ch for ch in text if not in_font(ch)]


@pytest.mark.parametrize("status", list(feedback.STATUSES))
def test_marks_and_text_are_readable_on_their_colours(status):
    s = feedback.STATUSES[status]
    assert _contrast("#ffffff", s.colour) >= 4.5  # WCAG AA for normal text
    assert _contrast(feedback.TEXT_COLOUR, s.background) >= 4.5


@PROPERTY
@given(answer=st.text(max_size=80), question=st.text(min_size=1, max_size=20))
def test_a_students_text_is_shown_as_text_never_as_html(answer, question):
    with mock.patch.dict(os.environ, {feedback.GRADING_ENV: "0"}), \
            mock.patch.object(feedback, "_show", (lines := []).append):
        feedback.check_choice(question, answer, "security_concern", kind="reason")
        feedback.check_number(question, answer, 0.35)
    assert len(lines) == 2
    for line in lines:
        page = _Html(line._repr_html_())
        assert {tag for tag, _ in page.tags} <= OUR_TAGS
        code_marks_dropped = re.sub(r"`([^`]+)`", r"\1", line.message)
        assert page.text == f"{feedback.STATUSES[line.status].mark}{question}: {code_marks_dropped}"


def test_a_notebook_shows_feedback_as_rich_output_not_as_printed_text(tmp_path):
    """In a kernel a check displays HTML with a plain-text copy (what nbgrader keeps); it prints nothing."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from sim.feedback import check_number\ncheck_number('Câu 1', 0.35, 0.35)\ncheck_number('Câu 2', None, 1.0)")])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data", "display_data"], outputs
    assert [o.data["text/plain"] for o in outputs] == ["✓ Câu 1: đúng rồi (0,35).",
                                                       "… Câu 2: câu này chưa làm (not done yet) — hãy thay `None` bằng "
                                                       "câu trả lời của bạn."]
    assert "ecrm-feedback-right" in outputs[0].data["text/html"] and "ecrm-feedback-not_done" in outputs[1].data["text/html"]


def test_not_done_names_the_stub_the_student_left(capsys: pytest.CaptureFixture[str]):
    """A practice exercise starts from ``...``, a lab answer from ``None``: the message names the one left in place."""
    feedback.check_number("Bài tập 01.1", ..., 1.0)
    feedback.check_number("Câu 1", None, 1.0)
    out = capsys.readouterr().out
    assert "hãy thay `...` bằng câu trả lời" in out and "hãy thay `None` bằng câu trả lời" in out
