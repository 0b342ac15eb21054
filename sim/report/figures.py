"""The charts of a group's "Quan hệ khách hàng" section, each made by the package's own analytics and chart functions.

Nothing is measured here: each entry of :data:`FIGURES` calls a measure of :mod:`sim.measures` on the
detailed run of a :class:`~sim.report.project.Project` and draws it with a chart of :mod:`sim.charts`.
Only the observed tables are used (never ``truth``): a real shop does not know its customers' future.
Captions come from the label kind ``report_figure``.

Typical use::

    from sim.report import run_project
    from sim.report.figures import figure
    figure(run_project("demo", seeds=2, customers=500), "funnel")
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.base.errors import DataError
from sim.base.labels import label
from sim.charts.channel_economics import channel_economics_chart
from sim.charts.desk_staffing import thin_ecdf
from sim.charts.dropout_reasons import dropout_reasons_chart
from sim.charts.four_activities import four_activities_chart
from sim.charts.funnel import funnel_chart
from sim.charts.kpi_comparison import kpi_comparison_chart
from sim.charts.ltv_grid import ltv_grid
from sim.charts.nps_distribution import nps_distribution
from sim.charts.rfm_segments import rfm_segments
from sim.charts.servqual_gaps import servqual_gaps_chart
from sim.charts.style import fit_title, narrow_column
from sim.charts.survival_curve import survival_curve
from sim.charts.wait_times import wait_times_chart
from sim.measures import funnel, nps, retention, rfm, service_desk, service_quality, value
from sim.measures.acquisition import channel_economics
from sim.measures.four_activities import four_activities
from sim.report.project import Project

COMPARISON_KPIS: tuple[str, ...] = ("buyer_rate", "journey_conversion", "cac_vnd", "retention_cost_ratio", "nps",
                                    "repeat_rate", "ltv_vnd", "chat_service_level", "servqual_gap", "deflection_rate")
"""The KPIs drawn in the comparison chart: rates and per-customer figures, which do not depend on the shop's size."""


def _funnel(p: Project) -> Any:
    return funnel_chart(funnel.funnel(p.result.journey))


def _dropout_reasons(p: Project) -> Any:
    return dropout_reasons_chart(funnel.dropout_reasons(p.result.journey))


def _channel_economics(p: Project) -> Any:
    r = p.result
    return channel_economics_chart(channel_economics(r.customers, r.orders, r.marketing))


def _nps(p: Project) -> Any:
    surveys = p.result.surveys
    return nps_distribution(nps.score_distribution(surveys), nps.nps_summary(surveys))


LAPSED_DAYS = 180
"""Days without an order after which a buyer counts as lapsed (observed churn) in the report's survival curve."""


def _survival(p: Project) -> Any:
    curve = retention.survival_curve(p.result.orders, method="observed", lapsed_days=LAPSED_DAYS)
    return survival_curve(curve, method="observed", lapsed_days=LAPSED_DAYS)


def _ltv_grid(p: Project) -> Any:
    return ltv_grid(value.ltv_grid_counts(value.ltv_segments(value.ltv_estimates(p.result.orders))))


def _rfm(p: Project) -> Any:
    scored = rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(p.result.orders)))
    return rfm_segments(rfm.rfm_segment_summary(scored))


def _wait_times(p: Project) -> Any:
    target = p.scenario.service.service_level_target_min
    return wait_times_chart(thin_ecdf(service_desk.wait_ecdf(p.result.tickets), target), target)


def _servqual(p: Project) -> Any:
    return servqual_gaps_chart(service_quality.servqual_gaps(p.result.surveys))


def _comparison(p: Project) -> Any:
    # The group's shop is the one "variant", named (and coloured) from the label kind ``report_setting``; the grey
    # baseline rows are the default shop.
    table = p.differences.assign(variant="group")
    chart = kpi_comparison_chart(table, kpis=list(COMPARISON_KPIS), variant_kind="report_setting",
                                 baseline_name=label("report_setting", "default_shop"))
    return fit_title(chart.properties(title={"text": label("report", "comparison_chart_title"),
                                             "subtitle": [label("kpi_comparison_chart", "subtitle")]}))


def _four_activities(p: Project) -> Any:
    return four_activities_chart(four_activities(p.result))


FIGURES: dict[str, Callable[[Any], Any]] = {
    "funnel": _funnel,
    "dropout_reasons": _dropout_reasons,
    "channel_economics": _channel_economics,
    "nps": _nps,
    "survival": _survival,
    "ltv_grid": _ltv_grid,
    "rfm": _rfm,
    "wait_times": _wait_times,
    "servqual": _servqual,
    "comparison": _comparison,
    "four_activities": _four_activities,
}
"""Every chart of the section, by key (the caption is ``label("report_figure", key)``):

* ``funnel``: the five-stage purchase funnel (:func:`sim.measures.funnel.funnel`; lecture 000 §2);
* ``dropout_reasons``: why prospects leave at each stage (lecture 000 §1: security, quality);
* ``channel_economics``: CPA and ROI per acquisition channel (lecture 001, Chaffey Fig 9.6);
* ``nps``: the 0–10 scores and the NPS with its interval (Reichheld 2006);
* ``survival``: Kaplan–Meier share of buyers not yet lapsed (observed churn: 180 days without an order);
* ``ltv_grid``: current × future value (formula LTV; Chaffey Fig 9.15);
* ``rfm``: RFM segments (Chaffey Fig 9.17);
* ``wait_times``: waits at the service desk against the target (lecture 000 §4–6);
* ``servqual``: service-quality gaps (Parasuraman et al.);
* ``comparison``: the group's shop against the default shop over the seeds (:data:`COMPARISON_KPIS`);
* ``four_activities``: the four CRM activities (lecture 001, Chaffey Fig 9.1).
"""


PAGE_PX = 680
"""The width the report's charts are drawn for (a notebook column is 850 px): placed 16 cm wide in Word, their 12 px
labels stay about 11 px (a chart drawn 1340 px wide had them at 6 px); the HTML page shows them a little larger."""


def figure(project: Any, key: str) -> Any:
    """The chart ``key`` of :data:`FIGURES` for ``project`` (a :class:`~sim.report.project.Project`), as an Altair chart.

    The chart is laid out for a printed page (:data:`PAGE_PX`): narrower plots, titles wrapped sooner.

    Raises:
        DataError: an unknown key, or a measure that cannot be computed on this run (e.g. no orders).
    """
    if key not in FIGURES:
        raise DataError([("key", key, f"phải là một trong: {', '.join(FIGURES)}", f"must be one of: {', '.join(FIGURES)}")])
    with narrow_column(PAGE_PX):
        return FIGURES[key](project)


def caption(key: str) -> str:
    """The caption of the chart ``key`` (label kind ``report_figure``)."""
    return label("report_figure", key)


__all__ = ["COMPARISON_KPIS", "FIGURES", "PAGE_PX", "caption", "figure"]
