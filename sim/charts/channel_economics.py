"""Acquisition channels on one map: what a new customer costs (CPA) against what the spend returns (ROI).

Lecture 001 (Quản trị thu hút khách hàng; Chaffey ch. 9 Fig. 9.6: CPC, CPA, ROI, LTV-based ROI).
A channel up and to the left brings customers cheaply and pays back; below the break-even line
it loses money. Switching to the LTV-based ROI shows which channels pay back over the customers'
whole lifetime although their first-year margin does not.

Typical use::

    from sim.measures.acquisition import channel_economics
    from sim.charts.channel_economics import channel_economics_chart
    table = channel_economics(customers, orders, marketing, ltv_vnd=truth)
    channel_economics_chart(table)                  # ROI on the margin earned so far
    channel_economics_chart(table, roi="ltv_roi")   # ROI on the lifetime value
"""

from __future__ import annotations

import itertools

import altair as alt
import pandas as pd

from sim.base.checks import check_choice
from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, order, plot_width, widest_px
from sim.measures.frames import require_columns

ROI_MEASURES: tuple[str, ...] = ("roi", "ltv_roi")
"""The ROI on the vertical axis: on the margin earned (``roi``) or on the lifetime value (``ltv_roi``)."""
_COLUMNS = ["channel", "new_customers", "spend_vnd", "cpc_vnd", "cpa_vnd", "conversion_rate", "roi", "ltv_roi"]


_AXIS_PX = 80
"""The ROI axis and its title, left of the plot."""
_HEIGHT = 340
_BELOW = 0.14
"""Share of the ROI range added under the lowest of 0 and the lowest ROI: the break-even line's name fits there."""


