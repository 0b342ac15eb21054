"""The service-desk report (topics 4 and 13): hand-worked tables, edge cases, and the desk against Erlang C."""

from __future__ import annotations

import math
import types

import numpy as np
import pandas as pd
import pytest

import sim
from sim.base.errors import DataError, ScenarioError
from sim.engine.service_desk import Outcome
from sim.experiments import desk_staffing
from sim.measures import service_desk, service_quality
from sim.measures.kpis import headline

NAN = float("nan")
DAY = pd.Timestamp("2026-01-01")


def rule_scenario() -> sim.Scenario:
    """The satisfaction rule written out: target 2 min, bonus 0.4, 0.5 points per hour of waiting
    (at most 1.0), 0.8 for an unresolved request."""
    return sim.with_changes("demo", {"service.service_level_target_min": 2.0, "service.fast_bonus_points": 0.4,
                                     "service.wait_penalty_points_per_hour": 0.5, "service.max_wait_penalty_points": 1.0,
                                     "service.unresolved_penalty_points": 0.8})


# ------------------------------------------------------------ life cycle × tool
def test_lifecycle_tool_table_hand_worked():
    tickets = pd.DataFrame({
        "lifecycle_stage": ["requirements", "requirements", "requirements", "ownership", "ownership", "my_stage"],
        "tool": ["faq", "chat", "chat", "tracking_page", "email", "faq"],
    })
    long = service_desk.lifecycle_tool_table(tickets)
    # 4 known stages + 1 unknown, 5 tools: 25 rows, stages in the lecture's order, the unknown stage last.
    assert len(long) == 25
    assert list(dict.fromkeys(long["lifecycle_stage"])) == ["requirements", "acquisition", "ownership", "retirement",
                                                           "my_stage"]
    assert list(long["tool"][:5]) == ["tracking_page", "faq", "auto", "chat", "email"]
    cell = long.set_index(["lifecycle_stage", "tool"])
    # requirements: faq 1 of 3, chat 2 of 3; ownership: 1 of 2 each; my_stage: faq 1 of 1.
    assert cell.loc[("requirements", "faq"), "requests"] == 1
    assert cell.loc[("requirements", "faq"), "share_of_stage"] == pytest.approx(1 / 3)
    assert cell.loc[("requirements", "chat"), "share_of_stage"] == pytest.approx(2 / 3)
    assert cell.loc[("ownership", "tracking_page"), "share_of_stage"] == pytest.approx(0.5)
    assert cell.loc[("my_stage", "faq"), "share_of_stage"] == 1.0
    assert cell.loc[("requirements", "email"), "requests"] == 0
    # A stage without requests has no shares (0 / 0).
    assert math.isnan(cell.loc[("acquisition", "faq"), "share_of_stage"])
    wide = service_desk.lifecycle_tool_table(tickets, wide=True)
    assert wide.loc["requirements"].tolist() == [0, 1, 0, 2, 0]
    assert wide.loc["retirement"].sum() == 0


def test_lifecycle_tool_table_empty_and_missing_column():
    empty = pd.DataFrame({"lifecycle_stage": pd.Series(dtype=object), "tool": pd.Series(dtype=object)})
    long = service_desk.lifecycle_tool_table(empty)
    assert len(long) == 20 and (long["requests"] == 0).all() and long["share_of_stage"].isna().all()
    with pytest.raises(DataError) as err:
        service_desk.lifecycle_tool_table(empty.drop(columns="tool"))
    assert "tickets.tool" in err.value.fields


# ------------------------------------------------------------- service points
def test_service_points_hand_worked():
    tickets = pd.DataFrame([
        ("chat", 1.0, True),     # 0.4 − 0.5·1/60 = 0.391667
        ("chat", 6.0, True),     # late: 0 − 0.5·6/60 = −0.05
        ("email", 240.0, True),  # 4 hours: −min(1.0, 2.0) = −1.0
        ("email", 60.0, False),  # −0.5 − 0.8 = −1.3
        ("chat", 2.0, True),     # at the target still counts as fast: 0.4 − 0.016667 = 0.383333
        ("chat", 1.0, False),    # fast but unresolved: no bonus, −0.008333 − 0.8 = −0.808333
        ("faq", 0.0, True),      # self-service, resolved: answered at once, the bonus 0.4
        ("auto", 0.0, False),    # self-service, unresolved: −0.8
        ("chat", NAN, True),     # still open: unknown
    ], columns=["tool", "wait_min", "resolved"])
    points = service_desk.service_points(tickets, rule_scenario())
    expected = [0.391667, -0.05, -1.0, -1.3, 0.383333, -0.808333, 0.4, -0.8, NAN]
    assert points.to_numpy() == pytest.approx(expected, abs=1e-6, nan_ok=True)
    # The service block works as well as the whole scenario; text booleans are read.
    text = tickets.assign(resolved=tickets["resolved"].astype(str))
    assert service_desk.service_points(text, rule_scenario().service).to_numpy() == pytest.approx(expected, abs=1e-6, nan_ok=True)


