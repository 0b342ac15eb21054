"""Instant feedback for lab answers, in Vietnamese, and the same checks for grading.

A lab's test cell calls one of these checks with the student's answer and the
value computed from the data. The check shows one line of feedback, a coloured
badge with a mark followed by the question and a message:

* ``✓`` (green) and a confirmation when the answer is right;
* ``✗`` (red) and what is wrong (out of range, wrong type, missing column, too far off);
* ``…`` (grey) ``Câu này chưa làm`` when the answer is still the stub (``None`` or ``...``);
* ``≈`` (amber) for an estimate that is only fair, ``✎`` (blue) for an estimate recorded for grading.

In a notebook the line is rich output (:class:`Feedback`: HTML in the course font and
colours, with a plain-text copy that nbgrader's autograde records); elsewhere it is
printed. The marks are ordinary text characters, not emoji: they are in DejaVu Sans, the
course font, and in the symbol fonts Windows and macOS ship, so they show on a machine
with no emoji font.

Every answer gets a message, never a traceback: a number too large for a float, a
NumPy scalar or 0-d array, a table with two columns of the same name, a list of lists,
``0,35`` typed with a decimal comma (a tuple in Python)… The message names what the
student gave in words a business student knows ("một con số", "một bảng", "một danh sách").
Missing values (``NaN``, ``pd.NA``, ``None``) never count as right unless the expected
value is missing too.

While a student works, a check never raises, so "Run all" goes through every
cell. When a lecturer grades (``ECRM_GRADING=1`` in the environment, set by
``make grade``), a wrong or missing answer raises :class:`NotRight` (an
``AssertionError``) so that nbgrader gives the cell no points; no other exception
leaves a check.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import inspect
import itertools
import math
import numbers
import os
import re
import types
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from IPython import get_ipython
from IPython.display import display

from sim.base.formats import vi_number
from sim.base.labels import LABELS

GRADING_ENV = "ECRM_GRADING"

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
"""The course font, as in the charts (:data:`sim.charts.style.FONT`): full Vietnamese diacritics."""

MAX_ITEMS = 1_000_000
"""A collection answer longer than this is refused, not read (an endless iterator must not hang a check)."""


@dataclass(frozen=True)
class Status:
    """How one kind of feedback looks: its mark, its name, and its colours."""

    mark: str
    """A plain character found in common text fonts (not an emoji)."""
    name_vi: str
    """What the mark means, for the badge's tooltip."""
    colour: str
    """The badge's colour and the bar at the left of the line (white mark on it: contrast ≥ 4.5)."""
    background: str


STATUSES: dict[str, Status] = {
    "right": Status("✓", "Đúng", "#1a7f37", "#eaf5ec"),
    "wrong": Status("✗", "Chưa đúng", "#c62828", "#fdecec"),
    "not_done": Status("…", "Chưa làm", "#616161", "#f2f2f2"),
    "fair": Status("≈", "Tạm được", "#8a5a00", "#fdf5e3"),
    "recorded": Status("✎", "Đã ghi nhận", "#2f5f8f", "#ebf1f8"),
}
"""Right green and wrong red as on the dashboard's KPI cards; the mark carries the meaning without the colour."""

TEXT_COLOUR = "#1f1f1f"


class NotRight(AssertionError):
    """An answer that is wrong or not done (raised only while grading)."""


class Verdict(int):
    """A check's result: truthy when right. Shows nothing in a notebook (the check has shown its message)."""

    def __repr__(self) -> str:
        return repr(bool(self))

    def _ipython_display_(self) -> None:
        return None


