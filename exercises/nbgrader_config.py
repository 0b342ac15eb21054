"""nbgrader settings for the course's labs (run nbgrader from this folder, or use `make labs` / `make grade`).

A clean `make labs` or `make grade` prints only what matters to a lecturer: a real change to a locked or test cell
is still reported, the harmless messages below are not.
"""

import copy
import warnings
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    DeduplicateIds,
    OverwriteCells,
    OverwriteKernelspec,
)

c = get_config()  # noqa: F821  (nbgrader provides get_config)

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = "ecrm"
# Mỗi ô của một bài được chạy tối đa 120 giây khi chấm / each cell may run for at most 120 s while grading.
c.ExecutePreprocessor.timeout = 120
# Bài thực hành không có ô chấm tay / the labs have no manually graded cells.
c.ClearSolutions.code_stub = {"python": "# Viết câu trả lời của bạn ở đây / your answer here"}
c.ClearSolutions.text_stub = "Viết câu trả lời của bạn ở đây."  # a written answer (câu nhận định, graded by hand)

# Nhân Python chấm bài không in cảnh báo "Kernel is running over TCP without encryption" cho mỗi bài nộp (máy chấm
# chạy nhân trên máy mình). / The grading kernels run on this machine: no "running over TCP" warning per submission.
c.ExecutePreprocessor.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
# nbgrader với SQLAlchemy 2 in "SAWarning: Object of type <Submitted…> not in session" cho mỗi bài nộp; vô hại.
# nbgrader with SQLAlchemy 2 prints this SAWarning for every submission; it is harmless.
warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session")


class OverwriteCellsKeepQuietOnHiddenTests(OverwriteCells):
    """nbgrader's OverwriteCells, without its false alarm on cells with hidden tests.

    nbgrader stores a test cell's checksum before removing its hidden tests, so every untouched student copy is
    reported as changed ("Attribute 'checksum' for cell … has changed!", nbgrader issue #1961): two lines per
    copy of every lab here, which a lecturer cannot tell from a student who edited a test. A submitted cell whose
    source is exactly the released one (the source cell with its hidden tests removed) gets the source cell back
    before the check, so it passes silently; any other change is still reported and undone, as before.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, cell_index: int) -> tuple[NotebookNode, dict]:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None and cell.cell_type == "code":
            try:
                source_cell = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
            except Exception:  # a missing cell: OverwriteCells itself reports it
                source_cell = None
            if source_cell is not None and "BEGIN HIDDEN TESTS" in source_cell.source:
                released = copy.deepcopy(cell)
                released.source = source_cell.source
                released, _ = ClearHiddenTests().preprocess_cell(released, {}, 0)
                if cell.source == released.source:
                    cell.source = source_cell.source
        return super().preprocess_cell(cell, resources, cell_index)


# nbgrader's own list (nbgrader 0.9), with the quiet OverwriteCells in its place / nbgrader's list, one class swapped.
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCellsKeepQuietOnHiddenTests,
                                      CheckCellMetadata]
