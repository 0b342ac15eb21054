"""The service desk and service quality as a report: staffing what-ifs, Erlang C checks, satisfaction, priorities.

Lecture 000 §4–6 (Dịch vụ khách hàng; Các công cụ hỗ trợ dịch vụ khách hàng)
describes the service an online shop gives along the life cycle of a product
(xác định yêu cầu → mua → sở hữu → không dùng nữa) and the tools that give it:
FAQ pages and search, automatic replies, order-tracking pages, chat rooms and
e-mail. Lecture 001 (Chất lượng dịch vụ thương mại điện tử) measures the quality
customers perceive with RATER / SERVQUAL (Parasuraman, Zeithaml & Berry 1985, 1988).

This module builds on :mod:`sim.analytics.service` and :mod:`sim.analytics.queueing`:

* :func:`lifecycle_tool_table`: requests per life-cycle stage and tool;
* :func:`service_points` and :func:`satisfaction_by_wait`: what a wait does to satisfaction;
* :func:`desk_tickets`, :func:`unfinished`, :func:`desk_summary`, :func:`desk_what_if`, :func:`desk_sweep`:
  a busy desk run on its own (:func:`sim.service.simulate_desk`) for staffing what-ifs;
* :func:`mmc_scenario`, :func:`chat_arrivals_per_min`, :func:`erlang_comparison`, :func:`erlang_assumptions`:
  the simulated chat room against Erlang C, where the formula's assumptions hold and where they do not;
* :func:`gap_priorities`: SERVQUAL gaps against their effect on satisfaction;
* :func:`e_service_measures`, :func:`servqual_gap_measures`, :func:`interval_table`: measures for
  :func:`sim.sweep` and a compact table of its means and confidence intervals.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sim.analytics._frame import check_range, datetimes, numbers, require_columns, timestamp
from sim.analytics.queueing import erlang_c_service_level, expected_wait_min
from sim.analytics.service import (
    AGENT_TOOLS,
    TOOLS,
    deflection,
    gap_drivers,
    service_level,
    servqual_gaps,
    wait_ecdf,
    wait_time_summary,
)
from sim.errors import DataError
from sim.intervals import t_interval
from sim.labels import LIFECYCLE_STAGES, label, vi_number
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario, Service
from sim.service import request_points

MIN_PER_DAY = 1440.0


# --------------------------------------------------------------------- helpers
def _booleans(df: pd.DataFrame, column: str, table: str) -> pd.Series:
    """The column as booleans (True/False, also as text); refuses anything else."""
    mapped = df[column].map({True: True, False: False, "True": True, "False": False})
    bad = df[column][mapped.isna() & df[column].notna()]
    if len(bad):
        raise DataError([(f"{table}.{column}", bad.iloc[0], "phải là True hoặc False", "must be True or False")])
    return mapped.fillna(False).astype(bool)


def _service(scenario: Scenario | Service) -> Service:
    if isinstance(scenario, Scenario):
        return scenario.service
    if isinstance(scenario, Service):
        return scenario
    raise DataError([("scenario", type(scenario).__name__, "cần một Scenario hoặc khối service của nó",
                      "expected a Scenario or its service block")])


def _scenario(scenario: Scenario | str) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


# ------------------------------------------------------- life cycle and tools
def lifecycle_tool_table(tickets: pd.DataFrame, *, wide: bool = False) -> pd.DataFrame:
    """Service requests per stage of the product's life cycle and per service tool.

    requests(s, t) = #(tickets with lifecycle_stage = s and tool = t),
    share_of_stage(s, t) = requests(s, t) / Σ_t requests(s, t).

    Lecture 000 §4.2 (chu trình sống của mặt hàng: xác định yêu cầu → mua mặt
    hàng → sở hữu mặt hàng → không dùng nữa) and §6 (các công cụ hỗ trợ dịch vụ
    khách hàng).

    Args:
        tickets: the ``tickets`` table (columns ``lifecycle_stage`` and ``tool``).
        wide: ``False`` (default) gives one row per stage × tool; ``True`` gives one
            row per stage and one column of counts per tool.

    Returns:
        Long: ``lifecycle_stage``, ``tool``, ``requests``, ``share_of_stage`` (NaN for a
        stage without requests). Stages come in the lecture's order (the four known
        stages always, then any other value found), tools in the order tracking page,
        FAQ, automatic reply, chat, e-mail (then any other). Wide: the counts, indexed by
        ``lifecycle_stage``.

    Raises:
        DataError: a missing column.
    """
    df = require_columns(tickets, ["lifecycle_stage", "tool"], "tickets")
    stage_values, tool_values = df["lifecycle_stage"].astype(str), df["tool"].astype(str)
    stages = list(LIFECYCLE_STAGES) + sorted(set(stage_values) - set(LIFECYCLE_STAGES))
    tools = list(TOOLS) + sorted(set(tool_values) - set(TOOLS))
    counts = pd.crosstab(stage_values, tool_values).reindex(index=stages, columns=tools, fill_value=0)
    counts.index.name, counts.columns.name = "lifecycle_stage", None
    if wide:
        return counts.astype(int)
    totals = counts.sum(axis=1)
    long = counts.stack().reset_index()
    long.columns = ["lifecycle_stage", "tool", "requests"]
    stage_total = long["lifecycle_stage"].map(totals)
    long["requests"] = long["requests"].astype(int)
    long["share_of_stage"] = (long["requests"] / stage_total).where(stage_total > 0)
    return long


# ------------------------------------------------------ waits and satisfaction
def service_points(tickets: pd.DataFrame, scenario: Scenario | Service) -> pd.Series:
    """Satisfaction points each request adds at the customer's next evaluation, as the simulator counts them.

    Applies :func:`sim.service.request_points` (the rule of ``Model.service_experience``) to
    each ticket: an agent's answer earns the fast bonus when resolved within the target and
    loses points per hour of waiting; a resolved self-service answer earns the bonus; an
    unresolved request loses ``unresolved_penalty_points``. The points are added to the 1–5
    satisfaction score of the customer's next post-purchase evaluation. Lecture 000 §4
    (dịch vụ khách hàng làm thỏa mãn mong đợi của khách hàng; giải quyết vướng mắc nhanh hơn).

    Args:
        tickets: a table with ``tool``, ``wait_min`` and ``resolved`` (the ``tickets``
            table or :func:`desk_tickets`).
        scenario: the Scenario (or its ``service`` block) whose rule to apply.

    Returns:
        The points per ticket (same index); NaN where the wait is unknown (still open).

    Raises:
        DataError: a missing column, a wait that is not a number or a bad ``resolved``.
    """
    sv = _service(scenario)
    df = require_columns(tickets, ["tool", "wait_min", "resolved"], "tickets")
    wait = numbers(df, "wait_min", "tickets")
    resolved = _booleans(df, "resolved", "tickets")
    points = [math.nan if math.isnan(w) else request_points(tool, w, bool(ok), sv)  # NaN wait: still open
              for tool, w, ok in zip(df["tool"].astype(str), wait, resolved, strict=True)]
    return pd.Series(points, index=df.index, dtype=float, name="satisfaction_points")


def _band_names(edges: list[float], lang: str) -> list[str]:
    unit = label("wait_chart", "minutes", lang)  # type: ignore[arg-type]
    names = [f"≤ {vi_number(edges[0], 0)} {unit}"]
    names += [f"{vi_number(lo, 0)}–{vi_number(hi, 0)} {unit}" for lo, hi in itertools.pairwise(edges)]
    return [*names, f"> {vi_number(edges[-1], 0)} {unit}"]


def satisfaction_by_wait(tickets: pd.DataFrame, surveys: pd.DataFrame, bands_min: Sequence[float] = (2, 60, 240), *,
                         within_days: float = 20.0, tools: Iterable[str] = AGENT_TOOLS, level: float = 0.95,
                         lang: str = "vi") -> pd.DataFrame:
    """Mean satisfaction of customers by how long they waited for an agent.

    Each ticket of ``tools`` with a known wait (answered, or given up: the wait of
    a customer who gave up is their patience) is matched to the **first survey the
    same customer answered after the ticket, within** ``within_days`` **days**;
    tickets without such a survey are left out. The tickets are put in wait bands
    [0, b_1], (b_1, b_2], …, (b_k, ∞) and for each band

        mean = Σ satisfaction / n,  interval = mean ± t(1 − α/2, n − 1) · sd / √n.

    Lecture 000 §4 (dịch vụ khách hàng làm thỏa mãn mong đợi; giải quyết vướng mắc
    nhanh hơn); the stylized fact "customers helped fast are more satisfied".

    Args:
        tickets: ``tickets`` (``customer_id``, ``at``, ``tool``, ``wait_min``).
        surveys: ``surveys`` (``customer_id``, ``at``, ``satisfaction``).
        bands_min: the inner band edges in minutes, increasing and > 0 (default 2, 60, 240).
        within_days: how long after the ticket a survey still counts (> 0).
        tools: the agent tools to include (default chat and e-mail).
        level: confidence level of the interval.
        lang: ``"vi"`` or ``"en"`` for the band names.

    Returns:
        One row per band: ``band`` (its name, e.g. "2–60 phút"), ``low_min``, ``high_min``,
        ``tickets``, ``mean_satisfaction``, ``ci_low``, ``ci_high`` (NaN with fewer than two
        tickets; mean NaN with none).

    Raises:
        DataError: a missing column, bad values, or band edges that do not increase.
    """
    t = require_columns(tickets, ["customer_id", "at", "tool", "wait_min"], "tickets")
    s = require_columns(surveys, ["customer_id", "at", "satisfaction"], "surveys")
    edges = [float(check_range("bands_min", b, 0.0, low_open=True)) for b in bands_min]
    if not edges or any(b >= c for b, c in itertools.pairwise(edges)):
        raise DataError([("bands_min", list(bands_min), "cần ít nhất một mốc, tăng dần, ví dụ (2, 60, 240)",
                          "needs at least one edge, increasing, e.g. (2, 60, 240)")])
    window = pd.Timedelta(days=float(check_range("within_days", within_days, 0.0, low_open=True)))
    tools = list(tools)
    left = pd.DataFrame({"ticket": np.arange(len(t)), "customer_id": t["customer_id"].to_numpy(),
                         "at": datetimes(t, "at", "tickets").to_numpy(), "wait": numbers(t, "wait_min", "tickets").to_numpy(),
                         "tool": t["tool"].astype(str).to_numpy()})
    left = left[left["tool"].isin(tools) & left["wait"].notna()]
    right = pd.DataFrame({"customer_id": s["customer_id"].to_numpy(), "at_survey": datetimes(s, "at", "surveys").to_numpy(),
                          "satisfaction": numbers(s, "satisfaction", "surveys").to_numpy()})
    joined = left.merge(right, on="customer_id")
    joined = joined[(joined["at_survey"] > joined["at"]) & (joined["at_survey"] - joined["at"] <= window)]
    first = joined.sort_values(["ticket", "at_survey"]).drop_duplicates("ticket")
    bounds = [0.0, *edges, math.inf]
    codes = np.searchsorted(np.asarray(edges), first["wait"].to_numpy(float), side="left")  # w ≤ b_1 → 0, …
    rows = []
    for i, name in enumerate(_band_names(edges, lang)):
        values = first["satisfaction"].to_numpy(float)[codes == i]
        mean, low, high = t_interval(values, level)
        rows.append({"band": name, "low_min": bounds[i], "high_min": bounds[i + 1], "tickets": len(values),
                     "mean_satisfaction": mean, "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


# ------------------------------------------------------------- the desk alone
def desk_tickets(run: Mapping[str, Any], start: object = None) -> pd.DataFrame:
    """The requests of a desk run (:func:`sim.service.simulate_desk`) as a table like ``tickets``.

    A request arrived at ``arrived_day = done_day − (wait_min + handle_min) / 1440``: it waited,
    then was handled (or gave up after waiting, with ``handle_min`` = 0).

    Args:
        run: the dict ``simulate_desk`` returns (its ``outcomes``, in arrival order).
        start: the date and time the run's day 0 stands for (e.g. ``"2026-11-09"``); when given,
            an ``at`` column (arrival time, to the second) comes first and rows are sorted by it.

    Returns:
        One row per request: ``tool``, ``wait_min``, ``handle_min``, ``reneged``,
        ``resolved``, ``done_day`` (clock day when it was answered or given up) and
        ``arrived_day`` (clock day when it arrived).

    Raises:
        DataError: ``run`` has no ``outcomes``.
    """
    if not isinstance(run, Mapping) or "outcomes" not in run:
        raise DataError([("run", type(run).__name__, "cần kết quả của sim.service.simulate_desk (có khóa 'outcomes')",
                          "expected the result of sim.service.simulate_desk (with an 'outcomes' key)")])
    outcomes = run["outcomes"]
    table = pd.DataFrame({
        "tool": pd.Series([o.tool for o in outcomes], dtype=object),
        "wait_min": pd.Series([o.wait_min for o in outcomes], dtype=float),
        "handle_min": pd.Series([o.handle_min for o in outcomes], dtype=float),
        "reneged": pd.Series([o.reneged for o in outcomes], dtype=bool),
        "resolved": pd.Series([o.resolved for o in outcomes], dtype=bool),
        "done_day": pd.Series([o.done_at for o in outcomes], dtype=float),
    })
    table["arrived_day"] = table["done_day"] - (table["wait_min"] + table["handle_min"]) / MIN_PER_DAY
    if start is None:
        return table
    table.insert(0, "at", (timestamp("start", start) + pd.to_timedelta(table["arrived_day"], unit="D")).dt.round("s"))
    return table.sort_values("at", kind="stable", ignore_index=True)


def unfinished(run: Mapping[str, Any]) -> int:
    """Requests of a desk run still waiting when it ended: arrivals − finished outcomes.

    :func:`sim.service.simulate_desk` runs two more days after the last arrival and
    returns only the requests that were answered or given up by then. When a queue
    cannot keep up (offered load ≥ the agents' capacity), the rest are still
    waiting: they are missing from :func:`desk_tickets`, so its waits look shorter
    than the desk really is. A positive count is the sign of an overloaded desk.

    Raises:
        DataError: ``run`` is not the result of ``simulate_desk``.
    """
    if not isinstance(run, Mapping) or "outcomes" not in run or "requests" not in run:
        raise DataError([("run", type(run).__name__, "cần kết quả của sim.service.simulate_desk",
                          "expected the result of sim.service.simulate_desk")])
    return int(run["requests"]) - len(run["outcomes"])


def desk_summary(tickets: pd.DataFrame, scenario: Scenario | Service,
                 utilisation: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per service tool: volume, service level, waits and the satisfaction points it brings.

    * share = requests of the tool / all requests (the self-service shares add up to the
      FAQ deflection of :func:`sim.analytics.service.deflection`);
    * service_level = answered within T / (answered + reneged), T = ``service_level_target_min``
      (:func:`sim.analytics.service.service_level`; chat and e-mail only);
    * mean_wait_min over answered requests, reneged_share = reneged / (answered + reneged)
      (:func:`sim.analytics.service.wait_time_summary`);
    * satisfaction_points = mean of :func:`service_points` over the tool's requests;
    * utilisation = busy agent minutes / agent minutes on duty (from the desk run).

    Lecture 000 §6 (các công cụ hỗ trợ dịch vụ khách hàng).

    Args:
        tickets: ``tool``, ``wait_min``, ``reneged``, ``resolved`` (``tickets`` or :func:`desk_tickets`).
        scenario: the Scenario or its service block (target and satisfaction rule).
        utilisation: ``{"chat": ρ, "email": ρ}`` as ``simulate_desk`` returns it, or None.

    Returns:
        Columns ``tool``, ``requests``, ``share``, ``service_level``, ``mean_wait_min``,
        ``reneged_share``, ``satisfaction_points``, ``utilisation``; the five tools in the
        order tracking page, FAQ, automatic reply, chat, e-mail. Self-service tools have NaN
        service level, wait and utilisation.

    Raises:
        DataError: a missing column or a bad value.
    """
    sv = _service(scenario)
    df = require_columns(tickets, ["tool", "wait_min", "reneged", "resolved"], "tickets")
    points = service_points(df, sv)
    tool = df["tool"].astype(str)
    waits = wait_time_summary(df, AGENT_TOOLS).set_index("tool")
    levels = service_level(df, sv.service_level_target_min, AGENT_TOOLS).set_index("tool")["service_level"]
    total = len(df)
    rows = []
    for name in TOOLS:
        mine = tool == name
        n = int(mine.sum())
        agent = name in AGENT_TOOLS
        rows.append({
            "tool": name,
            "requests": n,
            "share": n / total if total else math.nan,
            "service_level": float(levels[name]) if agent else math.nan,
            "mean_wait_min": float(waits.loc[name, "mean_wait_min"]) if agent else math.nan,
            "reneged_share": float(waits.loc[name, "reneged_share"]) if agent else math.nan,
            "satisfaction_points": float(points[mine].mean()) if n else math.nan,
            "utilisation": float(utilisation.get(name, math.nan)) if (agent and utilisation) else math.nan,
        })
    return pd.DataFrame(rows)


def desk_what_if(scenario: Scenario | str, *, chat_agents: int, email_agents: int, faq_coverage: float,
                 requests_per_hour: float, days: float = 7.0, seed: int = 2026) -> dict[str, Any]:
    """Run the service desk alone with other staffing and FAQ coverage: the staffing what-if.

    The scenario's service block gets ``service.chat.agents``, ``service.email.agents``
    and ``service.faq_coverage`` changed (:func:`sim.with_changes`), then
    :func:`sim.service.simulate_desk` sends it Poisson requests at ``requests_per_hour``
    for ``days`` days. Lecture 000 §6 (phòng chat, email, FAQ).

    Args:
        scenario: a Scenario or preset name.
        chat_agents, email_agents: agents on each desk (integers ≥ 0).
        faq_coverage: share of requests FAQ pages and search answer, in [0, 1].
        requests_per_hour: arrival rate of requests (> 0).
        days: length of the run in days (> 0).
        seed: the run's seed (same seed: same arrivals, common random numbers across settings).

    Returns:
        ``{"tickets": desk_tickets(run), "summary": desk_summary(...), "ecdf": wait_ecdf(tickets),
        "target_min": T, "unfinished": unfinished(run), "scenario": the changed Scenario}``.

    Raises:
        ScenarioError: a value the scenario does not allow. DataError: a bad rate or length.
    """
    check_range("requests_per_hour", requests_per_hour, 0.0, low_open=True)
    check_range("days", days, 0.0, low_open=True)
    from sim.service import simulate_desk

    changed = with_changes(_scenario(scenario), {"service.chat.agents": chat_agents, "service.email.agents": email_agents,
                                                 "service.faq_coverage": faq_coverage})
    run = simulate_desk(changed.service, requests_per_hour, days, seed)
    tickets = desk_tickets(run)
    return {"tickets": tickets, "summary": desk_summary(tickets, changed, run["utilization"]), "ecdf": wait_ecdf(tickets),
            "target_min": changed.service.service_level_target_min, "unfinished": unfinished(run), "scenario": changed}


def desk_sweep(scenario: Scenario | str, parameter: str, values: Sequence[Any], *, requests_per_hour: float,
               days: float = 7.0, seed: int = 2026) -> pd.DataFrame:
    """The desk run alone for several values of one lever, with the same seed (common random numbers).

    For each value v the scenario gets ``parameter = v`` and the desk runs as in
    :func:`desk_what_if`; the row holds the FAQ deflection (self-service / all
    requests), each agent tool's service level, mean wait and utilisation, the chat
    reneged share and the mean :func:`service_points` over **all** requests (self-service
    ones count 0 unless unresolved). Lecture 000 §6.

    Args:
        scenario: a Scenario or preset name.
        parameter: a dotted scenario field, e.g. ``"service.faq_coverage"`` or ``"service.email.agents"``.
        values: the values to try.
        requests_per_hour, days, seed: as in :func:`desk_what_if`.

    Returns:
        One row per value: the ``parameter`` column, ``requests`` (finished), ``unfinished``, ``deflection_rate``,
        ``chat_service_level``, ``chat_mean_wait_min``, ``chat_reneged_share``, ``chat_utilisation``,
        ``email_service_level``, ``email_mean_wait_min``, ``email_utilisation``, ``satisfaction_points``.

    Raises:
        ScenarioError: an unknown field or a value it does not allow. DataError: bad arguments.
    """
    check_range("requests_per_hour", requests_per_hour, 0.0, low_open=True)
    check_range("days", days, 0.0, low_open=True)
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
        raise DataError([("values", values, "cần một danh sách giá trị không rỗng", "needs a non-empty list of values")])
    from sim.service import simulate_desk

    base = _scenario(scenario)
    rows = []
    for value in values:
        changed = with_changes(base, {parameter: value})
        run = simulate_desk(changed.service, requests_per_hour, days, seed)
        tickets = desk_tickets(run)
        summary = desk_summary(tickets, changed, run["utilization"]).set_index("tool")
        row: dict[str, Any] = {parameter: value, "requests": len(tickets), "unfinished": unfinished(run),
                               "deflection_rate": float(deflection(tickets)["deflection_rate"].iloc[0])}
        for tool in AGENT_TOOLS:
            row[f"{tool}_service_level"] = summary.loc[tool, "service_level"]
            row[f"{tool}_mean_wait_min"] = summary.loc[tool, "mean_wait_min"]
            if tool == "chat":
                row["chat_reneged_share"] = summary.loc[tool, "reneged_share"]
            row[f"{tool}_utilisation"] = summary.loc[tool, "utilisation"]
        row["satisfaction_points"] = float(service_points(tickets, changed).mean())
        rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------ against Erlang C
def mmc_scenario(scenario: Scenario | str) -> Scenario:
    """The scenario with a chat room where the M/M/c assumptions of Erlang C hold.

    No self-service (FAQ coverage, automatic replies and the tracking page off),
    every contact goes to chat (chat_share = 1), chat open 24 hours, exponential
    handling times, nobody leaves the queue (patience 0 = endless). Arrivals of
    :func:`sim.service.simulate_desk` are Poisson already. Lecture 000 §6; Erlang (1917).
    """
    return with_changes(_scenario(scenario), {
        "service.faq_coverage": 0.0, "service.auto_reply_share": 0.0, "service.order_tracking_page": False,
        "service.chat_share": 1.0, "service.mean_patience_min": 0.0, "service.chat.opens_hour": 0.0,
        "service.chat.closes_hour": 24.0, "service.chat.handle_time": "exponential"})


def chat_arrivals_per_min(scenario: Scenario | Service, requests_per_hour: float) -> float:
    """Arrival rate at the chat queue while the chat room is open, λ = r/60 · (1 − f) · (1 − a) · s.

    r = requests per hour reaching the desk, f = FAQ coverage, a = automatic-reply
    share, s = share who choose chat (1 when there are no e-mail agents). Requests of
    :func:`sim.service.simulate_desk` are questions, which the tracking page does not answer.
    """
    sv = _service(scenario)
    share = sv.chat_share if sv.email.agents > 0 else 1.0
    return requests_per_hour / 60.0 * (1.0 - sv.faq_coverage) * (1.0 - sv.auto_reply_share) * share


def erlang_comparison(scenario: Scenario | str, requests_per_hour: float, agents: Iterable[int] = (2, 3, 4), *,
                      days: float = 14.0, seed: int = 2026, batches: int = 20, level: float = 0.95) -> pd.DataFrame:
    """Simulated chat service level and wait against Erlang C, for several numbers of chat agents.

    For each c the desk runs alone (:func:`sim.service.simulate_desk`, same seed) with
    c chat agents. The simulated service level is SL = answered within T / offered
    (reneged count as not answered), T = ``service_level_target_min``; its interval
    comes from batch means (the chats, in arrival order, are cut into ``batches``
    groups; waits next to each other are correlated, group means much less):
    mean ± t(1 − α/2, B − 1) · sd(batch SL) / √B. Erlang C gives
    SL = 1 − C(c, a)·e^{−(cμ − λ)T} and W_q = C(c, a)/(cμ − λ) with λ from
    :func:`chat_arrivals_per_min` and 1/μ = ``service.chat.mean_handle_min``
    (:mod:`sim.analytics.queueing`). The two agree when the desk meets the M/M/c
    assumptions (:func:`mmc_scenario`); otherwise the formula is a benchmark only.
    Lecture 000 §6; Erlang (1917).

    Args:
        scenario: a Scenario or preset name (its service block is used).
        requests_per_hour: requests per hour reaching the desk (> 0).
        agents: the numbers of chat agents to try (integers ≥ 1).
        days: length of each run (> 0). seed: the runs' seed.
        batches: number of batches for the interval (integer ≥ 2).
        level: confidence level.

    Returns:
        One row per c: ``agents``, ``arrivals_per_min`` (λ), ``utilisation`` (ρ = λ/(cμ)),
        ``chats`` (offered), ``simulated_service_level``, ``ci_low``, ``ci_high``,
        ``erlang_service_level``, ``simulated_mean_wait_min`` (answered chats),
        ``erlang_mean_wait_min`` (∞ when ρ ≥ 1) and ``reneged_share``.

    Raises:
        DataError: bad arguments, or too few chats for the batches. ScenarioError: a bad number of agents.
    """
    check_range("requests_per_hour", requests_per_hour, 0.0, low_open=True)
    check_range("days", days, 0.0, low_open=True)
    check_range("batches", batches, 2, integer=True)
    from sim.service import simulate_desk

    base = _scenario(scenario)
    rows = []
    for c in agents:
        check_range("agents", c, 1, integer=True)
        changed = with_changes(base, {"service.chat.agents": c})
        sv = changed.service
        lam, handle, target = chat_arrivals_per_min(sv, requests_per_hour), sv.chat.mean_handle_min, sv.service_level_target_min
        chats = desk_tickets(simulate_desk(sv, requests_per_hour, days, seed))
        chats = chats[chats["tool"] == "chat"]
        offered = chats["wait_min"].notna().to_numpy()
        within = ((chats["wait_min"] <= target) & ~chats["reneged"]).to_numpy()[offered].astype(float)
        if len(within) < batches:
            raise DataError([("days", days, f"quá ít yêu cầu chat ({len(within)}) cho {batches} nhóm; hãy chạy lâu hơn",
                              f"too few chats ({len(within)}) for {batches} batches; run longer")])
        _, low, high = t_interval(np.array([b.mean() for b in np.array_split(within, batches)]), level)
        answered = chats.loc[~chats["reneged"] & chats["wait_min"].notna(), "wait_min"]
        rows.append({
            "agents": c,
            "arrivals_per_min": lam,
            "utilisation": lam * handle / c,
            "chats": int(offered.sum()),
            "simulated_service_level": float(within.mean()),
            "ci_low": low,
            "ci_high": high,
            "erlang_service_level": erlang_c_service_level(lam, handle, c, target),
            "simulated_mean_wait_min": float(answered.mean()) if len(answered) else math.nan,
            "erlang_mean_wait_min": expected_wait_min(lam, handle, c),
            "reneged_share": float(chats["reneged"].to_numpy()[offered].mean()),
        })
    return pd.DataFrame(rows)


QUEUE_VARIANTS: tuple[str, ...] = ("mmc", "handle_time", "patience", "opening_hours", "scenario")
"""The desks of :func:`erlang_assumptions`, from "every M/M/c assumption holds" to "the scenario as it is"."""


def erlang_assumptions(scenario: Scenario | str, requests_per_hour: float, agents: Iterable[int] = (2, 3, 4), *,
                       days: float = 14.0, seed: int = 2026) -> pd.DataFrame:
    """:func:`erlang_comparison` for desks that break the Erlang C assumptions one at a time.

    Variants (label kind ``queue_variant``): ``mmc`` = :func:`mmc_scenario`;
    ``handle_time`` = mmc with the scenario's handling-time distribution;
    ``patience`` = mmc with the scenario's patience (customers leave the queue);
    ``opening_hours`` = mmc with the scenario's chat opening hours; ``scenario`` = the
    desk exactly as the scenario has it (self-service, chat share, e-mail, hours,
    patience, handling times). Lecture 000 §6; Erlang (1917).

    Args:
        scenario, requests_per_hour, agents, days, seed: as in :func:`erlang_comparison`.

    Returns:
        The rows of :func:`erlang_comparison` with a first column ``variant``.
    """
    base = _scenario(scenario)
    chat, sv = base.service.chat, base.service
    mmc = mmc_scenario(base)
    variants = {
        "mmc": mmc,
        "handle_time": with_changes(mmc, {"service.chat.handle_time": chat.handle_time, "service.chat.handle_cv": chat.handle_cv}),
        "patience": with_changes(mmc, {"service.mean_patience_min": sv.mean_patience_min}),
        "opening_hours": with_changes(mmc, {"service.chat.opens_hour": chat.opens_hour, "service.chat.closes_hour": chat.closes_hour}),
        "scenario": base,
    }
    parts = [erlang_comparison(sc, requests_per_hour, agents, days=days, seed=seed).assign(variant=name)
             for name, sc in variants.items()]
    out = pd.concat(parts, ignore_index=True)
    return out[["variant", *[c for c in out.columns if c != "variant"]]]


# --------------------------------------------------------------- service quality
PRIORITIES: tuple[str, ...] = ("concentrate", "keep_up", "low_priority", "overkill")
"""Importance–performance quadrants (Martilla & James 1977), label kind ``gap_priority``."""


def gap_priorities(surveys: pd.DataFrame) -> pd.DataFrame:
    """SERVQUAL gaps against how strongly each gap moves satisfaction: where to improve first.

    Performance is the gap g_d = mean(perception_d) − mean(expectation_d)
    (:func:`sim.analytics.service.servqual_gaps`); importance is the standardized
    regression coefficient β_d of satisfaction on all gaps
    (:func:`sim.analytics.service.gap_drivers`). With the cross-hairs at g = 0 and at
    the median β over the dimensions (an importance–performance grid, Martilla &
    James 1977):

    * ``concentrate``: g < 0 and β ≥ median (falls short where it matters: fix first);
    * ``keep_up``: g ≥ 0 and β ≥ median;
    * ``low_priority``: g < 0 and β < median;
    * ``overkill``: g ≥ 0 and β < median.

    Lecture 001 (Chất lượng dịch vụ TMĐT: RATER, SERVQUAL; Parasuraman et al. 1985, 1988).

    Args:
        surveys: the ``surveys`` table (``satisfaction`` and ``<dimension>_expectation`` /
            ``<dimension>_perception`` pairs).

    Returns:
        One row per dimension: ``dimension``, ``expectation``, ``perception``, ``gap``,
        ``correlation``, ``standardized_coefficient``, ``rank`` (1 = largest |β|) and
        ``priority`` (None where β is NaN).

    Raises:
        DataError: as :func:`sim.analytics.service.gap_drivers`.
    """
    gaps = servqual_gaps(surveys)
    drivers = gap_drivers(surveys)
    out = gaps[["dimension", "expectation", "perception", "gap"]].merge(
        drivers[["dimension", "correlation", "standardized_coefficient", "rank"]], on="dimension", how="left")
    beta = out["standardized_coefficient"]
    cut = float(beta.median()) if beta.notna().any() else math.nan
    important, short = beta >= cut, out["gap"] < 0
    quadrant = np.select([short & important, ~short & important, short & ~important, ~short & ~important],
                         list(PRIORITIES), default="")
    out["priority"] = pd.Series([None if missing else q for q, missing in zip(quadrant, beta.isna(), strict=True)],
                                index=out.index, dtype=object)
    return out


# ---------------------------------------------------- measures for sim.sweep
def e_service_measures(result: Any) -> dict[str, float]:
    """Buyer conversion, NPS and mean satisfaction of a run: what the three kinds of e-service move.

    buyer_rate = customers with an order / customers (prospects) and nps = %promoters − %detractors,
    as in :func:`sim.analytics.kpis.headline` (computed alone, which is faster);
    satisfaction = mean of ``surveys.satisfaction`` (1–5). For :func:`sim.sweep` with
    ``e_services.*`` levers. Lecture 000 §4.1 (dịch vụ nền tảng, trung tâm, hỗ trợ thêm).
    """
    from sim.analytics.nps import nps_summary

    t = result.tables
    prospects = len(require_columns(t["customers"], ["customer_id"], "customers"))
    buyers = require_columns(t["orders"], ["customer_id"], "orders")["customer_id"].nunique()
    surveys = t["surveys"]
    return {"buyer_rate": buyers / prospects if prospects else math.nan, "nps": float(nps_summary(surveys)["nps"]),
            "satisfaction": float(numbers(surveys, "satisfaction", "surveys").mean())}


def servqual_gap_measures(result: Any) -> dict[str, float]:
    """Each dimension's SERVQUAL gap and the mean satisfaction of a run, for :func:`sim.sweep`.

    gap_d = mean(perception_d) − mean(expectation_d) (:func:`sim.analytics.service.servqual_gaps`),
    keyed by the dimension's name; ``satisfaction`` = mean of ``surveys.satisfaction``.
    Lecture 001 (RATER, SERVQUAL).
    """
    surveys = result.tables["surveys"]
    gaps = servqual_gaps(surveys)
    out = dict(zip(gaps["dimension"], gaps["gap"].astype(float), strict=True))
    out["satisfaction"] = float(numbers(surveys, "satisfaction", "surveys").mean())
    return out


def interval_table(summary: pd.DataFrame, by: str | Sequence[str], *, digits: int = 2) -> pd.DataFrame:
    """A :func:`sim.sweep` summary as one row per measure and one column per setting: "mean [low; high]".

    Each cell is the mean over the seeds and its confidence interval, written the
    Vietnamese way (decimal comma), e.g. ``3,41 [3,30; 3,52]``.

    Args:
        summary: the tidy table of :func:`sim.sweep` / :func:`sim.replicate` (``measure``,
            ``mean``, ``ci_low``, ``ci_high`` and the ``by`` columns).
        by: the parameter column(s) that name a setting.
        digits: decimals shown.

    Returns:
        Index ``measure`` (in the order the measures first appear), one column per setting.

    Raises:
        DataError: a missing column or a bad ``digits``.
    """
    by = [by] if isinstance(by, str) else list(by)
    df = require_columns(summary, [*by, "measure", "mean", "ci_low", "ci_high"], "summary")
    check_range("digits", digits, 0, 10, integer=True)
    cells = [f"{vi_number(m, digits)} [{vi_number(lo, digits)}; {vi_number(hi, digits)}]" if not math.isnan(m) else ""
             for m, lo, hi in zip(df["mean"].astype(float), df["ci_low"].astype(float), df["ci_high"].astype(float),
                                  strict=True)]
    wide = df.assign(cell=cells).pivot(index="measure", columns=by if len(by) > 1 else by[0], values="cell")
    return wide.reindex(list(dict.fromkeys(df["measure"])))
