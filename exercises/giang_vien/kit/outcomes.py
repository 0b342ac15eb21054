"""The course learning outcomes (CLO) of ``chuan_dau_ra.yaml``: text, Bloom level, topics and labs.

Typical use::

    from exercises.giang_vien.kit.outcomes import load_outcomes
    outcomes = load_outcomes()
    outcomes.topic_clos[9]            # ["CLO4"]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from exercises.giang_vien.kit import OUTCOMES, TOPICS


@dataclass(frozen=True)
class Outcomes:
    """The CLOs (``{id: {"vi", "en", "bloom", "topics"}}``), the CLOs of each topic and of each lab."""

    clos: dict[str, dict]
    topic_clos: dict[int, list[str]]
    lab_clos: dict[str, list[str]]


def load_outcomes(path: Path = OUTCOMES) -> Outcomes:
    """Read and check the outcomes file.

    Raises:
        ValueError: a topic 0–15 belongs to no CLO, a CLO names a topic outside 0–15, or a lab names an unknown CLO.
    """
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    clos = data["clos"]
    topic_clos: dict[int, list[str]] = {t: [] for t in TOPICS}
    for clo, spec in clos.items():
        for topic in spec["topics"]:
            if topic not in topic_clos:
                raise ValueError(f"{clo}: topic {topic} is not one of 0–15")
            topic_clos[topic].append(clo)
    orphans = [t for t, c in topic_clos.items() if not c]
    if orphans:
        raise ValueError(f"topics {orphans} belong to no CLO")
    labs = {lab: list(c) for lab, c in data.get("labs", {}).items()}
    unknown = sorted({c for cs in labs.values() for c in cs} - set(clos))
    if unknown:
        raise ValueError(f"labs name unknown CLOs {unknown}")
    return Outcomes(clos, topic_clos, labs)


__all__ = ["Outcomes", "load_outcomes"]
