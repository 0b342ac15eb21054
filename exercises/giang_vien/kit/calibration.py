"""Calibrate the labs' estimate questions (``make calibrate``): bands from the truth's noise, reference against naive.

For each of N shops of the variant family (students ``hc-001``, ``hc-002``… of a public calibration secret:
these shops are nobody's), the shop is run twice from the same scenario with independent seeds, two years
the same shop could have had. For every estimate question (:data:`sim.classroom.truths.ESTIMATES`):

* the truth of both runs gives the truth's relative scatter within one shop,
  σ = √(mean(d²) / 2) with d = (T₁ − T₂) / ((T₁ + T₂) / 2), and from it the bands
  (:func:`sim.classroom.calibration.bands_from_scatter`: full = 2σ rounded up to a percent, partial = twice that);
* the reference solution (the lab's solution notebook in ``exercises/source``, its code cells run on the first
  run's observed tables, as a student would) and the naive answer (``cham_bai/uoc_luong_ngay_tho.yaml``,
  evaluated on the same run) are scored against T₁ with those bands, out of 2 points.

The results are written as data (``cham_bai/hieu_chinh.json``, read by grading) and as one lecturer's note
per lab (``cham_bai/<lab>.md``), with the command that recomputes them. The kit is never part of a student pack.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import math
import os
import tempfile
from multiprocessing import get_context
from pathlib import Path

import nbformat
import numpy as np
import yaml

from exercises.giang_vien.kit import KIT_DIR, LAB_DIR
from exercises.giang_vien.kit.rubrics import rubric_section
from sim.base.errors import ScenarioError
from sim.base.formats import vi_number
from sim.base.version import __version__
from sim.classroom.calibration import CALIBRATION_FORMAT, FULL_BAND_SIGMAS, MIN_FULL_BAND, PARTIAL_BAND_FACTOR, bands_from_scatter
from sim.classroom.lab_data import DATA_ENV
from sim.classroom.secret import derive_seed
from sim.classroom.shop import rebuilt_shop
from sim.classroom.truths import ESTIMATES, Shop
from sim.classroom.variants import PURPOSES, variant_for

GRADING_DIR = KIT_DIR / "cham_bai"
"""The kit's grading folder: the naive answers, the calibration data and the lecturer's notes."""
NAIVE_FILE = GRADING_DIR / "uoc_luong_ngay_tho.yaml"
CALIBRATION_FILE = "hieu_chinh.json"
SECRET = b"hieu-chinh-dai-diem/ecrm/cong-khai"
"""The calibration's secret: public on purpose, its shops belong to no student."""
MIN_SHOPS, MAX_SHOPS = 3, 2000


def calibration_student(index: int) -> str:
    return f"hc-{index + 1:03d}"


