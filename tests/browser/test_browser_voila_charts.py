"""Charts under Voilà (as ``make demo`` serves them), in Chromium: drawn offline by Voilà's own Vega, fitting the page,
no text of a chart on other text, at 1366 × 768 and 1920 × 1080.

The notebooks' charts are outputs of type ``application/vnd.vegalite.v5+json`` (:mod:`sim.charts.render`): JupyterLab
draws them with its Vega, and so must Voilà, with the copy of Vega it ships. A topic notebook with charts in its text
and in a control panel, and the lecturer's dashboard, are opened here.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from chart_layout import SIZES, chart_report, problems, resize, screenshot_charts
from course_pages import (
    SERVER_START_S,
    SUMMARY,
    UI_S,
    free_port,
    page_report,
    scripts_dir,
    server_env,
    stop,
    wait_for_http,
    wait_until_drawn,
)

VOILA_DATA = Path(__file__).resolve().parents[2] / "share" / "jupyter"
"""The repository's Jupyter data folder: it holds the ``ecrm`` Voilà template (``lab`` without links to a CDN)."""
PAGES = ["09_chi_so_nps.ipynb", "bang_dieu_khien_giang_vien.ipynb"]
"""A topic notebook (eight charts: in the text and in control panels) and the dashboard (its funnel, an SVG drawn by the page)."""
RUN_S = 300
"""How long Voilà may take to run a notebook before showing it."""


@pytest.fixture(scope="module")
def voila_notebooks(course_copy: Path, output_dir: Path):
    """Voilà serving the copy of ``notebooks/`` (every notebook at ``/voila/render/<name>``), with make demo's template."""
    port = free_port()
    command = [str(scripts_dir() / "voila"), "notebooks", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--template=ecrm", "--theme=light", "--show_tracebacks=True"]
    env = server_env(course_copy / "voila-notebooks")
    env["JUPYTER_PATH"] = str(VOILA_DATA)
    log = output_dir / "voila-notebooks.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=course_copy / "root", env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/voila/static/voila.js", process, log, SERVER_START_S)
        yield url
    finally:
        stop(process)


@pytest.mark.parametrize("name", PAGES)
def test_charts_draw_and_fit_under_voila(name: str, voila_notebooks: str, page, output_dir: Path):
    stem = Path(name).stem
    laptop, projector = SIZES
    started = time.monotonic()
    resize(page, laptop)
    page.goto(f"{voila_notebooks}/voila/render/{name}", timeout=RUN_S * 1000)
    page.wait_for_function("() => { const e = document.querySelector('#loading');"
                           " return !e || getComputedStyle(e).display === 'none'; }", timeout=RUN_S * 1000, polling=500)
    wait_until_drawn(page, UI_S)
    seen = page_report(page)
    layout = {}
    for size in (laptop, projector):
        if size != laptop:
            resize(page, size)
        layout[size] = chart_report(page)
        page.screenshot(path=str(output_dir / f"voila_{stem}_{size}.png"))
        screenshot_charts(page, output_dir, f"voila_{stem}_{size}")
    defects = [line for size, charts in layout.items() for line in problems(charts, size)]
    SUMMARY[f"voila: {stem}"] = {"seconds": round(time.monotonic() - started, 1), "widget_outputs": seen["widget_outputs"],
                                 "widget_views": seen["widget_views"], "charts_expected": seen["vega_embeds"],
                                 "charts_drawn": seen["charts_drawn"], "svg_charts": seen["svg_charts"],
                                 "chart_defects": len(defects)}
    body = page.inner_text("body")
    assert "Traceback" not in body and "There was an error" not in body, body[:2000]
    assert seen["tracebacks"] == [] and seen["errors"] == [] and seen["broken_widgets"] == []
    if name == PAGES[0]:
        # Notebook 09 shows seven charts before any click (its main chart waits for the student's locked guess).
        assert seen["vega_embeds"] >= 7 and seen["charts_drawn"] == seen["vega_embeds"], "Voilà draws the notebook's charts"
        assert all(chart["kind"] == "svg" for chart in layout[laptop]), "drawn as SVG"
    else:
        assert seen["svg_charts"] == 1, "the dashboard draws its funnel"
    assert defects == [], f"{len(defects)} chart defect(s):\n" + "\n".join(defects)
