"""Queueing theory for the service desk: the Erlang C formulas of an M/M/c queue.

Lecture 000 §4–6 (Dịch vụ khách hàng; Các công cụ hỗ trợ dịch vụ khách hàng):
chat and e-mail agents serve customers who wait in a queue. When requests
arrive at random (Poisson, rate λ per minute), handling times are exponential
(mean 1/μ minutes) and ``c`` agents serve one queue that nobody leaves, the
queue is the M/M/c queue, and Erlang's C formula gives the chance of waiting,
the mean wait and the service level. A staffing what-if ("how many chat agents
do we need to answer 80 % of chats within 2 minutes?") is then a short loop.

Notation used in every docstring:

* a = λ/μ = λ · mean handling time (offered load, in Erlangs),
* ρ = a/c (utilisation of each agent); the queue is stable only when ρ < 1,
* C(c, a) = [a^c/c! · 1/(1 − ρ)] / [Σ_{k=0}^{c−1} a^k/k! + a^c/c! · 1/(1 − ρ)].

When ρ ≥ 1 the queue grows without end: the functions then give the limits
P(wait) = 1, mean wait = ∞ and service level = 0 instead of failing.

The simulator's desk differs from M/M/c where the scenario says so (lognormal
handling times, opening hours, customers who give up): the formulas are then a
benchmark, not the answer.
"""

from __future__ import annotations

import math

import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError


def _check(arrivals_per_min: float, mean_handle_min: float, agents: int) -> tuple[float, float, int]:
    lam = check_range("arrivals_per_min", arrivals_per_min, 0.0)
    handle = check_range("mean_handle_min", mean_handle_min, 0.0, low_open=True)
    c = check_range("agents", agents, 1, integer=True)
    return float(lam), float(handle), int(c)


def erlang_c(arrivals_per_min: float, mean_handle_min: float, agents: int) -> float:
    """Probability that a request has to wait (Erlang C), P(wait) = C(c, a).

    Computed through the Erlang B recursion, which is the same number as the
    formula in the module docstring but does not overflow for many agents:
    B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), C = c·B(c) / (c − a·(1 − B(c))).

    Lecture 000 §6 (chat and e-mail agents); Erlang (1917), as in any queueing text.

    Args:
        arrivals_per_min: λ, requests per minute (≥ 0).
        mean_handle_min: 1/μ, mean handling time in minutes (> 0).
        agents: c, agents serving the queue (integer ≥ 1).

    Returns:
        P(wait) in [0, 1]; 1.0 when ρ = a/c ≥ 1 (every request waits); 0.0 when λ = 0.

    Raises:
        DataError: an argument that is not a number in its range.
    """
    lam, handle, c = _check(arrivals_per_min, mean_handle_min, agents)
    a = lam * handle
    if a >= c:
        return 1.0
    b = 1.0
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return c * b / (c - a * (1.0 - b))


def expected_wait_min(arrivals_per_min: float, mean_handle_min: float, agents: int) -> float:
    """Mean wait in the queue, W_q = C(c, a) / (c·μ − λ), in minutes.

    Averaged over all requests, those that are answered at once included.
    Lecture 000 §6; Erlang C.

    Args:
        arrivals_per_min: λ, requests per minute (≥ 0).
        mean_handle_min: 1/μ, mean handling time in minutes (> 0).
        agents: c (integer ≥ 1).

    Returns:
        W_q in minutes; ``math.inf`` when ρ ≥ 1.

    Raises:
        DataError: an argument out of range.
    """
    lam, handle, c = _check(arrivals_per_min, mean_handle_min, agents)
    if lam * handle >= c:
        return math.inf
    return erlang_c(lam, handle, c) / (c / handle - lam)


