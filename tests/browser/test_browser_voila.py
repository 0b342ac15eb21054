"""The lecturer's dashboard served by Voilà (as ``make demo`` does), in Chromium: it renders and its levers work."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from course_pages import (
    SERVER_START_S,
    SUMMARY,
    UI_S,
    cut_paid_search_budget,
    free_port,
    page_report,
    scripts_dir,
    server_env,
    stop,
    vi_int,
    wait_for_http,
    wait_until_drawn,
)

DASHBOARD = "notebooks/bang_dieu_khien_giang_vien.ipynb"


@pytest.fixture(scope="module")
def voila(course_copy: Path, output_dir: Path):
    """Voilà on a free loopback port, serving the copy of the dashboard notebook; stopped after the module."""
    port = free_port()
    command = [str(scripts_dir() / "voila"), DASHBOARD, "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", "--theme=light",
               "--VoilaConfiguration.file_allowlist=['.*']", "--show_tracebacks=True"]
    log = output_dir / "voila.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=course_copy / "root", env=server_env(course_copy / "voila"), stdout=sink,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/voila/static/voila.js", process, log, SERVER_START_S)
        yield url
    finally:
        stop(process)


def test_dashboard_renders_and_responds_in_voila(voila: str, page, output_dir: Path):
    started = time.monotonic()
    page.goto(voila, timeout=SERVER_START_S * 1000)
    page.wait_for_function("() => document.querySelectorAll('.ecrm-card .ecrm-card-value').length === 12"
                           " || document.body.innerText.includes('Traceback') || document.body.innerText.includes('There was an error')",
                           timeout=SERVER_START_S * 1000, polling=250)
    wait_until_drawn(page, UI_S)
    seen = page_report(page)
    page.screenshot(path=str(output_dir / "voila_dashboard.png"))
    SUMMARY["voila: bang_dieu_khien_giang_vien"] = {
        "seconds": round(time.monotonic() - started, 1), "widget_outputs": seen["widget_outputs"], "widget_views": seen["widget_views"],
        "charts_expected": 0, "charts_drawn": seen["charts_drawn"], "svg_charts": seen["svg_charts"], "stderr": seen["stderr"]}
    body = page.inner_text("body")
    assert "Traceback" not in body and "There was an error" not in body, body[:2000]
    assert seen["tracebacks"] == [] and seen["errors"] == []
    assert seen["broken_widgets"] == []
    assert seen["widget_views"] >= 1
    assert page.locator(".ecrm-card").count() == 12
    assert seen["svg_charts"] == 1, "the funnel chart is drawn"

    shown = cut_paid_search_budget(page, output_dir, "voila")
    assert shown["budget_after"] != shown["budget_before"], shown
    assert vi_int(shown["prospects_after"]) < vi_int(shown["prospects_before"]), shown
