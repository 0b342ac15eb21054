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

import functools
import math
import os
from collections.abc import Callable, Iterable

import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import LABELS

GRADING_ENV = "ECRM_GRADING"


class NotRight(AssertionError):
    """An answer that is wrong or not done (raised only while grading)."""


class Verdict(int):
    """A check's result: truthy when right. Shows nothing in a notebook (the check has printed its message)."""

    def __repr__(self) -> str:
        return repr(bool(self))

    def _ipython_display_(self) -> None:
        return None


class Score(float):
    """An estimate's score (1, 0.5 or 0). Shows nothing in a notebook (the check has printed its message)."""

    def _ipython_display_(self) -> None:
        return None


def _quiet(check: Callable) -> Callable:
    """Wrap a check so that its result does not print ``True`` or ``1.0`` under the message in a notebook."""

    @functools.wraps(check)
    def wrapped(*args, **kwargs):
        result = check(*args, **kwargs)
        return Score(result) if isinstance(result, float) else Verdict(bool(result))

    return wrapped


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


def _shown(value: float, unit: str = "") -> str:
    """A number as a Vietnamese reader writes it: ``18.496``, ``0,2498``, ``616,6 VND``."""

    if abs(value) >= 1000 or float(value).is_integer():
        text = vi_number(value, 0)
    else:
        text = f"{value:.4g}".replace(".", ",").replace("-", "−")
    return f"{text} {unit}" if unit else text


def _brief(answer: object) -> str:
    """The answer's type and a one-line glimpse of it, for messages."""
    text = " ".join(repr(answer).split())
    return f"{type(answer).__name__} ({text[:60]}{'…' if len(text) > 60 else ''})"


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


@_quiet
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
        return _verdict(question, False, f"cần một con số, bạn đưa {_brief(answer)}")
    if (low is not None and value < low) or (high is not None and value > high):
        message = range_vi or f"giá trị phải nằm trong khoảng {low} đến {high}"
        return _verdict(question, False, f"{message} (bạn đưa {_shown(value)})")
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return _verdict(question, True, f"đúng rồi ({_shown(value, unit)}).")
    if expected and math.isclose(value, 100 * expected, rel_tol=max(rel_tol, 0.01)):
        return _verdict(question, False, "có vẻ bạn đã nhân 100 (phần trăm); hãy viết dạng số thập phân, ví dụ 0,25 thay vì 25.")
    direction = "lớn hơn" if value > expected else "nhỏ hơn"
    return _verdict(question, False, f"chưa đúng: kết quả của bạn {direction} giá trị đúng. Hãy xem lại công thức và dữ liệu.")


@_quiet
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
    shown = f"{_shown(value, unit)}; sự thật (truth) {_shown(truth, unit)}; sai số tương đối {error:.0%}"
    if error <= good_rel_err:
        _verdict(question, True, f"ước lượng tốt ({shown}).")
        return 1.0
    if error <= fair_rel_err:
        print(f"🟡 {question}: ước lượng tạm được ({shown}).")
        return 0.5
    _verdict(question, False, f"ước lượng còn xa sự thật ({shown}).")
    return 0.0


@_quiet
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
        hint = " — cột này đang là chỉ mục (index)? Hãy dùng .reset_index()" if set(missing) & set(answer.index.names) else ""
        return _verdict(question, False, f"bảng thiếu cột {', '.join(missing)}{hint}")
    try:
        got = answer.set_index(keys)[columns].sort_index()
    except TypeError:
        return _verdict(question, False, f"cột {', '.join(keys)} trộn nhiều kiểu dữ liệu (ví dụ số và chuỗi); hãy dùng một kiểu")
    want = expected.set_index(keys)[columns].sort_index()
    if len(got) != len(want) or not got.index.equals(want.index):
        return _verdict(question, False, _key_mismatch(got.index, want.index, keys))
    for col in columns:
        a, b = got[col], want[col]
        if pd.api.types.is_numeric_dtype(b):
            a = pd.to_numeric(a, errors="coerce")
            close = ((a - b).abs() <= rel_tol * b.abs() + 1e-9) | (a.isna() & b.isna())
        else:
            close = a.astype(str) == b.astype(str)
        if not close.all():
            where = close[~close].index[0]
            hint = ""
            if pd.api.types.is_numeric_dtype(b) and ((a - 100 * b).abs() <= rel_tol * 100 * b.abs() + 1e-9).all():
                hint = " — có vẻ bạn đã nhân 100 (phần trăm); hãy viết dạng số thập phân từ 0 đến 1"
            return _verdict(question, False, f"cột `{col}` chưa đúng ở dòng {where}{hint}")
    return _verdict(question, True, "bảng đúng rồi.")


