"""Instant feedback for lab answers, in Vietnamese, and the same checks for grading.

A lab's test cell calls one of these checks with the student's answer and the
value computed from the data. The check prints:

* ``✅`` and a confirmation when the answer is right;
* ``❌`` and what is wrong (out of range, wrong type, missing column, too far off);
* ``⏳ Câu này chưa làm`` when the answer is still the stub (``None`` or ``...``).

While a student works, a check never raises, so "Run all" goes through every
cell. When a lecturer grades (``ECRM_GRADING=1`` in the environment, set by
``make grade``), a wrong or missing answer raises ``AssertionError`` so that
nbgrader gives the cell no points.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable

import pandas as pd

GRADING_ENV = "ECRM_GRADING"


class NotRight(AssertionError):
    """An answer that is wrong or not done (raised only while grading)."""


def grading() -> bool:
    """True while a lecturer's autograde runs (``ECRM_GRADING=1``)."""
    return os.environ.get(GRADING_ENV, "") not in ("", "0")


def _verdict(question: str, ok: bool, message: str) -> bool:
    text = f"{'✅' if ok else '❌'} {question}: {message}"
    print(text)
    if not ok and grading():
        raise NotRight(text)
    return ok


def _not_done(question: str, answer: object) -> bool:
    if answer is None or answer is Ellipsis:
        print(f"⏳ {question}: câu này chưa làm (not done yet) — hãy thay `None` bằng câu trả lời của bạn.")
        if grading():
            raise NotRight(f"{question}: chưa làm / not done")
        return True
    return False


def _as_number(answer: object) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return float(answer)
    if hasattr(answer, "item") and getattr(answer, "size", 1) == 1:  # numpy scalar, 1-element Series
        try:
            value = answer.item()
        except (ValueError, TypeError):
            return None
        return _as_number(value)
    return None


def check_number(question: str, answer: object, expected: float, *, rel_tol: float = 0.01, abs_tol: float = 1e-9,
                 low: float | None = None, high: float | None = None, range_vi: str | None = None,
                 unit: str = "") -> bool:
    """Check a number against the value computed from the data.

    Args:
        question: the question's name as the lab shows it (``"Câu 2"``).
        answer: the student's answer.
        expected: the right value, computed from the data in the test cell.
        rel_tol, abs_tol: how close counts as right (relative and absolute).
        low, high: the range any sensible answer lies in (e.g. −100 and 100 for NPS);
            an answer outside it gets ``range_vi`` as its message.
        range_vi: the Vietnamese message for an out-of-range answer, e.g. ``"NPS phải nằm trong khoảng −100 đến 100"``.
        unit: shown after numbers (``"VND"``, ``"%"``…).

    Returns:
        True when right (False when wrong, while a student works).
    """
    if _not_done(question, answer):
        return False
    value = _as_number(answer)
    if value is None or math.isnan(value):
        return _verdict(question, False, f"cần một con số, bạn đưa {type(answer).__name__} ({answer!r:.60})")
    if (low is not None and value < low) or (high is not None and value > high):
        message = range_vi or f"giá trị phải nằm trong khoảng {low} đến {high}"
        return _verdict(question, False, f"{message} (bạn đưa {value:g})")
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return _verdict(question, True, f"đúng rồi ({value:,.4g}{(' ' + unit) if unit else ''}).")
    direction = "lớn hơn" if value > expected else "nhỏ hơn"
    return _verdict(question, False, f"chưa đúng: kết quả của bạn {direction} giá trị đúng. Hãy xem lại công thức và dữ liệu.")


def check_estimate(question: str, answer: object, truth: float, *, good_rel_err: float, fair_rel_err: float,
                   unit: str = "") -> float:
    """Score an estimate against the simulator's truth: 1 when close, 0.5 when fair, 0 otherwise.

    The relative error is |answer − truth| / |truth|. Returns the score; while grading,
    a score of 0 raises.
    """
    if _not_done(question, answer):
        return 0.0
    value = _as_number(answer)
    if value is None or math.isnan(value):
        _verdict(question, False, f"cần một con số, bạn đưa {type(answer).__name__}")
        return 0.0
    error = abs(value - truth) / abs(truth) if truth else abs(value)
    shown = f"{value:,.4g}{(' ' + unit) if unit else ''}; sự thật (truth) {truth:,.4g}; sai số tương đối {error:.0%}"
    if error <= good_rel_err:
        _verdict(question, True, f"ước lượng tốt ({shown}).")
        return 1.0
    if error <= fair_rel_err:
        print(f"🟡 {question}: ước lượng tạm được ({shown}).")
        return 0.5
    _verdict(question, False, f"ước lượng còn xa sự thật ({shown}).")
    return 0.0


def check_frame(question: str, answer: object, expected: pd.DataFrame, *, key: str | Iterable[str],
                columns: Iterable[str], rel_tol: float = 0.01) -> bool:
    """Check a table: the right type, the required columns, the same rows by ``key`` and values close.

    Args:
        answer: the student's DataFrame.
        expected: the right table, computed in the test cell.
        key: the column(s) that identify a row (``"customer_id"``, ``["stage"]``…).
        columns: the columns whose values are compared.
    """
    if _not_done(question, answer):
        return False
    if not isinstance(answer, pd.DataFrame):
        return _verdict(question, False, f"cần một pandas DataFrame, bạn đưa {type(answer).__name__}")
    if answer.empty:
        return _verdict(question, False, "bảng của bạn đang rỗng (empty DataFrame)")
    keys = [key] if isinstance(key, str) else list(key)
    columns = list(columns)
    missing = [c for c in [*keys, *columns] if c not in answer.columns]
    if missing:
        return _verdict(question, False, f"bảng thiếu cột {', '.join(missing)}")
    got = answer.set_index(keys)[columns].sort_index()
    want = expected.set_index(keys)[columns].sort_index()
    if len(got) != len(want) or not got.index.equals(want.index):
        return _verdict(question, False, f"bảng cần {len(want)} dòng với đúng các giá trị {', '.join(keys)}; bạn có {len(got)}")
    for col in columns:
        a, b = got[col], want[col]
        if pd.api.types.is_numeric_dtype(b):
            a = pd.to_numeric(a, errors="coerce")
            close = ((a - b).abs() <= rel_tol * b.abs() + 1e-9) | (a.isna() & b.isna())
        else:
            close = a.astype(str) == b.astype(str)
        if not close.all():
            where = close[~close].index[0]
            return _verdict(question, False, f"cột `{col}` chưa đúng ở dòng {where}")
    return _verdict(question, True, "bảng đúng rồi.")


def check_set(question: str, answer: object, expected: Iterable[object], *, what_vi: str = "phần tử") -> bool:
    """Check a collection of keys (e.g. the customer_id of the top 10), order ignored."""
    if _not_done(question, answer):
        return False
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, pd.Index):
        answer = answer.tolist()
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
        return _verdict(question, False, f"cần một danh sách {what_vi}, bạn đưa {type(answer).__name__}")
    got, want = set(answer), set(expected)
    if got == want:
        return _verdict(question, True, f"đúng cả {len(want)} {what_vi}.")
    return _verdict(question, False, f"đúng {len(got & want)}/{len(want)} {what_vi}; thừa {len(got - want)}")
