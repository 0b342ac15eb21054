"""Showing charts offline in JupyterLab, and saving them as PNG or SVG.

Altair's default renderer loads Vega from a CDN and shows nothing on a classroom
network without Internet. :func:`enable_offline` switches to the ``jupyter``
renderer with ``offline=True`` (the JavaScript comes from the installed
``anywidget`` package), or to ``svg`` (drawn by vl-convert in the kernel).
:func:`save` writes PNG or SVG through vl-convert, which needs no browser.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert as vlc

from sim.base.errors import DataError

FONT_DIR = Path(__file__).resolve().parent / "fonts"
"""DejaVu Sans (regular, bold; Bitstream Vera licence): Vietnamese glyphs for exports on any machine."""
vlc.register_font_directory(str(FONT_DIR))


def enable_offline(renderer: str = "jupyter") -> str:
    """Make charts render without Internet; return the renderer in use.

    Args:
        renderer: ``"jupyter"`` (interactive, needs anywidget) or ``"svg"`` (static, always works).
    """
    if renderer not in ("jupyter", "svg"):
        raise DataError([("renderer", renderer, "chỉ nhận 'jupyter' hoặc 'svg'", "must be 'jupyter' or 'svg'")])
    if renderer == "jupyter":
        try:
            alt.renderers.enable("jupyter", offline=True)
            return "jupyter"
        except (ImportError, ValueError):
            pass
    alt.renderers.enable("svg")
    return "svg"


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG text (the Vietnamese text stays text)."""
    return vlc.vegalite_to_svg(chart.to_dict())


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, ``scale`` times its size in pixels."""
    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)


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
