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

The processes run at every event of the simulation, so they read the model's
numbers into local names once and add each record's fields to the model's flat
record lists (``Model.journey``, ``Model.orders``, ``Model.surveys``); stage 4
and stage 5, which run once per order, are plain functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from sim.base.codes import ACTIVE, CH, CHANNELS, CHURNED, EV, EVALUATION_REASONS, LC, RQ, RS, TRIGGER_OF_CHANNEL
from sim.engine.quality import survey_scores

if TYPE_CHECKING:
    import simpy

    from sim.engine.model import Model, PersonaParams

INF = math.inf
DIRECT = CH["direct"]
EMAIL = CH["email"]
SOCIAL = CH["social"]
EVAL_REASON_CODES = tuple(RS[r] for r in EVALUATION_REASONS)
TRIGGER_EVENT = tuple(EV[TRIGGER_OF_CHANNEL[name]] for name in CHANNELS)
"""The need event of a first visit, by channel number."""
NEED_REFERRAL, NEED_SPONTANEOUS = EV["need_referral"], EV["need_spontaneous"]
NEED_CAMPAIGN, NEED_RECOMMENDATION = EV["need_campaign"], EV["need_recommendation"]
DROPOUT, EVALUATED = EV["dropout"], EV["evaluated"]
PURCHASED, POST_PURCHASE = EV["purchased"], EV["post_purchase"]
SEARCH_INTERNAL, SEARCH_EXTERNAL = EV["search_internal"], EV["search_external"]
R_NO_REAL_NEED, R_BOUGHT_ELSEWHERE = RS["no_real_need"], RS["bought_elsewhere"]
R_NOT_ENOUGH_INFORMATION, R_SITE_SLOW_OR_DOWN = RS["not_enough_information"], RS["site_slow_or_down"]
R_PAYMENT_FAILED, R_DELIVERY_FAILED = RS["payment_failed"], RS["delivery_failed"]
LC_REQUIREMENTS, LC_ACQUISITION = LC["requirements"], LC["acquisition"]
LC_OWNERSHIP, LC_RETIREMENT = LC["ownership"], LC["retirement"]
RQ_QUESTION, RQ_PAYMENT, RQ_DELIVERY_FAILED = RQ["pre_purchase_question"], RQ["payment_problem"], RQ["delivery_failed"]
RQ_WHERE_IS_MY_ORDER, RQ_WARRANTY, RQ_RETURN = RQ["where_is_my_order"], RQ["warranty"], RQ["return"]


def arrivals(env: simpy.Environment, m: Model, schedule: list[tuple[float, int, int]]) -> Generator:
    """Bring each scheduled prospect in at their arrival time."""
    timeout, process, add_prospect = env.timeout, env.process, m.add_prospect
    for at, channel, persona in schedule:
        if at > env.now:
            yield timeout(at - env.now)
        cid = add_prospect(at, channel, persona)
        process(customer(env, m, cid))


def clock(env: simpy.Environment, end_day: float, report: Callable[[float], None]) -> Generator:
    """Report the simulated day every ten days (for a progress bar)."""
    while env.now < end_day:
        yield env.timeout(10.0)
        report(min(env.now, end_day))


