"""Data quality of the CRM's customer list: contact fields and the scoring of duplicate detection.

Lecture 001, Giải pháp công nghệ cho CRM (Chaffey, Fig. 9.18: chất lượng dữ liệu, data quality,
is one of the issues in choosing a CRM system).

Typical use::

    from sim.measures import data_quality as dq
    from sim.charts.data_quality import contact_quality_chart, duplicate_scores_chart
    contact_quality_chart(dq.validity(result.customers_dirty))
    duplicate_scores_chart(dq.score_pairs(dq.duplicate_pairs(result.customers_dirty), result.customers_dirty_truth))
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.palette import PALETTES
from sim.charts.style import base_config, labelled, order
from sim.measures.frames import require_columns

STATUS_COLOURS: dict[str, str] = dict(PALETTES["dq_status"])
"""Valid green, malformed amber, missing red."""
SCORE_COLOURS: dict[str, str] = dict(PALETTES["dq_score"])
SCORES: tuple[str, ...] = ("precision", "recall", "f1")
_VALIDITY_COLUMNS = ["field", "records", "missing", "invalid", "valid"]


def _count(n: float) -> str:
    return vi_number(float(n), 0)


def contact_quality_chart(validity: pd.DataFrame) -> alt.Chart:
    """One stacked bar per contact field: records with a valid, a malformed and a missing value.

    Lecture 001 (Fig. 9.18, chất lượng dữ liệu). The red part is the lack of completeness
    (missing / records), the amber part the lack of validity among filled values
    (validity = valid / (valid + invalid), :func:`sim.measures.data_quality.validity`).

    Args:
        validity: the table of :func:`sim.measures.data_quality.validity` (``field``, ``records``,
            ``missing``, ``invalid``, ``valid``).

    Returns:
        An Altair chart with tooltips (field, status, records, share of records).

    Raises:
        DataError: a missing column.
    """
    table = require_columns(validity, _VALIDITY_COLUMNS, "validity")
    long = table.melt(id_vars=["field", "records"], value_vars=["valid", "invalid", "missing"], var_name="status",
                      value_name="count")
    long["share"] = [c / r if r else math.nan for c, r in zip(long["count"], long["records"], strict=True)]
    long = labelled(labelled(long, "field", "dq_field"), "status", "dq_status")
    statuses = list(STATUS_COLOURS)
    long["order"] = [order("dq_status").index(s) for s in long["status"]]
    chart = alt.Chart(long, title=label("dq_chart", "contact_title")).mark_bar().encode(
        y=alt.Y("field:N", title=label("dq_chart", "field"), sort=None),
        x=alt.X("count:Q", title=label("dq_chart", "records"), stack="zero"),
        color=alt.Color("status:N", title=label("dq_chart", "status"), sort=order("dq_status"),
                        scale=alt.Scale(domain=order("dq_status"), range=[STATUS_COLOURS[s] for s in statuses])),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("field:N", title=label("dq_chart", "field")),
                 alt.Tooltip("status:N", title=label("dq_chart", "status")),
                 alt.Tooltip("count:Q", title=label("dq_chart", "records"), format=",d"),
                 alt.Tooltip("share:Q", title=label("dq_chart", "share"), format=".1%")],
    ).properties(width=520, height=alt.Step(36))
    return base_config(chart)


def duplicate_scores_chart(scores: pd.Series) -> alt.LayerChart:
    """Three bars, precision, recall and F1 of a duplicate detection, each labelled with its value.

    Lecture 001 (Fig. 9.18, chất lượng dữ liệu: one customer, one record). With TP the pairs
    found that are true duplicates: precision = TP / pairs found, recall = TP / true pairs,
    F1 = 2·precision·recall / (precision + recall) (:func:`sim.measures.data_quality.score_pairs`).
    The subtitle gives the pairs found, the true pairs and the pairs found rightly.

    Args:
        scores: the Series of :func:`sim.measures.data_quality.score_pairs` (``found_pairs``,
            ``true_pairs``, ``true_positives``, ``precision``, ``recall``, ``f1``).

    Returns:
        An Altair chart on a 0–1 scale with tooltips.

    Raises:
        DataError: not a Series, or a missing entry.
    """
    needed = ["found_pairs", "true_pairs", "true_positives", *SCORES]
    if not isinstance(scores, pd.Series):
        raise DataError([("scores", type(scores).__name__, "cần Series do score_pairs(...) trả về",
                          "expected the Series returned by score_pairs(...)")])
    missing = [k for k in needed if k not in scores.index]
    if missing:
        raise DataError([("scores", missing[0], f"thiếu mục này; cần {needed}", f"this entry is missing; needed: {needed}")])
    data = pd.DataFrame({"measure": list(SCORES), "value": [float(scores[k]) for k in SCORES]})
    data["text"] = [vi_number(v, 3) for v in data["value"]]
    data = labelled(data, "measure", "dq_score")
    subtitle = " · ".join(f"{_count(scores[k])} {label('dq_chart', k)}" for k in ("found_pairs", "true_pairs", "true_positives"))
    y = alt.Y("measure:N", title=label("dq_chart", "measure"), sort=order("dq_score"))
    tooltip = [alt.Tooltip("measure:N", title=label("dq_chart", "measure")),
               alt.Tooltip("value:Q", title=label("dq_chart", "value"), format=".3f")]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y, x=alt.X("value:Q", title=label("dq_chart", "value"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("measure:N", legend=None, sort=order("dq_score"),
                        scale=alt.Scale(domain=order("dq_score"), range=[SCORE_COLOURS[k] for k in SCORES])),
        tooltip=tooltip)
    text = base.mark_text(align="left", dx=4, fontSize=14, fontWeight="bold").encode(
        y=y, x=alt.X("value:Q"), text=alt.Text("text:N"), tooltip=tooltip)
    chart = alt.layer(bars, text, title=alt.TitleParams(label("dq_chart", "duplicates_title"), subtitle=subtitle))
    return base_config(chart.properties(width=480, height=alt.Step(40)))
