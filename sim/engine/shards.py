"""A large run split into shards: one per core, or one per task of a Dask cluster.

Customers interact only through the service desk and the channels' daily budgets, so a run of N
prospects can be split into ``shards`` runs of N / shards prospects, each with its share of the
demand, of every channel's budget and spend, and of the staff (:func:`sim.engine.service_desk.scaled_staff`
with the shard's scale: agents' = max(1, round(agents × scale / shards))). The shop itself (its
catalogue, prices and new products) is the same in every shard: it is drawn from the run's seed.
Shard k draws its customers from ``SeedSequence(seed).spawn(shards)[k]``: the same seed and the
same number of shards give the same tables, whether the shards run one after the other, on the
cores of this machine (``jobs``) or on a cluster.

A shard is not the same system as the whole: its customers queue only for its own agents, and a
pooled queue waits less than separate queues with the same total staff (Erlang C). With a few agents
per shard the service level is lower than the whole run's; with tens of agents per shard the difference
is small (README, "Tốc độ / speed"; ``tests/test_shards.py`` compares the headline KPIs).

Two ways to write a sharded run:

* :func:`run_shards`: the shards' tables gathered and merged into the usual seven tables (identifiers
  carry the shard's number, ``KH02-000001``; the marketing table adds up the shards' spend day by
  day; a repeated e-mail address gets its row number, as in a whole run). Rows come shard after shard.
* :func:`write_partitioned`: each shard writes its own Parquet files (``orders-00002.parquet``…) from
  the process or Dask worker that ran it, so no process ever holds more than one shard: the way to
  ten million prospects. The marketing table is added up and written once. DuckDB reads the parts as
  one table (:func:`sim.measures.crm_db.connect_partitioned`).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from sim.base.codes import AGENT_TOOLS
from sim.base.rng import seed_sequence
from sim.base.version import __version__
from sim.engine.model import Model, cyclic_gc_paused
from sim.engine.result import TABLES, run_folder
from sim.engine.tables import build_tables
from sim.scenario.loader import dump_yaml
from sim.scenario.schema import Scenario

MAX_SHARDS = 10_000
"""Most shards of one run."""
MAX_JOBS = 1_024
"""Most processes of this machine for one run."""
PART_DIGITS = 5
"""Digits of a part's number in its file name (``orders-00001.parquet``)."""


def shard_tag(shard: int, shards: int) -> str:
    """What follows the letters of an identifier in shard ``shard`` (0-based) of ``shards``: ``02-`` (``KH02-000001``)."""
    return f"{shard + 1:0{max(2, len(str(shards)))}d}-"


def part_name(table: str, shard: int) -> str:
    """The file of one shard's part of a table in a partitioned run: ``orders-00002.parquet``."""
    return f"{table}-{shard + 1:0{PART_DIGITS}d}.parquet"


