"""The simulator's vocabulary: every code a table column can hold, declared once.

The engine records integers and the tables turn them into these text codes; the
measures, the charts and the data dictionary read the same codes, and the label
map (:mod:`sim.base.labels`) gives each one its Vietnamese and English display
name. The order of each tuple is the order of the integer codes the engine
records, so it never depends on how the label map is written.
"""

from __future__ import annotations

STAGES: tuple[str, ...] = ("1", "2", "3", "4", "5")
"""The five stages of the purchase decision process (lecture 000 §2): need recognition, information
search, evaluation of alternatives, purchase, post-purchase evaluation."""

EVALUATION_STAGE = 3
"""Stage 3, evaluation of alternatives: where the trust reasons of lecture 000 §1 stop a purchase."""

PERSONAS: tuple[str, ...] = (
    "directed_information_seeker",
    "undirected_information_seeker",
    "directed_buyer",
    "bargain_hunter",
    "entertainment_seeker",
)
"""The five web-user types of Lewis & Lewis (1997), lecture 001 (Chương 6)."""

CHANNELS: tuple[str, ...] = (
    "organic_search",
    "paid_search",
    "email",
    "affiliate",
    "social",
    "direct",
)
"""Acquisition channels, lecture 001 (Quản trị thu hút khách hàng, Fig. 9.4)."""

EVENTS: tuple[str, ...] = (
    "need_spontaneous", "need_campaign", "need_recommendation", "need_referral",
    "search_external", "search_internal", "evaluated", "purchased", "post_purchase", "dropout",
    "need_new_item", "need_trade_in",
)
"""Events of a purchase journey (the ``event`` column of ``journey``). New codes go at the end, so the
integer codes of the others never change."""

REASONS: tuple[str, ...] = (
    "no_real_need", "bought_elsewhere", "not_enough_information", "site_slow_or_down",
    "security_concern", "quality_unverifiable", "price_too_high", "return_worry", "poor_reviews",
    "payment_failed", "delivery_failed", "irrelevant_click", "refused_at_door",
)
"""Why a journey stopped (the ``reason`` column of ``journey``; empty when it did not)."""

EVALUATION_REASONS: tuple[str, ...] = ("security_concern", "quality_unverifiable", "return_worry", "poor_reviews",
                                       "price_too_high")
"""The reasons a customer can leave at evaluation (stage 3), in the order the engine draws them."""

REQUESTS: tuple[str, ...] = (
    "pre_purchase_question", "payment_problem", "where_is_my_order", "delivery_failed", "warranty", "return",
    "resale",
)
"""Kinds of service request (the ``request`` column of ``tickets``)."""

LIFECYCLE_STAGES: tuple[str, ...] = ("requirements", "acquisition", "ownership", "retirement")
"""The product life cycle's stages as lecture 000 §4 names them (the ``lifecycle_stage`` column of ``tickets``)."""

FINAL_STATES: tuple[str, ...] = ("lost_prospect", "churned", "active")
"""How a person ends the run (the ``final_state`` column of ``truth``)."""

CHURN_CAUSES: tuple[str, ...] = ("lapsed", "competitor")
"""Why a customer churned (the ``churn_cause`` column of ``truth``): they drifted away, or a competitor's offer
won them over (lecture 000 §3: loyal customers are not swayed by competitors)."""

TOUCHPOINTS: tuple[str, ...] = ("online", "phone", "store")
"""Where a step of the journey happens (the ``touchpoint`` column of ``journey`` and ``orders``): the web site, a
call to the hotline, a visit to the store. Multi-channel conversion, chương 6 (Fig. 9.3)."""

PAYMENTS: tuple[str, ...] = ("prepaid", "cod", "at_store")
"""How an order is paid (the ``payment`` column of ``orders``): online before delivery (card, e-wallet, transfer),
cash on delivery (COD), or at the store's counter."""

MATCH_TYPES: tuple[str, ...] = ("exact", "phrase", "broad")
"""Keyword match types of a paid-search campaign (chương 6, paid search: "match types especially negative matches")."""

DAY_PARTS: tuple[str, ...] = ("night", "morning", "afternoon", "evening")
"""The four parts of a day for day parting (chương 6: "time-of-day (day parting)"), six hours each from midnight."""
DAY_PART_HOURS: tuple[float, ...] = (0.0, 6.0, 12.0, 18.0, 24.0)
"""Where the day parts begin and end (hours)."""

AD_NETWORKS: tuple[str, ...] = ("search", "content")
"""Where a paid-search ad was clicked (the ``ad_network`` column of ``customers``): the search results page, or the
content (display) network of partner sites (chương 6: "use of content network")."""

SERVICE_FUNCTIONS: tuple[str, ...] = ("search_compare", "free", "information", "made_to_order", "tracking")
"""The five customer-service functions of lecture 000 §6: search and compare, free services and products,
information and special services, made-to-order, account and order tracking."""

AGENT_TOOLS: tuple[str, ...] = ("chat", "email")
"""Service tools staffed by people; the others (tracking page, FAQ, automatic reply) are self-service."""

RATER: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
"""The five RATER dimensions of service quality (Parasuraman, Zeithaml & Berry 1988), lecture 001."""

SERVQUAL10: tuple[str, ...] = ("reliability", "responsiveness", "competence", "access", "courtesy",
                               "communication", "credibility", "security", "understanding", "tangibles")
"""The ten SERVQUAL dimensions (tin cậy, đáp ứng, năng lực phục vụ, tiếp cận, lịch sự,
thông tin, tín nhiệm, an toàn, hiểu khách hàng, phương tiện hữu hình), Parasuraman et al. 1985."""

# Integer codes the engine records.
EV: dict[str, int] = {name: i for i, name in enumerate(EVENTS)}
"""Event code by name."""
RS: dict[str, int] = {name: i + 1 for i, name in enumerate(REASONS)}
"""Reason code by name; 0 means no reason."""
CH: dict[str, int] = {name: i for i, name in enumerate(CHANNELS)}
"""Channel code by name."""
LC: dict[str, int] = {name: i for i, name in enumerate(LIFECYCLE_STAGES)}
"""Life-cycle stage code by name."""
RQ: dict[str, int] = {name: i for i, name in enumerate(REQUESTS)}
"""Request code by name."""
TP: dict[str, int] = {name: i for i, name in enumerate(TOUCHPOINTS)}
"""Touchpoint code by name."""
PAY: dict[str, int] = {name: i for i, name in enumerate(PAYMENTS)}
"""Payment code by name."""
LOST, CHURNED, ACTIVE = 0, 1, 2
"""A person's final state, as an index of :data:`FINAL_STATES`."""

TRIGGER_OF_CHANNEL: dict[str, str] = {
    "organic_search": "need_spontaneous",
    "paid_search": "need_campaign",
    "email": "need_campaign",
    "affiliate": "need_campaign",
    "social": "need_campaign",
    "direct": "need_spontaneous",
}
"""The need event of a first visit by channel: search and direct visits come from a need of one's own."""

JOURNEY_FIELDS: tuple[str, ...] = ("cid", "journey_no", "t", "stage", "event", "channel", "reason", "touchpoint")
"""The fields of one journey record (``Model.journey``)."""
ORDER_FIELDS: tuple[str, ...] = ("cid", "t", "amount_vnd", "margin_vnd", "category", "product", "items", "is_first",
                                 "via_recommendation", "cross_sell", "up_sell", "late", "journey_no", "price_tier",
                                 "touchpoint", "payment", "shipping_fee_vnd", "made_to_order", "via_new_item")
"""The fields of one order record (``Model.orders``)."""
