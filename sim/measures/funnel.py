"""The funnel of the five-stage purchase decision process, its drop-outs and its timing.

Lecture 000 §2 (Quá trình quyết định mua hàng) and lecture 001 (Quy trình mua hàng
trực tuyến; Chaffey ch. 9 Fig. 9.3): (1) need recognition, (2) information search,
(3) evaluation of alternatives, (4) purchase, (5) post-purchase evaluation.

What the ``journey`` table records at each stage (see ``sim/customer.py``):

* stage 1: a ``need_*`` event when the need arises (the visit that starts the journey);
* stage 2: a ``search_*`` event at the start of every information-search session;
* stage 3: ``evaluated`` when the evaluation ends and the shop passes it;
* stage 4: ``purchased`` when the order is placed (payment and delivery succeed);
* stage 5: ``post_purchase`` after delivery;
* at any stage, ``dropout`` with its ``reason`` when the customer leaves at that stage.

Definitions used by every function here:

* a **journey** is one ``(customer_id, journey_no)`` pair; every journey in the table has started;
* a journey **reached stage k** when it has an event at stage k or later. A drop-out at
  stage k is recorded at stage k, so a journey that dropped out at stage k reached k but not k + 1;
* a journey is **purchased** when it has a ``purchased`` event;
* **conversion rate** = purchased journeys / journeys started;
* a journey is **in progress** at stage k when its latest stage is k (k < 5) and it has no
  drop-out: the data end before it goes on (e.g. a purchase still being delivered). Hence
  reached(k) = dropped(k) + in progress(k) + reached(k + 1) for k = 1…4;
* a journey's **channel** is the channel of its first event (the visit that started it);
  later search sessions may come through other channels;
* a journey's **path** (multi-channel conversion, chương 6 Fig. 9.3) joins where it started and
  where it ended: the touchpoint (``online``; ``phone`` or ``store`` = offline) of its first
  information-search session, or of its need when it went no further, and the touchpoint of its
  last step (the order, for a purchase): ``online_to_online``, ``online_to_offline``,
  ``offline_to_online``, ``offline_to_offline`` (:func:`journey_paths`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.checks import check_choice
from sim.base.codes import STAGES
from sim.base.errors import DataError
from sim.base.labels import LABELS
from sim.measures.frames import datetimes, numbers, require_columns, tables_of

STAGE_NUMBERS: tuple[int, ...] = tuple(int(s) for s in STAGES)
"""The stages 1–5 of the purchase decision process."""
GROUPS: tuple[str | None, ...] = (None, "persona", "channel", "segment", "path")
"""What a funnel can be split by: nothing, the customer's persona or segment, or the journey's channel or path."""
PATHS: tuple[str, ...] = ("online_to_online", "online_to_offline", "offline_to_online", "offline_to_offline")
"""A journey's path from the touchpoint where it started to the one where it ended (label kind ``journey_path``)."""
OFFLINE_TOUCHPOINTS: frozenset[str] = frozenset({"phone", "store"})
"""Touchpoints that are not the web site: a call to the hotline, a visit to the store."""
JOURNEYS: tuple[str, ...] = ("all", "first")
"""Which journeys count: all of them, or only each customer's first journey."""

_KEY = ["customer_id", "journey_no"]


