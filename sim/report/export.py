"""Write a group's "Quan hệ khách hàng" section as an HTML page and a Word document.

Everything is computed and laid out in memory first; the folder and the two files are written only
when all of it succeeded. A bad scenario (or seed), or a name or description the Word document
cannot hold (too long, control characters), raises :class:`sim.base.errors.ScenarioError` before anything
runs, and a bad output folder :class:`sim.base.output_folder.OutputFolderError`; nothing is written.

The export owns its folder (see :mod:`sim.base.output_folder`): a new or empty folder receives the two
files; a folder holding only an earlier export (``quan_he_khach_hang.html`` and/or ``.docx``) is
replaced whole; any other folder is refused. The two files are written into a hidden folder beside it
and moved into place in one rename.

Typical use::

    from sim.report import write_report
    write_report("exercises/du_an_nhom/kich_ban.yaml", "bao_cao", seeds=5)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sim.base.errors import ScenarioError
from sim.base.labels import label
from sim.base.output_folder import OutputFolder
from sim.report.group_text import check_group_text, load_group_text
from sim.report.html_page import to_html
from sim.report.layout import SECTION_KEY
from sim.report.project import DEFAULT_SEED, run_project
from sim.report.section import build_section
from sim.report.word import to_docx
from sim.scenario.loader import load_scenario
from sim.scenario.schema import Scenario

FILE_STEM = "quan_he_khach_hang"
"""Name of the two files written: ``quan_he_khach_hang.html`` and ``quan_he_khach_hang.docx``."""
REPORT_FILES = frozenset({f"{FILE_STEM}.html", f"{FILE_STEM}.docx"})
"""The files of an export: a folder holding only these is an earlier export, replaced whole."""
DOCX_TITLE_MAX_CHARS = 255
"""The longest title a Word document's properties hold (python-docx refuses a longer one)."""
NAME_MAX_CHARS = 100
"""The longest scenario ``name`` the export takes (a short name, shown in the report's first paragraph)."""
DESCRIPTION_MAX_CHARS = 200
"""The longest ``description`` the export takes: with the section's heading it stays within :data:`DOCX_TITLE_MAX_CHARS`."""
LINE_BREAKS = "\t\n\r"
"""The only control characters a description may hold (a YAML block keeps its line ends); a name holds none."""


def title_of(scenario: Scenario) -> str:
    """The document's title: the section's heading, then the shop's description (or its name)."""
    return f"{label('report', SECTION_KEY)} – {scenario.description or scenario.name}"


def _bad_character(text: str, allowed: str = "") -> str | None:
    """The first character that a Word document (XML) cannot hold or that is a control character, else None.

    XML 1.0 allows tab, line feed, carriage return and every character from U+0020 except the surrogates
    and U+FFFE, U+FFFF; control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) are refused
    as well, because they show as nothing or as boxes.
    """
    for char in text:
        if char not in allowed and (unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"):
            return char
    return None


def check_export_fields(scenario: Scenario, source_label: str) -> None:
    """Refuse, before any simulation, the text fields the Word and HTML files could not hold.

    The scenario's ``name`` (at most :data:`NAME_MAX_CHARS` characters, no control character), its
    ``description`` (at most :data:`DESCRIPTION_MAX_CHARS`, no control character but line ends) and
    the scenario file's name (written in the first paragraph, no control character).

    Raises:
        ScenarioError: one problem per bad field, in Vietnamese and English.
    """
    problems: list[tuple[str, object, str, str]] = []
    for field, text, limit, allowed in (("name", scenario.name, NAME_MAX_CHARS, ""),
                                        ("description", scenario.description, DESCRIPTION_MAX_CHARS, LINE_BREAKS),
                                        ("scenario", source_label, None, "")):
        bad = _bad_character(text, allowed)
        if bad is not None:
            code = f"U+{ord(bad):04X}"
            problems.append((field, text, f"có ký tự điều khiển hoặc không hợp lệ ({code}, ở vị trí {text.index(bad) + 1}) "
                                          "mà tệp Word không chứa được; hãy xóa ký tự đó",
                             f"holds a control or invalid character ({code}, at position {text.index(bad) + 1}) "
                             "that a Word file cannot hold; remove it"))
        elif limit is not None and len(text) > limit:
            problems.append((field, text, f"dài {len(text)} ký tự; tối đa {limit} ký tự (tiêu đề tệp Word giữ tối đa "
                                          f"{DOCX_TITLE_MAX_CHARS} ký tự)",
                             f"is {len(text)} characters long; at most {limit} (a Word file's title holds at most "
                             f"{DOCX_TITLE_MAX_CHARS} characters)"))
    if problems:
        raise ScenarioError(problems)


def _report_files(folder: Path) -> frozenset[str] | None:
    """The files an earlier export may have left in ``folder``, or ``None`` when it holds none of them."""
    return REPORT_FILES if any((folder / name).exists() for name in REPORT_FILES) else None


def report_folder(out: str | Path, *, field: str = "--out") -> OutputFolder:
    """The output folder of an export (see :mod:`sim.base.output_folder`)."""
    return OutputFolder(out, owned=_report_files, field=field, earlier_vi="phần báo cáo xuất lần trước",
                        earlier_en="an earlier export of the report")


def write_report(source: str | Path | Mapping[str, Any] | Scenario, out: str | Path, *, seed: int = DEFAULT_SEED,
                 seeds: int | Iterable[int] = 5, customers: int | None = None,
                 text: str | Path | Mapping[str, str] | None = None) -> list[Path]:
    """Simulate the group's shop, lay out its section and write it as HTML and .docx into ``out``.

    Args:
        source: the group's scenario (a YAML file, a preset name, a mapping or a Scenario).
        out: the folder to write into: new, empty, or holding only an earlier export (replaced whole).
        seed, seeds, customers: as in :func:`sim.report.project.run_project` (``seeds`` seeds from ``seed`` on).
        text: the group's own reasoning, one text per part (a YAML file like ``exercises/du_an_nhom/nhan_dinh.yaml``
            or a mapping); parts without text get a placeholder asking for it (:mod:`sim.report.group_text`).

    Returns:
        The two paths written: the HTML page, then the Word document.

    Raises:
        ScenarioError: a bad scenario, seed, ``seeds`` or ``customers``; a name or description the Word file
            cannot hold; bad group text. Before any simulation; nothing is written.
        OutputFolderError: an ``out`` that is a file, not writable or holds something else than an earlier
            export; before any simulation, nothing is written.
    """
    folder = report_folder(out)
    folder.check()
    texts = check_group_text(text) if isinstance(text, Mapping) else load_group_text(text) if text is not None else {}
    scenario = load_scenario(source)
    check_export_fields(scenario, str(source) if isinstance(source, (str, Path)) else scenario.name)
    project = run_project(source, seed=seed, seeds=seeds, customers=customers)
    blocks = build_section(project, texts=texts)
    title = title_of(project.scenario)
    html, docx = to_html(blocks, title), to_docx(blocks, title)

    def fill(tmp: Path) -> None:
        (tmp / f"{FILE_STEM}.html").write_text(html, encoding="utf-8")
        (tmp / f"{FILE_STEM}.docx").write_bytes(docx)

    written = {path.name: path for path in folder.write(fill)}
    return [written[f"{FILE_STEM}.html"], written[f"{FILE_STEM}.docx"]]


__all__ = ["DESCRIPTION_MAX_CHARS", "FILE_STEM", "NAME_MAX_CHARS", "REPORT_FILES", "check_export_fields",
           "report_folder", "title_of", "write_report"]
