"""Read scenarios: presets shipped in the package, YAML files, partial overrides.

A scenario file may change only part of a preset. It names its preset with
``base: default`` (the default), ``base: b2b`` or ``base: demo``; every other key
overrides the preset's value, block by block. YAML is read with
:class:`ScenarioLoader`, ``yaml.SafeLoader`` with limits: no Python objects, a file
of at most 1 MB, at most 32 levels of nesting, aliases (``*name``) that add at most
10,000 values. It also reads ``5e5`` as a number (YAML 1.2 does; YAML 1.1 reads it as
text), keeps an impossible date such as ``2026-02-30`` as text for the validator to
refuse, and refuses a money amount written with dots as thousands separators
(``500.000``, which YAML reads as 500.0).
"""

from __future__ import annotations

import copy
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sim.base.errors import ScenarioError, _show
from sim.scenario.schema import Scenario

PRESETS: tuple[str, ...] = ("default", "b2b", "demo")
"""Presets shipped inside the package (``sim/scenario/presets/*.yaml``)."""

MAX_FILE_BYTES = 1_000_000
"""Largest scenario file: 1 MB (a full scenario with comments is about 20 KB)."""
MAX_DEPTH = 32
"""Deepest nesting of blocks and lists (a scenario is at most 5 levels deep)."""
MAX_ALIAS_VALUES = 10_000
"""Most values that YAML aliases (``*name``) may add by repeating an anchored block."""
MAX_VALUES = 100_000
"""Most values in a scenario, counting every repetition (a full scenario holds about 450)."""
MAX_PROBLEMS = 20
"""Most problems listed in one message; the rest are counted."""

_SCIENTIFIC = re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$")
"""``5e5``, ``1.5E+6``, ``-2e-3``: numbers in scientific notation, which YAML 1.1 reads as text."""
_DOTTED_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
"""``500.000``, ``1.500.000``: dots as thousands separators, as Vietnamese writes numbers."""
_COMMA_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:,[0-9]{3})+$")
_DECIMAL_COMMA = re.compile(r"^[-+]?[0-9]+,[0-9]+$")


class DottedNumber(str):
    """A plain YAML scalar such as ``500.000``: YAML 1.1 reads it as 500.0, Vietnamese as 500000.

    Kept as its text until :func:`check_shape` knows the field: in a money field (``…_vnd``) it is
    refused with a hint; anywhere else it is the decimal number YAML reads.
    """


class _LoaderLimit(yaml.YAMLError):
    """A scenario file goes past one of the loader's limits."""

    def __init__(self, vi: str, en: str, mark: yaml.Mark | None):
        super().__init__(en)
        self.vi, self.en, self.problem_mark = vi, en, mark


class ScenarioLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with limits on nesting and on alias expansion, and friendlier numbers and dates.

    Composing a node records how many values it holds, aliases included; an alias adds the size of
    the block it repeats, so a "billion laughs" file is refused after a few thousand values instead
    of being expanded (or printed) whole. An alias inside the block it names (a value that contains
    itself) is refused too.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._sizes: dict[int, int] = {}
        self._alias_values = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None:
                size = self._sizes.get(id(node))
                if size is None:
                    raise _LoaderLimit(f"bí danh (alias) *{event.anchor} nằm trong chính khối mà nó lặp lại: "
                                       "giá trị chứa chính nó",
                                       f"the alias *{event.anchor} is inside the block it repeats: "
                                       "the value contains itself", event.start_mark)
                self._alias_values += size
                if self._alias_values > MAX_ALIAS_VALUES:
                    raise _LoaderLimit(f"các bí danh (alias, *tên) lặp lại hơn {_vi_int(MAX_ALIAS_VALUES)} giá trị; "
                                       "một kịch bản không cần nhiều như vậy",
                                       f"aliases (*name) repeat more than {MAX_ALIAS_VALUES:,} values; "
                                       "a scenario needs far fewer", event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _LoaderLimit(f"các khối và danh sách lồng nhau sâu hơn {MAX_DEPTH} tầng; một kịch bản chỉ sâu vài tầng",
                               f"blocks and lists are nested deeper than {MAX_DEPTH} levels; "
                               "a scenario is only a few levels deep", self.peek_event().start_mark)
        node = super().compose_node(parent, index)
        self._depth -= 1
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        self._sizes[id(node)] = 1 + sum(self._sizes.get(id(child), 1) for child in children)
        return node

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float | str:
        if node.style is None and _DOTTED_THOUSANDS.match(node.value):
            return DottedNumber(node.value)
        return super().construct_yaml_float(node)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts (4,300)
            raise _LoaderLimit("số nguyên dài quá, không đọc được", "the integer is too long to read",
                               node.start_mark) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 2026-02-30: the validator names the field and refuses it
            return str(node.value)


ScenarioLoader.add_constructor("tag:yaml.org,2002:float", ScenarioLoader.construct_yaml_float)
ScenarioLoader.add_constructor("tag:yaml.org,2002:int", ScenarioLoader.construct_yaml_int)
ScenarioLoader.add_constructor("tag:yaml.org,2002:timestamp", ScenarioLoader.construct_yaml_timestamp)
ScenarioLoader.add_implicit_resolver("tag:yaml.org,2002:float", _SCIENTIFIC, list("-+0123456789."))


def load_yaml(text: str) -> object:
    """Read YAML text with :class:`ScenarioLoader` (safe: plain data only, within the limits)."""
    loader = ScenarioLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


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
        check_shape(source)
        data = copy.deepcopy(source)
        base_name = data.pop("base", "default")
    elif isinstance(source, (str, Path)) and str(source) in PRESETS:
        data, base_name = {}, str(source)
    elif not isinstance(source, (str, Path)):
        raise ScenarioError([("scenario", source, f"phải là tên kịch bản có sẵn {list(PRESETS)}, đường dẫn tệp YAML, "
                              "một dict hoặc một Scenario", f"must be a preset name {list(PRESETS)}, a path to a YAML "
                              "file, a dict or a Scenario")])
    else:
        label = _short_label(str(source))
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
        check_shape(overrides)
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
    if not isinstance(changes, dict):
        raise ScenarioError([("changes", changes, "phải là một dict {\"khối.trường\": giá trị}",
                              "must be a dict {\"block.field\": value}")])
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
    """Read a scenario file with :class:`ScenarioLoader`; refuse big, empty or non-mapping files.

    The file's size is checked before it is read (at most :data:`MAX_FILE_BYTES`); nesting,
    aliases and money written with thousands dots are checked as it is read.
    """
    label = _short_label(str(path))
    try:
        if not path.is_file():
            raise ScenarioError(
                [("file", label, "không tìm thấy tệp này", "no such file")], source=label
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ScenarioError([_too_big(label, size)], source=label)
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:  # no permission, a name too long, a folder that vanished…
        raise ScenarioError([("file", label, f"không đọc được tệp ({exc.strerror})",
                              f"the file cannot be read ({exc.strerror})")], source=label) from None
    if len(raw) > MAX_FILE_BYTES:  # the file grew after it was measured
        raise ScenarioError([_too_big(label, len(raw))], source=label)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            [("file", label, f"tệp không phải văn bản UTF-8 ({exc.reason})", f"the file is not UTF-8 text ({exc.reason})")],
            source=label,
        ) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "không rõ vị trí"
        where_en = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        if isinstance(exc, _LoaderLimit):
            problem = ("file", label, f"{exc.vi} ({where})", f"{exc.en} ({where_en})")
        else:
            problem = ("file", label, f"tệp không phải YAML hợp lệ ({where})", f"the file is not valid YAML ({where_en})")
        raise ScenarioError([problem], source=label) from None
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
    check_shape(data, source=label)
    return data


def _short_label(path: str, most: int = 120) -> str:
    """A file's name for a message: its end (where the file name is) when the path is very long."""
    return path if len(path) <= most else "…" + path[-(most - 1):]


def _too_big(label: str, size: int) -> tuple[str, object, str, str]:
    return ("file", label,
            f"tệp có {_vi_int(size)} byte, quá giới hạn 1 MB ({_vi_int(MAX_FILE_BYTES)} byte); một kịch bản chỉ vài chục KB",
            f"the file has {size:,} bytes, over the 1 MB limit ({MAX_FILE_BYTES:,} bytes); a scenario is a few tens of KB")


def check_shape(data: object, source: str | None = None) -> None:
    """Refuse a mapping that no scenario can be: too deep, too many values, or containing itself.

    Walks at most :data:`MAX_VALUES` values (a shared block counts each time it appears) and
    :data:`MAX_DEPTH` levels, so it answers at once even for a "billion laughs" structure built in
    Python. In a file, a :class:`DottedNumber` in a money field (``…_vnd``) is refused with a hint;
    elsewhere it becomes the decimal number YAML reads.

    Raises:
        ScenarioError: naming the path where the walk stopped, or every money field written with dots.
    """
    problems: list[tuple[str, object, str, str]] = []
    counted = 0
    ancestors: list[int] = []

    def visit(value: object, path: tuple[str, ...]) -> None:
        nonlocal counted
        counted += 1
        if counted > MAX_VALUES:
            raise _ShapeError(path, f"kịch bản có hơn {_vi_int(MAX_VALUES)} giá trị (một kịch bản đầy đủ có khoảng 450)",
                              f"the scenario holds more than {MAX_VALUES:,} values (a full scenario holds about 450)")
        if isinstance(value, dict):
            items: Any = list(value.items())
        elif isinstance(value, (list, tuple)):
            items = list(enumerate(value))
        elif isinstance(value, (set, frozenset)):
            items = list(enumerate(value))
        else:
            return
        if id(value) in ancestors:
            raise _ShapeError(path, "giá trị chứa chính nó (một vòng lặp)", "the value contains itself (a loop)")
        if len(path) >= MAX_DEPTH:
            raise _ShapeError(path, f"lồng nhau sâu hơn {MAX_DEPTH} tầng; một kịch bản chỉ sâu vài tầng",
                              f"nested deeper than {MAX_DEPTH} levels; a scenario is only a few levels deep")
        ancestors.append(id(value))
        for key, item in items:
            here = (*path, key if isinstance(key, str) else _key_text(key))
            if isinstance(item, DottedNumber):
                if _is_money(here):
                    problems.append(_dotted_problem(here, item))
                elif isinstance(value, dict):
                    value[key] = float(item)
                elif isinstance(value, list):
                    value[key] = float(item)
            visit(item, here)
        ancestors.pop()

    try:
        visit(data, ())
    except _ShapeError as exc:
        raise ScenarioError([(_path_text(exc.path), exc.value_text, exc.vi, exc.en)], source=source) from None
    if problems:
        raise ScenarioError(problems, source=source)


class _ShapeError(Exception):
    def __init__(self, path: tuple[str, ...], vi: str, en: str):
        super().__init__(en)
        self.path, self.vi, self.en = path, vi, en
        self.value_text = "…"


def _key_text(key: object) -> str:
    return _show(key)


def _path_text(path: tuple[str, ...]) -> str:
    """A dotted field name, cut after a few levels when the path is very deep."""
    shown = ".".join(str(p) for p in path[:8]) or "(scenario)"
    return shown + ".…" if len(path) > 8 else shown


def _is_money(path: tuple[str, ...]) -> bool:
    """A money field (``…_vnd``) or an element of a list of money amounts."""
    return any(str(part).endswith("_vnd") for part in path[-2:])


def _grouped_hint(digits: str) -> tuple[str, str]:
    number = int(digits)
    return f"viết {number} hoặc {number:_}", f"write {number} or {number:_}"


def _dotted_problem(path: tuple[str, ...], text: str) -> tuple[str, object, str, str]:
    read_as = f"{float(text):g}"
    meant = int(text.replace(".", ""))
    vi_hint, en_hint = _grouped_hint(str(meant))
    return (_path_text(path), text,
            f"YAML đọc dấu chấm là dấu thập phân, nên đây là {read_as.replace('.', ',')} đồng, không phải "
            f"{_vi_int(meant)} đồng; {vi_hint} (không dùng dấu chấm để phân cách hàng nghìn)",
            f"YAML reads the dots as a decimal point, so this is {read_as} VND, not {meant:,} VND; "
            f"{en_hint} (no dots between thousands)")


def _vi_int(number: int) -> str:
    return ("−" if number < 0 else "") + f"{abs(number):,}".replace(",", ".")


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
    """Validate a complete scenario mapping, translating every error (at most :data:`MAX_PROBLEMS` listed)."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_translate(err) for err in exc.errors()[: MAX_PROBLEMS + 1]]
        if exc.error_count() > MAX_PROBLEMS:
            more = exc.error_count() - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS],
                        ("…", more, f"còn {_vi_int(more)} lỗi khác chưa liệt kê", f"{more:,} more errors not listed")]
        raise ScenarioError(problems, source=source) from None


_TYPE_NAMES = {
    "float_type": ("một số thực", "a number"),
    "int_type": ("một số nguyên", "a whole number"),
    "bool_type": ("true hoặc false", "true or false"),
    "string_type": ("một chuỗi ký tự", "a string"),
    "list_type": ("một danh sách", "a list"),
    "dict_type": ("một bảng khóa: giá trị", "a mapping"),
    "model_type": ("một bảng khóa: giá trị", "a mapping"),
    "date_type": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "int_from_float": ("một số nguyên", "a whole number"),
}
_DATE_PARSING = frozenset({"date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact"})


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
    if kind == "finite_number":
        return (field, value, "phải là một số hữu hạn (không phải NaN hay vô cực)",
                "must be a finite number (not NaN or infinity)")
    if kind in _DATE_PARSING:
        return (field, value, "không phải một ngày có thật; cần một ngày dạng YYYY-MM-DD, ví dụ 2026-02-28",
                "not a real date; expected a date as YYYY-MM-DD, e.g. 2026-02-28")
    if kind in _TYPE_NAMES:
        vi, en = _TYPE_NAMES[kind]
        vi, en = f"sai kiểu dữ liệu, cần {vi}", f"wrong type, expected {en}"
        hint = _number_hint(value, money=_is_money(tuple(str(p) for p in loc)))
        if kind in ("float_type", "int_type") and hint:
            vi, en = f"{vi}; {hint[0]}", f"{en}; {hint[1]}"
        return (field, value, vi, en)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[kind]
        bound = next(iter(ctx.values()))
        return (field, value, f"phải {sign} {bound}", f"must be {sign} {bound}")
    if kind == "too_long":
        most = ctx.get("max_length")
        return (field, "…", f"nhiều nhất {most} phần tử", f"at most {most} items")
    if kind == "too_short":
        least = ctx.get("min_length")
        return (field, value, f"ít nhất {least} phần tử", f"at least {least} items")
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


def _number_hint(value: object, money: bool) -> tuple[str, str] | None:
    """How to write a number that was given in another form: ``1.500.000``, ``500,000``, ``0,35``, ``5000.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return f"viết {int(value)} (không có phần thập phân)", f"write {int(value)} (no decimal part)"
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _DOTTED_THOUSANDS.match(text):
        vi, en = _grouped_hint(text.replace(".", "").lstrip("+"))
        return f"{vi} (không dùng dấu chấm để phân cách hàng nghìn)", f"{en} (no dots between thousands)"
    if _COMMA_THOUSANDS.match(text) and (money or text.count(",") > 1):
        vi, en = _grouped_hint(text.replace(",", "").lstrip("+"))
        return f"{vi} (không dùng dấu phẩy để phân cách hàng nghìn)", f"{en} (no commas between thousands)"
    if _DECIMAL_COMMA.match(text):
        decimal = text.replace(",", ".")
        if _COMMA_THOUSANDS.match(text):
            whole = text.replace(",", "").lstrip("+")
            return (f"viết {decimal} nếu là số thập phân, {whole} nếu là số nguyên (YAML dùng dấu chấm thập phân)",
                    f"write {decimal} for a decimal, {whole} for a whole number (YAML uses a decimal point)")
        return (f"viết {decimal} (YAML dùng dấu chấm thập phân, không dùng dấu phẩy)",
                f"write {decimal} (YAML uses a decimal point, not a comma)")
    return None


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