def run_shard(scenario: Scenario, seed: int, shard: int, shards: int, prospects_scale: float) -> dict[str, Any]:
    """Run one shard and build its tables.

    Args:
        scenario: the run's scenario.
        seed: the run's seed; the shard draws from ``SeedSequence(seed).spawn(shards)[shard]``.
        shard: which shard (0-based).
        shards: how many shards the run has.
        prospects_scale: the whole run's scale (``customers`` / the scenario's prospects); the shard takes
            1 / shards of it.

    Returns:
        ``tables`` (Arrow tables by name) and ``info`` (the shard's number, seed, scale, staff, seconds and peak memory).
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    child = seed_sequence(seed).spawn(shards)[shard]
    model = Model(scenario, child, prospects_scale=prospects_scale / shards, shop_seed=seed)
    model.run()
    simulated, cpu_simulated = time.perf_counter(), time.process_time()
    with cyclic_gc_paused():  # millions of objects of the run are still alive: no collector passes over them
        tables = build_tables(model, shard_tag=shard_tag(shard, shards))
    info = {
        "shard": shard + 1,
        "seed": {"entropy": seed, "spawn_key": list(child.spawn_key)},
        "prospects_scale": prospects_scale / shards,
        "service_agents": {tool: getattr(model.desk.service, tool).agents for tool in AGENT_TOOLS},
        "rows": {name: table.num_rows for name, table in tables.items()},
        "simulate_seconds": simulated - started,
        "simulate_cpu_seconds": cpu_simulated - cpu_started,
        "tables_seconds": time.perf_counter() - simulated,
        "peak_mb": _peak_mb(),
        "events": model.events_scheduled,
    }
    return {"tables": tables, "info": info}


def _peak_mb() -> float:
    """The peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_shards(scenario: Scenario, seed: int, prospects_scale: float, shards: int, jobs: int = 1
               ) -> tuple[dict[str, pa.Table], list[dict[str, Any]]]:
    """Run every shard (``jobs`` at a time, each in a process of its own when ``jobs`` > 1) and merge their tables.

    Returns:
        The merged tables (the seven tables of a run) and each shard's ``info`` (see :func:`run_shard`).
    """
    parts = _map(run_shard, [(scenario, seed, k, shards, prospects_scale) for k in range(shards)], jobs)
    tables = merge([part["tables"] for part in parts])
    return tables, [part["info"] for part in parts]


def _map(func: Callable[..., Any], calls: list[tuple], jobs: int) -> list[Any]:
    """``func(*call)`` for every call, in order: here one after the other, or in ``jobs`` processes."""
    if jobs <= 1 or len(calls) <= 1:
        return [func(*call) for call in calls]
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 (multiprocessing, only for jobs > 1)

    with ProcessPoolExecutor(max_workers=min(jobs, len(calls))) as pool:
        futures = [pool.submit(func, *call) for call in calls]
        return [future.result() for future in futures]


def merge(parts: list[dict[str, pa.Table]]) -> dict[str, pa.Table]:
    """The shards' tables as the seven tables of one run.

    Tables of rows (customers, journey, orders…) are put one after the other, shard by shard; the
    marketing table, one row per day, channel and purpose in every shard, is added up
    (:func:`add_marketing`). An e-mail address that another shard already gave gets the row number of
    its customer, as a repeated address does in a whole run.
    """
    out = {name: pa.concat_tables([part[name] for part in parts]) for name in TABLES if name != "marketing"}
    out["marketing"] = add_marketing([part["marketing"] for part in parts])
    out["customers"] = unique_emails(out["customers"])
    return out


def add_marketing(tables: list[pa.Table]) -> pa.Table:
    """The marketing tables of the shards added up, row by row (the same days, channels and purposes in each).

    Spend, impressions, clicks, e-mails and the rest are sums over the shards; a count a channel does not have
    (an empty cell) stays empty.
    """
    first = tables[0]
    keys = ("date", "channel", "purpose")
    for other in tables[1:]:
        if not all(other.column(k).equals(first.column(k)) for k in keys):
            raise ValueError("the shards' marketing tables do not have the same rows")
    columns = {k: first.column(k) for k in keys}
    for name in first.column_names:
        if name not in keys:
            total = first.column(name)
            for other in tables[1:]:
                total = pc.add(total, other.column(name))
            columns[name] = total
    return pa.table(columns)


def unique_emails(customers: pa.Table) -> pa.Table:
    """Customers with every e-mail address unique: a repeated address gets its row number (``an123@…``)."""
    emails = customers.column("email").to_pylist()
    seen: set[str] = set()
    changed = False
    for i, address in enumerate(emails):
        if address in seen:
            local, domain = address.split("@", 1)
            emails[i] = f"{local}{i}@{domain}"
            changed = True
        seen.add(emails[i])
    if not changed:
        return customers
    return customers.set_column(customers.column_names.index("email"), "email", pa.array(emails, type=pa.string()))


def staff_of(infos: list[dict[str, Any]]) -> dict[str, int]:
    """The agents of all shards together, per desk."""
    return {tool: sum(info["service_agents"][tool] for info in infos) for tool in AGENT_TOOLS}


