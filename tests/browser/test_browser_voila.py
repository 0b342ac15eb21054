"""The lecturer's dashboard served by Voilà (as ``make demo`` does), in Chromium: it renders, its levers work, the page
asks nothing of any host but the local Voilà server (classrooms often have no working Internet), and its kernels do
not pile up (each one takes about 350 MB): reloading leaves one, a page gone without a goodbye has its kernel culled,
and however many pages are open there are at most four."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
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
from traitlets.config.loader import PyFileConfigLoader

DASHBOARD = "notebooks/bang_dieu_khien_giang_vien.ipynb"
VOILA_DATA = ROOT / "share" / "jupyter"
"""The repository's Jupyter data folder: it holds the ``ecrm`` Voilà template (``lab`` without links to a CDN)."""
VOILA_CONFIG = VOILA_DATA / "voila"
"""The folder of ``voila.py``, the settings of ``make demo``: kernels stop when their page is left, abandoned ones are
culled, and at most four are alive."""
VOILA_OPTIONS = ["--Voila.ip=127.0.0.1", "--template=ecrm", "--theme=light", f"--Voila.config_file_paths={VOILA_CONFIG}"]
"""The options of ``make demo`` (which also sets ``JUPYTER_PATH`` to :data:`VOILA_DATA`)."""
MAX_KERNELS = 4
"""The most kernels ``make demo`` keeps alive (``MAX_KERNELS`` in ``share/jupyter/voila/voila.py``)."""
KERNEL_STOP_S = 20
"""How long a kernel may take to stop once it is no longer needed."""
CARDS_JS = ("() => (document.querySelectorAll('.ecrm-card:not(.ecrm-card-wait) .ecrm-card-value').length === 12"
            " && document.querySelector('.ecrm-chart svg') !== null)"
            " || document.body.innerText.includes('Traceback') || document.body.innerText.includes('There was an error')")
"""The dashboard has run its baseline: the twelve cards show values (not "…") and the funnel is drawn."""


@dataclass
class VoilaServer:
    """A running Voilà server: its address and its process (whose children are the kernels)."""

    url: str
    process: subprocess.Popen

    def kernel_processes(self) -> list[int]:
        """The live kernels: the server's child processes running ``ipykernel`` (Linux ``/proc``)."""
        kernels = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if parent == self.process.pid and b"ipykernel" in (entry / "cmdline").read_bytes():
                    kernels.append(int(entry.name))
            except (OSError, IndexError, ValueError):  # the process ended while being read
                continue
        return kernels

    def kernel_alive(self, kernel_id: str) -> bool:
        """Whether the server still has the kernel (Voilà's ``/api/kernels/<id>``: 200, or 404 once it stopped)."""
        try:
            with urllib.request.urlopen(f"{self.url}/api/kernels/{kernel_id}", timeout=10) as answer:
                return answer.status == 200
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return False
            raise

    def wait_for_kernels(self, count: int, timeout_s: float = KERNEL_STOP_S) -> int:
        """Wait until at most ``count`` kernels are alive; return how many are."""
        deadline = time.monotonic() + timeout_s
        alive = len(self.kernel_processes())
        while alive > count and time.monotonic() < deadline:
            time.sleep(0.5)
            alive = len(self.kernel_processes())
        return alive


@contextlib.contextmanager
def voila_server(course_copy: Path, output_dir: Path, name: str, *extra: str) -> Iterator[VoilaServer]:
    """Voilà on a free loopback port with the options of ``make demo`` (and ``extra``), serving the copy of the
    dashboard notebook; stopped on leaving."""
    port = free_port()
    command = [str(scripts_dir() / "voila"), DASHBOARD, "--no-browser", f"--port={port}", *VOILA_OPTIONS, "--show_tracebacks=True",
               *extra]
    env = server_env(course_copy / name)
    env["JUPYTER_PATH"] = str(VOILA_DATA)
    log = output_dir / f"{name}.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=course_copy / "root", env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/voila/static/voila.js", process, log, SERVER_START_S)
        yield VoilaServer(url, process)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def voila(course_copy: Path, output_dir: Path):
    """The dashboard's Voilà server for the rendering tests; stopped after the module."""
    with voila_server(course_copy, output_dir, "voila") as server:
        yield server.url


def _open_dashboard(page, url: str) -> str:
    """Load the dashboard (or reload it when ``url`` is empty) until its cards show; return its kernel's id."""
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    if url:
        page.goto(url, timeout=SERVER_START_S * 1000)
    else:
        page.reload(timeout=SERVER_START_S * 1000)
    page.wait_for_function(CARDS_JS, timeout=SERVER_START_S * 1000, polling=250)
    assert page.locator(".ecrm-card").count() == 12, page.inner_text("body")[:2000]
    kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    deadline = time.monotonic() + UI_S
    while not any(kernel_id in socket for socket in sockets) and time.monotonic() < deadline:
        page.wait_for_timeout(250)  # the page's widgets connect to their kernel
    return kernel_id


