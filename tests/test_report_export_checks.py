"""The report exporter refuses, before its simulations, what the Word and HTML files could not hold."""

from __future__ import annotations

import os
import types
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.base.errors import BilingualError, ScenarioError
from sim.report import export
from sim.report.cli import main
from sim.report.html_page import to_html
from sim.report.section import Paragraph
from sim.report.word import to_docx
from sim.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "exercises" / "du_an_nhom" / "kich_ban.yaml"


@pytest.fixture
def no_simulation(monkeypatch):
    """Any simulation fails the test: the checks must come first."""

    def simulated(*_args, **_kwargs):
        raise AssertionError("the simulations ran before the check")

    monkeypatch.setattr(export, "run_project", simulated)


@pytest.mark.parametrize(("yaml_line", "field", "words_vi", "words_en"), [
    ("description: '" + "x" * 300 + "'", "description", "dài 300 ký tự; tối đa 200", "300 characters long; at most 200"),
    ('name: "Shop\\x01A"', "name", "ký tự điều khiển", "control or invalid character (U+0001"),
    ('name: "hai\\ndòng"', "name", "ký tự điều khiển", "U+000A"),
    ('description: "a\\0b"', "description", "ký tự điều khiển", "U+0000"),
    ("name: '" + "n" * 101 + "'", "name", "tối đa 100", "at most 100"),
])
def test_a_field_the_word_file_cannot_hold_is_refused_first(tmp_path, capsys, no_simulation, yaml_line, field, words_vi,
                                                            words_en):
    scenario = tmp_path / "kich_ban.yaml"
    scenario.write_text(f"base: demo\n{yaml_line}\n", encoding="utf-8")
    out = tmp_path / "bao_cao"
    assert main([str(scenario), "--out", str(out), "--seeds", "1", "--customers", "200"]) == 2
    message = capsys.readouterr().err
    assert f"`{field}`" in message and words_vi in message and words_en in message
    assert "Kịch bản không hợp lệ" in message and "Invalid scenario" in message
    assert sorted(os.listdir(tmp_path)) == ["kich_ban.yaml"]  # nothing written


def test_line_ends_in_a_description_are_kept(no_simulation):
    scenario = load_scenario("demo").model_copy(update={"description": "Dòng một\nDòng hai\n"})
    export.check_export_fields(scenario, "demo")  # no error: a YAML block keeps its line ends


def test_the_longest_fields_allowed_fit_the_word_title():
    longest = max(export.DESCRIPTION_MAX_CHARS, export.NAME_MAX_CHARS)
    scenario = load_scenario("demo").model_copy(update={"description": "đ" * longest})
    assert len(export.title_of(scenario)) <= export.DOCX_TITLE_MAX_CHARS
    to_docx([], export.title_of(scenario))


@settings(max_examples=40, deadline=None)
@given(name=st.text(min_size=1, max_size=120), description=st.text(max_size=260))
def test_fields_that_pass_the_check_can_be_written_to_word_and_html(name, description):
    scenario = load_scenario("demo").model_copy(update={"name": name, "description": description})
    try:
        export.check_export_fields(scenario, "kich_ban.yaml")
    except ScenarioError:
        return
    blocks = [Paragraph(f"kịch bản «{scenario.name}»: {scenario.description}")]
    title = export.title_of(scenario)
    assert to_docx(blocks, title).startswith(b"PK")
    assert f"<title>{escape(title)}</title>" in to_html(blocks, title)


def test_a_folder_of_someone_else_is_refused_before_the_simulations(tmp_path, capsys, no_simulation):
    out = tmp_path / "bao_cao"
    out.mkdir()
    (out / "ban_thao.docx").write_bytes(b"my draft")
    assert main([str(SCENARIO), "--out", str(out), "--seeds", "1", "--customers", "200"]) == 2
    message = capsys.readouterr().err
    assert "'ban_thao.docx'" in message and "--out" in message and "Traceback" not in message
    assert os.listdir(out) == ["ban_thao.docx"] and (out / "ban_thao.docx").read_bytes() == b"my draft"


def test_an_earlier_export_is_replaced_whole(tmp_path, monkeypatch):
    scenario = load_scenario(SCENARIO)
    monkeypatch.setattr(export, "run_project", lambda *_a, **_k: types.SimpleNamespace(scenario=scenario))
    monkeypatch.setattr(export, "build_section", lambda _project, **_k: [Paragraph("Phần mới / the new section")])
    out = tmp_path / "bao_cao"
    out.mkdir()
    (out / "quan_he_khach_hang.html").write_text("bản cũ", encoding="utf-8")
    html, docx = export.write_report(SCENARIO, out, seeds=1)
    assert sorted(os.listdir(out)) == ["quan_he_khach_hang.docx", "quan_he_khach_hang.html"]
    assert "Phần mới" in html.read_text("utf-8") and docx.read_bytes().startswith(b"PK")
    assert sorted(os.listdir(tmp_path)) == ["bao_cao"]


def test_the_exporter_refuses_the_shipped_folder(tmp_path, no_simulation):
    with pytest.raises(BilingualError, match="datasets"):
        export.write_report(SCENARIO, ROOT / "datasets", seeds=1)
    assert "quan_he_khach_hang.html" not in os.listdir(ROOT / "datasets")
