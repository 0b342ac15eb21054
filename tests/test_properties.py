"""Properties that hold for every valid scenario (Hypothesis draws the scenarios)."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim.base.codes import FINAL_STATES, PERSONAS, REASONS

probability = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def scenarios(draw) -> dict:
    """Random valid overrides of the demo preset."""
    weights = draw(st.lists(st.integers(min_value=0, max_value=10), min_size=5, max_size=5).filter(any))
    total = sum(weights)
    shares = [w / total for w in weights]
    shares[-1] = 1.0 - sum(shares[:-1])
    personas = {name: {"share": max(0.0, share),
                       "purchase_intent": draw(probability),
                       "search_dropout_prob": draw(probability),
                       "search_sessions_mean": draw(st.floats(min_value=1.0, max_value=4.0)),
                       "return_prob": draw(probability)}
                for name, share in zip(PERSONAS, shares, strict=True)}
    return {
        "base": "demo",
        "observation_days": draw(st.floats(min_value=20.0, max_value=120.0)),
        "truth_horizon_days": draw(st.floats(min_value=0.0, max_value=60.0)),
        "max_returns": draw(st.integers(min_value=0, max_value=3)),
        "personas": personas,
        "trust": {lever: draw(st.booleans()) for lever in
                  ("security_badge", "reviews", "return_policy", "quality_verification")},
        "purchase": {"payment_failure_prob": draw(probability), "delivery_failure_prob": draw(probability)},
        "churn": {"monthly_hazard": draw(probability)},
        "survey": {"response_rate": draw(probability)},
        "channels": {"social": {"referral_prob": draw(probability)}},
        "permission_marketing": {"unsubscribe_prob_per_email": draw(probability)},
        "retention": {"personalization": {"enabled": draw(st.booleans())},
                      "loyalty_programme": {"enabled": draw(st.booleans())},
                      "community": {"enabled": draw(st.booleans())}},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides=scenarios(), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_invariants(overrides, seed):
    result = sim.simulate(sim.load_scenario(overrides), seed=seed)
    customers, journey, orders, truth = result.customers, result.journey, result.orders, result.truth
    first_seen = customers.set_index("customer_id")["first_seen_at"]

    # No event comes before the customer's first touch.
    for table in (journey, orders, result.surveys, result.tickets):
        if len(table):
            assert (table["at"].to_numpy() >= first_seen.loc[table["customer_id"]].to_numpy()).all()

    # No order comes after the true churn.
    churn = truth.set_index("customer_id")["churned_at"]
    if len(orders):
        churned_at = churn.loc[orders["customer_id"]].to_numpy()
        late = pd.notna(churned_at) & (orders["at"].to_numpy() > churned_at)
        assert not late.any()

    # Stages come in order within a journey: start at 1, never go back, never skip.
    for _, steps in journey.groupby(["customer_id", "journey_no"], sort=False):
        stages = steps["stage"].to_numpy()
        assert stages[0] == 1
        assert ((stages[1:] - stages[:-1]) >= 0).all() and ((stages[1:] - stages[:-1]) <= 1).all()
        assert (steps["at"].diff().dropna() >= pd.Timedelta(0)).all()
        dropped = steps["event"] == "dropout"
        assert dropped.sum() <= 1
        if dropped.any():
            assert dropped.iloc[-1], "a drop-out ends its journey"

    # Every drop-out has a reason, and only drop-outs do.
    dropouts = journey["event"] == "dropout"
    assert journey.loc[dropouts, "reason"].isin(REASONS).all()
    assert journey.loc[~dropouts, "reason"].isna().all()

    # Every customer ends in exactly one final state, consistent with the rest of the truth.
    assert truth["customer_id"].is_unique and len(truth) == len(customers)
    assert truth["final_state"].isin(FINAL_STATES).all()
    lost = truth["final_state"] == "lost_prospect"
    assert truth.loc[lost, "first_order_at"].isna().all()
    assert truth.loc[~lost, "first_order_at"].notna().all()
    assert ((truth["final_state"] == "churned") == truth["churned_at"].notna()).all()

    # Observed tables stop at the window.
    end = pd.Timestamp(result.scenario.start_date) + pd.Timedelta(days=result.scenario.observation_days)
    for table in (journey, orders, result.surveys, result.tickets):
        assert (table["at"] < end).all()


def test_an_event_in_the_windows_last_half_second_stays_inside_it():
    """Found by the invariants above: a 20-day window, an event 0.3 s before its end. Times are cut down to
    the second, so the event is stamped 23:59:59 of day 20, not 00:00:00 of day 21 (the window's end)."""
    scenario = sim.load_scenario({"base": "demo", "observation_days": 20.0, "truth_horizon_days": 0.0})
    result = sim.simulate(scenario, seed=112092273)
    end = pd.Timestamp(scenario.start_date) + pd.Timedelta(days=20)
    for table in (result.journey, result.orders, result.surveys, result.tickets):
        assert (table["at"] < end).all()