def journey_outcomes(journey: pd.DataFrame, *, journeys: str = "all") -> pd.DataFrame:
    """One row per journey: how far it went and how it ended.

    Lecture 000 §2, the five-stage purchase decision process. The module docstring
    defines "reached", "purchased" and "in progress".

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``at``, ``stage``,
            ``event``, ``channel``, ``reason``).
        journeys: ``"all"`` journeys, or only each customer's ``"first"`` one (lowest ``journey_no``).

    Returns:
        Columns ``customer_id``, ``journey_no``, ``channel`` (of the first event), ``started_at``,
        ``last_stage`` (highest stage reached), ``purchased`` (bool), ``dropout_stage`` (Int64,
        missing when no drop-out), ``reason`` (of the drop-out), ``outcome``
        (``purchased`` / ``dropout`` / ``in_progress``). An empty table gives no rows.

    Raises:
        DataError: a missing column, a stage outside 1–5, or a bad ``journeys``.
    """
    cols = [*_KEY, "at", "stage", "event", "channel", "reason"]
    j = _prepared(journey, cols, journeys)
    per = _per_journey(j, with_channel=True)
    started = j.groupby(_KEY, sort=False)["at"].min()
    drops = j[j["event"] == "dropout"].sort_values(["stage", "at"], kind="stable")
    reason = drops.groupby(_KEY, sort=False)["reason"].first()
    per["started_at"] = started.reindex(per.index)
    per["reason"] = reason.reindex(per.index)
    per["outcome"] = np.where(per["purchased"], "purchased",
                              np.where(per["dropout_stage"].notna(), "dropout", "in_progress"))
    out = per.reset_index()
    out = out[["customer_id", "journey_no", "channel", "started_at", "last_stage", "purchased",
               "dropout_stage", "reason", "outcome"]]
    return out.sort_values(["started_at", "customer_id", "journey_no"], kind="stable").reset_index(drop=True)


def funnel(journey: pd.DataFrame, customers: pd.DataFrame | None = None, *, by: str | None = None,
           journeys: str = "all") -> pd.DataFrame:
    """Journeys reaching each of the five stages, with step conversion and drop-out.

    Lecture 000 §2 and lecture 001 (Quy trình mua hàng trực tuyến, Fig. 9.3). For each stage k:

    * ``reached`` = journeys with an event at stage k or later;
    * ``share_of_started`` = reached(k) / journeys started;
    * ``step_rate`` = reached(k) / reached(k − 1) (stage 1: reached(1) / started);
    * ``dropped`` = journeys with a drop-out at stage k; ``dropout_rate`` = dropped(k) / reached(k);
    * ``in_progress`` = journeys still at stage k when the data end (k < 5).

    Example (worked by hand in the tests): 6 journeys; 4 reach stage 2, 3 reach stage 3,
    2 reach stage 4 and 1 reaches stage 5 → shares 1, 0.667, 0.5, 0.333, 0.167.

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``stage``, ``event``;
            ``channel`` when ``by="channel"``).
        customers: the ``customers`` table (``customer_id`` and the ``by`` column); needed for
            ``by="persona"`` or ``by="segment"``.
        by: ``None`` (overall), ``"persona"``, ``"segment"`` (from ``customers``) or ``"channel"``
            (the journey's channel).
        journeys: ``"all"`` or ``"first"`` (each customer's first journey only).

    Returns:
        One row per stage (per group when ``by`` is given: the group column first), stages 1–5
        always present. Rates are NaN when their denominator is 0 (e.g. an empty table).

    Raises:
        DataError: a missing column or table, a stage outside 1–5, a bad ``by`` or ``journeys``,
            or a journey whose customer is not in ``customers``.
    """
    check_choice("by", by, GROUPS)
    j = _prepared(journey, _columns(by, [*_KEY, "stage", "event"]), journeys)
    per = _with_group(_per_journey(j, group=by), customers, by)
    rows = []
    for group, part in _groups(per, by):
        started = len(part)
        previous = started
        for k in STAGE_NUMBERS:
            reached = int((part["last_stage"] >= k).sum())
            dropped = int((part["dropout_stage"] == k).sum())
            waiting = 0 if k == STAGE_NUMBERS[-1] else int(
                ((part["last_stage"] == k) & part["dropout_stage"].isna()).sum())
            rows.append({**group, "stage": k, "reached": reached,
                         "share_of_started": _ratio(reached, started), "step_rate": _ratio(reached, previous),
                         "dropped": dropped, "dropout_rate": _ratio(dropped, reached), "in_progress": waiting})
            previous = reached
    return _table(rows, by, ["stage", "reached", "share_of_started", "step_rate", "dropped", "dropout_rate",
                             "in_progress"])


