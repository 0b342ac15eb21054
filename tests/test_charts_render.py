"""Exports carry real Vietnamese glyphs on any machine: the font ships with the package."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.charts.render import FONT_DIR, save, to_png, to_svg
from sim.charts.style import base_config


def _text(text: str) -> alt.Chart:
    chart = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(text=text, fontSize=40).properties(width=120, height=60)
    return base_config(chart)


def test_the_font_is_shipped():
    assert (FONT_DIR / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (FONT_DIR / "LICENSE-DejaVu.txt").exists()


def test_diacritics_are_drawn_not_boxes():
    """ễ and ệ differ only by their marks; a missing glyph would draw both as the same box."""
    e_tilde, e_dot, plain, missing = (to_png(_text(t), scale=1) for t in ("ễ", "ệ", "e", "\ue000"))
    assert e_tilde.startswith(b"\x89PNG")
    assert e_tilde not in (e_dot, plain)
    assert e_dot != missing


def test_svg_keeps_the_text_and_save_picks_the_format(tmp_path):
    chart = _text("Phễu chuyển đổi")
    assert "Phễu chuyển đổi" in to_svg(chart)
    assert save(chart, tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    assert "<svg" in save(chart, tmp_path / "c.svg").read_text("utf-8")
    with pytest.raises(DataError):
        save(chart, tmp_path / "c.jpg")
