"""The tables of a group's "Quan hệ khách hàng" section, with Vietnamese headers and values written out as text.

Every number comes from a measure of :mod:`sim.measures` (or from the comparison of
:class:`~sim.report.project.Project`); this module only chooses the columns, names them from the
label map and writes the values the Vietnamese way (``30,6%``, ``1.234.567``), so that the same
table shows in the notebook, in the HTML page and in the Word document.

Typical use::

    from sim.report import run_project
    from sim.report.section_tables import table
    table(run_project("demo", seeds=2, customers=500), "channels")
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from sim.base.codes import PERSONAS
from sim.base.errors import DataError
from sim.base.formats import MISSING, format_difference, format_value, is_missing, vi_number
from sim.base.labels import LABELS, label, label_map
from sim.charts.four_activities import UNITS as ACTIVITY_UNITS
from sim.charts.kpi_comparison import measure_label
from sim.experiments.comparison import CENTRED_KPIS
from sim.measures import funnel, nps, retention, rfm, service_desk, value
from sim.measures.acquisition import channel_economics
from sim.measures.extension import ltv_by_group, repeat_metrics_by
from sim.measures.four_activities import ACTIVITIES, four_activities
from sim.measures.kpis import kpi_unit
from sim.report.checklists import ACTIVITY_ITEMS, ACTIVITY_QUESTIONS, STEP_ITEMS, STEP_MEASURES, steps_checklist, steps_summary
from sim.report.figures import FIGURES
from sim.report.layout import numbering
from sim.report.project import Project

FIELD_LABEL_KINDS: tuple[str, ...] = ("lever", "quality_lever", "scenario_field")
"""Label kinds searched, in order, for the display name of a scenario field (``service.faq_coverage``)."""


def percent(x: object, digits: int = 1) -> str:
    """A share 0–1 in percent, the section's shorthand for :func:`sim.base.formats.format_value` (``share``):
    ``0.306`` → ``30,6%``; missing → ``—``."""
    return format_value(x, "share", digits=digits)


def number(x: object, digits: int = 0) -> str:
    """A number with ``digits`` decimals, the section's shorthand for :func:`sim.base.formats.format_value`:
    ``1.234.567``, ``2,50``; missing → ``—``."""
    return format_value(x, "number", digits=digits)


def money(x: object) -> str:
    """An amount in đồng (:func:`sim.base.formats.format_value`, ``vnd``): ``1.234.567 ₫``; missing → ``—``."""
    return format_value(x, "vnd")


def setting_text(x: object) -> str:
    """A scenario value as text: a switch as ``bật`` / ``tắt``, a number without trailing zeros (``0,005``, ``24``),
    a list as ``[80.000; 150.000]``, nothing as ``—``."""
    if x is None:
        return MISSING
    if isinstance(x, bool):
        return label("report", "on" if x else "off")
    if isinstance(x, (list, tuple)):
        return "[" + "; ".join(setting_text(v) for v in x) + "]"
    if isinstance(x, (int, float)):
        text = vi_number(float(x), 3)
        return text.rstrip("0").rstrip(",") if "," in text else text
    return str(x)


def field_label(field: str, default: str | None = None) -> str:
    """Display name of a scenario field from the first of :data:`FIELD_LABEL_KINDS` that has it.

    A field without a label gives ``default``, or the field itself when ``default`` is None.
    """
    kind = next((k for k in FIELD_LABEL_KINDS if field in LABELS.get(k, {})), None)
    if kind is None:
        return field if default is None else default
    return label(kind, field)


def _col(key: str) -> str:
    return label("report_column", key)


def _personas(p: Project) -> pd.DataFrame:
    r = p.result
    prospects = r.customers["persona"].astype(str).value_counts()
    journeys = funnel.conversion(r.journey, r.customers, by="persona").set_index("persona")
    repeat = repeat_metrics_by(r.orders, r.customers, by="persona") if len(r.orders) else pd.DataFrame()
    rows = []
    for persona in PERSONAS:
        buyers = repeat["buyers"].get(persona, 0) if len(repeat) else 0
        rows.append({_col("persona"): label("persona", persona),
                     _col("scenario_share"): percent(getattr(p.scenario.personas, persona).share, 0),
                     _col("prospects"): number(prospects.get(persona, 0)),
                     _col("buyers"): number(buyers),
                     _col("journey_conversion"): percent(journeys["conversion_rate"].get(persona, math.nan)),
                     _col("repeat_rate"): percent(repeat["repeat_conversion_rate"].get(persona, math.nan)
                                                  if len(repeat) else math.nan)})
    return pd.DataFrame(rows)


def _channels(p: Project) -> pd.DataFrame:
    r = p.result
    table = channel_economics(r.customers, r.orders, r.marketing)
    names = label_map("channel_economics_chart")
    return pd.DataFrame({
        names["channel"]: [label("channel", c) for c in table["channel"]],
        names["visits"]: [number(x) for x in table["visits"]],
        names["new_customers"]: [number(x) for x in table["new_customers"]],
        names["conversion_rate"]: [percent(x) for x in table["conversion_rate"]],
        names["spend_vnd"]: [money(x) for x in table["spend_vnd"]],
        names["cpa_vnd"]: [money(x) for x in table["cpa_vnd"]],
        names["roi"]: [percent(x, 0) for x in table["roi"]],
    })


def _retention(p: Project) -> pd.DataFrame:
    r = p.result
    score = nps.nps_summary(r.surveys)
    repeat = retention.repeat_metrics(r.orders)
    active = retention.activity_segments(r.orders) if len(r.orders) else pd.DataFrame({"activity_segment": []})
    rows = [
        (label("kpi", "nps"), f"{number(score['nps'], 1)} ({number(score['ci_low'], 1)} … {number(score['ci_high'], 1)})"),
        (label("nps_chart", "respondents").capitalize(), number(score["respondents"])),
        (label("repeat_metric", "buyers"), number(repeat["buyers"])),
        (label("repeat_metric", "repeat_customer_base"), number(repeat["repeat_customer_base"])),
        (label("repeat_metric", "repeat_conversion_rate"), percent(repeat["repeat_conversion_rate"])),
        (label("repeat_metric", "transactions_per_repeat_customer"), number(repeat["transactions_per_repeat_customer"], 2)),
        (label("repeat_metric", "revenue_per_repeat_transaction_vnd"), money(repeat["revenue_per_repeat_transaction_vnd"])),
        (label("kpi", "active_share"), percent((active["activity_segment"] == "active").mean() if len(active) else math.nan)),
    ]
    return pd.DataFrame(rows, columns=[_col("measure"), _col("value")])


def _ltv(p: Project) -> pd.DataFrame:
    r = p.result
    table = ltv_by_group(value.historical_ltv(r.orders, r.customers, net_of_acquisition_cost=True), r.customers,
                         by="acquired_via")
    table = table.reindex([c for c in LABELS["channel"] if c in table.index] + [c for c in table.index if c not in LABELS["channel"]])
    names = label_map("ltv_group")
    return pd.DataFrame({
        label("customer_group", "acquired_via"): [label("channel", c) for c in table.index],
        names["buyers"]: [number(x) for x in table["buyers"]],
        names["mean_margin_vnd"]: [money(x) for x in table["mean_margin_vnd"]],
        names["mean_acquisition_cost_vnd"]: [money(x) for x in table["mean_acquisition_cost_vnd"]],
        names["mean_ltv_vnd"]: [money(x) for x in table["mean_ltv_vnd"]],
        names["negative_share"]: [percent(x) for x in table["negative_share"]],
    })


def _rfm_table(p: Project) -> pd.DataFrame:
    summary = rfm.rfm_segment_summary(rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(p.result.orders))))
    summary = summary[summary["customers"] > 0]
    names = label_map("rfm_chart")
    return pd.DataFrame({
        names["segment"]: [label("rfm_segment", s) for s in summary["segment"]],
        names["customers"]: [number(x) for x in summary["customers"]],
        names["share"]: [percent(x) for x in summary["share"]],
        names["mean_recency_days"]: [number(x) for x in summary["mean_recency_days"]],
        names["mean_frequency"]: [number(x, 2) for x in summary["mean_frequency"]],
        names["mean_monetary_vnd"]: [money(x) for x in summary["mean_monetary_vnd"]],
    })


def _service(p: Project) -> pd.DataFrame:
    tickets = p.result.tickets
    target = p.scenario.service.service_level_target_min
    waits = service_desk.wait_time_summary(tickets).set_index("tool")
    levels = service_desk.service_level(tickets, target).set_index("tool")
    names = label_map("service_report")
    return pd.DataFrame({
        names["tool"]: [label("tool", t) for t in waits.index],
        names["offered"]: [number(levels.at[t, "offered"]) for t in waits.index],
        f"{names['service_level']} ≤ {setting_text(target)} {label('wait_chart', 'minutes')}":
            [percent(levels.at[t, "service_level"]) for t in waits.index],
        names["mean_wait_min"]: [number(x, 1) for x in waits["mean_wait_min"]],
        names["p90_wait_min"]: [number(x, 1) for x in waits["p90_wait_min"]],
        names["reneged_share"]: [percent(x) for x in waits["reneged_share"]],
    })


def _kpi_text(measure: str, value: object) -> str:
    return format_value(value, kpi_unit(measure))


def _interval_text(measure: str, mean: float, low: float, high: float) -> str:
    return f"{_kpi_text(measure, mean)} ({_kpi_text(measure, low)} … {_kpi_text(measure, high)})"


def _comparison_table(p: Project) -> pd.DataFrame:
    d = p.differences.set_index("measure")
    yes, no = label("kpi_comparison_chart", "yes"), label("kpi_comparison_chart", "no")
    rows = []
    for m in [k for k in CENTRED_KPIS if k in d.index]:
        r = d.loc[m]
        low, high = r["paired_ci_low"], r["paired_ci_high"]
        unit = kpi_unit(m)
        paired = MISSING if is_missing(low) else f"{format_difference(low, unit)} … {format_difference(high, unit)}"
        differs = MISSING if is_missing(r["paired_differs"]) else (yes if bool(r["paired_differs"]) else no)
        rows.append({_col("measure"): measure_label(m),
                     _col("baseline"): _interval_text(m, r["baseline_mean"], r["baseline_ci_low"], r["baseline_ci_high"]),
                     _col("group"): _interval_text(m, r["variant_mean"], r["variant_ci_low"], r["variant_ci_high"]),
                     _col("difference"): format_difference(r["difference"], unit),
                     _col("paired_ci"): paired, _col("differs"): differs})
    return pd.DataFrame(rows)


def refer(keys: tuple[str, ...] | list[str]) -> str:
    """Where to look: ``Bảng 1, Hình 1`` for the items' numbers in the section (:func:`sim.report.layout.numbering`)."""
    numbers = numbering(frozenset(FIGURES))
    return ", ".join(f"{label('report', numbers[k][0])} {numbers[k][1]}" for k in keys)


