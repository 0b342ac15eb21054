"""The calendar-queue environment: SimPy's exact order of events, bucket by bucket."""

from __future__ import annotations

import math

import numpy as np
import pytest
import simpy
from hypothesis import given, settings
from hypothesis import strategies as st
from simpy.core import BoundClass

import sim.engine.model as model_module
from sim.engine.calendar import CalendarEnvironment
from sim.engine.simulate import prepare

EDGE = 1.0 / 24.0
DELAYS = st.one_of(
    st.sampled_from([0.0, EDGE, 2 * EDGE, 0.5, 1.0, 3.0, 1e17, 1e300, math.inf]),
    st.integers(0, 200).map(lambda k: k * EDGE),  # on bucket edges, and ties
    st.floats(0.0, 50.0, allow_nan=False),
)
OPERATIONS = st.lists(
    st.one_of(st.tuples(st.just("schedule"), DELAYS, st.sampled_from([0, 1])), st.tuples(st.just("step"))),
    max_size=300,
)


def _replay(env: simpy.Environment, operations: list[tuple]) -> list[tuple[float, int]]:
    """Run the operations on ``env``; then step to the end. Returns (clock, label) of each processed event."""
    processed: list[tuple[float, int]] = []

    def record(event: simpy.Event) -> None:
        processed.append((env.now, event.value))

    label = 0
    for operation in operations:
        if operation[0] == "schedule":
            _, delay, priority = operation
            event = simpy.Event(env)
            event._ok, event._value = True, label
            event.callbacks.append(record)
            env.schedule(event, priority, delay)
            label += 1
        elif env.peek() < math.inf:
            env.step()
    while env.peek() < math.inf:
        env.step()
    return processed


@settings(max_examples=300, deadline=None)
@given(OPERATIONS, st.floats(1e-3, 10.0))
def test_random_schedules_pop_in_simpys_heap_order(operations, bucket_days):
    # The reference is SimPy's own environment: one heap of (time, priority, event id).
    expected = _replay(simpy.Environment(), operations)
    assert _replay(CalendarEnvironment(bucket_days=bucket_days), operations) == expected


def test_a_hand_worked_order_across_buckets():
    # Buckets of one day. a at 2.5, b at 0.25, c at 2.5 urgent (priority 0), d at 1.0 (the edge of
    # bucket 1), e at 0.25 scheduled after b: by (time, priority, id) b, e, d, c, a.
    env = CalendarEnvironment(bucket_days=1.0)
    order = []
    for name, delay, priority in (("a", 2.5, 1), ("b", 0.25, 1), ("c", 2.5, 0), ("d", 1.0, 1), ("e", 0.25, 1)):
        event = simpy.Event(env)
        event._ok, event._value = True, name
        event.callbacks.append(lambda e: order.append((env.now, e.value)))
        env.schedule(event, priority, delay)
    assert env.peek() == 0.25
    env.run()
    assert order == [(0.25, "b"), (0.25, "e"), (1.0, "d"), (2.5, "c"), (2.5, "a")]
    assert env.peek() == math.inf
    with pytest.raises(simpy.core.EmptySchedule):
        env.step()


def _shop(env: simpy.Environment) -> list[tuple]:
    """A small SimPy model with every kind of event: timeouts, a resource, reneging, an interrupt, a value."""
    trace: list[tuple] = []
    counter = simpy.Resource(env, capacity=1)

    def customer(name: str, arrive: float, patience: float, serve: float):
        yield env.timeout(arrive)
        trace.append((env.now, name, "arrives"))
        with counter.request() as request:
            got = yield request | env.timeout(patience)
            if request not in got:
                trace.append((env.now, name, "reneges"))
                return
            trace.append((env.now, name, "served"))
            yield env.timeout(serve)
        trace.append((env.now, name, "leaves"))
        return name

    def sleeper():
        try:
            yield env.timeout(30.0)
        except simpy.Interrupt as interrupt:
            trace.append((env.now, "sleeper", interrupt.cause))

    def waker(target, done):
        value = yield done
        trace.append((env.now, "waker", value))
        target.interrupt("woken")

    sleeping = env.process(sleeper())
    first = env.process(customer("an", 0.75, 5.0, 1.25))
    env.process(customer("binh", 1.0, 0.5, 1.0))
    env.process(customer("chi", 1.0, 3.0, 2.0))
    env.process(waker(sleeping, first))
    env.run(until=24.0)
    return trace


