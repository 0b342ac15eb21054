"""The model: owns the SimPy environment, the random streams and the records.

Processes (``sim.engine.customer``) read the model's parameters and append plain
tuples to its record lists; ``sim.engine.tables`` turns the records into DataFrames
once, at the end. The model is built from a validated :class:`Scenario` and a
seed; the same pair always gives the same records.
"""

from __future__ import annotations

import gc
import math
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from sim.base.codes import ACTIVE, CH, CHANNELS, CHURNED, DAY_PART_HOURS, DAY_PARTS, LOST, PERSONAS, REQUESTS
from sim.base.rng import Seed, UniformStream, cumulative, make_streams
from sim.base.units import DAYS_PER_MONTH, MIN_PER_DAY
from sim.engine.calendar import CalendarEnvironment
from sim.engine.channels import (
    AD_CONTENT,
    AD_CONTENT_IRRELEVANT,
    AD_NONE,
    AD_SEARCH,
    AD_SEARCH_IRRELEVANT,
    channel_plan,
)
from sim.engine.customer import arrivals, clock
from sim.engine.quality import SurveyPlan
from sim.engine.service_desk import ServiceDesk, contact, delayed_contact, request_points, scaled_staff
from sim.scenario.schema import Scenario

RECORDS = ("journey", "orders", "surveys")
"""The model's flat record lists (see :meth:`Model.flush_records`)."""
BOUGHT_ELSEWHERE_SHARE = 0.6
"""Share of the persona's search drop-outs who buy elsewhere; the others lack information."""
BUCKET_DAYS = 1.0 / 24.0
"""One hour: the length of a bucket of the event calendar (:class:`sim.engine.calendar.CalendarEnvironment`)."""
PER_CUSTOMER_TYPES = {
    "arrival": "d", "channel": "b", "persona": "b", "sub_end": "d", "referred_by": "q", "first_order": "d",
    "churned_at": "d", "final_state": "b", "loyalty": "d", "last_satisfaction": "d", "last_category": "q",
    "last_product": "q", "ad": "b", "widened_at": "d", "resale_at": "d", "churn_cause": "b",
}
"""The model's per-customer arrays and their ``array`` type codes: ``d`` a float, ``q`` a whole number,
``b`` a small code (channel, persona, state, cause). ``opt_in`` and ``bought_mask`` stay lists."""


@dataclass(frozen=True)
class PersonaParams:
    """A persona's numbers, unpacked once for the hot loop."""

    intent: float
    extra_sessions: float
    search_dropout: float
    """P(drop out at a search session): the site's (:func:`site_leave_prob`) or the persona's."""
    price_sensitivity: float
    promo_response: float
    expectation: float
    mean_days_between_needs: float
    return_prob: float
    mean_days_to_return: float
    first_pass: float
    first_reason_cum: tuple[float, ...]
    repeat_risks: tuple[tuple[float, tuple[float, ...]], ...]
    """P(pass) and reason weights for a repeat journey, by loyalty in hundredths."""
    campaign_trigger_prob: float
    """P(one house-list e-mail triggers a need) = open rate × trigger × promo response."""
    request_factor: float
    """How much more (or less) often than average this persona asks for service."""
    extra_sessions_repeat: float
    """Mean extra search sessions of a repeat journey (internal search: half as many)."""
    search_dropout_repeat: float
    """P(drop out at a search session) of a repeat journey (half the first-journey risk), site included."""
    question_prob: float
    """P(a pre-purchase question at a search session) = question_prob × request_factor."""
    late_request_prob: float
    """P(asking "where is my order?" when late) = late_delivery_prob × request_factor."""
    return_request_prob: float
    """P(asking to return a disappointing order) = return_request_prob × request_factor."""
    offline_dropout: float
    """P(drop out at a phone call or store visit): the persona's reasons only, no site."""
    offline_dropout_repeat: float
    first_pass_offline: float
    """P(pass evaluation) of a first journey after an offline contact (trust risks × offline_trust_factor)."""
    first_reason_cum_offline: tuple[float, ...]
    repeat_risks_offline: tuple[tuple[float, tuple[float, ...]], ...]
    campaign_trigger_prob_sms: float
    """P(one campaign triggers a need) for a customer reached by e-mail and SMS: 1 − (1 − e-mail)(1 − SMS)."""
    defection_per_day: float
    """Competitor defection rate a day with no loyalty: offers a day × defection_prob × price sensitivity."""


