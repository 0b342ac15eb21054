"""The group project's report: checklists, scenario checks, PNG compaction, and the HTML and Word export."""

from __future__ import annotations

import base64
import io
import math
import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.enum.text import WD_COLOR_INDEX
from PIL import Image

import sim
from sim.base.errors import DataError, ScenarioError
from sim.report import build_section, check_scenario, run_project, scenario_changes, write_report
from sim.report.checklists import lever_progress, steps_checklist, steps_summary
from sim.report.cli import main
from sim.report.figures import FIGURES
from sim.report.group_text import KEYS, PROMPT_LABEL, check_group_text, load_group_text
from sim.report.layout import numbering
from sim.report.png import compact_png
from sim.report.section import Heading, Paragraph
from sim.report.section_tables import number, percent, setting_text
from sim.report.word import png_size

SIGNATURE = b"\x89PNG\r\n\x1a\n"  # the 8 bytes every PNG file starts with

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "exercises" / "du_an_nhom" / "kich_ban.yaml"

HEADINGS = [
    "Quan hệ khách hàng",
    "1. Khách hàng mục tiêu (chọn lựa khách hàng)",
    "2. Thu hút khách hàng",
    "3. Duy trì khách hàng",
    "4. Mở rộng khách hàng và giá trị vòng đời",
    "5. Dịch vụ khách hàng",
    "6. So sánh với cửa hàng mặc định",
    "7. Bốn hoạt động quản trị quan hệ khách hàng",
    "8. Lộ trình 5 bước xây dựng thương mại điện tử tập trung vào khách hàng",
]
"""The section's headings, as a group pastes them into its report."""


# --- checklists -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(0.7, "met"), (0.6, "met"), (0.4, "partly"), (0.3, "not_yet"),
                                                 (0.2, "not_yet")])
def test_lever_progress_upwards(value, expected):
    # FAQ coverage: the default shop has 0.3, the step asks for 0.6 (higher is the step's direction).
    assert lever_progress(value, 0.6, 0.3) == expected


@pytest.mark.parametrize(("value", "expected"), [(0.001, "met"), (0.005, "met"), (0.01, "partly"), (0.03, "not_yet"),
                                                 (0.05, "not_yet")])
def test_lever_progress_downwards(value, expected):
    # Payment failures: the default shop has 0.03, the step asks for 0.005 (lower is the step's direction).
    assert lever_progress(value, 0.005, 0.03) == expected


def test_lever_progress_switches_and_no_change():
    assert lever_progress(True, True, False) == "met"
    assert lever_progress(False, True, False) == "not_yet"
    assert lever_progress(2, 2, 2) == "met"       # the step asks for no change and the shop made none
    assert lever_progress(3, 2, 2) == "not_yet"
    with pytest.raises(DataError):
        lever_progress(1.0, True, False)
    with pytest.raises(DataError):
        lever_progress("many", 2, 1)


def test_steps_checklist_reads_each_lever_against_the_default_shop():
    shop = sim.with_changes("default", {"service.faq_coverage": 0.45, "trust.security_badge": True,
                                        "purchase.payment_failure_prob": 0.001})
    table = steps_checklist(shop).set_index("field")
    # default.yaml: FAQ 0.3 → step 0.6, shop 0.45: part of the way; badge off → on: met; payment 0.03 → 0.005, shop 0.001.
    assert table.loc["service.faq_coverage", ["reference", "target", "value", "progress"]].tolist() == [0.3, 0.6, 0.45, "partly"]
    assert table.loc["trust.security_badge", "progress"] == "met"
    assert table.loc["purchase.payment_failure_prob", "progress"] == "met"
    assert table.loc["timing.mean_checkout_minutes", "progress"] == "not_yet"
    summary = steps_summary(steps_checklist(shop)).set_index("step")
    # simple transactions: 2 levers, payment met, checkout not; end-user focus: 5 levers, FAQ partly.
    assert summary.loc["simple_transactions"].tolist() == [2, 1, 0, 1]
    assert summary.loc["end_user_focus"].tolist() == [5, 0, 1, 4]
    assert summary.loc["structure"].tolist() == [4, 1, 0, 3]


def test_the_default_shop_has_taken_no_step_yet():
    table = steps_checklist(sim.load_scenario("default"))
    assert len(table) == 16  # 2 + 5 + 3 + 4 + 2 levers
    assert set(table["progress"]) == {"not_yet"}


def test_steps_summary_refuses_bad_tables():
    with pytest.raises(DataError):
        steps_summary(pd.DataFrame({"step": ["loyalty"]}))
    with pytest.raises(DataError):
        steps_summary(pd.DataFrame({"step": ["loyalty"], "progress": ["done"]}))
    assert steps_summary(pd.DataFrame({"step": [], "progress": []})).empty