class Score(float):
    """An estimate's score (1, 0.5 or 0). Shows nothing in a notebook (the check has shown its message)."""

    def _ipython_display_(self) -> None:
        return None


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: a status (a key of :data:`STATUSES`), the question and the message.

    In a notebook it shows as HTML (:meth:`_repr_html_`); its plain text (``str``) is the
    copy kept for terminals and nbgrader. Text between backticks in the message is code.
    """

    status: str
    question: str
    message: str

    @property
    def text(self) -> str:
        """The plain-text line: ``✓ Câu 1: đúng rồi (20).``"""
        return f"{STATUSES[self.status].mark} {self.question}: {self.message}"

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        s = STATUSES[self.status]
        message = re.sub(r"`([^`]+)`", r'<code style="font-size:0.92em;background:rgba(0,0,0,0.06);padding:0 0.2em;'
                         r'border-radius:3px">\1</code>', html.escape(self.message, quote=False))
        badge = (f'<span class="ecrm-feedback-mark" title="{s.name_vi}" style="flex:none;display:inline-block;'
                 f"min-width:1.45em;height:1.45em;line-height:1.45em;margin-right:0.55em;border-radius:0.725em;"
                 f'background:{s.colour};color:#ffffff;text-align:center;font-weight:700">{s.mark}</span>')
        return (f'<div class="ecrm-feedback ecrm-feedback-{self.status}" title="{s.name_vi}" '
                f'style="display:flex;align-items:flex-start;font-family:{FONT};font-size:14px;line-height:1.45;'
                f"color:{TEXT_COLOUR};background:{s.background};border-left:4px solid {s.colour};border-radius:4px;"
                f'padding:0.35em 0.75em;margin:0.2em 0">{badge}<span><strong>{html.escape(self.question, quote=False)}'
                f"</strong>: {message}</span></div>")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/plain": self.text, "text/html": self._repr_html_()}


def _show(feedback: Feedback) -> None:
    """Show the feedback as rich output in IPython (a notebook, Voilà), or print its text elsewhere."""
    if get_ipython() is not None:
        display(feedback)
    else:
        print(feedback.text)


def grading() -> bool:
    """True while a lecturer's autograde runs (``ECRM_GRADING=1``)."""
    return os.environ.get(GRADING_ENV, "") not in ("", "0")


def _verdict(question: str, ok: bool, message: str) -> bool:
    feedback = Feedback("right" if ok else "wrong", question, message)
    _show(feedback)
    if not ok and grading():
        raise NotRight(feedback.text)
    return ok


def _not_done(question: str, answer: object) -> bool:
    if answer is None or answer is Ellipsis:
        stub = "..." if answer is Ellipsis else "None"
        _show(Feedback("not_done", question, f"câu này chưa làm (not done yet) — hãy thay `{stub}` bằng câu trả lời của bạn."))
        if grading():
            raise NotRight(f"{question}: chưa làm / not done")
        return True
    return False


