"""Per-question grades for Moodle and Canvas, and the item analysis, on a hand-worked grade book.

Three students, one lab with two questions (Câu 1: one cell of 2 points; Câu 6: two cells of 1 point):

| student | cau1 | cau6_mot_phan | cau6_day_du | Câu 1 | Câu 6 | total |
|---------|------|---------------|-------------|-------|-------|-------|
| A       | 2    | 1             | 1           | 2     | 2     | 4     |
| B       | 2    | 1             | 0           | 2     | 1     | 3     |
| C       | 0    | 0             | 0           | 0     | 0     | 0     |

Câu 1: mean 4/3, sd √(4/3) ≈ 1.1547, full 2/3, zero 1/3; rest = Câu 6 = (2, 1, 0): corr((2, 2, 0), (2, 1, 0)) = 0.8660.
Câu 6: mean 1, sd 1, full 1/3, zero 1/3; rest = Câu 1 = (2, 2, 0): the same correlation, 0.8660.
"""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from sim.base.output_folder import OutputFolderError
from sim.classroom.gradebook import canvas_table, item_analysis, moodle_table, question_of, question_scores, write_exports
from sim.classroom.roster import Student

CELLS = pd.DataFrame([
    ("A", "lab03_nps", "cau1_kiem_tra", 2.0, 2.0), ("A", "lab03_nps", "cau6_mot_phan", 1.0, 1.0),
    ("A", "lab03_nps", "cau6_day_du", 1.0, 1.0),
    ("B", "lab03_nps", "cau1_kiem_tra", 2.0, 2.0), ("B", "lab03_nps", "cau6_mot_phan", 1.0, 1.0),
    ("B", "lab03_nps", "cau6_day_du", 0.0, 1.0),
    ("C", "lab03_nps", "cau1_kiem_tra", 0.0, 2.0), ("C", "lab03_nps", "cau6_mot_phan", 0.0, 1.0),
    ("C", "lab03_nps", "cau6_day_du", 0.0, 1.0),
], columns=["student_id", "lab", "cell", "score", "max_score"])
ROSTER = [Student("A", "Nguyễn Văn An", "an@x.vn"), Student("B", "Trần Thị Bình", "binh@x.vn"),
          Student("C", "Lê Văn Cường", "cuong@x.vn"), Student("D", "Phạm Thị Dung", "dung@x.vn")]


def test_a_question_is_the_sum_of_its_cells():
    assert question_of("cau6_mot_phan") == "cau6" and question_of("cau12") == "cau12"
    scores = question_scores(CELLS).set_index(["student_id", "question"])
    assert scores.loc[("B", "cau6"), "score"] == 1.0 and scores.loc[("B", "cau6"), "max_score"] == 2.0
    assert scores.loc[("A", "cau1"), "score"] == 2.0


def test_moodle_table_has_one_row_per_student_and_one_column_per_question_and_total():
    table = moodle_table(question_scores(CELLS), ROSTER).set_index("ma_sinh_vien")
    assert list(table.columns) == ["email", "ho_ten", "lab03_nps – Câu 1", "lab03_nps – Câu 6", "lab03_nps – tổng"]
    assert table.loc["B", "lab03_nps – Câu 6"] == 1.0 and table.loc["A", "lab03_nps – tổng"] == 4.0
    assert table.loc["A", "email"] == "an@x.vn"
    assert math.isnan(table.loc["D", "lab03_nps – tổng"])          # no submission: an empty cell, not a zero


def test_canvas_table_follows_canvas_import_layout_with_points_possible():
    table = canvas_table(question_scores(CELLS), ROSTER)
    assert list(table.columns[:5]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    points = table.iloc[0]
    assert points["Student"] == "Points Possible"
    assert points["lab03_nps – Câu 1"] == 2.0 and points["lab03_nps – Câu 6"] == 2.0 and points["lab03_nps – tổng"] == 4.0
    row = table[table["SIS User ID"] == "C"].iloc[0]
    assert row["Student"] == "Lê Văn Cường" and row["lab03_nps – tổng"] == 0.0


def test_item_analysis_by_hand():
    items = item_analysis(question_scores(CELLS)).set_index("question")
    one, six = items.loc["cau1"], items.loc["cau6"]
    assert one["submissions"] == 3 and one["max_points"] == 2.0
    assert one["mean"] == pytest.approx(4 / 3, abs=1e-3) and one["sd"] == pytest.approx(math.sqrt(4 / 3), abs=1e-3)
    assert one["full_marks_share"] == pytest.approx(2 / 3, abs=1e-3) and one["zero_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert six["mean"] == pytest.approx(1.0) and six["sd"] == pytest.approx(1.0)
    assert six["full_marks_share"] == pytest.approx(1 / 3, abs=1e-3)
    assert one["discrimination"] == pytest.approx(0.866, abs=1e-3) and six["discrimination"] == pytest.approx(0.866, abs=1e-3)


def test_exports_are_written_as_utf8_csv_and_the_folder_is_owned(tmp_path):
    out = tmp_path / "diem"
    written = write_exports(question_scores(CELLS), out, ROSTER)
    assert sorted(p.name for p in written) == ["diem_canvas.csv", "diem_moodle.csv", "phan_tich_cau_hoi.csv"]
    with open(out / "diem_moodle.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[1]["ho_ten"] == "Trần Thị Bình" and rows[1]["lab03_nps – Câu 6"] == "1.0"
    write_exports(question_scores(CELLS), out, ROSTER)            # an earlier export is replaced
    (out / "ghi_chu.txt").write_text("của giảng viên", encoding="utf-8")
    with pytest.raises(OutputFolderError):
        write_exports(question_scores(CELLS), out, ROSTER)
    assert (out / "ghi_chu.txt").read_text(encoding="utf-8") == "của giảng viên"