def test_service_points_bad_input():
    with pytest.raises(DataError) as err:
        service_desk.service_points(pd.DataFrame({"tool": ["chat"], "wait_min": [1.0], "resolved": ["maybe"]}), rule_scenario())
    assert "tickets.resolved" in err.value.fields
    with pytest.raises(DataError) as err:
        service_desk.service_points(pd.DataFrame({"tool": ["chat"], "wait_min": [1.0]}), rule_scenario())
    assert "tickets.resolved" in err.value.fields
    with pytest.raises(DataError) as err:
        service_desk.service_points(pd.DataFrame({"tool": ["chat"], "wait_min": [1.0], "resolved": [True]}), "demo")
    assert "scenario" in err.value.fields


# ------------------------------------------------------- satisfaction by wait
def _stamp(days: float) -> pd.Timestamp:
    return DAY + pd.Timedelta(days=days)


def test_satisfaction_by_wait_hand_worked():
    tickets = pd.DataFrame([
        ("A", 0, "chat", 1.0),     # first survey after it: A, day 5, satisfaction 5 (day 10 comes later)
        ("B", 0, "email", 100.0),  # B, day 3: 2
        ("C", 0, "email", 300.0),  # C's next survey is on day 30: more than 20 days later, left out
        ("C", 40, "chat", 1.0),    # C, day 45: 3 (the day-30 survey came before the ticket)
        ("A", 6, "faq", 0.0),      # not an agent tool: left out
        ("B", 1, "chat", 3.0),     # gave up after 3 minutes; B, day 3: 2
        ("D", 0, "chat", NAN),     # still open: left out
    ], columns=["customer_id", "day", "tool", "wait_min"])
    tickets["at"] = [_stamp(d) for d in tickets.pop("day")]
    surveys = pd.DataFrame([("A", 5, 5), ("A", 10, 1), ("B", 3, 2), ("C", 30, 4), ("C", 45, 3), ("D", 1, 5)],
                           columns=["customer_id", "day", "satisfaction"])
    surveys["at"] = [_stamp(d) for d in surveys.pop("day")]
    out = service_desk.satisfaction_by_wait(tickets, surveys, bands_min=(2, 60))
    assert out["band"].tolist() == ["≤ 2 phút", "2–60 phút", "> 60 phút"]
    assert out["tickets"].tolist() == [2, 1, 1]
    assert out["low_min"].tolist() == [0.0, 2.0, 60.0] and math.isinf(out["high_min"].iloc[-1])
    # ≤ 2 min: satisfaction 5 and 3: mean 4, sd √2, t(0.975, 1) = 12.7062: half-width 12.7062·√2/√2 = 12.7062.
    fast = out.iloc[0]
    assert fast["mean_satisfaction"] == pytest.approx(4.0)
    assert (fast["ci_low"], fast["ci_high"]) == pytest.approx((4.0 - 12.7062, 4.0 + 12.7062), abs=1e-3)
    # One ticket per other band: the mean, no interval.
    assert out["mean_satisfaction"].iloc[1:].tolist() == [2.0, 2.0]
    assert out["ci_low"].iloc[1:].isna().all()
    english = service_desk.satisfaction_by_wait(tickets, surveys, bands_min=(2, 60), lang="en")
    assert english["band"].tolist() == ["≤ 2 minutes", "2–60 minutes", "> 60 minutes"]


