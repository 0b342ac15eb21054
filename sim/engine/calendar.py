"""A SimPy environment whose event queue is a calendar: one bucket per slice of time.

SimPy keeps every scheduled event in one binary heap of ``(time, priority, event id, event)``
entries. Every customer who waits (for their next need, a return visit, a delivery, a survey
answer) has one entry there: in a run of a million prospects about a tenth of them wait at any
moment, and each ``heappop`` walks some seventeen levels of a heap of a hundred thousand tuples.

A calendar queue (Brown 1988, "Calendar queues: a fast O(1) priority queue implementation for the
simulation event set problem", CACM 31(10)) splits the future into buckets of ``bucket_days``:

* the current bucket is a small heap (SimPy's own ``_queue``): the events of the current slice;
* every later bucket is a plain list, appended to in O(1), turned into a heap (``heapify``, O(n))
  only when the clock reaches it;
* the indices of the non-empty later buckets are in a heap of their own (a few thousand entries).

An event at time t goes to bucket ⌊t / bucket_days⌋ (⌊t·k⌋ with k = 1 / bucket_days, the same
product every time, so the bucket is a non-decreasing function of t: two events at the same time
always share a bucket, and every event of a bucket comes before every event of a later one). Within
a bucket the heap orders by SimPy's full key (time, priority, event id), so events come out in
exactly SimPy's order: same seed, same bytes. With buckets of an hour, the heap that is popped holds
a few hundred events.

Measured on the default scenario: fewer instructions per prospect (with :meth:`CalendarEnvironment.timeout`
about 7% fewer), but the time per prospect still grows with the size of the run. What grows is not the
heap: it is the memory of the waiting customers themselves (their generators, processes, events and
numbers), which a step touches once the customer wakes, and which falls out of the CPU's caches when a
hundred thousand customers wait.

Everything else is SimPy's: processes, timeouts, conditions and resources schedule through
:meth:`CalendarEnvironment.schedule` and run through :meth:`CalendarEnvironment.step`, whose body is
``simpy.Environment.step``'s (SimPy 4.1).

An :class:`Errand` (``env.errand(generator)``) is a SimPy process that nobody waits for, such as a
customer or a service request: when it ends with no callback registered, it is marked processed at
once instead of being scheduled as one more event that would call nobody. The other events keep
their order.
"""

from __future__ import annotations

from heapq import heapify, heappop, heappush

import simpy
from simpy.core import BoundClass, EmptySchedule, Infinity, SimTime, StopSimulation
from simpy.events import NORMAL, AllOf, AnyOf, Event, EventPriority, Process, Timeout, _describe_frame


class Errand(Process):
    """A SimPy process that nobody waits for: its end is not scheduled as an event when no one listens.

    SimPy schedules every process that returns as an event, so that processes waiting for it
    resume; a customer or a service request is waited for by nobody, and that event would call
    nothing. An errand that returns with no callback registered is processed at once (its value
    set, ``processed`` true); with callbacks, or when it fails, it is scheduled as SimPy does.
    The one difference: a process that yields an errand after it has ended, at the same instant,
    resumes at once rather than after the errand's end event.
    """

    def _resume(self, event: Event) -> None:
        """``simpy.events.Process._resume`` (SimPy 4.1), but an unwatched return is not scheduled."""
        self.env._active_proc = self
        while True:
            try:
                if event._ok:
                    event = self._generator.send(event._value)
                else:
                    # The process has no choice but to handle the failed event (or fail itself).
                    event._defused = True
                    exc = type(event._value)(*event._value.args)
                    exc.__cause__ = event._value
                    event = self._generator.throw(exc)
            except StopIteration as e:
                event = None  # type: ignore[assignment]
                self._ok = True
                self._value = e.args[0] if len(e.args) else None
                if self.callbacks:
                    self.env.schedule(self)
                else:
                    self.callbacks = None  # type: ignore[assignment]  # processed: nobody to call
                break
            except BaseException as e:
                event = None  # type: ignore[assignment]
                self._ok = False
                e.__traceback__ = e.__traceback__.tb_next  # type: ignore[union-attr]
                self._value = e
                self.env.schedule(self)
                break
            try:
                if event.callbacks is not None:
                    event.callbacks.append(self._resume)
                    break
            except AttributeError:
                if hasattr(event, "callbacks"):
                    raise
                descr = _describe_frame(self._generator.gi_frame)  # type: ignore[attr-defined]
                raise RuntimeError(f'\n{descr}Invalid yield value "{event}"') from None
        self._target = event
        self.env._active_proc = None


LAST_BUCKET = float(1 << 52)
"""Bucket of every event at t·k ≥ 2⁵² (and at t = inf): they share one heap, still in SimPy's order.

Below 2⁵² every whole number is a float and ``bucket + 1`` is exact."""