# --- scenario check and changes -------------------------------------------------------------------------------


def test_check_scenario_returns_the_bilingual_message_instead_of_raising(tmp_path):
    good = check_scenario(SCENARIO)
    assert good.ok and good.scenario is not None and "Kịch bản hợp lệ" in str(good)
    bad = check_scenario(SCENARIO, changes={"personas.bargain_hunter.share": 0.5, "service.chat.agents": -1})
    assert not bad.ok and bad.scenario is None
    assert bad.fields == ("personas", "service.chat.agents")
    assert "Kịch bản không hợp lệ" in bad.message and "Invalid scenario" in bad.message
    missing = check_scenario(tmp_path / "khong_co.yaml")
    assert missing.fields == ("file",) and "không tìm thấy tệp này" in missing.message


def test_scenario_changes_lists_exactly_the_changed_fields():
    shop = sim.with_changes("default", {"service.chat.agents": 3, "trust.reviews": False})
    table = scenario_changes(shop)
    # in the scenario's own order: trust comes before service
    assert table.values.tolist() == [["trust.reviews", True, False], ["service.chat.agents", 1, 3]]
    assert scenario_changes(sim.load_scenario("default")).empty


# --- formatting and numbering ---------------------------------------------------------------------------------


def test_values_are_written_the_vietnamese_way():
    assert setting_text(0.005) == "0,005"
    assert setting_text(24.0) == "24"
    assert setting_text(True) == "bật" and setting_text(False) == "tắt"
    assert setting_text([80000, 150000]) == "[80.000; 150.000]"
    assert setting_text(None) == "—"
    assert percent(0.306) == "30,6%" and percent(math.nan) == "—"
    assert number(1234567) == "1.234.567" and number(2.5, 2) == "2,50"


def test_figures_and_tables_are_numbered_apart_in_the_section_order():
    numbers = numbering(frozenset(FIGURES))
    # 1: personas (table), funnel, dropout reasons; 2: channels (table), channel economics; 3: retention (table), nps,
    # survival; 4: ltv (table), ltv grid, rfm (table), rfm; 5: service (table), waits, servqual; 6: table, chart;
    # 7: four activities, checklist table; 8: two tables.
    assert numbers["personas"] == ("table", 1) and numbers["funnel"] == ("figure", 1)
    assert numbers["channel_economics"] == ("figure", 3) and numbers["retention"] == ("table", 3)
    assert numbers["rfm"] == ("figure", 7) and numbers["comparison_table"] == ("table", 7)
    assert numbers["four_activities"] == ("figure", 11) and numbers["step_levers"] == ("table", 10)


# --- PNG compaction -------------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _white_png(width: int, height: int) -> tuple[bytes, bytes]:
    """A white RGB image, its pixel data stored uncompressed (level 0) and split over two IDAT chunks."""
    raw = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))  # filter byte 0, then the pixels
    stored = zlib.compress(raw, 0)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    half = len(stored) // 2
    png = (SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", stored[:half]) + _chunk(b"IDAT", stored[half:])
           + _chunk(b"IEND", b""))
    return png, raw


def test_compact_png_keeps_the_pixels_and_shrinks_the_file():
    png, _ = _white_png(100, 100)
    small = compact_png(png)
    assert len(small) < len(png) / 10  # 30,100 bytes of white stored raw; deflated they take a few hundred
    image = Image.open(io.BytesIO(small))
    assert image.format == "PNG" and image.size == (100, 100) and image.mode == "RGB"
    assert image.tobytes() == bytes(255 for _ in range(100 * 100 * 3))  # every pixel still white
    assert png_size(small) == (100, 100)


def test_compact_png_refuses_what_is_not_a_png():
    with pytest.raises(DataError):
        compact_png(b"GIF89a not a png")
    png, _ = _white_png(4, 4)
    with pytest.raises(DataError):
        compact_png(png[:40])  # cut inside the pixel data


# --- the export -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bao_cao")
    html_path, docx_path = write_report(SCENARIO, out, seeds=2, customers=600)
    return {"out": out, "html": html_path, "docx": docx_path}


def test_the_export_writes_an_html_page_and_a_word_document(exported):
    assert sorted(p.name for p in exported["out"].iterdir()) == ["quan_he_khach_hang.docx", "quan_he_khach_hang.html"]


