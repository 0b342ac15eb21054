"""What students and lecturers wait for and hand in, measured in a real browser: ``python benchmarks/bench_browser.py``.

Prints two tables (figures, not a pass/fail test):

* **weight of saved notebooks**: every topic notebook, every lab (the solution copy, run to the end) and the group
  notebook, against the target of 1 MB, executed two ways: opened in JupyterLab, Run All Cells, File → Save (as a
  student hands it in; JupyterLab stores each chart's specification and a PNG picture of it), and run headless as
  ``jupyter nbconvert --execute`` does (nbclient, widget state stored: the control panels' charts too);
* **slider release → redrawn chart**: a slider of a control panel is moved one step with the keyboard (a release),
  and the time until the panel's chart is drawn again is taken in the page (``performance.now`` at the key press and
  when the new chart's SVG has its marks; on the dashboard, when its status line is written and its new chart drawn);
  median and range over ``--moves`` moves, against the target of 250 ms.
  Panels: notebook 12's LTV formula (the chart alone: no simulation), notebook 09's response rate (one run of the
  demo shop) and the lecturer's dashboard (three runs of the demo shop).

Needs the browser tools (``pip install -e ".[test,browser,lecturer]"``) and Debian's Chromium (``/usr/bin/chromium``).
Everything runs on a temporary copy of the course; the repository is not written to. Other work on the machine slows
both tables: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from sim.base.labels import label

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from course_pages import (  # noqa: E402 - the browser tests' helpers, next to them
    CHROMIUM_ARGS,
    LabServer,
    chromium_path,
    free_port,
    open_notebook,
    run_all_cells,
    scripts_dir,
    server_env,
    stop,
    wait_for_http,
    write_lab_settings,
)

SIZE_TARGET_MB = 1.0
LATENCY_TARGET_MS = 250.0
MB = 1024 * 1024

# In the page: remember when the next key goes down, and when a chart inside ``root`` is next drawn anew (a new
# SVG with its marks; on the dashboard, its status line written after the cards and the chart). window.__ecrmWatch
# resolves to the milliseconds between the two.
_WATCH_JS = """
(root) => { window.__ecrmWatch = new Promise((resolve) => {
  let pressed = null;
  const old = new Set(Array.from(root.querySelectorAll('svg')));
  const status = () => (root.querySelector('.ecrm-status') || {}).textContent;
  const oldStatus = status();
  let busySeen = false;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
  const drawn = () => {
    if (pressed === null) return false;
    // the dashboard shows "running" at once, then writes its cards and its status line (which may read as before:
    // same seconds) and sends the chart's specification; the page then draws the chart (a new SVG): both the status
    // line and the new chart are waited for
    if (root.querySelector('.ecrm-chart')) {
      const busy = root.querySelector('.ecrm-busy') !== null;
      busySeen = busySeen || busy;
      if (busy || !(busySeen || status() !== oldStatus)) return false;
      return Array.from(root.querySelectorAll('.ecrm-chart svg')).some((s) => !old.has(s) && s.querySelector('.mark-group, g'));
    }
    return Array.from(root.querySelectorAll('.vega-embed svg')).some((s) => !old.has(s) && s.querySelector('.mark-group, g'));
  };
  const observer = new MutationObserver(() => {
    if (drawn()) { observer.disconnect(); resolve(performance.now() - pressed); }
  });
  observer.observe(root, {childList: true, subtree: true, characterData: true, attributes: true});
  setTimeout(() => { observer.disconnect(); resolve(null); }, 60000);
}); }
"""

PANELS = (
    # (notebook, the slider's description, what is timed)
    ("12_gia_tri_vong_doi.ipynb", "Lợi nhuận gộp mỗi năm m (VND)", "12: LTV formula, margin m (chart only)"),
    ("09_chi_so_nps.ipynb", "Tỷ lệ trả lời khảo sát (response rate)", "09: response rate (one demo run)"),
    ("bang_dieu_khien_giang_vien.ipynb", None, "dashboard: paid-search budget (3 demo runs)"),
)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def course_copy(folder: Path) -> Path:
    """The notebooks, the labs' solution copies and the group project, copied under ``folder/root``."""
    root = folder / "root"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "exercises" / "source", root / "labs", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "exercises" / "du_an_nhom", root / "du_an_nhom", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return root


def saved_notebooks(root: Path) -> list[str]:
    topics = sorted(f"notebooks/{p.name}" for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    labs = sorted(str(p.relative_to(root)) for p in (root / "labs").glob("*/*.ipynb"))
    return [*topics, *labs, "du_an_nhom/du_an_nhom.ipynb"]


def save(page) -> None:
    """File → Save, then wait until JupyterLab no longer marks the notebook as changed."""
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-current .jp-mod-dirty, .lm-TabBar-tab.jp-mod-current.jp-mod-dirty')",
                           timeout=60_000, polling=200)
    page.wait_for_timeout(500)


def weigh_headless(path: Path) -> float:
    """Execute the notebook as ``jupyter nbconvert --execute`` does (widget state stored) and write it: its size in MB."""

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    out = path.with_suffix(".executed.ipynb")
    nbformat.write(nb, out)
    return out.stat().st_size / MB


