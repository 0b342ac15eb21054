"""The service desk and service quality as a report: staffing what-ifs, Erlang C checks, satisfaction, priorities.

Lecture 000 §4–6 (Dịch vụ khách hàng; Các công cụ hỗ trợ dịch vụ khách hàng)
describes the service an online shop gives along the life cycle of a product
(xác định yêu cầu → mua → sở hữu → không dùng nữa) and the tools that give it:
FAQ pages and search, automatic replies, order-tracking pages, chat rooms and
e-mail. Lecture 001 (Chất lượng dịch vụ thương mại điện tử) measures the quality
customers perceive with RATER / SERVQUAL (Parasuraman, Zeithaml & Berry 1985, 1988).

This module builds on :mod:`sim.measures.service_desk` and :mod:`sim.measures.queueing`:

* :func:`lifecycle_tool_table`: requests per life-cycle stage and tool;
* :func:`service_points` and :func:`satisfaction_by_wait`: what a wait does to satisfaction;
* :func:`desk_tickets`, :func:`unfinished`, :func:`desk_summary`, :func:`desk_what_if`, :func:`desk_sweep`:
  a busy desk run on its own (:func:`sim.engine.service_desk.simulate_desk`) for staffing what-ifs;
* :func:`mmc_scenario`, :func:`chat_arrivals_per_min`, :func:`erlang_comparison`, :func:`erlang_assumptions`:
  the simulated chat room against Erlang C, where the formula's assumptions hold and where they do not;
* :func:`gap_priorities`: SERVQUAL gaps against their effect on satisfaction;
* :func:`e_service_measures`, :func:`servqual_gap_measures`, :func:`interval_table`: measures for
  :func:`sim.sweep` and a compact table of its means and confidence intervals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.codes import AGENT_TOOLS
from sim.base.errors import DataError
from sim.base.intervals import t_interval
from sim.engine.service_desk import simulate_desk
from sim.measures.queueing import erlang_c_service_level, expected_wait_min
from sim.measures.service_desk import deflection, desk_settings, desk_summary, desk_tickets, service_points, unfinished, wait_ecdf
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario, Service


def _scenario(scenario: Scenario | str) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
















def desk_what_if(scenario: Scenario | str, *, chat_agents: int, email_agents: int, faq_coverage: float,
                 requests_per_hour: float, days: float = 7.0, seed: int = 2026) -> dict[str, Any]:
    """Run the service desk alone with other staffing and FAQ coverage: the staffing what-if.

    The scenario's service block gets ``service.chat.agents``, ``service.email.agents``
    and ``service.faq_coverage`` changed (:func:`sim.with_changes`), then
    :func:`sim.engine.service_desk.simulate_desk` sends it Poisson requests at ``requests_per_hour``
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
    :func:`sim.engine.service_desk.simulate_desk` are Poisson already. Lecture 000 §6; Erlang (1917).
    """
    return with_changes(_scenario(scenario), {
        "service.faq_coverage": 0.0, "service.auto_reply_share": 0.0, "service.order_tracking_page": False,
        "service.chat_share": 1.0, "service.mean_patience_min": 0.0, "service.chat.opens_hour": 0.0,
        "service.chat.closes_hour": 24.0, "service.chat.handle_time": "exponential"})


def chat_arrivals_per_min(scenario: Scenario | Service, requests_per_hour: float) -> float:
    """Arrival rate at the chat queue while the chat room is open, λ = r/60 · (1 − f) · (1 − a) · s.

    r = requests per hour reaching the desk, f = FAQ coverage, a = automatic-reply
    share, s = share who choose chat (1 when there are no e-mail agents). Requests of
    :func:`sim.engine.service_desk.simulate_desk` are questions, which the tracking page does not answer.
    """
    sv = desk_settings(scenario)
    share = sv.chat_share if sv.email.agents > 0 else 1.0
    return requests_per_hour / 60.0 * (1.0 - sv.faq_coverage) * (1.0 - sv.auto_reply_share) * share


def erlang_comparison(scenario: Scenario | str, requests_per_hour: float, agents: Iterable[int] = (2, 3, 4), *,
                      days: float = 14.0, seed: int = 2026, batches: int = 20, level: float = 0.95) -> pd.DataFrame:
    """Simulated chat service level and wait against Erlang C, for several numbers of chat agents.

    For each c the desk runs alone (:func:`sim.engine.service_desk.simulate_desk`, same seed) with
    c chat agents. The simulated service level is SL = answered within T / offered
    (reneged count as not answered), T = ``service_level_target_min``; its interval
    comes from batch means (the chats, in arrival order, are cut into ``batches``
    groups; waits next to each other are correlated, group means much less):
    mean ± t(1 − α/2, B − 1) · sd(batch SL) / √B. Erlang C gives
    SL = 1 − C(c, a)·e^{−(cμ − λ)T} and W_q = C(c, a)/(cμ − λ) with λ from
    :func:`chat_arrivals_per_min` and 1/μ = ``service.chat.mean_handle_min``
    (:mod:`sim.measures.queueing`). The two agree when the desk meets the M/M/c
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










