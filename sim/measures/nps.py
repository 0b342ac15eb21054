"""Net Promoter Score (Chỉ số khách hàng thiện cảm, NPS) and what it says about churn.

Lecture 001, "Chỉ số khách hàng thiện cảm (Net promoter score – NPS)"; Reichheld (2006),
*The Ultimate Question*. The question "Would you recommend [company X] to a friend or
colleague?" is answered on a 0–10 scale and splits the respondents into three groups:

- promoters (khách hàng ủng hộ): 9–10,
- passives (khách hàng thụ động): 7–8,
- detractors (khách hàng không hài lòng): 0–6.

NPS = % promoters − % detractors, in points from −100 to 100.

Every function counts survey answers (rows of ``surveys``), not people: a customer who
answered after two purchases counts twice, as in the usual practice of NPS programmes.

Typical use::

    from sim.engine.io import shipped_tables
    from sim.measures import nps
    t = shipped_tables()
    nps.nps_summary(t["surveys"])                          # NPS with a 95 % confidence interval
    nps.nps_by(t["surveys"], t["customers"], by="channel")  # NPS by acquisition channel
    nps.nps_churn(t["surveys"], truth=t["truth"], method="true")
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError
from sim.measures.frames import datetimes, require_columns, timestamp

NPS_GROUPS: tuple[str, ...] = ("promoter", "passive", "detractor")
"""The three groups, in the order of the label map (kind ``nps_group``)."""

PROMOTER_MIN_SCORE = 9
"""Lowest score of a promoter (9–10)."""
PASSIVE_MIN_SCORE = 7
"""Lowest score of a passive (7–8); 0–6 are detractors."""

SUMMARY_COLUMNS: tuple[str, ...] = ("respondents", "promoters", "passives", "detractors", "promoter_share",
                                    "passive_share", "detractor_share", "nps", "ci_low", "ci_high", "level")
"""What :func:`nps_summary` returns, and the columns of :func:`nps_by` after the segment column."""

BY_ALIASES: dict[str, str] = {"channel": "acquired_via"}
"""Names :func:`nps_by` accepts for a ``customers`` column: ``channel`` is ``customers.acquired_via``."""


def _whole_numbers(df: pd.DataFrame, column: str, table: str | None, low: int, high: int, scale_vi: str, scale_en: str) -> pd.Series:
    """The column as integers, every value a whole number in ``[low, high]``.

    Raises:
        DataError: naming the first value that is missing, not a number, not whole or out of range.
    """
    series = df[column]
    if pd.api.types.is_bool_dtype(series):
        bad = series.iloc[0] if len(series) else None
    else:
        values = pd.to_numeric(series, errors="coerce")
        wrong = values.isna() | (values % 1 != 0) | (values < low) | (values > high)
        bad = series[wrong].iloc[0] if wrong.any() else None
        if not wrong.any():
            return values.astype(int)
    field = f"{table}.{column}" if table else column
    raise DataError([(field, bad, f"phải là số nguyên từ {low} đến {high} ({scale_vi})",
                      f"must be a whole number from {low} to {high} ({scale_en})")])


def nps_scores(surveys: pd.DataFrame) -> pd.Series:
    """The ``nps_score`` column checked: whole numbers 0–10, as ``int`` (lecture 001, NPS: the 0–10 answer scale).

    Args:
        surveys: the ``surveys`` table (needs ``nps_score``). ``9.0`` counts as ``9``.

    Returns:
        The scores as integers, with the index of ``surveys``.

    Raises:
        DataError: the column is missing, or a score is empty, not a number, not whole
            (``7.5``) or outside 0–10; the message names the value.
    """
    require_columns(surveys, ["nps_score"], "surveys")
    return _whole_numbers(surveys, "nps_score", "surveys", 0, 10, "thang điểm NPS", "the NPS scale")


def classify_score(score: pd.Series) -> pd.Series:
    """Reichheld's group of each 0–10 score: ``promoter`` (9–10), ``passive`` (7–8), ``detractor`` (0–6).

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS); Reichheld (2006).

    Args:
        score: whole numbers 0–10 (for example from :func:`nps_scores`).

    Returns:
        A Series of group keys (``promoter`` / ``passive`` / ``detractor``), same index.

    Raises:
        DataError: a score that is not a whole number in 0–10.
    """
    checked = _whole_numbers(pd.DataFrame({"score": score}), "score", None, 0, 10, "thang điểm NPS", "the NPS scale")
    groups = np.where(checked >= PROMOTER_MIN_SCORE, "promoter",
                      np.where(checked >= PASSIVE_MIN_SCORE, "passive", "detractor"))
    return pd.Series(groups, index=checked.index, dtype=object, name="nps_group")


def with_nps_group(surveys: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``surveys`` with a ``nps_group`` column (promoter / passive / detractor).

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS): 9–10 ủng hộ, 7–8 thụ động, 0–6 không hài lòng.

    Raises:
        DataError: ``nps_score`` missing or not a whole number in 0–10.
    """
    out = surveys.copy()
    out["nps_group"] = classify_score(nps_scores(surveys))
    return out


