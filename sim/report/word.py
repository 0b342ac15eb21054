"""The section as a Word document (.docx) built with python-docx, ready to paste into a group's report.

Headings use Word's own styles ("Heading 1" for "Quan hệ khách hàng", "Heading 2" for the numbered
sub-sections), so they enter the report's table of contents when pasted; table captions stand above
the tables and figure captions below the pictures, both in the "Caption" style, as Vietnamese reports
number them. The page is A4; the text, headings and captions are Times New Roman (body 13 pt); a table's columns are
as wide as their words need (:func:`column_widths_cm`), so a field path never breaks in the middle.
"""

from __future__ import annotations

import io
import struct
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sim.report.section import Block, Figure, Heading, Paragraph, Table

TEXT_WIDTH_CM = 16.0
"""Width of the text on an A4 page with 2.5 cm margins left and right: the widest a picture gets."""
MAX_PICTURE_HEIGHT_CM = 21.0
"""A tall chart is scaled down to this height so that it fits on one page with its caption."""
FONT = "Times New Roman"
FONT_SIZE_PT = 13


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG, from its IHDR chunk (bytes 16–24)."""
    return struct.unpack(">II", png[16:24])


TABLE_FONT_SIZE_PT = 10.0
"""Text size in tables; a table whose longest words cannot fit at this size is set smaller, down to
:data:`SMALLEST_TABLE_FONT_SIZE_PT`."""
SMALLEST_TABLE_FONT_SIZE_PT = 8.0
CHAR_WIDTH_EM = 0.5
"""Width of a character in Times New Roman, as a share of the font size: a little more than the average of Vietnamese
text (about 0,45), so that a column sized for a word holds it."""
CELL_PADDING_CM = 0.4
"""Word's default left and right cell margins (0,19 cm each) and a little room."""
WIDEST_TEXT_CHARS = 45
"""A column wider than this many characters wraps its text rather than take the width from the others."""


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    for name in ("Normal", "Caption", "Heading 1", "Heading 2", "Title"):
        _use_font(document.styles[name])
    document.styles["Normal"].font.size = Pt(FONT_SIZE_PT)


def _use_font(style: Any) -> None:
    """Times New Roman for every script of a style: python-docx's ``font.name`` sets only the Latin slots, and Word
    would otherwise take the theme's font (Calibri, Cambria) for headings and for East-Asian or complex-script runs."""
    style.font.name = FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def column_widths_cm(texts: list[list[str]], total_cm: float = TEXT_WIDTH_CM,
                     font_size_pt: float = TABLE_FONT_SIZE_PT) -> tuple[list[float], float]:
    """Column widths for a table's texts (one list per column, header first) and the font size that lets them fit.

    Each column gets at least its longest word (a field path such as ``retention.loyalty_programme.loyalty_boost``
    is one word and must not break); then the columns whose text is longer get room for it (up to
    :data:`WIDEST_TEXT_CHARS`), shared in proportion to what they lack if the page is too narrow; what is left of the
    page's width is shared in proportion to the widths. A character is taken as
    :data:`CHAR_WIDTH_EM` of the font size (1 pt = 2,54 / 72 cm). When the longest words do not fit side by side,
    the font gets smaller, by half a point, down to :data:`SMALLEST_TABLE_FONT_SIZE_PT`.

    Example (by hand), 16 cm, 10 pt (a character 0,5 × 10 × 2,54 / 72 = 0,1764 cm): columns whose longest words have
    10 and 20 characters and whose longest texts have 10 and 60 characters need at least 10 × 0,1764 + 0,4 = 2,164 cm
    and 3,928 cm; the second wants 45 characters, 8,338 cm, and gets it; the 5,498 cm still free are shared in
    proportion to the widths: 2,164 + 5,498 × 2,164 / 10,502 = 3,297 cm and 12,703 cm.

    Returns:
        The widths in cm (they add up to ``total_cm``) and the font size in points.
    """
    size = font_size_pt
    while True:
        char_cm = CHAR_WIDTH_EM * size * 2.54 / 72
        word = [max((len(w) for t in col for w in str(t).split()), default=1) for col in texts]
        text = [min(max((len(str(t)) for t in col), default=1), WIDEST_TEXT_CHARS) for col in texts]
        least = [n * char_cm + CELL_PADDING_CM for n in word]
        if sum(least) <= total_cm or size <= SMALLEST_TABLE_FONT_SIZE_PT:
            break
        size -= 0.5
    if sum(least) >= total_cm:
        return [w * total_cm / sum(least) for w in least], size
    wanted = [max(t * char_cm + CELL_PADDING_CM, low) for t, low in zip(text, least, strict=True)]
    extra = [w - low for w, low in zip(wanted, least, strict=True)]
    left = total_cm - sum(least)
    if sum(extra) > 0:
        given = [min(e, left * e / sum(extra)) for e in extra]
        widths = [low + g for low, g in zip(least, given, strict=True)]
    else:
        widths = list(least)
    spare = total_cm - sum(widths)
    return [w + spare * w / sum(widths) for w in widths], size


def _table(document: Document, block: Table) -> None:
    document.add_paragraph(block.caption, style="Caption")
    frame = block.frame
    texts = [[str(name), *(str(v) for v in frame.iloc[:, j])] for j, name in enumerate(frame.columns)]
    widths, size = column_widths_cm(texts)
    table = document.add_table(rows=len(frame) + 1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.autofit = False
    for j, column in enumerate(texts):
        table.columns[j].width = Cm(widths[j])
        for i, text in enumerate(column):
            cell = table.cell(i, j)
            cell.width = Cm(widths[j])  # Word reads the width of each cell, not of the column
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(size)
                run.bold = i == 0
    document.add_paragraph()


def _figure(document: Document, block: Figure) -> None:
    width_px, height_px = png_size(block.png)
    width = TEXT_WIDTH_CM
    if height_px / width_px * width > MAX_PICTURE_HEIGHT_CM:
        document.add_picture(io.BytesIO(block.png), height=Cm(MAX_PICTURE_HEIGHT_CM))
    else:
        document.add_picture(io.BytesIO(block.png), width=Cm(width))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(block.caption, style="Caption")


def to_docx(blocks: list[Block], title: str) -> bytes:
    """The blocks as the bytes of a .docx file.

    Args:
        blocks: the section of :func:`sim.report.section.build_section`.
        title: the document's title property (File → Properties).
    """
    document = Document()
    _page(document)
    document.core_properties.title = title
    document.core_properties.language = "vi-VN"
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.kind not in ("body", "group"):
                for run in paragraph.runs:
                    run.italic = True
                    if block.kind == "note":
                        run.font.size = Pt(10)
                    if block.kind == "prompt":  # a placeholder the group must replace: highlighted
                        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure) and block.png:
            _figure(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["FONT", "MAX_PICTURE_HEIGHT_CM", "TEXT_WIDTH_CM", "column_widths_cm", "png_size", "to_docx"]