def conversion(journey: pd.DataFrame, customers: pd.DataFrame | None = None, *, by: str | None = None,
               journeys: str = "all") -> pd.DataFrame:
    """Conversion rate of journeys: purchased journeys / journeys started.

    Lecture 001 (Marketing chuyển đổi; Fig. 9.6 "quality or conversion rates to action").
    ``purchased + dropped_out + in_progress = started``.

    Example (worked by hand in the tests): 6 journeys, 2 purchased → 2 / 6 = 0.333.

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``stage``, ``event``;
            ``channel`` when ``by="channel"``).
        customers: the ``customers`` table, for ``by="persona"`` or ``by="segment"``.
        by: ``None``, ``"persona"``, ``"segment"`` or ``"channel"``.
        journeys: ``"all"`` or ``"first"`` (each customer's first journey only).

    Returns:
        Columns (the group column first when ``by`` is given) ``started``, ``purchased``,
        ``dropped_out``, ``in_progress``, ``conversion_rate`` (NaN when nothing started).

    Raises:
        DataError: as :func:`funnel`.
    """
    check_choice("by", by, GROUPS)
    j = _prepared(journey, _columns(by, [*_KEY, "stage", "event"]), journeys)
    per = _with_group(_per_journey(j, group=by), customers, by)
    rows = []
    for group, part in _groups(per, by):
        started = len(part)
        bought = int(part["purchased"].sum())
        dropped = int((~part["purchased"] & part["dropout_stage"].notna()).sum())
        rows.append({**group, "started": started, "purchased": bought, "dropped_out": dropped,
                     "in_progress": started - bought - dropped, "conversion_rate": _ratio(bought, started)})
    return _table(rows, by, ["started", "purchased", "dropped_out", "in_progress", "conversion_rate"])


def dropout_reasons(journey: pd.DataFrame, customers: pd.DataFrame | None = None, *, by: str | None = None,
                    journeys: str = "all") -> pd.DataFrame:
    """Why customers leave: drop-outs per stage and reason, counts and shares.

    Lecture 000 §1 (two main reasons not to buy on the web: no guarantee of security, quality
    cannot be verified) and §2 (the five stages). For each stage and reason:

    * ``count`` = drop-outs at that stage with that reason;
    * ``share_of_stage`` = count / drop-outs at that stage;
    * ``share_of_all`` = count / all drop-outs (of the group).

    A drop-out without a reason is counted under ``"unknown"``.

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``stage``, ``event``,
            ``reason``; ``channel`` when ``by="channel"``).
        customers: the ``customers`` table, for ``by="persona"`` or ``by="segment"``.
        by: ``None``, ``"persona"``, ``"segment"`` or ``"channel"`` (the journey's channel).
        journeys: ``"all"`` or ``"first"`` (each customer's first journey only).

    Returns:
        Columns (the group column first when ``by`` is given) ``stage``, ``reason``, ``count``,
        ``share_of_stage``, ``share_of_all``; sorted by stage, then by count (largest first).
        No drop-outs: no rows.

    Raises:
        DataError: as :func:`funnel`.
    """
    check_choice("by", by, GROUPS)
    j = _prepared(journey, _columns(by, [*_KEY, "stage", "event", "reason"]), journeys)
    drops = j[j["event"] == "dropout"].copy()
    drops["reason"] = drops["reason"].astype(object).where(drops["reason"].notna(), "unknown")
    if by in ("channel", "path"):
        group = _per_journey(j, group=by)[by]
        drops = drops.drop(columns=[c for c in ("channel", "touchpoint", "at") if c in drops.columns]).join(group, on=_KEY)
    elif by is not None:
        drops = _with_group(drops.set_index(_KEY), customers, by).reset_index()
    rows = []
    for group, part in _groups(drops, by):
        total = len(part)
        per_stage = part.groupby("stage").size()
        counts = part.groupby(["stage", "reason"]).size().reset_index(name="count")
        counts["order"] = [_reason_order(r) for r in counts["reason"]]
        counts = counts.sort_values(["stage", "count", "order"], ascending=[True, False, True], kind="stable")
        for stage, reason, count in counts[["stage", "reason", "count"]].itertuples(index=False):
            rows.append({**group, "stage": int(stage), "reason": reason, "count": int(count),
                         "share_of_stage": count / per_stage[stage], "share_of_all": count / total})
    return _table(rows, by, ["stage", "reason", "count", "share_of_stage", "share_of_all"])