def test_satisfaction_by_wait_edges():
    tickets = pd.DataFrame({"customer_id": pd.Series(dtype=object), "at": pd.Series(dtype="datetime64[ns]"),
                            "tool": pd.Series(dtype=object), "wait_min": pd.Series(dtype=float)})
    surveys = pd.DataFrame({"customer_id": ["A"], "at": [DAY], "satisfaction": [4]})
    out = service_desk.satisfaction_by_wait(tickets, surveys)
    assert out["tickets"].tolist() == [0, 0, 0, 0] and out["mean_satisfaction"].isna().all()
    for bad in [(60, 2), (), (0, 5)]:
        with pytest.raises(DataError) as err:
            service_desk.satisfaction_by_wait(tickets, surveys, bands_min=bad)
        assert "bands_min" in err.value.fields
    with pytest.raises(DataError) as err:
        service_desk.satisfaction_by_wait(tickets, surveys, within_days=0)
    assert "within_days" in err.value.fields


# ---------------------------------------------------------------- desk runs
def test_desk_tickets_and_unfinished():
    run = {"outcomes": [Outcome("chat", 0.1, wait_min=1.5, handle_min=6.0),
                        Outcome("chat", 0.2, wait_min=4.0, reneged=True, resolved=False),
                        Outcome("faq", 0.3)],
           "requests": 5, "utilization": {"chat": 0.5, "email": 0.0}}
    tickets = service_desk.desk_tickets(run)
    assert tickets["tool"].tolist() == ["chat", "chat", "faq"]
    assert tickets["wait_min"].tolist() == [1.5, 4.0, 0.0]
    assert tickets["reneged"].tolist() == [False, True, False]
    assert tickets["resolved"].tolist() == [True, False, True]
    assert tickets["done_day"].tolist() == [0.1, 0.2, 0.3]
    # arrived = done − (wait + handle) / 1440: 0.1 − 7.5/1440, 0.2 − 4/1440, 0.3
    assert tickets["arrived_day"].tolist() == pytest.approx([0.1 - 7.5 / 1440, 0.2 - 4.0 / 1440, 0.3])
    dated = service_desk.desk_tickets(run, start="2026-11-09")
    # 0.1 day = 02:24:00, minus 7.5 min = 02:16:30; 0.2 day = 04:48:00, minus 4 min = 04:44:00; 0.3 day = 07:12:00
    assert dated["at"].dt.strftime("%H:%M:%S").tolist() == ["02:16:30", "04:44:00", "07:12:00"]
    assert dated.columns[0] == "at"
    with pytest.raises(DataError):
        service_desk.desk_tickets(run, start="not a date")
    assert service_desk.unfinished(run) == 2  # 5 arrived, 3 finished
    empty = service_desk.desk_tickets({"outcomes": [], "requests": 0})
    assert len(empty) == 0 and list(empty.columns)[:2] == ["tool", "wait_min"]
    with pytest.raises(DataError):
        service_desk.desk_tickets({"requests": 3})
    with pytest.raises(DataError):
        service_desk.unfinished({"outcomes": []})


def test_desk_summary_hand_worked():
    rows = [("chat", 0.0, False, True), ("chat", 1.0, False, True), ("chat", 5.0, False, True),
            ("chat", 4.0, True, False), ("email", 30.0, False, True), ("email", 90.0, False, False),
            ("faq", 0.0, False, True), ("faq", 0.0, False, True), ("auto", 0.0, False, True)]
    tickets = pd.DataFrame(rows, columns=["tool", "wait_min", "reneged", "resolved"])
    out = service_desk.desk_summary(tickets, rule_scenario(), {"chat": 0.5, "email": 1.2}).set_index("tool")
    assert out.index.tolist() == ["tracking_page", "faq", "auto", "chat", "email"]
    assert out["requests"].tolist() == [0, 2, 1, 4, 2]
    assert out["share"].tolist() == pytest.approx([0, 2 / 9, 1 / 9, 4 / 9, 2 / 9])
    chat, email = out.loc["chat"], out.loc["email"]
    # chat: within 2 min: 0 and 1 of 4 offered = 0.5; answered waits 0, 1, 5: mean 2; 1 of 4 gave up.
    assert (chat["service_level"], chat["mean_wait_min"], chat["reneged_share"]) == pytest.approx((0.5, 2.0, 0.25))
    # points 0.4, 0.4 − 1/120, −5/120, −4/120 − 0.8: sum −1/12, mean −1/48.
    assert chat["satisfaction_points"] == pytest.approx(-1 / 48)
    # email: nothing within 2 min; mean wait 60; points −0.25 and −0.75 − 0.8: mean −0.9.
    assert (email["service_level"], email["mean_wait_min"], email["satisfaction_points"]) == pytest.approx((0.0, 60.0, -0.9))
    assert (chat["utilisation"], email["utilisation"]) == (0.5, 1.2)
    assert out.loc["faq", "satisfaction_points"] == pytest.approx(0.4)  # resolved self-service: the fast bonus
    assert math.isnan(out.loc["faq", "service_level"]) and math.isnan(out.loc["faq", "utilisation"])
    assert math.isnan(out.loc["tracking_page", "satisfaction_points"]) and out.loc["tracking_page", "share"] == 0.0
    none = service_desk.desk_summary(tickets.iloc[0:0], rule_scenario())
    assert none["requests"].sum() == 0 and none["share"].isna().all()


