"""The class record: what ``packs`` wrote, so that grading rebuilds exactly the shops handed out.

``python -m sim.classroom packs`` writes ``lop_hoc.json`` next to the packs. It holds no secret and
no truth: the package version, the shop size, a tag of the secret (:func:`sim.classroom.secret.secret_check`)
and, for each student, the fingerprint of the data in their pack. Grading reads it (``ECRM_CLASS``):
a different secret, a student missing from it, or a package that now makes different data is
refused with a message, before any grade is given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sim.classroom.errors import ClassroomError
from sim.classroom.secret import canonical_id, secret_check

RECORD_FILE = "lop_hoc.json"
RECORD_FORMAT = "ecrm-lop-hoc/1"
CLASS_ENV = "ECRM_CLASS"
"""The path of the class record, in a grading process's environment (``make grade`` sets it)."""
MAX_RECORD_BYTES = 10_000_000


@dataclass(frozen=True)
class ClassRecord:
    """The settings of a class's packs and the fingerprint of each student's data."""

    package_version: str
    customers: int | None
    secret_tag: str
    fingerprints: dict[str, str]
    """Student id (as on the roster) → SHA-256 of the CSV files of their own data."""

    def student(self, student_id: str) -> str:
        """The roster's spelling of a student id (any case), or a refusal naming it."""
        wanted = canonical_id(student_id)
        for known in self.fingerprints:
            if canonical_id(known) == wanted:
                return known
        raise ClassroomError([("student_id", student_id, "sinh viên này không có trong danh sách lớp đã tạo gói",
                               "this student is not on the roster the packs were made from")])

    def check_secret(self, secret: bytes, source: str = "secret") -> None:
        """Refuse a secret other than the one the packs were made with."""
        if secret_check(secret) != self.secret_tag:
            raise ClassroomError([(source, "…", "bí mật này khác bí mật đã dùng để tạo gói của lớp; hãy dùng đúng tệp bí mật",
                                   "this secret differs from the one the class's packs were made with; use the right file")])

    def to_json(self) -> str:
        return json.dumps({"format": RECORD_FORMAT, "package_version": self.package_version, "customers": self.customers,
                           "secret_tag": self.secret_tag, "students": self.fingerprints},
                          ensure_ascii=False, indent=2) + "\n"


def read_record(path: str | Path) -> ClassRecord:
    """Read a class record written by ``packs``.

    Raises:
        ClassroomError: no such file, too large, not JSON, or not a class record of this package.
    """
    path = Path(path)
    field = str(path)
    if not path.is_file():
        raise ClassroomError([(field, str(path), f"không tìm thấy bản ghi lớp ({RECORD_FILE}); nó được ghi cùng các gói bởi "
                                                 "`make packs`", f"no class record ({RECORD_FILE}); `make packs` writes it "
                                                 "next to the packs")])
    if path.stat().st_size > MAX_RECORD_BYTES:
        raise ClassroomError([(field, path.stat().st_size, "tệp quá lớn để là bản ghi lớp", "too large for a class record")])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ClassroomError([(field, str(exc)[:60], "bản ghi lớp phải là tệp JSON do `make packs` ghi",
                               "the class record must be the JSON file `make packs` wrote")]) from None
    students = data.get("students") if isinstance(data, dict) else None
    customers = data.get("customers") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("format") != RECORD_FORMAT or not isinstance(students, dict) or not students
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in students.items())
            or not (customers is None or (isinstance(customers, int) and not isinstance(customers, bool)))
            or not isinstance(data.get("secret_tag"), str)):
        raise ClassroomError([(field, str(data)[:60], f"không phải bản ghi lớp (cần \"format\": \"{RECORD_FORMAT}\", "
                                                      "students, secret_tag)", f"not a class record (needs \"format\": "
                                                      f"\"{RECORD_FORMAT}\", students, secret_tag)")])
    return ClassRecord(str(data.get("package_version", "")), customers, data["secret_tag"], dict(students))


__all__ = ["CLASS_ENV", "RECORD_FILE", "ClassRecord", "read_record"]
