"""The Result of a run: one DataFrame per table, and how to write them."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from sim.base.version import __version__
from sim.scenario.loader import dump_yaml
from sim.scenario.schema import Scenario

TABLES: tuple[str, ...] = ("customers", "journey", "orders", "tickets", "surveys", "marketing", "truth")
"""The seven output tables, in the order they are written."""
DIRTY_TABLES: tuple[str, ...] = ("customers_dirty", "customers_dirty_truth")
"""Written only when the dirty CRM export is asked for (``--dirty``)."""


@dataclass
class Result:
    """Tables of one run (attributes named after the tables), its scenario and seed."""

    scenario: Scenario
    seed: int
    customers: pd.DataFrame
    journey: pd.DataFrame
    orders: pd.DataFrame
    tickets: pd.DataFrame
    surveys: pd.DataFrame
    marketing: pd.DataFrame
    truth: pd.DataFrame
    stats: dict[str, float] = field(default_factory=dict)
    prospects_scale: float = 1.0
    """What every channel's arrival rate was multiplied by (``customers=``)."""
    service_agents: dict[str, int] = field(default_factory=dict)
    """Chat and e-mail agents on the desk in the run (scaled with the prospects)."""
    customers_dirty: pd.DataFrame | None = None
    customers_dirty_truth: pd.DataFrame | None = None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The seven tables by name, and the dirty export when there is one."""
        out = {name: getattr(self, name) for name in TABLES}
        out.update({name: getattr(self, name) for name in DIRTY_TABLES if getattr(self, name) is not None})
        return out

    def manifest(self) -> dict[str, object]:
        """Seed, package version, scenario name and row counts (no clock time: reproducible)."""
        return {
            "seed": self.seed,
            "package": "sim",
            "version": __version__,
            "scenario": self.scenario.name,
            "observation_days": self.scenario.observation_days,
            "truth_horizon_days": self.scenario.truth_horizon_days,
            "prospects_scale": self.prospects_scale,
            "service_agents": self.service_agents,
            "rows": {name: len(df) for name, df in self.tables.items()},
        }

    def write(self, out: str | Path, fmt: Literal["csv", "parquet"] = "csv") -> list[Path]:
        """Write the tables, ``scenario.yaml`` and ``manifest.json`` into ``out``.

        Files are written to a temporary folder first and moved into place at the
        end, so a failure leaves nothing half-written.
        """
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with tempfile.TemporaryDirectory(dir=out, prefix=".writing-") as tmp:
            tmp_path = Path(tmp)
            for name, df in self.tables.items():
                target = tmp_path / f"{name}.{fmt}"
                if fmt == "csv":
                    df.to_csv(target, index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")
                else:
                    df.to_parquet(target, index=False)
            (tmp_path / "scenario.yaml").write_text(dump_yaml(self.scenario), encoding="utf-8")
            (tmp_path / "manifest.json").write_text(
                json.dumps(self.manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            for item in sorted(tmp_path.iterdir()):
                dest = out / item.name
                if dest.exists():
                    dest.unlink()
                shutil.move(str(item), dest)
                written.append(dest)
        return written