def channel_economics_chart(table: pd.DataFrame, *, roi: str = "roi") -> alt.LayerChart:
    """Scatter of the channels: CPA across, ROI up, bubble size = new customers, a break-even line.

    Lecture 001, Quản trị thu hút khách hàng (Fig. 9.6): CPA = spend / new customers;
    ROI = (margin − spend) / spend; LTV-based ROI = (LTV × new customers − spend) / spend.
    A channel without acquisition spend (direct) has no ROI and is not drawn; the subtitle
    names it.

    Args:
        table: the table of :func:`sim.measures.acquisition.channel_economics` (``channel``,
            ``new_customers``, ``spend_vnd``, ``cpc_vnd``, ``cpa_vnd``, ``conversion_rate``,
            ``roi``, ``ltv_roi``).
        roi: ``"roi"`` or ``"ltv_roi"`` (needs ``ltv_vnd`` in ``channel_economics``).

    Returns:
        An Altair layered chart (points, channel names, the ROI = 0 rule) with tooltips
        (channel, new customers, spend, CPC, CPA, conversion rate, ROI).

    Raises:
        DataError: a missing column, a bad ``roi``, or ``"ltv_roi"`` without any LTV-based ROI.
    """
    require_columns(table, _COLUMNS, "channel_economics")
    check_choice("roi", roi, ROI_MEASURES)
    if roi == "ltv_roi" and len(table) and table["ltv_roi"].isna().all():
        raise DataError([("channel_economics.ltv_roi", "NaN", "hãy tính channel_economics với ltv_vnd=…",
                          "compute channel_economics with ltv_vnd=…")])
    data = labelled(table[_COLUMNS], "channel", "channel")
    drawn = data[data[roi].notna() & data["cpa_vnd"].notna()].copy()
    drawn["label_dy"] = _label_offsets(drawn["cpa_vnd"].tolist(), drawn[roi].tolist())
    left_out = [c for c in data["channel"] if c not in set(drawn["channel"])]
    subtitle = [f"{label('channel_economics_chart', 'not_drawn')}: {', '.join(left_out)}"] if left_out else []
    title = alt.Title(label("channel_economics_chart", "title"), subtitle=subtitle)
    present = list(dict.fromkeys(drawn["channel"]))

    def lab(key: str) -> str:
        return label("channel_economics_chart", key)

    # Room on the right for the channel names written next to the points.
    right = float(drawn["cpa_vnd"].max()) * 1.45 if len(drawn) and drawn["cpa_vnd"].max() > 0 else 1.0
    x = alt.X("cpa_vnd:Q", title=lab("cpa_vnd"), axis=alt.Axis(format=",.0f"), scale=alt.Scale(domain=[0, right]))
    rois = drawn[roi].astype(float)
    low, high = min(0.0, float(rois.min())) if len(rois) else 0.0, max(0.0, float(rois.max())) if len(rois) else 1.0
    span = (high - low) or 1.0
    # room under the break-even line for its name, and above the top point for its bubble
    y = alt.Y(f"{roi}:Q", title=lab(roi), axis=alt.Axis(format=".0%"),
              scale=alt.Scale(domain=[low - _BELOW * span, high + 0.08 * span], nice=False))
    tooltip = [alt.Tooltip("channel:N", title=lab("channel")),
               alt.Tooltip("new_customers:Q", title=lab("new_customers"), format=",d"),
               alt.Tooltip("spend_vnd:Q", title=lab("spend_vnd"), format=",.0f"),
               alt.Tooltip("cpc_vnd:Q", title=lab("cpc_vnd"), format=",.0f"),
               alt.Tooltip("cpa_vnd:Q", title=lab("cpa_vnd"), format=",.0f"),
               alt.Tooltip("conversion_rate:Q", title=lab("conversion_rate"), format=".1%"),
               alt.Tooltip(f"{roi}:Q", title=lab(roi), format=".0%")]
    base = alt.Chart(drawn)
    points = base.mark_circle(opacity=0.85, stroke="#333333", strokeWidth=0.5).encode(
        x=x, y=y,
        size=alt.Size("new_customers:Q", title=lab("new_customers"), scale=alt.Scale(range=[80, 1200])),
        color=alt.Color("channel:N", title=lab("channel"), scale=colour_scale("channel", present),
                        sort=order("channel")),
        tooltip=tooltip)
    names = [base.transform_filter(alt.datum.label_dy == dy).mark_text(align="left", dx=16, dy=dy, fontSize=12).encode(
        x=x, y=y, text="channel:N", tooltip=tooltip) for dy in sorted(set(drawn["label_dy"])) or [0.0]]
    zero = pd.DataFrame({roi: [0.0], "text": [lab("break_even")]})
    rule = alt.Chart(zero).mark_rule(color="#e45756", strokeDash=[6, 4]).encode(y=alt.Y(f"{roi}:Q"))
    rule_text = alt.Chart(zero).mark_text(align="left", baseline="top", dy=4, color="#e45756", fontSize=12).encode(
        y=alt.Y(f"{roi}:Q"), x=alt.value(4), text="text:N")
    # the legends stay at the right (colour and bubble size together); the plot takes what is left
    width = plot_width(_AXIS_PX + widest_px([*present, lab("channel"), lab("new_customers")]) + 40, most=520)
    chart = alt.layer(rule, rule_text, points, *names, title=title).properties(width=width, height=_HEIGHT)
    return base_config(chart)


def _label_offsets(xs: list[float], ys: list[float], px: float = 9.0) -> list[float]:
    """Vertical pixel offsets of the channel names: of two points close together, one name goes up, one down."""
    offsets = [0.0] * len(xs)
    if not xs:
        return offsets
    x_span = (max(xs) - min(xs)) or 1.0
    y_span = (max(ys) - min(ys)) or 1.0
    by_x = sorted(range(len(xs)), key=lambda k: xs[k])
    for a, b in itertools.pairwise(by_x):
        close = abs(xs[a] - xs[b]) / x_span < 0.3 and abs(ys[a] - ys[b]) / y_span < 0.08
        if close and offsets[a] == 0 and offsets[b] == 0:
            upper, lower = (a, b) if ys[a] >= ys[b] else (b, a)
            offsets[upper], offsets[lower] = -px, px
    return offsets
