"""nbgrader settings for the course's labs (run nbgrader from this folder, or use `make labs` / `make grade`)."""

from pathlib import Path

c = get_config()  # noqa: F821  (nbgrader provides get_config)

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = "ecrm"
# Mỗi ô của một bài được chạy tối đa 120 giây khi chấm / each cell may run for at most 120 s while grading.
c.ExecutePreprocessor.timeout = 120
# Bài thực hành không có ô chấm tay / the labs have no manually graded cells.
c.ClearSolutions.code_stub = {"python": "# Viết câu trả lời của bạn ở đây / your answer here"}