def naive_answers(path: Path = NAIVE_FILE) -> dict[str, dict]:
    """The naive answer of each estimate question: ``{key: {"bien", "ngay_tho", "vi_sao"}}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key: data[key] for key in ESTIMATES}


def solution_cells(lab: str) -> list[str]:
    """The code a student runs in the lab's solution notebook: every code cell except the graded checks."""
    nb = nbformat.read(LAB_DIR / lab / f"{lab}.ipynb", as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")]


def run_solution(lab: str, data_folder: Path) -> dict:
    """Run the lab's solution on a student's own data folder (``ECRM_DATA``); the notebook's variables."""
    namespace: dict = {"__name__": f"lab_{lab}"}
    saved = {name: os.environ.get(name) for name in (DATA_ENV, "ECRM_GRADING")}
    os.environ[DATA_ENV], os.environ["ECRM_GRADING"] = str(data_folder), "0"
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for source in solution_cells(lab):
                exec(compile(source, f"<{lab}>", "exec"), namespace)  # the course's own solution notebooks
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return namespace


def _number(value: object) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _replica(variant, student_id: str):
    seeds = {purpose: derive_seed(SECRET, student_id, f"{purpose}/ban-sao") for purpose in PURPOSES}
    return dataclasses.replace(variant, seeds=seeds)


def question_keys(labs: list[str] | None = None) -> list[str]:
    """The estimate questions to calibrate: every one, or those of the named labs.

    Raises:
        ScenarioError: a named lab has no estimate question.
    """
    if not labs:
        return list(ESTIMATES)
    known = sorted({q.lab for q in ESTIMATES.values()})
    unknown = [lab for lab in labs if lab not in known]
    if unknown:
        raise ScenarioError([("--lab", lab, f"phải là một bài có câu ước lượng: {known}",
                              f"must be a lab with an estimate question: {known}") for lab in unknown])
    return [key for key, q in ESTIMATES.items() if q.lab in labs]


def calibrate_shop(index: int, customers: int | None, keys: list[str] | None = None) -> dict[str, dict[str, float]]:
    """One shop of the family: for every estimate question (or those of ``keys``), the two truths, the reference and the
    naive answer."""
    student = calibration_student(index)
    variant = variant_for(SECRET, student, customers=customers)
    replica = _replica(variant, student)
    data2, hidden2, _ = rebuilt_shop(replica)
    second = Shop(replica, data2, hidden2)
    naive = naive_answers()
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="ecrm-hieu-chinh-") as tmp:
        data, hidden, _ = rebuilt_shop(variant, keep_in=Path(tmp))
        first = Shop(variant, data, hidden)
        for key in keys or list(ESTIMATES):
            question = ESTIMATES[key]
            namespace = run_solution(question.lab, Path(tmp))
            out[key] = {
                "truth": first.truth(key),
                "truth_replica": second.truth(key),
                "reference": _number(namespace.get(question.variable)),
                "naive": _number(eval(naive[key]["ngay_tho"], namespace)),
            }
    return out


def _score(estimate: np.ndarray, truth: np.ndarray, full: float, partial: float) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        error = np.abs(estimate - truth) / np.abs(truth)
    return np.where(error <= full, 2.0, np.where(error <= partial, 1.0, 0.0))


def _summary(estimate: np.ndarray, truth: np.ndarray, full: float, partial: float) -> dict[str, float]:
    with np.errstate(invalid="ignore", divide="ignore"):
        error = (estimate - truth) / np.abs(truth)
    score = _score(estimate, truth, full, partial)
    return {
        "mean_score": round(float(score.mean()), 3),
        "full_share": round(float((score == 2).mean()), 3),
        "zero_share": round(float((score == 0).mean()), 3),
        "mean_abs_rel_error": round(float(np.nanmean(np.abs(error))), 4),
        "bias": round(float(np.nanmean(error)), 4),
    }


def summarise(shops: list[dict[str, dict[str, float]]], customers: int | None, command: str) -> dict:
    """The calibration data from the shops' results (see the module's docstring)."""
    questions = {}
    for key, question in ESTIMATES.items():
        if key not in shops[0]:
            continue
        t1 = np.array([s[key]["truth"] for s in shops])
        t2 = np.array([s[key]["truth_replica"] for s in shops])
        d = (t1 - t2) / ((t1 + t2) / 2)
        sigma = float(math.sqrt(float(np.mean(d ** 2)) / 2))
        full, partial = bands_from_scatter(sigma)
        reference = np.array([s[key]["reference"] for s in shops])
        naive = np.array([s[key]["naive"] for s in shops])
        questions[key] = {
            "label": f"{question.label_vi}: {question.about_vi}",
            "truth_mean": round(float(t1.mean()), 6),
            "truth_family_cv": round(float(t1.std(ddof=1) / abs(t1.mean())), 4) if len(t1) > 1 else None,
            "truth_rel_sd": round(sigma, 6),
            "full": full,
            "partial": partial,
            "reference": _summary(reference, t1, full, partial),
            "naive": _summary(naive, t1, full, partial),
        }
    return {
        "format": CALIBRATION_FORMAT,
        "command": command,
        "package_version": __version__,
        "customers": customers,
        "shops": len(shops),
        "rule": (f"σ = √(mean(d²)/2), d = (T₁ − T₂)/((T₁ + T₂)/2) giữa hai lần chạy của cùng một cửa hàng; "
                 f"dải đầy đủ = max({round(100 * MIN_FULL_BAND)}%, {FULL_BAND_SIGMAS:g}σ làm tròn lên 1%); "
                 f"dải một phần = {PARTIAL_BAND_FACTOR:g} × dải đầy đủ"),
        "questions": questions,
    }


