"""Numbers written the Vietnamese way: one formatter for every card, table, readout, tooltip and sentence.

Vietnamese writes a dot between thousands and a comma before decimals (``1.234.567,5``), money in
đồng with the sign after the number (``1.234.567 ₫``), shares in percent (``12,5%``), and a minus sign
``−`` (U+2212). A value that is missing (``None``, NaN, ``pd.NA``, ``NaT``) or not finite (±∞) is one
em dash ``—``, everywhere. Unit words (``triệu``, ``điểm %``, ``phút``…) come from the label map
(kind ``unit``).

Typical use::

    from sim.base.formats import format_difference, format_value
    format_value(0.125, "share")                    # '12,5%'
    format_value(1_234_567, "vnd")                  # '1.234.567 ₫'
    format_value(1_234_567, "vnd", compact=True)    # '1,2 triệu ₫'
    format_difference(0.023, "share")               # '+2,3 điểm %'
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

import pandas as pd

from sim.base.labels import label

Unit = Literal["vnd", "share", "count", "ratio", "points", "number", "days", "hours", "minutes", "seconds", "yes_no",
               "date", "datetime", "text"]
"""How a value is written:

* ``vnd``: money, ``1.234.567 ₫`` (``compact``: ``1,2 triệu ₫``, ``2,50 tỷ ₫``);
* ``share``: a share 0–1 in percent, ``12,5%`` (a difference in percentage points, ``+2,3 điểm %``);
* ``count``: a whole number, ``9.974``;
* ``ratio``: a multiple, ``4,4×``;
* ``points``: points on a scale such as the NPS, ``−5,2`` (a difference ``+4,6 điểm``);
* ``number``: any other number, up to two decimals, ``1,52``;
* ``days``, ``hours``, ``minutes``, ``seconds``: a duration with its unit, ``3,5 phút``, ``0,65 s``;
* ``yes_no``: ``Có`` / ``Không``; ``date``: ``31/12/2026``; ``datetime``: ``31/12/2026 08:05``;
* ``text``: written as it is.
"""
UNITS: tuple[str, ...] = Unit.__args__
"""Every unit :func:`format_value` knows."""
MISSING = "—"
"""What a missing or non-finite value is written as: one em dash."""
MINUS = "−"
"""The minus sign (U+2212), not the hyphen."""

DIGITS: dict[str, int] = {"vnd": 0, "share": 1, "count": 0, "ratio": 1, "points": 1, "number": 2, "days": 1, "hours": 1,
                          "minutes": 1, "seconds": 2}
"""Decimals written by default, per unit (``number`` drops trailing zeros: ``2,5``, ``3``)."""
_SUFFIX_WORD = {"days": "days", "hours": "hours", "minutes": "minutes"}
"""Durations written with a word from the label kind ``unit`` after the number."""


def vi_number(value: float, digits: int = 1) -> str:
    """A number with ``digits`` decimals written the Vietnamese way: ``1.234,5``; ``−3,1``; never ``−0``.

    Halves are rounded away from zero, as by hand (``3,25`` → ``3,3``; ``2,675`` → ``2,68``), on the shortest
    decimal that gives the float back, so a binary float's last bits do not turn ``2,675`` into ``2,67``.

    Example (by hand): 1234567.891 with 2 decimals → ``1.234.567,89``; −0.04 with 1 decimal → ``0,0``. A missing or
    non-finite value is :data:`MISSING`.
    """
    if is_missing(value):
        return MISSING
    exact = Decimal(repr(abs(float(value)))) if isinstance(value, float) or not isinstance(value, int) else Decimal(abs(value))
    with localcontext() as context:
        context.prec = max(28, exact.adjusted() + digits + 2)  # every digit of a large number (1e28 and beyond)
        rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return (MINUS if value < 0 and rounded != 0 else "") + text


def is_missing(value: object) -> bool:
    """Whether ``value`` has no number to show: ``None``, NaN, ``pd.NA``, ``pd.NaT`` or ±∞."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (bool, str, dt.date, dt.datetime, pd.Timestamp)):
        return False
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return bool(pd.isna(value)) if pd.api.types.is_scalar(value) else False
    return not math.isfinite(number)


