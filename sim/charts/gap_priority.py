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
from sim.charts.style import base_config, labelled, legend_below
from sim.measures.frames import require_columns

PRIORITY_COLOURS: dict[str, str] = dict(PALETTES["gap_priority"])
"""Red: fix first; green: keep up; grey: low priority; blue: possible overkill."""
_COLUMNS = ["dimension", "gap", "standardized_coefficient", "priority"]


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
    base = alt.Chart(data).encode(
        x=alt.X("gap:Q", title=x_title, scale=alt.Scale(zero=False, padding=24)),
        y=alt.Y("standardized_coefficient:Q", title=y_title, scale=alt.Scale(zero=True, padding=24)),
        tooltip=[alt.Tooltip("dimension:N", title=label("gap_priority_chart", "dimension")),
                 alt.Tooltip("gap:Q", title=x_title, format="+.2f"),
                 alt.Tooltip("standardized_coefficient:Q", title=y_title, format=".3f"),
                 alt.Tooltip("priority:N", title=label("gap_priority_chart", "priority")), *extra])
    points = base.mark_point(filled=True, size=140).encode(
        color=alt.Color("priority:N", title=label("gap_priority_chart", "priority"), scale=scale, legend=legend_below(names)))
    text = base.mark_text(align="left", dx=9, dy=-7, fontSize=12).encode(text="dimension:N")
    zero = alt.Chart(pd.DataFrame({"gap": [0.0]})).mark_rule(color="#444444").encode(x="gap:Q")
    median = float(data["standardized_coefficient"].median()) if len(data) else 0.0
    middle = alt.Chart(pd.DataFrame({"standardized_coefficient": [median]}))
    rule = middle.mark_rule(color="#444444", strokeDash=[6, 4]).encode(
        y="standardized_coefficient:Q", tooltip=[alt.Tooltip("standardized_coefficient:Q", title=label("gap_priority_chart", "median"),
                                                              format=".3f")])
    chart = alt.layer(zero, rule, points, text, title=label("gap_priority_chart", "title")).properties(width=480, height=340)
    return base_config(chart)