def customer(env: simpy.Environment, m: Model, cid: int, delay: float = 0.0) -> Generator:  # noqa: PLR0912, PLR0915
    """One person: journeys until a first purchase, then life as a customer."""
    if delay > 0.0:
        yield env.timeout(delay)
    p = m.personas[m.persona[cid]]
    channel = m.channel[cid]
    trigger = NEED_REFERRAL if m.referred_by[cid] >= 0 else TRIGGER_EVENT[channel]
    journey_no = 0
    returns = 0
    # Prospect: first-purchase journeys.
    while True:
        journey_no += 1
        bought = yield from purchase_journey(env, m, cid, journey_no, trigger, channel, p, False)
        if bought:
            break
        if returns >= m.scenario.max_returns:
            return
        returns += 1
        now = env.now
        t_next, trigger, channel = return_visit(m, cid, p, now)
        if t_next >= m.window:
            return  # lost interest (or came back only after the window: not observed)
        yield env.timeout(t_next - now)
    # Customer: repeat needs until churn or the end of the run.
    sc = m.scenario
    timeout, life, email, next_triggered = env.timeout, m.u["lifecycle"], m.u["email"], m.next_triggered
    horizon = m.horizon
    camp_p = p.campaign_trigger_prob
    protection = sc.churn.loyalty_protection
    defection_max = sc.loyalty.defection_max_satisfaction
    defection_multiplier = sc.churn.defection_multiplier
    churn_base = m.churn_base_per_day
    campaign_interval, rec_interval, rec_trigger = m.campaign_interval, m.rec_interval, m.rec_trigger
    loyalty, satisfaction = m.loyalty, m.last_satisfaction
    while True:
        now = env.now
        churn_rate = churn_base * (1.0 - protection * loyalty[cid])
        if satisfaction[cid] <= defection_max:
            churn_rate *= defection_multiplier
        t_churn = now + life.exponential(1.0 / churn_rate) if churn_rate > 0 else INF
        t_need = now + life.exponential(p.mean_days_between_needs)
        sub_end = m.sub_end[cid]
        if sub_end > now:
            t_camp = next_triggered(now, campaign_interval, camp_p, sub_end, email)
            t_rec = next_triggered(now, rec_interval, rec_trigger, sub_end, email)
        else:
            t_camp = t_rec = INF
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
            trigger, channel = NEED_SPONTANEOUS, DIRECT
        elif t_next == t_camp:
            trigger, channel = NEED_CAMPAIGN, EMAIL
        else:
            trigger, channel = NEED_RECOMMENDATION, EMAIL
        yield timeout(t_next - now)
        journey_no += 1
        yield from purchase_journey(env, m, cid, journey_no, trigger, channel, p, True)


def return_visit(m: Model, cid: int, p: PersonaParams, now: float) -> tuple[float, int, int]:
    """When a prospect who did not buy comes back, and why: (time, need event, channel).

    On their own with probability ``return_prob``, after an exponential time with
    mean ``mean_days_to_return``; or on the first house-list e-mail that triggers
    a need while they are subscribed and still interested (3 × that mean);
    whichever comes first. Time inf: they do not come back.
    """
    life = m.u["lifecycle"]
    t_self = now + life.exponential(p.mean_days_to_return) if life.u() < p.return_prob else INF
    interest_end = now + 3.0 * p.mean_days_to_return
    t_mail = m.next_triggered(now, m.campaign_interval, p.campaign_trigger_prob,
                              min(m.sub_end[cid], interest_end), m.u["email"])
    if t_mail < t_self:
        return t_mail, NEED_CAMPAIGN, EMAIL
    return t_self, NEED_SPONTANEOUS, DIRECT


def purchase_journey(env: simpy.Environment, m: Model, cid: int, journey_no: int, trigger: int, channel: int,  # noqa: PLR0912, PLR0915
                     p: PersonaParams, repeat: bool) -> Generator:
    """The five stages of one purchase decision (lecture 000 §2, lecture 001 Fig. 9.3).

    Each stage takes time (``timing`` in the scenario); the customer may drop out
    at every stage, and the drop-out records the stage and the reason.
    Returns True when an order was placed and delivered.
    """
    rec = m.journey.extend
    uj = m.u["journey"]
    u = uj.u
    timeout = env.timeout
    t = env.now
    # 1. Need recognition.
    rec((cid, journey_no, t, 1, trigger, channel, 0))
    if repeat:
        # A loyal customer brings a new need to this shop; a disloyal one buys elsewhere.
        if u() >= m.repeat_pass_at_zero + m.repeat_pass_slope * m.loyalty[cid]:
            rec((cid, journey_no, t, 1, DROPOUT, channel, R_BOUGHT_ELSEWHERE))
            return False
        # 2. Information search: internal memory after a purchase, ...
        sessions = 1 + uj.poisson(p.extra_sessions_repeat)
        event = SEARCH_INTERNAL
        dropout = p.search_dropout_repeat
    else:
        if u() >= p.intent:
            rec((cid, journey_no, t, 1, DROPOUT, channel, R_NO_REAL_NEED))
            return False
        # ... external sources before.
        sessions = 1 + uj.poisson(p.extra_sessions)
        event = SEARCH_EXTERNAL
        dropout = p.search_dropout
    yield timeout(uj.exponential(m.to_search_days))
    ask = m.u["service"].u
    site_leave = m.site_leave
    for k in range(sessions):
        if k:
            yield timeout(uj.exponential(m.session_gap_days))
            channel = DIRECT
        t = env.now
        rec((cid, journey_no, t, 2, event, channel, 0))
        if not repeat and ask() < p.question_prob:
            m.raise_request(cid, t, LC_REQUIREMENTS, RQ_QUESTION)
        x = u()
        if x < dropout:  # dropout = s + (1 − s)·d: x < s is the site, the rest the persona's reasons
            if x < site_leave:
                reason = R_SITE_SLOW_OR_DOWN
            else:
                reason = R_BOUGHT_ELSEWHERE if u() < 0.6 else R_NOT_ENOUGH_INFORMATION
            rec((cid, journey_no, t, 2, DROPOUT, channel, reason))
            return False
    # 3. Evaluation of alternatives: competing risks, one per reason.
    yield timeout(uj.exponential(m.evaluation_days))
    t = env.now
    if repeat:
        passing, reason_cum = p.repeat_risks[int(m.loyalty[cid] * 100.0 + 0.5)]
    else:
        passing, reason_cum = p.first_pass, p.first_reason_cum
    if u() >= passing:
        rec((cid, journey_no, t, 3, DROPOUT, channel, EVAL_REASON_CODES[uj.choice(reason_cum)]))
        return False
    rec((cid, journey_no, t, 3, EVALUATED, channel, 0))
    yield timeout(uj.exponential(m.checkout_days))
    # 4. Purchase: payment, delivery, warranty.
    order = place_order(m, cid, journey_no, trigger, channel, p, env.now)
    if order is None:
        return False
    late, warranty, tier = order
    pu = m.scenario.purchase
    yield timeout(pu.delivery_days + (pu.late_extra_days if late else 0.0))
    # 5. Post-purchase evaluation: experience against expectation.
    survey = post_purchase(env, m, cid, journey_no, channel, p, tier, late, warranty)
    if survey is not None:
        # The customer answers the NPS survey of this order a little later.
        answer_after, nps, satisfaction, request_points = survey
        yield timeout(answer_after)
        scores = survey_scores(m.survey_plan, p.expectation, satisfaction, late, request_points, m.u["survey"])
        m.surveys.extend((cid, env.now, nps, satisfaction, *scores))
    return True


