"""Payment at stage 4: cash on delivery (COD) and the orders refused at the door ("bom hàng").

Lecture 000 §2, step 4 (tiến hành mua hàng: chi trả, phân phối, bảo hành). Most Vietnamese online
buyers pay cash on delivery; a COD buyer can refuse the parcel at the door, and the shop then pays
the delivery both ways for nothing.

What the simulator's tables hold: ``orders.payment`` (``prepaid``, ``cod``, ``at_store``) for the
orders delivered (or taken home from the store), and in ``journey`` a stage-4 drop-out with reason
``refused_at_door`` for each refused parcel. The cost of one refusal is a scenario parameter
(``purchase.cod_refusal_cost_vnd``), not a column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.measures.frames import require_columns

REFUSED = "refused_at_door"
"""The journey reason of a COD parcel refused at the door."""


def cod_summary(orders: pd.DataFrame, journey: pd.DataFrame, *, refusal_cost_vnd: float = 0.0) -> pd.Series:
    """Cash on delivery and its refusals over a period.

    * ``orders`` = delivered orders; ``cod_orders`` = those paid cash on delivery;
      ``cod_share`` = cod_orders / orders (the share of delivered orders paid COD);
    * ``refused`` = journeys that ended with a parcel refused at the door;
    * ``refusal_rate`` = refused / (refused + cod_orders): of the COD parcels that reached the
      door, the share refused;
    * ``refusal_cost_vnd`` = refused × the cost of one refusal (delivery both ways).

    Example (worked by hand in the tests): 8 orders, 6 of them COD, 2 refused parcels at 40,000 ₫
    → COD share 0.75, refusal rate 2 / 8 = 0.25, cost 80,000 ₫.

    Args:
        orders: table with ``payment``.
        journey: table with ``event`` and ``reason``.
        refusal_cost_vnd: what one refused parcel costs the shop (VND, ≥ 0).

    Returns:
        A Series: ``orders``, ``cod_orders``, ``cod_share``, ``refused``, ``refusal_rate``,
        ``refusal_cost_vnd`` (rates NaN with a zero denominator).

    Raises:
        DataError: a missing column or a negative cost.
    """
    cost = float(check_range("refusal_cost_vnd", refusal_cost_vnd, 0.0, None))
    o = require_columns(orders, ["payment"], "orders")
    j = require_columns(journey, ["event", "reason"], "journey")
    n = len(o)
    cod = int((o["payment"] == "cod").sum())
    refused = int(((j["event"] == "dropout") & (j["reason"] == REFUSED)).sum())
    return pd.Series({
        "orders": float(n),
        "cod_orders": float(cod),
        "cod_share": cod / n if n else np.nan,
        "refused": float(refused),
        "refusal_rate": refused / (refused + cod) if refused + cod else np.nan,
        "refusal_cost_vnd": refused * cost,
    })


def payment_mix(orders: pd.DataFrame) -> pd.DataFrame:
    """Orders by payment and by the touchpoint where they were placed: counts and shares of all orders.

    Args:
        orders: table with ``payment`` and ``touchpoint``.

    Returns:
        One row per (touchpoint, payment) present: ``touchpoint``, ``payment``, ``orders``, ``share``.

    Raises:
        DataError: a missing column.
    """
    o = require_columns(orders, ["payment", "touchpoint"], "orders")
    out = o.groupby(["touchpoint", "payment"], sort=True).size().rename("orders").reset_index()
    out["share"] = out["orders"] / len(o) if len(o) else np.nan
    return out


__all__ = ["REFUSED", "cod_summary", "payment_mix"]
