"""Command line: ``python -m sim run | validate | describe | realism``.

Bad input exits with status 2 and a message in Vietnamese and English; nothing
is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.base.errors import BilingualError
from sim.engine.dictionary import dataset_readme, describe
from sim.engine.io import read_manifest, read_tables
from sim.engine.result import run_folder
from sim.engine.simulate import simulate
from sim.measures.realism import realism_markdown, realism_report
from sim.scenario.loader import load_scenario

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report it (128 + SIGINT)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim",
        description="Mô phỏng e-CRM cho môn Quản trị quan hệ khách hàng điện tử / e-CRM course simulator",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="chạy mô phỏng và ghi các bảng / run and write the tables")
    run.add_argument("--scenario", default="default", help="default | b2b | demo | FILE.yaml")
    run.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên / random seed")
    run.add_argument("--out", required=True, type=Path, help="thư mục ghi kết quả / output folder")
    run.add_argument("--overwrite-shipped", action="store_true",
                     help="cho phép ghi đè dữ liệu đi kèm trong datasets/ (make data) / "
                          "allow overwriting the shipped data in datasets/ (make data)")
    run.add_argument("--customers", type=int, default=None,
                     help="số khách tiềm năng kỳ vọng; nhân viên dịch vụ tăng theo / "
                          "expected number of prospects; service agents scale with it")
    run.add_argument("--days", type=float, default=None,
                     help="độ dài cửa sổ quan sát (ngày) / observation window (days)")
    run.add_argument("--format", choices=("csv", "parquet"), default="csv")
    run.add_argument("--dirty", action="store_true",
                     help="thêm bản xuất CRM 'bẩn' để thực hành làm sạch / add a dirty CRM export")
    val = sub.add_parser("validate", help="kiểm tra một tệp kịch bản / check a scenario file")
    val.add_argument("file", type=Path)
    desc = sub.add_parser("describe", help="in từ điển dữ liệu / print the data dictionary")
    desc.add_argument("--lang", choices=("vi", "en", "both"), default="both")
    desc.add_argument("--readme", action="store_true",
                      help="in README của thư mục datasets / print datasets/README.md")
    desc.add_argument("--seed", type=int, default=2026, help="hạt giống ghi trong README / seed named in it")
    real = sub.add_parser("realism", help="so cửa hàng mặc định với số liệu công bố (Markdown) / "
                                          "the default shop against published figures (Markdown)")
    real.add_argument("--data", type=Path, default=None,
                      help="thư mục bảng của một lần chạy (mặc định: chạy kịch bản default) / "
                           "a run's folder (default: run the default scenario)")
    real.add_argument("--seed", type=int, default=2026, help="hạt giống / random seed")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "validate":
            return _validate(args.file)
        if args.command == "realism":
            return _realism(args)

        print(dataset_readme(args.seed) if args.readme else describe(args.lang), end="\n")
        return 0
    except BilingualError as exc:  # a bad scenario, argument, data folder or output folder
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args: argparse.Namespace) -> int:
    """Check the scenario and the output folder, simulate, then write the folder in one move.

    The folder is checked before the simulation (a folder the run may not write costs no waiting);
    Ctrl-C stops the run with status 130 and nothing written.
    """

    scenario = load_scenario(args.scenario)
    folder = run_folder(args.out, field="--out", overwrite_shipped=args.overwrite_shipped)
    folder.check()
    bar, report = _progress(scenario.horizon_days if args.days is None
                            else args.days + scenario.truth_horizon_days)
    try:
        result = simulate(scenario, seed=args.seed, customers=args.customers, days=args.days,
                          dirty=args.dirty, progress=report)
        written = result.write(folder, fmt=args.format)
    except KeyboardInterrupt:
        print("Đã dừng; không ghi gì / stopped; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if bar is not None:
            bar.close()
    rows = result.manifest()["rows"]
    print(f"Đã ghi {len(written)} tệp vào {args.out} / wrote {len(written)} files to {args.out}: "
          + ", ".join(f"{k}={v}" for k, v in rows.items()))
    return 0


def _realism(args: argparse.Namespace) -> int:
    """Print the realism report (``datasets/REALISM.md``) of a run folder, or of the default scenario."""
    if args.data is not None:
        tables, seed = read_tables(args.data), read_manifest(args.data).get("seed", args.seed)
    else:
        tables, seed = simulate("default", seed=args.seed), args.seed
    print(realism_markdown(realism_report(tables), seed=seed), end="")
    return 0


def _validate(path: Path) -> int:

    scenario = load_scenario(path)
    print(f"Kịch bản hợp lệ / valid scenario: {path} (name = {scenario.name})")
    return 0


def _progress(total_days: float):
    """A progress bar on a terminal, shown only for runs longer than two seconds."""
    if not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm  # noqa: PLC0415 (a progress bar only on a terminal)

    bar = tqdm(total=round(total_days), unit="ngày", desc="Mô phỏng / simulating", delay=2.0, file=sys.stderr)

    def report(day: float) -> None:
        bar.update(round(day) - bar.n)

    return bar, report