def _activities(p: Project) -> pd.DataFrame:
    values = four_activities(p.result)
    rows = []
    for activity in ACTIVITIES:
        mine = values[values["activity"] == activity]
        measures = "; ".join(f"{label('crm_measure', m)}: {format_value(v, ACTIVITY_UNITS.get(u, 'number'))}"
                             for m, v, u in mine[["measure", "value", "unit"]].itertuples(index=False))
        rows.append({_col("activity"): label("crm_activity", activity), _col("question"): ACTIVITY_QUESTIONS[activity],
                     _col("shop_measures"): measures, _col("look_at"): refer(ACTIVITY_ITEMS[activity])})
    return pd.DataFrame(rows)


def _steps(p: Project) -> pd.DataFrame:
    summary = steps_summary(steps_checklist(p.scenario, p.baseline)).set_index("step")
    d = p.differences.set_index("measure")
    rows = []
    for step in summary.index:
        s = summary.loc[step]
        watch = "; ".join(f"{measure_label(m)}: {_kpi_text(m, d.at[m, 'variant_mean'])} "
                          f"({label('report', 'default_shop')} {_kpi_text(m, d.at[m, 'baseline_mean'])})"
                          for m in STEP_MEASURES[step] if m in d.index)
        done = (f"{s['met']}/{s['levers']} {label('checklist_status', 'met').lower()}, "
                f"{s['partly']} {label('checklist_status', 'partly').lower()}")
        rows.append({_col("step"): label("centred_step", step), _col("levers_met"): done, _col("watch"): watch,
                     _col("look_at"): refer(STEP_ITEMS[step])})
    return pd.DataFrame(rows)


