"""One look for every chart: fonts, the same colour for a key everywhere, labels.

Every chart takes its titles, axis names and legend entries from the one label
map (:mod:`sim.base.labels`) through :func:`label` and :func:`labelled`, and its
colours from :func:`colour_scale`, so a persona, a channel or a stage has the
same colour in every notebook.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import LABELS, label

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
"""Fonts with Vietnamese glyphs. DejaVu Sans ships in ``sim/charts/fonts`` and is registered with vl-convert
(:mod:`sim.charts.render`), so PNG/SVG export needs no system font; browsers fall back along the list."""

VI_LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]}}
"""Numbers written the Vietnamese way on axes and tooltips: 1.234.567 and 12,5%."""

_CATEGORICAL = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#ff9da6",
                "#bab0ac", "#17becf"]
_FIXED: dict[str, list[str]] = {
    "stage": ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    "nps_group": ["#54a24b", "#bab0ac", "#e45756"],  # promoter, passive, detractor
    "loyalty_zone": ["#e45756", "#eeca3b", "#54a24b"],  # defection, indifference, affection
    "final_state": ["#bab0ac", "#e45756", "#54a24b"],
    "delivery": ["#54a24b", "#e45756"],
    "ltv_tier": ["#b08d57", "#a8a9ad", "#d4af37", "#7f9fbf"],  # bronze, silver, gold, platinum
    "value_level": ["#c6dbef", "#6baed6", "#08519c"],
    # best to worst: greens, then blues, ambers, reds, greys
    "rfm_segment": ["#1a9850", "#66bd63", "#a6d96a", "#4c78a8", "#72b7b2", "#fee08b", "#fdae61", "#f46d43",
                    "#d73027", "#969696", "#525252"],
    "activity_segment": ["#54a24b", "#eeca3b", "#e45756"],
    "lifecycle_segment": ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#bab0ac"],
}


def colours(kind: str) -> dict[str, str]:
    """Colour of each key of one kind of label (``persona``, ``channel``, ``stage``…), keyed by the Vietnamese label."""
    keys = list(LABELS[kind])
    palette = _FIXED.get(kind, _CATEGORICAL)
    return {label(kind, key): palette[i % len(palette)] for i, key in enumerate(keys)}


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
    return alt.Scale(domain=domain, range=[fixed.get(lbl, "#999999") for lbl in domain])


def labelled(df: pd.DataFrame, column: str, kind: str, lang: str = "vi") -> pd.DataFrame:
    """A copy of ``df`` whose ``column`` holds display labels (keys unknown to the map are kept)."""
    out = df.copy()
    out[column] = [label(kind, key, lang) for key in out[column]]
    return out


def order(kind: str) -> list[str]:
    """The Vietnamese labels of ``kind`` in the map's order (for ``sort=``)."""
    return [label(kind, key) for key in LABELS[kind]]


def base_config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Fonts with Vietnamese glyphs, Vietnamese number format, readable sizes for a classroom projector."""
    return (chart.configure(font=FONT, locale=VI_LOCALE)
            .configure_title(font=FONT, fontSize=16, anchor="start")
            .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13)
            .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=12, titleFontSize=13, labelLimit=320)
            .configure_view(stroke=None))