@dataclass(frozen=True, slots=True)
class OrderParams:
    """Stage 4 (purchase) numbers, unpacked once: read once per order."""

    payment_failure_prob: float
    same_category_prob: float
    companion_prob: float
    up_sell_prob: float
    extra_items_mean: float
    """Mean items per order − 1 (a Poisson number of extra items)."""
    cross_sell_prob: float
    delivery_failure_prob: float
    delivery_late_prob: float
    warranty_claim_prob: float
    delivery_days: float
    late_extra_days: float
    failed_delivery_score: int
    prices: tuple[tuple[tuple[float, ...], float], ...]
    """Per category: (price of each tier in VND, margin rate)."""
    cod_share: float
    cod_refusal_prob: float
    free_shipping_min_vnd: float
    """Orders of at least this value ship free (inf without free shipping)."""
    shipping_fee_vnd: float
    made_to_order_prob: float
    """0 when made-to-order is not offered."""
    made_to_order_premium: float
    made_to_order_extra_days: float


@dataclass(frozen=True, slots=True)
class ExperienceParams:
    """Stage 5 (post-purchase evaluation) numbers, unpacked once: read once per order."""

    base: float
    quality_sd: float
    tier_expectation: tuple[float, ...]
    """tier_expectation_step × tier, by tier."""
    late_penalty: float
    warranty_penalty: float
    e_service_points: float
    loyalty_target: tuple[float, ...]
    """f(s) of the Heskett curve by satisfaction s (index 0 unused)."""
    memory_weight: float
    loyalty_boost: float
    nps_base: tuple[float, ...]
    """intercept + per_satisfaction_point × s by satisfaction s (index 0 unused)."""
    nps_per_loyalty: float
    nps_noise_sd: float
    referral_prob: float
    mean_days_to_referral: float
    return_request_max_satisfaction: int
    return_policy: bool
    survey_response_rate: float
    mean_days_to_answer: float
    made_to_order_points: float
    resale_prob: float
    """P(an item is resold through the shop when retired); 0 without the resale service."""
    mean_days_of_use: float


def evaluation_risks(scenario: Scenario, price_sensitivity: float, repeat: bool, loyalty: float,
                     offline: bool = False) -> list[float]:
    """Drop-out risks at evaluation, one per reason in ``EVALUATION_REASONS``.

    Lecture 000 §1 names the two main reasons for not buying online: no
    guarantee of security, and quality that cannot be verified. Each lever that
    is on multiplies its risk by (1 − reduction). A repeat customer trusts the
    shop more (× repeat_trust_factor) and compares prices less
    (price risk × (1 − loyalty_price_shield × loyalty)). Free delivery lowers the
    price risk (× (1 − free_shipping_price_risk_reduction)); after a phone call or
    a store visit the security, quality and return risks are × offline_trust_factor
    (chương 6, multi-channel conversion).
    """
    ev, tr, es = scenario.evaluation, scenario.trust, scenario.e_services
    security = ev.security_concern_prob * ((1 - ev.security_badge_reduction) if tr.security_badge else 1.0)
    if not es.core:
        security = min(1.0, security * es.core_missing_security_factor)
    quality = ev.quality_doubt_prob * (es.value_added_quality_doubt_factor if es.value_added else 1.0)
    if tr.quality_verification:
        quality *= 1 - ev.quality_verification_reduction
    if tr.reviews:
        quality *= 1 - ev.reviews_reduction
    returns = ev.return_worry_prob * ((1 - ev.return_policy_reduction) if tr.return_policy else 1.0)
    reviews = ev.poor_reviews_prob * (5.0 - ev.review_rating) / 4.0 if tr.reviews else 0.0
    price = min(1.0, price_sensitivity * ev.price_dropout_at_parity_prob * ev.price_index ** ev.price_elasticity)
    sf = scenario.service_functions
    if sf.free_shipping:
        price *= 1.0 - sf.free_shipping_price_risk_reduction
    if offline:
        factor = scenario.multichannel.offline_trust_factor
        security, quality, returns = security * factor, quality * factor, returns * factor
    if repeat:
        factor = ev.repeat_trust_factor
        security, quality, returns = security * factor, quality * factor, returns * factor
        price *= 1 - ev.loyalty_price_shield * loyalty
    return [security, quality, returns, reviews, price]


def competing_risks(risks: list[float]) -> tuple[float, tuple[float, ...]]:
    """P(pass) = Π(1 − p_r) and the cumulative weights of the reason given a drop.

    The reason of a drop-out is drawn with weight −ln(1 − p_r), the share of
    each risk in the total hazard, so the order of the checks does not matter.
    """
    passing = 1.0
    hazards = []
    for p in risks:
        passing *= 1.0 - p
        hazards.append(-math.log(1.0 - p) if p < 1.0 else 1e9)
    total = sum(hazards)
    cum = tuple(cumulative(hazards)) if total > 0 else tuple(1.0 for _ in hazards)
    return passing, cum


