"""Units of time the simulator and the measures convert between.

The simulator's clock runs in days; service times are in minutes; scenario
budgets and costs are often given per month. A month is 30 days throughout the
package (scenario costs ``…_per_month_vnd`` and ``monthly_hazard`` are spread
over 30 days), and a year is 365 days.
"""

from __future__ import annotations

MIN_PER_DAY = 1440.0
"""Minutes in a day: 24 × 60."""

DAYS_PER_MONTH = 30.0
"""Days in a month, for costs and hazards given per month."""

DAYS_PER_YEAR = 365.0
"""Days in a year, for yearly measures (retention per year, LTV horizons)."""