def erlang_c_service_level(arrivals_per_min: float, mean_handle_min: float, agents: int, target_min: float) -> float:
    """Share of requests answered within ``target_min``: SL = 1 − C(c, a)·e^{−(c·μ − λ)·T}.

    Lecture 000 §6 (answer customers fast); the call-centre service level of
    an M/M/c queue with no abandonment.

    Args:
        arrivals_per_min: λ, requests per minute (≥ 0).
        mean_handle_min: 1/μ, mean handling time in minutes (> 0).
        agents: c (integer ≥ 1).
        target_min: T, the answer-time target in minutes (≥ 0).

    Returns:
        The service level in [0, 1]; 0.0 when ρ ≥ 1.

    Raises:
        DataError: an argument out of range.
    """
    lam, handle, c = _check(arrivals_per_min, mean_handle_min, agents)
    target = float(check_range("target_min", target_min, 0.0))
    if lam * handle >= c:
        return 0.0
    return 1.0 - erlang_c(lam, handle, c) * math.exp(-(c / handle - lam) * target)


def staffing_table(arrivals_per_min: float, mean_handle_min: float, target_min: float, max_agents: int = 10) -> pd.DataFrame:
    """Erlang C figures for 1 … ``max_agents`` agents: the staffing what-if.

    For each c: ρ = a/c, P(wait) = C(c, a), W_q and SL(T) as in
    :func:`erlang_c`, :func:`expected_wait_min` and :func:`erlang_c_service_level`.
    Lecture 000 §6 (service desk staffing).

    Args:
        arrivals_per_min: λ, requests per minute (≥ 0).
        mean_handle_min: 1/μ in minutes (> 0).
        target_min: T in minutes (≥ 0).
        max_agents: the largest number of agents in the table (integer ≥ 1).

    Returns:
        One row per number of agents: ``agents``, ``utilisation`` (ρ, may exceed 1),
        ``wait_probability``, ``expected_wait_min`` and ``service_level``.

    Raises:
        DataError: an argument out of range.
    """
    _check(arrivals_per_min, mean_handle_min, 1)
    check_range("max_agents", max_agents, 1, integer=True)
    rows = []
    for c in range(1, max_agents + 1):
        rows.append({
            "agents": c,
            "utilisation": arrivals_per_min * mean_handle_min / c,
            "wait_probability": erlang_c(arrivals_per_min, mean_handle_min, c),
            "expected_wait_min": expected_wait_min(arrivals_per_min, mean_handle_min, c),
            "service_level": erlang_c_service_level(arrivals_per_min, mean_handle_min, c, target_min),
        })
    return pd.DataFrame(rows)


def agents_needed(arrivals_per_min: float, mean_handle_min: float, target_min: float,
                  service_level_goal: float, max_agents: int = 1000) -> int:
    """Fewest agents whose Erlang C service level SL(T) reaches ``service_level_goal``.

    The smallest c with 1 − C(c, a)·e^{−(c·μ − λ)·T} ≥ goal (SL grows with c).
    Lecture 000 §6 (staffing the chat room and e-mail desk).

    Args:
        arrivals_per_min: λ, requests per minute (≥ 0).
        mean_handle_min: 1/μ in minutes (> 0).
        target_min: T in minutes (≥ 0).
        service_level_goal: the share to answer within T, in [0, 1).
        max_agents: search limit (integer ≥ 1).

    Returns:
        The number of agents; 1 when λ = 0.

    Raises:
        DataError: an argument out of range, or no c ≤ ``max_agents`` reaches the goal.
    """
    _check(arrivals_per_min, mean_handle_min, 1)
    check_range("target_min", target_min, 0.0)
    check_range("service_level_goal", service_level_goal, 0.0, 1.0, high_open=True)
    check_range("max_agents", max_agents, 1, integer=True)
    start = max(1, math.floor(arrivals_per_min * mean_handle_min) + 1)  # fewer agents are unstable (SL = 0)
    if service_level_goal == 0.0:
        return 1
    for c in range(start, max_agents + 1):
        if erlang_c_service_level(arrivals_per_min, mean_handle_min, c, target_min) >= service_level_goal:
            return c
    raise DataError([("max_agents", max_agents,
                      f"không số nhân viên nào ≤ {max_agents} đạt mức phục vụ {service_level_goal}; hãy tăng max_agents",
                      f"no number of agents ≤ {max_agents} reaches the service level {service_level_goal}; raise max_agents")])
