"""RFM segments side by side: how many customers each holds and their average monetary value.

Lecture 001, "Quản trị mở rộng khách hàng – Phân tích RFM"; Chaffey ch. 9 Fig 9.17.

Typical use::

    from sim.measures import rfm
    from sim.charts.rfm_segments import rfm_segments
    scored = rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(orders)))
    chart = rfm_segments(rfm.rfm_segment_summary(scored))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.style import TITLE_SIZE, base_config, colour_scale, labelled, order, plot_width, title_above, widest_px, wrap_px
from sim.measures.frames import require_columns

_SPACING = 20
_COLUMNS = ["segment", "customers", "share", "mean_recency_days", "mean_frequency", "mean_monetary_vnd"]


def rfm_segments(summary: pd.DataFrame) -> alt.HConcatChart:
    """Two bar charts sharing the segment axis: customers per RFM segment, and their mean monetary value.

    Segments run from the best (champions) to the lost, each in its own colour.

    Args:
        summary: the table of :func:`sim.measures.rfm.rfm_segment_summary` (``segment``,
            ``customers``, ``share``, ``mean_recency_days``, ``mean_frequency``, ``mean_monetary_vnd``).

    Returns:
        An Altair chart of two horizontal ``bar`` charts side by side, with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(summary, _COLUMNS, "summary")
    data = labelled(summary[_COLUMNS], "segment", "rfm_segment")
    present = list(dict.fromkeys(data["segment"]))
    sort = [lbl for lbl in order("rfm_segment") if lbl in present] + [lbl for lbl in present if lbl not in order("rfm_segment")]
    y = alt.Y("segment:N", title=label("rfm_chart", "segment"), sort=sort, axis=title_above(sort, limit=340))
    width = plot_width(min(widest_px(sort), 340) + 12 + _SPACING, most=2 * 300) // 2  # two charts side by side
    colour = alt.Color("segment:N", title=label("rfm_chart", "segment"), scale=colour_scale("rfm_segment", present),
                       sort=sort, legend=None)
    tooltip = [alt.Tooltip("segment:N", title=label("rfm_chart", "segment")),
               alt.Tooltip("customers:Q", title=label("rfm_chart", "customers")),
               alt.Tooltip("share:Q", title=label("rfm_chart", "share"), format=".1%"),
               alt.Tooltip("mean_recency_days:Q", title=label("rfm_chart", "mean_recency_days"), format=",.0f"),
               alt.Tooltip("mean_frequency:Q", title=label("rfm_chart", "mean_frequency"), format=",.2f"),
               alt.Tooltip("mean_monetary_vnd:Q", title=label("rfm_chart", "mean_monetary_vnd"), format=",.0f")]
    base = alt.Chart(data).encode(y=y, color=colour, tooltip=tooltip)
    def x_title(key: str) -> list[str]:
        return wrap_px(label("rfm_chart", key), width, TITLE_SIZE, bold=True)

    sizes = base.mark_bar().encode(x=alt.X("customers:Q", title=x_title("customers"))).properties(width=width, height=320)
    money = (base.mark_bar().encode(x=alt.X("mean_monetary_vnd:Q", title=x_title("mean_monetary_vnd")))
             .properties(width=width, height=320))
    chart = alt.hconcat(sizes, money.encode(y=alt.Y("segment:N", sort=sort, axis=None)), title=label("rfm_chart", "title"),
                        spacing=_SPACING)
    return base_config(chart)
