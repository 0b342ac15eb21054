"""Permission marketing (lecture 001, Godin 1999): the opt-in list's growth, hand-worked examples, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.measures import permission

# Six people (worked by hand). 2026-01-05 is a Monday, so the weeks (Monday–Sunday) are
#   W1 = 05–11 Jan, W2 = 12–18 Jan, W3 = 19–25 Jan.
#   A  seen 05 Jan, opted in, still subscribed
#   B  seen 06 Jan, opted in, unsubscribed 20 Jan (W3)
#   C  seen 07 Jan, did not opt in
#   D  seen 13 Jan, opted in, unsubscribed 14 Jan (W2)
#   E  seen 21 Jan, did not opt in
#   F  seen 22 Jan, email_opt_in False but unsubscribed 23 Jan (W3): only a subscriber can leave, so F opted in
# W1: prospects A, B, C = 3; opt-ins A, B = 2 -> rate 2/3; unsubscribes 0; net +2; subscribers 2
# W2: prospects D = 1; opt-ins D = 1 -> rate 1; unsubscribes D = 1; net 0; subscribers 2
# W3: prospects E, F = 2; opt-ins F = 1 -> rate 1/2; unsubscribes B, F = 2; net −1; subscribers 1
CUSTOMERS = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E", "F"],
    "first_seen_at": pd.to_datetime(["2026-01-05 10:00", "2026-01-06 09:00", "2026-01-07 12:00", "2026-01-13 08:00",
                                     "2026-01-21 15:00", "2026-01-22 11:00"]),
    "email_opt_in": [True, True, False, True, False, False],
    "unsubscribed_at": pd.to_datetime([None, "2026-01-20 08:00", None, "2026-01-14 09:00", None, "2026-01-23 10:00"]),
})
# House-list e-mails to customers (channel email, purpose retention), by week:
#   W1: 10 sent, 0 left -> rate 0; W2: 20 sent, 1 left -> 1/20 = 0.05; W3: 40 sent, 2 left -> 2/40 = 0.05.
# The acquisition row (partner lists + prospects) and the recommendation e-mails are not counted.
MARKETING = pd.DataFrame({
    "date": ["2026-01-08", "2026-01-15", "2026-01-15", "2026-01-22", "2026-01-22"],
    "channel": ["email", "email", "email", "email", "recommendation_email"],
    "purpose": ["retention", "retention", "acquisition", "retention", "retention"],
    "emails_sent": pd.array([10, 20, 500, 40, 30], dtype="Int64"),
    "unsubscribes": pd.array([0, 1, 3, 2, pd.NA], dtype="Int64"),
})


def test_list_growth_weekly_by_hand():
    out = permission.list_growth(CUSTOMERS, freq="W")
    assert list(out.columns) == list(permission.GROWTH_COLUMNS)
    assert out["period_start"].tolist() == list(pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]))
    assert out["period_end"].tolist() == list(pd.to_datetime(["2026-01-12", "2026-01-19", "2026-01-26"]))
    assert out["prospects"].tolist() == [3, 1, 2]
    assert out["opt_ins"].tolist() == [2, 1, 1]
    assert out["opt_in_rate"].tolist() == pytest.approx([2 / 3, 1.0, 0.5])
    assert out["unsubscribes"].tolist() == [0, 1, 2]
    assert out["net_change"].tolist() == [2, 0, -1]
    assert out["subscribers"].tolist() == [2, 2, 1]


def test_list_growth_with_marketing_adds_the_rate_per_email():
    out = permission.list_growth(CUSTOMERS, MARKETING, freq="W")
    assert list(out.columns) == [*permission.GROWTH_COLUMNS, *permission.EMAIL_COLUMNS]
    assert out["customer_emails_sent"].tolist() == [10, 20, 40]
    assert out["customer_unsubscribes"].tolist() == [0, 1, 2]
    assert out["unsubscribe_rate"].tolist() == pytest.approx([0.0, 0.05, 0.05])
    # the customers' columns do not change
    assert out["subscribers"].tolist() == [2, 2, 1]


def test_list_growth_monthly_and_daily():
    month = permission.list_growth(CUSTOMERS, freq="M")
    assert month["period_start"].tolist() == [pd.Timestamp("2026-01-01")]
    assert month["period_end"].tolist() == [pd.Timestamp("2026-02-01")]
    assert (month["prospects"].item(), month["opt_ins"].item(), month["unsubscribes"].item()) == (6, 4, 3)
    assert month["subscribers"].item() == 1
    day = permission.list_growth(CUSTOMERS, freq="D")
    # 05 Jan to 23 Jan: 19 days, the quiet days included with zeros
    assert len(day) == 19
    assert day["subscribers"].iloc[-1] == 1
    assert day.loc[day["period_start"] == "2026-01-10", ["prospects", "opt_ins", "unsubscribes"]].iloc[0].tolist() == [0, 0, 0]
    assert math.isnan(day.loc[day["period_start"] == "2026-01-10", "opt_in_rate"].item())


def test_list_growth_keeps_empty_periods_and_gives_nan_rates():
    # A in W1 and E in W3 only: W2 is there, with zeros and no opt-in rate.
    out = permission.list_growth(CUSTOMERS.iloc[[0, 4]])
    assert out["prospects"].tolist() == [1, 0, 1]
    assert math.isnan(out["opt_in_rate"].iloc[1])
    assert out["subscribers"].tolist() == [1, 1, 1]
    # no house-list e-mail to customers in a week: no rate
    out = permission.list_growth(CUSTOMERS, MARKETING[MARKETING["purpose"] == "acquisition"])
    assert out["customer_emails_sent"].tolist() == [0, 0, 0]
    assert np.isnan(out["unsubscribe_rate"]).all()


def test_list_growth_reads_text_as_the_csv_files_hold_it():
    text = CUSTOMERS.assign(first_seen_at=CUSTOMERS["first_seen_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
                            email_opt_in=CUSTOMERS["email_opt_in"].map({True: "True", False: "False"}),
                            unsubscribed_at=CUSTOMERS["unsubscribed_at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    assert text["unsubscribed_at"].isna().sum() == 3 and text["first_seen_at"].dtype != "datetime64[ns]"
    pd.testing.assert_frame_equal(permission.list_growth(text, MARKETING), permission.list_growth(CUSTOMERS, MARKETING))


def test_list_growth_empty_table():
    out = permission.list_growth(CUSTOMERS.iloc[0:0], MARKETING.iloc[0:0])
    assert out.empty
    assert list(out.columns) == [*permission.GROWTH_COLUMNS, *permission.EMAIL_COLUMNS]


def test_list_growth_refuses_bad_input():
    with pytest.raises(DataError) as err:
        permission.list_growth(CUSTOMERS.drop(columns="email_opt_in"))
    assert err.value.fields == ["customers.email_opt_in"]
    with pytest.raises(DataError) as err:
        permission.list_growth(CUSTOMERS, freq="Q")
    assert err.value.fields == ["freq"]
    with pytest.raises(DataError) as err:
        permission.list_growth(CUSTOMERS.assign(email_opt_in=["yes", "no", "no", "yes", "no", "no"]))
    assert err.value.fields == ["customers.email_opt_in"]
    early = CUSTOMERS.copy()
    early.loc[0, "unsubscribed_at"] = pd.Timestamp("2026-01-01")
    with pytest.raises(DataError) as err:
        permission.list_growth(early)
    assert err.value.fields == ["customers.unsubscribed_at"]
    missing = CUSTOMERS.copy()
    missing.loc[2, "first_seen_at"] = pd.NaT
    with pytest.raises(DataError) as err:
        permission.list_growth(missing)
    assert err.value.fields == ["customers.first_seen_at"]
    with pytest.raises(DataError) as err:
        permission.list_growth(CUSTOMERS, MARKETING.drop(columns="unsubscribes"))
    assert err.value.fields == ["marketing.unsubscribes"]


def test_list_summary_by_hand():
    # prospects 3 + 1 + 2 = 6; opt-ins 2 + 1 + 1 = 4 -> rate 4/6; unsubscribes 0 + 1 + 2 = 3;
    # subscribers 4 − 3 = 1; unsubscribed share 3/4; e-mails 10 + 20 + 40 = 70, 3 left -> 3/70
    s = permission.list_summary(permission.list_growth(CUSTOMERS, MARKETING))
    assert s["prospects"] == 6 and s["opt_ins"] == 4 and s["unsubscribes"] == 3 and s["subscribers"] == 1
    assert s["opt_in_rate"] == pytest.approx(4 / 6)
    assert s["unsubscribed_share"] == pytest.approx(0.75)
    assert (s["customer_emails_sent"], s["customer_unsubscribes"]) == (70, 3)
    assert s["unsubscribe_rate"] == pytest.approx(3 / 70)
    # the same whatever the period
    monthly = permission.list_summary(permission.list_growth(CUSTOMERS, MARKETING, freq="M"))
    pd.testing.assert_series_equal(monthly, s)


def test_list_summary_without_marketing_and_empty():
    s = permission.list_summary(permission.list_growth(CUSTOMERS))
    assert "unsubscribe_rate" not in s.index
    empty = permission.list_summary(permission.list_growth(CUSTOMERS.iloc[0:0]))
    assert empty["prospects"] == 0 and math.isnan(empty["opt_in_rate"]) and math.isnan(empty["unsubscribed_share"])
    with pytest.raises(DataError):
        permission.list_summary(pd.DataFrame({"prospects": [1]}))


# Journeys (worked by hand):
#   K1 #1  need_campaign via email, purchased: the first journey, so a partner list's e-mail -> not counted
#   K1 #2  need_campaign via email, purchased                                               -> counted, a purchase
#   K1 #3  need_spontaneous via direct                                                      -> not counted
#   K2 #1  need_spontaneous via direct, dropped out
#   K2 #2  need_campaign via email, dropped out at evaluation                               -> counted, no purchase
#   K3 #1  need_recommendation via email, purchased: a recommendation, not a campaign      -> not counted
# journeys 2, purchases 1, conversion 1/2
JOURNEY = pd.DataFrame({
    "customer_id": ["K1", "K1", "K1", "K1", "K1", "K1", "K2", "K2", "K2", "K2", "K3", "K3"],
    "journey_no": [1, 1, 2, 2, 2, 3, 1, 1, 2, 2, 1, 1],
    "stage": [1, 4, 1, 2, 4, 1, 1, 1, 1, 3, 1, 4],
    "event": ["need_campaign", "purchased", "need_campaign", "search_internal", "purchased", "need_spontaneous",
              "need_spontaneous", "dropout", "need_campaign", "dropout", "need_recommendation", "purchased"],
    "channel": ["email", "email", "email", "direct", "email", "direct", "direct", "direct", "email", "email", "email",
                "email"],
})


def test_email_journeys_by_hand():
    out = permission.email_journeys(JOURNEY)
    assert out.to_dict() == {"journeys": 2.0, "purchases": 1.0, "conversion_rate": 0.5}


def test_email_journeys_reads_journey_numbers_as_numbers():
    # journeys 2 and 10 given as text: the first is 2 (not "10", which sorts first as text), so 10 is counted
    text = pd.DataFrame({"customer_id": ["A", "A", "A"], "journey_no": ["2", "10", "10"], "stage": [1, 1, 4],
                         "event": ["need_spontaneous", "need_campaign", "purchased"], "channel": ["direct", "email", "email"]})
    assert permission.email_journeys(text).to_dict() == {"journeys": 1.0, "purchases": 1.0, "conversion_rate": 1.0}


def test_email_journeys_none_and_bad_input():
    out = permission.email_journeys(JOURNEY[JOURNEY["customer_id"] == "K3"])
    assert (out["journeys"], out["purchases"]) == (0, 0) and math.isnan(out["conversion_rate"])
    with pytest.raises(DataError) as err:
        permission.email_journeys(JOURNEY.drop(columns="channel"))
    assert err.value.fields == ["journey.channel"]


def test_list_measures_on_a_run(demo_result):
    out = permission.list_measures(demo_result)
    assert list(out) == list(permission.MEASURES)
    assert out == permission.list_measures(demo_result.tables)
    c = demo_result.customers
    # the list at the end of the window: everyone who opted in and has not left
    assert out["subscribers"] == (c["email_opt_in"] & c["unsubscribed_at"].isna()).sum()
    assert 0 < out["opt_in_rate"] < 1 and 0 <= out["unsubscribe_rate"] < 1
    with pytest.raises(DataError):
        permission.list_measures(["not", "a", "result"])


def test_unsubscribe_rate_estimates_the_scenarios_rate(default_result):
    # The default scenario sends 4 e-mails a month, where the risk of leaving is
    # unsubscribe_prob_per_email × (4 / 4) ** fatigue_exponent per e-mail, × (1 − reduction) with welcome
    # e-mails that teach what the list brings (Godin's second step), × e^(−reward / scale) with a monthly
    # reward (third step). About 200 customers leave after some 30,000 e-mails: the estimate's standard
    # error is about 0.0005.
    pm = default_result.scenario.permission_marketing
    truth = pm.unsubscribe_prob_per_email * (pm.sends_per_month / 4) ** pm.fatigue_exponent
    if pm.teaching_emails > 0:
        truth *= 1 - pm.teaching_unsubscribe_reduction
    truth *= math.exp(-pm.reinforcement_vnd_per_month / pm.reinforcement_scale_vnd)
    rate = permission.list_summary(permission.list_growth(default_result.customers, default_result.marketing))
    assert rate["unsubscribe_rate"] == pytest.approx(truth, abs=0.0015)
    # opt-in: base + (max − base) × (1 − exp(−incentive / scale))
    p = pm.opt_in_base_prob + (pm.opt_in_max_prob - pm.opt_in_base_prob) * (1 - math.exp(-pm.incentive_vnd / pm.incentive_scale_vnd))
    assert rate["opt_in_rate"] == pytest.approx(p, abs=0.02)


def test_godin_steps_by_hand():
    customers = pd.DataFrame({"email_opt_in": [True, True, False, False],
                              "permission_widened_at": pd.to_datetime(["2026-03-01", None, None, None])})
    marketing = pd.DataFrame({"channel": ["email", "email", "social"], "purpose": ["retention", "acquisition", "acquisition"],
                              "emails_sent": pd.array([100, 500, pd.NA], dtype="Int64"),
                              "opens": pd.array([25, 90, pd.NA], dtype="Int64"),
                              "unsubscribes": pd.array([1, 9, pd.NA], dtype="Int64")})
    out = permission.godin_steps(customers, marketing)
    assert out == {"opt_in_rate": 0.5, "open_rate": 0.25, "unsubscribe_rate": 0.01, "widened_share": 0.5}
