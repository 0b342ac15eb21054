"""Analytic check: with fixed stage probabilities and no feedback, conversion is their product."""

from __future__ import annotations

import math

import sim

OTHERS = ("directed_information_seeker", "undirected_information_seeker", "bargain_hunter",
          "entertainment_seeker")


def test_conversion_is_the_product_of_stage_probabilities():
    scenario = sim.load_scenario({
        "base": "default",
        "observation_days": 365,
        "truth_horizon_days": 30,
        "max_returns": 0,  # no second chance
        "personas": {
            "directed_buyer": {"share": 1.0, "purchase_intent": 0.6, "search_sessions_mean": 1.0,
                               "search_dropout_prob": 0.1, "price_sensitivity": 0.5},
            **{name: {"share": 0.0} for name in OTHERS},
        },
        "trust": {"security_badge": False, "reviews": False, "return_policy": False,
                  "quality_verification": False},
        "evaluation": {"security_concern_prob": 0.2, "quality_doubt_prob": 0.3, "return_worry_prob": 0.1,
                       "price_dropout_at_parity_prob": 0.2, "price_index": 1.0},
        # 70% pay cash on delivery, and in this shop 30% of those refuse the parcel at the door (a rate
        # far above the default's, so that the test would see refusals left out); the others pay first.
        "purchase": {"payment_failure_prob": 0.05, "delivery_failure_prob": 0.02, "cod_share": 0.7,
                     "cod_refusal_prob": 0.3},
        # Free delivery lowers the price risk by 20%.
        "service_functions": {"free_shipping": True, "free_shipping_price_risk_reduction": 0.2,
                              "comparison_tool": False},
        # The site is up 98% of the time and loads in 3 s: 2 s × 0.02 = 4% give up a session.
        "service_quality": {"site_availability": 0.98, "page_load_seconds": 3.0, "slow_page_leave_prob_per_second": 0.02},
        "channels": {"social": {"referral_prob": 0.0},  # no feedback through referrals
                     # every ad click is by someone who wants the product, whatever the hour
                     "paid_search": {"match_type": "exact", "match_relevance": {"exact": 1.0, "phrase": 0.75, "broad": 0.4},
                                     "content_network": False,
                                     "intent_by_day_part": {"night": 1, "morning": 1, "afternoon": 1, "evening": 1}}},
        "multichannel": {"hotline": False, "store": False},  # every session is on the site
    })
    # Worked by hand:
    #   need        0.6
    #   search      site up and fast enough, then the persona stays (exactly one session):
    #               0.98 · (1 − 0.04) · (1 − 0.1)     = 0.98 · 0.96 · 0.9 = 0.84672
    #   evaluation  (1−0.2)(1−0.3)(1−0.1)(1−0.5·0.2·(1−0.2)) = 0.8 · 0.7 · 0.9 · 0.92 = 0.46368
    #   purchase    delivered, and then: COD and not refused, or paid first without a failed payment
    #               (1 − 0.02)·(0.7·(1 − 0.3) + 0.3·(1 − 0.05)) = 0.98 · (0.49 + 0.285) = 0.7595
    #   product     0.6 · 0.84672 · 0.46368 · 0.7595   ≈ 0.1789
    expected = 0.6 * 0.84672 * 0.46368 * 0.7595
    result = sim.simulate(scenario, seed=99, customers=20000)
    n = len(result.truth)
    converted = result.truth["first_order_at"].notna().sum()
    half_width = 2.576 * math.sqrt(expected * (1 - expected) / n)  # 99% interval
    assert n > 15000
    assert abs(converted / n - expected) < half_width, (converted / n, expected, half_width)