def place_order(m: Model, cid: int, journey_no: int, trigger: int, channel: int, p: PersonaParams,
                t: float) -> tuple[bool, bool, int] | None:
    """Stage 4 at time ``t``: payment, the basket, delivery.

    Records the order (or the failed payment or delivery) and the service
    requests it raises. Returns (late, warranty claim, price tier) of a delivered
    order, None when payment or delivery failed.
    """
    o = m.order_params
    rec = m.journey.extend
    u = m.u["purchase"].u
    if u() < o.payment_failure_prob:
        rec((cid, journey_no, t, 4, DROPOUT, channel, R_PAYMENT_FAILED))
        m.raise_request(cid, t, LC_ACQUISITION, RQ_PAYMENT)
        return None
    via_rec = trigger == NEED_RECOMMENDATION
    category, product = choose_product(m, cid, via_rec)
    items, amount, margin, tier, up_sell, cross_sell = basket(m, category, product)
    if u() < o.delivery_failure_prob:
        rec((cid, journey_no, t, 4, DROPOUT, channel, R_DELIVERY_FAILED))
        m.raise_request(cid, t + o.delivery_days, LC_OWNERSHIP, RQ_DELIVERY_FAILED)
        _update_loyalty(m, cid, o.failed_delivery_score)
        return None
    late = u() < o.delivery_late_prob
    warranty = u() < o.warranty_claim_prob
    rec((cid, journey_no, t, 4, PURCHASED, channel, 0))
    is_first = m.first_order[cid] == INF
    if is_first:
        m.first_order[cid] = t
    m.last_category[cid] = category
    m.last_product[cid] = product
    m.orders.extend((cid, t, amount, margin, category, m.product_offset[category] + product, items,
                     is_first, via_rec, cross_sell, up_sell, late, journey_no, tier))
    if late and m.u["service"].u() < p.late_request_prob:
        m.raise_request(cid, t + o.delivery_days, LC_OWNERSHIP, RQ_WHERE_IS_MY_ORDER)
    return late, warranty, tier


def choose_product(m: Model, cid: int, via_rec: bool) -> tuple[int, int]:
    """The category and product (index within it) of an order.

    A returning customer stays in the category of their last order with
    probability ``same_category_prob`` (always, after a recommendation e-mail),
    and then takes the product that goes with the last one with probability
    ``companion_prob`` (always after a recommendation); otherwise a category by
    its share and a product by popularity (Zipf).
    """
    up = m.u["purchase"]
    last = m.last_category[cid]
    if last >= 0 and (via_rec or up.u() < m.order_params.same_category_prob):
        # The product that goes with the last one: what a recommendation e-mail suggests.
        if via_rec or up.u() < m.order_params.companion_prob:
            return last, m.companion[last][m.last_product[cid]]
        return last, up.choice(m.product_cum[last])
    category = up.choice(m.category_cum)
    return category, up.choice(m.product_cum[category])


