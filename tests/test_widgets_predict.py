"""Predict first: the comparison sentence worked by hand, and the widget locking the guess before the result."""

from __future__ import annotations

import pytest

from sim.base.errors import DataError
from sim.widgets.predict import PredictFirst, guess_against_result


def test_share_guess_below_result():
    # 25% guessed, 31.2% found: 6.2 points higher; |0.062| / 0.312 = 0.199, within 30%: «Khá gần».
    text = guess_against_result(0.25, 0.312, "share")
    assert text == "Bạn đoán 25,0%, kết quả là 31,2%: kết quả cao hơn dự đoán 6,2 điểm %. Khá gần."


def test_money_guess_far_above_result():
    # 200.000 ₫ guessed, 120.000 ₫ found: 80.000 ₫ lower; 80 / 120 = 0.67 > 0.30: «Còn xa».
    text = guess_against_result(200_000, 120_000, "vnd")
    assert text.startswith("Bạn đoán 200.000 ₫, kết quả là 120.000 ₫: kết quả thấp hơn dự đoán 80.000 ₫. Còn xa")


def test_close_and_exact_guesses():
    assert guess_against_result(95, 100, "count").endswith("Rất sát.")  # 5 / 100 = 0.05
    assert guess_against_result(100, 100, "count").endswith("đúng bằng dự đoán.")
    assert guess_against_result(float("nan"), 1.0, "number").endswith("không so sánh được.")


def test_unknown_unit_is_refused():
    with pytest.raises(DataError):
        guess_against_result(1, 2, "furlongs")


def test_result_stays_hidden_until_the_guess_is_locked():
    runs = []

    def experiment() -> float:
        runs.append(1)
        return 0.4

    widget = PredictFirst("Tỷ lệ bao nhiêu?", "share", experiment)
    assert widget.result is None and runs == []
    assert "Kết quả chỉ hiện sau khi bạn đã chốt" in widget.answer.value
    widget.box.value = 30.0  # typed in percent
    widget.button.click()
    assert widget.guess == pytest.approx(0.30) and widget.result == pytest.approx(0.4)
    assert widget.box.disabled and widget.button.disabled
    assert "Bạn đoán 30,0%, kết quả là 40,0%" in widget.answer.value
    widget.button.click()  # a second click changes nothing and runs nothing
    assert runs == [1]