def _checked(check: Callable) -> Callable:
    """Wrap a check so that it answers every input and returns a quiet result.

    The arguments are bound first, so a mistake in the lab's own call still raises. Then
    anything the check did not foresee becomes a "cannot check" message (``NotRight`` while
    grading), never a traceback; and the result does not print ``True`` or ``1.0`` under the
    message in a notebook.
    """
    signature = inspect.signature(check)

    @functools.wraps(check)
    def wrapped(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        try:
            result = check(*args, **kwargs)
        except NotRight:
            raise
        except Exception as error:  # an answer the check did not foresee: a message, not a traceback
            question, answer = bound.arguments.get("question", ""), bound.arguments.get("answer")
            cause = _cut(f"{type(error).__name__}: {error}", 80)
            _verdict(str(question), False, f"không kiểm tra được câu trả lời, bạn đưa {_describe(answer)}. Hãy xem lại "
                                           f"kiểu dữ liệu của câu trả lời; nếu vẫn vậy, hãy báo giảng viên ({cause}).")
            result = 0.0 if check.__name__ == "check_estimate" else False
        return Score(result) if isinstance(result, float) else Verdict(bool(result))

    return wrapped


# --- What the student gave, in words -------------------------------------------------------------------------------


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_missing(value: object) -> bool:
    """NaN, ``pd.NA``, ``NaT`` or ``None`` (one value, not a collection)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        return False
    return isinstance(missing, (bool, np.bool_)) and bool(missing)


def _int_text(value: int) -> str:
    """An integer as text, or its size when it is too long to write out (Python refuses over 4,300 digits)."""
    digits = int(abs(value).bit_length() * math.log10(2)) + 1
    if digits > 30:
        return f"một số nguyên khoảng {digits} chữ số"
    return str(value)


def _glimpse(value: object, limit: int = 40) -> str:
    """A short look at a value, never built whole when it is large."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return _int_text(value)
    if isinstance(value, str):
        return _cut(repr(value[: limit + 2]), limit)
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [_glimpse(v, 12) for v in itertools.islice(value, 4)]
        more = ", …" if len(value) > 4 else ("," if isinstance(value, tuple) and len(value) == 1 else "")
        brackets = {list: "[]", tuple: "()"}.get(type(value), "{}")
        return _cut(f"{brackets[0]}{', '.join(parts)}{more}{brackets[1]}", limit)
    try:
        return _cut(repr(value), limit)
    except Exception:
        return type(value).__name__


def _describe(answer: object) -> str:
    """What the student gave, in words: ``một con số (12,5)``, ``một bảng (DataFrame) 3 dòng × 2 cột``…"""
    try:
        return _describe_kind(answer)
    except Exception:
        return f"một giá trị kiểu {type(answer).__name__}"


def _describe_kind(answer: object) -> str:  # noqa: C901, PLR0912 - one branch per kind of value
    kind = type(answer).__name__
    if answer is None:
        return "None (chưa có giá trị)"
    if isinstance(answer, (bool, np.bool_)):
        return f"một giá trị đúng/sai ({bool(answer)})"
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        return _describe_kind(answer[()])
    if _is_missing(answer):
        return f"một giá trị trống ({'NaN' if isinstance(answer, (float, np.floating)) else _glimpse(answer)})"
    if isinstance(answer, int):
        return f"một con số ({_int_text(answer)})"
    if isinstance(answer, numbers.Real) or (isinstance(answer, numbers.Number) and not isinstance(answer, numbers.Complex)):
        number = _number(answer)
        return f"một con số ({_shown(number)})" if isinstance(number, float) else f"một con số ({_glimpse(answer)})"
    if isinstance(answer, numbers.Complex):
        return f"một số phức ({_glimpse(answer)})"
    if isinstance(answer, str):
        return f"một đoạn chữ (chuỗi, str) {_glimpse(answer)}"
    if isinstance(answer, (bytes, bytearray)):
        return "dữ liệu nhị phân (bytes)"
    if isinstance(answer, pd.DataFrame):
        return f"một bảng (DataFrame) {len(answer)} dòng × {answer.shape[1]} cột"
    if isinstance(answer, pd.Series):
        return f"một cột (Series) {len(answer)} giá trị"
    if isinstance(answer, pd.Index):
        return f"một chỉ mục (Index) {len(answer)} giá trị"
    if isinstance(answer, np.ndarray):
        shape = " × ".join(str(n) for n in answer.shape)
        return f"một mảng (array) {shape} phần tử" if answer.ndim == 1 else f"một mảng nhiều chiều (array {shape})"
    if isinstance(answer, tuple):
        return f"một bộ giá trị (tuple) {len(answer)} phần tử {_glimpse(answer)}"
    if isinstance(answer, list):
        nested = any(isinstance(v, (list, tuple, dict, set, np.ndarray, pd.Series)) for v in itertools.islice(answer, 100))
        what = "một danh sách lồng nhau (danh sách các danh sách)" if nested else "một danh sách (list)"
        return f"{what} {len(answer)} phần tử {_glimpse(answer)}"
    if isinstance(answer, (set, frozenset)):
        return f"một tập hợp (set) {len(answer)} phần tử"
    if isinstance(answer, Mapping):
        return f"một từ điển (dict) {len(answer)} mục"
    if isinstance(answer, (dt.datetime, dt.date, np.datetime64, pd.Timestamp)):
        return f"một ngày giờ ({_glimpse(answer)})"
    if isinstance(answer, (dt.timedelta, np.timedelta64, pd.Timedelta)):
        return f"một khoảng thời gian ({_glimpse(answer)})"
    if isinstance(answer, pd.Period):
        return f"một kỳ (Period {answer})"
    if kind == "Styler":
        return "một bảng đã định dạng (Styler) — hãy trả về bảng gốc, không có `.style`"
    if kind.endswith("GroupBy"):
        return "một nhóm dữ liệu chưa tổng hợp (groupby) — hãy thêm `.sum()`, `.mean()`, `.size()` hoặc `.agg(...)`"
    if isinstance(answer, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial)) or (
            callable(answer) and kind in {"method-wrapper", "builtin_function_or_method", "method"}):
        return "một hàm (function) — có thể bạn quên dấu ngoặc `()` khi gọi hàm"
    if isinstance(answer, type):
        return f"một kiểu dữ liệu (class {answer.__name__})"
    if isinstance(answer, types.ModuleType):
        return f"một mô-đun (module {answer.__name__})"
    if isinstance(answer, range):
        return f"một dãy số (range) {len(answer)} phần tử"
    if isinstance(answer, Iterable):
        return f"một dãy giá trị chưa tính ra ({kind}) — hãy dùng `list(...)`"
    return f"một giá trị kiểu {kind}"


