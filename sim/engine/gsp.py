"""The generalized second-price (GSP) auction with Quality Score, without pandas.

The rules are those of :func:`sim.engine.auction.gsp_auction`, which gives the same rows as a table to
play with; the simulator's paid-search channel (:func:`sim.engine.channels.paid_search_auction`) takes
them from here as plain tuples, so that a run needs no pandas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from sim.base.checks import check_range
from sim.base.errors import DataError

STATUSES: tuple[str, ...] = ("shown", "outranked", "below_reserve")
"""What happens to an ad: it gets a slot, all slots go to higher ranks, or its bid is below the reserve price."""
PRICE_INCREMENT_VND = 1.0
"""The 1 đồng added to the price that would keep the ad at its position."""

Row = tuple[str, float, float, float, str, "int | None", "str | None", float]
"""advertiser, bid_vnd, quality_score, ad_rank, status, position (None without a slot), price_set_by, cpc_vnd."""


def gsp_rows(bids_vnd: Sequence[float], quality_scores: Sequence[float], *, slots: int = 4,
             reserve_cpc_vnd: float = 0.0, advertisers: Sequence[str] | None = None) -> list[Row]:
    """The rows of :func:`sim.engine.auction.gsp_auction` as tuples, in ranking order (see its rules).

    Raises:
        DataError: as :func:`sim.engine.auction.gsp_auction`.
    """
    bids = _values("bids_vnd", bids_vnd, 0.0, None)
    scores = _values("quality_scores", quality_scores, 1.0, 10.0)
    check_range("slots", slots, 0, None, integer=True)
    reserve = float(check_range("reserve_cpc_vnd", reserve_cpc_vnd, 0.0, None))
    names = [f"ad_{i + 1}" for i in range(len(bids))] if advertisers is None else [str(a) for a in advertisers]
    if len(scores) != len(bids) or len(names) != len(bids):
        raise DataError([("quality_scores", f"{len(bids)} / {len(scores)} / {len(names)}",
                          "bids_vnd, quality_scores và advertisers phải cùng độ dài",
                          "bids_vnd, quality_scores and advertisers must have the same length")])
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise DataError([("advertisers", repeated[0], "tên nhà quảng cáo không được trùng", "advertiser names must be unique")])
    ranks = [b * q for b, q in zip(bids, scores, strict=True)]
    taking_part = [i for i, b in enumerate(bids) if b > 0 and b >= reserve]
    # Highest rank first; equal ranks keep the input order (sorted() is stable).
    ranking = sorted(taking_part, key=lambda i: -ranks[i])
    rows = []
    for place, i in enumerate(ranking):
        shown = place < slots
        below = ranking[place + 1] if place + 1 < len(ranking) else None
        cpc = math.nan
        if shown:
            price = reserve if below is None else ranks[below] / scores[i] + PRICE_INCREMENT_VND
            cpc = min(bids[i], max(reserve, price))
        rows.append((names[i], bids[i], scores[i], ranks[i], "shown" if shown else "outranked",
                     place + 1 if shown else None,
                     (("reserve" if below is None else names[below]) if shown else None), cpc))
    for i in range(len(bids)):
        if i not in taking_part:
            rows.append((names[i], bids[i], scores[i], ranks[i], "below_reserve", None, None, math.nan))
    return rows


def _values(name: str, values: object, low: float, high: float | None) -> list[float]:
    """A list of numbers from a list, tuple, array or Series, each within [low, high]."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise DataError([(name, values, "phải là một danh sách số", "must be a list of numbers")])
    out = []
    for i, v in enumerate(list(values)):
        number = v.item() if isinstance(v, np.generic) else v
        out.append(float(check_range(f"{name}[{i}]", number, low, high)))
    return out
