"""The grade book per question: CSV files Moodle and Canvas import, and an item analysis for the lecturer.

nbgrader's gradebook (``exercises/gradebook.db``) holds a score for every graded cell of every
submission. A question of a lab may have several graded cells (``cau3_reached``, ``cau3_step_rate``;
the two bands of an estimate, ``cau6_mot_phan`` and ``cau6_day_du``): its score is their sum. From the
per-question scores (:func:`question_scores`):

* :func:`moodle_table`: one row per student, an identifier column (``ma_sinh_vien``, ``email``) and one
  column per question and per lab total, numbers with a decimal point. Moodle: *Điểm → Nhập → Tệp CSV*,
  map ``ma_sinh_vien`` to the user's *ID number* (or ``email`` to *Email address*).
* :func:`canvas_table`: Canvas's grade-import layout, ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``,
  ``Section``, then one column per question, with the *Points Possible* row. Canvas: *Grades → Import*.
* :func:`item_analysis`: per question, the number of submissions, the mean and the spread of the score,
  the share of full marks and of zero, and the discrimination: the correlation between the question's
  score and the rest of the lab (corrected item–total correlation). A question most students get wrong,
  or one whose score does not go with the rest of the lab, is one to look at again.

A student without a submission of a lab has empty cells for it (an LMS leaves empty cells alone).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from sim.base.errors import DataError
from sim.base.output_folder import OutputFolder
from sim.classroom.roster import Student

SCORE_COLUMNS: tuple[str, ...] = ("student_id", "lab", "question", "score", "max_score")


def question_of(grade_id: str) -> str:
    """The question a graded cell belongs to: the part of its id before the first ``_`` (``cau6_day_du`` → ``cau6``)."""
    return re.sub(r"_.*", "", grade_id)


def question_label(question: str) -> str:
    """``cau6`` → ``Câu 6``."""
    match = re.fullmatch(r"cau(\d+)", question)
    return f"Câu {match.group(1)}" if match else question


def read_gradebook(path: str | Path) -> pd.DataFrame:
    """Every graded cell's score from nbgrader's gradebook: ``student_id``, ``lab``, ``cell``, ``score``, ``max_score``.

    Raises:
        DataError: no such gradebook.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError([(str(path), "", "không tìm thấy cơ sở dữ liệu điểm của nbgrader; hãy chấm trước (`make grade`)",
                          "no nbgrader gradebook; grade first (`make grade`)")])
    from nbgrader.api import Gradebook, MissingEntry  # noqa: PLC0415 (nbgrader: the lecturer's optional dependency)

    rows = []
    with Gradebook(f"sqlite:///{path.resolve()}") as book:
        for assignment in book.assignments:
            for student in book.students:
                try:
                    submission = book.find_submission(assignment.name, student.id)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.max_score:
                            rows.append((student.id, assignment.name, grade.name, float(grade.score or 0.0),
                                         float(grade.max_score)))
    return pd.DataFrame(rows, columns=["student_id", "lab", "cell", "score", "max_score"])


def question_scores(cells: pd.DataFrame) -> pd.DataFrame:
    """Sum the graded cells of each question: one row per student, lab and question (``SCORE_COLUMNS``)."""
    missing = [c for c in ("student_id", "lab", "cell", "score", "max_score") if c not in cells.columns]
    if missing:
        raise DataError([("cells", ", ".join(missing), "thiếu cột của bảng điểm từng ô", "missing columns of the cell scores")])
    table = cells.assign(question=cells["cell"].map(question_of))
    out = table.groupby(["student_id", "lab", "question"], sort=False)[["score", "max_score"]].sum().reset_index()
    return out[list(SCORE_COLUMNS)]


def _order(scores: pd.DataFrame) -> list[tuple[str, str]]:
    def key(item: tuple[str, str]) -> tuple[str, int, str]:
        lab, question = item
        number = re.fullmatch(r"cau(\d+)", question)
        return lab, int(number.group(1)) if number else 999, question
    return sorted({(lab, q) for lab, q in zip(scores["lab"], scores["question"], strict=True)}, key=key)


def _column(lab: str, question: str) -> str:
    return f"{lab} – {question_label(question)}"


def wide_scores(scores: pd.DataFrame, students: Iterable[str] = ()) -> tuple[pd.DataFrame, dict[str, float]]:
    """One row per student, one column per question then one per lab total; and each column's maximum."""
    order = _order(scores)
    ids = list(dict.fromkeys([*students, *scores["student_id"]]))
    table = pd.DataFrame(index=pd.Index(ids, name="student_id"))
    maxima: dict[str, float] = {}
    for lab, question in order:
        part = scores[(scores["lab"] == lab) & (scores["question"] == question)].set_index("student_id")
        table[_column(lab, question)] = part["score"].reindex(ids)
        maxima[_column(lab, question)] = float(part["max_score"].max())
    for lab in dict.fromkeys(lab for lab, _ in order):
        part = scores[scores["lab"] == lab]
        totals = part.groupby("student_id")["score"].sum()
        table[f"{lab} – tổng"] = totals.reindex(ids)
        maxima[f"{lab} – tổng"] = float(part.groupby("question")["max_score"].max().sum())
    return table, maxima


