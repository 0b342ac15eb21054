"""Is a silent customer still a customer? Signs of life and the rhythm of coming back.

A shop never sees a customer leave (true churn); it sees signs of life: visits (the ``journey``
table logs every visit, with or without a purchase), orders, survey answers. A customer who has not
been seen for a while may have left, or may simply have had no need yet (lecture 001, Quản trị duy
trì khách hàng: khách không hoạt động và tỷ lệ rời bỏ; Chaffey Fig. 9.13). A customer who is still
here comes back sooner or later; one who has left never does.

The model is the simplest of the "buy till you die" family: after each sign of life a customer
either comes back (at a rate ν per day) or leaves for good (at a rate μ), whichever comes first,
both with constant rates. Then, with events followed long enough to see the return:

* q = ν / (ν + μ), the share of signs of life followed by another one (:func:`return_rhythm`);
* g = 1 / (ν + μ), the mean days to the next sign of life of those who come back;
* the leaving rate is μ = (1 − q) / g per day;
* a customer silent for d days is still here with probability (Bayes' rule, :func:`still_here_probability`)

  P(còn ở lại | im lặng d ngày) = e^(−d/g) / (e^(−d/g) + (1 − q)(1 − e^(−d/g)));

* and the probability that a customer left within w days after a moment t (:func:`left_within`) follows
  from the same two rates, given the customer's last sign of life and the silence since.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.measures.frames import datetimes, require_columns, timestamp

DAY = pd.Timedelta(days=1)


def return_rhythm(events: pd.DataFrame, *, key: str = "customer_id", as_of: object, follow_up_days: float = 240) -> pd.Series:
    """How often, and how soon, a sign of life is followed by another one.

    Every event (one row: ``key``, ``at``) that happened at least ``follow_up_days`` days before
    ``as_of`` is followed: it *comes back* when the same ``key`` has a later event within
    ``follow_up_days`` days. The follow-up must be long compared with the usual gap between two
    visits, or slow returners count as gone.

    Args:
        events: signs of life, one row each: the column ``key`` and the time ``at``.
        key: the column naming whose sign of life it is (``customer_id``, or ``survey_id`` to follow
            each survey answer on its own).
        as_of: the end of the observed data (``CUOI_KY``).
        follow_up_days: how long an event is followed (> 0 days).

    Returns:
        ``events_followed`` (events old enough), ``came_back_share`` (q) and ``mean_gap_days`` (g,
        days to the next event of those that came back; NaN when none did).

    Raises:
        DataError: a missing column, a bad time, or ``follow_up_days`` ≤ 0.
    """
    require_columns(events, [key, "at"], "events")
    follow_up = float(check_range("follow_up_days", follow_up_days, 0, None, low_open=True))
    end = timestamp("as_of", as_of)
    table = pd.DataFrame({"key": events[key].to_numpy(), "at": datetimes(events, "at", "events").to_numpy()})
    table = table.sort_values(["key", "at"], kind="stable")
    gap_days = (table.groupby("key")["at"].shift(-1) - table["at"]) / DAY
    followed = (table["at"] + follow_up * DAY <= end).to_numpy()
    came = (gap_days <= follow_up).to_numpy() & followed
    n = int(followed.sum())
    return pd.Series({
        "events_followed": n,
        "came_back_share": float(came.sum() / n) if n else float("nan"),
        "mean_gap_days": float(gap_days[came].mean()) if came.any() else float("nan"),
    })


def _rates(came_back_share: float, mean_gap_days: float) -> tuple[float, float]:
    q = float(check_range("came_back_share", came_back_share, 0.0, 1.0))
    g = float(check_range("mean_gap_days", mean_gap_days, 0.0, None, low_open=True))
    return q, g


def still_here_probability(silent_days: object, came_back_share: float, mean_gap_days: float) -> np.ndarray:
    """P(still a customer | silent for d days) = e^(−d/g) / (e^(−d/g) + (1 − q)(1 − e^(−d/g))).

    Args:
        silent_days: days since each customer's last sign of life (≥ 0; a number or an array).
        came_back_share: q of :func:`return_rhythm`, in [0, 1].
        mean_gap_days: g of :func:`return_rhythm`, > 0.

    Returns:
        One probability per customer (1 at d = 0, falling to 0 as the silence grows when q < 1).
    """
    q, g = _rates(came_back_share, mean_gap_days)
    d = np.asarray(silent_days, dtype="float64")
    if np.any(d < 0) or np.any(np.isnan(d)):
        check_range("silent_days", float(np.nanmin(d)) if not np.all(np.isnan(d)) else float("nan"), 0.0)
    x = np.exp(-d / g)
    return x / (x + (1.0 - q) * (1.0 - x))


def left_within(since: object, last_sign: object, *, as_of: object, within_days: float, came_back_share: float,
                mean_gap_days: float) -> np.ndarray:
    """P(a customer left for good within ``within_days`` after ``since``), from their signs of life.

    With t = ``since``, a = t + w, v = the last sign of life (v ≥ t), E = ``as_of``, λ = 1/g and the
    leaving rate μ = (1 − q)/g:

    * a sign of life after a (v > a): the customer was still here at a, so 0;
    * a ≤ E: silent from v to E, so P = (1 − q)(1 − e^(−λ(a − v))) / (e^(−λ(E − v)) + (1 − q)(1 − e^(−λ(E − v))));
    * a > E (the follow-up goes past the data): 1 − P(still here at E) · e^(−μ(a − E)).

    Args:
        since: the moments followed (e.g. survey answers' times), datetimes.
        last_sign: each one's last sign of life at or after ``since`` (the moment itself if none), datetimes.
        as_of: the end of the observed data.
        within_days: the follow-up after each moment (> 0 days).
        came_back_share, mean_gap_days: q and g of :func:`return_rhythm`.

    Returns:
        One probability per moment.
    """
    q, g = _rates(came_back_share, mean_gap_days)
    w = float(check_range("within_days", within_days, 0, None, low_open=True))
    end = timestamp("as_of", as_of)
    start = pd.to_datetime(pd.Series(np.asarray(since)))
    last = pd.to_datetime(pd.Series(np.asarray(last_sign)))
    until_a = ((start + w * DAY - last) / DAY).to_numpy(dtype="float64")      # a − v
    silence = ((end - last) / DAY).to_numpy(dtype="float64")                  # E − v
    beyond = ((start + w * DAY - end) / DAY).to_numpy(dtype="float64")       # a − E
    lam, leave = 1.0 / g, (1.0 - q) / g
    x = np.exp(-lam * np.clip(silence, 0.0, None))
    quiet = x + (1.0 - q) * (1.0 - x)                                         # P(silent from v to E)
    left_by_a = (1.0 - q) * (1.0 - np.exp(-lam * np.clip(until_a, 0.0, None))) / quiet
    left_after_data = 1.0 - (x / quiet) * np.exp(-leave * np.clip(beyond, 0.0, None))
    return np.where(until_a < 0, 0.0, np.where(beyond <= 0, left_by_a, left_after_data))


__all__ = ["left_within", "return_rhythm", "still_here_probability"]
