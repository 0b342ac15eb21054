"""The lecture's five customer-service functions and the life cycle's last stage, read from the tables.

Lecture 000 (Lecture 7: Quan hệ khách hàng), §6 names five functions of customer service and their tools;
§4.2 ends the product life cycle with retirement, where the shop can help the customer resell what they no
longer use. Each function leaves a trace in the simulator's tables; :func:`service_function_table` gives one
number (or two) per function:

======================  ========================================================================
function                measure
======================  ========================================================================
search_compare          ``faq_share`` = requests answered by the FAQ page / all requests
free                    ``free_shipping_share`` = orders with ``shipping_fee_vnd == 0`` / orders
information             ``auto_reply_share`` = requests answered by an automatic reply / all requests
made_to_order           ``made_to_order_share`` = orders made to order / orders; ``made_to_order_amount_ratio``
                        = mean amount of those orders / mean amount of the others
tracking                ``tracking_share`` = requests answered by the order-tracking page / all requests
resale                  ``resale_requests`` = requests of type ``resale``; ``trade_in_purchases`` = journeys
                        begun by a resale (``need_trade_in``) that end in a purchase
======================  ========================================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.measures.frames import require_columns

FUNCTIONS: tuple[str, ...] = ("search_compare", "free", "information", "made_to_order", "tracking", "resale")
"""The five service functions of §6, then resale (the life cycle's last stage, §4.2)."""


def _share(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else np.nan


def service_function_table(orders: pd.DataFrame, tickets: pd.DataFrame, journey: pd.DataFrame) -> pd.DataFrame:
    """One row per measure of each service function (see the module's table).

    Example (worked by hand in the tests): 4 orders, 2 shipped free, 1 made to order for 300,000 ₫ against
    100,000 ₫ on average for the others → free_shipping_share 0.5, made_to_order_share 0.25, amount ratio 3.

    Args:
        orders: ``shipping_fee_vnd``, ``made_to_order``, ``amount_vnd``.
        tickets: ``tool``, ``request``.
        journey: ``customer_id``, ``journey_no``, ``event``.

    Returns:
        Columns ``function`` (a key of :data:`FUNCTIONS`), ``measure``, ``value`` and ``unit``
        (``share``, ``ratio`` or ``count``), in the order of :data:`FUNCTIONS`.

    Raises:
        DataError: a missing column.
    """
    o = require_columns(orders, ["shipping_fee_vnd", "made_to_order", "amount_vnd"], "orders")
    t = require_columns(tickets, ["tool", "request"], "tickets")
    j = require_columns(journey, ["customer_id", "journey_no", "event"], "journey")
    requests, n_orders = len(t), len(o)
    made = o["made_to_order"].astype(bool)
    made_mean, other_mean = o.loc[made, "amount_vnd"].mean(), o.loc[~made, "amount_vnd"].mean()
    key = ["customer_id", "journey_no"]
    trade_in = j.loc[j["event"] == "need_trade_in", key].drop_duplicates()
    bought = j.loc[j["event"] == "purchased", key].drop_duplicates()
    rows = [
        ("search_compare", "faq_share", _share((t["tool"] == "faq").sum(), requests), "share"),
        ("free", "free_shipping_share", _share((o["shipping_fee_vnd"] == 0).sum(), n_orders), "share"),
        ("information", "auto_reply_share", _share((t["tool"] == "auto").sum(), requests), "share"),
        ("made_to_order", "made_to_order_share", _share(made.sum(), n_orders), "share"),
        ("made_to_order", "made_to_order_amount_ratio",
         float(made_mean / other_mean) if made.any() and (~made).any() and other_mean else np.nan, "ratio"),
        ("tracking", "tracking_share", _share((t["tool"] == "tracking_page").sum(), requests), "share"),
        ("resale", "resale_requests", float((t["request"] == "resale").sum()), "count"),
        ("resale", "trade_in_purchases", float(len(trade_in.merge(bought, on=key))), "count"),
    ]
    return pd.DataFrame(rows, columns=["function", "measure", "value", "unit"])


__all__ = ["FUNCTIONS", "service_function_table"]
