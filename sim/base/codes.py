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
)
"""Events of a purchase journey (the ``event`` column of ``journey``)."""

REASONS: tuple[str, ...] = (
    "no_real_need", "bought_elsewhere", "not_enough_information", "site_slow_or_down",
    "security_concern", "quality_unverifiable", "price_too_high", "return_worry", "poor_reviews",
    "payment_failed", "delivery_failed",
)
"""Why a journey stopped (the ``reason`` column of ``journey``; empty when it did not)."""

EVALUATION_REASONS: tuple[str, ...] = ("security_concern", "quality_unverifiable", "return_worry", "poor_reviews",
                                       "price_too_high")
"""The reasons a customer can leave at evaluation (stage 3), in the order the engine draws them."""

REQUESTS: tuple[str, ...] = (
    "pre_purchase_question", "payment_problem", "where_is_my_order", "delivery_failed", "warranty", "return",
)
"""Kinds of service request (the ``request`` column of ``tickets``)."""

LIFECYCLE_STAGES: tuple[str, ...] = ("requirements", "acquisition", "ownership", "retirement")
"""The product life cycle's stages as lecture 000 §4 names them (the ``lifecycle_stage`` column of ``tickets``)."""

FINAL_STATES: tuple[str, ...] = ("lost_prospect", "churned", "active")
"""How a person ends the run (the ``final_state`` column of ``truth``)."""

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

JOURNEY_FIELDS: tuple[str, ...] = ("cid", "journey_no", "t", "stage", "event", "channel", "reason")
"""The fields of one journey record (``Model.journey``)."""
ORDER_FIELDS: tuple[str, ...] = ("cid", "t", "amount_vnd", "margin_vnd", "category", "product", "items", "is_first",
                                 "via_recommendation", "cross_sell", "up_sell", "late", "journey_no", "price_tier")
"""The fields of one order record (``Model.orders``)."""
