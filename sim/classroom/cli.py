"""Command line of the classroom mode: ``python -m sim.classroom secret | packs | check | export``.

    python -m sim.classroom secret --out lop/bi_mat.txt
    python -m sim.classroom packs  --secret lop/bi_mat.txt --roster lop/danh_sach.csv --out lop/goi [--customers N]
    python -m sim.classroom check  --secret lop/bi_mat.txt --class lop/goi/lop_hoc.json [--submitted exercises/submitted]
    python -m sim.classroom export --gradebook exercises/gradebook.db --out lop/diem [--roster lop/danh_sach.csv]

``make secret``, ``make packs`` and ``make grade`` call them (see ``exercises/README.md``). Bad input (an empty or
short secret, a roster that is not CSV, a duplicate or malformed id, NaN, an output folder that holds something
else) exits with status 2 and a message in Vietnamese and English; nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sim.base.errors import BilingualError
from sim.classroom.calibration import band_for
from sim.classroom.errors import ClassroomError
from sim.classroom.gradebook import question_scores, read_gradebook, write_exports
from sim.classroom.pack import build_packs, class_bands, pack_folder
from sim.classroom.record import read_record
from sim.classroom.roster import read_roster
from sim.classroom.secret import new_secret, read_secret_file
from sim.classroom.truths import ESTIMATES

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sim.classroom",
                                     description="Chế độ lớp học: mỗi sinh viên một cửa hàng / classroom mode")
    sub = parser.add_subparsers(dest="command", required=True)
    secret = sub.add_parser("secret", help="tạo bí mật của lớp / make the class's secret")
    secret.add_argument("--out", type=Path, required=True, help="tệp bí mật (không ghi đè) / secret file (never overwritten)")
    packs = sub.add_parser("packs", help="tạo gói cho từng sinh viên / build every student's pack")
    packs.add_argument("--secret", type=Path, required=True, help="tệp bí mật / secret file")
    packs.add_argument("--roster", type=Path, required=True, help="danh sách lớp (CSV) / roster (CSV)")
    packs.add_argument("--out", type=Path, required=True, help="thư mục ghi các gói / output folder")
    packs.add_argument("--customers", type=int, default=None,
                       help="số khách tiềm năng của mỗi cửa hàng (mặc định: cỡ của kịch bản) / prospects per shop")
    check = sub.add_parser("check", help="kiểm tra bí mật và bài nộp trước khi chấm / check before grading")
    check.add_argument("--secret", type=Path, required=True, help="tệp bí mật / secret file")
    check.add_argument("--class", dest="record", type=Path, required=True, help="bản ghi lớp lop_hoc.json / class record")
    check.add_argument("--submitted", type=Path, default=None, help="thư mục bài nộp của nbgrader / nbgrader's submitted/")
    export = sub.add_parser("export", help="xuất điểm từng câu cho Moodle, Canvas và phân tích câu hỏi / export grades")
    export.add_argument("--gradebook", type=Path, required=True, help="gradebook.db của nbgrader")
    export.add_argument("--out", type=Path, required=True, help="thư mục ghi / output folder")
    export.add_argument("--roster", type=Path, default=None, help="danh sách lớp (CSV), để có họ tên và e-mail / roster")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return {"secret": _secret, "packs": _packs, "check": _check, "export": _export}[args.command](args)
    except BilingualError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Đã dừng; không ghi gì / stopped; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED


def _secret(args: argparse.Namespace) -> int:
    path: Path = args.out
    if path.exists() or path.is_symlink():
        raise ClassroomError([("--out", str(path), "tệp này đã có; không ghi đè một bí mật (mất bí mật thì không chấm được các gói "
                                                   "đã phát). Chọn tên khác hoặc tự xóa tệp cũ nếu chắc chắn",
                               "this file exists; a secret is never overwritten (losing it makes the packs handed out "
                               "ungradable). Choose another name, or delete the old file yourself if you are sure")])
    if path.parent.exists() and not path.parent.is_dir():
        raise ClassroomError([("--out", str(path), "thư mục chứa tệp là một tệp", "the file's folder is a file")])
    created = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(new_secret() + "\n")
    except OSError as exc:
        if created:
            path.parent.rmdir()
        raise ClassroomError([("--out", str(path), f"không ghi được ({exc.strerror})", f"cannot be written ({exc.strerror})")]) from exc
    print(f"Đã tạo bí mật của lớp / made the class's secret: {path}\n"
          "Giữ tệp này cẩn thận, đừng đưa cho sinh viên và đừng commit: không có nó thì không chấm được bài.\n"
          "Keep this file safe, never give it out or commit it: without it the work cannot be graded.")
    return 0


def _packs(args: argparse.Namespace) -> int:
    secret = read_secret_file(args.secret)
    students = read_roster(args.roster)
    pack_folder(args.out).check()
    total = len(students)
    done = []

    def progress(student_id: str) -> None:
        done.append(student_id)
        print(f"  [{len(done)}/{total}] {student_id}", file=sys.stderr)

    if not class_bands(args.customers):
        print("Chú ý: chưa có dải điểm đã hiệu chỉnh cho cỡ cửa hàng này, nên gói không in dải điểm của câu ước lượng và "
              "`make grade` sẽ từ chối chấm; hãy chạy `make calibrate` với cùng CUSTOMERS rồi tạo lại gói.\n"
              "Note: no calibrated bands for this shop size: the packs show no bands and `make grade` will refuse; run "
              "`make calibrate` with the same CUSTOMERS and make the packs again.", file=sys.stderr)
    summary = build_packs(secret, students, args.out, customers=args.customers, progress=progress)
    print(f"Đã ghi {len(summary.files) - 1} gói và bản ghi lớp vào {args.out} / wrote {len(summary.files) - 1} packs and "
          f"the class record to {args.out}")
    return 0


def submitted_students(folder: Path) -> list[str]:
    """The student ids of nbgrader's ``submitted/`` folder (one sub-folder each)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _check(args: argparse.Namespace) -> int:
    record = read_record(args.record)
    record.check_secret(read_secret_file(args.secret), str(args.secret))
    ids = submitted_students(args.submitted) if args.submitted else []
    unknown = []
    for student_id in ids:
        try:
            record.student(student_id)
        except ClassroomError:
            unknown.append(student_id)
    if unknown:
        raise ClassroomError([(str(args.submitted / sid), sid, "thư mục bài nộp này không ứng với sinh viên nào trong danh sách "
                                                               "lớp đã tạo gói (tên thư mục phải là mã sinh viên)",
                               "this submission folder matches no student of the roster the packs were made from (the "
                               "folder's name must be the student id)") for sid in unknown[:10]])
    for key in ESTIMATES:  # the bands of this class's shop size must be calibrated
        band_for(key, "day_du", record.customers)
    print(f"Bí mật khớp với các gói; {len(ids)} sinh viên có bài nộp, đều có trong lớp ({len(record.fingerprints)} sinh viên). "
          f"/ The secret matches the packs; {len(ids)} students handed in, all on the roster.")
    return 0


def _export(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster) if args.roster else ()
    scores = question_scores(read_gradebook(args.gradebook))
    written = write_exports(scores, args.out, roster)
    print(f"Đã ghi / wrote: {', '.join(str(p) for p in written)}")
    return 0


__all__ = ["build_parser", "main", "submitted_students"]
