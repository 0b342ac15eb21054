"""Notebook 06's practice references against tables worked by hand."""

import pandas as pd
import pytest

from sim.practice import nb06

CUSTOMERS = pd.DataFrame({
    "email_opt_in": [True, True, False, True, False],
    "permission_widened_at": pd.to_datetime([None, "2026-03-01", None, None, None]),
})


def test_opt_in_rate_is_subscribers_over_everyone_asked():
    # 3 of 5 opted in → 0.6
    assert nb06.opt_in_rate({"customers": CUSTOMERS}) == pytest.approx(0.6)


def test_unsubscribe_rate_uses_the_house_list_rows_only():
    marketing = pd.DataFrame({
        "channel": ["email", "email", "email", "social"],
        "purpose": ["retention", "retention", "acquisition", "acquisition"],
        "emails_sent": [300, 200, 10_000, 0],
        "unsubscribes": [2, 3, 40, 0],
    })
    # house rows: (2 + 3) / (300 + 200) = 0.01; the partner-list row (40 / 10,000) is left out
    assert nb06.house_unsubscribe_rate({"marketing": marketing}) == pytest.approx(0.01)


def test_widened_share_is_taken_among_subscribers():
    # subscribers: 3, one of them widened → 1 / 3
    assert nb06.widened_share({"customers": CUSTOMERS}) == pytest.approx(1 / 3)
