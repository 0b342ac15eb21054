"""The group project's two checklists: the five steps to customer-centred e-commerce, and the four CRM activities.

Lecture 000 §5 (Quản lý quan hệ với khách hàng) names five steps to a customer-centred e-commerce:
simple transactions, focus on the end user, redesign the products from the end user's point of view,
improve the e-commerce structure, encourage loyalty. :data:`sim.experiments.comparison.CUSTOMER_CENTRED_STEPS`
turns each into scenario levers, with a suggested value starting from the default shop.
:func:`steps_checklist` reads, for each lever, how far the group's shop has gone from the default
shop towards that value (:func:`lever_progress`).

Lecture 001 (Chương 6; Chaffey Fig 9.1) names the four activities of CRM: selection, acquisition,
retention, extension. :data:`ACTIVITY_QUESTIONS` holds the question the lecture asks for each, and
:data:`ACTIVITY_ITEMS` / :data:`STEP_ITEMS` the figures and tables of the report that answer it.

Typical use::

    import sim
    from sim.report.checklists import steps_checklist
    steps_checklist(sim.load_scenario("exercises/du_an_nhom/kich_ban.yaml"))
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from sim.base.errors import DataError
from sim.experiments.comparison import CUSTOMER_CENTRED_STEPS, steps_table
from sim.scenario.loader import load_scenario
from sim.scenario.schema import Scenario

PROGRESS: tuple[str, ...] = ("met", "partly", "not_yet")
"""How far a lever has gone (label kind ``checklist_status``): at the step's value, part of the way, not at all."""

STEP_ITEMS: dict[str, tuple[str, ...]] = {
    "simple_transactions": ("funnel", "dropout_reasons"),
    "end_user_focus": ("service", "wait_times"),
    "product_redesign": ("dropout_reasons", "servqual"),
    "structure": ("dropout_reasons", "servqual"),
    "loyalty": ("nps", "survival", "retention"),
}
"""For each step (keys of :data:`~sim.experiments.comparison.CUSTOMER_CENTRED_STEPS`), the report's figures and
tables that show its effect: drop-outs at payment and evaluation (§1–2), the service desk (§6), the
service-quality gaps, and NPS and retention for loyalty."""

STEP_MEASURES: dict[str, tuple[str, ...]] = {
    "simple_transactions": ("journey_conversion", "buyer_rate"),
    "end_user_focus": ("deflection_rate", "chat_service_level"),
    "product_redesign": ("servqual_gap", "journey_conversion"),
    "structure": ("servqual_gap", "buyer_rate"),
    "loyalty": ("repeat_rate", "nps", "retention_cost_ratio"),
}
"""For each step, the measures of :func:`sim.experiments.comparison.centred_kpis` to watch."""

ACTIVITY_ITEMS: dict[str, tuple[str, ...]] = {
    "selection": ("personas", "funnel"),
    "acquisition": ("channels", "channel_economics"),
    "retention": ("nps", "survival", "retention"),
    "extension": ("ltv", "ltv_grid", "rfm"),
}
"""For each CRM activity (:data:`sim.measures.four_activities.ACTIVITIES`), the report's figures and tables about it."""

ACTIVITY_QUESTIONS: dict[str, str] = {
    "selection": "Xác định đối tượng khách hàng doanh nghiệp sẽ tiếp thị: mục tiêu của doanh nghiệp là ai? Giá trị của "
                 "họ là gì? Làm sao tiếp cận được?",
    "acquisition": "Tạo quan hệ với khách hàng mới với chi phí thấp, mục tiêu giá trị cao: đúng phân đoạn mục tiêu, "
                   "sử dụng đúng kênh.",
    "retention": "Giữ chân khách hàng hiện tại: nhu cầu cá nhân là gì? Khuyến khích tiếp tục sử dụng dịch vụ trực "
                 "tuyến, tối đa hóa chất lượng dịch vụ.",
    "extension": "Tăng độ sâu hoặc loại sản phẩm khách hàng sử dụng: bán kèm và bán gia tăng, tối ưu hóa chất lượng "
                 "dịch vụ.",
}
"""What the lecture asks of each activity (lecture 001, "Bốn hoạt động tiếp thị cơ bản của quản trị quan hệ khách
hàng"; Chaffey Fig 9.1)."""


