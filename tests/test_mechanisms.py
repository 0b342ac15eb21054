"""The mechanisms of issue 17, each on a hand-worked example and in a run.

Godin's four permission steps, the paid-search levers, cash on delivery and refusals at the door,
offline touchpoints, competitors and loyalty, new-item e-mails, free delivery, made-to-order and
resale. Expected values are worked out by hand from the formulas the docstrings state; the runs
check that the engine does what the formula says, within sampling error.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import sim
from sim.base.codes import CH, CHURN_CAUSES, ORDER_FIELDS, PAY, PERSONAS, REASONS, TP
from sim.engine.channels import paid_search_plan
from sim.engine.customer import churn_rates, place_order
from sim.engine.model import (
    Model,
    email_open_rate,
    evaluation_risks,
    opt_in_prob,
    unsubscribe_prob,
    widen_prob,
)
from sim.measures.competition import defection_by_orders


def _z_ok(successes: int, n: int, p: float, z: float = 3.3) -> bool:
    """Whether successes / n is within z standard errors of p."""
    return abs(successes / n - p) <= z * math.sqrt(p * (1 - p) / n)


# --------------------------------------------------------------------------- Godin's four steps


def test_godin_steps_by_hand():
    pm = sim.load_scenario("default").permission_marketing
    # 1. Incentive 30,000 ₫, scale 50,000 ₫: 0.25 + 0.40·(1 − e^−0.6) = 0.25 + 0.40·0.451188 = 0.430475
    assert opt_in_prob(pm) == pytest.approx(0.25 + 0.40 * (1 - math.exp(-0.6)))
    assert opt_in_prob(pm) == pytest.approx(0.430475, abs=1e-6)
    # 2. Teaching (2 welcome e-mails): open rate 0.20 × 1.25 = 0.25; without: 0.20
    assert email_open_rate(pm) == pytest.approx(0.25)
    assert email_open_rate(pm.model_copy(update={"teaching_emails": 0})) == pytest.approx(0.20)
    # Unsubscribes: 0.01 at 4 e-mails a month, × (1 − 0.3) with teaching = 0.007
    assert unsubscribe_prob(pm) == pytest.approx(0.007)
    assert unsubscribe_prob(pm.model_copy(update={"teaching_emails": 0})) == pytest.approx(0.01)
    # 3. Reinforcement 5,000 ₫ a month with scale 5,000 ₫: × e^−1 = 0.007 · 0.367879 = 0.0025752
    assert unsubscribe_prob(pm.model_copy(update={"reinforcement_vnd_per_month": 5000.0})) == pytest.approx(
        0.007 * math.exp(-1.0))
    # Fatigue: 8 e-mails a month, exponent 1.5: 0.01 · 2^1.5 · 0.7 = 0.0197990
    assert unsubscribe_prob(pm.model_copy(update={"sends_per_month": 8.0})) == pytest.approx(0.01 * 2**1.5 * 0.7)
    # 4. Additional incentive 20,000 ₫: 0.5 · (1 − e^−0.4) = 0.5 · 0.329680 = 0.164840
    assert widen_prob(pm) == pytest.approx(0.164840, abs=1e-6)
    assert widen_prob(pm.model_copy(update={"additional_incentive_vnd": 0.0})) == 0.0


def _house_list(result) -> dict[str, float]:
    m, c = result.marketing, result.customers
    house = m[(m["channel"] == "email") & (m["purpose"] == "retention")]
    return {"open_rate": house["opens"].sum() / house["emails_sent"].sum(),
            "unsubscribes_per_email": house["unsubscribes"].sum() / house["emails_sent"].sum(),
            "opt_in": c["email_opt_in"].mean(),
            "widened": c["permission_widened_at"].notna().sum()}


def test_each_godin_step_moves_its_measure():
    """Teaching raises opens and cuts unsubscribes; a reward cuts unsubscribes; a voucher widens permission."""
    none = {"permission_marketing.teaching_emails": 0, "permission_marketing.reinforcement_vnd_per_month": 0.0,
            "permission_marketing.additional_incentive_vnd": 0.0, "permission_marketing.incentive_vnd": 0.0}
    base = _house_list(sim.simulate(sim.with_changes("default", none), seed=5, customers=6000))
    incentive = _house_list(sim.simulate(sim.with_changes("default", {
        **none, "permission_marketing.incentive_vnd": 60000.0}), seed=5, customers=6000))
    teach = _house_list(sim.simulate(sim.with_changes("default", {
        **none, "permission_marketing.teaching_emails": 2}), seed=5, customers=6000))
    reward = _house_list(sim.simulate(sim.with_changes("default", {
        **none, "permission_marketing.reinforcement_vnd_per_month": 10000.0}), seed=5, customers=6000))
    widen = _house_list(sim.simulate(sim.with_changes("default", {
        **none, "permission_marketing.additional_incentive_vnd": 50000.0}), seed=5, customers=6000))
    # Step 1: 0.25 → 0.25 + 0.40·(1 − e^−1.2) = 0.5295
    assert base["opt_in"] == pytest.approx(0.25, abs=0.03)
    assert incentive["opt_in"] == pytest.approx(0.25 + 0.40 * (1 - math.exp(-1.2)), abs=0.03)
    # Step 2: opens 0.20 → 0.25 per e-mail; unsubscribes 0.01 → 0.007 per e-mail
    assert base["open_rate"] == pytest.approx(0.20, abs=0.01)
    assert teach["open_rate"] == pytest.approx(0.25, abs=0.01)
    assert teach["unsubscribes_per_email"] < base["unsubscribes_per_email"]
    # Step 3: × e^−2 = 0.135
    assert reward["unsubscribes_per_email"] < 0.5 * base["unsubscribes_per_email"]
    # Step 4: nobody widens without the voucher
    assert base["widened"] == 0
    assert widen["widened"] > 50


# --------------------------------------------------------------------------- paid search


def _paid_search(**changes):
    return sim.with_changes("default", {f"channels.paid_search.{k}": v for k, v in changes.items()}).channels.paid_search


def test_paid_search_plan_exact_match_by_hand():
    plan = paid_search_plan(_paid_search(click_fraud_rate=0.05))
    cpc = 128000 / 7 + 1
    assert plan.auction.cpc_vnd == pytest.approx(cpc)
    # 200 searches × CTR 0.035 = 7 visitors; paid clicks 7 / 0.95; all relevant
    assert plan.visitors_per_day == pytest.approx(7.0)
    assert sum(plan.search_paid_clicks) == pytest.approx(7.0 / 0.95)
    assert plan.invalid_clicks_per_day == pytest.approx(7.0 / 0.95 - 7.0)
    assert plan.relevance == 1.0
    assert plan.spend_per_day_vnd == pytest.approx(7.0 / 0.95 * cpc)
    # Visitors by part of the day follow the searches: 8%, 27%, 30%, 35%
    assert plan.search_clicks == pytest.approx((0.56, 1.89, 2.1, 2.45))


def test_broad_match_reaches_more_less_relevant_and_runs_out_of_budget():
    cpc = 128000 / 7 + 1
    cap = 400000 / cpc  # 21.874 paid clicks a day
    plan = paid_search_plan(_paid_search(match_type="broad", click_fraud_rate=0.05))
    # 200 × 4 = 800 searches, 28 visitors wanted = 29.47 paid clicks > the cap: spent from midnight
    wanted = [800 * w * 0.035 / 0.95 for w in (0.08, 0.27, 0.30, 0.35)]
    assert sum(plan.search_paid_clicks) == pytest.approx(cap)
    assert plan.search_paid_clicks[:3] == pytest.approx(wanted[:3])
    assert plan.search_paid_clicks[3] == pytest.approx(cap - sum(wanted[:3]))  # the evening gets what is left
    assert plan.relevance == pytest.approx(0.4)
    # Negative keywords keep 60% of the irrelevant searches away: kept 0.4 + 0.6·0.4 = 0.64
    neg = paid_search_plan(_paid_search(match_type="broad", negative_keywords=True, negative_keyword_filter=0.6))
    assert neg.matched_searches_per_day == pytest.approx(800 * 0.64)
    assert neg.relevance == pytest.approx(0.4 / 0.64)
    # Phrase: 400 searches × 0.035 = 14 visitors, 75% relevant, under the cap
    phrase = paid_search_plan(_paid_search(match_type="phrase", click_fraud_rate=0.0))
    assert phrase.visitors_per_day == pytest.approx(14.0)
    assert phrase.relevance == pytest.approx(0.75)


def test_day_parting_spreads_the_budget_by_part_of_the_day():
    cpc = 128000 / 7 + 1
    plan = paid_search_plan(_paid_search(match_type="broad", click_fraud_rate=0.0, day_parting=True))
    # Shares 0, 0.25, 0.30, 0.45 of 400,000 ₫; wanted 800·w·0.035 = 2.24, 7.56, 8.4, 9.8
    caps = [400000 * b / cpc for b in (0.0, 0.25, 0.30, 0.45)]
    wanted = [800 * w * 0.035 for w in (0.08, 0.27, 0.30, 0.35)]
    assert plan.search_paid_clicks == pytest.approx(tuple(min(c, w) for c, w in zip(caps, wanted, strict=True)))
    assert plan.search_clicks[0] == 0.0  # no ads at night
    no_parting = paid_search_plan(_paid_search(match_type="broad", click_fraud_rate=0.0))
    assert plan.search_clicks[3] > no_parting.search_clicks[3]  # the evening is no longer starved


def test_content_network_by_hand():
    plan = paid_search_plan(_paid_search(content_network=True, content_daily_budget_vnd=60000.0, content_cpc_vnd=2500.0,
                                         content_click_fraud_rate=0.15))
    # 60,000 / 2,500 = 24 paid clicks a day, 15% fraudulent: 20.4 visitors
    assert sum(plan.content_paid_clicks) == pytest.approx(24.0)
    assert sum(plan.content_clicks) == pytest.approx(20.4)
    assert plan.visitors_per_day == pytest.approx(7.0 + 20.4)


def test_paid_search_in_a_run():
    """Irrelevant clicks leave at once; fraud shows in the marketing table; ad visitors come at their hours."""
    scenario = sim.with_changes("default", {"channels.paid_search.match_type": "broad",
                                            "channels.paid_search.click_fraud_rate": 0.2,
                                            "channels.paid_search.content_network": True,
                                            "channels.paid_search.day_parting": True})
    r = sim.simulate(scenario, seed=3)
    c, j, mk = r.customers, r.journey, r.marketing
    ads = c[c["acquired_via"] == "paid_search"]
    assert set(ads["ad_network"]) == {"search", "content"}
    assert c.loc[c["acquired_via"] != "paid_search", "ad_network"].isna().all()
    search_ids = set(ads.loc[ads["ad_network"] == "search", "customer_id"])
    irrelevant = j[(j["reason"] == "irrelevant_click")]
    assert irrelevant["stage"].eq(1).all()
    gone = irrelevant["customer_id"].isin(search_ids).sum()
    assert _z_ok(gone, len(search_ids), 1 - 0.4)
    paid = mk[mk["channel"] == "paid_search"]
    assert _z_ok(int(paid["invalid_clicks"].sum()), int(paid["invalid_clicks"].sum() + paid["clicks"].sum()),
                 # search 20% and content 15% fraud, weighted by the visitors of each network
                 (0.2 / 0.8 * len(search_ids) + 0.15 / 0.85 * (len(ads) - len(search_ids)))
                 / (len(ads) + 0.2 / 0.8 * len(search_ids) + 0.15 / 0.85 * (len(ads) - len(search_ids))))
    assert mk.loc[mk["channel"] != "paid_search", "invalid_clicks"].isna().all()
    # Day parting gives the night no budget: no ad visitor between midnight and 6 am
    hours = pd.to_datetime(ads["first_seen_at"]).dt.hour
    assert (hours < 6).sum() == 0


# --------------------------------------------------------------------------- stage 4: COD, store, free delivery


def _model(changes: dict, seed: int = 1) -> tuple[Model, int]:
    m = Model(sim.with_changes("default", changes), seed)
    cid = m.add_prospect(0.0, CH["direct"], PERSONAS.index("directed_buyer"))
    return m, cid


def _last_order(m: Model) -> dict[str, float]:
    row = m.orders[-len(ORDER_FIELDS):]
    return dict(zip(ORDER_FIELDS, row, strict=True))


def test_refused_cod_order_is_a_stage_4_drop_out_with_its_own_reason():
    m, cid = _model({"purchase.cod_share": 1.0, "purchase.cod_refusal_prob": 1.0, "purchase.delivery_failure_prob": 0.0})
    p = m.personas[m.persona[cid]]
    assert place_order(m, cid, 1, 0, CH["direct"], p, 0.0, TP["online"]) is None
    _cid, _no, _t, stage, _event, _channel, reason, touch = m.journey[-8:]
    assert (stage, reason, touch) == (4, 1 + REASONS.index("refused_at_door"), TP["online"])
    assert len(m.orders) == 0 and m.first_order[cid] == math.inf


def test_store_orders_are_paid_at_the_counter_and_taken_home():
    m, cid = _model({"purchase.delivery_failure_prob": 1.0, "purchase.delivery_late_prob": 1.0})
    p = m.personas[m.persona[cid]]
    late, _warranty, _tier, days, _made = place_order(m, cid, 1, 0, CH["direct"], p, 0.0, TP["store"])
    order = _last_order(m)
    assert order["payment"] == PAY["at_store"] and order["touchpoint"] == TP["store"]
    assert (late, days, order["shipping_fee_vnd"]) == (False, 0.0, 0.0)  # no courier, so no failure either
    # A phone order is cash on delivery, and the courier fails here
    assert place_order(m, cid, 2, 0, CH["direct"], p, 1.0, TP["phone"]) is None


def test_free_delivery_above_the_threshold_is_paid_by_the_shop():
    changes = {"purchase.delivery_failure_prob": 0.0, "purchase.cod_refusal_prob": 0.0, "purchase.payment_failure_prob": 0.0,
               "service_functions.made_to_order": False, "service_functions.shipping_fee_vnd": 30000.0}
    free, cid = _model({**changes, "service_functions.free_shipping_min_order_vnd": 0.0})
    paid, cid2 = _model({**changes, "service_functions.free_shipping": False})
    p = free.personas[free.persona[cid]]
    place_order(free, cid, 1, 0, CH["direct"], p, 0.0, TP["online"])
    place_order(paid, cid2, 1, 0, CH["direct"], p, 0.0, TP["online"])
    a, b = _last_order(free), _last_order(paid)
    assert a["amount_vnd"] == b["amount_vnd"]  # same seed, same basket
    assert (a["shipping_fee_vnd"], b["shipping_fee_vnd"]) == (0.0, 30000.0)
    assert a["margin_vnd"] == pytest.approx(b["margin_vnd"] - 30000.0)


def test_made_to_order_costs_more():
    base = {"service_functions.made_to_order": True, "service_functions.made_to_order_prob": 1.0,
            "purchase.delivery_failure_prob": 0.0, "purchase.cod_refusal_prob": 0.0, "purchase.payment_failure_prob": 0.0,
            "service_functions.free_shipping": False}
    plain, cid = _model({**base, "service_functions.made_to_order_price_premium_rate": 0.0,
                         "service_functions.made_to_order_extra_days": 0.0})
    custom, cid2 = _model({**base, "service_functions.made_to_order_price_premium_rate": 0.2,
                           "service_functions.made_to_order_extra_days": 5.0})
    p = plain.personas[plain.persona[cid]]
    out_plain = place_order(plain, cid, 1, 0, CH["direct"], p, 0.0)
    out_custom = place_order(custom, cid2, 1, 0, CH["direct"], p, 0.0)
    assert _last_order(custom)["amount_vnd"] == pytest.approx(1.2 * _last_order(plain)["amount_vnd"])
    assert _last_order(custom)["made_to_order"]
    assert out_custom[3] == pytest.approx(out_plain[3] + 5.0)  # five more days to deliver


def test_cod_in_a_run():
    r = sim.simulate(sim.with_changes("default", {"purchase.cod_refusal_prob": 0.15}), seed=4)
    o, j = r.orders, r.journey
    online = o[o["touchpoint"] == "online"]
    # Online orders: COD 70% of those that got through; refusals cut COD orders by 15%, failed
    # prepaid payments cut the others by 3%: 0.7·0.85 / (0.7·0.85 + 0.3·0.97) = 0.6716
    expected = 0.7 * 0.85 / (0.7 * 0.85 + 0.3 * 0.97)
    assert _z_ok(int((online["payment"] == "cod").sum()), len(online), expected)
    assert (o.loc[o["touchpoint"] == "phone", "payment"] == "cod").all()
    assert (o.loc[o["touchpoint"] == "store", "payment"] == "at_store").all()
    refused = int((j["reason"] == "refused_at_door").sum())
    cod = int((o["payment"] == "cod").sum())
    assert _z_ok(refused, refused + cod, 0.15)
    assert (j.loc[j["reason"] == "refused_at_door", "stage"] == 4).all()


# --------------------------------------------------------------------------- multi-channel conversion


def test_offline_contact_lowers_the_trust_risks():
    sc = sim.load_scenario("default")
    online = evaluation_risks(sc, 0.5, repeat=False, loyalty=0.0)
    offline = evaluation_risks(sc, 0.5, repeat=False, loyalty=0.0, offline=True)
    assert offline[:3] == pytest.approx([0.5 * r for r in online[:3]])  # security, quality, returns × 0.5
    assert offline[3:] == pytest.approx(online[3:])  # reviews and price unchanged
    # Free delivery: price risk 0.5 · 0.15 · (1 − 0.2) = 0.06
    assert online[4] == pytest.approx(0.06)


def test_journeys_start_online_and_finish_offline_and_the_other_way_round():
    r = sim.simulate(sim.with_changes("default", {"multichannel.phone_session_prob": 0.2,
                                                  "multichannel.store_session_prob": 0.1}), seed=8, customers=4000)
    j = r.journey
    searches = j[(j["stage"] == 2) & (j["event"] != "dropout")]
    share = searches["touchpoint"].value_counts(normalize=True)
    assert share["phone"] == pytest.approx(0.2, abs=0.02) and share["store"] == pytest.approx(0.1, abs=0.02)
    assert (j.loc[j["stage"] == 1, "touchpoint"] == "online").all()
    bought = j[j["event"] == "purchased"].set_index(["customer_id", "journey_no"])["touchpoint"]
    first = searches.groupby(["customer_id", "journey_no"])["touchpoint"].first()
    paths = pd.DataFrame({"start": first.reindex(bought.index), "end": bought})
    offline = {"phone", "store"}
    assert ((paths["start"] == "online") & paths["end"].isin(offline)).sum() > 20
    assert (paths["start"].isin(offline) & (paths["end"] == "online")).sum() > 20
    # After an offline contact more journeys pass evaluation (trust risks halved)
    evaluated = j[j["stage"] == 3]
    seen = set(searches.loc[searches["touchpoint"] != "online"].set_index(["customer_id", "journey_no"]).index)
    key = list(zip(evaluated["customer_id"], evaluated["journey_no"], strict=True))
    was_offline = np.array([k in seen for k in key])
    passed = (evaluated["event"] == "evaluated").to_numpy()
    assert passed[was_offline].mean() > passed[~was_offline].mean() + 0.05


# --------------------------------------------------------------------------- loyalty and competitors


def test_competitor_defection_falls_with_loyalty_by_hand():
    m, cid = _model({"competition.offers_per_month": 3.0, "competition.defection_prob": 0.1,
                     "competition.loyalty_resistance": 0.9, "churn.monthly_hazard": 0.3,
                     "churn.loyalty_protection": 0.95, "retention.community.enabled": False})
    p = m.personas[m.persona[cid]]  # directed buyer, price sensitivity 0.3
    m.last_satisfaction[cid] = 4.0
    m.loyalty[cid] = 0.0
    total, defection = churn_rates(m, cid, p)
    # 3 offers / 30 days × 0.1 × 0.3 = 0.003 a day; churn 0.3 / 30 = 0.01 a day
    assert defection == pytest.approx(0.003)
    assert total == pytest.approx(0.013)
    m.loyalty[cid] = 1.0
    total, defection = churn_rates(m, cid, p)
    assert defection == pytest.approx(0.003 * 0.1)
    assert total == pytest.approx(0.01 * 0.05 + 0.0003)


def test_loyal_customers_compare_prices_less():
    sc = sim.load_scenario("default")
    # Repeat journey: price risk 0.5 · 0.15 · 0.8 · (1 − 0.6 · L)
    assert evaluation_risks(sc, 0.5, repeat=True, loyalty=0.0)[4] == pytest.approx(0.06)
    assert evaluation_risks(sc, 0.5, repeat=True, loyalty=1.0)[4] == pytest.approx(0.06 * 0.4)


def test_loyalty_resists_competitors_in_a_run():
    """Competitors take fewer loyal customers: in the model's own loyalty, and in the tables.

    Here the other churn does not depend on loyalty (``loyalty_protection`` 0) and unhappy customers'
    churn is not doubled (``defection_multiplier`` 1), so the share of churns going to a competitor
    follows the resistance alone: by ``churn_rates``, with c = 0.30 / 30 = 0.01 and
    d = 4 / 30 × 0.08 × σ a day, d(1 − 0.97 L) / (c + d(1 − 0.97 L)): for σ = 0.5, 0.35 at L = 0 and
    0.12 at L = 0.8.
    """
    base = {"competition.offers_per_month": 4.0, "churn.defection_multiplier": 1.0, "churn.loyalty_protection": 0.0}
    m = Model(sim.with_changes("default", {**base, "competition.loyalty_resistance": 0.97}), 6)
    m.run()
    churned = np.isfinite(np.asarray(m.churned_at))
    loyalty = np.asarray(m.loyalty)  # loyalty does not change after a churn
    to_competitor = np.asarray(m.churn_cause) == CHURN_CAUSES.index("competitor")
    low, high = churned & (loyalty < 0.2), churned & (loyalty >= 0.6)
    assert low.sum() > 300 and high.sum() > 100
    assert to_competitor[high].mean() < 0.6 * to_competitor[low].mean()
    # In the tables: with the resistance, fewer customers of every order band go to a competitor.
    keep = {**base, "churn.loyalty_protection": 0.95}
    resist = sim.simulate(sim.with_changes("default", {**keep, "competition.loyalty_resistance": 0.97}), seed=6)
    none = sim.simulate(sim.with_changes("default", {**keep, "competition.loyalty_resistance": 0.0}), seed=6)
    for r in (resist, none):
        assert set(r.truth.loc[r.truth["churned_at"].notna(), "churn_cause"]) == {"lapsed", "competitor"}
        assert r.truth.loc[r.truth["churned_at"].isna(), "churn_cause"].isna().all()
    with_resistance = defection_by_orders(resist.orders, resist.truth).set_index("orders")
    without = defection_by_orders(none.orders, none.truth).set_index("orders")
    assert (with_resistance["competitor_rate"] < without["competitor_rate"] - 0.05).all()


# --------------------------------------------------------------------------- new items, resale


def test_next_new_item_takes_the_kth_announcement_in_the_customers_categories():
    m, _cid = _model({})

    class Fixed:
        def geometric(self, p):
            return 3

    m.launch_times = [[1.0, 5.0, 9.0], [2.0, 3.0], [4.0]]
    m.launches = [[(1.0, 40), (5.0, 41), (9.0, 42)], [(2.0, 30), (3.0, 31)], [(4.0, 30)]]
    m.new_item_trigger = 0.5
    # Interests: categories 0 and 2; after day 1.5 their launches are 4 (cat 2), 5, 9 (cat 0): the third is day 9
    assert m.next_new_item(1.5, 0b101, 100.0, Fixed()) == (9.0, 0, 42)
    assert m.next_new_item(1.5, 0b101, 8.0, Fixed()) == (math.inf, -1, -1)  # unsubscribed before
    assert m.next_new_item(1.5, 0b011, 100.0, Fixed()) == (5.0, 0, 41)  # 2, 3, then 5
    assert m.next_new_item(1.5, 0, 100.0, Fixed())[0] == math.inf  # no interests yet


def test_new_items_are_announced_and_bought():
    sc = sim.load_scenario("default")
    r = sim.simulate(sc, seed=2)
    o, mk = r.orders, r.marketing
    new = o[o["via_new_item"]]
    assert len(new) > 30
    initial = {name: c.products for name, c in sc.catalogue.categories.items()}
    numbers = new["product_id"].str[3:].astype(int)
    assert (numbers > new["category"].map(initial)).all()  # a product launched during the run
    # Each was announced to a customer who had bought in its category before
    earlier = o.merge(new[["customer_id", "category", "at"]], on=["customer_id", "category"], suffixes=("", "_new"))
    assert earlier[earlier["at"] < earlier["at_new"]].drop_duplicates(["customer_id", "at_new"]).shape[0] == len(new)
    rows = mk[mk["channel"] == "new_item_email"]
    assert (rows["purpose"] == "retention").all() and rows["emails_sent"].sum() > 0
    assert rows["spend_vnd"].sum() == pytest.approx(rows["emails_sent"].sum() * 150, abs=len(rows))


def test_resale_is_the_life_cycles_last_stage():
    r = sim.simulate("default", seed=2)
    t, j = r.tickets, r.journey
    resale = t[t["request"] == "resale"]
    assert len(resale) > 30 and (resale["lifecycle_stage"] == "retirement").all()
    assert set(t["lifecycle_stage"]) == {"requirements", "acquisition", "ownership", "retirement"}
    trade = j[j["event"] == "need_trade_in"]
    assert len(trade) > 5
    # A trade-in need starts at the moment the customer resells an item
    keys = set(zip(resale["customer_id"], resale["at"], strict=True))
    assert all((c, a) in keys for c, a in zip(trade["customer_id"], trade["at"], strict=True))
    # The five service functions each leave a trace: search and compare (FAQ and search box), free (free delivery),
    # information and special services (automatic replies), made to order, tracking (the order-tracking page).
    assert {"faq", "auto", "tracking_page"} <= set(t["tool"].dropna())
    online = r.orders[r.orders["touchpoint"] != "store"]
    assert (online["shipping_fee_vnd"] == 0).any() and (online["shipping_fee_vnd"] > 0).any()
    assert r.orders["made_to_order"].any()
