"""The order of the "Quan hệ khách hàng" section: its numbered sub-sections and the figures and tables in each.

Figures and tables are numbered in this order ("Hình 1", "Bảng 1", …), so a checklist can point to the
figure that answers each of its items, and the notebook and the exported document agree.
"""

from __future__ import annotations

SECTION_KEY = "section"
"""The label (kind ``report``) of the section's own heading, "Quan hệ khách hàng"."""

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("targets", ("personas", "funnel", "dropout_reasons")),
    ("acquisition", ("channels", "channel_economics")),
    ("retention", ("retention", "nps", "survival")),
    ("extension", ("ltv", "ltv_grid", "rfm_table", "rfm")),
    ("service", ("service", "wait_times", "servqual")),
    ("comparison", ("comparison_table", "comparison")),
    ("activities", ("four_activities", "activities")),
    ("steps", ("steps", "step_levers")),
)
"""Each numbered sub-section (its heading is the label of kind ``report``) with its items, figures
(keys of :data:`sim.report.figures.FIGURES`) and tables (keys of :data:`sim.report.section_tables.TABLES`)."""


def numbering(figure_keys: set[str] | frozenset[str]) -> dict[str, tuple[str, int]]:
    """``{item: ("figure" | "table", n)}``: the number of every item, counted apart for figures and tables.

    Args:
        figure_keys: the keys that are figures; every other item is a table.
    """
    counts = {"figure": 0, "table": 0}
    out: dict[str, tuple[str, int]] = {}
    for _, items in SECTIONS:
        for item in items:
            kind = "figure" if item in figure_keys else "table"
            counts[kind] += 1
            out[item] = (kind, counts[kind])
    return out


__all__ = ["SECTIONS", "SECTION_KEY", "numbering"]
