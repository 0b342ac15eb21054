"""Notebooks are committed without outputs or execution counts."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_notebooks_have_no_outputs():
    notebooks = [p for p in ROOT.rglob("*.ipynb") if ".venv" not in p.parts and ".ipynb_checkpoints" not in p.parts]
    assert notebooks
    for path in notebooks:
        cells = json.loads(path.read_text("utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, path
