"""The numbers of the quiz bank's numerical questions, drawn from one simulator run.

A numerical question of the bank names one of the functions of :data:`MEASURES` (``compute:``). The
function receives the run (the ``demo`` shop, one seed) and returns the values its text quotes, already
written the Vietnamese way (``1.234``, ``12,5``), the answer and the tolerance. A term drawn with another
seed gets other numbers, and the answer follows them, because both come from the same run.

Answers are computed from the numbers the text shows (rounded as shown), so a student who works from the
text gets the key; the tolerance covers rounding the answer to the precision the text asks for.
Every answer is zero or positive (the GIFT parsers in use read no sign).

Formulas and lecture sources are in each function's docstring.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

import sim
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.engine.service_desk import simulate_desk
from sim.measures import funnel, nps, retention, service_desk, value
from sim.measures.acquisition import channel_economics
from sim.measures.seo import SEO_WEIGHTS, seo_score
from sim.measures.service_desk import desk_tickets

QUIZ_SCENARIO = "demo"
"""The small shop whose run gives the numbers (about 600 prospects, 180 days; a run takes well under a second)."""


@dataclass(frozen=True)
class Numbers:
    """What a numerical question needs: its text's values, the answer and the tolerance."""

    values: dict[str, str]
    answer: float
    tolerance: float


def run_for(seed: int) -> sim.Result:
    """The run every numerical question of a term draws from: the ``demo`` shop with ``seed``."""
    return sim.simulate(QUIZ_SCENARIO, seed=seed)


def _n(x: float) -> str:
    return vi_number(x, 0)


def _r(x: float, digits: int) -> float:
    return round(float(x), digits)


def _vnd_tolerance(answer: float) -> float:
    """Half a percent of an amount in VND (at least 1 ₫): rounding the inputs as the text shows them stays inside."""
    return max(1.0, round(0.005 * abs(answer), 0))


def evaluation_security_share(run: sim.Result) -> Numbers:
    """Share of evaluation-stage drop-outs due to security: security / all drop-outs at stage 3 (lecture 000 §1), in %."""
    r = funnel.dropout_reasons(run.journey)
    stage = r[r["stage"] == 3]
    total = int(stage["count"].sum())
    security = int(stage.loc[stage["reason"] == "security_concern", "count"].sum())
    return Numbers({"total": _n(total), "security": _n(security)}, _r(100 * security / total, 1), 0.1)


def journey_conversion(run: sim.Result) -> Numbers:
    """Journey conversion = purchase journeys / journeys started (lecture 000 §2), in %."""
    c = funnel.conversion(run.journey).iloc[0]
    started, bought = int(c["started"]), int(c["purchased"])
    return Numbers({"started": _n(started), "bought": _n(bought)}, _r(100 * bought / started, 1), 0.1)


def cost_ratio(run: sim.Result) -> Numbers:
    """Acquisition cost per new customer / retention cost per customer-year (lecture 000 §3: 5–8×)."""
    c = value.acquisition_retention_cost_ratio(run.marketing, run.orders)
    cac, keep = round(float(c["cost_per_new_customer_vnd"]), -3), round(float(c["retention_cost_per_customer_year_vnd"]), -3)
    return Numbers({"cac": _n(cac), "keep": _n(keep)}, _r(cac / keep, 2), 0.05)


def deflection_rate(run: sim.Result) -> Numbers:
    """Self-service (deflection) rate = requests solved by tracking page, FAQ or auto-reply / all requests, in %."""
    d = service_desk.deflection(run.tickets).iloc[0]
    requests, solved = int(d["requests"]), int(d["self_service"])
    return Numbers({"requests": _n(requests), "solved": _n(solved)}, _r(100 * solved / requests, 1), 0.1)


def chat_utilisation(run: sim.Result) -> Numbers:
    """Utilisation ρ = λ·E[S]/c of the chat desk in a busy day (lecture 000 §6; Erlang C), in %.

    The desk of the run's shop with 3 chat agents gets 50 requests an hour for one day
    (:func:`sim.engine.service_desk.simulate_desk`, seeded with the run's seed); λ = chats / opening hours, E[S] =
    mean handling minutes of the chats answered.
    """
    scenario = sim.with_changes(run.scenario, {"service.chat.agents": 3})
    chat = scenario.service.chat
    tickets = desk_tickets(simulate_desk(scenario.service, 50, 1, run.seed))
    chats = tickets[tickets["tool"] == "chat"]
    hours = chat.closes_hour - chat.opens_hour
    handle = round(float(chats.loc[~chats["reneged"], "handle_min"].mean()), 1)
    lam = round(len(chats) / hours, 1)
    return Numbers({"chats": _n(len(chats)), "hours": vi_number(hours, 0), "lam": vi_number(lam, 1),
                    "handle": vi_number(handle, 1), "agents": "3"}, _r(100 * lam * handle / 60 / 3, 1), 0.1)