def _step_levers(p: Project) -> pd.DataFrame:
    checklist = steps_checklist(p.scenario, p.baseline)
    return pd.DataFrame({
        _col("step"): [label("centred_step", s) for s in checklist["step"]],
        _col("lever"): [f"{field_label(f)} – {f}" for f in checklist["field"]],
        _col("baseline"): [setting_text(x) for x in checklist["reference"]],
        _col("target"): [setting_text(x) for x in checklist["target"]],
        _col("group"): [setting_text(x) for x in checklist["value"]],
        _col("status"): [label("checklist_status", x) for x in checklist["progress"]],
    })


TABLES: dict[str, Callable[[Any], pd.DataFrame]] = {
    "personas": _personas,
    "channels": _channels,
    "retention": _retention,
    "ltv": _ltv,
    "rfm_table": _rfm_table,
    "service": _service,
    "comparison_table": _comparison_table,
    "activities": _activities,
    "steps": _steps,
    "step_levers": _step_levers,
}
"""Every table of the section, by key (the caption is ``label("report_table", key)``):

* ``personas``: the five web-user types: share in the scenario, prospects, buyers, journey conversion, repeat rate;
* ``channels``: visits, new customers, conversion, spend, CPA and ROI per channel (:func:`~sim.measures.acquisition.channel_economics`);
* ``retention``: NPS with its 95 % interval and the lecture's repeat-customer measures (Chaffey Fig 9.13);
* ``ltv``: net historical LTV per acquisition channel (:func:`~sim.measures.extension.ltv_by_group`);
* ``rfm_table``: size and mean R, F, M of each RFM segment;
* ``service``: chat and e-mail: offered, service level, waits, share who gave up;
* ``comparison_table``: every KPI of :func:`~sim.experiments.comparison.centred_kpis`, default shop and group's shop,
  mean (95 % interval) over the seeds, the difference and its paired interval;
* ``activities``: the four CRM activities: the lecture's question, the shop's measures, where to look;
* ``steps`` / ``step_levers``: the five customer-centred steps: levers done, measures to watch, where to look;
  and lever by lever, the default shop's value, the step's value and the group's.
"""


def table(project: Any, key: str) -> pd.DataFrame:
    """The table ``key`` of :data:`TABLES` for ``project``: Vietnamese headers, every value as text.

    Raises:
        DataError: an unknown key, or a measure that cannot be computed on this run.
    """
    if key not in TABLES:
        raise DataError([("key", key, f"phải là một trong: {', '.join(TABLES)}", f"must be one of: {', '.join(TABLES)}")])
    return TABLES[key](project)


def caption(key: str) -> str:
    """The caption of the table ``key`` (label kind ``report_table``)."""
    return label("report_table", key)


__all__ = ["FIELD_LABEL_KINDS", "TABLES", "caption", "field_label", "money", "number", "percent", "refer", "setting_text", "table"]