def site_leave_prob(site_availability: float, page_load_seconds: float, leave_prob_per_second: float) -> float:
    """P(a search session ends because the site is down or too slow).

    s = 1 − A·(1 − min(1, k·max(0, t − 1))), with A the share of the time the site is up
    (a visit while it is down is lost), t the page load time in seconds and k the extra
    chance of giving up per second above one. Lecture 001 (RATER): reliability is the
    site's availability, responsiveness its speed; lecture 000 §4.1: the foundation
    e-services are the site's function and effectiveness.
    """
    slow = min(1.0, leave_prob_per_second * max(0.0, page_load_seconds - 1.0))
    return 1.0 - site_availability * (1.0 - slow)


def opt_in_prob(pm) -> float:
    """P(opt in) = base + (max − base)·(1 − e^(−incentive / scale)): Godin's first step, the incentive."""
    return pm.opt_in_base_prob + (pm.opt_in_max_prob - pm.opt_in_base_prob) * (
        1.0 - math.exp(-pm.incentive_vnd / pm.incentive_scale_vnd))


def email_open_rate(pm) -> float:
    """Open rate of the house list: × (1 + teaching_open_rate_uplift) when welcome e-mails teach (Godin's second step)."""
    if pm.teaching_emails > 0:
        return min(1.0, pm.open_rate * (1.0 + pm.teaching_open_rate_uplift))
    return pm.open_rate


def unsubscribe_prob(pm) -> float:
    """P(a subscriber leaves after one campaign e-mail).

    p = p₄ · (sends_per_month / 4)^fatigue · (1 − teaching reduction, with teaching) · e^(−reward / scale):
    too many e-mails wear the permission out; teaching (step 2) and a monthly reward (step 3) keep it.
    """
    p = pm.unsubscribe_prob_per_email * (pm.sends_per_month / 4.0) ** pm.fatigue_exponent
    if pm.teaching_emails > 0:
        p *= 1.0 - pm.teaching_unsubscribe_reduction
    p *= math.exp(-pm.reinforcement_vnd_per_month / pm.reinforcement_scale_vnd)
    return min(1.0, p)


def widen_prob(pm) -> float:
    """P(a subscriber widens the permission to SMS/Zalo) = widen_max·(1 − e^(−additional / incentive_scale)) (step 4)."""
    return pm.widen_max_prob * (1.0 - math.exp(-pm.additional_incentive_vnd / pm.incentive_scale_vnd))


def with_site_leave(persona_dropout: float, site: float) -> float:
    """P(drop out at a search session) = s + (1 − s)·d: the site's chance s first, then the persona's d."""
    return site + (1.0 - site) * persona_dropout


