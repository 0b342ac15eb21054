"""Customer value: lifetime value (LTV), the LTV segmentation grid, and what a customer costs.

Lecture 001, "Giá trị vòng đời (Lifetime value – LTV)": the whole net profit a customer
brings over the whole relationship, used to plan acquisition spend, compare segments,
measure retention strategies and value the customer base (Chaffey ch. 9, Fig 9.14 and
Fig 9.15). Lecture 000 §3: acquiring a new customer costs 5–8 times as much as keeping
an existing one.

Typical use::

    from sim.engine.io import shipped_tables
    from sim.measures import value
    t = shipped_tables()
    est = value.ltv_estimates(t["orders"], discount_rate=0.1, horizon_years=1)
    value.ltv_accuracy(value.ltv_errors(est, t["truth"]), by="persona")
    grid = value.ltv_grid_counts(value.ltv_segments(est))
    value.acquisition_retention_cost_ratio(t["marketing"], t["orders"])

Money is in VND; a year is 365 days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError
from sim.base.units import DAYS_PER_YEAR
from sim.measures.frames import datetimes, latest_or, numbers, require_columns

"""Days in the year used to turn a period into years."""

LEVELS = ("low", "medium", "high")
"""Value levels of the LTV grid, low to high (keys of the ``value_level`` labels)."""

TIERS = ("bronze", "silver", "gold", "platinum")
"""The four value groups of Chaffey Fig 9.15 (keys of the ``ltv_tier`` labels)."""




def _scalar(value: object) -> object:
    """A NumPy scalar as the Python number it holds (so the range checks accept it)."""
    return value.item() if isinstance(value, np.generic) else value


def _orders_upto(orders: object, as_of: object, columns: list[str]) -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """The orders up to ``as_of`` with ``at`` as datetimes and ``margin_vnd`` as numbers."""
    orders = require_columns(orders, columns, "orders")
    at = datetimes(orders, "at", "orders")
    stamp = latest_or(as_of, at)
    out = pd.DataFrame({"customer_id": orders["customer_id"].to_numpy(), "at": at.to_numpy()})
    if "margin_vnd" in columns:
        out["margin_vnd"] = numbers(orders, "margin_vnd", "orders").to_numpy()
    if stamp is not None:
        out = out[out["at"] <= stamp]
    return out, stamp


def historical_ltv(orders: pd.DataFrame, customers: pd.DataFrame | None = None, as_of: object = None, *,
                   net_of_acquisition_cost: bool = False) -> pd.DataFrame:
    """Historical LTV of each customer: the margin their orders brought so far.

    Formula: ``ltv_vnd = Σ margin_vnd`` of the customer's orders placed at or before ``as_of``,
    minus ``acquisition_cost_vnd`` when ``net_of_acquisition_cost`` is true (the lecture's
    "lợi nhuận ròng", net profit). Lecture 001, "Giá trị vòng đời – LTV"; Chaffey ch. 9 Fig 9.14
    (the historical, customer-level representation).

    Args:
        orders: table with ``customer_id``, ``at``, ``margin_vnd``.
        customers: table with ``customer_id``, ``acquisition_cost_vnd``; needed when
            ``net_of_acquisition_cost`` is true, and then adds the ``acquisition_cost_vnd`` column.
        as_of: count orders up to this time (datetime or text); default: the latest order.
        net_of_acquisition_cost: subtract each customer's acquisition cost.

    Returns:
        One row per customer with at least one order up to ``as_of``, sorted by ``customer_id``:
        ``customer_id``, ``orders``, ``margin_vnd``, (``acquisition_cost_vnd``), ``ltv_vnd``.
        No orders give an empty table with these columns.

    Raises:
        DataError: a missing column, a bad ``as_of``, ``customers`` missing while
            ``net_of_acquisition_cost`` is asked, or a customer of ``orders`` absent from ``customers``.
    """
    kept, _stamp = _orders_upto(orders, as_of, ["customer_id", "at", "margin_vnd"])
    out = (kept.groupby("customer_id", sort=True)
           .agg(orders=("at", "size"), margin_vnd=("margin_vnd", "sum"))
           .reset_index())
    out["orders"] = out["orders"].astype(int)
    out["margin_vnd"] = out["margin_vnd"].astype(float)
    if not net_of_acquisition_cost:
        out["ltv_vnd"] = out["margin_vnd"]
        return out
    if customers is None:
        raise DataError([("customers", None, "cần bảng customers (cột acquisition_cost_vnd) khi net_of_acquisition_cost=True",
                          "the customers table (column acquisition_cost_vnd) is needed when net_of_acquisition_cost=True")])
    customers = require_columns(customers, ["customer_id", "acquisition_cost_vnd"], "customers")
    cost = pd.Series(numbers(customers, "acquisition_cost_vnd", "customers").to_numpy(),
                     index=customers["customer_id"].to_numpy())
    cost = cost[~cost.index.duplicated()]
    absent = out.loc[~out["customer_id"].isin(cost.index), "customer_id"]
    if len(absent):
        raise DataError([("customers.customer_id", absent.iloc[0], "mọi khách có đơn hàng phải có một dòng trong customers",
                          "every customer with orders must have a row in customers")])
    out["acquisition_cost_vnd"] = out["customer_id"].map(cost).astype(float)
    out["ltv_vnd"] = out["margin_vnd"] - out["acquisition_cost_vnd"]
    return out


def formula_ltv(margin_vnd: float, retention_rate: float, discount_rate: float, horizon_years: int | None = None) -> float:
    """LTV of a customer from the retention model: ``m × r / (1 + d − r)``.

    Formula: the margin ``m`` of each future year ``t = 1, 2, …`` is earned if the customer
    is still retained (probability ``r^t``) and is discounted by ``(1 + d)^t``:
    ``LTV = Σ_{t≥1} m × r^t / (1 + d)^t = m × r / (1 + d − r)``. With ``horizon_years = T``
    the sum stops at ``t = T``: ``m × Σ_{t=1..T} (r / (1 + d))^t``. The current year's margin
    is not included (it is already historical value). Lecture 001, "Mô hình giá trị vòng đời
    (Lifetime value modelling)"; Chaffey ch. 9 Fig 9.14.

    Example: ``m = 1,000,000``, ``r = 0.6``, ``d = 0.1`` gives ``1,000,000 × 0.6 / 0.5 = 1,200,000``.

    Args:
        margin_vnd: yearly margin of a retained customer (VND).
        retention_rate: share of customers kept from one year to the next, in ``[0, 1)``.
        discount_rate: yearly discount rate, ``≥ 0``.
        horizon_years: count only this many future years (an integer ``≥ 0``); ``None``: for ever.

    Returns:
        The LTV in VND (``0`` when ``r = 0``).

    Raises:
        DataError: ``margin_vnd`` not a number, ``retention_rate`` outside ``[0, 1)``,
            ``discount_rate`` below 0, or ``horizon_years`` not an integer ``≥ 0``.
    """
    m = check_range("margin_vnd", _scalar(margin_vnd))
    r = check_range("retention_rate", _scalar(retention_rate), 0, 1, high_open=True)
    d = check_range("discount_rate", _scalar(discount_rate), 0)
    if horizon_years is None:
        return float(m * r / (1 + d - r))
    years = int(check_range("horizon_years", _scalar(horizon_years), 0, integer=True))
    q = r / (1 + d)
    return float(m * sum(q ** t for t in range(1, years + 1)))


def estimate_margin_and_retention(orders: pd.DataFrame, as_of: object = None, period_days: float = 182.5) -> pd.Series:
    """Estimate the formula's inputs ``m`` (yearly margin per customer) and ``r`` (retention) from orders.

    Estimator: take the two periods of ``p = period_days`` days that end at ``as_of``,
    A = ``(as_of − 2p, as_of − p]`` and B = ``(as_of − p, as_of]``. A customer is *active* in a
    period when they ordered in it.

    - ``r`` = customers active in both A and B / customers active in A: the share of customers
      who bought in A and bought again later, in B;
    - ``m`` = margin of the orders in the last 365 days / customers who ordered in those days.

    With the default ``p = 182.5`` and one year of data, A and B are the two halves of the year
    (lecture: the share of the first half's buyers who buy again). ``r`` is then used as the
    yearly retention without conversion: a kept customer need not buy in every half-year, so
    squaring the half-year share would count those who skip a half-year as lost. With two years
    of data, ``period_days=365`` gives the yearly share directly. ``m`` is measured over a year
    and is too low when the data cover less. Lecture 001, "Mô hình giá trị vòng đời (Lifetime
    value modelling)"; Chaffey ch. 9 Fig 9.14.

    Args:
        orders: table with ``customer_id``, ``at``, ``margin_vnd``.
        as_of: end of period B (datetime or text); default: the latest order.
        period_days: length of each period in days, ``> 0``.

    Returns:
        A Series: ``as_of``, ``period_days``, ``customers_period_a``, ``retained``,
        ``customers_period_b``, ``retention_rate``, ``customers_last_year``,
        ``margin_per_customer_year_vnd``. A rate is ``NaN`` when its denominator is 0
        (nobody active in A, or nobody ordered in the last year; e.g. no orders at all).

    Raises:
        DataError: a missing column, a bad ``as_of`` or ``period_days``.
    """
    period = float(check_range("period_days", _scalar(period_days), 0, low_open=True))
    kept, stamp = _orders_upto(orders, as_of, ["customer_id", "at", "margin_vnd"])
    in_a = in_b = last_year = kept.iloc[0:0]
    if stamp is not None:
        split = stamp - pd.Timedelta(days=period)
        in_b = kept[kept["at"] > split]
        in_a = kept[(kept["at"] > split - pd.Timedelta(days=period)) & (kept["at"] <= split)]
        last_year = kept[kept["at"] > stamp - pd.Timedelta(days=DAYS_PER_YEAR)]
    active_a, active_b = set(in_a["customer_id"]), set(in_b["customer_id"])
    retained = len(active_a & active_b)
    year_customers = last_year["customer_id"].nunique()
    return pd.Series({
        "as_of": stamp,
        "period_days": period,
        "customers_period_a": len(active_a),
        "retained": retained,
        "customers_period_b": len(active_b),
        "retention_rate": retained / len(active_a) if active_a else float("nan"),
        "customers_last_year": year_customers,
        "margin_per_customer_year_vnd": float(last_year["margin_vnd"].sum()) / year_customers if year_customers else float("nan"),
    }, dtype=object)


def ltv_estimates(orders: pd.DataFrame, as_of: object = None, *, discount_rate: float = 0.1, period_days: float = 182.5,
                  retention_rate: float | None = None, horizon_years: int | None = None) -> pd.DataFrame:
    """Each customer's historical margin and formula estimate of future value (LTV).

    Formula: a customer who ordered in the last period B (see :func:`estimate_margin_and_retention`)
    is still active; their yearly margin ``m_i`` is their margin in the last 365 days and their
    future value ``m_i × r / (1 + d − r)`` (:func:`formula_ltv`, cut at ``horizon_years`` if
    given). A customer who did not order in B counts as lapsed: future value 0.
    ``ltv_vnd = historical_margin_vnd + future_value_vnd``. Lecture 001, "Giá trị vòng đời – LTV";
    Chaffey ch. 9 Fig 9.14.

    Args:
        orders: table with ``customer_id``, ``at``, ``margin_vnd``.
        as_of: now (datetime or text); default: the latest order.
        discount_rate: yearly discount rate ``d``, ``≥ 0``.
        period_days: length of the periods A and B in days.
        retention_rate: yearly retention ``r`` to use; ``None``: estimated from the orders.
        horizon_years: count only this many future years (e.g. ``1`` to compare with a truth
            table that covers one year after the window); ``None``: for ever.

    Returns:
        One row per customer with orders up to ``as_of``, sorted by ``customer_id``:
        ``customer_id``, ``historical_margin_vnd``, ``margin_last_year_vnd``, ``active``
        (ordered in B), ``future_value_vnd``, ``ltv_vnd``. ``attrs`` holds ``retention_rate`` and
        ``discount_rate``. No orders: an empty table with these columns.

    Raises:
        DataError: a missing column or bad argument, or a retention rate that cannot be
            estimated (nobody ordered in period A) or is 1 (everybody stayed).
    """
    period = float(check_range("period_days", _scalar(period_days), 0, low_open=True))
    check_range("discount_rate", _scalar(discount_rate), 0)
    kept, stamp = _orders_upto(orders, as_of, ["customer_id", "at", "margin_vnd"])
    columns = ["customer_id", "historical_margin_vnd", "margin_last_year_vnd", "active", "future_value_vnd", "ltv_vnd"]
    if stamp is None or kept.empty:
        return pd.DataFrame({c: pd.Series(dtype=bool if c == "active" else object if c == "customer_id" else float)
                             for c in columns})
    if retention_rate is None:
        retention_rate = estimate_margin_and_retention(kept, stamp, period)["retention_rate"]
        if pd.isna(retention_rate):
            raise DataError([("retention_rate", retention_rate,
                              f"không ước lượng được: không ai mua trong kỳ A ({period:g} ngày trước kỳ cuối); hãy cho retention_rate",
                              f"cannot be estimated: nobody ordered in period A ({period:g} days before the last); give retention_rate")])
    factor = formula_ltv(1.0, retention_rate, discount_rate, horizon_years)
    last_year = kept[kept["at"] > stamp - pd.Timedelta(days=DAYS_PER_YEAR)]
    active = set(kept.loc[kept["at"] > stamp - pd.Timedelta(days=period), "customer_id"])
    out = kept.groupby("customer_id", sort=True)["margin_vnd"].sum().rename("historical_margin_vnd").reset_index()
    out["margin_last_year_vnd"] = out["customer_id"].map(last_year.groupby("customer_id")["margin_vnd"].sum()).fillna(0.0)
    out["active"] = out["customer_id"].isin(active)
    out["future_value_vnd"] = out["margin_last_year_vnd"].where(out["active"], 0.0) * factor
    out["ltv_vnd"] = out["historical_margin_vnd"] + out["future_value_vnd"]
    out.attrs.update(retention_rate=float(retention_rate), discount_rate=float(discount_rate))
    return out[columns]


def ltv_errors(estimates: pd.DataFrame, truth: pd.DataFrame, estimate_col: str = "future_value_vnd",
               truth_col: str = "future_margin_vnd") -> pd.DataFrame:
    """Each customer's LTV estimate beside the true value, and the error.

    Formula: ``error_vnd = estimate − truth`` (positive: the estimate is too high),
    ``abs_error_vnd = |error_vnd|``. Compare ``future_value_vnd`` with the truth's
    ``future_margin_vnd``, or ``ltv_vnd`` with ``lifetime_value_vnd``. Lecture 001,
    "Giá trị vòng đời – LTV" (estimate against the simulator's hidden truth).

    Args:
        estimates: table with ``customer_id`` and ``estimate_col`` (e.g. from :func:`ltv_estimates`).
        truth: table with ``customer_id`` and ``truth_col`` (and ``persona`` if present).
        estimate_col: the estimate's column.
        truth_col: the true value's column.

    Returns:
        One row per customer found in both tables, sorted by ``customer_id``: ``customer_id``,
        (``persona``), ``estimate_vnd``, ``truth_vnd``, ``error_vnd``, ``abs_error_vnd``.

    Raises:
        DataError: a missing column, or values that are not numbers.
    """
    require_columns(estimates, ["customer_id", estimate_col], "estimates")
    require_columns(truth, ["customer_id", truth_col], "truth")
    left = pd.DataFrame({"customer_id": estimates["customer_id"].to_numpy(),
                         "estimate_vnd": numbers(estimates, estimate_col, "estimates").to_numpy()})
    right = pd.DataFrame({"customer_id": truth["customer_id"].to_numpy(),
                          "truth_vnd": numbers(truth, truth_col, "truth").to_numpy()})
    if "persona" in truth.columns:
        right.insert(1, "persona", truth["persona"].to_numpy())
    out = left.merge(right.drop_duplicates("customer_id"), on="customer_id", how="inner").sort_values("customer_id")
    out = out[["customer_id", *(["persona"] if "persona" in out.columns else []), "estimate_vnd", "truth_vnd"]]
    out["error_vnd"] = out["estimate_vnd"] - out["truth_vnd"]
    out["abs_error_vnd"] = out["error_vnd"].abs()
    return out.reset_index(drop=True)


def _spearman(a: pd.Series, b: pd.Series) -> float:
    """Spearman rank correlation: the Pearson correlation of the ranks (ties get their average rank)."""
    if len(a) < 2 or a.nunique() < 2 or b.nunique() < 2:
        return float("nan")
    return float(a.rank().corr(b.rank()))


def _accuracy_row(group: pd.DataFrame) -> dict[str, float]:
    n = len(group)
    return {
        "customers": n,
        "mean_estimate_vnd": group["estimate_vnd"].mean() if n else float("nan"),
        "mean_truth_vnd": group["truth_vnd"].mean() if n else float("nan"),
        "mae_vnd": group["error_vnd"].abs().mean() if n else float("nan"),
        "bias_vnd": group["error_vnd"].mean() if n else float("nan"),
        "spearman": _spearman(group["estimate_vnd"], group["truth_vnd"]),
    }


def ltv_accuracy(errors: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """How good the LTV estimates are: MAE, bias and rank correlation, overall or by group.

    Formula: ``MAE = mean |estimate − truth|``; ``bias = mean (estimate − truth)`` (positive:
    estimates too high on average); ``spearman`` = Spearman rank correlation of estimate and
    truth (Pearson correlation of the ranks, ties at their average rank): 1 when the estimate
    orders customers exactly as the truth does. Lecture 001, "Giá trị vòng đời – LTV".

    Args:
        errors: table from :func:`ltv_errors` (``estimate_vnd``, ``truth_vnd``, ``error_vnd``).
        by: a column to group by, e.g. ``"persona"``; ``None``: one row for everybody.

    Returns:
        ``customers``, ``mean_estimate_vnd``, ``mean_truth_vnd``, ``mae_vnd``, ``bias_vnd``,
        ``spearman`` (with the ``by`` column first when grouped). ``spearman`` is ``NaN`` with
        fewer than two customers or when estimate or truth is the same for everybody; the
        means are ``NaN`` for an empty table (a grouped empty table has no rows).

    Raises:
        DataError: a missing column.
    """
    needed = ["estimate_vnd", "truth_vnd", "error_vnd", *([by] if by is not None else [])]
    require_columns(errors, needed, "errors")
    frame = pd.DataFrame({c: numbers(errors, c, "errors").to_numpy() for c in needed[:3]})
    if by is None:
        return pd.DataFrame([_accuracy_row(frame)])
    frame[by] = errors[by].to_numpy()
    rows = [{by: key, **_accuracy_row(group)} for key, group in frame.groupby(by, sort=True)]
    return pd.DataFrame(rows, columns=[by, *_accuracy_row(frame.iloc[0:0])])


def _levels(values: pd.Series, cuts: list[float]) -> pd.Series:
    """``low`` / (``medium``) / ``high``: above the last cut is high, above the first is medium."""
    names = ["low", "high"] if len(cuts) == 1 else ["low", "medium", "high"]
    level = pd.Series(names[0], index=values.index, dtype=object)
    for cut, name in zip(cuts, names[1:], strict=True):
        level[values > cut] = name
    return level


def _cuts(values: pd.Series, split: str, threshold: float | None) -> list[float]:
    if split == "threshold":
        return [float(threshold)]
    if values.empty:
        return [float("nan")] if split == "median" else [float("nan")] * 2
    if split == "median":
        return [float(values.median())]
    return [float(values.quantile(1 / 3)), float(values.quantile(2 / 3))]


def ltv_segments(values: pd.DataFrame, current_col: str = "historical_margin_vnd", future_col: str = "future_value_vnd", *,
                 split: str = "median", current_threshold_vnd: float | None = None,
                 future_threshold_vnd: float | None = None) -> pd.DataFrame:
    """Place each customer in the LTV grid: current value × future value (Chaffey Fig 9.15).

    Each axis is split into levels: ``split="median"`` gives *low* / *high* (high: strictly above
    the median), ``"tercile"`` gives *low* / *medium* / *high* (medium: above the 1/3 quantile,
    high: above the 2/3 quantile), ``"threshold"`` gives *low* / *high* at the given thresholds
    (high: strictly above). Ties at a cut stay below it, so customers who are all the same are
    all *low* (all bronze).

    The cells follow Chaffey Fig 9.15 (lecture 001, "phân khúc theo LTV"):

    - high current, high future: **platinum** – the best customers: *retain* (do not over-communicate);
    - high current, not high future: **gold** – little growth left: *retain and extend*;
    - not high current, high future: **silver** – potential: *extend* (cross-sell, up-sell);
    - neither high: **bronze** – *reduce costs* of serving them; bronze customers with a
      *medium* future (3×3 grid only) have some potential: *extend*.

    Current value is usually the historical margin, future value a formula estimate
    (:func:`ltv_estimates`) or, to see the ideal plan, the truth's ``future_margin_vnd``.

    Args:
        values: one row per customer with ``current_col`` and ``future_col``.
        current_col: current value column (VND).
        future_col: future value column (VND).
        split: ``"median"``, ``"tercile"`` or ``"threshold"``.
        current_threshold_vnd: the current value cut (``split="threshold"`` only).
        future_threshold_vnd: the future value cut (``split="threshold"`` only).

    Returns:
        A copy of ``values`` with ``grid_current_vnd`` and ``grid_future_vnd`` (the two values
        used), ``current_level``, ``future_level``, ``tier`` and ``action`` (keys of the ``value_level``, ``ltv_tier`` and
        ``ltv_action`` labels). ``attrs["cuts_vnd"]`` holds the cuts used per axis.

    Raises:
        DataError: a missing or empty value, a bad ``split``, or a threshold missing or not a number.
    """
    require_columns(values, [current_col, future_col], "values")
    check_choice("split", split, ["median", "tercile", "threshold"])
    if split == "threshold":
        for name, cut in (("current_threshold_vnd", current_threshold_vnd), ("future_threshold_vnd", future_threshold_vnd)):
            check_range(name, _scalar(cut))
    current = numbers(values, current_col, "values")
    future = numbers(values, future_col, "values")
    for col, series in ((current_col, current), (future_col, future)):
        if series.isna().any():
            raise DataError([(f"values.{col}", None, "không được để trống: mỗi khách cần một giá trị",
                              "must not be empty: every customer needs a value")])
    cuts = {"current": _cuts(current, split, current_threshold_vnd), "future": _cuts(future, split, future_threshold_vnd)}
    out = values.copy()
    out["grid_current_vnd"] = current.to_numpy()
    out["grid_future_vnd"] = future.to_numpy()
    out["current_level"] = _levels(current, cuts["current"]).to_numpy()
    out["future_level"] = _levels(future, cuts["future"]).to_numpy()
    out["tier"] = [_tier(c, f) for c, f in zip(out["current_level"], out["future_level"], strict=True)]
    out["action"] = [_action(t, f) for t, f in zip(out["tier"], out["future_level"], strict=True)]
    out.attrs["cuts_vnd"] = cuts
    return out


def _tier(current_level: str, future_level: str) -> str:
    if current_level == "high":
        return "platinum" if future_level == "high" else "gold"
    return "silver" if future_level == "high" else "bronze"


def _action(tier: str, future_level: str) -> str:
    if tier == "bronze":
        return "extend" if future_level == "medium" else "reduce_costs"
    return {"silver": "extend", "gold": "retain_and_extend", "platinum": "retain"}[tier]


def ltv_grid_counts(segments: pd.DataFrame, levels: int | None = None) -> pd.DataFrame:
    """Count the customers in each cell of the LTV grid (Chaffey Fig 9.15), empty cells included.

    Formula: ``customers`` per (current level, future level) cell; ``share = customers / all``;
    the mean current and future value of the cell. Lecture 001, "phân khúc theo LTV";
    Chaffey ch. 9 Fig 9.15.

    Args:
        segments: table from :func:`ltv_segments`.
        levels: 2 (low/high) or 3 (low/medium/high); ``None``: 3 if any *medium* occurs, else 2.

    Returns:
        One row per cell (4 or 9), low to high: ``current_level``, ``future_level``, ``tier``,
        ``action``, ``customers``, ``share``, ``mean_current_vnd``, ``mean_future_vnd``.
        ``share`` is ``NaN`` for an empty table; the means are ``NaN`` in an empty cell.

    Raises:
        DataError: a missing column or a bad ``levels``.
    """
    needed = ["current_level", "future_level", "grid_current_vnd", "grid_future_vnd"]
    require_columns(segments, needed, "segments")
    if levels is None:
        has_medium = (segments["current_level"] == "medium").any() or (segments["future_level"] == "medium").any()
        levels = 3 if has_medium else 2
    check_choice("levels", _scalar(levels), [2, 3])
    names = list(LEVELS) if levels == 3 else ["low", "high"]
    total = len(segments)
    rows = []
    for current in names:
        for future in names:
            cell = segments[(segments["current_level"] == current) & (segments["future_level"] == future)]
            tier = _tier(current, future)
            rows.append({"current_level": current, "future_level": future, "tier": tier, "action": _action(tier, future),
                         "customers": len(cell), "share": len(cell) / total if total else float("nan"),
                         "mean_current_vnd": cell["grid_current_vnd"].astype(float).mean(),
                         "mean_future_vnd": cell["grid_future_vnd"].astype(float).mean()})
    return pd.DataFrame(rows)


def acquisition_retention_cost_ratio(marketing: pd.DataFrame, orders: pd.DataFrame, as_of: object = None) -> pd.Series:
    """How many times more a new customer costs than keeping an existing one for a year.

    Formula: ``cost_per_new_customer_vnd`` = acquisition spend / new customers (customers whose
    first order falls between the first marketing day and ``as_of``);
    ``retention_cost_per_customer_year_vnd`` = retention spend / customer-years, where each
    customer counts the years from their first order (or the first marketing day, if later)
    to ``as_of``; ``ratio`` = the first / the second. Spend is ``marketing.spend_vnd`` by
    ``purpose`` (``acquisition`` or ``retention``; other purposes are left out) on the days that
    begin before ``as_of``. Lecture 000 §3: "chi phí tìm kiếm được 1 người dùng mới nhiều gấp từ 5 đến 8 lần
    chi phí duy trì quan hệ với 1 người dùng cũ".

    Args:
        marketing: table with ``date``, ``purpose``, ``spend_vnd``.
        orders: table with ``customer_id``, ``at``.
        as_of: end of the period (datetime or text); default: the end of the last marketing day
            (its date + 1 day) or the last order, whichever is later – for the shipped data,
            the end of the observation window.

    Returns:
        A Series: ``as_of``, ``acquisition_spend_vnd``, ``new_customers``, ``cost_per_new_customer_vnd``,
        ``retention_spend_vnd``, ``customer_years``, ``retention_cost_per_customer_year_vnd``, ``ratio``.
        A cost is ``NaN`` when nobody was acquired or nobody was a customer; ``ratio`` is ``NaN``
        when either cost is ``NaN`` or retention cost is 0.

    Raises:
        DataError: a missing column, values of the wrong type, or a bad ``as_of``.
    """
    require_columns(marketing, ["date", "purpose", "spend_vnd"], "marketing")
    require_columns(orders, ["customer_id", "at"], "orders")
    day = datetimes(marketing, "date", "marketing").dt.normalize()
    spend = numbers(marketing, "spend_vnd", "marketing")
    at = datetimes(orders, "at", "orders")
    if as_of is None:
        ends = [s for s in (day.max() + pd.Timedelta(days=1) if day.notna().any() else None,
                            at.max() if at.notna().any() else None) if s is not None]
        stamp = max(ends) if ends else None
    else:
        stamp = latest_or(as_of, at)
    start = day.min() if day.notna().any() else (at.min() if at.notna().any() else None)
    in_time = (day < stamp) if stamp is not None else day.notna()
    purpose = marketing["purpose"].to_numpy()
    acquisition = float(spend[in_time & (purpose == "acquisition")].sum())
    retention = float(spend[in_time & (purpose == "retention")].sum())
    first = pd.Series(at.to_numpy(), index=orders["customer_id"].to_numpy()).groupby(level=0).min()
    if stamp is not None:
        first = first[first <= stamp]
    new_customers = int((first >= start).sum()) if start is not None else 0
    years = ((stamp - first.clip(lower=start)).dt.total_seconds() / 86400 / DAYS_PER_YEAR).sum() if len(first) else 0.0
    cac = acquisition / new_customers if new_customers else float("nan")
    keep = retention / years if years > 0 else float("nan")
    ratio = cac / keep if keep > 0 and not np.isnan(cac) else float("nan")
    return pd.Series({"as_of": stamp, "acquisition_spend_vnd": acquisition, "new_customers": new_customers,
                      "cost_per_new_customer_vnd": cac, "retention_spend_vnd": retention, "customer_years": float(years),
                      "retention_cost_per_customer_year_vnd": keep, "ratio": ratio}, dtype=object)


COST_RATIO_DEFINITIONS: tuple[str, ...] = ("customer_years", "active_years", "customers")
"""The denominators of the yearly retention cost, in the order :func:`cost_ratio_definitions` shows them."""


def cost_ratio_definitions(marketing: pd.DataFrame, orders: pd.DataFrame, as_of: object = None, *,
                           active_days: float = 90.0) -> pd.DataFrame:
    """The acquisition-to-retention cost ratio under three definitions of "one existing customer".

    Lecture 000 §3 says a new customer costs 5–8 times as much as keeping an existing one, without
    saying what "keeping one" is counted in. The numerator is always the cost per new customer of
    :func:`acquisition_retention_cost_ratio` (acquisition spend / new customers); the retention
    spend R is divided by one of three denominators:

    * ``customer_years``: Σ over customers of the years from the first order (or the first
      marketing day, if later) to ``as_of`` – the definition of :func:`acquisition_retention_cost_ratio`;
    * ``active_years``: Σ of the years each customer was *active*, from the first order (or the
      first marketing day) to min(last order + ``active_days``, ``as_of``), the same 90-day rule
      as :func:`sim.measures.retention.activity_segments` (0 for a customer lapsed before the period);
    * ``customers``: the number of customers with a first order up to ``as_of``, each counted once
      (per customer, not per year).

    ``retention_cost_vnd`` = R / denominator, ``ratio`` = cost per new customer / retention_cost_vnd.
    A smaller denominator makes keeping a customer look dearer and the ratio smaller.

    Example (worked by hand in the tests): cost per new customer 500,000 ₫, R = 100,000 ₫, 2.5
    customer-years, 420.5 active days and 3 customers → ratios 12.5, 5 × 420.5 / 365 ≈ 5.76 and 15.

    Args:
        marketing: table with ``date``, ``purpose``, ``spend_vnd``.
        orders: table with ``customer_id``, ``at``.
        as_of: end of the period, as in :func:`acquisition_retention_cost_ratio`.
        active_days: days after an order during which a customer still counts as active (0 < days ≤ 3650).

    Returns:
        One row per definition (index ``definition``, :data:`COST_RATIO_DEFINITIONS`): ``denominator``
        (years, or customers), ``retention_cost_vnd``, ``cost_per_new_customer_vnd``, ``ratio``
        (``NaN`` where a denominator or a cost is 0 or undefined).

    Raises:
        DataError: a missing column, values of the wrong type, a bad ``as_of`` or ``active_days``.
    """
    window = float(check_range("active_days", active_days, 0.0, 3650.0, low_open=True))
    base = acquisition_retention_cost_ratio(marketing, orders, as_of)
    stamp = base["as_of"]
    at = datetimes(orders, "at", "orders")
    day = datetimes(marketing, "date", "marketing").dt.normalize()
    start = day.min() if day.notna().any() else (at.min() if at.notna().any() else None)
    kept = pd.Series(at.to_numpy(), index=orders["customer_id"].to_numpy()).dropna()
    if stamp is not None:
        kept = kept[kept <= stamp]
    by_customer = kept.groupby(level=0)
    first, last = by_customer.min(), by_customer.max()
    if len(first) and start is not None and stamp is not None:
        ends = (last + pd.Timedelta(days=window)).clip(upper=stamp)
        active = ((ends - first.clip(lower=start)).dt.total_seconds().clip(lower=0) / 86400 / DAYS_PER_YEAR).sum()
    else:
        active = 0.0
    denominators = {"customer_years": float(base["customer_years"]), "active_years": float(active),
                    "customers": float(len(first))}
    cac = float(base["cost_per_new_customer_vnd"])
    spend = float(base["retention_spend_vnd"])
    rows = []
    for name in COST_RATIO_DEFINITIONS:
        keep = spend / denominators[name] if denominators[name] > 0 else float("nan")
        ratio = cac / keep if keep > 0 and not np.isnan(cac) else float("nan")
        rows.append({"definition": name, "denominator": denominators[name], "retention_cost_vnd": keep,
                     "cost_per_new_customer_vnd": cac, "ratio": ratio})
    return pd.DataFrame(rows).set_index("definition")
