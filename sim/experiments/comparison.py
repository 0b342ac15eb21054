"""Before and after: KPI differences between a baseline scenario and a variant, over several seeds.

One run of a stochastic simulation is one draw, so a change of scenario is judged on several seeds
(:func:`sim.replicate`, :func:`sim.sweep`): each setting gets a mean and a t confidence interval per
KPI. :func:`kpi_differences` puts a baseline and a variant side by side: their means, the difference,
and whether the two intervals overlap. Two intervals that do not overlap are a clear difference; two
that overlap may still differ. When both settings ran on the same seeds (common random numbers: the
same customers arrive in both), the per-seed differences are far less noisy than either setting, and
the paired-t interval of the difference says more (as in simulation textbooks, e.g. Law, *Simulation
Modeling and Analysis*: comparing two system configurations with common random numbers).

The module also holds the five steps to customer-centred e-commerce of lecture 000 §5 as scenario
changes (:data:`CUSTOMER_CENTRED_STEPS`), so a notebook can switch each step on and compare.

Typical use::

    import sim
    from sim.experiments.comparison import CUSTOMER_CENTRED_STEPS, centred_kpis, kpi_differences, step_changes
    seeds = [2026, 2027, 2028]
    before = sim.replicate("demo", seeds, measures=centred_kpis, runs=True)
    after = sim.replicate(sim.with_changes("demo", step_changes(["loyalty"])), seeds, measures=centred_kpis, runs=True)
    kpi_differences(before, after)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.base.intervals import t_half_width
from sim.base.labels import label_map
from sim.measures.frames import require_columns
from sim.measures.kpis import KPIS, headline
from sim.measures.service_desk import deflection
from sim.measures.service_quality import servqual_gaps

CUSTOMER_CENTRED_STEPS: dict[str, dict[str, object]] = {
    # Thực hiện giao dịch đơn giản: paying works the first time, checkout is short.
    "simple_transactions": {
        "purchase.payment_failure_prob": 0.005,
        "timing.mean_checkout_minutes": 2.0,
    },
    # Tập trung trên người sử dụng cuối: the customer finds answers (FAQ, automatic replies) and reaches a person
    # at any hour (chat open day and night).
    "end_user_focus": {
        "service.faq_coverage": 0.6,
        "service.auto_reply_share": 0.25,
        "service.chat.agents": 2,
        "service.chat.opens_hour": 0.0,
        "service.chat.closes_hour": 24.0,
    },
    # Thiết kế lại mặt hàng theo quan điểm người sử dụng cuối: product pages that let the buyer judge quality,
    # a site that is easy and quick to use.
    "product_redesign": {
        "trust.quality_verification": True,
        "service_quality.site_design_score": 0.85,
        "service_quality.page_load_seconds": 1.5,
    },
    # Cải tiến cơ cấu thương mại điện tử: the three layers of e-services of lecture 000 §4.1 – better foundation
    # services, a security mechanism (core), value-added services (online education) – and a site that stays up.
    "structure": {
        "e_services.foundation_quality": 0.8,
        "e_services.value_added": True,
        "trust.security_badge": True,
        "service_quality.site_availability": 0.998,
    },
    # Khuyến khích và làm gia tăng sự trung thành: an online community and a richer loyalty programme.
    "loyalty": {
        "retention.community.enabled": True,
        "retention.loyalty_programme.loyalty_boost": 0.06,
    },
}
"""The five steps to customer-centred e-commerce (lecture 000 §5, Kalakota & Whinston), each as scenario changes.

