"""Build the kit's outputs: slides, handouts and quiz exports, for ``make`` and the tests.

Every output is computed in memory first and written only when all of it succeeded; a bad argument
(an output path that is a file, a negative seed, a size out of range) raises
:class:`sim.base.errors.ScenarioError` with a message in Vietnamese and English, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from exercises.giang_vien.kit import TOPICS
from exercises.giang_vien.kit.artifacts import PNG_SCALE, SEED, Artifact, Runs, topic_artifacts
from exercises.giang_vien.kit.handouts import build_handout, write_handouts
from exercises.giang_vien.kit.quiz import write_exports
from exercises.giang_vien.kit.slides import build_deck, write_decks
from exercises.giang_vien.kit.sources import discussion_questions, notebook_text, topic_notebooks
from sim.base.errors import ScenarioError

MIN_CUSTOMERS, MAX_CUSTOMERS = 300, 1_000_000


def check_options(out: Path, seed: int, customers: int | None = None, scale: float = PNG_SCALE) -> None:
    """Refuse bad options before any work: ``out`` must be a folder (or not exist yet), the rest in range."""
    problems = []
    if Path(out).exists() and not Path(out).is_dir():
        problems.append(("--out", str(out), "phải là một thư mục", "must be a folder"))
    if not isinstance(seed, int) or seed < 0:
        problems.append(("--seed", seed, "phải là số nguyên không âm", "must be a non-negative integer"))
    if customers is not None and not MIN_CUSTOMERS <= customers <= MAX_CUSTOMERS:
        problems.append(("--customers", customers, f"phải từ {MIN_CUSTOMERS} đến {MAX_CUSTOMERS:,}".replace(",", "."),
                         f"must be from {MIN_CUSTOMERS} to {MAX_CUSTOMERS:,}"))
    if not 0.5 <= scale <= 4:
        problems.append(("--scale", scale, "phải từ 0,5 đến 4", "must be from 0.5 to 4"))
    if problems:
        raise ScenarioError(problems)


def artifacts(seed: int = SEED, customers: int | None = None, topics: Iterable[int] = TOPICS,
              scale: float = PNG_SCALE) -> dict[int, list[Artifact]]:
    """Every topic's charts and tables, drawn once from shared runs."""
    runs = Runs(seed, customers)
    return {t: topic_artifacts(t, runs, scale) for t in topics}


def build_slides(out: Path, drawn: dict[int, list[Artifact]]) -> list[Path]:
    """One deck per topic of ``drawn`` into ``out`` (see :mod:`.slides`)."""
    notebooks = topic_notebooks()
    decks = []
    for topic, items in drawn.items():
        path = notebooks[topic]
        images = {i: f"hinh/chu_de_{topic:02d}_{i + 1}.png" for i, a in enumerate(items) if a.png}
        deck = build_deck(topic, notebook_text(path), discussion_questions(path), items, images, path.name)
        decks.append((deck, {name: items[i].png for i, name in images.items()}))
    return write_decks(out, decks)


def build_handouts(out: Path, drawn: dict[int, list[Artifact]]) -> list[Path]:
    """One PDF per topic of ``drawn`` into ``out`` (see :mod:`.handouts`)."""
    notebooks = topic_notebooks()
    pdfs = {t: build_handout(t, notebook_text(notebooks[t]), discussion_questions(notebooks[t]), items)
            for t, items in drawn.items()}
    return write_handouts(out, pdfs)


def build_quiz(out: Path, seed: int) -> list[Path]:
    """The quiz bank for the term with ``seed``: Moodle XML, GIFT and QTI (see :mod:`.quiz`)."""
    return write_exports(out, seed)


__all__ = ["artifacts", "build_handouts", "build_quiz", "build_slides", "check_options"]
