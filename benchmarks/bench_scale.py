"""Time and peak memory of one run by its size: ``python benchmarks/bench_scale.py``.

Each size runs the default scenario over its usual window (one year) with
``customers`` expected prospects, builds the tables and writes them as Parquet
into a temporary folder, the same work as::

    python -m sim run --scenario default --customers N --seed 1 --format parquet --out DIR

Every size runs in a process of its own, so the peak memory (maximum resident
set size) printed is that of the size alone. Prints one row per size:
prospects, SimPy events, rows of all tables, seconds to simulate, to build the
tables and to write them, and the peak memory.

Target (issue "Scale"): one million customers over one year in ≤ 4 GB.
A quick run: ``python benchmarks/bench_scale.py --sizes 10000 100000``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

import sim
from sim.engine.result import Result

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def one_size(customers: int, seed: int) -> dict[str, float]:
    """Run one size in this process and return its figures (seconds, MB)."""

    started = time.perf_counter()
    result: Result = sim.simulate("default", seed=seed, customers=customers)
    built = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        result.write(tmp, fmt="parquet")
    written = time.perf_counter()
    return {
        "customers": customers,
        "prospects": len(result.customers),
        "events": result.stats["events"],
        "rows": sum(len(df) for df in result.tables.values()),
        "simulate_s": result.stats["simulate_seconds"],
        "tables_s": result.stats["tables_seconds"],
        "write_s": written - built,
        "total_s": written - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="expected numbers of prospects, one run each (default: 10000 100000 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a single size, in a child process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.seed)))
        return
    header = (f"{'customers':>10} {'prospects':>10} {'events':>11} {'rows':>11} {'simulate s':>10} {'tables s':>9} "
              f"{'write s':>8} {'total s':>8} {'peak MB':>8}")
    print("default scenario, one year, Parquet; each size in its own process")
    print(header)
    for size in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)],
                               capture_output=True, text=True, check=True)
        r = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{r['customers']:>10,} {r['prospects']:>10,} {r['events']:>11,.0f} {r['rows']:>11,} "
              f"{r['simulate_s']:>10.1f} {r['tables_s']:>9.1f} {r['write_s']:>8.1f} {r['total_s']:>8.1f} "
              f"{r['peak_mb']:>8,.0f}", flush=True)
    print("target: 1,000,000 customers in ≤ 4,096 MB")


if __name__ == "__main__":
    main()
