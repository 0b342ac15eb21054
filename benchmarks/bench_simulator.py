"""Speed and memory of the simulator, runnable by anyone: ``make bench``.

Prints, in one run:

* the simulator's events per second and rows per second on the default scenario,
* the events per second of a bare SimPy loop with the same number of processes
  and events (each process only yields timeouts), and the ratio of the two,
* the time to generate the default dataset (simulate + build tables + write CSV),
* the time of one run of the ``demo`` scenario (what a slider re-runs),
* the peak memory of the process,
* for scale, the events per second of a minimal model: the bare loop's processes,
  each writing one journey-like record and drawing two random numbers per event
  (what any model must do at least), as a ratio to the bare loop.

Targets (issue "Foundation"): ratio ≥ 0.5, default dataset ≤ 5 s, demo ≤ 0.3 s.
Timings are the best of several repetitions, to damp noise on shared machines.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import tempfile
import time

import simpy

import sim
from sim.engine.model import Model


def _timed_loop(n_processes: int, n_events: int, worker) -> tuple[int, float]:
    """Run ``worker(env, cid, count)`` processes started by a source; return (events, seconds).

    Each process costs three events of its own (the source's timeout, its start,
    its end), so the timeouts are shared out to make the total ``n_events``.
    """
    env = simpy.Environment()
    n_processes = max(n_processes, 1)
    timeouts = max(n_events - 3 * n_processes - 2, n_processes)
    per_process, extra = divmod(timeouts, n_processes)

    def source(env):
        for i in range(n_processes):
            yield env.timeout(0.01)
            env.process(worker(env, i, per_process + (1 if i < extra else 0)))

    env.process(source(env))
    started = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - started
    return int(repr(env._eid)[len("count("):-1]), seconds


def bare_loop(n_processes: int, n_events: int) -> tuple[int, float]:
    """A bare SimPy loop: a source starts ``n_processes`` processes that only yield timeouts."""

    def worker(env, cid, count):
        for _ in range(count):
            yield env.timeout(1.0)

    return _timed_loop(n_processes, n_events, worker)


def minimal_model(n_processes: int, n_events: int) -> tuple[int, float]:
    """The bare loop plus the least a model does per event: one record and two draws.

    Each event appends one 7-field record (like a journey row) to a flat list and
    draws an exponential gap and a uniform decision from a local ``random.Random``.
    """
    records: list[float] = []
    uniform = random.Random(2026).random

    def worker(env, cid, count):
        record = records.extend
        for _ in range(count):
            record((cid, 1, env.now, 2, 3, 0, 0))
            gap_day = -math.log(1.0 - uniform())
            if uniform() < 0.0:  # a decision that never ends the loop, so the event count stays exact
                return
            yield env.timeout(gap_day)

    return _timed_loop(n_processes, n_events, worker)


def best_of(repeats: int, func):
    return min((func() for _ in range(repeats)), key=lambda pair: pair[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scenario = sim.load_scenario("default")

    def one_model():
        model = Model(scenario, args.seed)
        started = time.perf_counter()
        model.run()
        return model, time.perf_counter() - started

    model, sim_seconds = best_of(args.repeats, one_model)
    events = model.events_scheduled
    processes = len(model.arrival)
    bare_events, bare_seconds = best_of(args.repeats, lambda: bare_loop(processes, events))
    minimal_events, minimal_seconds = best_of(args.repeats, lambda: minimal_model(processes, events))

    def one_dataset():
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            result = sim.simulate(scenario, seed=args.seed)
            result.write(tmp)
            return result, time.perf_counter() - started

    result, dataset_seconds = best_of(args.repeats, one_dataset)
    rows = sum(len(df) for df in result.tables.values())
    demo = sim.load_scenario("demo")

    def one_demo():
        started = time.perf_counter()
        sim.simulate(demo, seed=args.seed)
        return None, time.perf_counter() - started

    _, demo_seconds = best_of(max(args.repeats, 5), one_demo)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    sim_rate = events / sim_seconds
    bare_rate = bare_events / bare_seconds
    print(f"default scenario: {processes:,} prospects, {events:,} SimPy events, {rows:,} rows")
    print(f"simulator:        {sim_rate:>12,.0f} events/s  (simulation only, {sim_seconds:.3f} s)")
    print(f"bare SimPy loop:  {bare_rate:>12,.0f} events/s  ({bare_events:,} events, {bare_seconds:.3f} s)")
    print(f"ratio:            {sim_rate / bare_rate:>12.2f}      (target ≥ 0.5)")
    minimal_rate = minimal_events / minimal_seconds
    print(f"for scale, a minimal model (1 record + 2 draws per event): {minimal_rate:,.0f} events/s, "
          f"ratio {minimal_rate / bare_rate:.2f}")
    print(f"rows per second:  {rows / dataset_seconds:>12,.0f}      (simulate + tables + CSV)")
    print(f"default dataset:  {dataset_seconds:>12.2f} s    (target ≤ 5 s)")
    print(f"demo scenario:    {demo_seconds:>12.3f} s    (target ≤ 0.3 s)")
    print(f"peak memory:      {peak_mb:>12.0f} MB")


if __name__ == "__main__":
    main()
