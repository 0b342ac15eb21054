"""Practice exercises of notebook 05 (customer-centred e-commerce): simple transactions, loyalty.

Lecture 000 (Lecture 7: Quan hệ khách hàng), §5: the five steps of customer-centred e-commerce,
the first (simple transactions) and the last (encourage loyalty).
"""

from __future__ import annotations

from sim.practice import Exercise, Tables

CHECKOUT_FAILURES: tuple[str, ...] = ("payment_failed", "refused_at_door", "delivery_failed")
"""Drop-out reasons at the purchase step (stage 4): a transaction that was not simple enough."""


def checkout_failures_per_order(tables: Tables) -> float:
    """Purchase-step failures per order placed: how far from «simple transactions» the shop is.

    ratio = drop-outs (``journey.event == "dropout"``) whose ``reason`` is one of
    :data:`CHECKOUT_FAILURES` / orders (rows of ``orders``). Lecture 000 §5, step 1.
    """
    journey, orders = tables["journey"], tables["orders"]
    failed = (journey["event"] == "dropout") & journey["reason"].isin(CHECKOUT_FAILURES)
    return float(failed.sum() / len(orders))


def repeat_buyer_share(tables: Tables) -> float:
    """Share of buyers with two orders or more: the loyalty that step 5 encourages.

    share = customers with ≥ 2 orders / customers with ≥ 1 order (lecture 000 §5, step 5).
    """
    orders_per_buyer = tables["orders"].groupby("customer_id").size()
    return float((orders_per_buyer >= 2).mean())


EXERCISES = [
    Exercise("05.1", "Số lần khách bỏ dở ở bước mua vì thanh toán thất bại, từ chối nhận hàng hoặc giao hàng thất bại, "
             "tính trên mỗi đơn hàng đã đặt.", "number", checkout_failures_per_order),
    Exercise("05.2", "Tỷ lệ người mua có từ hai đơn hàng trở lên, trên mọi người mua.", "number", repeat_buyer_share,
             unit="%"),
]
