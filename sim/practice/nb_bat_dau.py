"""Practice exercises of ``bat_dau.ipynb``: the first look at the tables (count rows, one mean).

Lecture 000 §2 (the five-step purchase decision process) is what the tables record: ``orders`` holds
the purchases (step 4), ``customers`` everyone who came, bought or not.
"""

from __future__ import annotations

from sim.practice import Exercise, Tables


def order_count(tables: Tables) -> int:
    """Number of orders of the year: the rows of ``orders`` (one row per order).

    Formula: n = len(orders). Lecture 000 §2, step 4 (tiến hành mua hàng).
    """
    return len(tables["orders"])


def mean_order_value_vnd(tables: Tables) -> float:
    """Mean order value: Σ amount_vnd / number of orders.

    Formula: AOV = mean(orders.amount_vnd). Lecture 000 §2, step 4.
    """
    return float(tables["orders"]["amount_vnd"].mean())


def buyer_count(tables: Tables) -> int:
    """Customers with at least one order: the distinct ``customer_id`` of ``orders``.

    Formula: n = |{customer_id ∈ orders}|. Lecture 000 §2: of all who recognised a need, how many bought.
    """
    return int(tables["orders"]["customer_id"].nunique())


EXERCISES = [
    Exercise("bat_dau.1", "Cửa hàng có bao nhiêu đơn hàng trong năm?", "number", order_count, rel_tol=0.0),
    Exercise("bat_dau.2", "Giá trị trung bình của một đơn hàng là bao nhiêu đồng?", "number", mean_order_value_vnd,
             unit="₫"),
    Exercise("bat_dau.3", "Bao nhiêu khách hàng đã mua ít nhất một đơn?", "number", buyer_count, rel_tol=0.0),
]
