"""Time and peak memory by size, in one process and in shards: ``python benchmarks/bench_scale.py`` (part of ``make bench``).

Each size runs the default scenario over one year with ``customers`` expected prospects, builds the
tables and writes them as Parquet, the same work as::

    python -m sim run --scenario default --customers N --format parquet --out DIR [--shards 2 --jobs 2]

Every size runs in a process of its own, so that the peak memory (maximum resident set size) is
that size's alone; a sharded run reports its own process's peak (it gathers and writes the tables)
and the largest of its shard processes'.

Prints one row per size: prospects, SimPy events (those scheduled: the end of a customer or of a service
request nobody waits for is no event, see ``sim.engine.calendar.Errand``), rows of all tables, seconds
to simulate, the simulation's CPU time per prospect (µs; all shards together: the figure that stays
comparable on a busy machine and should stay flat with the size), seconds to build the tables and to
write them, the whole time, the time per prospect, the peak memory; then the fitted
growth, time ∝ prospects^b over the sizes (b = 1: linear, time per prospect flat), and the run of a
million prospects in shards on two cores (``--shard-counts``: more shards than cores keep fewer customers waiting in
each process, so that more of what a step touches is still in the CPU's caches); last, the whole command with
``--partitioned`` (``--partitioned-shards``, default 8: each shard writes its own Parquet files, so no table travels
back to the parent process to be merged), beside superstore's whole process.

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
        "simulate_cpu_s": result.stats["simulate_cpu_seconds"],
        "tables_s": result.stats["tables_seconds"],
        "build_s": built - started,
        "write_s": written - built,
        "total_s": written - started,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "shard_peak_mb": result.stats.get("shard_peak_mb", 0.0),
    }


def whole_process(command: list[str]) -> tuple[float, float, float, str]:
    """Run a command in a fresh process: (wall seconds, CPU seconds, peak MB of its largest process, its output).

    The CPU seconds (user + system) are those of the process and of the processes it waited for; on
    a loaded machine they stay near what the wall-clock time would be on a quiet one (one process).

    The peak is the process's own maximum resident set size or that of the largest of the
    processes it waited for (its shards), whichever is larger (``wait4``).
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as printed:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=printed, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise subprocess.CalledProcessError(child.returncode, command)
        printed.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, printed.read()


def in_child(size: int, seed: int, shards: int = 1, jobs: int = 1) -> dict[str, float]:
    """One size in a process of its own; ``process_s`` is that whole process (start-up included)."""
    wall, cpu, peak_mb, printed = whole_process([sys.executable, __file__, "--one", str(size), "--seed", str(seed),
                                            "--shards", str(shards), "--jobs", str(jobs)])
    figures = json.loads(printed.strip().splitlines()[-1])
    figures.update(process_s=wall, cpu_s=cpu, tree_peak_mb=peak_mb)
    return figures


def partitioned_command(size: int, seed: int, shards: int) -> dict[str, float]:
    """``python -m sim run … --shards S --jobs 2 --partitioned`` as a whole process: each shard writes its own Parquet
    files, so no table travels back to the parent process. Returns rows, wall and CPU seconds, peak MB."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "run")
        wall, cpu, peak_mb, _ = whole_process([sys.executable, "-m", "sim", "run", "--scenario", "default",
                                               "--customers", str(size), "--seed", str(seed), "--shards", str(shards),
                                               "--jobs", "2", "--partitioned", "--out", out])
        with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
            rows = sum(json.load(f)["rows"].values())
    return {"customers": size, "shards": shards, "rows": rows, "process_s": wall, "cpu_s": cpu, "tree_peak_mb": peak_mb}


SUPERSTORE = """
import os, sys
import superstore
sessions = int(sys.argv[2])
data = superstore.ecommerce_data({"sessions": sessions, "customers": sessions // 5, "days": 365, "seed": 1,
                                  "start_date": "2025-01-01"}, output="pandas")
os.makedirs(sys.argv[1])
rows = 0
for name, df in data.items():
    df.to_parquet(os.path.join(sys.argv[1], name + ".parquet"), index=False)
    rows += len(df)
print(rows)
"""
"""The peer at a size: superstore's e-commerce tables (sessions, a fifth as many customers, one year) as Parquet."""


def peer_at(sessions: int, repeats: int) -> dict[str, float] | None:
    """superstore's whole process at ``sessions`` sessions (best of ``repeats``), or None if it is not installed."""
    if subprocess.run([sys.executable, "-c", "import superstore"], capture_output=True, check=False).returncode:
        print("superstore: not installed, comparison skipped (pip install superstore to reproduce it)")
        return None
    best = None
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            wall, cpu, peak_mb, printed = whole_process([sys.executable, "-c", SUPERSTORE, os.path.join(tmp, str(i)),
                                                    str(sessions)])
            if best is None or wall < best["process_s"]:
                best = {"rows": int(printed.split()[-1]), "process_s": wall, "cpu_s": cpu, "peak_mb": peak_mb}
    return best


