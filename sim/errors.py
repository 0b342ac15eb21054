"""Errors that users see, always in Vietnamese first and English second.

A lecturer or a student who writes a bad scenario must learn which field is
wrong, what value it has and what is allowed, never read a bare traceback.
"""

from __future__ import annotations


class ScenarioError(ValueError):
    """A scenario (YAML file, preset override or Python dict) is not valid.

    Attributes:
        problems: one ``(field, value, allowed_vi, allowed_en)`` tuple per problem.
    """

    def __init__(self, problems: list[tuple[str, object, str, str]], source: str | None = None):
        self.problems = problems
        self.source = source
        super().__init__(self._format())

    @property
    def fields(self) -> list[str]:
        """Dotted names of the fields that are wrong."""
        return [p[0] for p in self.problems]

    def _format(self) -> str:
        where = f" ({self.source})" if self.source else ""
        lines = [
            f"Kịch bản không hợp lệ{where} / Invalid scenario{where}:",
        ]
        for field, value, allowed_vi, allowed_en in self.problems:
            shown = _show(value)
            lines.append(f"  • Trường (field) `{field}` = {shown}: {allowed_vi}")
            lines.append(f"    Field `{field}` = {shown}: {allowed_en}")
        return "\n".join(lines)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


class DataError(ValueError):
    """A table given to an analytics function, or a student's answer, is not usable.

    Raised for a missing column, a wrong type or a value outside what a measure
    allows, so the message says which column or argument, what it holds and
    what is allowed, in Vietnamese and English.

    Attributes:
        problems: one ``(field, value, allowed_vi, allowed_en)`` tuple per problem.
    """

    def __init__(self, problems: list[tuple[str, object, str, str]], source: str | None = None):
        self.problems = problems
        self.source = source
        super().__init__(self._format())

    @property
    def fields(self) -> list[str]:
        """Names of the columns or arguments that are wrong."""
        return [p[0] for p in self.problems]

    def _format(self) -> str:
        where = f" ({self.source})" if self.source else ""
        lines = [f"Dữ liệu không dùng được{where} / Unusable data{where}:"]
        for field, value, allowed_vi, allowed_en in self.problems:
            shown = _show(value)
            lines.append(f"  • `{field}` = {shown}: {allowed_vi}")
            lines.append(f"    `{field}` = {shown}: {allowed_en}")
        return "\n".join(lines)
