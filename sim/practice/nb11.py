"""Practice exercises of notebook 11 (Chỉ số quản lý hoạt động khách hàng).

Lecture 001, "Kỹ thuật quản lý giá trị và hoạt động của khách hàng" (Chaffey ch. 9): the four
repeat-customer measures; :func:`sim.measures.retention.repeat_metrics` computes them all.
"""

from __future__ import annotations

from sim.practice import Exercise, Tables


def repeat_conversion_rate(tables: Tables) -> float:
    """Measure 1, repeat conversion rate: buyers with at least two orders / buyers.

    Lecture 001: «có bao nhiêu khách hàng lần đầu tiên mua một sản phẩm thứ hai?»
    """
    per_buyer = tables["orders"].groupby("customer_id").size()
    return float((per_buyer >= 2).mean())


def repeat_base_share(tables: Tables) -> float:
    """Measure 2, repeat customer base: buyers with at least two orders / every customer of ``customers``.

    Lecture 001: «tỷ trọng của cơ sở khách hàng đã mua lặp lại»; the base is the shop's whole customer list.
    """
    per_buyer = tables["orders"].groupby("customer_id").size()
    return float((per_buyer >= 2).sum() / tables["customers"]["customer_id"].nunique())


def revenue_per_repeat_transaction(tables: Tables) -> float:
    """Measure 4: revenue of the orders of repeat customers / the number of those orders (VND).

    Lecture 001: «đại diện cho giá trị suốt đời vì nó mang lại giá trị đặt hàng trung bình».
    """
    orders = tables["orders"]
    per_buyer = orders.groupby("customer_id").size()
    repeat = orders[orders["customer_id"].isin(per_buyer[per_buyer >= 2].index)]
    return float(repeat["amount_vnd"].mean())


EXERCISES = [
    Exercise("11.1", "Tỷ lệ chuyển đổi khách hàng lặp lại: số khách có từ 2 đơn / số khách đã mua (số từ 0 đến 1).",
             "number", repeat_conversion_rate),
    Exercise("11.2", "Cơ sở khách hàng lặp lại: số khách có từ 2 đơn / số khách trong bảng customers (số từ 0 đến 1).",
             "number", repeat_base_share),
    Exercise("11.3", "Doanh thu mỗi giao dịch của khách hàng lặp lại (₫).", "number", revenue_per_repeat_transaction,
             unit="₫"),
]
