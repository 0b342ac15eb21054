"""Command line: ``python -m sim run | validate | describe | realism``.

Bad input exits with status 2 and a message in Vietnamese and English; nothing
is written. Argument errors too: argparse's own messages (an unknown option, a
missing ``--out``) are translated, and numbers are read by checks that state
what is allowed (``--customers`` at most 10 million, ``--days`` finite and at
most 20 years).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from sim.base.errors import BilingualError, _show
from sim.engine.dictionary import dataset_readme, describe
from sim.engine.result import run_folder
from sim.engine.shards import MAX_JOBS, MAX_SHARDS, write_partitioned
from sim.engine.simulate import prepare, simulate
from sim.engine.writers import pandas_deferred
from sim.scenario.loader import load_scenario
from sim.scenario.schema import MAX_DAYS, MAX_PROSPECTS

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report it (128 + SIGINT)."""


class CommandLineError(BilingualError):
    """An argument of ``python -m sim`` is missing, unknown or not allowed."""

    heading_vi = "Tham số dòng lệnh không hợp lệ"
    heading_en = "Invalid command-line argument"

    def _format(self) -> str:
        """As :class:`BilingualError`, without ``= None`` for an argument that has no value."""
        lines = [f"{self.heading_vi} / {self.heading_en}:"]
        for field, value, allowed_vi, allowed_en in self.problems:
            shown = "" if value is None else f" = {_show(value)}"
            lines.append(f"  • `{field}`{shown}: {allowed_vi}")
            lines.append(f"    `{field}`{shown}: {allowed_en}")
        return "\n".join(lines)


_SEP = "\x1f"
"""Separates the value and the two messages that a number check hands to argparse."""


def _refuse(text: str, vi: str, en: str) -> NoReturn:
    raise argparse.ArgumentTypeError(_SEP.join((text, vi, en)))


def _vi(number: float) -> str:
    return f"{number:,.0f}".replace(",", ".")


