"""The site's availability and page speed act on the customers, not only on their survey answers."""

from __future__ import annotations

import math

import pytest

import sim
from sim.engine.model import site_leave_prob, with_site_leave


def test_site_leave_probability_by_hand():
    # Up 98.5% of the time, 3 s pages, 1.5% more give up per second above 1 s:
    # slow = 0.015 · 2 = 0.03;  s = 1 − 0.985 · (1 − 0.03) = 1 − 0.95545 = 0.04455
    assert site_leave_prob(0.985, 3.0, 0.015) == pytest.approx(0.04455)
    assert site_leave_prob(1.0, 1.0, 0.015) == 0.0           # always up, fast: nobody leaves for the site
    assert site_leave_prob(1.0, 0.5, 0.015) == 0.0           # faster than 1 s is no better than 1 s
    assert site_leave_prob(0.9, 1.0, 0.015) == pytest.approx(0.1)
    assert site_leave_prob(1.0, 60.0, 0.015) == pytest.approx(0.885)  # 59 s × 1.5%
    assert site_leave_prob(1.0, 60.0, 0.02) == 1.0            # 59 s × 2% = 118% is capped at certain loss
    # Then the persona's own risk on what is left: 0.04455 + 0.095545 = 0.140095
    assert with_site_leave(0.1, 0.04455) == pytest.approx(0.140095)


def _search_sessions(result):
    """Search sessions on the site (a call to the hotline or a store visit meets no site) and the site's drop-outs."""
    j = result.journey
    sessions = j[(j["stage"] == 2) & j["event"].isin(["search_external", "search_internal"]) & (j["touchpoint"] == "online")]
    site_drops = j[(j["event"] == "dropout") & (j["reason"] == "site_slow_or_down")]
    return len(sessions), len(site_drops)


def test_site_drop_outs_per_session_match_the_formula():
    """Each search session meets the site's risk once: site drop-outs / sessions ≈ s (99% interval)."""
    scenario = sim.with_changes("default", {"service_quality.site_availability": 0.97,
                                            "service_quality.page_load_seconds": 4.0,
                                            "service_quality.slow_page_leave_prob_per_second": 0.02})
    expected = 1 - 0.97 * (1 - 0.02 * 3.0)  # = 0.0882
    sessions, drops = _search_sessions(sim.simulate(scenario, seed=21))
    half_width = 2.576 * math.sqrt(expected * (1 - expected) / sessions)
    assert sessions > 5000
    assert abs(drops / sessions - expected) < half_width, (drops / sessions, expected, half_width)


def test_a_perfect_site_loses_nobody():
    scenario = sim.with_changes("demo", {"service_quality.site_availability": 1.0,
                                         "service_quality.page_load_seconds": 1.0})
    assert _search_sessions(sim.simulate(scenario, seed=4))[1] == 0


def test_a_slow_site_sells_less():
    """Same seeds, pages at 1 s against 6 s: fewer prospects become buyers on the slow site."""
    def buyers(seconds, seed):
        scenario = sim.with_changes("default", {"service_quality.page_load_seconds": seconds})
        return sim.simulate(scenario, seed=seed).truth["first_order_at"].notna().sum()

    for seed in (1, 2):
        assert buyers(6.0, seed) < buyers(1.0, seed)
