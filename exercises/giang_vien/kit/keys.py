"""Answer keys for the discussion questions and the labs' judgement questions, and what is missing.

The keys are written once, beside the lecture they serve, and each key quotes its question:

* discussion questions of a notebook: in a lesson plan (``giao_an/NN_*.md``), under a heading
  ``## Đáp án câu hỏi thảo luận: `<notebook>.ipynb```, one ``### Câu n`` per question, the question
  quoted (``> …``) and the points of a good answer below it;
* lab questions: in ``dap_an_bai_thuc_hanh.md``, under ``## `<lab>```, one ``### Câu n – nhận định``
  per judgement question (quoted, with its key) or ``### Câu n – chấm tự động`` for a question that the
  lab's own checks grade (its key is the solution cell of ``exercises/source/``).

:func:`missing_keys` compares the keys with the questions the notebooks and labs ask today: a question
without a key, a key whose quoted question is no longer asked (or was reworded) and a judgement key
with no text are each reported. ``tests/test_lecturer_kit.py`` fails on any of them, so a new or
changed question in a notebook cannot go without its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from exercises.giang_vien.kit import LAB_KEYS, LESSON_PLAN_DIR
from exercises.giang_vien.kit.sources import (
    discussion_notebooks,
    discussion_questions,
    lab_notebooks,
    lab_questions,
    normalise,
)

KEY_HEADING = re.compile(r"^## Đáp án câu hỏi thảo luận: `([^`]+\.ipynb)`\s*$")
LAB_HEADING = re.compile(r"^## `([^`]+)`")
ENTRY = re.compile(r"^### (.+?)\s*$")
GRADED, JUDGEMENT = "chấm tự động", "nhận định"


@dataclass(frozen=True)
class Key:
    """One key: where it is written, the part it answers (``Câu 2``), the quoted question and the answer text."""

    source: Path
    owner: str
    part: str
    kind: str
    question: str
    answer: str


def _entries(lines: list[str], source: Path, owner: str) -> list[Key]:
    keys: list[Key] = []
    part, quote, body = None, [], []

    def close() -> None:
        if part is None:
            return
        name, _, kind = part.partition(" – ")
        keys.append(Key(source, owner, name.strip(), kind.strip(), normalise(" ".join(quote)), "\n".join(body).strip()))

    for line in lines:
        if match := ENTRY.match(line):
            close()
            part, quote, body = match.group(1), [], []
        elif part is not None and line.startswith(">") and not body:
            quote.append(line[1:].strip())
        elif part is not None:
            body.append(line)
    close()
    return keys


def _split(path: Path, heading: re.Pattern[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text("utf-8").splitlines():
        if match := heading.match(line):
            current = match.group(1)
            sections[current] = []
        elif line.startswith("## "):
            current = None
        elif current is not None:
            sections[current].append(line)
    return sections


def discussion_keys() -> list[Key]:
    """Every discussion-question key written in the lesson plans."""
    keys: list[Key] = []
    for plan in sorted(LESSON_PLAN_DIR.glob("*.md")):
        for notebook, lines in _split(plan, KEY_HEADING).items():
            keys += _entries(lines, plan, notebook)
    return keys


def lab_keys() -> list[Key]:
    """Every lab-question entry of ``dap_an_bai_thuc_hanh.md``."""
    keys: list[Key] = []
    for lab, lines in _split(LAB_KEYS, LAB_HEADING).items():
        keys += _entries(lines, LAB_KEYS, lab)
    return keys


def missing_keys() -> list[str]:
    """Every problem, one line each (empty when every question has its key and every key its question)."""
    problems: list[str] = []
    keys = discussion_keys()
    by_owner: dict[str, dict[str, Key]] = {}
    for key in keys:
        if key.part in by_owner.setdefault(key.owner, {}):
            problems.append(f"{key.source.name}: {key.owner} {key.part} has two keys")
        by_owner[key.owner][key.part] = key
    asked = {p.name: discussion_questions(p) for p in discussion_notebooks()}
    for notebook, questions in asked.items():
        written = by_owner.get(notebook, {})
        for n, question in enumerate(questions, start=1):
            key = written.get(f"Câu {n}")
            if key is None:
                problems.append(f"{notebook} Câu {n}: no key (write it in a lesson plan): {question}")
            elif key.question != question:
                problems.append(f"{notebook} Câu {n}: the key in {key.source.name} quotes another question; "
                                f"the notebook asks: {question}")
            elif not key.answer:
                problems.append(f"{notebook} Câu {n}: the key in {key.source.name} is empty")
        extra = set(written) - {f"Câu {n}" for n in range(1, len(questions) + 1)}
        problems += [f"{notebook} {part}: a key without a question (in {written[part].source.name})" for part in sorted(extra)]
    problems += [f"{owner}: keys for a notebook that asks no discussion question" for owner in sorted(set(by_owner) - set(asked))]

    labs = lab_notebooks()
    written_labs: dict[str, list[Key]] = {}
    for key in lab_keys():
        written_labs.setdefault(key.owner, []).append(key)
        if key.kind not in (GRADED, JUDGEMENT):
            problems.append(f"{key.owner} {key.part}: kind must be «{GRADED}» or «{JUDGEMENT}», not «{key.kind}»")
        elif key.kind == JUDGEMENT and not key.answer:
            problems.append(f"{key.owner} {key.part}: the judgement key is empty: {key.question}")
    for lab, path in labs.items():
        asked_lab = {(part, question) for part, question in lab_questions(path)}
        written_lab = {(k.part, k.question) for k in written_labs.get(lab, [])}
        problems += [f"{lab} {part}: no key (add it to {LAB_KEYS.name}): {q}" for part, q in sorted(asked_lab - written_lab)]
        problems += [f"{lab} {part}: a key without a question (in {LAB_KEYS.name}): {q}" for part, q in sorted(written_lab - asked_lab)]
    problems += [f"{lab}: keys for a lab that does not exist" for lab in sorted(set(written_labs) - set(labs))]
    return problems


def stubs() -> str:
    """Markdown stubs for every question that has no key yet, ready to paste and fill in."""
    lines: list[str] = []
    by_owner = {(k.owner, k.part) for k in discussion_keys()}
    for path in discussion_notebooks():
        for n, question in enumerate(discussion_questions(path), start=1):
            if (path.name, f"Câu {n}") not in by_owner:
                lines += [f"## Đáp án câu hỏi thảo luận: `{path.name}`", "", f"### Câu {n}", f"> {question}", "", "- …", ""]
    written = {(k.owner, k.part, k.question) for k in lab_keys()}
    for lab, path in lab_notebooks().items():
        for part, question in lab_questions(path):
            if (lab, part, question) not in written:
                lines += [f"## `{lab}`", "", f"### {part} – {JUDGEMENT}", f"> {question}", "", "- …", ""]
    return "\n".join(lines)


__all__ = ["GRADED", "JUDGEMENT", "Key", "discussion_keys", "lab_keys", "missing_keys", "stubs"]