def whole_number(low: int, high: int | None = None, note: tuple[str, str] = ("", "")) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high`` written with digits (``10_000`` too)."""
    vi = f"phải là một số nguyên từ {_vi(low)}" + (f" đến {_vi(high)}" if high is not None else " trở lên")
    en = f"must be a whole number from {low:,}" + (f" to {high:,}" if high is not None else " up")
    if note[0]:
        vi, en = f"{vi} ({note[0]})", f"{en} ({note[1]})"

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            _refuse(text, f"{vi}, viết bằng chữ số, ví dụ 2000", f"{en}, written with digits, e.g. 2000")
        if value < low or (high is not None and value > high):
            _refuse(text, vi, en)
        return value

    return read


def days(text: str) -> float:
    """An argparse ``type``: a number of days greater than 0 and at most 20 years (no NaN, no infinity)."""
    vi = f"phải là số ngày lớn hơn 0 và tối đa {_vi(MAX_DAYS)} (20 năm)"
    en = f"must be a number of days greater than 0 and at most {MAX_DAYS:,.0f} (20 years)"
    try:
        value = float(text)
    except ValueError:
        if re.fullmatch(r"[0-9]+,[0-9]+", text.strip()):
            decimal = text.strip().replace(",", ".")
            _refuse(text, f"{vi}; viết {decimal} (dấu chấm thập phân)", f"{en}; write {decimal} (a decimal point)")
        _refuse(text, vi, en)
    if not 0 < value <= MAX_DAYS:  # also false for NaN
        _refuse(text, vi, en)
    return value


class ArgumentParser(argparse.ArgumentParser):
    """argparse with its errors in Vietnamese and English: usage, then one line per language; status 2."""

    def error(self, message: str) -> NoReturn:
        usage = self.format_usage().replace("usage:", "cách dùng / usage:", 1)
        self.exit(EXIT_BAD_INPUT, usage + str(CommandLineError(_argparse_problems(message))) + "\n")


def _name(argument: str) -> str:
    argument = argument.strip()
    return "command" if argument.startswith("{") or argument == "command" else argument


def _argparse_problems(message: str) -> list[tuple[str, object, str, str]]:
    """argparse's English error message as (argument, value, Vietnamese, English) problems."""
    found = re.match(r"argument (?P<arg>[^:]+): (?P<rest>.*)", message, re.DOTALL)
    if found and _SEP in found["rest"]:
        value, vi, en = found["rest"].rsplit(_SEP, 2)
        return [(_name(found["arg"]), value, vi, en)]
    if found:
        arg, rest = _name(found["arg"]), found["rest"]
        choice = re.match(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$", rest, re.DOTALL)
        if choice:
            choices = choice["choices"].replace("'", "")
            value = choice["value"].strip("'")
            if arg == "command":
                return [(arg, value, f"không có lệnh này; chọn một trong: {choices}",
                         f"no such command; choose one of: {choices}")]
            return [(arg, value, f"phải là một trong: {choices}", f"must be one of: {choices}")]
        if rest.startswith("expected"):
            return [(arg, None, "thiếu giá trị sau tham số này", "a value must follow this option")]
        return [(arg, None, f"không dùng được ({rest})", f"not usable ({rest})")]
    required = re.match(r"the following arguments are required: (?P<names>.*)", message)
    if required:
        problems = []
        for name in (_name(n) for n in required["names"].split(", ")):
            if name == "command":
                problems.append((name, None, "thiếu lệnh; chọn run, validate hoặc describe",
                                 "a command is missing; choose run, validate or describe"))
            else:
                problems.append((name, None, "thiếu tham số bắt buộc này", "this required argument is missing"))
        return problems
    unknown = re.match(r"unrecognized arguments: (?P<args>.*)", message)
    if unknown:
        words = unknown["args"].split()
        options = [w for w in words if w.startswith("-")] or words[:1]
        return [(option, unknown["args"], "tham số không được biết; xem `python -m sim <lệnh> --help`",
                 "unknown argument; see `python -m sim <command> --help`") for option in options]
    ambiguous = re.match(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", message)
    if ambiguous:
        return [(ambiguous["option"], None, f"viết tắt không rõ, có thể là {ambiguous['matches']}",
                 f"ambiguous abbreviation, could be {ambiguous['matches']}")]
    return [("(tham số / argument)", None, f"không dùng được ({message})", f"not usable ({message})")]


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="python -m sim",
        description="Mô phỏng e-CRM cho môn Quản trị quan hệ khách hàng điện tử / e-CRM course simulator",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="chạy mô phỏng và ghi các bảng / run and write the tables")
    run.add_argument("--scenario", default="default", help="default | b2b | demo | FILE.yaml")
    run.add_argument("--seed", type=whole_number(0), default=2026, help="hạt giống ngẫu nhiên / random seed")
    run.add_argument("--out", required=True, type=Path, help="thư mục ghi kết quả / output folder")
    run.add_argument("--overwrite-shipped", action="store_true",
                     help="cho phép ghi đè dữ liệu đi kèm trong datasets/ (make data) / "
                          "allow overwriting the shipped data in datasets/ (make data)")
    run.add_argument("--customers", default=None,
                     type=whole_number(0, MAX_PROSPECTS, ("số khách tiềm năng tối đa của một tiến trình",
                                                          "the most prospects of one process")),
                     help="số khách tiềm năng kỳ vọng; nhân viên dịch vụ tăng theo / "
                          "expected number of prospects; service agents scale with it")
    run.add_argument("--days", type=days, default=None,
                     help="độ dài cửa sổ quan sát (ngày) / observation window (days)")
    run.add_argument("--format", choices=("csv", "parquet"), default=None, help="csv (mặc định / default) | parquet")
    run.add_argument("--dirty", action="store_true",
                     help="thêm bản xuất CRM 'bẩn' để thực hành làm sạch / add a dirty CRM export")
    run.add_argument("--shards", type=whole_number(1, MAX_SHARDS), default=1,
                     help="chia lần chạy thành N phần, mỗi phần một phần nhu cầu, ngân sách và nhân viên / "
                          "split the run into N shards, each with its share of demand, budgets and staff")
    run.add_argument("--jobs", type=whole_number(1, MAX_JOBS), default=1,
                     help="số phần chạy cùng lúc, mỗi phần một tiến trình (thường = số nhân) / "
                          "shards run at once, one process each (usually the number of cores)")
    run.add_argument("--partitioned", action="store_true",
                     help="mỗi phần ghi tệp Parquet riêng (orders-00001.parquet…), cho lần chạy rất lớn / "
                          "each shard writes its own Parquet files, for very large runs")
    run.add_argument("--scheduler", default=None,
                     help="địa chỉ bộ lập lịch Dask (tcp://máy:8786) hoặc 'local'; cần --partitioned / "
                          "a Dask scheduler address or 'local'; needs --partitioned")
    val = sub.add_parser("validate", help="kiểm tra một tệp kịch bản / check a scenario file")
    val.add_argument("file", type=Path)
    desc = sub.add_parser("describe", help="in từ điển dữ liệu / print the data dictionary")
    desc.add_argument("--lang", choices=("vi", "en", "both"), default="both")
    desc.add_argument("--readme", action="store_true",
                      help="in README của thư mục datasets / print datasets/README.md")
    desc.add_argument("--seed", type=whole_number(0), default=2026, help="hạt giống ghi trong README / seed named in it")
    real = sub.add_parser("realism", help="so cửa hàng mặc định với số liệu công bố (Markdown) / "
                                          "the default shop against published figures (Markdown)")
    real.add_argument("--data", type=Path, default=None,
                      help="thư mục bảng của một lần chạy (mặc định: chạy kịch bản default) / "
                           "a run's folder (default: run the default scenario)")
    real.add_argument("--seed", type=whole_number(0), default=2026, help="hạt giống / random seed")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help (0), or a bad argument (2) whose message argparse has printed
        return done.code if isinstance(done.code, int) else EXIT_BAD_INPUT
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
    _check_run_options(args)
    folder = run_folder(args.out, field="--out", overwrite_shipped=args.overwrite_shipped)
    folder.check()
    if args.partitioned:
        return _run_partitioned(args, scenario)
    fmt = args.format or "csv"
    bar, report = _progress(scenario.horizon_days if args.days is None
                            else args.days + scenario.truth_horizon_days)
    try:
        with pandas_deferred():  # the tables are built and written from Arrow: pandas only for --dirty
            result = simulate(scenario, seed=args.seed, customers=args.customers, days=args.days,
                              dirty=args.dirty, progress=report if args.shards == 1 else None,
                              shards=args.shards, jobs=args.jobs)
            written = result.write(folder, fmt=fmt)
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


def _check_run_options(args: argparse.Namespace) -> None:
    """Refuse options that do not go together, before any work."""
    problems = []
    if args.partitioned and args.format == "csv":
        problems.append(("--format", "csv", "một lần chạy chia tệp (--partitioned) ghi Parquet; bỏ --format csv",
                         "a partitioned run (--partitioned) writes Parquet; drop --format csv"))
    if args.partitioned and args.dirty:
        problems.append(("--dirty", None, "không dùng được với --partitioned; bản xuất bẩn cần toàn bộ danh sách khách",
                         "cannot be used with --partitioned; the dirty export needs the whole customer list"))
    if args.scheduler is not None and not args.partitioned:
        problems.append(("--scheduler", args.scheduler, "cần --partitioned: trên cụm máy mỗi phần ghi tệp của mình",
                         "needs --partitioned: on a cluster each shard writes its own files"))
    if args.scheduler is not None and not args.scheduler.strip():
        problems.append(("--scheduler", args.scheduler, "phải là địa chỉ tcp://máy:cổng hoặc local",
                         "must be an address tcp://host:port or local"))
    if problems:
        raise CommandLineError(problems)


def _run_partitioned(args: argparse.Namespace, scenario) -> int:
    """A run in shards, each writing its own Parquet files (on this machine's cores or a Dask cluster)."""
    scenario, scale = prepare(scenario, args.seed, customers=args.customers, days=args.days)
    client, cluster = _dask_client(args.scheduler, args.jobs) if args.scheduler else (None, None)
    try:
        manifest = write_partitioned(scenario, args.seed, scale, args.shards, args.out, jobs=args.jobs, client=client)
    except KeyboardInterrupt:
        print("Đã dừng; không ghi gì / stopped; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    print(f"Đã ghi {len(manifest['files'])} tệp vào {args.out} / wrote {len(manifest['files'])} files to {args.out}: "
          + ", ".join(f"{k}={v}" for k, v in manifest["rows"].items()))
    return 0


def _dask_client(scheduler: str, jobs: int):
    """A Dask client for ``--scheduler``: a cluster's scheduler, or a local cluster of ``jobs`` workers."""
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415 (optional: the cluster extra)
    except ImportError:
        raise CommandLineError([("--scheduler", scheduler, 'cần Dask: pip install -e ".[cluster]"',
                                 'needs Dask: pip install -e ".[cluster]"')]) from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="20s"), None
    except (OSError, ValueError, TimeoutError) as exc:
        raise CommandLineError([("--scheduler", scheduler, f"không kết nối được ({exc})",
                                 f"cannot connect ({exc})")]) from None


def _realism(args: argparse.Namespace) -> int:
    """Print the realism report (``datasets/REALISM.md``) of a run folder, or of the default scenario."""
    # pandas, which only the commands that read tables need (``run`` writes without it):
    from sim.engine.io import read_manifest, read_tables  # noqa: PLC0415 (pandas, only to read tables back)
    from sim.measures.realism import realism_markdown, realism_report  # noqa: PLC0415 (pandas, only for this report)

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
