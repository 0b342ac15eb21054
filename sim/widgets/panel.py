"""A control panel: widgets on top, the redrawn result below, and how long it took.

Typical use in a notebook::

    from sim.widgets import panel, slider
    panel(lambda agents: sim.simulate_desk(...), charts.wait_times.chart,
          agents=slider("Số nhân viên chat (chat agents)", 1, 6, 2))

Every change of a control re-runs ``compute`` with the controls' values as
keyword arguments and shows ``draw(result)``. A bad value is shown as the
bilingual message of :class:`sim.base.errors.ScenarioError` or :class:`sim.base.errors.DataError`,
never as a traceback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from sim.base.errors import DataError, ScenarioError

_STYLE = {"description_width": "initial"}
_WIDE = widgets.Layout(width="520px")


def slider(description: str, low: float, high: float, value: float, step: float | None = None) -> widgets.Widget:
    """An integer slider when all bounds are integers, a float slider otherwise, updating on release."""
    if all(isinstance(v, int) for v in (low, high, value)) and (step is None or isinstance(step, int)):
        return widgets.IntSlider(value=value, min=low, max=high, step=step or 1, description=description,
                                 continuous_update=False, style=_STYLE, layout=_WIDE)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step or (high - low) / 20, description=description,
                               continuous_update=False, style=_STYLE, layout=_WIDE, readout_format=".2f")


def checkbox(description: str, value: bool) -> widgets.Widget:
    """A switch (on/off) for a lever."""
    return widgets.Checkbox(value=value, description=description, style=_STYLE, indent=False)


def dropdown(description: str, options: dict[str, Any] | list[Any], value: Any = None) -> widgets.Widget:
    """A choice among labelled options (``{"Nhãn hiển thị": value}``)."""
    choices = list(options.items()) if isinstance(options, dict) else list(options)
    first = choices[0][1] if isinstance(choices[0], tuple) else choices[0]
    return widgets.Dropdown(options=choices, value=first if value is None else value, description=description,
                            style=_STYLE, layout=_WIDE)


def panel(compute: Callable[..., Any], draw: Callable[[Any], Any], *, title: str | None = None,
          **controls: widgets.Widget) -> widgets.VBox:
    """Build and show a panel that re-runs ``compute(**values)`` and shows ``draw(result)`` on every change.

    Args:
        compute: the model call, taking the controls' values as keyword arguments.
        draw: turns its result into something to display (an Altair chart, a DataFrame, text).
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
            display(draw(result))
        except (ScenarioError, DataError) as exc:
            print(exc)
        status.value = f"<small>Đã chạy lại trong {time.perf_counter() - started:.2f} s (re-run time)</small>"

    out = widgets.interactive_output(show, controls)
    head = [widgets.HTML(f"<h4>{title}</h4>")] if title else []
    box = widgets.VBox([*head, widgets.VBox(list(controls.values())), status, out])
    display(box)
    return box
