"""The satisfaction–loyalty curve from the data, with Heskett's three zones shaded.

Lecture 001, Quản trị duy trì khách hàng, Fig 9.12 (Heskett et al. 1994): vùng rời bỏ (zone of
defection), vùng thờ ơ (zone of indifference), vùng thiện cảm (zone of affection).

Typical use::

    from sim.measures import retention
    from sim.charts.satisfaction_loyalty import satisfaction_loyalty
    chart = satisfaction_loyalty(retention.satisfaction_loyalty(surveys, orders), measure="repurchase")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.checks import check_choice
from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order
from sim.measures.frames import require_columns

COLUMNS = ("satisfaction", "respondents", "loyal", "loyal_share", "loyalty_zone")


def zone_bands(curve: pd.DataFrame) -> pd.DataFrame:
    """The x-range of each loyalty zone in ``curve``: ``loyalty_zone``, ``x_start``, ``x_end`` (levels ± 0.5).

    Lecture 001, Fig 9.12 (Heskett et al. 1994). A zone covering levels a…b spans a − 0.5 to b + 0.5.

    Raises:
        DataError: a missing column.
    """
    require_columns(curve, ["satisfaction", "loyalty_zone"], "curve")
    spans = curve.groupby("loyalty_zone", sort=False)["satisfaction"].agg(["min", "max"])
    return pd.DataFrame({"loyalty_zone": spans.index.to_numpy(), "x_start": spans["min"].to_numpy() - 0.5,
                         "x_end": spans["max"].to_numpy() + 0.5})


def satisfaction_loyalty(curve: pd.DataFrame, measure: str | None = None) -> alt.LayerChart:
    """Loyalty (share of loyal respondents) against satisfaction 1–5, over the three shaded zones.

    Lecture 001, Fig 9.12 (Heskett et al. 1994): flat in the zone of defection, slowly rising
    through indifference, steep in the zone of affection.

    Args:
        curve: the table of :func:`sim.measures.retention.satisfaction_loyalty` (``satisfaction``,
            ``respondents``, ``loyal``, ``loyal_share``, ``loyalty_zone``).
        measure: ``"repurchase"`` or ``"promoter"`` (the measure of loyalty used, for the axis
            title), or None for a general title.

    Returns:
        An Altair layered chart: zone bands (rect) with their names, the curve (line with points) and tooltips.

    Raises:
        DataError: a missing column or an unknown ``measure``.
    """
    require_columns(curve, list(COLUMNS), "curve")
    if measure is not None:
        check_choice("measure", measure, ["repurchase", "promoter"])
    data = labelled(curve[list(COLUMNS)], "loyalty_zone", "loyalty_zone")
    bands = labelled(zone_bands(curve), "loyalty_zone", "loyalty_zone")
    present = list(dict.fromkeys(bands["loyalty_zone"]))
    zone_title = label("satisfaction_loyalty_chart", "loyalty_zone")
    y_title = label("satisfaction_loyalty_chart", f"loyal_share_{measure}" if measure else "loyal_share")
    x_scale = alt.Scale(domain=[0.5, 5.5], nice=False)
    shade = alt.Chart(bands).mark_rect(opacity=0.18).encode(
        x=alt.X("x_start:Q", scale=x_scale, title=label("satisfaction_loyalty_chart", "satisfaction")),
        x2="x_end:Q",
        color=alt.Color("loyalty_zone:N", title=zone_title, scale=colour_scale("loyalty_zone", present),
                        sort=order("loyalty_zone"), legend=legend_below(present)),
        tooltip=[alt.Tooltip("loyalty_zone:N", title=zone_title)],
    )
    names = alt.Chart(bands).transform_calculate(x_mid="(datum.x_start + datum.x_end) / 2").mark_text(
        baseline="top", dy=4, fontSize=12, fontWeight="bold").encode(
        x=alt.X("x_mid:Q", scale=x_scale), y=alt.value(0), text="loyalty_zone:N")
    tooltip = [alt.Tooltip("satisfaction:O", title=label("satisfaction_loyalty_chart", "satisfaction")),
               alt.Tooltip("loyalty_zone:N", title=zone_title),
               alt.Tooltip("respondents:Q", title=label("satisfaction_loyalty_chart", "respondents")),
               alt.Tooltip("loyal:Q", title=label("satisfaction_loyalty_chart", "loyal")),
               alt.Tooltip("loyal_share:Q", title=y_title, format=".1%")]
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=70, filled=True, color="#333333"), color="#333333").encode(
        x=alt.X("satisfaction:Q", scale=x_scale, axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
                title=label("satisfaction_loyalty_chart", "satisfaction")),
        y=alt.Y("loyal_share:Q", title=y_title, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        tooltip=tooltip,
    )
    chart = alt.layer(shade, names, line, title=label("satisfaction_loyalty_chart", "title")).properties(width=520, height=320)
    return base_config(chart)
