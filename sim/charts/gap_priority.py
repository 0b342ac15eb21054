"""Quality gaps against their effect on satisfaction: which service-quality dimension to improve first.

Lecture 001 (Chất lượng dịch vụ thương mại điện tử: RATER, SERVQUAL; Parasuraman et al.
1985, 1988). Each dimension is a point: across, its gap (perception − expectation);
up, its standardized effect β on satisfaction; the cross-hairs at gap 0 and at the
median β make the four quadrants of an importance–performance grid (Martilla & James
1977). The data come from :func:`sim.measures.service_quality.gap_priorities`.

Typical use::

    from sim.measures.service_quality import gap_priorities
    from sim.charts.gap_priority import gap_priority_chart
    chart = gap_priority_chart(gap_priorities(surveys))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config, labelled, legend_below, text_width_px
from sim.measures.frames import require_columns

PRIORITY_COLOURS: dict[str, str] = dict(PALETTES["gap_priority"])
"""Red: fix first; green: keep up; grey: low priority; blue: possible overkill."""
_COLUMNS = ["dimension", "gap", "standardized_coefficient", "priority"]
WIDTH_PX, HEIGHT_PX = 480, 340
"""The plot area; the scales' domains are set here, so a point's pixel position is known before drawing."""
_FONT_PX, _LINE_PX, _GAP_PX, _POINT_PX = 12, 15, 9, 7
_MARGIN = 0.12
"""Each scale reaches this share of its span beyond the data (and zero) on both sides."""


def _domain(values: list[float]) -> tuple[float, float]:
    """The data and zero, widened by :data:`_MARGIN` of the span on each side (a span of 1 when all are equal)."""
    low, high = min([*values, 0.0]), max([*values, 0.0])
    span = (high - low) or 1.0
    return low - _MARGIN * span, high + _MARGIN * span


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points: list[tuple[float, float]], widths_px: list[float], *, width_px: float = WIDTH_PX,
                 height_px: float = HEIGHT_PX) -> list[tuple[str, float, float]]:
    """Where to write each point's name so that no name covers another name or a point.

    Greedy placement in pixel space, points taken from the top of the chart down: each name tries
    beside its point on the right, then on the left, level with the point and then one, two or three
    lines above or below, and takes the first place inside the plot that is free. A name that finds
    no free place keeps the first place inside the plot (never seen with five dimensions).

    Args:
        points: pixel positions (x from the left, y from the top) of the points.
        widths_px: each name's width in pixels.
        width_px: the plot's width.
        height_px: the plot's height.

    Returns:
        Per point: the side (``"left"``: the name starts right of the point; ``"right"``: it ends left
        of it) and the pixel position of the name's anchor (its middle-left or middle-right end).
    """
    taken = [(x - _POINT_PX, y - _POINT_PX, x + _POINT_PX, y + _POINT_PX) for x, y in points]
    placed: list[tuple[str, float, float] | None] = [None] * len(points)
    shifts = [0.0, -_LINE_PX, _LINE_PX, -2 * _LINE_PX, 2 * _LINE_PX, -3 * _LINE_PX, 3 * _LINE_PX]
    for i in sorted(range(len(points)), key=lambda k: points[k][1]):
        x, y = points[i]
        first = None
        for shift in shifts:
            for align in ("left", "right"):
                start = x + _GAP_PX if align == "left" else x - _GAP_PX - widths_px[i]
                box = (start, y + shift - _LINE_PX / 2, start + widths_px[i], y + shift + _LINE_PX / 2)
                if box[0] < 0 or box[2] > width_px or box[1] < 0 or box[3] > height_px:
                    continue
                anchor = (align, x + _GAP_PX if align == "left" else x - _GAP_PX, y + shift)
                first = first or (anchor, box)
                if not any(_overlaps(box, other) for other in taken):
                    placed[i] = anchor
                    taken.append(box)
                    break
            if placed[i] is not None:
                break
        if placed[i] is None:
            anchor, box = first or (("left", x + _GAP_PX, y), (x, y, x, y))
            placed[i] = anchor
            taken.append(box)
    return [p for p in placed if p is not None]


def gap_priority_chart(priorities: pd.DataFrame) -> alt.LayerChart:
    """Points (gap, β) per dimension, named, coloured by quadrant, with the two cross-hairs.

    Args:
        priorities: the table of :func:`sim.measures.service_quality.gap_priorities`
            (``dimension``, ``gap``, ``standardized_coefficient``, ``priority``; ``expectation``,
            ``perception``, ``correlation`` are shown in the tooltip when present).

    Returns:
        An Altair layered chart. Dimensions whose β is NaN are left out.

    Raises:
        DataError: a missing column.
    """
    require_columns(priorities, _COLUMNS, "priorities")
    data = priorities[priorities["standardized_coefficient"].notna()].copy()
    data = labelled(data, "dimension", "dimension")
    data["priority"] = [label("gap_priority", p) for p in data["priority"]]
    names = [label("gap_priority", key) for key in LABELS["gap_priority"]]
    scale = alt.Scale(domain=names, range=[PRIORITY_COLOURS[key] for key in LABELS["gap_priority"]])
    x_title, y_title = label("gap_priority_chart", "gap"), label("gap_priority_chart", "importance")
    extra = [alt.Tooltip(f"{c}:Q", title=label("service_report", c), format=".2f")
             for c in ("expectation", "perception", "correlation") if c in data.columns]
    x_domain = _domain([float(v) for v in data["gap"]])
    y_domain = _domain([float(v) for v in data["standardized_coefficient"]])
    x_px = [(float(v) - x_domain[0]) / (x_domain[1] - x_domain[0]) * WIDTH_PX for v in data["gap"]]
    y_px = [(y_domain[1] - float(v)) / (y_domain[1] - y_domain[0]) * HEIGHT_PX for v in data["standardized_coefficient"]]
    anchors = place_labels(list(zip(x_px, y_px, strict=True)),
                           [text_width_px(str(name), _FONT_PX) for name in data["dimension"]])
    data["align"] = [a[0] for a in anchors]
    data["label_gap"] = [x_domain[0] + a[1] / WIDTH_PX * (x_domain[1] - x_domain[0]) for a in anchors]
    data["label_beta"] = [y_domain[1] - a[2] / HEIGHT_PX * (y_domain[1] - y_domain[0]) for a in anchors]
    x_scale = alt.Scale(domain=list(x_domain), nice=False, zero=False)
    y_scale = alt.Scale(domain=list(y_domain), nice=False, zero=False)
    base = alt.Chart(data).encode(
        x=alt.X("gap:Q", title=x_title, scale=x_scale),
        y=alt.Y("standardized_coefficient:Q", title=y_title, scale=y_scale),
        tooltip=[alt.Tooltip("dimension:N", title=label("gap_priority_chart", "dimension")),
                 alt.Tooltip("gap:Q", title=x_title, format="+.2f"),
                 alt.Tooltip("standardized_coefficient:Q", title=y_title, format=".3f"),
                 alt.Tooltip("priority:N", title=label("gap_priority_chart", "priority")), *extra])
    points = base.mark_point(filled=True, size=140).encode(
        color=alt.Color("priority:N", title=label("gap_priority_chart", "priority"), scale=scale, legend=legend_below(names)))
    texts = [alt.Chart(data[data["align"] == side]).mark_text(align=side, baseline="middle", fontSize=_FONT_PX).encode(
        x=alt.X("label_gap:Q", title=x_title, scale=x_scale), y=alt.Y("label_beta:Q", title=y_title, scale=y_scale),
        text="dimension:N")
        for side in ("left", "right")]
    zero = alt.Chart(pd.DataFrame({"gap": [0.0]})).mark_rule(color="#444444").encode(x="gap:Q")
    median = float(data["standardized_coefficient"].median()) if len(data) else 0.0
    middle = alt.Chart(pd.DataFrame({"standardized_coefficient": [median]}))
    rule = middle.mark_rule(color="#444444", strokeDash=[6, 4]).encode(
        y="standardized_coefficient:Q", tooltip=[alt.Tooltip("standardized_coefficient:Q", title=label("gap_priority_chart", "median"),
                                                              format=".3f")])
    chart = alt.layer(zero, rule, points, *texts, title=label("gap_priority_chart", "title")).properties(
        width=WIDTH_PX, height=HEIGHT_PX)
    return base_config(chart)
