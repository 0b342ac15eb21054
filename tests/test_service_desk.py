"""The service desk against queueing theory, and its levers."""

from __future__ import annotations

import math

import numpy as np
import pytest
import simpy

import sim
from sim.base.rng import make_streams
from sim.engine.service_desk import AgentResource, ServiceDesk, contact, simulate_desk
from sim.measures.queueing import expected_wait_min

ALWAYS_OPEN = {"opens_hour": 0, "closes_hour": 24}


def mm_c_service(agents: int, mean_handle_min: float, **extra) -> sim.Scenario:
    """One chat queue, exponential times, no self-service, no reneging, open all day."""
    service = {"faq_coverage": 0.0, "auto_reply_share": 0.0, "chat_share": 1.0, "mean_patience_min": 0,
               "order_tracking_page": False,
               "chat": {"agents": agents, "handle_time": "exponential", "mean_handle_min": mean_handle_min,
                        **ALWAYS_OPEN},
               **extra}
    return sim.load_scenario({"base": "demo", "service": service}).service


@pytest.mark.parametrize(("agents", "rho", "days"), [(1, 0.5, 120), (2, 0.8, 250), (4, 0.9, 250)])
def test_mean_chat_wait_agrees_with_erlang_c(agents, rho, days):
    handle = 10.0
    per_min = rho * agents / handle
    expected = expected_wait_min(per_min, handle, agents)
    run = simulate_desk(mm_c_service(agents, handle), per_min * 60.0, days, seed=agents)
    waits = np.array([o.wait_min for o in run["outcomes"]])
    waits = waits[len(waits) // 20:]  # drop the warm-up
    batches = np.array_split(waits, 30)  # batch means: waits next to each other are correlated
    means = np.array([b.mean() for b in batches])
    standard_error = means.std(ddof=1) / math.sqrt(len(means))
    assert abs(waits.mean() - expected) < 4 * standard_error, (waits.mean(), expected, standard_error)


def test_erlang_c_formula_on_a_hand_worked_case():
    # c = 2, λ = 0.16/min, mean handle 10 min: a = 1.6, ρ = 0.8,
    # C = (1.28 · 5) / (1 + 1.6 + 6.4) = 0.7111, W_q = 0.7111 / (0.2 − 0.16) = 17.78 min.
    assert expected_wait_min(0.16, 10.0, 2) == pytest.approx(6.4 / 9.0 / 0.04)


def test_adding_an_agent_never_lengthens_the_mean_wait():
    base = sim.load_scenario("default").service
    previous = math.inf
    for agents in range(1, 6):
        service = base.model_copy(update={"chat": base.chat.model_copy(update={"agents": agents})})
        run = simulate_desk(service, 8.0, 30, seed=3)
        chat = [o.wait_min for o in run["outcomes"] if o.tool == "chat"]
        mean = float(np.mean(chat))
        assert mean <= previous + 1e-9, (agents, mean, previous)
        previous = mean


def test_faq_coverage_lowers_the_agents_load():
    loads = []
    for coverage in (0.0, 0.3, 0.6):
        run = simulate_desk(mm_c_service(3, 8.0, faq_coverage=coverage), 6.0, 30, seed=4)
        loads.append(run["utilization"]["chat"])
    assert loads[0] > loads[1] > loads[2]
    # Coverage k takes out a share k of the work: the load falls by about (1 − k).
    assert loads[2] / loads[0] == pytest.approx(0.4, abs=0.08)


def test_reneging_customers_leave_after_their_patience():
    service = mm_c_service(1, 10.0, mean_patience_min=2.0)
    run = simulate_desk(service, 9.0, 20, seed=5)  # load 1.5: the queue only stays short by reneging
    reneged = [o for o in run["outcomes"] if o.reneged]
    assert reneged and all(not o.resolved and o.handle_min == 0 for o in reneged)
    assert np.mean([o.wait_min for o in reneged]) == pytest.approx(2.0, rel=0.15)


def test_closed_chat_sends_customers_to_email():
    base = sim.load_scenario("default").service
    run = simulate_desk(base, 3.0, 10, seed=6)
    tools = {o.tool for o in run["outcomes"]}
    assert {"faq", "auto", "chat", "email"} <= tools


def _service_order(resource_class, arrivals, handle_min, patience_min):
    """Who gets an agent, in which order: the same customers on a resource of the given class."""
    env = simpy.Environment()
    agents = resource_class(env, capacity=2)
    served = []

    def customer(env, name, at, priority, patience):
        yield env.timeout(at)
        with agents.request(priority=priority) as request:
            got = yield request | env.timeout(patience)
            if request in got:
                served.append((name, env.now))
                yield env.timeout(handle_min)

    for name, (at, priority, patience) in enumerate(zip(arrivals[0], arrivals[1], patience_min, strict=True)):
        env.process(customer(env, name, at, priority, patience))
    env.run()
    return served


def test_the_agent_queue_serves_in_simpys_priority_order():
    """The desk's queue inserts by bisection instead of re-sorting: the order must be SimPy's own,
    ties (same priority, same time) included, with customers leaving the queue."""
    rng = np.random.default_rng(11)
    for _ in range(60):
        n = int(rng.integers(5, 40))
        at = np.round(rng.uniform(0, 20, n))  # whole minutes: many customers arrive together
        priority = rng.integers(-1, 2, n).tolist()
        patience = rng.uniform(1, 30, n).tolist()
        handle = float(rng.uniform(1, 6))
        ours = _service_order(AgentResource, (at.tolist(), priority), handle, patience)
        simpys = _service_order(simpy.PriorityResource, (at.tolist(), priority), handle, patience)
        assert ours == simpys


@pytest.mark.parametrize(("agents", "per_hour", "rho"), [(2, 6.0, 0.5), (3, 14.4, 0.8)])
def test_utilisation_is_the_offered_load_below_capacity(agents, per_hour, rho):
    """ρ = λ · E[S] / c: 6/h × 10 min / 2 agents = 60/120 = 0.5; 14.4/h × 10 min / 3 = 144/180 = 0.8."""
    run = simulate_desk(mm_c_service(agents, 10.0), per_hour, 60, seed=8)
    assert run["utilization"]["chat"] == pytest.approx(rho, abs=0.04)


def test_an_overloaded_desk_is_busy_all_the_time_but_not_more():
    """Offered load 1.5 (9/h × 10 min on one agent): the agent never idles, so ρ is 1, not 1.5,
    and the requests still queued when the run ends are not in the outcomes."""
    run = simulate_desk(mm_c_service(1, 10.0), 9.0, 10, seed=9)
    assert run["utilization"]["chat"] == pytest.approx(1.0, abs=0.01)
    assert run["utilization"]["chat"] <= 1.0
    assert len(run["outcomes"]) < run["requests"]


def _email_only_service(opens_hour: float, closes_hour: float) -> sim.Scenario:
    """One e-mail agent, 10 minutes a request exactly (lognormal, cv 0), no chat, no self-service."""
    service = {"faq_coverage": 0.0, "auto_reply_share": 0.0, "order_tracking_page": False, "chat_share": 0.0,
               "resolution_prob": 1.0, "chat": {"agents": 0},
               "email": {"agents": 1, "opens_hour": opens_hour, "closes_hour": closes_hour, "mean_handle_min": 10.0,
                         "handle_time": "lognormal", "handle_cv": 0.0}}
    return sim.load_scenario({"base": "default", "service": service}).service


def _trace(service, arrivals_hour: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Each request's (wait, clock time answered), in minutes from 00:00 on day 1."""

    env = simpy.Environment()
    desk = ServiceDesk(env, service, make_streams(1)[1]["service"])
    slots = {name: [] for name in arrivals_hour}

    def raise_at(name, hour):
        yield env.timeout(hour / 24.0)
        yield from contact(env, desk, "pre_purchase_question", slots[name])

    for name, hour in arrivals_hour.items():
        env.process(raise_at(name, hour))
    env.run(until=3.0)
    return {name: (round(slot[0].wait_min, 6), round(slot[0].done_at * 1440.0, 6)) for name, slot in slots.items()}


def test_the_email_desk_is_off_duty_before_opening_on_the_first_day():
    """E-mail desk open 08:00–17:00, one agent, 10 minutes a request; the clock starts at 00:00 on day 1.

    Worked by hand (times in minutes from 00:00 on day 1; day 2 starts at 1440):
    * A at 02:00 (120) waits for the opening at 08:00 (480): wait 360, answered 490;
    * B at 07:00 (420) waits behind A until 490: wait 70, answered 500;
    * C at 12:00 (720) finds the agent free: wait 0, answered 730;
    * D at 16:55 (1015) is served at once and finished after closing: wait 0, answered 1025;
    * E at 16:58 (1018) finds the agent busy; at 17:00 the agent goes off duty after D, so E waits for
      08:00 on day 2 (1920): wait 902, answered 1930;
    * F at 02:00 on day 2 (1560) waits behind E: served at 1930, wait 370, answered 1940.
    """
    trace = _trace(_email_only_service(8, 17), {"A": 2, "B": 7, "C": 12, "D": 16 + 55 / 60, "E": 16 + 58 / 60,
                                                 "F": 24 + 2})
    assert trace == {"A": (360.0, 490.0), "B": (70.0, 500.0), "C": (0.0, 730.0), "D": (0.0, 1025.0),
                     "E": (902.0, 1930.0), "F": (370.0, 1940.0)}


def test_a_desk_that_opens_at_midnight_is_on_duty_from_the_start():
    """Open 00:00–06:00: a request at 00:30 on day 1 is answered at once (wait 0, answered 00:40 = 40 min);
    one at 05:55 is served until 06:05 (365); one at 07:00 (420) waits for 00:00 on day 2: wait 1020, answered 1450."""
    trace = _trace(_email_only_service(0, 6), {"A": 0.5, "B": 5 + 55 / 60, "C": 7})
    assert trace == {"A": (0.0, 40.0), "B": (0.0, 365.0), "C": (1020.0, 1450.0)}
