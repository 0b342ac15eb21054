"""Time every lecture notebook run top to bottom in a fresh kernel: ``python benchmarks/bench_notebooks.py``.

Targets (issue "A notebook for every lecture topic"): at most 60 s each, 5 minutes for all.
Each notebook runs with nbclient (as ``make test`` does through nbval), with a 60 s cell timeout.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    paths = [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")), ROOT / "notebooks" / "bang_dieu_khien_giang_vien.ipynb"]
    total = 0.0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - started
        total += seconds
        print(f"{path.name:40s} {seconds:6.1f} s {'(> 60 s!)' if seconds > 60 else ''}")
    print(f"{'tổng / total':40s} {total:6.1f} s  (target ≤ 300 s)")


if __name__ == "__main__":
    main()
