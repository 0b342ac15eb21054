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

from collections.abc import Iterable

import numpy as np
import pandas as pd

from sim.analytics._frame import check_choice, check_range, numbers, require_columns
from sim.errors import DataError
from sim.quality import RATER, SERVQUAL10
from sim.service import AGENT_TOOLS

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


def quality_dimensions(surveys: pd.DataFrame) -> tuple[str, ...]:
    """The service-quality dimensions a survey table holds.

    A dimension is present when both ``<dimension>_expectation`` and
    ``<dimension>_perception`` are columns. The five RATER dimensions come in
    RATER order, the ten SERVQUAL dimensions in the lecture's order; any other
    set (a student's own survey) keeps the order of the columns.
    Lecture 001 (RATER; SERVQUAL 10 thành phần).

    Args:
        surveys: the ``surveys`` table, or any table with such column pairs.

    Returns:
        The dimension names, e.g. ``("tangibles", "reliability", "responsiveness", "assurance", "empathy")``.

    Raises:
        DataError: ``surveys`` is not a DataFrame or holds no such pair of columns.
    """
    df = require_columns(surveys, [], "surveys")
    found = [c[: -len("_expectation")] for c in df.columns
             if isinstance(c, str) and c.endswith("_expectation") and f"{c[: -len('_expectation')]}_perception" in df.columns]
    if not found:
        raise DataError([("surveys.<dimension>_expectation", "(thiếu / missing)",
                          "cần cặp cột <thành phần>_expectation và <thành phần>_perception, ví dụ "
                          "tangibles_expectation / tangibles_perception (RATER hoặc SERVQUAL)",
                          "needs column pairs <dimension>_expectation and <dimension>_perception, e.g. "
                          "tangibles_expectation / tangibles_perception (RATER or SERVQUAL)")])
    for model in (RATER, SERVQUAL10):
        if set(found) == set(model):
            return tuple(model)
    return tuple(found)


def _gaps(surveys: pd.DataFrame, dims: tuple[str, ...]) -> pd.DataFrame:
    """Per-respondent gap perception − expectation of each dimension (NaN if either is missing)."""
    return pd.DataFrame({d: numbers(surveys, f"{d}_perception", "surveys") - numbers(surveys, f"{d}_expectation", "surveys")
                         for d in dims}, index=surveys.index)


def servqual_gaps(surveys: pd.DataFrame) -> pd.DataFrame:
    """SERVQUAL gap per dimension: gap = mean(perception) − mean(expectation).

    Means are taken over the respondents who answered both questions of the
    dimension, so the gap is also the mean of the per-respondent gaps. A
    negative gap means the service falls short of what customers expected.
    Lecture 001 (Chất lượng dịch vụ TMĐT: RATER, SERVQUAL; Parasuraman et al. 1985, 1988).

    Args:
        surveys: the ``surveys`` table with ``<dimension>_expectation`` and
            ``<dimension>_perception`` columns (Likert 1–7), for the five RATER or
            the ten SERVQUAL dimensions (see :func:`quality_dimensions`).

    Returns:
        One row per dimension: ``dimension``, ``respondents``, ``expectation``,
        ``perception``, ``gap``. With no respondents the means are NaN.

    Raises:
        DataError: no dimension columns, or a value that is not a number.
    """
    dims = quality_dimensions(surveys)
    rows = []
    for d in dims:
        e = numbers(surveys, f"{d}_expectation", "surveys")
        p = numbers(surveys, f"{d}_perception", "surveys")
        both = e.notna() & p.notna()
        n = int(both.sum())
        exp_mean = float(e[both].mean()) if n else np.nan
        per_mean = float(p[both].mean()) if n else np.nan
        rows.append({"dimension": d, "respondents": n, "expectation": exp_mean, "perception": per_mean,
                     "gap": per_mean - exp_mean})
    return pd.DataFrame(rows)


GAP_DRIVER_RANKINGS: tuple[str, ...] = ("standardized_coefficient", "correlation")


