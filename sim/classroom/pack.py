"""Student packs: one zip per student, with the course and the student's own shop, and nothing to grade them with.

``python -m sim.classroom packs`` (``make packs``) writes, for every student of the roster, a zip
``ecrm_<student_id>.zip`` whose folder ``ecrm_<student_id>/`` holds:

* the package: the source of ``sim``, ``pyproject.toml``, ``Makefile``, ``environment.yml``, ``README.md``,
  ``LICENSE``, ``CHANGELOG.md`` and ``share/`` (``make lab`` works in it);
* the topic notebooks (``notebooks/``) and the demonstration shop (``datasets/``) without its truth file
  (the demonstration run is public and recomputed where a topic notebook shows its truth);
* the student copies of the labs (``exercises/release/``), the group-project template
  (``exercises/du_an_nhom/``) and a student's guide (``exercises/README.md``);
* the student's own data (``du_lieu_rieng/``): the observed tables of their shop, their CRM export and their
  desk's promotion week, the shop card and the bands of the estimate questions.

Never inside: the solution notebooks (``exercises/source/``), hidden tests, the lecturer's kit
(``exercises/giang_vien/``: keys, calibration, notes), the tests, any truth table, the CRM export's answer
key, the secret, the class record or a seed. Before anything is written the builder checks every file of
every pack for those (:func:`forbidden_content`), and refuses to write a pack that holds one.

Next to the packs it writes the class record ``lop_hoc.json`` (:mod:`sim.classroom.record`) that grading
needs. The output folder belongs to the command (:mod:`sim.base.output_folder`): a folder of earlier packs
is replaced whole, anything else is refused; zips are byte-for-byte the same for the same secret and roster.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sim.base.output_folder import SHIPPED_DIR, OutputFolder
from sim.base.version import __version__
from sim.classroom.calibration import load_calibration
from sim.classroom.errors import ClassroomError
from sim.classroom.record import RECORD_FILE, RECORD_FORMAT, ClassRecord
from sim.classroom.roster import Student
from sim.classroom.secret import secret_check
from sim.classroom.shop import CARD_FILE, DATA_DIR, shop_tables, write_shop
from sim.classroom.variants import variant_for

ROOT = SHIPPED_DIR.parent
"""The course's root folder (where ``make packs`` runs)."""
TOP_FILES: tuple[str, ...] = ("README.md", "LICENSE", "CHANGELOG.md", "Makefile", "pyproject.toml", "environment.yml")
TREES: tuple[str, ...] = ("sim", "notebooks", "datasets", "share", "exercises/release", "exercises/du_an_nhom")
"""The folders copied into every pack, whole except for :func:`_skipped` files."""
PACK_PREFIX = "ecrm_"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
"""Every zip entry's time: the same packs for the same inputs, byte for byte."""

FORBIDDEN_PATHS = re.compile(r"(^|/)(exercises/source|exercises/giang_vien|tests|benchmarks|\.git)(/|$)")
FORBIDDEN_NAMES = re.compile(r"(^|/)(truth\.(csv|parquet)|customers_dirty_truth\.(csv|parquet)|hieu_chinh\.json|"
                             r"uoc_luong_ngay_tho\.yaml|dap_an[^/]*|lop_hoc\.json|bi_mat[^/]*|gradebook\.db|"
                             r"nbgrader_config\.py)$")
MARKERS: tuple[str, ...] = ("### BEGIN " + "SOLUTION", "### END " + "SOLUTION", "BEGIN " + "HIDDEN TESTS",
                            "END " + "HIDDEN TESTS")
"""nbgrader's markers of solutions and hidden tests (written in two pieces, so this file holds none)."""
TRUTH_COLUMNS: frozenset[str] = frozenset({"churned_at", "final_state", "margin_in_window_vnd", "future_margin_vnd",
                                          "orders_after_window", "lifetime_value_vnd", "is_duplicate", "defects"})
"""Columns of the truth table and of the CRM export's answer key: no data file of a pack may have one."""
DATA_SUFFIXES = (".csv", ".json", ".yaml", ".yml", ".parquet")


def _skipped(path: Path) -> bool:
    parts = path.parts
    return (any(p.startswith(".") or p == "__pycache__" for p in parts) or path.suffix in (".pyc", ".pyo")
            or path.name in ("truth.csv", "truth.parquet"))


def course_files(root: Path = ROOT) -> dict[str, bytes]:
    """The course's files every pack holds, by path in the pack (see the module's docstring)."""
    files: dict[str, bytes] = {}
    for name in TOP_FILES:
        if (root / name).is_file():
            files[name] = (root / name).read_bytes()
    for tree in TREES:
        base = root / tree
        if not base.is_dir():
            raise ClassroomError([(tree, str(base), "thư mục này của khóa học không có; chạy lệnh ở thư mục gốc của khóa học",
                                   "this folder of the course is missing; run the command at the course's root")])
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and not _skipped(relative):
                files[relative.as_posix()] = path.read_bytes()
    files["exercises/README.md"] = student_guide().encode("utf-8")
    if "datasets/README.md" in files:
        files["datasets/README.md"] += DATASETS_NOTE.encode("utf-8")
    return files