def lever_progress(value: object, target: object, reference: object) -> str:
    """How far one lever has gone from the reference shop towards the step's value.

    * a switch (``bool``): ``"met"`` when ``value == target``, else ``"not_yet"``;
    * a number, with the direction given by the step (target above or below the reference):
      ``"met"`` when ``value`` is at the target or beyond it; ``"partly"`` when it lies strictly between
      the reference and the target; ``"not_yet"`` when it is at the reference or on the wrong side of it.
      When target = reference the step asks for no change: ``"met"`` when ``value`` equals it.

    Example (worked by hand in the tests): FAQ coverage, reference 0.3, target 0.6 → 0.7 is met, 0.4
    partly, 0.3 and 0.2 not yet; payment failure, reference 0.03, target 0.005 → 0.01 partly.

    Args:
        value: the group's value.
        target: the step's value (:data:`~sim.experiments.comparison.CUSTOMER_CENTRED_STEPS`).
        reference: the reference shop's value (the ``default`` shop, from which the steps start).

    Returns:
        One of :data:`PROGRESS`.

    Raises:
        DataError: a switch compared with a number, or a value that is not a number.
    """
    if isinstance(target, bool) or isinstance(value, bool) or isinstance(reference, bool):
        if not (isinstance(target, bool) and isinstance(value, bool)):
            raise DataError([("value", value, "một công tắc (true/false) chỉ so được với một công tắc",
                              "a switch (true/false) compares only with a switch")])
        return "met" if value == target else "not_yet"
    try:
        v, t, r = float(value), float(target), float(reference)
    except (TypeError, ValueError):
        raise DataError([("value", value, "phải là một số", "must be a number")]) from None
    if t == r:
        return "met" if v == t else "not_yet"
    sign = 1.0 if t > r else -1.0
    if sign * (v - t) >= 0:
        return "met"
    if sign * (v - r) > 0:
        return "partly"
    return "not_yet"


def steps_checklist(scenario: Scenario, reference: str | Scenario = "default",
                    steps: Mapping[str, Mapping[str, object]] | None = None) -> pd.DataFrame:
    """One row per lever of each customer-centred step: the reference value, the step's value, the group's, the progress.

    Args:
        scenario: the group's scenario.
        reference: the shop the steps start from (a preset name or a Scenario); default the ``default`` shop.
        steps: ``{step: {"dotted.field": value}}``; default :data:`~sim.experiments.comparison.CUSTOMER_CENTRED_STEPS`.

    Returns:
        Columns ``step``, ``field``, ``reference``, ``target``, ``value``, ``progress`` (one of :data:`PROGRESS`),
        steps and fields in the mapping's order.

    Raises:
        DataError: a field the scenarios do not have, or as :func:`lever_progress`.
    """
    steps = CUSTOMER_CENTRED_STEPS if steps is None else steps
    base = load_scenario(reference) if isinstance(reference, str) else reference
    mine, theirs = steps_table(scenario, steps), steps_table(base, steps)
    out = pd.DataFrame({"step": mine["step"], "field": mine["field"], "reference": theirs["before"],
                        "target": mine["after"], "value": mine["before"]})
    out["progress"] = [lever_progress(v, t, r) for v, t, r in zip(out["value"], out["target"], out["reference"], strict=True)]
    return out


def steps_summary(checklist: pd.DataFrame) -> pd.DataFrame:
    """Per step, how many of its levers are met, partly done, not yet done.

    Args:
        checklist: the table of :func:`steps_checklist` (``step``, ``progress``).

    Returns:
        One row per step in the table's order: ``step``, ``levers``, ``met``, ``partly``, ``not_yet``.

    Raises:
        DataError: a missing column or a progress outside :data:`PROGRESS`.
    """
    missing = [c for c in ("step", "progress") if c not in getattr(checklist, "columns", [])]
    if missing:
        raise DataError([("checklist", missing, "cần các cột step, progress", "needs the columns step, progress")])
    unknown = sorted(set(checklist["progress"]) - set(PROGRESS))
    if unknown:
        raise DataError([("progress", unknown[0], f"chỉ nhận: {', '.join(PROGRESS)}", f"must be one of: {', '.join(PROGRESS)}")])
    rows = []
    for step, part in checklist.groupby("step", sort=False):
        counts = part["progress"].value_counts()
        rows.append({"step": step, "levers": len(part), **{p: int(counts.get(p, 0)) for p in PROGRESS}})
    return pd.DataFrame(rows, columns=["step", "levers", *PROGRESS])


__all__ = ["ACTIVITY_ITEMS", "ACTIVITY_QUESTIONS", "PROGRESS", "STEP_ITEMS", "STEP_MEASURES", "lever_progress",
           "steps_checklist", "steps_summary"]
