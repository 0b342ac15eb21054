"""Rubrics of the labs' judgement questions: short written answers that the lecturer grades by hand.

Each lab asks at least one judgement question (a decision or an interpretation that the lab's own numbers support) in a
manually graded nbgrader cell (markdown, ``grade`` and ``solution``, with points). Its rubric is written once, in
``cham_bai/thang_diem_nhan_dinh.yaml``: per lab and per question (``cau7``) a title, the points and the criteria, one point
each:

* ``quyet_dinh`` – a clear decision (or reading) and why;
* ``bang_chung`` – the student's own numbers of the lab, read correctly, support it;
* ``gioi_han`` – what the numbers cannot tell;
* ``kiem_chung`` – what would change the decision, or how to test it before acting;
* ``them`` – one more element, for a question of 5 points.

:func:`rubric_section` renders them, with the levels that follow from the criteria, into the lecturer's note of the lab
(``cham_bai/<lab>.md``, written by :func:`exercises.giang_vien.kit.calibration.lab_note`). The worked answers are the
solution cells of ``exercises/source/``; the keys are in ``dap_an_bai_thuc_hanh.md``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from exercises.giang_vien.kit import KIT_DIR

RUBRIC_FILE = KIT_DIR / "cham_bai" / "thang_diem_nhan_dinh.yaml"
CRITERIA: dict[str, str] = {
    "quyet_dinh": "Quyết định",
    "bang_chung": "Bằng chứng",
    "gioi_han": "Giới hạn",
    "kiem_chung": "Kiểm chứng",
    "them": "Thêm",
}
CORE = ("quyet_dinh", "bang_chung")


@cache
def load_rubrics(path: Path = RUBRIC_FILE) -> dict[str, dict[str, dict]]:
    """``{lab: {question: {"tieu_de", "diem", "tieu_chi"}}}``, checked: one point per criterion, known criteria only,
    the two core criteria always present."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for lab, questions in data.items():
        for question, rubric in questions.items():
            criteria = rubric["tieu_chi"]
            unknown = set(criteria) - set(CRITERIA)
            if unknown or not set(CORE) <= set(criteria) or rubric["diem"] != len(criteria):
                raise ValueError(f"{path.name}: {lab} {question}: criteria {sorted(criteria)} do not match "
                                 f"{rubric['diem']} points (one point per criterion among {list(CRITERIA)})")
    return data


def _levels(points: int) -> list[tuple[int, str]]:
    others = points - len(CORE)
    levels = [(points, "đạt mọi tiêu chí.")]
    for n in range(others - 1, 0, -1):
        levels.append((len(CORE) + n, f"quyết định và bằng chứng đạt, và {n} trong {others} tiêu chí còn lại."))
    levels += [
        (2, "quyết định có bằng chứng từ bài nhưng không nêu giới hạn hay cách kiểm chứng; hoặc giới hạn và kiểm chứng "
            "đúng nhưng con số dẫn sai hay thiếu."),
        (1, "một quyết định không dựa vào con số của bài, hoặc chỉ chép lại con số mà không kết luận."),
        (0, "bỏ trống, không liên quan đến câu hỏi, hoặc chép lại đề."),
    ]
    return levels


def rubric_section(lab: str) -> list[str]:
    """The lines of the lecturer's note that give the rubric of each judgement question of ``lab`` (none: empty)."""
    lines: list[str] = []
    for question, rubric in load_rubrics().get(lab, {}).items():
        number = question.removeprefix("cau")
        lines += [
            f"## Câu {number}: {rubric['tieu_de']} (câu nhận định, {rubric['diem']} điểm, chấm tay)", "",
            "Sinh viên viết một đoạn ngắn trong ô trả lời (markdown) của câu; `make grade` không chấm ô này, giảng viên chấm "
            "trong formgrader của nbgrader rồi xuất lại điểm. Đề nghị khác lời giải mẫu vẫn được đủ điểm nếu lập luận dựa "
            "đúng vào các con số của **chính cửa hàng của sinh viên** (các con số khác nhau giữa các sinh viên). Ý chính của "
            "một câu trả lời tốt: `dap_an_bai_thuc_hanh.md`; lời giải mẫu: ô trả lời của câu trong `exercises/source/`.", "",
            "| Tiêu chí (1 điểm mỗi tiêu chí) | Đạt khi câu trả lời |", "|---|---|",
            *[f"| {CRITERIA[key]} | {text} |" for key, text in rubric["tieu_chi"].items()], "",
            "| Mức | Điểm |", "|---|---|",
            *[f"| {text[0].upper() + text[1:]} | {points} |" for points, text in _levels(rubric["diem"])], "",
        ]
    return lines


__all__ = ["CRITERIA", "RUBRIC_FILE", "load_rubrics", "rubric_section"]