DATASETS_NOTE = """

## Trong gói của sinh viên / in a student's pack

Thư mục này là cửa hàng mẫu, để luyện tập và cho các sổ tay chủ đề. Trong gói của sinh viên nó không có tệp `truth.csv`:
lần chạy của cửa hàng mẫu là công khai (kịch bản và hạt giống ở `scenario.yaml`, `manifest.json`), nên khi một sổ tay chủ đề
cần sự thật của cửa hàng mẫu, `shipped_tables()` tính lại nó từ lần chạy đó. Dữ liệu được chấm của bạn ở `du_lieu_rieng/`.
/ *The demonstration shop, without its truth file in a pack; the topic notebooks recompute it from the public run.*
"""


def _csv_header(data: bytes) -> list[str]:
    first = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
    return [cell.strip().strip('"') for cell in first.split(",")]


def forbidden_content(files: dict[str, bytes]) -> list[str]:
    """What a pack must not hold, found among ``files`` (path → bytes); empty when the pack is clean.

    Checks the paths (solutions, lecturer's kit, tests, truth files, keys, calibration, class record, secret),
    nbgrader's solution and hidden-test markers in every file, and truth columns in the data files and in the
    labs' student copies.
    """
    found = []
    for path, data in files.items():
        if FORBIDDEN_PATHS.search(path) or FORBIDDEN_NAMES.search(path):
            found.append(f"{path}: tệp không được có trong gói / file not allowed in a pack")
            continue
        text = data.decode("utf-8", errors="ignore")
        found += [f"{path}: {marker}" for marker in MARKERS if marker in text]
        if path.endswith(".csv"):
            header = _csv_header(data)
            found += [f"{path}: cột {c}" for c in header if c in TRUTH_COLUMNS or c.startswith("true_")]
        elif path.endswith(DATA_SUFFIXES) or path.startswith("exercises/release/"):
            found += [f"{path}: {c}" for c in sorted(TRUTH_COLUMNS) if re.search(rf"\b{c}\b", text)]
    return found


def student_guide() -> str:
    """The ``exercises/README.md`` of a pack: the student's workflow, in Vietnamese."""
    return "\n".join([
        "# Bài thực hành: hướng dẫn cho sinh viên",
        "",
        "Gói này là của riêng bạn: nó có khóa học (bộ mô phỏng `sim`, các sổ tay chủ đề, cửa hàng mẫu) và **cửa hàng riêng**",
        f"của bạn trong thư mục `{DATA_DIR}/`. Mỗi sinh viên có một cửa hàng khác (giá, kênh thu hút, nhân sự, khách hàng).",
        "",
        "1. Ở thư mục gốc của gói: `make lab` (lần đầu cài đặt, cần mạng một lần), hoặc theo README chính nếu dùng conda hay",
        "   Windows. Mở `exercises/release/<bài>/<bài>.ipynb`.",
        f"2. Ô đầu tiên của mỗi bài đọc cửa hàng riêng của bạn (`{DATA_DIR}/`) và in dòng «CỬA HÀNG RIÊNG của sinh viên …».",
        "   Nếu nó in «CỬA HÀNG MẪU», bạn đang mở bài ở ngoài gói này: bài làm trên cửa hàng mẫu không được chấm.",
        "3. Mỗi câu có một ô trả lời: thay `None` bằng câu trả lời của bạn, rồi chạy ô kiểm tra ngay bên dưới:",
        "   - ✓ đúng; ✗ chưa đúng, kèm điều cần xem lại; … câu chưa làm;",
        "   - ✎ ước lượng đã được ghi nhận: câu ước lượng (Câu 6) hỏi điều cửa hàng không nhìn thấy, nên lúc làm bài chỉ được",
        "     kiểm tra xem có hợp lý không; điểm của nó có khi giảng viên chấm, so với sự thật của chính cửa hàng của bạn.",
        "     Dải điểm của câu này được in ở ô đầu tiên của bài.",
        "4. Ô kiểm tra không dừng sổ tay: *Run All* luôn chạy hết. Nộp lại đúng tệp `.ipynb` đó, không đổi tên, theo cách giảng",
        "   viên hướng dẫn (hệ thống quản lý học tập hoặc JupyterHub).",
        "",
        f"Đừng sửa các tệp trong `{DATA_DIR}/`: khi chấm, giảng viên tạo lại đúng dữ liệu này. Chép đáp án của bạn cùng lớp",
        "không giúp gì: cửa hàng của họ khác cửa hàng của bạn, nên các con số của họ sai trên dữ liệu của bạn.",
        "",
        "Muốn luyện tập thêm? Các sổ tay chủ đề (`notebooks/`) và cửa hàng mẫu (`datasets/`) là để tự học.",
        "",
        "*Each lab reads your own shop in `du_lieu_rieng/` (every student has a different one). Replace each `None`, run the",
        "check below it; estimates (Câu 6) are only checked for plausibility now and scored at grading time against your",
        "own shop's truth. Hand in the same `.ipynb` file, name unchanged.*",
        "",
    ])


