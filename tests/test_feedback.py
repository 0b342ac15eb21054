"""Lab feedback: right, wrong, not done; silent for students, strict when grading."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import feedback


@pytest.fixture(autouse=True)
def student(monkeypatch):
    monkeypatch.delenv(feedback.GRADING_ENV, raising=False)


def test_right_wrong_and_out_of_range_numbers(capsys):
    assert feedback.check_number("Câu 1", 20.0, 20.0)
    assert "✅" in capsys.readouterr().out
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
    assert "✅" in capsys.readouterr().out


@pytest.mark.parametrize("answer", ["price_too_high", "lo ngai an toan, bao mat", 3, [1], pd.DataFrame()])
def test_a_wrong_choice_or_type_is_told_without_a_traceback(answer, capsys):
    assert not feedback.check_choice("Câu 4", answer, "security_concern", kind="reason")
    assert "❌" in capsys.readouterr().out


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
    assert "cần một danh sách sản phẩm (list), bạn đưa DataFrame" in capsys.readouterr().out
