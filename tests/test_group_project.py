"""The group-project template: the scenario file a group edits, and the notebook that runs it top to bottom."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

import sim
from sim.base.labels import label
from sim.report.group_text import KEYS, load_group_text
from sim.report.notebook import FIX_FIRST

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "exercises" / "du_an_nhom"
SCENARIO = FOLDER / "kich_ban.yaml"
NOTEBOOK = FOLDER / "du_an_nhom.ipynb"
GROUP_TEXT = FOLDER / "nhan_dinh.yaml"
CELL_TIMEOUT_S = 60
KEY_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*):(.*)$")
RANGE_MARKS = ("[", "≥", ">", "true/false", "chuỗi", "(0", "một trong")
"""A leaf's comment names what is allowed: an interval, a bound, a switch, a string or a list of choices."""


def _key_lines() -> list[tuple[str, str, str]]:
    """(key, value, comment) of every ``key: value`` line of the scenario file."""
    out = []
    for line in SCENARIO.read_text("utf-8").splitlines():
        match = KEY_LINE.match(line)
        if match:
            value, _, comment = match.group(2).partition("#")
            out.append((match.group(1), value.strip(), comment.strip()))
    return out


def test_the_shipped_scenario_is_valid_and_describes_another_shop():
    shop, default = sim.load_scenario(SCENARIO), sim.load_scenario("default")
    assert shop.name == "nha_sach_nho" and shop.description
    assert set(shop.catalogue.categories) == {"books", "children_books", "stationery", "gifts"}
    assert shop.personas.directed_information_seeker.share == 0.30 != default.personas.directed_information_seeker.share
    assert shop.channels.paid_search.daily_budget_vnd < default.channels.paid_search.daily_budget_vnd
    assert shop.retention.community.enabled and not default.retention.community.enabled


def test_the_file_is_a_partial_override_of_the_default_preset():
    data = yaml.safe_load(SCENARIO.read_text("utf-8"))
    assert data["base"] == "default"
    assert {"personas", "channels", "catalogue", "service", "retention"} <= set(data)
    assert "satisfaction" not in data and "survey" not in data  # left to the preset


def test_every_field_is_commented_with_what_is_allowed():
    lines = _key_lines()
    assert len(lines) > 100
    for key, value, comment in lines:
        assert comment, f"`{key}` has no comment"
        if value:  # a leaf: its comment says what is allowed
            assert any(mark in comment for mark in RANGE_MARKS), f"`{key}`: the comment does not give the allowed values"


def test_the_comments_are_vietnamese_with_full_diacritics():
    text = SCENARIO.read_text("utf-8")
    comments = "\n".join(line.partition("#")[2] for line in text.splitlines())
    assert len(re.findall(r"[ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữự]", comments.lower())) > 500
    assert "ƣ" not in text
    for phrase in ("tỷ lệ", "khách hàng", "bài giảng", "BG 000", "BG 001"):
        assert phrase.lower() in comments.lower(), phrase


def test_the_group_text_template_asks_for_every_part_in_vietnamese_and_is_empty():

    lines = GROUP_TEXT.read_text("utf-8").splitlines()
    keys = [m.group(1) for line in lines if (m := KEY_LINE.match(line))]
    assert tuple(keys) == KEYS
    assert load_group_text(GROUP_TEXT) == {}  # nothing is written for the group
    for i, line in enumerate(lines):
        if KEY_LINE.match(line):
            assert lines[i - 1].startswith("#") and "?" in " ".join(lines[i - 3:i]), line  # each part asks its questions
    comments = "\n".join(line for line in lines if line.startswith("#"))
    assert len(re.findall(r"[ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữự]", comments.lower())) > 200 and "ƣ" not in comments
    assert "make report" in comments and "TEXT=" in comments


def test_the_shop_categories_have_vietnamese_names():
    for key in sim.load_scenario(SCENARIO).catalogue.categories:
        assert label("category", key) != key, key


def _cells() -> list:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    return nb.cells


def test_the_notebook_is_committed_without_outputs_and_holds_no_logic():
    cells = _cells()
    code = [c for c in cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    first = code[0].source
    assert "SEED" in first and "print(" in first and "enable_offline(" in first
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.For, ast.While, ast.FunctionDef, ast.ClassDef)), cell.source


def test_the_notebook_walks_through_both_checklists():
    markdown = "\n".join(c.source for c in _cells() if c.cell_type == "markdown")
    for phrase in ("bốn hoạt động", "lộ trình 5 bước", "make report", "khoảng tin cậy"):
        assert phrase in markdown.lower(), phrase
    code = "\n".join(c.source for c in _cells() if c.cell_type == "code")
    for key in ("activities", "four_activities", "steps", "step_levers", "funnel", "channels", "nps", "survival",
                "ltv_grid", "rfm", "service", "comparison"):
        assert f'"{key}"' in code, key


def _run(folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(folder / NOTEBOOK.name, as_version=4)
    NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def _text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{out.get('ename')}: {out.get('evalue')}"
            parts.append(out.get("text", "") or "".join(str(v) for v in out.get("data", {}).values()))
    return "\n".join(parts)


def test_the_notebook_runs_top_to_bottom():
    text = _text(_run(FOLDER))
    assert "Hạt giống (seed): 2026" in text and "Kịch bản hợp lệ" in text
    assert "service.chat.agents" in text and "Invalid scenario" in text  # the deliberate error is shown, not raised
    assert "Hình 11." in text and "Bảng 10." in text
    assert FIX_FIRST not in text


def test_a_broken_scenario_does_not_stop_run_all(tmp_path):
    shutil.copy(NOTEBOOK, tmp_path / NOTEBOOK.name)
    (tmp_path / SCENARIO.name).write_text("base: default\nservice:\n  chat: {agents: -2}\n", encoding="utf-8")
    text = _text(_run(tmp_path))
    assert "Kịch bản không hợp lệ" in text and "service.chat.agents" in text
    assert FIX_FIRST in text

