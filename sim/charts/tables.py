"""One look for every table a student sees: Vietnamese headers from the label map, every value in its unit.

Every table that a notebook, a lab, the group notebook or the dashboard shows goes through :func:`styled` (or
:func:`display_frame` for the bare text). It

* names the columns from the label map (:mod:`sim.base.labels`): the kinds the caller gives, then the generic kind
  ``column``; a column without a label keeps its name (a student's own column still shows);
* writes the codes in a code column (``channel``, ``persona``, ``stage``…) as their labels (:data:`CODE_KINDS`), and
  so the columns of a pivot whose columns are codes (``columns.name == "stage"``);
* writes every value in its unit (:mod:`sim.base.formats`): money ``1.234.567 ₫``, shares ``12,5%``, whole counts,
  other numbers with as many decimals as their size needs, ``Có``/``Không`` for yes/no, dates ``31/12/2026``, and
  ``—`` for a missing value. The unit comes from the column's name (``_vnd``, ``_rate``, ``_share``, counts…, see
  :func:`sim.base.formats.unit_for`) and its type; ``units=`` overrides it. A duration's unit is in its header
  ("Thời gian chờ (phút)"), so its cells hold the number alone;
* puts the index (when it means something) in the first columns, so a grouped table reads like any other; the rows
  of ``DataFrame.describe()`` get their Vietnamese names (Trung bình, Trung vị…).

A table of measures by row (a Series such as ``repeat_metrics(orders)``, or a frame whose index names KPIs) takes each
row's unit from the row's name instead (``by_row``); there a column of differences is written with its sign and a
share's difference in percentage points. A frame with ``value`` and ``unit`` columns (one unit per row, as
:func:`sim.measures.four_activities.four_activities`) writes each value in its row's unit. In a lab, ``names=True``
shows each column's field name under its Vietnamese header, since the student writes code against those names.

Typical use::

    from sim.charts.tables import styled
    styled(channel_economics(customers, orders, marketing), labels="channel_economics_chart")
    styled(retention.repeat_metrics(orders), labels="repeat_metric")       # one measure per row
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sim.base.formats import MISSING, UNITS, Unit, format_difference, format_value, is_missing, unit_for, vi_number
from sim.base.labels import LABELS, label
from sim.measures.kpis import KPI_UNITS

HEADER_KINDS: tuple[str, ...] = ("column",)
"""Label kinds searched for a header after the caller's own (``labels=``)."""
MEASURE_KINDS: tuple[str, ...] = ("kpi", "service_kpi", "crm_measure", "repeat_metric", "retention_measure", "list_measure",
                                  "cost_ratio", "ltv_inputs", "uplift_measure", "offer_measure", "hit_rate", "dq_score",
                                  "column")
"""Label kinds searched for the name of a measure (a ``measure`` column, or the rows of a table read by row)."""
SETTING_KINDS: tuple[str, ...] = ("lever", "quality_lever", "scenario_field", "e_service", "column")
"""Label kinds searched for the name of a scenario field (the levels of a sweep's columns)."""
CODE_KINDS: dict[str, tuple[str, ...]] = {
    "stage": ("stage",), "persona": ("persona",), "channel": ("channel",), "acquired_via": ("channel",),
    "acquisition_channel": ("channel",), "event": ("event",), "reason": ("reason",), "purpose": ("purpose",),
    "tool": ("tool",), "segment": ("segment", "rfm_segment", "activity_segment", "lifecycle_segment"),
    "category": ("category",), "main_category": ("category",), "delivery": ("delivery",),
    "lifecycle_stage": ("lifecycle_stage",), "request": ("request",), "final_state": ("final_state",),
    "nps_group": ("nps_group",), "activity_segment": ("activity_segment",), "lifecycle_segment": ("lifecycle_segment",),
    "rfm_segment": ("rfm_segment",), "dimension": ("dimension",), "activity": ("crm_activity",),
    "loyalty_zone": ("loyalty_zone",), "method": ("churn_method", "recommend_method"),
    "variant": ("centred_step", "queue_variant"), "offer": ("offer",), "tier": ("ltv_tier",), "ltv_tier": ("ltv_tier",),
    "estimated_tier": ("ltv_tier",), "true_tier": ("ltv_tier",), "value_level": ("value_level",),
    "action": ("ltv_action",), "step": ("centred_step",), "status": ("dq_status", "checklist_status", "auction_status"),
    "field": ("dq_field",), "advertiser": ("advertiser",), "measure": MEASURE_KINDS,
    "lever": ("retention_lever", "lever", "quality_lever"), "part": ("scorecard_part", "seo_part"),
    "factor": ("seo_factor",), "progress": ("checklist_status",), "gender": ("gender",), "statistic": ("describe_stat",),
    "preset": ("preset",), "table": ("data_table",), "ad_network": ("ad_network",), "touchpoint": ("touchpoint",),
    "payment": ("payment",), "churn_cause": ("churn_cause",),
}
"""Columns that hold codes, and the label kinds their values are looked up in (first kind that has the code)."""
ROW_UNITS: dict[str, Unit] = {"share": "share", "count": "count", "vnd": "vnd", "ratio": "ratio", "points": "points"}
"""What a ``unit`` column's entries mean (:func:`sim.measures.four_activities.four_activities`); any other is a number."""
DESCRIBE_COUNTS: frozenset[str] = frozenset({"count", "unique", "freq"})
"""Rows of ``DataFrame.describe()`` that count, whatever the column's unit."""
DURATIONS: frozenset[str] = frozenset({"days", "hours", "minutes", "seconds"})
"""Units whose word is in the header already ("Thời gian chờ (phút)"): a table writes the number alone."""
NOT_NUMBERS: frozenset[str] = frozenset({"text", "yes_no", "date", "datetime"})
"""Units written as words or dates (left-aligned)."""

