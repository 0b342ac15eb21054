"""One colour per category, the same in every chart of the course, keyed by the simulator's own codes.

A drop-out reason, a channel, a persona or a stage has one colour wherever it is drawn (notebooks, labs,
the dashboard, the group's report), and the categories of one family (the 11 drop-out reasons, the 13
product categories…) all have different colours, so no two of them can be mistaken in a chart.
The keys are the codes of the data (``journey.reason``, ``customers.acquired_via``…; their meanings are
the label map's, :mod:`sim.base.labels`); :func:`sim.charts.style.colour_scale` turns them into Altair scales.

How far apart the colours of a family are is measured by the CIE 1976 colour difference ΔE*ab
(the distance in CIELAB): about 2.3 is the smallest difference an eye notices side by side; every pair
within a family here is at least :data:`MIN_DELTA_E` apart (tested).

Typical use::

    from sim.charts.palette import colour_of
    colour_of("reason", "security_concern")     # '#e45756'
"""

from __future__ import annotations

from collections.abc import Mapping

from sim.base.errors import DataError

MIN_DELTA_E = 10.0
"""Smallest CIELAB distance between two colours of one family (the light blues of the ordered stages are the closest)."""

# Ten well-separated colours (Vega's "tableau10"): a family without an order takes them in the label map's order.
_BLUE, _ORANGE, _GREEN, _RED, _TEAL = "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2"
_PURPLE, _YELLOW, _BROWN, _PINK, _GREY = "#b279a2", "#eeca3b", "#9d755d", "#ff9da6", "#bab0ac"
_TEN = (_BLUE, _ORANGE, _GREEN, _RED, _TEAL, _PURPLE, _YELLOW, _BROWN, _PINK, _GREY)
_CYAN, _NAVY, _MAROON = "#17becf", "#1f3d6e", "#8c1d40"
"""Three more, for families of more than ten."""
_BLUES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
"""Light to dark: an order (the five stages of the purchase decision, low to high value)."""


def _in_order(codes: tuple[str, ...], colours: tuple[str, ...] = _TEN) -> dict[str, str]:
    return dict(zip(codes, colours, strict=False))


