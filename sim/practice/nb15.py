"""Practice exercises of notebook 15 (Giải pháp công nghệ cho CRM).

Lecture 001, "Các ứng dụng marketing của CRM" and "Lựa chọn các hệ thống CRM" (Chaffey Fig 9.18):
the analysis application joins the orders of the back-office with the CRM's customers.
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def margin_by_city(tables: Tables) -> pd.DataFrame:
    """Gross margin (VND) by the customer's city: orders joined with customers on ``customer_id``, Σ margin_vnd per city."""
    merged = tables["orders"].merge(tables["customers"][["customer_id", "city"]], on="customer_id")
    return merged.groupby("city", as_index=False)["margin_vnd"].sum()


def busiest_month(tables: Tables) -> int:
    """The month (1–12) with the most orders: count of ``orders`` per ``at.dt.month``, the largest."""
    return int(tables["orders"]["at"].dt.month.value_counts().idxmax())


def opt_in_share(tables: Tables) -> float:
    """Share of the customer list who agreed to receive e-mails: mean of ``customers.email_opt_in``."""
    return float(tables["customers"]["email_opt_in"].astype(bool).mean())


EXERCISES = [
    Exercise("15.1", "Tổng lợi nhuận gộp theo tỉnh/thành của khách: nối orders với customers (bảng có cột city và "
             "margin_vnd).", "frame", margin_by_city, frame_key="city"),
    Exercise("15.2", "Tháng (1–12) có nhiều đơn hàng nhất.", "number", busiest_month, rel_tol=0.0),
    Exercise("15.3", "Tỷ lệ khách trong danh sách khách hàng đã đồng ý nhận e-mail (số từ 0 đến 1).", "number",
             opt_in_share),
]