def show(r: dict[str, float]) -> None:
    per = r["total_s"] / r["prospects"] * 1e6 if r["prospects"] else float("nan")
    sim_per = r["simulate_cpu_s"] / r["prospects"] * 1e6 if r["prospects"] else float("nan")
    memory = f"{r['peak_mb']:>8,.0f}" + (f" / {r['shard_peak_mb']:,.0f}" if r["shards"] > 1 else "")
    print(f"{r['customers']:>10,} {r['shards']:>6} {r['prospects']:>10,} {r['events']:>11,.0f} {r['rows']:>11,} "
          f"{r['simulate_s']:>10.1f} {sim_per:>11.1f} {r['tables_s']:>9.1f} {r['write_s']:>8.1f} {r['total_s']:>8.1f} "
          f"{per:>8.1f} "
          f"{memory}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES),
                        help="expected numbers of prospects, one run each in one process (default: 10000 100000 1000000)")
    parser.add_argument("--sharded", type=int, nargs="*", default=[1_000_000],
                        help="sizes to run in shards (--shard-counts) on two cores (default: 1000000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shard-counts", type=int, nargs="+", default=[2],
                        help="shards of each sharded run, on two cores (default: 2; more shards, fewer waiting customers a process)")
    parser.add_argument("--partitioned-shards", type=int, nargs="*", default=[8],
                        help="shards of the whole command with --partitioned at the largest sharded size (default: 8; none: skip)")
    parser.add_argument("--peer-sessions", type=int, default=1_000_000,
                        help="superstore's sessions for the comparison at the largest size (0: none; default 1000000)")
    parser.add_argument("--repeats", type=int, default=1, help="rounds of the sharded run and of superstore (best kept)")
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
          f"{'sim CPU µs':>11} {'tables s':>9} {'write s':>8} {'total s':>8} {'µs/pros.':>8} {'peak MB (process / largest shard)'}")
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
    sharded = []
    for size, count in itertools.product(args.sharded, args.shard_counts):
        r = min((in_child(size, args.seed, shards=count, jobs=2) for _ in range(args.repeats)),
                key=lambda r: r["process_s"])
        show(r)
        sharded.append(r)
        if size == 1_000_000:
            print(f"a million prospects in {count} shards on two cores: {r['total_s']:.1f} s (target ≤ 30 s), "
                  f"peak {r['peak_mb']:,.0f} MB in the process that writes, {r['shard_peak_mb']:,.0f} MB in a shard "
                  "(target ≤ 2,048 MB per process)")
    partitioned = [min((partitioned_command(max(args.sharded), args.seed, count) for _ in range(args.repeats)),
                       key=lambda r: r["process_s"]) for count in (args.partitioned_shards if args.sharded else [])]
    peer = peer_at(args.peer_sessions, args.repeats) if args.peer_sessions else None
    print("whole processes (start-up, simulation, tables, Parquet files):")
    print(f"{'':<44} {'rows':>11} {'seconds':>8} {'CPU s':>7} {'rows/s':>9} {'peak MB':>8} {'× superstore':>12}")
    largest = [r for r in single if r["customers"] == max(s["customers"] for s in single)][-1:] if single else []
    for label, r in [*((f"sim, {r['customers']:,} prospects, one process", r) for r in largest),
                     *((f"sim, {r['customers']:,} prospects, {r['shards']} shards, 2 cores", r) for r in sharded),
                     *((f"sim, {r['customers']:,}, {r['shards']} shards, --partitioned", r) for r in partitioned)]:
        rate = r["rows"] / r["process_s"]
        versus = f"{rate / (peer['rows'] / peer['process_s']):>12.2f}" if peer else ""
        print(f"{label:<44} {r['rows']:>11,} {r['process_s']:>8.1f} {r['cpu_s']:>7.1f} {rate:>9,.0f} "
              f"{r['tree_peak_mb']:>8,.0f} {versus}")
    if peer:
        print(f"{f'superstore, {args.peer_sessions:,} sessions':<44} {peer['rows']:>11,} {peer['process_s']:>8.1f} "
              f"{peer['cpu_s']:>7.1f} "
              f"{peer['rows'] / peer['process_s']:>9,.0f} {peer['peak_mb']:>8,.0f}   (target: sharded ≥ 1.5)")
    print(f"load average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
