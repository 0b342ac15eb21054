"""Formula LTV estimates against the truth: mean estimated and mean true future value per group.

Lecture 001, "Giá trị vòng đời – LTV"; the table comes from
:func:`sim.measures.value.ltv_accuracy` (grouped, e.g. by ``persona``).

Typical use::

    from sim.measures import value
    from sim.charts.ltv_accuracy import ltv_accuracy_chart
    errors = value.ltv_errors(value.ltv_estimates(orders, horizon_years=1), truth)
    chart = ltv_accuracy_chart(value.ltv_accuracy(errors, by="persona"), by="persona")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.frames import require_columns

_COLUMNS = ["customers", "mean_estimate_vnd", "mean_truth_vnd", "mae_vnd", "bias_vnd", "spearman"]
_KINDS = {"acquisition_channel": "channel", "acquired_via": "channel"}


def ltv_accuracy_chart(accuracy: pd.DataFrame, by: str, *, kind: str | None = None) -> alt.Chart:
    """Paired bars per group: the mean estimated future value beside the mean true future value.

    A group whose two bars differ is mis-valued by the formula (bias); the tooltip gives the
    mean absolute error (MAE) and the Spearman rank correlation as well.

    Args:
        accuracy: the table of :func:`sim.measures.value.ltv_accuracy` with ``by`` (``by``,
            ``customers``, ``mean_estimate_vnd``, ``mean_truth_vnd``, ``mae_vnd``, ``bias_vnd``, ``spearman``).
        by: the group column, e.g. ``"persona"``.
        kind: the label kind of the group values; default ``by`` itself (``persona``) or
            ``channel`` for ``acquisition_channel`` / ``acquired_via``.

    Returns:
        An Altair horizontal bar chart (bars side by side within each group) with tooltips.

    Raises:
        DataError: a missing column or an unknown ``kind``.
    """
    require_columns(accuracy, [by, *_COLUMNS], "accuracy")
    kind = kind or _KINDS.get(by, by)
    if kind not in LABELS:
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.base.labels.LABELS", "must be a kind of sim.base.labels.LABELS")])
    wide = labelled(accuracy[[by, *_COLUMNS]].rename(columns={by: "group"}), "group", kind)
    long = wide.melt(id_vars=["group", "customers", "mae_vnd", "bias_vnd", "spearman"],
                     value_vars=["mean_estimate_vnd", "mean_truth_vnd"], var_name="kind", value_name="value_vnd")
    long["kind"] = long["kind"].map({"mean_estimate_vnd": label("ltv_accuracy_chart", "estimate"),
                                     "mean_truth_vnd": label("ltv_accuracy_chart", "truth")})
    groups = list(dict.fromkeys(wide["group"]))
    sort = [lbl for lbl in order(kind) if lbl in groups] + [lbl for lbl in groups if lbl not in order(kind)]
    kinds = [label("ltv_accuracy_chart", "estimate"), label("ltv_accuracy_chart", "truth")]
    group_title = label("customer_group", by) if by in LABELS["customer_group"] else label("customer_group", "group")
    tooltip = [alt.Tooltip("group:N", title=group_title),
               alt.Tooltip("kind:N", title=label("ltv_accuracy_chart", "kind")),
               alt.Tooltip("value_vnd:Q", title=label("ltv_accuracy_chart", "value_vnd"), format=",.0f"),
               alt.Tooltip("customers:Q", title=label("ltv_accuracy", "customers")),
               alt.Tooltip("mae_vnd:Q", title=label("ltv_accuracy", "mae_vnd"), format=",.0f"),
               alt.Tooltip("bias_vnd:Q", title=label("ltv_accuracy", "bias_vnd"), format=",.0f"),
               alt.Tooltip("spearman:Q", title=label("ltv_accuracy", "spearman"), format=".2f")]
    chart = alt.Chart(long, title=label("ltv_accuracy_chart", "title")).mark_bar().encode(
        y=alt.Y("group:N", title=group_title, sort=sort, axis=title_above(sort, limit=320)),
        yOffset=alt.YOffset("kind:N", sort=kinds),
        x=alt.X("value_vnd:Q", title=label("ltv_accuracy_chart", "value_vnd")),
        color=alt.Color("kind:N", title=label("ltv_accuracy_chart", "kind"), sort=kinds, legend=legend_below(kinds),
                        scale=alt.Scale(domain=kinds, range=[PALETTES["ltv_value"][k] for k in ("estimate", "truth")])),
        tooltip=tooltip,
    ).properties(width=plot_width(min(widest_px(sort), 320) + 12, most=480), height=alt.Step(18))
    return base_config(chart)
