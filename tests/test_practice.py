"""The topic notebooks' practice exercises: every check call has its exercise, every exercise its worked answer.

The worked answer of an exercise is the code under the notebook's «Lời giải mẫu» block. Run against the
demonstration shop's tables, it must be accepted by :func:`sim.practice.check`; a wrong answer must not be.
The reference computations themselves are tested against hand-worked tables in ``test_practice_nb*.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.practice import check, exercises, practice_tables

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# A key is "NN.k" for topic notebook NN, or "name.k" for a notebook named after no topic (bat_dau: "bat_dau.1",
# pandas_co_ban: "pandas.1"); the notebook's file name starts with the part before the dot.
KEY = r"(?:\d\d|[a-z_]+)\.\d+"
CHECK_CALL = re.compile(rf"""\bcheck\(\s*["']({KEY})["']""")
WORKED = re.compile(rf"<details>\s*<summary>[^<]*?\b({KEY})[^<]*</summary>\s*```python\n(.*?)```\s*</details>", re.S)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def _worked_answers() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in _cells(path):
            if cell["cell_type"] == "markdown":
                for key, code in WORKED.findall(_text(cell)):
                    found[key] = (path.name, code)
    return found


def _calls() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in _cells(path):
            if cell["cell_type"] == "code":
                for key in CHECK_CALL.findall(_text(cell)):
                    found[key] = path.name
    return found


def _namespace() -> dict[str, object]:
    tables = practice_tables()
    return {"pd": pd, "np": np, "bang": tables, **{name: table.copy() for name, table in tables.items()}}


def test_every_check_call_names_an_exercise_of_its_notebook():
    for key, notebook in _calls().items():
        assert key in exercises(), f"{notebook}: check({key!r}) has no exercise"
        assert notebook.startswith(key.rsplit(".", 1)[0]), f"{notebook} checks {key}, an exercise of another notebook"


def test_every_exercise_is_asked_and_has_a_worked_answer():
    calls, worked = _calls(), _worked_answers()
    for key in exercises():
        assert key in calls, f"exercise {key} is never checked in its notebook"
        assert key in worked, f"exercise {key} has no «Lời giải mẫu» block"


@pytest.mark.parametrize("key", sorted(_worked_answers()))
def test_worked_answer_is_accepted(key: str, capsys: pytest.CaptureFixture[str]):
    notebook, code = _worked_answers()[key]
    namespace = _namespace()
    exec(code, namespace)  # the notebook's own worked answer: running it is the point of the test
    assert "tra_loi" in namespace, f"{notebook}: the worked answer of {key} assigns no tra_loi"
    assert check(key, namespace["tra_loi"]), capsys.readouterr().out  # a Verdict: truthy when right


@pytest.mark.parametrize("key", sorted(exercises()))
def test_stub_and_wrong_answers_are_not_accepted(key: str):
    assert not check(key, ...)
    assert not check(key, None)
    assert not check(key, "không biết")


TOPIC_NOTEBOOKS = sorted([*NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"), NOTEBOOKS / "bat_dau.ipynb"])


@pytest.mark.parametrize("path", TOPIC_NOTEBOOKS, ids=lambda p: p.name)
def test_every_topic_notebook_predicts_first_and_has_two_to_three_exercises(path: Path):
    """Issue of teaching depth: a predict-first box before the main experiment, and 2–3 checked practice exercises."""
    code = "\n".join(_text(c) for c in _cells(path) if c["cell_type"] == "code")
    assert "PredictFirst(" in code, f"{path.name}: no predict-first box"
    keys = set(CHECK_CALL.findall(code))
    assert 2 <= len(keys) <= 3, (path.name, sorted(keys))
