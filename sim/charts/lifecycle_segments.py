"""Lifecycle segments: visitors, prospects, first-time, repeat and loyal customers, and lapsed ones.

Lecture 001, "Phân khúc khách hàng nâng cao – xác định các nhóm vòng đời của khách hàng";
Chaffey ch. 9 Fig 9.16 (customer lifecycle segmentation). The segments come from
:func:`sim.measures.retention.lifecycle_segments`, the sizes from
:func:`sim.measures.extension.segment_summary`.

Typical use::

    from sim.measures import extension, retention
    from sim.charts.lifecycle_segments import lifecycle_segments_chart
    segments = retention.lifecycle_segments(customers, journey, orders)
    chart = lifecycle_segments_chart(extension.segment_summary(segments, "lifecycle_segment", retention.LIFECYCLE_SEGMENTS))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.charts._segments import segment_bars


def lifecycle_segments_chart(summary: pd.DataFrame) -> alt.TopLevelMixin:
    """Bar chart of the customers in each lifecycle segment, from visitor to loyal, then lapsed.

    Each bar is labelled with its number of customers and share; with ``churned_share`` in
    the summary (made with the truth) a second bar chart shows the share truly churned.

    Args:
        summary: the table of :func:`sim.measures.extension.segment_summary` for ``lifecycle_segment``.

    Returns:
        An Altair bar chart with tooltips.

    Raises:
        DataError: a missing column.
    """
    return segment_bars(summary, "lifecycle_segment", "lifecycle_chart")
