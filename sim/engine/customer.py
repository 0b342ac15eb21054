"""SimPy processes, named after their actors.

``customer`` follows one person from the first visit to the end of the run:
the five-stage purchase decision process of lecture 000 §2 (need recognition,
information search, evaluation, purchase, post-purchase evaluation), repeated
for every new need, until the person loses interest (a prospect), churns, or
the run ends. ``arrivals`` brings prospects in through the channels; ``clock``
reports progress.

Time is in days. Drop-outs record their stage and reason. Churn is a hazard
that competes with the next need: whichever comes first wins, so no order can
come after the true churn time. A competitor's offers add a second hazard that
loyalty resists (lecture 000 §3); the churn records which of the two it was.

Each step of a journey happens at a touchpoint: the site, a call to the hotline or
a visit to the store (multi-channel conversion, chương 6), and an order is paid
before delivery, cash on delivery (which may be refused at the door) or at the store.

The processes run at every event of the simulation, so they read the model's
numbers into local names once and add each record's fields to the model's flat
record lists (``Model.journey``, ``Model.orders``, ``Model.surveys``); stage 4
and stage 5, which run once per order, are plain functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from sim.base.codes import (
    ACTIVE,
    CH,
    CHANNELS,
    CHURN_CAUSES,
    CHURNED,
    EV,
    EVALUATION_REASONS,
    LC,
    PAY,
    RQ,
    RS,
    TP,
    TRIGGER_OF_CHANNEL,
)
from sim.engine.channels import AD_CONTENT_IRRELEVANT, AD_NONE, AD_SEARCH_IRRELEVANT, day_part
from sim.engine.quality import survey_scores

if TYPE_CHECKING:
    import simpy

    from sim.engine.calendar import CalendarEnvironment
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
NEED_NEW_ITEM, NEED_TRADE_IN = EV["need_new_item"], EV["need_trade_in"]
DROPOUT, EVALUATED = EV["dropout"], EV["evaluated"]
PURCHASED, POST_PURCHASE = EV["purchased"], EV["post_purchase"]
SEARCH_INTERNAL, SEARCH_EXTERNAL = EV["search_internal"], EV["search_external"]
R_NO_REAL_NEED, R_BOUGHT_ELSEWHERE = RS["no_real_need"], RS["bought_elsewhere"]
R_NOT_ENOUGH_INFORMATION, R_SITE_SLOW_OR_DOWN = RS["not_enough_information"], RS["site_slow_or_down"]
R_PAYMENT_FAILED, R_DELIVERY_FAILED = RS["payment_failed"], RS["delivery_failed"]
R_IRRELEVANT_CLICK, R_REFUSED_AT_DOOR = RS["irrelevant_click"], RS["refused_at_door"]
ONLINE, PHONE, STORE = TP["online"], TP["phone"], TP["store"]
PREPAID, COD, AT_STORE = PAY["prepaid"], PAY["cod"], PAY["at_store"]
LAPSED, COMPETITOR = CHURN_CAUSES.index("lapsed"), CHURN_CAUSES.index("competitor")
LC_REQUIREMENTS, LC_ACQUISITION = LC["requirements"], LC["acquisition"]
LC_OWNERSHIP, LC_RETIREMENT = LC["ownership"], LC["retirement"]
RQ_QUESTION, RQ_PAYMENT, RQ_DELIVERY_FAILED = RQ["pre_purchase_question"], RQ["payment_problem"], RQ["delivery_failed"]
RQ_WHERE_IS_MY_ORDER, RQ_WARRANTY, RQ_RETURN = RQ["where_is_my_order"], RQ["warranty"], RQ["return"]
RQ_RESALE = RQ["resale"]


FLUSH_EVERY = 512
"""Arrivals between two moves of the records into their arrays (:meth:`sim.engine.model.Model.flush_records`)."""


def arrivals(env: CalendarEnvironment, m: Model, schedule: list[tuple[float, int, int]]) -> Generator:
    """Bring each scheduled prospect in at their arrival time, as an errand (a process nobody waits for)."""
    timeout, process, add_prospect, flush = env.timeout, env.errand, m.add_prospect, m.flush_records
    for i, (at, channel, persona, ad) in enumerate(schedule):
        if at > env.now:
            yield timeout(at - env.now)
        cid = add_prospect(at, channel, persona, ad=ad)
        process(customer(env, m, cid))
        if i % FLUSH_EVERY == 0:
            flush()


def clock(env: simpy.Environment, end_day: float, report: Callable[[float], None]) -> Generator:
    """Report the simulated day every ten days (for a progress bar)."""
    while env.now < end_day:
        yield env.timeout(10.0)
        report(min(env.now, end_day))


def customer(env: simpy.Environment, m: Model, cid: int, delay: float = 0.0) -> Generator:
    """One person: journeys until a first purchase, then life as a customer."""
    if delay > 0.0:
        yield env.timeout(delay)
    p = m.personas[m.persona[cid]]
    channel = m.channel[cid]
    trigger = NEED_REFERRAL if m.referred_by[cid] >= 0 else TRIGGER_EVENT[channel]
    if m.ad[cid] in (AD_SEARCH_IRRELEVANT, AD_CONTENT_IRRELEVANT):
        # Clicked an ad that matched a search (or a page) for something else: gone at once.
        m.journey.extend((cid, 1, env.now, 1, trigger, channel, 0, ONLINE,
                          cid, 1, env.now, 1, DROPOUT, channel, R_IRRELEVANT_CLICK, ONLINE))
        return
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
    yield from customer_life(env, m, cid, p, journey_no)


def churn_rates(m: Model, cid: int, p: PersonaParams) -> tuple[float, float]:
    """(all churn, competitor defection) per day of a customer now.

    churn = monthly_hazard / 30 · (1 − protection · L) (× defection_multiplier in the zone of
    defection); defection = offers a day · defection_prob · σ · (1 − loyalty_resistance · L):
    loyal customers resist competitors (lecture 000 §3). Returns (churn + defection, defection).
    """
    sc = m.scenario
    loyalty = m.loyalty[cid]
    churn = m.churn_base_per_day * (1.0 - sc.churn.loyalty_protection * loyalty)
    if m.last_satisfaction[cid] <= sc.loyalty.defection_max_satisfaction:
        churn *= sc.churn.defection_multiplier
    defection = p.defection_per_day * (1.0 - m.loyalty_resistance * loyalty)
    return churn + defection, defection


def customer_life(env: simpy.Environment, m: Model, cid: int, p: PersonaParams, journey_no: int) -> Generator:
    """Life as a customer: repeat needs until churn or the end of the run.

    The next event is whichever comes first of churn (or defection to a competitor), a need of
    the customer's own, a campaign, a recommendation or a new-item e-mail that triggers a need,
    and the day they are done with an item they resell through the shop (:func:`next_need`).
    """
    timeout = env.timeout
    while True:
        # The numbers behind the choice live and die in next_need: a customer waiting weeks for
        # their next need holds no stale numbers, whose release would touch cold memory later.
        plan = next_need(m, cid, p, env.now)
        if plan is None:
            return
        delay, trigger, channel, new_category, new_product = plan
        del plan
        yield timeout(delay)
        if trigger == NEED_TRADE_IN:
            # Done with an item: the shop helps sell it on (bán lại); the credit may bring a new need.
            m.resale_at[cid] = INF
            m.raise_request(cid, env.now, LC_RETIREMENT, RQ_RESALE)
            if m.u["service_functions"].u() >= m.scenario.service_functions.resale_rebuy_prob:
                continue
        elif trigger == NEED_NEW_ITEM:
            m.new_item[cid] = (new_category, new_product)
        journey_no += 1
        yield from purchase_journey(env, m, cid, journey_no, trigger, channel, p, True)
        m.new_item.pop(cid, None)


def next_need(m: Model, cid: int, p: PersonaParams, now: float) -> tuple[float, int, int, int, int] | None:
    """A customer's next need at time ``now``: (days until it, need event, channel, new category, new product).

    None when churn (or defection) comes first, or nothing comes before the horizon: the customer's
    final state is then recorded.
    """
    life, email = m.u["lifecycle"], m.u["email"]
    rate, defect_rate = churn_rates(m, cid, p)
    t_churn = now + life.exponential(1.0 / rate) if rate > 0 else INF
    t_need = now + life.exponential(p.mean_days_between_needs)
    sub_end = m.sub_end[cid]
    new_category = new_product = -1
    if sub_end > now:
        camp_p = p.campaign_trigger_prob_sms if m.widened_at[cid] <= now else p.campaign_trigger_prob
        t_camp = m.next_triggered(now, m.campaign_interval, camp_p, sub_end, email)
        t_rec = m.next_triggered(now, m.rec_interval, m.rec_trigger, sub_end, email)
        t_new, new_category, new_product = m.next_new_item(now, m.bought_mask[cid], sub_end, email)
    else:
        t_camp = t_rec = t_new = INF
    t_resale = max(now, m.resale_at[cid])  # an item retired during the last journey: resold now
    t_next, trigger, channel = _earliest(t_need, t_camp, t_rec, t_new)
    if t_resale <= t_next:
        t_next, trigger, channel = t_resale, NEED_TRADE_IN, DIRECT
    if t_churn <= t_next:
        if t_churn <= m.horizon:
            m.churned_at[cid] = t_churn
            m.final_state[cid] = CHURNED
            m.churn_cause[cid] = COMPETITOR if m.u["competitor"].u() * rate < defect_rate else LAPSED
        else:
            m.final_state[cid] = ACTIVE
        return None
    if t_next > m.horizon:
        m.final_state[cid] = ACTIVE
        return None
    return t_next - now, trigger, channel, new_category, new_product


def _earliest(t_need: float, t_camp: float, t_rec: float, t_new: float) -> tuple[float, int, int]:
    """(time, need event, channel) of the first of a customer's own need, a campaign, a recommendation and a
    new-item e-mail; on a tie the one named first (the comparisons of ``min`` with a key, written out)."""
    if t_camp < t_need:
        t_need, trigger, channel = t_camp, NEED_CAMPAIGN, EMAIL
    else:
        trigger, channel = NEED_SPONTANEOUS, DIRECT
    if t_rec < t_need:
        t_need, trigger = t_rec, NEED_RECOMMENDATION
        channel = EMAIL
    if t_new < t_need:
        t_need, trigger = t_new, NEED_NEW_ITEM
        channel = EMAIL
    return t_need, trigger, channel


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


def purchase_journey(env: simpy.Environment, m: Model, cid: int, journey_no: int, trigger: int, channel: int,
                     p: PersonaParams, repeat: bool) -> Generator:
    """The five stages of one purchase decision (lecture 000 §2, lecture 001 Fig. 9.3).

    Each stage takes time (``timing`` in the scenario); the customer may drop out
    at every stage, and the drop-out records the stage and the reason. Each step
    records its touchpoint: a search session is a visit to the site, a call to the
    hotline or a visit to the store; evaluation happens where the last session was,
    and the order is placed online, by phone or in the store (chương 6, multi-channel
    conversion). Returns True when an order was placed and delivered.
    """
    rec = m.journey.extend
    uj = m.u["journey"]
    u = uj.u
    t = env.now
    # 1. Need recognition.
    rec((cid, journey_no, t, 1, trigger, channel, 0, ONLINE))
    if repeat:
        # A loyal customer brings a new need to this shop; a disloyal one buys elsewhere.
        if u() >= m.repeat_pass_at_zero + m.repeat_pass_slope * m.loyalty[cid]:
            rec((cid, journey_no, t, 1, DROPOUT, channel, R_BOUGHT_ELSEWHERE, ONLINE))
            return False
    else:
        intent = p.intent
        if journey_no == 1 and m.ad[cid] != AD_NONE:
            # An ad visitor's intent depends on the part of the day (day parting).
            intent = min(1.0, intent * m.intent_by_day_part[day_part(t)])
        if u() >= intent:
            rec((cid, journey_no, t, 1, DROPOUT, channel, R_NO_REAL_NEED, ONLINE))
            return False
    # 2. Information search.
    touch, offline_seen, channel = yield from information_search(env, m, cid, journey_no, channel, p, repeat)
    if touch < 0:
        return False
    # 3. Evaluation of alternatives: competing risks, one per reason.
    yield env.timeout(uj.exponential(m.evaluation_days))
    t = env.now
    passing, reason_cum = evaluation_odds(m, cid, p, repeat, offline_seen)
    if u() >= passing:
        rec((cid, journey_no, t, 3, DROPOUT, channel, EVAL_REASON_CODES[uj.choice(reason_cum)], touch))
        return False
    rec((cid, journey_no, t, 3, EVALUATED, channel, 0, touch))
    yield env.timeout(uj.exponential(m.checkout_days))
    # Where the order is placed: online, or by phone or in the store.
    uo = m.u["offline"].u
    finish = ONLINE
    if uo() < (m.finish_offline_after_offline if offline_seen else m.finish_offline_after_online):
        finish = STORE if uo() < m.store_finish_share else PHONE
    # 4. Purchase: payment, delivery, warranty.
    order = place_order(m, cid, journey_no, trigger, channel, p, env.now, finish)
    if order is None:
        return False
    late, warranty, tier, delivery_days, made_to_order = order
    if delivery_days > 0.0:
        yield env.timeout(delivery_days)
    # 5. Post-purchase evaluation: experience against expectation.
    survey = post_purchase(env, m, cid, journey_no, channel, p, tier, late, warranty, finish, made_to_order)
    if survey is not None:
        # The customer answers the NPS survey of this order a little later.
        answer_after, nps, satisfaction, request_points = survey
        yield env.timeout(answer_after)
        scores = survey_scores(m.survey_plan, p.expectation, satisfaction, late, request_points, m.u["survey"])
        m.surveys.extend((cid, env.now, nps, satisfaction, *scores))
    return True


def information_search(env: simpy.Environment, m: Model, cid: int, journey_no: int, channel: int,
                       p: PersonaParams, repeat: bool) -> Generator:
    """Stage 2: search sessions, each on the site, on the phone or in the store.

    Internal memory after a purchase (half the sessions and half the risk), external sources
    before. A session on the site meets the site's risk first (slow or down), then the persona's;
    a call or a store visit only the persona's. Returns the last session's touchpoint (−1 after a
    drop-out), whether a session was offline, and the channel of the last session (later
    sessions are direct visits).
    """
    rec = m.journey.extend
    uj = m.u["journey"]
    u = uj.u
    if repeat:
        sessions = 1 + uj.poisson(p.extra_sessions_repeat)
        event, dropout, offline_dropout = SEARCH_INTERNAL, p.search_dropout_repeat, p.offline_dropout_repeat
    else:
        sessions = 1 + uj.poisson(p.extra_sessions)
        event, dropout, offline_dropout = SEARCH_EXTERNAL, p.search_dropout, p.offline_dropout
    yield env.timeout(uj.exponential(m.to_search_days))
    ask = m.u["service"].u
    uo = m.u["offline"].u
    site_leave = m.site_leave
    phone_p, offline_p = m.phone_session_prob, m.phone_session_prob + m.store_session_prob
    offline_seen = False
    touch = ONLINE
    for k in range(sessions):
        if k:
            yield env.timeout(uj.exponential(m.session_gap_days))
            channel = DIRECT
        t = env.now
        if offline_p > 0.0:
            y = uo()
            touch = PHONE if y < phone_p else STORE if y < offline_p else ONLINE
        rec((cid, journey_no, t, 2, event, channel, 0, touch))
        x = u()
        if touch == ONLINE:
            if not repeat and ask() < p.question_prob:
                m.raise_request(cid, t, LC_REQUIREMENTS, RQ_QUESTION)
            risk = dropout  # = s + (1 − s)·d: x < s is the site, the rest the persona's reasons
        else:
            offline_seen = True
            risk = offline_dropout  # no site in the way: the persona's reasons only
        if x < risk:
            if touch == ONLINE and x < site_leave:
                reason = R_SITE_SLOW_OR_DOWN
            else:
                reason = R_BOUGHT_ELSEWHERE if u() < m.elsewhere_share else R_NOT_ENOUGH_INFORMATION
            rec((cid, journey_no, t, 2, DROPOUT, channel, reason, touch))
            return -1, offline_seen, channel
    return touch, offline_seen, channel


def evaluation_odds(m: Model, cid: int, p: PersonaParams, repeat: bool,
                    offline_seen: bool) -> tuple[float, tuple[float, ...]]:
    """P(pass evaluation) and the cumulative weights of the reasons, for this customer now.

    A repeat customer's risks depend on their loyalty (in hundredths); after a phone call or a
    store visit the trust risks are lower (:func:`sim.engine.model.evaluation_risks`).
    """
    if repeat:
        step = int(m.loyalty[cid] * 100.0 + 0.5)
        return p.repeat_risks_offline[step] if offline_seen else p.repeat_risks[step]
    if offline_seen:
        return p.first_pass_offline, p.first_reason_cum_offline
    return p.first_pass, p.first_reason_cum


def place_order(m: Model, cid: int, journey_no: int, trigger: int, channel: int, p: PersonaParams,
                t: float, touch: int = ONLINE) -> tuple[bool, bool, int, float, bool] | None:
    """Stage 4 at time ``t``: payment, the basket, delivery.

    Payment (:func:`payment_of`): in the store at the counter, by phone cash on delivery (COD),
    online COD or before delivery, where the payment may fail. A COD order may be refused at
    the door ("bom hàng"): a stage-4 drop-out with its own reason. An order placed in the store
    is taken home: no delivery, so no failed or late delivery. Shipping is free for orders of at
    least ``free_shipping_min_order_vnd`` (the shop pays it), else the customer pays
    ``shipping_fee_vnd``. A made-to-order order costs more and takes longer.

    Records the order (or the failed payment, delivery or refusal) and the service requests it
    raises. Returns (late, warranty claim, price tier, days to delivery, made to order) of a
    delivered order, None when it was not delivered.
    """
    o = m.order_params
    rec = m.journey.extend
    u = m.u["purchase"].u
    payment = payment_of(m, touch)
    failed = u() < o.payment_failure_prob
    if failed and payment == PREPAID:
        rec((cid, journey_no, t, 4, DROPOUT, channel, R_PAYMENT_FAILED, touch))
        m.raise_request(cid, t, LC_ACQUISITION, RQ_PAYMENT)
        return None
    via_rec = trigger == NEED_RECOMMENDATION
    new_item = m.new_item.get(cid) if trigger == NEED_NEW_ITEM else None
    category, product = new_item if new_item is not None else choose_product(m, cid, via_rec)
    items, amount, margin, tier, up_sell, cross_sell = basket(m, category, product)
    made_to_order = o.made_to_order_prob > 0.0 and m.u["service_functions"].u() < o.made_to_order_prob
    if made_to_order:
        amount *= 1.0 + o.made_to_order_premium
        margin *= 1.0 + o.made_to_order_premium
    delivery_days = 0.0 if touch == STORE else o.delivery_days + (o.made_to_order_extra_days if made_to_order else 0.0)
    if not delivered(m, cid, journey_no, t, channel, touch, payment, delivery_days):
        return None
    late = u() < o.delivery_late_prob and touch != STORE
    warranty = u() < o.warranty_claim_prob
    shipping = 0.0
    if touch != STORE:
        if amount >= o.free_shipping_min_vnd:
            margin -= o.shipping_fee_vnd  # free delivery: the shop pays the courier
        else:
            shipping = o.shipping_fee_vnd
    rec((cid, journey_no, t, 4, PURCHASED, channel, 0, touch))
    if m.first_order[cid] == INF:
        m.first_order[cid] = t
        if m.sub_end[cid] > t and m.widen_prob > 0.0 and m.u["permission"].u() < m.widen_prob:
            m.widened_at[cid] = t  # Godin's fourth step: an extra voucher for SMS/Zalo as well
    m.last_category[cid] = category
    m.last_product[cid] = product
    m.bought_mask[cid] |= 1 << category
    m.orders.extend((cid, t, amount, margin, category, m.product_offset[category] + product, items,
                     m.first_order[cid] == t, via_rec, cross_sell, up_sell, late, journey_no, tier,
                     touch, payment, shipping, made_to_order, new_item is not None))
    if late:
        delivery_days += o.late_extra_days
        if m.u["service"].u() < p.late_request_prob:
            m.raise_request(cid, t + o.delivery_days, LC_OWNERSHIP, RQ_WHERE_IS_MY_ORDER)
    return late, warranty, tier, delivery_days, made_to_order


def payment_of(m: Model, touch: int) -> int:
    """How an order is paid: at the counter in the store, cash on delivery by phone, and online
    cash on delivery with probability ``cod_share``, else before delivery (``payment`` source)."""
    if touch == STORE:
        return AT_STORE
    if touch == PHONE or m.u["payment"].u() < m.order_params.cod_share:
        return COD
    return PREPAID


def delivered(m: Model, cid: int, journey_no: int, t: float, channel: int, touch: int, payment: int,
              delivery_days: float) -> bool:
    """Whether an order reaches the customer: the courier may fail, and a COD parcel may be refused.

    A failed delivery raises a service request and counts as a very poor experience; a refusal at
    the door ("bom hàng", reason ``refused_at_door``) costs the shop the delivery both ways
    (``cod_refusal_cost_vnd``). An order taken home from the store is always delivered.
    """
    o = m.order_params
    failure = m.u["purchase"].u() < o.delivery_failure_prob
    if touch == STORE:
        return True
    if failure:
        m.journey.extend((cid, journey_no, t, 4, DROPOUT, channel, R_DELIVERY_FAILED, touch))
        m.raise_request(cid, t + delivery_days, LC_OWNERSHIP, RQ_DELIVERY_FAILED)
        _update_loyalty(m, cid, o.failed_delivery_score)
        return False
    if payment == COD and m.u["payment"].u() < o.cod_refusal_prob:
        m.journey.extend((cid, journey_no, t, 4, DROPOUT, channel, R_REFUSED_AT_DOOR, touch))
        return False
    return True


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


def post_purchase(env: CalendarEnvironment, m: Model, cid: int, journey_no: int, channel: int,
                  p: PersonaParams, tier: int, late: bool, warranty: bool, touch: int = ONLINE,
                  made_to_order: bool = False) -> tuple[float, int, int, float] | None:
    """Stage 5, on delivery: satisfaction, loyalty, NPS, referrals and after-sale requests.

    Satisfaction = round(base + quality noise − expectation − tier step − late and
    warranty penalties + service points + e-service points + made-to-order points), clipped to 1–5.
    With the resale service, the customer will resell the item through the shop when done
    with it (after an exponential time of use) with probability ``resale_prob``.
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
             + request_points + x.e_service_points + (x.made_to_order_points if made_to_order else 0.0))
    satisfaction = min(5, max(1, int(score + 0.5)))
    m.journey.extend((cid, journey_no, t, 5, POST_PURCHASE, channel, 0, touch))
    if x.resale_prob > 0.0:
        sfu = m.u["service_functions"]
        if sfu.u() < x.resale_prob:
            m.resale_at[cid] = min(m.resale_at[cid], t + sfu.exponential(x.mean_days_of_use))
    loyalty = _update_loyalty(m, cid, satisfaction)
    nps = min(10, max(0, int(ue.normal(x.nps_base[satisfaction] + x.nps_per_loyalty * loyalty, x.nps_noise_sd) + 0.5)))
    if nps >= 9 and ue.u() < x.referral_prob:
        delay = ue.exponential(x.mean_days_to_referral)
        if t + delay < m.window:
            friend = m.add_prospect(t + delay, SOCIAL, m.draw_persona("social", m.u["personas"]), referred_by=cid)
            env.errand(customer(env, m, friend, delay))
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
