"""Permission marketing: the house e-mail list, its growth, its unsubscribes.

Lecture 001 (Chương 6 – Quản trị quan hệ khách hàng điện tử, "Marketing cho phép –
Permission marketing"; Chaffey ch. 9, Fig 9.2): customers agree to take part in a
firm's marketing, usually in return for an incentive. Godin (1999) compares it with
dating: offer the prospect an incentive to volunteer, use the attention to teach,
reinforce the incentive, offer an additional incentive for more permission. A list
grows by opt-ins (đăng ký nhận e-mail) and shrinks by unsubscribes (hủy đăng ký);
too many e-mails wear the permission out.

What the simulator's tables hold (see ``python -m sim describe``):

* ``customers.email_opt_in``: the person agreed to receive the house list's e-mails,
  at their first visit (``first_seen_at``); ``customers.unsubscribed_at``: when they
  left the list, empty if they did not (within the observation window);
* ``marketing``: e-mails sent, opened and unsubscribes per day. The rows
  ``channel = "email"``, ``purpose = "retention"`` are the house-list e-mails to
  existing customers and the unsubscribes they caused. The rows with
  ``purpose = "acquisition"`` add partner-list e-mails (rented lists, whose readers
  cannot leave *our* list) to the house-list e-mails to prospects, so they cannot
  give a rate per house-list e-mail; the rate here uses the customer rows only.

Typical use::

    import sim
    from sim.measures import permission
    r = sim.simulate("default", seed=2026)
    growth = permission.list_growth(r.customers, r.marketing, freq="M")
    permission.list_summary(growth)
    sim.sweep("demo", {"permission_marketing.sends_per_month": [1, 4, 12]}, seeds=5,
              measures=permission.list_measures)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_choice
from sim.base.errors import DataError
from sim.measures.frames import datetimes, flags, numbers, require_columns, tables_of
from sim.measures.value import acquisition_retention_cost_ratio

FREQS: tuple[str, ...] = ("D", "W", "M")
"""Periods of :func:`list_growth`: day, week (Monday to Sunday) or calendar month."""

GROWTH_COLUMNS: tuple[str, ...] = ("period_start", "period_end", "prospects", "opt_ins", "opt_in_rate", "unsubscribes",
                                   "net_change", "subscribers")
"""Columns of :func:`list_growth` from the ``customers`` table alone."""

EMAIL_COLUMNS: tuple[str, ...] = ("customer_emails_sent", "customer_unsubscribes", "unsubscribe_rate")
"""Columns :func:`list_growth` adds when the ``marketing`` table is given."""

MEASURES: tuple[str, ...] = ("opt_in_rate", "subscribers", "unsubscribes", "unsubscribe_rate", "email_journeys",
                             "email_purchases", "cac_vnd")
"""Keys of :func:`list_measures` (labels: kind ``list_measure``)."""

HOUSE_EMAIL_ROWS: tuple[str, str] = ("email", "retention")
"""``(channel, purpose)`` of the ``marketing`` rows holding only house-list e-mails (to existing customers)."""


def _counts(periods: pd.Series, index: pd.PeriodIndex) -> np.ndarray:
    """How many values of ``periods`` fall in each period of ``index`` (missing values are skipped)."""
    return periods.dropna().value_counts().reindex(index, fill_value=0).to_numpy(dtype=np.int64)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


def list_growth(customers: pd.DataFrame, marketing: pd.DataFrame | None = None, freq: str = "W") -> pd.DataFrame:
    """The opt-in e-mail list over time: new subscribers, unsubscribes and the list's size.

    Formulas, per period (day, week or month):

    * ``prospects`` = people first seen in the period (each is asked for permission once);
    * ``opt_ins`` = those of them who opted in; ``opt_in_rate`` = opt_ins / prospects;
    * ``unsubscribes`` = people whose ``unsubscribed_at`` falls in the period;
    * ``net_change`` = opt_ins − unsubscribes;
    * ``subscribers`` = Σ net_change up to and including the period
      (cumulative opt-ins minus cumulative unsubscribes: the list's size at the period's end).

    With ``marketing``, from its house-list rows to existing customers
    (:data:`HOUSE_EMAIL_ROWS`): ``customer_emails_sent``, ``customer_unsubscribes`` and
    ``unsubscribe_rate`` = customer_unsubscribes / customer_emails_sent, the share of
    e-mails after which a reader left the list (NaN when none was sent).

    A person with an ``unsubscribed_at`` counts as having opted in even if ``email_opt_in``
    says no (only a subscriber can unsubscribe). Lecture 001, "Marketing cho phép"
    (permission marketing, Godin 1999; Chaffey Fig 9.2).

    Args:
        customers: table with ``first_seen_at``, ``email_opt_in``, ``unsubscribed_at``.
        marketing: table with ``date``, ``channel``, ``purpose``, ``emails_sent``,
            ``unsubscribes``; optional.
        freq: ``"D"`` (day), ``"W"`` (week, Monday to Sunday) or ``"M"`` (calendar month).

    Returns:
        One row per period from the first to the last one holding data, empty periods
        included: the columns of :data:`GROWTH_COLUMNS`, then those of :data:`EMAIL_COLUMNS`
        when ``marketing`` is given. ``period_end`` is the start of the next period.
        An empty ``customers`` table gives no rows.

    Raises:
        DataError: a missing column, a bad ``freq``, a missing ``first_seen_at``, an
            ``email_opt_in`` that is not yes/no, or an ``unsubscribed_at`` before ``first_seen_at``.
    """
    check_choice("freq", freq, FREQS)
    require_columns(customers, ["first_seen_at", "email_opt_in", "unsubscribed_at"], "customers")
    seen = datetimes(customers, "first_seen_at", "customers")
    if seen.isna().any():
        raise DataError([("customers.first_seen_at", None, "không được để trống: mỗi khách có một lần truy cập đầu tiên",
                          "must not be empty: every person has a first visit")])
    left = datetimes(customers, "unsubscribed_at", "customers")
    early = left.notna() & (left < seen)
    if early.any():
        raise DataError([("customers.unsubscribed_at", left[early].iloc[0],
                          "không thể hủy đăng ký trước lần truy cập đầu tiên (first_seen_at)",
                          "cannot be before the first visit (first_seen_at)")])
    subscribed = flags(customers, "email_opt_in", "customers") | left.notna()
    days = None
    if marketing is not None:
        require_columns(marketing, ["date", "channel", "purpose", "emails_sent", "unsubscribes"], "marketing")
        days = datetimes(marketing, "date", "marketing")
    stamps = [s for s in (seen, left, days) if s is not None and s.notna().any()]
    columns = [*GROWTH_COLUMNS, *(EMAIL_COLUMNS if marketing is not None else ())]
    if not len(seen):
        return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c.startswith("period") else float) for c in columns})
    first = min(s.min() for s in stamps).to_period(freq)
    last = max(s.max() for s in stamps).to_period(freq)
    index = pd.period_range(first, last, freq=freq)
    seen_p = seen.dt.to_period(freq)
    prospects = _counts(seen_p, index)
    opt_ins = _counts(seen_p[subscribed.to_numpy()], index)
    unsubscribes = _counts(left.dt.to_period(freq), index)
    net = opt_ins - unsubscribes
    out = pd.DataFrame({
        "period_start": index.start_time,
        "period_end": (index + 1).start_time,
        "prospects": prospects,
        "opt_ins": opt_ins,
        "opt_in_rate": _ratio(opt_ins, prospects),
        "unsubscribes": unsubscribes,
        "net_change": net,
        "subscribers": np.cumsum(net),
    })
    if marketing is not None:
        channel, purpose = HOUSE_EMAIL_ROWS
        rows = ((marketing["channel"] == channel) & (marketing["purpose"] == purpose)).to_numpy()
        period = days.dt.to_period(freq)[rows]
        sent = numbers(marketing, "emails_sent", "marketing")[rows].fillna(0.0)
        quits = numbers(marketing, "unsubscribes", "marketing")[rows].fillna(0.0)
        sent_per = sent.groupby(period.to_numpy()).sum().reindex(index, fill_value=0.0).to_numpy()
        quits_per = quits.groupby(period.to_numpy()).sum().reindex(index, fill_value=0.0).to_numpy()
        out["customer_emails_sent"] = sent_per
        out["customer_unsubscribes"] = quits_per
        out["unsubscribe_rate"] = _ratio(quits_per, sent_per)
    return out


def list_summary(growth: pd.DataFrame) -> pd.Series:
    """The whole period of a :func:`list_growth` table in one row.

    Formulas: ``prospects``, ``opt_ins``, ``unsubscribes`` are the sums over the periods;
    ``opt_in_rate`` = opt_ins / prospects; ``subscribers`` = the list's size at the end
    (opt_ins − unsubscribes); ``unsubscribed_share`` = unsubscribes / opt_ins (the share of
    those who opted in who have left again). With the e-mail columns:
    ``unsubscribe_rate`` = Σ customer_unsubscribes / Σ customer_emails_sent. Lecture 001,
    "Marketing cho phép" (Godin 1999).

    Args:
        growth: the table of :func:`list_growth`.

    Returns:
        A Series: ``prospects``, ``opt_ins``, ``opt_in_rate``, ``unsubscribes``, ``subscribers``,
        ``unsubscribed_share``, and ``customer_emails_sent``, ``customer_unsubscribes``,
        ``unsubscribe_rate`` when ``growth`` has them. A rate with a zero denominator is NaN.

    Raises:
        DataError: a missing column.
    """
    require_columns(growth, ["prospects", "opt_ins", "unsubscribes"], "growth")
    prospects, opt_ins, quits = (float(numbers(growth, c, "growth").sum()) for c in ("prospects", "opt_ins", "unsubscribes"))
    out = {
        "prospects": prospects,
        "opt_ins": opt_ins,
        "opt_in_rate": opt_ins / prospects if prospects else np.nan,
        "unsubscribes": quits,
        "subscribers": opt_ins - quits,
        "unsubscribed_share": quits / opt_ins if opt_ins else np.nan,
    }
    if all(c in growth.columns for c in EMAIL_COLUMNS):
        sent = float(numbers(growth, "customer_emails_sent", "growth").sum())
        customer_quits = float(numbers(growth, "customer_unsubscribes", "growth").sum())
        out.update({"customer_emails_sent": sent, "customer_unsubscribes": customer_quits,
                    "unsubscribe_rate": customer_quits / sent if sent else np.nan})
    return pd.Series(out, dtype=float)


def email_journeys(journey: pd.DataFrame) -> pd.Series:
    """Purchase journeys started by a house-list e-mail, and how many of them ended in a purchase.

    A journey (one ``customer_id``, ``journey_no`` pair) is started by a house-list e-mail
    when its need-recognition event (stage 1) is ``need_campaign`` through the ``email``
    channel and it is not the person's first journey: a first journey through e-mail comes
    from a partner list, since a person joins the house list at their first visit.
    ``purchases`` = those journeys with a ``purchased`` event; ``conversion_rate`` =
    purchases / journeys. Lecture 001, "Marketing cho phép" (using the permission to teach
    and to sell) and lecture 000 §2 (a campaign can trigger need recognition).

    Args:
        journey: table with ``customer_id``, ``journey_no``, ``stage``, ``event``, ``channel``.

    Returns:
        A Series: ``journeys``, ``purchases``, ``conversion_rate`` (NaN with no such journey).

    Raises:
        DataError: a missing column or a ``journey_no`` or ``stage`` that is not a number.
    """
    require_columns(journey, ["customer_id", "journey_no", "stage", "event", "channel"], "journey")
    number = numbers(journey, "journey_no", "journey").to_numpy()
    stage = numbers(journey, "stage", "journey").to_numpy()
    event = journey["event"].to_numpy()
    key = pd.MultiIndex.from_arrays([journey["customer_id"].to_numpy(), number])
    first = pd.Series(number).groupby(journey["customer_id"].to_numpy()).transform("min").to_numpy()
    started = (stage == 1) & (event == "need_campaign") & (journey["channel"].to_numpy() == "email") & (number > first)
    by_mail = key[started].unique()
    bought = key[event == "purchased"].unique()
    journeys = len(by_mail)
    purchases = int(by_mail.isin(bought).sum())
    return pd.Series({"journeys": float(journeys), "purchases": float(purchases),
                      "conversion_rate": purchases / journeys if journeys else np.nan})


def list_measures(result: object) -> dict[str, float]:
    """The list's measures of one run, for :func:`sim.replicate` and :func:`sim.sweep` (``measures=``).

    * ``opt_in_rate``, ``subscribers`` (at the end of the window), ``unsubscribes``,
      ``unsubscribe_rate`` (per house-list e-mail to customers): :func:`list_summary`;
    * ``email_journeys``, ``email_purchases``: journeys started by a house-list e-mail and
      their purchases (:func:`email_journeys`);
    * ``cac_vnd``: acquisition cost per new customer, opt-in vouchers included
      (:func:`sim.measures.value.acquisition_retention_cost_ratio`).

    Lecture 001, "Marketing cho phép" (Godin 1999).

    Args:
        result: a :class:`sim.Result` or a mapping of table name to DataFrame (``customers``,
            ``marketing``, ``journey``, ``orders``).

    Returns:
        ``{measure: value}`` with the keys of :data:`MEASURES`.

    Raises:
        DataError: ``result`` is neither, or a table lacks a column.
    """

    tables = tables_of(result, ["customers", "marketing", "journey"], argument="result")
    summary = list_summary(list_growth(tables["customers"], tables["marketing"], freq="M"))
    mail = email_journeys(tables["journey"])
    cost = acquisition_retention_cost_ratio(tables["marketing"], tables["orders"])
    return {
        "opt_in_rate": float(summary["opt_in_rate"]),
        "subscribers": float(summary["subscribers"]),
        "unsubscribes": float(summary["unsubscribes"]),
        "unsubscribe_rate": float(summary["unsubscribe_rate"]),
        "email_journeys": float(mail["journeys"]),
        "email_purchases": float(mail["purchases"]),
        "cac_vnd": float(cost["cost_per_new_customer_vnd"]),
    }


STEP_MEASURES: tuple[str, ...] = ("opt_in_rate", "open_rate", "unsubscribe_rate", "widened_share")
"""Keys of :func:`godin_steps`, one for each of Godin's steps."""