def basket(m: Model, category: int, product: int) -> tuple[int, float, float, int, bool, bool]:
    """Items, amount and margin (VND), price tier, up-sell and cross-sell of an order.

    Price = tier price × the product's price factor, to the thousand VND. An
    up-sell moves to the next tier; 1 + Poisson(mean items − 1) items; a cross-sell
    adds one entry-tier product of a category drawn by share.
    """
    o = m.order_params
    up = m.u["purchase"]
    tiers, margin_rate = o.prices[category]
    tier, factor = m.products[category][product]
    up_sell = tier + 1 < len(tiers) and up.u() < o.up_sell_prob
    if up_sell:
        tier += 1
    price = round(tiers[tier] * factor, -3)
    items = 1 + up.poisson(o.extra_items_mean)
    amount = price * items
    margin = amount * margin_rate
    cross_sell = up.u() < o.cross_sell_prob
    if cross_sell:
        other = up.choice(m.category_cum)
        other_tiers, other_margin_rate = o.prices[other]
        other_price = round(other_tiers[0] * m.products[other][0][1], -3)
        items += 1
        amount += other_price
        margin += other_price * other_margin_rate
    return items, amount, margin, tier, up_sell, cross_sell


def post_purchase(env: simpy.Environment, m: Model, cid: int, journey_no: int, channel: int,
                  p: PersonaParams, tier: int, late: bool, warranty: bool) -> tuple[float, int, int, float] | None:
    """Stage 5, on delivery: satisfaction, loyalty, NPS, referrals and after-sale requests.

    Satisfaction = round(base + quality noise − expectation − tier step − late and
    warranty penalties + service points + e-service points), clipped to 1–5.
    NPS answer = round(intercept + per point × satisfaction + per loyalty × loyalty + noise), clipped to 0–10.
    Returns, when the customer will answer the survey of this order: the delay (days)
    before they answer, their NPS score, satisfaction and service points; else None.
    """
    t = env.now
    x = m.experience_params
    ue = m.u["experience"]
    request_points = m.service_experience(cid, t)
    score = (x.base + ue.normal(0.0, x.quality_sd) - p.expectation - x.tier_expectation[tier]
             - (x.late_penalty if late else 0.0) - (x.warranty_penalty if warranty else 0.0)
             + request_points + x.e_service_points)
    satisfaction = min(5, max(1, int(score + 0.5)))
    m.journey.extend((cid, journey_no, t, 5, POST_PURCHASE, channel, 0))
    loyalty = _update_loyalty(m, cid, satisfaction)
    nps = min(10, max(0, int(ue.normal(x.nps_base[satisfaction] + x.nps_per_loyalty * loyalty, x.nps_noise_sd) + 0.5)))
    if nps >= 9 and ue.u() < x.referral_prob:
        delay = ue.exponential(x.mean_days_to_referral)
        if t + delay < m.window:
            friend = m.add_prospect(t + delay, SOCIAL, m.draw_persona("social", m.u["personas"]), referred_by=cid)
            env.process(customer(env, m, friend, delay))
    us = m.u["service"]
    if warranty:
        m.raise_request(cid, t + us.exponential(30.0), LC_OWNERSHIP, RQ_WARRANTY)
    if satisfaction <= x.return_request_max_satisfaction and x.return_policy and us.u() < p.return_request_prob:
        m.raise_request(cid, t + us.exponential(3.0), LC_RETIREMENT, RQ_RETURN)
    if ue.u() >= x.survey_response_rate:
        return None
    return ue.exponential(x.mean_days_to_answer), nps, satisfaction, request_points


def _update_loyalty(m: Model, cid: int, satisfaction: float) -> float:
    """Loyalty ← (1 − w)·loyalty + w·f(satisfaction) + programme boost, capped at 1.

    f is the Heskett et al. (1994) curve (:func:`sim.engine.model.loyalty_target`), tabulated by satisfaction.
    """
    x = m.experience_params
    w = x.memory_weight
    value = min(1.0, (1.0 - w) * m.loyalty[cid] + w * x.loyalty_target[satisfaction] + x.loyalty_boost)
    m.loyalty[cid] = value
    m.last_satisfaction[cid] = satisfaction
    return value