def test_a_small_model_runs_as_in_simpy():
    # Worked by hand (days): an arrives at 0.75 and is served at once until 2.0; binh and chi arrive
    # at 1.0; binh gives up after 0.5 (1.5). At 2.0 an leaves: the release grants chi's request
    # (event i), an's process ends (event i + 1), chi's "request or patience" condition follows
    # (i + 2). So the waker hears an's return first and interrupts the sleeper (an urgent event,
    # before any normal one at 2.0); then chi is served, until 4.0.
    expected = [(0.75, "an", "arrives"), (0.75, "an", "served"), (1.0, "binh", "arrives"), (1.0, "chi", "arrives"),
                (1.5, "binh", "reneges"), (2.0, "an", "leaves"), (2.0, "waker", "an"), (2.0, "sleeper", "woken"),
                (2.0, "chi", "served"), (4.0, "chi", "leaves")]
    assert _shop(simpy.Environment()) == expected
    for bucket_days in (1.0 / 24.0, 0.5, 1.0, 7.0):
        assert _shop(CalendarEnvironment(bucket_days=bucket_days)) == _shop(simpy.Environment())


def test_timeout_is_simpys():
    env = CalendarEnvironment()
    timeout = env.timeout(2.0, value="x")
    assert type(timeout) is simpy.Timeout and timeout.triggered and not timeout.processed
    assert env.run(until=timeout) == "x" and env.now == 2.0
    with pytest.raises(ValueError, match="Negative delay"):
        env.timeout(-1.0)
    with pytest.raises(ValueError, match="bucket_days"):
        CalendarEnvironment(bucket_days=0.0)


class PlainSimPy(simpy.Environment):
    """SimPy's own environment, one heap, where an errand is an ordinary process (ended by an event)."""

    errand = BoundClass(simpy.Process)


def test_an_errand_nobody_waits_for_ends_without_an_event():
    env = CalendarEnvironment()

    def errand():
        yield env.timeout(1.0)
        return "done"

    process = env.errand(errand())
    env.run()
    assert process.processed and process.value == "done" and env.now == 1.0
    # Start (an Initialize event), one timeout: SimPy would schedule a third event for the end.
    assert next(env._eid) == 2


def test_an_errand_someone_waits_for_ends_as_in_simpy():
    def run(env):
        seen = []

        def errand():
            yield env.timeout(1.0)
            return 7

        def waiter(process):
            value = yield process
            seen.append((env.now, value))

        env.process(waiter(env.errand(errand())))
        env.run()
        return seen

    assert run(CalendarEnvironment()) == run(PlainSimPy()) == [(1.0, 7)]


def test_a_failing_errand_stops_the_run_as_in_simpy():
    env = CalendarEnvironment()

    def errand():
        yield env.timeout(1.0)
        raise KeyError("lost")

    env.errand(errand())
    with pytest.raises(KeyError, match="lost"):
        env.run()


def test_the_model_gives_the_same_records_as_simpy_alone(monkeypatch):
    scenario, scale = prepare("default", 5, customers=3000)
    calendar = model_module.Model(scenario, 5, prospects_scale=scale)
    calendar.run()
    monkeypatch.setattr(model_module, "CalendarEnvironment", lambda **_: PlainSimPy())
    heap = model_module.Model(scenario, 5, prospects_scale=scale)
    assert type(heap.env) is PlainSimPy
    heap.run()
    # Every process of the model but the arrivals, the desk's shifts and the clock is an errand.
    assert calendar.events_scheduled < heap.events_scheduled
    for name in model_module.RECORDS:
        assert calendar.stored[name].tobytes() == heap.stored[name].tobytes(), name
    for name in model_module.PER_CUSTOMER_TYPES:
        assert np.array_equal(np.asarray(getattr(calendar, name)), np.asarray(getattr(heap, name))), name
