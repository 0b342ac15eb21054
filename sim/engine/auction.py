"""A paid-search auction to play with: ad rank = bid × Quality Score, generalized second price.

Lecture 001 (Quản trị thu hút khách hàng, quảng cáo tìm kiếm trả tiền): the factors of paid
search returns are the amount bid (max CPC), the click-through rate, creative and landing-page
quality, and above all the Quality Score. The simulator's paid-search channel
(:func:`sim.engine.channels.paid_search_auction`) runs this same auction for the shop against its competitors.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sim.engine.gsp import PRICE_INCREMENT_VND, STATUSES, gsp_rows

__all__ = ["PRICE_INCREMENT_VND", "STATUSES", "gsp_auction", "gsp_rows"]


def gsp_auction(bids_vnd: Sequence[float], quality_scores: Sequence[float], *, slots: int = 4,
                reserve_cpc_vnd: float = 0.0, advertisers: Sequence[str] | None = None) -> pd.DataFrame:
    """Positions and prices of a generalized second-price (GSP) auction with Quality Score.

    Lecture 001, Quản trị thu hút khách hàng (paid search; Chaffey ch. 9). The rules:

    1. ad rank = max CPC bid × Quality Score (1–10);
    2. an advertiser whose bid is below ``reserve_cpc_vnd`` (or 0) gets no slot and sets no price;
    3. the others are ranked by ad rank, highest first; equal ranks: the advertiser listed
       first in the input goes first;
    4. the first ``slots`` of them are shown, at positions 1, 2, …;
    5. a shown ad pays per click CPC = ad rank of the next ad in the ranking / own Quality Score
       + 1 đồng (the next ad may itself have no slot); the lowest ad, with no one below it, pays
       the reserve price. The CPC is never below the reserve price nor above the ad's own bid.

    Example (worked by hand in the tests), 2 slots: A bids 10,000 with QS 6 (rank 60,000),
    B 8,000 with QS 9 (rank 72,000), C 12,000 with QS 4 (rank 48,000) → B first, paying
    60,000 / 9 + 1 = 6,667.67 VND; A second, paying 48,000 / 6 + 1 = 8,001 VND; C gets no slot.
    The better Quality Score buys B the top position for less money.

    Args:
        bids_vnd: each advertiser's maximum CPC bid (VND, ≥ 0).
        quality_scores: each advertiser's Quality Score (1–10), in the same order.
        slots: how many ads the results page shows (integer ≥ 0).
        reserve_cpc_vnd: the reserve price: the lowest bid taken and the lowest CPC (VND, ≥ 0).
        advertisers: names, in the same order; default ``ad_1``, ``ad_2``, ….

    Returns:
        One row per advertiser, in ranking order (ads below the reserve last, in input order):
        ``advertiser``, ``bid_vnd``, ``quality_score``, ``ad_rank``, ``status`` (``shown``,
        ``outranked``, ``below_reserve``), ``position`` (Int64, missing without a slot),
        ``price_set_by`` (the advertiser whose rank sets the price, or ``"reserve"``), ``cpc_vnd``
        (NaN without a slot). No advertisers: no rows.

    Raises:
        DataError: lists of different lengths, a bid or Quality Score out of range, repeated
            advertiser names, or a bad ``slots`` or ``reserve_cpc_vnd``.
    """
    rows = gsp_rows(bids_vnd, quality_scores, slots=slots, reserve_cpc_vnd=reserve_cpc_vnd, advertisers=advertisers)
    rows = [(*row[:5], pd.NA if row[5] is None else row[5], *row[6:]) for row in rows]
    out = pd.DataFrame(rows, columns=["advertiser", "bid_vnd", "quality_score", "ad_rank", "status", "position",
                                      "price_set_by", "cpc_vnd"])
    out["position"] = out["position"].astype("Int64")
    for col in ("bid_vnd", "quality_score", "ad_rank", "cpc_vnd"):
        out[col] = out[col].astype(float)
    out["price_set_by"] = pd.Series([r[6] for r in rows], dtype=object)  # None (no slot) stays None
    return out
