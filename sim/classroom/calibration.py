"""The tolerance bands of the estimate questions, read from the calibration data.

The bands are not set by hand. ``make calibrate`` (``python -m exercises.giang_vien.kit calibrate``)
draws many shops of the variant family, runs each one twice with independent seeds, and measures
how far the hidden truth of each question scatters between two runs of the same shop: the relative
scatter σ = sd(T₁ − T₂) / (√2 · mean T). No estimate can be surer than that noise, so

* the full band (all the points) is 2σ, rounded up to a whole percent;
* the partial band (half the points) is twice the full band.

It also scores the reference solution and the naive answer of each question over the same shops.
The results are kept as data (``exercises/giang_vien/cham_bai/hieu_chinh.json``, in the lecturer's kit,
never in a pack) with the command that recomputes them; this module only reads them.
"""

from __future__ import annotations

import functools
import json
import math
import os
from pathlib import Path

from sim.base.output_folder import SHIPPED_DIR
from sim.classroom.errors import ClassroomError

CALIBRATION_ENV = "ECRM_CALIBRATION"
"""Another calibration file (a class of small shops, a test)."""
DEFAULT_CALIBRATION = SHIPPED_DIR.parent / "exercises" / "giang_vien" / "cham_bai" / "hieu_chinh.json"
CALIBRATION_FORMAT = "ecrm-hieu-chinh/1"
FULL_BAND_SIGMAS = 2.0
"""The full band is this many relative standard deviations of the truth's scatter."""
PARTIAL_BAND_FACTOR = 2.0
"""The partial band is this many times the full band."""
MIN_FULL_BAND = 0.01
"""A band never narrower than 1%: a truth that hardly scatters still needs a rounding margin."""


def bands_from_scatter(relative_sd: float) -> tuple[float, float]:
    """The (full, partial) bands of a question from its truth's relative scatter σ.

    full = max(1%, ⌈100 · 2σ⌉ / 100); partial = 2 × full.

    Raises:
        ClassroomError: σ is not a finite non-negative number.
    """
    if not isinstance(relative_sd, (int, float)) or not math.isfinite(relative_sd) or relative_sd < 0:
        raise ClassroomError([("relative_sd", relative_sd, "phải là một số hữu hạn không âm", "must be a finite number ≥ 0")])
    full = max(MIN_FULL_BAND, math.ceil(round(100 * FULL_BAND_SIGMAS * relative_sd, 6)) / 100)
    return full, round(PARTIAL_BAND_FACTOR * full, 4)


def calibration_path() -> Path:
    """The calibration file in use: ``ECRM_CALIBRATION`` or the lecturer kit's."""
    named = os.environ.get(CALIBRATION_ENV, "").strip()
    return Path(named) if named else DEFAULT_CALIBRATION


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ClassroomError([(path, str(exc)[:60], "không đọc được dữ liệu hiệu chỉnh; tạo lại bằng `make calibrate`",
                               "the calibration data cannot be read; recompute them with `make calibrate`")]) from None
    if not isinstance(data, dict) or data.get("format") != CALIBRATION_FORMAT or not isinstance(data.get("questions"), dict):
        raise ClassroomError([(path, str(data)[:60], f"không phải dữ liệu hiệu chỉnh (cần \"format\": \"{CALIBRATION_FORMAT}\")",
                               f"not calibration data (needs \"format\": \"{CALIBRATION_FORMAT}\")")])
    return data


def load_calibration(path: Path | None = None) -> dict:
    """The calibration data (see the module's docstring).

    Raises:
        ClassroomError: the file is missing, is not JSON, or is not calibration data.
    """
    path = path or calibration_path()
    if not path.is_file():
        raise ClassroomError([(str(path), "", "chưa có dữ liệu hiệu chỉnh dải điểm; tạo bằng `make calibrate`",
                               "no calibration of the bands yet; make it with `make calibrate`")])
    return _load(str(path), path.stat().st_mtime)


def band_for(key: str, band: str, customers: int | None) -> float:
    """The relative tolerance of one band (``"day_du"`` or ``"mot_phan"``) of one question, for shops of one size.

    Raises:
        ClassroomError: no calibration, a calibration made for shops of another size, or a question not calibrated.
    """
    data = load_calibration()
    if data.get("customers") != customers:
        made, now = data.get("customers"), customers
        raise ClassroomError([(str(calibration_path()), made, f"dữ liệu hiệu chỉnh được tính cho cửa hàng cỡ {made} khách "
                                                             f"tiềm năng, lớp này dùng cỡ {now}; chạy `make calibrate` với cùng "
                                                             "cỡ (CUSTOMERS=…)", f"the calibration was made for shops of "
                                                             f"{made} prospects, this class uses {now}; run `make calibrate` "
                                                             "with the same size (CUSTOMERS=…)")])
    entry = data["questions"].get(key)
    if not isinstance(entry, dict) or band not in ("day_du", "mot_phan"):
        raise ClassroomError([(key, band, "câu hỏi hoặc dải điểm này chưa được hiệu chỉnh; chạy `make calibrate`",
                               "this question or band is not calibrated; run `make calibrate`")])
    value = entry.get("full" if band == "day_du" else "partial")
    if not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 < value < 10:
        raise ClassroomError([(key, value, "dải điểm phải là một tỷ lệ dương", "a band must be a positive ratio")])
    return float(value)


__all__ = ["CALIBRATION_ENV", "DEFAULT_CALIBRATION", "band_for", "bands_from_scatter", "calibration_path", "load_calibration"]
