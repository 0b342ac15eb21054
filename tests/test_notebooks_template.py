"""Every lecture notebook follows the course template and holds no logic of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
TOPICS = {
    0: "00_tong_quan_ecrm", 1: "01_vi_sao_khach_khong_mua", 2: "02_qua_trinh_quyet_dinh_mua", 3: "03_marketing_quan_he",
    4: "04_dich_vu_khach_hang", 5: "05_tmdt_tap_trung_khach_hang", 6: "06_marketing_cho_phep", 7: "07_marketing_chuyen_doi",
    8: "08_quan_tri_thu_hut", 9: "09_chi_so_nps", 10: "10_quan_tri_duy_tri", 11: "11_chi_so_hoat_dong",
    12: "12_gia_tri_vong_doi", 13: "13_chat_luong_dich_vu", 14: "14_quan_tri_mo_rong", 15: "15_cong_nghe_crm",
}
SECTIONS = ["## Mục tiêu", "## Ý tưởng của bài giảng", "## Mô phỏng", "## Bảng điều khiển", "## Câu hỏi thảo luận", "## Tóm tắt"]
LECTURE_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MAX_FUNCTION_LINES = 3


def test_one_notebook_per_topic_with_the_agreed_names():
    assert [p.stem for p in LECTURE_NOTEBOOKS] == list(TOPICS.values())
    for path in LECTURE_NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+", path.stem), path.name


def _cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb.cells


@pytest.mark.parametrize("path", LECTURE_NOTEBOOKS, ids=lambda p: p.stem)
def test_sections_come_in_the_template_order(path):
    headings = [line.strip() for cell in _cells(path) if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## ")]
    positions = []
    for section in SECTIONS:
        found = [i for i, h in enumerate(headings) if h == section]
        assert found, f"{path.name}: thiếu mục / missing section {section!r}"
        positions.append(found[0])
    assert positions == sorted(positions), f"{path.name}: sections out of order: {headings}"
    first = _cells(path)[0]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {int(path.stem[:2])}. ")


@pytest.mark.parametrize("path", LECTURE_NOTEBOOKS, ids=lambda p: p.stem)
def test_lecture_source_is_cited_and_text_has_diacritics(path):
    markdown = "\n".join(c.source for c in _cells(path) if c.cell_type == "markdown")
    idea = markdown[markdown.index("## Ý tưởng của bài giảng"):markdown.index("## Mô phỏng")]
    assert "Nguồn:" in idea, f"{path.name}: the idea section cites its source"
    assert len(re.findall(r"[ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữự]", markdown.lower())) > 50, path.name
    questions = markdown[markdown.index("## Câu hỏi thảo luận"):markdown.index("## Tóm tắt")]
    assert 2 <= len(re.findall(r"^\d+\. ", questions, flags=re.MULTILINE)) <= 4, f"{path.name}: 2–4 numbered questions"


@pytest.mark.parametrize("path", LECTURE_NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_prints_seed_and_scenario_and_renders_offline(path):
    code = [c.source for c in _cells(path) if c.cell_type == "code"]
    first = code[0]
    assert "SEED" in first and "print(" in first and "enable_offline(" in first, path.name
    joined = "\n".join(code)
    assert "panel(" in joined, f"{path.name}: at least one control panel"
    assert "alt.renderers.enable(\"default\")" not in joined


@pytest.mark.parametrize("path", [*LECTURE_NOTEBOOKS, ROOT / "notebooks" / "bang_dieu_khien_giang_vien.ipynb"],
                         ids=lambda p: p.stem)
def test_notebooks_hold_no_logic(path):
    if not path.exists():
        pytest.skip("not written yet")
    for cell in _cells(path):
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                length = node.end_lineno - node.lineno
                assert length <= MAX_FUNCTION_LINES, f"{path.name}: `{node.name}` is {length} lines; it belongs in sim/"
            assert not isinstance(node, (ast.For, ast.While)), f"{path.name}: loops belong in sim/, not in a notebook"
