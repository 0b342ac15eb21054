"""Command-line argument errors: Vietnamese and English, exit status 2, no traceback, nothing written."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.cli import main

HEADINGS = ("Tham số dòng lệnh không hợp lệ", "Invalid command-line argument")


def _run_main(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` in this process: (exit status, stdout, stderr). argparse's exit counts as a status."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue(), err.getvalue()


def _assert_refused(argv_of, field: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        status, stdout, stderr = _run_main(argv_of(out))
        assert status == 2
        assert all(h in stderr for h in HEADINGS), stderr
        assert f"`{field}`" in stderr, stderr
        assert "Traceback" not in stderr and stdout == ""
        assert not out.exists()
    return stderr


BAD_VALUES = {
    "--customers": ["abc", "1.5", "-1", "10**12", "100000000000", "nan", "", "1e6", "10_000_001"],
    "--days": ["nan", "NaN", "inf", "-inf", "1e308", "0", "-5", "abc", "", "7306", "1,5"],
    "--seed": ["x", "-1", "1.5", "nan", ""],
}


@settings(max_examples=60, deadline=None)
@given(option_value=st.sampled_from([(o, v) for o, values in BAD_VALUES.items() for v in values]))
def test_a_bad_number_is_refused_in_both_languages(option_value):
    option, value = option_value
    stderr = _assert_refused(lambda out: ["run", "--scenario", "demo", "--out", str(out), f"{option}={value}"], option)
    assert repr(value) in stderr


def test_a_negative_value_after_a_space_is_refused_too():
    """argparse reads ``--days -inf`` as a missing value followed by an unknown option: still refused, bilingual."""
    _assert_refused(lambda out: ["run", "--scenario", "demo", "--out", str(out), "--days", "-inf"], "--days")


@settings(max_examples=30, deadline=None)
@given(customers=st.integers(min_value=10_000_001, max_value=10**30))
def test_more_than_ten_million_customers_is_refused_at_once(customers):
    stderr = _assert_refused(lambda out: ["run", "--scenario", "demo", "--out", str(out),
                                          "--customers", str(customers)], "--customers")
    assert "10.000.000" in stderr and "10,000,000" in stderr


@pytest.mark.parametrize(("argv", "field"), [
    (["run", "--scenario", "demo", "--out", "{out}", "--custmers", "5"], "--custmers"),
    (["run", "--scenario", "demo", "--out", "{out}", "extra"], "extra"),
    (["run", "--scenario", "demo"], "--out"),
    (["run", "--scenario", "demo", "--out", "{out}", "--format", "xlsx"], "--format"),
    (["run", "--scenario", "demo", "--out", "{out}", "--days"], "--days"),
    (["describe", "--lang", "fr"], "--lang"),
    (["fly"], "command"),
    ([], "command"),
])
def test_argparse_errors_are_bilingual(argv, field):
    _assert_refused(lambda out: [a.replace("{out}", str(out)) for a in argv], field)


def test_the_module_exits_2_with_a_bilingual_message_and_no_traceback(tmp_path):
    out = tmp_path / "out"
    for args in (["--customers", "abc"], ["--seed", "x"], ["--days", "nan"], ["--bogus"]):
        done = subprocess.run([sys.executable, "-m", "sim", "run", "--scenario", "demo", "--out", str(out), *args],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 2, done.stderr
        assert all(h in done.stderr for h in HEADINGS) and "Traceback" not in done.stderr
        assert not out.exists()


def test_good_numbers_are_still_read(tmp_path):
    status, _, stderr = _run_main(["run", "--scenario", "demo", "--out", str(tmp_path / "o"), "--seed", "3",
                                   "--days", "30", "--customers", "50"])
    assert status == 0, stderr
    manifest = (tmp_path / "o" / "manifest.json").read_text("utf-8")
    assert '"seed": 3' in manifest


def test_help_still_exits_0():
    status, stdout, _ = _run_main(["run", "--help"])
    assert status == 0 and "--customers" in stdout
