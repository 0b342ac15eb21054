"""Short coded exercises in the topic notebooks: instant check, worked answer hidden until opened.

Each topic notebook ends its main parts with two or three exercises over the demonstration shop's
tables (``datasets/``, read by :func:`practice_tables`): the student writes a few lines of pandas,
assigns the answer, and calls :func:`check`, which compares it with the exercise's reference
computation and prints one line of feedback (:mod:`sim.feedback`: ✓, ✗ with what is wrong, … when
not done). The worked answer sits in the notebook under a closed «Lời giải mẫu» block; these
exercises are practice, never graded (the graded labs are in ``exercises/``).

An exercise is an :class:`Exercise`; the exercises of one notebook live in one module of this
package, named after the notebook (``nb09.py`` for ``09_chi_so_nps.ipynb``), in a list
``EXERCISES``. :func:`exercises` gathers them by key (``"09.1"``). A notebook named after no topic
uses the start of its name instead of a number: ``nbpandas.py`` and ``"pandas.1"`` for
``pandas_co_ban.ipynb``.

Typical use in a notebook::

    from sim.practice import check, practice_tables
    bang = practice_tables()
    orders = bang["orders"]
    tra_loi = orders["amount_vnd"].mean()
    check("11.1", tra_loi)
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from sim.base.checks import check_choice
from sim.engine.io import shipped_tables
from sim.feedback import check_choice as check_choice_answer
from sim.feedback import check_frame, check_number, check_set

Kind = Literal["number", "frame", "set", "choice"]
Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Exercise:
    """One practice exercise.

    Attributes:
        key: ``"NN.k"``: the notebook's number (or the start of its name, ``"pandas"``) and the exercise's rank in it.
        question: the task, in Vietnamese, as the notebook states it.
        kind: what the answer is: a number, a table (``frame``), a set of items, or one choice.
        reference: the worked answer, computed from the tables (a number, a DataFrame, an iterable
            or a text); the notebook's «Lời giải mẫu» computes the same.
        rel_tol: relative tolerance of a number or of a table's numbers.
        frame_key: the column(s) a table answer is matched on (``kind="frame"``); its other
            columns are compared.
        unit: the unit a number answer is shown in by the feedback (``"₫"``, ``"%"``…), if any.
    """

    key: str
    question: str
    kind: Kind
    reference: Callable[[Tables], Any]
    rel_tol: float = 0.01
    frame_key: str | tuple[str, ...] | None = None
    unit: str = ""


@functools.cache
def practice_tables() -> dict[str, pd.DataFrame]:
    """The demonstration shop's observed tables (``datasets/``), the truth left out; read once per kernel."""
    return {name: table for name, table in shipped_tables().items() if name != "truth"}


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("nb"))


@functools.cache
def exercises() -> dict[str, Exercise]:
    """Every exercise of every notebook, by key."""
    found: dict[str, Exercise] = {}
    for name in _modules():
        for exercise in importlib.import_module(f"{__name__}.{name}").EXERCISES:
            if exercise.key in found:
                raise ValueError(f"two exercises with the key {exercise.key!r}")
            found[exercise.key] = exercise
    return found


def check(key: str, answer: object, tables: Tables | None = None) -> bool:
    """Compare a student's answer with the exercise's reference and show the feedback line.

    Args:
        key: the exercise's key, for example ``"09.1"``.
        answer: what the student computed (``...`` or ``None`` while not done).
        tables: the tables to compute the reference from; the demonstration shop's by default.

    Returns:
        ``True`` when the answer is right.

    Raises:
        sim.base.errors.DataError: an unknown key.
    """
    exercise = exercises()[check_choice("key", key, sorted(exercises()))]
    expected = exercise.reference(practice_tables() if tables is None else tables)
    question = f"Bài tập {key}"
    if exercise.kind == "number":
        return check_number(question, answer, float(expected), rel_tol=exercise.rel_tol, unit=exercise.unit)
    if exercise.kind == "frame":
        keys = [exercise.frame_key] if isinstance(exercise.frame_key, str) else list(exercise.frame_key or ())
        return check_frame(question, answer, expected, key=keys, rel_tol=exercise.rel_tol,
                           columns=[c for c in expected.columns if c not in keys])
    if exercise.kind == "set":
        return check_set(question, answer, expected)
    return check_choice_answer(question, answer, expected)
