"""The whole command against a peer, and the start-up: ``python benchmarks/bench_simulator.py`` (part of ``make bench``).

Prints, measured side by side in one run (each figure the best of ``--repeats`` rounds, the two
sides taking turns so that the machine's load hits them alike):

* **rows written per second, whole process**: ``python -m sim run --scenario default --format csv``
  (start-up, simulation, tables, files) against superstore, a synthetic e-commerce generator written in
  Rust (PyPI ``superstore``): its ``ecommerce_data`` with 100,000 sessions, 20,000 customers over one
  year, each table written as CSV with pandas, also as a whole process. Target: ratio ≥ 1.0.
  superstore is not a dependency of the package: install it to reproduce (``pip install superstore``);
  without it this part is skipped with a message.
* **start-up**: ``python -c "import sim"`` against ``python -c "import pandas"`` (target ≤ 1.5×), and
  ``import sim.cli``, what ``python -m sim run`` loads before simulating.
* the default dataset (simulate + tables + CSV, in this process; target ≤ 5 s) and one run of the
  ``demo`` scenario (a slider's re-run; target ≤ 0.3 s), and the peak memory.

The machine is shared: the load average is printed before and after, and CPU seconds (user + system)
beside the wall-clock ones; compare figures from a quiet machine.

The package is measured as installed: its bytecode compiled (``make install`` runs ``compileall``, as pip
does for a regular install), so that no run spends its time compiling the source again, which Python
does on every start where it may not write bytecode (``PYTHONDONTWRITEBYTECODE``). ``--no-compile``
leaves the bytecode as it is (delete ``sim/**/__pycache__`` first to measure a run that compiles).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sim

SUPERSTORE = """
import os, sys
import superstore
data = superstore.ecommerce_data({"sessions": 100_000, "customers": 20_000, "days": 365, "seed": 1,
                                  "start_date": "2025-01-01"}, output="pandas")
os.makedirs(sys.argv[1])
rows = 0
for name, df in data.items():
    df.to_csv(os.path.join(sys.argv[1], name + ".csv"), index=False)
    rows += len(df)
print(rows)
"""
"""The peer's whole process: generate the e-commerce tables and write each one as CSV."""


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(command: list[str]) -> tuple[float, float, str]:
    """Run a command in a fresh process: (wall seconds, CPU seconds of the process, its standard output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def have_superstore() -> bool:
    return subprocess.run([sys.executable, "-c", "import superstore"], capture_output=True, check=False).returncode == 0


def whole_command(repeats: int) -> None:
    """Rows per second of the whole command, ours and superstore's, taking turns."""
    peer = have_superstore()
    if not peer:
        print("superstore: not installed, comparison skipped (pip install superstore to reproduce it)")
    best = {"sim": (float("inf"), 0.0), "superstore": (float("inf"), 0.0)}
    rows = {"sim": 0, "superstore": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            out = Path(tmp) / f"sim{i}"
            wall, cpu, _ = timed([sys.executable, "-m", "sim", "run", "--scenario", "default", "--format", "csv",
                                  "--out", str(out)])
            rows["sim"] = sum(json.loads((out / "manifest.json").read_text("utf-8"))["rows"].values())
            best["sim"] = min(best["sim"], (wall, cpu))
            if peer:
                wall, cpu, printed = timed([sys.executable, "-c", SUPERSTORE, str(Path(tmp) / f"ss{i}")])
                rows["superstore"] = int(printed.split()[-1])
                best["superstore"] = min(best["superstore"], (wall, cpu))
    print(f"{'whole process':<34} {'rows':>9} {'seconds':>8} {'CPU s':>6} {'rows/s':>9}")
    rate = {}
    for name, label in (("sim", "python -m sim run (default, CSV)"), ("superstore", "superstore (100k sessions, CSV)")):
        if rows[name]:
            wall, cpu = best[name]
            rate[name] = rows[name] / wall
            print(f"{label:<34} {rows[name]:>9,} {wall:>8.2f} {cpu:>6.2f} {rate[name]:>9,.0f}")
    if peer:
        print(f"{'ratio of rows/s (sim / superstore)':<34} {rate['sim'] / rate['superstore']:>9.2f}   target ≥ 1.0")


def start_up(repeats: int) -> None:
    """``import sim`` against ``import pandas``, each in a fresh process, taking turns."""
    commands = {"import pandas": "import pandas", "import sim": "import sim",
                "import sim.cli (what a run loads)": "import sim.cli"}
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(repeats):
        for name, code in commands.items():
            best[name] = min(best[name], timed([sys.executable, "-c", code])[0])
    for name, seconds in best.items():
        print(f"{name:<34} {seconds:>8.3f} s")
    print(f"{'import sim / import pandas':<34} {best['import sim'] / best['import pandas']:>8.2f}     target ≤ 1.5")
    print(f"{'import sim.cli / import pandas':<34} {best['import sim.cli (what a run loads)'] / best['import pandas']:>8.2f}"
          "     (what python -m sim run loads before simulating)")


def best_of(repeats: int, func) -> float:
    return min(func() for _ in range(repeats))


def in_process(repeats: int) -> None:
    """The default dataset and a demo run, in this process (as a notebook runs them)."""
    scenario, demo = sim.load_scenario("default"), sim.load_scenario("demo")

    def dataset() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            sim.simulate(scenario, seed=2026).write(Path(tmp) / "out")
            return time.perf_counter() - started

    def demo_run() -> float:
        started = time.perf_counter()
        sim.simulate(demo, seed=2026)
        return time.perf_counter() - started

    print(f"{'default dataset (in a notebook)':<34} {best_of(repeats, dataset):>8.2f} s   target ≤ 5 s")
    print(f"{'demo scenario (a slider re-run)':<34} {best_of(max(repeats, 5), demo_run):>8.3f} s   target ≤ 0.3 s")
    print(f"{'peak memory of this process':<34} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>8.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true", help="do not compile the package's bytecode first")
    args = parser.parse_args()
    print(f"{len(os.sched_getaffinity(0))} cores; load average (1/5/15 min) before: {load()}")
    if not args.no_compile:
        compileall.compile_dir(Path(sim.__file__).parent, quiet=1)
        print("bytecode of the package compiled, as an install does (--no-compile to skip)")
    whole_command(args.repeats)
    start_up(args.repeats + 2)
    in_process(3)
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
