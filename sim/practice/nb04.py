"""Practice exercises of notebook 04 (customer service): self-service, resale, free services.

Lecture 000 (Lecture 7: Quan hệ khách hàng), §4 (the product life cycle: requirements, acquisition,
ownership, retirement) and §6 (the five service functions and their tools).
"""

from __future__ import annotations

from sim.practice import Exercise, Tables

SELF_SERVICE_TOOLS: tuple[str, ...] = ("faq", "auto", "tracking_page")
"""Tools that answer a request with no agent: the FAQ page, the automatic reply, the order-tracking page."""


def self_service_share(tables: Tables) -> float:
    """Share of service requests answered by a self-service tool (FAQ deflection, in the wide sense).

    share = requests whose ``tool`` is one of :data:`SELF_SERVICE_TOOLS` / all requests
    (lecture 000 §6: the FAQ is "easy to use and cheap"; every request it answers is one an agent
    does not handle).
    """
    tickets = tables["tickets"]
    return float(tickets["tool"].isin(SELF_SERVICE_TOOLS).mean())


def resale_share_of_retirement(tables: Tables) -> float:
    """Share of the retirement stage's requests that are resale requests.

    share = requests with ``lifecycle_stage == "retirement"`` and ``request == "resale"`` / requests
    with ``lifecycle_stage == "retirement"`` (lecture 000 §4.2: the life cycle's last stage, "không
    dùng nữa", includes helping the customer resell what they no longer use).
    """
    tickets = tables["tickets"]
    retirement = tickets[tickets["lifecycle_stage"] == "retirement"]
    return float((retirement["request"] == "resale").mean())


def free_shipping_share(tables: Tables) -> float:
    """Share of orders shipped free (``shipping_fee_vnd == 0``): the «free services» function.

    share = orders with a shipping fee of 0 ₫ / all orders (lecture 000 §6, "dịch vụ và mặt hàng
    miễn phí").
    """
    orders = tables["orders"]
    return float((orders["shipping_fee_vnd"] == 0).mean())


EXERCISES = [
    Exercise("04.1", "Tỷ lệ yêu cầu dịch vụ được công cụ tự phục vụ (FAQ, trả lời tự động, trang theo dõi đơn hàng) "
             "giải quyết, trên mọi yêu cầu của bảng tickets.", "number", self_service_share, unit="%"),
    Exercise("04.2", "Trong các yêu cầu ở giai đoạn không dùng nữa (retirement), tỷ lệ yêu cầu bán lại (resale) là bao "
             "nhiêu?", "number", resale_share_of_retirement, unit="%"),
    Exercise("04.3", "Tỷ lệ đơn hàng được miễn phí giao hàng (shipping_fee_vnd bằng 0) là bao nhiêu?", "number",
             free_shipping_share, unit="%"),
]
