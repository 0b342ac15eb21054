"""The lecturer's dashboard served by Voilà (as ``make demo`` does), in Chromium: it renders, its levers work, and the page
asks nothing of any host but the local Voilà server (classrooms often have no working Internet)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from course_pages import (
    ROOT,
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
VOILA_DATA = ROOT / "share" / "jupyter"
"""The repository's Jupyter data folder: it holds the ``ecrm`` Voilà template (``lab`` without links to a CDN)."""
VOILA_OPTIONS = ["--Voila.ip=127.0.0.1", "--template=ecrm", "--theme=light"]
"""The options of ``make demo`` (which also sets ``JUPYTER_PATH`` to :data:`VOILA_DATA`)."""
CARDS_WITH_VALUES_JS = ("() => (document.querySelectorAll('.ecrm-card:not(.ecrm-card-wait) .ecrm-card-value').length === 12"
                        " && document.querySelector('.ecrm-chart svg') !== null)"
                        " || document.body.innerText.includes('Traceback') || document.body.innerText.includes('There was an error')")
"""The dashboard has run its baseline: the twelve cards show values (not "…") and the funnel is drawn."""


@pytest.fixture(scope="module")
def voila(course_copy: Path, output_dir: Path):
    """Voilà on a free loopback port, serving the copy of the dashboard notebook; stopped after the module."""
    port = free_port()
    command = [str(scripts_dir() / "voila"), DASHBOARD, "--no-browser", f"--port={port}", *VOILA_OPTIONS, "--show_tracebacks=True"]
    env = server_env(course_copy / "voila")
    env["JUPYTER_PATH"] = str(VOILA_DATA)
    log = output_dir / "voila.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=course_copy / "root", env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/voila/static/voila.js", process, log, SERVER_START_S)
        yield url
    finally:
        stop(process)


def test_dashboard_renders_and_responds_in_voila(voila: str, page, output_dir: Path):
    started = time.monotonic()
    page.goto(voila, timeout=SERVER_START_S * 1000)
    page.wait_for_function(CARDS_WITH_VALUES_JS, timeout=SERVER_START_S * 1000, polling=250)
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


# True once the page has drawn a Font Awesome glyph from a font the Voilà server sent (the buttons' icons, e.g. "undo").
_ICON_FONT_LOADED_JS = """
() => Array.from(document.fonts).some((f) => f.family.replace(/["']/g, '').startsWith('Font Awesome') && f.status === 'loaded')
"""


def test_dashboard_asks_nothing_outside_the_local_server(voila: str, page, output_dir: Path):
    """Every request of the page (documents, scripts, styles, fonts, images, XHR, WebSockets) goes to the Voilà server.

    Voilà's ``lab`` template links Font Awesome on cdn.jsdelivr.net; the ``ecrm`` template drops those links, and the
    icons still come from the copy of Font Awesome bundled in Voilà's own static files.
    """
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    page.goto(voila, timeout=SERVER_START_S * 1000)
    page.wait_for_function(CARDS_WITH_VALUES_JS, timeout=SERVER_START_S * 1000, polling=250)
    wait_until_drawn(page, UI_S)
    page.wait_for_function(_ICON_FONT_LOADED_JS, timeout=UI_S * 1000, polling=250)
    page.wait_for_load_state("networkidle", timeout=UI_S * 1000)
    (output_dir / "voila_requests.txt").write_text("\n".join(requested), encoding="utf-8")

    local = urlsplit(voila).netloc
    assert any(urlsplit(url).netloc == local for url in requested), requested
    outside = sorted({url for url in requested if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local})
    assert outside == [], f"the page asked {len(outside)} address(es) outside {local}: {outside}"
    assert page.locator(".ecrm-card").count() == 12
    icons = page.locator("button i.fa")
    assert icons.count() >= 2, "the reset and set-baseline buttons show an icon"
    assert "Font Awesome" in icons.first.evaluate("(e) => getComputedStyle(e).fontFamily")


