"""Headline KPIs of one run: the numbers a lecturer's dashboard and the group project show first.

Each KPI comes from the measure that defines it in its own module; this module
only gathers them, so a dashboard, a replication (:func:`sim.replicate`) and a
report show the same figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.base.formats import Unit, unit_for
from sim.measures import funnel, nps, retention, service_desk, value
from sim.measures.frames import tables_of

KPIS: tuple[str, ...] = ("prospects", "buyers", "buyer_rate", "journey_conversion", "cac_vnd", "retention_cost_ratio",
                         "nps", "repeat_rate", "active_share", "margin_vnd", "ltv_vnd", "chat_service_level")
"""The keys of :func:`headline`, in display order (labels: kind ``kpi`` of the label map)."""
KPI_UNITS: dict[str, Unit] = {
    "prospects": "count", "buyers": "count", "buyer_rate": "share", "journey_conversion": "share", "cac_vnd": "vnd",
    "retention_cost_ratio": "ratio", "nps": "points", "repeat_rate": "share", "active_share": "share",
    "margin_vnd": "vnd", "ltv_vnd": "vnd", "chat_service_level": "share",
}
"""The unit of each headline KPI (:data:`sim.base.formats.UNITS`): how cards, tables and tooltips write it."""


def kpi_unit(measure: str) -> Unit:
    """The unit of a KPI: :data:`KPI_UNITS`, else what its name says (:func:`sim.base.formats.unit_for`), else ``number``.

    Examples: ``nps`` → ``points``; ``deflection_rate`` → ``share``; ``servqual_gap`` → ``number``.
    """
    return KPI_UNITS.get(measure) or unit_for(measure) or "number"


def headline(tables: object, *, service_target_min: float | None = None) -> dict[str, float]:
    """The headline KPIs of a run.

    * ``buyer_rate`` = customers with an order / prospects (lecture 001, tỷ lệ chuyển đổi);
    * ``journey_conversion`` = purchase journeys / journeys started (:func:`funnel.conversion`);
    * ``cac_vnd`` and ``retention_cost_ratio``: :func:`value.acquisition_retention_cost_ratio` (lecture 000 §3, 5–8×);
    * ``nps`` = %promoters − %detractors (:func:`nps.nps_summary`, Reichheld 2006);
    * ``repeat_rate`` = buyers with ≥ 2 orders / buyers (:func:`retention.repeat_metrics`, Chaffey Fig 9.13);
    * ``active_share`` = buyers whose last order is ≤ 90 days old (:func:`retention.activity_segments`);
    * ``margin_vnd`` = gross margin of all orders; ``ltv_vnd`` = historical LTV, margin per buyer (:func:`value.historical_ltv`);
    * ``chat_service_level`` = chats answered within the target / chats offered (:func:`service_desk.service_level`).

    Args:
        tables: a :class:`sim.Result` or a mapping of table name to DataFrame (``customers``,
            ``journey``, ``orders``, ``surveys``, ``marketing``, ``tickets``).
        service_target_min: the service-level target in minutes; by default the scenario's
            ``service.service_level_target_min`` for a Result, else 5 minutes.

    Returns:
        ``{kpi: value}`` with the keys of :data:`KPIS`; NaN where a KPI has no data (no surveys, no chats…).
    """
    t = tables_of(tables)
    if service_target_min is None:
        scenario = getattr(tables, "scenario", None)
        service_target_min = scenario.service.service_level_target_min if scenario is not None else 5.0
    customers, orders = t["customers"], t["orders"]
    prospects = len(customers)
    buyers = orders["customer_id"].nunique()
    cost = value.acquisition_retention_cost_ratio(t["marketing"], orders)
    repeat = retention.repeat_metrics(orders)
    active = retention.activity_segments(orders)
    level = service_desk.service_level(t["tickets"], service_target_min, tools=("chat",))
    return {
        "prospects": float(prospects),
        "buyers": float(buyers),
        "buyer_rate": buyers / prospects if prospects else float("nan"),
        "journey_conversion": float(funnel.conversion(t["journey"])["conversion_rate"].iloc[0]),
        "cac_vnd": float(cost["cost_per_new_customer_vnd"]),
        "retention_cost_ratio": float(cost["ratio"]),
        "nps": float(nps.nps_summary(t["surveys"])["nps"]),
        "repeat_rate": float(repeat["repeat_conversion_rate"]),
        "active_share": float((active["activity_segment"] == "active").mean()) if len(active) else float("nan"),
        "margin_vnd": float(pd.to_numeric(orders["margin_vnd"]).sum()),
        "ltv_vnd": float(value.historical_ltv(orders)["ltv_vnd"].mean()) if buyers else float("nan"),
        "chat_service_level": float(level["service_level"].iloc[0]) if len(level) else float("nan"),
    }


FUNNEL_STAGES: dict[str, int] = {name: int(stage) for name, stage in funnel.FUNNEL_MEASURES.items()}
"""The funnel measures of :func:`headline_and_funnel` (``funnel_stage_1`` … ``funnel_stage_5``) and their stages."""
_SECONDS_PER_DAY = 86_400


def headline_and_funnel(tables: object, *, service_target_min: float | None = None) -> dict[str, float]:
    """The headline KPIs of a run and the journeys reaching each funnel stage, computed on the run's Arrow tables.

    The same numbers as :func:`headline` and :func:`sim.measures.funnel.funnel_measures` (the tests compare them on
    real runs), by the same definitions, but counted with Arrow and NumPy on the tables the engine built, without
    turning them into pandas DataFrames: what the lecturer's dashboard re-computes for every seed on every move of a
    lever (a few milliseconds instead of about a hundred). With N journeys, B buyers and the definitions of
    :func:`headline`:

    * ``journey_conversion`` = journeys with a ``purchased`` event / N; ``funnel_stage_k`` = journeys whose highest
      stage is ≥ k (lecture 000 §2);
    * ``cac_vnd`` = acquisition spend / customers whose first order falls on or after the first marketing day;
      ``retention_cost_ratio`` = ``cac_vnd`` / (retention spend / Σ customer-years from each first order, or the
      first marketing day if later, to the end of the last marketing day or the last order, whichever is later;
      365 days a year); spend counts on the days before that end (lecture 000 §3);
    * ``nps`` = 100 × (promoters − detractors) / respondents (scores 9–10 and 0–6; Reichheld 2006);
    * ``repeat_rate`` = buyers with ≥ 2 orders / B; ``active_share`` = buyers whose last order is at most 90 days
      before the last order of the run / B; ``margin_vnd`` = Σ margin; ``ltv_vnd`` = ``margin_vnd`` / B
      (the mean of each buyer's margin, lecture 001);
    * ``chat_service_level`` = chats answered with a wait ≤ the target / chats offered (answered or reneged; a chat
      with no known wait is still open and left out).

    Args:
        tables: a :class:`sim.Result`, or a mapping of table name to table. Tables already read as pandas
            DataFrames (``result.orders`` was asked for, perhaps changed) are measured by :func:`headline` and
            :func:`sim.measures.funnel.funnel_measures` themselves, so a changed table counts as it is.
        service_target_min: as in :func:`headline`.

    Returns:
        ``{kpi: value}`` with the keys of :data:`KPIS`, then ``funnel_stage_1`` … ``funnel_stage_5``; NaN where a KPI
        has no data, as :func:`headline` gives it.
    """
    import pyarrow as pa  # noqa: PLC0415 (the engine's tables; pyarrow is loaded with them)

    names = ("customers", "journey", "orders", "tickets", "surveys", "marketing")
    stored = getattr(tables, "stored", None)
    if stored is not None:
        arrow = {name: stored(name) for name in names}
    elif isinstance(tables, dict):
        arrow = {name: tables.get(name) for name in names}
    else:
        arrow = {}
    if service_target_min is None:
        scenario = getattr(tables, "scenario", None)
        service_target_min = scenario.service.service_level_target_min if scenario is not None else 5.0
    if not all(isinstance(arrow.get(name), pa.Table) for name in names) or not _complete(arrow):
        return {**headline(tables, service_target_min=service_target_min), **funnel.funnel_measures(tables)}
    return {**_arrow_headline(arrow, float(service_target_min)), **_arrow_funnel(arrow["journey"])}


_NEEDED: dict[str, tuple[str, ...]] = {
    "journey": ("customer_id", "journey_no", "stage", "event"), "orders": ("customer_id", "at", "margin_vnd"),
    "surveys": ("nps_score",), "marketing": ("date", "purpose", "spend_vnd"), "tickets": ("tool", "wait_min", "reneged"),
    "customers": (),
}
"""The columns the Arrow path reads; any of them missing, or empty where :func:`headline` would refuse or skip a row
(``tickets`` may have open chats), and the pandas path is taken instead."""


def _complete(arrow: dict) -> bool:
    for name, columns in _NEEDED.items():
        table = arrow[name]
        if any(column not in table.column_names for column in columns):
            return False
        if name != "tickets" and any(table.column(column).null_count for column in columns):
            return False
    return True


def _numpy(table: object, column: str, kind: str | None = None) -> object:
    """A column as a NumPy array: dictionary text decoded, times and dates as whole seconds (``kind="seconds"``)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    values = table.column(column)
    if pa.types.is_dictionary(values.type):
        values = values.cast(pa.string())
    if kind == "seconds":
        if pa.types.is_date32(values.type):
            return values.cast(pa.int32()).to_numpy().astype("int64") * _SECONDS_PER_DAY
        return pc.cast(values, pa.timestamp("s")).cast(pa.int64()).to_numpy()
    return values.to_numpy(zero_copy_only=False)


def _arrow_funnel(journey: object) -> dict[str, float]:
    """Journeys reaching each stage (highest stage ≥ k), as :func:`sim.measures.funnel.funnel_measures`."""
    per = journey.select(["customer_id", "journey_no", "stage"]).group_by(["customer_id", "journey_no"]).aggregate(
        [("stage", "max")])
    highest = per.column("stage_max").to_numpy()
    return {name: float(np.count_nonzero(highest >= stage)) for name, stage in FUNNEL_STAGES.items()}


def _arrow_headline(t: dict, target_min: float) -> dict[str, float]:
    import pyarrow.compute as pc  # noqa: PLC0415

    nan = float("nan")
    prospects = t["customers"].num_rows
    journey = t["journey"].select(["customer_id", "journey_no"])
    started = journey.group_by(["customer_id", "journey_no"]).aggregate([]).num_rows
    bought = t["journey"].filter(pc.equal(t["journey"].column("event").cast("string"), "purchased"))
    purchased = bought.select(["customer_id", "journey_no"]).group_by(["customer_id", "journey_no"]).aggregate([]).num_rows

    orders = t["orders"]
    customer = _numpy(orders, "customer_id")
    at = _numpy(orders, "at", "seconds")
    margin = _numpy(orders, "margin_vnd").astype(float)
    if len(customer):
        _ids, buyer_of_order = np.unique(customer, return_inverse=True)
    else:
        _ids, buyer_of_order = customer, np.zeros(0, dtype=np.int64)
    buyers = len(_ids)
    orders_per_buyer = np.bincount(buyer_of_order, minlength=buyers)
    first = np.full(buyers, np.iinfo(np.int64).max)
    np.minimum.at(first, buyer_of_order, at)
    last = np.full(buyers, np.iinfo(np.int64).min)
    np.maximum.at(last, buyer_of_order, at)

    cac, ratio = _arrow_cost(t["marketing"], first, at)
    scores = _numpy(t["surveys"], "nps_score")
    respondents = len(scores)
    promoters, detractors = int(np.count_nonzero(scores >= 9)), int(np.count_nonzero(scores <= 6))
    total_margin = float(margin.sum())
    per_buyer_margin = np.bincount(buyer_of_order, weights=margin, minlength=buyers)
    return {
        "prospects": float(prospects),
        "buyers": float(buyers),
        "buyer_rate": buyers / prospects if prospects else nan,
        "journey_conversion": purchased / started if started else nan,
        "cac_vnd": cac,
        "retention_cost_ratio": ratio,
        "nps": 100 * (promoters / respondents - detractors / respondents) if respondents else nan,
        "repeat_rate": int(np.count_nonzero(orders_per_buyer >= 2)) / buyers if buyers else nan,
        "active_share": float(np.mean((int(at.max()) - last) / _SECONDS_PER_DAY <= 90)) if buyers else nan,
        "margin_vnd": total_margin,
        "ltv_vnd": float(per_buyer_margin.mean()) if buyers else nan,
        "chat_service_level": _arrow_chat_level(t["tickets"], target_min),
    }


def _arrow_cost(marketing: object, first: object, at: object) -> tuple[float, float]:
    """``cac_vnd`` and ``retention_cost_ratio`` as :func:`sim.measures.value.acquisition_retention_cost_ratio` gives
    them by default, from each buyer's first order ``first`` and every order's time ``at`` (seconds)."""
    from sim.base.units import DAYS_PER_YEAR  # noqa: PLC0415

    nan = float("nan")
    day = _numpy(marketing, "date", "seconds")
    purpose = _numpy(marketing, "purpose")
    spend = _numpy(marketing, "spend_vnd").astype(float)
    ends = ([int(day.max()) + _SECONDS_PER_DAY] if len(day) else []) + ([int(at.max())] if len(at) else [])
    stamp = max(ends) if ends else None
    start = int(day.min()) if len(day) else (int(at.min()) if len(at) else None)
    in_time = day < stamp if stamp is not None else np.ones(len(day), bool)
    acquisition = float(spend[in_time & (purpose == "acquisition")].sum())
    retention_spend = float(spend[in_time & (purpose == "retention")].sum())
    new_customers = int(np.count_nonzero(first >= start)) if start is not None else 0
    years = float(((stamp - np.maximum(first, start)) / _SECONDS_PER_DAY / DAYS_PER_YEAR).sum()) if len(first) else 0.0
    cac = acquisition / new_customers if new_customers else nan
    keep = retention_spend / years if years > 0 else nan
    ratio = cac / keep if keep > 0 and not np.isnan(cac) else nan
    return float(cac), float(ratio)


def _arrow_chat_level(tickets: object, target_min: float) -> float:
    """Chats answered within ``target_min`` / chats offered, as :func:`sim.measures.service_desk.service_level`."""
    tool = tickets.column("tool").cast("string").fill_null("").to_numpy(zero_copy_only=False)
    wait = tickets.column("wait_min").cast("double").to_numpy(zero_copy_only=False)
    reneged = tickets.column("reneged").fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
    chat = (tool == "chat") & ~np.isnan(wait)
    answered, gave_up = chat & ~reneged, chat & reneged
    offered = int(np.count_nonzero(answered) + np.count_nonzero(gave_up))
    within = int(np.count_nonzero(answered & (wait <= target_min)))
    return within / offered if offered else float("nan")
