"""Every chart of the course fits a notebook column, and the report's charts keep readable text on the page.

The width of a chart (labels, legends and side-by-side panels included) is read from its SVG drawn by vl-convert,
with the DejaVu Sans the charts use in the browser. The browser tests (``make test-browser``) check the same charts
in JupyterLab itself at 1366 × 768 with the file browser open and at 1920 × 1080, text overlaps included.
"""

from __future__ import annotations

import io
import re

import altair as alt
import pandas as pd
import pytest
from chart_gallery import GALLERY
from PIL import Image

from sim.base.errors import DataError
from sim.charts.render import to_png, to_svg
from sim.charts.style import MAX_WIDTH_PX, column_px, fit_title, narrow_column, plot_width, text_width_px, wrap_px, wrapped_labels
from sim.report.section import PNG_SCALE
from sim.report.word import MAX_PICTURE_HEIGHT_CM, TEXT_WIDTH_CM

LABEL_PX = 12
"""The charts' label size in px (axis labels, legend entries, numbers on bars)."""
HTML_COLUMN_PX = 52 * 16
"""The report's HTML page: 52em of 16 px (``sim.report.html_page``)."""
PX_PER_CM = 96 / 2.54
"""Word places pictures at 96 px per inch."""


def _svg_size(svg: str) -> tuple[float, float]:
    match = re.search(r'<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"', svg)
    assert match, svg[:200]
    return float(match.group(1)), float(match.group(2))


@pytest.mark.parametrize("name", list(GALLERY))
def test_chart_fits_a_notebook_column(name: str):
    """At most MAX_WIDTH_PX (850 px): the output area of JupyterLab at 1366 px with the file browser open is ~930 px,
    of which vega-embed keeps 38 px for its menu."""
    width, _ = _svg_size(to_svg(GALLERY[name]()))
    assert width <= MAX_WIDTH_PX, f"{name}: {width:.0f} px"


@pytest.mark.parametrize("key", ["comparison", "four_activities", "funnel", "survival"])
def test_report_figures_keep_their_text_readable(key: str):
    """Figures 10 (comparison) and 11 (four activities) were drawn so wide that Word shrank their 12 px text to about
    6 px. On the HTML page (52em) and in Word (16 cm wide, at most 21 cm high) the text now stays at least 9 px."""
    png = to_png(GALLERY[f"report {key}"](), PNG_SCALE)
    width_png, height_png = Image.open(io.BytesIO(png)).size
    width, height = width_png / PNG_SCALE, height_png / PNG_SCALE  # in the chart's own px
    html = min(1.0, HTML_COLUMN_PX / width_png) * PNG_SCALE  # the <img> is never wider than the column
    word = min(TEXT_WIDTH_CM * PX_PER_CM / width, MAX_PICTURE_HEIGHT_CM * PX_PER_CM / height)
    assert LABEL_PX * html >= 12, f"{key}: {LABEL_PX * html:.1f} px on the HTML page"
    assert LABEL_PX * word >= 9, f"{key}: {LABEL_PX * word:.1f} px in Word ({width:.0f} × {height:.0f} px)"


def test_text_width_by_the_font():
    """DejaVu Sans 12 px: the digit 0 is 7.63 px wide (1303/2048 em); a string is the sum of its advances."""
    assert text_width_px("0") == pytest.approx(12 * 1303 / 2048, abs=0.1)
    assert text_width_px("0000") == pytest.approx(4 * text_width_px("0"), abs=0.1)
    assert text_width_px("0", 24) == pytest.approx(2 * text_width_px("0"), abs=0.1)


def test_wrap_keeps_words_and_every_line_fits():
    text = "Tỷ lệ khách hàng chưa rời bỏ theo số ngày kể từ đơn hàng đầu tiên"
    lines = wrap_px(text, 150)
    assert " ".join(lines) == text and len(lines) > 1
    assert all(text_width_px(line) <= 150 for line in lines)
    assert wrap_px("ngắn", 150) == ["ngắn"]
    assert wrap_px("Siêudàikhôngngắtđược", 20) == ["Siêudàikhôngngắtđược"]  # a word longer than a line keeps its line


def test_wrapped_labels_only_when_needed():
    assert wrapped_labels(["Một", "Hai"], 200) == (None, 1)
    expr, lines = wrapped_labels(["Một nhãn rất dài cần xuống dòng cho vừa cột", "Ngắn"], 120)
    assert lines >= 2 and expr.endswith("[datum.label] || (datum.label)") and "Ngắn" not in expr


def test_plot_width_leaves_room_for_the_labels():
    assert plot_width(100) == 520  # room enough: the plot keeps its width
    assert plot_width(500) == MAX_WIDTH_PX - 34 - 500
    assert plot_width(800) == 200  # never narrower than this


def test_long_titles_are_wrapped_short_ones_kept():

    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    short = fit_title(chart.properties(title="Ngắn"))
    assert short.title == "Ngắn"
    long = fit_title(chart.properties(title=alt.Title("Một tiêu đề " * 20, subtitle="phụ đề")), 400)
    assert isinstance(long.title.text, list) and len(long.title.text) > 1
    assert all(text_width_px(line, 16, bold=True) <= 400 for line in long.title.text)


def test_a_narrow_column_for_the_printed_report():
    """Inside narrow_column(680) the plots get what 680 px leave (a printed page), and the width is back after."""

    with narrow_column(680):
        assert column_px() == 680 and plot_width(300) == 680 - 34 - 300
    assert column_px() == MAX_WIDTH_PX
    for bad in (100, 2000, 680.5):
        with pytest.raises(DataError), narrow_column(bad):
            pass
