"""Read what the kit is built from: the topic notebooks and the labs, as they are today.

A topic notebook follows one template (Mục tiêu → Ý tưởng của bài giảng → Mô phỏng → Bảng điều khiển →
Câu hỏi thảo luận → Tóm tắt). Its markdown cells, joined, split into sections at the level-2 headings
(``## …``); :func:`notebook_text` returns them by heading. Its discussion questions are the numbered
list under ``## Câu hỏi thảo luận`` (:func:`discussion_questions`).

A lab asks questions in the markdown of its ``## Câu n`` cells. Some are graded by the lab's checks,
others ask for the student's judgement ("Lý do bạn tìm được gợi ý đòn bẩy nào nên làm trước?"):
:func:`lab_questions` returns every sentence that ends with a question mark, with the part (``Câu n``,
or the heading of the cell) it belongs to; :mod:`.keys` says which of them needs a written key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from exercises.giang_vien.kit import LAB_DIR, NOTEBOOK_DIR, TOPICS

QUESTIONS_HEADING = "Câu hỏi thảo luận"
_ITEM = re.compile(r"^(\d+)\.\s+(.*)$")
_LATEX_BLOCK = re.compile(r"\$\$.*?\$\$", re.S)


def normalise(text: str) -> str:
    """Collapse every run of white space into one space and strip the ends (how questions are compared)."""
    return " ".join(text.split())


def markdown_cells(path: Path) -> list[str]:
    """The source of every markdown cell of a notebook, in order."""
    notebook = json.loads(Path(path).read_text("utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def topic_notebooks() -> dict[int, Path]:
    """``{topic: notebook}`` for the topic notebooks ``notebooks/NN_*.ipynb`` (topics 0–15)."""
    found = {int(p.name[:2]): p for p in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))}
    missing = [t for t in TOPICS if t not in found]
    if missing:
        raise FileNotFoundError(f"no notebook for topics {missing} in {NOTEBOOK_DIR}")
    return {t: found[t] for t in TOPICS}


def discussion_notebooks() -> list[Path]:
    """Every notebook of ``notebooks/`` that has a ``## Câu hỏi thảo luận`` section, sorted by name."""
    return [p for p in sorted(NOTEBOOK_DIR.glob("*.ipynb")) if QUESTIONS_HEADING in notebook_text(p)]


@dataclass(frozen=True)
class NotebookText:
    """A notebook's markdown split at its level-2 headings."""

    title: str
    sections: dict[str, str]

    def get(self, heading: str) -> str:
        """The markdown under the first heading that starts with ``heading`` (``""`` if there is none)."""
        for name, text in self.sections.items():
            if name.startswith(heading):
                return text
        return ""

    def __contains__(self, heading: str) -> bool:
        return any(name.startswith(heading) for name in self.sections)


def notebook_text(path: Path) -> NotebookText:
    """The notebook's title (its ``# `` heading) and its sections, keyed by their ``## `` heading."""
    title, current, sections = "", "", {}
    lines: list[str] = []
    for line in "\n\n".join(markdown_cells(path)).splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            if current:
                sections[current] = "\n".join(lines).strip()
            current, lines = line[3:].strip(), []
            continue
        lines.append(line)
    if current:
        sections[current] = "\n".join(lines).strip()
    return NotebookText(title, sections)


def discussion_questions(path: Path) -> list[str]:
    """The numbered discussion questions of a notebook, each on one line (white space collapsed).

    Raises:
        ValueError: the list is not numbered 1, 2, 3, … in order.
    """
    text = notebook_text(path).get(QUESTIONS_HEADING)
    questions: list[list[str]] = []
    for line in text.splitlines():
        match = _ITEM.match(line.strip()) if not line.startswith((" ", "\t")) else None
        if match:
            if int(match.group(1)) != len(questions) + 1:
                raise ValueError(f"{path.name}: question {match.group(1)} is out of order")
            questions.append([match.group(2)])
        elif questions and line.strip():
            questions[-1].append(line.strip())
        elif questions and not line.strip() and len(questions[-1]) and questions[-1][-1] != "":
            questions[-1].append("")
    return [normalise(" ".join(q)) for q in questions]


def lab_notebooks() -> dict[str, Path]:
    """``{lab: solution notebook}`` for every lab of ``exercises/source/``."""
    return {p.parent.name: p for p in sorted(LAB_DIR.glob("*/*.ipynb"))}


def _sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", paragraph) if s.strip()]


def lab_questions(path: Path) -> list[tuple[str, str]]:
    """Every question sentence (ending with "?") of a lab's markdown, with its part.

    The part is ``"Câu n"`` for a cell that starts with ``## Câu n``, otherwise the cell's first heading
    (``"Tổng kết"`` …). Display formulas (``$$ … $$``) are left out; list items count as paragraphs.
    """
    found: list[tuple[str, str]] = []
    for cell in markdown_cells(path):
        heading = next((line.lstrip("#").strip() for line in cell.splitlines() if line.startswith("#")), "")
        part = m.group(0) if (m := re.match(r"Câu \d+", heading)) else heading
        body = _LATEX_BLOCK.sub(" ", cell)
        paragraphs = re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", body)
        for paragraph in paragraphs:
            text = normalise(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", paragraph))
            if text.startswith("#"):
                continue
            found += [(part, s) for s in _sentences(text) if s.endswith("?")]
    return found


__all__ = ["QUESTIONS_HEADING", "NotebookText", "discussion_notebooks", "discussion_questions", "lab_notebooks",
           "lab_questions", "markdown_cells", "normalise", "notebook_text", "topic_notebooks"]
