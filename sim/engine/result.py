"""The Result of a run: one DataFrame per table, and how to write them.

The engine hands the Result its tables as Arrow tables; each becomes a pandas DataFrame the first
time it is asked for (``result.orders``), so a run that only writes its tables (``python -m sim run``)
never loads pandas, and writes them with Arrow's writers (:mod:`sim.engine.writers`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa

from sim.base.errors import ScenarioError
from sim.base.output_folder import OutputFolder
from sim.base.version import __version__
from sim.engine.writers import write_table
from sim.scenario.loader import dump_yaml
from sim.scenario.schema import Scenario

if TYPE_CHECKING:
    import pandas as pd

TABLES: tuple[str, ...] = ("customers", "journey", "orders", "tickets", "surveys", "marketing", "truth")
"""The seven output tables, in the order they are written."""
DIRTY_TABLES: tuple[str, ...] = ("customers_dirty", "customers_dirty_truth")
"""Written only when the dirty CRM export is asked for (``--dirty``)."""
FORMATS: tuple[str, ...] = ("csv", "parquet")
"""The file formats of the tables."""
MANIFEST_MAX_BYTES = 10_000_000
"""A manifest larger than this is not one a run wrote (a run's is a few hundred bytes; a partitioned run's lists
its files and shards, about 300 bytes a shard)."""


class TableField:
    """A table of a :class:`Result`: given an Arrow table (or a DataFrame), read as a pandas DataFrame.

    The Arrow table is turned into a DataFrame (:func:`sim.engine.frames.to_frame`) the first time the
    attribute is read, and the DataFrame is kept from then on: a change made to it is what
    :meth:`Result.write` writes.
    """

    def __init__(self, optional: bool = False):
        self.optional = optional

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            if self.optional:
                return None  # the field's default
            raise AttributeError(self.name)  # a required field (see "descriptor-typed fields" in dataclasses)
        value = obj.__dict__.get(self.name)
        if isinstance(value, pa.Table):
            from sim.engine.frames import to_frame  # noqa: PLC0415 (pandas, only when a DataFrame is asked for)

            value = obj.__dict__[self.name] = to_frame(self.name, value)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


@dataclass
class Result:
    """Tables of one run (attributes named after the tables, pandas DataFrames), its scenario and seed."""

    scenario: Scenario
    seed: int
    customers: pd.DataFrame = TableField()
    journey: pd.DataFrame = TableField()
    orders: pd.DataFrame = TableField()
    tickets: pd.DataFrame = TableField()
    surveys: pd.DataFrame = TableField()
    marketing: pd.DataFrame = TableField()
    truth: pd.DataFrame = TableField()
    stats: dict[str, float] = field(default_factory=dict)
    prospects_scale: float = 1.0
    """What every channel's arrival rate was multiplied by (``customers=``)."""
    service_agents: dict[str, int] = field(default_factory=dict)
    """Chat and e-mail agents on the desk in the run (scaled with the prospects)."""
    customers_dirty: pd.DataFrame | None = TableField(optional=True)
    customers_dirty_truth: pd.DataFrame | None = TableField(optional=True)
    shards: list[dict[str, Any]] | None = None
    """A sharded run's shards (their seeds, scale and staff), as ``manifest.json`` records them; None for a whole run."""

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The seven tables by name, and the dirty export when there is one."""
        return {name: getattr(self, name) for name in self.table_names()}

    def table_names(self) -> list[str]:
        """The names of the tables this result holds: the seven, and the dirty export when there is one."""
        return [*TABLES, *(name for name in DIRTY_TABLES if self.__dict__.get(name) is not None)]

    def stored(self, name: str) -> Any:
        """The table ``name`` as it is held: an Arrow table until it has been read as a DataFrame."""
        return self.__dict__[name]

    def rows(self) -> dict[str, int]:
        """Rows per table, without turning any table into a DataFrame."""
        return {name: len(self.stored(name)) for name in self.table_names()}

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
            "rows": self.rows(),
            **({"shards": self.shards} if self.shards is not None else {}),
        }

    def write(self, out: str | Path | OutputFolder, fmt: Literal["csv", "parquet"] = "csv", *,
              overwrite_shipped: bool = False) -> list[Path]:
        """Write the tables, ``scenario.yaml`` and ``manifest.json`` as the whole content of the folder ``out``.

        The run owns the folder (see :mod:`sim.base.output_folder`): a new or empty folder receives the run, the
        folder of an earlier run is replaced whole, anything else is refused. The files are written into a
        hidden folder beside ``out`` and moved into place at the end, so a failure, Ctrl-C or SIGTERM leaves
        ``out`` as it was.

        Args:
            out: the folder (or an :class:`~sim.base.output_folder.OutputFolder` from :func:`run_folder`).
            fmt: ``"csv"`` or ``"parquet"``.
            overwrite_shipped: allow the shipped data folder ``datasets/`` (what ``make data`` does).

        Returns:
            The files written, sorted by name.

        Raises:
            ScenarioError: a format other than csv or parquet.
            OutputFolderError: an output folder the run may not write, or could not write (nothing written).
        """
        if fmt not in FORMATS:
            raise ScenarioError([("fmt", fmt, "phải là csv hoặc parquet", "must be csv or parquet")])
        folder = out if isinstance(out, OutputFolder) else run_folder(out, overwrite_shipped=overwrite_shipped)

        def fill(tmp: Path) -> None:
            for name in self.table_names():
                write_table(name, self.stored(name), tmp / f"{name}.{fmt}", fmt)
            (tmp / "scenario.yaml").write_text(dump_yaml(self.scenario), encoding="utf-8")
            (tmp / "manifest.json").write_text(
                json.dumps(self.manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

        return folder.write(fill)


def run_files(folder: Path) -> frozenset[str] | None:
    """The files an earlier run may have left in ``folder``, or ``None`` when it holds no earlier run.

    An earlier run is recognised by its ``manifest.json``: a JSON object with the package's marker
    ``"package": "sim"`` whose ``rows`` name the seven tables (and perhaps the dirty export) and nothing
    else. Its files are then those tables (``.csv`` or ``.parquet``), ``scenario.yaml`` and ``manifest.json``;
    for a partitioned run (:func:`sim.engine.shards.write_partitioned`), the plain file names its manifest
    lists under ``files``.
    """
    manifest = folder / "manifest.json"
    try:
        if not manifest.is_file() or manifest.stat().st_size > MANIFEST_MAX_BYTES:
            return None
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rows = data.get("rows") if isinstance(data, dict) and data.get("package") == "sim" else None
    if not isinstance(rows, dict) or not set(TABLES) <= set(rows) <= set(TABLES + DIRTY_TABLES):
        return None
    files = data.get("files")
    if isinstance(files, list):
        if not all(isinstance(f, str) and _PART_FILE.fullmatch(f) for f in files):
            return None
        return frozenset(files) | {"manifest.json", "scenario.yaml"}
    return frozenset({"manifest.json", "scenario.yaml"} | {f"{name}.{fmt}" for name in rows for fmt in FORMATS})


_PART_FILE = re.compile(r"[a-z_]+(-[0-9]+)?\.(parquet|csv|yaml|json)")
"""A file a partitioned run lists: a table or a part of one (``orders-00002.parquet``), the scenario, the manifest."""


def run_folder(out: str | Path, *, field: str = "out", overwrite_shipped: bool = False) -> OutputFolder:
    """The output folder of a run: ``check()`` it before simulating, give it to :meth:`Result.write` after.

    Args:
        out: the folder.
        field: the argument named in messages (``--out`` on the command line).
        overwrite_shipped: allow the shipped data folder ``datasets/`` (``make data``).
    """
    return OutputFolder(out, owned=run_files, field=field, overwrite_shipped=overwrite_shipped)
