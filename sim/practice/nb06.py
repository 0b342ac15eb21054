"""Practice exercises of notebook 06 (permission marketing): Godin's steps read from the tables.

Lecture 001, Chương 6, "Marketing cho phép" (Godin 1999: incentive, teaching, reinforcement,
additional incentive).
"""

from __future__ import annotations

from sim.practice import Exercise, Tables


def opt_in_rate(tables: Tables) -> float:
    """Step 1, the incentive: opt-in rate = people with ``email_opt_in`` / everyone first seen (rows of customers)."""
    return float(tables["customers"]["email_opt_in"].mean())


def house_unsubscribe_rate(tables: Tables) -> float:
    """Steps 2 and 3: unsubscribes per house-list e-mail to customers.

    rate = Σ unsubscribes / Σ emails_sent over the ``marketing`` rows with ``channel == "email"`` and
    ``purpose == "retention"`` (the shop's own list; the acquisition rows include rented lists).
    """
    marketing = tables["marketing"]
    house = marketing[(marketing["channel"] == "email") & (marketing["purpose"] == "retention")]
    return float(house["unsubscribes"].sum() / house["emails_sent"].sum())


def widened_share(tables: Tables) -> float:
    """Step 4, the additional incentive: share of subscribers who widened their permission (SMS/Zalo).

    share = customers with ``email_opt_in`` and a ``permission_widened_at`` / customers with ``email_opt_in``.
    """
    customers = tables["customers"]
    opted = customers[customers["email_opt_in"]]
    return float(opted["permission_widened_at"].notna().mean())


EXERCISES = [
    Exercise("06.1", "Tỷ lệ đăng ký nhận e-mail (opt-in): số khách tiềm năng đã đăng ký / mọi khách tiềm năng.", "number",
             opt_in_rate, unit="%"),
    Exercise("06.2", "Tỷ lệ hủy đăng ký mỗi e-mail của danh sách cửa hàng gửi khách hàng (các dòng channel = \"email\", "
             "purpose = \"retention\" của bảng marketing).", "number", house_unsubscribe_rate, unit="%"),
    Exercise("06.3", "Trong những người đã đăng ký, tỷ lệ người cho phép thêm SMS/Zalo (có permission_widened_at) là bao "
             "nhiêu?", "number", widened_share, unit="%"),
]
