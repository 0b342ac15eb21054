"""Practice exercises of notebook 07 (conversion marketing): the scorecard computed by hand.

Lecture 001, Chương 6, "Marketing chuyển đổi"; Agrawal, Arjona & Lemmens (2001), the e-performance
scorecard (attraction, conversion, retention).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def conversion_by_channel(tables: Tables) -> pd.DataFrame:
    """Conversion per acquisition channel: new customers / first visits.

    For each ``acquired_via``: ``conversion_rate`` = prospects of the channel with at least one order
    / prospects of the channel (rows of ``customers``). The scorecard's conversion part.
    """
    customers, orders = tables["customers"], tables["orders"]
    bought = customers["customer_id"].isin(orders["customer_id"])
    rate = bought.groupby(customers["acquired_via"]).mean()
    return rate.rename("conversion_rate").reset_index()


def paid_search_cpa(tables: Tables) -> float:
    """CPA of paid search: acquisition spend / new customers acquired through it.

    CPA = Σ ``spend_vnd`` of the ``marketing`` rows with ``channel == "paid_search"`` and
    ``purpose == "acquisition"`` / customers with ``acquired_via == "paid_search"`` and ≥ 1 order.
    """
    customers, orders, marketing = tables["customers"], tables["orders"], tables["marketing"]
    spend = marketing.loc[(marketing["channel"] == "paid_search") & (marketing["purpose"] == "acquisition"),
                          "spend_vnd"].sum()
    paid = customers[customers["acquired_via"] == "paid_search"]
    new = paid["customer_id"].isin(orders["customer_id"]).sum()
    return float(spend / new)


def visitors_who_buy(tables: Tables) -> float:
    """Share of prospects (people who visited) who bought within the window: a per-visitor conversion.

    share = distinct ``customer_id`` of ``orders`` / rows of ``customers``. Per visitor over a year, not
    per session: the realism report (``datasets/REALISM.md``) puts it beside the per-session rate.
    """
    return float(tables["orders"]["customer_id"].nunique() / len(tables["customers"]))


EXERCISES = [
    Exercise("07.1", "Tỷ lệ chuyển đổi theo kênh thu hút: một bảng có cột acquired_via và conversion_rate (số khách "
             "tiềm năng của kênh có ít nhất một đơn / số khách tiềm năng của kênh).", "frame", conversion_by_channel,
             frame_key="acquired_via"),
    Exercise("07.2", "CPA của quảng cáo tìm kiếm trả tiền: chi phí thu hút của kênh / số khách hàng mới của kênh.",
             "number", paid_search_cpa, unit="₫"),
    Exercise("07.3", "Tỷ lệ khách tiềm năng (người đã truy cập) mua ít nhất một lần trong năm.", "number",
             visitors_who_buy, unit="%"),
]
