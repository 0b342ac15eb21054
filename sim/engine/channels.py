"""Acquisition channels: how many new prospects each brings, and at what cost.

Lecture 001 (Quản trị thu hút khách hàng) lists the channels and the measures of
Fig. 9.6: volume, conversion, CPC, CPA, ROI, LTV-based ROI. Each channel here has
a cost model:

* organic search: visits = max_visits_per_day × SEO score; cost = content spend.
* paid search: a generalized second-price auction (:func:`sim.engine.auction.gsp_auction`).
  Ad rank = bid × Quality Score; the advertiser pays the next ad's rank / own Quality Score
  + 1 VND per click.
* e-mail: partner opt-in lists; visits = sends × click rate; cost per e-mail sent.
* affiliate: a commission on the first order.
* social: paid posts (cost per click) and referrals by promoters (a bonus each).
* direct: free.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.base.codes import PERSONAS
from sim.base.units import DAYS_PER_MONTH
from sim.engine.auction import gsp_auction
from sim.scenario.schema import Scenario


@dataclass(frozen=True)
class AuctionOutcome:
    """Result of the paid-search auction for one day.

    Attributes:
        position: 1-based ad position, or 0 when the ad is not shown.
        cpc_vnd: price paid per click (generalized second price).
        ctr: click-through rate at that position.
        clicks_per_day: expected clicks, capped by the daily budget.
        impressions_per_day: expected impressions (searches where the ad shows).
    """

    position: int
    cpc_vnd: float
    ctr: float
    clicks_per_day: float
    impressions_per_day: float


def paid_search_auction(
    max_cpc_vnd: float,
    quality_score: float,
    competitor_bids_vnd: list[float],
    competitor_quality_scores: list[float],
    ctr_by_position: list[float],
    daily_searches: float,
    daily_budget_vnd: float,
    reserve_cpc_vnd: float,
) -> AuctionOutcome:
    """Generalized second-price auction with Quality Score (lecture 001, paid search).

    The auction is :func:`sim.engine.auction.gsp_auction`, the one students play with:
    ad rank = bid × Quality Score; the shop is listed first, so it goes ahead of a competitor
    with the same rank; one slot per entry of ``ctr_by_position``. CPC = (rank of the ad
    below us) / our Quality Score + 1 VND, never above our bid nor below the reserve; with no
    ad below, the reserve price. A bid below the reserve is not shown.
    Clicks per day = min(searches × CTR(position), budget / CPC).

    Example (worked by hand): bid 12,000 × QS 7 = 84,000; competitors 90,000,
    80,000, 45,000, 36,000 → position 2, CPC = 80,000 / 7 + 1 = 11,429.57 VND.
    """
    names = ["shop", *(f"competitor_{i + 1}" for i in range(len(competitor_bids_vnd)))]
    table = gsp_auction([max_cpc_vnd, *competitor_bids_vnd], [quality_score, *competitor_quality_scores],
                        slots=len(ctr_by_position), reserve_cpc_vnd=reserve_cpc_vnd, advertisers=names)
    ours = table[table["advertiser"] == "shop"].iloc[0]
    if ours["status"] != "shown":
        return AuctionOutcome(0, 0.0, 0.0, 0.0, 0.0)
    position = int(ours["position"])
    cpc = float(ours["cpc_vnd"])
    ctr = ctr_by_position[position - 1]
    wanted = daily_searches * ctr
    affordable = daily_budget_vnd / cpc if cpc > 0 else wanted
    clicks = min(wanted, affordable)
    impressions = clicks / ctr if ctr > 0 else 0.0
    return AuctionOutcome(position, cpc, ctr, clicks, impressions)


@dataclass(frozen=True)
class ChannelPlan:
    """Daily new-prospect rates and unit costs of every channel for a scenario."""

    visits_per_day: dict[str, float]
    paid_search: AuctionOutcome
    persona_weights: dict[str, list[float]]

    @property
    def total_per_day(self) -> float:
        return sum(self.visits_per_day.values())


def channel_plan(scenario: Scenario) -> ChannelPlan:
    """Work out each channel's expected new prospects per day from its levers."""
    ch = scenario.channels
    ps = ch.paid_search
    auction = paid_search_auction(
        ps.max_cpc_vnd, ps.quality_score, ps.competitor_bids_vnd, ps.competitor_quality_scores,
        ps.ctr_by_position, ps.daily_searches, ps.daily_budget_vnd, ps.reserve_cpc_vnd,
    )
    email_sends_per_day = ch.email.partner_list_size * ch.email.sends_per_month / DAYS_PER_MONTH
    visits = {
        "organic_search": ch.organic_search.max_visits_per_day * ch.organic_search.seo_score,
        "paid_search": auction.clicks_per_day,
        "email": email_sends_per_day * ch.email.click_rate,
        "affiliate": ch.affiliate.visits_per_day,
        "social": ch.social.daily_budget_vnd / ch.social.cpc_vnd if ch.social.cpc_vnd > 0 else 0.0,
        "direct": ch.direct.visits_per_day,
    }
    base = [getattr(scenario.personas, p).share for p in PERSONAS]
    weights = {}
    for name in visits:
        tilt = getattr(ch, name).persona_tilt
        weights[name] = [w * tilt.get(p, 1.0) for w, p in zip(base, PERSONAS, strict=True)]
    return ChannelPlan(visits, auction, weights)
