"""The class roster: a CSV file with one row per student.

The file needs one column of student ids, named ``student_id`` (or ``ma_sinh_vien``, ``mssv``,
``ma_sv``); a name column (``ho_ten``, ``name``) and an e-mail column (``email``) are kept for
the grade book. Commas, semicolons (Excel in a Vietnamese locale) or tabs separate the columns;
the file is UTF-8, with or without the BOM Excel writes::

    student_id,ho_ten,email
    B21DCCN001,Nguyễn Văn An,an.nv@example.edu.vn
    B21DCCN002,Trần Thị Bình,binh.tt@example.edu.vn

A student id is 1–64 letters (without diacritics), digits, ``_``, ``-`` or ``.``, starting and
ending with a letter or a digit: it names a folder in ``submitted/`` and a pack. Ids differing
only in case are the same student. Anything else is refused, every problem named with its row:
a file that is not CSV (an Excel workbook, a binary file), no id column, an empty or ``NaN`` id,
an id with spaces or diacritics, a duplicate, a row with too many or too few cells, an empty
roster, an absurd size.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sim.classroom.errors import ClassroomError
from sim.classroom.secret import canonical_id

ID_COLUMNS: tuple[str, ...] = ("student_id", "ma_sinh_vien", "mssv", "ma_sv")
NAME_COLUMNS: tuple[str, ...] = ("ho_ten", "ho_va_ten", "name", "ten")
EMAIL_COLUMNS: tuple[str, ...] = ("email", "e-mail", "thu_dien_tu")
ID_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.\-]{0,62}[A-Za-z0-9])?")
MISSING = frozenset({"nan", "na", "n/a", "#n/a", "null", "none", "-", "?"})
"""Cells that spreadsheets and pandas write for a missing value."""
MAX_ROSTER_BYTES = 5_000_000
MAX_STUDENTS = 5000
MAX_SHOWN = 10
"""A refusal names at most this many problems."""


@dataclass(frozen=True)
class Student:
    """One row of the roster."""

    student_id: str
    name: str = ""
    email: str = ""


def _header_key(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").strip().casefold().replace(" ", "_")


def _decode(path: Path) -> str:
    field = str(path)
    if not path.is_file():
        what = ("là một thư mục, không phải tệp CSV", "is a folder, not a CSV file") if path.is_dir() else (
            "không tìm thấy danh sách sinh viên", "no such roster file")
        raise ClassroomError([(field, str(path), *what)])
    size = path.stat().st_size
    if size > MAX_ROSTER_BYTES:
        raise ClassroomError([(field, f"{size} bytes", f"danh sách quá lớn (tối đa {MAX_ROSTER_BYTES:,} byte)".replace(",", "."),
                               f"the roster is too large (at most {MAX_ROSTER_BYTES:,} bytes)")])
    raw = path.read_bytes()
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ClassroomError([(field, "Excel", "đây là một bảng tính Excel, không phải tệp CSV; trong Excel chọn "
                                               "Lưu thành → CSV UTF-8 (phân cách bằng dấu phẩy)",
                               "this is an Excel workbook, not a CSV file; in Excel use Save As → CSV UTF-8")])
    if b"\x00" in raw:
        raise ClassroomError([(field, "bytes", "tệp nhị phân, không phải tệp CSV (văn bản)",
                               "a binary file, not a CSV (text) file")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ClassroomError([(field, "bytes", "tệp phải là văn bản UTF-8; trong Excel chọn Lưu thành → CSV UTF-8",
                               "the file must be UTF-8 text; in Excel use Save As → CSV UTF-8")]) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [_header_key(c) for c in header]
    return next((keys.index(n) for n in names if n in keys), None)


def read_roster(path: str | Path) -> tuple[Student, ...]:
    """Read and check a roster; the students in the file's order.

    Raises:
        ClassroomError: naming every problem found (at most :data:`MAX_SHOWN`), with its row; nothing is returned.
    """
    path = Path(path)
    text = _decode(path)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ClassroomError([(str(path), "", "danh sách trống: cần một dòng tiêu đề (student_id, …) và một dòng cho mỗi "
                                              "sinh viên", "the roster is empty: it needs a header row (student_id, …) "
                                              "and one row per student")])
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(first), strict=True))
    except csv.Error as exc:
        raise ClassroomError([(str(path), str(exc), "không đọc được như một tệp CSV", "cannot be read as a CSV file")]) from None
    numbered = [(i + 1, row) for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    header_no, header = numbered[0]
    id_col = _column(header, ID_COLUMNS)
    if id_col is None:
        shown = ", ".join(c.strip() for c in header)[:80]
        raise ClassroomError([(f"{path.name}:{header_no}", shown, f"dòng tiêu đề cần một cột mã sinh viên, tên là một trong: "
                                                                  f"{', '.join(ID_COLUMNS)}",
                               f"the header row needs a student id column named one of: {', '.join(ID_COLUMNS)}")])
    name_col, email_col = _column(header, NAME_COLUMNS), _column(header, EMAIL_COLUMNS)
    problems: list[tuple[str, object, str, str]] = []
    students: list[Student] = []
    seen: dict[str, int] = {}
    for line_no, row in numbered[1:]:
        where = f"{path.name}:{line_no}"
        if len(row) != len(header):
            problems.append((where, row[:4], f"dòng có {len(row)} ô, dòng tiêu đề có {len(header)} ô",
                             f"the row has {len(row)} cells, the header has {len(header)}"))
            continue
        student_id = row[id_col].strip()
        if not student_id or student_id.casefold() in MISSING:
            problems.append((where, row[id_col], "mã sinh viên đang trống (hoặc NaN)", "the student id is empty (or NaN)"))
            continue
        if not ID_PATTERN.fullmatch(student_id):
            problems.append((where, student_id, "mã sinh viên chỉ gồm chữ không dấu, chữ số, `_`, `-`, `.` (1–64 ký tự, "
                                                "không khoảng trắng), bắt đầu và kết thúc bằng chữ hoặc số",
                             "a student id holds only letters without diacritics, digits, `_`, `-`, `.` (1–64 characters, "
                             "no spaces), starting and ending with a letter or a digit"))
            continue
        key = canonical_id(student_id)
        if key in seen:
            problems.append((where, student_id, f"mã sinh viên bị lặp (đã có ở dòng {seen[key]}; chữ hoa và chữ thường là một)",
                             f"duplicate student id (already on row {seen[key]}; case does not matter)"))
            continue
        seen[key] = line_no
        students.append(Student(student_id, row[name_col].strip() if name_col is not None else "",
                                row[email_col].strip() if email_col is not None else ""))
    if len(students) > MAX_STUDENTS:
        problems.append((str(path), len(students), f"tối đa {MAX_STUDENTS} sinh viên", f"at most {MAX_STUDENTS} students"))
    if not problems and not students:
        problems.append((str(path), 0, "danh sách không có sinh viên nào (chỉ có dòng tiêu đề)",
                         "the roster lists no student (only the header row)"))
    if problems:
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            more = len(problems) - MAX_SHOWN
            shown.append((str(path), "…", f"và {more} lỗi khác", f"and {more} more problems"))
        raise ClassroomError(shown, source=str(path))
    return tuple(students)


__all__ = ["ID_COLUMNS", "Student", "read_roster"]
