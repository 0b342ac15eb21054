"""Acquisition economics per channel and the Agrawal scorecard.

Lecture 001 (Quản trị thu hút khách hàng; Chaffey ch. 9 Fig. 9.6): the measures of a campaign,
from volume up to lifetime-value-based ROI; Marketing chuyển đổi: the scorecard of Agrawal,
Arjona & Lemmens (2001) with attraction, conversion and retention. Acquisition cost against
retention cost (lecture 000 §3, the 5–8× claim) is :func:`sim.measures.value.acquisition_retention_cost_ratio`.

Definitions used here:

* a customer's **channel** is ``customers.acquired_via``, the channel of their first visit;
* a **new customer** is a customer with at least one order in ``orders`` (their first order
  in the table is the acquisition);
* **visits** (``visits_from="customers"``) = people whose first visit came through the channel
  (``customers`` rows per ``acquired_via``); with ``visits_from="marketing"`` = the sum of
  ``marketing.clicks`` (purpose ``acquisition``), which also counts later visits of prospects
  who came back (mostly through e-mail and direct);
* **spend** = ``marketing.spend_vnd`` with ``purpose == "acquisition"``; **clicks** = the sum of
  ``marketing.clicks`` of those rows.

A ratio whose denominator is 0 is NaN (e.g. the ROI of the direct channel, which costs nothing,
or the CPA of a channel that brought no new customer).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.measures.frames import datetimes, numbers, require_columns

VISITS_FROM: tuple[str, ...] = ("customers", "marketing")
"""Where visits come from: first visits per ``customers.acquired_via``, or ``marketing.clicks``."""

SCORECARD_PARTS: Mapping[str, tuple[str, ...]] = {
    "attraction": ("visits", "spend_vnd", "cost_per_visit_vnd"),
    "conversion": ("new_customers", "conversion_rate", "cpa_vnd"),
    "retention": ("repeat_customers", "repeat_rate", "churn_rate"),
}
"""The three parts of the Agrawal et al. (2001) scorecard and the columns of :func:`agrawal_scorecard` in each."""



def channel_economics(customers: pd.DataFrame, orders: pd.DataFrame, marketing: pd.DataFrame, *,
                      visits_from: str = "customers",
                      ltv_vnd: float | pd.Series | pd.DataFrame | None = None) -> pd.DataFrame:
    """Volume, conversion, CPC, CPA, ROI and LTV-based ROI per acquisition channel.

    Lecture 001, Quản trị thu hút khách hàng (Chaffey ch. 9 Fig. 9.6, measures of campaign success):

    * conversion rate = new customers / visits;
    * CPC = spend / clicks; CPA (= CAC) = spend / new customers, so CPA = CPC / conversion rate
      when clicks and visits are the same count;
    * ROI = (margin of the channel's new customers − spend) / spend;
    * LTV-based ROI = (LTV × new customers − spend) / spend, where LTV × new customers is the sum
      of the lifetime values of the channel's new customers.

    Example (worked by hand in the tests): paid search spends 100,000 VND for 50 clicks that bring
    2 new customers with 60,000 VND margin → CPC 2,000, CPA 50,000, ROI (60,000 − 100,000) / 100,000 = −0.4.

    Args:
        customers: the ``customers`` table (``customer_id``, ``acquired_via``).
        orders: the ``orders`` table (``customer_id``, ``amount_vnd``, ``margin_vnd``).
        marketing: the ``marketing`` table (``channel``, ``purpose``, ``spend_vnd``, ``clicks``).
        visits_from: ``"customers"`` (first visits per channel) or ``"marketing"`` (clicks).
        ltv_vnd: lifetime value per customer in VND, for the LTV-based ROI: one number for every
            customer, a Series indexed by ``customer_id`` (an estimate), or a table with
            ``customer_id`` and ``lifetime_value_vnd`` (e.g. ``truth``). ``None``: no LTV columns' values.

    Returns:
        One row per channel (in the label map's order): ``channel``, ``visits``, ``clicks``,
        ``new_customers``, ``conversion_rate``, ``spend_vnd``, ``cpc_vnd``, ``cpa_vnd``,
        ``revenue_vnd``, ``margin_vnd``, ``roi``, ``ltv_vnd`` (mean LTV of a new customer),
        ``ltv_roi``. Ratios with a zero denominator are NaN.

    Raises:
        DataError: a missing column, a bad ``visits_from`` or ``ltv_vnd``, an order or an LTV
            missing for a customer who is not in ``customers``.
    """
    check_choice("visits_from", visits_from, VISITS_FROM)
    base = _base(customers, orders, marketing, visits_from)
    rows = []
    ltv = _ltv(ltv_vnd, base["buyers"])
    for channel, b in base["channels"].items():
        total_ltv = float(ltv.reindex(b["new_ids"]).sum()) if ltv is not None else np.nan
        rows.append({
            "channel": channel, "visits": b["visits"], "clicks": b["clicks"], "new_customers": b["new"],
            "conversion_rate": _ratio(b["new"], b["visits"]), "spend_vnd": b["spend"],
            "cpc_vnd": _ratio(b["spend"], b["clicks"]), "cpa_vnd": _ratio(b["spend"], b["new"]),
            "revenue_vnd": b["revenue"], "margin_vnd": b["margin"],
            "roi": _ratio(b["margin"] - b["spend"], b["spend"]),
            "ltv_vnd": _ratio(total_ltv, b["new"]) if ltv is not None else np.nan,
            "ltv_roi": _ratio(total_ltv - b["spend"], b["spend"]) if ltv is not None else np.nan,
        })
    return pd.DataFrame(rows, columns=["channel", "visits", "clicks", "new_customers", "conversion_rate", "spend_vnd",
                                       "cpc_vnd", "cpa_vnd", "revenue_vnd", "margin_vnd", "roi", "ltv_vnd", "ltv_roi"])


def agrawal_scorecard(customers: pd.DataFrame, orders: pd.DataFrame, marketing: pd.DataFrame, *,
                      lapse_days: float = 180.0, as_of: object = None, visits_from: str = "customers") -> pd.DataFrame:
    """The e-performance scorecard of Agrawal, Arjona & Lemmens (2001), one row per channel.

    Lecture 001, Marketing chuyển đổi (conversion marketing): attraction, conversion, retention.

    * attraction: ``visits`` (reach), ``spend_vnd``, ``cost_per_visit_vnd`` = spend / visits;
    * conversion: ``new_customers``, ``conversion_rate`` = new customers / visits (visit → buyer),
      ``cpa_vnd`` = spend / new customers;
    * retention: ``repeat_customers`` (new customers with 2 or more orders), ``repeat_rate`` =
      repeat customers / new customers, ``churn_rate`` = lapsed / at risk, where a customer is at
      risk when their first order is at least ``lapse_days`` before ``as_of`` and lapsed when they
      have not ordered in the ``lapse_days`` days up to ``as_of`` (observed churn; the true churn
      date is only in ``truth``).

    :data:`SCORECARD_PARTS` names the columns of each part.

    Example (worked by hand in the tests): 4 visitors from e-mail, 2 buy, 1 of them twice; 1 of
    the 2 last bought more than 180 days ago → conversion 0.5, repeat rate 0.5, churn rate 0.5.

    Args:
        customers: ``customers`` (``customer_id``, ``acquired_via``).
        orders: ``orders`` (``customer_id``, ``at``, ``amount_vnd``, ``margin_vnd``).
        marketing: ``marketing`` (``channel``, ``purpose``, ``spend_vnd``, ``clicks``).
        lapse_days: days without an order after which a customer counts as churned (> 0).
        as_of: the end of the observation, datetime or text; default: the end of the data (the
            end of the last day in ``marketing.date`` or the latest order, whichever is later).
            Orders after it are ignored.
        visits_from: ``"customers"`` (first visits per channel) or ``"marketing"`` (clicks).

    Returns:
        One row per channel: ``channel`` and the columns above. NaN where a denominator is 0.

    Raises:
        DataError: a missing column, a bad argument, or an order by a customer not in ``customers``.
    """
    check_choice("visits_from", visits_from, VISITS_FROM)
    check_range("lapse_days", lapse_days, 0, None, low_open=True)
    require_columns(orders, ["customer_id", "at"], "orders")
    when = datetimes(orders, "at", "orders")
    end = _as_of(as_of, when, marketing)
    orders = orders[when <= end]
    base = _base(customers, orders, marketing, visits_from)
    cutoff = end - pd.Timedelta(days=lapse_days)
    at = datetimes(orders, "at", "orders")
    first = at.groupby(orders["customer_id"]).min()
    last = at.groupby(orders["customer_id"]).max()
    count = orders.groupby("customer_id").size()
    rows = []
    for channel, b in base["channels"].items():
        ids = b["new_ids"]
        repeat = int((count.reindex(ids) >= 2).sum())
        at_risk = first.reindex(ids) <= cutoff
        lapsed = at_risk & (last.reindex(ids) <= cutoff)
        rows.append({
            "channel": channel, "visits": b["visits"], "spend_vnd": b["spend"],
            "cost_per_visit_vnd": _ratio(b["spend"], b["visits"]), "new_customers": b["new"],
            "conversion_rate": _ratio(b["new"], b["visits"]), "cpa_vnd": _ratio(b["spend"], b["new"]),
            "repeat_customers": repeat, "repeat_rate": _ratio(repeat, b["new"]),
            "churn_rate": _ratio(int(lapsed.sum()), int(at_risk.sum())),
        })
    columns = ["channel", *(c for part in SCORECARD_PARTS.values() for c in part)]
    return pd.DataFrame(rows, columns=columns)


def paid_search_clicks(marketing: pd.DataFrame) -> pd.Series:
    """Paid-search clicks paid for, the fraudulent ones among them, and what a visitor really cost.

    Chương 6 (paid search: "click fraud!"): a fraudulent click is paid for with nobody behind it.
    From the ``paid_search`` acquisition rows: ``visits`` = Σ clicks (visitors), ``invalid_clicks`` =
    Σ invalid_clicks, ``paid_clicks`` = visits + invalid_clicks, ``invalid_share`` = invalid / paid,
    ``spend_vnd``, ``cpc_vnd`` = spend / paid clicks (the price per click) and ``cost_per_visit_vnd``
    = spend / visits (fraud makes a visitor dearer than a click).

    Example (worked by hand in the tests): 95 visitors, 5 fraudulent clicks, 1,000,000 ₫ → 5%,
    10,000 ₫ a click, 10,526 ₫ a visitor.

    Args:
        marketing: table with ``channel``, ``purpose``, ``spend_vnd``, ``clicks``, ``invalid_clicks``.

    Returns:
        A Series with the values above (NaN with a zero denominator).

    Raises:
        DataError: a missing column.
    """
    m = require_columns(marketing, ["channel", "purpose", "spend_vnd", "clicks", "invalid_clicks"], "marketing")
    rows = m[(m["channel"] == "paid_search") & (m["purpose"] == "acquisition")]
    visits = float(numbers(rows, "clicks", "marketing").fillna(0.0).sum())
    invalid = float(numbers(rows, "invalid_clicks", "marketing").fillna(0.0).sum())
    spend = float(numbers(rows, "spend_vnd", "marketing").fillna(0.0).sum())
    paid = visits + invalid
    return pd.Series({"visits": visits, "invalid_clicks": invalid, "paid_clicks": paid,
                      "invalid_share": _ratio(invalid, paid), "spend_vnd": spend, "cpc_vnd": _ratio(spend, paid),
                      "cost_per_visit_vnd": _ratio(spend, visits)})


# --------------------------------------------------------------------------- helpers


def _base(customers: object, orders: object, marketing: object, visits_from: str) -> dict:
    """Per channel: visits, clicks, spend, new customers and their revenue and margin."""
    c = require_columns(customers, ["customer_id", "acquired_via"], "customers")
    o = require_columns(orders, ["customer_id", "amount_vnd", "margin_vnd"], "orders")
    m = require_columns(marketing, ["channel", "purpose", "spend_vnd", "clicks"], "marketing")
    via = c.drop_duplicates("customer_id").set_index("customer_id")["acquired_via"]
    unknown = o.loc[~o["customer_id"].isin(via.index), "customer_id"]
    if len(unknown):
        raise DataError([("orders.customer_id", unknown.iloc[0], "mọi khách trong orders phải có trong bảng customers",
                          "every customer in orders must be in the customers table")])
    acq = m[m["purpose"] == "acquisition"]
    spend = numbers(acq, "spend_vnd", "marketing").fillna(0.0).groupby(acq["channel"]).sum()
    clicks = numbers(acq, "clicks", "marketing").fillna(0.0).groupby(acq["channel"]).sum()
    revenue = numbers(o, "amount_vnd", "orders").groupby(o["customer_id"]).sum()
    margin = numbers(o, "margin_vnd", "orders").groupby(o["customer_id"]).sum()
    buyers = pd.Index(revenue.index)
    buyer_channel = via.reindex(buyers)
    first_visits = via.value_counts()
    channels = _ordered(set(via.dropna()) | set(acq["channel"].dropna()))
    out = {}
    for ch in channels:
        ids = buyers[(buyer_channel == ch).to_numpy()]
        visits = float(first_visits.get(ch, 0)) if visits_from == "customers" else float(clicks.get(ch, 0.0))
        out[ch] = {"visits": int(visits), "clicks": int(clicks.get(ch, 0.0)), "spend": float(spend.get(ch, 0.0)),
                   "new_ids": ids, "new": len(ids), "revenue": float(revenue.reindex(ids).sum()),
                   "margin": float(margin.reindex(ids).sum())}
    return {"channels": out, "buyers": buyers}


def _ltv(ltv_vnd: object, buyers: pd.Index) -> pd.Series | None:
    """LTV per new customer (index customer_id), from a number, a Series or a table."""
    if ltv_vnd is None:
        return None
    if isinstance(ltv_vnd, pd.DataFrame):
        t = require_columns(ltv_vnd, ["customer_id", "lifetime_value_vnd"], "ltv_vnd")
        series = numbers(t, "lifetime_value_vnd", "ltv_vnd").set_axis(t["customer_id"].to_numpy())
    elif isinstance(ltv_vnd, pd.Series):
        series = numbers(ltv_vnd.to_frame("ltv_vnd"), "ltv_vnd", "ltv_vnd")
    elif isinstance(ltv_vnd, (int, float)) and not isinstance(ltv_vnd, bool):
        value = check_range("ltv_vnd", ltv_vnd)
        return pd.Series(float(value), index=buyers)
    else:
        raise DataError([("ltv_vnd", type(ltv_vnd).__name__,
                          "phải là một số, một Series theo customer_id, hoặc bảng có customer_id và lifetime_value_vnd",
                          "must be a number, a Series indexed by customer_id, or a table with customer_id and "
                          "lifetime_value_vnd")])
    series = series[~series.index.duplicated()]
    missing = buyers[~buyers.isin(series.index)]
    if len(missing):
        raise DataError([("ltv_vnd", missing[0], "thiếu giá trị vòng đời (LTV) của khách hàng mới này",
                          "the lifetime value (LTV) of this new customer is missing")])
    if series.reindex(buyers).isna().any():
        bad = buyers[series.reindex(buyers).isna().to_numpy()][0]
        raise DataError([("ltv_vnd", bad, "giá trị vòng đời (LTV) không được trống", "a lifetime value must not be empty")])
    return series


def _as_of(as_of: object, order_times: pd.Series, marketing: object) -> pd.Timestamp:
    """``as_of`` as a Timestamp; default: the end of the last marketing day or the last order."""
    if as_of is not None:
        try:
            return pd.Timestamp(as_of)
        except (ValueError, TypeError) as exc:
            raise DataError([("as_of", as_of, "phải là ngày giờ, dạng YYYY-MM-DD HH:MM:SS",
                              "must be a datetime, as YYYY-MM-DD HH:MM:SS")]) from exc
    candidates = [order_times.max()] if len(order_times) else []
    if isinstance(marketing, pd.DataFrame) and "date" in marketing.columns and len(marketing):
        candidates.append(datetimes(marketing, "date", "marketing").max().normalize() + pd.Timedelta(days=1))
    candidates = [t for t in candidates if pd.notna(t)]
    if not candidates:
        raise DataError([("as_of", None, "không có ngày nào trong dữ liệu: hãy cho as_of",
                          "the data hold no date: give as_of")])
    return max(candidates)


def _ordered(channels) -> list[str]:
    known = list(LABELS["channel"])
    values = {str(v) for v in channels}
    return [k for k in known if k in values] + sorted(values - set(known))


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator) / denominator if denominator else np.nan
