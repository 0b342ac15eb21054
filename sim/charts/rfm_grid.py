"""The RFM grid: recency score × frequency score, each cell's customers, coloured by its mean monetary score.

Lecture 001, "Phân tích RFM (Recency, Frequency, Monetary value)"; Chaffey ch. 9 Fig 9.17. The
table comes from :func:`sim.measures.extension.rfm_grid`.

Typical use::

    from sim.measures import extension, rfm
    from sim.charts.rfm_grid import rfm_grid_chart
    chart = rfm_grid_chart(extension.rfm_grid(rfm.rfm_scores(rfm.rfm_table(orders, monetary="mean"))))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.style import base_config, labelled
from sim.measures.frames import require_columns

_COLUMNS = ["r_score", "f_score", "segment", "customers", "share", "mean_m_score", "mean_monetary_vnd"]


def rfm_grid_chart(grid: pd.DataFrame, subtitle: str | None = None) -> alt.LayerChart:
    """Heatmap of the 5 × 5 R × F grid: the colour is the cell's mean M score, the text its customers.

    The most recent customers (R = 5) are at the top, the most frequent (F = 5) on the right, so
    the best customers gather in the top-right corner; the tooltip names the cell's RFM segment.

    Args:
        grid: the table of :func:`sim.measures.extension.rfm_grid` (``r_score``, ``f_score``, ``segment``,
            ``customers``, ``share``, ``mean_m_score``, ``mean_monetary_vnd``).
        subtitle: a line under the title (e.g. how monetary value was measured).

    Returns:
        An Altair layered chart (``rect`` cells and ``text``) with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(grid, _COLUMNS, "grid")
    data = labelled(grid[_COLUMNS], "segment", "rfm_segment")
    scores = [1, 2, 3, 4, 5]
    x = alt.X("f_score:O", title=label("rfm_grid_chart", "f_score"), sort=scores, axis=alt.Axis(labelAngle=0))
    y = alt.Y("r_score:O", title=label("rfm_grid_chart", "r_score"), sort=scores[::-1])
    tooltip = [alt.Tooltip("r_score:O", title=label("rfm_grid_chart", "r_score")),
               alt.Tooltip("f_score:O", title=label("rfm_grid_chart", "f_score")),
               alt.Tooltip("segment:N", title=label("rfm_grid_chart", "segment")),
               alt.Tooltip("customers:Q", title=label("rfm_grid_chart", "customers")),
               alt.Tooltip("share:Q", title=label("rfm_grid_chart", "share"), format=".1%"),
               alt.Tooltip("mean_m_score:Q", title=label("rfm_grid_chart", "mean_m_score"), format=".2f"),
               alt.Tooltip("mean_monetary_vnd:Q", title=label("rfm_grid_chart", "mean_monetary_vnd"), format=",.0f")]
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    empty = base.mark_rect(color="#f2f2f2", stroke="white", strokeWidth=2)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("mean_m_score:Q", title=label("rfm_grid_chart", "mean_m_score"),
                        scale=alt.Scale(domain=[1, 5], scheme="blues")))
    text = base.mark_text(fontSize=13).encode(
        text=alt.Text("customers:Q", format=",d"),
        color=alt.condition("datum.mean_m_score >= 3.5", alt.value("white"), alt.value("black")))
    chart = alt.layer(empty, cells, text, title=alt.Title(label("rfm_grid_chart", "title"), subtitle=subtitle or []))
    return base_config(chart.properties(width=380, height=300))
