"""Sharded runs on a Dask cluster, by size and by workers: ``python benchmarks/bench_dask.py`` (part of ``make bench``).

Each size is the default scenario over one year with ``customers`` expected prospects, split into
shards of at most ``--shard-size`` prospects (at least one per worker), each shard a task that runs
on a worker and writes its own Parquet files (:func:`sim.engine.shards.write_partitioned`), the same
work as::

    python -m sim run --scenario default --customers N --shards S --partitioned --scheduler ADDRESS --out DIR

The cluster is a ``LocalCluster`` of single-threaded worker processes on this machine (1, then 2
workers); its start-up is printed apart. Per size: shards, seconds, prospects per second, and the
peak memory of the largest worker (a worker holds one shard at a time, so this stays bounded by the
shard size, whatever the run's size). Then a DuckDB query over the largest run, reading the Parquet
files where they lie (:func:`sim.measures.crm_db.connect_partitioned`).

Needs the ``cluster`` extra (``pip install -e ".[cluster]"``). Ten million prospects take several
minutes on two cores: ``--sizes 10000 100000 1000000 10000000``.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from pathlib import Path

from sim.engine.shards import write_partitioned
from sim.engine.simulate import prepare
from sim.measures import crm_db

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--shard-size", type=int, default=500_000, help="most prospects in one shard (default 500000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415 (optional: the cluster extra)
    except ImportError:
        print('Dask: not installed, skipped (pip install -e ".[cluster]")')
        return
    print(f"default scenario, one year, partitioned Parquet; load average (1/5/15 min) before: {load()}")
    print(f"{'workers':>7} {'customers':>11} {'shards':>6} {'rows':>12} {'seconds':>8} {'prospects/s':>11} "
          f"{'worker peak MB':>14}")
    largest = None
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            started = time.perf_counter()
            with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                              memory_limit=0) as cluster, Client(cluster) as client:
                print(f"  (cluster of {workers} worker(s) started in {time.perf_counter() - started:.1f} s, not counted)")
                for size in args.sizes:
                    scenario, scale = prepare("default", args.seed, customers=size)
                    shards = max(workers, math.ceil(size / args.shard_size))
                    out = Path(tmp) / f"w{workers}_{size}"
                    started = time.perf_counter()
                    manifest = write_partitioned(scenario, args.seed, scale, shards, out, client=client)
                    seconds = time.perf_counter() - started
                    peak = max(info["peak_mb"] for info in manifest["_measured"])
                    prospects = manifest["rows"]["customers"]
                    print(f"{workers:>7} {size:>11,} {shards:>6} {sum(manifest['rows'].values()):>12,} {seconds:>8.1f} "
                          f"{prospects / seconds:>11,.0f} {peak:>14,.0f}", flush=True)
                    largest = out
        if largest is not None:
            started = time.perf_counter()
            con = crm_db.connect_partitioned(largest)
            answer = crm_db.query(con, "SELECT category, COUNT(*) AS orders, SUM(amount_vnd) AS revenue_vnd "
                                       "FROM orders GROUP BY category ORDER BY revenue_vnd DESC")
            print(f"DuckDB over the largest run ({largest.name}): revenue by category in "
                  f"{time.perf_counter() - started:.2f} s, without loading the run:")
            print(answer.to_string(index=False))
            con.close()
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
