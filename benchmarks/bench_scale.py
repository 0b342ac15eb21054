"""Time and peak memory by size, in one process and in shards: ``python benchmarks/bench_scale.py`` (part of ``make bench``).

Each size runs the default scenario over one year with ``customers`` expected prospects, builds the
tables and writes them as Parquet, the same work as::

    python -m sim run --scenario default --customers N --format parquet --out DIR [--shards 2 --jobs 2]

Every size runs in a process of its own, so that the peak memory (maximum resident set size) is
that size's alone; a sharded run reports its own process's peak (it gathers and writes the tables)
and the largest of its shard processes'.

Prints one row per size: prospects, SimPy events, rows of all tables, seconds to simulate, to build
the tables and to write them, the whole time, the time per prospect, the peak memory; then the fitted
growth, time ∝ prospects^b over the sizes (b = 1: linear, time per prospect flat), and the run of a
million prospects in two shards on two cores.

Targets (issue "Speed and scale"): a million prospects in ≤ 30 s on 2 cores and ≤ 2 GB per process.
A quick run: ``python benchmarks/bench_scale.py --sizes 10000 100000 --sharded 100000``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

import sim

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def one_size(customers: int, seed: int, shards: int, jobs: int) -> dict[str, float]:
    """Run one size in this process (and its shard processes) and return its figures (seconds, MB)."""
    started = time.perf_counter()
    result = sim.simulate("default", seed=seed, customers=customers, shards=shards, jobs=jobs)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result.write(os.path.join(tmp, "out"), fmt="parquet")
    written = time.perf_counter()
    rows = result.rows()
    return {
        "customers": customers,
        "shards": shards,
        "prospects": rows["customers"],
        "events": result.stats["events"],
        "rows": sum(rows.values()),
        "simulate_s": result.stats["simulate_seconds"],
        "tables_s": result.stats["tables_seconds"],
        "build_s": built - started,
        "write_s": written - built,
        "total_s": written - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "shard_peak_mb": result.stats.get("shard_peak_mb", 0.0),
    }


def in_child(size: int, seed: int, shards: int = 1, jobs: int = 1) -> dict[str, float]:
    child = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(seed), "--shards", str(shards),
                            "--jobs", str(jobs)], capture_output=True, text=True, check=True)
    return json.loads(child.stdout.strip().splitlines()[-1])


def show(r: dict[str, float]) -> None:
    per = r["total_s"] / r["prospects"] * 1e6 if r["prospects"] else float("nan")
    memory = f"{r['peak_mb']:>8,.0f}" + (f" / {r['shard_peak_mb']:,.0f}" if r["shards"] > 1 else "")
    print(f"{r['customers']:>10,} {r['shards']:>6} {r['prospects']:>10,} {r['events']:>11,.0f} {r['rows']:>11,} "
          f"{r['simulate_s']:>10.1f} {r['tables_s']:>9.1f} {r['write_s']:>8.1f} {r['total_s']:>8.1f} {per:>8.1f} "
          f"{memory}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="expected numbers of prospects, one run each in one process (default: 10000 100000 1000000)")
    parser.add_argument("--sharded", type=int, nargs="*", default=[1_000_000],
                        help="sizes to run in two shards on two cores (default: 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a single size, in a child process
    parser.add_argument("--shards", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.seed, args.shards, args.jobs)))
        return
    print("default scenario, one year, Parquet; each size in its own process; "
          f"load average (1/5/15 min) before: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'customers':>10} {'shards':>6} {'prospects':>10} {'events':>11} {'rows':>11} {'simulate s':>10} "
          f"{'tables s':>9} {'write s':>8} {'total s':>8} {'µs/pros.':>8} {'peak MB (process / largest shard)'}")
    single = []
    for size in args.sizes:
        single.append(in_child(size, args.seed))
        show(single[-1])
    if len(single) >= 2:
        x = np.log([r["prospects"] for r in single])
        y = np.log([r["total_s"] for r in single])
        slope = float(np.polyfit(x, y, 1)[0])
        steps = ", ".join(f"{a['customers']:,} → {b['customers']:,}: "
                          f"{math.log(b['total_s'] / a['total_s']) / math.log(b['prospects'] / a['prospects']):.2f}"
                          for a, b in itertools.pairwise(single))
        print(f"fitted growth: time ∝ prospects^{slope:.2f} (1.00 = linear); step by step: {steps}")
    for size in args.sharded:
        r = in_child(size, args.seed, shards=2, jobs=2)
        show(r)
        if size == 1_000_000:
            print(f"a million prospects in two shards on two cores: {r['total_s']:.1f} s (target ≤ 30 s), "
                  f"peak {r['peak_mb']:,.0f} MB in the process that writes, {r['shard_peak_mb']:,.0f} MB in a shard "
                  "(target ≤ 2,048 MB per process)")
    print(f"load average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
