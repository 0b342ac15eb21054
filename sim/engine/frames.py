"""A run's Arrow tables as the pandas DataFrames that :class:`sim.engine.result.Result` shows.

The engine builds its tables in Arrow (:mod:`sim.engine.tables`), so that ``python -m sim run``
writes them without loading pandas. Analytics, notebooks and the measures work on pandas
DataFrames: :func:`to_frame` gives each table the column types of the data dictionary, the same
types a run has always had in memory:

* text as pandas text (``str``), missing as a missing value; ``tickets.tool`` as Python objects
  (``None`` for a request the desk has not reached);
* times as ``datetime64[s]``, the ``marketing.date`` column as ``datetime.date`` objects;
* counts as ``int64`` and yes/no as ``bool``, except the columns of :data:`MASKED` that may be
  empty (``Int64`` and ``boolean``); measures as ``float64``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

NULLABLE: frozenset[str] = frozenset({
    "tickets.reneged", "tickets.resolved",
    "marketing.impressions", "marketing.clicks", "marketing.emails_sent", "marketing.opens", "marketing.unsubscribes",
})
"""Count and yes/no columns that may be empty (a request still open at the window's end, a channel without
clicks): pandas ``Int64`` and ``boolean``. The other count and yes/no columns are never empty: ``int64`` and ``bool``."""
MASKED: frozenset[str] = NULLABLE | {"marketing.invalid_clicks"}
"""Columns held as pandas ``Int64``/``boolean`` in memory: the :data:`NULLABLE` ones, and the invalid clicks, a count
of the marketing table that is empty on every channel but paid search."""
OBJECT_TEXT: frozenset[str] = frozenset({"tickets.tool"})
"""Text columns held as Python objects, ``None`` when missing."""
_MASKED = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def to_frame(name: str, table: pa.Table) -> pd.DataFrame:
    """The table ``name`` of a run as a pandas DataFrame with the dictionary's column types.

    Args:
        name: the table's name (``customers``, ``tickets``…), which says which columns are nullable.
        table: the Arrow table built by :func:`sim.engine.tables.build_tables`.
    """
    text = {i: pa.string() for i, field in enumerate(table.schema) if pa.types.is_dictionary(field.type)}
    if text:  # dictionary-encoded text (labels, identifiers): as text, not as pandas categories
        table = table.cast(pa.schema([field.with_type(text.get(i, field.type)) for i, field in enumerate(table.schema)]))
    df = table.to_pandas()
    for column in table.column_names:
        key = f"{name}.{column}"
        if key in MASKED:
            df[column] = table.column(column).to_pandas(types_mapper=_MASKED.get)
        elif key in OBJECT_TEXT:
            df[column] = pd.Series(table.column(column).to_pylist(), dtype=object)
    return df


__all__ = ["MASKED", "NULLABLE", "OBJECT_TEXT", "to_frame"]
