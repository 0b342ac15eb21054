"""Erlang C formulas of the M/M/c queue, checked against hand-worked cases."""

from __future__ import annotations

import math

import pytest

from sim.base.errors import DataError
from sim.measures.queueing import agents_needed, erlang_c, erlang_c_service_level, expected_wait_min, staffing_table

# Hand-worked textbook case: λ = 2 requests/min, mean handling 1 min (μ = 1/min), c = 3 agents.
# a = λ/μ = 2, ρ = a/c = 2/3.
# Σ_{k=0}^{2} a^k/k! = 1 + 2 + 2 = 5;  a^3/3! · 1/(1 − ρ) = 8/6 · 3 = 4.
# C(3, 2) = 4 / (5 + 4) = 4/9 = 0.444444…
# W_q = C / (cμ − λ) = (4/9) / (3 − 2) = 0.444444… min.
# SL(T = 1 min) = 1 − C · e^{−(cμ − λ)·T} = 1 − (4/9) · e^{−1} = 1 − 0.4444444 · 0.3678794 = 1 − 0.1635020 = 0.8364980.
#
# With c = 4 (same λ, μ): ρ = 0.5; Σ_{k=0}^{3} a^k/k! = 1 + 2 + 2 + 4/3 = 19/3;
# a^4/4! · 1/(1 − ρ) = 16/24 · 2 = 4/3;  C = (4/3) / (19/3 + 4/3) = 4/23 = 0.173913;
# SL(1) = 1 − 0.173913 · e^{−2} = 1 − 0.173913 · 0.135335 = 1 − 0.023537 = 0.976463.


def test_erlang_c_on_the_hand_worked_case():
    assert erlang_c(2.0, 1.0, 3) == pytest.approx(0.444444, abs=1e-6)
    assert erlang_c(2.0, 1.0, 4) == pytest.approx(0.173913, abs=1e-6)


def test_expected_wait_on_the_hand_worked_case():
    assert expected_wait_min(2.0, 1.0, 3) == pytest.approx(0.444444, abs=1e-6)


def test_service_level_on_the_hand_worked_case():
    assert erlang_c_service_level(2.0, 1.0, 3, 1.0) == pytest.approx(0.836498, abs=1e-6)
    assert erlang_c_service_level(2.0, 1.0, 4, 1.0) == pytest.approx(0.976463, abs=1e-6)
    # T = 0: answered at once = 1 − P(wait) = 5/9.
    assert erlang_c_service_level(2.0, 1.0, 3, 0.0) == pytest.approx(0.555556, abs=1e-6)


def test_single_agent_is_the_mm1_queue():
    # M/M/1 with λ = 0.5, μ = 1: P(wait) = ρ = 0.5, W_q = ρ / (μ − λ) = 0.5 / 0.5 = 1 min.
    assert erlang_c(0.5, 1.0, 1) == pytest.approx(0.5)
    assert expected_wait_min(0.5, 1.0, 1) == pytest.approx(1.0)


def test_second_hand_worked_case_with_ten_minute_handling():
    # c = 2, λ = 0.16/min, mean handle 10 min: a = 1.6, ρ = 0.8,
    # C = (1.6²/2 · 1/0.2) / (1 + 1.6 + 6.4) = 6.4 / 9 = 0.711111, W_q = 0.711111 / (0.2 − 0.16) = 17.7778 min.
    assert erlang_c(0.16, 10.0, 2) == pytest.approx(0.711111, abs=1e-6)
    assert expected_wait_min(0.16, 10.0, 2) == pytest.approx(17.7778, abs=1e-4)


def test_unstable_queue_gives_the_limits():
    # ρ = a/c = 3/3 = 1: every request waits, the wait grows without end, nobody is answered within T.
    assert erlang_c(3.0, 1.0, 3) == 1.0
    assert expected_wait_min(3.0, 1.0, 3) == math.inf
    assert erlang_c_service_level(3.0, 1.0, 3, 5.0) == 0.0


def test_no_arrivals_means_no_wait():
    assert erlang_c(0.0, 5.0, 2) == 0.0
    assert expected_wait_min(0.0, 5.0, 2) == 0.0
    assert erlang_c_service_level(0.0, 5.0, 2, 0.0) == 1.0


def test_many_agents_do_not_overflow():
    value = erlang_c(400.0, 1.0, 420)  # 420! overflows a float; the recursion does not
    assert 0.0 < value < 1.0


def test_staffing_table_on_the_hand_worked_case():
    table = staffing_table(2.0, 1.0, 1.0, max_agents=4)
    assert table["agents"].tolist() == [1, 2, 3, 4]
    assert table["utilisation"].tolist() == pytest.approx([2.0, 1.0, 0.666667, 0.5], abs=1e-6)
    assert table["wait_probability"].tolist() == pytest.approx([1.0, 1.0, 0.444444, 0.173913], abs=1e-6)
    assert table["expected_wait_min"].iloc[:2].tolist() == [math.inf, math.inf]
    assert table["service_level"].tolist() == pytest.approx([0.0, 0.0, 0.836498, 0.976463], abs=1e-6)


def test_agents_needed_on_the_hand_worked_case():
    assert agents_needed(2.0, 1.0, 1.0, 0.8) == 3  # SL(3) = 0.836 ≥ 0.8, c ≤ 2 is unstable
    assert agents_needed(2.0, 1.0, 1.0, 0.9) == 4  # SL(3) = 0.836 < 0.9 ≤ SL(4) = 0.976
    assert agents_needed(0.0, 1.0, 1.0, 0.99) == 1


def test_agents_needed_refuses_an_unreachable_goal():
    with pytest.raises(DataError) as err:
        agents_needed(2.0, 1.0, 1.0, 0.9, max_agents=3)
    assert "max_agents" in err.value.fields


@pytest.mark.parametrize(("args", "field"), [
    ((2.0, 1.0, 0), "agents"),
    ((2.0, 1.0, 1.5), "agents"),
    ((2.0, 0.0, 3), "mean_handle_min"),
    ((-1.0, 1.0, 3), "arrivals_per_min"),
    (("2", 1.0, 3), "arrivals_per_min"),
])
def test_bad_arguments_raise_data_error(args, field):
    with pytest.raises(DataError) as err:
        erlang_c(*args)
    assert field in err.value.fields


def test_bad_target_and_goal_raise_data_error():
    with pytest.raises(DataError) as err:
        erlang_c_service_level(2.0, 1.0, 3, -1.0)
    assert "target_min" in err.value.fields
    with pytest.raises(DataError) as err:
        agents_needed(2.0, 1.0, 1.0, 1.0)
    assert "service_level_goal" in err.value.fields
    with pytest.raises(DataError) as err:
        staffing_table(2.0, 1.0, 1.0, max_agents=0)
    assert "max_agents" in err.value.fields
