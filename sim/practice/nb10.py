"""Practice exercises of notebook 10 (Quản trị duy trì khách hàng).

Lecture 001, "Quản trị duy trì khách hàng": satisfaction drives loyalty (Heskett et al. 1994,
Chaffey Fig 9.12), and the shop sees loyalty only as buying again.
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def satisfied_share(tables: Tables) -> float:
    """Share of survey answers with satisfaction 5, «hoàn toàn hài lòng» (the zone of affection).

    Formula: answers with ``satisfaction == 5`` / all answers. Lecture 001, Heskett's zone of affection.
    """
    return float((tables["surveys"]["satisfaction"] == 5).mean())


def orders_by_first_satisfaction(tables: Tables) -> pd.DataFrame:
    """Mean number of orders of a customer, by the satisfaction of their first survey answer.

    Formula: for each customer who answered, the satisfaction of the earliest answer (by ``at``);
    the customer's orders in the year; the mean of those counts per satisfaction level.
    Lecture 001: satisfaction → loyalty, loyalty seen as repeat buying.
    """
    surveys, orders = tables["surveys"], tables["orders"]
    first = surveys.sort_values("at").groupby("customer_id", as_index=False).first()[["customer_id", "satisfaction"]]
    count = orders.groupby("customer_id").size().rename("orders").reset_index()
    merged = first.merge(count, on="customer_id", how="left").fillna({"orders": 0})
    return merged.groupby("satisfaction", as_index=False)["orders"].mean()


def lapsed_share(tables: Tables) -> float:
    """Share of buyers whose last order is more than 90 days before the last order in the data.

    Formula: d = (latest ``at`` of all orders − the buyer's latest ``at``) in whole days; the share with
    d > 90. The observed churn of lecture 001 (a silent customer is taken as lost).
    """
    orders = tables["orders"]
    last = orders.groupby("customer_id")["at"].max()
    return float(((orders["at"].max() - last).dt.days > 90).mean())


EXERCISES = [
    Exercise("10.1", "Tỷ lệ câu trả lời khảo sát có mức hài lòng 5 (vùng thiện cảm), dạng số từ 0 đến 1.", "number",
             satisfied_share),
    Exercise("10.2", "Số đơn trung bình mỗi khách theo mức hài lòng ở câu trả lời khảo sát đầu tiên của khách "
             "(bảng có cột satisfaction và orders).", "frame", orders_by_first_satisfaction, frame_key="satisfaction"),
    Exercise("10.3", "Tỷ lệ khách đã mua có đơn gần nhất cách đơn cuối cùng của dữ liệu hơn 90 ngày (rời bỏ quan "
             "sát được), dạng số từ 0 đến 1.", "number", lapsed_share),
]
