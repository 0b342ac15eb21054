"""Exercises of the pandas primer (``notebooks/pandas_co_ban.ipynb``): the pandas the labs need, on the course's tables.

Keys start with ``pandas`` (the notebook's name) instead of a topic number: the primer belongs to no single topic.
Each reference is the worked answer the notebook shows under «Lời giải mẫu».
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def repeat_order_value(tables: Tables) -> float:
    """Average value of a repeat order: mean ``amount_vnd`` over the orders that are not a customer's first.

    Formula: Σ amount_vnd / n over the orders with ``is_first == False``. Lecture 001 (Chaffey Fig. 9.13), the fourth
    repeat-customer measure: revenue per transaction of repeat customers.
    """
    orders = tables["orders"]
    return float(orders.loc[~orders["is_first"], "amount_vnd"].mean())


def top_three_customers(tables: Tables) -> set[str]:
    """The 3 customers with the largest total spend: the ``customer_id`` of the 3 largest Σ ``amount_vnd``.

    Lecture 001, customer value (a first look at who the shop's most valuable customers are, before RFM and LTV).
    """
    totals = tables["orders"].groupby("customer_id")["amount_vnd"].sum()
    return set(totals.sort_values(ascending=False).head(3).index)


def acquisition_by_channel(tables: Tables) -> pd.DataFrame:
    """Per acquisition channel: the number of customers and their mean acquisition cost.

    Columns ``acquired_via``, ``customers`` (count of ``customer_id``), ``acquisition_cost_vnd`` (mean).
    Lecture 001, acquisition management: cost per acquisition (CPA) by channel.
    """
    customers = tables["customers"]
    return (customers.groupby("acquired_via")
            .agg(customers=("customer_id", "count"), acquisition_cost_vnd=("acquisition_cost_vnd", "mean"))
            .reset_index())


def revenue_by_persona(tables: Tables) -> pd.DataFrame:
    """Revenue per web user type: orders merged with customers on ``customer_id``, Σ ``amount_vnd`` per ``persona``.

    Columns ``persona``, ``amount_vnd``. Lecture 001, the five web user types of Lewis and Lewis (1997).
    """
    merged = tables["orders"].merge(tables["customers"][["customer_id", "persona"]], on="customer_id", how="left")
    return merged.groupby("persona")["amount_vnd"].sum().reset_index()


def days_to_second_order(tables: Tables) -> float:
    """Mean number of whole days between a customer's first and second order (customers with two orders or more).

    Formula: mean of ``(at₂ − at₁).days`` where the orders of a customer are numbered in time order. Lecture 001,
    repeat-customer conversion: how long a first-time buyer takes to come back.
    """
    orders = tables["orders"].sort_values(["customer_id", "at"]).copy()
    orders["rank"] = orders.groupby("customer_id").cumcount() + 1
    first = orders.loc[orders["rank"] == 1, ["customer_id", "at"]]
    second = orders.loc[orders["rank"] == 2, ["customer_id", "at"]]
    pairs = first.merge(second, on="customer_id", suffixes=("_1", "_2"))
    return float((pairs["at_2"] - pairs["at_1"]).dt.days.mean())


def late_share_before_survey(tables: Tables) -> float:
    """Share of survey answers whose customer's last order before the answer was delivered late.

    Each survey row is matched with the latest order of the same customer at or before the survey's time
    (``pd.merge_asof(..., by="customer_id", direction="backward")``); answers with no earlier order are left out.
    Formula: n(delivery == "late") / n(matched). Lecture 000 §2, step 5: post-purchase evaluation follows delivery.
    """
    surveys = tables["surveys"][["survey_id", "customer_id", "at"]].sort_values("at")
    orders = tables["orders"][["customer_id", "at", "delivery"]].sort_values("at")
    matched = pd.merge_asof(surveys, orders, on="at", by="customer_id", direction="backward").dropna(subset=["delivery"])
    return float((matched["delivery"] == "late").mean())


EXERCISES = [
    Exercise("pandas.1", "Giá trị trung bình (₫) của một đơn hàng mua lặp lại (không phải đơn đầu tiên của khách).",
             "number", repeat_order_value, unit="₫"),
    Exercise("pandas.2", "Mã của 3 khách hàng đứng đầu về tổng giá trị mua.", "set", top_three_customers),
    Exercise("pandas.3", "Theo kênh thu hút: số khách hàng và chi phí thu hút trung bình.", "frame",
             acquisition_by_channel, frame_key="acquired_via"),
    Exercise("pandas.4", "Tổng doanh thu theo loại người dùng web.", "frame", revenue_by_persona, frame_key="persona"),
    Exercise("pandas.5", "Số ngày trung bình từ đơn hàng đầu tiên đến đơn thứ hai.", "number", days_to_second_order),
    Exercise("pandas.6", "Tỷ lệ phiếu khảo sát có đơn hàng gần nhất trước đó bị giao trễ.", "number",
             late_share_before_survey),
]
