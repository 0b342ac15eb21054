"""Argument checks shared by every layer: a number within bounds, one of a set of choices.

A measure, an experiment or a chart that receives an argument out of range
raises :class:`sim.base.errors.DataError` naming the argument, its value and
what is allowed, in Vietnamese and English. Checks of whole tables (columns,
types) are in :mod:`sim.measures.frames`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from sim.base.errors import DataError


def check_range(name: str, value: object, low: float | None = None, high: float | None = None,
                *, low_open: bool = False, high_open: bool = False, integer: bool = False) -> float:
    """Check an argument is a number within bounds; return it.

    Raises:
        DataError: ``value`` is not a number, or out of ``[low, high]`` (open ends as asked).
    """
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if integer:
        is_number = isinstance(value, int) and not isinstance(value, bool)
    if is_number:
        ok_low = low is None or (value > low if low_open else value >= low)
        ok_high = high is None or (value < high if high_open else value <= high)
        if ok_low and ok_high and not math.isnan(value):
            return value
    left = "(" if low_open else "["
    right = ")" if high_open else "]"
    bounds = f"{left}{'-∞' if low is None else low}, {'∞' if high is None else high}{right}"
    kind_vi, kind_en = ("số nguyên", "an integer") if integer else ("số", "a number")
    raise DataError([(name, value, f"phải là {kind_vi} trong {bounds}", f"must be {kind_en} in {bounds}")])


def check_choice(name: str, value: object, allowed: Iterable[object]) -> object:
    """Check an argument is one of ``allowed``; return it.

    Raises:
        DataError: ``value`` is not among ``allowed``.
    """
    allowed = list(allowed)
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise DataError([(name, value, f"chỉ nhận một trong: {shown}", f"must be one of: {shown}")])
    return value