def _trimmed(text: str) -> str:
    """``2,50`` → ``2,5``; ``3,00`` → ``3`` (decimals only, never the thousands)."""
    return text.rstrip("0").rstrip(",") if "," in text else text


def _money(value: float, digits: int | None, compact: bool) -> str:
    if compact and abs(value) >= 1e9:
        return f"{vi_number(value / 1e9, 2 if digits is None else digits)} {label('unit', 'billion')} ₫"
    if compact and abs(value) >= 1e6:
        return f"{vi_number(value / 1e6, 1 if digits is None else digits)} {label('unit', 'million')} ₫"
    return f"{vi_number(value, DIGITS['vnd'] if digits is None else digits)} ₫"


def _moment(value: object, unit: str) -> str:
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return stamp.strftime("%d/%m/%Y" if unit == "date" else "%d/%m/%Y %H:%M")


def format_value(value: object, unit: Unit | str = "number", *, digits: int | None = None, compact: bool = False) -> str:
    """``value`` written the Vietnamese way for its unit.

    Args:
        value: a number (or a bool for ``yes_no``, a date for ``date``/``datetime``, anything for ``text``).
        unit: one of :data:`UNITS`.
        digits: decimals; by default :data:`DIGITS` of the unit (``number``: up to 2, trailing zeros dropped).
        compact: money in millions and billions (``1,2 triệu ₫``) where space is short (cards, readouts).

    Returns:
        The text; :data:`MISSING` (``—``) for a missing or non-finite value.

    Examples (worked by hand): ``format_value(0.125, "share")`` → ``12,5%``; ``format_value(171868.2, "vnd")`` →
    ``171.868 ₫``; ``format_value(9974.0, "count")`` → ``9.974``; ``format_value(4.58, "ratio")`` → ``4,6×``;
    ``format_value(2.5, "number")`` → ``2,5``; ``format_value(True, "yes_no")`` → ``Có``.

    Raises:
        ValueError: an unknown unit (a programming error, not a user's input).
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")
    if is_missing(value):
        return MISSING
    if unit == "text":
        return str(value)
    if unit == "yes_no":
        return label("unit", "yes" if bool(value) else "no")
    if unit in ("date", "datetime"):
        return _moment(value, unit)
    number = float(value)  # type: ignore[arg-type]
    places = DIGITS[unit] if digits is None else digits
    if unit == "vnd":
        return _money(number, digits, compact)
    if unit == "share":
        return f"{vi_number(100 * number, places)}%"
    if unit == "ratio":
        return f"{vi_number(number, places)}×"
    if unit == "number":
        return _trimmed(vi_number(number, places)) if digits is None else vi_number(number, places)
    if unit in _SUFFIX_WORD:
        return f"{vi_number(number, places)} {label('unit', _SUFFIX_WORD[unit])}"
    if unit == "seconds":
        return f"{vi_number(number, places)} s"
    return vi_number(number, places)  # count, points


SHARE_NAMES: frozenset[str] = frozenset({
    "share", "rate", "retention", "service_level", "completeness", "validity", "roi", "ltv_roi", "precision", "recall",
    "f1", "agreement", "wait_probability", "occupancy", "utilisation", "conversion", "deflection", "promoter_share",
})
"""Column or measure names that are shares 0–1 without saying so in a suffix."""
COUNT_NAMES: frozenset[str] = frozenset({
    "prospects", "buyers", "customers", "new_customers", "orders", "visits", "clicks", "impressions", "respondents",
    "records", "requests", "tickets", "offered", "answered", "reneged", "resolved", "deflected", "started", "reached",
    "purchases", "hits", "count", "n", "n_runs", "runs", "pairs", "items", "opt_ins", "unsubscribes", "subscribers",
    "net_change", "repeat_customer_base", "customer_base", "agents", "spellings", "missing", "invalid", "valid", "journeys", "surveys",
    "events", "promoters", "passives", "detractors", "email_journeys", "email_purchases", "customer_emails_sent",
    "customer_unsubscribes", "found_pairs", "true_pairs", "true_positives", "clusters", "products", "sends",
})
"""Column or measure names that count things (whole numbers)."""
_SUFFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("_vnd",), "vnd"),
    (("_rate", "_share", "_prob", "_level"), "share"),
    (("_ratio",), "ratio"),
    (("_days",), "days"),
    (("_hours",), "hours"),
    (("_min",), "minutes"),
    (("_seconds",), "seconds"),
    (("_count", "_customers", "_orders", "_visits", "_requests", "_tickets"), "count"),
)


def unit_for(name: object) -> Unit | None:
    """The unit a column or measure name states by the course's naming rules, or ``None`` when the name says nothing.

    Money ends in ``_vnd``; shares end in ``_rate``, ``_share``, ``_level`` or ``_utilisation``, start with ``share_``,
    hold ``_prob`` or are one of :data:`SHARE_NAMES`; another name with ``_per_`` is a rate (a plain number); ratios
    end in ``_ratio``; durations in ``_days``, ``_hours``, ``_min``, ``_seconds``; counts are :data:`COUNT_NAMES`,
    names starting ``n_`` or ending ``_count``; ``nps`` is in points.
    Examples: ``cac_vnd`` → ``vnd``; ``conversion_rate`` → ``share``; ``mean_wait_min`` → ``minutes``;
    ``arrivals_per_min`` → ``None``; ``n_runs`` → ``count``; ``gap`` → ``None``.
    """
    if not isinstance(name, str):
        return None
    key = name.lower()
    if key == "vnd" or key.endswith("_vnd"):
        return "vnd"
    if key in SHARE_NAMES or key.startswith("share_") or "_prob" in key or key.endswith("_utilisation"):
        return "share"
    if "_per_" in key:
        return None  # a rate per something (arrivals_per_min, orders_per_customer): a plain number
    if key in COUNT_NAMES or key.startswith("n_"):
        return "count"
    if key == "nps":
        return "points"
    for suffixes, unit in _SUFFIXES:
        if key.endswith(suffixes):
            return unit  # type: ignore[return-value]
    return None


def format_difference(difference: object, unit: Unit | str = "number", *, digits: int | None = None,
                      compact: bool = False) -> str:
    """A difference (current − baseline) with its sign, in the unit of the values it compares.

    Shares move in percentage points (``+2,3 điểm %``), NPS-like points in points (``+4,6 điểm``), money in đồng
    (``−12.345 ₫``, or ``+1,2 triệu ₫`` with ``compact``). Exactly zero is ``±0``. A difference that is not zero
    but rounds to zero gets one or two more decimals, so that it does not read as "no change" (``+0,04 điểm %``); a
    count that moves by less than one (a mean over seeds) gets one decimal (``+0,5``).

    Returns:
        The text; :data:`MISSING` (``—``) for a missing or non-finite difference.

    Raises:
        ValueError: an unknown or a non-numeric unit.
    """
    if unit not in UNITS or unit in ("yes_no", "date", "datetime", "text"):
        raise ValueError(f"no difference in unit {unit!r}")
    if is_missing(difference):
        return MISSING
    number = float(difference)  # type: ignore[arg-type]
    if number == 0:
        return "±0"
    sign = "+" if number > 0 else ""
    places = DIGITS[unit] if digits is None else digits
    if unit == "count" and digits is None and abs(number) < 1:
        places = 1  # a mean over seeds: half a customer is +0,5, not +1
    scale = 100.0 if unit == "share" else 1.0
    if not (unit == "vnd" and compact and abs(number) >= 1e6):
        for _ in range(2):  # a non-zero difference never reads as zero
            if float(vi_number(abs(number) * scale, places).replace(".", "").replace(",", ".")) != 0:
                break
            places += 1
    if unit == "share":
        return f"{sign}{vi_number(100 * number, places)} {label('unit', 'percentage_points')}"
    if unit == "points":
        return f"{sign}{vi_number(number, places)} {label('unit', 'points')}"
    if unit == "vnd":
        return sign + _money(number, places if abs(number) < 1e6 or not compact else digits, compact)
    if unit == "number" and digits is None:
        return sign + _trimmed(vi_number(number, places))
    return sign + format_value(number, unit, digits=places)


__all__ = ["COUNT_NAMES", "DIGITS", "MINUS", "MISSING", "SHARE_NAMES", "UNITS", "Unit", "format_difference", "format_value",
           "is_missing", "unit_for", "vi_number"]