def test_the_word_document_has_the_headings_tables_and_pictures(exported):
    document = docx.Document(str(exported["docx"]))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert [text for _, text in headings] == HEADINGS
    assert headings[0][0] == "Heading 1" and {style for style, _ in headings[1:]} == {"Heading 2"}
    assert len(document.tables) == 10
    assert len(document.inline_shapes) == 11
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Loại người dùng web", "Tỷ lệ trong kịch bản", "Khách tiềm năng", "Khách hàng đã mua",
                      "Tỷ lệ chuyển đổi hành trình", "Tỷ lệ mua lặp lại"]
    assert [row.cells[0].text for row in document.tables[0].rows[1:]] == [
        "Người tìm kiếm thông tin trực tiếp", "Người tìm kiếm thông tin gián tiếp", "Người mua hàng trực tiếp",
        "Người săn hàng giảm giá", "Người tìm kiếm thông qua giải trí"]
    comparison = document.tables[6]
    assert [cell.text for cell in comparison.rows[0].cells] == [
        "Chỉ số", "Cửa hàng mặc định", "Cửa hàng của nhóm", "Chênh lệch (nhóm − mặc định)",
        "Khoảng tin cậy 95% của chênh lệch (theo cặp)", "Khác biệt rõ?"]
    assert len(comparison.rows) == 1 + 14  # the 12 headline KPIs, the SERVQUAL gap and the self-service share
    steps = document.tables[8]
    assert [row.cells[0].text[:2] for row in steps.rows[1:]] == ["1.", "2.", "3.", "4.", "5."]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert [c.split(".")[0] for c in captions if c.startswith("Hình")] == [f"Hình {n}" for n in range(1, 12)]
    assert [c.split(".")[0] for c in captions if c.startswith("Bảng")] == [f"Bảng {n}" for n in range(1, 11)]
    for shape in document.inline_shapes:  # every picture is a PNG
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        assert document.part.related_parts[blip].blob.startswith(SIGNATURE)


