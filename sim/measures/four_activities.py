"""The four basic marketing activities of CRM, measured on one run: selection, acquisition, retention, extension.

Lecture 001 (Chương 6 – Quản trị quan hệ khách hàng điện tử, "Bốn hoạt động tiếp thị cơ bản của quản
trị quan hệ khách hàng"; Chaffey, *E-Business and E-Commerce Management*, ch. 9, Fig 9.1) puts the
customer in the middle of four activities:

* **chọn lựa khách hàng** (customer selection): whom the business markets to – "Mục tiêu của DN là
  ai? Giá trị của họ là gì? Làm sao tiếp cận được?";
* **thu hút khách hàng** (customer acquisition): building relationships with new customers "với chi phí
  thấp, mục tiêu giá trị cao";
* **duy trì khách hàng** (customer retention): keeping the existing customers and their use of the online
  services;
* **mở rộng khách hàng** (customer extension): "tăng độ sâu hoặc loại sản phẩm khách hàng sử dụng" –
  cross-selling and up-selling.

:func:`four_activities` gives each activity a few measures read from the simulator's tables (or any
tables with the same columns). Where a measure already has a function elsewhere (CAC, the repeat rate,
activity segments) it is that function's figure, so this overview agrees with the headline KPIs.

Typical use::

    import sim
    from sim.measures.four_activities import four_activities
    four_activities(sim.simulate("default", seed=2026))
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.measures.frames import flags, require_columns, tables_of
from sim.measures.retention import activity_segments, repeat_metrics
from sim.measures.value import acquisition_retention_cost_ratio

ACTIVITIES: tuple[str, ...] = ("selection", "acquisition", "retention", "extension")
"""The four activities in the lecture's order (label kind ``crm_activity``)."""

MEASURES: dict[str, tuple[str, str]] = {
    "prospects": ("selection", "count"),
    "target_share": ("selection", "share"),
    "opt_in_rate": ("selection", "share"),
    "new_customers": ("acquisition", "count"),
    "buyer_rate": ("acquisition", "share"),
    "cac_vnd": ("acquisition", "vnd"),
    "repeat_rate": ("retention", "share"),
    "active_share": ("retention", "share"),
    "retention_cost_vnd": ("retention", "vnd"),
    "orders_per_customer": ("extension", "per_customer"),
    "categories_per_customer": ("extension", "per_customer"),
    "cross_sell_share": ("extension", "share"),
    "up_sell_share": ("extension", "share"),
}
"""Each measure (label kind ``crm_measure``) with its activity and unit.

Units: ``count`` (a number of people), ``share`` (0–1), ``vnd`` (money), ``per_customer`` (a mean per buyer).
"""

DEFAULT_TARGET_PERSONAS: tuple[str, ...] = ("directed_buyer", "directed_information_seeker")
"""The target of the selection measure by default: the two "directed" web-user types of Lewis & Lewis (1997),
who come with a definite purpose (to buy, or to find out about a product) – lecture 001, Quy trình mua hàng
trực tuyến."""