def nps_from_counts(promoters: int, passives: int, detractors: int, level: float = 0.95) -> pd.Series:
    """NPS and its confidence interval from the three group counts.

    Formula (lecture 001; Reichheld 2006), with n = promoters + passives + detractors,
    p_P = promoters / n and p_D = detractors / n::

        NPS = 100 × (p_P − p_D)                                   (points, −100 … 100)
        Var(p̂_P − p̂_D) = (p_P + p_D − (p_P − p_D)²) / n          (multinomial proportions)
        CI = NPS ± z × 100 × √Var,  z = Φ⁻¹(1/2 + level/2)         (normal approximation)

    The variance is that of the difference of two proportions of one multinomial sample:
    p_P(1 − p_P) + p_D(1 − p_D) + 2 p_P p_D, which simplifies to the line above. The interval
    is clipped to [−100, 100]. It is an approximation: with few answers (say under 30) or
    with nearly everyone in one group it is too narrow. When every respondent is a
    promoter (or every one a detractor, or everyone passive) the variance is 0 and the
    interval has width 0 (NPS = 100, CI = [100, 100]): the data show no spread, which does
    not mean the NPS is known exactly.

    Args:
        promoters: number of answers 9–10.
        passives: number of answers 7–8.
        detractors: number of answers 0–6.
        level: confidence level, strictly between 0 and 1 (0.95 gives a 95 % interval).

    Returns:
        A Series with ``respondents``, ``promoters``, ``passives``, ``detractors``,
        ``promoter_share``, ``passive_share``, ``detractor_share`` (fractions 0–1), ``nps``,
        ``ci_low``, ``ci_high`` (points) and ``level``. With no respondents the shares, the
        NPS and the interval are NaN (undefined), the counts 0.

    Raises:
        DataError: a negative or non-integer count, or ``level`` outside (0, 1).
    """
    counts = {}
    for name, value in (("promoters", promoters), ("passives", passives), ("detractors", detractors)):
        plain = int(value) if isinstance(value, np.integer) else value
        counts[name] = int(check_range(name, plain, 0, None, integer=True))
    level = float(check_range("level", level, 0, 1, low_open=True, high_open=True))
    n = sum(counts.values())
    out = {"respondents": n, **counts}
    if n == 0:
        out.update(promoter_share=math.nan, passive_share=math.nan, detractor_share=math.nan,
                   nps=math.nan, ci_low=math.nan, ci_high=math.nan, level=level)
        return pd.Series(out, index=list(SUMMARY_COLUMNS), dtype=object)
    p_p, p_n, p_d = counts["promoters"] / n, counts["passives"] / n, counts["detractors"] / n
    variance = max(p_p + p_d - (p_p - p_d) ** 2, 0.0) / n
    z = NormalDist().inv_cdf(0.5 + level / 2)
    nps = 100 * (p_p - p_d)
    half = z * 100 * math.sqrt(variance)
    out.update(promoter_share=p_p, passive_share=p_n, detractor_share=p_d, nps=nps,
               ci_low=max(nps - half, -100.0), ci_high=min(nps + half, 100.0), level=level)
    return pd.Series(out, index=list(SUMMARY_COLUMNS), dtype=object)