SCREENS = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
"""A student's laptop and a classroom projector."""
PROGRESS_JS = """() => {
  const shown = (e) => e && e.offsetParent !== null && (e.innerText || '').trim().length > 0;
  return shown(document.getElementById('loading_text')) || shown(document.querySelector('.ecrm-busy'));
}"""
_LAYOUT_JS = """() => {
  const box = (e) => e.getBoundingClientRect();
  const dash = document.querySelector('.ecrm-dash');
  const cards = Array.from(document.querySelectorAll('.ecrm-card'));
  const svg = document.querySelector('.ecrm-chart svg');
  const view = svg.viewBox.baseVal;
  const scale = box(svg).width / view.width;
  const sizes = Array.from(svg.querySelectorAll('text'))
      .map((t) => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize));
  const px = (selector) => parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
  const legend = document.querySelector('.ecrm-legend');
  const inside = (e, outer) => box(e).right <= box(outer).right + 1;
  const overflowing = [
    ...Array.from(document.querySelectorAll('.ecrm-card-value, .ecrm-card-delta, .ecrm-card-base'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1 || !inside(e, e.closest('.ecrm-card'))),
    ...Array.from(document.querySelectorAll('.ecrm-readout')).filter((e) => !inside(e, document.querySelector('.ecrm-left'))),
    ...Array.from(document.querySelectorAll('.ecrm-dash .lm-TabBar-tabLabel')).filter((e) => e.scrollWidth > e.clientWidth + 1),
  ].map((e) => e.textContent.trim());
  return {
    viewport: [innerWidth, innerHeight], scroll_width: document.documentElement.scrollWidth,
    dashboard_width: box(dash).width, dashboard_left: box(dash).left,
    cards_bottom: Math.max(...cards.map((c) => box(c).bottom)), chart_top: box(svg).top, chart_bottom: box(svg).bottom,
    chart_width: box(svg).width, levers_bottom: box(legend).bottom,
    chart_text_px: Math.min(...sizes) * scale, card_value_px: px('.ecrm-card-value'), card_label_px: px('.ecrm-card-label'),
    lever_px: px('.ecrm-lever'), overflowing,
    visible_texts: Array.from(document.querySelectorAll('#rendered_cells .jp-RenderedMarkdown, #rendered_cells pre'))
        .map((e) => (e.innerText || '').trim()).filter((t) => t),
  };
}"""


@pytest.mark.parametrize("screen", list(SCREENS))
def test_dashboard_fills_a_projector_screen(voila: str, browser, output_dir: Path, screen: str):
    """At a laptop's 1366×768 and a projector's 1920×1080: progress shows at once, then the dashboard uses the page's
    full width, with large type, and the levers, the twelve cards and the funnel chart fit on one screen, with nothing
    else (no notebook heading, no seed line) above them. The times to the first progress and to the first cards are
    recorded in the summary."""
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    try:
        started = time.monotonic()
        page.goto(voila, wait_until="commit", timeout=SERVER_START_S * 1000)
        page.wait_for_function(PROGRESS_JS, timeout=SERVER_START_S * 1000, polling=50)
        progress_s = time.monotonic() - started
        page.wait_for_function(CARDS_WITH_VALUES_JS, timeout=SERVER_START_S * 1000, polling=100)
        cards_s = time.monotonic() - started
        wait_until_drawn(page, UI_S)
        page.screenshot(path=str(output_dir / f"voila_dashboard_{screen}.png"))
        layout = page.evaluate(_LAYOUT_JS)
    finally:
        context.close()
    SUMMARY[f"voila: dashboard {screen}"] = {"seconds_to_progress": round(progress_s, 2), "seconds_to_cards": round(cards_s, 1),
                                             **{k: v for k, v in layout.items() if k != "visible_texts"}}
    (output_dir / f"voila_dashboard_{screen}.json").write_text(json.dumps(SUMMARY[f"voila: dashboard {screen}"], indent=1),
                                                             encoding="utf-8")
    assert progress_s < 10, "something shows that the page is working within seconds of opening it"
    assert layout["visible_texts"] == [], "only the dashboard: no notebook text or printed lines above it"
    assert layout["scroll_width"] <= width, "nothing sticks out to the right"
    assert layout["dashboard_width"] >= 0.95 * width, f"the dashboard uses the page's width: {layout['dashboard_width']} of {width}"
    assert layout["cards_bottom"] <= height and layout["chart_bottom"] <= height + 1, f"cards and chart on one screen: {layout}"
    assert layout["levers_bottom"] <= height, f"the levers on one screen: {layout}"
    large = width >= 1600
    assert layout["overflowing"] == [], "every number stays inside its card"
    assert layout["card_value_px"] >= (28 if large else 22), layout
    assert layout["lever_px"] >= (17 if large else 13), layout
    assert layout["chart_text_px"] >= (18 if large else 13), f"chart labels readable from the back of the room: {layout}"