Keys are those of the label kind ``centred_step`` (in the lecture's order); values are ``{"dotted.field": value}``
for :func:`sim.with_changes`, starting from the ``default`` / ``demo`` shop. No field belongs to two steps.
"""

CENTRED_KPIS: tuple[str, ...] = (*KPIS, "servqual_gap", "deflection_rate")
"""The measures of :func:`centred_kpis`: the headline KPIs, the mean SERVQUAL gap and the self-service share."""

KPI_LABEL_KINDS: tuple[str, ...] = ("kpi", "service_kpi")
"""The label kinds that name the measures of :func:`centred_kpis`: the headline KPIs, then the two service measures."""

SUMMARY_COLUMNS: tuple[str, ...] = ("measure", "mean", "ci_low", "ci_high")
"""The columns a summary of :func:`sim.replicate` / :func:`sim.sweep` has (``n_runs`` too, optional here)."""

DIFFERENCE_COLUMNS: tuple[str, ...] = (
    "measure", "baseline_mean", "baseline_ci_low", "baseline_ci_high", "variant_mean", "variant_ci_low",
    "variant_ci_high", "difference", "relative_difference", "intervals_overlap", "paired_ci_low", "paired_ci_high",
    "paired_differs", "n_runs")
"""The columns of :func:`kpi_differences`, in order."""


def centred_kpis(result: object) -> dict[str, float]:
    """The measures the customer-centred steps act on: the headline KPIs plus two service measures.

    * the headline KPIs of :func:`sim.measures.kpis.headline`;
    * ``servqual_gap`` = mean over the service-quality dimensions of (mean perception − mean expectation)
      (:func:`sim.measures.service_quality.servqual_gaps`; lecture 001, SERVQUAL/RATER, Parasuraman et al. 1988);
      redesigning the site and the products shows here first;
    * ``deflection_rate`` = requests answered by self-service (tracking page, FAQ, automatic reply) / requests
      (:func:`sim.measures.service_desk.deflection`; lecture 000 §6).

    A module-level function of a Result, so :func:`sim.replicate` can send it to other processes.

    Args:
        result: a :class:`sim.Result` or a mapping of table name to DataFrame (with ``surveys`` and ``tickets``).

    Returns:
        ``{measure: value}`` with the keys of :data:`CENTRED_KPIS`; NaN where there is no survey or no request.
    """
    values = dict(headline(result))
    t = result.tables if hasattr(result, "tables") else result
    gaps = servqual_gaps(t["surveys"])["gap"]
    values["servqual_gap"] = float(gaps.mean()) if gaps.notna().any() else math.nan
    values["deflection_rate"] = float(deflection(t["tickets"])["deflection_rate"].iloc[0])
    return values


def kpi_label_map(lang: Literal["vi", "en"] = "vi") -> dict[str, str]:
    """Display names of every measure of :data:`CENTRED_KPIS` (label kinds :data:`KPI_LABEL_KINDS`), e.g. for ``rename``."""
    return {key: name for kind in KPI_LABEL_KINDS for key, name in label_map(kind, lang).items()}


def step_changes(selected: Mapping[str, bool] | Iterable[str]) -> dict[str, object]:
    """The scenario changes of the chosen customer-centred steps, merged, for :func:`sim.with_changes`.

    Args:
        selected: step keys of :data:`CUSTOMER_CENTRED_STEPS`, or a mapping step → on/off (the values of a
            panel's check boxes).

    Returns:
        ``{"dotted.field": value}``; empty when no step is on.

    Raises:
        DataError: a key that is not a step.
    """
    if isinstance(selected, Mapping):
        chosen = [key for key, on in selected.items() if on]
    elif isinstance(selected, Iterable) and not isinstance(selected, str):
        chosen = list(selected)
    else:
        chosen = [selected]
    unknown = [key for key in chosen if key not in CUSTOMER_CENTRED_STEPS]
    if unknown:
        raise DataError([("steps", key, f"chỉ nhận một trong: {', '.join(CUSTOMER_CENTRED_STEPS)}",
                          f"must be one of: {', '.join(CUSTOMER_CENTRED_STEPS)}") for key in unknown])
    return {field: value for key in CUSTOMER_CENTRED_STEPS if key in chosen for field, value in CUSTOMER_CENTRED_STEPS[key].items()}


def steps_table(scenario: object, steps: Mapping[str, Mapping[str, object]] | None = None) -> pd.DataFrame:
    """What each customer-centred step changes: one row per field, with its value before and after.

    Args:
        scenario: the baseline :class:`sim.Scenario` (e.g. ``sim.load_scenario("demo")``).
        steps: ``{step: {"dotted.field": value}}``; default :data:`CUSTOMER_CENTRED_STEPS`.

    Returns:
        Columns ``step``, ``field`` (dotted path), ``before`` (the scenario's value), ``after`` (the step's value),
        steps in the mapping's order.

    Raises:
        DataError: a field the scenario does not have.
    """
    steps = CUSTOMER_CENTRED_STEPS if steps is None else steps
    rows = []
    for step, changes in steps.items():
        for field, value in changes.items():
            node = scenario
            for part in field.split("."):
                if not hasattr(node, part):
                    raise DataError([(field, value, "kịch bản không có trường này", "the scenario has no such field")])
                node = getattr(node, part)
            rows.append({"step": step, "field": field, "before": node, "after": value})
    return pd.DataFrame(rows, columns=["step", "field", "before", "after"])


def _summarize(values: pd.Series, level: float) -> tuple[float, float, float, int]:
    """Mean and t interval of one measure's values over seeds (as :func:`sim.experiments.replicate.summarize`)."""
    v = values.astype(float).dropna().to_numpy()
    n = len(v)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(v.mean())
    half = t_half_width(v, level) if n > 1 else 0.0
    return mean, mean - half, mean + half, n


def _is_runs(table: pd.DataFrame) -> bool:
    return "seed" in table.columns and "mean" not in table.columns


def _summary(table: object, name: str, level: float) -> pd.DataFrame:
    """A summary (measure, mean, ci_low, ci_high, n_runs) from a summary table or from runs (one row per seed)."""
    if isinstance(table, pd.DataFrame) and _is_runs(table):
        rows = [(m, *_summarize(table[m], level)) for m in table.columns if m != "seed"]
        return pd.DataFrame(rows, columns=["measure", "mean", "ci_low", "ci_high", "n_runs"])
    df = require_columns(table, list(SUMMARY_COLUMNS), name)
    extra = [c for c in df.columns if c not in {*SUMMARY_COLUMNS, "sd", "n_runs"}]
    if extra:
        raise DataError([(name, extra, "một bảng tóm tắt của một kịch bản (không có cột tham số); với bảng của sim.sweep "
                          "hãy dùng sweep_differences", "the summary of one setting (no parameter columns); for a "
                          "sim.sweep table use sweep_differences")])
    out = df[list(SUMMARY_COLUMNS)].copy()
    out["n_runs"] = df["n_runs"] if "n_runs" in df.columns else np.nan
    return out


def _paired(baseline: pd.DataFrame, variant: pd.DataFrame, measure: str, level: float) -> tuple[float, float]:
    """t interval of the mean per-seed difference (variant − baseline) over the seeds both ran."""
    both = baseline[["seed", measure]].merge(variant[["seed", measure]], on="seed", suffixes=("_b", "_v"))
    diff = (both[f"{measure}_v"].astype(float) - both[f"{measure}_b"].astype(float)).dropna()
    if len(diff) < 2:
        return math.nan, math.nan
    _, low, high, _ = _summarize(diff, level)
    return low, high


def _overlap(b_low: float, b_high: float, v_low: float, v_high: float) -> object:
    if any(math.isnan(x) for x in (b_low, b_high, v_low, v_high)):
        return pd.NA
    return not (v_low > b_high or v_high < b_low)


def _fewer(*counts: object) -> float:
    """The smaller of the known run counts (NaN when none is known)."""
    known = [float(c) for c in counts if not pd.isna(c)]
    return min(known) if known else math.nan


def _differs(low: float, high: float) -> object:
    if math.isnan(low) or math.isnan(high):
        return pd.NA
    return low > 0 or high < 0


def kpi_differences(baseline: pd.DataFrame, variant: pd.DataFrame, *, measures: Sequence[str] | None = None,
                    level: float = 0.95) -> pd.DataFrame:
    """Each KPI of a baseline and of a variant side by side: means, intervals, difference, overlap.

    For every measure, with [L_b, H_b] and [L_v, H_v] the two confidence intervals:

    * ``difference`` = variant mean − baseline mean; ``relative_difference`` = difference / |baseline mean|
      (NaN when the baseline mean is 0);
    * ``intervals_overlap`` = not (L_v > H_b or H_v < L_b): True when the intervals share a point;
    * when both tables are runs (one row per seed, ``runs=True``): the paired interval of the mean
      per-seed difference d_s = variant_s − baseline_s over the seeds both ran,
      mean(d) ± t(1 − α/2, n − 1) · sd(d) / √n, in ``paired_ci_low`` / ``paired_ci_high``, and
      ``paired_differs`` = the paired interval leaves out 0. With summaries these are NaN / NA.

    Lecture 000 §5 (the five steps, compared before and after); the intervals are those of :func:`sim.replicate`.

    Args:
        baseline: the baseline's summary from :func:`sim.replicate` (``measure``, ``mean``, ``ci_low``,
            ``ci_high`` [, ``n_runs``]) or its runs (``runs=True``: a ``seed`` column, one column per measure).
        variant: the same for the variant.
        measures: the measures to compare, in this order; default: those of the baseline found in both.
        level: confidence level of the intervals computed here (from runs).

    Returns:
        One row per measure with the columns of :data:`DIFFERENCE_COLUMNS`; ``intervals_overlap`` and
        ``paired_differs`` are of the nullable ``boolean`` type (NA when an interval is NaN).
        ``n_runs`` is the smaller number of runs of the two settings.

    Raises:
        DataError: a missing column, a measure not in both tables, a table with parameter columns
            (use :func:`sweep_differences`) or a bad ``level``.
    """
    level = float(check_range("level", level, 0, 1, low_open=True, high_open=True))
    b, v = _summary(baseline, "baseline", level), _summary(variant, "variant", level)
    names = list(b["measure"]) if measures is None else list(measures)
    if measures is None:
        names = [m for m in names if m in set(v["measure"])]
    missing = [(m, t) for m in names for t, s in (("baseline", b), ("variant", v)) if m not in set(s["measure"])]
    if missing:
        raise DataError([(f"{t}.measure", m, "không có chỉ số này", "this measure is not in the table") for m, t in missing])
    b, v = b.set_index("measure"), v.set_index("measure")
    paired = isinstance(baseline, pd.DataFrame) and isinstance(variant, pd.DataFrame) and _is_runs(baseline) and _is_runs(variant)
    rows = []
    for m in names:
        bm, bl, bh = (float(b.at[m, c]) for c in ("mean", "ci_low", "ci_high"))
        vm, vl, vh = (float(v.at[m, c]) for c in ("mean", "ci_low", "ci_high"))
        diff = vm - bm
        low, high = _paired(baseline, variant, m, level) if paired else (math.nan, math.nan)
        rows.append({"measure": m, "baseline_mean": bm, "baseline_ci_low": bl, "baseline_ci_high": bh,
                     "variant_mean": vm, "variant_ci_low": vl, "variant_ci_high": vh, "difference": diff,
                     "relative_difference": diff / abs(bm) if bm != 0 and not math.isnan(bm) else math.nan,
                     "intervals_overlap": _overlap(bl, bh, vl, vh), "paired_ci_low": low, "paired_ci_high": high,
                     "paired_differs": _differs(low, high), "n_runs": _fewer(b.at[m, "n_runs"], v.at[m, "n_runs"])})
    out = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    for col in ("intervals_overlap", "paired_differs"):
        out[col] = out[col].astype("boolean")
    return out


def compare_variants(baseline: pd.DataFrame, variants: Mapping[str, pd.DataFrame], *, measures: Sequence[str] | None = None,
                     level: float = 0.95) -> pd.DataFrame:
    """:func:`kpi_differences` of several variants against one baseline, stacked, with a ``variant`` column first.

    Args:
        baseline: the baseline's summary or runs.
        variants: ``{name: summary or runs}``, e.g. one entry per customer-centred step.
        measures, level: as in :func:`kpi_differences`.

    Returns:
        ``variant`` then the columns of :data:`DIFFERENCE_COLUMNS`, variants in the mapping's order.

    Raises:
        DataError: no variants, or as in :func:`kpi_differences`.
    """
    if not isinstance(variants, Mapping) or not variants:
        raise DataError([("variants", variants, "cần một dict tên → bảng tóm tắt, ít nhất một mục",
                          "needs a dict name → summary table with at least one entry")])
    parts = [kpi_differences(baseline, table, measures=measures, level=level).assign(variant=name)
             for name, table in variants.items()]
    out = pd.concat(parts, ignore_index=True)
    return out[["variant", *DIFFERENCE_COLUMNS]]


def sweep_differences(table: pd.DataFrame, parameter: str, baseline_value: object, *,
                      measures: Sequence[str] | None = None) -> pd.DataFrame:
    """The KPI differences of a :func:`sim.sweep` summary: every value of ``parameter`` against ``baseline_value``.

    With more than one parameter in the sweep, each value is compared with the baseline value at the same
    values of the other parameters.

    Args:
        table: the summary of :func:`sim.sweep` (parameter columns, ``measure``, ``mean``, ``ci_low``, ``ci_high``…).
        parameter: the swept field, e.g. ``"trust.reviews"``.
        baseline_value: its value in the baseline, e.g. ``False``.
        measures: as in :func:`kpi_differences`.

    Returns:
        The other parameters' columns (if any), ``variant`` (the value of ``parameter``), then the columns of
        :data:`DIFFERENCE_COLUMNS` (the paired columns are NaN: a summary has no per-seed values).

    Raises:
        DataError: ``parameter`` is not a column, ``baseline_value`` is not one of its values, or a missing column.
    """
    require_columns(table, [parameter, *SUMMARY_COLUMNS], "sweep")
    values = list(dict.fromkeys(table[parameter]))
    if baseline_value not in values:
        raise DataError([("baseline_value", baseline_value, f"phải là một giá trị của {parameter}: {values}",
                          f"must be one of the values of {parameter}: {values}")])
    others = [c for c in table.columns if c not in {*SUMMARY_COLUMNS, "sd", "n_runs", parameter}]
    groups = table.groupby(others, sort=False, dropna=False) if others else [((), table)]
    parts = []
    for keys, group in groups:
        keep = [*SUMMARY_COLUMNS, *(["n_runs"] if "n_runs" in group.columns else [])]
        base = group[group[parameter] == baseline_value][keep]
        for value in values:
            if value == baseline_value:
                continue
            diff = kpi_differences(base, group[group[parameter] == value][keep], measures=measures)
            diff.insert(0, "variant", [value] * len(diff))
            key_tuple = keys if isinstance(keys, tuple) else (keys,)
            for i, col in enumerate(others):
                diff.insert(i, col, [key_tuple[i]] * len(diff))
            parts.append(diff)
    columns = [*others, "variant", *DIFFERENCE_COLUMNS]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


__all__ = ["CENTRED_KPIS", "CUSTOMER_CENTRED_STEPS", "DIFFERENCE_COLUMNS", "KPI_LABEL_KINDS", "centred_kpis",
           "compare_variants", "kpi_differences", "kpi_label_map", "step_changes", "steps_table", "sweep_differences"]