def _share(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def _personas(target_personas: object) -> set[str]:
    if isinstance(target_personas, str):
        return {target_personas}
    if not isinstance(target_personas, Iterable):
        raise DataError([("target_personas", target_personas, "phải là một danh sách chân dung khách hàng (persona)",
                          "must be a list of personas")])
    return {str(p) for p in target_personas}


def four_activities(tables: object, *, target_personas: Iterable[str] | str = DEFAULT_TARGET_PERSONAS,
                    active_days: float = 90.0) -> pd.DataFrame:
    """The four CRM activities of lecture 001, each with its measures.

    With P = prospects (rows of ``customers``), B = buyers (customers with an order), O = orders:

    * selection (chọn lựa): ``prospects`` = P; ``target_share`` = prospects whose persona is one of
      ``target_personas`` / P ("Mục tiêu của DN là ai?"); ``opt_in_rate`` = prospects with
      ``email_opt_in`` / P ("Làm sao tiếp cận được?": whom the shop may reach by e-mail, Godin 1999);
    * acquisition (thu hút): ``new_customers`` = B; ``buyer_rate`` = B / P (tỷ lệ chuyển đổi);
      ``cac_vnd`` = acquisition spend / new customers
      (:func:`sim.measures.value.acquisition_retention_cost_ratio`, "chi phí thấp");
    * retention (duy trì): ``repeat_rate`` = buyers with ≥ 2 orders / B
      (:func:`sim.measures.retention.repeat_metrics`, Chaffey Fig 9.13); ``active_share`` = buyers whose
      last order is at most ``active_days`` before the latest order / B
      (:func:`sim.measures.retention.activity_segments`); ``retention_cost_vnd`` = retention spend per
      customer-year (the same cost function; lecture 000 §3 compares it with the CAC: 5–8×);
    * extension (mở rộng): ``orders_per_customer`` = O / B; ``categories_per_customer`` = mean number of
      distinct categories per buyer ("loại sản phẩm khách hàng sử dụng"); ``cross_sell_share`` = orders
      with a cross-sell / O; ``up_sell_share`` = orders with an up-sell / O ("bán kèm và bán gia tăng").

    Args:
        tables: a :class:`sim.Result` or a mapping of table name to DataFrame with ``customers``
            (``customer_id``, ``persona``, ``email_opt_in``), ``orders`` (``customer_id``, ``at``,
            ``amount_vnd``, ``category``, ``cross_sell``, ``up_sell``) and ``marketing`` (``date``,
            ``purpose``, ``spend_vnd``).
        target_personas: the personas the shop targets (one name or a list); names that are not
            personas of the simulator are allowed (a student's own segments).
        active_days: a buyer is active when the last order is at most this many days old (> 0).

    Returns:
        One row per measure in the order of :data:`MEASURES`: ``activity``, ``measure``, ``value``
        (float), ``unit``. A rate with nothing to divide by (no prospects, no buyers, no orders) is NaN.

    Raises:
        DataError: ``tables`` is not a Result or mapping, a table or column is missing, a value has the
            wrong type, or ``active_days`` is not > 0.
    """
    t = tables_of(tables)
    missing = [name for name in ("customers", "orders", "marketing") if name not in t]
    if missing:
        raise DataError([(name, "(thiếu / missing)", "cần bảng này", "this table is needed") for name in missing])
    active_days = float(check_range("active_days", active_days, 0, None, low_open=True))
    targets = _personas(target_personas)
    customers = require_columns(t["customers"], ["customer_id", "persona", "email_opt_in"], "customers")
    orders = require_columns(t["orders"], ["customer_id", "at", "amount_vnd", "category", "cross_sell", "up_sell"], "orders")
    prospects = len(customers)
    buyers = int(orders["customer_id"].nunique())
    n_orders = len(orders)
    cost = acquisition_retention_cost_ratio(t["marketing"], orders)
    repeat = repeat_metrics(orders)
    segments = activity_segments(orders, active_days=active_days, lapsed_days=2 * active_days)
    values = {
        "prospects": float(prospects),
        "target_share": _share(float(customers["persona"].astype(str).isin(targets).sum()), prospects),
        "opt_in_rate": _share(float(flags(customers, "email_opt_in", "customers").sum()), prospects),
        "new_customers": float(buyers),
        "buyer_rate": _share(buyers, prospects),
        "cac_vnd": float(cost["cost_per_new_customer_vnd"]),
        "repeat_rate": float(repeat["repeat_conversion_rate"]),
        "active_share": _share(float((segments["activity_segment"] == "active").sum()), len(segments)),
        "retention_cost_vnd": float(cost["retention_cost_per_customer_year_vnd"]),
        "orders_per_customer": _share(n_orders, buyers),
        "categories_per_customer": float(orders.groupby("customer_id")["category"].nunique().mean()) if buyers else math.nan,
        "cross_sell_share": _share(float(flags(orders, "cross_sell", "orders").sum()), n_orders),
        "up_sell_share": _share(float(flags(orders, "up_sell", "orders").sum()), n_orders),
    }
    return pd.DataFrame([{"activity": activity, "measure": name, "value": values[name], "unit": unit}
                         for name, (activity, unit) in MEASURES.items()])


__all__ = ["ACTIVITIES", "DEFAULT_TARGET_PERSONAS", "MEASURES", "four_activities"]
