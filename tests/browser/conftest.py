"""End-to-end tests in a real browser (Chromium driven by Playwright): ``make test-browser``.

They run only when ``ECRM_BROWSER_TESTS=1`` (``make test-browser`` sets it) and are skipped in ``make test``.
JupyterLab and Voilà serve a temporary copy of ``notebooks/``, so running the cells writes nothing into the
repository. Screenshots, console logs and server logs go to ``tests/browser/output/`` (or ``ECRM_BROWSER_OUTPUT``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from course_pages import (
    CHROMIUM_ARGS,
    ROOT,
    SUMMARY,
    UI_S,
    LabServer,
    chromium_path,
    free_port,
    scripts_dir,
    server_env,
    stop,
    wait_for_http,
    write_lab_settings,
)

HERE = Path(__file__).resolve().parent
ENABLED = os.environ.get("ECRM_BROWSER_TESTS") == "1"
OUTPUT = Path(os.environ.get("ECRM_BROWSER_OUTPUT") or HERE / "output")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="kiểm thử trình duyệt chạy bằng `make test-browser` / browser tests run with `make test-browser`"
                                   " (ECRM_BROWSER_TESTS=1)")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the test, so the page fixture can take a screenshot of a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not SUMMARY:
        return
    notebooks = [v for k, v in SUMMARY.items() if k.endswith(".ipynb")]
    pages = list(SUMMARY.values())
    terminalreporter.section("browser")
    for name, row in SUMMARY.items():
        terminalreporter.write_line(f"{name:45s} {row.get('seconds', 0):6.1f} s  widget outputs {row.get('widget_outputs', 0):3d}"
                                    f"  widget views {row.get('widget_views', 0):4d}  charts {row.get('charts_drawn', 0):3d}"
                                    f"/{row.get('charts_expected', 0):3d}  svg {row.get('svg_charts', 0)}")
    terminalreporter.write_line(
        f"{len(notebooks)} notebooks in JupyterLab, {len(pages) - len(notebooks)} other pages; "
        f"{sum(r.get('widget_outputs', 0) for r in pages)} widget outputs, {sum(r.get('widget_views', 0) for r in pages)} widget views, "
        f"{sum(r.get('charts_drawn', 0) for r in pages)} Altair charts, {sum(r.get('svg_charts', 0) for r in pages)} SVG charts; "
        f"screenshots in {OUTPUT}")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "summary.json").write_text(json.dumps(SUMMARY, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """The folder for screenshots and logs, cleared of an earlier run's files (so no old failure is mistaken for a new one)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.png", "*.console.txt", "*.log", "summary.json"):
        for old in OUTPUT.glob(pattern):
            old.unlink()
    return OUTPUT


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary root holding a copy of ``notebooks/``: the servers run it, the repository stays as it is."""
    home = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", home / "root" / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return home


@pytest.fixture(scope="session")
def lab(course_copy: Path, output_dir: Path):
    """JupyterLab on a free loopback port with a token, autosave off; stopped after the session."""
    port, token = free_port(), secrets.token_hex(16)
    settings = course_copy / "lab-settings"
    write_lab_settings(settings)
    command = [str(scripts_dir() / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course_copy / 'root'}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={course_copy / 'workspaces'}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = output_dir / "jupyterlab.log"
    with log.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(command, cwd=course_copy / "root", env=server_env(course_copy), stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/api/status?token={token}", process, log)
        yield LabServer(url=url, token=token, root=course_copy / "root", runtime=course_copy / "runtime", process=process)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (never a downloaded one), driven by Playwright."""
    executable = chromium_path()
    if executable is None:
        pytest.fail("Không tìm thấy Chromium (/usr/bin/chromium): `apt-get install chromium` hoặc chạy `make test-browser`. / "
                    "Chromium (/usr/bin/chromium) was not found: `apt-get install chromium` or run `make test-browser`.")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (optional: browser extra)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, output_dir: Path, request: pytest.FixtureRequest):
    """A fresh page (1400 × 1000); its console is saved next to the screenshots."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(UI_S * 1000)
    lines: list[str] = []
    page.on("console", lambda message: lines.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: lines.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda req: lines.append(f"requestfailed: {req.url} ({req.failure})"))
    try:
        yield page
    finally:
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.name)
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            try:
                page.screenshot(path=str(output_dir / f"{name}.failed.png"))
            except Exception as exc:  # the page may be gone; the failure itself is what matters
                lines.append(f"(no screenshot of the failure: {exc})")
        (output_dir / f"{name}.console.txt").write_text("\n".join(lines), encoding="utf-8")
        context.close()
