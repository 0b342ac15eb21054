"""The purchase funnel of two settings side by side: the baseline and the current one, over several seeds.

Lecture 000 §2 (the five stages of the purchase decision) and lecture 001 (Quy trình mua hàng
trực tuyến, Chaffey ch. 9 Fig. 9.3). Used by the lecturer's dashboard: move a lever, see at which
stage the funnel widens or narrows against the baseline.

Typical use::

    import sim
    from sim.measures.funnel import funnel_measures
    from sim.charts.baseline_funnel import baseline_funnel_chart
    base = sim.replicate("demo", seeds=3, measures=funnel_measures)
    now = sim.replicate(sim.with_changes("demo", {"trust.reviews": False}), seeds=3, measures=funnel_measures)
    baseline_funnel_chart(base, now)
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from sim.base.codes import STAGES
from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.labels import label
from sim.charts.palette import PALETTES
from sim.charts.render import to_vega
from sim.charts.style import LABEL_SIZE, base_config, legend_below, plot_width, title_above, widest_px
from sim.measures.frames import require_columns
from sim.measures.funnel import FUNNEL_MEASURES

RUN_COLOURS: dict[str, str] = dict(PALETTES["run"])
_BAR_PX = LABEL_SIZE + 6
"""Height of each bar: the numbers written beside the baseline's and the current bar never touch."""
"""The baseline in grey, the current setting in blue."""
_SUMMARY_COLUMNS = ["measure", "mean", "ci_low", "ci_high", "n_runs"]
DATASET = "baseline_funnel"
"""The name of the data in :func:`baseline_funnel_spec`'s specification."""
_TEMPLATES: dict[bool, dict[str, Any]] = {}
"""The specification of :func:`baseline_funnel_chart` for each value of ``wide``, built (and validated) by Altair once."""
_VEGA_TEMPLATES: dict[bool, dict[str, Any]] = {}
"""The same compiled to Vega (:func:`sim.charts.render.to_vega`), once."""


def _rows(summary: pd.DataFrame, run: str) -> pd.DataFrame:
    table = require_columns(summary, _SUMMARY_COLUMNS, run)
    table = table[table["measure"].isin(FUNNEL_MEASURES)]
    missing = [m for m in FUNNEL_MEASURES if m not in set(table["measure"])]
    if missing:
        raise DataError([(f"{run}.measure", missing[0], "thiếu số đo này; hãy chạy sim.replicate(..., measures=funnel_measures)",
                          "this measure is missing; run sim.replicate(..., measures=funnel_measures)")])
    out = table[_SUMMARY_COLUMNS].copy()
    out["stage"] = [label("stage", FUNNEL_MEASURES[m]) for m in out["measure"]]
    out["run"] = label("baseline_funnel_chart", run)
    out["text"] = [vi_number(v, 0) for v in out["mean"]]
    return out