# --- Numbers ---------------------------------------------------------------------------------------------------------


def _shown(value: float, unit: str = "") -> str:
    """A number as a Vietnamese reader writes it: ``18.496``, ``0,2498``, ``616,6 VND``."""

    if not math.isfinite(value):
        text = "NaN" if math.isnan(value) else ("−∞" if value < 0 else "∞")
    elif abs(value) >= 1e15:
        text = f"{value:.3g}".replace(".", ",").replace("-", "−")
    elif abs(value) >= 1000 or float(value).is_integer():
        text = vi_number(value, 0)
    else:
        text = f"{value:.4g}".replace(".", ",").replace("-", "−")
    return f"{text} {unit}" if unit else text


def _single(answer: object, depth: int = 0) -> object:
    """The one value inside a 0-d array, or a one-element array, Series or Index; else the answer itself."""
    if depth > 2:
        return answer
    if isinstance(answer, np.ndarray) and answer.size == 1:
        return _single(answer.reshape(-1)[0], depth + 1)
    if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
        return _single(answer.array[0], depth + 1)
    return answer


def _comma_hint(answer: tuple) -> str | None:
    """``0,35`` is the tuple ``(0, 35)`` in Python; ``0.35,`` the tuple ``(0.35,)``: say what to write instead."""
    if len(answer) == 1 and isinstance(number := _number(answer[0]), float):
        code = _int_text(answer[0]) if isinstance(answer[0], int) else repr(number)
        return f"có dấu phẩy thừa ở cuối, nên Python hiểu đó là một bộ giá trị (tuple); hãy bỏ dấu phẩy: `{code}`"
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in answer) or len(answer) < 2:
        return None
    head, *rest = answer
    if any(v < 0 or v.bit_length() > 64 for v in rest) or abs(head).bit_length() > 64:
        return None
    if len(answer) == 2:
        return (f"có phải bạn viết `{head},{rest[0]}`? Trong Python dấu phẩy tạo một bộ giá trị (tuple); "
                f"số thập phân viết bằng dấu chấm: `{head}.{rest[0]}`")
    if all(v == 0 or 100 <= v <= 999 for v in rest):  # `1,000,000`: a 3-digit group after each comma
        digits = str(head) + "".join(f"{v:03d}" for v in rest)
        return (f"có phải bạn viết `{','.join(str(v) for v in answer)}`? Trong Python dấu phẩy tạo một bộ giá trị "
                f"(tuple); viết số không có dấu phân cách: `{digits}` (hoặc `{int(digits):_}`)")
    return None