def stage_durations(journey: pd.DataFrame, customers: pd.DataFrame | None = None, *, by: str | None = None,
                    journeys: str = "all") -> pd.DataFrame:
    """Time spent per stage: median days from a stage's first event to the next stage's.

    Lecture 000 §2 (the five stages take time; Chaffey ch. 9 Fig. 9.3). For a journey that
    reached stage k + 1, time at stage k = first event at stage k + 1 − first event at stage k.
    Events are stamped when they are recorded: a need when it arises, a search session when it
    starts, the evaluation's outcome when it ends, the purchase at checkout, the post-purchase
    evaluation after delivery. So stage 2's time includes the evaluation itself, and stage 4's
    time is the delivery. Stage 5 ends the journey and has no time.

    Example (worked by hand in the tests): stage 1 → 2 takes 0.25, 0.5, 1 and 2 hours in four
    journeys → median 0.75 hours = 0.03125 days.

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``at``, ``stage``;
            ``event`` and ``channel`` when ``by="channel"``).
        customers: the ``customers`` table, for ``by="persona"`` or ``by="segment"``.
        by: ``None``, ``"persona"``, ``"segment"`` or ``"channel"``.
        journeys: ``"all"`` or ``"first"`` (each customer's first journey only).

    Returns:
        One row per stage 1–4 (per group): ``stage``, ``journeys`` (how many were timed),
        ``median_days``, ``mean_days``, ``median_hours``; NaN when no journey was timed.

    Raises:
        DataError: as :func:`funnel`, or ``at`` values that are not datetimes.
    """
    check_choice("by", by, GROUPS)
    j = _prepared(journey, _columns(by, [*_KEY, "at", "stage"] + (["event"] if by in ("channel", "path") else [])),
                  journeys)
    first_at = j.groupby([*_KEY, "stage"])["at"].min().unstack("stage")
    first_at = first_at.reindex(columns=list(STAGE_NUMBERS))
    for k in STAGE_NUMBERS:
        first_at[k] = pd.to_datetime(first_at[k])
    if by in ("channel", "path"):
        first_at[by] = _per_journey(j, group=by)[by].reindex(first_at.index)
    else:
        first_at = _with_group(first_at, customers, by)
    rows = []
    for group, part in _groups(first_at, by):
        for k in STAGE_NUMBERS[:-1]:
            days = ((part[k + 1] - part[k]).dt.total_seconds() / 86400.0).dropna()
            median = float(days.median()) if len(days) else np.nan
            rows.append({**group, "stage": k, "journeys": len(days), "median_days": median,
                         "mean_days": float(days.mean()) if len(days) else np.nan, "median_hours": median * 24.0})
    return _table(rows, by, ["stage", "journeys", "median_days", "mean_days", "median_hours"])


# --------------------------------------------------------------------------- helpers


