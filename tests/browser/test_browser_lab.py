"""Every course notebook, opened in JupyterLab in Chromium: Run All Cells, then check what a student sees.

A notebook passes when every code cell ran (an execution count on each), no cell shows a traceback, every
widget view rendered (no "Loading widget…", no "Error displaying widget"), and every Altair chart the kernel
sent (its Vega-Lite specification, drawn by JupyterLab's own Vega: :mod:`sim.charts.render`) is drawn as SVG.
The notebook runs on a laptop screen (1366 × 768) with JupyterLab's file browser open, then the window grows to a
projector's 1920 × 1080; at both sizes every chart fits its cell and no text of a chart lies on other text or is cut
(:mod:`chart_layout`). Screenshots of the page and of every chart at both sizes go to the output folder.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from chart_layout import SIZES, chart_report, open_file_browser, problems, resize, screenshot_charts
from course_pages import ROOT, SUMMARY, cut_paid_search_budget, open_notebook, page_report, run_all_cells, vi_int

from sim.charts.render import RENDERER

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
DASHBOARD = "bang_dieu_khien_giang_vien.ipynb"


def _code_cells(name: str) -> int:
    cells = json.loads((ROOT / "notebooks" / name).read_text("utf-8"))["cells"]
    return sum(cell["cell_type"] == "code" for cell in cells)


def test_the_course_has_its_notebooks():
    """The 16 topic notebooks (00–15), the start notebook, the pandas primer and the lecturer's dashboard are all checked."""
    topics = [n for n in NOTEBOOKS if n[:2].isdigit()]
    assert [n[:2] for n in topics] == [f"{i:02d}" for i in range(16)]
    assert {"bat_dau.ipynb", "pandas_co_ban.ipynb", DASHBOARD} <= set(NOTEBOOKS)
    assert len(NOTEBOOKS) == 19


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_clean_in_jupyterlab(name: str, lab, page, output_dir: Path):
    path = f"notebooks/{name}"
    stem = Path(name).stem
    started = time.monotonic()
    layout: dict[str, list[dict]] = {}
    try:
        laptop, projector = SIZES
        resize(page, laptop)
        open_notebook(page, lab, path)
        sidebar_px = open_file_browser(page)
        code_cells = _code_cells(name)
        assert page.locator(".jp-Notebook .jp-CodeCell").count() == code_cells, "every cell is in the page"
        state = run_all_cells(page)
        seen = page_report(page)
        kernel = lab.ask_kernel(path)
        for size in (laptop, projector):
            if size != laptop:
                resize(page, size)
            layout[size] = chart_report(page)
            page.screenshot(path=str(output_dir / f"lab_{stem}_{size}.png"))
            screenshot_charts(page, output_dir, f"lab_{stem}_{size}")
    finally:
        lab.close_session(path)
    defects = [line for size, charts in layout.items() for line in problems(charts, size)]
    (output_dir / f"lab_{stem}.layout.json").write_text(json.dumps(layout, ensure_ascii=False, indent=1), encoding="utf-8")
    SUMMARY[name] = {"seconds": round(time.monotonic() - started, 1), "widget_outputs": seen["widget_outputs"],
                     "widget_views": seen["widget_views"], "charts_expected": kernel["charts"], "charts_drawn": seen["charts_drawn"],
                     "svg_charts": seen["svg_charts"], "stderr": seen["stderr"], "file_browser_px": sidebar_px,
                     "chart_defects": len(defects)}

    assert seen["tracebacks"] == [] and seen["errors"] == [], "a cell shows an error"
    assert state["numbered"] and len(state["prompts"]) == code_cells, f"not every cell ran: {state['prompts']}"
    assert seen["broken_widgets"] == [], "a widget did not render"
    assert seen["charts_drawn"] == seen["vega_embeds"] == kernel["charts"], "every chart the kernel sent is drawn"
    if kernel["charts"]:
        assert kernel["renderer"] == RENDERER, "charts are sent as specifications, drawn by JupyterLab's own Vega (offline)"
    assert defects == [], f"{len(defects)} chart defect(s):\n" + "\n".join(defects)
    if name[:2].isdigit():
        assert seen["widget_outputs"] >= 1 and seen["widget_views"] >= 1, "every topic notebook has a control panel"
    if name == DASHBOARD:
        assert seen["svg_charts"] == 1, "the dashboard draws its funnel chart"
        assert page.locator(".ecrm-card").count() == 12


def test_dashboard_lever_moves_a_kpi_in_jupyterlab(lab, page, output_dir: Path):
    """Cutting the paid-search budget to its slider's minimum (a hundredth of the preset's) lowers the prospects on screen:
    fewer ads bought, fewer visitors (lecture 001, acquisition channels)."""
    path = f"notebooks/{DASHBOARD}"
    try:
        open_notebook(page, lab, path)
        run_all_cells(page)
        shown = cut_paid_search_budget(page, output_dir, "lab")
    finally:
        lab.close_session(path)
    assert shown["budget_after"] != shown["budget_before"], shown
    assert vi_int(shown["prospects_after"]) < vi_int(shown["prospects_before"]), shown
