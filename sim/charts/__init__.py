"""Charts for the lectures' measures: one function per chart, one module per chart.

Every chart has Vietnamese titles, axes and legends from the one label map,
tooltips, and the same colour for a persona, channel or stage everywhere.
Call :func:`sim.charts.render.enable_offline` once in a notebook so charts show
without Internet; save them with :func:`sim.charts.render.save`.
"""
