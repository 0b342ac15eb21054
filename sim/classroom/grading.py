"""Grading an estimate against the student's own truth, inside nbgrader's autograde.

The hidden tests of a lab's estimate question call :func:`grade_estimate`. On the lecturer's
machine, ``make grade`` runs autograde with the class's secret and record in the environment
(``ECRM_SECRET_FILE``, ``ECRM_CLASS``) and ``ECRM_GRADING=1``; each notebook runs in
``autograded/<student_id>/<lab>/``, which names the student (or ``ECRM_STUDENT`` does). The grading
then rebuilds that student's shop from the secret (the same tables the student had: checked
against the fingerprint in the class record), computes the hidden truth of the question
(:mod:`sim.classroom.truths`) and scores the estimate with the tolerance bands of the calibration
(:mod:`sim.classroom.calibration`): within the full band the question earns all its points,
within the partial band half of them.

Outside a class (no secret in the environment) the same hidden tests grade against the
demonstration shop's truth, so the course's own tests can run the solutions.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sim.base.errors import BilingualError
from sim.base.version import __version__
from sim.classroom.calibration import band_for
from sim.classroom.errors import ClassroomError
from sim.classroom.record import CLASS_ENV, ClassRecord, read_record
from sim.classroom.secret import SECRET_ENV, SECRET_FILE_ENV, canonical_id, secret_check, secret_from_environment
from sim.classroom.shop import (
    HIDDEN_TABLES,
    demonstration_data,
    demonstration_hidden,
    demonstration_variant,
    fingerprint,
    read_shop,
    rebuilt_shop,
)
from sim.classroom.truths import ESTIMATES, Shop
from sim.classroom.variants import variant_for
from sim.engine.io import read_table
from sim.feedback import check_estimate, grading

CACHE_ENV = "ECRM_CACHE"
"""A folder where grading keeps each student's rebuilt shop and truths (lecturer's machine only)."""
HIDDEN_DIR = "an"
TRUTHS_FILE = "su_that.json"
STUDENT_ENV = "ECRM_STUDENT"
"""The student whose notebook is graded, when the folder does not say it."""
AUTOGRADED = "autograded"
"""nbgrader runs a submission in ``autograded/<student_id>/<lab>/``."""
BANDS: tuple[str, ...] = ("mot_phan", "day_du")
"""``mot_phan``: the partial band (half the points); ``day_du``: the full band (all the points)."""


@dataclass(frozen=True)
class GradingClass:
    """A grading run of a class: its secret, its record and the student being graded."""

    secret: bytes
    record: ClassRecord
    student_id: str


def current_student(cwd: Path | None = None) -> str:
    """The id of the student whose notebook runs: ``ECRM_STUDENT``, or the folder ``autograded/<id>/<lab>``.

    Raises:
        ClassroomError: neither says which student this is.
    """
    named = os.environ.get(STUDENT_ENV, "").strip()
    if named:
        return named
    here = (cwd or Path.cwd()).resolve()
    if here.parent.parent.name == AUTOGRADED:
        return here.parent.name
    raise ClassroomError([(STUDENT_ENV, str(here), f"không biết đang chấm bài của sinh viên nào: hãy chấm bằng `make grade` "
                                                   f"(nbgrader chạy bài trong {AUTOGRADED}/<mã sinh viên>/<bài>) hoặc đặt "
                                                   f"{STUDENT_ENV}", "which student is being graded is unknown: grade "
                                                   f"with `make grade` (nbgrader runs in {AUTOGRADED}/<student id>/<lab>) "
                                                   f"or set {STUDENT_ENV}")])


def grading_class() -> GradingClass | None:
    """The class being graded, or ``None`` when no grading of a class is under way.

    A class is graded when ``ECRM_GRADING=1`` and a secret is in the environment; the class record
    (``ECRM_CLASS``) must then be given too, and must know the student.

    Raises:
        ClassroomError: a secret without a record, a record of another secret, an unknown student.
    """
    if not grading():
        return None
    secret = secret_from_environment()
    if secret is None:
        return None
    path = os.environ.get(CLASS_ENV, "").strip()
    if not path:
        raise ClassroomError([(CLASS_ENV, "", f"có bí mật ({SECRET_ENV} hoặc {SECRET_FILE_ENV}) nhưng thiếu bản ghi lớp; đặt "
                                              f"{CLASS_ENV} là đường dẫn tới lop_hoc.json do `make packs` ghi",
                               f"a secret is set but no class record; set {CLASS_ENV} to the lop_hoc.json `make packs` wrote")])
    record = read_record(path)
    record.check_secret(secret, SECRET_FILE_ENV if os.environ.get(SECRET_FILE_ENV) else SECRET_ENV)
    return GradingClass(secret, record, record.student(current_student()))


def _cached(folder: Path, expected_fingerprint: str, variant) -> Shop | None:
    """The shop kept in the grading cache, when it is whole and still the pack's (same fingerprint)."""
    try:
        if fingerprint(folder) != expected_fingerprint:
            return None
        data = read_shop(folder, kind="cham")
        hidden = {name: read_table(folder / HIDDEN_DIR / f"{name}.csv", name) for name in HIDDEN_TABLES}
        truths = json.loads((folder / HIDDEN_DIR / TRUTHS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, BilingualError):
        return None
    return Shop(variant, data, hidden, {k: float(v) for k, v in truths.items()})


def _keeper(folder: Path):
    def keep(truths: dict[str, float]) -> None:
        path = folder / HIDDEN_DIR / TRUTHS_FILE
        tmp = path.with_name(f".{TRUTHS_FILE}.{os.getpid()}")
        tmp.write_text(json.dumps(truths, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    return keep


def _cache_folder(secret: bytes, student_id: str, customers: int | None) -> Path | None:
    root = os.environ.get(CACHE_ENV, "").strip()
    if not root:
        return None
    size = "chuan" if customers is None else str(customers)
    return Path(root) / f"{secret_check(secret)}-{__version__}-{size}" / canonical_id(student_id)


@functools.lru_cache(maxsize=4)
def graded_shop(secret: bytes, student_id: str, customers: int | None, expected_fingerprint: str) -> Shop:
    """A student's shop rebuilt from the secret, checked against the fingerprint of the student's pack.

    With ``ECRM_CACHE`` set (``make grade`` sets it inside the class folder), the rebuilt shop and the
    truths computed from it are kept there, so the other labs of the same student read them instead of
    running the shop again; the cache is used only while its files still have the pack's fingerprint. It
    holds truths: it stays on the lecturer's machine, like the secret.

    Raises:
        ClassroomError: the rebuilt data differ from the pack's (another package version, another size).
    """
    variant = variant_for(secret, student_id, customers=customers)
    cache = _cache_folder(secret, student_id, customers)
    if cache is not None:
        kept = _cached(cache, expected_fingerprint, variant)
        if kept is not None:
            kept.keep = _keeper(cache)
            return kept
    with tempfile.TemporaryDirectory(prefix="ecrm-cham-") as tmp:
        data, hidden, rebuilt = rebuilt_shop(variant, keep_in=Path(tmp))
        if rebuilt == expected_fingerprint and cache is not None:
            (Path(tmp) / HIDDEN_DIR).mkdir()
            for name, table in hidden.items():
                table.to_csv(Path(tmp) / HIDDEN_DIR / f"{name}.csv", index=False, date_format="%Y-%m-%d %H:%M:%S",
                             lineterminator="\n")
            (Path(tmp) / HIDDEN_DIR / TRUTHS_FILE).write_text("{}\n", encoding="utf-8")
            shutil.rmtree(cache, ignore_errors=True)
            cache.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(tmp, cache)
    if rebuilt != expected_fingerprint:
        raise ClassroomError([(student_id, rebuilt[:12], "dữ liệu tạo lại từ bí mật khác dữ liệu trong gói của sinh viên "
                                                            f"(dấu {expected_fingerprint[:12]}): gói được tạo bằng phiên bản "
                                                            "khác của gói phần mềm, hoặc với cỡ cửa hàng khác; hãy chấm "
                                                            "bằng đúng phiên bản đã tạo gói",
                               "the data rebuilt from the secret differ from those in the student's pack: the packs were "
                               "made with another version of the package, or another shop size; grade with that version")])
    return Shop(variant, data, hidden, keep=_keeper(cache) if cache is not None else None)


@functools.lru_cache(maxsize=1)
def demonstration_shop() -> Shop:
    """The demonstration shop (``datasets/``) with its truth: what grading uses outside a class."""
    return Shop(demonstration_variant(), demonstration_data(), demonstration_hidden())


def current_shop() -> Shop:
    """The shop being graded: the student's own during a class's grading, the demonstration shop otherwise."""
    graded = grading_class()
    if graded is None:
        return demonstration_shop()
    record = graded.record
    return graded_shop(graded.secret, graded.student_id, record.customers, record.fingerprints[graded.student_id])


def grade_estimate(lab: str, question: str, answer: object, *, band: str) -> float:
    """Score a lab's estimate against the graded shop's hidden truth, with the calibrated band.

    A hidden test of the lab calls it twice, once per band (one point each):
    ``grade_estimate("lab03_nps", "cau6", uoc_luong, band="mot_phan")`` and ``band="day_du"``.

    Args:
        lab, question: the lab and the question (a key of :data:`sim.classroom.truths.ESTIMATES`).
        answer: the student's estimate.
        band: ``"mot_phan"`` (the partial band) or ``"day_du"`` (the full band).

    Returns:
        1.0 when the estimate is within the band, else 0.0 (and, while grading, the check raises).
    """
    key = f"{lab}/{question}"
    if key not in ESTIMATES:
        raise ClassroomError([("question", key, f"không phải câu ước lượng; các câu: {sorted(ESTIMATES)}",
                               f"not an estimate question; the questions: {sorted(ESTIMATES)}")])
    if band not in BANDS:
        raise ClassroomError([("band", band, f"phải là một trong {list(BANDS)}", f"must be one of {list(BANDS)}")])
    estimate = ESTIMATES[key]
    shop = current_shop()
    tolerance = band_for(key, band, shop.variant.customers)
    name = "điểm đầy đủ" if band == "day_du" else "điểm một phần"
    label = f"{estimate.label_vi} – {name}, sai số ≤ {round(100 * tolerance)}%"
    truth = shop.truth(key)
    return check_estimate(label, answer, truth, good_rel_err=tolerance, fair_rel_err=tolerance, unit=estimate.unit)


__all__ = ["BANDS", "CACHE_ENV", "STUDENT_ENV", "GradingClass", "current_shop", "current_student", "demonstration_shop",
           "grade_estimate", "graded_shop", "grading_class"]