def opt_in_rate(run: sim.Result) -> Numbers:
    """Opt-in rate = prospects who agreed to e-mails / prospects (Godin 1999), in %."""
    prospects, opted = len(run.customers), int(run.customers["email_opt_in"].sum())
    return Numbers({"prospects": _n(prospects), "opted": _n(opted)}, _r(100 * opted / prospects, 1), 0.1)


def _paid_search(run: sim.Result) -> pd.Series:
    e = channel_economics(run.customers, run.orders, run.marketing).set_index("channel")
    return e.loc["paid_search"]


def paid_search_cpa(run: sim.Result) -> Numbers:
    """CPA = acquisition spend / new customers of the channel (Chaffey Fig 9.6), in VND."""
    row = _paid_search(run)
    spend, new = round(float(row["spend_vnd"]), -3), int(row["new_customers"])
    return Numbers({"spend": _n(spend), "new": _n(new)}, _r(spend / new, 0), _vnd_tolerance(spend / new))


def paid_search_cpc(run: sim.Result) -> Numbers:
    """CPC = spend / clicks of the channel (Chaffey Fig 9.6), in VND."""
    row = _paid_search(run)
    spend, clicks = round(float(row["spend_vnd"]), -3), int(row["clicks"])
    return Numbers({"spend": _n(spend), "clicks": _n(clicks)}, _r(spend / clicks, 0), _vnd_tolerance(spend / clicks))


def best_channel_roi(run: sim.Result) -> Numbers:
    """ROI = (gross margin of the channel's new customers − spend) / spend (Chaffey Fig 9.6), in %.

    The channel is the paying channel with the highest ROI in the run, so the answer is positive.
    """
    e = channel_economics(run.customers, run.orders, run.marketing)
    paying = e[e["spend_vnd"] > 0].assign(roi=lambda t: (t["margin_vnd"] - t["spend_vnd"]) / t["spend_vnd"])
    row = paying.loc[paying["roi"].idxmax()]
    spend, margin = round(float(row["spend_vnd"]), -3), round(float(row["margin_vnd"]), -3)
    return Numbers({"channel": label("channel", row["channel"]), "spend": _n(spend), "margin": _n(margin)},
                   _r(100 * (margin - spend) / spend, 1), 0.1)