_TABLE_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; font-size: 13px; margin: 4px 0;"},
    {"selector": "th", "props": "background: #f2f2f2; font-weight: 600; text-align: left; vertical-align: bottom; "
                                "padding: 4px 8px; border-bottom: 1px solid #999; max-width: 16em; white-space: normal;"},
    {"selector": "td", "props": "padding: 3px 8px; border-bottom: 1px solid #e4e4e4;"},
    {"selector": "th code", "props": "font-weight: 400; font-size: 11px; color: #555;"},
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: 600; padding-bottom: 4px;"},
]


def _kinds(labels: str | Sequence[str] | None) -> tuple[str, ...]:
    if labels is None:
        return ()
    return (labels,) if isinstance(labels, str) else tuple(labels)


def _lookup(key: object, kinds: Iterable[str]) -> str | None:
    for kind in kinds:
        if str(key) in LABELS.get(kind, {}):
            return label(kind, key)
    return None


def _scalar_text(value: object) -> str:
    """A lone value (a header, a level of a sweep) written out: numbers the Vietnamese way, yes/no, dates."""
    if isinstance(value, (bool, np.bool_)):
        return format_value(bool(value), "yes_no")
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return format_value(value, "date" if pd.Timestamp(value) == pd.Timestamp(value).normalize() else "datetime")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return format_value(value, "number")
    return MISSING if is_missing(value) else str(value)


def header_text(name: object, labels: str | Sequence[str] | None = None) -> str:
    """The display name of a column: from the caller's label kinds, then :data:`HEADER_KINDS`; a number or a date
    written out; a name without a label as it is.

    Example: ``header_text("cpa_vnd", "channel_economics_chart")`` → "Chi phí mỗi khách hàng mới – CPA (VND)".
    """
    if isinstance(name, str):
        found = _lookup(name.strip(), (*_kinds(labels), *HEADER_KINDS))
        return found if found is not None else name.strip()
    return _scalar_text(name)


def _code_text(value: object, kinds: Sequence[str]) -> str:
    if is_missing(value):
        return MISSING
    found = _lookup(value, kinds)
    return found if found is not None else _scalar_text(value)


def _digits(values: pd.Series) -> int:
    """Decimals for a column of plain numbers: as few as write every value exactly, at most as many as the size of
    the largest allows (≥ 1.000: none; ≥ 100: 1; ≥ 1: 2; below: 3). Example: 0,6; 0,45; 0,85 → 2 decimals."""
    finite = pd.to_numeric(values, errors="coerce").replace([np.inf, -np.inf], np.nan).dropna().astype(float)
    if finite.empty:
        return 0
    largest = finite.abs().max()
    most = 0 if largest >= 1000 else 1 if largest >= 100 else 2 if largest >= 1 else 3
    return next((d for d in range(most) if np.allclose(finite, finite.round(d), rtol=0, atol=1e-9)), most)


