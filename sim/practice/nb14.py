"""Practice exercises of notebook 14 (Quản trị mở rộng khách hàng).

Lecture 001, "Quản trị mở rộng khách hàng": cross-sell and up-sell; lecture 000 §3 (Kết nối các mặt
hàng): e-mails about new items related to a customer's interests (Amazon's example).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def cross_sell_share(tables: Tables) -> float:
    """Share of orders that took a cross-sell offer: mean of ``orders.cross_sell``."""
    return float(tables["orders"]["cross_sell"].astype(bool).mean())


def up_sell_share_by_category(tables: Tables) -> pd.DataFrame:
    """Share of orders that took an up-sell offer, by category: mean of ``up_sell`` per ``category``."""
    orders = tables["orders"].assign(up_sell=lambda o: o["up_sell"].astype(bool))
    return orders.groupby("category", as_index=False)["up_sell"].mean()


def new_item_order_value(tables: Tables) -> float:
    """Mean order value (VND) of the orders placed after an e-mail about a new item (``via_new_item``)."""
    orders = tables["orders"]
    return float(orders.loc[orders["via_new_item"].astype(bool), "amount_vnd"].mean())


EXERCISES = [
    Exercise("14.1", "Tỷ lệ đơn hàng có nhận lời chào mời bán kèm (số từ 0 đến 1).", "number", cross_sell_share),
    Exercise("14.2", "Tỷ lệ đơn hàng có bán gia tăng theo ngành hàng (bảng có cột category và up_sell).", "frame",
             up_sell_share_by_category, frame_key="category"),
    Exercise("14.3", "Giá trị trung bình của các đơn hàng đến từ e-mail báo mặt hàng mới (₫).", "number",
             new_item_order_value, unit="₫"),
]
