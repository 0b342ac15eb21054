"""Formula lifetime value against the retention rate: LTV = m × r / (1 + d − r), with the chosen r marked.

Lecture 001, "Mô hình giá trị vòng đời (Lifetime value modelling)"; Chaffey ch. 9 Fig 9.14.
The curve comes from :func:`sim.measures.extension.formula_ltv_curve`.

Typical use::

    from sim.measures import extension
    from sim.charts.ltv_formula import ltv_formula_chart
    chart = ltv_formula_chart(extension.formula_ltv_curve(300_000, 0.6, 0.1))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.style import base_config
from sim.measures.frames import require_columns

_COLUMNS = ["retention_rate", "ltv_vnd", "chosen"]


def ltv_formula_chart(curve: pd.DataFrame) -> alt.LayerChart:
    """Line of LTV over the retention rate r, a point and a rule at the chosen r, its value in the subtitle.

    The steepening curve is the lecture's point: a small rise in retention adds more and more
    lifetime value as r grows.

    Args:
        curve: the table of :func:`sim.measures.extension.formula_ltv_curve` (``retention_rate``,
            ``ltv_vnd``, ``chosen``); its ``attrs`` (``margin_vnd``, ``discount_rate``) fill the subtitle.

    Returns:
        An Altair layered chart (line, rule, point and text) with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(curve, _COLUMNS, "curve")
    data = curve[_COLUMNS].copy()
    data["chosen"] = data["chosen"].astype(bool)
    picked = data[data["chosen"]]
    subtitle: str | list = []
    if len(picked) and {"margin_vnd", "discount_rate"} <= set(curve.attrs):
        row = picked.iloc[0]
        subtitle = label("ltv_formula_chart", "subtitle").format(
            margin=vi_number(float(curve.attrs["margin_vnd"]), 0), discount=vi_number(float(curve.attrs["discount_rate"]), 2),
            retention=vi_number(float(row["retention_rate"]), 2), ltv=vi_number(float(row["ltv_vnd"]), 0))
    x = alt.X("retention_rate:Q", title=label("ltv_formula_chart", "retention_rate"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("ltv_vnd:Q", title=label("ltv_formula_chart", "ltv_vnd"))
    tooltip = [alt.Tooltip("retention_rate:Q", title=label("ltv_formula_chart", "retention_rate"), format=".2f"),
               alt.Tooltip("ltv_vnd:Q", title=label("ltv_formula_chart", "ltv_vnd"), format=",.0f")]
    line = alt.Chart(data).mark_line(color="#4c78a8", strokeWidth=3).encode(x=x, y=y, tooltip=tooltip)
    marked = alt.Chart(picked)
    rule = marked.mark_rule(color="#e45756", strokeDash=[4, 4]).encode(x="retention_rate:Q")
    point = marked.mark_point(color="#e45756", filled=True, size=140).encode(x=x, y=y, tooltip=tooltip)
    text = marked.mark_text(align="right", dx=-10, dy=-10, fontSize=13, color="#e45756").encode(
        x="retention_rate:Q", y="ltv_vnd:Q", text=alt.Text("ltv_vnd:Q", format=",.0f"))
    chart = alt.layer(line, rule, point, text, title=alt.Title(label("ltv_formula_chart", "title"), subtitle=subtitle))
    return base_config(chart.properties(width=560, height=320))
