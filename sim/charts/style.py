"""One look for every chart: fonts, the same colour for a key everywhere, labels.

Every chart takes its titles, axis names and legend entries from the one label
map (:mod:`sim.base.labels`) through :func:`label` and :func:`labelled`, and its
colours from :func:`colour_scale` (the colours themselves are in :mod:`sim.charts.palette`),
so a persona, a channel or a stage has the same colour in every notebook.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd
from PIL import ImageFont

from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES, UNKNOWN, colour_of

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
"""Fonts with Vietnamese glyphs. DejaVu Sans ships in ``sim/charts/fonts`` and is registered with vl-convert
(:mod:`sim.charts.render`), so PNG/SVG export needs no system font; browsers fall back along the list."""

MAX_WIDTH_PX = 850
"""The widest a chart is drawn, its labels, legends and side-by-side panels included. JupyterLab at 1366 px with
the file browser open leaves an output area of about 930 px, of which vega-embed keeps 38 px for its "…" menu;
every chart fits there (the browser tests check it at 1366 × 768 and 1920 × 1080)."""
_COLUMN_PX: ContextVar[int] = ContextVar("column_px", default=MAX_WIDTH_PX)


def column_px() -> int:
    """The width the charts drawn now must fit: :data:`MAX_WIDTH_PX`, or less inside :func:`narrow_column`."""
    return _COLUMN_PX.get()


@contextmanager
def narrow_column(width_px: int) -> Iterator[None]:
    """Draw the charts made inside the ``with`` block for a column of ``width_px`` (a printed page is narrower than a
    notebook, and a chart drawn for it keeps larger text when placed there).

    Raises:
        DataError: a width that is not between 300 and :data:`MAX_WIDTH_PX`.
    """
    if not isinstance(width_px, int) or not 300 <= width_px <= MAX_WIDTH_PX:
        raise DataError([("width_px", width_px, f"phải là số nguyên từ 300 đến {MAX_WIDTH_PX}",
                          f"must be a whole number from 300 to {MAX_WIDTH_PX}")])
    token = _COLUMN_PX.set(width_px)
    try:
        yield
    finally:
        _COLUMN_PX.reset(token)


LABEL_SIZE = 12
"""Font size (px) of axis labels, legend labels and text written on charts."""
TITLE_SIZE = 13
"""Font size (px) of axis and legend titles."""
TITLE_FONT_SIZE = 16
"""Font size (px) of a chart's title (bold)."""
SUBTITLE_FONT_SIZE = 12
"""Font size (px) of a chart's subtitle."""
_MARGINS_PX = 34
"""What a chart adds around its plot and labels: ticks, padding, the edges, half of the last tick label."""
_TICK_PX = 7
"""An axis's tick (5 px) and the space between tick and label (2 px)."""
_LEGEND_LABEL_LIMIT = 320
_LEGEND_SYMBOL_PX = 40
"""A legend entry's symbol and the space around it."""
_FONT_FILES = {False: Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf",
               True: Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold.ttf"}

VI_LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}}
"""Numbers written the Vietnamese way on axes and tooltips: 1.234.567 and 12,5%."""


def colours(kind: str) -> dict[str, str]:
    """Colour of each key of one kind of label (``persona``, ``channel``, ``stage``…), keyed by the Vietnamese label.

    The colours are those of :data:`sim.charts.palette.PALETTES`, one per code, distinct within the kind.

    Raises:
        DataError: a kind without colours.
    """
    return {label(kind, key): colour_of(kind, key) for key in LABELS[kind]}


def has_colours(kind: str | None) -> bool:
    """Whether a kind of label has its fixed colours (so a chart can colour by it)."""
    return kind in PALETTES


def colour_scale(kind: str, present: list[str] | None = None) -> alt.Scale:
    """An Altair scale that gives each Vietnamese label of ``kind`` its fixed colour.

    Args:
        kind: a kind of the label map, e.g. ``"persona"``.
        present: labels that occur in the data; labels not in the map (a student's
            own category) get grey, and unused labels are left out of the legend.
    """
    fixed = colours(kind)
    domain = list(fixed) if present is None else [lbl for lbl in fixed if lbl in present]
    if present is not None:
        domain += [lbl for lbl in present if lbl not in fixed]
    return alt.Scale(domain=domain, range=[fixed.get(lbl, UNKNOWN) for lbl in domain])


def labelled(df: pd.DataFrame, column: str, kind: str, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``df`` whose ``column`` holds display labels (keys unknown to the map are kept)."""
    out = df.copy()
    out[column] = [label(kind, key, lang) for key in out[column]]
    return out


def order(kind: str) -> list[str]:
    """The Vietnamese labels of ``kind`` in the map's order (for ``sort=``)."""
    return [label(kind, key) for key in LABELS[kind]]


@cache
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONT_FILES[bold]), size=round(size))


def text_width_px(text: str, size: float = LABEL_SIZE, *, bold: bool = False) -> float:
    """How wide ``text`` is drawn in DejaVu Sans at ``size`` px (the font of the charts), in px.

    Charts size their plots with it, so that labels, plot and legend together stay within :data:`MAX_WIDTH_PX`.
    """
    return float(_font(size, bold).getlength(str(text)))


def widest_px(texts: object, size: float = LABEL_SIZE, *, bold: bool = False) -> float:
    """The width of the widest of ``texts`` (0 when there is none)."""
    return max((text_width_px(t, size, bold=bold) for t in texts), default=0.0)


def plot_width(used_px: float, *, most: int = 520, least: int = 200) -> int:
    """The width left for a plot when ``used_px`` of the column (:func:`column_px`) go to labels, legends or other panels.

    Args:
        used_px: the width of everything beside the plot(s).
        most: the plot's width when there is room.
        least: never narrower than this (a chart with labels too long for the column still draws its bars).
    """
    return int(max(least, min(most, column_px() - _MARGINS_PX - used_px)))


