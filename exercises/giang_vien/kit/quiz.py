"""The quiz bank: questions kept in one source (``ngan_hang_cau_hoi/chu_de_NN.yaml``), exported for the LMS.

Each file holds the questions of one topic (0–15). A question has an ``id`` (unique in the bank), a
``clo`` (one of the CLOs its topic serves, :mod:`.outcomes`), a ``type`` and a ``text``:

* ``multichoice``: ``answer`` (the one right option) and ``distractors`` (exactly three wrong ones);
* ``truefalse``: ``answer`` ``true`` or ``false``;
* ``shortanswer``: ``answers``, the accepted spellings of the one right answer (case is ignored);
* ``numerical``: ``compute``, the name of a measure of :mod:`.quiz_numbers`; the text's ``{placeholders}``
  are filled from a simulator run, and the answer and its tolerance come from the same run.

``feedback`` (optional) explains the key; it is shown after the attempt. :func:`term_questions` fills the
numerical questions for a term (``seed``); :func:`to_moodle_xml`, :func:`to_gift` and :func:`to_qti`
write the exports. Every check of :func:`load_bank` raises ``ValueError`` naming the file and the question.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree as ET

import yaml

from exercises.giang_vien.kit import QUIZ_DIR, TOPICS
from exercises.giang_vien.kit.outcomes import load_outcomes
from exercises.giang_vien.kit.quiz_numbers import MEASURES, numbers, run_for

KINDS = ("multichoice", "truefalse", "shortanswer", "numerical")
CATEGORY_ROOT = "Quản trị quan hệ khách hàng điện tử"
TOPIC_TAG = "chu_de_{:02d}"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
"""Zip members carry this date, so that the same term gives the same bytes."""


@dataclass(frozen=True)
class Question:
    """One question of the bank; for a numerical question ``answer`` and ``tolerance`` are set by :func:`term_questions`."""

    id: str
    topic: int
    clo: str
    kind: str
    text: str
    answer: object = None
    distractors: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    compute: str | None = None
    tolerance: float | None = None
    feedback: str = ""

    @property
    def tags(self) -> tuple[str, str]:
        """The LMS tags: the topic (``chu_de_09``) and the CLO (``CLO4``)."""
        return TOPIC_TAG.format(self.topic), self.clo

    @property
    def name(self) -> str:
        """The question's name in the LMS: topic, CLO and id (``CĐ09 · CLO4 · nps_cong_thuc``)."""
        return f"CĐ{self.topic:02d} · {self.clo} · {self.id}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _question(raw: dict, topic: int, where: str, topic_clos: list[str]) -> Question:
    qid = raw.get("id")
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z0-9_]+", qid):
        raise ValueError(f"{where}: id must be lower-case letters, digits and _: {qid!r}")
    where = f"{where} {qid}"
    kind, text, clo = raw.get("type"), raw.get("text"), raw.get("clo")
    if kind not in KINDS:
        raise ValueError(f"{where}: type must be one of {KINDS}, not {kind!r}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: the text is empty")
    if clo not in topic_clos:
        raise ValueError(f"{where}: clo {clo!r} is not one of the topic's CLOs {topic_clos}")
    allowed = {"id", "type", "text", "clo", "feedback", "answer", "distractors", "answers", "compute"}
    if set(raw) - allowed:
        raise ValueError(f"{where}: unknown keys {sorted(set(raw) - allowed)}")
    common = {"id": qid, "topic": topic, "clo": clo, "kind": kind, "text": " ".join(text.split()),
              "feedback": " ".join(str(raw.get("feedback", "")).split())}
    if kind == "numerical":
        if raw.get("compute") not in MEASURES:
            raise ValueError(f"{where}: compute must name a measure of quiz_numbers, not {raw.get('compute')!r}")
        return Question(**common, compute=raw["compute"])
    if _fields(text):
        raise ValueError(f"{where}: only a numerical question may have {{placeholders}}")
    return _keyed(raw, kind, where, common)


def _keyed(raw: dict, kind: str, where: str, common: dict) -> Question:
    """The key of a multiple-choice, true/false or short-answer question, checked."""
    if kind == "multichoice":
        answer, wrong = raw.get("answer"), raw.get("distractors") or []
        options = [answer, *wrong]
        if not isinstance(answer, str) or len(wrong) != 3 or not all(isinstance(o, str) and o.strip() for o in options):
            raise ValueError(f"{where}: a multiple-choice question needs one answer and exactly three distractors "
                             "(quote options that hold commas)")
        if len({o.strip().casefold() for o in options}) != len(options):
            raise ValueError(f"{where}: the options must all differ (the answer is not a distractor)")
        return Question(**common, answer=answer.strip(), distractors=tuple(o.strip() for o in wrong))
    if kind == "truefalse":
        if not isinstance(raw.get("answer"), bool):
            raise ValueError(f"{where}: a true/false question needs answer: true or false")
        return Question(**common, answer=raw["answer"])
    answers = raw.get("answers") or []
    if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
        raise ValueError(f"{where}: a short-answer question needs answers (the accepted spellings)")
    return Question(**common, answers=tuple(a.strip() for a in answers))


