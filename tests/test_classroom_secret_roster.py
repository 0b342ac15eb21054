"""The class's secret, the seeds it gives, and the roster: what is accepted, what is refused and how.

Expected seeds come from the documented formula, computed here with ``hmac`` directly:
first 63 bits of HMAC-SHA-256(secret, "ecrm-sim/lop-hoc/v1" ␟ purpose ␟ ID in capitals).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.classroom.errors import ClassroomError
from sim.classroom.roster import read_roster
from sim.classroom.secret import check_secret, derive_seed, new_secret, read_secret_file, secret_check

ROOT = Path(__file__).resolve().parents[1]
SECRET = b"mot-bi-mat-du-dai-cho-lop-hoc"


def _by_hand(secret: bytes, student: str, purpose: str) -> int:
    message = f"ecrm-sim/lop-hoc/v1\x1f{purpose}\x1f{student.strip().upper()}".encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:8], "big") >> 1


def test_a_seed_is_the_keyed_hash_of_the_secret_the_purpose_and_the_id():
    assert derive_seed(SECRET, "B21DCCN001", "cua_hang") == _by_hand(SECRET, "B21DCCN001", "cua_hang")
    assert derive_seed(SECRET, "b21dccn001 ", "cua_hang") == derive_seed(SECRET, "B21DCCN001", "cua_hang")
    assert derive_seed(SECRET, "B21DCCN001", "cua_hang") != derive_seed(SECRET, "B21DCCN002", "cua_hang")
    assert derive_seed(SECRET, "B21DCCN001", "cua_hang") != derive_seed(SECRET, "B21DCCN001", "lab01_cau6")
    assert derive_seed(SECRET + b"x", "B21DCCN001", "cua_hang") != derive_seed(SECRET, "B21DCCN001", "cua_hang")


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=16, max_size=64), st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=12))
def test_every_seed_is_a_63_bit_integer_from_the_formula(secret, student, purpose):
    seed = derive_seed(secret, student, purpose)
    assert 0 <= seed < 2**63
    assert seed == _by_hand(secret, student, purpose)


def test_the_secret_tag_tells_secrets_apart_without_showing_them():
    assert secret_check(SECRET) == secret_check(SECRET)
    assert secret_check(SECRET) != secret_check(SECRET + b"!")
    assert SECRET.decode() not in secret_check(SECRET)


def test_a_new_secret_is_long_random_and_usable():
    a, b = new_secret(), new_secret()
    assert a != b and len(a) >= 40
    assert check_secret(a) == a.encode()


@pytest.mark.parametrize("bad", ["", "   ", "\n", "ngan-qua", "NaN", "nan", "None", "secret", "dong-mot\ndong-hai-dai-hon",
                                 "co\x07ky-tu-dieu-khien-o-day"])
def test_bad_secrets_are_refused_in_two_languages(bad):
    with pytest.raises(ClassroomError) as caught:
        check_secret(bad)
    message = str(caught.value)
    assert "Thiết lập lớp học không dùng được" in message and "Unusable class settings" in message


def test_a_secret_that_is_not_text_is_refused():
    with pytest.raises(ClassroomError):
        check_secret(12345678901234567890)


def test_a_secret_file_ending_with_a_newline_is_read_and_bad_files_are_refused(tmp_path):
    good = tmp_path / "bi_mat.txt"
    good.write_text("  abcdefghijklmnopqrstuvwxyz0123\n", encoding="utf-8")
    assert read_secret_file(good) == b"abcdefghijklmnopqrstuvwxyz0123"
    binary = tmp_path / "nhi_phan.bin"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 8)
    big = tmp_path / "lon.txt"
    big.write_text("x" * 5000, encoding="utf-8")
    for bad in (tmp_path / "khong_co.txt", tmp_path, binary, big):
        with pytest.raises(ClassroomError):
            read_secret_file(bad)


# --- The roster ----------------------------------------------------------------------------------------------------


def _roster(tmp_path: Path, text: str | bytes, name: str = "danh_sach.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [
    "student_id,ho_ten,email\nB21DCCN001,Nguyễn Văn An,an@x.vn\nB21DCCN002,Trần Thị Bình,binh@x.vn\n",
    "\ufeffma_sinh_vien;ho_ten\nB21DCCN001;Nguyễn Văn An\nB21DCCN002;Trần Thị Bình\n",   # Excel, Vietnamese locale
    "MSSV\tHo ten\nB21DCCN001\tNguyễn Văn An\n\nB21DCCN002\tTrần Thị Bình\n",           # tabs, a blank line
])
def test_a_roster_in_comma_semicolon_or_tab_csv_is_read(tmp_path, text):
    students = read_roster(_roster(tmp_path, text))
    assert [s.student_id for s in students] == ["B21DCCN001", "B21DCCN002"]
    assert students[0].name == "Nguyễn Văn An"


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "danh sách trống"),
    ("student_id,ho_ten\n", "không có sinh viên nào"),
    ("ho_ten,email\nAn,an@x.vn\n", "cột mã sinh viên"),
    ("student_id\nB21DCCN001\n,,\nB21DCCN002,An\n", "dòng có 2 ô"),   # a row of empty cells is a blank row
    ("student_id,ho_ten\n,An\n", "đang trống"),
    ("student_id,ho_ten\nNaN,An\n", "đang trống"),
    ("student_id,ho_ten\n#N/A,An\n", "đang trống"),
    ("student_id,ho_ten\nB21 DCCN001,An\n", "chỉ gồm chữ không dấu"),
    ("student_id,ho_ten\nB21DCCNĐ01,An\n", "chỉ gồm chữ không dấu"),
    ("student_id,ho_ten\n" + "A" * 65 + ",An\n", "chỉ gồm chữ không dấu"),
    ("student_id,ho_ten\n-B21,An\n", "chỉ gồm chữ không dấu"),
    ("student_id,ho_ten\nB21DCCN001,An\nb21dccn001,Bình\n", "bị lặp (đã có ở dòng 2"),
    ("student_id,ho_ten\nB21DCCN001,An,thừa\n", "dòng có 3 ô"),
])
def test_bad_rosters_are_refused_naming_the_row(tmp_path, text, fragment):
    with pytest.raises(ClassroomError) as caught:
        read_roster(_roster(tmp_path, text))
    assert fragment in str(caught.value)
    assert "Unusable class settings" in str(caught.value)


@pytest.mark.parametrize(("data", "fragment"), [
    (b"PK\x03\x04" + b"\x00" * 40, "bảng tính Excel"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, "bảng tính Excel"),
    (b"student_id\n\x00\x01\x02", "tệp nhị phân"),
    ("student_id\nB21DCCN001\n".encode("utf-16"), "tệp nhị phân"),
    (b"student_id,ho_ten\nB1,Tr\xe0n B\xecnh\n", "UTF-8"),   # an 8-bit code page (Windows-1258, Latin-1)
])
def test_a_roster_that_is_not_csv_text_is_refused(tmp_path, data, fragment):
    with pytest.raises(ClassroomError) as caught:
        read_roster(_roster(tmp_path, data))
    assert fragment in str(caught.value)


def test_every_problem_of_a_roster_is_named_up_to_ten(tmp_path):
    rows = "\n".join(f"sai {i},x" for i in range(14))
    with pytest.raises(ClassroomError) as caught:
        read_roster(_roster(tmp_path, f"student_id,ho_ten\n{rows}\n"))
    assert str(caught.value).count("chỉ gồm chữ không dấu") == 10
    assert "và 4 lỗi khác" in str(caught.value)


ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,10}[A-Za-z0-9]", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(ids, min_size=1, max_size=30, unique_by=str.upper), st.sampled_from([",", ";", "\t"]))
def test_any_list_of_valid_unique_ids_reads_back_in_order(tmp_path_factory, students, delimiter):
    path = tmp_path_factory.mktemp("lop") / "danh_sach.csv"
    path.write_text(f"student_id{delimiter}ho_ten\n" + "".join(f"{s}{delimiter}Tên\n" for s in students), encoding="utf-8")
    assert [s.student_id for s in read_roster(path)] == students


# --- The command line: exit status 2, nothing written ----------------------------------------------------------------


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sim.classroom", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def test_secret_command_writes_a_private_secret_and_never_overwrites_it(tmp_path):
    path = tmp_path / "lop" / "bi_mat.txt"
    done = _cli("secret", "--out", str(path))
    assert done.returncode == 0, done.stderr
    first = path.read_text(encoding="utf-8")
    assert check_secret(first)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = _cli("secret", "--out", str(path))
    assert again.returncode == 2 and "không ghi đè" in again.stderr and "Traceback" not in again.stderr
    assert path.read_text(encoding="utf-8") == first


@pytest.mark.parametrize(("secret", "roster", "fragment"), [
    ("", "student_id\nSV01\n", "bí mật đang trống"),
    ("ngan", "student_id\nSV01\n", "ít nhất 16 ký tự"),
    ("mot-bi-mat-du-dai-cho-lop", "student_id\nSV01\nsv01\n", "bị lặp"),
    ("mot-bi-mat-du-dai-cho-lop", "student_id\nNaN\n", "đang trống"),
    ("mot-bi-mat-du-dai-cho-lop", b"PK\x03\x04rest-of-an-xlsx", "bảng tính Excel"),
])
def test_packs_with_a_bad_secret_or_roster_exit_2_and_write_nothing(tmp_path, secret, roster, fragment):
    (tmp_path / "bi_mat.txt").write_text(secret, encoding="utf-8")
    _roster(tmp_path, roster)
    out = tmp_path / "goi"
    done = _cli("packs", "--secret", str(tmp_path / "bi_mat.txt"), "--roster", str(tmp_path / "danh_sach.csv"),
                "--out", str(out), "--customers", "300")
    assert done.returncode == 2, done.stdout + done.stderr
    assert fragment in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
