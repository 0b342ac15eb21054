"""The scenario: frozen, validated parameters with units in their names.

Every number the simulator uses comes from here. Units are in the names:
``_vnd`` (Vietnamese đồng), ``_days``, ``_prob`` (a probability in [0, 1]),
``_rate`` (a share in [0, 1]), ``per_day`` / ``per_month`` (counts per period).

Models refuse unknown keys (``extra="forbid"``) and are strict about types, so
``"0.5"`` (a string) is not silently read as 0.5. Every number must be finite
(no NaN, no infinity) and stay within a stated bound: money at most 10^13 VND,
durations at most 20 years, dates within 2000–2100, and sane caps on counts,
lists and points (the ``MAX_…`` constants below). ``sim.scenario.loader``
turns validation errors into bilingual messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from sim.base.codes import MATCH_TYPES, PERSONAS

MAX_MONEY_VND = 10**13
"""Largest money amount of any field: 10 nghìn tỷ đồng, far above any price, budget or cost of a shop in the course."""
MAX_DAYS = 7305.0
"""Longest duration in days: 20 years of 365.25 days."""
MAX_MINUTES = MAX_DAYS * 1440.0
"""The same 20 years, for durations in minutes."""
MAX_PER_DAY = 10_000_000.0
"""Most visits or searches per day of one channel (the run itself is held to 10 million prospects)."""
MAX_PER_MONTH = 1000.0
"""Most e-mails per month to one address (more than 30 a day)."""
MAX_LIST_SIZE = 1_000_000_000
"""Most addresses on a partner's e-mail list."""
MAX_AGENTS = 10_000
"""Most chat or e-mail agents of a desk in the scenario (``customers=N`` may scale them further)."""
MAX_PRODUCTS = 10_000
"""Most products in one category."""
MAX_CATEGORIES = 50
MAX_PRICE_TIERS = 20
MAX_AD_SLOTS = 100
"""Most ad positions, and most competitors, of the paid-search auction."""
MAX_EMAILS = 100
"""Most e-mails of one series (the welcome e-mails that teach what the list brings)."""
MAX_POINTS = 10.0
"""Largest satisfaction effect or spread, in points of the 1–5 (or 1–7 Likert) scale."""
MAX_NPS_POINTS = 100.0
"""Largest coefficient or spread of the latent 0–10 NPS score, in points (either sign for the coefficients)."""
MAX_FACTOR = 100.0
"""Largest multiplier, exponent or elasticity: price_index ** price_elasticity ≤ 5 ** 100 and
(sends_per_month / 4) ** fatigue_exponent ≤ 250 ** 100 still fit in a float."""
MAX_SESSIONS = 100.0
"""Largest mean number of search sessions, or of items in an order."""
MAX_PROSPECTS = 10_000_000
"""Most expected prospects of one run in one process (a larger study runs shards with different seeds)."""
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


def _vi(number: float) -> str:
    """A whole bound as ``10.000.000`` (Vietnamese thousands dots)."""
    return ("−" if number < 0 else "") + f"{abs(number):,.0f}".replace(",", ".")


def _en(number: float) -> str:
    return f"{number:,.0f}"


def _between(kind: str, what_vi: str, what_en: str, low: float, high: float, *, low_open: bool = False,
             unit_vi: str = "", unit_en: str = "", note_vi: str = "", note_en: str = "",
             as_float: bool = True) -> AfterValidator:
    """A check that ``low ≤ value ≤ high`` (``low < value`` when ``low_open``), with a bilingual message.

    NaN and infinities never reach it: every model refuses them first (``allow_inf_nan=False``).
    """
    note_vi = f" ({note_vi})" if note_vi else ""
    note_en = f" ({note_en})" if note_en else ""
    if low_open:
        vi = f"{what_vi} phải lớn hơn {_vi(low)} và tối đa {_vi(high)}{unit_vi}{note_vi}"
        en = f"{what_en} must be greater than {_en(low)} and at most {_en(high)}{unit_en}{note_en}"
    else:
        vi = f"{what_vi} phải từ {_vi(low)} đến {_vi(high)}{unit_vi}{note_vi}"
        en = f"{what_en} must be between {_en(low)} and {_en(high)}{unit_en}{note_en}"

    def check(value: float) -> float:
        if not ((value > low if low_open else value >= low) and value <= high):
            raise PydanticCustomError(kind, f"{vi} / {en}")
        return float(value) if as_float else value

    return AfterValidator(check)