def _cell(value: object, unit: Unit, digits: int | None = None) -> str:
    """One cell: a value whose type says otherwise (a word, a date, yes/no) is written by its type, not by ``unit``."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return _scalar_text(value)
    if not isinstance(value, (int, float, np.integer, np.floating)):
        return str(value)
    if unit in DURATIONS:
        unit, digits = "number", 1 if digits is None else digits
    if unit in NOT_NUMBERS:
        unit = "number"
    return format_value(value, unit, digits=digits)


def _is_bool(values: pd.Series) -> bool:
    present = values[~values.map(is_missing)]
    return pd.api.types.is_bool_dtype(values) or (
        len(present) > 0 and present.map(lambda v: isinstance(v, (bool, np.bool_))).all())


def _is_numeric(values: pd.Series) -> bool:
    if _is_bool(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    present = values[~values.map(is_missing)]
    return len(present) > 0 and present.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))).all()


def _unit_of(name: object, values: pd.Series) -> tuple[Unit, int | None]:
    """The unit of a column by its name and values; ``number`` gets decimals fitted to its values."""
    if _is_bool(values):
        return "yes_no", None
    if pd.api.types.is_datetime64_any_dtype(values):
        times = values.dropna()
        midnight = len(times) == 0 or bool((times == times.dt.normalize()).all())
        return ("date" if midnight else "datetime"), None
    named = KPI_UNITS.get(str(name)) or unit_for(name)
    numeric = pd.to_numeric(values, errors="coerce").replace([np.inf, -np.inf], np.nan).dropna()
    if named == "count" and not (numeric == numeric.round()).all():
        named = None  # a mean of counts: a plain number
    if named is not None:
        return named, None
    if pd.api.types.is_integer_dtype(values):
        return "count", None
    return "number", _digits(values)


def _row_unit(name: object) -> Unit:
    return KPI_UNITS.get(str(name)) or unit_for(name) or "number"


def _is_difference(name: object) -> bool:
    return isinstance(name, str) and (name == "difference" or name.startswith("paired_ci") or (name.endswith("_difference")
                                      and not name.startswith("relative")))


def _level_text(name: object, value: object) -> str:
    """One level of a sweep's column: "Giá trị: 3" with the field's label, or the value alone."""
    text = _code_text(value, CODE_KINDS.get(str(name), ())) if name is not None else _scalar_text(value)
    return f"{_lookup(name, SETTING_KINDS) or name}: {text}" if name is not None and str(name) not in CODE_KINDS else text


class _Table:
    """The table taken apart: its columns as text, which hold numbers, the headers and the field names."""

    def __init__(self, data: pd.DataFrame | pd.Series, labels: str | Sequence[str] | None,
                 units: Unit | Mapping[Any, Unit] | None, codes: Mapping[Any, str | Sequence[str]] | None,
                 by_row: bool | None):
        self.kinds = _kinds(labels)
        frame, self.by_row = self._frame(data, by_row)
        self.caption: str | None = None
        columns_name = frame.columns.name if not isinstance(frame.columns, pd.MultiIndex) else None
        if columns_name is not None and str(columns_name) not in CODE_KINDS:
            self.caption = _lookup(columns_name, (*self.kinds, *SETTING_KINDS)) or str(columns_name)
        column_kinds = CODE_KINDS.get(str(columns_name), ()) if columns_name is not None else ()
        index_names = self._index_names(frame)
        frame = frame.reset_index() if index_names else frame
        self.code_kinds = {k: _kinds(v) for k, v in (codes or {}).items()}
        every = units if isinstance(units, str) else None
        self.units: dict[Any, Unit] = dict(units) if isinstance(units, Mapping) else {}
        if "unit" in frame.columns and "value" in frame.columns and "unit" not in self.units:
            row_units = frame.pop("unit")
            frame["value"] = [_cell(v, ROW_UNITS.get(str(u), "number")) for v, u in zip(frame["value"], row_units, strict=True)]
        self.fields = list(frame.columns)
        described = index_names == ["statistic"]
        counts = [described and str(r) in DESCRIBE_COUNTS for r in (frame.iloc[:, 0] if index_names else [None] * len(frame))]
        row_names = list(frame.iloc[:, 0]) if (self.by_row and index_names) else [None] * len(frame)
        self.columns: list[list[str]] = []
        self.numeric: list[bool] = []
        for position, name in enumerate(frame.columns):
            values = frame.iloc[:, position]
            is_index = position < len(index_names)
            if every is not None and not is_index and name not in self.units:
                unit = every
                texts = [_cell(v, unit, _digits(values) if unit == "number" else None) for v in values]
                number = unit not in NOT_NUMBERS
            elif self.by_row and not is_index and name not in self.units:
                texts, number = self._by_row(name, values, row_names), True
            else:
                texts, number = self._column(name, values, counts, is_index and self.by_row and position == 0)
            self.columns.append(texts)
            self.numeric.append(number)
        self.headers: list[str | tuple[str, ...]] = []
        for position, field in enumerate(self.fields):
            if isinstance(field, tuple):
                self.headers.append(tuple(header_text(part, self.kinds) for part in field))
            elif position >= len(index_names) and column_kinds:
                self.headers.append(_code_text(field, column_kinds))
            else:
                self.headers.append(header_text(field, self.kinds))

    @staticmethod
    def _frame(data: pd.DataFrame | pd.Series, by_row: bool | None) -> tuple[pd.DataFrame, bool]:
        if isinstance(data, pd.Series):
            frame = data.to_frame(name=data.name if data.name is not None else "value")
            if by_row is None:
                by_row = not isinstance(data.index, pd.RangeIndex) and all(isinstance(k, str) for k in data.index)
        else:
            frame = data.copy()
            by_row = bool(by_row)
        if isinstance(frame.columns, pd.MultiIndex):
            names = list(frame.columns.names)
            if any(n is not None for n in names):  # one column per combination of settings: "Cốt lõi: Có · Gia tăng: Không"
                frame.columns = [" · ".join(_level_text(n, v) for n, v in zip(names, col, strict=True)) for col in frame.columns]
        return frame, bool(by_row)

    def _index_names(self, frame: pd.DataFrame) -> list[str]:
        """Names for the index's columns (none when the index is the default 0, 1, 2…)."""
        if frame.index.nlevels == 1 and frame.index.name is None and pd.api.types.is_integer_dtype(frame.index):
            return []  # row numbers (also after a filter: 0, 2, 3…), not data
        keys = set(map(str, frame.index)) if frame.index.nlevels == 1 else set()
        described = len(frame) >= 4 and keys <= set(LABELS["describe_stat"])
        unnamed = "statistic" if described else "measure" if self.by_row else ""
        names = [str(n) if n is not None else unnamed for n in frame.index.names]
        names = [n if n not in frame.columns else f"{n} " for n in names]  # a column of the same name stays apart
        frame.index = frame.index.set_names(names)
        return names

    def _by_row(self, name: object, values: pd.Series, row_names: list[object]) -> list[str]:
        if _is_difference(name):
            return [MISSING if is_missing(v) else v if isinstance(v, str) else format_difference(v, _row_unit(r))
                    for v, r in zip(values, row_names, strict=True)]
        texts = []
        for v, r in zip(values, row_names, strict=True):
            unit = _row_unit(r)
            digits = _digits(pd.Series([v])) if unit == "number" and isinstance(v, (float, np.floating)) else None
            text = _cell(v, unit, digits)
            texts.append(text.rstrip("0").rstrip(",") if unit == "number" and "," in text else text)
        return texts

    def _column(self, name: object, values: pd.Series, counts: Sequence[bool], measure_names: bool) -> tuple[list[str], bool]:
        """A column's cells as text, and whether it holds numbers (right-aligned)."""
        key = name.strip() if isinstance(name, str) else name[-1] if isinstance(name, tuple) else name
        if measure_names:  # the rows' names: codes of their own kind ("table", "reason"…), else measures
            kinds = CODE_KINDS.get(str(key), MEASURE_KINDS) if str(key) != "measure" else MEASURE_KINDS
            return [_code_text(v, (*self.kinds, *kinds)) for v in values], False
        if key in self.code_kinds:
            return [_code_text(v, self.code_kinds[key]) for v in values], False
        if key in self.units:
            unit = self.units[key]
            digits = _digits(values) if unit == "number" else None
            return [_cell(v, "count" if c else unit, None if c else digits) for v, c in zip(values, counts, strict=True)], \
                unit not in NOT_NUMBERS
        if str(key) in CODE_KINDS and not pd.api.types.is_float_dtype(values):
            return [_code_text(v, CODE_KINDS[str(key)]) for v in values], False
        if _is_bool(values) or pd.api.types.is_datetime64_any_dtype(values) or _is_numeric(values):
            unit, digits = _unit_of(key, values)
            return [_cell(v, "count" if c else unit, None if c else digits) for v, c in zip(values, counts, strict=True)], \
                unit not in NOT_NUMBERS
        return [_cell(v, "number") for v in values], False  # words, or a mix: each cell by its own type

    def frame(self) -> pd.DataFrame:
        shown = pd.DataFrame(dict(enumerate(self.columns)), index=range(len(self.columns[0]) if self.columns else 0))
        if any(isinstance(h, tuple) for h in self.headers):
            depth = max(len(h) if isinstance(h, tuple) else 1 for h in self.headers)
            shown.columns = pd.MultiIndex.from_tuples(
                [(*h, *[""] * (depth - len(h))) if isinstance(h, tuple) else ("",) * (depth - 1) + (h,) for h in self.headers])
        else:
            shown.columns = pd.Index(self.headers)
        return shown


