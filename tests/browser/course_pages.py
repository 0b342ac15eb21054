"""Servers and page checks for the browser tests: JupyterLab and Voilà on loopback, read through Chromium.

Every wait here has a time limit, so a hang fails the test instead of blocking CI.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.base.labels import label

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
"""The repository."""
SUMMARY: dict[str, dict[str, Any]] = {}
"""Per page: what was checked (filled by the tests, printed at the end of the run and saved as summary.json)."""

SERVER_START_S = 120
"""How long JupyterLab or Voilà may take to answer after start."""
KERNEL_READY_S = 90
"""How long a notebook's kernel may take to start."""
NOTEBOOK_RUN_S = 300
"""How long "Run All Cells" may take for one notebook (each notebook takes well under a minute in ``make test``)."""
UI_S = 60
"""How long a page element may take to appear."""
KPI_UPDATE_S = 120
"""How long the dashboard may take to redraw after a lever moves."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
"""Headless Chromium that sends nothing outside the machine."""

LAB_SETTINGS = {
    # every cell stays in the page (no virtual scrolling), so every output can be checked
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # the notebooks are never written back, not even to the temporary copy
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
}
"""JupyterLab user settings for the test server."""

WIDGET_FAILURES = ("Loading widget", "Error displaying widget", "JavaScript Error", "Failed to load model class",
                   "Error rendering")
"""Text shown in place of a widget or a chart that did not render."""

# One pass over the page: top-level outputs, widget views, charts, and what went wrong. JupyterLab 4 (and Voilà)
# draw stderr and a cell's error (its traceback) as an output with data-mime-type="application/vnd.jupyter.stderr".
_PAGE_REPORT_JS = """
(failures) => {
  const text = (e) => (e.innerText || e.textContent || '').trim();
  const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'))
      .filter((e) => !e.parentElement.closest('.jp-OutputArea-output'));
  // ipywidgets' renderer is the only output without a MIME type of its own (a panel holding the widget view)
  const widgetOutputs = outputs.filter((e) => !e.dataset.mimeType);
  const broken = [];
  for (const e of widgetOutputs) {
    const view = e.querySelector('.jupyter-widgets, [class*="widget-"], .vega-embed');
    const bad = failures.filter((f) => text(e).includes(f));
    if (!view || bad.length) broken.push((bad.join(', ') || 'no widget view') + ': ' + text(e).slice(0, 300));
  }
  for (const e of document.querySelectorAll('.jupyter-widgets, .vega-embed')) {
    const bad = failures.filter((f) => text(e).startsWith(f));
    if (bad.length) broken.push(bad.join(', ') + ': ' + text(e).slice(0, 300));
  }
  const stderr = Array.from(document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(text);
  const embeds = Array.from(document.querySelectorAll('.vega-embed'));
  return {
    outputs: outputs.length,
    widget_outputs: widgetOutputs.length,
    widget_views: document.querySelectorAll('.jupyter-widgets').length,
    broken_widgets: broken,
    tracebacks: stderr.filter((t) => /Traceback|Error\\b.*:/.test(t)),
    stderr: stderr.filter((t) => !/Traceback|Error\\b.*:/.test(t)),
    errors: Array.from(document.querySelectorAll('[data-mime-type*="error"]')).map(text),
    vega_embeds: embeds.length,
    charts_drawn: embeds.filter((e) => e.querySelector('svg, canvas')).length,
    svg_charts: document.querySelectorAll('.ecrm-chart svg').length,
  };
}
"""

_RUN_STATE_JS = """
() => {
  const prompts = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'))
      .map((e) => e.textContent.trim());
  const running = prompts.some((p) => p.includes('*'));
  const numbered = prompts.every((p) => /^\\[\\d+\\]:$/.test(p));
  const failed = document.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null;
  const status = document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
  return !running && status === 'idle' && (numbered || failed) ? {prompts, numbered} : null;
}
"""

_KERNEL_READY_JS = """
() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
    .some((e) => /\\|\\s*Idle$/.test(e.textContent.trim()) && !e.textContent.includes('No Kernel'))
"""

_KERNEL_CHARTS_EXPRESSION = (
    "(lambda s: {'charts': getattr(s.modules.get('sim.charts.render'), 'charts_sent', 0)"
    " + sum(type(w).__name__ == 'JupyterChart' for w in list(getattr(s.modules.get('ipywidgets.widgets.widget'),"
    " '_instances', {}).values())), 'renderer': getattr(getattr(s.modules.get('altair'), 'renderers', None), 'active', None),"
    " 'options': getattr(getattr(s.modules.get('altair'), 'renderers', None), 'options', None)})(__import__('sys'))"
)
"""Asked of a notebook's kernel after it ran: how many Altair charts it sent to the page (each an output of the course's
renderer, :mod:`sim.charts.render`, or an anywidget ``JupyterChart`` under Altair's ``jupyter`` renderer) and which
renderer was on."""


def chromium_path() -> str | None:
    """Debian's Chromium (``/usr/bin/chromium``), or the one named by ``ECRM_CHROMIUM``."""
    named = os.environ.get("ECRM_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout_s: float = SERVER_START_S) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it exits or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout_s:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text("utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop(process: subprocess.Popen, timeout_s: float = 30) -> None:
    """Stop a server started here: SIGTERM (it shuts its kernels down), then SIGKILL if it does not exit in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout_s)


def scripts_dir() -> Path:
    """The folder of the running Python's console scripts (``jupyter``, ``voila``)."""
    return Path(sys.executable).parent


def server_env(home: Path) -> dict[str, str]:
    """The environment for a server: its own Jupyter config and runtime folders (connection files) under ``home``."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(home / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def write_lab_settings(settings_dir: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@dataclass
class LabServer:
    """A running JupyterLab with its token and the folders it uses."""

    url: str
    token: str
    root: Path
    runtime: Path
    process: subprocess.Popen

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def session_for(self, notebook_path: str) -> dict[str, Any]:
        sessions = [s for s in self.api("GET", "/api/sessions") if s["path"] == notebook_path]
        if not sessions:
            raise AssertionError(f"no kernel session for {notebook_path}")
        return sessions[0]

    def close_session(self, notebook_path: str) -> None:
        """Shut the notebook's kernel down (a later notebook then has the cores to itself)."""
        for session in self.api("GET", "/api/sessions"):
            if session["path"] == notebook_path:
                self.api("DELETE", f"/api/sessions/{session['id']}")

    def ask_kernel(self, notebook_path: str, expression: str = _KERNEL_CHARTS_EXPRESSION) -> Any:
        """Evaluate ``expression`` silently in the notebook's kernel (no output, no execution count) and return its value."""
        from jupyter_client import BlockingKernelClient  # noqa: PLC0415 (only when a kernel is asked)

        kernel_id = self.session_for(notebook_path)["kernel"]["id"]
        client = BlockingKernelClient(connection_file=str(self.runtime / f"kernel-{kernel_id}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=30)
            msg_id = client.execute("", silent=True, store_history=False, user_expressions={"value": expression})
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                reply = client.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    value = reply["content"]["user_expressions"]["value"]
                    if value["status"] != "ok":
                        raise AssertionError(f"kernel expression failed: {value}")
                    return ast.literal_eval(value["data"]["text/plain"])
            raise TimeoutError("the kernel did not answer within 30 s")
        finally:
            client.stop_channels()


def page_report(page: Page) -> dict[str, Any]:
    """Outputs, widget views, drawn charts, tracebacks and broken widgets on the page."""
    return page.evaluate(_PAGE_REPORT_JS, list(WIDGET_FAILURES))


def open_notebook(page: Page, lab: LabServer, notebook_path: str) -> None:
    """Open a notebook in JupyterLab (a fresh workspace) and wait for its kernel to be idle."""
    page.goto(f"{lab.url}/lab/tree/{notebook_path}?reset&token={lab.token}", timeout=UI_S * 1000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=UI_S * 1000)
    page.wait_for_function(_KERNEL_READY_JS, timeout=KERNEL_READY_S * 1000, polling=250)


def run_all_cells(page: Page) -> dict[str, Any]:
    """Menu Run → Run All Cells, then wait until no cell is queued and the kernel is idle.

    Returns:
        ``{"prompts": [...], "numbered": bool}``; ``numbered`` is False when a cell failed and the rest did not run.
    """
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click(timeout=UI_S * 1000)
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click(timeout=UI_S * 1000)
    page.wait_for_function("() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status !== 'idle'"
                           " || Array.from(document.querySelectorAll('.jp-InputPrompt')).some((e) => /\\d|\\*/.test(e.textContent))",
                           timeout=UI_S * 1000, polling=100)
    # after the last cell, widget views and charts still draw: wait for the page to settle too
    state = page.wait_for_function(_RUN_STATE_JS, timeout=NOTEBOOK_RUN_S * 1000, polling=500).json_value()
    wait_until_drawn(page)
    return state


def wait_until_drawn(page: Page, timeout_s: float = UI_S) -> None:
    """Wait until no widget shows "Loading widget…" and every chart container has drawn.

    When the time runs out the page is left as it is: :func:`page_report` then names what did not render.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: PLC0415 (optional: browser extra)

    try:
        page.wait_for_function(
            "() => !Array.from(document.querySelectorAll('.jp-OutputArea-output')).some((e) => e.innerText.includes('Loading widget'))"
            " && Array.from(document.querySelectorAll('.vega-embed')).every((e) => e.querySelector('svg, canvas'))",
            timeout=timeout_s * 1000, polling=250)
    except PlaywrightTimeoutError:
        return
    page.wait_for_timeout(500)


def vi_int(text: str) -> int:
    """A whole number written the Vietnamese way (``12.345``) as an int."""
    digits = re.sub(r"[.\s\u00a0\u202f]", "", text)
    if not re.fullmatch(r"-?\d+", digits):
        raise AssertionError(f"not a whole number: {text!r}")
    return int(digits)


_CARD_VALUE_JS = """
(label) => {
  const card = Array.from(document.querySelectorAll('.ecrm-card'))
      .find((c) => c.querySelector('.ecrm-card-label')?.textContent.trim() === label);
  return card ? card.querySelector('.ecrm-card-value').textContent.trim() : null;
}
"""


def kpi_value(page: Page, kpi_label: str) -> str:
    """The value shown on the dashboard's KPI card labelled ``kpi_label``."""
    page.wait_for_function(f"(label) => ({_CARD_VALUE_JS})(label) !== null", arg=kpi_label, timeout=UI_S * 1000)
    return page.evaluate(_CARD_VALUE_JS, kpi_label)


def wait_for_kpi_change(page: Page, kpi_label: str, before: str, timeout_s: float = KPI_UPDATE_S) -> str:
    """Wait until the KPI card no longer shows ``before`` (the dashboard re-ran and redrew); return the new value."""
    page.wait_for_function(f"([label, before]) => {{ const v = ({_CARD_VALUE_JS})(label); return v !== null && v !== before; }}",
                           arg=[kpi_label, before], timeout=timeout_s * 1000, polling=250)
    return page.evaluate(_CARD_VALUE_JS, kpi_label)


def wait_for_redraw(page: Page, lever_label: str, timeout_s: float = KPI_UPDATE_S) -> None:
    """Wait until the dashboard lists the moved lever under its changes (drawn after the cards and the chart)."""
    page.wait_for_function("(label) => (document.querySelector('.ecrm-changes')?.innerText || '').includes(label)",
                           arg=lever_label, timeout=timeout_s * 1000, polling=250)
    page.wait_for_timeout(300)


def move_lever_to_minimum(page: Page, lever_label: str) -> tuple[str, str]:
    """Focus the slider of the dashboard lever titled ``lever_label`` and press Home, as a person would with the keyboard.

    Returns:
        The lever's readout before and after the move.
    """
    title = page.locator(".ecrm-dash .ecrm-lever", has_text=re.compile(f"^{re.escape(lever_label)}$")).first
    row = title.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    readout = row.locator(".ecrm-readout").first
    before = readout.inner_text(timeout=UI_S * 1000).strip()
    handle = row.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed(timeout=UI_S * 1000)
    position = handle.get_attribute("aria-valuenow", timeout=UI_S * 1000)
    handle.focus(timeout=UI_S * 1000)
    handle.press("Home")
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: PLC0415 (optional: browser extra)

    try:
        page.wait_for_function("([e, before]) => e.getAttribute('aria-valuenow') !== before", arg=[handle.element_handle(), position],
                               timeout=10_000, polling=100)
    except PlaywrightTimeoutError as exc:
        raise AssertionError(f"the slider did not move on Home (aria-valuenow stays {position}); "
                             f"focused: {page.evaluate('() => document.activeElement?.outerHTML.slice(0, 200)')}") from exc
    # the readout is written by the kernel (the new value went there and came back), as new HTML each time:
    # look it up afresh on every poll, inside the lever's row
    page.wait_for_function("([row, before]) => (row.querySelector('.ecrm-readout')?.innerText.trim() ?? before) !== before",
                           arg=[row.element_handle(), before], timeout=KPI_UPDATE_S * 1000, polling=100)
    return before, readout.inner_text().strip()


def cut_paid_search_budget(page: Page, screenshots: Path, prefix: str) -> dict[str, str]:
    """On the lecturer's dashboard, move the paid-search budget slider to its minimum and read the prospects card
    before and after (with a screenshot of the dashboard each time).

    Returns:
        ``{"prospects_before", "prospects_after", "budget_before", "budget_after"}`` as shown on screen.
    """

    prospects, lever = label("kpi", "prospects"), label("lever", "channels.paid_search.daily_budget_vnd")
    dash = page.locator(".ecrm-dash").first
    dash.scroll_into_view_if_needed()
    # the dashboard shows at once and runs its baseline in the background: its levers unlock when the cards fill in
    page.wait_for_function("() => document.querySelectorAll('.ecrm-card').length > 0"
                           " && document.querySelectorAll('.ecrm-card-wait').length === 0"
                           " && document.querySelectorAll('.ecrm-dash .noUi-target[disabled]').length === 0",
                           timeout=KPI_UPDATE_S * 1000, polling=250)
    before = kpi_value(page, prospects)
    dash.screenshot(path=str(screenshots / f"{prefix}_dashboard_before.png"))
    budget_before, budget_after = move_lever_to_minimum(page, lever)
    after = wait_for_kpi_change(page, prospects, before)
    wait_for_redraw(page, lever)
    dash.screenshot(path=str(screenshots / f"{prefix}_dashboard_after.png"))
    return {"prospects_before": before, "prospects_after": after, "budget_before": budget_before, "budget_after": budget_after}
