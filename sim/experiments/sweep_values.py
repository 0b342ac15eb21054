"""Reading one number out of a sweep's summary, for a predict-first prompt or a sentence of text."""

from __future__ import annotations

import pandas as pd

from sim.base.errors import DataError
from sim.measures.frames import require_columns


def mean_at(summary: pd.DataFrame, parameter: str, value: object, measure: str) -> float:
    """The mean of one measure at one value of a swept parameter, read from :func:`sim.sweep`'s summary.

    Example: a summary with the row (parameter = 100000, measure = "opt_in_rate", mean = 0.52) → 0.52.

    Raises:
        DataError: no such row (the message names the parameter, value and measure).
    """
    require_columns(summary, [parameter, "measure", "mean"], "summary")
    rows = summary[(summary[parameter] == value) & (summary["measure"] == measure)]
    if rows.empty:
        raise DataError([(parameter, value, f"bảng không có dòng nào cho chỉ số {measure} ở giá trị này",
                          f"the table has no row for the measure {measure} at this value")])
    return float(rows["mean"].iloc[0])


def ratio_at(summary: pd.DataFrame, parameter: str, value: object, baseline: object, measure: str) -> float:
    """mean_at(value) / mean_at(baseline): how many times the measure grows when the parameter moves.

    Example: CPA 30,000 ₫ at "exact" and 45,000 ₫ at "broad" → ratio_at(…, "broad", "exact", …) = 1.5.
    """
    return mean_at(summary, parameter, value, measure) / mean_at(summary, parameter, baseline, measure)


__all__ = ["mean_at", "ratio_at"]
