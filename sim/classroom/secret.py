"""The lecturer's secret and the seeds it gives each student (a keyed hash, HMAC-SHA-256).

A class has one secret, kept by the lecturer and never given out. Every seed of a student's
shop is derived from the secret and the student's id::

    seed(student, purpose) = first 63 bits of HMAC-SHA-256(secret, "ecrm-sim/lop-hoc/v1 ␟ purpose ␟ ID")

where ``ID`` is the student id in capitals and ``purpose`` names the run (``"cua_hang"`` the
student's shop, ``"lab01_cau6"`` the hidden run of a question…). Without the secret nobody can
compute another student's seeds, or their own: the seeds of the hidden runs, hence the truth a
student is graded against, stay with the lecturer. A 63-bit seed cannot be found by trying seeds
against the observed tables (2⁶³ runs).

The secret is text of at least :data:`MIN_SECRET_CHARS` characters, read from a file
(``--secret lop/bi_mat.txt``, ``ECRM_SECRET_FILE``) or from the environment (``ECRM_SECRET``).
``python -m sim.classroom secret`` writes a new random one (:func:`new_secret`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from sim.classroom.errors import ClassroomError

SECRET_ENV = "ECRM_SECRET"
"""The secret itself, in the environment (grading)."""
SECRET_FILE_ENV = "ECRM_SECRET_FILE"
"""The path of the secret's file, in the environment (grading; ``make grade`` sets it)."""
MIN_SECRET_CHARS = 16
"""A shorter secret could be guessed; :func:`new_secret` gives 43 characters (256 bits)."""
MAX_SECRET_BYTES = 4096
"""A secret file larger than this is not a secret (a roster, a notebook… given by mistake)."""
SEED_BITS = 63
"""Seeds are non-negative 63-bit integers (they fit a signed 64-bit integer anywhere)."""
DOMAIN = "ecrm-sim/lop-hoc/v1"
"""Separates these seeds from any other use of the same secret; a new version gives new seeds."""
NOT_A_SECRET = frozenset({"nan", "none", "null", "na", "n/a", "secret", "bi_mat", "bimat", "password", "matkhau"})


def new_secret() -> str:
    """A new random secret: 32 random bytes as URL-safe text (43 characters), from the system's CSPRNG."""
    return secrets.token_urlsafe(32)


def check_secret(text: object, field: str = "secret") -> bytes:
    """The secret as bytes, once it is known to be usable.

    Leading and trailing spaces and line ends are dropped (a file saved by an editor ends with one).

    Raises:
        ClassroomError: not text, empty, shorter than :data:`MIN_SECRET_CHARS`, several lines,
            control characters, or a placeholder such as ``NaN`` or ``secret``.
    """
    if not isinstance(text, str):
        raise ClassroomError([(field, type(text).__name__, "bí mật phải là một đoạn chữ (text)", "the secret must be text")])
    value = text.strip()
    if not value:
        raise ClassroomError([(field, "", "bí mật đang trống; hãy tạo một bí mật bằng `make secret` "
                                          "(python -m sim.classroom secret)",
                               "the secret is empty; make one with `make secret` (python -m sim.classroom secret)")])
    shown = f"{len(value)} ký tự / characters"
    if any(ch in value for ch in "\r\n"):
        raise ClassroomError([(field, shown, "bí mật phải nằm trên một dòng", "the secret must be a single line")])
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ClassroomError([(field, shown, "bí mật không được chứa ký tự điều khiển", "the secret must not hold control characters")])
    if value.casefold() in NOT_A_SECRET:
        raise ClassroomError([(field, value, "đây là một giá trị giữ chỗ, không phải bí mật; hãy tạo bí mật bằng `make secret`",
                               "this is a placeholder, not a secret; make one with `make secret`")])
    if len(value) < MIN_SECRET_CHARS:
        raise ClassroomError([(field, shown, f"bí mật phải dài ít nhất {MIN_SECRET_CHARS} ký tự (bí mật ngắn đoán được); "
                                             "`make secret` tạo một bí mật 43 ký tự",
                               f"the secret must be at least {MIN_SECRET_CHARS} characters long (a short one can be "
                               "guessed); `make secret` makes one of 43 characters")])
    return value.encode("utf-8")


def read_secret_file(path: str | Path) -> bytes:
    """Read and check the secret kept in a file (UTF-8 text, one line).

    Raises:
        ClassroomError: no such file, a folder, too large, not UTF-8 text, or a bad secret (:func:`check_secret`).
    """
    path = Path(path)
    field = str(path)
    if not path.is_file():
        what_vi, what_en = ("là một thư mục, không phải tệp", "is a folder, not a file") if path.is_dir() else (
            "không tìm thấy tệp bí mật; tạo nó bằng `make secret`", "no such secret file; make it with `make secret`")
        raise ClassroomError([(field, str(path), what_vi, what_en)])
    size = path.stat().st_size
    if size > MAX_SECRET_BYTES:
        raise ClassroomError([(field, f"{size} bytes", f"tệp bí mật chỉ chứa một dòng (tối đa {MAX_SECRET_BYTES} byte); "
                                                       "có lẽ đây là tệp khác", f"a secret file holds one line (at most "
                                                       f"{MAX_SECRET_BYTES} bytes); this looks like another file")])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ClassroomError([(field, "bytes", "tệp bí mật phải là văn bản UTF-8", "the secret file must be UTF-8 text")]) from None
    return check_secret(text, field)


def secret_from_environment() -> bytes | None:
    """The secret given to a grading process: ``ECRM_SECRET`` or the file named by ``ECRM_SECRET_FILE``; None if neither.

    Raises:
        ClassroomError: both are set, or the one set is not a usable secret.
    """
    inline, file = os.environ.get(SECRET_ENV), os.environ.get(SECRET_FILE_ENV)
    if inline is not None and file is not None:
        raise ClassroomError([(f"{SECRET_ENV}, {SECRET_FILE_ENV}", "…", "chỉ đặt một trong hai biến môi trường này",
                               "set only one of these two environment variables")])
    if inline is not None:
        return check_secret(inline, SECRET_ENV)
    if file is not None:
        return read_secret_file(file)
    return None


def canonical_id(student_id: str) -> str:
    """The student id as the seeds use it: stripped and in capitals (``b21dccn001`` and ``B21DCCN001`` are one student)."""
    return student_id.strip().upper()


def derive_seed(secret: bytes, student_id: str, purpose: str) -> int:
    """One seed of one student: the first 63 bits of HMAC-SHA-256(secret, domain ␟ purpose ␟ ID).

    Args:
        secret: the class's secret (:func:`check_secret`).
        student_id: the student's id (any case).
        purpose: which run the seed is for, e.g. ``"cua_hang"`` or ``"lab01_cau6"``.

    Returns:
        An integer in [0, 2⁶³).
    """
    message = "\x1f".join((DOMAIN, purpose, canonical_id(student_id))).encode("utf-8")
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - SEED_BITS)


def secret_check(secret: bytes) -> str:
    """A short tag that tells whether two secrets are the same, without revealing the secret (HMAC of a fixed text)."""
    return hmac.new(secret, f"{DOMAIN}\x1fkiem-tra".encode(), hashlib.sha256).hexdigest()[:16]


__all__ = ["MIN_SECRET_CHARS", "SECRET_ENV", "SECRET_FILE_ENV", "canonical_id", "check_secret", "derive_seed",
           "new_secret", "read_secret_file", "secret_check", "secret_from_environment"]
