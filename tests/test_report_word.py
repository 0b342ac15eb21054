"""The Word export's tables: columns as wide as their words, so a field path never breaks; one font everywhere."""

from __future__ import annotations

import io

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from sim.report.section import Heading, Table
from sim.report.word import CELL_PADDING_CM, CHAR_WIDTH_EM, FONT, TEXT_WIDTH_CM, column_widths_cm, to_docx

CHAR_CM_10PT = 0.5 * 10 * 2.54 / 72   # 0,1764 cm


def test_widths_by_hand():
    # words of 10 and 20 characters, texts of 10 and 60 (45 at most counted): 2,164 and 3,928 cm at least; the second
    # gets its 45 characters (8,338 cm); the 5,498 cm left are shared in proportion: 3,297 and 12,703 cm.
    widths, size = column_widths_cm([["a" * 10], ["b" * 20 + " " + "c" * 39]])
    assert size == 10.0
    assert widths == pytest.approx([3.297, 12.703], abs=1e-3)
    assert CHAR_WIDTH_EM * 10 * 2.54 / 72 == pytest.approx(CHAR_CM_10PT)


def test_widths_add_up_to_the_page_and_hold_the_longest_word():
    texts = [["Bước", "1. Thực hiện giao dịch đơn giản"],
             ["Đòn bẩy – trường trong tệp kịch bản", "Mức trung thành cộng thêm – retention.loyalty_programme.loyalty_boost"],
             ["Cửa hàng mặc định", "0,05"], ["Mức gợi ý của bước", "0,1"], ["Cửa hàng của nhóm", "0,05"], ["Trạng thái", "Đạt"]]
    widths, size = column_widths_cm(texts)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_CM)
    char = CHAR_WIDTH_EM * size * 2.54 / 72
    path = len("retention.loyalty_programme.loyalty_boost")
    assert widths[1] >= path * char + CELL_PADDING_CM


def test_too_long_words_make_the_font_smaller_before_anything_breaks():
    widths, size = column_widths_cm([["x" * 40], ["y" * 40], ["z" * 40]])   # 3 × (40 × 0,1764 + 0,4) = 22,4 cm at 10 pt
    assert size < 10.0 and sum(widths) == pytest.approx(TEXT_WIDTH_CM)


def test_the_document_sets_the_widths_and_one_font():
    frame = pd.DataFrame({"Bước": ["5. Khuyến khích và gia tăng sự trung thành"],
                          "Đòn bẩy – trường trong tệp kịch bản": ["Chương trình thân thiết – retention.loyalty_programme.enabled"],
                          "Trạng thái": ["Đạt"]})
    data = to_docx([Heading("Quan hệ khách hàng", 1), Table("step_levers", "Bảng 1. Các đòn bẩy", frame)], "thử")
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    expected, size = column_widths_cm([[name, *frame[name]] for name in frame.columns])
    for j, width in enumerate(expected):
        for row in table.rows:
            assert row.cells[j].width == pytest.approx(Cm(width), abs=Cm(0.01))
    assert table.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == size
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    for name in ("Normal", "Heading 1", "Caption"):
        fonts = document.styles[name].element.rPr.rFonts
        assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {FONT}, name
        assert fonts.get(qn("w:asciiTheme")) is None