def _prepared(journey: object, columns: list[str], journeys: str) -> pd.DataFrame:
    """The needed columns, with numeric stages in 1–5, datetimes, and the journeys asked for."""
    check_choice("journeys", journeys, JOURNEYS)
    j = require_columns(journey, columns, "journey")[columns].copy()
    stage = numbers(j, "stage", "journey")
    bad = stage[~stage.isin(STAGE_NUMBERS)]
    if len(bad):
        raise DataError([("journey.stage", bad.iloc[0], "bước phải là số nguyên 1–5", "a stage must be an integer 1–5")])
    j["stage"] = stage.astype(int)
    number = numbers(j, "journey_no", "journey")
    if number.isna().any() or (number % 1 != 0).any():
        bad_no = j["journey_no"][number.isna() | (number % 1 != 0)].iloc[0]
        raise DataError([("journey.journey_no", bad_no, "số hành trình phải là số nguyên 1, 2, …",
                          "a journey number must be an integer 1, 2, …")])
    j["journey_no"] = number.astype("int64")
    if "at" in columns:
        j["at"] = datetimes(j, "at", "journey")
    if journeys == "first" and len(j):
        first_no = j.groupby("customer_id")["journey_no"].transform("min")
        j = j[j["journey_no"] == first_no]
    return j


def _columns(by: str | None, columns: list[str]) -> list[str]:
    """The journey columns a split by ``by`` needs besides ``columns``."""
    extra = {"channel": ["channel"], "path": ["touchpoint"] + ([] if "at" in columns else ["at"])}.get(by, [])
    return columns + [c for c in extra if c not in columns]


def _per_journey(j: pd.DataFrame, *, with_channel: bool = False, group: str | None = None) -> pd.DataFrame:
    """Per journey (index: customer_id, journey_no): last stage, purchased, drop-out stage, and the
    channel (``with_channel`` or ``group="channel"``) or path (``group="path"``)."""
    with_channel = with_channel or group == "channel"
    grouped = j.groupby(_KEY, sort=True)
    per = grouped["stage"].max().rename("last_stage").to_frame()
    bought = j[j["event"] == "purchased"].groupby(_KEY).size()
    per["purchased"] = bought.reindex(per.index, fill_value=0).to_numpy() > 0
    dropped = j[j["event"] == "dropout"].groupby(_KEY)["stage"].min()
    per["dropout_stage"] = dropped.reindex(per.index).astype("Int64")
    if with_channel:
        order = ["stage", "at"] if "at" in j.columns else ["stage"]
        first = j.sort_values(order, kind="stable").groupby(_KEY, sort=True)["channel"].first()
        per["channel"] = first.reindex(per.index)
    if group == "path":
        per["path"] = _paths(j).reindex(per.index)
    return per