def test_vietnamese_text_round_trips_in_both_files(exported):
    document = docx.Document(str(exported["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    html = exported["html"].read_text("utf-8")
    for written in (text + cells, html):
        assert "Khách hàng" in written
        assert "Người săn hàng giảm giá" in written
        assert "Khuyến khích và gia tăng sự trung thành" in written
        assert "ư" in written and "ễ" in written and "ƣ" not in written


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.images: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2"):
            self._in = tag
            self.headings.append("")
        if tag == "img":
            self.images.append(dict(attrs)["src"])

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.headings[-1] += data


def test_the_html_page_has_the_headings_and_embedded_pictures(exported):
    html = exported["html"].read_text("utf-8")
    assert '<html lang="vi">' in html and '<meta charset="utf-8">' in html
    parsed = _Collector()
    parsed.feed(html)
    assert parsed.headings == HEADINGS
    assert len(parsed.images) == 11
    for src in parsed.images:
        assert src.startswith("data:image/png;base64,")
        png = base64.b64decode(src.split(",", 1)[1], validate=True)
        width, height = png_size(png)
        assert png.startswith(SIGNATURE) and width > 100 and height > 100
    assert len(re.findall(r"<table>", html)) == 10


def test_a_bad_scenario_is_refused_and_nothing_is_written(tmp_path, capsys):
    bad = tmp_path / "kich_ban.yaml"
    bad.write_text("base: default\nchurn: {monthly_hazard: 2}\npersonas:\n  bargain_hunter: {share: 0.9}\n", encoding="utf-8")
    out = tmp_path / "bao_cao"
    assert main([str(bad), "--out", str(out), "--seeds", "2", "--customers", "300"]) == 2
    message = capsys.readouterr().err
    assert "churn.monthly_hazard" in message and "personas" in message
    assert "Kịch bản không hợp lệ" in message and "Invalid scenario" in message
    assert not out.exists()
    out.mkdir()
    assert main([str(bad), "--out", str(out)]) == 2
    assert list(out.iterdir()) == []


def test_bad_options_exit_with_status_2_without_a_traceback(tmp_path):
    afile = tmp_path / "a_file.txt"
    afile.write_text("x", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sim.report", str(SCENARIO), "--out", str(afile)],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 2 and "--out" in done.stderr and "Traceback" not in done.stderr
    assert main([str(SCENARIO), "--out", str(tmp_path / "o"), "--seeds", "0"]) == 2
    assert not (tmp_path / "o").exists()


def test_make_report_passes_the_scenario_and_options():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "report", "SCENARIO=nhom/kb.yaml", "OUT=ra", "SEEDS=2", "CUSTOMERS=300"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert '-m sim.report "nhom/kb.yaml" --out "ra" --seed 2026 --seeds 2 --customers 300' in done.stdout
    default = subprocess.run(["make", "-n", "report"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert '"exercises/du_an_nhom/kich_ban.yaml" --out "bao_cao"' in default and "--customers" not in default


def test_a_shop_without_orders_still_gets_its_section():
    project = run_project("demo", seeds=1, customers=1)
    assert project.result.orders.empty
    blocks = build_section(project, images=False)
    assert [b.text for b in blocks if isinstance(b, Heading)] == HEADINGS


def test_the_document_bytes_open_as_a_zip_with_a_document_part(exported):
    data = exported["docx"].read_bytes()
    assert data[:2] == b"PK"
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


# --- the group's own reasoning --------------------------------------------------------------------------------


def test_without_the_groups_text_every_part_asks_for_it_instead_of_interpreting(exported):
    html = exported["html"].read_text("utf-8")
    assert html.count(PROMPT_LABEL) == len(KEYS) == 1 + len(HEADINGS) - 1
    assert "Gợi ý thảo luận" not in html and 'class="prompt"' in html
    document = docx.Document(str(exported["docx"]))
    prompts = [p for p in document.paragraphs if p.text.startswith(PROMPT_LABEL)]
    assert len(prompts) == len(KEYS)
    assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for p in prompts for run in p.runs)


@pytest.fixture(scope="module")
def small_project():
    return run_project(SCENARIO, seeds=1, customers=300)


def test_the_groups_text_takes_the_place_of_its_parts_placeholder(small_project):
    texts = {"section": "Nhà sách cũ của nhóm 3 bán cho sinh viên.",
             "targets": "Nhóm chọn người mua hàng trực tiếp vì Bảng 1 cho thấy họ mua nhiều nhất.\n\nĐoạn thứ hai  của\nnhóm."}
    blocks = build_section(small_project, images=False, texts=texts)
    kinds = [(b.kind, b.text) for b in blocks if isinstance(b, Paragraph) and b.kind in ("group", "prompt")]
    assert [t for k, t in kinds if k == "group"] == [
        "Nhà sách cũ của nhóm 3 bán cho sinh viên.",
        "Nhóm chọn người mua hàng trực tiếp vì Bảng 1 cho thấy họ mua nhiều nhất.",
        "Đoạn thứ hai của nhóm."]
    assert sum(k == "prompt" for k, _ in kinds) == len(KEYS) - 2
    headings = [i for i, b in enumerate(blocks) if isinstance(b, Heading)]
    group_at = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.kind == "group"]
    assert headings[1] < group_at[1] < group_at[2] < headings[2]  # the targets text sits in sub-section 1


def test_two_groups_with_the_same_shop_differ_exactly_by_their_own_words(small_project):
    one = build_section(small_project, images=False, texts={"retention": "Khách của chúng tôi ở vùng thờ ơ."})
    two = build_section(small_project, images=False, texts={"retention": "Khách hàng đã ở vùng thiện cảm."})
    differ = [(a.text, b.text) for a, b in zip(one, two, strict=True) if getattr(a, "text", None) != getattr(b, "text", None)]
    assert differ == [("Khách của chúng tôi ở vùng thờ ơ.", "Khách hàng đã ở vùng thiện cảm.")]


def test_the_group_text_file_is_read_with_safe_load_and_checked(tmp_path):
    good = tmp_path / "nhan_dinh.yaml"
    good.write_text("targets: |\n  Đoạn một.\n\n  Đoạn hai.\nsteps: \"\"\nretention:\n", encoding="utf-8")
    assert load_group_text(good) == {"targets": "Đoạn một.\n\nĐoạn hai."}
    cases = {
        "muc_la: x\n": ("muc_la", "các mục: section, targets"),
        "targets: 12\n": ("targets", "phải là một đoạn văn"),
        "- a\n- b\n": ("nhan_dinh.yaml", "phải là các cặp"),
        "targets: [\n": ("--text", "không phải tệp YAML"),
        "targets: !!python/object:os.system x\n": ("--text", "không phải tệp YAML"),
    }
    for content, (field, vi) in cases.items():
        good.write_text(content, encoding="utf-8")
        with pytest.raises(ScenarioError) as raised:
            load_group_text(good)
        message = str(raised.value)
        assert field in message and vi in message, (content, message)
    with pytest.raises(ScenarioError, match="file not found"):
        load_group_text(tmp_path / "khong_co.yaml")
    with pytest.raises(ScenarioError, match="at most"):
        check_group_text({"targets": "x" * 20_001})


def test_a_bad_group_text_is_refused_by_the_command_and_nothing_is_written(tmp_path, capsys):
    bad = tmp_path / "nhan_dinh.yaml"
    bad.write_text("ket_luan: Nhóm kết luận.\n", encoding="utf-8")
    out = tmp_path / "bao_cao"
    assert main([str(SCENARIO), "--out", str(out), "--seeds", "2", "--customers", "300", "--text", str(bad)]) == 2
    message = capsys.readouterr().err
    assert "ket_luan" in message and "is not a part of the report section" in message
    assert not out.exists()


def test_make_report_passes_the_groups_text():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "report", "TEXT=nhom/nhan_dinh.yaml"], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert '--text "nhom/nhan_dinh.yaml"' in done.stdout
