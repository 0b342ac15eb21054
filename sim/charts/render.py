"""Showing charts offline in JupyterLab and Voilà, and saving them as PNG or SVG.

Altair's default renderer loads Vega from a CDN and shows nothing on a classroom network without
Internet. :func:`enable_offline` switches to the renderer that sends only the chart's Vega-Lite
specification (its data included) as the output ``application/vnd.vegalite.v5+json``; JupyterLab and
Voilà draw it with the copy of Vega they ship, so nothing is loaded from the Internet and a saved
notebook holds a few kilobytes per chart (the ``jupyter`` renderer of Altair stores the whole Vega
library, about half a megabyte, with every chart). Charts are drawn as SVG, so their text stays text.

JupyterLab 4 and Voilà 0.5 draw Vega-Lite 5 (``vnd.vegalite.v3``, ``v4`` and ``v5``, not ``v6``): the
package keeps Altair 5 (``altair>=5.4,<6`` in ``pyproject.toml``), whose charts are Vega-Lite 5.

:func:`save` writes PNG or SVG through vl-convert, which needs no browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc

from sim.base.errors import DataError

FONT_DIR = Path(__file__).resolve().parent / "fonts"
"""DejaVu Sans (regular, bold; Bitstream Vera licence): Vietnamese glyphs for exports on any machine."""
vlc.register_font_directory(str(FONT_DIR))

RENDERER = "ecrm"
"""The name of the course's renderer in Altair's registry (``alt.renderers.active`` once it is on)."""
MIMETYPE = "application/vnd.vegalite.v5+json"
"""The output type JupyterLab 4 and Voilà draw with their own Vega (no script in the notebook)."""
PNG_SCALE_IN_NOTEBOOK = 0.75
"""JupyterLab stores a PNG picture of every chart in the saved notebook (for viewers without Vega); at 0.75 of the
chart's size it weighs about half as much, and the notebook stays under 1 MB. The chart itself is drawn from its
specification, sharp at any size; for a print-quality PNG use :func:`save` (twice the size by default)."""
EMBED_OPTIONS: dict[str, Any] = {
    "renderer": "svg",
    "scaleFactor": {"png": PNG_SCALE_IN_NOTEBOOK, "svg": 1},
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}
"""Options of vega-embed, the drawing code of JupyterLab and Voilà: SVG, so the chart's text is text (selectable,
sharp on a projector, and checked by the browser tests); the "…" menu saves the chart as SVG or PNG, and has no
link to the online Vega editor (a classroom may have no Internet)."""
RENDERERS = ("mimetype", "jupyter", "svg")
"""What :func:`enable_offline` accepts."""

ALTAIR_MIMETYPE = f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json"
"""The output type of the installed Altair's charts; it must be :data:`MIMETYPE`."""
PLAIN_TEXT = "Biểu đồ (Vega-Lite chart): mở sổ tay trong JupyterLab hoặc Voilà để xem"
"""What a viewer without Vega (a terminal, a text export) shows instead of the chart."""

charts_sent = 0
"""How many charts this kernel has sent to the page with the course's renderer (read by the browser tests)."""


def _vega_lite_output(spec: dict, **metadata: Any) -> tuple[dict, dict]:
    """The output of one chart: its Vega-Lite specification and a line of text for a viewer without Vega."""
    global charts_sent  # noqa: PLW0603 - one counter per kernel, read by the browser tests
    if ALTAIR_MIMETYPE != MIMETYPE:
        raise DataError([("altair", alt.__version__, "cần Altair 5 (Vega-Lite 5) để JupyterLab vẽ được biểu đồ",
                          "Altair 5 (Vega-Lite 5) is needed for JupyterLab to draw the charts")])
    charts_sent += 1
    bundle = {MIMETYPE: spec, "text/plain": PLAIN_TEXT}
    return bundle, {MIMETYPE: {"embed_options": {**EMBED_OPTIONS, **metadata.get("embed_options", {})}}}


alt.renderers.register(RENDERER, _vega_lite_output)