def _ends(j: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Start and end touchpoint of each journey (index: customer_id, journey_no)."""
    ordered = j.sort_values(["stage", "at"], kind="stable")
    search = ordered[ordered["stage"] >= 2].groupby(_KEY, sort=True)["touchpoint"].first()
    need = ordered.groupby(_KEY, sort=True)["touchpoint"].first()
    return search.reindex(need.index).fillna(need), ordered.groupby(_KEY, sort=True)["touchpoint"].last()


def _paths(j: pd.DataFrame) -> pd.Series:
    """The path of each journey (index: customer_id, journey_no), as the module docstring defines it."""
    start, end = _ends(j)
    side = {True: "offline", False: "online"}
    starts = [side[t in OFFLINE_TOUCHPOINTS] for t in start.astype(str)]
    ends = [side[t in OFFLINE_TOUCHPOINTS] for t in end.astype(str)]
    return pd.Series([f"{a}_to_{b}" for a, b in zip(starts, ends, strict=True)], index=start.index, name="path")


def journey_paths(journey: pd.DataFrame, *, journeys: str = "all") -> pd.DataFrame:
    """Each journey's path between online and offline touchpoints (multi-channel conversion).

    Chương 6 (mô hình chuyển đổi đa kênh, Chaffey Fig. 9.3): a purchase can start online and end
    offline (research on the site, order by phone or in the store) or the other way round. The
    start is the touchpoint of the first information-search session (of the need, for a journey
    that went no further), the end that of the journey's last step; ``path`` is one of
    :data:`PATHS`.

    Example (worked by hand in the tests): a journey searched on the site, then called the
    hotline and ordered by phone → ``online_to_offline``.

    Args:
        journey: the ``journey`` table (``customer_id``, ``journey_no``, ``at``, ``stage``, ``event``,
            ``touchpoint``).
        journeys: ``"all"`` or ``"first"`` (each customer's first journey only).

    Returns:
        One row per journey: ``customer_id``, ``journey_no``, ``start_touchpoint``, ``end_touchpoint``,
        ``path``, ``purchased`` (bool).

    Raises:
        DataError: a missing column, or a stage outside 1–5.
    """
    j = _prepared(journey, [*_KEY, "at", "stage", "event", "touchpoint"], journeys)
    per = _per_journey(j, group="path")
    start, end = _ends(j)
    per["start_touchpoint"] = start.reindex(per.index)
    per["end_touchpoint"] = end.reindex(per.index)
    out = per.reset_index()
    return out[["customer_id", "journey_no", "start_touchpoint", "end_touchpoint", "path", "purchased"]]


def _with_group(per: pd.DataFrame, customers: pd.DataFrame | None, by: str | None) -> pd.DataFrame:
    """Add the customer's persona or segment to a frame indexed by (customer_id, journey_no)."""
    if by not in ("persona", "segment"):
        return per
    if customers is None:
        raise DataError([("customers", None, f"cần bảng customers (cột customer_id, {by}) để nhóm theo {by}",
                          f"the customers table (customer_id, {by}) is needed to group by {by}")])
    c = require_columns(customers, ["customer_id", by], "customers")
    lookup = c.drop_duplicates("customer_id").set_index("customer_id")[by]
    ids = per.index.get_level_values("customer_id")
    unknown = ids[~ids.isin(lookup.index)]
    if len(unknown):
        raise DataError([("journey.customer_id", unknown[0], "mọi khách trong journey phải có trong bảng customers",
                          "every customer in journey must be in the customers table")])
    out = per.copy()
    out[by] = lookup.reindex(ids).to_numpy()
    return out


def _groups(df: pd.DataFrame, by: str | None):
    """``({by: value}, part)`` per group in the label map's order; one overall group when ``by`` is None."""
    if by is None:
        yield {}, df
        return
    for value in _ordered(df[by].dropna().unique(), by):
        yield {by: value}, df[df[by] == value]


def _ordered(values, kind: str) -> list:
    """Values in the label map's order for ``kind``, then unknown ones alphabetically."""
    known = list(LABELS.get({"path": "journey_path"}.get(kind, kind), {}))
    values = [str(v) for v in values]
    return [k for k in known if k in values] + sorted(v for v in values if v not in known)


def _reason_order(reason: str) -> int:
    keys = list(LABELS["reason"])
    return keys.index(reason) if reason in keys else len(keys)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else np.nan


def _table(rows: list[dict], by: str | None, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=([by] if by else []) + columns)


FUNNEL_MEASURES: dict[str, str] = {f"funnel_stage_{stage}": stage for stage in STAGES}
"""Measure name → stage: the journeys reaching each stage, as :func:`funnel_measures` names them."""


def funnel_measures(result: object) -> dict[str, float]:
    """Journeys reaching each stage of one run, for :func:`sim.replicate` (``measures=``).

    reached(stage) = journeys with a step at that stage (:func:`sim.measures.funnel.funnel`),
    lecture 000 §2.

    Args:
        result: a :class:`sim.Result` or a mapping holding the ``journey`` table.

    Returns:
        ``{"funnel_stage_1": reached, …, "funnel_stage_5": reached}`` (0 for a stage nobody reaches).
    """
    table = funnel(tables_of(result, ["journey"], argument="result")["journey"])
    reached = dict(zip(table["stage"].astype(int).astype(str), table["reached"].astype(float), strict=True))
    return {name: reached.get(stage, 0.0) for name, stage in FUNNEL_MEASURES.items()}
