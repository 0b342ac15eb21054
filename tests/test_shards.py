"""Runs in shards: each shard a share of the demand, budgets and staff; the same seed and shard count give the same run.

A shard is not the same system as the whole (its customers queue for its own agents only), so the
headline KPIs of sharded runs are compared with those of whole runs over ten seeds each, at a size
where each shard still has seven agents per desk.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy.special import stdtrit

import sim
from sim.base.errors import DataError
from sim.base.units import DAYS_PER_MONTH
from sim.engine.io import read_manifest, read_tables
from sim.engine.model import Model
from sim.engine.shards import add_marketing, shard_tag, unique_emails, write_partitioned
from sim.measures import crm_db
from sim.measures.kpis import KPIS, headline

ID_COLUMNS = {"customers": ["customer_id"], "orders": ["order_id"], "tickets": ["ticket_id"], "surveys": ["survey_id"],
              "truth": ["customer_id"]}


def _same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert a.keys() == b.keys()
    for name, frame in a.items():
        pd.testing.assert_frame_equal(frame, b[name], check_exact=True, obj=name)


def test_the_same_seed_and_shards_give_the_same_run_however_many_processes():
    one = sim.simulate("demo", seed=5, shards=3, jobs=1)
    two = sim.simulate("demo", seed=5, shards=3, jobs=2)
    _same_tables(one.tables, two.tables)
    assert one.manifest() == two.manifest()
    other = sim.simulate("demo", seed=6, shards=3, jobs=2)
    assert not other.orders.equals(one.orders)


def test_shards_draw_from_the_children_of_the_seed():
    """Shard k of a run with seed s is the run of SeedSequence(s).spawn(n)[k] (recorded in the manifest)."""
    result = sim.simulate("demo", seed=5, shards=3)
    assert [s["seed"] for s in result.manifest()["shards"]] == [{"entropy": 5, "spawn_key": [k]} for k in range(3)]
    child = np.random.SeedSequence(5).spawn(3)[1]
    alone = Model(sim.load_scenario("demo"), child, prospects_scale=1 / 3, shop_seed=5)
    alone.run()
    second = result.customers[result.customers["customer_id"].str.startswith("KH02-")]
    assert len(second) == len(alone.arrival)


def test_identifiers_are_unique_across_shards_and_every_reference_resolves():
    result = sim.simulate("demo", seed=2, shards=4, jobs=2)
    for name, columns in ID_COLUMNS.items():
        for column in columns:
            assert result.tables[name][column].is_unique, (name, column)
    known = set(result.customers["customer_id"])
    for name in ("journey", "orders", "tickets", "surveys"):
        assert set(result.tables[name]["customer_id"]) <= known, name
    referred = result.customers["referred_by"].dropna()
    assert set(referred) <= known
    assert result.customers["email"].is_unique
    assert {i[:5] for i in result.customers["customer_id"]} == {"KH01-", "KH02-", "KH03-", "KH04-"}
    assert shard_tag(0, 4) == "01-" and shard_tag(11, 120) == "012-"


def test_every_shard_sells_the_same_catalogue_as_the_whole_run():
    scenario = sim.load_scenario("default")
    whole = Model(scenario, 9)
    shard = Model(scenario, np.random.SeedSequence(9).spawn(2)[1], prospects_scale=0.5, shop_seed=9)
    assert shard.products == whole.products and shard.companion == whole.companion
    assert shard.launch_times == whole.launch_times


def test_each_shard_gets_its_share_of_staff_and_fixed_spend():
    """Staff: max(1, round(agents × scale / shards)); fixed monthly spend split so that the shards add up to the whole."""
    scenario = sim.load_scenario("default")
    whole = sim.simulate(scenario, seed=1, customers=11_200, days=30)
    sharded = sim.simulate(scenario, seed=1, customers=11_200, days=30, shards=2)
    scale = whole.prospects_scale
    per_shard = max(1, round(1 * scale / 2))  # the default desk has 1 chat and 1 e-mail agent
    assert [s["service_agents"]["chat"] for s in sharded.manifest()["shards"]] == [per_shard, per_shard]
    assert sharded.service_agents == {"chat": 2 * per_shard, "email": 2 * per_shard}
    content = scenario.channels.organic_search.content_cost_per_month_vnd / DAYS_PER_MONTH * scale  # VND a day
    for result in (whole, sharded):
        organic = result.marketing[result.marketing["channel"] == "organic_search"]["spend_vnd"]
        # each shard rounds its day's spend to the đồng: at most one đồng a shard a day
        assert organic.sum() == pytest.approx(content * 30, abs=2 * 30)


def test_marketing_of_the_shards_is_added_up():
    a = pa.table({"date": [1, 2], "channel": ["x", "y"], "purpose": ["p", "p"], "spend_vnd": [10, 20],
                  "clicks": pa.array([1, None], type=pa.int64())})
    b = pa.table({"date": [1, 2], "channel": ["x", "y"], "purpose": ["p", "p"], "spend_vnd": [5, 7],
                  "clicks": pa.array([3, None], type=pa.int64())})
    total = add_marketing([a, b])
    assert total.column("spend_vnd").to_pylist() == [15, 27]
    assert total.column("clicks").to_pylist() == [4, None]
    with pytest.raises(ValueError, match="same rows"):
        add_marketing([a, b.set_column(1, "channel", pa.array(["y", "x"]))])


def test_a_repeated_email_gets_its_row_number():
    customers = pa.table({"email": ["an@x.vn", "binh@x.vn", "an@x.vn", "an2@x.vn", "an@x.vn"]})
    assert unique_emails(customers).column("email").to_pylist() == [
        "an@x.vn", "binh@x.vn", "an2@x.vn", "an23@x.vn", "an4@x.vn"]


def _welch_half_width(a: np.ndarray, b: np.ndarray, level: float) -> float:
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    if va + vb == 0:
        return 0.0  # no spread on either side: the means must be equal
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return float(stdtrit(df, 0.5 + level / 2) * math.sqrt(va + vb))


def test_headline_kpis_of_sharded_runs_agree_with_whole_runs():
    """Ten seeds whole, ten seeds in two shards, the same total staff (7 + 7 = 14 agents per desk).

    For every headline KPI the difference of the means lies within Welch's interval, at a
    family-wise level of 95 % over the twelve KPIs (Bonferroni: 1 − 0.05/12 each). With seven
    agents a shard, the pooled desk's advantage (Erlang C) is within the noise of ten runs.
    """
    scenario = sim.load_scenario("default")
    seeds = range(1, 11)
    whole = pd.DataFrame([headline(sim.simulate(scenario, seed=s, customers=11_200, days=30)) for s in seeds])
    split = pd.DataFrame([headline(sim.simulate(scenario, seed=s, customers=11_200, days=30, shards=2, jobs=2))
                          for s in seeds])
    level = 1 - 0.05 / len(KPIS)
    far = {}
    for kpi in KPIS:
        a, b = whole[kpi].to_numpy(float), split[kpi].to_numpy(float)
        half = _welch_half_width(a, b, level)
        if abs(a.mean() - b.mean()) > half:
            far[kpi] = (a.mean(), b.mean(), half)
    assert far == {}


def test_partitioned_run_reads_back_as_the_merged_run(tmp_path):
    merged = sim.simulate("demo", seed=8, shards=3, jobs=2)
    merged.write(tmp_path / "merged", fmt="parquet")
    scenario, scale = sim.load_scenario("demo"), merged.prospects_scale
    manifest = write_partitioned(scenario, 8, scale, 3, tmp_path / "parts", jobs=2)
    assert manifest["files"] == read_manifest(tmp_path / "parts")["files"]
    assert "customers-00003.parquet" in manifest["files"] and "marketing.parquet" in manifest["files"]
    a, b = read_tables(tmp_path / "merged"), read_tables(tmp_path / "parts")
    if a["customers"]["email"].equals(b["customers"]["email"]):  # no address repeated across shards in this run
        _same_tables(a, b)
    # a second partitioned run replaces the first whole (the folder belongs to the run)
    write_partitioned(scenario, 9, scale, 2, tmp_path / "parts", jobs=1)
    assert not any(f.name.endswith("-00003.parquet") for f in (tmp_path / "parts").iterdir())


def test_duckdb_queries_the_partitioned_run_where_it_lies(tmp_path):
    write_partitioned(sim.load_scenario("demo"), 4, 1.0, 3, tmp_path / "run", jobs=1)
    tables = read_tables(tmp_path / "run")
    con = crm_db.connect_partitioned(tmp_path / "run")
    revenue = crm_db.query(con, "SELECT category, SUM(amount_vnd) AS revenue_vnd FROM orders GROUP BY category "
                                "ORDER BY category")
    expected = tables["orders"].groupby("category")["amount_vnd"].sum().sort_index()
    assert crm_db.same_answer(revenue, expected)
    buyers = crm_db.query(con, "SELECT COUNT(DISTINCT customer_id) AS n FROM orders")["n"].iloc[0]
    assert buyers == tables["orders"]["customer_id"].nunique()
    spend = crm_db.query(con, "SELECT SUM(spend_vnd) AS s FROM marketing")["s"].iloc[0]
    assert spend == tables["marketing"]["spend_vnd"].sum()
    plan = crm_db.query(con, "EXPLAIN SELECT COUNT(*) FROM journey")
    assert "READ_PARQUET" in " ".join(plan.astype(str).to_numpy().ravel()).upper()  # read from the files, not loaded


def test_duckdb_refuses_a_folder_that_is_not_a_run(tmp_path):
    with pytest.raises(DataError, match=r"manifest\.json"):
        crm_db.connect_partitioned(tmp_path)
    sim.simulate("demo", seed=1, days=20).write(tmp_path / "csv")
    with pytest.raises(DataError, match="Parquet"):
        crm_db.connect_partitioned(tmp_path / "csv")


@pytest.mark.parametrize(("extra", "field"), [
    (["--shards", "0"], "--shards"), (["--jobs", "two"], "--jobs"), (["--shards", "10001"], "--shards"),
    (["--partitioned", "--format", "csv"], "--format"), (["--partitioned", "--dirty"], "--dirty"),
    (["--scheduler", "local"], "--scheduler"),
])
def test_bad_shard_options_are_refused_in_both_languages(tmp_path, extra, field):
    done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", "demo", "--out", str(tmp_path / "out"), *extra],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert f"`{field}`" in done.stderr and "Traceback" not in done.stderr
    assert "Tham số dòng lệnh không hợp lệ" in done.stderr and "Invalid command-line argument" in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_command_line_writes_a_sharded_run_and_its_manifest(tmp_path):
    for out, extra in ((tmp_path / "merged", []), (tmp_path / "parts", ["--partitioned"])):
        done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", "demo", "--seed", "3", "--days", "40",
                               "--shards", "2", "--jobs", "2", "--out", str(out), *extra],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        assert [s["shard"] for s in manifest["shards"]] == [1, 2]
        assert sum(s["rows"]["customers"] for s in manifest["shards"]) == manifest["rows"]["customers"]
    assert read_tables(tmp_path / "merged")["orders"].shape == read_tables(tmp_path / "parts")["orders"].shape


def test_simulate_refuses_bad_shards():
    with pytest.raises(sim.ScenarioError, match="shards"):
        sim.simulate("demo", shards=0)
    with pytest.raises(sim.ScenarioError, match="jobs"):
        sim.simulate("demo", shards=2, jobs=True)


def test_shards_on_a_dask_local_cluster_give_the_same_files(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    scenario = sim.load_scenario("demo")
    write_partitioned(scenario, 7, 1.0, 3, tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  memory_limit="1GiB") as cluster, distributed.Client(cluster) as client:
        write_partitioned(scenario, 7, 1.0, 3, tmp_path / "dask", client=client)
    _same_tables(read_tables(tmp_path / "local"), read_tables(tmp_path / "dask"))
