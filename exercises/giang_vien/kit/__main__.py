"""Command line of the lecturer's kit (``make slides``, ``make handouts``, ``make quiz``, ``make keys``).

    python -m exercises.giang_vien.kit slides   --out build/giang_vien/slides   [--seed 2026] [--customers N]
    python -m exercises.giang_vien.kit handouts --out build/giang_vien/handouts [--seed 2026] [--customers N]
    python -m exercises.giang_vien.kit quiz     --out build/giang_vien/quiz     [--seed 2026]
    python -m exercises.giang_vien.kit keys     # questions without a key, keys without a question (exit 1 if any)
    python -m exercises.giang_vien.kit calibrate [--shops 60] [--customers N] [--jobs 2] [--out exercises/giang_vien/cham_bai]

Bad input exits with status 2 and a message in Vietnamese and English; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from exercises.giang_vien.kit import build, calibration
from exercises.giang_vien.kit.keys import missing_keys, stubs
from sim.base.errors import BilingualError, ScenarioError

EXIT_BAD_INPUT = 2
DEFAULT_OUT = Path("build") / "giang_vien"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m exercises.giang_vien.kit",
                                     description="Bộ tài liệu của giảng viên / the lecturer's kit")
    parser.add_argument("what", choices=("slides", "handouts", "quiz", "keys", "calibrate"),
                        help="slides: trình chiếu; handouts: bản in PDF; quiz: ngân hàng câu hỏi cho LMS; keys: kiểm tra đáp án; "
                             "calibrate: dải điểm của các câu ước lượng")
    parser.add_argument("--out", type=Path, default=None, help="thư mục ghi kết quả / output folder")
    parser.add_argument("--seed", type=int, default=2026, help="hạt giống / random seed (quiz: một hạt giống cho mỗi học kỳ)")
    parser.add_argument("--customers", type=int, default=None,
                        help="thu nhỏ lần chạy về chừng ấy khách tiềm năng / scale the run to this many prospects")
    parser.add_argument("--scale", type=float, default=2.0, help="độ phân giải của hình / chart pixel scale")
    parser.add_argument("--shops", type=int, default=60,
                        help="calibrate: số cửa hàng của họ biến thể / shops of the variant family")
    parser.add_argument("--jobs", type=int, default=2, help="calibrate: số tiến trình / processes")
    parser.add_argument("--lab", action="append", default=None,
                        help="calibrate: chỉ hiệu chỉnh câu ước lượng của bài này (lặp lại được), giữ các câu khác của "
                             "hieu_chinh.json / calibrate only this lab's estimate (repeatable), keep the others")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.what == "keys":
        problems = missing_keys()
        for line in problems:
            print(line)
        if problems:
            print("\n--- mẫu để chép vào giáo án hoặc dap_an_bai_thuc_hanh.md / stubs to fill in ---\n")
            print(stubs())
            return 1
        print("Mọi câu hỏi đều có đáp án / every question has its key.")
        return 0
    started = time.perf_counter()
    if args.what == "calibrate":
        return _calibrate(args, started)
    out = args.out or DEFAULT_OUT / args.what
    try:
        build.check_options(out, args.seed, args.customers, args.scale)
        if args.what == "quiz":
            written = build.build_quiz(out, args.seed)
        else:
            drawn = build.artifacts(args.seed, args.customers, scale=args.scale)
            written = (build.build_slides if args.what == "slides" else build.build_handouts)(out, drawn)
    except BilingualError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Đã ghi / wrote {len(written)} tệp vào / files into {out} ({time.perf_counter() - started:.0f} s)")
    return 0


def _calibrate(args: argparse.Namespace, started: float) -> int:
    """``make calibrate``: measure the bands and score the reference and naive answers; write data and notes."""
    out = args.out or calibration.GRADING_DIR
    command = "python -m exercises.giang_vien.kit calibrate --shops " + str(args.shops) + (
        f" --customers {args.customers}" if args.customers is not None else "") + "".join(
        f" --lab {lab}" for lab in args.lab or ())
    try:
        if out.exists() and not out.is_dir():
            raise ScenarioError([("--out", str(out), "phải là một thư mục", "must be a folder")])
        data = calibration.calibrate(args.shops, args.customers, args.jobs, command, labs=args.lab)
        if args.lab:
            existing = out / calibration.CALIBRATION_FILE
            if not existing.is_file():
                raise ScenarioError([("--lab", args.lab, f"chưa có {existing} để bổ sung; chạy `make calibrate` cho mọi bài",
                                      f"no {existing} to add to; run `make calibrate` for every lab")])
            data = calibration.merged(data, json.loads(existing.read_text(encoding="utf-8")))
    except BilingualError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    written = calibration.write_calibration(data, out)
    print(f"Đã ghi / wrote {len(written)} tệp vào / files into {out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
