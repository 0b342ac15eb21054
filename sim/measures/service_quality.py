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

import math
from typing import Any

import numpy as np
import pandas as pd

from sim.base.checks import check_choice
from sim.base.codes import RATER, SERVQUAL10
from sim.base.errors import DataError
from sim.measures.frames import numbers, require_columns


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


# --------------------------------------------------------------- service quality
PRIORITIES: tuple[str, ...] = ("concentrate", "keep_up", "low_priority", "overkill")
"""Importance–performance quadrants (Martilla & James 1977), label kind ``gap_priority``."""


def gap_priorities(surveys: pd.DataFrame) -> pd.DataFrame:
    """SERVQUAL gaps against how strongly each gap moves satisfaction: where to improve first.

    Performance is the gap g_d = mean(perception_d) − mean(expectation_d)
    (:func:`sim.measures.service_quality.servqual_gaps`); importance is the standardized
    regression coefficient β_d of satisfaction on all gaps
    (:func:`sim.measures.service_quality.gap_drivers`). With the cross-hairs at g = 0 and at
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
        DataError: as :func:`sim.measures.service_quality.gap_drivers`.
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


def servqual_gap_measures(result: Any) -> dict[str, float]:
    """Each dimension's SERVQUAL gap and the mean satisfaction of a run, for :func:`sim.sweep`.

    gap_d = mean(perception_d) − mean(expectation_d) (:func:`sim.measures.service_quality.servqual_gaps`),
    keyed by the dimension's name; ``satisfaction`` = mean of ``surveys.satisfaction``.
    Lecture 001 (RATER, SERVQUAL).
    """
    surveys = result.tables["surveys"]
    gaps = servqual_gaps(surveys)
    out = dict(zip(gaps["dimension"], gaps["gap"].astype(float), strict=True))
    out["satisfaction"] = float(numbers(surveys, "satisfaction", "surveys").mean())
    return out