def _number(answer: object) -> float | str:
    """The answer as a finite number, or why it is not one (a Vietnamese phrase for the message)."""
    value = _single(answer)
    if isinstance(value, (bool, np.bool_)):
        return f"bạn đưa {_describe(value)}"
    if isinstance(value, numbers.Number) and not isinstance(value, numbers.Real) and isinstance(value, numbers.Complex):
        return f"bạn đưa {_describe(value)}"
    if isinstance(value, numbers.Number):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                number = float(value)
        except (OverflowError, ValueError, TypeError):
            return f"bạn đưa một con số quá lớn ({_glimpse(value)}); hãy kiểm tra lại phép tính"
        if math.isnan(number):
            return "bạn đưa một giá trị trống (NaN): phép tính không ra số; kiểm tra dữ liệu thiếu hoặc phép chia cho 0"
        if math.isinf(number):
            return "bạn đưa một số vô hạn (inf): thường do chia cho 0 hoặc số quá lớn; hãy kiểm tra lại phép tính"
        return number
    if _is_missing(value):
        return "bạn đưa một giá trị trống (NaN/NA): phép tính không ra số; kiểm tra dữ liệu thiếu"
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        looks = re.fullmatch(r"[+-]?\d+([.,]\d+)?%?", text)
        hint = f"; hãy bỏ dấu ngoặc kép, ví dụ `{text.replace(',', '.').rstrip('%')}`" if looks else ""
        return f"bạn đưa {_describe(value)}{hint}"
    if isinstance(value, tuple):
        hint = _comma_hint(value)
        if hint:
            return f"bạn đưa {_glimpse(value)}: {hint}"
    if isinstance(value, pd.DataFrame) and value.shape == (1, 1):
        return f"bạn đưa {_describe(value)}; hãy lấy con số ra, ví dụ `.iloc[0, 0]`"
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)) and len(value) > 1:
        return f"bạn đưa {_describe(value)}; hãy tính ra một con số, ví dụ `.sum()`, `.mean()` hoặc `.iloc[0]`"
    return f"bạn đưa {_describe(value)}"


def _float_or_nan(value: object) -> float:
    number = _number(value)
    return number if isinstance(number, float) else math.nan


# --- Checks ----------------------------------------------------------------------------------------------------------


