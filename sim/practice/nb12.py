"""Practice exercises of notebook 12 (Giá trị vòng đời khách hàng).

Lecture 001, "Mô hình giá trị vòng đời (Lifetime value modelling)"; Chaffey Fig 9.14.
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def mean_historical_ltv(tables: Tables) -> float:
    """Mean historical lifetime value of a buyer: the sum of ``margin_vnd`` of their orders, averaged over buyers.

    Formula: mean over buyers of Σ margin_vnd. Lecture 001: LTV as the profit a customer brings.
    """
    return float(tables["orders"].groupby("customer_id")["margin_vnd"].sum().mean())


def net_ltv_by_channel(tables: Tables) -> pd.DataFrame:
    """Mean net historical LTV of a buyer by acquisition channel.

    Formula: per buyer, Σ margin_vnd − ``customers.acquisition_cost_vnd``; the mean per ``acquired_via``.
    Lecture 001: LTV analysis to plan the investment in acquisition.
    """
    margin = tables["orders"].groupby("customer_id", as_index=False)["margin_vnd"].sum()
    merged = margin.merge(tables["customers"][["customer_id", "acquired_via", "acquisition_cost_vnd"]], on="customer_id")
    merged["ltv_vnd"] = merged["margin_vnd"] - merged["acquisition_cost_vnd"]
    return merged.groupby("acquired_via", as_index=False)["ltv_vnd"].mean()


def negative_net_ltv_share(tables: Tables) -> float:
    """Share of buyers whose margin so far has not paid back what it cost to acquire them.

    Formula: buyers with Σ margin_vnd − acquisition_cost_vnd < 0 / buyers.
    """
    margin = tables["orders"].groupby("customer_id")["margin_vnd"].sum()
    cost = tables["customers"].set_index("customer_id")["acquisition_cost_vnd"].reindex(margin.index)
    return float(((margin - cost) < 0).mean())


EXERCISES = [
    Exercise("12.1", "Giá trị vòng đời lịch sử trung bình của một khách đã mua: tổng lợi nhuận gộp (margin_vnd) các "
             "đơn của khách, lấy trung bình trên các khách (₫).", "number", mean_historical_ltv, unit="₫"),
    Exercise("12.2", "Giá trị vòng đời lịch sử ròng trung bình theo kênh thu hút (bảng có cột acquired_via và ltv_vnd).",
             "frame", net_ltv_by_channel, frame_key="acquired_via"),
    Exercise("12.3", "Tỷ lệ khách đã mua có giá trị vòng đời lịch sử ròng âm (số từ 0 đến 1).", "number",
             negative_net_ltv_share),
]
