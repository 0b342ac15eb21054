"""Families of bad scenario values, each refused at once with a bilingual message naming the field.

Hypothesis generates each family: non-finite numbers and huge values in every number field (found
by walking the schema), money written with dots as thousands separators, dates that do not exist,
deep nesting, alias bombs and absurd run sizes. Each must end in a :class:`sim.ScenarioError`
within a few seconds: no traceback, no hang, no memory exhausted.
"""

from __future__ import annotations

import calendar
import math
import signal
import subprocess
import sys
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import sim
from sim.base.codes import PERSONAS
from sim.base.errors import ScenarioError, _show
from sim.cli import main
from sim.engine.simulate import check_run_size
from sim.scenario.schema import Scenario

SECONDS = 5.0
"""A refusal must come within this many seconds (a hang is a failure, not a wait)."""

VALID_CATEGORY = {"share": 1.0, "price_tiers_vnd": [100000], "margin_rate": 0.3, "products": 5}
"""One category, worked by hand: it alone makes a valid catalogue."""


class TookTooLong(Exception):
    pass


@contextmanager
def within(seconds: float = SECONDS) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``."""

    def stop(signum, frame):
        raise TookTooLong(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(call: typing.Callable[[], object]) -> ScenarioError:
    """Run ``call``; it must raise a bilingual ScenarioError quickly. Returns the error."""
    started = time.perf_counter()
    with within(), pytest.raises(ScenarioError) as info:
        call()
    assert time.perf_counter() - started < SECONDS
    message = str(info.value)
    assert "Kịch bản không hợp lệ" in message and "Invalid scenario" in message
    assert "Traceback" not in message
    return info.value


# --------------------------------------------------------------------------- the schema's number fields
def _unwrap(annotation: object) -> object:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _leaves(annotation: object, path: tuple) -> Iterator[tuple[tuple, type]]:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            yield from _leaves(info.annotation, (*path, name))
    elif origin is list:
        element = _unwrap(typing.get_args(annotation)[0])
        if element in (int, float):
            yield (*path, 0), element
    elif origin is dict:
        key, value = (_unwrap(a) for a in typing.get_args(annotation))
        if isinstance(value, type) and issubclass(value, BaseModel):
            yield from _leaves(value, (*path, "general"))
        elif value in (int, float):
            yield (*path, typing.get_args(key)[0] if typing.get_args(key) else "x"), value
    elif annotation in (int, float):
        yield path, annotation


NUMBER_FIELDS: list[tuple[tuple, type]] = list(_leaves(Scenario, ()))
"""Every number in a scenario: (path, int or float). A list element has index 0 in its path."""


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _is_money(path: tuple) -> bool:
    return any(str(p).endswith("_vnd") for p in path[-2:])


MONEY_FIELDS = [(path, kind) for path, kind in NUMBER_FIELDS if _is_money(path)]


def _nested(path: tuple, value: object) -> dict:
    """The override that puts ``value`` at ``path`` (a list of one element; a whole valid category)."""
    if path[:3] == ("catalogue", "categories", "general"):
        category = dict(VALID_CATEGORY)
        rest = path[3:]
        category[rest[0]] = [value] if len(rest) > 1 else value
        return {"catalogue": {"categories": {"general": category}}}
    out: dict = {}
    node = out
    for i, part in enumerate(path[:-1]):
        if path[i + 1] == 0:
            node[part] = [value]
            return out
        node = node.setdefault(part, {})
    node[path[-1]] = value
    return out


def _as_changes(nested: dict, prefix: str = "") -> dict:
    """A nested override as dotted ``with_changes`` paths (lists and categories stay whole)."""
    out = {}
    for key, value in nested.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path != "catalogue.categories":
            out.update(_as_changes(value, path + "."))
        else:
            out[path] = value
    return out


def _write(tmp: Path, text: str) -> Path:
    path = tmp / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# The walk must reach every kind of number: top level, nested, list elements, categories, tilts.
assert {"truth_horizon_days", "channels.paid_search.daily_budget_vnd", "service.chat.agents",
        "channels.paid_search.competitor_bids_vnd.0", "catalogue.categories.general.products",
        "channels.direct.persona_tilt.directed_information_seeker", "survey.intercept"} <= {
    _name(p) for p, _ in NUMBER_FIELDS}
assert {"retention.community.cost_per_month_vnd", "catalogue.categories.general.price_tiers_vnd.0"} <= {
    _name(p) for p, _ in MONEY_FIELDS}


ROUTES = ("dict", "with_changes", "yaml")


def _load(route: str, nested: dict, tmp: Path):
    if route == "dict":
        return lambda: sim.load_scenario({"base": "demo", **nested})
    if route == "with_changes":
        return lambda: sim.with_changes("demo", _as_changes(nested))
    path = _write(tmp, yaml.safe_dump({"base": "demo", **nested}, allow_unicode=True))
    return lambda: sim.load_scenario(path)


# --------------------------------------------------------------------------- 1. NaN and infinities
@pytest.mark.parametrize(("path", "kind"), NUMBER_FIELDS, ids=[_name(p) for p, _ in NUMBER_FIELDS])
def test_nan_is_refused_in_every_number_field(path, kind):
    error = refused(lambda: sim.load_scenario({"base": "demo", **_nested(path, math.nan)}))
    assert _name(path) in error.fields
    if kind is float:
        assert "hữu hạn" in str(error) and "finite" in str(error)
    else:
        assert "số nguyên" in str(error) and "whole number" in str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(NUMBER_FIELDS), value=st.sampled_from([math.nan, math.inf, -math.inf]),
       route=st.sampled_from(ROUTES))
def test_non_finite_numbers_are_refused_by_every_route(tmp_path, field, value, route):
    path, kind = field
    error = refused(_load(route, _nested(path, value), tmp_path))
    assert _name(path) in error.fields
    message = str(error)
    if kind is float:
        assert "hữu hạn" in message and "finite" in message
    else:
        assert "số nguyên" in message and "whole number" in message


def test_nan_truth_horizon_is_refused_by_the_command_line_without_looping(tmp_path):
    """``truth_horizon_days: .nan`` looped forever at 100% CPU: now refused before the run."""
    path = _write(tmp_path, "base: demo\ntruth_horizon_days: .nan\n")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", str(path), "--out", str(out)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "truth_horizon_days" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


@settings(max_examples=40, deadline=None)
@given(days=st.sampled_from([math.nan, math.inf, -math.inf, 1e308, 10**6, 7306.0]))
def test_simulate_refuses_non_finite_or_absurd_days(days):
    error = refused(lambda: sim.simulate("demo", seed=1, days=days))
    assert "days" in error.fields


# --------------------------------------------------------------------------- 1. upper bounds
HUGE_FLOATS = st.floats(min_value=1e15, max_value=1e308)
HUGE_INTS = st.integers(min_value=10**15, max_value=10**400)
BOUND_WORDS = ("at most", "between", "in [", "within", "≤")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), route=st.sampled_from(ROUTES))
def test_huge_values_are_refused_with_the_bound_stated(tmp_path, data, route):
    """10^15 is more than any sane count, duration (2.7 trillion years) or money amount (a quadrillion đồng)."""
    path, kind = data.draw(st.sampled_from(NUMBER_FIELDS))
    value = data.draw(HUGE_INTS if kind is int else HUGE_FLOATS)
    error = refused(_load(route, _nested(path, value), tmp_path))
    assert _name(path) in error.fields
    english = str(error).split("\n")
    assert any(word in line for line in english for word in BOUND_WORDS)


@pytest.mark.parametrize("change", [
    {"service.chat.agents": 10**29},
    {"catalogue.categories": {"general": {**VALID_CATEGORY, "products": 10**23}}},
    {"channels.email.partner_list_size": 10**25},
    {"observation_days": 1e308},
    {"start_date": "9999-12-01"},
    {"start_date": "1899-12-31"},
])
def test_the_issues_examples_are_refused(change):
    (field, _), = change.items()
    error = refused(lambda: sim.with_changes("demo", change))
    assert any(f.startswith(field) for f in error.fields)


@settings(max_examples=30, deadline=None)
@given(start=st.one_of(st.dates(max_value=__import__("datetime").date(1999, 12, 31)),
                       st.dates(min_value=__import__("datetime").date(2101, 1, 1))))
def test_dates_outside_2000_to_2100_are_refused(start):
    error = refused(lambda: sim.with_changes("demo", {"start_date": start}))
    assert error.fields == ["start_date"]
    assert "2000" in str(error) and "2100" in str(error)


@settings(max_examples=20, deadline=None)
@given(customers=st.integers(min_value=10_000_001, max_value=10**15))
def test_simulate_refuses_more_than_ten_million_prospects_before_running(customers):
    error = refused(lambda: sim.simulate("demo", seed=1, customers=customers))
    assert "customers" in error.fields
    assert "10.000.000" in str(error) and "10,000,000" in str(error)


@settings(max_examples=20, deadline=None)
@given(visits=st.floats(min_value=60_000.0, max_value=10_000_000.0), days=st.floats(min_value=200.0, max_value=7000.0))
def test_a_scenario_whose_expected_prospects_exceed_ten_million_is_refused_before_running(visits, days):
    """visits/day × days ≥ 60,000 × 200 = 12 million direct visitors alone: more than 10 million."""
    scenario = {"base": "demo", "channels": {"direct": {"visits_per_day": visits}}}
    error = refused(lambda: sim.simulate(scenario, seed=1, days=days))
    assert "10.000.000" in str(error)


def test_needs_every_few_seconds_are_refused_before_running():
    """600 demo prospects, each with a need every 0.0001 day over 270 days: 1.6 billion journeys or more."""
    personas = {name: {"mean_days_between_needs": 0.0001} for name in PERSONAS}
    error = refused(lambda: sim.simulate({"base": "demo", "personas": personas}, seed=1))
    assert "mean_days_between_needs" in str(error)


def test_ten_million_default_customers_pass_the_size_check():
    """The scale benchmark's planned shards: 10 million prospects of the default shop per process.

    The check runs before any work, so it is called here without running the shard.
    """
    for preset in sim.PRESETS:
        check_run_size(sim.load_scenario(preset), customers=10_000_000)
    check_run_size(sim.load_scenario(Path("exercises/du_an_nhom/kich_ban.yaml")), customers=10_000_000)


# --------------------------------------------------------------------------- 1. Vietnamese number formats
def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(MONEY_FIELDS), n=st.integers(min_value=1000, max_value=10**12))
def test_money_written_with_thousands_dots_is_refused_with_a_hint(tmp_path, field, n):
    """``500.000`` is read by YAML as 500.0: a silent 1000× error; ``1.500.000`` as text."""
    path, _ = field
    text = yaml.safe_dump({"base": "demo", **_nested(path, "NUMBER_HERE")}, allow_unicode=True)
    error = refused(lambda: sim.load_scenario(_write(tmp_path, text.replace("NUMBER_HERE", _dotted(n)))))
    assert _name(path) in error.fields
    message = str(error)
    assert f"viết {n} hoặc {n:_}" in message and f"write {n} or {n:_}" in message


def test_a_float_given_from_python_is_not_mistaken_for_thousands():
    assert sim.with_changes("demo", {"channels.paid_search.daily_budget_vnd": 500.0}).channels.paid_search \
        .daily_budget_vnd == 500.0


def test_a_decimal_with_three_places_stays_a_decimal_outside_money(tmp_path):
    scenario = sim.load_scenario(_write(tmp_path, "base: demo\nchannels:\n  direct: {visits_per_day: 1.500}\n"))
    assert scenario.channels.direct.visits_per_day == 1.5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mantissa=st.integers(min_value=1, max_value=9), exponent=st.integers(min_value=0, max_value=9),
       plus=st.booleans(), capital=st.booleans())
def test_scientific_notation_is_read_as_a_number(tmp_path, mantissa, exponent, plus, capital):
    """YAML 1.1 reads ``5e5`` as text; the loader reads it as 5 × 10^5 (YAML 1.2 does too)."""
    text = f"{mantissa}{'E' if capital else 'e'}{'+' if plus else ''}{exponent}"
    path = _write(tmp_path, f"base: demo\nchannels:\n  paid_search: {{daily_budget_vnd: {text}}}\n")
    assert sim.load_scenario(path).channels.paid_search.daily_budget_vnd == mantissa * 10**exponent


@pytest.mark.parametrize(("text", "hint"), [("0,35", "0.35"), ("'500,000'", "500000"), ("1.500.000", "1500000")])
def test_comma_or_grouped_text_gets_a_hint(tmp_path, text, hint):
    path = _write(tmp_path, f"base: demo\nchurn:\n  monthly_hazard: {text}\n")
    error = refused(lambda: sim.load_scenario(path))
    assert error.fields == ["churn.monthly_hazard"] and hint in str(error)


# --------------------------------------------------------------------------- 1. impossible dates
@st.composite
def impossible_dates(draw) -> str:
    year = draw(st.integers(min_value=2000, max_value=2100))
    if draw(st.booleans()):
        month = draw(st.integers(min_value=1, max_value=12))
        day = draw(st.integers(min_value=calendar.monthrange(year, month)[1] + 1, max_value=99))
    else:
        month = draw(st.integers(min_value=13, max_value=99))
        day = draw(st.integers(min_value=1, max_value=28))
    return f"{year}-{month:02d}-{day:02d}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date=impossible_dates(), route=st.sampled_from(["yaml", "with_changes"]))
def test_impossible_dates_are_refused_like_any_bad_value(tmp_path, date, route):
    if route == "yaml":
        path = _write(tmp_path, f"base: demo\nstart_date: {date}\n")
        call = lambda: sim.load_scenario(path)  # noqa: E731
    else:
        call = lambda: sim.with_changes("demo", {"start_date": date})  # noqa: E731
    error = refused(call)
    assert error.fields == ["start_date"]
    assert date in str(error)


# --------------------------------------------------------------------------- 2. deep nesting, bombs, size
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(min_value=1000, max_value=100_000), where=st.sampled_from(["unknown", "field"]),
       flow=st.booleans())
def test_deep_nesting_in_a_file_is_refused(tmp_path, depth, where, flow):
    key, indent = ("notes", 1) if where == "unknown" else ("channels:\n  direct:\n    visits_per_day", 3)
    if flow:
        value = "[" * depth + "]" * depth
    else:  # a block list of lists, each level indented two spaces more (600 levels: a 0.4 MB file)
        levels = min(depth, 600)
        value = "".join("\n" + "  " * (indent + i) + ("- 1" if i == levels - 1 else "-") for i in range(levels))
    error = refused(lambda: sim.load_scenario(_write(tmp_path, f"base: demo\n{key}: {value}\n")))
    assert "sâu" in str(error) and "deep" in str(error)


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(min_value=1000, max_value=50_000), route=st.sampled_from(["dict", "with_changes"]))
def test_deep_nesting_from_python_is_refused(depth, route):
    nested: object = 1.0
    for _ in range(depth):
        nested = [nested]
    if route == "dict":
        call = lambda: sim.load_scenario({"base": "demo", "channels": {"direct": {"visits_per_day": nested}}})  # noqa: E731
    else:
        call = lambda: sim.with_changes("demo", {"channels.direct.visits_per_day": nested})  # noqa: E731
    error = refused(call)
    assert "sâu" in str(error) and "deep" in str(error)
    assert any(f.startswith("channels.direct.visits_per_day") for f in error.fields)


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 lol"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levels=st.integers(min_value=4, max_value=30), width=st.integers(min_value=2, max_value=12),
       where=st.sampled_from(["unknown", "field", "top"]))
def test_alias_bombs_are_refused_quickly(tmp_path, levels, width, where):
    """width ** levels values from a few hundred bytes ("billion laughs")."""
    if width**levels < 100_000:
        levels = math.ceil(math.log(100_000) / math.log(width))
    bomb = _bomb(levels, width).replace("\n", "\n  ")
    if where == "unknown":
        text = f"base: demo\nnotes:\n  {bomb}\n"
    elif where == "field":
        text = f"base: demo\nnotes:\n  {bomb}\nchannels:\n  paid_search:\n    competitor_bids_vnd: *a{levels}\n"
    else:
        text = f"base: demo\n{_bomb(levels, width)}\n"
    error = refused(lambda: sim.load_scenario(_write(tmp_path, text)))
    assert "alias" in str(error) and "bí danh" in str(error)


def test_the_461_byte_bomb_of_the_issue_does_not_hang_validate(tmp_path, capsys):
    path = _write(tmp_path, "base: demo\nlol:\n  " + _bomb(9, 9).replace("\n", "\n  ") + "\n")
    with within():
        assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Invalid scenario" in err and "Traceback" not in err


def test_a_value_that_contains_itself_is_refused(tmp_path):
    error = refused(lambda: sim.load_scenario(_write(tmp_path, "base: demo\nnotes: &a [*a]\n")))
    assert "chứa chính nó" in str(error) and "contains itself" in str(error)
    loop: list = []
    loop.append(loop)
    error = refused(lambda: sim.with_changes("demo", {"channels.paid_search.competitor_bids_vnd": loop}))
    assert "chứa chính nó" in str(error) and "contains itself" in str(error)
    assert error.fields == ["channels.paid_search.competitor_bids_vnd.0"]


def test_a_shared_python_bomb_is_refused():
    """The same bomb built in Python: ten levels of a list holding ten times the level below."""
    bomb: object = "lol"
    for _ in range(10):
        bomb = [bomb] * 10
    error = refused(lambda: sim.load_scenario({"base": "demo", "notes": bomb}))
    assert error.fields[0].startswith("notes")


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(tmp_path):
    path = _write(tmp_path, "base: demo\n" + "# " + "x" * 2_000_000 + "\n")
    error = refused(lambda: sim.load_scenario(path))
    assert "1 MB" in str(error)


# --------------------------------------------------------------------------- messages never build a value whole
def test_messages_cut_values_without_building_them_whole():
    bomb: object = "lol"
    for _ in range(30):
        bomb = [bomb] * 30  # 30 ** 30 strings if printed whole
    with within(1.0):
        shown = _show(bomb)
        huge = _show(10**100_000)
        long_text = _show("x" * 10_000_000)
    for text in (shown, huge, long_text):
        assert len(text) <= 80
    assert huge.startswith("1") or "10^" in huge
