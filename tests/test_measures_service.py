"""Service desk and service quality measures, on small hand-worked tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base.codes import SERVQUAL10
from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures.service_desk import deflection, service_level, wait_ecdf, wait_time_summary
from sim.measures.service_quality import gap_drivers, quality_dimensions, servqual_gaps

NAN = float("nan")


def tickets() -> pd.DataFrame:
    """chat: answered after 0, 1, 3, 5 min, one gave up after 4 min, one still open;
    email: answered after 10 and 20 min; one request each for faq, auto and the tracking page."""
    rows = [
        ("chat", 0.0, False, "pre_purchase_question"),
        ("chat", 1.0, False, "pre_purchase_question"),
        ("chat", 3.0, False, "return"),
        ("chat", 5.0, False, "return"),
        ("chat", 4.0, True, "return"),
        ("chat", NAN, False, "return"),
        ("email", 10.0, False, "warranty"),
        ("email", 20.0, False, "warranty"),
        ("faq", 0.0, False, "pre_purchase_question"),
        ("auto", 0.0, False, "return"),
        ("tracking_page", 0.0, False, "where_is_my_order"),
    ]
    return pd.DataFrame(rows, columns=["tool", "wait_min", "reneged", "request"])


EMPTY_TICKETS = pd.DataFrame({"tool": pd.Series(dtype=object), "wait_min": pd.Series(dtype=float),
                              "reneged": pd.Series(dtype=bool), "request": pd.Series(dtype=object)})


# ----------------------------------------------------------------- wait times
def test_wait_time_summary_hand_worked():
    out = wait_time_summary(tickets()).set_index("tool")
    # chat: 6 requests, 1 open, 4 answered (0, 1, 3, 5), 1 reneged: reneged share 1/5 = 0.2;
    # mean (0+1+3+5)/4 = 2.25; median (1+3)/2 = 2; p90 at position 0.9·3 = 2.7: 3 + 0.7·(5 − 3) = 4.4.
    chat = out.loc["chat"]
    assert (chat["requests"], chat["open"], chat["answered"], chat["reneged"]) == (6, 1, 4, 1)
    assert chat["reneged_share"] == pytest.approx(0.2)
    assert chat["mean_wait_min"] == pytest.approx(2.25)
    assert chat["median_wait_min"] == pytest.approx(2.0)
    assert chat["p90_wait_min"] == pytest.approx(4.4)
    # email: 10 and 20: mean 15, median 15, p90 = 10 + 0.9·10 = 19; nobody reneged.
    email = out.loc["email"]
    assert (email["requests"], email["answered"], email["reneged"]) == (2, 2, 0)
    assert email["reneged_share"] == 0.0
    assert (email["mean_wait_min"], email["median_wait_min"], email["p90_wait_min"]) == pytest.approx((15.0, 15.0, 19.0))


def test_wait_time_summary_tool_without_tickets_and_empty_table():
    out = wait_time_summary(tickets(), tools=["chat", "email", "faq"])
    assert out["tool"].tolist() == ["chat", "email", "faq"]
    out = wait_time_summary(EMPTY_TICKETS)
    assert out["requests"].tolist() == [0, 0]
    assert out["mean_wait_min"].isna().all() and out["reneged_share"].isna().all()


def test_wait_time_summary_single_ticket_and_all_reneged():
    one = pd.DataFrame({"tool": ["chat"], "wait_min": [2.0], "reneged": [False]})
    chat = wait_time_summary(one, tools=["chat"]).iloc[0]
    assert (chat["mean_wait_min"], chat["median_wait_min"], chat["p90_wait_min"]) == (2.0, 2.0, 2.0)
    gave_up = pd.DataFrame({"tool": ["chat", "chat"], "wait_min": [3.0, 6.0], "reneged": [True, True]})
    chat = wait_time_summary(gave_up, tools=["chat"]).iloc[0]
    assert chat["reneged_share"] == 1.0 and math.isnan(chat["mean_wait_min"])


def test_wait_times_read_text_values():
    text = pd.DataFrame({"tool": ["chat", "chat"], "wait_min": ["1.5", "2.5"], "reneged": ["False", "True"]})
    chat = wait_time_summary(text, tools=["chat"]).iloc[0]
    assert (chat["answered"], chat["reneged"], chat["mean_wait_min"]) == (1, 1, 1.5)


def test_wait_time_summary_missing_column_and_bad_tools():
    with pytest.raises(DataError) as err:
        wait_time_summary(tickets().drop(columns="wait_min"))
    assert "tickets.wait_min" in err.value.fields
    with pytest.raises(DataError) as err:
        wait_time_summary(tickets(), tools="chat")
    assert "tools" in err.value.fields
    with pytest.raises(DataError):
        wait_time_summary(tickets().assign(wait_min="slow"))


def test_wait_ecdf_hand_worked():
    out = wait_ecdf(tickets())
    chat = out[out["tool"] == "chat"]
    # offered = 4 answered + 1 reneged = 5: shares 1/5, 2/5, 3/5, 4/5 at 0, 1, 3, 5 min (never 1: one gave up).
    assert chat["wait_min"].tolist() == [0.0, 1.0, 3.0, 5.0]
    assert chat["share_answered"].tolist() == pytest.approx([0.2, 0.4, 0.6, 0.8])
    email = out[out["tool"] == "email"]
    # no e-mail answered at once: the curve starts at (0, 0), then 1/2 at 10 min and 2/2 at 20 min.
    assert email["wait_min"].tolist() == [0.0, 10.0, 20.0]
    assert email["share_answered"].tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_wait_ecdf_edges():
    assert wait_ecdf(EMPTY_TICKETS).empty
    assert list(wait_ecdf(EMPTY_TICKETS).columns) == ["tool", "wait_min", "share_answered"]
    gave_up = pd.DataFrame({"tool": ["chat"], "wait_min": [3.0], "reneged": [True]})
    out = wait_ecdf(gave_up, tools=["chat"])
    assert out["wait_min"].tolist() == [0.0] and out["share_answered"].tolist() == [0.0]
    with pytest.raises(DataError) as err:
        wait_ecdf(tickets().drop(columns="reneged"))
    assert "tickets.reneged" in err.value.fields


# -------------------------------------------------------------- service level
def test_service_level_hand_worked():
    out = service_level(tickets(), target_min=2).set_index("tool")
    # chat: answered within 2 min: the waits 0 and 1 → 2; offered 4 answered + 1 reneged = 5 → 2/5 = 0.4.
    assert (out.loc["chat", "offered"], out.loc["chat", "answered_within"]) == (5, 2)
    assert out.loc["chat", "service_level"] == pytest.approx(0.4)
    # email: 10 and 20 min, none within 2 → 0/2 = 0.
    assert out.loc["email", "service_level"] == 0.0


def test_service_level_target_is_inclusive_and_the_two_conventions():
    # a wait equal to the target counts as within it: waits 0, 1, 3 ≤ 3 → 3/5 = 0.6.
    assert service_level(tickets(), 3, ["chat"])["service_level"].iloc[0] == pytest.approx(0.6)
    # leaving the reneged contact out: 2 within / 4 answered = 0.5.
    assert service_level(tickets(), 2, ["chat"], count_reneged=False)["service_level"].iloc[0] == pytest.approx(0.5)


def test_service_level_over_all_tools():
    out = service_level(tickets(), 2, by_tool=False)
    # chat 2 within of 5 offered, email 0 of 2 → 2/7.
    assert out["tool"].tolist() == ["all"]
    assert out["service_level"].iloc[0] == pytest.approx(2 / 7)


def test_service_level_edges():
    assert math.isnan(service_level(EMPTY_TICKETS, 2)["service_level"].iloc[0])
    one = pd.DataFrame({"tool": ["chat"], "wait_min": [2.0], "reneged": [False]})
    assert service_level(one, 2, ["chat"])["service_level"].iloc[0] == 1.0
    gave_up = pd.DataFrame({"tool": ["chat"], "wait_min": [1.0], "reneged": [True]})
    assert service_level(gave_up, 2, ["chat"])["service_level"].iloc[0] == 0.0
    with pytest.raises(DataError) as err:
        service_level(tickets(), -1)
    assert "target_min" in err.value.fields
    with pytest.raises(DataError) as err:
        service_level(tickets().drop(columns="tool"), 2)
    assert "tickets.tool" in err.value.fields


# ------------------------------------------------------------------ deflection
def test_deflection_hand_worked():
    out = deflection(tickets()).iloc[0]
    # 11 requests: faq, auto, tracking_page are self-service (3), chat 6 + email 2 = 8 reached an agent.
    assert (out["requests"], out["self_service"], out["agent"]) == (11, 3, 8)
    assert out["deflection_rate"] == pytest.approx(3 / 11)


def test_deflection_by_request():
    out = deflection(tickets(), by="request").set_index("request")
    # pre_purchase_question: chat, chat, faq → 1/3; return: chat ×4, auto → 1/5;
    # warranty: email ×2 → 0; where_is_my_order: tracking page → 1.
    assert out["requests"].to_dict() == {"pre_purchase_question": 3, "return": 5, "warranty": 2, "where_is_my_order": 1}
    assert out["deflection_rate"].to_dict() == pytest.approx(
        {"pre_purchase_question": 1 / 3, "return": 0.2, "warranty": 0.0, "where_is_my_order": 1.0})


def test_deflection_edges():
    empty = deflection(EMPTY_TICKETS).iloc[0]
    assert empty["requests"] == 0 and math.isnan(empty["deflection_rate"])
    assert deflection(EMPTY_TICKETS, by="request").empty
    only_faq = pd.DataFrame({"tool": ["faq", "faq"]})
    assert deflection(only_faq)["deflection_rate"].iloc[0] == 1.0
    with pytest.raises(DataError) as err:
        deflection(tickets().assign(tool="phone"))
    assert "tickets.tool" in err.value.fields
    with pytest.raises(DataError) as err:
        deflection(tickets(), by="persona")
    assert "tickets.persona" in err.value.fields


# -------------------------------------------------------------------- SERVQUAL
def rater_surveys() -> pd.DataFrame:
    """Three respondents, RATER columns in a shuffled order, one empathy expectation missing."""
    return pd.DataFrame({
        "empathy_expectation": [6.0, NAN, 6.0], "empathy_perception": [5.0, 7.0, 7.0],
        "tangibles_expectation": [5.0, 6.0, 7.0], "tangibles_perception": [4.0, 6.0, 5.0],
        "reliability_expectation": [4.0, 4.0, 4.0], "reliability_perception": [5.0, 6.0, 7.0],
        "responsiveness_expectation": [7.0, 7.0, 7.0], "responsiveness_perception": [7.0, 7.0, 7.0],
        "assurance_expectation": [5.0, 5.0, 6.0], "assurance_perception": [6.0, 5.0, 4.0],
        "satisfaction": [3, 4, 5],
    })


def test_quality_dimensions_rater_servqual_and_own():
    assert quality_dimensions(rater_surveys()) == ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
    ten = pd.DataFrame({f"{d}_{side}": [4.0] for d in reversed(SERVQUAL10) for side in ("expectation", "perception")})
    assert quality_dimensions(ten) == ("reliability", "responsiveness", "competence", "access", "courtesy",
                                       "communication", "credibility", "security", "understanding", "tangibles")
    own = pd.DataFrame({"speed_expectation": [1.0], "speed_perception": [2.0], "price_expectation": [3.0],
                        "price_perception": [3.0], "lonely_expectation": [1.0]})
    assert quality_dimensions(own) == ("speed", "price")


def test_quality_dimensions_none_present():
    with pytest.raises(DataError) as err:
        quality_dimensions(pd.DataFrame({"satisfaction": [3]}))
    assert "surveys.<dimension>_expectation" in err.value.fields
    with pytest.raises(DataError):
        quality_dimensions([1, 2, 3])


def test_servqual_gaps_hand_worked():
    out = servqual_gaps(rater_surveys()).set_index("dimension")
    assert list(out.index) == ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
    # tangibles: E (5+6+7)/3 = 6, P (4+6+5)/3 = 5 → gap −1.
    assert (out.loc["tangibles", "expectation"], out.loc["tangibles", "perception"]) == pytest.approx((6.0, 5.0))
    assert out.loc["tangibles", "gap"] == pytest.approx(-1.0)
    # reliability: E 4, P (5+6+7)/3 = 6 → +2; responsiveness: 7 − 7 = 0.
    assert out.loc["reliability", "gap"] == pytest.approx(2.0)
    assert out.loc["responsiveness", "gap"] == pytest.approx(0.0)
    # assurance: E (5+5+6)/3 = 16/3 = 5.3333, P (6+5+4)/3 = 5 → −1/3 = −0.3333.
    assert out.loc["assurance", "gap"] == pytest.approx(-0.333333, abs=1e-6)
    # empathy: respondent 2 has no expectation → respondents 1 and 3: E 6, P (5+7)/2 = 6 → 0.
    assert out.loc["empathy", "respondents"] == 2
    assert out.loc["empathy", "perception"] == pytest.approx(6.0)
    assert out.loc["empathy", "gap"] == pytest.approx(0.0)
    assert out.loc["tangibles", "respondents"] == 3


def test_servqual_gaps_empty_and_single():
    out = servqual_gaps(rater_surveys().iloc[0:0])
    assert out["respondents"].tolist() == [0] * 5 and out["gap"].isna().all()
    one = servqual_gaps(rater_surveys().iloc[[0]]).set_index("dimension")
    assert one.loc["tangibles", "gap"] == pytest.approx(-1.0)  # 4 − 5
    with pytest.raises(DataError) as err:
        servqual_gaps(rater_surveys().assign(tangibles_perception=["good", "bad", "ok"]))
    assert "surveys.tangibles_perception" in err.value.fields


def driver_surveys(extra_constant: bool = False) -> pd.DataFrame:
    """Gaps: reliability [−1, 0, 1, 0], empathy [0, 1, 0, −1]; satisfaction = 3 + g_rel + 0.5·g_emp."""
    df = pd.DataFrame({
        "reliability_expectation": [5.0, 5.0, 5.0, 5.0], "reliability_perception": [4.0, 5.0, 6.0, 5.0],
        "empathy_expectation": [4.0, 4.0, 4.0, 4.0], "empathy_perception": [4.0, 5.0, 4.0, 3.0],
        "satisfaction": [2.0, 3.5, 4.0, 2.5],
    })
    if extra_constant:  # a fifth respondent with all gaps 0 and satisfaction 3, and a gap of +1 for everybody
        df.loc[4] = [5.0, 5.0, 4.0, 4.0, 3.0]
        df["tangibles_expectation"] = 5.0
        df["tangibles_perception"] = 6.0
    return df


def test_gap_drivers_hand_worked():
    out = gap_drivers(driver_surveys()).set_index("dimension")
    # Exact fit: satisfaction = 3 + 1·g_rel + 0.5·g_emp → b_rel = 1, b_emp = 0.5.
    assert out["coefficient"].to_dict() == pytest.approx({"reliability": 1.0, "empathy": 0.5})
    # Centred: g_rel [−1, 0, 1, 0] (Σg² = 2), g_emp [0, 1, 0, −1] (Σg² = 2), sat − 3 = [−1, .5, 1, −.5] (Σ = 2.5).
    # β_rel = 1·√(2/2.5) = √0.8 = 0.894427; β_emp = 0.5·√0.8 = 0.447214.
    assert out["standardized_coefficient"].to_dict() == pytest.approx({"reliability": 0.894427, "empathy": 0.447214},
                                                                      abs=1e-6)
    # r_rel = Σ(g·s)/√(Σg²·Σs²) = 2/√5 = 0.894427; r_emp = 1/√5 = 0.447214 (the gaps are uncorrelated).
    assert out["correlation"].to_dict() == pytest.approx({"reliability": 0.894427, "empathy": 0.447214}, abs=1e-6)
    assert out["rank"].to_dict() == {"reliability": 1.0, "empathy": 2.0}
    assert gap_drivers(driver_surveys(), rank_by="correlation")["rank"].tolist() == [1.0, 2.0]


def test_gap_drivers_constant_gap_is_left_out():
    out = gap_drivers(driver_surveys(extra_constant=True)).set_index("dimension")
    # The fifth respondent (gaps 0, 0; satisfaction 3) lies on the same plane: b_rel = 1, b_emp = 0.5 still.
    # Centred sums over 5 respondents: Σg_rel² = 2, Σg_emp² = 2, Σ(sat − 3)² = 2.5 → same β and r as above.
    assert out.loc["reliability", "coefficient"] == pytest.approx(1.0)
    assert out.loc["empathy", "standardized_coefficient"] == pytest.approx(0.447214, abs=1e-6)
    assert out.loc["tangibles", ["correlation", "coefficient", "standardized_coefficient", "rank"]].isna().all()
    assert out.loc["reliability", "rank"] == 1.0


def test_gap_drivers_constant_satisfaction_gives_nan():
    out = gap_drivers(driver_surveys().assign(satisfaction=4))
    assert out[["correlation", "coefficient", "standardized_coefficient", "rank"]].isna().all().all()


def test_gap_drivers_too_few_respondents_collinear_and_missing():
    with pytest.raises(DataError) as err:
        gap_drivers(driver_surveys().iloc[:3])  # 2 dimensions need 4 complete answers
    assert "surveys" in err.value.fields
    with pytest.raises(DataError):
        gap_drivers(pd.DataFrame(columns=driver_surveys().columns))
    same = driver_surveys().assign(empathy_expectation=5.0,
                                   empathy_perception=[4.0, 5.0, 6.0, 5.0])  # the empathy gap equals reliability's
    with pytest.raises(DataError):
        gap_drivers(same)
    with pytest.raises(DataError) as err:
        gap_drivers(driver_surveys().drop(columns="satisfaction"))
    assert "surveys.satisfaction" in err.value.fields
    with pytest.raises(DataError) as err:
        gap_drivers(driver_surveys(), rank_by="size")
    assert "rank_by" in err.value.fields


# ---------------------------------------------------------------- shipped data
def test_measures_on_the_shipped_data():

    t = shipped_tables()
    waits = wait_time_summary(t["tickets"]).set_index("tool")
    assert waits.loc["email", "mean_wait_min"] > waits.loc["chat", "mean_wait_min"]
    level = service_level(t["tickets"], 2).set_index("tool")["service_level"]
    ecdf = wait_ecdf(t["tickets"])
    for tool in ("chat", "email"):  # the ECDF's height at the target is the service level
        mine = ecdf[(ecdf["tool"] == tool) & (ecdf["wait_min"] <= 2)]
        assert mine["share_answered"].iloc[-1] == pytest.approx(level[tool])
    assert 0 < deflection(t["tickets"])["deflection_rate"].iloc[0] < 1
    gaps = servqual_gaps(t["surveys"])
    assert len(gaps) == 5 and np.isfinite(gaps["gap"]).all()
    drivers = gap_drivers(t["surveys"])
    assert sorted(drivers["rank"]) == [1.0, 2.0, 3.0, 4.0, 5.0]