def check_options(shops: int, customers: int | None, jobs: int) -> None:
    """Refuse bad options before any work (bilingual messages)."""
    problems = []
    if isinstance(shops, bool) or not isinstance(shops, int) or not MIN_SHOPS <= shops <= MAX_SHOPS:
        problems.append(("--shops", shops, f"phải là số nguyên từ {MIN_SHOPS} đến {MAX_SHOPS}",
                         f"must be an integer from {MIN_SHOPS} to {MAX_SHOPS}"))
    if customers is not None and (isinstance(customers, bool) or not isinstance(customers, int) or customers < 300):
        problems.append(("--customers", customers, "phải là số nguyên ≥ 300 (hoặc bỏ trống: cỡ chuẩn)",
                         "must be an integer ≥ 300 (or left out: the standard size)"))
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= 64:
        problems.append(("--jobs", jobs, "phải là số nguyên từ 1 đến 64", "must be an integer from 1 to 64"))
    if problems:
        raise ScenarioError(problems)


def _one(args: tuple[int, int | None, list[str] | None]) -> dict:
    return calibrate_shop(*args)


def calibrate(shops: int, customers: int | None = None, jobs: int = 1, command: str = "",
              labs: list[str] | None = None) -> dict:
    """Calibrate every estimate question (or those of ``labs``) over ``shops`` shops of the family (``jobs`` processes)."""
    check_options(shops, customers, jobs)
    keys = question_keys(labs)
    tasks = [(i, customers, keys) for i in range(shops)]
    if jobs == 1:
        results = [_one(task) for task in tasks]
    else:
        with get_context("spawn").Pool(jobs) as pool:
            results = pool.map(_one, tasks)
    return summarise(results, customers, command)


def merged(new: dict, old: dict) -> dict:
    """The calibration ``old`` with the questions of ``new`` (a calibration of some labs only) replaced or added.

    Each question calibrated apart keeps its own number of shops and command (``shops``, ``command``).

    Raises:
        ScenarioError: the two calibrations are for shops of different sizes.
    """
    if old.get("customers") != new["customers"]:
        raise ScenarioError([("--customers", new["customers"], f"dữ liệu hiệu chỉnh hiện có là cho cỡ {old.get('customers')}; "
                              "hiệu chỉnh một bài phải cùng cỡ", f"the existing calibration is for size "
                              f"{old.get('customers')}; calibrating some labs needs the same size")])
    out = dict(old)
    out["questions"] = dict(old["questions"])
    for key, entry in new["questions"].items():
        out["questions"][key] = {**entry, "shops": new["shops"], "command": new["command"]}
    return out


def _pct(value: float) -> str:
    return f"{vi_number(100 * value, 1)}%"


