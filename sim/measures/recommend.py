"""Recommendations from purchase history: item-item collaborative filtering.

Lecture 001 (Quản trị duy trì: cá nhân hóa và tùy biến theo số đông – "bộ lọc
cộng tác (collaborative filtering) … dựa trên sở thích giống nhau của khách
hàng") and lecture 000 §3 (Amazon e-mails customers when a new item related to
their interests arrives). Item-item collaborative filtering, the method Amazon
described (Linden, Smith & York 2003), says: items bought by the same people
are similar; recommend to a customer the items most similar to what they bought.

Here, from the ``orders`` table:

* the purchase matrix X has one row per customer and one column per
  ``product_id``, X[u, i] = 1 if customer u ever bought item i (else 0);
* the similarity of items i and j is the cosine of their columns,
  sim(i, j) = |buyers(i) ∩ buyers(j)| / √(|buyers(i)| · |buyers(j)|);
* the score of an item i for customer u is Σ_{j bought by u} sim(i, j),
  over the items u has not bought yet.

The pure functions live here; running the simulator with and without
recommendation e-mails is in :mod:`sim.experiments.recommendation_uplift`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.measures.frames import datetimes, require_columns

METHODS: tuple[str, ...] = ("item_cf", "popular")
"""``item_cf``: item-item collaborative filtering; ``popular``: best-sellers not yet bought (the baseline)."""


def purchase_matrix(orders: pd.DataFrame) -> pd.DataFrame:
    """The customer × product 0/1 matrix: X[u, i] = 1 if customer u bought product i.

    Lecture 001 (lọc cộng tác: the customers' purchase profile).

    Args:
        orders: the ``orders`` table (``customer_id``, ``product_id``).

    Returns:
        A DataFrame of 0/1 integers, customers (sorted) as the index and products
        (sorted) as the columns; empty for an empty table.

    Raises:
        DataError: a missing column.
    """
    df = require_columns(orders, ["customer_id", "product_id"], "orders")
    pairs = df[["customer_id", "product_id"]].dropna().astype(str).drop_duplicates()
    matrix = pd.crosstab(pairs["customer_id"], pairs["product_id"]).clip(upper=1)
    matrix.index.name, matrix.columns.name = "customer_id", "product_id"
    return matrix.sort_index().sort_index(axis=1).astype(int)


def _cosine(matrix: pd.DataFrame) -> np.ndarray:
    x = matrix.to_numpy(float)
    co = x.T @ x  # co[i, j] = customers who bought both i and j; co[i, i] = buyers of i
    norms = np.sqrt(np.diag(co))
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = co / np.outer(norms, norms)
    return np.nan_to_num(sim)


def item_similarity(orders: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity between products over their buyers.

    sim(i, j) = |buyers(i) ∩ buyers(j)| / √(|buyers(i)| · |buyers(j)|), in [0, 1];
    1 on the diagonal. Lecture 001 (lọc cộng tác – collaborative filtering).

    Args:
        orders: the ``orders`` table (``customer_id``, ``product_id``).

    Returns:
        A square DataFrame, products (sorted) as index and columns.

    Raises:
        DataError: a missing column.
    """
    matrix = purchase_matrix(orders)
    return pd.DataFrame(_cosine(matrix), index=matrix.columns.copy(), columns=matrix.columns.copy())


def _scores(matrix: pd.DataFrame, method: str) -> np.ndarray:
    x = matrix.to_numpy(float)
    if method == "item_cf":
        scores = x @ _cosine(matrix)
    else:
        scores = np.tile(x.sum(axis=0), (x.shape[0], 1))
    scores[x > 0] = -np.inf  # never recommend what the customer already bought
    return scores


def _top_n(matrix: pd.DataFrame, n: int, method: str, customers: pd.Index | None = None) -> pd.DataFrame:
    """Top ``n`` per customer; similarities and popularity always come from the whole matrix."""
    columns = ["customer_id", "rank", "product_id", "score"]
    if matrix.empty or matrix.shape[1] == 0:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "score" else (int if c == "rank" else object))
                             for c in columns})
    scores = _scores(matrix, method)
    products = matrix.columns.to_numpy()
    wanted = range(len(matrix.index)) if customers is None else np.flatnonzero(matrix.index.isin(customers))
    rows = []
    for u in wanted:
        customer, s = matrix.index[u], scores[u]
        # highest score first; ties by product_id (columns are sorted, and the sort is stable)
        order = np.argsort(-s, kind="stable")
        ranked = [j for j in order if s[j] > 0][:n]
        rows += [(customer, r + 1, products[j], float(s[j])) for r, j in enumerate(ranked)]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"rank": int, "score": float})


