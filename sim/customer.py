"""SimPy processes, named after their actors.

``customer`` follows one person from the first visit to the end of the run:
the five-stage purchase decision process of lecture 000 §2 (need recognition,
information search, evaluation, purchase, post-purchase evaluation), repeated
for every new need, until the person loses interest (a prospect), churns, or
the run ends. ``arrivals`` brings prospects in through the channels; ``clock``
reports progress.

Time is in days. Drop-outs record their stage and reason. Churn is a hazard
that competes with the next need: whichever comes first wins, so no order can
come after the true churn time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from sim.labels import LIFECYCLE_STAGES, REQUESTS
from sim.model import (
    ACTIVE,
    CH,
    CHURNED,
    EV,
    EVALUATION_REASONS,
    RS,
    TRIGGER_OF_CHANNEL,
    loyalty_target,
)
from sim.quality import survey_scores
from sim.scenario.schema import CHANNELS

if TYPE_CHECKING:
    import simpy

    from sim.model import Model

DIRECT = CH["direct"]
EMAIL = CH["email"]
SOCIAL = CH["social"]
EVAL_REASON_CODES = tuple(RS[r] for r in EVALUATION_REASONS)
LC = {name: i for i, name in enumerate(LIFECYCLE_STAGES)}
RQ = {name: i for i, name in enumerate(REQUESTS)}
TRIGGER_EVENT = {name: EV[TRIGGER_OF_CHANNEL[name]] for name in CHANNELS}
DROPOUT, EVALUATED = EV["dropout"], EV["evaluated"]
SEARCH_INTERNAL, SEARCH_EXTERNAL = EV["search_internal"], EV["search_external"]
R_NO_REAL_NEED, R_BOUGHT_ELSEWHERE = RS["no_real_need"], RS["bought_elsewhere"]
R_NOT_ENOUGH_INFORMATION = RS["not_enough_information"]
LC_REQUIREMENTS, RQ_QUESTION = LC["requirements"], RQ["pre_purchase_question"]


def arrivals(env: simpy.Environment, m: Model, schedule: list[tuple[float, int, int]]) -> Generator:
    """Bring each scheduled prospect in at their arrival time."""
    for at, channel, persona in schedule:
        if at > env.now:
            yield env.timeout(at - env.now)
        cid = m.add_prospect(at, channel, persona)
        env.process(customer(env, m, cid))


def clock(env: simpy.Environment, end_day: float, report: Callable[[float], None]) -> Generator:
    """Report the simulated day every ten days (for a progress bar)."""
    while env.now < end_day:
        yield env.timeout(10.0)
        report(min(env.now, end_day))


def customer(env: simpy.Environment, m: Model, cid: int, delay: float = 0.0) -> Generator:  # noqa: PLR0912, PLR0915
    """One person: journeys until a first purchase, then life as a customer."""
    if delay > 0.0:
        yield env.timeout(delay)
    sc = m.scenario
    life = m.u["lifecycle"]
    email = m.u["email"]
    p = m.personas[m.persona[cid]]
    channel = m.channel[cid]
    trigger = EV["need_referral"] if m.referred_by[cid] >= 0 else TRIGGER_EVENT[CHANNELS[channel]]
    journey_no = 0
    returns = 0
    # Prospect: first-purchase journeys.
    while True:
        journey_no += 1
        bought = yield from purchase_journey(env, m, cid, journey_no, trigger, channel, p, repeat=False)
        if bought:
            break
        if returns >= sc.max_returns:
            return
        returns += 1
        now = env.now
        t_self = now + life.exponential(p.mean_days_to_return) if life.u() < p.return_prob else math.inf
        interest_end = now + 3.0 * p.mean_days_to_return
        t_mail = m.next_triggered(now, m.campaign_interval, p.campaign_trigger_prob,
                                  min(m.sub_end[cid], interest_end), email)
        t_next = min(t_self, t_mail)
        if t_next >= m.window or t_next == math.inf:
            return  # lost interest (or came back only after the window: not observed)
        trigger, channel = (EV["need_campaign"], EMAIL) if t_mail < t_self else (EV["need_spontaneous"], DIRECT)
        yield env.timeout(t_next - now)
    # Customer: repeat needs until churn or the end of the run.
    horizon = m.horizon
    camp_p = p.campaign_trigger_prob
    protection = sc.churn.loyalty_protection
    defection_max = sc.loyalty.defection_max_satisfaction
    defection_multiplier = sc.churn.defection_multiplier
    while True:
        now = env.now
        churn_rate = m.churn_base_per_day * (1.0 - protection * m.loyalty[cid])
        if m.last_satisfaction[cid] <= defection_max:
            churn_rate *= defection_multiplier
        t_churn = now + life.exponential(1.0 / churn_rate) if churn_rate > 0 else math.inf
        t_need = now + life.exponential(p.mean_days_between_needs)
        sub_end = m.sub_end[cid]
        if sub_end > now:
            t_camp = m.next_triggered(now, m.campaign_interval, camp_p, sub_end, email)
            t_rec = m.next_triggered(now, m.rec_interval, m.rec_trigger, sub_end, email)
        else:
            t_camp = t_rec = math.inf
        t_next = min(t_need, t_camp, t_rec)
        if t_churn <= t_next:
            if t_churn <= horizon:
                m.churned_at[cid] = t_churn
                m.final_state[cid] = CHURNED
            else:
                m.final_state[cid] = ACTIVE
            return
        if t_next > horizon:
            m.final_state[cid] = ACTIVE
            return
        if t_next == t_need:
            trigger, channel = EV["need_spontaneous"], DIRECT
        elif t_next == t_camp:
            trigger, channel = EV["need_campaign"], EMAIL
        else:
            trigger, channel = EV["need_recommendation"], EMAIL
        yield env.timeout(t_next - now)
        journey_no += 1
        yield from purchase_journey(env, m, cid, journey_no, trigger, channel, p, repeat=True)


def purchase_journey(env, m, cid, journey_no, trigger, channel, p, repeat):  # noqa: C901, PLR0912, PLR0915
    """The five stages of one purchase decision (lecture 000 §2, lecture 001 Fig. 9.3).

    Each stage takes time (``timing`` in the scenario); the customer may drop out
    at every stage, and the drop-out records the stage and the reason.
    Returns True when an order was placed and delivered.
    """
    sc = m.scenario
    rec = m.journey.append
    uj = m.u["journey"]
    u = uj.u
    t = env.now
    # 1. Need recognition.
    rec((cid, journey_no, t, 1, trigger, channel, 0))
    if repeat:
        # A loyal customer brings a new need to this shop; a disloyal one buys elsewhere.
        if u() >= m.repeat_pass_at_zero + m.repeat_pass_slope * m.loyalty[cid]:
            rec((cid, journey_no, t, 1, DROPOUT, channel, R_BOUGHT_ELSEWHERE))
            return False
    elif u() >= p.intent:
        rec((cid, journey_no, t, 1, DROPOUT, channel, R_NO_REAL_NEED))
        return False
    # 2. Information search: internal memory after a purchase, external sources before.
    if repeat:
        sessions = 1 + uj.poisson(p.extra_sessions * 0.5)
        event = SEARCH_INTERNAL
        dropout = p.search_dropout * 0.5
    else:
        sessions = 1 + uj.poisson(p.extra_sessions)
        event = SEARCH_EXTERNAL
        dropout = p.search_dropout
    yield env.timeout(uj.exponential(m.to_search_days))
    for k in range(sessions):
        if k:
            yield env.timeout(uj.exponential(m.session_gap_days))
            channel = DIRECT
        t = env.now
        rec((cid, journey_no, t, 2, event, channel, 0))
        if not repeat and m.u["service"].u() < m.question_prob * p.request_factor:
            m.raise_request(cid, t, LC_REQUIREMENTS, RQ_QUESTION)
        if u() < dropout:
            reason = R_BOUGHT_ELSEWHERE if u() < 0.6 else R_NOT_ENOUGH_INFORMATION
            rec((cid, journey_no, t, 2, DROPOUT, channel, reason))
            return False
    # 3. Evaluation of alternatives: competing risks, one per reason.
    yield env.timeout(uj.exponential(m.evaluation_days))
    t = env.now
    if repeat:
        passing, reason_cum = p.repeat_risks[int(m.loyalty[cid] * 100.0 + 0.5)]
    else:
        passing, reason_cum = p.first_pass, p.first_reason_cum
    if u() >= passing:
        reason = EVAL_REASON_CODES[uj.choice(reason_cum)]
        rec((cid, journey_no, t, 3, DROPOUT, channel, reason))
        return False
    rec((cid, journey_no, t, 3, EVALUATED, channel, 0))
    yield env.timeout(uj.exponential(m.checkout_days))
    t = env.now
    # 4. Purchase: payment, delivery, warranty.
    up = m.u["purchase"]
    pu = sc.purchase
    if up.u() < pu.payment_failure_prob:
        rec((cid, journey_no, t, 4, DROPOUT, channel, RS["payment_failed"]))
        m.raise_request(cid, t, LC["acquisition"], RQ["payment_problem"])
        return False
    last = m.last_category[cid]
    via_rec = trigger == EV["need_recommendation"]
    if last >= 0 and (via_rec or up.u() < sc.catalogue.same_category_prob):
        category = last
        # The product that goes with the last one: what a recommendation e-mail suggests.
        if via_rec or up.u() < sc.catalogue.companion_prob:
            product = m.companion[category][m.last_product[cid]]
        else:
            product = up.choice(m.product_cum[category])
    else:
        category = up.choice(m.category_cum)
        product = up.choice(m.product_cum[category])
    cat = sc.catalogue.categories[m.category_names[category]]
    tier, factor = m.products[category][product]
    up_sell = tier + 1 < len(cat.price_tiers_vnd) and up.u() < sc.catalogue.up_sell_prob
    if up_sell:
        tier += 1
    price = round(cat.price_tiers_vnd[tier] * factor, -3)
    items = 1 + up.poisson(sc.catalogue.mean_items_per_order - 1.0)
    amount = price * items
    margin = amount * cat.margin_rate
    cross_sell = up.u() < m.cross_sell_prob
    if cross_sell:
        other = up.choice(m.category_cum)
        ocat = sc.catalogue.categories[m.category_names[other]]
        oprice = round(ocat.price_tiers_vnd[0] * m.products[other][0][1], -3)
        items += 1
        amount += oprice
        margin += oprice * ocat.margin_rate
    if up.u() < pu.delivery_failure_prob:
        rec((cid, journey_no, t, 4, DROPOUT, channel, RS["delivery_failed"]))
        m.raise_request(cid, t + pu.delivery_days, LC["ownership"], RQ["delivery_failed"])
        _update_loyalty(m, cid, sc.satisfaction.failed_delivery_score)
        return False
    late = up.u() < pu.delivery_late_prob
    warranty = up.u() < pu.warranty_claim_prob
    rec((cid, journey_no, t, 4, EV["purchased"], channel, 0))
    is_first = m.first_order[cid] == math.inf
    if is_first:
        m.first_order[cid] = t
    m.last_category[cid] = category
    m.last_product[cid] = product
    m.orders.append((cid, t, amount, margin, category, m.product_offset[category] + product, items,
                     is_first, via_rec, cross_sell, up_sell, late, journey_no, tier))
    if late and m.u["service"].u() < sc.service_requests.late_delivery_prob * p.request_factor:
        m.raise_request(cid, t + pu.delivery_days, LC["ownership"], RQ["where_is_my_order"])
    yield env.timeout(pu.delivery_days + (pu.late_extra_days if late else 0.0))
    # 5. Post-purchase evaluation: experience against expectation.
    t = env.now
    ue = m.u["experience"]
    ss = sc.satisfaction
    request_points = m.service_experience(cid, t)
    score = (ss.base + ue.normal(0.0, ss.quality_sd) - p.expectation - ss.tier_expectation_step * tier
             - (ss.late_penalty if late else 0.0) - (ss.warranty_penalty if warranty else 0.0)
             + request_points + m.e_service_points)
    satisfaction = min(5, max(1, int(score + 0.5)))
    rec((cid, journey_no, t, 5, EV["post_purchase"], channel, 0))
    loyalty = _update_loyalty(m, cid, satisfaction)
    sv = sc.survey
    nps = sv.intercept + sv.per_satisfaction_point * satisfaction + sv.per_loyalty * loyalty
    nps = min(10, max(0, int(ue.normal(nps, sv.noise_sd) + 0.5)))
    if nps >= 9 and ue.u() < sc.channels.social.referral_prob:
        delay = ue.exponential(sc.channels.social.mean_days_to_referral)
        if t + delay < m.window:
            friend = m.add_prospect(t + delay, SOCIAL, m.draw_persona("social", m.u["personas"]), referred_by=cid)
            env.process(customer(env, m, friend, delay))
    us = m.u["service"]
    if warranty:
        m.raise_request(cid, t + us.exponential(30.0), LC["ownership"], RQ["warranty"])
    if (satisfaction <= sc.service_requests.return_request_max_satisfaction and sc.trust.return_policy
            and us.u() < sc.service_requests.return_request_prob * p.request_factor):
        m.raise_request(cid, t + us.exponential(3.0), LC["retirement"], RQ["return"])
    if ue.u() < sv.response_rate:
        # The customer answers the NPS survey of this order a little later.
        yield env.timeout(ue.exponential(sv.mean_days_to_answer))
        scores = survey_scores(sc, m.quality_levels, p.expectation, satisfaction, late, request_points, m.u["survey"])
        m.surveys.append((cid, env.now, nps, satisfaction, *scores))
    return True


def _update_loyalty(m: Model, cid: int, satisfaction: float) -> float:
    """Loyalty ← (1 − w)·loyalty + w·f(satisfaction) + programme boost, capped at 1."""
    lo = m.scenario.loyalty
    target = loyalty_target(satisfaction, lo.floor, lo.curvature)
    value = (1.0 - lo.memory_weight) * m.loyalty[cid] + lo.memory_weight * target + m.loyalty_boost
    value = min(1.0, value)
    m.loyalty[cid] = value
    m.last_satisfaction[cid] = satisfaction
    return value