def moodle_table(scores: pd.DataFrame, roster: Iterable[Student] = ()) -> pd.DataFrame:
    """The per-question grades as Moodle imports them (see the module's docstring)."""
    roster = list(roster)
    table, _ = wide_scores(scores, [s.student_id for s in roster])
    info = {s.student_id: s for s in roster}
    front = pd.DataFrame({"ma_sinh_vien": table.index,
                          "email": [info[i].email if i in info else "" for i in table.index],
                          "ho_ten": [info[i].name if i in info else "" for i in table.index]})
    return pd.concat([front, table.reset_index(drop=True)], axis=1)


def canvas_table(scores: pd.DataFrame, roster: Iterable[Student] = ()) -> pd.DataFrame:
    """The per-question grades in Canvas's import layout, with the *Points Possible* row first."""
    roster = list(roster)
    table, maxima = wide_scores(scores, [s.student_id for s in roster])
    info = {s.student_id: s for s in roster}
    front = pd.DataFrame({"Student": [info[i].name or i if i in info else i for i in table.index], "ID": "",
                          "SIS User ID": table.index, "SIS Login ID": [info[i].email if i in info else "" for i in table.index],
                          "Section": ""})
    body = pd.concat([front, table.reset_index(drop=True)], axis=1)
    points = pd.DataFrame([{"Student": "Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "",
                            **maxima}])
    return pd.concat([points, body], ignore_index=True)


def item_analysis(scores: pd.DataFrame) -> pd.DataFrame:
    """Per question: submissions, mean, spread, share of full marks and of zero, discrimination.

    discrimination = Pearson correlation, over the students who handed the lab in, between the question's
    score and the lab's total without that question (NaN when either does not vary).
    """
    rows = []
    totals = scores.groupby(["lab", "student_id"])["score"].sum()
    for lab, question in _order(scores):
        part = scores[(scores["lab"] == lab) & (scores["question"] == question)]
        score, top = part["score"].to_numpy(dtype=float), float(part["max_score"].max())
        rest = totals.loc[lab].reindex(part["student_id"]).to_numpy(dtype=float) - score
        varies = len(score) > 2 and np.std(score) > 0 and np.std(rest) > 0
        rows.append({
            "lab": lab, "question": question, "label": question_label(question), "max_points": top,
            "submissions": len(score),
            "mean": round(float(score.mean()), 3),
            "sd": round(float(score.std(ddof=1)), 3) if len(score) > 1 else float("nan"),
            "mean_share": round(float(score.mean() / top), 3) if top else float("nan"),
            "full_marks_share": round(float(np.mean(score >= top - 1e-9)), 3),
            "zero_share": round(float(np.mean(score <= 1e-9)), 3),
            "discrimination": round(float(np.corrcoef(score, rest)[0, 1]), 3) if varies else float("nan"),
        })
    return pd.DataFrame(rows)


EXPORT_FILES: tuple[str, ...] = ("diem_moodle.csv", "diem_canvas.csv", "phan_tich_cau_hoi.csv")


def export_folder(out: str | Path) -> OutputFolder:
    """The folder of the exports: new, empty, or holding only earlier exports (replaced whole)."""
    def owned(folder: Path) -> frozenset[str] | None:
        names = set(os.listdir(folder))
        return frozenset(EXPORT_FILES) if names and names <= set(EXPORT_FILES) else None

    return OutputFolder(out, owned=owned, field="--out", earlier_vi="bảng điểm đã xuất trước đây",
                        earlier_en="grades exported earlier")


def write_exports(scores: pd.DataFrame, out: str | Path, roster: Iterable[Student] = ()) -> list[Path]:
    """Write ``diem_moodle.csv``, ``diem_canvas.csv`` and ``phan_tich_cau_hoi.csv`` (UTF-8) as the whole folder ``out``."""
    roster = list(roster)
    tables = dict(zip(EXPORT_FILES, (moodle_table(scores, roster), canvas_table(scores, roster), item_analysis(scores)),
                      strict=True))

    def fill(tmp: Path) -> None:
        for name, table in tables.items():
            table.to_csv(tmp / name, index=False, lineterminator="\n", encoding="utf-8")

    return export_folder(out).write(fill)


__all__ = ["EXPORT_FILES", "canvas_table", "export_folder", "item_analysis", "moodle_table", "question_of",
           "question_scores", "read_gradebook", "write_exports"]
