"""Bad scenarios are refused with the field, the value and what is allowed, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import sim
from sim.base.errors import ScenarioError
from sim.cli import main

BAD_OVERRIDES = {
    "unknown key": ({"personas": {"directed_buyer": {"sharee": 0.2}}}, "personas.directed_buyer.sharee"),
    "unknown top-level key": ({"budget": 5}, "budget"),
    "wrong type": ({"observation_days": "một năm"}, "observation_days"),
    "bool for a number": ({"churn": {"monthly_hazard": True}}, "churn.monthly_hazard"),
    "probability above 1": ({"churn": {"monthly_hazard": 1.5}}, "churn.monthly_hazard"),
    "negative probability": ({"trust": {"reviews": True}, "survey": {"response_rate": -0.1}}, "survey.response_rate"),
    "negative money": ({"channels": {"paid_search": {"max_cpc_vnd": -100}}}, "channels.paid_search.max_cpc_vnd"),
    "negative duration": ({"purchase": {"delivery_days": -2}}, "purchase.delivery_days"),
    "persona mix not 1": ({"personas": {"directed_buyer": {"share": 0.5}}}, "personas"),
    "unknown preset": ({"base": "shopee"}, "base"),
}


@pytest.mark.parametrize("case", sorted(BAD_OVERRIDES))
def test_bad_scenario_is_refused_with_its_field_named(case):
    data, field = BAD_OVERRIDES[case]
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario(data)
    assert field in info.value.fields
    message = str(info.value)
    assert f"`{field}`" in message
    assert "Kịch bản không hợp lệ" in message and "Invalid scenario" in message


def test_message_names_value_and_what_is_allowed():
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario({"churn": {"monthly_hazard": 1.5}})
    message = str(info.value)
    assert "1.5" in message
    assert "[0, 1]" in message
    assert "xác suất" in message and "probability" in message


def test_unknown_key_lists_the_allowed_keys():
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario({"churn": {"montly_hazard": 0.2}})
    assert "monthly_hazard" in str(info.value)


def test_persona_mix_message_gives_the_sum():
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario({"personas": {"directed_buyer": {"share": 0.5}}})
    assert "1.3" in str(info.value)  # 0.22 + 0.20 + 0.50 + 0.23 + 0.15


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD_FILES = {
    "empty": "",
    "only a comment": "# trống\n",
    "not yaml": "personas: {directed_buyer: [1, 2\n",
    "a list, not a mapping": "- base: default\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00",
    "unknown key": "base: default\nchannel:\n  direct: {visits_per_day: 3}\n",
    "probability": "base: demo\npurchase:\n  payment_failure_prob: 1.5\n",
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gives_exit_status_2_and_writes_nothing(tmp_path, capsys, case):
    path = _write(tmp_path, "shop.yaml", BAD_FILES[case])
    out = tmp_path / "out"
    assert main(["validate", str(path)]) == 2
    assert main(["run", "--scenario", str(path), "--out", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Kịch bản không hợp lệ" in err and "Invalid scenario" in err
    assert "Traceback" not in err


def test_yaml_error_names_the_line(tmp_path):
    path = _write(tmp_path, "shop.yaml", "base: demo\nchurn:\n  monthly_hazard: [0.2\n")
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario(path)
    assert "dòng" in str(info.value) and "line" in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario(tmp_path / "nope.yaml")
    assert "no such file" in str(info.value)


def test_partial_override_keeps_the_rest_of_the_preset(tmp_path):
    path = _write(tmp_path, "shop.yaml", "base: default\nchurn:\n  monthly_hazard: 0.1\n")
    scenario = sim.load_scenario(path)
    default = sim.load_scenario("default")
    assert scenario.churn.monthly_hazard == 0.1
    assert scenario.churn.loyalty_protection == default.churn.loyalty_protection
    assert scenario.personas == default.personas
    assert main(["validate", str(path)]) == 0


def test_categories_are_replaced_whole():
    scenario = sim.load_scenario({"catalogue": {"categories": {
        "general": {"share": 1.0, "price_tiers_vnd": [100000], "margin_rate": 0.3, "products": 5}}}})
    assert list(scenario.catalogue.categories) == ["general"]


def test_scenario_is_frozen():
    scenario = sim.load_scenario("demo")
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError on a frozen model
        scenario.observation_days = 10


def test_presets_are_valid_and_round_trip():
    for name in sim.PRESETS:
        scenario = sim.load_scenario(name)
        again = sim.load_scenario({"base": name, **yaml.safe_load(yaml.safe_dump(scenario.model_dump(mode="json")))})
        assert again == scenario


def test_bad_api_arguments():
    with pytest.raises(ScenarioError):
        sim.simulate("demo", seed=-1)
    with pytest.raises(ScenarioError):
        sim.simulate("demo", seed=1, customers=-5)
    with pytest.raises(ScenarioError):
        sim.simulate("demo", seed=1, days=0)


def test_with_changes_sets_nested_fields_and_keeps_the_rest():
    base = sim.load_scenario("demo")
    changed = sim.with_changes("demo", {"trust.reviews": not base.trust.reviews, "observation_days": 90})
    assert changed.trust.reviews is (not base.trust.reviews)
    assert changed.observation_days == 90
    assert changed.trust.security_badge == base.trust.security_badge
    assert changed.channels == base.channels


def test_with_changes_refuses_unknown_paths_and_bad_values():
    with pytest.raises(sim.ScenarioError) as err:
        sim.with_changes("demo", {"trust.revieww": False})
    assert err.value.fields == ["trust.revieww"]
    with pytest.raises(sim.ScenarioError) as err:
        sim.with_changes("demo", {"survey.response_rate": 1.5})
    assert err.value.fields == ["survey.response_rate"] and "1.5" in str(err.value)


def test_a_source_that_is_no_scenario_is_refused():
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario(5)
    assert info.value.fields == ["scenario"]
    with pytest.raises(ScenarioError) as info:
        sim.with_changes("demo", [("trust.reviews", True)])
    assert info.value.fields == ["changes"]


def test_a_path_the_system_cannot_open_is_refused_with_a_short_name():
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario("thư_mục/" * 600 + "shop.yaml")
    assert info.value.fields == ["file"]
    assert len(str(info.value).splitlines()[0]) < 300


def test_many_errors_are_counted_not_all_listed():
    """1,000 unknown keys: the first 20 are named, the other 980 counted."""
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario({"base": "demo", **{f"key_{i}": i for i in range(1000)}})
    assert len(info.value.problems) == 21
    assert "980 more errors" in str(info.value) and "còn 980 lỗi khác" in str(info.value)


def test_a_whole_number_written_in_scientific_notation_gets_a_hint(tmp_path):
    path = _write(tmp_path, "shop.yaml", "base: demo\nchannels:\n  email: {partner_list_size: 5e3}\n")
    with pytest.raises(ScenarioError) as info:
        sim.load_scenario(path)
    assert info.value.fields == ["channels.email.partner_list_size"]
    assert "viết 5000" in str(info.value) and "write 5000" in str(info.value)
