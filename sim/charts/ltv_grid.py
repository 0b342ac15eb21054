"""The LTV segmentation grid: current value × future value, each cell named with its group and strategy.

Lecture 001, "Giá trị vòng đời – LTV", phân khúc theo LTV; Chaffey ch. 9 Fig 9.15.

Typical use::

    from sim.measures import value
    from sim.charts.ltv_grid import ltv_grid
    chart = ltv_grid(value.ltv_grid_counts(value.ltv_segments(value.ltv_estimates(orders))))
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.labels import label
from sim.charts.style import TITLE_SIZE, base_config, colour_scale, labelled, order, plot_width, widest_px, wrap_px
from sim.measures.frames import require_columns

_LEGEND_PX = 150
"""The legend of the value groups, right of the grid."""
_COLUMNS = ["current_level", "future_level", "tier", "action", "customers", "share", "mean_current_vnd", "mean_future_vnd"]


def _count(n: object) -> str:
    """A whole number the Vietnamese way, with dots between thousands (1.011)."""
    return f"{int(n):,}".replace(",", ".")


def ltv_grid(grid: pd.DataFrame) -> alt.LayerChart:
    """Heatmap of the LTV grid: one cell per (current level, future level), coloured by value group.

    Each cell shows its group (bronze, silver, gold, platinum), its strategy (reduce costs,
    extend, retain and extend, retain) and its number of customers; high future value is at
    the top, high current value on the right, as in Chaffey Fig 9.15.

    Args:
        grid: the table of :func:`sim.measures.value.ltv_grid_counts` (``current_level``,
            ``future_level``, ``tier``, ``action``, ``customers``, ``share``, ``mean_current_vnd``,
            ``mean_future_vnd``).

    Returns:
        An Altair layered chart (``rect`` cells and ``text``) with tooltips.

    Raises:
        DataError: a missing column.
    """
    require_columns(grid, _COLUMNS, "grid")
    data = labelled(labelled(grid[_COLUMNS], "current_level", "value_level"), "future_level", "value_level")
    data = labelled(labelled(data, "tier", "ltv_tier"), "action", "ltv_action")
    levels = [lbl for lbl in order("value_level") if lbl in set(data["current_level"]) | set(data["future_level"])]
    # the grid as wide as a notebook column allows (legend at the right), each cell's text wrapped to its cell
    width = plot_width(widest_px(levels) + 2 * TITLE_SIZE + _LEGEND_PX, most=270 * len(levels))
    cell_px = width / max(len(levels), 1) - 16
    data["cell_text"] = ["\n".join([*wrap_px(tier, cell_px), *wrap_px(action, cell_px),
                                    f"{label('ltv_chart', 'customers')}: {_count(n)}"])
                         for tier, action, n in zip(data["tier"], data["action"], data["customers"], strict=True)]
    lines = max((t.count("\n") + 1 for t in data["cell_text"]), default=3)
    present = list(dict.fromkeys(data["tier"]))
    x = alt.X("current_level:O", title=label("ltv_chart", "current_level"), sort=levels, axis=alt.Axis(labelAngle=0))
    y = alt.Y("future_level:O", title=label("ltv_chart", "future_level"), sort=levels[::-1])
    tooltip = [alt.Tooltip("tier:N", title=label("ltv_chart", "tier")),
               alt.Tooltip("action:N", title=label("ltv_chart", "action")),
               alt.Tooltip("current_level:O", title=label("ltv_chart", "current_level")),
               alt.Tooltip("future_level:O", title=label("ltv_chart", "future_level")),
               alt.Tooltip("customers:Q", title=label("ltv_chart", "customers")),
               alt.Tooltip("share:Q", title=label("ltv_chart", "share"), format=".1%"),
               alt.Tooltip("mean_current_vnd:Q", title=label("ltv_chart", "mean_current_vnd"), format=",.0f"),
               alt.Tooltip("mean_future_vnd:Q", title=label("ltv_chart", "mean_future_vnd"), format=",.0f")]
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    cells = base.mark_rect(stroke="white", strokeWidth=2, opacity=0.85).encode(
        color=alt.Color("tier:N", title=label("ltv_chart", "tier"), scale=colour_scale("ltv_tier", present),
                        sort=order("ltv_tier")))
    text = base.mark_text(lineBreak="\n", fontSize=12, lineHeight=16, color="black").encode(text="cell_text:N")
    height = max(130, 16 * lines + 40) * len(levels)
    chart = alt.layer(cells, text, title=label("ltv_chart", "title")).properties(width=width, height=height)
    return base_config(chart)