def lab_note(lab: str, data: dict, naive: dict[str, dict]) -> str:
    """The lecturer's note of one lab: how its estimate question is graded, the calibration's figures, and the rubric of
    its judgement questions (:mod:`exercises.giang_vien.kit.rubrics`)."""
    lines = [f"# Chấm câu ước lượng: `{lab}`", "",
             "*Tài liệu của giảng viên: không phát cho sinh viên, không đưa vào gói của sinh viên. Tệp này do "
             f"`{data['command']}` tạo ra; đừng sửa tay.*", ""]
    size = "cỡ chuẩn của kịch bản, khoảng 10.000 khách tiềm năng một năm" if data["customers"] is None else \
        f"mỗi cửa hàng {vi_number(data['customers'], 0)} khách tiềm năng"
    for key, q in data["questions"].items():
        if not key.startswith(f"{lab}/"):
            continue
        estimate = ESTIMATES[key]
        reasoning = [line.strip().lstrip("#").strip() for line in _solution_source(lab, estimate.variable).splitlines()
                     if line.strip().startswith("#") and "SOLUTION" not in line]
        r, n = q["reference"], q["naive"]
        shops = q.get("shops", data["shops"])
        if q.get("command"):
            lines[2] = lines[2].replace(data["command"], q["command"])
        lines += [
            f"## {q['label']}", "",
            f"**Sự thật được chấm.** {estimate.truth_vi}", "",
            f"**Hiệu chỉnh.** {shops} cửa hàng của họ biến thể ({size}), mỗi cửa hàng chạy hai lần với hai hạt giống "
            f"độc lập. Sự thật trung bình {vi_number(q['truth_mean'], 4 if abs(q['truth_mean']) < 10 else 0)}; giữa các cửa "
            f"hàng nó thay đổi khoảng {_pct(q['truth_family_cv'] or 0)} (độ lệch chuẩn tương đối), còn giữa hai lần chạy của "
            f"cùng một cửa hàng nó dao động σ = {_pct(q['truth_rel_sd'])}. Không ước lượng nào chắc hơn dao động đó, nên "
            f"**dải đầy đủ** (2 điểm) là sai số tương đối đến {_pct(q['full'])} và **dải một phần** (1 điểm) đến "
            f"{_pct(q['partial'])}.", "",
            "| Câu trả lời | Điểm trung bình (trên 2) | Đủ 2 điểm | 0 điểm | Sai số tương đối trung bình | Độ lệch trung bình |",
            "|---|---|---|---|---|---|",
            f"| Lời giải mẫu | {vi_number(r['mean_score'], 2)} | {_pct(r['full_share'])} | {_pct(r['zero_share'])} | "
            f"{_pct(r['mean_abs_rel_error'])} | {_pct(r['bias'])} |",
            f"| Câu trả lời ngây thơ | {vi_number(n['mean_score'], 2)} | {_pct(n['full_share'])} | {_pct(n['zero_share'])} | "
            f"{_pct(n['mean_abs_rel_error'])} | {_pct(n['bias'])} |", "",
            "**Lời giải mẫu** (`exercises/source/`): " + (" ".join(reasoning) or "xem ô lời giải của câu."), "",
            f"**Câu trả lời ngây thơ**: `{naive[key]['bien']} = {naive[key]['ngay_tho']}`. {naive[key]['vi_sao']}", "",
            f"Trên các cửa hàng này, lời giải mẫu được trung bình {vi_number(r['mean_score'], 2)} điểm trên 2, câu trả lời "
            f"ngây thơ {vi_number(n['mean_score'], 2)}. Ở cửa hàng nào câu trả lời ngây thơ lệch ít hơn độ dao động tự nhiên của "
            "sự thật, nó vẫn được đủ điểm: dải điểm không phạt điều mà dữ liệu không phân biệt được. Sau khi chấm, phản hồi của "
            "nbgrader cho mỗi sinh viên thấy sự thật của cửa hàng mình và sai số của mình: dùng nó để chữa bài.", "",
        ]
    lines += rubric_section(lab)
    lines += ["## Tính lại / recompute", "", "```bash", "make calibrate            # ghi cham_bai/hieu_chinh.json và các ghi chú này",
              "```", "", f"Quy tắc: {data['rule']}.", ""]
    return "\n".join(lines)


def _solution_source(lab: str, variable: str) -> str:
    nb = nbformat.read(LAB_DIR / lab / f"{lab}.ipynb", as_version=4)
    return next((c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")
                 and c.source.startswith(f"{variable} = None")), "")


def write_calibration(data: dict, out: Path = GRADING_DIR) -> list[Path]:
    """Write the calibration data and one lecturer's note per lab into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    naive = naive_answers()
    written = [out / CALIBRATION_FILE]
    (out / CALIBRATION_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for lab in sorted({q.lab for q in ESTIMATES.values()}):
        path = out / f"{lab}.md"
        path.write_text(lab_note(lab, data, naive), encoding="utf-8")
        written.append(path)
    return written


__all__ = ["CALIBRATION_FILE", "GRADING_DIR", "NAIVE_FILE", "calibrate", "calibrate_shop", "check_options", "lab_note",
           "merged", "naive_answers", "question_keys", "run_solution", "solution_cells", "summarise", "write_calibration"]