def test_desk_what_if_and_sweep():
    out = desk_staffing.desk_what_if("default", chat_agents=2, email_agents=3, faq_coverage=0.3, requests_per_hour=6, days=3, seed=1)
    assert set(out) == {"tickets", "summary", "ecdf", "target_min", "unfinished", "scenario"}
    assert out["scenario"].service.chat.agents == 2 and out["scenario"].service.email.agents == 3
    assert out["target_min"] == out["scenario"].service.service_level_target_min
    assert out["summary"]["requests"].sum() == len(out["tickets"])
    with pytest.raises(ScenarioError):
        desk_staffing.desk_what_if("default", chat_agents=1, email_agents=1, faq_coverage=1.5, requests_per_hour=6)
    with pytest.raises(DataError) as err:
        desk_staffing.desk_what_if("default", chat_agents=1, email_agents=1, faq_coverage=0.3, requests_per_hour=0)
    assert "requests_per_hour" in err.value.fields
    sweep = desk_staffing.desk_sweep("default", "service.email.agents", [2, 4], requests_per_hour=6, days=3, seed=1)
    assert sweep["service.email.agents"].tolist() == [2, 4]
    # Same seed, same arrivals: more e-mail agents never lengthen the mean e-mail wait.
    assert sweep["email_mean_wait_min"].iloc[1] <= sweep["email_mean_wait_min"].iloc[0]
    assert ((sweep["deflection_rate"] > 0) & (sweep["deflection_rate"] < 1)).all()
    with pytest.raises(DataError):
        desk_staffing.desk_sweep("default", "service.email.agents", [], requests_per_hour=6)
    with pytest.raises(ScenarioError):
        desk_staffing.desk_sweep("default", "service.no_such_field", [1], requests_per_hour=6)


# --------------------------------------------------------------- Erlang C
def test_chat_arrivals_hand_worked():
    base = sim.with_changes("default", {"service.faq_coverage": 0.3, "service.auto_reply_share": 0.1,
                                        "service.chat_share": 0.6, "service.email.agents": 1})
    # 12 per hour = 0.2 per minute; 0.2 · 0.7 · 0.9 · 0.6 = 0.0756.
    assert desk_staffing.chat_arrivals_per_min(base, 12) == pytest.approx(0.0756)
    # Without e-mail agents every remaining contact chats: 0.2 · 0.7 · 0.9 = 0.126.
    assert desk_staffing.chat_arrivals_per_min(sim.with_changes(base, {"service.email.agents": 0}), 12) == pytest.approx(0.126)


def test_mmc_scenario_switches_every_assumption_on():
    sv = desk_staffing.mmc_scenario("default").service
    assert (sv.faq_coverage, sv.auto_reply_share, sv.order_tracking_page, sv.chat_share) == (0.0, 0.0, False, 1.0)
    assert (sv.mean_patience_min, sv.chat.opens_hour, sv.chat.closes_hour, sv.chat.handle_time) == (0.0, 0.0, 24.0, "exponential")


