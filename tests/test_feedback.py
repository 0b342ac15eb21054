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
                                             (-3.5, "-3,5"), (2.0, "2")])
def test_numbers_are_shown_the_vietnamese_way(value, text):
    assert feedback._shown(value) == text