def loyalty_target(satisfaction: float, floor: float, curvature: float) -> float:
    """Heskett et al. (1994) curve: f(s) = floor + (1 − floor)·((s − 1)/4)^curvature."""
    x = (satisfaction - 1.0) / 4.0
    return floor + (1.0 - floor) * x**curvature


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a run.

    A run allocates millions of small objects (events, generator frames) and frees
    almost all of them by reference counting: SimPy drops an event once it is
    processed. The cyclic collector would still wake up every few hundred
    allocations and rescan every long-lived object of the process (the imported
    libraries, the per-customer state), which costs a quarter of the run's time
    and grows with its size. The few cycles a run leaves (about ten per thousand
    customers) are collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Model:
    """One simulation run of a scenario with a seed.

    Args:
        scenario: validated parameters.
        seed: the run's seed; every source of randomness gets its own stream. A shard of a larger
            run (:mod:`sim.engine.shards`) gets its own SeedSequence, a child of the run's seed.
        prospects_scale: multiplies every channel's arrival rate (and so spend), and the
            service agents (:func:`sim.engine.service_desk.scaled_staff`).
        shop_seed: the seed of the shop itself (its catalogue and new products): the run's seed, so
            that every shard of a run sells the same products at the same prices; by default ``seed``.
    """

    def __init__(self, scenario: Scenario, seed: Seed, prospects_scale: float = 1.0, shop_seed: Seed | None = None):
        self.scenario = scenario
        self.seed = seed
        self.env = CalendarEnvironment(bucket_days=BUCKET_DAYS)
        self.generators, self.u = make_streams(seed)
        self.shop_generators = self.generators if shop_seed is None else make_streams(shop_seed)[0]
        self.window = float(scenario.observation_days)
        self.horizon = float(scenario.horizon_days)
        self.plan = channel_plan(scenario)
        self.scale = prospects_scale
        self._setup_parameters()
        self._setup_catalogue()
        self.desk = ServiceDesk(self.env, scaled_staff(scenario.service, prospects_scale), self.u["service"])
        # Per-customer state, indexed by an internal id in order of creation: typed arrays (8 bytes a
        # number, one byte a code, side by side), not lists of Python objects, so that reading or
        # changing a customer's field touches one place in memory (see PER_CUSTOMER_TYPES).
        for name, typecode in PER_CUSTOMER_TYPES.items():
            setattr(self, name, array(typecode))
        self.arrival: array
        self.channel: array
        self.persona: array
        self.opt_in: list[bool] = []
        self.sub_end: array
        self.referred_by: array
        self.first_order: array
        self.churned_at: array
        self.final_state: array
        self.loyalty: array
        self.last_satisfaction: array
        self.last_category: array
        self.last_product: array  # index within last_category
        self.ad: array
        """How the prospect came through a paid-search ad (``AD_NONE``, ``AD_SEARCH``…)."""
        self.widened_at: array
        """When the customer added SMS/Zalo to their permission (inf: never)."""
        self.bought_mask: list[int] = []
        """Categories the customer has bought in, one bit each: their interests for new-item e-mails."""
        self.resale_at: array
        """When the customer will be done with an item they will resell through the shop (inf: none)."""
        self.churn_cause: array
        """Index in ``CHURN_CAUSES`` of a churned customer's cause."""
        self.new_item: dict[int, tuple[int, int]] = {}
        """The new product (category, index) an announcement made a customer want, until they buy or drop."""
        self.open_requests: dict[int, list[list]] = {}
        """Requests each customer has raised since their last post-purchase evaluation."""
        # Records, flat: one number per field, row after row (``sim.engine.tables`` reshapes them).
        # The processes add to short lists (the fastest append), which :meth:`flush_records` moves into
        # arrays of doubles every few hundred prospects: 8 bytes a number, no object for the cyclic
        # garbage collector to scan, and NumPy reads them without a copy.
        self.journey: list[float] = []
        """Journey events, ``JOURNEY_FIELDS`` per row (the latest ones; the others are in ``stored``)."""
        self.orders: list[float] = []
        """Orders, ``ORDER_FIELDS`` per row."""
        self.surveys: list[float] = []
        """Survey answers: customer, time, NPS, satisfaction, then expectation and perception per dimension."""
        self.tickets: list[tuple] = []
        """Service requests: (customer, time, lifecycle stage, request, outcome slot)."""
        self.stored: dict[str, array] = {name: array("d") for name in RECORDS}
        """The records moved out of ``journey``, ``orders`` and ``surveys`` by :meth:`flush_records`."""

    def flush_records(self) -> None:
        """Move the records of ``journey``, ``orders`` and ``surveys`` into their arrays (``stored``)."""
        for name in RECORDS:
            recent = getattr(self, name)
            if recent:
                self.stored[name].fromlist(recent)
                recent.clear()

    # ----------------------------------------------------------------- set-up
    def _setup_parameters(self) -> None:
        sc = self.scenario
        self.personas: list[PersonaParams] = []
        pm = sc.permission_marketing
        sr = sc.service_requests
        sq = sc.service_quality
        self.site_leave = site_leave_prob(sq.site_availability, sq.page_load_seconds, sq.slow_page_leave_prob_per_second)
        sf = sc.service_functions
        # The comparison tool (search and compare) removes part of the drop-outs for lack of information.
        info_left = 1.0 - (sf.comparison_information_reduction if sf.comparison_tool else 0.0)
        self.elsewhere_share = BOUGHT_ELSEWHERE_SHARE / (BOUGHT_ELSEWHERE_SHARE + (1 - BOUGHT_ELSEWHERE_SHARE) * info_left)
        info_factor = BOUGHT_ELSEWHERE_SHARE + (1 - BOUGHT_ELSEWHERE_SHARE) * info_left
        self.email_open_rate = email_open_rate(pm)
        co = sc.competition
        for name in PERSONAS:
            p = getattr(sc.personas, name)
            risks = evaluation_risks(sc, p.price_sensitivity, repeat=False, loyalty=0.0)
            passing, cum = competing_risks(risks)
            repeat = tuple(competing_risks(evaluation_risks(sc, p.price_sensitivity, repeat=True, loyalty=k / 100))
                           for k in range(101))
            passing_off, cum_off = competing_risks(evaluation_risks(sc, p.price_sensitivity, False, 0.0, offline=True))
            repeat_off = tuple(competing_risks(evaluation_risks(sc, p.price_sensitivity, True, k / 100, offline=True))
                               for k in range(101))
            factor = sr.persona_request_factor.get(name, 1.0)
            dropout = p.search_dropout_prob * info_factor
            email_trigger = self.email_open_rate * pm.need_trigger_prob * p.promo_response
            sms_trigger = pm.sms_need_trigger_prob * p.promo_response
            self.personas.append(PersonaParams(
                p.purchase_intent, p.search_sessions_mean - 1.0, with_site_leave(dropout, self.site_leave),
                p.price_sensitivity, p.promo_response, p.expectation, p.mean_days_between_needs,
                p.return_prob, p.mean_days_to_return, passing, cum, repeat,
                email_trigger, factor,
                (p.search_sessions_mean - 1.0) * 0.5, with_site_leave(dropout * 0.5, self.site_leave),
                sr.question_prob * factor, sr.late_delivery_prob * factor, sr.return_request_prob * factor,
                dropout, dropout * 0.5, passing_off, cum_off, repeat_off,
                1.0 - (1.0 - email_trigger) * (1.0 - sms_trigger),
                co.offers_per_month / DAYS_PER_MONTH * co.defection_prob * p.price_sensitivity,
            ))
        self._setup_levers()
        rp = sc.retention.personalization
        self.rec_interval = (30.0 / rp.emails_per_month) if (rp.enabled and rp.emails_per_month > 0) else math.inf
        self.rec_trigger = rp.open_rate * rp.need_trigger_prob if rp.enabled else 0.0
        self.cross_sell_prob = min(1.0, sc.catalogue.cross_sell_prob * ((1 + rp.cross_sell_uplift) if rp.enabled else 1.0))
        community = sc.retention.community
        self.churn_base_per_day = sc.churn.monthly_hazard / DAYS_PER_MONTH * (
            (1 - community.churn_reduction) if community.enabled else 1.0)
        lp = sc.retention.loyalty_programme
        self.loyalty_boost = lp.loyalty_boost if lp.enabled else 0.0
        lo = sc.loyalty
        self.repeat_pass_at_zero = lo.repeat_need_pass_prob_at_zero_loyalty
        self.repeat_pass_slope = lo.repeat_need_pass_prob - lo.repeat_need_pass_prob_at_zero_loyalty
        tm = sc.timing
        self.to_search_days = tm.mean_minutes_to_search / MIN_PER_DAY
        self.session_gap_days = tm.mean_days_between_sessions
        self.evaluation_days = tm.mean_evaluation_minutes / MIN_PER_DAY
        self.checkout_days = tm.mean_checkout_minutes / MIN_PER_DAY
        es = sc.e_services
        self.e_service_points = (es.foundation_satisfaction_points * (es.foundation_quality - 0.5)
                                 + (es.core_satisfaction_points if es.core else -es.core_satisfaction_points)
                                 + (es.value_added_satisfaction_points if es.value_added else 0.0))
        self.survey_plan = SurveyPlan.of(sc)
        pu, cat, ss, sv = sc.purchase, sc.catalogue, sc.satisfaction, sc.survey
        self.order_params = OrderParams(
            pu.payment_failure_prob, cat.same_category_prob, cat.companion_prob, cat.up_sell_prob,
            cat.mean_items_per_order - 1.0, self.cross_sell_prob, pu.delivery_failure_prob, pu.delivery_late_prob,
            pu.warranty_claim_prob, pu.delivery_days, pu.late_extra_days, ss.failed_delivery_score,
            tuple((tuple(c.price_tiers_vnd), c.margin_rate) for c in cat.categories.values()),
            pu.cod_share, pu.cod_refusal_prob,
            sf.free_shipping_min_order_vnd if sf.free_shipping else math.inf, sf.shipping_fee_vnd,
            sf.made_to_order_prob if sf.made_to_order else 0.0, sf.made_to_order_price_premium_rate,
            sf.made_to_order_extra_days,
        )
        n_tiers = max(len(c.price_tiers_vnd) for c in cat.categories.values())
        self.experience_params = ExperienceParams(
            ss.base, ss.quality_sd, tuple(ss.tier_expectation_step * tier for tier in range(n_tiers)),
            ss.late_penalty, ss.warranty_penalty, self.e_service_points,
            (math.nan, *(loyalty_target(s, lo.floor, lo.curvature) for s in range(1, 6))),
            lo.memory_weight, self.loyalty_boost,
            (math.nan, *(sv.intercept + sv.per_satisfaction_point * s for s in range(1, 6))),
            sv.per_loyalty, sv.noise_sd, sc.channels.social.referral_prob, sc.channels.social.mean_days_to_referral,
            sc.service_requests.return_request_max_satisfaction, sc.trust.return_policy,
            sv.response_rate, sv.mean_days_to_answer,
            sf.made_to_order_satisfaction_points, sf.resale_prob if sf.resale else 0.0, sf.mean_days_of_use,
        )

    def _setup_levers(self) -> None:
        """The permission list (Godin's four steps), competitors, offline touchpoints, new items, day parts."""
        sc = self.scenario
        pm = sc.permission_marketing
        self.opt_in_prob = opt_in_prob(pm)
        self.campaign_interval = 30.0 / pm.sends_per_month if pm.sends_per_month > 0 else math.inf
        self.unsubscribe_prob = unsubscribe_prob(pm)
        self.widen_prob = widen_prob(pm)
        self.loyalty_resistance = sc.competition.loyalty_resistance
        mc = sc.multichannel
        self.phone_session_prob = mc.phone_session_prob if mc.hotline else 0.0
        self.store_session_prob = mc.store_session_prob if mc.store else 0.0
        offline_finish = mc.hotline or mc.store
        self.finish_offline_after_online = mc.finish_offline_after_online_prob if offline_finish else 0.0
        self.finish_offline_after_offline = mc.finish_offline_after_offline_prob if offline_finish else 0.0
        self.store_finish_share = (mc.store_finish_share if mc.hotline else 1.0) if mc.store else 0.0
        ni = sc.retention.new_item_emails
        self.new_item_trigger = ni.open_rate * ni.need_trigger_prob if ni.enabled else 0.0
        ps = sc.channels.paid_search
        self.intent_by_day_part = tuple(getattr(ps.intent_by_day_part, d) for d in DAY_PARTS)

    def _setup_catalogue(self) -> None:
        cat = self.scenario.catalogue
        self.category_names = list(cat.categories)
        self.category_cum = cumulative([c.share for c in cat.categories.values()])
        gen = self.shop_generators["purchase"]
        self.products: list[list[tuple[int, float]]] = []  # per category: (tier, price_factor)
        self.product_cum: list[list[float]] = []
        self.product_offset: list[int] = []
        self.companion: list[list[int]] = []  # per category: the product that goes with each product
        offset = 0
        for c in cat.categories.values():
            n_tiers = len(c.price_tiers_vnd)
            tiers = [j % n_tiers for j in range(c.products)]
            factors = np.round(gen.uniform(0.8, 1.2, size=c.products), 2).tolist()
            self.products.append(list(zip(tiers, factors, strict=True)))
            # Popularity within a category follows Zipf's law: weight 1 / rank.
            self.product_cum.append(cumulative([1.0 / (j + 1) for j in range(c.products)]))
            # Companions form one random cycle per category: j goes with companion[j].
            order = gen.permutation(c.products).tolist()
            companion = [0] * c.products
            for i, j in enumerate(order):
                companion[j] = order[(i + 1) % c.products]
            self.companion.append(companion)
        self._setup_new_items()
        for products in self.products:
            self.product_offset.append(offset)
            offset += len(products)

    def _setup_new_items(self) -> None:
        """New products over the run (lecture 000 §3: Amazon e-mails about new items).

        Launches are a Poisson process at ``new_items_per_month``; each new product goes to a
        category drawn by share, gets a price tier and factor like the others, and the product it
        goes with is one of the category's existing products. ``launches[c]`` holds (day, product
        index) in order of time.
        """
        ni = self.scenario.retention.new_item_emails
        gen = self.shop_generators["new_items"]
        self.launches: list[list[tuple[float, int]]] = [[] for _ in self.products]
        rate = ni.new_items_per_month / DAYS_PER_MONTH if ni.enabled else 0.0
        n = int(gen.poisson(rate * self.horizon)) if rate > 0 else 0
        times = np.sort(gen.uniform(0.0, self.horizon, size=n)).tolist()
        shares = np.asarray([c.share for c in self.scenario.catalogue.categories.values()])
        categories = gen.choice(len(shares), size=n, p=shares / shares.sum()).tolist()
        factors = np.round(gen.uniform(0.8, 1.2, size=n), 2).tolist()
        tiers_u = gen.uniform(size=n).tolist()
        partners = gen.uniform(size=n).tolist()
        for t, c, f, u, v in zip(times, categories, factors, tiers_u, partners, strict=True):
            n_tiers = len(self.order_params.prices[c][0])
            n_initial = len(self.product_cum[c])
            self.products[c].append((int(u * n_tiers), f))
            self.companion[c].append(int(v * n_initial))
            self.launches[c].append((t, len(self.products[c]) - 1))
        self.launch_times = [[t for t, _ in launches] for launches in self.launches]

    # --------------------------------------------------------------- prospects
    def add_prospect(self, at: float, channel: int, persona: int, referred_by: int = -1, ad: int = AD_NONE) -> int:
        """Register a new prospect at time ``at`` and draw their e-mail consent."""
        cid = len(self.arrival)
        self.arrival.append(at)
        self.channel.append(channel)
        self.persona.append(persona)
        self.referred_by.append(referred_by)
        self.first_order.append(math.inf)
        self.churned_at.append(math.inf)
        self.final_state.append(LOST)
        self.loyalty.append(0.0)
        self.last_satisfaction.append(5.0)
        self.last_category.append(-1)
        self.last_product.append(-1)
        self.ad.append(ad)
        self.widened_at.append(math.inf)
        self.bought_mask.append(0)
        self.resale_at.append(math.inf)
        self.churn_cause.append(0)
        u = self.u["email"]
        subscribed = u.u() < self.opt_in_prob
        self.opt_in.append(subscribed)
        if subscribed:
            first = self.next_campaign(at)
            emails = u.geometric(self.unsubscribe_prob)
            self.sub_end.append(first + (emails - 1) * self.campaign_interval if emails < (1 << 29) else math.inf)
        else:
            self.sub_end.append(-math.inf)
        return cid

    def next_campaign(self, t: float) -> float:
        """Time of the first house-list campaign e-mail strictly after ``t``."""
        iv = self.campaign_interval
        if iv == math.inf:
            return math.inf
        return (math.floor(t / iv) + 1) * iv

    def next_triggered(self, t: float, interval: float, p: float, until: float, stream: UniformStream) -> float:
        """Time of the first e-mail after ``t`` that triggers a need, or inf.

        E-mails go out every ``interval`` days; each triggers a need with
        probability ``p`` (geometric number of e-mails); none after ``until``.
        """
        if p <= 0.0 or interval == math.inf or until <= t:
            return math.inf
        k = stream.geometric(p)
        at = (math.floor(t / interval) + k) * interval
        return at if at <= until else math.inf

    def next_new_item(self, t: float, mask: int, until: float, stream: UniformStream) -> tuple[float, int, int]:
        """The first new-item announcement after ``t`` that triggers a need: (time, category, product) or (inf, −1, −1).

        Each launch in a category of ``mask`` (the customer's interests) is announced by e-mail; each
        announcement triggers a need with probability open rate × trigger (a geometric number of
        announcements); none after ``until`` (the end of the subscription).
        """
        p = self.new_item_trigger
        if p <= 0.0 or mask == 0 or until <= t:
            return math.inf, -1, -1
        k = stream.geometric(p)
        after = []
        for c, times in enumerate(self.launch_times):
            if mask >> c & 1:
                i = bisect_right(times, t)
                after.extend((times[j], c, self.launches[c][j][1]) for j in range(i, min(len(times), i + k)))
        if len(after) < k:
            return math.inf, -1, -1
        after.sort()
        at, c, product = after[k - 1]
        return (at, c, product) if at <= until else (math.inf, -1, -1)

    def draw_persona(self, channel: str, stream: UniformStream) -> int:
        weights = self.plan.persona_weights[channel]
        if sum(weights) <= 0:
            weights = [getattr(self.scenario.personas, p).share for p in PERSONAS]
        return stream.choice(cumulative(weights))

    def scheduled_arrivals(self) -> list[tuple[float, int, int, int]]:
        """All arrivals by the channels' rates over the window: (time, channel, persona, ad).

        Arrivals per channel are a Poisson process: a Poisson count with mean
        rate × days, at uniform times, sorted. Paid-search visitors come through the
        search or the content network, with a real need or not (:meth:`_ad_visits`), at
        the hours their network's clicks come (:func:`sim.engine.channels.paid_search_plan`).
        """
        gen = self.generators["arrivals"]
        pgen = self.generators["personas"]
        out = []
        for name in CHANNELS:
            rate = self.plan.visits_per_day[name] * self.scale
            n = int(gen.poisson(rate * self.window)) if rate > 0 else 0
            times = gen.uniform(0.0, self.window, size=n)
            weights = np.asarray(self.plan.persona_weights[name], dtype=float)
            if weights.sum() <= 0:
                weights = np.asarray([getattr(self.scenario.personas, p).share for p in PERSONAS])
            personas = pgen.choice(len(PERSONAS), size=n, p=weights / weights.sum())
            if name == "paid_search":
                times, ads = self._ad_visits(times)
            else:
                ads = [AD_NONE] * n
            out.extend(zip(times.tolist(), [CH[name]] * n, personas.tolist(), ads, strict=True))
        out.sort()
        return out

    def _ad_visits(self, times: np.ndarray) -> tuple[np.ndarray, list[int]]:
        """Network, relevance and hour of each paid-search visit (``ads`` source).

        A visit comes from the content network with probability content visitors / all visitors,
        has a real need with its network's relevance, and its time of day follows its network's
        visitors by part of the day: the day stays, the uniform fraction of the day is mapped
        through the inverse of that distribution (each part six hours long).
        """
        ads = self.plan.ads
        n = len(times)
        gen = self.generators["ads"]
        search, content = np.asarray(ads.search_clicks), np.asarray(ads.content_clicks)
        total = search.sum() + content.sum()
        is_content = gen.uniform(size=n) < (content.sum() / total if total > 0 else 0.0)
        relevant = gen.uniform(size=n) < np.where(is_content, ads.content_relevance, ads.relevance)
        code = np.where(is_content, np.where(relevant, AD_CONTENT, AD_CONTENT_IRRELEVANT),
                        np.where(relevant, AD_SEARCH, AD_SEARCH_IRRELEVANT))
        day = np.floor(times)
        frac = times - day
        out = times.copy()
        hours = np.asarray(DAY_PART_HOURS)
        for mask, clicks in ((~is_content, search), (is_content, content)):
            if not mask.any() or clicks.sum() <= 0:
                continue
            cum = np.concatenate(([0.0], np.cumsum(clicks / clicks.sum())))
            part = np.clip(np.searchsorted(cum, frac[mask], side="right") - 1, 0, len(clicks) - 1)
            width = np.where(cum[part + 1] > cum[part], cum[part + 1] - cum[part], 1.0)
            within = (frac[mask] - cum[part]) / width
            hour = hours[part] + within * (hours[part + 1] - hours[part])
            out[mask] = np.minimum(day[mask] + hour / 24.0, np.nextafter(day[mask] + 1.0, 0.0))
        return np.minimum(out, np.nextafter(self.window, 0.0)), code.tolist()

    @property
    def events_scheduled(self) -> int:
        """How many SimPy events the run has scheduled (SimPy numbers them in order)."""
        return int(repr(self.env._eid)[len("count("):-1])  # itertools.count of event ids

    # ---------------------------------------------------------------- service
    def raise_request(self, cid: int, at: float, lifecycle: int, request: int) -> None:
        """A service request at time ``at`` (now or later): it goes to the desk then."""
        slot: list = []
        self.tickets.append((cid, at, lifecycle, request, slot))
        self.open_requests.setdefault(cid, []).append(slot)
        kind = REQUESTS[request]
        delay = at - self.env.now
        if delay > 0.0:
            self.env.errand(delayed_contact(self.env, self.desk, kind, slot, delay))
        else:
            self.env.errand(contact(self.env, self.desk, kind, slot))

    def service_experience(self, cid: int, now: float) -> float:
        """Satisfaction points from the requests this customer has had answered since the last evaluation.

        Each handled request adds the points of :func:`sim.engine.service_desk.request_points`.
        """
        pending = self.open_requests.get(cid)
        if not pending:
            return 0.0
        sv = self.scenario.service
        points = 0.0
        still_open = []
        for slot in pending:
            if not slot or slot[0].done_at > now:
                still_open.append(slot)
                continue
            outcome = slot[0]
            points += request_points(outcome.tool, outcome.wait_min, outcome.resolved, sv)
        if still_open:
            self.open_requests[cid] = still_open
        else:
            del self.open_requests[cid]
        return points

    # ------------------------------------------------------------------- run
    def run(self, progress: Callable[[float], None] | None = None) -> None:
        """Run the simulation to the end of the horizon."""
        with cyclic_gc_paused():
            self.env.process(arrivals(self.env, self, self.scheduled_arrivals()))
            if progress is not None:
                self.env.process(clock(self.env, self.horizon, progress))
            self.env.run(until=self.horizon)
        self.flush_records()
        # A customer still in a journey when the run ends is active.
        for cid, first in enumerate(self.first_order):
            if first < math.inf and self.final_state[cid] != CHURNED:
                self.final_state[cid] = ACTIVE
