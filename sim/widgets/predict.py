"""Predict first, then run: the student writes a guess before the experiment shows its result.

Teaching by prediction (Crouch & Mazur 2001, *Peer Instruction*; QuantEcon's lectures ask for a
guess before each simulation): a student who has committed to a number notices when the result
differs, and asks why. A topic notebook puts a :class:`PredictFirst` before its main experiment:

1. the question and a box for the guess, in the unit of the result (a share as a percentage,
   money in đồng, a count);
2. the button «Chốt dự đoán và chạy» locks the guess, runs the experiment and shows the result
   beside the guess with the difference (:func:`guess_against_result`);
3. the experiment's own panel or chart, if it returns one, appears under the comparison.

A student who runs the notebook top to bottom without clicking still sees every other cell; the
result stays hidden until a guess is locked. Numbers are written by :mod:`sim.base.formats`.

Typical use::

    from sim.widgets.predict import PredictFirst
    PredictFirst("Nhân đôi ngân sách quảng cáo thì số khách mới tăng bao nhiêu phần trăm?", "share",
                 lambda: (tang_truong, bieu_do))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from sim.base.checks import check_choice
from sim.base.formats import format_difference, format_value

UNITS: dict[str, str] = {"share": "%", "vnd": "₫", "count": "", "number": "", "points": "điểm", "days": "ngày",
                         "minutes": "phút", "ratio": "lần"}
"""Units a guess can be written in, and the word shown beside the box (a share is typed in percent)."""

CONFIRM_TEXT = "Chốt dự đoán và chạy"
WAITING_TEXT = "Nhập dự đoán của bạn rồi bấm «Chốt dự đoán và chạy». Kết quả chỉ hiện sau khi bạn đã chốt."


def _guess_value(guess: float, unit: str) -> float:
    """A guess as typed (a share in percent) in the unit of the result (a share as a fraction)."""
    return guess / 100.0 if unit == "share" else guess


def guess_against_result(guess: float, result: float, unit: str = "number") -> str:
    """One sentence comparing the student's guess with the experiment's result.

    The difference is result − guess, in the unit's own terms (percentage points for a share,
    đồng for money); the relative gap |result − guess| / |result| decides the verdict: within
    10% «rất sát», within 30% «khá gần», otherwise «còn xa». A result of exactly zero is compared
    by the difference alone.

    Args:
        guess: the guess in the unit of the result (a share as a fraction, not in percent).
        result: what the experiment gave.
        unit: one of :data:`UNITS`.

    Returns:
        Vietnamese text, for example «Bạn đoán 25%, kết quả là 31,2%: kết quả cao hơn dự đoán
        6,2 điểm %. Còn xa: thử giải thích vì sao.»

    Raises:
        sim.base.errors.BilingualError: an unknown unit.
    """
    check_choice("unit", unit, sorted(UNITS))
    said = f"Bạn đoán {format_value(guess, unit)}, kết quả là {format_value(result, unit)}"
    if not (math.isfinite(guess) and math.isfinite(result)):
        return f"{said}: không so sánh được."
    difference = result - guess
    if difference == 0:
        return f"{said}: đúng bằng dự đoán."
    direction = "cao hơn" if difference > 0 else "thấp hơn"
    size = format_difference(abs(difference), unit).lstrip("+")
    gap = abs(difference) / abs(result) if result != 0 else math.inf
    verdict = ("Rất sát." if gap <= 0.10 else "Khá gần." if gap <= 0.30
               else "Còn xa: điều gì trong mô hình khiến kết quả khác điều bạn nghĩ?")
    return f"{said}: kết quả {direction} dự đoán {size}. {verdict}"


class PredictFirst:
    """A guess box, a confirm button, and the experiment's result shown only after the guess is locked.

    Args:
        question: the question, in Vietnamese, that the guess answers.
        unit: the unit of the result, one of :data:`UNITS`; a share is typed in percent.
        run: called once, when the guess is locked; returns the result as a number, or a pair
            ``(number, something to display)`` such as a chart or a panel.
        value: the box's starting value (in the unit as typed).

    Attributes:
        guess: the locked guess in the unit of the result, or ``None`` before it is locked.
        result: the result, or ``None`` before it is locked.
        widget: the widget to display (the object displays itself too).
    """

    def __init__(self, question: str, unit: str, run: Callable[[], Any], *, value: float = 0.0) -> None:
        check_choice("unit", unit, sorted(UNITS))
        self.unit, self._run = unit, run
        self.guess: float | None = None
        self.result: float | None = None
        self.box = widgets.FloatText(value=value, description="Dự đoán:", layout=widgets.Layout(width="16em"))
        self.button = widgets.Button(description=CONFIRM_TEXT, button_style="primary",
                                     layout=widgets.Layout(width="auto"))
        self.answer = widgets.HTML(WAITING_TEXT)
        self.output = widgets.Output()
        self.button.on_click(self._confirm)
        suffix = widgets.HTML(UNITS[unit])
        self.widget = widgets.VBox([widgets.HTML(f"<b>Dự đoán trước:</b> {question}"),
                                    widgets.HBox([self.box, suffix, self.button]), self.answer, self.output])

    def _confirm(self, _button: object = None) -> None:
        """Lock the guess, run the experiment once and show guess against result."""
        if self.guess is not None:
            return
        self.guess = _guess_value(float(self.box.value), self.unit)
        self.box.disabled = self.button.disabled = True
        self.answer.value = "Đang chạy…"
        outcome = self._run()
        shown = None
        if isinstance(outcome, tuple):
            outcome, shown = outcome
        self.result = float(outcome)
        self.answer.value = f"<b>{guess_against_result(self.guess, self.result, self.unit)}</b>"
        if shown is not None:
            with self.output:
                display(shown)

    def _ipython_display_(self) -> None:
        display(self.widget)
