"""Which shop a lab works on: the student's own when there is one, the demonstration shop otherwise.

The first cell of every lab calls :func:`lab_data`. It returns, in this order of preference:

1. while a lecturer grades a class (``ECRM_GRADING=1`` and the class's secret in the environment):
   the graded student's shop, rebuilt from the secret (:mod:`sim.classroom.grading`);
2. the student's own data: the folder named by ``ECRM_DATA``, or a folder :data:`~sim.classroom.shop.DATA_DIR`
   (``du_lieu_rieng/``) found in the notebook's folder or one of its parents, or at the root of the
   installed course (the student's pack);
3. the course's demonstration shop (``datasets/``): for practice and self-study, the same for everyone
   and never graded.

Typical use (a lab's first cell)::

    from sim.classroom.lab_data import lab_data
    du_lieu = lab_data()
    print(du_lieu.describe())
    bang = du_lieu.tables
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.base.output_folder import SHIPPED_DIR
from sim.classroom.errors import ClassroomError
from sim.classroom.grading import current_shop, grading_class
from sim.classroom.shop import CARD_FILE, DATA_DIR, LabData, demonstration_data, read_shop

DATA_ENV = "ECRM_DATA"
"""A student's own data folder, named in the environment (a JupyterHub where the data lie elsewhere)."""
SEARCH_PARENTS = 4
"""How many folders above the notebook's to look for the student's data."""


def own_data_folder(cwd: Path | None = None) -> Path | None:
    """The student's own data folder, or ``None`` (see the module's docstring for where it is looked for).

    Raises:
        ClassroomError: ``ECRM_DATA`` names a folder without a shop card.
    """
    named = os.environ.get(DATA_ENV, "").strip()
    if named:
        folder = Path(named)
        if not (folder / CARD_FILE).is_file():
            raise ClassroomError([(DATA_ENV, named, f"thư mục này không có {CARD_FILE}: không phải dữ liệu riêng của sinh viên",
                                   f"this folder holds no {CARD_FILE}: it is not a student's own data")])
        return folder
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *list(here.parents)[:SEARCH_PARENTS], SHIPPED_DIR.parent):
        if (folder / DATA_DIR / CARD_FILE).is_file():
            return folder / DATA_DIR
    return None


def lab_data(cwd: Path | None = None) -> LabData:
    """The shop the lab works on: the graded student's, the student's own, or the demonstration shop."""
    if grading_class() is not None:
        return current_shop().data
    folder = own_data_folder(cwd)
    if folder is not None:
        return read_shop(folder)
    return demonstration_data()


__all__ = ["DATA_ENV", "lab_data", "own_data_folder"]
