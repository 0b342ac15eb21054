"""Read scenarios: presets shipped in the package, YAML files, partial overrides.

A scenario file may change only part of a preset. It names its preset with
``base: default`` (the default), ``base: b2b`` or ``base: demo``; every other key
overrides the preset's value, block by block. YAML is read with
``yaml.safe_load`` only.
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sim.base.errors import ScenarioError
from sim.scenario.schema import Scenario

PRESETS: tuple[str, ...] = ("default", "b2b", "demo")
"""Presets shipped inside the package (``sim/scenario/presets/*.yaml``)."""


def preset_dict(name: str) -> dict[str, Any]:
    """The raw mapping of a shipped preset."""
    if name not in PRESETS:
        raise ScenarioError(
            [("base", name, f"phải là một trong {list(PRESETS)}", f"must be one of {list(PRESETS)}")]
        )
    text = resources.files("sim.scenario.presets").joinpath(f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    parent = data.pop("base", None)
    return deep_merge(preset_dict(parent), data) if parent else data


def load_scenario(source: str | Path | dict[str, Any] | Scenario = "default", **overrides: Any) -> Scenario:
    """Load and validate a scenario.

    Args:
        source: a preset name (``"default"``, ``"b2b"``, ``"demo"``), a path to a
            YAML file, a mapping with the same structure, or a Scenario.
        **overrides: dotted-free top-level overrides, e.g. ``observation_days=90``.
            Nested blocks can be given as dicts and are merged.

    Returns:
        The frozen, validated Scenario.

    Raises:
        ScenarioError: with a Vietnamese and English message naming each bad field.
    """
    label: str | None = None
    if isinstance(source, Scenario):
        data = source.model_dump()
        base_name = None
    elif isinstance(source, dict):
        data = copy.deepcopy(source)
        base_name = data.pop("base", "default")
    elif isinstance(source, (str, Path)) and str(source) in PRESETS:
        data, base_name = {}, str(source)
    else:
        label = str(source)
        data = read_yaml_file(Path(source))
        base_name = data.pop("base", "default")
    if base_name is not None:
        if not isinstance(base_name, str) or base_name not in PRESETS:
            raise ScenarioError(
                [("base", base_name, f"phải là một trong {list(PRESETS)}", f"must be one of {list(PRESETS)}")],
                source=label,
            )
        data = deep_merge(preset_dict(base_name), data)
    if overrides:
        data = deep_merge(data, overrides)
    return validate(data, source=label)


def with_changes(scenario: str | Scenario, changes: dict[str, Any]) -> Scenario:
    """A copy of ``scenario`` with some fields changed, named by dotted paths.

    This is what a slider or a switch does: ``with_changes("demo", {"trust.reviews": False,
    "service.chat.agents": 3})``. The result is validated like any scenario.

    Args:
        scenario: a preset name or a Scenario.
        changes: ``{"block.field": value}``; a path may go as deep as the scenario does.

    Raises:
        ScenarioError: an unknown path or a value that is not allowed, named.
    """
    nested: dict[str, Any] = {}
    for path, value in changes.items():
        if not isinstance(path, str) or not path:
            raise ScenarioError([(str(path), value, "tên trường phải là chuỗi dạng `khối.trường`",
                                  "a field must be named as a dotted string `block.field`")])
        node = nested
        *parents, leaf = path.split(".")
        for part in parents:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ScenarioError([(path, value, "hai thay đổi chồng lên nhau", "two changes overlap")])
        node[leaf] = value
    return load_scenario(scenario, **nested)


def read_yaml_file(path: Path) -> dict[str, Any]:
    """Read a scenario file with ``yaml.safe_load``; refuse empty or non-mapping files."""
    label = str(path)
    if not path.is_file():
        raise ScenarioError(
            [("file", label, "không tìm thấy tệp này", "no such file")], source=label
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            [("file", label, f"tệp không phải văn bản UTF-8 ({exc.reason})", f"the file is not UTF-8 text ({exc.reason})")],
            source=label,
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "không rõ vị trí"
        where_en = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise ScenarioError(
            [("file", label, f"tệp không phải YAML hợp lệ ({where})", f"the file is not valid YAML ({where_en})")],
            source=label,
        ) from None
    if data is None:
        raise ScenarioError(
            [("file", label, "tệp rỗng; hãy ghi ít nhất một khóa, ví dụ `base: default`",
              "the file is empty; write at least one key, e.g. `base: default`")],
            source=label,
        )
    if not isinstance(data, dict):
        raise ScenarioError(
            [("file", type(data).__name__, "nội dung phải là một bảng khóa: giá trị (mapping)",
              "the content must be a mapping of key: value")],
            source=label,
        )
    return data


REPLACED_WHOLE: frozenset[tuple[str, ...]] = frozenset({("catalogue", "categories")})
"""Blocks whose keys are the user's own names: an override replaces them whole."""


def deep_merge(base: dict[str, Any], override: dict[str, Any], _path: tuple[str, ...] = ()) -> dict[str, Any]:
    """Merge ``override`` into a copy of ``base``, block by block.

    A block in :data:`REPLACED_WHOLE` (the catalogue's categories) is replaced,
    not merged, so a shop lists exactly its own categories.
    """
    merged = copy.deepcopy(base)
    for key, value in override.items():
        path = (*_path, str(key))
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and path not in REPLACED_WHOLE:
            merged[key] = deep_merge(merged[key], value, path)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def validate(data: dict[str, Any], source: str | None = None) -> Scenario:
    """Validate a complete scenario mapping, translating every error."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError([_translate(err) for err in exc.errors()], source=source) from None


_TYPE_NAMES = {
    "float_type": ("một số thực", "a number"),
    "int_type": ("một số nguyên", "a whole number"),
    "bool_type": ("true hoặc false", "true or false"),
    "string_type": ("một chuỗi ký tự", "a string"),
    "list_type": ("một danh sách", "a list"),
    "dict_type": ("một bảng khóa: giá trị", "a mapping"),
    "model_type": ("một bảng khóa: giá trị", "a mapping"),
    "date_type": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "date_from_datetime_parsing": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "date_parsing": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "int_from_float": ("một số nguyên", "a whole number"),
}


def _translate(err: dict[str, Any]) -> tuple[str, object, str, str]:
    loc = tuple(err["loc"])
    field = ".".join(str(p) for p in loc) or "(scenario)"
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        return (field, value, f"khóa không được biết; các khóa hợp lệ: {allowed}",
                f"unknown key; allowed keys: {allowed}")
    if kind == "missing":
        return (field, None, "thiếu trường bắt buộc này", "this required field is missing")
    if kind in _TYPE_NAMES:
        vi, en = _TYPE_NAMES[kind]
        return (field, value, f"sai kiểu dữ liệu, cần {vi}", f"wrong type, expected {en}")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()))
        return (field, value, f"phải {sign} {bound}", f"must be {sign} {bound}")
    if kind in ("too_short", "too_long"):
        return (field, value, "số phần tử không hợp lệ", err["msg"])
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return (field, value, f"phải là một trong: {expected}", f"must be one of: {expected}")
    if kind in ("persona_mix", "category_mix", "competitors"):
        vi, en = err["msg"].split(" / ", 1)
        return (field, value if not isinstance(value, dict) else "…", vi, en)
    msg = err["msg"]
    if " / " in msg:
        vi, en = msg.split(" / ", 1)
        return (field, value, vi, en)
    return (field, value, msg, msg)


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """Names of the fields of the model at ``loc`` (for 'unknown key' messages)."""
    model: Any = Scenario
    for part in loc:
        if isinstance(model, type) and issubclass(model, BaseModel) and part in model.model_fields:
            annotation = model.model_fields[part].annotation
            model = _model_of(annotation)
        else:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = getattr(annotation, "__args__", ())
    for arg in args:
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def dump_yaml(scenario: Scenario) -> str:
    """The full scenario as YAML text (written next to every run's tables)."""
    return yaml.safe_dump(scenario.model_dump(mode="json"), allow_unicode=True, sort_keys=False)
