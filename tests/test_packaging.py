"""Layout, packaging and the two set-up commands."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def test_top_level_layout():
    for name in ("notebooks", "sim", "datasets", "exercises", "tests", "benchmarks"):
        assert (ROOT / name).is_dir(), name
    for name in ("environment.yml", "pyproject.toml", "Makefile", "README.md", ".ci/run"):
        assert (ROOT / name).is_file(), name


def test_environment_and_pyproject_agree():
    """pyproject.toml (as installed, with its extras) and environment.yml list the same packages and bounds."""
    wanted = {}
    for spec in metadata.requires("ecrm-sim"):
        req = Requirement(spec)
        if req.marker is None or any(req.marker.evaluate({"extra": extra}) for extra in ("test", "lecturer")):
            wanted[_name(req.name)] = str(req.specifier)
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    assert env["name"] == "ecrm"
    assert env["channels"] == ["conda-forge"]
    found = {}
    pip_items = [i for d in env["dependencies"] if isinstance(d, dict) for i in d.get("pip", []) if i != "-e ."]
    for item in [d for d in env["dependencies"] if isinstance(d, str)] + pip_items:
        req = Requirement(item)
        if req.name in ("python", "pip"):
            continue
        found[_name(req.name)] = str(req.specifier)
    assert found == wanted
    py = [d for d in env["dependencies"] if isinstance(d, str) and Requirement(d).name == "python"]
    assert py == ["python>=3.10"] and metadata.metadata("ecrm-sim")["Requires-Python"] == ">=3.10"


def test_readme_opens_with_the_two_commands_vietnamese_first():
    text = (ROOT / "README.md").read_text("utf-8")
    head = text[: text.index("conda env create")]
    vi = head.find("Bắt đầu")
    en = head.find("Getting started")
    assert 0 <= vi < en, "the Vietnamese section comes first"
    for section in (head[vi:en], head[en:]):
        assert "make lab" in section and "make test" in section
    assert "conda activate ecrm" in text and "jupyter lab" in text
    assert "Windows" in text


def test_makefile_adds_allow_root_only_for_root():
    text = (ROOT / "Makefile").read_text("utf-8")
    assert 'ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)' in text
    assert "jupyter lab $(ROOT_FLAG)" in text


def test_core_modules_do_not_import_presentation_libraries():
    for path in (ROOT / "sim").rglob("*.py"):
        if "charts" in path.parts or "widgets" in path.parts:
            continue
        text = path.read_text("utf-8")
        assert "import ipywidgets" not in text and "import altair" not in text, path


def test_no_global_random_state_in_the_package():
    pattern = re.compile(r"np\.random\.(seed|rand|randn|random|choice|uniform|normal|poisson)\(|random\.seed\(")
    for path in (ROOT / "sim").rglob("*.py"):
        assert not pattern.search(path.read_text("utf-8")), path


def test_makefile_targets_parse():
    """A dry run of every documented target: a broken Makefile fails here, not on a student's machine."""

    if shutil.which("make") is None:

        pytest.skip("make is not installed")
    done = subprocess.run(["make", "-n", "lab", "test", "demo", "data", "labs", "grade", "bench", "lint"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower(), done.stderr