def nps_summary(surveys: pd.DataFrame, level: float = 0.95) -> pd.Series:
    """NPS of the survey answers, the three group counts and a confidence interval.

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS); Reichheld (2006).
    NPS = %ủng hộ (9–10) − %không hài lòng (0–6); the interval is the normal approximation
    of :func:`nps_from_counts`: NPS ± z × 100 × √((p_P + p_D − (p_P − p_D)²) / n).

    Args:
        surveys: the ``surveys`` table, or any table with an ``nps_score`` column (0–10).
        level: confidence level in (0, 1).

    Returns:
        A Series: ``respondents``, ``promoters``, ``passives``, ``detractors``, the three
        shares (0–1), ``nps``, ``ci_low``, ``ci_high`` (points −100 … 100) and ``level``.
        An empty table gives 0 respondents and NaN for the NPS and its interval.

    Raises:
        DataError: ``nps_score`` missing, a score that is not a whole number in 0–10, or a bad ``level``.
    """
    groups = with_nps_group(surveys)["nps_group"]
    counts = groups.value_counts()
    return nps_from_counts(int(counts.get("promoter", 0)), int(counts.get("passive", 0)),
                           int(counts.get("detractor", 0)), level)


def score_distribution(surveys: pd.DataFrame) -> pd.DataFrame:
    """How many answers gave each score 0–10, with the score's NPS group.

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS): the bars behind the three groups.

    Args:
        surveys: a table with ``nps_score`` (0–10).

    Returns:
        Eleven rows, scores 0 to 10, columns ``nps_score``, ``nps_group``, ``count`` and
        ``share`` (count / all answers; NaN when there are no answers). Scores nobody gave
        have count 0.

    Raises:
        DataError: ``nps_score`` missing or not a whole number in 0–10.
    """
    scores = nps_scores(surveys)
    all_scores = pd.Series(range(11))
    counts = scores.value_counts().reindex(all_scores, fill_value=0).to_numpy()
    total = int(counts.sum())
    return pd.DataFrame({
        "nps_score": all_scores,
        "nps_group": classify_score(all_scores),
        "count": counts.astype(int),
        "share": counts / total if total else np.full(11, np.nan),
    })


def nps_by(surveys: pd.DataFrame, customers: pd.DataFrame, by: str = "persona", level: float = 0.95) -> pd.DataFrame:
    """NPS, group counts and confidence interval for each value of a customer attribute.

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS), broken down by segment (curriculum topic 9:
    NPS by persona and by channel). Each group gets the figures of :func:`nps_summary`.

    Args:
        surveys: the ``surveys`` table (``customer_id``, ``nps_score``).
        customers: the ``customers`` table (``customer_id`` and the column ``by`` names).
        by: a column of ``customers``: ``persona``, ``segment``, ``channel`` (the acquisition
            channel, ``customers.acquired_via``) or any other column such as ``city``.
        level: confidence level in (0, 1).

    Returns:
        One row per value of ``by`` found among the respondents, sorted by that value; the
        first column is named ``by`` (``channel`` stays ``channel``), then the columns of
        :func:`nps_summary`. Answers whose customer is not in ``customers``, or whose
        ``by`` value is empty, are left out. Empty surveys give an empty table with these columns.

    Raises:
        DataError: a missing column, an unknown ``by``, a bad score or a bad ``level``.
    """
    require_columns(surveys, ["customer_id", "nps_score"], "surveys")
    require_columns(customers, ["customer_id"], "customers")
    column = BY_ALIASES.get(by, by) if isinstance(by, str) else None
    if column is None or by == "customer_id" or (by not in BY_ALIASES and column not in customers.columns):
        allowed = sorted({*BY_ALIASES, *(c for c in customers.columns if c != "customer_id")})
        check_choice("by", by, allowed)
    require_columns(customers, [column], "customers")
    check_range("level", level, 0, 1, low_open=True, high_open=True)
    graded = with_nps_group(surveys)
    keyed = customers.drop_duplicates("customer_id").set_index("customer_id")[column]
    graded[by] = graded["customer_id"].map(keyed)
    graded = graded[graded[by].notna()]
    rows = []
    for key, part in graded.groupby(by, sort=True):
        counts = part["nps_group"].value_counts()
        summary = nps_from_counts(int(counts.get("promoter", 0)), int(counts.get("passive", 0)),
                                  int(counts.get("detractor", 0)), level)
        rows.append({by: key, **summary.to_dict()})
    out = pd.DataFrame(rows, columns=[by, *SUMMARY_COLUMNS])
    for col in ("respondents", "promoters", "passives", "detractors"):
        out[col] = out[col].astype(int)
    for col in ("promoter_share", "passive_share", "detractor_share", "nps", "ci_low", "ci_high", "level"):
        out[col] = out[col].astype(float)
    return out.reset_index(drop=True)


