"""Student-t confidence intervals for a mean over replications (seeds).

    mean ± t(1 − α/2, n − 1) · s / √n,    s the sample standard deviation, α = 1 − level.

Used wherever several seeds of the simulator are summarized, so every table and
chart states its interval the same way.
"""

from __future__ import annotations

import math

import numpy as np


def t_half_width(values: np.ndarray, level: float = 0.95) -> float:
    """Half-width t(1 − α/2, n − 1) · s / √n of the interval; NaN for fewer than two values."""
    # SciPy takes longer to import than the rest of the package: loaded only when an interval is computed.
    from scipy.special import stdtrit  # noqa: PLC0415 (heavy: SciPy, needed only for intervals)

    n = len(values)
    if n < 2:
        return math.nan
    return float(stdtrit(n - 1, 0.5 + level / 2) * np.std(values, ddof=1) / math.sqrt(n))


def t_interval(values: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean, low and high of the t interval; NaN ends with one value, all NaN with none."""
    if len(values) == 0:
        return math.nan, math.nan, math.nan
    mean = float(np.mean(values))
    half = t_half_width(values, level)
    return mean, mean - half, mean + half
