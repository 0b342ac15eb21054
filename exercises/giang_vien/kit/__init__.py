"""The lecturer's kit: answer keys, quiz bank, slides and handouts, built from the course's own sources.

Everything here reads the topic notebooks (``notebooks/``), the labs (``exercises/source/``) and the
simulator (``sim``), so that the kit follows them instead of copying them:

* :mod:`.sources` reads the notebooks' discussion questions and texts, and the labs' questions;
* :mod:`.keys` reads the answer keys kept in the lesson plans (``giao_an/``) and in
  ``dap_an_bai_thuc_hanh.md``, and says which question has no key and which key has no question;
* :mod:`.outcomes` reads the course learning outcomes (CLO) of ``chuan_dau_ra.yaml``;
* :mod:`.quiz` reads the quiz bank (``ngan_hang_cau_hoi/``), draws the numbers of its numerical
  questions from a simulator run (:mod:`.quiz_numbers`) and exports Moodle XML, GIFT and QTI;
* :mod:`.artifacts` draws each topic's charts and tables; :mod:`.slides` and :mod:`.handouts` turn
  a topic into offline reveal.js slides and a printable PDF.

Command line (``make slides``, ``make handouts``, ``make quiz``)::

    python -m exercises.giang_vien.kit slides --out build/giang_vien/slides
    python -m exercises.giang_vien.kit handouts --out build/giang_vien/handouts
    python -m exercises.giang_vien.kit quiz --out build/giang_vien/quiz --seed 2026
    python -m exercises.giang_vien.kit keys          # lists questions without a key, keys without a question
"""

from pathlib import Path

KIT_DIR = Path(__file__).resolve().parents[1]
"""``exercises/giang_vien/``: the lecturers' folder."""

ROOT = KIT_DIR.parents[1]
"""The course's root folder."""

NOTEBOOK_DIR = ROOT / "notebooks"
LAB_DIR = ROOT / "exercises" / "source"
LESSON_PLAN_DIR = KIT_DIR / "giao_an"
LAB_KEYS = KIT_DIR / "dap_an_bai_thuc_hanh.md"
QUIZ_DIR = KIT_DIR / "ngan_hang_cau_hoi"
OUTCOMES = KIT_DIR / "chuan_dau_ra.yaml"
VENDOR_DIR = KIT_DIR / "vendor"

TOPICS = tuple(range(16))
"""The lecture topics 0–15 of the curriculum, one notebook each."""
