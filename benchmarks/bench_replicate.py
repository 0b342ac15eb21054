"""Speed-up of replications on two cores: ``python benchmarks/bench_replicate.py``.

Runs ``sim.replicate("default", seeds=8)`` three ways and prints a small table:

* one process (``n_jobs=1``), the reference;
* two processes on this machine (``n_jobs=2``);
* a Dask ``LocalCluster`` of two single-threaded worker processes (``client=``), if
  ``dask[distributed]`` is installed (``pip install -e ".[cluster]"``).

speed-up = seconds with one process / seconds the other way (ideal on two cores: 2.0).

Each time is the best of ``--repeats`` rounds, to damp noise on a shared machine; in
each round the three ways take turns. A time includes everything a user waits for
(starting the process pool; sending the runs to the cluster), except starting the
cluster, which is printed on its own line. The load average before and after is
printed too: other work on the machine lowers the speed-up. The three ways must give
the same numbers (same seeds); the last column checks that.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time

import sim


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scenario = sim.load_scenario(args.scenario)
    print(f"{args.scenario} scenario, {args.seeds} seeds, best of {args.repeats}; "
          f"{len(os.sched_getaffinity(0))} cores; load average (1/5/15 min) before: {load()}")

    with contextlib.ExitStack() as stack:
        ways = {"one process (n_jobs=1)": {"n_jobs": 1}, "two processes (n_jobs=2)": {"n_jobs": 2}}
        try:
            from dask.distributed import Client, LocalCluster  # noqa: PLC0415 (optional: Dask only for this measurement)
        except ImportError:
            print("Dask: not installed (pip install -e \".[cluster]\")")
        else:
            started = time.perf_counter()
            cluster = stack.enter_context(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None))
            ways["Dask LocalCluster, 2 workers"] = {"client": stack.enter_context(Client(cluster))}
            print(f"Dask cluster start-up (not in the times below): {time.perf_counter() - started:.2f} s")
        best, results = dict.fromkeys(ways, float("inf")), {}
        for _ in range(args.repeats):  # the ways take turns, so changes in the machine's load hit them alike
            for way, spread in ways.items():
                started = time.perf_counter()
                results[way] = sim.replicate(scenario, seeds=args.seeds, runs=True, progress=False, **spread)
                best[way] = min(best[way], time.perf_counter() - started)

    reference = next(iter(ways))
    print(f"{'way':<30} {'seconds':>8} {'speed-up':>9} {'runs/s':>7}  same numbers")
    for way, seconds in best.items():
        same = "yes" if results[way].equals(results[reference]) else "NO"
        print(f"{way:<30} {seconds:>8.2f} {best[reference] / seconds:>9.2f} {args.seeds / seconds:>7.2f}  {same}")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
