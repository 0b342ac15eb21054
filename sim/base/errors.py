"""Errors that users see, always in Vietnamese first and English second.

A lecturer or a student who writes a bad scenario must learn which field is
wrong, what value it has and what is allowed, never read a bare traceback.
"""

from __future__ import annotations

import math
import reprlib


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


SHOWN_CHARS = 80
"""A value in a message is cut to this many characters."""


class _ShortRepr(reprlib.Repr):
    """``repr`` that looks at a few items of a few levels only, so a huge value is never printed whole.

    Containers are cut by type (a ``list`` subclass is still a list); an integer too long to print
    (Python refuses more than 4,300 digits) is shown as its order of magnitude.
    """

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdeque = 4
        self.maxdict = 4
        self.maxstring = SHOWN_CHARS
        self.maxother = SHOWN_CHARS
        self.maxlong = SHOWN_CHARS

    def repr1(self, x: object, level: int) -> str:
        for kind in (bool, int, str, dict, list, tuple, set, frozenset):
            if isinstance(x, kind):
                if kind is bool:
                    break
                return getattr(self, f"repr_{kind.__name__}")(x, level)
        return super().repr1(x, level)

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() <= 256:
            return super().repr_int(int(x), level)
        digits = int(x.bit_length() * math.log10(2))
        return f"{'-' if x < 0 else ''}≈10^{digits}"

    def repr_str(self, x: str, level: int) -> str:
        return super().repr_str(str(x), level)


_SHORT = _ShortRepr()


def _show(value: object) -> str:
    """``value`` as at most :data:`SHOWN_CHARS` characters, built from a bounded part of it."""
    try:
        text = _SHORT.repr(value)
    except Exception:  # a value whose repr fails is still named by its type
        text = f"<{type(value).__name__}>"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."
