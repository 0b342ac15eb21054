"""One fixed colour per category across the course, and the categories of one family never share a colour."""

from __future__ import annotations

import itertools
import re

import pytest

from sim import load_scenario
from sim.base.codes import CHANNELS, PERSONAS, REASONS
from sim.base.errors import DataError
from sim.base.labels import LABELS, label
from sim.charts.palette import MIN_DELTA_E, PALETTES, SEQUENCE, colour_of
from sim.charts.style import colour_scale, colours
from sim.engine.dictionary import CODE_COLUMNS
from sim.engine.io import shipped_tables
from sim.measures.service_desk import TOOLS

HEX = re.compile(r"^#[0-9a-f]{6}$")


def cielab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65 white) of an sRGB colour ``#rrggbb``: the sRGB curve undone, the sRGB → XYZ matrix, then CIELAB."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    """CIE 1976 colour difference: the distance of the two colours in CIELAB."""
    return sum((p - q) ** 2 for p, q in zip(cielab(a), cielab(b), strict=True)) ** 0.5


def test_cielab_against_published_values():
    """sRGB red is L* 53.24, a* 80.09, b* 67.20; white is L* 100 and black L* 0 (CIE 15:2004 conversion)."""
    assert cielab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)  # the matrix has 4 decimals
    assert cielab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    assert cielab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert delta_e("#ffffff", "#000000") == pytest.approx(100.0, abs=0.05)


@pytest.mark.parametrize("family", sorted(PALETTES))
def test_colours_of_a_family_are_distinct(family: str):
    """Every pair of categories in a family is at least MIN_DELTA_E apart (≈ 4 noticeable steps), so none can be mistaken."""
    palette = PALETTES[family]
    assert all(HEX.match(c) for c in palette.values()), palette
    close = [(a, b, round(delta_e(palette[a], palette[b]), 1)) for a, b in itertools.combinations(palette, 2)
             if delta_e(palette[a], palette[b]) < MIN_DELTA_E]
    assert close == []


def test_colours_in_turn_are_distinct():
    close = [(a, b) for a, b in itertools.combinations(SEQUENCE, 2) if delta_e(a, b) < MIN_DELTA_E]
    assert close == []


@pytest.mark.parametrize("family", sorted(f for f in PALETTES if f in LABELS))
def test_every_code_of_a_labelled_family_has_its_colour(family: str):
    assert set(PALETTES[family]) == set(LABELS[family])


def test_every_code_the_simulator_writes_has_a_colour():
    """The code columns of the data dictionary, and the codes of the shipped data themselves (product categories too)."""
    for family, _columns in CODE_COLUMNS:
        assert set(LABELS[family]) <= set(PALETTES[family]), family
    assert set(PERSONAS) <= set(PALETTES["persona"]) and set(CHANNELS) <= set(PALETTES["channel"])
    assert set(TOOLS) <= set(PALETTES["tool"])
    tables = shipped_tables()
    for family, columns in CODE_COLUMNS:
        for column in columns:
            table, name = column.split(".")
            used = {str(v) for v in tables[table][name].dropna().unique()}
            assert used <= set(PALETTES[family]), (column, used - set(PALETTES[family]))
    for preset in ("default", "b2b", "demo"):
        categories = set(load_scenario(preset).catalogue.categories)
        assert categories <= set(PALETTES["category"]), (preset, categories - set(PALETTES["category"]))
    assert set(tables["orders"]["category"].unique()) <= set(PALETTES["category"])


def test_every_dropout_reason_has_its_own_colour():
    """The issue's example: "Chỉ xem, chưa có nhu cầu thật" and "Giao hàng thất bại" were both blue."""
    fixed = colours("reason")
    assert len(fixed) == len(set(fixed.values())) == len(REASONS) == 13
    assert fixed[label("reason", "no_real_need")] != fixed[label("reason", "delivery_failed")]


def test_a_category_keeps_its_colour_whatever_else_is_drawn():
    """The colour goes with the code, not with its place in one chart's legend."""
    alone = colour_scale("reason", [label("reason", "delivery_failed")])
    together = colour_scale("reason", [label("reason", r) for r in ("no_real_need", "delivery_failed")])
    assert alone.range == [colour_of("reason", "delivery_failed")]
    assert together.range == [colour_of("reason", "no_real_need"), colour_of("reason", "delivery_failed")]


def test_unknown_family_or_code_is_refused():
    with pytest.raises(DataError, match="family"):
        colour_of("flavour", "x")
    with pytest.raises(DataError, match="reason"):
        colour_of("reason", "bored")


def test_a_students_own_category_is_grey_not_a_borrowed_colour():
    scale = colour_scale("persona", [label("persona", "bargain_hunter"), "Nhóm của em"])
    assert scale.domain[-1] == "Nhóm của em" and scale.range[-1] not in PALETTES["persona"].values()
