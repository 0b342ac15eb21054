"""The labs: one nbgrader source per lab, student copies generated from it, and grading that scores.

* every lab has a student copy, and that copy is what nbgrader makes of the source today;
* every solution passes all its checks of computed answers while grading (``ECRM_GRADING=1``), on the demonstration
  shop; its estimates are graded against that shop's truth with the calibrated bands, where one draw may miss (the
  reference's record over many shops is the calibration's, ``tests/test_calibration.py``);
* every student copy runs top to bottom and says which questions are not done yet;
* ``nbgrader autograde`` gives the expected scores to three fixture submissions of lab 1;
* every lab asks a judgement question graded by hand (a markdown answer cell with points), and the judgement and
  estimate questions together carry at least 40% of the lab's points.
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

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
LABS = sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir())
FIXTURES = Path(__file__).parent / "fixtures" / "bai_nop"
CELL_TIMEOUT_S = 120
STUB = "# Viết câu trả lời của bạn ở đây / your answer here"
TEXT_STUB = "Viết câu trả lời của bạn ở đây."  # the stub of a written answer (nbgrader_config.py)
JUDGEMENT_AND_ESTIMATE_SHARE = 0.40


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


def _judgement(cell) -> bool:
    """A written answer graded by hand: a markdown cell that is both an answer and graded."""
    return cell.cell_type == "markdown" and bool(_grading(cell).get("solution")) and bool(_grading(cell).get("grade"))


def test_there_are_at_least_eight_labs_each_with_three_to_six_questions_an_estimate_and_a_judgement():
    assert len(LABS) >= 8, LABS
    for lab in LABS:
        cells = _notebook("source", lab).cells
        answers = [c for c in cells if _grading(c).get("solution") and c.cell_type == "code"]
        tests = [c for c in cells if _grading(c).get("grade")]
        judgements = [c for c in cells if _judgement(c)]
        assert 3 <= len(answers) <= 6, (lab, len(answers))
        assert all(float(_grading(c)["points"]) > 0 for c in tests), lab
        assert any("grade_estimate" in c.source and "HIDDEN TESTS" in c.source for c in tests), \
            f"{lab}: no question scored against the truth"
        assert judgements, f"{lab}: no judgement question graded by hand"
        assert all("### BEGIN SOLUTION" in c.source for c in answers + judgements), lab
        assert all(c.metadata.get("nbgrader", {}).get("locked") is False for c in judgements), lab


def test_judgement_and_estimate_questions_carry_at_least_40_percent_of_each_labs_points():
    for lab in LABS:
        cells = _notebook("source", lab).cells
        points = {_grading(c)["grade_id"]: float(_grading(c)["points"]) for c in cells if _grading(c).get("grade")}
        judged = sum(float(_grading(c)["points"]) for c in cells if _judgement(c))
        estimated = sum(float(_grading(c)["points"]) for c in cells if _grading(c).get("grade") and _estimate_cell(c))
        assert (judged + estimated) / sum(points.values()) >= JUDGEMENT_AND_ESTIMATE_SHARE, (lab, judged, estimated, points)


def test_the_points_in_each_heading_are_the_points_of_its_graded_cells():
    for lab in LABS:
        cells = _notebook("source", lab).cells
        graded: dict[str, float] = {}
        for c in cells:
            if _grading(c).get("grade"):
                question = re.sub(r"_.*", "", _grading(c)["grade_id"])
                graded[question] = graded.get(question, 0.0) + float(_grading(c)["points"])
        headings = {f"cau{m.group(1)}": float(m.group(2)) for c in cells if c.cell_type == "markdown"
                    for m in [re.match(r"## Câu (\d+) \((\d+) điểm\)", c.source)] if m}
        assert headings == graded, lab


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
    measures = [c for c in nb.cells if _grading(c).get("grade") and c.cell_type == "code" and not _estimate_cell(c)]
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
                 if _grading(c).get("solution") and c.cell_type == "code"}
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
    """Lab 1 has 13 points: 9 graded by its checks, 4 by hand (Câu 7). Blank: 0. Half: Câu 1 (1) + Câu 3 reached (1) +
    Câu 5 started (1) = 3. Full: 9, every checked answer right; its written answer waits for the lecturer (no points
    before manual grading), so the maximum stays 13.

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
    test_cell = next(c for c in edited.cells if _grading(c).get("grade_id") == "cau6_day_du")
    test_cell.source = "print('✅ Câu 6')"
    (course / "submitted" / "sua_o_kiem_tra" / lab).mkdir(parents=True)
    nbformat.write(edited, course / "submitted" / "sua_o_kiem_tra" / lab / f"{lab}.ipynb")
    graded = _nbgrader(course, "autograde", lab, "--force", grading=True)
    changed = [line for line in graded.splitlines() if "has changed" in line]
    assert len(changed) == 1 and "cau6_day_du" in changed[0], graded
    assert "Kernel is running over TCP" not in graded and "SAWarning" not in graded, graded
    _nbgrader(course, "export", "--to", "diem.csv")
    with open(course / "diem.csv", encoding="utf-8") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    assert set(rows) == {"trang", "mot_nua", "day_du", "sua_o_kiem_tra"}
    assert {s: float(rows[s]["raw_score"]) for s in rows} == {"trang": 0.0, "mot_nua": 3.0, "day_du": 9.0,
                                                              "sua_o_kiem_tra": 9.0}
    assert float(rows["day_du"]["max_score"]) == 13.0
