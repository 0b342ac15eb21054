"""Notebook 09's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb09

SURVEYS = pd.DataFrame({"customer_id": ["a", "a", "b", "c", "d", "e"], "nps_score": [10, 9, 7, 3, 6, 9]})
CUSTOMERS = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e"],
                          "persona": ["bargain_hunter", "bargain_hunter", "directed_buyer", "bargain_hunter",
                                      "directed_buyer"]})


def test_shop_nps_counts_every_answer():
    # promoters 10, 9, 9 = 3/6; detractors 3, 6 = 2/6 → 100 × 1/6 = 16.67
    assert nb09.shop_nps({"surveys": SURVEYS}) == pytest.approx(100 / 6)


def test_nps_of_one_persona_after_the_merge():
    # bargain hunters' answers: a 10, a 9, b 7, d 6 → promoters 2/4, detractors 1/4 → 25
    assert nb09.bargain_hunter_nps({"surveys": SURVEYS, "customers": CUSTOMERS}) == pytest.approx(25)
