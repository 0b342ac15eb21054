"""Stacked bars of service requests per stage of the product life cycle, split by the tool that answered them.

Lecture 000 §4.2 (chu trình sống của mặt hàng và dịch vụ khách hàng: xác định yêu cầu →
mua mặt hàng → sở hữu mặt hàng → không dùng nữa) and §6 (các công cụ hỗ trợ dịch vụ
khách hàng); the counts come from :func:`sim.measures.service_desk.lifecycle_tool_table`.

Typical use::

    from sim.measures.service_desk import lifecycle_tool_table
    from sim.charts.lifecycle_tools import lifecycle_tools_chart
    chart = lifecycle_tools_chart(lifecycle_tool_table(tickets))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

_COLUMNS = ["lifecycle_stage", "tool", "requests", "share_of_stage"]


def lifecycle_tools_chart(table: pd.DataFrame) -> alt.Chart:
    """One horizontal bar per life-cycle stage (in the lecture's order), stacked by service tool.

    Bar length = requests(stage); each segment = requests(stage, tool), its tooltip
    also shows share_of_stage = requests(stage, tool) / requests(stage). Tools keep
    the colour they have in every chart (:func:`sim.charts.style.colour_scale`).
    Lecture 000 §4.2 and §6.

    Args:
        table: the long table of :func:`sim.measures.service_desk.lifecycle_tool_table`
            (``lifecycle_stage``, ``tool``, ``requests``, ``share_of_stage``).

    Returns:
        An Altair bar chart with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(table, _COLUMNS, "table")
    data = table[_COLUMNS][table["requests"] > 0]
    data = labelled(labelled(data, "lifecycle_stage", "lifecycle_stage"), "tool", "tool")
    tools = order("tool")
    present = list(dict.fromkeys(data["tool"]))
    data["tool_order"] = [tools.index(t) if t in tools else len(tools) for t in data["tool"]]
    stages = order("lifecycle_stage")
    stages += [s for s in dict.fromkeys(data["lifecycle_stage"]) if s not in stages]
    stage_title, tool_title = label("lifecycle_tool_chart", "lifecycle_stage"), label("lifecycle_tool_chart", "tool")
    chart = alt.Chart(data, title=label("lifecycle_tool_chart", "title")).mark_bar().encode(
        y=alt.Y("lifecycle_stage:N", title=stage_title, sort=stages, axis=title_above(stages)),
        x=alt.X("requests:Q", title=label("lifecycle_tool_chart", "requests"), stack="zero"),
        color=alt.Color("tool:N", title=tool_title, scale=colour_scale("tool", present), sort=tools,
                        legend=legend_below(present, left_px=widest_px(stages))),
        order=alt.Order("tool_order:Q"),
        tooltip=[alt.Tooltip("lifecycle_stage:N", title=stage_title),
                 alt.Tooltip("tool:N", title=tool_title),
                 alt.Tooltip("requests:Q", title=label("lifecycle_tool_chart", "requests"), format=",d"),
                 alt.Tooltip("share_of_stage:Q", title=label("lifecycle_tool_chart", "share_of_stage"), format=".1%")],
    ).properties(width=plot_width(widest_px(stages) + 12), height=alt.Step(36))
    return base_config(chart)
