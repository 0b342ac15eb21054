"""Acquisition channels: how many new prospects each brings, and at what cost.

Lecture 001 (Quản trị thu hút khách hàng) lists the channels and the measures of
Fig. 9.6: volume, conversion, CPC, CPA, ROI, LTV-based ROI. Each channel here has
a cost model:

* organic search: visits = max_visits_per_day × SEO score; cost = content spend.
* paid search: a generalized second-price auction (:func:`sim.engine.auction.gsp_auction`).
  Ad rank = bid × Quality Score; the advertiser pays the next ad's rank / own Quality Score
  + 1 VND per click. Around the auction, the other levers chương 6 lists (:func:`paid_search_plan`):
  keyword match types (reach against relevance, negative keywords), day parting (the budget by
  part of the day), the content network, and click fraud (paid clicks with no visitor).
* e-mail: partner opt-in lists; visits = sends × click rate; cost per e-mail sent.
* affiliate: a commission on the first order.
* social: paid posts (cost per click) and referrals by promoters (a bonus each).
* direct: free.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.base.codes import DAY_PART_HOURS, DAY_PARTS, PERSONAS
from sim.base.units import DAYS_PER_MONTH
from sim.engine.gsp import gsp_rows
from sim.scenario.schema import PaidSearch, Scenario

AD_NONE, AD_SEARCH, AD_SEARCH_IRRELEVANT, AD_CONTENT, AD_CONTENT_IRRELEVANT = 0, 1, 2, 3, 4
"""How a prospect came through a paid-search ad: not at all, on the search or the content network, with a real
need or not (a click that matched a search for something else)."""


def day_part(t: float) -> int:
    """Index in ``DAY_PARTS`` of the part of the day at clock time ``t`` (days); each part is six hours."""
    return min(len(DAY_PARTS) - 1, int((t % 1.0) * 24.0 // (DAY_PART_HOURS[1] - DAY_PART_HOURS[0])))


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

    The auction is :func:`sim.engine.auction.gsp_auction`, the one students play with (its rows from
    :func:`sim.engine.gsp.gsp_rows`):
    ad rank = bid × Quality Score; the shop is listed first, so it goes ahead of a competitor
    with the same rank; one slot per entry of ``ctr_by_position``. CPC = (rank of the ad
    below us) / our Quality Score + 1 VND, never above our bid nor below the reserve; with no
    ad below, the reserve price. A bid below the reserve is not shown.
    Clicks per day = min(searches × CTR(position), budget / CPC).

    Example (worked by hand): bid 12,000 × QS 7 = 84,000; competitors 90,000,
    80,000, 45,000, 36,000 → position 2, CPC = 80,000 / 7 + 1 = 11,429.57 VND.
    """
    names = ["shop", *(f"competitor_{i + 1}" for i in range(len(competitor_bids_vnd)))]
    rows = gsp_rows([max_cpc_vnd, *competitor_bids_vnd], [quality_score, *competitor_quality_scores],
                    slots=len(ctr_by_position), reserve_cpc_vnd=reserve_cpc_vnd, advertisers=names)
    _name, _bid, _score, _rank, status, place, _price_set_by, cpc_vnd = next(row for row in rows if row[0] == "shop")
    if status != "shown":
        return AuctionOutcome(0, 0.0, 0.0, 0.0, 0.0)
    position = int(place)
    cpc = float(cpc_vnd)
    ctr = ctr_by_position[position - 1]
    wanted = daily_searches * ctr
    affordable = daily_budget_vnd / cpc if cpc > 0 else wanted
    clicks = min(wanted, affordable)
    impressions = clicks / ctr if ctr > 0 else 0.0
    return AuctionOutcome(position, cpc, ctr, clicks, impressions)


@dataclass(frozen=True)
class PaidSearchPlan:
    """A day of the paid-search campaign: the auction, then reach, relevance, day parts, content network, fraud.

    Per-part tuples follow :data:`sim.base.codes.DAY_PARTS` (night, morning, afternoon, evening).

    Attributes:
        auction: the search network's auction for the shop (position, CPC, CTR).
        matched_searches_per_day: searches the keywords match (daily_searches × reach of the match type,
            less what negative keywords exclude).
        relevance: share of search clicks by people looking for what the shop sells.
        search_clicks: visitors from the search network, per part of the day.
        search_paid_clicks: clicks paid for on the search network (visitors and fraudulent clicks), per part.
        content_clicks: visitors from the content network, per part of the day.
        content_paid_clicks: clicks paid for on the content network, per part.
        content_relevance: share of content-network clicks by people with a real need.
        content_cpc_vnd: price of a content-network click.
        content_ctr: click-through rate of a content-network ad.
    """

    auction: AuctionOutcome
    matched_searches_per_day: float
    relevance: float
    search_clicks: tuple[float, ...]
    search_paid_clicks: tuple[float, ...]
    content_clicks: tuple[float, ...]
    content_paid_clicks: tuple[float, ...]
    content_relevance: float
    content_cpc_vnd: float
    content_ctr: float

    @property
    def visitors_per_day(self) -> float:
        """Visitors a day from both networks: the channel's arrival rate."""
        return sum(self.search_clicks) + sum(self.content_clicks)

    @property
    def invalid_clicks_per_day(self) -> float:
        """Paid clicks with no visitor behind them (click fraud), both networks."""
        return (sum(self.search_paid_clicks) - sum(self.search_clicks)
                + sum(self.content_paid_clicks) - sum(self.content_clicks))

    @property
    def spend_per_day_vnd(self) -> float:
        """Spend a day: every paid click at its network's price."""
        return sum(self.search_paid_clicks) * self.auction.cpc_vnd + sum(self.content_paid_clicks) * self.content_cpc_vnd


