"""Customer retention (Quản trị duy trì khách hàng): cohorts, churn, survival, repeat buying, segments.

Lecture 001, "Quản trị duy trì khách hàng" and "Kỹ thuật quản lý giá trị và hoạt động của khách
hàng"; Chaffey, *E-Business and E-Commerce Management*, ch. 9: Fig 9.12 (satisfaction and loyalty,
Heskett et al. 1994), Fig 9.13 (activity segmentation), Fig 9.16 (customer lifecycle segmentation).

Churn is measured two ways, and every function says which one it uses:

- **observed** (quan sát được): what the shop can see in its own orders. A customer has lapsed
  when they have made no order for a number of days. A lapsed customer may still come back.
- **true** (thật): the simulator's answer key, ``truth.churned_at``, the moment the customer
  really left. Students use it to check how good an observed definition is.

Where "now" matters the functions take ``as_of`` (a datetime or text such as
``"2026-12-31 23:59:59"``); by default it is the latest time in the tables given, which for
the simulator's tables is close to the end of the observation window. Orders after ``as_of``
are ignored.

Typical use::

    from sim.engine.io import shipped_tables
        t = shipped_tables()
    cohort_retention(t["orders"])
    survival_curve(t["orders"], truth=t["truth"], method="true")
    repeat_metrics(t["orders"])
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.codes import EVALUATION_STAGE
from sim.base.errors import DataError
from sim.measures.frames import datetimes, flags, require_columns, tables_of, timestamp
from sim.measures.nps import _as_of, _follow_up_pairs, _whole_numbers, classify_score, nps_scores

ACTIVITY_SEGMENTS: tuple[str, ...] = ("active", "inactive", "lapsed")
"""Activity segments (Chaffey Fig 9.13), keys of the label kind ``activity_segment``."""

LIFECYCLE_SEGMENTS: tuple[str, ...] = ("visitor", "prospect", "first_time", "repeat", "loyal", "lapsed")
"""Lifecycle segments (Chaffey Fig 9.16), keys of the label kind ``lifecycle_segment``."""


_DAY = pd.Timedelta(days=1)


def _order_times(orders: pd.DataFrame, as_of: object, extra: tuple[str, ...] = ()) -> tuple[pd.DataFrame, pd.Timestamp]:
    """``customer_id`` and ``at`` (datetimes) of the orders up to ``as_of``, and ``as_of`` itself."""
    require_columns(orders, ["customer_id", "at", *extra], "orders")
    at = datetimes(orders, "at", "orders")
    end = _as_of(as_of, at)
    frame = pd.DataFrame({"customer_id": orders["customer_id"].to_numpy(), "at": at.to_numpy()})
    for col in extra:
        frame[col] = orders[col].to_numpy()
    if pd.isna(end):
        return frame.iloc[0:0], end
    return frame[frame["at"] <= end].reset_index(drop=True), end


def _month_number(at: pd.Series) -> pd.Series:
    """Months counted from year 0: ``year × 12 + month − 1`` (so month differences are subtractions)."""
    return at.dt.year * 12 + at.dt.month - 1


def cohort_retention(orders: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """Cohort retention: of the customers who first bought in a month, the share who bought again k months later.

    Lecture 001, Quản trị duy trì khách hàng (curriculum topic 10: retention curves by cohort).

    - cohort = calendar month of the customer's first order (in ``orders``, up to ``as_of``);
    - months_since_first = calendar months between the cohort month and the order's month
      (an order on 31 January and one on 1 February are one month apart);
    - active = customers of the cohort with at least one order in that month;
    - retention = active / customers (the cohort's size). Month 0 is 1 by definition.

    Only months up to the month of ``as_of`` appear; that last month may be partly observed.

    Args:
        orders: ``customer_id`` and ``at`` (datetime or text).
        as_of: end of the data (datetime or text); default the latest order.

    Returns:
        Long table, one row per cohort × month: ``cohort`` (text ``YYYY-MM``),
        ``months_since_first`` (0, 1, …), ``customers``, ``active``, ``retention`` (0–1).
        Empty orders give an empty table with these columns.

    Raises:
        DataError: a missing column, a bad time or a bad ``as_of``.
    """
    frame, end = _order_times(orders, as_of)
    columns = ["cohort", "months_since_first", "customers", "active", "retention"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, [object, int, int, int, float], strict=True)})
    frame["month"] = _month_number(frame["at"])
    first = frame.groupby("customer_id")["month"].min().rename("cohort_month")
    frame = frame.join(first, on="customer_id")
    frame["k"] = frame["month"] - frame["cohort_month"]
    sizes = first.value_counts()
    active = frame.drop_duplicates(["customer_id", "k"]).groupby(["cohort_month", "k"]).size()
    last_month = int(end.year * 12 + end.month - 1)
    rows = []
    for cohort_month in sorted(sizes.index):
        for k in range(last_month - int(cohort_month) + 1):
            n_active = int(active.get((cohort_month, k), 0))
            size = int(sizes[cohort_month])
            rows.append({"cohort": f"{cohort_month // 12:04d}-{cohort_month % 12 + 1:02d}", "months_since_first": k,
                         "customers": size, "active": n_active, "retention": n_active / size})
    return pd.DataFrame(rows, columns=columns)


def cohort_table(orders: pd.DataFrame, value: str = "retention", as_of: object = None) -> pd.DataFrame:
    """The cohort retention table in its classic shape: one row per cohort, one column per month since the first order.

    Lecture 001, Quản trị duy trì khách hàng. Same figures as :func:`cohort_retention`.

    Args:
        orders: ``customer_id`` and ``at``.
        value: ``"retention"`` (share of the cohort, 0–1) or ``"active"`` (number of customers).
        as_of: end of the data; default the latest order.

    Returns:
        Index ``cohort`` (``YYYY-MM``), a first column ``customers`` (cohort size), then columns
        0, 1, 2, … (months since the first order); cells after ``as_of`` are NaN.

    Raises:
        DataError: a missing column, a bad time, ``as_of`` or ``value``.
    """
    check_choice("value", value, ["retention", "active"])
    long = cohort_retention(orders, as_of)
    wide = long.pivot(index="cohort", columns="months_since_first", values=value)
    wide.columns = [int(c) for c in wide.columns]
    wide.columns.name = "months_since_first"
    sizes = long.drop_duplicates("cohort").set_index("cohort")["customers"]
    wide.insert(0, "customers", sizes.reindex(wide.index).astype(int))
    return wide


def churn_rate(orders: pd.DataFrame, start: object, *, threshold_days: float = 90, method: str = "observed",
               truth: pd.DataFrame | None = None, as_of: object = None) -> pd.Series:
    """Churn rate over the ``threshold_days`` after ``start``: churned / customers active at ``start``.

    Lecture 001, Quản trị duy trì khách hàng ("giảm thiểu sự rời bỏ của khách hàng").
    With the period [start, end) and end = start + threshold_days:

    - ``method="observed"``: customers active at start = those with an order in the
      ``threshold_days`` before ``start`` (start − threshold_days ≤ order < start); churned = those
      of them with no order in [start, end). The period must be fully observed: end ≤ ``as_of``.
    - ``method="true"`` (needs ``truth``): customers active at start = those whose first order
      is before ``start`` and who have not truly churned by then (``truth.churned_at`` empty or
      ≥ start); churned = those whose ``churned_at`` falls in [start, end). ``as_of`` is not used.

    churn_rate = churned / customers_at_start; NaN when nobody was active at start.

    Args:
        orders: ``customer_id`` and ``at``.
        start: start of the period (datetime or text).
        threshold_days: length of the period, and of the look-back for "active", in days (> 0).
        method: ``"observed"`` or ``"true"``.
        truth: the ``truth`` table (``customer_id``, ``churned_at``) for ``method="true"``.
        as_of: end of the observed data; default the latest order.

    Returns:
        A Series: ``method``, ``start``, ``end``, ``customers_at_start``, ``churned``, ``churn_rate``.

    Raises:
        DataError: a missing column or table, a bad time, ``threshold_days`` ≤ 0, an unknown
            ``method``, or (observed) a period that ends after ``as_of``.
    """
    check_choice("method", method, ["observed", "true"])
    threshold_days = float(check_range("threshold_days", threshold_days, 0, None, low_open=True))
    begin = timestamp("start", start)
    end = begin + pd.Timedelta(days=threshold_days)
    if method == "observed":
        frame, data_end = _order_times(orders, as_of)
        if pd.isna(data_end) or end > data_end:
            raise DataError([("start", str(begin), f"kỳ đo [start, start + {threshold_days:g} ngày) phải kết thúc trước as_of = {data_end}",
                              f"the period [start, start + {threshold_days:g} days) must end by as_of = {data_end}")])
        look_back = begin - pd.Timedelta(days=threshold_days)
        base = set(frame.loc[(frame["at"] >= look_back) & (frame["at"] < begin), "customer_id"])
        bought = set(frame.loc[(frame["at"] >= begin) & (frame["at"] < end), "customer_id"])
        churned = len(base - bought)
    else:
        frame, _ = _order_times(orders, None)
        churn_at = _truth_churn(truth, frame["customer_id"].unique())
        first = frame.groupby("customer_id")["at"].min()
        first = first[first < begin]
        when = churn_at.reindex(first.index)
        alive = when.isna() | (when >= begin)
        base = set(first.index[alive])
        churned = int((alive & (when < end)).sum())
    n = len(base)
    return pd.Series({"method": method, "start": begin, "end": end, "customers_at_start": n, "churned": churned,
                      "churn_rate": churned / n if n else math.nan}, dtype=object)


def _truth_churn(truth: pd.DataFrame | None, customer_ids: np.ndarray) -> pd.Series:
    """``truth.churned_at`` by customer, checking that every one of ``customer_ids`` has a row."""
    if truth is None:
        raise DataError([("truth", None, "method='true' cần bảng truth (cột customer_id, churned_at)",
                          "method='true' needs the truth table (columns customer_id, churned_at)")])
    require_columns(truth, ["customer_id", "churned_at"], "truth")
    churned_at = pd.Series(datetimes(truth, "churned_at", "truth").to_numpy(), index=truth["customer_id"].to_numpy())
    churned_at = churned_at.groupby(level=0).first()
    unknown = [c for c in customer_ids if c not in churned_at.index]
    if unknown:
        raise DataError([("truth.customer_id", unknown[0], "bảng truth phải có mọi khách đã mua hàng",
                          "truth must have a row for every customer who bought")])
    return churned_at


def kaplan_meier(days: object, churned: object) -> pd.DataFrame:
    """The Kaplan–Meier estimate of the share of customers not yet churned after t days.

    Lecture 001, Quản trị duy trì khách hàng (retention curves; the survival view behind LTV
    models). For the distinct times t₁ < t₂ < … with nᵢ customers still followed ("at risk":
    time ≥ tᵢ) and dᵢ churns at tᵢ::

        S(t) = Π_{tᵢ ≤ t} (1 − dᵢ / nᵢ)

    Customers whose time ends without churn (``churned`` false) are censored: they count as
    at risk up to and including their time, and never as a churn. A censoring at the same
    time as a churn is still at risk at that time.

    Args:
        days: follow-up time of each customer in days (≥ 0), any sequence of numbers.
        churned: for each customer, whether the time ends in churn (true) or in censoring.

    Returns:
        ``days``, ``at_risk``, ``events`` (churns), ``censored``, ``survival``: a first row at
        day 0 with survival 1 and everyone at risk, then one row per distinct time. With no
        customers, just the first row (at_risk 0, survival 1).

    Raises:
        DataError: lengths differ, a time that is negative or not a number.
    """
    try:
        t = np.asarray(days, dtype=float)
        e = np.asarray(churned, dtype=bool)
    except (TypeError, ValueError) as exc:
        raise DataError([("days", days, "phải là các số ngày ≥ 0", "must be numbers of days ≥ 0")]) from exc
    if t.shape != e.shape or t.ndim != 1:
        raise DataError([("churned", len(e), f"phải có đúng {len(t)} giá trị như days", f"must have {len(t)} values, as days")])
    if len(t) and (np.isnan(t).any() or (t < 0).any()):
        raise DataError([("days", t[np.isnan(t) | (t < 0)][0], "phải là các số ngày ≥ 0", "must be numbers of days ≥ 0")])
    times, inverse = np.unique(t, return_inverse=True)
    events = np.bincount(inverse, weights=e.astype(float), minlength=len(times)).astype(int)
    total = np.bincount(inverse, minlength=len(times)).astype(int)
    at_risk = len(t) - np.concatenate([[0], np.cumsum(total)[:-1]]) if len(times) else np.array([], dtype=int)
    survival = np.cumprod(1 - events / np.where(at_risk > 0, at_risk, 1))
    head = pd.DataFrame({"days": [0.0], "at_risk": [len(t)], "events": [0], "censored": [0], "survival": [1.0]})
    body = pd.DataFrame({"days": times, "at_risk": at_risk.astype(int), "events": events,
                         "censored": total - events, "survival": survival})
    return pd.concat([head, body], ignore_index=True) if len(times) else head


def survival_subjects(orders: pd.DataFrame, *, method: str = "observed", truth: pd.DataFrame | None = None,
                      lapsed_days: float = 180, as_of: object = None) -> pd.DataFrame:
    """Each buyer's follow-up from the first order to churn or to ``as_of`` (the input of Kaplan–Meier).

    Lecture 001, Quản trị duy trì khách hàng. Time 0 is the customer's first order (up to ``as_of``).

    - ``method="observed"``: the customer counts as churned on the day the lapse becomes
      visible, ``lapsed_days`` after the last order, if that day is on or before ``as_of``:
      days = last order − first order + lapsed_days. Otherwise censored at ``as_of``:
      days = as_of − first order.
    - ``method="true"`` (needs ``truth``): churned if ``truth.churned_at`` ≤ ``as_of``, with
      days = churned_at − first order; otherwise censored at ``as_of`` (a churn after the
      window is not yet known, so it is censored, as it would be in a real shop).

    The observed curve cannot fall before ``lapsed_days``: a lapse is only visible that long
    after the last order, and every one-time buyer who lapsed does so at exactly
    ``lapsed_days``, so the curve has a cliff there. Comparing it with the true curve shows
    what an observed churn definition can and cannot tell.

    Args:
        orders: ``customer_id`` and ``at``.
        method: ``"observed"`` or ``"true"``.
        truth: the ``truth`` table for ``method="true"``.
        lapsed_days: days without an order after which a customer counts as lapsed (observed).
        as_of: end of the observation window; default the latest order.

    Returns:
        One row per buyer: ``customer_id``, ``first_order_at``, ``days`` (float), ``churned`` (bool).

    Raises:
        DataError: a missing table or column, a bad time, ``lapsed_days`` ≤ 0 or an unknown ``method``.
    """
    check_choice("method", method, ["observed", "true"])
    lapsed_days = float(check_range("lapsed_days", lapsed_days, 0, None, low_open=True))
    frame, end = _order_times(orders, as_of)
    spans = frame.groupby("customer_id")["at"].agg(["min", "max"])
    if method == "observed":
        lapse_at = spans["max"] + pd.Timedelta(days=lapsed_days)
        churned = lapse_at <= end
        stop = lapse_at.where(churned, end)
    else:
        when = _truth_churn(truth, spans.index.to_numpy()).reindex(spans.index)
        churned = when.notna() & (when <= end)
        stop = when.where(churned, end)
    days = ((stop - spans["min"]) / _DAY).clip(lower=0.0) if len(spans) else pd.Series(dtype=float)
    return pd.DataFrame({"customer_id": spans.index.to_numpy(), "first_order_at": spans["min"].to_numpy(),
                         "days": np.asarray(days, dtype=float), "churned": np.asarray(churned, dtype=bool)})


def survival_curve(orders: pd.DataFrame, *, method: str = "observed", truth: pd.DataFrame | None = None,
                   lapsed_days: float = 180, as_of: object = None, groups: pd.DataFrame | None = None,
                   by: str | None = None) -> pd.DataFrame:
    """Kaplan–Meier survival curve from the first order to churn, censored at ``as_of``, optionally by group.

    Lecture 001, Quản trị duy trì khách hàng (curriculum topic 10). S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ),
    see :func:`kaplan_meier`; follow-up times and churn as in :func:`survival_subjects`.

    Args:
        orders: ``customer_id`` and ``at``.
        method: ``"observed"`` (lapse after ``lapsed_days``) or ``"true"`` (``truth.churned_at``).
        truth: the ``truth`` table for ``method="true"``.
        lapsed_days: days without an order that make a lapse (observed method).
        as_of: end of the observation window; default the latest order.
        groups: a table with ``customer_id`` and the column ``by`` giving each customer's group,
            e.g. ``customers`` with ``by="persona"``, or :func:`sim.measures.nps.customer_nps_group`
            with ``by="nps_group"``. Buyers without a group are left out.
        by: the group column of ``groups``; both or neither must be given.

    Returns:
        ``days``, ``at_risk``, ``events``, ``censored``, ``survival`` (see :func:`kaplan_meier`),
        with the ``by`` column first when grouping (groups sorted by value).

    Raises:
        DataError: as :func:`survival_subjects`, or ``groups``/``by`` missing, or ``by`` not a column of ``groups``.
    """
    subjects = survival_subjects(orders, method=method, truth=truth, lapsed_days=lapsed_days, as_of=as_of)
    if groups is None and by is None:
        return kaplan_meier(subjects["days"], subjects["churned"])
    if groups is None or by is None:
        missing = "groups" if groups is None else "by"
        raise DataError([(missing, None, "cần cả groups (bảng) và by (tên cột nhóm)",
                          "give both groups (a table) and by (its group column)")])
    if not isinstance(by, str):
        raise DataError([("by", by, "phải là tên một cột của groups", "must be the name of a column of groups")])
    require_columns(groups, ["customer_id", by], "groups")
    key = groups.drop_duplicates("customer_id").set_index("customer_id")[by]
    subjects[by] = subjects["customer_id"].map(key)
    subjects = subjects[subjects[by].notna()]
    parts = []
    for value, part in subjects.groupby(by, sort=True):
        curve = kaplan_meier(part["days"], part["churned"])
        curve.insert(0, by, value)
        parts.append(curve)
    if not parts:
        return pd.DataFrame({by: pd.Series(dtype=object), "days": pd.Series(dtype=float), "at_risk": pd.Series(dtype=int),
                             "events": pd.Series(dtype=int), "censored": pd.Series(dtype=int), "survival": pd.Series(dtype=float)})
    return pd.concat(parts, ignore_index=True)


def repeat_metrics(orders: pd.DataFrame, customers: pd.DataFrame | None = None) -> pd.Series:
    """The lecture's four repeat-customer measures.

    Lecture 001, Kỹ thuật quản lý giá trị và hoạt động của khách hàng; Chaffey ch. 9, Fig 9.13.
    A buyer has ≥ 1 order, a repeat customer ≥ 2 orders; the customer base is every customer the
    shop's customer list (``customers``) holds, buyers or not.

    1. Tỷ lệ chuyển đổi khách hàng lặp lại (repeat conversion rate), a conversion from the first
       purchase: repeat customers / buyers ("how many first-time buyers buy a second time").
    2. Cơ sở khách hàng lặp lại (repeat customer base), a share of the whole customer base
       ("tỷ trọng của cơ sở khách hàng đã mua lặp lại"): repeat customers / customers in the base.
       Its numerator is ``repeat_customer_base`` (the count); the share ``repeat_base_share``
       needs ``customers``. Without the customer list the base would be the buyers only and the
       share would equal measure 1, which is why the two measures were once one number.
    3. Số giao dịch mỗi khách hàng lặp lại (transactions per repeat customer)
       = orders of repeat customers (all of them, the first included) / repeat customers.
    4. Doanh thu mỗi giao dịch của khách hàng lặp lại (revenue per repeat-customer transaction)
       = ``amount_vnd`` of those orders / their number (their average order value).

    Example (worked by hand in the tests): customers A, B, C, D, E; A orders twice, B once, C three
    times, D and E never → buyers 3, repeat customers 2; measure 1 = 2/3, measure 2 = 2/5.

    Args:
        orders: ``customer_id`` and ``amount_vnd``.
        customers: optional; ``customer_id`` of every customer in the base. Given, the Series also
            holds ``customer_base`` and ``repeat_base_share``.

    Returns:
        A Series: ``buyers``, (``customer_base``), ``repeat_customer_base``,
        ``repeat_conversion_rate``, (``repeat_base_share``), ``repeat_transactions``,
        ``transactions_per_repeat_customer``, ``repeat_revenue_vnd``,
        ``revenue_per_repeat_transaction_vnd``. No buyers: the rate is NaN; no repeat
        customers: the base is 0, the rate 0, measures 3 and 4 NaN (undefined); an empty
        customer base: the share is NaN.

    Raises:
        DataError: a missing column, an amount that is not a number, or a buyer missing from
            ``customers``.
    """
    require_columns(orders, ["customer_id", "amount_vnd"], "orders")
    amount = pd.to_numeric(orders["amount_vnd"], errors="coerce")
    if amount.isna().any():
        bad = orders["amount_vnd"][amount.isna()].iloc[0]
        raise DataError([("orders.amount_vnd", bad, "phải là số tiền (VND)", "must be an amount of money (VND)")])
    per_customer = orders.groupby("customer_id").size()
    repeaters = per_customer[per_customer >= 2].index
    repeat_orders = orders["customer_id"].isin(repeaters)
    buyers, base = len(per_customer), len(repeaters)
    transactions = int(repeat_orders.sum())
    revenue = float(amount[repeat_orders].sum())
    measures: dict[str, object] = {"buyers": buyers}
    if customers is not None:
        known = pd.Index(require_columns(customers, ["customer_id"], "customers")["customer_id"].unique())
        missing = per_customer.index.difference(known)
        if len(missing):
            raise DataError([("customers.customer_id", missing[0], "phải có mọi khách đã mua trong bảng orders",
                              "must hold every buyer of orders")])
        measures["customer_base"] = len(known)
    measures["repeat_customer_base"] = base
    measures["repeat_conversion_rate"] = base / buyers if buyers else math.nan
    if customers is not None:
        measures["repeat_base_share"] = base / len(known) if len(known) else math.nan
    measures.update({
        "repeat_transactions": transactions,
        "transactions_per_repeat_customer": transactions / base if base else math.nan,
        "repeat_revenue_vnd": revenue,
        "revenue_per_repeat_transaction_vnd": revenue / transactions if transactions else math.nan,
    })
    return pd.Series(measures, dtype=object)


def _check_thresholds(low_name: str, low: float, high_name: str, high: float) -> tuple[float, float]:
    low = float(check_range(low_name, low, 0, None, low_open=True))
    high = float(check_range(high_name, high, 0, None, low_open=True))
    if low >= high:
        raise DataError([(high_name, high, f"phải lớn hơn {low_name} = {low:g}", f"must be greater than {low_name} = {low:g}")])
    return low, high


def activity_segments(orders: pd.DataFrame, *, active_days: float = 90, lapsed_days: float = 180,
                      as_of: object = None) -> pd.DataFrame:
    """Activity segment of every buyer from the days since the last order.

    Lecture 001, Kỹ thuật quản lý giá trị và hoạt động của khách hàng; Chaffey Fig 9.13
    (activity segmentation). With d = (as_of − last order) in days:

    - ``active``: d ≤ active_days;
    - ``inactive``: active_days < d ≤ lapsed_days;
    - ``lapsed``: d > lapsed_days.

    Args:
        orders: ``customer_id`` and ``at``; orders after ``as_of`` are ignored.
        active_days: longest gap since the last order of an active customer (> 0).
        lapsed_days: a gap longer than this is a lapse (> active_days).
        as_of: the day the segments describe; default the latest order.

    Returns:
        One row per buyer: ``customer_id``, ``orders``, ``last_order_at``,
        ``days_since_last_order`` (float), ``activity_segment``. No orders: an empty table.

    Raises:
        DataError: a missing column, a bad time, or thresholds that are not 0 < active_days < lapsed_days.
    """
    active_days, lapsed_days = _check_thresholds("active_days", active_days, "lapsed_days", lapsed_days)
    frame, end = _order_times(orders, as_of)
    per = frame.groupby("customer_id")["at"].agg(["size", "max"])
    gap = (end - per["max"]) / _DAY if len(per) else pd.Series(dtype=float)
    gap = np.asarray(gap, dtype=float)
    segment = np.where(gap <= active_days, "active", np.where(gap <= lapsed_days, "inactive", "lapsed"))
    return pd.DataFrame({"customer_id": per.index.to_numpy(), "orders": per["size"].to_numpy().astype(int),
                         "last_order_at": per["max"].to_numpy(), "days_since_last_order": gap,
                         "activity_segment": segment.astype(object)})


def lifecycle_segments(customers: pd.DataFrame, journey: pd.DataFrame, orders: pd.DataFrame, *, loyal_orders: int = 3,
                       lapsed_days: float = 180, as_of: object = None, opt_in_counts: bool = True) -> pd.DataFrame:
    """Lifecycle segment of every customer (visitor → prospect → first-time → repeat → loyal, or lapsed).

    Lecture 001, Phân khúc khách hàng nâng cao – "xác định các nhóm vòng đời của khách hàng";
    Chaffey Fig 9.16 (customer lifecycle segmentation). Everyone in ``customers`` first seen
    by ``as_of`` gets exactly one segment, tested in this order:

    1. ``lapsed``: has bought, but the last order is more than ``lapsed_days`` before ``as_of``;
    2. ``loyal``: at least ``loyal_orders`` orders (and, by rule 1, an order within ``lapsed_days``);
    3. ``repeat``: 2 or more orders (fewer than ``loyal_orders``), recent;
    4. ``first_time``: exactly one order, recent;
    5. ``prospect``: no order, but reached the evaluation stage (a ``journey`` row with
       stage ≥ 3, passed or dropped there) or opted in to e-mail (``email_opt_in``, when
       ``opt_in_counts``);
    6. ``visitor``: no order, never reached evaluation and did not opt in.

    Only events up to ``as_of`` count.

    Args:
        customers: ``customer_id``, ``first_seen_at`` (and ``email_opt_in`` when ``opt_in_counts``).
        journey: ``customer_id``, ``at``, ``stage``.
        orders: ``customer_id``, ``at``.
        loyal_orders: orders that make a loyal customer (integer ≥ 2).
        lapsed_days: days without an order that make a buyer lapsed (> 0).
        as_of: the day the segments describe; default the latest time in the three tables.
        opt_in_counts: whether an e-mail opt-in alone makes a prospect.

    Returns:
        One row per customer: ``customer_id``, ``orders``, ``last_order_at``, ``lifecycle_segment``.

    Raises:
        DataError: a missing column, a bad time or stage, or a bad argument.
    """
    loyal_orders = int(check_range("loyal_orders", loyal_orders, 2, None, integer=True))
    lapsed_days = float(check_range("lapsed_days", lapsed_days, 0, None, low_open=True))
    needed = ["customer_id", "first_seen_at", *(["email_opt_in"] if opt_in_counts else [])]
    require_columns(customers, needed, "customers")
    require_columns(journey, ["customer_id", "at", "stage"], "journey")
    require_columns(orders, ["customer_id", "at"], "orders")
    seen = datetimes(customers, "first_seen_at", "customers")
    journey_at = datetimes(journey, "at", "journey")
    end = _as_of(as_of, seen, journey_at, datetimes(orders, "at", "orders"))
    if pd.isna(end):
        return pd.DataFrame({"customer_id": pd.Series(dtype=object), "orders": pd.Series(dtype=int),
                             "last_order_at": pd.Series(dtype="datetime64[ns]"), "lifecycle_segment": pd.Series(dtype=object)})
    frame, end = _order_times(orders, end)
    stage = pd.to_numeric(journey["stage"], errors="coerce")
    if stage.isna().any():
        raise DataError([("journey.stage", journey["stage"][stage.isna()].iloc[0], "phải là số bước 1–5", "must be a stage number 1–5")])
    people = pd.DataFrame({"customer_id": customers["customer_id"].to_numpy(), "seen": seen.to_numpy()})
    if opt_in_counts:
        people["opt_in"] = flags(customers, "email_opt_in", "customers").to_numpy()
    else:
        people["opt_in"] = False
    people = people[people["seen"] <= end].drop_duplicates("customer_id")
    evaluated = set(journey["customer_id"][(stage.to_numpy() >= EVALUATION_STAGE) & (journey_at <= end).to_numpy()])
    per = frame.groupby("customer_id")["at"].agg(["size", "max"])
    n = per["size"].reindex(people["customer_id"]).fillna(0).astype(int).to_numpy()
    last = pd.Series(per["max"].reindex(people["customer_id"]).to_numpy(), index=people.index, dtype="datetime64[ns]")
    gap = np.asarray((end - last) / _DAY, dtype=float) if len(people) else np.array([], dtype=float)
    prospect = people["customer_id"].isin(evaluated).to_numpy() | people["opt_in"].to_numpy()
    segment = np.select(
        [(n >= 1) & (gap > lapsed_days), n >= loyal_orders, n >= 2, n == 1, prospect],
        ["lapsed", "loyal", "repeat", "first_time", "prospect"], default="visitor")
    return pd.DataFrame({"customer_id": people["customer_id"].to_numpy(), "orders": n,
                         "last_order_at": last.to_numpy(), "lifecycle_segment": segment.astype(object)})


def loyalty_zone(satisfaction: object, *, defection_max_satisfaction: int = 2, affection_min_satisfaction: int = 5) -> str:
    """Heskett's zone of a satisfaction level 1–5: ``defection``, ``indifference`` or ``affection``.

    Lecture 001, Fig 9.12 (Heskett et al. 1994): vùng rời bỏ (≤ defection_max_satisfaction),
    vùng thờ ơ (in between), vùng thiện cảm (≥ affection_min_satisfaction). The defaults match
    the default scenario (``loyalty.defection_max_satisfaction: 2``, ``affection_min_satisfaction: 5``).

    Raises:
        DataError: a level that is not a whole number 1–5, or zone bounds that are not
            1 ≤ defection_max_satisfaction < affection_min_satisfaction ≤ 5.
    """
    low, high = _zone_bounds(defection_max_satisfaction, affection_min_satisfaction)
    level = check_range("satisfaction", satisfaction.item() if isinstance(satisfaction, np.generic) else satisfaction,
                        1, 5, integer=True)
    return "defection" if level <= low else "affection" if level >= high else "indifference"


def _zone_bounds(defection_max_satisfaction: object, affection_min_satisfaction: object) -> tuple[int, int]:
    low = int(check_range("defection_max_satisfaction", defection_max_satisfaction, 1, 5, integer=True))
    high = int(check_range("affection_min_satisfaction", affection_min_satisfaction, 1, 5, integer=True))
    if low >= high:
        raise DataError([("affection_min_satisfaction", high, f"phải lớn hơn defection_max_satisfaction = {low}",
                          f"must be greater than defection_max_satisfaction = {low}")])
    return low, high


def satisfaction_loyalty(surveys: pd.DataFrame, orders: pd.DataFrame | None = None, *, measure: str = "repurchase",
                         within_days: float = 180, defection_max_satisfaction: int = 2, affection_min_satisfaction: int = 5,
                         as_of: object = None) -> pd.DataFrame:
    """The satisfaction–loyalty curve from the data: share of loyal respondents at each satisfaction level 1–5.

    Lecture 001, Quản trị duy trì khách hàng, Fig 9.12 (Heskett et al. 1994, "Putting the
    service-profit chain to work"): loyalty stays low in the zone of defection, rises slowly
    through the zone of indifference and steeply in the zone of affection. Each survey answer
    counts once. A respondent is loyal when:

    - ``measure="repurchase"`` (needs ``orders``): they ordered again within ``within_days``
      after the answer (an order at ``at < t ≤ at + within_days``). Answers less than
      ``within_days`` before ``as_of`` cannot be judged yet and are left out;
    - ``measure="promoter"``: their NPS score is 9–10 (Reichheld's promoters); needs ``nps_score``.

    loyal_share = loyal / respondents at that level (NaN for a level nobody chose).

    Args:
        surveys: ``customer_id``, ``at``, ``satisfaction`` (whole numbers 1–5), and ``nps_score``
            for ``measure="promoter"``.
        orders: ``customer_id`` and ``at`` for ``measure="repurchase"``.
        measure: ``"repurchase"`` or ``"promoter"``.
        within_days: the follow-up for a repurchase, in days (> 0).
        defection_max_satisfaction: highest level of the zone of defection (default 2).
        affection_min_satisfaction: lowest level of the zone of affection (default 5).
        as_of: end of the observed data; default the latest time in ``surveys`` and ``orders``.

    Returns:
        Five rows, satisfaction 1 to 5: ``satisfaction``, ``respondents``, ``loyal``,
        ``loyal_share`` (0–1) and ``loyalty_zone`` (``defection`` / ``indifference`` / ``affection``).

    Raises:
        DataError: a missing table or column, a satisfaction that is not a whole number 1–5,
            a bad score, time or argument.
    """
    check_choice("measure", measure, ["repurchase", "promoter"])
    within_days = float(check_range("within_days", within_days, 0, None, low_open=True))
    low, high = _zone_bounds(defection_max_satisfaction, affection_min_satisfaction)
    require_columns(surveys, ["customer_id", "at", "satisfaction"], "surveys")
    answers = pd.DataFrame({
        "customer_id": surveys["customer_id"].to_numpy(),
        "at": datetimes(surveys, "at", "surveys").to_numpy(),
        "satisfaction": _whole_numbers(surveys, "satisfaction", "surveys", 1, 5, "thang hài lòng", "the satisfaction scale").to_numpy(),
    })
    if measure == "promoter":
        answers["loyal"] = (classify_score(nps_scores(surveys)) == "promoter").to_numpy()
    else:
        if orders is None:
            raise DataError([("orders", None, "measure='repurchase' cần bảng orders (cột customer_id, at)",
                              "measure='repurchase' needs the orders table (columns customer_id, at)")])
        require_columns(orders, ["customer_id", "at"], "orders")
        order_at = datetimes(orders, "at", "orders")
        end = _as_of(as_of, answers["at"], order_at)
        window = pd.Timedelta(days=within_days)
        answers = answers[answers["at"] + window <= end].reset_index(drop=True) if pd.notna(end) else answers.iloc[0:0]
        pairs = _follow_up_pairs(answers, orders["customer_id"], order_at)
        again = pairs[(pairs["order_at"] > pairs["at"]) & (pairs["order_at"] <= pairs["at"] + window)]
        answers["loyal"] = answers.index.isin(again["row"])
    rows = []
    for level in range(1, 6):
        part = answers[answers["satisfaction"] == level]
        n, loyal = len(part), int(part["loyal"].sum())
        zone = loyalty_zone(level, defection_max_satisfaction=low, affection_min_satisfaction=high)
        rows.append({"satisfaction": level, "respondents": n, "loyal": loyal,
                     "loyal_share": loyal / n if n else math.nan, "loyalty_zone": zone})
    return pd.DataFrame(rows)


MEASURES: tuple[str, ...] = ("repeat_rate", "active_share", "orders_per_buyer", "true_churn_share")
"""The keys of :func:`retention_measures` (labels: kind ``retention_measure``)."""


def _table(tables: object, name: str) -> pd.DataFrame:
    return tables_of(tables, [name])[name]


def retention_measures(tables: object, *, active_days: float = 90) -> dict[str, float]:
    """The two retention goals of one run, measured over its buyers (customers with an order).

    Lecture 001, Quản trị duy trì khách hàng (hai mục tiêu) and Kỹ thuật quản lý giá trị và hoạt
    động của khách hàng (Chaffey Fig 9.13). With B the buyers in ``orders``:

    * ``repeat_rate`` = buyers with ≥ 2 orders / B (tỷ lệ chuyển đổi khách hàng lặp lại; goal 2);
    * ``active_share`` = buyers whose last order is at most ``active_days`` before the latest
      order of the table / B (as :func:`sim.measures.retention.activity_segments`; goal 2);
    * ``orders_per_buyer`` = orders / B;
    * ``true_churn_share`` = buyers with a ``truth.churned_at`` (they left before the end of the
      simulation, window plus truth horizon) / B (goal 1, the answer key a shop never sees).

    Example (worked by hand in the tests): A orders twice, B once, C three times, so 6 orders,
    3 buyers → repeat_rate 2/3, orders_per_buyer 2; only B has a churn date → true_churn_share 1/3.

    A module-level function of a Result, so it can be passed as ``measures=`` to
    :func:`sim.replicate` and :func:`sim.sweep`.

    Args:
        tables: a :class:`sim.Result` or a mapping with ``orders`` (``customer_id``, ``at``,
            ``amount_vnd``) and ``truth`` (``customer_id``, ``churned_at``).
        active_days: longest gap since the last order of an active customer, in days (> 0).

    Returns:
        ``{measure: value}`` with the keys of :data:`MEASURES`; all NaN when nobody bought.

    Raises:
        DataError: a missing table or column, a bad time, a buyer missing from ``truth``, or
            ``active_days`` ≤ 0.
    """
    active_days = float(check_range("active_days", active_days, 0, None, low_open=True))
    orders = require_columns(_table(tables, "orders"), ["customer_id", "at", "amount_vnd"], "orders")
    truth = require_columns(_table(tables, "truth"), ["customer_id", "churned_at"], "truth")
    buyers = orders["customer_id"].drop_duplicates()
    if buyers.empty:
        return dict.fromkeys(MEASURES, math.nan)
    repeat = repeat_metrics(orders)
    segments = activity_segments(orders, active_days=active_days, lapsed_days=active_days + 1)
    churned_at = pd.Series(datetimes(truth, "churned_at", "truth").to_numpy(), index=truth["customer_id"].to_numpy())
    churned_at = churned_at.groupby(level=0).first()
    unknown = buyers[~buyers.isin(churned_at.index)]
    if len(unknown):
        raise DataError([("truth.customer_id", unknown.iloc[0], "bảng truth phải có mọi khách đã mua hàng",
                          "truth must have a row for every customer who bought")])
    n = len(buyers)
    return {
        "repeat_rate": float(repeat["repeat_conversion_rate"]),
        "active_share": float((segments["activity_segment"] == "active").mean()),
        "orders_per_buyer": len(orders) / n,
        "true_churn_share": float(churned_at.reindex(buyers.to_numpy()).notna().sum()) / n,
    }