def _probability(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise PydanticCustomError(
            "probability",
            "xác suất/tỷ lệ phải nằm trong [0, 1] / a probability or share must be in [0, 1]",
        )
    return float(value)


def _date_in_range(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError(
            "date_range",
            f"ngày phải nằm trong khoảng {FIRST_DATE:%d/%m/%Y} – {LAST_DATE:%d/%m/%Y} (năm 2000–2100) "
            f"/ the date must be within {FIRST_DATE} – {LAST_DATE} (years 2000–2100)",
        )
    return value


_TWENTY_YEARS = ("20 năm", "20 years")

Probability = Annotated[float, AfterValidator(_probability)]
MoneyVnd = Annotated[float, _between("money", "số tiền (VND)", "a money amount (VND)", 0, MAX_MONEY_VND,
                                     unit_vi=" ₫", unit_en=" VND", note_vi="10^13", note_en="10^13")]
PositiveMoneyVnd = Annotated[float, _between("money", "số tiền (VND)", "a money amount (VND)", 0, MAX_MONEY_VND,
                                             low_open=True, unit_vi=" ₫", unit_en=" VND",
                                             note_vi="10^13", note_en="10^13")]
Days = Annotated[float, _between("duration", "thời lượng", "a duration", 0, MAX_DAYS, unit_vi=" ngày",
                                 unit_en=" days", note_vi=_TWENTY_YEARS[0], note_en=_TWENTY_YEARS[1])]
PositiveDays = Annotated[float, _between("duration", "thời lượng", "a duration", 0, MAX_DAYS, low_open=True,
                                         unit_vi=" ngày", unit_en=" days",
                                         note_vi=_TWENTY_YEARS[0], note_en=_TWENTY_YEARS[1])]
Minutes = Annotated[float, _between("duration", "thời lượng", "a duration", 0, MAX_MINUTES, unit_vi=" phút",
                                    unit_en=" minutes", note_vi=_TWENTY_YEARS[0], note_en=_TWENTY_YEARS[1])]
PositiveMinutes = Annotated[float, _between("duration", "thời lượng", "a duration", 0, MAX_MINUTES, low_open=True,
                                            unit_vi=" phút", unit_en=" minutes",
                                            note_vi=_TWENTY_YEARS[0], note_en=_TWENTY_YEARS[1])]
PerDay = Annotated[float, _between("rate", "số lượt mỗi ngày", "a count per day", 0, MAX_PER_DAY)]
PerMonth = Annotated[float, _between("rate", "số lần mỗi tháng", "a count per month", 0, MAX_PER_MONTH)]
Points = Annotated[float, _between("points", "số điểm", "a number of points", 0, MAX_POINTS,
                                   note_vi="trên thang hài lòng", note_en="on the satisfaction scale")]
NpsPoints = Annotated[float, _between("points", "hệ số điểm NPS", "an NPS coefficient", -MAX_NPS_POINTS,
                                      MAX_NPS_POINTS, note_vi="trên thang 0–10", note_en="on the 0–10 scale")]
NpsSpread = Annotated[float, _between("points", "độ lệch chuẩn điểm NPS", "an NPS standard deviation", 0,
                                      MAX_NPS_POINTS, note_vi="trên thang 0–10", note_en="on the 0–10 scale")]
Factor = Annotated[float, _between("factor", "hệ số", "a factor", 0, MAX_FACTOR)]
Tilt = Annotated[float, _between("factor", "hệ số nghiêng", "a tilt factor", 0, MAX_FACTOR)]
Sessions = Annotated[float, _between("count", "số trung bình", "a mean count", 1, MAX_SESSIONS)]
ListSize = Annotated[int, _between("count", "số địa chỉ", "a list size", 0, MAX_LIST_SIZE, as_float=False)]
Agents = Annotated[int, _between("count", "số nhân viên", "a number of agents", 0, MAX_AGENTS, as_float=False)]
Products = Annotated[int, _between("count", "số sản phẩm", "a number of products", 1, MAX_PRODUCTS, as_float=False)]
EmailCount = Annotated[int, _between("count", "số e-mail", "a number of e-mails", 0, MAX_EMAILS, as_float=False)]
StartDate = Annotated[dt.date, Field(strict=False), AfterValidator(_date_in_range)]


class Frozen(BaseModel):
    """Base of every scenario block: frozen, strict, no unknown keys, no NaN or infinity in a number.

    The validators are built when a scenario is first read (``defer_build``), not when this module
    is imported: the whole scenario's validator once, instead of one per block.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False, defer_build=True)


class Persona(Frozen):
    """One Lewis & Lewis web-user type (lecture 001, Quy trình mua hàng trực tuyến)."""

    share: Probability
    purchase_intent: Probability = Field(description="P(a first need becomes a real purchase intent)")
    search_sessions_mean: Sessions = Field(
        description="mean number of information-search sessions, at least 1"
    )
    search_dropout_prob: Probability = Field(description="P(drop out) per search session")
    price_sensitivity: Probability
    promo_response: Probability = Field(description="response to campaigns and promotions")
    expectation: Annotated[float, Field(ge=-2.0, le=2.0)] = Field(
        description="expectation level on the satisfaction scale (points)"
    )
    mean_days_between_needs: PositiveDays
    return_prob: Probability = Field(description="P(a prospect who dropped out comes back)")
    mean_days_to_return: PositiveDays


class Personas(Frozen):
    """The persona mix; the shares must sum to 1."""

    directed_information_seeker: Persona
    undirected_information_seeker: Persona
    directed_buyer: Persona
    bargain_hunter: Persona
    entertainment_seeker: Persona

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Personas:
        total = sum(getattr(self, name).share for name in PERSONAS)
        if abs(total - 1.0) > 1e-6:
            raise PydanticCustomError(
                "persona_mix",
                "tổng tỷ lệ (share) các chân dung khách hàng phải bằng 1, hiện là {total} "
                "/ the persona shares must sum to 1, they sum to {total}",
                {"total": round(total, 6)},
            )
        return self


PersonaTilt = dict[Literal[PERSONAS], Tilt]  # type: ignore[valid-type]


class OrganicSearch(Frozen):
    """Natural search (SEO): visits grow with the SEO score (lecture 001, Fig. 9.10)."""

    max_visits_per_day: PerDay
    seo_score: Probability = Field(description="on-page and off-page SEO score, 0–1")
    content_cost_per_month_vnd: MoneyVnd
    persona_tilt: PersonaTilt = {}


class ByMatchType(Frozen):
    """One number per keyword match type (exact, phrase, broad)."""

    exact: Factor
    phrase: Factor
    broad: Factor


class RelevanceByMatchType(Frozen):
    """Share of the clicks of each match type made by people looking for what the shop sells."""

    exact: Probability
    phrase: Probability
    broad: Probability


class ByDayPart(Frozen):
    """One number per part of the day (six hours each from midnight: night, morning, afternoon, evening)."""

    night: Factor
    morning: Factor
    afternoon: Factor
    evening: Factor


class PaidSearch(Frozen):
    """Paid search (chương 6): ad rank = bid × Quality Score, generalized second price, and the other levers of
    its returns: match types, day parting, the content network, click fraud."""

    daily_budget_vnd: MoneyVnd
    max_cpc_vnd: MoneyVnd
    quality_score: Annotated[float, Field(ge=1.0, le=10.0)]
    daily_searches: PerDay = Field(description="searches a day that exact match reaches")
    competitor_bids_vnd: list[MoneyVnd] = Field(max_length=MAX_AD_SLOTS)
    competitor_quality_scores: list[Annotated[float, Field(ge=1.0, le=10.0)]] = Field(max_length=MAX_AD_SLOTS)
    ctr_by_position: list[Probability] = Field(max_length=MAX_AD_SLOTS)
    reserve_cpc_vnd: MoneyVnd
    match_type: Literal[MATCH_TYPES]  # type: ignore[valid-type]
    match_reach: ByMatchType = Field(description="searches matched, as a multiple of daily_searches")
    match_relevance: RelevanceByMatchType
    negative_keywords: bool
    negative_keyword_filter: Probability = Field(
        description="share of the irrelevant searches that negative keywords keep the ad away from")
    searches_by_day_part: ByDayPart = Field(description="when people search (weights)")
    intent_by_day_part: ByDayPart = Field(description="purchase intent of an ad visitor × this, by part of the day")
    day_parting: bool
    budget_by_day_part: ByDayPart = Field(description="with day parting, the budget's share for each part (weights)")
    content_network: bool
    content_daily_budget_vnd: MoneyVnd
    content_cpc_vnd: MoneyVnd
    content_ctr: Probability
    content_relevance: Probability = Field(description="share of content-network visitors with a real need")
    click_fraud_rate: Probability = Field(description="share of paid search clicks with no visitor behind them")
    content_click_fraud_rate: Probability
    persona_tilt: PersonaTilt = {}

    @model_validator(mode="after")
    def _competitors_match(self) -> PaidSearch:
        if len(self.competitor_bids_vnd) != len(self.competitor_quality_scores):
            raise PydanticCustomError(
                "competitors",
                "competitor_bids_vnd và competitor_quality_scores phải cùng độ dài "
                "/ competitor_bids_vnd and competitor_quality_scores must have the same length",
            )
        return self


class EmailChannel(Frozen):
    """Opt-in e-mail from partner lists (permission marketing, Godin 1999)."""

    partner_list_size: ListSize
    sends_per_month: PerMonth
    click_rate: Probability
    cost_per_email_vnd: MoneyVnd
    persona_tilt: PersonaTilt = {}


class Affiliate(Frozen):
    """Affiliates are paid a commission on the first order they bring."""

    visits_per_day: PerDay
    commission_rate: Probability
    persona_tilt: PersonaTilt = {}


class Social(Frozen):
    """Social media posts (paid per click) and referrals by promoters (viral)."""

    daily_budget_vnd: MoneyVnd
    cpc_vnd: MoneyVnd
    referral_prob: Probability = Field(description="P(a promoter brings a friend) per purchase")
    mean_days_to_referral: PositiveDays
    referral_bonus_vnd: MoneyVnd
    persona_tilt: PersonaTilt = {}


class Direct(Frozen):
    """Visitors who type the address or use a bookmark: free."""

    visits_per_day: PerDay
    persona_tilt: PersonaTilt = {}


class Channels(Frozen):
    organic_search: OrganicSearch
    paid_search: PaidSearch
    email: EmailChannel
    affiliate: Affiliate
    social: Social
    direct: Direct


class Trust(Frozen):
    """Trust levers of the evaluation stage (lecture 000 §1: security and quality)."""

    security_badge: bool
    reviews: bool
    return_policy: bool
    quality_verification: bool


class Evaluation(Frozen):
    """Evaluation of alternatives: competing risks of dropping out, one per reason.

    Each risk is a probability; a lever that is switched on multiplies its risk
    by ``1 - reduction``. Competing-risk rule: P(pass) = Π (1 - p_r).
    """

    security_concern_prob: Probability
    security_badge_reduction: Probability
    quality_doubt_prob: Probability
    quality_verification_reduction: Probability
    reviews_reduction: Probability
    return_worry_prob: Probability
    return_policy_reduction: Probability
    poor_reviews_prob: Probability = Field(description="risk when reviews are shown but weak")
    review_rating: Annotated[float, Field(ge=1.0, le=5.0)]
    price_index: Annotated[float, Field(gt=0.0, le=5.0)] = Field(
        description="our price / competitors' price"
    )
    price_dropout_at_parity_prob: Probability
    price_elasticity: Factor
    repeat_trust_factor: Probability = Field(
        description="trust risks are multiplied by this for a customer who has bought before"
    )
    loyalty_price_shield: Probability = Field(
        description="loyal customers compare prices less: price risk × (1 − shield × loyalty)"
    )


class Timing(Frozen):
    """Time spent in the stages of one journey (means of exponential durations)."""

    mean_minutes_to_search: PositiveMinutes = Field(description="from the need (landing) to searching")
    mean_days_between_sessions: PositiveDays
    mean_evaluation_minutes: PositiveMinutes
    mean_checkout_minutes: PositiveMinutes


class Category(Frozen):
    share: Probability
    price_tiers_vnd: list[MoneyVnd] = Field(min_length=1, max_length=MAX_PRICE_TIERS)
    margin_rate: Probability
    products: Products


class Catalogue(Frozen):
    """Product categories and price tiers; money in VND."""

    categories: dict[str, Category] = Field(min_length=1, max_length=MAX_CATEGORIES)
    same_category_prob: Probability = Field(description="a repeat order stays in its category")
    companion_prob: Probability = Field(
        description="a repeat order in the same category takes the product that goes with the customer's last one "
                    "(what item-item collaborative filtering finds); a recommendation e-mail always suggests it")
    mean_items_per_order: Sessions
    cross_sell_prob: Probability
    up_sell_prob: Probability

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Catalogue:
        total = sum(c.share for c in self.categories.values())
        if abs(total - 1.0) > 1e-6:
            raise PydanticCustomError(
                "category_mix",
                "tổng tỷ lệ (share) các ngành hàng phải bằng 1, hiện là {total} "
                "/ the category shares must sum to 1, they sum to {total}",
                {"total": round(total, 6)},
            )
        return self


class Purchase(Frozen):
    """Purchase: payment, delivery and warranty (lecture 000 §2, step 4).

    An online buyer pays cash on delivery (COD) with probability ``cod_share``, else before delivery
    (card, e-wallet, transfer), where the payment may fail. A COD order may be refused at the door
    ("bom hàng"): the shop pays the delivery both ways and gets nothing.
    """

    payment_failure_prob: Probability = Field(description="P(an online payment before delivery fails)")
    cod_share: Probability = Field(description="P(an online buyer chooses cash on delivery)")
    cod_refusal_prob: Probability = Field(description="P(a cash-on-delivery order is refused at the door)")
    cod_refusal_cost_vnd: MoneyVnd = Field(description="what a refused order costs the shop: delivery both ways")
    delivery_failure_prob: Probability
    delivery_late_prob: Probability
    delivery_days: PositiveDays
    late_extra_days: Days
    warranty_claim_prob: Probability


class Satisfaction(Frozen):
    """Post-purchase evaluation: satisfaction 1–5 from experience against expectation."""

    base: Annotated[float, Field(ge=1.0, le=5.0)]
    quality_sd: Points
    late_penalty: Points
    warranty_penalty: Points
    failed_delivery_score: Annotated[int, Field(ge=1, le=5)]
    tier_expectation_step: Points = Field(description="higher price tier, higher expectation")


class Loyalty(Frozen):
    """Satisfaction → loyalty (Heskett et al. 1994, lecture 001 Fig. 9.12).

    Loyalty target f(s) = floor + (1 − floor) × ((s − 1) / 4) ** curvature: flat in
    the zone of defection, slow through indifference, steep in the zone of affection.
    """

    floor: Probability
    curvature: Annotated[float, Field(ge=1.0, le=MAX_FACTOR)]
    memory_weight: Probability = Field(description="weight of the newest experience")
    defection_max_satisfaction: Annotated[int, Field(ge=1, le=5)]
    affection_min_satisfaction: Annotated[int, Field(ge=1, le=5)]
    repeat_need_pass_prob: Probability = Field(
        description="P(a new need of a fully loyal customer comes to this shop)")
    repeat_need_pass_prob_at_zero_loyalty: Probability = Field(
        description="the same for a customer with no loyalty; linear in between")

    @model_validator(mode="after")
    def _zones_in_order(self) -> Loyalty:
        if self.defection_max_satisfaction >= self.affection_min_satisfaction:
            raise PydanticCustomError(
                "zones",
                "defection_max_satisfaction phải nhỏ hơn affection_min_satisfaction "
                "/ defection_max_satisfaction must be below affection_min_satisfaction",
            )
        return self


class Churn(Frozen):
    """Churn hazard per month: monthly_hazard × (1 − protection × loyalty).

    In the zone of defection (last satisfaction ≤ defection_max_satisfaction)
    the hazard is multiplied by ``defection_multiplier``: Heskett's "terrorists".
    """

    monthly_hazard: Probability
    loyalty_protection: Probability
    defection_multiplier: Annotated[float, Field(ge=1.0, le=20.0)]


class Survey(Frozen):
    """NPS survey after each purchase (Reichheld 2006): latent 0–10 score."""

    response_rate: Probability
    mean_days_to_answer: PositiveDays
    intercept: NpsPoints
    per_satisfaction_point: NpsPoints
    per_loyalty: NpsPoints
    noise_sd: NpsSpread


class PermissionMarketing(Frozen):
    """The house e-mail list as Godin's (1999) four steps of "dating" the customer (chương 6).

    1. an incentive to opt in (``incentive_vnd``): P(opt in) = base + (max − base)·(1 − e^(−incentive/scale));
    2. teaching: welcome e-mails that tell what the messages bring (``teaching_emails`` ≥ 1) raise the open
       rate and lower unsubscribes;
    3. reinforcing the incentive: a subscriber-only reward each month lowers unsubscribes,
       × e^(−reward/scale);
    4. an additional incentive to widen the permission (SMS/Zalo as well as e-mail), offered at the first
       order: P(widen) = widen_max·(1 − e^(−additional/incentive_scale)); campaigns then also reach them by SMS.
    """

    opt_in_base_prob: Probability
    opt_in_max_prob: Probability
    incentive_vnd: MoneyVnd
    incentive_scale_vnd: PositiveMoneyVnd
    sends_per_month: PerMonth
    cost_per_email_vnd: MoneyVnd
    open_rate: Probability
    need_trigger_prob: Probability = Field(description="P(an opened e-mail triggers a need)")
    unsubscribe_prob_per_email: Probability = Field(description="at 4 e-mails a month")
    fatigue_exponent: Factor
    teaching_emails: EmailCount = Field(description="welcome e-mails that teach what the list brings (0: no teaching)")
    teaching_open_rate_uplift: Factor = Field(description="with teaching, open rate × (1 + uplift)")
    teaching_unsubscribe_reduction: Probability = Field(description="with teaching, unsubscribes × (1 − reduction)")
    reinforcement_vnd_per_month: MoneyVnd = Field(description="subscriber-only reward a month (points, vouchers)")
    reinforcement_scale_vnd: PositiveMoneyVnd = Field(description="unsubscribes × e^(−reward / scale)")
    additional_incentive_vnd: MoneyVnd = Field(description="voucher for adding SMS/Zalo to the permission (0: none)")
    widen_max_prob: Probability = Field(description="P(a subscriber widens the permission) for a very large voucher")
    sms_need_trigger_prob: Probability = Field(description="P(the SMS sent with a campaign triggers a need)")
    cost_per_sms_vnd: MoneyVnd


class Personalization(Frozen):
    """Recommendation e-mails from purchase history (collaborative filtering)."""

    enabled: bool
    emails_per_month: PerMonth
    open_rate: Probability
    need_trigger_prob: Probability
    cross_sell_uplift: Factor
    platform_cost_per_month_vnd: MoneyVnd


class LoyaltyProgramme(Frozen):
    enabled: bool
    rebate_rate: Probability = Field(description="points paid back on repeat orders")
    loyalty_boost: Probability = Field(description="added to loyalty after each purchase")
    cost_per_month_vnd: MoneyVnd


class Community(Frozen):
    """Online community (forum, groups): lowers the churn hazard."""

    enabled: bool
    churn_reduction: Probability
    cost_per_month_vnd: MoneyVnd


class NewItemEmails(Frozen):
    """E-mails about new items related to a customer's interests (lecture 000 §3, Amazon's example).

    New products reach the catalogue at ``new_items_per_month`` (a category by its share); each one is
    announced to the subscribed customers who have bought in its category.
    """

    enabled: bool
    new_items_per_month: PerMonth
    open_rate: Probability
    need_trigger_prob: Probability = Field(description="P(an opened announcement triggers a need)")


class Retention(Frozen):
    """Retention levers; their spend is accounted apart from acquisition spend."""

    personalization: Personalization
    new_item_emails: NewItemEmails
    loyalty_programme: LoyaltyProgramme
    community: Community


class Competition(Frozen):
    """Competitors' offers aimed at the shop's customers (lecture 000 §3).

    Loyal customers compare prices less and are not swayed by competitors: a customer with loyalty L and
    price sensitivity σ defects at rate offers_per_month / 30 × defection_prob × σ × (1 − loyalty_resistance × L)
    a day, beside the churn hazard.
    """

    offers_per_month: PerMonth
    defection_prob: Probability = Field(description="P(an offer wins over a customer with σ = 1 and no loyalty)")
    loyalty_resistance: Probability


class Multichannel(Frozen):
    """Offline touchpoints in the journey: multi-channel conversion (chương 6, Fig. 9.3).

    A search session is a call to the hotline or a visit to the store instead of a visit to the site; after an
    offline contact the trust risks of evaluation are × ``offline_trust_factor`` (the product seen, a person
    asked); the order may be placed offline (by phone or in the store) after an online search, and online after
    an offline one.
    """

    hotline: bool
    store: bool
    phone_session_prob: Probability = Field(description="P(a search session is a call to the hotline)")
    store_session_prob: Probability = Field(description="P(a search session is a visit to the store)")
    offline_trust_factor: Probability
    finish_offline_after_online_prob: Probability = Field(
        description="P(an order is placed by phone or in the store) after online sessions only")
    finish_offline_after_offline_prob: Probability = Field(
        description="P(an order is placed by phone or in the store) after an offline contact")
    store_finish_share: Probability = Field(description="share of offline orders placed in the store, with both")

    @model_validator(mode="after")
    def _sessions_add_up(self) -> Multichannel:
        if self.phone_session_prob + self.store_session_prob > 1.0 + 1e-9:
            raise PydanticCustomError(
                "touchpoints",
                "phone_session_prob + store_session_prob không được lớn hơn 1 "
                "/ phone_session_prob + store_session_prob must not exceed 1",
            )
        return self


class ServiceFunctions(Frozen):
    """The customer-service functions of lecture 000 §6 not covered by the desk, and resale (§4.2).

    Search and compare: ``service.faq_coverage`` and a comparison tool; free services: free delivery;
    information and special services: ``e_services.value_added``, ``service.auto_reply_share``;
    made-to-order; tracking: ``service.order_tracking_page``. Resale (bán lại) is the life cycle's last
    stage: when an item is no longer used, the shop helps sell it on.
    """

    comparison_tool: bool
    comparison_information_reduction: Probability = Field(
        description="with the tool, search drop-outs for lack of information × (1 − reduction)")
    free_shipping: bool
    free_shipping_min_order_vnd: MoneyVnd = Field(description="orders of at least this value ship free")
    shipping_fee_vnd: MoneyVnd = Field(description="paid by the customer, or by the shop when the order ships free")
    free_shipping_price_risk_reduction: Probability
    made_to_order: bool
    made_to_order_prob: Probability = Field(description="P(an order is made to the customer's order), when offered")
    made_to_order_price_premium_rate: Factor
    made_to_order_extra_days: Days
    made_to_order_satisfaction_points: Points
    resale: bool
    mean_days_of_use: PositiveDays = Field(description="how long an item is used before the customer is done with it")
    resale_prob: Probability = Field(description="P(the customer resells the used item through the shop)")
    resale_rebuy_prob: Probability = Field(description="P(the resale brings a new need: trade the old for a new one)")


class AgentPool(Frozen):
    """Chat or e-mail agents: how many, when they work, how long a request takes."""

    agents: Agents
    opens_hour: Annotated[float, Field(ge=0.0, le=24.0)]
    closes_hour: Annotated[float, Field(ge=0.0, le=24.0)]
    mean_handle_min: PositiveMinutes
    handle_time: Literal["exponential", "lognormal"]
    handle_cv: Factor = Field(description="coefficient of variation (lognormal only)")

    @model_validator(mode="after")
    def _hours_in_order(self) -> AgentPool:
        if self.opens_hour >= self.closes_hour:
            raise PydanticCustomError(
                "hours",
                "opens_hour phải nhỏ hơn closes_hour / opens_hour must be before closes_hour",
            )
        return self


class Service(Frozen):
    """The service desk and its tools (lecture 000 §6): each is a scenario lever."""

    faq_coverage: Probability = Field(description="share of requests FAQ pages and search answer")
    auto_reply_share: Probability = Field(description="share answered at once by automatic e-mail replies")
    order_tracking_page: bool
    tracking_deflection_prob: Probability
    chat_share: Probability = Field(description="share of contacts who choose chat while it is open")
    mean_patience_min: Minutes = Field(description="mean patience in the chat queue; 0 = never leaves")
    resolution_prob: Probability
    service_level_target_min: PositiveMinutes
    fast_bonus_points: Points = Field(description="satisfaction points for an answer within the target")
    wait_penalty_points_per_hour: Points
    max_wait_penalty_points: Points
    unresolved_penalty_points: Points
    chat: AgentPool
    email: AgentPool


class ServiceQuality(Frozen):
    """The store's service levels that customers perceive (RATER, SERVQUAL)."""

    site_availability: Probability = Field(description="share of the time the site is up")
    page_load_seconds: Annotated[float, Field(gt=0.0, le=60.0)]
    slow_page_leave_prob_per_second: Probability = Field(
        description="P(a visitor gives up a search session) per second of page load time above 1 s")
    site_design_score: Probability = Field(description="ease of use and visual appeal, 0–1")
    servqual_ten_dimensions: bool = Field(description="survey the ten SERVQUAL dimensions instead of RATER")
    expectation_mean: Annotated[float, Field(ge=1.0, le=7.0)]
    expectation_sd: Points
    perception_noise_sd: Points


class EServices(Frozen):
    """The three kinds of e-service of lecture 000 §4.1, each a lever.

    * foundation (nền tảng): site function, effectiveness, order fulfilment; a quality 0–1;
    * core (trung tâm): order tracking, configuration, security;
    * value-added (hỗ trợ thêm): online auctions, online education.
    """

    foundation_quality: Probability
    foundation_satisfaction_points: Points = Field(description="points per unit of quality above 0.5")
    core: bool
    core_missing_security_factor: Annotated[float, Field(ge=1.0, le=5.0)] = Field(
        description="security risk × this when core services are missing")
    core_satisfaction_points: Points
    value_added: bool
    value_added_quality_doubt_factor: Probability = Field(
        description="quality-doubt risk × this when value-added services (education) are offered")
    value_added_satisfaction_points: Points


class ServiceRequests(Frozen):
    """Service requests raised by what happens to a customer; the desk answers them."""

    question_prob: Probability = Field(description="P(a question) per first-journey search session")
    late_delivery_prob: Probability = Field(description="P(a where-is-my-order request | late)")
    return_request_max_satisfaction: Annotated[int, Field(ge=1, le=5)]
    return_request_prob: Probability
    persona_request_factor: PersonaTilt = Field(
        default={}, description="multiplies the request probabilities of a persona (1 if absent)")


class Scenario(Frozen):
    """A whole shop: market, channels, levers and the run's time frame."""

    name: str
    description: str = ""
    segment: Literal["b2c", "b2b"]
    start_date: StartDate
    observation_days: PositiveDays
    truth_horizon_days: Days = Field(description="the run goes on this long after the window")
    personas: Personas
    channels: Channels
    trust: Trust
    timing: Timing
    evaluation: Evaluation
    catalogue: Catalogue
    purchase: Purchase
    satisfaction: Satisfaction
    loyalty: Loyalty
    churn: Churn
    survey: Survey
    permission_marketing: PermissionMarketing
    retention: Retention
    competition: Competition
    multichannel: Multichannel
    service_functions: ServiceFunctions
    service_requests: ServiceRequests
    service: Service
    service_quality: ServiceQuality
    e_services: EServices
    max_returns: Annotated[int, Field(ge=0, le=20)] = Field(
        description="how many times a prospect may come back without buying"
    )

    @property
    def horizon_days(self) -> float:
        """End of the run: the observation window plus the truth horizon."""
        return self.observation_days + self.truth_horizon_days
