"""Exports carry real Vietnamese glyphs on any machine: the font ships with the package."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from jupyter_core.paths import jupyter_path

from sim.base.errors import DataError
from sim.charts import render
from sim.charts.render import ALTAIR_MIMETYPE, FONT_DIR, MIMETYPE, RENDERER, enable_offline, save, to_png, to_svg
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


# --------------------------------------------------------------------------- what a notebook stores for a chart


def _installed_static(*parts: str) -> list[Path]:
    """The JavaScript files of an installed Jupyter front end (``lab/static``, Voilà's ``templates/base/static``)."""

    return [f for folder in jupyter_path(*parts) for f in Path(folder).glob("*.js")]


def test_offline_charts_are_their_specification_and_nothing_else():
    """The output is the Vega-Lite specification (data included) and a line of text: no script, no Vega library."""
    assert enable_offline() == "mimetype" and alt.renderers.active == RENDERER
    sent = render.charts_sent
    data = pd.DataFrame({"x": range(200), "y": [i % 7 for i in range(200)]})
    chart = base_config(alt.Chart(data).mark_bar().encode(x="x:Q", y="y:Q").properties(width=400))
    bundle, metadata = chart._repr_mimebundle_()
    assert set(bundle) == {MIMETYPE, "text/plain"}
    assert bundle[MIMETYPE] == chart.to_dict()
    options = metadata[MIMETYPE]["embed_options"]
    assert options["renderer"] == "svg"
    assert options["actions"]["editor"] is False  # no link to the online editor
    assert 0 < options["scaleFactor"]["png"] < 1 and options["scaleFactor"]["svg"] == 1  # a lighter stored picture
    stored = json.dumps([bundle, metadata], ensure_ascii=False)
    assert "<script" not in stored and "function(" not in stored
    assert len(stored) < 2 * len(json.dumps(chart.to_dict(), ensure_ascii=False)) + 500
    assert render.charts_sent == sent + 1


def test_the_installed_front_ends_draw_the_output_type():
    """JupyterLab (and Voilà, when installed) ship a renderer for exactly this output type, so charts draw offline."""
    assert ALTAIR_MIMETYPE == MIMETYPE, "Altair 5 is needed: JupyterLab 4 draws Vega-Lite 5, not 6"
    lab = _installed_static("lab", "static")
    assert lab and any(MIMETYPE.encode() in f.read_bytes() for f in lab)
    voila = _installed_static("voila", "templates", "base", "static")
    if voila:
        assert any(MIMETYPE.encode() in f.read_bytes() for f in voila)


def test_other_renderers_and_a_bad_one():
    try:
        assert enable_offline("svg") == "svg" and alt.renderers.active == "svg"
        with pytest.raises(DataError, match="renderer"):
            enable_offline("cdn")
    finally:
        enable_offline()
