"""Errors that users see, always in Vietnamese first and English second.

A lecturer or a student who writes a bad scenario must learn which field is
wrong, what value it has and what is allowed, never read a bare traceback.
"""

from __future__ import annotations


class BilingualError(ValueError):
    """A user's input is not usable: one ``(field, value, allowed_vi, allowed_en)`` tuple per problem.

    The message names each field, its value and what is allowed, Vietnamese first.
    Subclasses set the heading.
    """

    heading_vi = "Đầu vào không hợp lệ"
    heading_en = "Invalid input"
    field_vi = ""

    def __init__(self, problems: list[tuple[str, object, str, str]], source: str | None = None):
        self.problems = problems
        self.source = source
        super().__init__(self._format())

    def __reduce__(self):
        """Pickle with the problems and the source, so an error raised in a worker process reaches the caller whole.

        The default pickling of exceptions passes only the formatted message back to ``__init__``.
        """
        return self.__class__, (self.problems, self.source), self.__dict__

    @property
    def fields(self) -> list[str]:
        """Names of the fields (columns, arguments) that are wrong."""
        return [p[0] for p in self.problems]

    def _format(self) -> str:
        where = f" ({self.source})" if self.source else ""
        lines = [f"{self.heading_vi}{where} / {self.heading_en}{where}:"]
        for field, value, allowed_vi, allowed_en in self.problems:
            shown = _show(value)
            lines.append(f"  • {self.field_vi}`{field}` = {shown}: {allowed_vi}")
            lines.append(f"    {'Field ' if self.field_vi else ''}`{field}` = {shown}: {allowed_en}")
        return "\n".join(lines)


class ScenarioError(BilingualError):
    """A scenario (YAML file, preset override or Python dict) is not valid."""

    heading_vi = "Kịch bản không hợp lệ"
    heading_en = "Invalid scenario"
    field_vi = "Trường (field) "


class DataError(BilingualError):
    """A table given to an analytics function, or a student's answer, is not usable.

    Raised for a missing column, a wrong type or a value outside what a measure
    allows, so the message says which column or argument, what it holds and
    what is allowed, in Vietnamese and English.
    """

    heading_vi = "Dữ liệu không dùng được"
    heading_en = "Unusable data"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