def godin_steps(customers: pd.DataFrame, marketing: pd.DataFrame) -> dict[str, float]:
    """One measure for each of Godin's (1999) four steps of permission marketing (chương 6).

    * step 1, the incentive: ``opt_in_rate`` = people who opted in / people asked (everyone first seen);
    * step 2, teaching: ``open_rate`` = opens / e-mails sent, on the house-list rows to customers
      (:data:`HOUSE_EMAIL_ROWS`);
    * steps 2 and 3, teaching and reinforcing: ``unsubscribe_rate`` = unsubscribes / e-mails sent on
      the same rows;
    * step 4, the additional incentive: ``widened_share`` = people with a ``permission_widened_at``
      (SMS/Zalo added) / people who opted in.

    Example (worked by hand in the tests): 4 people, 2 opt in, 1 widens; 100 e-mails, 25 opened,
    1 unsubscribe → 0.5, 0.25, 0.01, 0.5.

    Args:
        customers: table with ``email_opt_in`` and ``permission_widened_at``.
        marketing: table with ``channel``, ``purpose``, ``emails_sent``, ``opens``, ``unsubscribes``.

    Returns:
        ``{measure: value}`` with the keys of :data:`STEP_MEASURES` (NaN with a zero denominator).

    Raises:
        DataError: a missing column or an ``email_opt_in`` that is not yes/no.
    """
    require_columns(customers, ["email_opt_in", "permission_widened_at"], "customers")
    require_columns(marketing, ["channel", "purpose", "emails_sent", "opens", "unsubscribes"], "marketing")
    opted = flags(customers, "email_opt_in", "customers")
    widened = datetimes(customers, "permission_widened_at", "customers").notna()
    channel, purpose = HOUSE_EMAIL_ROWS
    house = marketing[(marketing["channel"] == channel) & (marketing["purpose"] == purpose)]
    sent = float(numbers(house, "emails_sent", "marketing").sum())
    opens = float(numbers(house, "opens", "marketing").sum())
    quits = float(numbers(house, "unsubscribes", "marketing").sum())
    n, k = len(customers), int(opted.sum())
    return {"opt_in_rate": k / n if n else np.nan, "open_rate": opens / sent if sent else np.nan,
            "unsubscribe_rate": quits / sent if sent else np.nan,
            "widened_share": int(widened.sum()) / k if k else np.nan}


__all__ = ["EMAIL_COLUMNS", "FREQS", "GROWTH_COLUMNS", "HOUSE_EMAIL_ROWS", "MEASURES", "STEP_MEASURES", "email_journeys",
           "godin_steps", "list_growth", "list_measures", "list_summary"]
