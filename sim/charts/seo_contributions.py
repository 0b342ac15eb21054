"""What each SEO ranking factor adds to a page's score, against the most it could add.

Lecture 001 (Quản trị thu hút khách hàng, "Which SEO ranking factors should I focus on?"; Chaffey ch. 9):
the on-page and off-page factors and their importance out of 5. The grey bar is the factor's
share of the 100 points (its weight); the coloured bar is what the page earns with its rating.
The longest grey bars with little colour are where work pays most.

Typical use::

    from sim.measures.seo import seo_contributions
    from sim.charts.seo_contributions import seo_contributions_chart
    seo_contributions_chart(seo_contributions({"title": 1, "h1": 1, "backlinks": 0.5}))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

_LABEL_LIMIT = 400
_COLUMNS = ["factor", "part", "weight", "rating", "contribution", "max_contribution"]


def seo_contributions_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars per ranking factor: points earned (coloured by on-page / off-page) over the most possible (grey).

    Lecture 001, SEO ranking factors. For factor f with importance w_f and rating r_f (0 … top):
    contribution_f = 100 × w_f × r_f / top / Σ w, the most possible is 100 × w_f / Σ w. The title
    gives the score (the sum of the contributions, :func:`sim.measures.seo.seo_score`) and the
    subtitle the on-page and off-page scores, each out of 100 of its own.

    Args:
        table: the table of :func:`sim.measures.seo.seo_contributions` (``factor``, ``part``,
            ``weight``, ``rating``, ``contribution``, ``max_contribution``).

    Returns:
        An Altair layered chart (grey bars, coloured bars, "earned / most" text) with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(table, _COLUMNS, "seo_contributions")
    data = table[_COLUMNS].copy()
    data["text"] = [f"{vi_number(c, 1)} / {vi_number(m, 1)}" for c, m in zip(data["contribution"], data["max_contribution"],
                                                                             strict=True)]
    parts = {part: 100.0 * g["contribution"].sum() / g["max_contribution"].sum()
             for part, g in data.groupby("part", sort=False) if g["max_contribution"].sum() > 0}
    score = float(data["contribution"].sum())
    data = labelled(labelled(data, "factor", "seo_factor"), "part", "seo_part")
    title = alt.Title(f"{label('seo_chart', 'title')}: {vi_number(score, 1)} / 100 {label('seo_chart', 'points')}",
                      subtitle=[" · ".join(f"{label('seo_part', p)}: {vi_number(s, 1)} / 100" for p, s in parts.items())])

    def lab(key: str) -> str:
        return label("seo_chart", key)

    factors = list(dict.fromkeys(data["factor"]))
    present = list(dict.fromkeys(data["part"]))
    tooltip = [alt.Tooltip("factor:N", title=lab("factor")), alt.Tooltip("part:N", title=lab("part")),
               alt.Tooltip("weight:Q", title=lab("weight"), format=".1f"),
               alt.Tooltip("rating:Q", title=lab("rating"), format=".2f"),
               alt.Tooltip("contribution:Q", title=lab("contribution"), format=".1f"),
               alt.Tooltip("max_contribution:Q", title=lab("max_contribution"), format=".1f")]
    y = alt.Y("factor:N", title=lab("factor"), sort=factors, axis=title_above(factors, limit=_LABEL_LIMIT))
    width = plot_width(min(widest_px(factors), _LABEL_LIMIT) + 12 + widest_px(data["text"], 11) + 8, most=420)
    base = alt.Chart(data)
    most = base.mark_bar(color="#dddddd").encode(
        y=y, x=alt.X("max_contribution:Q", title=lab("contribution"), axis=alt.Axis(format=".0f")), tooltip=tooltip)
    earned = base.mark_bar().encode(
        y=y, x=alt.X("contribution:Q"),
        color=alt.Color("part:N", title=lab("part"), scale=colour_scale("seo_part", present), sort=order("seo_part"),
                        legend=legend_below(present, left_px=min(widest_px(factors), _LABEL_LIMIT))),
        tooltip=tooltip)
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(y=y, x=alt.X("max_contribution:Q"), text="text:N",
                                                                  tooltip=tooltip)
    chart = alt.layer(most, earned, text, title=title).properties(width=width, height=alt.Step(24))
    return base_config(chart)