@_checked
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
    value = _number(answer)
    if not isinstance(value, float):
        if _is_missing(_single(answer)) and _is_missing(expected):
            return _verdict(question, True, "đúng rồi (không có dữ liệu).")
        return _verdict(question, False, f"cần một con số, {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{_shown(low) if low is not None else '−∞'} đến {_shown(high) if high is not None else '∞'}"
        message = range_vi or f"giá trị phải nằm trong khoảng {bounds}"
        return _verdict(question, False, f"{message} (bạn đưa {_shown(value)})")
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return _verdict(question, True, f"đúng rồi ({_shown(value, unit)}).")
    if expected and math.isclose(value, 100 * expected, rel_tol=max(rel_tol, 0.01)):
        return _verdict(question, False, "có vẻ bạn đã nhân 100 (phần trăm); hãy viết dạng số thập phân, ví dụ 0,25 thay vì 25.")
    direction = "lớn hơn" if value > expected else "nhỏ hơn"
    return _verdict(question, False, f"chưa đúng: kết quả của bạn {direction} giá trị đúng. Hãy xem lại công thức và dữ liệu.")


@_checked
def check_estimate(question: str, answer: object, truth: float, *, good_rel_err: float, fair_rel_err: float,
                   unit: str = "") -> float:
    """Score an estimate against the simulator's truth: 1 when close, 0.5 when fair, 0 otherwise.

    The relative error is |answer − truth| / |truth|. Returns the score; while grading,
    a score of 0 raises.
    """
    if _not_done(question, answer):
        return 0.0
    value = _number(answer)
    if not isinstance(value, float):
        _verdict(question, False, f"cần một con số, {value}")
        return 0.0
    error = abs(value - truth) / abs(truth) if truth else abs(value)
    percent = _shown(round(100 * error)) if math.isfinite(100 * error) else "∞"
    shown = f"{_shown(value, unit)}; sự thật (truth) {_shown(truth, unit)}; sai số tương đối {percent}%"
    if error <= good_rel_err:
        _verdict(question, True, f"ước lượng tốt ({shown}).")
        return 1.0
    if error <= fair_rel_err:
        _show(Feedback("fair", question, f"ước lượng tạm được ({shown})."))
        return 0.5
    _verdict(question, False, f"ước lượng còn xa sự thật ({shown}).")
    return 0.0


def _numbers(column: pd.Series) -> np.ndarray:
    """A column as floats, every missing or non-numeric value as NaN (``pd.NA`` included)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = pd.to_numeric(column, errors="coerce")
            return np.asarray(values.to_numpy(dtype="float64", na_value=np.nan), dtype="float64")
    except (TypeError, ValueError, OverflowError):
        return np.array([_float_or_nan(v) for v in column], dtype="float64")


def _missing(column: pd.Series) -> np.ndarray:
    return np.asarray(column.isna().to_numpy(dtype=bool, na_value=True), dtype=bool)


def _close(got: pd.Series, want: pd.Series, rel_tol: float) -> np.ndarray:
    """Row by row, whether the answer matches; a missing value matches only a missing expected value.

    Numbers: |a − b| ≤ rel_tol·|b| + 10⁻⁹ (or a = b); text and others: the same text.
    """
    if pd.api.types.is_numeric_dtype(want.dtype):
        a, b = _numbers(got), _numbers(want)
        with np.errstate(invalid="ignore", over="ignore"):
            close = (a == b) | (np.abs(a - b) <= rel_tol * np.abs(b) + 1e-9)
        return close | (np.isnan(a) & np.isnan(b))
    a_missing, b_missing = _missing(got), _missing(want)
    same_text = got.astype(str).to_numpy(dtype=object) == want.astype(str).to_numpy(dtype=object)
    return (a_missing & b_missing) | (~a_missing & ~b_missing & same_text.astype(bool))


def _frame_problem(answer: object, needed: list) -> str | None:
    """Why ``answer`` is not a table with the ``needed`` columns, once each (None when it is)."""
    if not isinstance(answer, pd.DataFrame):
        return _not_a_frame(answer)
    if answer.empty:
        return "bảng của bạn đang rỗng (empty DataFrame)"
    if isinstance(answer.columns, pd.MultiIndex):
        return 'tên cột của bảng có nhiều tầng (MultiIndex); hãy đặt cho mỗi cột một tên, ví dụ `.agg(ten_cot=("cot", "sum"))`'
    needed = list(dict.fromkeys(needed))
    doubled = [str(c) for c in needed if int((answer.columns == c).sum()) > 1]
    if doubled:
        return f"bảng có nhiều cột cùng tên `{_cut(doubled[0], 40)}`; mỗi cột chỉ một tên"
    missing = [str(c) for c in needed if c not in answer.columns]
    if missing:
        hint = " — cột này đang là chỉ mục (index)? Hãy dùng `.reset_index()`" if set(missing) & set(map(str, answer.index.names)) else ""
        return f"bảng thiếu cột {', '.join(missing)}{hint}"
    return None


def _not_a_frame(answer: object) -> str:
    hint = ""
    if isinstance(answer, pd.Series):
        hint = " — dùng `.reset_index()` để có một bảng (cột khóa ra khỏi chỉ mục)"
    elif isinstance(answer, (list, dict, tuple, np.ndarray)):
        hint = " — tạo bảng bằng `pd.DataFrame(...)`"
    return f"cần một bảng (pandas DataFrame), bạn đưa {_describe(answer)}{hint}"


@_checked
def check_frame(question: str, answer: object, expected: pd.DataFrame, *, key: str | Iterable[str],
                columns: Iterable[str], rel_tol: float = 0.01) -> bool:
    """Check a table: the right type, the required columns, the same rows by ``key`` and values close.

    A missing value in the answer (``NaN``, ``pd.NA``, ``None``) is right only where the
    expected value is missing too.

    Args:
        answer: the student's DataFrame.
        expected: the right table, computed in the test cell.
        key: the column(s) that identify a row (``"customer_id"``, ``["stage"]``…).
        columns: the columns whose values are compared.
    """
    if _not_done(question, answer):
        return False
    keys = [key] if isinstance(key, str) else list(key)
    columns = list(columns)
    problem = _frame_problem(answer, [*keys, *columns])
    if problem:
        return _verdict(question, False, problem)
    try:
        got = answer.set_index(keys)[columns].sort_index()
    except TypeError:
        return _verdict(question, False, f"cột {', '.join(keys)} trộn nhiều kiểu dữ liệu (ví dụ số và chuỗi); hãy dùng một kiểu")
    want = expected.set_index(keys)[columns].sort_index()
    if len(got) != len(want) or not _comparable(got.index).equals(_comparable(want.index)):
        return _verdict(question, False, _key_mismatch(got.index, want.index, keys))
    for col in columns:
        close = _close(got[col], want[col], rel_tol)
        if not close.all():
            where = _glimpse(got.index[int(np.argmin(close))])
            hint = ""
            if _missing(got[col])[~close].any():
                hint = " — ô trống (NaN/NA) chỉ đúng khi đáp án cũng trống"
            elif pd.api.types.is_numeric_dtype(want[col].dtype):
                a, b = _numbers(got[col]), _numbers(want[col])
                with np.errstate(invalid="ignore", over="ignore"):
                    if (np.abs(a - 100 * b) <= rel_tol * 100 * np.abs(b) + 1e-9).all():
                        hint = " — có vẻ bạn đã nhân 100 (phần trăm); hãy viết dạng số thập phân từ 0 đến 1"
            return _verdict(question, False, f"cột `{col}` chưa đúng ở dòng {where}{hint}")
    return _verdict(question, True, "bảng đúng rồi.")


def _comparable(index: pd.Index) -> pd.Index:
    """Keys as compared: numbers as floats, so keys 1, 2, 3 match whether stored as int64 or nullable Int64."""
    if isinstance(index, pd.MultiIndex):
        levels = [_comparable(index.get_level_values(i)) for i in range(index.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=index.names)
    if pd.api.types.is_numeric_dtype(index.dtype) and not pd.api.types.is_bool_dtype(index.dtype):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.Index(index.to_numpy(dtype="float64", na_value=np.nan), name=index.name)
    return index


def _lookup(values: list) -> set | list:
    try:
        return set(values)
    except TypeError:
        return values


def _key_mismatch(got: pd.Index, want: pd.Index, keys: list[str]) -> str:
    """Say which row is missing or unexpected, e.g. a cohort written as a Period instead of text."""
    names = ", ".join(keys)
    if got.has_duplicates:
        return f"giá trị {names} bị lặp: {_glimpse(got[got.duplicated()][0])} (mỗi giá trị chỉ một dòng)"
    got_keys, want_keys = list(got), list(want)  # Python values: a PeriodIndex would match the text "2026-01"
    got_set, want_set = _lookup(got_keys), _lookup(want_keys)
    lacking = next((k for k in want_keys if k not in got_set), None)
    extra = next((k for k in got_keys if k not in want_set), None)
    parts = [f"bảng cần {len(want)} dòng, bạn có {len(got)}"]
    if lacking is not None:
        parts.append(f"thiếu dòng {names} = {_glimpse(lacking)}")
    if extra is not None:
        parts.append(f"thừa dòng {names} = {_glimpse(extra)} (kiểu {type(extra).__name__}; kiểm tra cách viết và kiểu dữ liệu)")
    return "; ".join(parts)


_MISSING = object()
"""Every missing value of a collection answer is this one key, so missing matches missing, and only that."""


def _items(answer: object, what_vi: str) -> list | str:
    """The answer as a list of values, or why it is not a collection of keys."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer[()]
    if isinstance(answer, (pd.Series, pd.Index)):
        return answer.tolist()
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        return answer.tolist()
    if isinstance(answer, (str, bytes, bytearray, pd.DataFrame, Mapping, np.ndarray)) or not isinstance(answer, Iterable):
        hint = ""
        if isinstance(answer, pd.DataFrame):
            hint = " — hãy lấy một cột ra, ví dụ `bang[\"ten_cot\"].tolist()`"
        elif isinstance(answer, np.ndarray):
            hint = " — hãy dùng `.ravel().tolist()`"
        return f"cần một danh sách {what_vi} (list), bạn đưa {_describe(answer)}{hint}"
    items = list(itertools.islice(answer, MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        return f"danh sách quá dài (hơn {_shown(MAX_ITEMS)} phần tử)"
    return items


@_checked
def check_set(question: str, answer: object, expected: Iterable[object], *, what_vi: str = "phần tử") -> bool:
    """Check a collection of keys (e.g. the customer_id of the top 10), order ignored.

    A missing value (``NaN``, ``None``) in the answer matches only a missing value among the expected keys.
    """
    if _not_done(question, answer):
        return False
    items = _items(answer, what_vi)
    if isinstance(items, str):
        return _verdict(question, False, items)
    unhashable = next((v for v in items if not isinstance(v, str) and not _hashable(v)), _MISSING)
    if unhashable is not _MISSING:
        return _verdict(question, False, f"cần một danh sách {what_vi} đơn lẻ, nhưng danh sách của bạn chứa "
                                         f"{_describe(unhashable)}")

    def keys(values: Iterable[object]) -> set:
        return {_MISSING if _is_missing(v) else v for v in values}

    got, want = keys(items), keys(expected)
    if got == want:
        return _verdict(question, True, f"đúng cả {len(want)} {what_vi}.")
    return _verdict(question, False, f"đúng {len(got & want)}/{len(want)} {what_vi}; thừa {len(got - want)}")


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _normalise(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


@_checked
def check_choice(question: str, answer: object, expected: str, *, kind: str | None = None) -> bool:
    """Check a single named answer, e.g. the stage or the drop-out reason with the most drop-outs.

    The answer may be the code used in the tables (``"security_concern"``) or, when ``kind`` names a
    label kind of ``sim.base.labels``, its Vietnamese or English display name (``"Lo ngại về bảo mật"``).
    Case, spaces and underscores do not matter; diacritics do (they change the meaning in Vietnamese).
    """

    if _not_done(question, answer):
        return False
    answer = _single(answer)
    if isinstance(answer, np.integer):
        answer = int(answer)
    if not isinstance(answer, (str, int)) or isinstance(answer, bool):
        return _verdict(question, False, f"cần một tên (chuỗi, str), bạn đưa {_describe(answer)}")
    text = answer if isinstance(answer, str) else _int_text(answer)
    accepted = {_normalise(str(expected))}
    names = LABELS.get(kind, {}).get(str(expected)) if kind else None
    if names:
        accepted |= {_normalise(name) for name in names}
    shown = f"“{names[0]}” ({expected})" if names else f"“{expected}”"
    if _normalise(text) in accepted:
        return _verdict(question, True, f"đúng rồi: {shown}.")
    return _verdict(question, False, f"chưa đúng (bạn trả lời “{_cut(text)}”). Hãy xem lại bảng số liệu.")


@_checked
def check_plausible(question: str, answer: object, *, low: float, high: float, range_vi: str, unit: str = "") -> bool:
    """Check only that an estimate is a number in a sensible range; the lecturer scores it later.

    Used in the visible part of an estimate's test cell. The hidden part of the same cell (nbgrader's
    hidden tests, removed from the student's copy) compares the estimate with the truth of the student's
    own shop, which the student does not see (:func:`sim.classroom.grading.grade_estimate`, with
    :func:`check_estimate`).
    """
    if _not_done(question, answer):
        return False
    value = _number(answer)
    if not isinstance(value, float):
        return _verdict(question, False, f"cần một con số, {value}")
    if not low <= value <= high:
        return _verdict(question, False, f"{range_vi} (bạn đưa {_shown(value)})")
    shown = _shown(value, unit)
    _show(Feedback("recorded", question, f"đã ghi nhận ước lượng {shown}. Khi chấm bài, ước lượng được so với "
                                         "sự thật (truth) của mô phỏng."))
    return True