def seo_page_score(run: sim.Result) -> Numbers:
    """SEO score = 100 · Σ(weight · rating) / Σ weight over the lecture's twelve factors (title 4,9; backlinks 4; …).

    Four factors are rated 0, 0,5 or 1 from the run's seed (so each term scores another page); the other
    eight count 0. The answer is :func:`sim.measures.seo.seo_score` of that page.
    """
    factors = ("title", "meta_description", "backlinks", "anchor_text")
    page = {f: (run.seed // 3**i) % 3 / 2 for i, f in enumerate(factors)}
    if not any(page.values()):
        page["title"] = 1.0
    values = {f: vi_number(v, 1) for f, v in page.items()} | {f"w_{f}": vi_number(SEO_WEIGHTS[f][1], 1) for f in factors}
    values["total"] = vi_number(sum(w for _, w in SEO_WEIGHTS.values()), 1)
    return Numbers(values, _r(seo_score(page), 1), 0.1)


def promoter_share(run: sim.Result) -> Numbers:
    """Promoters (9–10) / answers (Reichheld 2006), in %."""
    s = nps.nps_summary(run.surveys)
    n, p, d = int(s["respondents"]), int(s["promoters"]), int(s["detractors"])
    return Numbers({"n": _n(n), "promoters": _n(p), "passives": _n(int(s["passives"])), "detractors": _n(d)},
                   _r(100 * p / n, 1), 0.1)


def nps_interval_half_width(run: sim.Result) -> Numbers:
    """Half-width of the 95% interval of NPS = 1,96 · 100 · √((pP + pD − (pP − pD)²) / n), in points."""
    s = nps.nps_summary(run.surveys)
    n, pp, pd_ = int(s["respondents"]), round(float(s["promoter_share"]), 2), round(float(s["detractor_share"]), 2)
    half = 1.96 * 100 * math.sqrt((pp + pd_ - (pp - pd_) ** 2) / n)
    return Numbers({"n": _n(n), "pp": vi_number(100 * pp, 0), "pd": vi_number(100 * pd_, 0)}, _r(half, 1), 0.2)


def observed_churn_rate(run: sim.Result) -> Numbers:
    """Observed churn = customers active at the start with no order in the next 90 days / customers active at the start, in %."""
    start = pd.Timestamp(run.scenario.start_date) + pd.Timedelta(days=60)
    c = retention.churn_rate(run.orders, start, threshold_days=90, method="observed")
    active, churned = int(c["customers_at_start"]), int(c["churned"])
    return Numbers({"active": _n(active), "churned": _n(churned)}, _r(100 * churned / active, 1), 0.1)


def repeat_conversion(run: sim.Result) -> Numbers:
    """Repeat conversion rate = customers with ≥ 2 orders / buyers (Chaffey Fig 9.13), in %."""
    m = retention.repeat_metrics(run.orders)
    buyers, repeat = int(m["buyers"]), int(m["repeat_customer_base"])
    return Numbers({"buyers": _n(buyers), "repeat": _n(repeat)}, _r(100 * repeat / buyers, 1), 0.1)


def revenue_per_repeat_transaction(run: sim.Result) -> Numbers:
    """Revenue per repeat-customer transaction = revenue of repeat customers' orders / their orders, in VND."""
    m = retention.repeat_metrics(run.orders)
    revenue, orders = round(float(m["repeat_revenue_vnd"]), -3), int(m["repeat_transactions"])
    return Numbers({"revenue": _n(revenue), "orders": _n(orders)}, _r(revenue / orders, 0), _vnd_tolerance(revenue / orders))


def formula_ltv(run: sim.Result) -> Numbers:
    """LTV = m · r / (1 + d − r) with d = 10% (Chaffey Fig 9.14), in VND.

    m and r are estimated (:func:`sim.measures.value.estimate_margin_and_retention`) from a year of the
    default shop scaled to 1.500 prospects, with the run's seed: the ``demo`` run is only half a year.
    """
    year = sim.simulate("default", seed=run.seed, customers=1500)
    e = value.estimate_margin_and_retention(year.orders)
    m, r, d = round(float(e["margin_per_customer_year_vnd"]), -3), round(float(e["retention_rate"]), 2), 0.1
    return Numbers({"m": _n(m), "r": vi_number(r, 2), "d": "10"}, _r(m * r / (1 + d - r), 0), _vnd_tolerance(m * r / (1 + d - r)))


def servqual_gap(run: sim.Result) -> Numbers:
    """Gap = mean perception − mean expectation of a dimension (Parasuraman et al. 1988); the text asks for its size."""
    s = run.surveys
    e, p = round(float(s["tangibles_expectation"].mean()), 2), round(float(s["tangibles_perception"].mean()), 2)
    return Numbers({"e": vi_number(e, 2), "p": vi_number(p, 2), "sign": "thấp hơn" if p < e else "cao hơn"},
                   _r(abs(p - e), 2), 0.005)


def cross_sell_share(run: sim.Result) -> Numbers:
    """Cross-sell share = orders with a cross-sell / orders (Chaffey: customer extension), in %."""
    n, k = len(run.orders), int(run.orders["cross_sell"].sum())
    return Numbers({"orders": _n(n), "cross": _n(k)}, _r(100 * k / n, 1), 0.1)


def email_completeness(run: sim.Result) -> Numbers:
    """Completeness = records with a value / records (data quality, Chaffey Fig 9.18), in %."""
    dirty = sim.simulate(QUIZ_SCENARIO, seed=run.seed, dirty=True).customers_dirty
    records, filled = len(dirty), int(dirty["email"].notna().sum() - (dirty["email"].astype(str).str.strip() == "").sum())
    return Numbers({"records": _n(records), "filled": _n(filled)}, _r(100 * filled / records, 1), 0.1)


def buyer_rate(run: sim.Result) -> Numbers:
    """Conversion of prospects = customers with an order / prospects (lecture 001), in %."""
    prospects, buyers = len(run.customers), int(run.orders["customer_id"].nunique())
    return Numbers({"prospects": _n(prospects), "buyers": _n(buyers)}, _r(100 * buyers / prospects, 1), 0.1)


def scorecard_cost_per_visit(run: sim.Result) -> Numbers:
    """Cost per visit = acquisition spend / first visits of the channel (Agrawal et al. 2001), in VND."""
    row = _paid_search(run)
    spend, visits = round(float(row["spend_vnd"]), -3), int(row["visits"])
    return Numbers({"spend": _n(spend), "visits": _n(visits), "channel": label("channel", "paid_search")},
                   _r(spend / visits, 0), _vnd_tolerance(spend / visits))


MEASURES: dict[str, Callable[[sim.Result], Numbers]] = {f.__name__: f for f in (
    evaluation_security_share, journey_conversion, cost_ratio, deflection_rate, chat_utilisation, opt_in_rate,
    paid_search_cpa, paid_search_cpc, best_channel_roi, seo_page_score, promoter_share, nps_interval_half_width,
    observed_churn_rate, repeat_conversion, revenue_per_repeat_transaction, formula_ltv, servqual_gap,
    cross_sell_share, email_completeness, buyer_rate, scorecard_cost_per_visit)}
"""Every measure a numerical question may name, by function name."""


def numbers(name: str, run: sim.Result) -> Numbers:
    """The numbers of measure ``name`` on ``run``.

    Raises:
        KeyError: no measure has that name.
        ValueError: the run has no data for it (the answer would not be a finite number ≥ 0).
    """
    result = MEASURES[name](run)
    if not (math.isfinite(result.answer) and result.answer >= 0 and result.tolerance > 0):
        raise ValueError(f"{name}: answer {result.answer} / tolerance {result.tolerance} on this run")
    return result


__all__ = ["MEASURES", "QUIZ_SCENARIO", "Numbers", "numbers", "run_for"]