def test_dashboard_renders_and_responds_in_voila(voila: str, page, output_dir: Path):
    started = time.monotonic()
    page.goto(voila, timeout=SERVER_START_S * 1000)
    page.wait_for_function(CARDS_JS, timeout=SERVER_START_S * 1000, polling=250)
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
    page.wait_for_function(CARDS_JS, timeout=SERVER_START_S * 1000, polling=250)
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


def test_the_makefile_serves_the_dashboard_with_these_options():
    """``make demo`` and these tests run Voilà the same way."""
    demo = re.search(r"^demo:.*?(?=^\S)", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.S | re.M).group(0)
    for option in VOILA_OPTIONS:
        assert option.replace(str(ROOT), "$(CURDIR)") in demo, option
    assert 'JUPYTER_PATH="$(CURDIR)/share/jupyter' in demo


def test_reloading_the_dashboard_leaves_one_kernel(course_copy: Path, output_dir: Path, browser):
    """Each load starts a kernel; leaving the page (here by reloading it) must stop the page's kernel."""
    with voila_server(course_copy, output_dir, "voila_reload") as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        kernel_ids, alive = [], []
        for load in range(4):
            kernel_ids.append(_open_dashboard(page, server.url if load == 0 else ""))
            alive.append(server.wait_for_kernels(1))
        page.screenshot(path=str(output_dir / "voila_reloaded.png"))
        still_there = [server.kernel_alive(kernel_id) for kernel_id in kernel_ids]
        context.close()
    (output_dir / "voila_kernels_reload.log").write_text(f"kernels alive after each load: {alive}\n", encoding="utf-8")
    assert len(set(kernel_ids)) == 4, kernel_ids  # each load had its own kernel
    assert alive == [1, 1, 1, 1], f"kernels alive after each of 4 loads: {alive}"
    assert still_there == [False, False, False, True]


def test_a_page_gone_without_a_goodbye_has_its_kernel_culled(course_copy: Path, output_dir: Path, browser):
    """A tab killed or a laptop asleep never says goodbye: its kernel, left without connections, is culled.

    ``make demo`` culls after 600 s idle, checking every 60 s; here the same server culls after 5 s, checking every 2 s.
    """

    settings = PyFileConfigLoader("voila.py", path=str(VOILA_CONFIG)).load_config()
    assert 0 < settings.MappingKernelManager.cull_idle_timeout <= 3600
    assert 0 < settings.MappingKernelManager.cull_interval <= settings.MappingKernelManager.cull_idle_timeout
    assert settings.MappingKernelManager.cull_connected is False  # an open page is never culled
    fast = ("--MappingKernelManager.cull_idle_timeout=5", "--MappingKernelManager.cull_interval=2")
    with voila_server(course_copy, output_dir, "voila_cull", *fast) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        kernel_id = _open_dashboard(page, server.url)
        time.sleep(8)  # longer than the idle time: a connected kernel stays
        assert server.kernel_alive(kernel_id) and len(server.kernel_processes()) == 1
        page.close(run_before_unload=False)  # gone without a goodbye: the page asks nothing of the server
        context.close()
        alive_after = server.wait_for_kernels(0, timeout_s=30)
        deadline = time.monotonic() + 10  # the server forgets the kernel a moment after its process has ended
        while server.kernel_alive(kernel_id) and time.monotonic() < deadline:
            time.sleep(0.5)
        culled = not server.kernel_alive(kernel_id)
    assert alive_after == 0 and culled


def test_at_most_four_kernels_however_many_pages_are_open(course_copy: Path, output_dir: Path, browser):
    """Five pages open at once: the fifth page's kernel takes the place of the least needed one (the first page's)."""
    with voila_server(course_copy, output_dir, "voila_cap") as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        kernel_ids, alive = [], []
        for _ in range(MAX_KERNELS + 1):
            kernel_ids.append(_open_dashboard(context.new_page(), server.url))
            alive.append(len(server.kernel_processes()))
        still_there = [server.kernel_alive(kernel_id) for kernel_id in kernel_ids]
        context.close()
    (output_dir / "voila_kernels_pages.log").write_text(f"kernels alive after each page: {alive}\n", encoding="utf-8")
    assert alive == [1, 2, 3, 4, 4], alive
    assert still_there == [False, True, True, True, True]


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
        page.wait_for_function(CARDS_JS, timeout=SERVER_START_S * 1000, polling=100)
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
