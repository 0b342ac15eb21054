"""Customer service and service quality: waits, service level, deflection, SERVQUAL gaps.

Lecture 000 §4–6 (Dịch vụ khách hàng; Các công cụ hỗ trợ dịch vụ khách hàng)
names the tools of an online service desk: order-tracking pages, FAQ pages,
automatic replies, chat rooms and e-mail. The first three are self-service;
chat and e-mail need an agent, and customers wait for them. Lecture 001
(Chất lượng dịch vụ thương mại điện tử) measures service quality with RATER /
SERVQUAL: the gap between what customers perceive and what they expected, per
dimension (Parasuraman, Zeithaml & Berry 1985, 1988).

The functions read the ``tickets`` table (tool, wait_min, reneged) and the
``surveys`` table (``<dimension>_expectation`` / ``<dimension>_perception``,
satisfaction), and work on any DataFrame with those columns.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.codes import AGENT_TOOLS, LIFECYCLE_STAGES
from sim.base.errors import DataError
from sim.base.formats import MISSING, format_value, unit_for, vi_number
from sim.base.intervals import t_interval
from sim.base.labels import label
from sim.base.units import MIN_PER_DAY
from sim.engine.service_desk import request_points
from sim.measures.frames import datetimes, flags, numbers, require_columns, timestamp
from sim.measures.nps import nps_summary
from sim.scenario.schema import Scenario, Service

SELF_SERVICE_TOOLS: tuple[str, ...] = ("tracking_page", "faq", "auto")
"""Tools that answer without an agent: order-tracking page, FAQ, automatic reply."""
TOOLS: tuple[str, ...] = SELF_SERVICE_TOOLS + AGENT_TOOLS


def _tools_argument(tools: object) -> list[str]:
    if isinstance(tools, str) or not isinstance(tools, Iterable):
        raise DataError([("tools", tools, f"phải là một danh sách công cụ, ví dụ {list(AGENT_TOOLS)}",
                          f"must be a list of tools, e.g. {list(AGENT_TOOLS)}")])
    tools = list(tools)
    if not tools:
        raise DataError([("tools", tools, "cần ít nhất một công cụ", "needs at least one tool")])
    return tools


def _queue_outcomes(tickets: object) -> pd.DataFrame:
    """tool, wait (NaN = still open), reneged, answered for every ticket."""
    df = require_columns(tickets, ["tool", "wait_min", "reneged"], "tickets")
    wait = numbers(df, "wait_min", "tickets")
    reneged = df["reneged"].map({True: True, False: False, "True": True, "False": False})  # 1 and 0 hash as True, False
    bad = df["reneged"][reneged.isna() & df["reneged"].notna()]
    if len(bad):
        raise DataError([("tickets.reneged", bad.iloc[0], "phải là True hoặc False", "must be True or False")])
    reneged = reneged.fillna(False).astype(bool)
    known = wait.notna()
    return pd.DataFrame({"tool": df["tool"].astype(str), "wait_min": wait,
                         "reneged": known & reneged, "answered": known & ~reneged})


def wait_time_summary(tickets: pd.DataFrame, tools: Iterable[str] = AGENT_TOOLS) -> pd.DataFrame:
    """Wait-time distribution per tool: count, mean, median, 90th percentile, share reneged.

    A ticket is *offered* to the queue when its wait is known: it is either
    *answered* (reneged = False) or *reneged* (the customer gave up waiting).
    Tickets with an empty ``wait_min`` were still open at the end of the window
    and are only counted in ``open``.

    * mean / median / p90 of ``wait_min`` over **answered** tickets only (the
      call-centre "average speed of answer"; the wait of a customer who gave up
      is the patience, not a time to answer);
    * reneged_share = reneged / (answered + reneged).

    The 90th percentile is numpy's linear interpolation between order statistics.
    Lecture 000 §4–6 (Dịch vụ khách hàng, phòng chat, email).

    Args:
        tickets: the ``tickets`` table (columns ``tool``, ``wait_min``, ``reneged``).
        tools: the tools to report, in this order (default chat and e-mail).
            A tool without tickets gets counts 0 and empty (NaN) statistics.

    Returns:
        One row per tool: ``tool``, ``requests``, ``open``, ``answered``, ``reneged``,
        ``reneged_share``, ``mean_wait_min``, ``median_wait_min``, ``p90_wait_min``.

    Raises:
        DataError: a missing column, a non-numeric wait, or an empty ``tools``.
    """
    tools = _tools_argument(tools)
    t = _queue_outcomes(tickets)
    rows = []
    for tool in tools:
        mine = t[t["tool"] == tool]
        waits = mine.loc[mine["answered"], "wait_min"].to_numpy(float)
        answered, reneged = len(waits), int(mine["reneged"].sum())
        offered = answered + reneged
        rows.append({
            "tool": tool,
            "requests": len(mine),
            "open": int(mine["wait_min"].isna().sum()),
            "answered": answered,
            "reneged": reneged,
            "reneged_share": reneged / offered if offered else np.nan,
            "mean_wait_min": float(waits.mean()) if answered else np.nan,
            "median_wait_min": float(np.median(waits)) if answered else np.nan,
            "p90_wait_min": float(np.percentile(waits, 90)) if answered else np.nan,
        })
    return pd.DataFrame(rows)


def wait_ecdf(tickets: pd.DataFrame, tools: Iterable[str] = AGENT_TOOLS) -> pd.DataFrame:
    """Share of offered tickets answered within each wait, per tool (an empirical CDF).

    share_answered(w) = #(answered with wait_min ≤ w) / #(answered + reneged).
    Reneged tickets count in the denominator and are never "answered within w",
    so the curve levels off at 1 − reneged share, and its height at the target
    equals :func:`service_level` (with ``count_reneged=True``).
    Lecture 000 §4–6 (chat and e-mail waits).

    Args:
        tickets: the ``tickets`` table (``tool``, ``wait_min``, ``reneged``).
        tools: the tools to include (default chat and e-mail).

    Returns:
        Columns ``tool``, ``wait_min``, ``share_answered``: one row per distinct
        answered wait of each tool (a step curve), plus a first row at wait 0 with
        share 0 when no ticket of the tool was answered at once. Tools with no
        offered ticket have no rows; an empty table gives an empty frame.

    Raises:
        DataError: a missing column or a non-numeric wait.
    """
    tools = _tools_argument(tools)
    t = _queue_outcomes(tickets)
    parts = []
    for tool in tools:
        mine = t[t["tool"] == tool]
        offered = int(mine["answered"].sum() + mine["reneged"].sum())
        if offered == 0:
            continue
        waits = np.sort(mine.loc[mine["answered"], "wait_min"].to_numpy(float))
        values, counts = np.unique(waits, return_counts=True)
        shares = np.cumsum(counts) / offered
        if len(values) == 0 or values[0] > 0:
            values, shares = np.r_[0.0, values], np.r_[0.0, shares]
        parts.append(pd.DataFrame({"tool": tool, "wait_min": values, "share_answered": shares}))
    if not parts:
        return pd.DataFrame({"tool": pd.Series(dtype=object), "wait_min": pd.Series(dtype=float),
                             "share_answered": pd.Series(dtype=float)})
    return pd.concat(parts, ignore_index=True)


def service_level(tickets: pd.DataFrame, target_min: float, tools: Iterable[str] = AGENT_TOOLS, *,
                  count_reneged: bool = True, by_tool: bool = True) -> pd.DataFrame:
    """Service level: the share of offered contacts answered within ``target_min`` minutes.

    SL = #(answered with wait_min ≤ T) / #(offered), offered = answered + reneged.

    Reneged (abandoned) contacts count as *not* answered within T: this is the
    usual call-centre definition. Leaving them out would reward a desk whose
    customers give up: the longer the queue, the more impatient customers leave,
    and the remaining answered ones look fast. A customer who gave up was not
    served within the target, so they belong in the denominator. With
    ``count_reneged=False`` the denominator is the answered contacts only (the
    other common convention), to compare the two. Tickets with an empty
    ``wait_min`` (still open at the end of the window) are left out.

    Lecture 000 §4–6 (Dịch vụ khách hàng: answer customers fast); the scenario's
    ``service.service_level_target_min`` is the target the simulator uses.

    Args:
        tickets: the ``tickets`` table (``tool``, ``wait_min``, ``reneged``).
        target_min: T, the target answer time in minutes (≥ 0).
        tools: the tools to measure (default chat and e-mail).
        count_reneged: count reneged contacts as offered and not within T (default).
        by_tool: one row per tool (default), or one row ``tool = "all"`` over all ``tools``.

    Returns:
        Columns ``tool``, ``offered``, ``answered_within``, ``service_level``;
        ``service_level`` is NaN when nothing was offered.

    Raises:
        DataError: a missing column, a bad wait, or ``target_min`` < 0.
    """
    target = float(check_range("target_min", target_min, 0.0))
    tools = _tools_argument(tools)
    t = _queue_outcomes(tickets)
    t = t[t["tool"].isin(tools)]
    groups = [(tool, t[t["tool"] == tool]) for tool in tools] if by_tool else [("all", t)]
    rows = []
    for tool, mine in groups:
        within = int((mine["answered"] & (mine["wait_min"] <= target)).sum())
        offered = int(mine["answered"].sum() + (mine["reneged"].sum() if count_reneged else 0))
        rows.append({"tool": tool, "offered": offered, "answered_within": within,
                     "service_level": within / offered if offered else np.nan})
    return pd.DataFrame(rows)


def deflection(tickets: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """FAQ deflection: the share of requests answered by self-service instead of an agent.

    deflection_rate = #(tool ∈ {tracking_page, faq, auto}) / #(all requests),
    where the rest went to an agent (chat or e-mail, reneged contacts included:
    they reached the agents' queue). Lecture 000 §6 (FAQ "dễ sử dụng và có giá
    không cao", trả lời tự động, trang theo dõi đơn hàng).

    Args:
        tickets: the ``tickets`` table (column ``tool``; and ``by`` if given).
        by: a column to split by, e.g. ``"request"`` or ``"lifecycle_stage"``;
            ``None`` gives one row for the whole table.

    Returns:
        Columns [``by``], ``requests``, ``self_service``, ``agent``, ``deflection_rate``
        (NaN for an empty table when ``by`` is None; an empty table split ``by``
        a column gives no rows).

    Raises:
        DataError: a missing column, or a tool other than tracking_page, faq, auto, chat, email.
    """
    columns = ["tool"] + ([by] if by is not None else [])
    df = require_columns(tickets, columns, "tickets")
    unknown = sorted(set(df["tool"].astype(str)) - set(TOOLS))
    if unknown:
        check_choice("tickets.tool", unknown[0], TOOLS)
    frame = pd.DataFrame({"self_service": df["tool"].isin(SELF_SERVICE_TOOLS).astype(int),
                          "agent": df["tool"].isin(AGENT_TOOLS).astype(int)})
    if by is None:
        sums = frame.sum()
        out = pd.DataFrame({"requests": [len(frame)], "self_service": [int(sums["self_service"])],
                            "agent": [int(sums["agent"])]})
    else:
        frame[by] = df[by].to_numpy()
        out = frame.groupby(by, sort=True).agg(requests=("agent", "size"), self_service=("self_service", "sum"),
                                               agent=("agent", "sum")).reset_index()
    out["deflection_rate"] = (out["self_service"] / out["requests"]).where(out["requests"] > 0)
    return out


# --------------------------------------------------------------------- helpers


def desk_settings(scenario: Scenario | Service) -> Service:
    if isinstance(scenario, Scenario):
        return scenario.service
    if isinstance(scenario, Service):
        return scenario
    raise DataError([("scenario", type(scenario).__name__, "cần một Scenario hoặc khối service của nó",
                      "expected a Scenario or its service block")])


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

    Applies :func:`sim.engine.service_desk.request_points` (the rule of ``Model.service_experience``) to
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
    sv = desk_settings(scenario)
    df = require_columns(tickets, ["tool", "wait_min", "resolved"], "tickets")
    wait = numbers(df, "wait_min", "tickets")
    resolved = flags(df, "resolved", "tickets")
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
    """The requests of a desk run (:func:`sim.engine.service_desk.simulate_desk`) as a table like ``tickets``.

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
        raise DataError([("run", type(run).__name__, "cần kết quả của sim.engine.service_desk.simulate_desk (có khóa 'outcomes')",
                          "expected the result of sim.engine.service_desk.simulate_desk (with an 'outcomes' key)")])
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

    :func:`sim.engine.service_desk.simulate_desk` runs two more days after the last arrival and
    returns only the requests that were answered or given up by then. When a queue
    cannot keep up (offered load ≥ the agents' capacity), the rest are still
    waiting: they are missing from :func:`desk_tickets`, so its waits look shorter
    than the desk really is. A positive count is the sign of an overloaded desk.

    Raises:
        DataError: ``run`` is not the result of ``simulate_desk``.
    """
    if not isinstance(run, Mapping) or "outcomes" not in run or "requests" not in run:
        raise DataError([("run", type(run).__name__, "cần kết quả của sim.engine.service_desk.simulate_desk",
                          "expected the result of sim.engine.service_desk.simulate_desk")])
    return int(run["requests"]) - len(run["outcomes"])


def desk_summary(tickets: pd.DataFrame, scenario: Scenario | Service,
                 utilisation: Mapping[str, float] | None = None) -> pd.DataFrame:
    """One row per service tool: volume, service level, waits and the satisfaction points it brings.

    * share = requests of the tool / all requests (the self-service shares add up to the
      FAQ deflection of :func:`sim.measures.service_desk.deflection`);
    * service_level = answered within T / (answered + reneged), T = ``service_level_target_min``
      (:func:`sim.measures.service_desk.service_level`; chat and e-mail only);
    * mean_wait_min over answered requests, reneged_share = reneged / (answered + reneged)
      (:func:`sim.measures.service_desk.wait_time_summary`);
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
    sv = desk_settings(scenario)
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


# ---------------------------------------------------- measures for sim.sweep
def e_service_measures(result: Any) -> dict[str, float]:
    """Buyer conversion, NPS and mean satisfaction of a run: what the three kinds of e-service move.

    buyer_rate = customers with an order / customers (prospects) and nps = %promoters − %detractors,
    as in :func:`sim.measures.kpis.headline` (computed alone, which is faster);
    satisfaction = mean of ``surveys.satisfaction`` (1–5). For :func:`sim.sweep` with
    ``e_services.*`` levers. Lecture 000 §4.1 (dịch vụ nền tảng, trung tâm, hỗ trợ thêm).
    """

    t = result.tables
    prospects = len(require_columns(t["customers"], ["customer_id"], "customers"))
    buyers = require_columns(t["orders"], ["customer_id"], "orders")["customer_id"].nunique()
    surveys = t["surveys"]
    return {"buyer_rate": buyers / prospects if prospects else math.nan, "nps": float(nps_summary(surveys)["nps"]),
            "satisfaction": float(numbers(surveys, "satisfaction", "surveys").mean())}


def interval_table(summary: pd.DataFrame, by: str | Sequence[str], *, digits: int = 2) -> pd.DataFrame:
    """A :func:`sim.sweep` summary as one row per measure and one column per setting: "mean [low; high]".

    Each cell is the mean over the seeds and its confidence interval, written the Vietnamese way in the
    measure's unit (:func:`sim.base.formats.unit_for`): ``28,3% [27,0%; 30,0%]`` for a share such as
    ``buyer_rate``, ``3,41 [3,30; 3,52]`` for a plain number with ``digits`` decimals; ``—`` when there is no value.

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

    def text(value: float, measure: str) -> str:
        unit = unit_for(measure) or "number"
        return format_value(value, unit, digits=digits if unit == "number" else None)

    cells = [f"{text(m, name)} [{text(lo, name)}; {text(hi, name)}]" if not math.isnan(m) else MISSING
             for name, m, lo, hi in zip(df["measure"], df["mean"].astype(float), df["ci_low"].astype(float),
                                        df["ci_high"].astype(float), strict=True)]
    wide = df.assign(cell=cells).pivot(index="measure", columns=by if len(by) > 1 else by[0], values="cell")
    return wide.reindex(list(dict.fromkeys(df["measure"])))
