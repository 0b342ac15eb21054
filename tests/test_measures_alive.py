"""Signs of life: the return rhythm on a hand-worked table, and the two probabilities against the model they come from.

The model: after a sign of life a customer comes back at rate ν or leaves at rate μ, whichever is first
(constant rates). A Monte Carlo of that model, drawn here with NumPy, is the reference for the formulas.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.measures.alive import left_within, return_rhythm, still_here_probability

T0 = pd.Timestamp("2026-01-01")


def _at(days: float) -> pd.Timestamp:
    return T0 + pd.Timedelta(days=days)


def test_return_rhythm_on_a_hand_worked_table():
    """Follow-up 10 days, data end on day 35.

    A: days 0, 4, 30 → day 0 comes back after 4 days; day 4 not within 10 (next on day 30); day 30 not followed (40 > 35).
    B: day 2 → followed, never comes back.   C: days 5, 8 → day 5 comes back after 3 days; day 8 followed, no return.
    Followed: 5 events; came back: 2 → q = 0.4; g = (4 + 3) / 2 = 3.5 days.
    """
    events = pd.DataFrame({"customer_id": ["A", "A", "A", "B", "C", "C"],
                           "at": [_at(d) for d in (0, 4, 30, 2, 5, 8)]}).sample(frac=1, random_state=1)
    rhythm = return_rhythm(events, as_of=_at(35), follow_up_days=10)
    assert rhythm["events_followed"] == 5
    assert rhythm["came_back_share"] == pytest.approx(0.4)
    assert rhythm["mean_gap_days"] == pytest.approx(3.5)


def test_still_here_probability_by_hand():
    """q = 0.5, g = 10: at d = 0 surely here; at d = 10·ln 2, x = ½ and P = ½ / (½ + ½·½) = 2/3; q = 1: always here."""
    p = still_here_probability([0.0, 10 * math.log(2), 1000.0], 0.5, 10.0)
    assert p == pytest.approx([1.0, 2 / 3, 0.0], abs=1e-9)
    assert still_here_probability([0.0, 50.0], 1.0, 10.0) == pytest.approx([1.0, 1.0])


def test_left_within_in_its_three_cases_by_hand():
    """q = 0.5, g = 10 (λ = 0.1, μ = 0.05 a day), follow-up w = 10 days, data end E = day 30.

    * seen again on day 15, after a = day 10: 0;
    * last seen at the moment (day 0), a = 10 ≤ E: 0.5(1 − e^−1) / (e^−3 + 0.5(1 − e^−3));
    * moment on day 25, a = 35 > E: 1 − [e^−0.5 / (e^−0.5 + 0.5(1 − e^−0.5))]·e^(−0.05·5).
    """
    quiet_3 = math.exp(-3) + 0.5 * (1 - math.exp(-3))
    quiet_half = math.exp(-0.5) + 0.5 * (1 - math.exp(-0.5))
    expected = [0.0, 0.5 * (1 - math.exp(-1)) / quiet_3, 1 - (math.exp(-0.5) / quiet_half) * math.exp(-0.05 * 5)]
    got = left_within([_at(0), _at(0), _at(25)], [_at(15), _at(0), _at(25)], as_of=_at(30), within_days=10,
                      came_back_share=0.5, mean_gap_days=10)
    assert got == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("nu", "mu"), [(1 / 30, 1 / 90), (1 / 60, 1 / 40)])
def test_the_formulas_match_the_competing_risks_model(nu, mu):
    """Monte Carlo: the customer leaves at L ~ Exp(μ); visits come as a Poisson process of rate ν until then, so the
    first visit is at B ~ Exp(ν) and a customer is silent for d days when B > min(L, d)."""
    rng = np.random.default_rng(20260101)
    n = 400_000
    leave, first_visit = rng.exponential(1 / mu, n), rng.exponential(1 / nu, n)
    q, g = nu / (nu + mu), 1 / (nu + mu)
    for d in (10.0, 45.0, 120.0):
        silent = first_visit > np.minimum(leave, d)
        here = silent & (leave > d)
        assert still_here_probability(d, q, g) == pytest.approx(here.sum() / silent.sum(), abs=0.01)
    for end in (90.0, 40.0):                               # follow-up w = 60 days: a ≤ E, then a > E
        silent = first_visit > np.minimum(leave, end)
        monte_carlo = (leave[silent] <= 60).mean()
        formula = left_within([T0], [T0], as_of=_at(end), within_days=60, came_back_share=q, mean_gap_days=g)[0]
        assert formula == pytest.approx(monte_carlo, abs=0.01)


def test_return_rhythm_recovers_the_rates_of_simulated_customers():
    """Customers with ν = 1/30, μ = 1/90: q = 0.75, g = 22.5 days; a 400-day follow-up sees nearly every return."""
    rng = np.random.default_rng(7)
    rows = []
    for customer in range(20_000):
        t = rng.uniform(0, 100)
        rows.append((customer, t))
        while True:
            back, left = rng.exponential(30), rng.exponential(90)
            if left < back:
                break
            t += back
            rows.append((customer, t))
    events = pd.DataFrame({"customer_id": [r[0] for r in rows], "at": [_at(r[1]) for r in rows]})
    rhythm = return_rhythm(events, as_of=_at(5000), follow_up_days=400)
    assert rhythm["came_back_share"] == pytest.approx(0.75, abs=0.01)
    assert rhythm["mean_gap_days"] == pytest.approx(22.5, rel=0.02)


@pytest.mark.parametrize("call", [
    lambda: return_rhythm(pd.DataFrame({"customer_id": [1]}), as_of=T0),
    lambda: return_rhythm(pd.DataFrame({"customer_id": [1], "at": [T0]}), as_of=T0, follow_up_days=0),
    lambda: still_here_probability([1.0], 1.5, 10.0),
    lambda: still_here_probability([1.0], 0.5, 0.0),
    lambda: still_here_probability([-1.0], 0.5, 10.0),
    lambda: left_within([T0], [T0], as_of=T0, within_days=-5, came_back_share=0.5, mean_gap_days=10),
])
def test_bad_arguments_are_refused_in_two_languages(call):
    with pytest.raises(DataError):
        call()
