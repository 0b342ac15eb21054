"""Control panels for the notebooks (ipywidgets): sliders and switches that re-run the model.

Panels only call the model (:mod:`sim`, :mod:`sim.measures`) and a chart function
(:mod:`sim.charts`); they hold no logic of their own.
"""

from sim.widgets.panel import checkbox, dropdown, panel, slider

__all__ = ["checkbox", "dropdown", "panel", "slider"]
