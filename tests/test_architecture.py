"""The layers of ``sim`` as the code enforces them (import-linter), no import cycles, no private reach-ins.

base → scenario → engine → measures → experiments → presentation (charts, widgets, report) and lab feedback:
each layer imports only the layers below it (the contract is in ``pyproject.toml``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("sim", exclude_type_checking_imports=True)


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}, check=False)


def test_layer_contract_is_kept():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """A scratch copy where the engine imports a chart module: the contract must fail and name the import."""
    shutil.copytree(ROOT / "sim", tmp_path / "sim", ignore=shutil.ignore_patterns("__pycache__", "fonts"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "sim" / "engine" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport sim.charts.funnel  # noqa: E402\n", encoding="utf-8")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "sim.engine is not allowed to import sim.charts" in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), i.e. import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.find_modules_directly_imported_by(node)):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_cycle_finder_finds_a_cycle():
    """The finder itself, on a hand-made graph a → b → c → a, d → a."""
    graph = grimp.ImportGraph()
    for a, b in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")]:
        graph.add_import(importer=a, imported=b)
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_between_modules():
    graph = _graph()
    # A package's __init__ re-exporting its modules is not a cycle between modules.
    for package in [m for m in graph.modules if graph.find_children(m)]:
        for child in graph.find_children(package):
            if graph.direct_import_exists(importer=package, imported=child):
                graph.remove_import(importer=package, imported=child)
    assert _cycles(graph) == []


def test_no_module_imports_another_packages_private_module():
    graph = _graph()
    reach_ins = []
    for imported in sorted(graph.modules):
        leaf = imported.rsplit(".", 1)[-1]
        if not leaf.startswith("_") or leaf.startswith("__"):
            continue
        parent = imported.rsplit(".", 1)[0]
        for importer in sorted(graph.find_modules_that_directly_import(imported)):
            if importer.rsplit(".", 1)[0] != parent and importer != parent:
                reach_ins.append(f"{importer} → {imported}")
    assert reach_ins == []
