"""Command line: ``python -m sim.report SCENARIO [--out DIR] [--seeds N] [--seed S] [--customers N] [--text FILE]``.

Writes the group's "Quan hệ khách hàng" section as HTML and Word into ``--out`` (``make report``), with the
group's own reasoning read from ``--text`` (the parts it has not written yet get a placeholder, and are
listed). Bad input exits with status 2 and a message in Vietnamese and English; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sim.base.errors import BilingualError
from sim.report.export import write_report
from sim.report.group_text import load_group_text, unfilled
from sim.report.layout import SECTION_KEY
from sim.report.project import DEFAULT_SEED
from sim.report.section import heading

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim.report",
        description="Xuất phần «Quan hệ khách hàng» của đề tài nhóm (HTML và Word) / "
                    "export the group project's customer-relationship section (HTML and Word)",
    )
    parser.add_argument("scenario", help="tệp kịch bản của nhóm (hoặc default | b2b | demo) / the group's scenario file")
    parser.add_argument("--out", type=Path, default=Path("bao_cao"), help="thư mục ghi kết quả / output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="hạt giống đầu tiên / first random seed")
    parser.add_argument("--seeds", type=int, default=5,
                        help="số hạt giống để so sánh với cửa hàng mặc định / seeds for the comparison")
    parser.add_argument("--customers", type=int, default=None,
                        help="thu nhỏ mỗi lần chạy về chừng ấy khách tiềm năng / scale each run to this many prospects")
    parser.add_argument("--text", type=Path, default=None,
                        help="tệp nhận định của nhóm (mẫu: exercises/du_an_nhom/nhan_dinh.yaml) / the group's own text")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""

    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        texts = load_group_text(args.text) if args.text is not None else {}
        written = write_report(args.scenario, args.out, seed=args.seed, seeds=args.seeds, customers=args.customers,
                               text=texts)
    except BilingualError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    took = time.perf_counter() - started
    print(f"Đã ghi / wrote ({took:.0f} s):")
    for path in written:
        print(f"  {path}")
    missing = unfilled(texts)
    if missing:
        print(f"Nhóm chưa viết {len(missing)} phần (ô vàng «[Nhóm viết phần này]» trong báo cáo) / "
              f"parts still to write: {', '.join('Giới thiệu cửa hàng' if k == SECTION_KEY else heading(k) for k in missing)}")
    return 0
