"""Headline KPIs of one run: the numbers a lecturer's dashboard and the group project show first.

Each KPI comes from the measure that defines it in its own module; this module
only gathers them, so a dashboard, a replication (:func:`sim.replicate`) and a
report show the same figures.
"""

from __future__ import annotations

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
