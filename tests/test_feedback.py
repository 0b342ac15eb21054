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