def title_above(labels: object, *, limit: float | None = None, **axis: object) -> alt.Axis:
    """An axis for names down the left (personas, channels, reasons…) whose title is written above the names.

    A rotated title beside long names is drawn on top of them; written horizontally above the names, starting where
    the longest name starts, it never is, and it takes no width of its own.

    Args:
        labels: the names on the axis.
        limit: names longer than this (px) are shortened with "…" (``labelLimit``); default none.
        **axis: other properties of ``alt.Axis``.
    """
    names_px = widest_px(labels) if limit is None else min(widest_px(labels), limit)
    extra = {} if limit is None else {"labelLimit": limit}
    return alt.Axis(titleAngle=0, titleAlign="left", titleBaseline="bottom", titleX=-(names_px + _TICK_PX), titleY=-8,
                    **extra, **axis)


def legend_below(labels: object = None, *, left_px: float = 0, columns: int | None = None, **legend: object) -> alt.Legend:
    """A legend under the chart (it takes no width from the plot), its entries in as many columns as fit.

    Args:
        labels: the legend's entries; they are laid out in columns as wide as the widest, as many as
            the column (:func:`column_px`) holds right of ``left_px``.
        left_px: the width left of the plot (its axis labels): the legend starts under the plot.
        columns: the number of columns, when known (otherwise from ``labels``; one row when neither is given).
        **legend: other properties of ``alt.Legend``.
    """
    if columns is None and labels is not None:
        entry_px = min(widest_px(labels), _LEGEND_LABEL_LIMIT) + _LEGEND_SYMBOL_PX
        columns = max(1, int((column_px() - _MARGINS_PX - left_px) // entry_px))
    extra = {"columns": columns} if columns else {"direction": "horizontal"}
    return alt.Legend(orient="bottom", titleOrient="top", **extra, **legend)


def wrap_px(text: str, width_px: float, size: float = LABEL_SIZE, *, bold: bool = False) -> list[str]:
    """``text`` cut into lines no wider than ``width_px`` (between words; a word longer than a line keeps its line)."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width_px(candidate, size, bold=bold) > width_px:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def wrapped_labels(labels: object, width_px: float, size: float = LABEL_SIZE, *, bold: bool = False) -> tuple[str | None, int]:
    """A Vega expression (for ``labelExpr``) writing each of ``labels`` on lines no wider than ``width_px``.

    Returns:
        The expression (None when every label fits on one line) and the most lines a label takes.
    """
    lines = {str(text): wrap_px(str(text), width_px, size, bold=bold) for text in labels}
    most = max((len(v) for v in lines.values()), default=1)
    if most == 1:
        return None, 1
    table = ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in lines.items()
                      if len(v) > 1)
    return f"{{{table}}}[datum.label] || (datum.label)", most  # brackets: Vega-Lite may put an expression there


def _lines(value: object, width_px: float, size: float, bold: bool) -> str | list[str]:
    texts = value if isinstance(value, (list, tuple)) else [value]
    lines = [line for text in texts for line in wrap_px(str(text), width_px, size, bold=bold)]
    return lines[0] if len(lines) == 1 and not isinstance(value, (list, tuple)) else lines


def _field(title: object, name: str, default: object = None) -> object:
    if isinstance(title, dict):
        return title.get(name, default)
    value = getattr(title, name, default)
    return default if value is alt.Undefined else value


def title_text(title: object) -> object:
    """The text of a chart title given as a string, a dict or an ``alt.Title``."""
    return title if isinstance(title, str) else _field(title, "text")


def fit_title(chart: alt.TopLevelMixin, width_px: float | None = None) -> alt.TopLevelMixin:
    """The chart with its title and subtitle wrapped into lines that fit ``width_px`` (a long title would widen the chart).

    Args:
        chart: an Altair chart.
        width_px: the widest a line may be; default the column (:func:`column_px`) less the chart's padding.
    """
    width_px = column_px() - 12 if width_px is None else width_px
    title = chart.title
    if title is alt.Undefined or title is None:
        return chart
    params = title.to_dict() if hasattr(title, "to_dict") else (dict(title) if isinstance(title, dict) else {"text": title})
    if params.get("text") in (None, "", []):
        return chart
    params["text"] = _lines(params["text"], width_px, TITLE_FONT_SIZE, True)
    if params.get("subtitle") not in (None, "", []):
        params["subtitle"] = _lines(params["subtitle"], width_px, SUBTITLE_FONT_SIZE, False)
    if params["text"] == title_text(title) and params.get("subtitle", "") == _field(title, "subtitle", ""):
        return chart  # nothing to wrap: the title stays as it was written
    chart.title = alt.TitleParams(**params)
    return chart


def base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Fonts with Vietnamese glyphs, Vietnamese number format, readable sizes for a classroom projector.

    Tick labels closer than 6 px are thinned out (``labelSeparation``), so neighbours never touch ("80%100%"),
    and the title and subtitle are wrapped to the column (:func:`fit_title`).
    """
    return (fit_title(chart).configure(font=FONT, locale=VI_LOCALE)
            .configure_title(font=FONT, fontSize=TITLE_FONT_SIZE, subtitleFontSize=SUBTITLE_FONT_SIZE, anchor="start")
            .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=LABEL_SIZE, titleFontSize=TITLE_SIZE,
                            labelSeparation=6)
            .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=LABEL_SIZE, titleFontSize=TITLE_SIZE,
                              labelLimit=_LEGEND_LABEL_LIMIT, titleLimit=MAX_WIDTH_PX)
            .configure_view(stroke=None))