class CalendarEnvironment(simpy.Environment):
    """A SimPy environment with a calendar queue of buckets ``bucket_days`` long.

    Args:
        initial_time: the clock at the start (days in this package's models).
        bucket_days: the length of a bucket (> 0). Small enough that the current bucket's heap stays
            small (a few thousand events), large enough that most buckets hold a few events at least.
    """

    # SimPy binds these to the instance once (``BoundClass.bind_early``), looking only at the class's own
    # attributes: named here again, or every ``env.process`` would build a bound method.
    process = BoundClass(Process)
    event = BoundClass(Event)
    all_of = BoundClass(AllOf)
    any_of = BoundClass(AnyOf)
    errand = BoundClass(Errand)

    def __init__(self, initial_time: SimTime = 0, bucket_days: float = 1.0 / 24.0):
        if not bucket_days > 0.0 or bucket_days == Infinity:
            raise ValueError(f"bucket_days must be a positive finite number, not {bucket_days!r}")
        super().__init__(initial_time)
        self._per_day = 1.0 / bucket_days
        start = initial_time * self._per_day
        self._edge = start - start % 1.0 + 1.0 if start < LAST_BUCKET else Infinity
        """1 + the current bucket's index: an event at t with t·k < ``_edge`` goes to the current heap."""
        self._later: dict[float, list] = {}
        """Later buckets by index: their entries, in no order."""
        self._bucket_heap: list[float] = []
        """The indices of ``_later``, a heap."""

    @property
    def queued(self) -> int:
        """How many events are scheduled (the current heap and every later bucket)."""
        return len(self._queue) + sum(len(entries) for entries in self._later.values())

    def schedule(self, event: Event, priority: EventPriority = NORMAL, delay: SimTime = 0) -> None:
        """Schedule an *event* with a given *priority* and a *delay* (SimPy's signature)."""
        at = self._now + delay
        x = at * self._per_day
        if x < self._edge:
            heappush(self._queue, (at, priority, next(self._eid), event))
            return
        if x < LAST_BUCKET:
            bucket = x - x % 1.0  # ⌊x⌋ for x ≥ 0, exact
        elif self._edge == Infinity:  # the last bucket is the current one
            heappush(self._queue, (at, priority, next(self._eid), event))
            return
        else:
            bucket = LAST_BUCKET
        entries = self._later.get(bucket)
        if entries is None:
            self._later[bucket] = [(at, priority, next(self._eid), event)]
            heappush(self._bucket_heap, bucket)
        else:
            entries.append((at, priority, next(self._eid), event))

    def timeout(self, delay: SimTime = 0, value: object = None) -> Timeout:
        """A :class:`~simpy.events.Timeout` of *delay*, scheduled: ``Timeout(self, delay, value)``.

        The same object and state as SimPy's constructor makes, and the same error for a negative
        delay; built here with the calendar's schedule written inline, because the model creates one
        for every step of every customer.
        """
        if delay < 0:
            raise ValueError(f"Negative delay {delay}")
        event = Timeout.__new__(Timeout)
        event.env = self
        event.callbacks = []
        event._value = value
        event._delay = delay
        event._ok = True
        at = self._now + delay
        x = at * self._per_day
        if x < self._edge:
            heappush(self._queue, (at, NORMAL, next(self._eid), event))
        else:
            self.schedule(event, NORMAL, delay)
        return event

    def _advance(self) -> bool:
        """Make the earliest later bucket the current one (the current heap is empty); False if none."""
        if not self._bucket_heap:
            return False
        bucket = heappop(self._bucket_heap)
        queue = self._later.pop(bucket)
        heapify(queue)
        self._queue = queue
        self._edge = bucket + 1.0 if bucket < LAST_BUCKET else Infinity
        return True

    def peek(self) -> SimTime:
        """The time of the next scheduled event, :data:`~simpy.core.Infinity` if there is none."""
        if not self._queue and not self._advance():
            return Infinity
        return self._queue[0][0]

    def step(self) -> None:
        """Process the next event (``simpy.Environment.step``, with the calendar's next bucket).

        Raises:
            EmptySchedule: no further events.
        """
        queue = self._queue
        if not queue:
            if not self._advance():
                raise EmptySchedule
            queue = self._queue
        self._now, _, _, event = heappop(queue)

        # Process callbacks of the event. Set the events callbacks to None
        # immediately to prevent concurrent modifications.
        callbacks, event.callbacks = event.callbacks, None  # type: ignore[assignment]
        try:
            for callback in callbacks:
                callback(event)
        except StopSimulation:
            # Reassociate any remaining callbacks with the event and reschedule
            # the event to be processed when the simulation resumes.
            event.callbacks = callbacks[callbacks.index(callback) + 1:]
            self.schedule(event, EventPriority(-1))
            raise

        if not event._ok and not hasattr(event, "_defused"):
            # The event has failed and has not been defused. Crash the environment.
            # Create a copy of the failure exception with a new traceback.
            exc = type(event._value)(*event._value.args)
            exc.__cause__ = event._value
            raise exc
