"""Customer extension (Quản trị mở rộng khách hàng) and the activity and value measures it builds on.

Lecture 001, "Quản trị mở rộng khách hàng": make the relationship deeper through more
interactions and more products (bán kèm – cross-sell, bán gia tăng – up-sell), so that the
customer's lifetime value (LTV) grows; advanced segmentation (phân khúc nâng cao) by lifecycle
group, channel and behaviour; RFM / FRAC analysis. Chaffey, *E-Business and E-Commerce
Management*, ch. 9: Fig 9.13 (activity segmentation), Fig 9.15 (LTV-based segmentation),
Fig 9.16 (customer lifecycle segmentation), Fig 9.17 (RFM analysis).

The functions here summarise the tables that :mod:`sim.measures.retention`,
:mod:`sim.measures.value` and :mod:`sim.measures.rfm` produce, per segment or per customer
group, so that a notebook only calls them.

Typical use::

    from sim.engine.io import shipped_tables
    from sim.measures import extension, retention
    t = shipped_tables()
    extension.offer_shares(t["orders"], by="category")
    extension.repeat_metrics_by(t["orders"], t["customers"], by="persona")
    segments = retention.activity_segments(t["orders"])
    extension.segment_summary(segments, "activity_segment", retention.ACTIVITY_SEGMENTS, truth=t["truth"])
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.measures.frames import datetimes, flags, latest_or, numbers, require_columns, tables_of, timestamp
from sim.measures.retention import repeat_metrics
from sim.measures.rfm import RFM_SEGMENTS, SCORES, rfm_segment
from sim.measures.value import TIERS, formula_ltv

OFFERS: tuple[str, ...] = ("cross_sell", "up_sell")
"""The two extension offers of an order (columns of ``orders``; keys of the ``offer`` labels)."""

OFFER_KINDS: tuple[str, ...] = ("none", "cross_sell", "up_sell", "both")
"""What an order took: no offer, a cross-sell only, an up-sell only, or both (keys of the ``offer`` labels)."""

REPEAT_METRICS: tuple[str, ...] = ("buyers", "repeat_customer_base", "repeat_conversion_rate", "repeat_transactions",
                                   "transactions_per_repeat_customer", "repeat_revenue_vnd", "revenue_per_repeat_transaction_vnd")
"""The fields of :func:`sim.measures.retention.repeat_metrics`, in its order (keys of the ``repeat_metric`` labels)."""


def _lookup(keys: object, values: object, wanted: object, field: str, vi: str, en: str) -> np.ndarray:
    """The value of each of ``wanted`` in the table (``keys`` → ``values``, first row of a repeated key).

    Raises:
        DataError: naming ``field`` and the first of ``wanted`` that ``keys`` does not hold.
    """
    index = pd.Index(np.asarray(keys, dtype=object))
    first = ~index.duplicated()
    index, held = index[first], np.asarray(values)[first]
    wanted = np.asarray(wanted, dtype=object)
    position = index.get_indexer(wanted)
    if (position < 0).any():
        raise DataError([(field, wanted[position < 0][0], vi, en)])
    return held[position]


def _groups_for(customer_ids: pd.Series, customers: pd.DataFrame, by: str) -> pd.Series:
    """The group (column ``by`` of ``customers``) of each customer id, refusing ids that ``customers`` does not hold."""
    require_columns(customers, ["customer_id", by], "customers")
    groups = _lookup(customers["customer_id"], customers[by].to_numpy(), customer_ids, "customers.customer_id",
                     "mọi khách có đơn hàng phải có một dòng trong customers", "every customer with orders must have a row in customers")
    return pd.Series(groups, index=customer_ids.index)


def segment_summary(segments: pd.DataFrame, column: str, keys: Sequence[str] | None = None, *,
                    truth: pd.DataFrame | None = None, as_of: object = None) -> pd.DataFrame:
    """Size of each segment, its average number of orders and (with the truth) how many truly churned.

    Formula, per segment: ``customers``; ``share = customers / all customers``; ``mean_orders``
    = mean of ``orders``. With ``truth``: ``churned`` = customers of the segment whose true
    churn time ``truth.churned_at`` is at or before ``as_of`` (they have really left, whether
    or not the shop can see it), ``churned_share = churned / customers``.

    Lecture 001, "Kỹ thuật quản lý giá trị và hoạt động của khách hàng" (Chaffey Fig 9.13,
    activity segmentation) and "Phân khúc khách hàng nâng cao" (Fig 9.16, lifecycle segments).

    Args:
        segments: one row per customer with ``customer_id``, ``orders`` and ``column``, e.g. from
            :func:`sim.measures.retention.activity_segments` or ``lifecycle_segments``.
        column: the segment column, e.g. ``"activity_segment"``.
        keys: the segments in display order (e.g. ``retention.ACTIVITY_SEGMENTS``); every key
            gets a row, empty ones too, then any other segment found (sorted). ``None``: the
            segments found, sorted.
        truth: the ``truth`` table (``customer_id``, ``churned_at``); adds ``churned`` and ``churned_share``.
        as_of: the moment of the segmentation; default the latest ``last_order_at`` of ``segments``
            (the default of ``activity_segments``; give it when ``segments`` has no such column).
            Only used with ``truth``.

    Returns:
        One row per segment: ``segment``, ``customers``, ``share`` (0–1), ``mean_orders``
        (and ``churned``, ``churned_share``). ``share`` and means are NaN where nobody is counted.

    Raises:
        DataError: a missing column, a customer absent from ``truth``, or a bad ``as_of``.
    """
    require_columns(segments, ["customer_id", "orders", column], "segments")
    frame = pd.DataFrame({"customer_id": segments["customer_id"].to_numpy(),
                          "segment": segments[column].astype(str).to_numpy(),
                          "orders": numbers(segments, "orders", "segments").to_numpy()})
    found = sorted(pd.unique(frame["segment"]))
    names = (list(keys) + [s for s in found if s not in set(keys)]) if keys is not None else found
    if truth is not None:
        require_columns(truth, ["customer_id", "churned_at"], "truth")
        if as_of is not None:
            stamp = timestamp("as_of", as_of)
        elif "last_order_at" in segments.columns:
            stamp = latest_or(None, datetimes(segments, "last_order_at", "segments"))
        else:
            raise DataError([("as_of", None, "cần as_of khi segments không có cột last_order_at",
                              "as_of is needed when segments has no last_order_at column")])
        when = pd.Series(_lookup(truth["customer_id"], datetimes(truth, "churned_at", "truth").to_numpy(), frame["customer_id"],
                                 "truth.customer_id", "bảng truth phải có mọi khách của segments",
                                 "truth must have a row for every customer of segments"), dtype="datetime64[ns]")
        frame["churned"] = (when.notna() & (when <= stamp)).to_numpy() if stamp is not None else False
    total = len(frame)
    per = frame.groupby("segment").agg(customers=("orders", "size"), mean_orders=("orders", "mean"),
                                       **({"churned": ("churned", "sum")} if truth is not None else {}))
    per = per.reindex(names)
    out = pd.DataFrame({"segment": names, "customers": per["customers"].fillna(0).astype(int).to_numpy()})
    out["share"] = out["customers"] / total if total else math.nan
    out["mean_orders"] = per["mean_orders"].astype(float).to_numpy()
    if truth is not None:
        out["churned"] = per["churned"].fillna(0).astype(int).to_numpy()
        out["churned_share"] = np.where(out["customers"] > 0, out["churned"] / out["customers"].where(out["customers"] > 0, 1), math.nan)
    return out


def repeat_metrics_by(orders: pd.DataFrame, customers: pd.DataFrame, by: str = "persona") -> pd.DataFrame:
    """The lecture's four repeat-customer measures for each group of customers (persona, channel…).

    Formula: :func:`sim.measures.retention.repeat_metrics` on the orders of each group
    (repeat conversion rate = customers with ≥ 2 orders / buyers; transactions per repeat
    customer; revenue per repeat-customer transaction). Lecture 001, "Kỹ thuật quản lý giá trị
    và hoạt động của khách hàng" (Chaffey Fig 9.13) and "Phân khúc khách hàng nâng cao"
    (e.g. by preferred channel, "kênh ưu tiên").

    Args:
        orders: ``customer_id`` and ``amount_vnd``.
        customers: ``customer_id`` and the column ``by``.
        by: the group column of ``customers``, e.g. ``"persona"`` or ``"acquired_via"``.

    Returns:
        One row per group that has buyers (index: the group values, sorted, named ``by``); the
        columns of :data:`REPEAT_METRICS`. No orders: an empty table with these columns.

    Raises:
        DataError: a missing column, an amount that is not a number, or an order whose
            customer is absent from ``customers``.
    """
    require_columns(orders, ["customer_id", "amount_vnd"], "orders")
    groups = _groups_for(orders["customer_id"], customers, by)
    rows = {key: repeat_metrics(part) for key, part in orders.groupby(groups.to_numpy(), sort=True)}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(REPEAT_METRICS))
    for col in ("buyers", "repeat_customer_base", "repeat_transactions"):
        table[col] = table[col].astype(int)
    for col in REPEAT_METRICS:
        if col not in ("buyers", "repeat_customer_base", "repeat_transactions"):
            table[col] = table[col].astype(float)
    table.index.name = by
    return table


def ltv_by_group(ltv: pd.DataFrame, customers: pd.DataFrame, by: str = "acquired_via") -> pd.DataFrame:
    """Historical LTV per group of customers: margin, acquisition cost and net value.

    Formula, per group of buyers: ``buyers``; ``mean_margin_vnd`` = mean Σ margin;
    ``mean_acquisition_cost_vnd``; ``mean_ltv_vnd`` = mean (margin − acquisition cost);
    ``negative_share`` = share of buyers whose net value is below 0 (they have not yet paid
    back what it cost to win them); ``total_ltv_vnd`` = Σ net value. Lecture 001, "Giá trị vòng
    đời (LTV)": LTV lets marketers plan acquisition spend and compare target segments.

    Args:
        ltv: :func:`sim.measures.value.historical_ltv` with ``net_of_acquisition_cost=True``
            (``customer_id``, ``margin_vnd``, ``acquisition_cost_vnd``, ``ltv_vnd``).
        customers: ``customer_id`` and the column ``by``.
        by: the group column, e.g. ``"acquired_via"`` (acquisition channel) or ``"persona"``.

    Returns:
        One row per group (index: group values, sorted, named ``by``): ``buyers``,
        ``mean_margin_vnd``, ``mean_acquisition_cost_vnd``, ``mean_ltv_vnd``, ``negative_share``,
        ``total_ltv_vnd``. An empty ``ltv`` gives an empty table.

    Raises:
        DataError: a missing column, values that are not numbers, or a buyer absent from ``customers``.
    """
    require_columns(ltv, ["customer_id", "margin_vnd", "acquisition_cost_vnd", "ltv_vnd"], "ltv")
    frame = pd.DataFrame({c: numbers(ltv, c, "ltv").to_numpy() for c in ("margin_vnd", "acquisition_cost_vnd", "ltv_vnd")})
    frame["group"] = _groups_for(ltv["customer_id"], customers, by).to_numpy()
    frame["negative"] = frame["ltv_vnd"] < 0
    table = frame.groupby("group", sort=True).agg(
        buyers=("ltv_vnd", "size"), mean_margin_vnd=("margin_vnd", "mean"),
        mean_acquisition_cost_vnd=("acquisition_cost_vnd", "mean"), mean_ltv_vnd=("ltv_vnd", "mean"),
        negative_share=("negative", "mean"), total_ltv_vnd=("ltv_vnd", "sum"))
    table["buyers"] = table["buyers"].astype(int)
    table["negative_share"] = table["negative_share"].astype(float)
    table.index.name = by
    return table


def formula_ltv_curve(margin_vnd: float, retention_rate: float, discount_rate: float, *, horizon_years: int | None = None,
                      max_retention: float = 0.95, step: float = 0.01) -> pd.DataFrame:
    """Formula LTV for every retention rate from 0 to ``max_retention``, with the chosen rate marked.

    Formula: ``LTV(r) = m × r / (1 + d − r)`` (:func:`sim.measures.value.formula_ltv`, cut at
    ``horizon_years`` if given) at r = 0, step, 2·step, … ≤ max_retention, plus the chosen
    ``retention_rate`` if it is not on that grid. The curve shows why retention matters so
    much: LTV grows ever faster as r comes close to 1 + d. Lecture 001, "Mô hình giá trị vòng
    đời (Lifetime value modelling)"; Chaffey ch. 9 Fig 9.14.

    Args:
        margin_vnd: yearly margin ``m`` of a retained customer (VND).
        retention_rate: the chosen ``r``, in ``[0, 1)``.
        discount_rate: yearly discount rate ``d`` ≥ 0.
        horizon_years: count only this many future years; ``None``: for ever.
        max_retention: the largest ``r`` of the grid, in ``(0, 1)``.
        step: distance between grid points, in ``(0, max_retention]``.

    Returns:
        ``retention_rate``, ``ltv_vnd``, ``chosen`` (true on the chosen rate's row), sorted by
        ``retention_rate``. ``attrs`` holds ``margin_vnd``, ``retention_rate``, ``discount_rate``,
        ``horizon_years`` and ``ltv_vnd`` (the chosen rate's LTV).

    Raises:
        DataError: as :func:`sim.measures.value.formula_ltv`, or a bad ``max_retention`` or ``step``.
    """
    ltv = formula_ltv(margin_vnd, retention_rate, discount_rate, horizon_years)
    top = float(check_range("max_retention", max_retention, 0, 1, low_open=True, high_open=True))
    step = float(check_range("step", step, 0, top, low_open=True))
    grid = [round(i * step, 10) for i in range(int(top / step + 1e-9) + 1)]
    chosen = float(retention_rate)
    rates = sorted({*grid, chosen}, key=float) if all(abs(g - chosen) > 1e-9 for g in grid) else grid
    values = [ltv if abs(r - chosen) <= 1e-9 else formula_ltv(margin_vnd, r, discount_rate, horizon_years) for r in rates]
    out = pd.DataFrame({"retention_rate": rates, "ltv_vnd": values, "chosen": [abs(r - chosen) <= 1e-9 for r in rates]})
    out.attrs.update(margin_vnd=float(margin_vnd), retention_rate=chosen, discount_rate=float(discount_rate),
                     horizon_years=horizon_years, ltv_vnd=ltv)
    return out


def ltv_with_truth(estimates: pd.DataFrame, truth: pd.DataFrame, truth_col: str = "future_margin_vnd") -> pd.DataFrame:
    """The LTV estimates with each customer's true future value beside them.

    Formula: ``estimates`` joined with ``truth[truth_col]`` on ``customer_id``. With the truth
    as future value, :func:`sim.measures.value.ltv_segments` gives the ideal LTV grid (Chaffey
    Fig 9.15): the plan a shop would make if it knew the future. Lecture 001, "Giá trị vòng đời – LTV".

    Args:
        estimates: one row per customer with ``customer_id`` (e.g. :func:`sim.measures.value.ltv_estimates`).
        truth: ``customer_id`` and ``truth_col``.
        truth_col: the true value to add, e.g. ``"future_margin_vnd"`` (margin after the window).

    Returns:
        A copy of ``estimates`` (same rows and order) with ``truth_col`` as floats.

    Raises:
        DataError: a missing column, a value that is not a number, or a customer absent from ``truth``.
    """
    require_columns(estimates, ["customer_id"], "estimates")
    require_columns(truth, ["customer_id", truth_col], "truth")
    true_values = _lookup(truth["customer_id"], numbers(truth, truth_col, "truth").to_numpy(), estimates["customer_id"],
                          "truth.customer_id", "bảng truth phải có mọi khách của estimates",
                          "truth must have a row for every customer of estimates")
    out = estimates.copy()
    out[truth_col] = true_values.astype(float)
    return out


def tier_agreement(estimated: pd.DataFrame, true: pd.DataFrame) -> pd.DataFrame:
    """How often the estimated LTV grid puts a customer in the same value group as the true grid.

    Formula: join the two :func:`sim.measures.value.ltv_segments` tables on ``customer_id``
    and count the customers in each (estimated tier, true tier) pair; ``agreement`` = customers
    on the diagonal / customers in both. Lecture 001, "phân khúc theo LTV" (Chaffey Fig 9.15):
    a plan is only as good as the future values it rests on.

    Args:
        estimated: ``customer_id`` and ``tier`` from the estimated future values.
        true: ``customer_id`` and ``tier`` from the true future values.

    Returns:
        A 4 × 4 table of customer counts: index = estimated tier, columns = true tier, both in
        :data:`sim.measures.value.TIERS` order (bronze, silver, gold, platinum).
        ``attrs["agreement"]`` is the share on the diagonal (NaN when no customer is in both).

    Raises:
        DataError: a missing column.
    """
    require_columns(estimated, ["customer_id", "tier"], "estimated")
    require_columns(true, ["customer_id", "tier"], "true")
    left = estimated[["customer_id", "tier"]].drop_duplicates("customer_id")
    right = true[["customer_id", "tier"]].drop_duplicates("customer_id")
    both = left.merge(right, on="customer_id", suffixes=("_estimated", "_true"))
    counts = pd.crosstab(both["tier_estimated"], both["tier_true"]) if len(both) else pd.DataFrame()
    table = counts.reindex(index=list(TIERS), columns=list(TIERS), fill_value=0).fillna(0).astype(int)
    table.index.name, table.columns.name = "estimated_tier", "true_tier"
    n = len(both)
    table.attrs["agreement"] = float(np.trace(table.to_numpy())) / n if n else math.nan
    return table


def _offer_flags(orders: pd.DataFrame) -> pd.DataFrame:
    """``cross_sell`` and ``up_sell`` of each order as booleans."""
    require_columns(orders, list(OFFERS), "orders")
    return pd.DataFrame({offer: flags(orders, offer, "orders").to_numpy() for offer in OFFERS})


def offer_shares(orders: pd.DataFrame, customers: pd.DataFrame | None = None, by: str = "category") -> pd.DataFrame:
    """Share of orders with a cross-sell and share of orders up-sold, per group.

    Formula, per group: ``orders``; ``cross_sell_orders`` = orders that include a cross-sold
    item from another category; ``cross_sell_share = cross_sell_orders / orders``;
    ``up_sell_orders`` = orders moved up to a higher price tier; ``up_sell_share = up_sell_orders
    / orders`` (orders already at the top tier cannot be up-sold, but count in ``orders``).
    Lecture 001, "Mở rộng khách hàng: bán kèm và bán gia tăng".

    Args:
        orders: ``customer_id``, ``cross_sell``, ``up_sell`` and, when ``by`` is one of its
            columns, ``by`` (e.g. ``"category"``, ``"price_tier"``, ``"is_first"``).
        customers: ``customer_id`` and ``by``, when ``by`` is a customer column (``"persona"``,
            ``"acquired_via"``).
        by: the group column, in ``orders`` or else in ``customers``.

    Returns:
        One row per group (index: the group values, sorted, named ``by``): ``orders``,
        ``cross_sell_orders``, ``cross_sell_share``, ``up_sell_orders``, ``up_sell_share``.

    Raises:
        DataError: a missing column (``by`` in neither table), a flag that is not True/False,
            or an order whose customer is absent from ``customers``.
    """
    offered = _offer_flags(orders)
    if by in orders.columns:
        offered["group"] = orders[by].to_numpy()
    elif customers is None:
        raise DataError([("by", by, "phải là một cột của orders, hoặc hãy đưa bảng customers có cột này",
                          "must be a column of orders, or give a customers table holding it")])
    else:
        require_columns(orders, ["customer_id"], "orders")
        offered["group"] = _groups_for(orders["customer_id"], customers, by).to_numpy()
    table = offered.groupby("group", sort=True).agg(orders=("cross_sell", "size"), cross_sell_orders=("cross_sell", "sum"),
                                                  up_sell_orders=("up_sell", "sum"))
    table = table.astype(int)
    table.insert(2, "cross_sell_share", table["cross_sell_orders"] / table["orders"])
    table["up_sell_share"] = table["up_sell_orders"] / table["orders"]
    table.index.name = by
    return table


def offer_value(orders: pd.DataFrame) -> pd.DataFrame:
    """Orders by what they took (no offer, cross-sell, up-sell, both) and their average value.

    Formula, per kind: ``orders``; ``share = orders / all orders``; ``mean_amount_vnd``,
    ``mean_margin_vnd`` and ``mean_items`` over the orders of that kind. Comparing the kinds
    shows how much an accepted offer adds to an order: the aim of customer extension is to
    raise the customer's LTV (lecture 001, "Mở rộng khách hàng").

    Args:
        orders: ``cross_sell``, ``up_sell``, ``amount_vnd``, ``margin_vnd``, ``items``.

    Returns:
        Four rows in :data:`OFFER_KINDS` order (index ``offer``): ``orders``, ``share``,
        ``mean_amount_vnd``, ``mean_margin_vnd``, ``mean_items``; NaN means for a kind with no orders.

    Raises:
        DataError: a missing column, a flag that is not True/False, or a value that is not a number.
    """
    offered = _offer_flags(orders)
    require_columns(orders, ["amount_vnd", "margin_vnd", "items"], "orders")
    frame = pd.DataFrame({c: numbers(orders, c, "orders").to_numpy() for c in ("amount_vnd", "margin_vnd", "items")})
    cross, up = offered["cross_sell"].to_numpy(), offered["up_sell"].to_numpy()
    frame["offer"] = np.select([cross & up, cross, up], ["both", "cross_sell", "up_sell"], default="none")
    total = len(frame)
    rows = []
    for kind in OFFER_KINDS:
        part = frame[frame["offer"] == kind]
        n = len(part)
        rows.append({"offer": kind, "orders": n, "share": n / total if total else math.nan,
                     "mean_amount_vnd": part["amount_vnd"].mean() if n else math.nan,
                     "mean_margin_vnd": part["margin_vnd"].mean() if n else math.nan,
                     "mean_items": part["items"].mean() if n else math.nan})
    return pd.DataFrame(rows).set_index("offer")


def _table(tables: object, name: str) -> pd.DataFrame:
    """A table of a Result (attribute) or of a dict of tables."""
    return tables_of(tables, [name])[name]


def offer_measures(tables: object) -> dict[str, float]:
    """Measures of customer extension for one run: offer shares, order value, margin per buyer, satisfaction.

    Formula: ``cross_sell_share`` and ``up_sell_share`` = orders with the offer / orders;
    ``mean_order_value_vnd`` = mean ``amount_vnd``; ``margin_per_buyer_vnd`` = Σ ``margin_vnd`` /
    buyers; ``repeat_conversion_rate`` = buyers with ≥ 2 orders / buyers; ``mean_satisfaction``
    = mean survey ``satisfaction`` (1–5). Meant as ``measures=`` of :func:`sim.sweep` to compare
    offer probabilities over several seeds. Lecture 001, "Mở rộng khách hàng".

    Args:
        tables: a :class:`sim.Result` or a dict with ``orders`` (``customer_id``, ``cross_sell``,
            ``up_sell``, ``amount_vnd``, ``margin_vnd``) and ``surveys`` (``satisfaction``).

    Returns:
        ``{measure: value}``; NaN where there are no orders (or no survey answers).

    Raises:
        DataError: a missing table or column, or a value of the wrong type.
    """
    orders, surveys = _table(tables, "orders"), _table(tables, "surveys")
    offered = _offer_flags(orders)
    require_columns(orders, ["customer_id", "amount_vnd", "margin_vnd"], "orders")
    require_columns(surveys, ["satisfaction"], "surveys")
    n = len(orders)
    per_buyer = orders.groupby("customer_id").size()
    buyers = len(per_buyer)
    satisfaction = numbers(surveys, "satisfaction", "surveys")
    return {
        "cross_sell_share": float(offered["cross_sell"].mean()) if n else math.nan,
        "up_sell_share": float(offered["up_sell"].mean()) if n else math.nan,
        "mean_order_value_vnd": float(numbers(orders, "amount_vnd", "orders").mean()) if n else math.nan,
        "margin_per_buyer_vnd": float(numbers(orders, "margin_vnd", "orders").sum()) / buyers if buyers else math.nan,
        "repeat_conversion_rate": float((per_buyer >= 2).sum()) / buyers if buyers else math.nan,
        "mean_satisfaction": float(satisfaction.mean()) if len(satisfaction) else math.nan,
    }


def rfm_grid(scores: pd.DataFrame) -> pd.DataFrame:
    """The R × F grid of RFM analysis: customers in each cell, their average M score and the cell's segment.

    Formula, for each of the 25 cells (R score 1–5, F score 1–5): ``customers``; ``share =
    customers / all``; ``mean_m_score`` and ``mean_monetary_vnd`` over the cell's customers;
    ``segment`` = :func:`sim.measures.rfm.rfm_segment` of the cell. Lecture 001, "Phân tích
    RFM"; Chaffey ch. 9 Fig 9.17 (the RFM grid: recency against frequency, monetary value
    inside each cell).

    Args:
        scores: :func:`sim.measures.rfm.rfm_scores` (``r_score``, ``f_score``, ``m_score``, ``monetary_vnd``).

    Returns:
        25 rows, R score 5 to 1 then F score 1 to 5: ``r_score``, ``f_score``, ``segment``,
        ``customers``, ``share``, ``mean_m_score``, ``mean_monetary_vnd`` (NaN in an empty cell;
        ``share`` NaN for an empty table).

    Raises:
        DataError: a missing column or a value that is not a number.
    """
    require_columns(scores, ["r_score", "f_score", "m_score", "monetary_vnd"], "scores")
    frame = pd.DataFrame({c: numbers(scores, c, "scores").to_numpy() for c in ("r_score", "f_score", "m_score", "monetary_vnd")})
    cells = frame.groupby(["r_score", "f_score"]).agg(customers=("m_score", "size"), mean_m_score=("m_score", "mean"),
                                                       mean_monetary_vnd=("monetary_vnd", "mean"))
    total = len(frame)
    rows = []
    for r in range(SCORES, 0, -1):
        for f in range(1, SCORES + 1):
            cell = cells.loc[(r, f)] if (r, f) in cells.index else None
            n = int(cell["customers"]) if cell is not None else 0
            rows.append({"r_score": r, "f_score": f, "segment": rfm_segment(r, f), "customers": n,
                         "share": n / total if total else math.nan,
                         "mean_m_score": float(cell["mean_m_score"]) if n else math.nan,
                         "mean_monetary_vnd": float(cell["mean_monetary_vnd"]) if n else math.nan})
    return pd.DataFrame(rows)


def segment_by_category(segmented: pd.DataFrame) -> pd.DataFrame:
    """FRAC: how many customers of each RFM segment have each main category.

    Formula: count the customers per (``segment``, ``main_category``). It shows, for instance,
    which categories the best customers buy most, and where to cross-sell. Lecture 001: "RFM
    đôi khi được gọi là FRAC: Recency, Frequency, Monetary value, Category"; Chaffey ch. 9 Fig 9.17.

    Args:
        segmented: :func:`sim.measures.rfm.rfm_segments` of the scores of
            :func:`sim.measures.rfm.frac_table` (``segment``, ``main_category``).

    Returns:
        Index = every RFM segment in :data:`sim.measures.rfm.RFM_SEGMENTS` order (then any other
        segment found), columns = the main categories found (sorted), customer counts (0 where none).

    Raises:
        DataError: a missing column.
    """
    require_columns(segmented, ["segment", "main_category"], "segmented")
    segment = segmented["segment"].astype(str)
    category = segmented["main_category"].astype(str)
    names = list(RFM_SEGMENTS) + sorted(set(segment) - set(RFM_SEGMENTS))
    table = pd.crosstab(segment, category) if len(segmented) else pd.DataFrame()
    table = table.reindex(index=names, columns=sorted(set(category)), fill_value=0).fillna(0).astype(int)
    table.index.name, table.columns.name = "segment", "main_category"
    return table


EXTENSION_TRIGGERS: tuple[str, ...] = ("need_recommendation", "need_new_item", "need_trade_in")
"""Needs the shop itself starts in a customer it already has (``journey.event`` codes): an e-mail recommending an
existing item, an e-mail about a new item, and the trade-in after the shop helped resell a used item."""


def extension_triggers(journey: pd.DataFrame) -> pd.DataFrame:
    """Journeys the shop started in its own customers, and how many ended in a purchase, by trigger.

    Lecture 000 §3 (Kết nối các mặt hàng): Amazon e-mails a customer each time a *new* item related to their
    interests arrives; §4.2: in the last stage of an item's life the shop helps resell it, and the customer may
    buy its replacement. Lecture 001, "Quản trị mở rộng khách hàng": more purchases from the customers one has.

    A journey is one (``customer_id``, ``journey_no``); its trigger is the need event that opened it (one of
    :data:`EXTENSION_TRIGGERS`); it converted when it holds a ``purchased`` event. ``conversion`` =
    purchases / journeys.

    Example (worked by hand in the tests): two journeys opened by a new-item e-mail, one bought → 1/2.

    Args:
        journey: ``customer_id``, ``journey_no``, ``event``.

    Returns:
        One row per trigger of :data:`EXTENSION_TRIGGERS`, in that order: ``event``, ``journeys``, ``purchases``,
        ``conversion`` (NaN with no journey).

    Raises:
        DataError: a missing column.
    """
    j = require_columns(journey, ["customer_id", "journey_no", "event"], "journey")
    keys = ["customer_id", "journey_no"]
    opened = j[j["event"].isin(EXTENSION_TRIGGERS)].drop_duplicates(keys)[[*keys, "event"]]
    bought = j.loc[j["event"] == "purchased", keys].drop_duplicates()
    opened = opened.merge(bought.assign(purchased=True), on=keys, how="left")
    opened["purchased"] = opened["purchased"].eq(True)
    counts = opened.groupby("event")["purchased"].agg(["size", "sum"]).reindex(list(EXTENSION_TRIGGERS), fill_value=0)
    journeys, purchases = counts["size"].astype(int), counts["sum"].astype(int)
    return pd.DataFrame({"event": list(EXTENSION_TRIGGERS), "journeys": journeys.to_numpy(),
                         "purchases": purchases.to_numpy(),
                         "conversion": np.where(journeys > 0, purchases / journeys.where(journeys > 0, 1), np.nan)})


__all__ = ["EXTENSION_TRIGGERS", "OFFERS", "OFFER_KINDS", "REPEAT_METRICS", "extension_triggers",
           "formula_ltv_curve", "ltv_by_group", "ltv_with_truth", "offer_measures", "offer_shares", "offer_value",
           "repeat_metrics_by", "rfm_grid", "segment_by_category", "segment_summary", "tier_agreement"]
