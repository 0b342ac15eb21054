"""The section as a Word document (.docx) built with python-docx, ready to paste into a group's report.

Headings use Word's own styles ("Heading 1" for "Quan hệ khách hàng", "Heading 2" for the numbered
sub-sections), so they enter the report's table of contents when pasted; table captions stand above
the tables and figure captions below the pictures, both in the "Caption" style, as Vietnamese reports
number them. The page is A4; the text is Times New Roman 13 pt.
"""

from __future__ import annotations

import io
import struct

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
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


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE_PT)


def _table(document: Document, block: Table) -> None:
    document.add_paragraph(block.caption, style="Caption")
    frame = block.frame
    table = document.add_table(rows=len(frame) + 1, cols=len(frame.columns))
    table.style = "Table Grid"
    for j, name in enumerate(frame.columns):
        cell = table.cell(0, j)
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(10)
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


__all__ = ["FONT", "MAX_PICTURE_HEIGHT_CM", "TEXT_WIDTH_CM", "png_size", "to_docx"]