# ----------------------------------------------------------------------------- partitioned


def write_shard(scenario: Scenario, seed: int, shard: int, shards: int, prospects_scale: float,
                folder: str) -> dict[str, Any]:
    """Run one shard and write its tables as Parquet parts into ``folder``; return its marketing table and info.

    The customers' e-mail addresses are unique within the shard (another shard may give the same address).
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 (Parquet's modules, only when writing Parquet)

    part = run_shard(scenario, seed, shard, shards, prospects_scale)
    for name, table in part["tables"].items():
        if name != "marketing":
            pq.write_table(table, Path(folder) / part_name(name, shard), store_schema=False)
    part["info"]["peak_mb"] = _peak_mb()
    return {"marketing": part["tables"]["marketing"], "info": part["info"]}


def write_partitioned(scenario: Scenario, seed: int, prospects_scale: float, shards: int, out: str | Path, *,
                      jobs: int = 1, client: Any = None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run ``shards`` shards and write the run as partitioned Parquet in the folder ``out``.

    Each shard writes ``customers-00001.parquet``, ``journey-00001.parquet``… from the process or the Dask
    worker that ran it, so that no process holds more than one shard's tables; the marketing table of all
    shards is added up and written once (``marketing.parquet``), with ``scenario.yaml`` and
    ``manifest.json`` (seed, shards, files, rows). The folder follows the rules of every run's output
    folder (:func:`sim.engine.result.run_folder`): written aside, then moved into place in one go.

    Args:
        scenario: the run's scenario; seed: its seed; prospects_scale: the whole run's scale.
        shards: how many shards (each one a task).
        out: the output folder; with a cluster, a folder every worker can write (a shared file system).
        jobs: processes of this machine when there is no ``client``.
        client: a ``dask.distributed.Client``: each shard is a task of its workers.
        meta: more entries for the manifest.

    Returns:
        The manifest written.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415 (Parquet's modules, only when writing Parquet)

    folder = run_folder(out)
    folder.check()
    manifest: dict[str, Any] = {}

    def fill(tmp: Path) -> None:
        calls = [(scenario, seed, k, shards, prospects_scale, str(tmp)) for k in range(shards)]
        if client is not None:
            futures = client.map(write_shard, *zip(*calls, strict=True), pure=False)
            results = client.gather(futures)
        else:
            results = _map(write_shard, calls, jobs)
        marketing = add_marketing([r["marketing"] for r in results])
        pq.write_table(marketing, tmp / "marketing.parquet", store_schema=False)
        infos = [r["info"] for r in results]
        rows = {name: sum(info["rows"][name] for info in infos) for name in TABLES}
        rows["marketing"] = marketing.num_rows
        files = sorted([part_name(name, k) for name in TABLES if name != "marketing" for k in range(shards)]
                       + ["marketing.parquet", "scenario.yaml", "manifest.json"])
        manifest.update({
            "seed": seed, "package": "sim", "version": __version__, **(meta or {}),
            "scenario": scenario.name, "observation_days": scenario.observation_days,
            "truth_horizon_days": scenario.truth_horizon_days, "prospects_scale": prospects_scale,
            "service_agents": staff_of(infos), "rows": rows, "layout": "partitioned", "files": files,
            "shards": [{k: v for k, v in info.items() if k in SHARD_KEYS} for info in infos],
        })
        (tmp / "scenario.yaml").write_text(dump_yaml(scenario), encoding="utf-8")
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        manifest["_measured"] = infos

    folder.write(fill)
    return manifest


SHARD_KEYS = ("shard", "seed", "prospects_scale", "service_agents", "rows")
"""What ``manifest.json`` records of each shard (no clock time: the same run gives the same manifest)."""


def cpu_count() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


__all__ = ["MAX_JOBS", "MAX_SHARDS", "add_marketing", "merge", "part_name", "run_shard", "run_shards",
           "shard_tag", "unique_emails", "write_partitioned", "write_shard"]
