"""Loyal customers and competitors: who is won over by a competitor's offer.

Lecture 000 §3 (Kết nối các mặt hàng): loyal customers do not put much weight on comparing
prices, and are not swayed by the shop's competitors. In the simulator a competitor's offers
reach every customer, and a customer's chance of switching falls with their loyalty
(:mod:`sim.engine.customer`, ``churn_rates``); ``truth.churn_cause`` says whether a churned
customer drifted away (``lapsed``) or went to a competitor (``competitor``). Loyalty itself is not
observed: the number of orders a customer placed stands for it here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.measures.frames import require_columns

ORDER_BANDS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, None))
"""Customers grouped by their orders in the window: one, two, three or more."""


def defection_by_orders(orders: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """Share of customers lost to a competitor, by how many orders they had placed.

    For each band of :data:`ORDER_BANDS`: ``customers`` with that many orders, ``churned`` (with a
    true churn time), ``to_competitor`` (churn cause ``competitor``), ``competitor_rate`` =
    to_competitor / customers and ``competitor_share_of_churn`` = to_competitor / churned.

    Example (worked by hand in the tests): three one-order customers, two lost to a competitor;
    two customers with three orders, none lost → rates 0.667 and 0.

    Args:
        orders: table with ``customer_id``.
        truth: table with ``customer_id``, ``churned_at``, ``churn_cause``.

    Returns:
        One row per band: ``orders`` ("1", "2", "3+"), ``customers``, ``churned``, ``to_competitor``,
        ``competitor_rate``, ``competitor_share_of_churn`` (NaN with a zero denominator).

    Raises:
        DataError: a missing column.
    """
    o = require_columns(orders, ["customer_id"], "orders")
    t = require_columns(truth, ["customer_id", "churned_at", "churn_cause"], "truth")
    count = o.groupby("customer_id").size()
    t = t[t["customer_id"].isin(count.index)]
    n = t["customer_id"].map(count).to_numpy()
    churned = t["churned_at"].notna().to_numpy()
    lost = (t["churn_cause"] == "competitor").to_numpy() & churned
    rows = []
    for low, high in ORDER_BANDS:
        band = (n >= low) & ((n <= high) if high is not None else True)
        customers, c, k = int(band.sum()), int((band & churned).sum()), int((band & lost).sum())
        rows.append({"orders": f"{low}" if high == low else f"{low}+", "customers": customers, "churned": c,
                     "to_competitor": k, "competitor_rate": k / customers if customers else np.nan,
                     "competitor_share_of_churn": k / c if c else np.nan})
    return pd.DataFrame(rows)


__all__ = ["ORDER_BANDS", "defection_by_orders"]