def load_bank(folder: Path = QUIZ_DIR) -> list[Question]:
    """Every question of the bank, topic by topic, checked (see the module's docstring)."""
    outcomes = load_outcomes()
    questions: list[Question] = []
    for path in sorted(Path(folder).glob("chu_de_*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        topic = data.get("topic")
        if topic not in TOPICS or path.stem != TOPIC_TAG.format(topic):
            raise ValueError(f"{path.name}: topic {topic!r} does not match the file name")
        for i, raw in enumerate(data.get("questions") or [], start=1):
            questions.append(_question(raw, topic, f"{path.name} #{i}", outcomes.topic_clos[topic]))
    ids = [q.id for q in questions]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"ids used twice: {twice}")
    return questions


def term_questions(seed: int, questions: list[Question] | None = None) -> list[Question]:
    """The bank for a term: numerical questions get the numbers, answer and tolerance of the run with ``seed``."""
    questions = load_bank() if questions is None else questions
    run = run_for(seed) if any(q.kind == "numerical" for q in questions) else None
    filled = []
    for question in questions:
        if question.kind != "numerical":
            filled.append(question)
            continue
        n = numbers(question.compute, run)
        missing = _fields(question.text) - set(n.values)
        if missing:
            raise ValueError(f"{question.id}: the text needs {sorted(missing)}, which {question.compute} does not give")
        filled.append(replace(question, text=question.text.format(**n.values), answer=n.answer, tolerance=n.tolerance))
    return filled


def _number(x: float) -> str:
    """A number for the LMS's answer field: a dot for decimals, no exponent, no trailing zeros."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


# Moodle XML ---------------------------------------------------------------------------------------------

def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _html(text: str) -> str:
    return f"<p>{text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>"


def _answer(parent: ET.Element, text: str, fraction: int, fmt: str = "html") -> ET.Element:
    element = ET.SubElement(parent, "answer", {"fraction": str(fraction), "format": fmt})
    ET.SubElement(element, "text").text = text
    _text(element, "feedback", "")
    return element


def to_moodle_xml(questions: list[Question]) -> bytes:
    """The questions as Moodle XML: a category per topic (``$course$/top/…/Chủ đề 09``), tags topic and CLO."""
    quiz = ET.Element("quiz")
    for topic in sorted({q.topic for q in questions}):
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text(category, "category", f"$course$/top/{CATEGORY_ROOT}/Chủ đề {topic:02d}", fmt=None)
        for q in (q for q in questions if q.topic == topic):
            element = ET.SubElement(quiz, "question", {"type": q.kind})
            _text(element, "name", q.name, fmt=None)
            _text(element, "questiontext", _html(q.text))
            _text(element, "generalfeedback", _html(q.feedback) if q.feedback else "")
            ET.SubElement(element, "defaultgrade").text = "1"
            ET.SubElement(element, "penalty").text = "0.3333333" if q.kind != "truefalse" else "1"
            ET.SubElement(element, "hidden").text = "0"
            ET.SubElement(element, "idnumber").text = q.id
            if q.kind == "multichoice":
                for tag, value in (("single", "true"), ("shuffleanswers", "true"), ("answernumbering", "abc")):
                    ET.SubElement(element, tag).text = value
                _answer(element, _html(str(q.answer)), 100)
                for wrong in q.distractors:
                    _answer(element, _html(wrong), 0)
            elif q.kind == "truefalse":
                _answer(element, "true", 100 if q.answer else 0, "moodle_auto_format")
                _answer(element, "false", 0 if q.answer else 100, "moodle_auto_format")
            elif q.kind == "shortanswer":
                ET.SubElement(element, "usecase").text = "0"
                for accepted in q.answers:
                    _answer(element, accepted, 100, "moodle_auto_format")
            else:
                answer = _answer(element, _number(float(q.answer)), 100, "moodle_auto_format")
                ET.SubElement(answer, "tolerance").text = _number(float(q.tolerance))
                for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"), ("showunits", "3"),
                                   ("unitsleft", "0")):
                    ET.SubElement(element, tag).text = value
            tags = ET.SubElement(element, "tags")
            for tag in q.tags:
                ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


# GIFT ---------------------------------------------------------------------------------------------------

GIFT_SPECIAL = "~=#{}:"


def gift_escape(text: str) -> str:
    r"""Escape GIFT's special characters ``~ = # { } :`` with a backslash (Moodle GIFT format)."""
    return "".join("\\" + c if c in GIFT_SPECIAL else c for c in text)


def to_gift(questions: list[Question]) -> str:
    """The questions in GIFT: a ``$CATEGORY`` line per topic, ``// [id:…] [tag:…]`` before each question."""
    lines: list[str] = [f"// Ngân hàng câu hỏi – {CATEGORY_ROOT} (GIFT, UTF-8)", ""]
    for topic in sorted({q.topic for q in questions}):
        lines += [f"$CATEGORY: $course$/top/{TOPIC_TAG.format(topic)}", ""]
        for q in (q for q in questions if q.topic == topic):
            lines.append(f"// [id:{q.id}] [tag:{q.tags[0]}] [tag:{q.tags[1]}]")
            head = f"::{gift_escape(q.name)}::[moodle]{gift_escape(q.text)}"
            if q.kind == "multichoice":
                body = " ".join([f"={gift_escape(str(q.answer))}", *(f"~{gift_escape(w)}" for w in q.distractors)])
            elif q.kind == "truefalse":
                body = "TRUE" if q.answer else "FALSE"
            elif q.kind == "shortanswer":
                body = " ".join(f"={gift_escape(a)}" for a in q.answers)
            else:
                body = f"#{_number(float(q.answer))}:{_number(float(q.tolerance))}"
            feedback = f" ####{gift_escape(q.feedback)}" if q.feedback else ""
            lines += [f"{head} {{{body}{feedback}}}", ""]
    return "\n".join(lines)


# QTI (Canvas) through text2qti --------------------------------------------------------------------------

def _t2q(text: str) -> str:
    """Text for text2qti's Markdown: one line, no characters that would start Markdown or LaTeX."""
    return text.replace("$", "\\$").replace("*", "\\*").replace("_", "\\_")


def qti_source(questions: list[Question], title: str) -> str:
    """The text2qti source of one quiz (a topic)."""
    lines = [f"Quiz title: {title}", f"Quiz description: {CATEGORY_ROOT} – {title}", ""]
    for n, q in enumerate(questions, start=1):
        lines += [f"Title: {q.name}", "Points: 1", f"{n}.  {_t2q(q.text)}"]
        if q.feedback:
            lines.append(f"... {_t2q(q.feedback)}")
        if q.kind == "multichoice":
            options = [(True, str(q.answer)), *((False, w) for w in q.distractors)]
            lines += [f"{'*' if right else ''}{chr(97 + i)}) {_t2q(text)}" for i, (right, text) in enumerate(options)]
        elif q.kind == "truefalse":
            lines += [f"{'*' if q.answer else ''}a) Đúng", f"{'' if q.answer else '*'}b) Sai"]
        elif q.kind == "shortanswer":
            lines += [f"*   {_t2q(a)}" for a in q.answers]
        else:
            lines.append(f"=   {_number(float(q.answer))} +- {_number(float(q.tolerance))}")
        lines.append("")
    return "\n".join(lines)


def to_qti(questions: list[Question], title: str) -> bytes:
    """One Canvas quiz (QTI 1.2 zip, made by text2qti) with fixed dates in the zip, so the bytes are reproducible."""
    from text2qti.config import Config  # noqa: PLC0415 (text2qti is in the lecturer extra)
    from text2qti.qti import QTI  # noqa: PLC0415 (text2qti is in the lecturer extra)
    from text2qti.quiz import Quiz  # noqa: PLC0415 (text2qti is in the lecturer extra)

    qti = QTI(Quiz(qti_source(questions, title), config=Config()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in (("imsmanifest.xml", qti.imsmanifest_xml),
                           (f"{qti.assessment_identifier}/assessment_meta.xml", qti.assessment_meta),
                           (f"{qti.assessment_identifier}/{qti.assessment_identifier}.xml", qti.assessment)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()


def write_exports(out: Path, seed: int) -> list[Path]:
    """Write the term's bank: ``ngan_hang_cau_hoi.xml`` (Moodle), ``ngan_hang_cau_hoi.gift.txt`` and ``qti/chu_de_NN.zip``.

    Everything is built in memory first; the folder is written only when every export succeeded.
    """
    questions = term_questions(seed)
    moodle, gift = to_moodle_xml(questions), to_gift(questions)
    qti = {topic: to_qti([q for q in questions if q.topic == topic], f"Chủ đề {topic:02d}")
           for topic in sorted({q.topic for q in questions})}
    out = Path(out)
    (out / "qti").mkdir(parents=True, exist_ok=True)
    written = [out / "ngan_hang_cau_hoi.xml", out / "ngan_hang_cau_hoi.gift.txt"]
    written[0].write_bytes(moodle)
    written[1].write_text(gift, encoding="utf-8")
    for topic, data in qti.items():
        path = out / "qti" / f"{TOPIC_TAG.format(topic)}.zip"
        path.write_bytes(data)
        written.append(path)
    return written


__all__ = ["KINDS", "Question", "gift_escape", "load_bank", "qti_source", "term_questions", "to_gift", "to_moodle_xml",
           "to_qti", "write_exports"]
