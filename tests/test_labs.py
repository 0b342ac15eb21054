"""The labs: one nbgrader source per lab, student copies generated from it, and grading that scores.

* every lab has a student copy, and that copy is what nbgrader makes of the source today;
* every solution passes all its checks of computed answers while grading (``ECRM_GRADING=1``), on the demonstration
  shop; its estimates are graded against that shop's truth with the calibrated bands, where one draw may miss (the
  reference's record over many shops is the calibration's, ``tests/test_calibration.py``);
* every student copy runs top to bottom and says which questions are not done yet;
* ``nbgrader autograde`` gives the expected scores to three fixture submissions of lab 1.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

from exercises.giang_vien.kit.calibration import GRADING_DIR, rubrics

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
LABS = sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir())
FIXTURES = Path(__file__).parent / "fixtures" / "bai_nop"
CELL_TIMEOUT_S = 120
STUB = "# Viết câu trả lời của bạn ở đây / your answer here"
TEXT_STUB = "*Viết câu trả lời của bạn ở đây (bấm đúp vào ô này để sửa) / write your answer here*"
JUDGED_SHARE = 0.4
"""Issue 18: in a lab with a judgement question, judgement and estimate weigh at least this share of the points."""


def _notebook(folder: str, lab: str) -> nbformat.NotebookNode:
    return nbformat.read(EXERCISES / folder / lab / f"{lab}.ipynb", as_version=4)


def _grading(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _run(nb: nbformat.NotebookNode, allow_errors: bool = False) -> str:
    """Execute a notebook in a fresh kernel in the exercises folder; return all printed text and the plain-text
    copy of what was displayed (the checks' feedback is rich output, each line starting with its mark)."""
    NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    return "\n".join(out.get("text", "") or out.get("data", {}).get("text/plain", "")
                     for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)


def _marked(printed: str, mark: str) -> list[str]:
    """The feedback lines with a mark: ✓ right, ✗ wrong, … not done."""
    return [line for line in printed.splitlines() if line.startswith(f"{mark} ")]


def test_there_are_at_least_eight_labs_each_with_three_to_six_questions_and_an_estimate():
    assert len(LABS) >= 8, LABS
    for lab in LABS:
        cells = _notebook("source", lab).cells
        answers = [c for c in cells if _grading(c).get("solution")]
        tests = [c for c in cells if _grading(c).get("grade")]
        assert 3 <= len(answers) <= 6, (lab, len(answers))
        assert all(float(_grading(c)["points"]) > 0 for c in tests), lab
        assert any("grade_estimate" in c.source and "HIDDEN TESTS" in c.source for c in tests), \
            f"{lab}: no question scored against the truth"
        assert all("### BEGIN SOLUTION" in c.source for c in answers), lab


@pytest.mark.parametrize("lab", LABS)
def test_the_student_copy_is_what_nbgrader_makes_of_the_source(lab):
    source = _notebook("source", lab)
    resources = {}
    for step in (ClearOutput(), ClearSolutions(code_stub={"python": STUB}, text_stub=TEXT_STUB), ClearHiddenTests()):
        source, resources = step.preprocess(source, resources)
    release = _notebook("release", lab)
    assert [c.source for c in release.cells] == [c.source for c in source.cells], f"chạy lại `make labs` cho {lab}"
    assert not any("### BEGIN SOLUTION" in c.source or "HIDDEN TESTS" in c.source for c in release.cells)


def _estimate_cell(cell) -> bool:
    return "grade_estimate" in cell.source


@pytest.mark.parametrize("lab", LABS)
def test_every_solution_passes_all_its_checks_while_grading(lab, monkeypatch):
    monkeypatch.setenv("ECRM_GRADING", "1")  # the kernel inherits it
    for name in ("ECRM_SECRET", "ECRM_SECRET_FILE", "ECRM_CLASS", "ECRM_DATA"):
        monkeypatch.delenv(name, raising=False)  # no class: the demonstration shop
    nb = _notebook("source", lab)
    _run(nb, allow_errors=True)  # a failing check raises while grading: that cell gets no points
    failed = {_grading(c).get("grade_id"): next(o for o in c.outputs if o.get("output_type") == "error")
              for c in nb.cells if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.outputs)}
    measures = [c for c in nb.cells if _grading(c).get("grade") and not _estimate_cell(c) and c.cell_type == "code"]
    assert not [c for c in nb.cells if _grading(c).get("grade_id") in failed and not _estimate_cell(c)], failed
    assert all(error["ename"] == "NotRight" for error in failed.values()), failed  # an estimate off its band, no crash
    printed = "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "")
                        for c in measures for o in c.outputs)
    assert not _marked(printed, "✗") and not _marked(printed, "…"), printed
    assert len(_marked(printed, "✓")) >= len(measures)


