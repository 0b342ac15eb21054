"""A control panel: widgets on top, the redrawn result below, and how long it took.

Typical use in a notebook::

    from sim.widgets import panel, slider
    panel(lambda agents: sim.simulate_desk(...), charts.wait_times.chart,
          agents=slider("Số nhân viên chat (chat agents)", 1, 6, 2))

Every change of a control re-runs ``compute`` with the controls' values as
keyword arguments and shows ``draw(result)``. A bad value is shown as the
bilingual message of :class:`sim.base.errors.ScenarioError` or :class:`sim.base.errors.DataError`,
never as a traceback. A slider's value and the re-run time are written the Vietnamese way
(:mod:`sim.base.formats`: ``0,35``, ``40.000``, ``30%``, ``0,65 s``), not by the slider's own
readout, which would write ``0.35`` and ``40000``.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from sim.base.errors import DataError, ScenarioError
from sim.base.formats import Unit, format_value
from sim.charts.tables import styled

_STYLE = {"description_width": "initial"}
_WIDE = widgets.Layout(width="520px")
_READOUTS: dict[str, tuple[widgets.HTML, Callable[[Any], str]]] = {}
"""The Vietnamese readout of each slider made by :func:`slider`, by the slider's model id."""


def _decimals(step: float) -> int:
    """Decimals a step needs: 0,05 → 2; 0,5 → 1; 1.000 → 0."""
    exponent = Decimal(repr(float(step))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def readout_text(value: Any, unit: Unit | None, step: float | None = None) -> str:
    """A slider's value written the Vietnamese way: in ``unit`` if given, else a whole number for a whole step and
    as many decimals as the step has otherwise (step 0,05: ``0,35``; step 1.000: ``40.000``)."""
    if unit is not None:
        return format_value(value, unit)
    digits = 0 if step is None or float(step).is_integer() else _decimals(step)
    return format_value(value, "number", digits=digits)


def slider(description: str, low: float, high: float, value: float, step: float | None = None, *,
           unit: Unit | None = None) -> widgets.Widget:
    """An integer slider when all bounds are integers, a float slider otherwise, updating on release.

    The value is written next to the slider the Vietnamese way (:func:`readout_text`); ``unit`` writes it as
    money (``vnd``), a share (``share``: 0,3 → ``30,0%``) and so on.
    """
    if all(isinstance(v, int) for v in (low, high, value)) and (step is None or isinstance(step, int)):
        control = widgets.IntSlider(value=value, min=low, max=high, step=step or 1, description=description,
                                    continuous_update=False, readout=False, style=_STYLE, layout=_WIDE)
    else:
        control = widgets.FloatSlider(value=value, min=low, max=high, step=step or (high - low) / 20, description=description,
                                      continuous_update=False, readout=False, style=_STYLE, layout=_WIDE)
    step_value = control.step

    def write(v: Any) -> str:
        return f"<span class='ecrm-readout'>{html.escape(readout_text(v, unit, step_value))}</span>"

    readout = widgets.HTML(write(control.value), layout=widgets.Layout(min_width="90px"))
    control.observe(lambda change: setattr(readout, "value", write(change["new"])), names="value")
    _READOUTS[control.model_id] = (readout, write)
    return control


def checkbox(description: str, value: bool) -> widgets.Widget:
    """A switch (on/off) for a lever."""
    return widgets.Checkbox(value=value, description=description, style=_STYLE, indent=False)


def dropdown(description: str, options: dict[str, Any] | list[Any], value: Any = None) -> widgets.Widget:
    """A choice among labelled options (``{"Nhãn hiển thị": value}``)."""
    choices = list(options.items()) if isinstance(options, dict) else list(options)
    first = choices[0][1] if isinstance(choices[0], tuple) else choices[0]
    return widgets.Dropdown(options=choices, value=first if value is None else value, description=description,
                            style=_STYLE, layout=_WIDE)


def status_text(seconds: float) -> str:
    """The status line under a panel: ``Đã chạy lại trong 0,65 s (re-run time)``."""
    return f"<small>Đã chạy lại trong {format_value(seconds, 'seconds')} (re-run time)</small>"


def panel(compute: Callable[..., Any], draw: Callable[[Any], Any], *, title: str | None = None,
          **controls: widgets.Widget) -> widgets.VBox:
    """Build and show a panel that re-runs ``compute(**values)`` and shows ``draw(result)`` on every change.

    Args:
        compute: the model call, taking the controls' values as keyword arguments.
        draw: turns its result into something to display (an Altair chart, a DataFrame, text); a DataFrame is
            shown through :func:`sim.charts.tables.styled` (Vietnamese headers and numbers).
        title: a heading shown above the controls.
        **controls: the widgets, by the keyword ``compute`` expects.

    Returns:
        The panel (already displayed), so a test or a dashboard can move its controls.
    """
    status = widgets.HTML()

    def show(**values: Any) -> None:
        started = time.perf_counter()
        try:
            result = compute(**values)
            shown = draw(result)
            display(styled(shown) if isinstance(shown, (pd.DataFrame, pd.Series)) else shown)
        except (ScenarioError, DataError) as exc:
            print(exc)
        status.value = status_text(time.perf_counter() - started)

    out = widgets.interactive_output(show, controls)
    head = [widgets.HTML(f"<h4>{title}</h4>")] if title else []
    rows = [widgets.HBox([control, _READOUTS[control.model_id][0]]) if control.model_id in _READOUTS else control
            for control in controls.values()]
    box = widgets.VBox([*head, widgets.VBox(rows), status, out])
    display(box)
    return box


__all__ = ["checkbox", "dropdown", "panel", "readout_text", "slider", "status_text"]
