"""The customer-service desk: self-service tools, chat and e-mail agents.

Lecture 000 §4–6 (Dịch vụ khách hàng; Các công cụ hỗ trợ dịch vụ khách hàng)
lists the tools: FAQ pages and a search box, automatic e-mail replies, account
and order-tracking pages, chat rooms and e-mail. A request first meets the
self-service tools; what they do not answer goes to a person:

* order-tracking pages answer a share of "where is my order?" requests,
* FAQ pages and search answer a share (the coverage) of the rest,
* automatic e-mail replies answer a share at once,
* the rest choose chat (while the chat desk is open) or e-mail. Chat and e-mail
  agents are SimPy resources with working hours and a handling-time distribution;
  a chat customer leaves the queue when their patience runs out (reneging,
  as in SimPy's ``bank_renege`` example).

Times on the desk are in minutes; the model's clock is in days.
"""

from __future__ import annotations

import math
from bisect import insort_right
from collections.abc import Generator
from dataclasses import dataclass, field

import simpy

from sim.base.codes import AGENT_TOOLS
from sim.base.rng import UniformStream, make_streams
from sim.base.units import MIN_PER_DAY
from sim.scenario.schema import AgentPool, Service


def request_points(tool: str, wait_min: float, resolved: bool, sv: Service) -> float:
    """Satisfaction points one answered request adds at the customer's next post-purchase evaluation.

    For an agent's answer (chat, e-mail) after a wait of w minutes::

        points = bonus · [resolved and w ≤ T] − min(max_penalty, per_hour · w / 60) − unresolved · [not resolved]

    with T = ``service_level_target_min``, bonus = ``fast_bonus_points``, per_hour =
    ``wait_penalty_points_per_hour``, max_penalty = ``max_wait_penalty_points`` and
    unresolved = ``unresolved_penalty_points``. A resolved self-service answer is
    immediate and earns the bonus; an unresolved one loses ``unresolved``.
    Lecture 000 §4 (giải quyết vướng mắc của khách hàng nhanh hơn).
    """
    points = 0.0
    if tool in AGENT_TOOLS:
        if resolved and wait_min <= sv.service_level_target_min:
            points += sv.fast_bonus_points
        points -= min(sv.max_wait_penalty_points, sv.wait_penalty_points_per_hour * wait_min / 60.0)
    elif resolved:
        points += sv.fast_bonus_points
    if not resolved:
        points -= sv.unresolved_penalty_points
    return points
CLOSED_PRIORITY = -1
"""Priority of the requests that hold agents off duty outside working hours."""


class RequestQueue(list):
    """The queue of an agent pool: requests in order of (priority, time), first come first served.

    The same order as SimPy's ``SortedQueue``, which appends a request and re-sorts
    the whole queue with a Python key function each time: quadratic time once a
    queue grows long (an e-mail desk staffed for ten thousand customers and asked by
    a million). Inserting the request after every request with a key ≤ its own
    gives the order of that stable sort in O(log n) comparisons.
    """

    def __init__(self, maxlen: int | None = None):
        super().__init__()
        self.maxlen = maxlen

    def append(self, item: simpy.resources.resource.PriorityRequest) -> None:
        if self.maxlen is not None and len(self) >= self.maxlen:
            raise RuntimeError("Cannot append event. Queue is full.")
        insort_right(self, item, key=_request_key)


def _request_key(request: simpy.resources.resource.PriorityRequest) -> tuple:
    return request.key


class AgentResource(simpy.PriorityResource):
    """A pool of agents: a SimPy priority resource whose queue is a :class:`RequestQueue`."""

    PutQueue = RequestQueue


@dataclass
class Outcome:
    """What happened to one request (minutes)."""

    tool: str
    done_at: float
    """Clock time (days) when the request was answered, resolved or abandoned."""
    wait_min: float = 0.0
    handle_min: float = 0.0
    reneged: bool = False
    resolved: bool = True