def enable_offline(renderer: str = "mimetype") -> str:
    """Make charts render without Internet; return the renderer in use.

    Args:
        renderer: ``"mimetype"`` (the chart's specification, drawn by JupyterLab's or Voilà's own Vega; light
            notebooks), ``"jupyter"`` (Altair's widget, needs anywidget, stores Vega in every chart) or ``"svg"``
            (a static picture drawn in the kernel by vl-convert).

    Raises:
        DataError: another renderer.
    """
    if renderer not in RENDERERS:
        raise DataError([("renderer", renderer, f"chỉ nhận một trong {', '.join(RENDERERS)}",
                          f"must be one of {', '.join(RENDERERS)}")])
    if renderer == "mimetype":
        alt.renderers.enable(RENDERER)
        return "mimetype"
    if renderer == "jupyter":
        try:
            alt.renderers.enable("jupyter", offline=True)
            return "jupyter"
        except (ImportError, ValueError):
            pass
    alt.renderers.enable("svg")
    return "svg"


def _vl_version() -> str | None:
    """The Vega-Lite version of the installed Altair (``"5.20"``) when vl-convert has it, so exports draw what notebooks draw."""
    major_minor = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return major_minor if major_minor in vlc.get_vegalite_versions() else None


VEGA_MIMETYPE = "application/vnd.vega.v5+json"
"""The output type of a Vega specification (a Vega-Lite one compiled, :func:`to_vega`); JupyterLab 4 and Voilà draw
it with the same Vega, without compiling Vega-Lite first."""


def to_vega(spec: dict[str, Any]) -> dict[str, Any]:
    """A Vega-Lite specification compiled to Vega by vl-convert (offline), as the page would compile it."""
    return vlc.vegalite_to_vega(spec, vl_version=_vl_version())


def chart_output(spec: dict[str, Any], **embed_options: Any) -> dict[str, Any]:
    """A chart's Vega-Lite specification as one output of the course's renderer, for an ``ipywidgets.Output``'s
    ``outputs``: drawn in the page by JupyterLab's or Voilà's own Vega, as every chart of :func:`enable_offline`.

    A widget that redraws a chart on every move of a slider (the lecturer's dashboard) replaces its output with this
    one: the kernel sends the specification (a few kilobytes) and the browser draws it, instead of the kernel drawing
    an SVG picture with vl-convert (about 0,1 s).

    Args:
        spec: the specification (``chart.to_dict()``, or one made faster, e.g.
            :func:`sim.charts.baseline_funnel.baseline_funnel_spec`), Vega-Lite; or Vega (its ``$schema`` says so,
            e.g. :func:`sim.charts.baseline_funnel.baseline_funnel_vega`), sent as :data:`VEGA_MIMETYPE`, which
            spares the page compiling Vega-Lite on every redraw.
        **embed_options: options of vega-embed on top of :data:`EMBED_OPTIONS` (``actions=False``: no "…" menu).

    Raises:
        DataError: the installed Altair is not Altair 5 (as :func:`enable_offline`'s renderer).
    """
    bundle, metadata = _vega_lite_output(spec, embed_options=embed_options)
    if "/schema/vega/" in str(spec.get("$schema", "")):
        bundle = {VEGA_MIMETYPE: bundle.pop(MIMETYPE), **bundle}
        metadata = {VEGA_MIMETYPE: metadata.pop(MIMETYPE)}
    return {"output_type": "display_data", "data": bundle, "metadata": metadata}


def to_svg(chart: alt.TopLevelMixin | dict[str, Any]) -> str:
    """The chart (or its Vega-Lite specification) as SVG text (the Vietnamese text stays text)."""
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return vlc.vegalite_to_svg(spec, vl_version=_vl_version())


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, ``scale`` times its size in pixels."""
    return vlc.vegalite_to_png(chart.to_dict(), vl_version=_vl_version(), scale=scale)


def vega_to_svg(spec: dict[str, Any]) -> str:
    """A Vega specification (:func:`to_vega`) as SVG text."""
    return vlc.vega_to_svg(spec)


def save(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Save the chart as ``.png`` or ``.svg`` (chosen by the file's suffix), offline.

    Raises:
        DataError: a suffix other than ``.png`` or ``.svg``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".png":
        data = to_png(chart, scale)
        path.write_bytes(data)
    elif suffix == ".svg":
        path.write_text(to_svg(chart), encoding="utf-8")
    else:
        raise DataError([("path", str(path), "đuôi tệp phải là .png hoặc .svg", "the file must end in .png or .svg")])
    return path