def weigh(page, lab: LabServer, path: str) -> tuple[float, float]:
    """Run the notebook in JupyterLab, save it; its size in MB and the seconds it took."""
    started = time.monotonic()
    try:
        open_notebook(page, lab, path)
        run_all_cells(page)
        save(page)
    finally:
        lab.close_session(path)
    return (lab.root / path).stat().st_size / MB, time.monotonic() - started


def slider_of(page, description: str | None):
    """The handle of the slider described ``description`` and its panel (None: the dashboard's paid-search budget)."""
    if description is None:

        lever = label("lever", "channels.paid_search.daily_budget_vnd")
        title = page.locator(".ecrm-dash .ecrm-lever", has_text=lever).first
        box = title.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
        return box.locator(".noUi-handle").first, page.locator(".ecrm-dash").first
    slider = page.locator(".widget-slider", has_text=description).first
    panel = slider.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][.//div[contains(@class, 'widget-output')]][1]")
    return slider.locator(".noUi-handle").first, panel


def latencies(page, lab: LabServer, path: str, description: str | None, moves: int) -> list[float]:
    """Milliseconds from each key press on the slider to the panel's chart drawn again."""
    found: list[float] = []
    try:
        open_notebook(page, lab, path)
        run_all_cells(page)
        handle, panel = slider_of(page, description)
        handle.scroll_into_view_if_needed()
        for i in range(moves):
            # the dashboard's previous redraw is over ("running" gone), so that this move is timed alone
            page.wait_for_function("() => !document.querySelector('.ecrm-busy')", timeout=120_000, polling=50)
            panel.evaluate(_WATCH_JS)
            handle.focus()
            handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            ms = page.evaluate("() => window.__ecrmWatch")
            if ms is not None:
                found.append(float(ms))
            page.wait_for_timeout(400)
    finally:
        lab.close_session(path)
    return found


@contextmanager
def jupyterlab(home: Path, root: Path) -> Iterator[LabServer]:
    """JupyterLab on a free loopback port serving ``root``, autosave off; stopped on leaving."""
    write_lab_settings(home / "settings")
    port, token = free_port(), secrets.token_hex(16)
    command = [str(scripts_dir() / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", f"--LabApp.user_settings_dir={home / 'settings'}",
               f"--LabApp.workspaces_dir={home / 'workspaces'}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = home / "jupyterlab.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=root, env=server_env(home), stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/api/status?token={token}", process, log)
        yield LabServer(url=f"http://127.0.0.1:{port}", token=token, root=root, runtime=home / "runtime", process=process)
    finally:
        stop(process)


def print_sizes(page, lab: LabServer, only: str, keep: Path | None = None) -> None:
    print(f"\nSaved executed notebooks, MB; target ≤ {SIZE_TARGET_MB:g} MB")
    print(f"{'notebook':52s} {'JupyterLab':>10s} {'nbconvert':>10s} {'run s':>6s}")
    sizes = []
    for path in [p for p in saved_notebooks(lab.root) if re.search(only, p)]:
        mb, seconds = weigh(page, lab, path)
        headless = weigh_headless(lab.root / path)
        sizes += [mb, headless]
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy2(lab.root / path, keep / Path(path).name)
            shutil.copy2((lab.root / path).with_suffix(".executed.ipynb"), keep / Path(path).with_suffix(".executed.ipynb").name)
        over = "  > target" if max(mb, headless) > SIZE_TARGET_MB else ""
        print(f"{path:52s} {mb:10.2f} {headless:10.2f} {seconds:6.0f}{over}", flush=True)
    print(f"{'largest':52s} {max(sizes):10.2f}   ({sum(s <= SIZE_TARGET_MB for s in sizes)}/{len(sizes)} within target)")


def print_latencies(page, lab: LabServer, moves: int) -> None:
    print(f"\nSlider release → chart drawn again, {moves} moves; target: median ≤ {LATENCY_TARGET_MS:g} ms")
    print(f"{'panel':48s} {'median':>7s} {'min':>6s} {'max':>6s} {'moves':>5s}")
    for path, text, name in PANELS:
        found = latencies(page, lab, f"notebooks/{path}", text, moves)
        if not found:
            print(f"{name:48s} (no redraw seen)")
            continue
        median = statistics.median(found)
        print(f"{name:48s} {median:7.0f} {min(found):6.0f} {max(found):6.0f} {len(found):5d}"
              f"{'  > target' if median > LATENCY_TARGET_MS else ''}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=9, help="slider moves per panel (default 9)")
    parser.add_argument("--skip-sizes", action="store_true", help="only the slider latencies")
    parser.add_argument("--skip-latency", action="store_true", help="only the notebook sizes")
    parser.add_argument("--only", default="", help="weigh only the notebooks whose path matches this regular expression")
    parser.add_argument("--keep", type=Path, help="copy the saved notebooks into this folder (to look inside)")
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        sys.exit("Không tìm thấy Chromium (/usr/bin/chromium) / Chromium was not found: apt-get install chromium")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional: browser extra)

    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory(prefix="ecrm-bench-") as tmp, jupyterlab(Path(tmp), course_copy(Path(tmp))) as lab, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN").new_page()
        page.set_default_timeout(120_000)
        if not args.skip_sizes:
            print_sizes(page, lab, args.only, args.keep)
        if not args.skip_latency:
            print_latencies(page, lab, args.moves)
        browser.close()
    print(f"\nload average after: {load()}")


if __name__ == "__main__":
    main()
