"""RFM and FRAC analysis: recency, frequency, monetary value (and category) of each customer.

Lecture 001, "Quản trị mở rộng khách hàng – Phân tích RFM (Recency, Frequency, Monetary
value)", also called FRAC (Frequency, Recency, Amount, Category); Chaffey ch. 9 Fig 9.17.
Recency spots the customers who are becoming "vulnerable" (dễ bị tổn thương); frequency
and monetary value show who is worth most and most loyal.

Typical use::

    from sim.engine.io import shipped_tables
    from sim.measures import rfm
    orders = shipped_tables()["orders"]
    scored = rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(orders)))
    rfm.rfm_segment_summary(scored)
    rfm.rfm_scores(rfm.frac_table(orders))          # FRAC: RFM + main category
    rfm.category_frequency(orders)                  # orders per customer and category
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError
from sim.measures.frames import datetimes, latest_or, numbers, require_columns

SCORES = 5
"""Number of score groups: quintiles, 1 (worst) to 5 (best)."""

RFM_SEGMENTS = ("champions", "loyal", "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep",
                "at_risk", "cant_lose", "hibernating", "lost")
"""The named RFM segments, best first (keys of the ``rfm_segment`` labels)."""




def _orders_upto(orders: object, as_of: object, extra: list[str]) -> tuple[pd.DataFrame, pd.Timestamp | None]:
    """``customer_id``, ``at`` and the ``extra`` columns of the orders placed up to ``as_of``."""
    orders = require_columns(orders, ["customer_id", "at", *extra], "orders")
    at = datetimes(orders, "at", "orders")
    stamp = latest_or(as_of, at)
    out = pd.DataFrame({"customer_id": orders["customer_id"].to_numpy(), "at": at.to_numpy()})
    for col in extra:
        out[col] = numbers(orders, col, "orders").to_numpy() if col == "amount_vnd" else orders[col].to_numpy()
    if stamp is not None:
        out = out[out["at"] <= stamp]
    return out, stamp


def rfm_table(orders: pd.DataFrame, as_of: object = None, monetary: str = "total") -> pd.DataFrame:
    """Recency, frequency and monetary value of each customer.

    Formula: ``recency_days`` = days from the customer's last order to ``as_of`` (fractions
    of a day kept); ``frequency`` = number of orders; ``monetary_vnd`` = total (``"total"``)
    or average (``"mean"``) ``amount_vnd`` of the orders. Only orders at or before ``as_of``
    count. Lecture 001, "Phân tích RFM"; Chaffey ch. 9 Fig 9.17.

    Args:
        orders: table with ``customer_id``, ``at``, ``amount_vnd``.
        as_of: now (datetime or text); default: the latest order, so the most recent customer
            has recency 0.
        monetary: ``"total"`` (value bought) or ``"mean"`` (average order value).

    Returns:
        One row per customer with an order, sorted by ``customer_id``: ``customer_id``,
        ``last_order_at``, ``recency_days``, ``frequency``, ``monetary_vnd``. No orders:
        an empty table with these columns.

    Raises:
        DataError: a missing column, values of the wrong type, a bad ``as_of`` or ``monetary``.
    """
    check_choice("monetary", monetary, ["total", "mean"])
    kept, stamp = _orders_upto(orders, as_of, ["amount_vnd"])
    grouped = kept.groupby("customer_id", sort=True)
    out = grouped.agg(last_order_at=("at", "max"), frequency=("at", "size"),
                      monetary_vnd=("amount_vnd", "sum" if monetary == "total" else "mean")).reset_index()
    out["recency_days"] = (stamp - out["last_order_at"]).dt.total_seconds() / 86400 if len(out) else pd.Series(dtype=float)
    out["frequency"] = out["frequency"].astype(int)
    out["monetary_vnd"] = out["monetary_vnd"].astype(float)
    return out[["customer_id", "last_order_at", "recency_days", "frequency", "monetary_vnd"]]


def _score(goodness: pd.Series) -> pd.Series:
    """Quintile score 1–5 of each value, higher ``goodness`` better: ``ceil(5 × rank / n)``, ties at their lowest rank."""
    n = len(goodness)
    if n == 0:
        return pd.Series(dtype=int, index=goodness.index)
    rank = goodness.rank(method="min").astype(int)
    return (SCORES * rank + n - 1) // n


def rfm_scores(rfm: pd.DataFrame) -> pd.DataFrame:
    """Score recency, frequency and monetary value 1–5 by quintiles (5 = best).

    Formula: rank the customers from worst to best (for R the *smallest* recency is best, for
    F and M the largest value), then ``score = ceil(5 × rank / n)`` for ``n`` customers: the
    bottom fifth gets 1, the top fifth 5. Tie rule: tied customers all get the lowest rank of
    their tie (``rank(method="min")``), so a tie never splits and equal customers always get
    equal scores; groups can then be larger or smaller than a fifth (with many one-order
    customers, frequency 1 scores 1 and frequency 2 jumps to 4 or 5). Fewer than 5 customers
    follow the same formula: a lone customer scores 5, 5, 5; customers who are all the same
    score ``ceil(5 / n)`` (1 when ``n ≥ 5``). ``rfm_cell`` writes the scores as ``"RFM"``,
    e.g. ``"545"``. Lecture 001, "Phân tích RFM"; Chaffey ch. 9 Fig 9.17.

    Args:
        rfm: table with ``recency_days``, ``frequency``, ``monetary_vnd`` (e.g. from :func:`rfm_table`).

    Returns:
        A copy of ``rfm`` with ``r_score``, ``f_score``, ``m_score`` (integers 1–5) and ``rfm_cell``.

    Raises:
        DataError: a missing column, or a value that is empty or not a number.
    """
    require_columns(rfm, ["recency_days", "frequency", "monetary_vnd"], "rfm")
    values = {c: numbers(rfm, c, "rfm") for c in ("recency_days", "frequency", "monetary_vnd")}
    for col, series in values.items():
        if series.isna().any():
            raise DataError([(f"rfm.{col}", None, "không được để trống", "must not be empty")])
    out = rfm.copy()
    out["r_score"] = _score(-values["recency_days"]).to_numpy()
    out["f_score"] = _score(values["frequency"]).to_numpy()
    out["m_score"] = _score(values["monetary_vnd"]).to_numpy()
    out["rfm_cell"] = (out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str)) if len(out) else ""
    return out


def rfm_segment(r_score: int, f_score: int) -> str:
    """The named segment of an R score and an F score (both 1–5).

    The map (a widely used R × F grid; "lost" split off the hibernating corner):

    ====================  =======  =======
    segment               R        F
    ====================  =======  =======
    champions             5        4–5
    loyal                 3–4      4–5
    potential_loyalist    4–5      2–3
    new                   5        1
    promising             4        1
    need_attention        3        3
    about_to_sleep        3        1–2
    at_risk               1–2      3–4
    cant_lose             1–2      5
    hibernating           1–2      1–2 (not R 1 with F 1)
    lost                  1        1
    ====================  =======  =======

    Lecture 001, "Phân tích RFM" (recency to find "vulnerable" customers, combined with frequency).

    Raises:
        DataError: a score that is not an integer 1–5.
    """
    r = int(check_range("r_score", r_score.item() if isinstance(r_score, np.generic) else r_score, 1, SCORES, integer=True))
    f = int(check_range("f_score", f_score.item() if isinstance(f_score, np.generic) else f_score, 1, SCORES, integer=True))
    if r <= 2:
        if f == 5:
            return "cant_lose"
        if f >= 3:
            return "at_risk"
        return "lost" if r == 1 and f == 1 else "hibernating"
    if f >= 4:
        return "champions" if r == 5 else "loyal"
    if r == 3:
        return "need_attention" if f == 3 else "about_to_sleep"
    if f >= 2:
        return "potential_loyalist"
    return "new" if r == 5 else "promising"


def rfm_segments(scores: pd.DataFrame) -> pd.DataFrame:
    """Name each customer's RFM segment from their R and F scores (see :func:`rfm_segment`).

    Lecture 001, "Phân tích RFM"; Chaffey ch. 9 Fig 9.17.

    Args:
        scores: table with ``r_score`` and ``f_score`` (e.g. from :func:`rfm_scores`).

    Returns:
        A copy of ``scores`` with ``segment`` (keys of the ``rfm_segment`` labels).

    Raises:
        DataError: a missing column or a score that is not an integer 1–5.
    """
    require_columns(scores, ["r_score", "f_score"], "scores")
    out = scores.copy()
    out["segment"] = pd.Series([rfm_segment(r, f) for r, f in zip(scores["r_score"], scores["f_score"], strict=True)],
                               index=out.index, dtype=object)
    return out


def rfm_segment_summary(segmented: pd.DataFrame) -> pd.DataFrame:
    """Size and average recency, frequency and monetary value of each RFM segment.

    Formula: per segment, ``customers``; ``share = customers / all``; the means of
    ``recency_days``, ``frequency`` and ``monetary_vnd``. Lecture 001, "Phân tích RFM".

    Args:
        segmented: table with ``segment``, ``recency_days``, ``frequency``, ``monetary_vnd``
            (e.g. from :func:`rfm_segments`).

    Returns:
        One row per segment in :data:`RFM_SEGMENTS` order (then any other segment name),
        empty segments included: ``segment``, ``customers``, ``share``, ``mean_recency_days``,
        ``mean_frequency``, ``mean_monetary_vnd``. Means are ``NaN`` in an empty segment;
        ``share`` is ``NaN`` for an empty table.

    Raises:
        DataError: a missing column or values that are not numbers.
    """
    require_columns(segmented, ["segment", "recency_days", "frequency", "monetary_vnd"], "segmented")
    frame = pd.DataFrame({"segment": segmented["segment"].astype(object).to_numpy(),
                          "recency_days": numbers(segmented, "recency_days", "segmented").to_numpy(),
                          "frequency": numbers(segmented, "frequency", "segmented").to_numpy(),
                          "monetary_vnd": numbers(segmented, "monetary_vnd", "segmented").to_numpy()})
    names = list(RFM_SEGMENTS) + sorted({str(s) for s in frame["segment"]} - set(RFM_SEGMENTS))
    total = len(frame)
    rows = []
    for name in names:
        part = frame[frame["segment"] == name]
        rows.append({"segment": name, "customers": len(part), "share": len(part) / total if total else float("nan"),
                     "mean_recency_days": part["recency_days"].mean(), "mean_frequency": part["frequency"].mean(),
                     "mean_monetary_vnd": part["monetary_vnd"].mean()})
    return pd.DataFrame(rows)


def main_category(orders: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """Each customer's main category: the one they ordered from most often.

    Tie rule: most orders, then the larger total ``amount_vnd``, then the category key that
    comes first alphabetically. Lecture 001, "FRAC" (the C: category).

    Args:
        orders: table with ``customer_id``, ``at``, ``category``, ``amount_vnd``.
        as_of: count orders up to this time; default: the latest order.

    Returns:
        One row per customer, sorted by ``customer_id``: ``customer_id``, ``main_category``,
        ``categories`` (number of different categories bought).

    Raises:
        DataError: a missing column, values of the wrong type or a bad ``as_of``.
    """
    kept, _stamp = _orders_upto(orders, as_of, ["category", "amount_vnd"])
    kept = kept.assign(category=kept["category"].astype(str))
    per = (kept.groupby(["customer_id", "category"], sort=True)
           .agg(n=("at", "size"), amount=("amount_vnd", "sum")).reset_index())
    per = per.sort_values(["customer_id", "n", "amount", "category"], ascending=[True, False, False, True])
    top = per.drop_duplicates("customer_id")[["customer_id", "category"]].rename(columns={"category": "main_category"})
    top["categories"] = top["customer_id"].map(per.groupby("customer_id").size()).astype(int)
    return top.sort_values("customer_id").reset_index(drop=True)


def frac_table(orders: pd.DataFrame, as_of: object = None, monetary: str = "total") -> pd.DataFrame:
    """FRAC: the RFM table plus each customer's main category.

    Formula: :func:`rfm_table` joined with :func:`main_category` on ``customer_id``.
    Lecture 001: "RFM đôi khi được gọi là FRAC: Recency, Frequency, Monetary value, Category";
    Chaffey ch. 9 Fig 9.17.

    Args:
        orders: table with ``customer_id``, ``at``, ``amount_vnd``, ``category``.
        as_of: now; default: the latest order.
        monetary: ``"total"`` or ``"mean"`` amount, as in :func:`rfm_table`.

    Returns:
        The :func:`rfm_table` columns plus ``main_category`` and ``categories``.

    Raises:
        DataError: a missing column or a bad argument.
    """
    require_columns(orders, ["customer_id", "at", "amount_vnd", "category"], "orders")
    table = rfm_table(orders, as_of, monetary)
    return table.merge(main_category(orders, as_of), on="customer_id", how="left")


def category_frequency(orders: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """How many orders each customer placed in each category (FRAC's per-category frequency).

    Lecture 001, "FRAC" (frequency by category, for cross-selling into the categories a
    customer does not buy yet).

    Args:
        orders: table with ``customer_id``, ``at``, ``category``.
        as_of: count orders up to this time; default: the latest order.

    Returns:
        One row per customer (index ``customer_id``, sorted), one column per category key
        (sorted), order counts as integers (0 where none). No orders: an empty table.

    Raises:
        DataError: a missing column, a bad ``as_of``.
    """
    kept, _stamp = _orders_upto(orders, as_of, ["category"])
    kept = kept.assign(category=kept["category"].astype(str))
    table = pd.crosstab(kept["customer_id"], kept["category"]) if len(kept) else pd.DataFrame()
    table = table.sort_index().sort_index(axis=1).astype(int)
    table.index.name, table.columns.name = "customer_id", None
    return table