def _zip(files: dict[str, bytes], top: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path])
    return buffer.getvalue()


def _owned(folder: Path) -> frozenset[str] | None:
    """The files an earlier ``packs`` left in ``folder``: its class record and its zips."""
    record = folder / RECORD_FILE
    try:
        data = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else None
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT or not isinstance(data.get("students"), dict):
        return None
    return frozenset({RECORD_FILE, *(f"{PACK_PREFIX}{sid}.zip" for sid in data["students"])})


def pack_folder(out: str | Path) -> OutputFolder:
    """The output folder of ``packs``: new, empty, or holding earlier packs (replaced whole)."""
    return OutputFolder(out, owned=_owned, field="--out", earlier_vi="các gói đã tạo trước đây",
                        earlier_en="packs made earlier")


@dataclass(frozen=True)
class PackSummary:
    """What ``packs`` wrote: the class record and one zip per student."""

    record: ClassRecord
    files: list[Path]


def class_bands(customers: int | None) -> dict[str, dict[str, float]]:
    """The bands of the estimate questions for shops of this size, from the calibration data; empty when none fits."""
    try:
        calibration = load_calibration()
    except ClassroomError:
        return {}
    if calibration.get("customers") != customers:
        return {}
    return {key: {"full": v["full"], "partial": v["partial"]} for key, v in calibration["questions"].items()}


def build_packs(secret: bytes, students: Iterable[Student], out: str | Path, *, customers: int | None = None,
                root: Path = ROOT, progress=None) -> PackSummary:
    """Build every student's pack and the class record into ``out`` (see the module's docstring).

    Args:
        secret: the class's secret (:func:`sim.classroom.secret.read_secret_file`).
        students: the roster (:func:`sim.classroom.roster.read_roster`).
        out: the output folder.
        customers: expected prospects of every shop (``None``: the scenario's own).
        root: the course's root folder.
        progress: called with each student id as its pack is made.

    Raises:
        ClassroomError: a pack would hold something forbidden, or the course's files are missing.
        OutputFolderError: ``out`` is not a folder ``packs`` may write (checked before any work).
    """
    students = list(students)
    folder = pack_folder(out)
    folder.check()
    common = course_files(root)
    problems = forbidden_content(common)
    if problems:
        raise ClassroomError([("pack", p, "gói không được chứa thứ này; không ghi gì", "a pack must not hold this; nothing written")
                              for p in problems[:10]])
    bands = class_bands(customers)
    zips: dict[str, bytes] = {}
    fingerprints: dict[str, str] = {}
    for student in students:
        if progress is not None:
            progress(student.student_id)
        variant = variant_for(secret, student.student_id, customers=customers)
        observed, _hidden, card = shop_tables(variant)
        if bands:
            card["bands"] = bands
        with tempfile.TemporaryDirectory(prefix="ecrm-goi-") as tmp:
            written = write_shop(Path(tmp), observed, card)
            own = {f"{DATA_DIR}/{p.name}": p.read_bytes() for p in sorted(Path(tmp).iterdir())}
        files = {**common, **own}
        problems = forbidden_content(own)
        if problems or CARD_FILE not in {Path(p).name for p in own}:
            raise ClassroomError([(student.student_id, p, "gói không được chứa thứ này; không ghi gì",
                                   "a pack must not hold this; nothing written") for p in problems[:10]])
        fingerprints[student.student_id] = written["fingerprint"]
        zips[f"{PACK_PREFIX}{student.student_id}.zip"] = _zip(files, f"{PACK_PREFIX}{student.student_id}")
    record = ClassRecord(__version__, customers, secret_check(secret), fingerprints)

    def fill(tmp: Path) -> None:
        for name, data in zips.items():
            (tmp / name).write_bytes(data)
        (tmp / RECORD_FILE).write_text(record.to_json(), encoding="utf-8")

    return PackSummary(record, folder.write(fill))


__all__ = ["MARKERS", "PACK_PREFIX", "TRUTH_COLUMNS", "PackSummary", "build_packs", "class_bands", "course_files", "forbidden_content",
           "pack_folder", "student_guide"]
