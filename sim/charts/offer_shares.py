"""Cross-sell and up-sell: the share of orders that took each offer, per category, persona or channel.

Lecture 001, "Mở rộng khách hàng: bán kèm (cross-sell) và bán gia tăng (up-sell)". The table
comes from :func:`sim.measures.extension.offer_shares`.

Typical use::

    from sim.measures import extension
    from sim.charts.offer_shares import offer_shares_chart
    chart = offer_shares_chart(extension.offer_shares(orders, by="category"), by="category")
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.style import base_config, colour_scale, labelled, legend_below, order, plot_width, title_above, widest_px
from sim.measures.extension import OFFERS
from sim.measures.frames import require_columns

_COLUMNS = ["orders", "cross_sell_orders", "cross_sell_share", "up_sell_orders", "up_sell_share"]
_KINDS = {"acquired_via": "channel"}
_LABEL_LIMIT = 320


def offer_shares_chart(shares: pd.DataFrame, by: str = "category", *, kind: str | None = None) -> alt.Chart:
    """Paired bars per group: the share of orders with a cross-sell and the share up-sold.

    Args:
        shares: the table of :func:`sim.measures.extension.offer_shares` (index: the groups;
            ``orders``, ``cross_sell_orders``, ``cross_sell_share``, ``up_sell_orders``, ``up_sell_share``).
        by: what the groups are (``category``, ``persona``, ``acquired_via``, ``price_tier``…), for the axis name.
        kind: the label kind of the group values; default ``by`` itself when the label map has
            it (``category``, ``persona``), ``channel`` for ``acquired_via``; other values are shown as they are.

    Returns:
        An Altair bar chart (two horizontal bars per group, coloured by offer) with tooltips.

    Raises:
        DataError: a missing column or an unknown ``kind``.
    """
    require_columns(shares, _COLUMNS, "shares")
    kind = kind or _KINDS.get(by, by)
    if kind not in LABELS and kind != by:
        raise DataError([("kind", kind, "phải là một loại nhãn trong sim.base.labels.LABELS", "must be a kind of sim.base.labels.LABELS")])
    wide = shares[_COLUMNS].copy()
    wide.insert(0, "group", [str(g) for g in shares.index])
    rows = [pd.DataFrame({"group": wide["group"], "offer": offer, "share": wide[f"{offer}_share"],
                          "accepted": wide[f"{offer}_orders"], "orders": wide["orders"]}) for offer in OFFERS]
    long = labelled(pd.concat(rows, ignore_index=True), "offer", "offer")
    if kind in LABELS:
        long = labelled(long, "group", kind)
    groups = list(dict.fromkeys(long["group"]))
    sort = ([lbl for lbl in order(kind) if lbl in groups] + [g for g in groups if g not in order(kind)]) if kind in LABELS else groups
    offers = [label("offer", o) for o in OFFERS]
    group_title = label("customer_group", by) if by in LABELS["customer_group"] else label("customer_group", "group")
    tooltip = [alt.Tooltip("group:N", title=group_title),
               alt.Tooltip("offer:N", title=label("offer_chart", "offer")),
               alt.Tooltip("share:Q", title=label("offer_chart", "share"), format=".1%"),
               alt.Tooltip("accepted:Q", title=label("offer_chart", "accepted")),
               alt.Tooltip("orders:Q", title=label("offer_chart", "orders"))]
    # groups down the left, named in full (long persona names do not fit under vertical bars)
    chart = alt.Chart(long, title=label("offer_chart", "title")).mark_bar().encode(
        y=alt.Y("group:N", title=group_title, sort=sort, axis=title_above(sort, limit=_LABEL_LIMIT)),
        yOffset=alt.YOffset("offer:N", sort=offers),
        x=alt.X("share:Q", title=label("offer_chart", "share"), axis=alt.Axis(format="%")),
        color=alt.Color("offer:N", title=label("offer_chart", "offer"), sort=offers, scale=colour_scale("offer", offers),
                        legend=legend_below(offers, left_px=min(widest_px(groups), _LABEL_LIMIT))),
        tooltip=tooltip,
    ).properties(width=plot_width(min(widest_px(groups), _LABEL_LIMIT) + 12, most=480), height=alt.Step(14))
    return base_config(chart)