def _spread(wanted: list[float], budget_vnd: float, cpc_vnd: float, budget_shares: list[float] | None) -> list[float]:
    """Paid clicks per part of the day: what the searches bring, as far as the budget goes.

    Without day parting (``budget_shares`` None) the budget is spent as the clicks come, from
    midnight on, so a small budget runs out before the evening; with day parting, part d may
    spend at most budget × share_d (what it leaves unspent is not carried over).
    """
    if cpc_vnd <= 0:
        return list(wanted)
    if budget_shares is not None:
        return [min(w, budget_vnd * b / cpc_vnd) for w, b in zip(wanted, budget_shares, strict=True)]
    out, left = [], budget_vnd
    for w in wanted:
        paid = min(w, max(0.0, left) / cpc_vnd)
        out.append(paid)
        left -= paid * cpc_vnd
    return out


def _shares(values: list[float]) -> list[float]:
    total = sum(values)
    return [v / total for v in values] if total > 0 else [1.0 / len(values)] * len(values)


def paid_search_plan(ps: PaidSearch) -> PaidSearchPlan:
    """The paid-search levers of chương 6 around the GSP auction, for one day.

    * **match type** m (exact, phrase, broad): matched searches S = daily_searches × reach_m, a
      share q_m of them by people who want what the shop sells (relevance). **Negative keywords**
      exclude a share k of the others: S' = S·(q + (1 − q)(1 − k)), q' = q / (q + (1 − q)(1 − k)).
    * **day parts** d: the searches S'·w_d follow the day (``searches_by_day_part`` w, as shares);
      visitors wanted = S'·w_d·CTR(position).
    * **click fraud** f: for each visitor, f / (1 − f) more clicks are paid with no one behind them,
      so paid clicks = visitors / (1 − f), capped by the budget (:func:`_spread`: spent from midnight
      on, or by ``budget_by_day_part`` with **day parting**); visitors = paid × (1 − f).
    * **content network**: the ads also show on partner sites; paid clicks = content budget /
      content CPC, spread over the day like the searches, visitors = paid × (1 − f_content), a share
      ``content_relevance`` of them with a real need.

    Example (the default shop, exact match, no fraud): 200 searches × CTR 0.035 = 7 visitors a day,
    CPC 18,286.71 VND, under the 400,000 VND budget; with 5% fraud, 7 / 0.95 = 7.37 paid clicks.
    """
    auction = paid_search_auction(
        ps.max_cpc_vnd, ps.quality_score, ps.competitor_bids_vnd, ps.competitor_quality_scores,
        ps.ctr_by_position, ps.daily_searches, ps.daily_budget_vnd, ps.reserve_cpc_vnd,
    )
    reach = getattr(ps.match_reach, ps.match_type)
    q = getattr(ps.match_relevance, ps.match_type)
    kept = q + (1.0 - q) * (1.0 - ps.negative_keyword_filter) if ps.negative_keywords else 1.0
    searches = ps.daily_searches * reach * kept
    relevance = q / kept if kept > 0 else 0.0
    profile = _shares([getattr(ps.searches_by_day_part, d) for d in DAY_PARTS])
    budget_shares = _shares([getattr(ps.budget_by_day_part, d) for d in DAY_PARTS]) if ps.day_parting else None
    f = ps.click_fraud_rate
    if auction.position == 0 or auction.ctr <= 0:
        search_paid = [0.0] * len(DAY_PARTS)
    else:
        if f < 1.0:
            wanted = [searches * w * auction.ctr / (1.0 - f) for w in profile]
        else:  # every click fraudulent: bots click as long as the budget lasts
            wanted = [ps.daily_budget_vnd / auction.cpc_vnd * w if auction.cpc_vnd > 0 else 0.0 for w in profile]
        search_paid = _spread(wanted, ps.daily_budget_vnd, auction.cpc_vnd, budget_shares)
    search_clicks = [c * (1.0 - f) for c in search_paid]
    fc = ps.content_click_fraud_rate
    if ps.content_network and ps.content_cpc_vnd > 0:
        content_wanted = [ps.content_daily_budget_vnd / ps.content_cpc_vnd * w for w in profile]
        content_paid = _spread(content_wanted, ps.content_daily_budget_vnd, ps.content_cpc_vnd, budget_shares)
    else:
        content_paid = [0.0] * len(DAY_PARTS)
    content_clicks = [c * (1.0 - fc) for c in content_paid]
    return PaidSearchPlan(auction, searches, relevance, tuple(search_clicks), tuple(search_paid),
                          tuple(content_clicks), tuple(content_paid), ps.content_relevance, ps.content_cpc_vnd,
                          ps.content_ctr)


@dataclass(frozen=True)
class ChannelPlan:
    """Daily new-prospect rates and unit costs of every channel for a scenario."""

    visits_per_day: dict[str, float]
    paid_search: AuctionOutcome
    persona_weights: dict[str, list[float]]
    ads: PaidSearchPlan
    """The paid-search campaign around the auction (:func:`paid_search_plan`)."""

    @property
    def total_per_day(self) -> float:
        return sum(self.visits_per_day.values())


def channel_plan(scenario: Scenario) -> ChannelPlan:
    """Work out each channel's expected new prospects per day from its levers."""
    ch = scenario.channels
    ads = paid_search_plan(ch.paid_search)
    email_sends_per_day = ch.email.partner_list_size * ch.email.sends_per_month / DAYS_PER_MONTH
    visits = {
        "organic_search": ch.organic_search.max_visits_per_day * ch.organic_search.seo_score,
        "paid_search": ads.visitors_per_day,
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
    return ChannelPlan(visits, ads.auction, weights, ads)