def _key_mismatch(got: pd.Index, want: pd.Index, keys: list[str]) -> str:
    """Say which row is missing or unexpected, e.g. a cohort written as a Period instead of text."""
    names = ", ".join(keys)
    got_keys, want_keys = list(got), list(want)  # lists: a PeriodIndex would match the text "2026-01"
    lacking = [k for k in want_keys if k not in got_keys]
    extra = [k for k in got_keys if k not in want_keys]
    if got.has_duplicates:
        return f"giá trị {names} bị lặp: {got[got.duplicated()][0]!r} (mỗi giá trị chỉ một dòng)"
    parts = [f"bảng cần {len(want)} dòng, bạn có {len(got)}"]
    if lacking:
        parts.append(f"thiếu dòng {names} = {lacking[0]!r}")
    if extra:
        parts.append(f"thừa dòng {names} = {extra[0]!r} (kiểu {type(extra[0]).__name__}; kiểm tra cách viết và kiểu dữ liệu)")
    return "; ".join(parts)


@_quiet
def check_set(question: str, answer: object, expected: Iterable[object], *, what_vi: str = "phần tử") -> bool:
    """Check a collection of keys (e.g. the customer_id of the top 10), order ignored."""
    if _not_done(question, answer):
        return False
    if isinstance(answer, pd.Series):
        answer = answer.tolist()
    if isinstance(answer, pd.Index):
        answer = answer.tolist()
    if isinstance(answer, (str, bytes, pd.DataFrame, dict)) or not isinstance(answer, Iterable):
        return _verdict(question, False, f"cần một danh sách {what_vi} (list), bạn đưa {type(answer).__name__}")
    got, want = set(answer), set(expected)
    if got == want:
        return _verdict(question, True, f"đúng cả {len(want)} {what_vi}.")
    return _verdict(question, False, f"đúng {len(got & want)}/{len(want)} {what_vi}; thừa {len(got - want)}")


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


@_quiet
def check_choice(question: str, answer: object, expected: str, *, kind: str | None = None) -> bool:
    """Check a single named answer, e.g. the stage or the drop-out reason with the most drop-outs.

    The answer may be the code used in the tables (``"security_concern"``) or, when ``kind`` names a
    label kind of ``sim.base.labels``, its Vietnamese or English display name (``"Lo ngại về bảo mật"``).
    Case, spaces and underscores do not matter; diacritics do (they change the meaning in Vietnamese).
    """

    if _not_done(question, answer):
        return False
    if hasattr(answer, "item") and getattr(answer, "size", 1) == 1:
        answer = answer.item()
    if not isinstance(answer, (str, int)) or isinstance(answer, bool):
        return _verdict(question, False, f"cần một tên (chuỗi, str), bạn đưa {_brief(answer)}")
    accepted = {_normalise(str(expected))}
    names = LABELS.get(kind, {}).get(str(expected)) if kind else None
    if names:
        accepted |= {_normalise(name) for name in names}
    shown = f"“{names[0]}” ({expected})" if names else f"“{expected}”"
    if _normalise(str(answer)) in accepted:
        return _verdict(question, True, f"đúng rồi: {shown}.")
    return _verdict(question, False, f"chưa đúng (bạn trả lời “{answer}”). Hãy xem lại bảng số liệu.")


@_quiet
def check_plausible(question: str, answer: object, *, low: float, high: float, range_vi: str, unit: str = "") -> bool:
    """Check only that an estimate is a number in a sensible range; the lecturer scores it later.

    Used in the visible part of an estimate's test cell. The hidden part of the same cell
    (nbgrader's ``### BEGIN HIDDEN TESTS``) compares the estimate with the simulator's truth,
    which the student does not see, with :func:`check_estimate`.
    """
    if _not_done(question, answer):
        return False
    value = _as_number(answer)
    if value is None or math.isnan(value):
        return _verdict(question, False, f"cần một con số, bạn đưa {_brief(answer)}")
    if not low <= value <= high:
        return _verdict(question, False, f"{range_vi} (bạn đưa {_shown(value)})")
    shown = _shown(value, unit)
    print(f"📝 {question}: đã ghi nhận ước lượng {shown}. Khi chấm bài, ước lượng được so với sự thật (truth) của mô phỏng.")
    return True