PALETTES: Mapping[str, Mapping[str, str]] = {
    # the five stages of the purchase decision, lighter to darker as the funnel narrows (lecture 000 §2)
    "stage": dict(zip(("1", "2", "3", "4", "5"), _BLUES, strict=True)),
    "event": _in_order(("need_spontaneous", "need_campaign", "need_recommendation", "need_referral", "search_external",
                        "search_internal", "evaluated", "purchased", "post_purchase", "dropout")) | {"need_new_item": _CYAN,
                                                                                           "need_trade_in": _NAVY},
    # the lecture's two reasons not to buy on the web (security, quality) in the strongest colours (lecture 000 §1)
    "reason": {"no_real_need": _GREY, "bought_elsewhere": _BROWN, "not_enough_information": _TEAL, "site_slow_or_down": _CYAN,
               "security_concern": _RED, "quality_unverifiable": _ORANGE, "price_too_high": _YELLOW, "return_worry": _PURPLE,
               "poor_reviews": _PINK, "payment_failed": _BLUE, "delivery_failed": _GREEN, "irrelevant_click": _NAVY,
               "refused_at_door": _MAROON},
    "channel": _in_order(("organic_search", "paid_search", "email", "affiliate", "social", "direct", "recommendation_email",
                          "loyalty_programme", "personalization", "community")) | {"new_item_email": _CYAN},
    "purpose": {"acquisition": _BLUE, "retention": _GREEN},
    "persona": _in_order(("directed_information_seeker", "undirected_information_seeker", "directed_buyer", "bargain_hunter",
                          "entertainment_seeker")),
    "segment": {"b2c": _BLUE, "b2b": _ORANGE},
    "category": {"fashion": _BLUE, "electronics": _ORANGE, "home": _GREEN, "beauty": _RED, "books": _TEAL,
                 "office_supplies": _PURPLE, "it_equipment": _YELLOW, "services": _BROWN, "furniture": _PINK, "general": _GREY,
                 "children_books": _NAVY, "stationery": "#88d27a", "gifts": _MAROON},
    "delivery": {"on_time": _GREEN, "late": _RED},
    "lifecycle_stage": _in_order(("requirements", "acquisition", "ownership", "retirement")),
    "request": _in_order(("pre_purchase_question", "payment_problem", "where_is_my_order", "delivery_failed", "warranty",
                          "return", "resale")),
    "tool": _in_order(("tracking_page", "faq", "auto", "chat", "email")),
    # multi-channel paths, payment, paid-search settings, churn causes, service functions (issue of the mechanisms)
    "touchpoint": {"online": _BLUE, "phone": _ORANGE, "store": _GREEN},
    "payment": {"prepaid": _BLUE, "cod": _ORANGE, "at_store": _GREEN},
    "ad_network": {"search": _BLUE, "content": _ORANGE},
    "match_type": _in_order(("exact", "phrase", "broad")),
    "day_part": _in_order(("night", "morning", "afternoon", "evening")),
    "churn_cause": {"lapsed": _GREY, "competitor": _RED},
    "service_function": _in_order(("search_compare", "free", "information", "made_to_order", "tracking")),
    "final_state": {"lost_prospect": _GREY, "churned": _RED, "active": _GREEN},
    # measures and segments of the lectures
    "nps_group": {"promoter": _GREEN, "passive": _GREY, "detractor": _RED},
    "loyalty_zone": {"defection": _RED, "indifference": _YELLOW, "affection": _GREEN},
    "ltv_tier": {"bronze": "#b08d57", "silver": "#a8a9ad", "gold": "#d4af37", "platinum": "#7f9fbf"},
    "value_level": {"low": _BLUES[0], "medium": _BLUES[2], "high": _BLUES[4]},
    # best to worst: greens, then blues, ambers, reds, greys (Chaffey Fig 9.17)
    "rfm_segment": {"champions": "#1a9850", "loyal": "#66bd63", "potential_loyalist": "#a6d96a", "new": _BLUE,
                    "promising": _TEAL, "need_attention": "#fee08b", "about_to_sleep": "#fdae61", "at_risk": "#f46d43",
                    "cant_lose": "#d73027", "hibernating": "#969696", "lost": "#525252"},
    "activity_segment": {"active": _GREEN, "inactive": _YELLOW, "lapsed": _RED},
    "lifecycle_segment": {"visitor": _BLUES[0], "prospect": _BLUES[1], "first_time": _BLUES[2], "repeat": _BLUES[3],
                          "loyal": _BLUES[4], "lapsed": _GREY},
    "crm_activity": _in_order(("selection", "acquisition", "retention", "extension")),
    "seo_part": {"on_page": _BLUE, "off_page": _ORANGE},
    "offer": {"none": _GREY, "cross_sell": _BLUE, "up_sell": _ORANGE, "both": _GREEN},
    "auction_status": {"shown": _GREEN, "outranked": _YELLOW, "below_reserve": _GREY},
    "churn_method": {"observed": _BLUE, "true": _ORANGE},
    "lever_state": {"off": _GREY, "on": _GREEN},
    "centred_step": _in_order(("simple_transactions", "end_user_focus", "product_redesign", "structure", "loyalty", "all_steps")),
    "report_setting": {"group": _BLUE, "default_shop": "#8c8c8c"},
    "dq_status": {"valid": _GREEN, "invalid": _YELLOW, "missing": _RED},
    "dq_score": {"precision": _BLUE, "recall": _ORANGE, "f1": _GREEN, "records": _RED, "records_right": _TEAL,
                 "share_right": _PURPLE, "customers_true": _YELLOW, "clusters_found": _BROWN},
    "gap_priority": {"concentrate": _RED, "keep_up": _GREEN, "low_priority": _GREY, "overkill": _BLUE},
    "servqual_side": {"below": _RED, "meets": _GREEN},
    # the roles of the runs compared in a chart (not codes of the data)
    "run": {"baseline": _GREY, "current": _BLUES[3]},
    "lever_role": {"reference": "#8c8c8c", "chosen": _BLUES[4]},
    "list_flow": {"opt_ins": _GREEN, "unsubscribes": _RED},
    "ltv_value": {"estimate": _BLUE, "truth": _ORANGE},
}
"""Family → code → colour (``#rrggbb``). A family named like a kind of the label map (``reason``, ``channel``…) has
a colour for every code of that kind."""

SEQUENCE: tuple[str, ...] = (_BLUE, _ORANGE, _GREEN, _PURPLE, _RED, _TEAL, _YELLOW, _BROWN, _PINK)
"""Colours for settings that are not categories (the values of a swept lever), taken in turn."""
TOTAL = "#555555"
"""The whole shop (every channel together), drawn beside the channels."""
BASELINE = "#8c8c8c"
"""A baseline drawn beside its variants (before the change)."""
UNKNOWN = "#999999"
"""A category the course does not know (a student's own)."""


def colour_of(family: str, code: str) -> str:
    """The colour of one code of a family.

    Raises:
        DataError: a family without colours, or a code the family does not have.
    """
    if family not in PALETTES:
        raise DataError([("family", family, f"không có bảng màu; có: {', '.join(PALETTES)}",
                          f"has no colours; known: {', '.join(PALETTES)}")])
    if code not in PALETTES[family]:
        raise DataError([(family, code, f"không có màu; có: {', '.join(PALETTES[family])}",
                          f"has no colour; known: {', '.join(PALETTES[family])}")])
    return PALETTES[family][code]


__all__ = ["BASELINE", "MIN_DELTA_E", "PALETTES", "SEQUENCE", "TOTAL", "UNKNOWN", "colour_of"]