def baseline_funnel_chart(baseline: pd.DataFrame, current: pd.DataFrame, *, wide: bool = False) -> alt.LayerChart:
    """Two bars per stage, the baseline (grey) and the current setting (blue), with 95 % interval whiskers.

    Lecture 000 §2 (the five stages). Each bar is the mean, over the seeds, of the journeys
    reaching the stage; the whisker is the interval of :func:`sim.replicate` (mean ± t·sd/√n).
    Run both settings with the same seeds (common random numbers), so that the difference
    comes from the change and not from the draws.

    Args:
        baseline: the summary of :func:`sim.replicate` for the baseline, with ``measures=funnel_measures``
            (or a function whose measures include those of :data:`FUNNEL_MEASURES`).
        current: the same for the current setting.
        wide: for a wide, short space (the lecturer's dashboard on a projector): the legend right of the bars and
            no axis title above the stage names, so that the chart is about 2.4 times as wide as it is tall and its
            type stays large when it is fitted to the screen's height. Otherwise (a notebook's 900 px column) the
            legend goes below and the axis title above, so that nothing is wider than the column.

    Returns:
        An Altair chart with tooltips (stage, setting, mean, interval, runs).

    Raises:
        DataError: a missing column or funnel measure.
    """
    data = pd.concat([_rows(baseline, "baseline"), _rows(current, "current")], ignore_index=True)
    highest = pd.concat([data["mean"], data["ci_high"]]).max()
    room = float(highest) * 1.15 if pd.notna(highest) and highest > 0 else 1.0  # space for the labels right of the bars
    runs = [label("baseline_funnel_chart", r) for r in RUN_COLOURS]
    stages = [label("stage", s) for s in STAGES]
    if wide:
        y = alt.Y("stage:N", title=None, sort=stages, axis=alt.Axis(labelLimit=0))
        legend = alt.Legend(orient="right", labelLimit=0)
    else:
        y = alt.Y("stage:N", title=label("funnel_chart", "stage"), sort=stages, axis=title_above(stages))
        legend = legend_below(runs, left_px=widest_px(stages))
    offset = alt.YOffset("run:N", sort=runs)
    colour = alt.Color("run:N", title=None, sort=runs, legend=legend,
                       scale=alt.Scale(domain=runs, range=list(RUN_COLOURS.values())))
    tooltip = [alt.Tooltip("stage:N", title=label("funnel_chart", "stage")),
               alt.Tooltip("run:N", title=label("baseline_funnel_chart", "run")),
               alt.Tooltip("mean:Q", title=label("baseline_funnel_chart", "mean"), format=",.1f"),
               alt.Tooltip("ci_low:Q", title=label("baseline_funnel_chart", "ci_low"), format=",.1f"),
               alt.Tooltip("ci_high:Q", title=label("baseline_funnel_chart", "ci_high"), format=",.1f"),
               alt.Tooltip("n_runs:Q", title=label("baseline_funnel_chart", "n_runs"), format="d")]
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y, yOffset=offset, color=colour, tooltip=tooltip,
        x=alt.X("mean:Q", title=label("funnel_chart", "reached"), scale=alt.Scale(domain=[0, room])))
    whiskers = base.mark_rule(color="#333333", strokeWidth=1.5).encode(
        y=y, yOffset=offset, x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    text = base.mark_text(align="left", dx=6, fontSize=13).encode(
        y=y, yOffset=offset, x="ci_high:Q", text="text:N", tooltip=tooltip)
    title = alt.TitleParams(label("baseline_funnel_chart", "title"), subtitle=label("baseline_funnel_chart", "subtitle"))
    width = plot_width(widest_px(stages) + 12, most=480)
    chart = alt.layer(bars, whiskers, text, title=title).properties(width=width, height=alt.Step(_BAR_PX))
    return base_config(chart)


def _records(summary: pd.DataFrame, run: str) -> list[dict[str, Any]]:
    """The rows of :func:`_rows` as JSON records, written as Altair writes a DataFrame (a missing number as null)."""
    records = _rows(summary, run).to_dict("records")
    for record in records:
        for key, value in record.items():
            if isinstance(value, float) and not math.isfinite(value):
                record[key] = None
    return records


def baseline_funnel_spec(baseline: pd.DataFrame, current: pd.DataFrame, *, wide: bool = False) -> dict[str, Any]:
    """The Vega-Lite specification of :func:`baseline_funnel_chart` (the same chart: same marks, labels, colours and
    size), made in a millisecond or two for a dashboard that redraws it on every move of a lever.

    Altair builds and validates the chart once per ``wide`` (about 0,1 s); later calls put the two settings' rows and
    the x range (0 to 1,15 × the largest mean or upper end, room for the numbers right of the bars) into a copy of
    that specification. Its data is named :data:`DATASET` instead of Altair's hash of the rows.

    Args, Raises: as :func:`baseline_funnel_chart`.

    Returns:
        The specification, ready for :func:`sim.charts.render.chart_output` or :func:`sim.charts.render.to_svg`.
    """
    values = [*_records(baseline, "baseline"), *_records(current, "current")]
    numbers = [v for row in values for v in (row["mean"], row["ci_high"]) if v is not None]
    highest = max(numbers) if numbers else math.nan
    room = float(highest) * 1.15 if highest > 0 else 1.0
    template = _TEMPLATES.get(wide)
    if template is None:
        template = _TEMPLATES[wide] = baseline_funnel_chart(baseline, current, wide=wide).to_dict()
    first = template["layer"][0]
    x = first["encoding"]["x"]
    bars = {**first, "encoding": {**first["encoding"], "x": {**x, "scale": {**x["scale"], "domain": [0, room]}}}}
    return {**template, "layer": [bars, *template["layer"][1:]], "data": {"name": DATASET}, "datasets": {DATASET: values}}


def baseline_funnel_vega(baseline: pd.DataFrame, current: pd.DataFrame, *, wide: bool = False) -> dict[str, Any]:
    """:func:`baseline_funnel_spec` compiled to Vega: what the page would compile, so that it only draws.

    The Vega-Lite specification is compiled once per ``wide`` (vl-convert, about 10 ms); later calls put the rows
    (the data named :data:`DATASET`) and the x range (the scale ``x``) into a copy of the compiled specification.

    Args, Raises: as :func:`baseline_funnel_chart`.

    Returns:
        A Vega 5 specification, for :func:`sim.charts.render.chart_output`.
    """
    lite = baseline_funnel_spec(baseline, current, wide=wide)
    template = _VEGA_TEMPLATES.get(wide)
    if template is None:
        template = _VEGA_TEMPLATES[wide] = to_vega(lite)
    domain = lite["layer"][0]["encoding"]["x"]["scale"]["domain"]
    values = lite["datasets"][DATASET]
    data = [{**d, "values": values} if d["name"] == DATASET else d for d in template["data"]]
    scales = [{**sc, "domain": domain} if sc["name"] == "x" else sc for sc in template["scales"]]
    return {**template, "data": data, "scales": scales}
