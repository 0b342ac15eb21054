"""Notebook 13's practice exercises, against tables small enough to work by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.practice import nb13

# gaps (perception − expectation) per answer:
#   tangibles 0, 0, 0; reliability −1, +1, −3 (mean −1); responsiveness −2, 0, −1 (mean −1);
#   assurance −2, −2, −2 (mean −2, the worst); empathy +1, +1, +1
SURVEYS = pd.DataFrame({
    "satisfaction": [1, 5, 3],
    "tangibles_expectation": [5, 5, 5], "tangibles_perception": [5, 5, 5],
    "reliability_expectation": [5, 4, 6], "reliability_perception": [4, 5, 3],
    "responsiveness_expectation": [6, 5, 5], "responsiveness_perception": [4, 5, 4],
    "assurance_expectation": [6, 6, 6], "assurance_perception": [4, 4, 4],
    "empathy_expectation": [4, 4, 4], "empathy_perception": [5, 5, 5],
})
TABLES = {"surveys": SURVEYS}


def test_reliability_gap():
    assert nb13.reliability_gap(TABLES) == pytest.approx(-1.0)


def test_worst_dimension():
    assert nb13.worst_dimension(TABLES) == "assurance"


def test_unhappy_share_below_expectation():
    # responsiveness gap < 0 for answers 1 (satisfaction 1) and 3 (satisfaction 3) -> 1/2
    assert nb13.unhappy_share_below_expectation(TABLES) == pytest.approx(0.5)
