"""Activity segments: how many buyers are active, inactive or lapsed, and (with the truth) how many truly left.

Lecture 001, "Kỹ thuật quản lý giá trị và hoạt động của khách hàng"; Chaffey ch. 9 Fig 9.13
(activity segmentation). The segments come from :func:`sim.measures.retention.activity_segments`,
the sizes from :func:`sim.measures.extension.segment_summary`.

Typical use::

    from sim.measures import extension, retention
    from sim.charts.activity_segments import activity_segments_chart
    segments = retention.activity_segments(orders, active_days=90, lapsed_days=180)
    summary = extension.segment_summary(segments, "activity_segment", retention.ACTIVITY_SEGMENTS, truth=truth)
    chart = activity_segments_chart(summary, active_days=90, lapsed_days=180)
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts._segments import segment_bars


def activity_segments_chart(summary: pd.DataFrame, *, active_days: float | None = None,
                            lapsed_days: float | None = None) -> alt.TopLevelMixin:
    """Bar chart of the buyers in each activity segment (active, inactive, lapsed), in their fixed colours.

    Each bar is labelled with its number of buyers and share. When the summary holds
    ``churned_share`` (the summary was made with the truth), a second bar chart beside it
    shows the share of each segment that has truly churned: how well the thresholds separate
    customers who are still there from those who have left.

    Args:
        summary: the table of :func:`sim.measures.extension.segment_summary` for ``activity_segment``.
        active_days: the threshold used for *active*, shown in the subtitle (with ``lapsed_days``).
        lapsed_days: the threshold used for *lapsed*.

    Returns:
        An Altair bar chart (two side by side with the truth), with tooltips.

    Raises:
        DataError: a missing column.
    """
    subtitle = None
    if active_days is not None and lapsed_days is not None:
        subtitle = label("activity_chart", "thresholds").format(active=vi_number(float(active_days), 0),
                                                                lapsed=vi_number(float(lapsed_days), 0))
    return segment_bars(summary, "activity_segment", "activity_chart", subtitle)