@dataclass
class ServiceDesk:
    """The desk of one run: its parameters, its two agent pools and its streams.

    Args:
        env: the SimPy environment (clock in days).
        service: the scenario's service block.
        stream: the service source's scalar random stream.
    """

    env: simpy.Environment
    service: Service
    stream: UniformStream
    chat: AgentResource = field(init=False)
    email: AgentResource = field(init=False)
    busy_min: dict[str, float] = field(init=False)
    window_end_day: float = math.inf
    """Handling after this clock day is not counted in ``busy_min`` (a desk run's arrival window)."""

    def __post_init__(self) -> None:
        s = self.service
        self.chat = AgentResource(self.env, capacity=max(1, s.chat.agents))
        self.email = AgentResource(self.env, capacity=max(1, s.email.agents))
        self.busy_min = {"chat": 0.0, "email": 0.0}
        for pool, resource in ((s.chat, self.chat), (s.email, self.email)):
            if pool.agents > 0 and not _always_open(pool):
                self.env.process(agent_shift(self.env, resource, pool))

    def is_open(self, pool: AgentPool, day: float) -> bool:
        """Whether ``pool`` works at clock time ``day``."""
        if pool.agents <= 0:
            return False
        if _always_open(pool):
            return True
        hour = (day % 1.0) * 24.0
        return pool.opens_hour <= hour < pool.closes_hour

    def handle_min(self, pool: AgentPool) -> float:
        """One handling time: exponential, or lognormal with the pool's coefficient of variation."""
        if pool.handle_time == "exponential":
            return self.stream.exponential(pool.mean_handle_min)
        if pool.handle_cv == 0.0:
            return pool.mean_handle_min
        sigma2 = math.log(1.0 + pool.handle_cv**2)
        mu = math.log(pool.mean_handle_min) - sigma2 / 2.0
        return math.exp(self.stream.normal(mu, math.sqrt(sigma2)))


def scaled_staff(service: Service, prospects_scale: float) -> Service:
    """The desk of a shop with ``prospects_scale`` times the customers: each agent pool scaled alike.

    agents' = max(1, round(agents × prospects_scale)) for a staffed pool (an unstaffed pool stays
    at 0), so the load per agent, ρ = λ·E[S]/c, stays about the same when the demand is scaled
    (``sim.simulate(..., customers=N)``): a shop ten times larger hires ten times the agents.
    """
    if prospects_scale == 1.0:
        return service
    pools = {}
    for name in AGENT_TOOLS:
        pool = getattr(service, name)
        agents = max(1, round(pool.agents * prospects_scale)) if pool.agents > 0 else 0
        pools[name] = pool.model_copy(update={"agents": agents})
    return service.model_copy(update=pools)


def _always_open(pool: AgentPool) -> bool:
    return pool.opens_hour <= 0.0 and pool.closes_hour >= 24.0


def agent_shift(env: simpy.Environment, resource: simpy.PriorityResource, pool: AgentPool) -> Generator:
    """Agents go off duty at closing time and come back at opening time.

    At closing, one high-priority request per agent takes the desk: agents finish
    the customer they are serving, then stay away until the next opening. A run that
    starts outside working hours (the model's clock starts at 00:00 on day 1) starts
    with the agents off duty: a request raised at 02:00 on day 1 waits for the
    opening like one raised at 02:00 on any other day.
    """
    hour = (env.now % 1.0) * 24.0
    on_duty = pool.opens_hour <= hour < pool.closes_hour
    while True:
        if on_duty:
            closes = math.floor(env.now) + pool.closes_hour / 24.0
            if env.now >= closes:
                closes += 1.0
            yield env.timeout(closes - env.now)
        holds = [resource.request(priority=CLOSED_PRIORITY) for _ in range(resource.capacity)]
        opens = math.floor(env.now) + pool.opens_hour / 24.0
        if opens <= env.now:
            opens += 1.0
        yield env.timeout(opens - env.now)
        for hold in holds:
            if hold.triggered:
                resource.release(hold)
            else:
                hold.cancel()
        on_duty = True