def customer_nps_group(surveys: pd.DataFrame, which: str = "first") -> pd.DataFrame:
    """Each respondent's NPS group from one of their answers (for survival or churn by group).

    Lecture 001, Chỉ số khách hàng thiện cảm (NPS). A customer who answered several surveys
    gets the group of the ``first`` (default) or ``last`` answer by time. Use ``first`` to
    compare later behaviour: the last answer may come after the behaviour it would explain.

    Args:
        surveys: ``customer_id``, ``at`` (datetime or text) and ``nps_score``.
        which: ``"first"`` or ``"last"`` answer of each customer.

    Returns:
        One row per customer: ``customer_id``, ``at`` (time of that answer), ``nps_score``, ``nps_group``.

    Raises:
        DataError: a missing column, a bad score or time, or an unknown ``which``.
    """
    require_columns(surveys, ["customer_id", "at", "nps_score"], "surveys")
    check_choice("which", which, ["first", "last"])
    graded = with_nps_group(surveys)
    graded["at"] = datetimes(surveys, "at", "surveys")
    graded = graded.sort_values(["customer_id", "at"], kind="stable")
    picked = graded.drop_duplicates("customer_id", keep="first" if which == "first" else "last")
    return picked[["customer_id", "at", "nps_score", "nps_group"]].reset_index(drop=True)




def _as_of(value: object, *series: pd.Series) -> pd.Timestamp:
    """``value`` as a Timestamp, or the latest time in ``series`` when ``value`` is None (NaT if they are empty)."""
    if value is None:
        latest = [s.max() for s in series if len(s) and pd.notna(s.max())]
        return max(latest) if latest else pd.NaT
    return timestamp("as_of", value)


def _follow_up_pairs(answers: pd.DataFrame, order_customer: pd.Series, order_at: pd.Series) -> pd.DataFrame:
    """Every (answer, order of the same customer) pair: ``row`` (answer's index), ``customer_id``, ``at``, ``order_at``."""
    left = answers[["customer_id", "at"]].rename_axis("row").reset_index()
    left["customer_id"] = left["customer_id"].astype(object)
    right = pd.DataFrame({"customer_id": order_customer.to_numpy(dtype=object), "order_at": order_at.to_numpy()})
    return left.merge(right, on="customer_id", how="inner")


