"""A printable handout (PDF, A4) per topic, for students: the notebook's text, the charts, the questions.

The handout holds what a student keeps on paper after the session: the title, the goals, the lecture's
idea with its tables, the topic's charts (:mod:`.artifacts`), the discussion questions (without keys),
the summary and the sources. It is built with fpdf2 alone and the DejaVu Sans fonts shipped in
:mod:`sim.charts` (embedded, so every Vietnamese letter prints and copies back as text).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import mistune
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from exercises.giang_vien.kit.artifacts import Artifact
from exercises.giang_vien.kit.slides import COURSE, FONT_DIR, source_line
from exercises.giang_vien.kit.sources import NotebookText

FONT = "DejaVu"
BLUE = (31, 78, 121)
CREATED = (2026, 1, 1)
"""The PDF's creation date: fixed, so the same sources give the same file."""


class Handout(FPDF):
    """An A4 page with the course in the header and «Trang n/N» in the footer."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.handout_title = title
        for style, name in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans.ttf"),
                            ("BI", "DejaVuSans-Bold.ttf")):
            # No oblique face is shipped: italic text prints upright (still every diacritic).
            self.add_font(FONT, style, str(FONT_DIR / name))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_author(COURSE)
        self.set_lang("vi")
        self.set_creation_date(datetime.datetime(*CREATED, tzinfo=datetime.timezone.utc))

    def header(self) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{COURSE} · {self.handout_title}", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")


_AST = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])
LINE_MM = 5.2
"""Line height of body text (10 pt DejaVu Sans needs about 1,45 × its size)."""


SUBSCRIPTS = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
"""Letters that have a subscript or superscript form in Unicode (and in DejaVu Sans), for ``<sub>`` and ``<sup>``."""


def inline(children: list[dict]) -> str:
    """Inline markdown tokens as fpdf2 markdown: bold kept (``**``), the rest as plain text.

    Inline HTML tags are not printed: the text between ``<sub>…</sub>`` or ``<sup>…</sup>`` is written with
    Unicode's subscript or superscript letters (``p<sub>r</sub>`` → ``pᵣ``), any other tag is dropped.
    """
    out: list[str] = []
    script: dict[str, str] | None = None
    for tok in children:
        kind = tok["type"]
        if kind == "inline_html":
            tag = tok.get("raw", "").strip().lower()
            script = SUBSCRIPTS if tag == "<sub>" else SUPERSCRIPTS if tag == "<sup>" else None
            continue
        if kind == "text" and script is not None:
            out.append(tok.get("raw", "").translate(script))
            continue
        if kind in ("text", "codespan"):
            # fpdf2 markdown reads ** (bold), __ (underline) and -- (strike): keep such runs literal.
            out.append(tok.get("raw", "").replace("--", "\u2011\u2011").replace("__", "_\u2009_").replace("**", "*\u2009*"))
        elif kind in ("softbreak", "linebreak"):
            out.append(" ")
        elif kind == "strong":
            out.append(f"**{inline(tok['children'])}**")
        else:
            out.append(inline(tok.get("children", [])))
    return "".join(out)


def _text(pdf: Handout, text: str, indent: float = 0.0, prefix: str = "") -> None:
    pdf.set_x(pdf.l_margin + indent)
    if prefix:
        pdf.cell(5, LINE_MM, prefix)
    pdf.multi_cell(pdf.epw - indent - (5 if prefix else 0), LINE_MM, text, markdown=True, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: Handout, tok: dict) -> None:
    head = [inline(c["children"]) for c in tok["children"][0]["children"]]
    body = [[inline(c["children"]) for c in row["children"]] for row in tok["children"][1]["children"]]
    pdf.set_font(FONT, "", 8.5)
    # Columns as wide as their longest cell (between 8 and 45 characters), so short codes do not take half a page.
    widths = tuple(min(45, max(8, *(len(row[i]) for row in [head, *body]))) for i in range(len(head)))
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.2, markdown=True, first_row_as_headings=True,
                   padding=1,
                   headings_style=FontFace(emphasis="BOLD", color=BLUE, fill_color=(238, 243, 248))) as table:
        for values in [head, *body]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.set_font(FONT, "", 10)
    pdf.ln(1.5)


def render_markdown(pdf: Handout, text: str, indent: float = 0.0) -> None:
    """Markdown as the notebooks write it (paragraphs, lists, tables, sub-headings, code) onto the PDF."""
    for tok in _AST(text):
        kind = tok["type"]
        if kind in ("paragraph", "block_text"):
            _text(pdf, inline(tok["children"]), indent)
            pdf.ln(1.2)
        elif kind == "heading":
            pdf.set_font(FONT, "B", 11)
            pdf.set_text_color(*BLUE)
            _text(pdf, inline(tok["children"]), indent)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font(FONT, "", 10)
        elif kind == "list":
            ordered = tok["attrs"].get("ordered")
            for n, item in enumerate(tok["children"], start=tok["attrs"].get("start") or 1):
                prefix = f"{n}." if ordered else "•"
                parts = item["children"]
                first = parts[0] if parts and parts[0]["type"] in ("block_text", "paragraph") else None
                _text(pdf, inline(first["children"]) if first else "", indent, prefix)
                rest = parts[1:] if first else parts
                for sub in rest:
                    if sub["type"] == "list":
                        render_markdown_tokens(pdf, [sub], indent + 5)
            pdf.ln(1.2)
        elif kind == "table":
            _table(pdf, tok)
        elif kind == "block_code":
            pdf.set_font(FONT, "", 7.5)
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(pdf.epw - indent, 3.6, tok["raw"].rstrip(), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 10)
            pdf.ln(1.2)
        elif kind == "block_quote":
            render_markdown_tokens(pdf, tok["children"], indent + 5)


def render_markdown_tokens(pdf: Handout, tokens: list[dict], indent: float) -> None:
    """Render already parsed tokens (nested lists, quotes)."""
    for tok in tokens:
        render_markdown(pdf, _to_markdown(tok), indent)


def _to_markdown(tok: dict) -> str:
    if tok["type"] == "list":
        ordered = tok["attrs"].get("ordered")
        lines = []
        for n, item in enumerate(tok["children"], start=1):
            text = " ".join(inline(c.get("children", [])) for c in item["children"] if c["type"] in ("block_text", "paragraph"))
            lines.append(f"{n}. {text}" if ordered else f"- {text}")
        return "\n".join(lines)
    return inline(tok.get("children", []))


def _heading(pdf: Handout, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 10)


def _image_height(png: bytes, width_mm: float) -> float:

    with Image.open(io.BytesIO(png)) as image:
        return width_mm * image.height / image.width


def _artifact(pdf: Handout, artifact: Artifact) -> None:
    if artifact.png:
        # Keep the caption with its chart: start a new page when both do not fit.
        width = pdf.epw
        height = min(_image_height(artifact.png, width), pdf.eph - 20)
        if pdf.get_y() + 12 + height > pdf.page_break_trigger:
            pdf.add_page()
    _heading(pdf, artifact.caption)
    if artifact.note:
        pdf.multi_cell(0, 5, artifact.note, new_x="LMARGIN", new_y="NEXT")
    elif artifact.png:
        width = pdf.epw
        height = _image_height(artifact.png, width)
        if height > pdf.eph - 20:
            width = width * (pdf.eph - 20) / height
        pdf.image(io.BytesIO(artifact.png), w=width, x=pdf.l_margin + (pdf.epw - width) / 2)
    else:
        lines = [artifact.header, *artifact.rows]
        render_markdown(pdf, "\n".join("| " + " | ".join(c.replace("|", "/") or " " for c in row) + " |" if i != 1 else
                                        "|" + "---|" * len(artifact.header) for i, row in
                                        enumerate([lines[0], lines[0], *lines[1:]])))


def build_handout(topic: int, text: NotebookText, questions: list[str], artifacts: list[Artifact]) -> bytes:
    """The handout of one topic as PDF bytes."""
    idea, source = source_line(text.get("Ý tưởng"))
    pdf = Handout(f"Chủ đề {topic}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 17)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 8, text.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, "Bản tóm tắt cho sinh viên. Các hình vẽ trên dữ liệu đi kèm của khóa học (cửa hàng mặc định, "
                   "hạt giống 2026); mở sổ tay của chủ đề để chạy lại và thay đổi.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for heading, body in (("Mục tiêu", text.get("Mục tiêu")), ("Ý tưởng của bài giảng", idea)):
        if body:
            _heading(pdf, heading)
            render_markdown(pdf, body)
    for artifact in artifacts:
        _artifact(pdf, artifact)
    if questions:
        _heading(pdf, "Câu hỏi thảo luận")
        render_markdown(pdf, "\n".join(f"{n}. {q}" for n, q in enumerate(questions, start=1)))
    summary = text.get("Tóm tắt")
    if summary:
        _heading(pdf, "Tóm tắt")
        render_markdown(pdf, summary)
    if source:
        _heading(pdf, "Nguồn")
        render_markdown(pdf, source)
    return bytes(pdf.output())


def write_handouts(out: Path, handouts: dict[int, bytes]) -> list[Path]:
    """Write ``chu_de_NN.pdf`` for each topic into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for topic, data in sorted(handouts.items()):
        path = out / f"chu_de_{topic:02d}.pdf"
        path.write_bytes(data)
        written.append(path)
    return written


__all__ = ["Handout", "build_handout", "write_handouts"]
