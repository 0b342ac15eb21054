"""Practice exercises of ``03_marketing_quan_he.ipynb``: what retention costs, and the recommendation e-mails.

Lecture 000 §3 (kết nối các mặt hàng; a new customer costs 5–8 times as much as keeping one).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def recommendation_order_share(tables: Tables) -> float:
    """The share of orders placed from a recommendation e-mail.

    Formula: |{orders with via_recommendation = True}| / |{orders}|. Lecture 000 §3 (quảng cáo phù hợp).
    """
    return float(tables["orders"]["via_recommendation"].astype(bool).mean())


def retention_spend_by_channel(tables: Tables) -> pd.DataFrame:
    """Retention spend per channel, in đồng.

    Formula: Σ marketing.spend_vnd where purpose = "retention", grouped by ``channel``. Lecture 000 §3.
    """
    marketing = tables["marketing"]
    kept = marketing[marketing["purpose"] == "retention"]
    return kept.groupby("channel")["spend_vnd"].sum().reset_index()


def retention_cost_per_customer_vnd(tables: Tables) -> float:
    """Retention spend per customer, each customer counted once (not per year).

    Formula: Σ spend_vnd where purpose = "retention" / |{customer_id ∈ orders}|. Lecture 000 §3: one of the
    denominators the 5–8× claim can be read with (:func:`sim.measures.value.cost_ratio_definitions`).
    """
    marketing = tables["marketing"]
    spend = marketing.loc[marketing["purpose"] == "retention", "spend_vnd"].sum()
    return float(spend / tables["orders"]["customer_id"].nunique())


EXERCISES = [
    Exercise("03.1", "Tỷ lệ đơn hàng đến từ e-mail gợi ý (`via_recommendation`)?", "number",
             recommendation_order_share),
    Exercise("03.2", "Tổng chi phí duy trì của từng kênh (bảng có cột `channel` và `spend_vnd`)?", "frame",
             retention_spend_by_channel, frame_key="channel"),
    Exercise("03.3", "Tổng chi phí duy trì chia cho số khách đã mua (mỗi khách tính một lần)?", "number",
             retention_cost_per_customer_vnd, unit="₫"),
]