def nps_churn(surveys: pd.DataFrame, *, truth: pd.DataFrame | None = None, orders: pd.DataFrame | None = None,
              method: str = "observed", within_days: float = 180, as_of: object = None) -> pd.DataFrame:
    """Share of promoters, passives and detractors who churned within ``within_days`` after their answer.

    Lecture 001, NPS (Reichheld 2006) and Quản trị duy trì khách hàng: promoters should churn
    less than passives, and passives less than detractors. Each survey answer counts once,
    in the group of its score.

    Two definitions of churn:

    - ``method="observed"`` (needs ``orders``; what a shop can see): the answer is followed
      by no order in the ``within_days`` days after it (orders at ``at < t ≤ at + within_days``).
      Answers given less than ``within_days`` before ``as_of`` cannot be judged yet and are
      left out (they are censored). This is a lapse, not a proof of churn: a customer who
      comes back later still counts as churned here.
    - ``method="true"`` (needs ``truth``; the simulator's answer key): ``truth.churned_at`` is
      not empty and ``churned_at ≤ at + within_days`` (a churn before the answer counts too).
      ``truth`` follows every customer to the end of its horizon (one year past the window for
      the shipped data), so ``as_of`` is not used and every answer is judged.

    churn_rate = churned / respondents of the group.

    Args:
        surveys: ``customer_id``, ``at``, ``nps_score``.
        truth: the ``truth`` table (``customer_id``, ``churned_at``) for ``method="true"``.
        orders: the ``orders`` table (``customer_id``, ``at``) for ``method="observed"``.
        method: ``"observed"`` or ``"true"``.
        within_days: the follow-up after each answer, in days (> 0).
        as_of: end of the observed data for ``method="observed"`` (datetime or text); default
            the latest time in ``surveys`` and ``orders``.

    Returns:
        Three rows, ``promoter``, ``passive``, ``detractor``: ``nps_group``, ``respondents``
        (answers judged), ``churned`` and ``churn_rate`` (NaN for a group with no answers).

    Raises:
        DataError: a missing table or column, a bad score or time, ``within_days`` ≤ 0, an
            unknown ``method``, or a respondent missing from ``truth``.
    """
    check_choice("method", method, ["observed", "true"])
    within_days = float(check_range("within_days", within_days, 0, None, low_open=True))
    require_columns(surveys, ["customer_id", "at", "nps_score"], "surveys")
    graded = with_nps_group(surveys).reset_index(drop=True)
    graded["at"] = datetimes(surveys, "at", "surveys").to_numpy()
    window = pd.Timedelta(days=within_days)
    if method == "true":
        if truth is None:
            raise DataError([("truth", None, "method='true' cần bảng truth (cột customer_id, churned_at)",
                              "method='true' needs the truth table (columns customer_id, churned_at)")])
        require_columns(truth, ["customer_id", "churned_at"], "truth")
        churned_at = datetimes(truth, "churned_at", "truth")
        churn_by_id = pd.Series(churned_at.to_numpy(), index=truth["customer_id"]).groupby(level=0).first()
        unknown = graded.loc[~graded["customer_id"].isin(churn_by_id.index), "customer_id"]
        if len(unknown):
            raise DataError([("truth.customer_id", unknown.iloc[0], "bảng truth phải có mọi khách đã trả lời khảo sát",
                              "truth must have a row for every customer who answered a survey")])
        when = graded["customer_id"].map(churn_by_id)
        graded["churned"] = when.notna() & (when <= graded["at"] + window)
    else:
        if orders is None:
            raise DataError([("orders", None, "method='observed' cần bảng orders (cột customer_id, at)",
                              "method='observed' needs the orders table (columns customer_id, at)")])
        require_columns(orders, ["customer_id", "at"], "orders")
        order_at = datetimes(orders, "at", "orders")
        end = _as_of(as_of, graded["at"], order_at)
        graded = graded[graded["at"] + window <= end] if pd.notna(end) else graded.iloc[0:0]
        pairs = _follow_up_pairs(graded, orders["customer_id"], order_at)
        follow = pairs[(pairs["order_at"] > pairs["at"]) & (pairs["order_at"] <= pairs["at"] + window)]
        graded = graded.copy()
        graded["churned"] = ~graded.index.isin(follow["row"])
    rows = []
    for group in NPS_GROUPS:
        part = graded[graded["nps_group"] == group]
        n, churned = len(part), int(part["churned"].sum())
        rows.append({"nps_group": group, "respondents": n, "churned": churned,
                     "churn_rate": churned / n if n else math.nan})
    return pd.DataFrame(rows)