@pytest.mark.parametrize("lab", LABS)
def test_every_student_copy_runs_and_says_what_is_not_done(lab, monkeypatch):
    monkeypatch.setenv("ECRM_GRADING", "0")
    nb = _notebook("release", lab)
    printed = _run(nb)
    questions = {re.sub(r"_.*", "", _grading(c)["grade_id"]) for c in nb.cells
                 if _grading(c).get("solution") and c.cell_type == "code"}  # a judgement question has no check
    not_done = {line.split(":")[0] for line in _marked(printed, "…") if "chưa làm" in line}
    assert len(not_done) >= len(questions), printed
    assert "Traceback" not in printed and not _marked(printed, "✓")


def _nbgrader(course: Path, *args: str, grading: bool = False) -> str:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "ECRM_GRADING": "1" if grading else "0"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=WARN"], cwd=course, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_autograde_scores_blank_half_and_full_submissions(tmp_path):
    """Lab 1 has 14 points. Blank: 0. Half: Câu 1 (2) + Câu 3 reached (2) + Câu 5 started (1) = 5. Full: 14.

    A clean run says nothing: no "checksum … has changed" for an untouched test cell with hidden tests (nbgrader issue
    #1961, silenced in nbgrader_config.py), no kernel or database warnings. A copy whose test cell was edited is still
    reported, and graded with the original test.
    """
    lab = "lab01_pheu_mua_hang"
    course = tmp_path / "khoa_hoc"
    shutil.copytree(EXERCISES / "source" / lab, course / "source" / lab)
    shutil.copy(EXERCISES / "nbgrader_config.py", course)
    generated = _nbgrader(course, "generate_assignment", lab, "--force")
    assert generated.strip() == ""
    students = sorted(p.name for p in FIXTURES.iterdir())
    for student in students:
        target = course / "submitted" / student / lab
        target.mkdir(parents=True)
        shutil.copy(FIXTURES / student / f"{lab}.ipynb", target)
    edited = nbformat.read(FIXTURES / "day_du" / f"{lab}.ipynb", as_version=4)
    test_cell = next(c for c in edited.cells if _grading(c).get("grade_id") == "cau6_trong_20")
    test_cell.source = "print('✅ Câu 6')"
    (course / "submitted" / "sua_o_kiem_tra" / lab).mkdir(parents=True)
    nbformat.write(edited, course / "submitted" / "sua_o_kiem_tra" / lab / f"{lab}.ipynb")
    graded = _nbgrader(course, "autograde", lab, "--force", grading=True)
    changed = [line for line in graded.splitlines() if "has changed" in line]
    assert len(changed) == 1 and "cau6_trong_20" in changed[0], graded
    assert "Kernel is running over TCP" not in graded and "SAWarning" not in graded, graded
    _nbgrader(course, "export", "--to", "diem.csv")
    with open(course / "diem.csv", encoding="utf-8") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    assert set(rows) == {"trang", "mot_nua", "day_du", "sua_o_kiem_tra"}
    assert {s: float(rows[s]["raw_score"]) for s in rows} == {"trang": 0.0, "mot_nua": 5.0, "day_du": 14.0,
                                                              "sua_o_kiem_tra": 14.0}
    assert float(rows["day_du"]["max_score"]) == 14.0


def _judged(cell) -> bool:
    """A manually graded answer: a text cell that is both an answer and graded (nbgrader's *Manually graded answer*)."""
    return cell.cell_type == "markdown" and bool(_grading(cell).get("solution")) and bool(_grading(cell).get("grade"))


JUDGED_LABS = [lab for lab in LABS if any(_judged(c) for c in _notebook("source", lab).cells)]


def test_the_labs_of_topics_6_7_8_have_a_judgement_question():
    assert {"lab15_marketing_cho_phep", "lab16_marketing_chuyen_doi", "lab17_quan_tri_thu_hut"} <= set(JUDGED_LABS)


@pytest.mark.parametrize("lab", JUDGED_LABS)
def test_judgement_and_estimate_weigh_enough_and_the_judgement_has_its_rubric_and_no_answer_for_students(lab):
    cells = _notebook("source", lab).cells
    points = {_grading(c)["grade_id"]: float(_grading(c)["points"]) for c in cells if _grading(c).get("grade")}
    judged = {_grading(c)["grade_id"]: c for c in cells if _judged(c)}
    estimate = sum(float(_grading(c)["points"]) for c in cells if _grading(c).get("grade") and _estimate_cell(c))
    assert estimate > 0
    assert (sum(points[g] for g in judged) + estimate) / sum(points.values()) >= JUDGED_SHARE, (lab, points)
    note = (GRADING_DIR / f"{lab}.md").read_text(encoding="utf-8")
    for grade_id, cell in judged.items():
        question = grade_id.split("_")[0]
        rubric = rubrics()[f"{lab}/{question}"]
        assert sum(c["diem"] for c in rubric["tieu_chi"]) == rubric["diem"] == points[grade_id], (lab, grade_id)
        assert rubric["cau_hoi"] in note and all(c["du_diem"] in note for c in rubric["tieu_chi"])
        assert "### BEGIN SOLUTION" in cell.source and len(cell.source) > 300    # a model answer for the lecturer
    released = {_grading(c)["grade_id"]: c for c in _notebook("release", lab).cells if _judged(c)}
    assert set(released) == set(judged)
    assert all(c.source == TEXT_STUB for c in released.values())
