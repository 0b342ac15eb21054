"""Charts for the lectures' measures: one function per chart, one module per chart.

Every chart has Vietnamese titles, axes and legends from the one label map,
tooltips, and the same colour for a persona, channel or stage everywhere
(:mod:`sim.charts.palette`). Each is laid out to fit a notebook column of 900 px
(:data:`sim.charts.style.MAX_WIDTH_PX`) with no text on other text.
Call :func:`sim.charts.render.enable_offline` once in a notebook so charts show
without Internet; save them with :func:`sim.charts.render.save`.
"""