def gap_drivers(surveys: pd.DataFrame, rank_by: str = "standardized_coefficient") -> pd.DataFrame:
    """Which quality gap moves satisfaction most: regression and correlation per dimension.

    With g_d = perception_d − expectation_d per respondent (complete answers
    only), satisfaction is regressed on all gaps at once by least squares
    (``numpy.linalg.lstsq``):

        satisfaction = b_0 + Σ_d b_d · g_d + error,

    and the standardized coefficient β_d = b_d · sd(g_d) / sd(satisfaction) says
    by how many standard deviations satisfaction moves when gap d moves by one
    standard deviation, the other gaps held fixed (comparable across
    dimensions). The Pearson correlation r_d between g_d and satisfaction is the
    simpler, one-dimension-at-a-time view; when the gaps are correlated with each
    other the two rankings can differ. The ranking is by absolute value (rank 1 =
    the largest effect); the sign stays in the columns.

    A gap that does not vary across respondents says nothing about satisfaction:
    it is left out of the regression and gets NaN. If satisfaction does not
    vary, all numbers are NaN.

    Lecture 001 (Chất lượng dịch vụ TMĐT; RATER/SERVQUAL; satisfaction drives
    loyalty: Heskett et al. 1994).

    Args:
        surveys: the ``surveys`` table (``satisfaction`` and the dimension columns).
        rank_by: ``"standardized_coefficient"`` (default) or ``"correlation"``.

    Returns:
        One row per dimension: ``dimension``, ``correlation``, ``coefficient`` (b_d,
        satisfaction points per gap point), ``standardized_coefficient`` (β_d) and
        ``rank`` (1 = largest absolute value of ``rank_by``; NaN where that is NaN),
        in the order of the dimensions.

    Raises:
        DataError: a missing column, a bad ``rank_by``, fewer complete respondents
            than dimensions + 2 (a regression needs them), or gaps that are
            exact linear combinations of each other.
    """
    check_choice("rank_by", rank_by, GAP_DRIVER_RANKINGS)
    require_columns(surveys, ["satisfaction"], "surveys")
    dims = quality_dimensions(surveys)
    gaps = _gaps(surveys, dims)
    gaps["__satisfaction"] = numbers(surveys, "satisfaction", "surveys")
    complete = gaps.dropna()
    n, k = len(complete), len(dims)
    if n < k + 2:
        raise DataError([("surveys", f"{n} phiếu đầy đủ / complete answers",
                          f"cần ít nhất {k + 2} phiếu trả lời đủ mọi câu ({k} thành phần + 2) để hồi quy",
                          f"needs at least {k + 2} answers complete on every question ({k} dimensions + 2) for a regression")])
    y = complete.pop("__satisfaction").to_numpy(float)
    g = complete.to_numpy(float)
    sd_g, sd_y = g.std(axis=0), y.std()
    varies = sd_g > 0
    corr = np.full(k, np.nan)
    coef = np.full(k, np.nan)
    std_coef = np.full(k, np.nan)
    if sd_y > 0 and varies.any():
        yc = y - y.mean()
        gc = g[:, varies] - g[:, varies].mean(axis=0)
        corr[varies] = (gc * yc[:, None]).mean(axis=0) / (sd_g[varies] * sd_y)
        design = np.column_stack([np.ones(n), g[:, varies]])
        solution, _, rank, _ = np.linalg.lstsq(design, y, rcond=None)
        if rank < design.shape[1]:
            raise DataError([("surveys", ", ".join(np.array(dims)[varies]),
                              "các khoảng cách này phụ thuộc tuyến tính vào nhau, không tách được tác động của từng cái",
                              "these gaps are exact linear combinations of each other; their effects cannot be separated")])
        coef[varies] = solution[1:]
        std_coef[varies] = solution[1:] * sd_g[varies] / sd_y
    out = pd.DataFrame({"dimension": list(dims), "correlation": corr, "coefficient": coef,
                        "standardized_coefficient": std_coef})
    out["rank"] = out[rank_by].abs().rank(ascending=False, method="min")
    return out