def top_n(orders: pd.DataFrame, n: int = 3, method: str = "item_cf") -> pd.DataFrame:
    """The ``n`` best new products for every customer who bought something.

    ``item_cf``: score(u, i) = Σ_{j bought by u} sim(i, j) (cosine, see
    :func:`item_similarity`). ``popular``: score(u, i) = number of customers who
    bought i (the best-seller list, a baseline to beat). Items the customer
    already bought are never recommended, and only items with a score > 0
    are (an item nobody who shares a purchase with the customer bought is not a
    recommendation), so a customer can get fewer than ``n``. Ties go to the
    smaller ``product_id``. Lecture 001 (cá nhân hóa, lọc cộng tác);
    lecture 000 §3 (Amazon's e-mails about related new items).

    Args:
        orders: the ``orders`` table (``customer_id``, ``product_id``).
        n: how many products per customer (integer ≥ 1).
        method: ``"item_cf"`` (default) or ``"popular"``.

    Returns:
        Columns ``customer_id``, ``rank`` (1 = best), ``product_id``, ``score``;
        customers sorted, empty for an empty table.

    Raises:
        DataError: a missing column, ``n`` < 1 or an unknown ``method``.
    """
    check_range("n", n, 1, integer=True)
    check_choice("method", method, METHODS)
    return _top_n(purchase_matrix(orders), n, method)


def _held_out(orders: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(training orders, last order of every customer with ≥ 2 orders)."""
    df = require_columns(orders, ["customer_id", "product_id", "at"], "orders")
    df = df.assign(at=datetimes(df, "at", "orders")).dropna(subset=["customer_id", "product_id"])
    df = df.assign(customer_id=df["customer_id"].astype(str), product_id=df["product_id"].astype(str))
    key = ["customer_id", "at", "order_id"] if "order_id" in df.columns else ["customer_id", "at"]
    df = df.sort_values(key, kind="stable")
    counts = df.groupby("customer_id")["customer_id"].transform("size")
    is_last = ~df.duplicated("customer_id", keep="last")
    held = is_last & (counts >= 2)
    return df[~held], df[held]


def hit_rate(orders: pd.DataFrame, n: int = 3, method: str = "item_cf") -> pd.Series:
    """Hit rate of the top-``n`` recommendations on held-out last orders.

    For every customer with at least two orders, their last order (by ``at``;
    ties by ``order_id`` when that column exists) is held out. Recommendations
    are computed from all the other orders (every customer's, so the
    similarities do not see the held-out purchases). A *hit* is a held-out
    ``product_id`` among the customer's top ``n``:

        hit_rate = hits / customers evaluated.

    Customers whose held-out product is one they had already bought are not
    evaluated: a recommender of new items never proposes it (they are counted
    in ``repeat_purchases``). With no customer to evaluate the hit rate is NaN.
    Lecture 001 (lọc cộng tác); compare ``method="item_cf"`` with the
    ``"popular"`` baseline.

    Args:
        orders: the ``orders`` table (``customer_id``, ``product_id``, ``at``; ``order_id`` optional).
        n: length of the recommendation list (integer ≥ 1).
        method: ``"item_cf"`` (default) or ``"popular"``.

    Returns:
        A Series: ``customers`` (evaluated), ``hits``, ``hit_rate``, ``repeat_purchases``.

    Raises:
        DataError: a missing column, bad ``at`` values, ``n`` < 1 or an unknown ``method``.
    """
    check_range("n", n, 1, integer=True)
    check_choice("method", method, METHODS)
    train, test = _held_out(orders)
    matrix = purchase_matrix(train)
    bought_before = set(zip(train["customer_id"], train["product_id"], strict=True))
    is_repeat = np.array([(c, p) in bought_before for c, p in zip(test["customer_id"], test["product_id"], strict=True)],
                         dtype=bool)
    test = test[~is_repeat] if len(test) else test
    recs = _top_n(matrix, n, method, pd.Index(test["customer_id"]))
    recommended = set(zip(recs["customer_id"], recs["product_id"], strict=True))
    hits = sum((c, p) in recommended for c, p in zip(test["customer_id"], test["product_id"], strict=True))
    evaluated = len(test)
    return pd.Series({"customers": evaluated, "hits": hits, "hit_rate": hits / evaluated if evaluated else np.nan,
                      "repeat_purchases": int(is_repeat.sum())}, name=f"hit_rate@{n} ({method})")
