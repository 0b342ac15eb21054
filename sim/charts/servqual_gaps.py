"""Bars of the SERVQUAL gap (perception − expectation) per service-quality dimension; shortfalls in red.

Lecture 001 (Chất lượng dịch vụ thương mại điện tử: RATER, SERVQUAL 10 thành phần;
Parasuraman et al. 1985, 1988); the gaps come from :func:`sim.measures.service_quality.servqual_gaps`.

Typical use::

    from sim.measures.service_quality import servqual_gaps
    from sim.charts.servqual_gaps import servqual_gaps_chart
    chart = servqual_gaps_chart(servqual_gaps(surveys))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config, labelled, legend_below, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

BELOW_COLOUR = PALETTES["servqual_side"]["below"]
"""Red: the service falls short of what customers expected (gap < 0)."""
MEETS_COLOUR = PALETTES["servqual_side"]["meets"]
"""Green: perception meets or exceeds expectation (gap ≥ 0)."""
_COLUMNS = ["dimension", "respondents", "expectation", "perception", "gap"]


def servqual_gaps_chart(gaps: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars of gap = mean(perception) − mean(expectation) per dimension, a rule at 0.

    Negative gaps (below expectation) are red, the others green; dimensions keep
    the order of the table (the RATER or SERVQUAL order of the lecture) and their
    names come from the ``dimension`` kind of the label map. Lecture 001 (RATER, SERVQUAL).

    Args:
        gaps: the table of :func:`sim.measures.service_quality.servqual_gaps`
            (``dimension``, ``respondents``, ``expectation``, ``perception``, ``gap``).

    Returns:
        An Altair layered chart (bars with tooltips and a zero rule).

    Raises:
        DataError: a missing column.
    """
    require_columns(gaps, _COLUMNS, "gaps")
    data = labelled(gaps[_COLUMNS], "dimension", "dimension")
    below, meets = label("servqual_chart", "below"), label("servqual_chart", "meets")
    data["direction"] = [below if g < 0 else meets for g in data["gap"]]
    dim_title = label("servqual_chart", "dimension")
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("dimension:N", title=dim_title, sort=list(dict.fromkeys(data["dimension"])),
                axis=title_above(data["dimension"])),
        x=alt.X("gap:Q", title=label("servqual_chart", "gap")),
        color=alt.Color("direction:N", title=label("servqual_chart", "direction"),
                        scale=alt.Scale(domain=[below, meets], range=[BELOW_COLOUR, MEETS_COLOUR]),
                        legend=legend_below([below, meets], left_px=widest_px(data["dimension"]))),
        tooltip=[alt.Tooltip("dimension:N", title=dim_title),
                 alt.Tooltip("expectation:Q", title=label("servqual_chart", "expectation"), format=".2f"),
                 alt.Tooltip("perception:Q", title=label("servqual_chart", "perception"), format=".2f"),
                 alt.Tooltip("gap:Q", title=label("servqual_chart", "gap"), format="+.2f"),
                 alt.Tooltip("respondents:Q", title=label("servqual_chart", "respondents"), format=",d")],
    )
    zero = alt.Chart(pd.DataFrame({"gap": [0.0]})).mark_rule(color="#444444").encode(x="gap:Q")
    width = plot_width(widest_px(data["dimension"]) + 12, most=480)
    chart = alt.layer(bars, zero, title=label("servqual_chart", "title")).properties(width=width, height=alt.Step(28))
    return base_config(chart)
