"""Retention (lecture 001, Quản trị duy trì; Chaffey Fig 9.12, 9.13, 9.16): hand-worked examples and edge cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures import retention
from sim.measures.frames import flags


def orders_of(rows, amounts=None) -> pd.DataFrame:
    """Orders from (customer_id, time) pairs."""
    out = pd.DataFrame(rows, columns=["customer_id", "at"])
    if amounts is not None:
        out["amount_vnd"] = amounts
    return out

NO_ORDERS = pd.DataFrame({"customer_id": pd.Series([], dtype=object), "at": pd.Series([], dtype="datetime64[ns]"),
                          "amount_vnd": pd.Series([], dtype=int)})

# --- cohort_retention / cohort_table ------------------------------------------------------------

# Three customers worked by hand (as_of = the latest order, 1 April):
#   A: 5 Jan, 10 Feb, 1 Apr;  B: 20 Jan;  C: 3 Feb, 3 Mar
#   cohort 2026-01 = {A, B}: month 0 both, month 1 (Feb) A, month 2 (Mar) nobody, month 3 (Apr) A
#       -> active 2, 1, 0, 1 -> retention 1, 0.5, 0, 0.5
#   cohort 2026-02 = {C}: month 0 C, month 1 (Mar) C, month 2 (Apr) nobody -> 1, 1, 0
COHORT_ORDERS = orders_of([("A", "2026-01-05 10:00:00"), ("A", "2026-02-10 10:00:00"), ("A", "2026-04-01 10:00:00"),
                           ("B", "2026-01-20 10:00:00"), ("C", "2026-02-03 10:00:00"), ("C", "2026-03-03 10:00:00")])

def test_cohort_retention_three_customers():
    got = retention.cohort_retention(COHORT_ORDERS)
    assert got["cohort"].tolist() == ["2026-01"] * 4 + ["2026-02"] * 3
    assert got["months_since_first"].tolist() == [0, 1, 2, 3, 0, 1, 2]
    assert got["customers"].tolist() == [2, 2, 2, 2, 1, 1, 1]
    assert got["active"].tolist() == [2, 1, 0, 1, 1, 1, 0]
    assert got["retention"].tolist() == [1.0, 0.5, 0.0, 0.5, 1.0, 1.0, 0.0]

def test_cohort_retention_as_of_cuts_later_orders():
    # as_of 15 March: A's April order is ignored and April does not appear
    got = retention.cohort_retention(COHORT_ORDERS, as_of="2026-03-15 00:00:00")
    assert got["months_since_first"].tolist() == [0, 1, 2, 0, 1]
    assert got["active"].tolist() == [2, 1, 0, 1, 1]

def test_cohort_retention_single_customer_and_empty():
    one = retention.cohort_retention(orders_of([("A", "2026-05-05 00:00:00")]))
    assert one[["cohort", "months_since_first", "customers", "active", "retention"]].values.tolist() == [["2026-05", 0, 1, 1, 1.0]]
    empty = retention.cohort_retention(NO_ORDERS)
    assert empty.empty and list(empty.columns) == ["cohort", "months_since_first", "customers", "active", "retention"]

def test_cohort_retention_missing_column_and_bad_as_of():
    with pytest.raises(DataError) as err:
        retention.cohort_retention(pd.DataFrame({"customer_id": ["A"]}))
    assert err.value.fields == ["orders.at"]
    with pytest.raises(DataError) as err:
        retention.cohort_retention(COHORT_ORDERS, as_of="not a date")
    assert err.value.fields == ["as_of"]

def test_cohort_table_wide():
    got = retention.cohort_table(COHORT_ORDERS)
    assert got["customers"].tolist() == [2, 1]
    assert got.loc["2026-01", [0, 1, 2, 3]].tolist() == [1.0, 0.5, 0.0, 0.5]
    assert got.loc["2026-02", [0, 1, 2]].tolist() == [1.0, 1.0, 0.0]
    assert math.isnan(got.loc["2026-02", 3])
    counts = retention.cohort_table(COHORT_ORDERS, value="active")
    assert counts.loc["2026-01", [0, 1, 2, 3]].tolist() == [2, 1, 0, 1]

def test_cohort_table_edges():
    assert retention.cohort_table(NO_ORDERS).empty
    with pytest.raises(DataError) as err:
        retention.cohort_table(COHORT_ORDERS, value="share")
    assert err.value.fields == ["value"]

# --- churn_rate ---------------------------------------------------------------------------------

# start 1 June, threshold 30 days: look-back [2 May, 1 June), period [1 June, 1 July)
#   A: 10 May, 15 Jun -> active at start, bought in the period -> stays
#   B: 20 May          -> active, no order in the period -> churned
#   C: 1 Apr           -> not active at start (outside the look-back)
#   D: 10 Jun          -> not active at start (first order after start)
#   E: 25 May, 5 Jul   -> active, nothing in [1 Jun, 1 Jul) -> churned
#   observed: 2 churned of 3 -> 0.6667
CHURN_ORDERS = orders_of([("A", "2026-05-10 00:00:00"), ("A", "2026-06-15 00:00:00"), ("B", "2026-05-20 00:00:00"),
                          ("C", "2026-04-01 00:00:00"), ("D", "2026-06-10 00:00:00"), ("E", "2026-05-25 00:00:00"),
                          ("E", "2026-07-05 00:00:00")])
# true: alive at start = first order before 1 June and churned_at empty or ≥ 1 June
#   A churned 20 Jul (after the period) -> stays;  B churned 5 Jun -> churned;  C churned 1 May -> not alive at start
#   D first order after start -> out;  E never churned -> stays.   1 churned of 3 (A, B, E) -> 0.3333
CHURN_TRUTH = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"],
                            "churned_at": ["2026-07-20 00:00:00", "2026-06-05 00:00:00", "2026-05-01 00:00:00", None, None]})

def test_churn_rate_observed_by_hand():
    got = retention.churn_rate(CHURN_ORDERS, "2026-06-01", threshold_days=30)
    assert (got["customers_at_start"], got["churned"]) == (3, 2)
    assert got["churn_rate"] == pytest.approx(2 / 3)
    assert got["end"] == pd.Timestamp("2026-07-01")

def test_churn_rate_true_by_hand():
    got = retention.churn_rate(CHURN_ORDERS, "2026-06-01", threshold_days=30, method="true", truth=CHURN_TRUTH)
    assert (got["customers_at_start"], got["churned"]) == (3, 1)
    assert got["churn_rate"] == pytest.approx(1 / 3)

def test_churn_rate_nobody_active_is_nan():
    got = retention.churn_rate(CHURN_ORDERS, "2026-01-01", threshold_days=30)
    assert got["customers_at_start"] == 0 and math.isnan(got["churn_rate"])

def test_churn_rate_single_customer():
    # one customer, orders 1 Mar and 10 Mar; start 5 Mar, 10 days: active (1 Mar), bought 10 Mar -> 0 churned
    got = retention.churn_rate(orders_of([("A", "2026-03-01"), ("A", "2026-03-20")]), "2026-03-05", threshold_days=10)
    assert (got["customers_at_start"], got["churned"], got["churn_rate"]) == (1, 1, 1.0)

def test_churn_rate_bad_input():
    with pytest.raises(DataError) as err:
        retention.churn_rate(CHURN_ORDERS, "2026-06-20", threshold_days=30)  # ends 20 July, after the last order
    assert err.value.fields == ["start"]
    with pytest.raises(DataError) as err:
        retention.churn_rate(CHURN_ORDERS, "yesterday")
    assert err.value.fields == ["start"]
    with pytest.raises(DataError) as err:
        retention.churn_rate(CHURN_ORDERS, "2026-06-01", method="true")
    assert err.value.fields == ["truth"]
    with pytest.raises(DataError) as err:
        retention.churn_rate(CHURN_ORDERS, "2026-06-01", threshold_days=-5)
    assert err.value.fields == ["threshold_days"]
    with pytest.raises(DataError) as err:
        retention.churn_rate(CHURN_ORDERS[["at"]], "2026-06-01")
    assert err.value.fields == ["orders.customer_id"]
    with pytest.raises(DataError) as err:
        retention.churn_rate(NO_ORDERS, "2026-06-01")
    assert err.value.fields == ["start"]

# --- kaplan_meier -------------------------------------------------------------------------------

# Five subjects worked by hand: days 2 (churn), 3 (censored), 5 (churn), 6 (churn), 8 (censored)
#   t=2: n=5, d=1 -> S = 4/5 = 0.8
#   t=3: n=4, censored -> 0.8
#   t=5: n=3, d=1 -> 0.8 × 2/3 = 0.5333
#   t=6: n=2, d=1 -> 0.5333 × 1/2 = 0.2667
#   t=8: n=1, censored -> 0.2667
KM_DAYS = [0.0, 2.0, 3.0, 5.0, 6.0, 8.0]
KM_SURVIVAL = [1.0, 0.8, 0.8, 0.53333, 0.26667, 0.26667]

def test_kaplan_meier_five_subjects():
    got = retention.kaplan_meier([2, 3, 5, 6, 8], [True, False, True, True, False])
    assert got["days"].tolist() == KM_DAYS
    assert got["at_risk"].tolist() == [5, 5, 4, 3, 2, 1]
    assert got["events"].tolist() == [0, 1, 0, 1, 1, 0]
    assert got["censored"].tolist() == [0, 0, 1, 0, 0, 1]
    assert got["survival"].tolist() == pytest.approx(KM_SURVIVAL, abs=1e-4)

def test_kaplan_meier_ties_censored_still_at_risk():
    # three at day 2: two churn, one censored -> n = 3, d = 2 -> S = 1/3
    got = retention.kaplan_meier([2, 2, 2], [True, False, True])
    assert got["survival"].tolist() == pytest.approx([1.0, 1 / 3])
    assert got["censored"].tolist() == [0, 1]

def test_kaplan_meier_edges():
    empty = retention.kaplan_meier([], [])
    assert empty["survival"].tolist() == [1.0] and empty["at_risk"].tolist() == [0]
    everyone = retention.kaplan_meier([4], [True])
    assert everyone["survival"].tolist() == [1.0, 0.0]
    with pytest.raises(DataError) as err:
        retention.kaplan_meier([1, -2], [True, True])
    assert err.value.fields == ["days"]
    with pytest.raises(DataError) as err:
        retention.kaplan_meier([1, 2], [True])
    assert err.value.fields == ["churned"]

# --- survival_subjects / survival_curve ---------------------------------------------------------

# The same five subjects from orders and truth, as_of = 11 January 00:00:
#   A first 1 Jan, churned 3 Jan -> 2 days, churn;   B first 8 Jan, never churned -> censored at 3 days
#   C first 1 Jan, churned 6 Jan -> 5 days, churn;   D first 2 Jan, churned 8 Jan -> 6 days, churn
#   E first 3 Jan, churned 1 Feb (after as_of) -> censored at 8 days
KM_ORDERS = orders_of([("A", "2026-01-01"), ("B", "2026-01-08"), ("C", "2026-01-01"), ("D", "2026-01-02"),
                       ("E", "2026-01-03")])
KM_TRUTH = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"],
                         "churned_at": ["2026-01-03", None, "2026-01-06", "2026-01-08", "2026-02-01"]})

def test_survival_subjects_true():
    got = retention.survival_subjects(KM_ORDERS, method="true", truth=KM_TRUTH, as_of="2026-01-11").set_index("customer_id")
    assert got["days"].to_dict() == {"A": 2.0, "B": 3.0, "C": 5.0, "D": 6.0, "E": 8.0}
    assert got["churned"].to_dict() == {"A": True, "B": False, "C": True, "D": True, "E": False}

def test_survival_curve_true_matches_hand_worked():
    got = retention.survival_curve(KM_ORDERS, method="true", truth=KM_TRUTH, as_of="2026-01-11")
    assert got["days"].tolist() == KM_DAYS
    assert got["survival"].tolist() == pytest.approx(KM_SURVIVAL, abs=1e-4)

def test_survival_curve_observed_lapse_by_hand():
    # lapsed_days = 3, as_of 11 Jan:
    #   A: 1 Jan, 4 Jan -> lapse visible 7 Jan -> churn at 6 days;  B: 8 Jan -> lapse 11 Jan (= as_of) -> churn at 3
    #   C: 1 Jan -> churn at 3;  D: 2 Jan, 9 Jan -> lapse 12 Jan > as_of -> censored at 9;  E: 3 Jan -> churn at 3
    #   t=3: n=5, d=3 -> 0.4;  t=6: n=2, d=1 -> 0.2;  t=9: censored -> 0.2
    orders = orders_of([("A", "2026-01-01"), ("A", "2026-01-04"), ("B", "2026-01-08"), ("C", "2026-01-01"),
                        ("D", "2026-01-02"), ("D", "2026-01-09"), ("E", "2026-01-03")])
    got = retention.survival_curve(orders, lapsed_days=3, as_of="2026-01-11")
    assert got["days"].tolist() == [0.0, 3.0, 6.0, 9.0]
    assert got["events"].tolist() == [0, 3, 1, 0]
    assert got["survival"].tolist() == pytest.approx([1.0, 0.4, 0.2, 0.2])

def test_survival_curve_by_group():
    # g1 = A (2, churn), B (3, censored), C (5, churn): t2 n3 d1 -> 2/3; t3 censored; t5 n1 d1 -> 0
    # g2 = D (6, churn), E (8, censored): t6 n2 d1 -> 0.5; t8 censored -> 0.5
    groups = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"], "persona": ["g1", "g1", "g1", "g2", "g2"]})
    got = retention.survival_curve(KM_ORDERS, method="true", truth=KM_TRUTH, as_of="2026-01-11", groups=groups, by="persona")
    g1, g2 = got[got["persona"] == "g1"], got[got["persona"] == "g2"]
    assert g1["survival"].tolist() == pytest.approx([1.0, 2 / 3, 2 / 3, 0.0])
    assert g2["days"].tolist() == [0.0, 6.0, 8.0]
    assert g2["survival"].tolist() == pytest.approx([1.0, 0.5, 0.5])

def test_survival_curve_edges():
    empty = retention.survival_curve(NO_ORDERS)
    assert empty["at_risk"].tolist() == [0] and empty["survival"].tolist() == [1.0]
    one = retention.survival_curve(orders_of([("A", "2026-01-01")]), lapsed_days=5, as_of="2026-01-31")
    assert one["survival"].tolist() == [1.0, 0.0]  # lapsed after 5 days
    no_group = retention.survival_curve(KM_ORDERS, groups=pd.DataFrame({"customer_id": ["Z"], "persona": ["g"]}), by="persona")
    assert no_group.empty and "persona" in no_group.columns

def test_survival_curve_bad_input():
    with pytest.raises(DataError) as err:
        retention.survival_curve(KM_ORDERS, method="true")
    assert err.value.fields == ["truth"]
    with pytest.raises(DataError) as err:
        retention.survival_curve(KM_ORDERS, method="true", truth=KM_TRUTH.iloc[1:])
    assert err.value.fields == ["truth.customer_id"]
    with pytest.raises(DataError) as err:
        retention.survival_curve(KM_ORDERS, by="persona")
    assert err.value.fields == ["groups"]
    with pytest.raises(DataError) as err:
        retention.survival_curve(KM_ORDERS, groups=pd.DataFrame({"customer_id": ["A"]}), by="persona")
    assert err.value.fields == ["groups.persona"]
    with pytest.raises(DataError) as err:
        retention.survival_curve(KM_ORDERS, lapsed_days=0)
    assert err.value.fields == ["lapsed_days"]
    with pytest.raises(DataError) as err:
        retention.survival_subjects(KM_ORDERS, method="maybe")
    assert err.value.fields == ["method"]

# --- repeat_metrics -----------------------------------------------------------------------------

def test_repeat_metrics_by_hand():
    # A: 100k, 200k; B: 50k; C: 300k, 100k, 200k
    #   buyers 3, repeat customers A and C -> base 2, rate 2/3
    #   their orders 2 + 3 = 5 -> 2.5 per repeat customer; revenue 300k + 600k = 900k -> 180k per transaction
    orders = orders_of([("A", "2026-01-01"), ("A", "2026-02-01"), ("B", "2026-01-05"), ("C", "2026-01-02"),
                        ("C", "2026-02-02"), ("C", "2026-03-02")],
                       amounts=[100_000, 200_000, 50_000, 300_000, 100_000, 200_000])
    got = retention.repeat_metrics(orders)
    assert got["buyers"] == 3
    assert got["repeat_customer_base"] == 2
    assert got["repeat_conversion_rate"] == pytest.approx(2 / 3)
    assert got["repeat_transactions"] == 5
    assert got["transactions_per_repeat_customer"] == pytest.approx(2.5)
    assert got["repeat_revenue_vnd"] == 900_000
    assert got["revenue_per_repeat_transaction_vnd"] == pytest.approx(180_000)

def test_repeat_metrics_measure_2_is_a_share_of_the_whole_customer_base():
    # customers A, B, C, D, E; A orders twice, B once, C three times, D and E never.
    #   buyers 3 (A, B, C), repeat customers 2 (A, C), customer base 5
    #   measure 1 (repeat conversion rate) = 2 / 3; measure 2 (repeat customer base, a share) = 2 / 5
    orders = orders_of([("A", "2026-01-01"), ("A", "2026-02-01"), ("B", "2026-01-05"), ("C", "2026-01-02"),
                        ("C", "2026-02-02"), ("C", "2026-03-02")],
                       amounts=[100_000, 200_000, 50_000, 300_000, 100_000, 200_000])
    base = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"]})
    got = retention.repeat_metrics(orders, base)
    assert (got["buyers"], got["customer_base"], got["repeat_customer_base"]) == (3, 5, 2)
    assert got["repeat_conversion_rate"] == pytest.approx(2 / 3)
    assert got["repeat_base_share"] == pytest.approx(2 / 5)
    assert list(got.index[:5]) == ["buyers", "customer_base", "repeat_customer_base", "repeat_conversion_rate",
                                   "repeat_base_share"]
    # without the customer list there is no share: the two measures are not confused
    assert "repeat_base_share" not in retention.repeat_metrics(orders)
    # a customer base of the buyers alone gives back measure 1: that is how the two collapsed into one number
    assert retention.repeat_metrics(orders, base.iloc[:3])["repeat_base_share"] == pytest.approx(2 / 3)
    with pytest.raises(DataError) as err:
        retention.repeat_metrics(orders, base[base["customer_id"] != "C"])
    assert err.value.fields == ["customers.customer_id"]
    empty = retention.repeat_metrics(NO_ORDERS, base.iloc[0:0])
    assert empty["customer_base"] == 0 and math.isnan(empty["repeat_base_share"])

def test_repeat_metrics_no_repeat_buyers_and_empty():
    got = retention.repeat_metrics(orders_of([("A", "2026-01-01"), ("B", "2026-01-02")], amounts=[100, 50]))
    assert (got["buyers"], got["repeat_customer_base"], got["repeat_conversion_rate"]) == (2, 0, 0.0)
    assert math.isnan(got["transactions_per_repeat_customer"]) and math.isnan(got["revenue_per_repeat_transaction_vnd"])
    empty = retention.repeat_metrics(NO_ORDERS)
    assert empty["buyers"] == 0 and math.isnan(empty["repeat_conversion_rate"])

def test_repeat_metrics_bad_input():
    with pytest.raises(DataError) as err:
        retention.repeat_metrics(orders_of([("A", "2026-01-01")]))
    assert err.value.fields == ["orders.amount_vnd"]
    with pytest.raises(DataError) as err:
        retention.repeat_metrics(orders_of([("A", "2026-01-01")], amounts=["lots"]))
    assert err.value.fields == ["orders.amount_vnd"]

# --- activity_segments --------------------------------------------------------------------------

def test_activity_segments_by_hand():
    # as_of 1 July, active ≤ 30 days, lapsed > 90 days
    #   A last order 20 Jun (11 days) -> active;  B last 1 May (61 days; its 10 Jul order is after as_of) -> inactive
    #   C last 1 Mar (122 days) -> lapsed;        D last 1 Jun (exactly 30 days) -> active
    orders = orders_of([("A", "2026-06-20"), ("B", "2026-05-01"), ("B", "2026-07-10"), ("C", "2026-03-01"), ("D", "2026-06-01")])
    got = retention.activity_segments(orders, active_days=30, lapsed_days=90, as_of="2026-07-01").set_index("customer_id")
    assert got["activity_segment"].to_dict() == {"A": "active", "B": "inactive", "C": "lapsed", "D": "active"}
    assert got["days_since_last_order"].to_dict() == {"A": 11.0, "B": 61.0, "C": 122.0, "D": 30.0}
    assert got["orders"].to_dict() == {"A": 1, "B": 1, "C": 1, "D": 1}

def test_activity_segments_single_customer_and_empty():
    one = retention.activity_segments(orders_of([("A", "2026-06-20")]))
    assert one["activity_segment"].tolist() == ["active"] and one["days_since_last_order"].tolist() == [0.0]
    assert retention.activity_segments(NO_ORDERS).empty

def test_activity_segments_bad_thresholds_and_columns():
    with pytest.raises(DataError) as err:
        retention.activity_segments(orders_of([("A", "2026-06-20")]), active_days=90, lapsed_days=30)
    assert err.value.fields == ["lapsed_days"]
    with pytest.raises(DataError) as err:
        retention.activity_segments(pd.DataFrame({"at": ["2026-06-20"]}))
    assert err.value.fields == ["orders.customer_id"]

# --- lifecycle_segments -------------------------------------------------------------------------

# as_of 1 July, loyal_orders 3, lapsed_days 90
#   V  visitor: reached stage 2 only, no opt-in          P1 prospect: dropped out at stage 3 (evaluation)
#   P2 prospect: opted in to e-mail only                 F  first_time: one order 1 Jun
#   R  repeat: two orders, last 1 Jun                    L  loyal: three orders, last 15 Jun
#   X  lapsed: three orders, last 1 Mar (122 days)       N  first seen 1 Aug, after as_of -> left out
LIFE_CUSTOMERS = pd.DataFrame({
    "customer_id": ["V", "P1", "P2", "F", "R", "L", "X", "N"],
    "first_seen_at": ["2026-01-01"] * 7 + ["2026-08-01"],
    "email_opt_in": [False, False, True, False, False, False, False, True],
})
LIFE_JOURNEY = pd.DataFrame({
    "customer_id": ["V", "V", "P1", "F", "R", "L", "X"],
    "at": ["2026-01-01", "2026-01-01", "2026-01-02", "2026-06-01", "2026-05-01", "2026-05-01", "2026-01-05"],
    "stage": [1, 2, 3, 4, 4, 4, 4],
})
LIFE_ORDERS = orders_of([("F", "2026-06-01"), ("R", "2026-05-01"), ("R", "2026-06-01"), ("L", "2026-05-01"),
                         ("L", "2026-06-01"), ("L", "2026-06-15"), ("X", "2026-01-05"), ("X", "2026-02-01"),
                         ("X", "2026-03-01")])

def test_lifecycle_segments_by_hand():
    got = retention.lifecycle_segments(LIFE_CUSTOMERS, LIFE_JOURNEY, LIFE_ORDERS, loyal_orders=3, lapsed_days=90,
                                       as_of="2026-07-01")
    assert got.set_index("customer_id")["lifecycle_segment"].to_dict() == {
        "V": "visitor", "P1": "prospect", "P2": "prospect", "F": "first_time", "R": "repeat", "L": "loyal", "X": "lapsed"}
    assert got.set_index("customer_id")["orders"].to_dict() == {"V": 0, "P1": 0, "P2": 0, "F": 1, "R": 2, "L": 3, "X": 3}

def test_lifecycle_segments_without_opt_in():
    got = retention.lifecycle_segments(LIFE_CUSTOMERS.drop(columns="email_opt_in"), LIFE_JOURNEY, LIFE_ORDERS,
                                       lapsed_days=90, as_of="2026-07-01", opt_in_counts=False)
    assert got.set_index("customer_id").loc["P2", "lifecycle_segment"] == "visitor"

def test_lifecycle_segments_single_customer_and_empty():
    one = retention.lifecycle_segments(LIFE_CUSTOMERS.iloc[[0]], LIFE_JOURNEY.iloc[0:0], LIFE_ORDERS.iloc[0:0])
    assert one["lifecycle_segment"].tolist() == ["visitor"]
    empty = retention.lifecycle_segments(LIFE_CUSTOMERS.iloc[0:0], LIFE_JOURNEY.iloc[0:0], LIFE_ORDERS.iloc[0:0])
    assert empty.empty and "lifecycle_segment" in empty.columns

def test_lifecycle_segments_bad_input():
    with pytest.raises(DataError) as err:
        retention.lifecycle_segments(LIFE_CUSTOMERS.drop(columns="email_opt_in"), LIFE_JOURNEY, LIFE_ORDERS)
    assert err.value.fields == ["customers.email_opt_in"]
    with pytest.raises(DataError) as err:
        retention.lifecycle_segments(LIFE_CUSTOMERS, LIFE_JOURNEY.drop(columns="stage"), LIFE_ORDERS)
    assert err.value.fields == ["journey.stage"]
    with pytest.raises(DataError) as err:
        retention.lifecycle_segments(LIFE_CUSTOMERS, LIFE_JOURNEY, LIFE_ORDERS, loyal_orders=1)
    assert err.value.fields == ["loyal_orders"]
    with pytest.raises(DataError) as err:
        retention.lifecycle_segments(LIFE_CUSTOMERS.assign(email_opt_in="maybe"), LIFE_JOURNEY, LIFE_ORDERS)
    assert err.value.fields == ["customers.email_opt_in"]

# --- loyalty_zone / satisfaction_loyalty --------------------------------------------------------

def test_loyalty_zone_defaults_and_custom():
    assert [retention.loyalty_zone(s) for s in range(1, 6)] == ["defection", "defection", "indifference", "indifference",
                                                                "affection"]
    got = [retention.loyalty_zone(s, defection_max_satisfaction=1, affection_min_satisfaction=4) for s in range(1, 6)]
    assert got == ["defection", "indifference", "indifference", "affection", "affection"]

def test_loyalty_zone_bad_input():
    with pytest.raises(DataError) as err:
        retention.loyalty_zone(6)
    assert err.value.fields == ["satisfaction"]
    with pytest.raises(DataError) as err:
        retention.loyalty_zone(3, defection_max_satisfaction=4, affection_min_satisfaction=4)
    assert err.value.fields == ["affection_min_satisfaction"]

def test_satisfaction_loyalty_promoter_by_hand():
    # (satisfaction, score): (5, 10) promoter, (5, 8) not, (4, 9) promoter, (2, 3) not
    #   level 1: nobody; 2: 0/1; 3: nobody; 4: 1/1; 5: 1/2
    surveys = pd.DataFrame({"customer_id": ["A", "B", "C", "D"], "at": ["2026-01-01"] * 4,
                            "satisfaction": [5, 5, 4, 2], "nps_score": [10, 8, 9, 3]})
    got = retention.satisfaction_loyalty(surveys, measure="promoter")
    assert got["respondents"].tolist() == [0, 1, 0, 1, 2]
    assert got["loyal"].tolist() == [0, 0, 0, 1, 1]
    assert (got.loc[1, "loyal_share"], got.loc[3, "loyal_share"], got.loc[4, "loyal_share"]) == (0.0, 1.0, 0.5)
    assert math.isnan(got.loc[0, "loyal_share"]) and math.isnan(got.loc[2, "loyal_share"])
    assert got["loyalty_zone"].tolist() == ["defection", "defection", "indifference", "indifference", "affection"]

def test_satisfaction_loyalty_repurchase_by_hand():
    # within 30 days; as_of = latest time = 1 Mar, so C's answer (1 Mar) cannot be judged yet
    #   A (satisfaction 5) answered 1 Jan, ordered 15 Jan -> loyal;  B (3) answered 1 Jan, ordered 15 Feb (45 days) -> not
    surveys = pd.DataFrame({"customer_id": ["A", "B", "C"], "at": ["2026-01-01", "2026-01-01", "2026-03-01"],
                            "satisfaction": [5, 3, 1]})
    orders = orders_of([("A", "2025-12-30"), ("A", "2026-01-15"), ("B", "2026-02-15")])
    got = retention.satisfaction_loyalty(surveys, orders, within_days=30)
    assert got["respondents"].tolist() == [0, 0, 1, 0, 1]
    assert got["loyal"].tolist() == [0, 0, 0, 0, 1]
    assert got.loc[4, "loyal_share"] == 1.0 and got.loc[2, "loyal_share"] == 0.0

def test_satisfaction_loyalty_empty():
    empty = pd.DataFrame({"customer_id": [], "at": [], "satisfaction": [], "nps_score": []})
    got = retention.satisfaction_loyalty(empty, measure="promoter")
    assert got["satisfaction"].tolist() == [1, 2, 3, 4, 5] and got["respondents"].sum() == 0
    assert got["loyal_share"].isna().all()

@pytest.mark.parametrize("bad", [6, 3.5, 0])
def test_satisfaction_loyalty_bad_level_is_named(bad):
    surveys = pd.DataFrame({"customer_id": ["A"], "at": ["2026-01-01"], "satisfaction": [bad], "nps_score": [9]})
    with pytest.raises(DataError) as err:
        retention.satisfaction_loyalty(surveys, measure="promoter")
    assert err.value.fields == ["surveys.satisfaction"]
    assert repr(bad) in str(err.value)

def test_satisfaction_loyalty_missing_input():
    surveys = pd.DataFrame({"customer_id": ["A"], "at": ["2026-01-01"], "satisfaction": [4]})
    with pytest.raises(DataError) as err:
        retention.satisfaction_loyalty(surveys)
    assert err.value.fields == ["orders"]
    with pytest.raises(DataError) as err:
        retention.satisfaction_loyalty(surveys, measure="promoter")
    assert err.value.fields == ["surveys.nps_score"]
    with pytest.raises(DataError) as err:
        retention.satisfaction_loyalty(surveys.drop(columns="satisfaction"), measure="promoter")
    assert err.value.fields == ["surveys.satisfaction"]

def test_shipped_data_loyalty_rises_steeply_at_the_top():

    tables = shipped_tables()
    curve = retention.satisfaction_loyalty(tables["surveys"], tables["orders"]).set_index("satisfaction")["loyal_share"]
    assert curve[5] - curve[4] > curve[4] - curve[3] > 0

# --- more single-customer and missing-column cases ----------------------------------------------

def test_cohort_table_single_customer_and_missing_column():
    # one customer, orders in March and May: cohort 2026-03, months 0, 1, 2 -> 1, 0, 1
    got = retention.cohort_table(orders_of([("A", "2026-03-02"), ("A", "2026-05-20")]))
    assert got.loc["2026-03", [0, 1, 2]].tolist() == [1.0, 0.0, 1.0] and got["customers"].tolist() == [1]
    with pytest.raises(DataError) as err:
        retention.cohort_table(pd.DataFrame({"at": ["2026-03-02"]}))
    assert err.value.fields == ["orders.customer_id"]

def test_survival_subjects_missing_column_and_single_customer():
    with pytest.raises(DataError) as err:
        retention.survival_subjects(pd.DataFrame({"customer_id": ["A"]}))
    assert err.value.fields == ["orders.at"]
    # one buyer, first order 1 Jan, as_of 11 Jan, lapse needs 30 days -> censored at 10 days
    got = retention.survival_subjects(orders_of([("A", "2026-01-01")]), lapsed_days=30, as_of="2026-01-11")
    assert got[["days", "churned"]].values.tolist() == [[10.0, False]]

def test_repeat_metrics_single_repeat_customer():
    # one customer, three orders of 100k, 200k, 300k -> base 1, rate 1, 3 transactions, 200k each on average
    got = retention.repeat_metrics(orders_of([("A", "2026-01-01"), ("A", "2026-02-01"), ("A", "2026-03-01")],
                                             amounts=[100_000, 200_000, 300_000]))
    assert (got["buyers"], got["repeat_customer_base"], got["repeat_conversion_rate"]) == (1, 1, 1.0)
    assert (got["transactions_per_repeat_customer"], got["revenue_per_repeat_transaction_vnd"]) == (3.0, 200_000.0)

def test_one_reading_of_yes_no_columns():
    """The shared reader of yes/no columns, worked by hand: missing counts as no, text and 1/0 as yes/no."""

    df = pd.DataFrame({"x": [True, None, "1", " FALSE ", 0, 1.0, "true"]})
    assert flags(df, "x", "t").tolist() == [True, False, True, False, False, True, True]
    nullable = pd.DataFrame({"x": pd.array([True, pd.NA, False], dtype="boolean")})
    assert flags(nullable, "x", "t").tolist() == [True, False, False]
    with pytest.raises(DataError) as err:
        flags(pd.DataFrame({"x": [True, "có"]}), "x", "orders")
    assert "orders.x" in str(err.value) and "'có'" in str(err.value)