def contact(env: simpy.Environment, desk: ServiceDesk, kind: str, outcome: list[Outcome]) -> Generator:
    """A customer's service request, from the self-service tools to an agent.

    Args:
        kind: the request kind (``where_is_my_order`` can be answered by tracking pages).
        outcome: a one-slot list the result is written into, so the caller can read it.
    """
    s, u = desk.service, desk.stream
    if kind == "where_is_my_order" and s.order_tracking_page and u.u() < s.tracking_deflection_prob:
        outcome.append(Outcome("tracking_page", env.now))
        return
    if u.u() < s.faq_coverage:
        outcome.append(Outcome("faq", env.now))
        return
    if u.u() < s.auto_reply_share:
        outcome.append(Outcome("auto", env.now))
        return
    use_chat = desk.is_open(s.chat, env.now) and u.u() < s.chat_share
    if not use_chat and s.email.agents <= 0:
        use_chat = s.chat.agents > 0
    pool, resource, tool = (s.chat, desk.chat, "chat") if use_chat else (s.email, desk.email, "email")
    if pool.agents <= 0:
        outcome.append(Outcome(tool, env.now, resolved=False))
        return
    handle = desk.handle_min(pool)
    patience = u.exponential(s.mean_patience_min) if (use_chat and s.mean_patience_min > 0) else math.inf
    resolved = u.u() < s.resolution_prob
    arrived = env.now
    with resource.request(priority=0) as request:
        if patience == math.inf:
            yield request
        else:
            yield request | env.timeout(patience / MIN_PER_DAY)
        wait = (env.now - arrived) * MIN_PER_DAY
        if not request.triggered:
            outcome.append(Outcome(tool, env.now, wait_min=wait, reneged=True, resolved=False))
            return
        yield env.timeout(handle / MIN_PER_DAY)
        if env.now <= desk.window_end_day:
            desk.busy_min[tool] += handle
        else:  # only the minutes before the window's end
            desk.busy_min[tool] += max(0.0, handle - (env.now - desk.window_end_day) * MIN_PER_DAY)
    outcome.append(Outcome(tool, env.now, wait_min=wait, handle_min=handle, resolved=resolved))


def delayed_contact(env: simpy.Environment, desk: ServiceDesk, kind: str, outcome: list[Outcome],
                    delay_days: float) -> Generator:
    """A request raised later (a warranty claim weeks after delivery, say)."""
    yield env.timeout(delay_days)
    yield from contact(env, desk, kind, outcome)


def requests_source(env: simpy.Environment, desk: ServiceDesk, per_min: float, until_min: float,
                    outcomes: list[list[Outcome]], arrivals: UniformStream) -> Generator:
    """Poisson stream of requests at ``per_min`` per minute (a desk studied on its own)."""
    while True:
        gap = arrivals.exponential(1.0 / per_min) / MIN_PER_DAY
        if (env.now + gap) * MIN_PER_DAY > until_min:
            return
        yield env.timeout(gap)
        slot: list[Outcome] = []
        outcomes.append(slot)
        env.process(contact(env, desk, "pre_purchase_question", slot))


def simulate_desk(service: Service, requests_per_hour: float, days: float, seed: int) -> dict[str, object]:
    """Run the desk alone with Poisson requests: for staffing what-ifs and queueing checks.

    Requests arrive for ``days`` days; the run then goes on two more days so that queued
    requests can be answered (those still waiting after that are not in ``outcomes``:
    see :func:`sim.measures.service_desk.unfinished`).

    Returns:
        ``outcomes`` (list of Outcome, in arrival order), ``requests`` (arrivals) and
        ``utilization`` per agent pool: ρ = minutes spent handling requests during the
        arrival window / agent minutes on duty in it, at most 1 (an overloaded desk is
        busy all the time; work past closing time is counted but cannot push ρ over 1).
    """

    _, streams = make_streams(seed)
    env = simpy.Environment()
    desk = ServiceDesk(env, service, streams["service"], window_end_day=days)
    slots: list[list[Outcome]] = []
    until_min = days * MIN_PER_DAY
    env.process(requests_source(env, desk, requests_per_hour / 60.0, until_min, slots, streams["arrivals"]))
    env.run(until=days + 2.0)  # two more days to clear the queues (the shifts never end)
    utilization = {}
    for tool, pool in (("chat", service.chat), ("email", service.email)):
        capacity = pool.agents * until_min * (_hours_open(pool) / 24.0)
        utilization[tool] = min(1.0, desk.busy_min[tool] / capacity) if capacity > 0 else 0.0
    return {"outcomes": [slot[0] for slot in slots if slot], "utilization": utilization, "requests": len(slots)}


def _hours_open(pool: AgentPool) -> float:
    return 24.0 if _always_open(pool) else max(0.0, pool.closes_hour - pool.opens_hour)