def test_erlang_comparison_hand_worked_and_close_to_the_simulation():
    mmc = sim.with_changes(desk_staffing.mmc_scenario("default"), {"service.chat.mean_handle_min": 10.0,
                                                             "service.service_level_target_min": 2.0})
    out = desk_staffing.erlang_comparison(mmc, 9.6, agents=(2, 3), days=20, seed=3).set_index("agents")
    # λ = 9.6/60 = 0.16 per minute, 1/μ = 10 min, a = 1.6.
    # c = 2: ρ = 0.8, C = (1.28 · 5) / (1 + 1.6 + 6.4) = 0.71111, cμ − λ = 0.04,
    #        SL(2) = 1 − 0.71111 · e^(−0.08) = 0.34356, W_q = 0.71111 / 0.04 = 17.778.
    # c = 3: ρ = 0.5333, a³/3! = 0.68267, /(1 − ρ) = 1.46286, C = 1.46286 / (1 + 1.6 + 1.28 + 1.46286) = 0.27380,
    #        cμ − λ = 0.14, SL(2) = 1 − 0.27380 · e^(−0.28) = 0.79307, W_q = 0.27380 / 0.14 = 1.9557.
    assert out.loc[2, "arrivals_per_min"] == pytest.approx(0.16)
    assert (out.loc[2, "utilisation"], out.loc[3, "utilisation"]) == pytest.approx((0.8, 1.6 / 3))
    assert out.loc[2, "erlang_service_level"] == pytest.approx(0.34356, abs=1e-5)
    assert out.loc[2, "erlang_mean_wait_min"] == pytest.approx(17.778, abs=1e-3)
    assert out.loc[3, "erlang_service_level"] == pytest.approx(0.79307, abs=1e-5)
    assert out.loc[3, "erlang_mean_wait_min"] == pytest.approx(1.9557, abs=1e-4)
    # Where the assumptions hold, the simulated desk lands near the formula, and its interval is sensible.
    assert abs(out.loc[3, "simulated_service_level"] - out.loc[3, "erlang_service_level"]) < 0.05
    assert (out["ci_low"] <= out["simulated_service_level"]).all() and (out["simulated_service_level"] <= out["ci_high"]).all()
    assert (out["reneged_share"] == 0).all()


def test_erlang_comparison_overload_and_bad_arguments():
    mmc = sim.with_changes(desk_staffing.mmc_scenario("demo"), {"service.chat.mean_handle_min": 10.0})
    over = desk_staffing.erlang_comparison(mmc, 9.6, agents=(1,), days=3, seed=1).iloc[0]
    # ρ = 1.6 ≥ 1: Erlang C gives SL 0 and an endless wait.
    assert over["utilisation"] == pytest.approx(1.6)
    assert over["erlang_service_level"] == 0.0 and math.isinf(over["erlang_mean_wait_min"])
    with pytest.raises(DataError) as err:
        desk_staffing.erlang_comparison(mmc, 9.6, agents=(0,), days=3)
    assert "agents" in err.value.fields
    with pytest.raises(DataError) as err:
        desk_staffing.erlang_comparison(mmc, 0.05, agents=(2,), days=0.5, batches=20)
    assert "days" in err.value.fields


def test_erlang_assumptions_variants():
    out = desk_staffing.erlang_assumptions("demo", 6, agents=(2,), days=4, seed=1)
    assert out.columns[0] == "variant"
    assert out["variant"].tolist() == list(desk_staffing.QUEUE_VARIANTS)
    # Every variant but the last one sends all requests to chat: λ = 6/60 = 0.1 per minute.
    assert out["arrivals_per_min"].iloc[:-1].tolist() == pytest.approx([0.1] * 4)
    assert out.set_index("variant").loc["mmc", "reneged_share"] == 0.0


# ------------------------------------------------------------ service quality
def _quality_surveys() -> pd.DataFrame:
    """Two dimensions with expectation 4; gaps speed −2, −2, 0, 0 (mean −1) and design 0, 1, 0, 1 (mean 0.5);
    satisfaction 1, 2, 3, 4."""
    return pd.DataFrame({"speed_expectation": [4, 4, 4, 4], "speed_perception": [2, 2, 4, 4],
                         "design_expectation": [4, 4, 4, 4], "design_perception": [4, 5, 4, 5],
                         "satisfaction": [1, 2, 3, 4]})


