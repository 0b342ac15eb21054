"""NPS (lecture 001, Reichheld 2006): hand-worked examples, edge cases and bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures import nps

# Ten answers worked by hand:
#   promoters (9–10): 10, 10, 9, 9, 10 -> 5;  passives (7–8): 8, 7 -> 2;  detractors (0–6): 6, 5, 3 -> 3
#   p_P = 0.5, p_D = 0.3, NPS = 100 × (0.5 − 0.3) = 20 points
#   Var = (p_P + p_D − (p_P − p_D)²) / n = (0.8 − 0.04) / 10 = 0.076;  √0.076 = 0.275681
#   95 %: z = 1.959964, half-width = 100 × 1.959964 × 0.275681 = 54.0325 -> CI = [−34.0325, 74.0325]
#   90 %: z = 1.644854, half-width = 45.3455
TEN_SCORES = [10, 10, 9, 9, 8, 7, 6, 5, 3, 10]


def surveys_of(scores, **extra) -> pd.DataFrame:
    return pd.DataFrame({"nps_score": scores, **extra})


# --- nps_scores / classify_score / with_nps_group -------------------------------------------------

def test_nps_scores_accept_whole_numbers_and_whole_floats():
    assert nps.nps_scores(surveys_of([0, 9.0, 10])).tolist() == [0, 9, 10]


@pytest.mark.parametrize("bad", [7.5, 11, -1, "abc", None])
def test_nps_scores_refuse_a_bad_value_and_name_it(bad):
    with pytest.raises(DataError) as err:
        nps.nps_scores(surveys_of([9, bad, 3]))
    assert err.value.fields == ["surveys.nps_score"]
    if bad is not None:
        assert repr(bad) in str(err.value)


def test_nps_scores_missing_column():
    with pytest.raises(DataError) as err:
        nps.nps_scores(pd.DataFrame({"score": [9]}))
    assert err.value.fields == ["surveys.nps_score"]


def test_classify_score_by_hand():
    got = nps.classify_score(pd.Series([0, 6, 7, 8, 9, 10]))
    assert got.tolist() == ["detractor", "detractor", "passive", "passive", "promoter", "promoter"]


def test_classify_score_empty_and_bad():
    assert nps.classify_score(pd.Series([], dtype=int)).tolist() == []
    with pytest.raises(DataError) as err:
        nps.classify_score(pd.Series([12]))
    assert err.value.fields == ["score"]


def test_with_nps_group_adds_a_column_and_keeps_the_rest():
    out = nps.with_nps_group(surveys_of([10, 7, 2], customer_id=["A", "B", "C"]))
    assert out["nps_group"].tolist() == ["promoter", "passive", "detractor"]
    assert out["customer_id"].tolist() == ["A", "B", "C"]
    with pytest.raises(DataError):
        nps.with_nps_group(pd.DataFrame({"customer_id": ["A"]}))


# --- nps_from_counts / nps_summary ---------------------------------------------------------------

def test_nps_from_counts_hand_worked():
    got = nps.nps_from_counts(5, 2, 3)
    assert got["respondents"] == 10
    assert got["nps"] == pytest.approx(20.0)
    assert got["ci_low"] == pytest.approx(-34.0325, abs=1e-3)
    assert got["ci_high"] == pytest.approx(74.0325, abs=1e-3)
    assert got["promoter_share"] == pytest.approx(0.5)
    assert got["passive_share"] == pytest.approx(0.2)
    assert got["detractor_share"] == pytest.approx(0.3)


def test_nps_from_counts_other_level():
    got = nps.nps_from_counts(5, 2, 3, level=0.90)
    assert got["ci_high"] - got["nps"] == pytest.approx(45.3455, abs=1e-3)
    assert got["level"] == 0.90


def test_all_promoters_nps_100_and_ci_width_zero():
    # p_P = 1, p_D = 0: Var = (1 + 0 − 1²) / 4 = 0, so the interval is [100, 100]
    got = nps.nps_from_counts(4, 0, 0)
    assert (got["nps"], got["ci_low"], got["ci_high"]) == (100.0, 100.0, 100.0)


def test_no_respondents_gives_nan():
    got = nps.nps_from_counts(0, 0, 0)
    assert got["respondents"] == 0
    assert math.isnan(got["nps"]) and math.isnan(got["ci_low"]) and math.isnan(got["ci_high"])


@pytest.mark.parametrize(("args", "field"), [((-1, 0, 0), "promoters"), ((1, 0.5, 0), "passives"),
                                             ((1, 0, 0, 1.0), "level"), ((1, 0, 0, 0), "level")])
def test_nps_from_counts_bad_arguments(args, field):
    with pytest.raises(DataError) as err:
        nps.nps_from_counts(*args)
    assert err.value.fields == [field]


def test_nps_summary_ten_scores():
    got = nps.nps_summary(surveys_of(TEN_SCORES))
    assert (got["promoters"], got["passives"], got["detractors"]) == (5, 2, 3)
    assert got["nps"] == pytest.approx(20.0)
    assert got["ci_low"] == pytest.approx(-34.0325, abs=1e-3)
    assert got["ci_high"] == pytest.approx(74.0325, abs=1e-3)


def test_nps_summary_text_scores_are_read():
    got = nps.nps_summary(surveys_of(["10", "3"]))
    assert got["nps"] == pytest.approx(0.0)


def test_nps_summary_empty_table():
    got = nps.nps_summary(surveys_of(pd.Series([], dtype=int)))
    assert got["respondents"] == 0 and got["promoters"] == 0
    assert math.isnan(got["nps"])


def test_nps_summary_single_detractor():
    # one answer of 6: p_D = 1, NPS = −100, Var = (0 + 1 − 1) / 1 = 0
    got = nps.nps_summary(surveys_of([6]))
    assert (got["nps"], got["ci_low"], got["ci_high"]) == (-100.0, -100.0, -100.0)


def test_nps_summary_missing_column_and_bad_level():
    with pytest.raises(DataError) as err:
        nps.nps_summary(pd.DataFrame({"satisfaction": [5]}))
    assert err.value.fields == ["surveys.nps_score"]
    with pytest.raises(DataError) as err:
        nps.nps_summary(surveys_of([9]), level=95)
    assert err.value.fields == ["level"]


# --- score_distribution -------------------------------------------------------------------------

def test_score_distribution_by_hand():
    # scores 10, 9, 9, 0: four answers; count 2 at 9 -> share 0.5
    got = nps.score_distribution(surveys_of([10, 9, 9, 0]))
    assert got["nps_score"].tolist() == list(range(11))
    assert got["count"].tolist() == [1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1]
    assert got.loc[9, "share"] == pytest.approx(0.5)
    assert got["nps_group"].tolist() == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2


def test_score_distribution_empty_and_missing():
    got = nps.score_distribution(surveys_of(pd.Series([], dtype=int)))
    assert got["count"].sum() == 0 and got["share"].isna().all()
    with pytest.raises(DataError):
        nps.score_distribution(pd.DataFrame())


# --- nps_by -------------------------------------------------------------------------------------

CUSTOMERS = pd.DataFrame({"customer_id": ["A", "B"], "persona": ["bargain_hunter", "directed_buyer"],
                          "acquired_via": ["email", "social"], "segment": ["b2c", "b2c"]})
# A answered 10, 9, 3; B answered 8; C (not a known customer) answered 10 and is left out.
BY_SURVEYS = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "C"], "nps_score": [10, 9, 3, 8, 10]})


def test_nps_by_persona_by_hand():
    got = nps.nps_by(BY_SURVEYS, CUSTOMERS, by="persona").set_index("persona")
    # bargain_hunter: 2 promoters, 1 detractor of 3 -> NPS = 100 × (2 − 1) / 3 = 33.33
    #   Var = (2/3 + 1/3 − (1/3)²) / 3 = 0.2963, half = 100 × 1.96 × 0.5443 = 106.69
    #   -> CI [−73.35, 140.02], clipped to [−73.35, 100]
    row = got.loc["bargain_hunter"]
    assert (row["respondents"], row["promoters"], row["passives"], row["detractors"]) == (3, 2, 0, 1)
    assert row["nps"] == pytest.approx(33.333, abs=1e-3)
    assert row["ci_low"] == pytest.approx(-73.354, abs=1e-3)
    assert row["ci_high"] == 100.0
    # directed_buyer: one passive -> NPS 0, Var 0
    row = got.loc["directed_buyer"]
    assert (row["nps"], row["ci_low"], row["ci_high"]) == (0.0, 0.0, 0.0)


def test_nps_by_channel_uses_acquired_via():
    got = nps.nps_by(BY_SURVEYS, CUSTOMERS, by="channel")
    assert got.columns[0] == "channel"
    assert got["channel"].tolist() == ["email", "social"]
    assert got["respondents"].tolist() == [3, 1]


def test_nps_by_single_segment_and_empty():
    got = nps.nps_by(BY_SURVEYS, CUSTOMERS, by="segment")
    assert got["segment"].tolist() == ["b2c"] and got["respondents"].tolist() == [4]
    empty = nps.nps_by(BY_SURVEYS.iloc[0:0], CUSTOMERS, by="persona")
    assert empty.empty and list(empty.columns) == ["persona", *nps.SUMMARY_COLUMNS]


def test_nps_by_bad_by_and_missing_columns():
    with pytest.raises(DataError) as err:
        nps.nps_by(BY_SURVEYS, CUSTOMERS, by="shoe_size")
    assert err.value.fields == ["by"]
    with pytest.raises(DataError) as err:
        nps.nps_by(BY_SURVEYS, CUSTOMERS.drop(columns="acquired_via"), by="channel")
    assert err.value.fields == ["customers.acquired_via"]
    with pytest.raises(DataError) as err:
        nps.nps_by(BY_SURVEYS.drop(columns="customer_id"), CUSTOMERS)
    assert err.value.fields == ["surveys.customer_id"]


# --- customer_nps_group -------------------------------------------------------------------------

def test_customer_nps_group_first_and_last():
    surveys = pd.DataFrame({"customer_id": ["A", "A", "B"], "at": ["2026-03-01 10:00:00", "2026-01-01 10:00:00", "2026-02-01 08:00:00"],
                            "nps_score": [10, 3, 8]})
    first = nps.customer_nps_group(surveys).set_index("customer_id")["nps_group"].to_dict()
    last = nps.customer_nps_group(surveys, which="last").set_index("customer_id")["nps_group"].to_dict()
    assert first == {"A": "detractor", "B": "passive"}
    assert last == {"A": "promoter", "B": "passive"}


def test_customer_nps_group_edges():
    empty = nps.customer_nps_group(pd.DataFrame({"customer_id": [], "at": [], "nps_score": []}))
    assert empty.empty
    with pytest.raises(DataError) as err:
        nps.customer_nps_group(pd.DataFrame({"customer_id": ["A"], "nps_score": [9]}))
    assert err.value.fields == ["surveys.at"]
    with pytest.raises(DataError):
        nps.customer_nps_group(pd.DataFrame({"customer_id": ["A"], "at": ["2026-01-01"], "nps_score": [9]}), which="middle")


# --- nps_churn ----------------------------------------------------------------------------------

CHURN_SURVEYS = pd.DataFrame({
    "customer_id": ["A", "B", "C", "D", "E"],
    "at": ["2026-01-01", "2026-01-01", "2026-01-05", "2026-01-10", "2026-02-01"],
    "nps_score": [10, 7, 2, 5, 9],
})


def test_nps_churn_true_by_hand():
    # 30 days after the answer:
    #   A promoter, churned 19 days later -> churned;      B passive, churned 59 days later -> not
    #   C detractor, never churned -> not;                  D detractor, churned 5 days later -> churned
    #   E promoter, churned 2026-04-01 (59 days) -> not
    # promoter 1/2, passive 0/1, detractor 1/2
    truth = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"],
                          "churned_at": ["2026-01-20", "2026-03-01", None, "2026-01-15", "2026-04-01"]})
    got = nps.nps_churn(CHURN_SURVEYS, truth=truth, method="true", within_days=30).set_index("nps_group")
    assert got["respondents"].to_dict() == {"promoter": 2, "passive": 1, "detractor": 2}
    assert got["churned"].to_dict() == {"promoter": 1, "passive": 0, "detractor": 1}
    assert got["churn_rate"].to_dict() == {"promoter": 0.5, "passive": 0.0, "detractor": 0.5}


def test_nps_churn_observed_by_hand():
    # as_of = latest time = 2026-02-20; 30-day follow-up -> only answers up to 2026-01-21 are judged (E is left out)
    #   A ordered 2026-01-10 (9 days later) -> not churned;  B ordered 2026-02-15 (45 days) -> churned
    #   C ordered only before the answer -> churned;        D ordered 2026-01-25 (15 days) -> not churned
    orders = pd.DataFrame({"customer_id": ["A", "B", "C", "D", "E"],
                           "at": ["2026-01-10", "2026-02-15", "2026-01-04", "2026-01-25", "2026-02-20"]})
    got = nps.nps_churn(CHURN_SURVEYS, orders=orders, within_days=30).set_index("nps_group")
    assert got["respondents"].to_dict() == {"promoter": 1, "passive": 1, "detractor": 2}
    assert got["churned"].to_dict() == {"promoter": 0, "passive": 1, "detractor": 1}


def test_nps_churn_empty_and_bad_input():
    empty = nps.nps_churn(CHURN_SURVEYS.iloc[0:0], orders=pd.DataFrame({"customer_id": [], "at": []}))
    assert empty["respondents"].tolist() == [0, 0, 0] and empty["churn_rate"].isna().all()
    with pytest.raises(DataError) as err:
        nps.nps_churn(CHURN_SURVEYS, method="true")
    assert err.value.fields == ["truth"]
    with pytest.raises(DataError) as err:
        nps.nps_churn(CHURN_SURVEYS, method="true", truth=pd.DataFrame({"customer_id": ["A"], "churned_at": [None]}))
    assert err.value.fields == ["truth.customer_id"]
    with pytest.raises(DataError) as err:
        nps.nps_churn(CHURN_SURVEYS, orders=pd.DataFrame({"customer_id": ["A"]}))
    assert err.value.fields == ["orders.at"]
    with pytest.raises(DataError) as err:
        nps.nps_churn(CHURN_SURVEYS, orders=pd.DataFrame({"customer_id": [], "at": []}), within_days=0)
    assert err.value.fields == ["within_days"]
    with pytest.raises(DataError) as err:
        nps.nps_churn(CHURN_SURVEYS, method="guess")
    assert err.value.fields == ["method"]


def test_promoters_churn_less_in_the_shipped_data():

    tables = shipped_tables()
    got = nps.nps_churn(tables["surveys"], truth=tables["truth"], method="true", within_days=180).set_index("nps_group")
    rates = got["churn_rate"]
    assert rates["promoter"] < rates["passive"] < rates["detractor"]


def test_nps_churn_single_respondent():
    # one promoter answering 1 Jan who truly churned 10 Jan: churned within 30 days -> promoter rate 1
    surveys = pd.DataFrame({"customer_id": ["A"], "at": ["2026-01-01"], "nps_score": [9]})
    truth = pd.DataFrame({"customer_id": ["A"], "churned_at": ["2026-01-10"]})
    got = nps.nps_churn(surveys, truth=truth, method="true", within_days=30).set_index("nps_group")
    assert got.loc["promoter", "churn_rate"] == 1.0
    assert got.loc["passive", "respondents"] == 0 and math.isnan(got.loc["passive", "churn_rate"])
