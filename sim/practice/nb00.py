"""Practice exercises of ``00_tong_quan_ecrm.ipynb``: one measure for each of the four CRM activities.

Lecture 001, Chapter 6 (e-CRM là gì?): customer selection, acquisition, retention, extension.
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def opt_in_share(tables: Tables) -> float:
    """Selection: the share of prospects who agreed to receive e-mail.

    Formula: opt-in share = (customers with email_opt_in = True) / customers. Lecture 001 (chọn lựa khách
    hàng; marketing cho phép, Godin 1999).
    """
    return float(tables["customers"]["email_opt_in"].astype(bool).mean())


def acquisition_cost_per_buyer_vnd(tables: Tables) -> float:
    """Acquisition: acquisition spend divided by the customers who placed a first order.

    Formula: CAC = Σ marketing.spend_vnd where purpose = "acquisition" / |{customer_id ∈ orders}|.
    Lecture 001 (thu hút khách hàng: chi phí để có một khách hàng mới). In a one-year window that starts
    with the shop, every buyer is a new customer.
    """
    marketing = tables["marketing"]
    spend = marketing.loc[marketing["purpose"] == "acquisition", "spend_vnd"].sum()
    return float(spend / tables["orders"]["customer_id"].nunique())


def repeat_buyer_share(tables: Tables) -> float:
    """Retention: the share of buyers with two orders or more.

    Formula: repeat rate = |{customers with ≥ 2 orders}| / |{customers with ≥ 1 order}|. Lecture 001
    (duy trì khách hàng).
    """
    per_customer: pd.Series = tables["orders"].groupby("customer_id").size()
    return float((per_customer >= 2).mean())


EXERCISES = [
    Exercise("00.1", "Chọn lựa: tỷ lệ khách tiềm năng đồng ý nhận e-mail (số thập phân từ 0 đến 1)?", "number",
             opt_in_share),
    Exercise("00.2", "Thu hút: tổng chi phí có mục đích thu hút chia cho số khách đã mua ít nhất một đơn?", "number",
             acquisition_cost_per_buyer_vnd, unit="₫"),
    Exercise("00.3", "Duy trì: trong số khách đã mua, tỷ lệ khách có từ hai đơn trở lên?", "number", repeat_buyer_share),
]