def display_frame(data: pd.DataFrame | pd.Series, *, labels: str | Sequence[str] | None = None,
                  units: Unit | Mapping[Any, Unit] | None = None, codes: Mapping[Any, str | Sequence[str]] | None = None,
                  by_row: bool | None = None) -> pd.DataFrame:
    """The table as text, the way :func:`styled` shows it: Vietnamese headers, every cell written out.

    Args:
        data: a DataFrame or a Series.
        labels: label kind(s) searched first for the headers (and for the row names of a table read by row).
        units: ``{column: unit}`` where the name does not say it (:data:`sim.base.formats.UNITS`), or one unit for
            every column that is not the index (a crosstab of shares: ``units="share"``).
        codes: ``{column: label kind(s)}`` for a code column not in :data:`CODE_KINDS`.
        by_row: each row in the unit its name says (a table of measures); default: a Series indexed by names.

    Returns:
        A frame of texts, one column per column (the index first), headers in Vietnamese.
    """
    return _Table(data, labels, units, codes, by_row).frame()


def styled(data: Any, *, labels: str | Sequence[str] | None = None, units: Unit | Mapping[Any, Unit] | None = None,
           codes: Mapping[Any, str | Sequence[str]] | None = None, by_row: bool | None = None, names: bool = False,
           caption: str | None = None, all_rows: bool = False) -> Any:
    """A table ready to show: Vietnamese headers, values in their units, no index numbers (see the module's notes).

    A long table is cut as pandas cuts one: more than ``pandas.get_option("display.max_rows")`` rows (60) shows the
    first ``display.min_rows`` (10) and says how many there are, so a saved notebook stays small; the data itself is
    not changed.

    Args:
        data: a DataFrame or a Series; anything else (``None`` while a lab's answer is still empty, a number) is
            returned unchanged.
        labels: label kind(s) searched first for the headers, e.g. ``"channel_economics_chart"``.
        units: ``{column: unit}`` overriding what the name says, or one unit for every column but the index.
        codes: ``{column: label kind(s)}`` for a code column that :data:`CODE_KINDS` does not know.
        by_row: each row in the unit its name says (default: a Series indexed by names).
        names: show each column's field name (``margin_vnd``) under its Vietnamese header, for code written against it.
        caption: a caption above the table (default: the name of the setting a sweep's columns vary, if any).
        all_rows: show every row, however many.

    Returns:
        A pandas Styler (a notebook, Voilà and nbconvert show it as an HTML table).
    """
    if not isinstance(data, (pd.DataFrame, pd.Series)):
        return data
    if isinstance(units, str) and units not in UNITS:
        raise ValueError(f"unknown unit {units!r}; one of {', '.join(UNITS)}")
    table = _Table(data, labels, units, codes, by_row)
    shown = table.frame()
    note = None
    limit = pd.get_option("display.max_rows")
    if not all_rows and limit is not None and len(shown) > limit:
        first = min(pd.get_option("display.min_rows") or limit, limit)
        note = label("table_note", "rows_shown").format(total=vi_number(len(shown), 0), shown=vi_number(first, 0))
        shown = shown.head(first)
    multi = isinstance(shown.columns, pd.MultiIndex)
    if multi:
        shown.columns = pd.MultiIndex.from_tuples([tuple(html.escape(str(p)) for p in col) for col in shown.columns])
    else:
        shown.columns = pd.RangeIndex(len(shown.columns))

    def head(position: int) -> str:
        text = html.escape(str(table.headers[position]))
        field = table.fields[position]
        field = field.strip() if isinstance(field, str) else field
        if names and isinstance(field, str) and field and field != table.headers[position]:
            text += f"<br><code>{html.escape(field)}</code>"
        return text

    style = shown.style.hide(axis="index").set_table_styles(_TABLE_STYLES)
    style = style.format_index(escape=None, axis=1) if multi else style.format_index(head, axis=1, escape=None)
    right = [shown.columns[p] for p, is_number in enumerate(table.numeric) if is_number]
    if right:
        style = style.set_properties(subset=right, **{"text-align": "right", "white-space": "nowrap"})
    shown_caption = caption if caption is not None else table.caption
    if note:
        shown_caption = f"{shown_caption} · {note}" if shown_caption else note
    if shown_caption:
        style = style.set_caption(html.escape(shown_caption))
    return style


__all__ = ["CODE_KINDS", "HEADER_KINDS", "MEASURE_KINDS", "SETTING_KINDS", "display_frame", "header_text", "styled"]
