"""The error of the classroom mode: a secret, a roster or a class record that cannot be used."""

from __future__ import annotations

from sim.base.errors import BilingualError


class ClassroomError(BilingualError):
    """The lecturer's secret, roster, class record or submissions are not usable; nothing was written.

    The message names the file or the row, the value and what is allowed, Vietnamese first.
    """

    heading_vi = "Thiết lập lớp học không dùng được"
    heading_en = "Unusable class settings"