def test_gap_priorities_hand_worked():
    out = service_quality.gap_priorities(_quality_surveys()).set_index("dimension")
    assert out.index.tolist() == ["speed", "design"]
    assert (out.loc["speed", "gap"], out.loc["design", "gap"]) == pytest.approx((-1.0, 0.5))
    # Centred gaps speed (−1, −1, 1, 1), design (−0.5, 0.5, −0.5, 0.5) are orthogonal and
    # satisfaction = 2.5 + speed + design exactly: b = 1 for both. sd(speed) = 1, sd(design) = 0.5,
    # sd(satisfaction) = √1.25 = 1.1180: β_speed = 1/1.1180 = 0.8944, β_design = 0.5/1.1180 = 0.4472.
    assert out.loc["speed", "standardized_coefficient"] == pytest.approx(0.894427, abs=1e-6)
    assert out.loc["design", "standardized_coefficient"] == pytest.approx(0.447214, abs=1e-6)
    # Median β = 0.6708: speed falls short and matters (concentrate); design exceeds, matters less (overkill).
    assert out["priority"].tolist() == ["concentrate", "overkill"]
    assert out["rank"].tolist() == [1.0, 2.0]


def test_gap_priorities_constant_gap_has_no_priority():
    # Each respondent twice (a regression on three gaps needs at least five answers): the same gaps and β.
    surveys = pd.concat([_quality_surveys()] * 2, ignore_index=True).assign(flat_expectation=5, flat_perception=6)
    out = service_quality.gap_priorities(surveys).set_index("dimension")
    assert out.loc["flat", "gap"] == 1.0
    assert math.isnan(out.loc["flat", "standardized_coefficient"]) and out.loc["flat", "priority"] is None
    assert out.loc["speed", "priority"] == "concentrate"


def test_servqual_gap_measures_hand_worked():
    result = types.SimpleNamespace(tables={"surveys": _quality_surveys()})
    assert service_quality.servqual_gap_measures(result) == pytest.approx({"speed": -1.0, "design": 0.5, "satisfaction": 2.5})


def test_e_service_measures_agree_with_the_headline(demo_result):
    values = service_desk.e_service_measures(demo_result)
    kpis = headline(demo_result)
    assert values["buyer_rate"] == kpis["buyer_rate"] and values["nps"] == kpis["nps"]
    assert values["satisfaction"] == pytest.approx(demo_result.surveys["satisfaction"].mean())


def test_interval_table_hand_worked():
    summary = pd.DataFrame([
        (1, "satisfaction", 3.414, 3.3, 3.52), (1, "gap", -0.25, -0.5, 0.0),
        (2, "satisfaction", 1234.5, 1200.0, 1269.0), (2, "gap", NAN, NAN, NAN),
        (1, "buyer_rate", 0.283, 0.27, 0.3), (2, "buyer_rate", 0.3, 0.2851, 0.3149),
    ], columns=["x", "measure", "mean", "ci_low", "ci_high"])
    out = service_desk.interval_table(summary, "x")
    assert out.index.tolist() == ["satisfaction", "gap", "buyer_rate"]
    assert out.loc["satisfaction", 1] == "3,41 [3,30; 3,52]"
    assert out.loc["gap", 1] == "−0,25 [−0,50; 0,00]"
    assert out.loc["satisfaction", 2] == "1.234,50 [1.200,00; 1.269,00]"
    assert out.loc["gap", 2] == "—"
    assert out.loc["buyer_rate", 1] == "28,3% [27,0%; 30,0%]"   # a share in percent, whatever digits says
    assert out.loc["buyer_rate", 2] == "30,0% [28,5%; 31,5%]"
    assert service_desk.interval_table(summary, ["x"], digits=0).loc["satisfaction", 1] == "3 [3; 4]"
    with pytest.raises(DataError):
        service_desk.interval_table(summary.drop(columns="ci_low"), "x")
    with pytest.raises(DataError):
        service_desk.interval_table(summary, "x", digits=-1)


def test_interval_table_two_parameters():
    summary = pd.DataFrame([(a, b, "m", float(a + b), a + b - 0.1, a + b + 0.1) for a in (0, 1) for b in (False, True)],
                           columns=["a", "b", "measure", "mean", "ci_low", "ci_high"])
    out = service_desk.interval_table(summary, ["a", "b"], digits=1)
    assert out.loc["m", (1, True)] == "2,0 [1,9; 2,1]"
    assert np.shape(out) == (1, 4)
