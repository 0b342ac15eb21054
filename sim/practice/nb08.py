"""Practice exercises of notebook 08 (acquisition management): paid-search clicks, fraud, cost per visitor.

Lecture 001, Chương 6, "Quản trị thu hút khách hàng": the factors of paid-search performance (CPC,
click fraud) and the measures of Figure 9.6 (CPC, CPA).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def _paid_rows(tables: Tables) -> pd.DataFrame:
    marketing = tables["marketing"]
    return marketing[(marketing["channel"] == "paid_search") & (marketing["purpose"] == "acquisition")]


def paid_search_cpc(tables: Tables) -> float:
    """CPC = Σ spend_vnd / Σ (clicks + invalid_clicks) over the paid-search acquisition rows.

    Every paid click counts, the fraudulent ones (``invalid_clicks``, no visitor behind them) included.
    """
    rows = _paid_rows(tables)
    return float(rows["spend_vnd"].sum() / (rows["clicks"].sum() + rows["invalid_clicks"].sum()))


def invalid_click_share(tables: Tables) -> float:
    """Click fraud: share of paid clicks with no visitor = Σ invalid_clicks / Σ (clicks + invalid_clicks)."""
    rows = _paid_rows(tables)
    return float(rows["invalid_clicks"].sum() / (rows["clicks"].sum() + rows["invalid_clicks"].sum()))


def cheapest_channel_per_new_customer(tables: Tables) -> str:
    """The paid channel with the lowest CPA = acquisition spend / new customers (channels with spend > 0).

    New customers of a channel: customers with that ``acquired_via`` and at least one order.
    """
    customers, orders, marketing = tables["customers"], tables["orders"], tables["marketing"]
    spend = marketing[marketing["purpose"] == "acquisition"].groupby("channel")["spend_vnd"].sum()
    spend = spend[spend > 0]
    new = customers[customers["customer_id"].isin(orders["customer_id"])].groupby("acquired_via").size()
    cpa = (spend / new.reindex(spend.index)).dropna()
    return str(cpa.idxmin())


EXERCISES = [
    Exercise("08.1", "Chi phí mỗi lượt nhấp (CPC) của quảng cáo tìm kiếm trả tiền, tính cả lượt nhấp gian lận.",
             "number", paid_search_cpc, unit="₫"),
    Exercise("08.2", "Tỷ lệ lượt nhấp gian lận (click fraud) trong các lượt nhấp trả tiền của quảng cáo tìm kiếm.",
             "number", invalid_click_share, unit="%"),
    Exercise("08.3", "Trong các kênh có chi phí thu hút, kênh nào có CPA thấp nhất? Trả lời bằng mã kênh (ví dụ "
             "\"social\").", "choice", cheapest_channel_per_new_customer),
]
