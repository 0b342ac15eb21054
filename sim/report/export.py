"""Write a group's "Quan hệ khách hàng" section as an HTML page and a Word document.

Everything is computed and laid out in memory first; the folder and the two files are written only
when all of it succeeded. A bad scenario (or seed, or output folder) raises
:class:`sim.errors.ScenarioError` before anything runs, and nothing is written.

Typical use::

    from sim.report import write_report
    write_report("exercises/du_an_nhom/kich_ban.yaml", "bao_cao", seeds=5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sim.errors import ScenarioError
from sim.labels import label
from sim.report.group_text import check_group_text, load_group_text
from sim.report.html_page import to_html
from sim.report.layout import SECTION_KEY
from sim.report.project import DEFAULT_SEED, run_project
from sim.report.section import build_section
from sim.report.word import to_docx
from sim.scenario.schema import Scenario

FILE_STEM = "quan_he_khach_hang"
"""Name of the two files written: ``quan_he_khach_hang.html`` and ``quan_he_khach_hang.docx``."""


def write_report(source: str | Path | Mapping[str, Any] | Scenario, out: str | Path, *, seed: int = DEFAULT_SEED,
                 seeds: int | Iterable[int] = 5, customers: int | None = None,
                 text: str | Path | Mapping[str, str] | None = None) -> list[Path]:
    """Simulate the group's shop, lay out its section and write it as HTML and .docx into ``out``.

    Args:
        source: the group's scenario (a YAML file, a preset name, a mapping or a Scenario).
        out: the folder to write into; created if missing.
        seed, seeds, customers: as in :func:`sim.report.project.run_project` (``seeds`` seeds from ``seed`` on).
        text: the group's own reasoning, one text per part (a YAML file like ``exercises/du_an_nhom/nhan_dinh.yaml``
            or a mapping); parts without text get a placeholder asking for it (:mod:`sim.report.group_text`).

    Returns:
        The two paths written: the HTML page, then the Word document.

    Raises:
        ScenarioError: a bad scenario, seed, ``seeds``, ``customers``, group text, or ``out`` that is a file;
            nothing is written.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ScenarioError([("--out", str(out), "phải là một thư mục", "must be a folder")])
    texts = check_group_text(text) if isinstance(text, Mapping) else load_group_text(text) if text is not None else {}
    project = run_project(source, seed=seed, seeds=seeds, customers=customers)
    blocks = build_section(project, texts=texts)
    title = f"{label('report', SECTION_KEY)} – {project.scenario.description or project.scenario.name}"
    html, docx = to_html(blocks, title), to_docx(blocks, title)
    out.mkdir(parents=True, exist_ok=True)
    html_path, docx_path = out / f"{FILE_STEM}.html", out / f"{FILE_STEM}.docx"
    html_path.write_text(html, encoding="utf-8")
    docx_path.write_bytes(docx)
    return [html_path, docx_path]


__all__ = ["FILE_STEM", "write_report"]
