"""A student's pack: everything to work, nothing to grade with.

The packs are opened and searched here with rules of this test's own (not the builder's checker): no solution
notebook, no solution or hidden-test marker in any file, no lecturer's kit, no truth table or truth column in any
data file, no answer key of the dirty export, no class record, secret or seed; and the student's data inside read
back to the fingerprint the class record keeps.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import sim.engine.io as engine_io
from sim.classroom.pack import build_packs, forbidden_content
from sim.classroom.record import read_record
from sim.classroom.roster import read_roster
from sim.classroom.secret import read_secret_file
from sim.classroom.shop import DATA_FILES, fingerprint, read_shop
from sim.classroom.variants import variant_for

ROOT = Path(__file__).resolve().parents[1]
LABS = sorted(p.name for p in (ROOT / "exercises" / "source").iterdir() if p.is_dir())
TOPIC_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
CUSTOMERS = 400
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
TRUTH_COLUMNS = ("churned_at", "future_margin_vnd", "lifetime_value_vnd", "final_state", "orders_after_window",
                 "margin_in_window_vnd", "is_duplicate", "defects")
FORBIDDEN_PATH = re.compile(r"(^|/)(exercises/source|exercises/giang_vien|tests|benchmarks)(/|$)")
FORBIDDEN_FILE = re.compile(r"(^|/)(truth\.\w+|customers_dirty_truth\.\w+|hieu_chinh\.json|uoc_luong_ngay_tho\.yaml|"
                            r"dap_an_bai_thuc_hanh\.md|lop_hoc\.json|bi_mat\.txt|danh_sach\.csv|gradebook\.db|"
                            r"nbgrader_config\.py)$")
LAB_GIVEAWAYS = ("grade_estimate", "check_estimate", "customers_dirty_truth", "shipped_tables", "truth.csv", "sim.simulate(")


@pytest.fixture(scope="module")
def lop(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lop")
    (folder / "bi_mat.txt").write_text("bi-mat-cua-lop-kiem-thu-goi-bai\n", encoding="utf-8")
    (folder / "danh_sach.csv").write_text("student_id,ho_ten,email\nSV001,Nguyễn Văn An,an@x.vn\nSV002,Trần Thị Bình,b@x.vn\n",
                                          encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sim.classroom", "packs", "--secret", str(folder / "bi_mat.txt"),
                           "--roster", str(folder / "danh_sach.csv"), "--out", str(folder / "goi"),
                           "--customers", str(CUSTOMERS)], cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def _pack(lop: Path, student: str) -> dict[str, bytes]:
    with zipfile.ZipFile(lop / "goi" / f"ecrm_{student}.zip") as archive:
        names = archive.namelist()
        assert all(n.startswith(f"ecrm_{student}/") for n in names)
        return {n[len(f"ecrm_{student}/"):]: archive.read(n) for n in names}


@pytest.mark.parametrize("student", ["SV001", "SV002"])
def test_a_pack_holds_the_course_the_labs_and_the_students_own_data(lop, student):
    files = _pack(lop, student)
    for needed in ("README.md", "Makefile", "pyproject.toml", "environment.yml", "LICENSE", "sim/__init__.py",
                   "sim/classroom/lab_data.py", "sim/scenario/presets/default.yaml", "exercises/README.md",
                   "datasets/orders.csv", "datasets/manifest.json", "du_lieu_rieng/cua_hang.json", "du_lieu_rieng/README.md"):
        assert needed in files, needed
    assert all(f"notebooks/{name}" in files for name in TOPIC_NOTEBOOKS)
    assert all(f"exercises/release/{lab}/{lab}.ipynb" in files for lab in LABS)
    assert all(f"du_lieu_rieng/{name}.csv" in files for name in DATA_FILES)
    assert "student_id,ho_ten" not in files["exercises/README.md"].decode()


@pytest.mark.parametrize("student", ["SV001", "SV002"])
def test_a_pack_holds_no_solution_no_hidden_test_no_kit_and_no_truth(lop, student):
    files = _pack(lop, student)
    problems = []
    for path, data in files.items():
        if FORBIDDEN_PATH.search(path) or FORBIDDEN_FILE.search(path):
            problems.append(f"{path}: must not be in a pack")
        text = data.decode("utf-8", errors="ignore")
        problems += [f"{path}: {m}" for m in SOLUTION_MARKERS if m in text]
        if path.endswith((".csv", ".json", ".yaml", ".yml")):
            header = text.split("\n", 1)[0].split(",") if path.endswith(".csv") else []
            problems += [f"{path}: column {c}" for c in header if c.startswith("true_")]
            problems += [f"{path}: {c}" for c in TRUTH_COLUMNS if c in text]
        if path.startswith("exercises/release/"):
            problems += [f"{path}: {c}" for c in (*TRUTH_COLUMNS, *LAB_GIVEAWAYS) if c in text]
    assert not problems, problems[:20]


def test_no_pack_holds_the_secret_or_any_seed_of_its_student(lop):
    secret = read_secret_file(lop / "bi_mat.txt")
    for student in ("SV001", "SV002"):
        seeds = variant_for(secret, student, customers=CUSTOMERS).seeds
        for path, data in _pack(lop, student).items():
            text = data.decode("utf-8", errors="ignore")
            assert secret.decode() not in text, path
            assert not [purpose for purpose, seed in seeds.items() if str(seed) in text], path


def test_the_students_data_read_back_to_the_fingerprint_of_the_class_record(lop, tmp_path):
    record = read_record(lop / "goi" / "lop_hoc.json")
    assert set(record.fingerprints) == {"SV001", "SV002"} and record.customers == CUSTOMERS
    orders = []
    for student in ("SV001", "SV002"):
        with zipfile.ZipFile(lop / "goi" / f"ecrm_{student}.zip") as archive:
            archive.extractall(tmp_path)
        folder = tmp_path / f"ecrm_{student}" / "du_lieu_rieng"
        assert fingerprint(folder) == record.fingerprints[student]
        data = read_shop(folder)
        assert data.student_id == student and "truth" not in data.tables
        orders.append(data.tables["orders"])
    assert not orders[0].equals(orders[1])                     # two shops, two sets of answers


def test_packs_are_the_same_bytes_each_time_and_earlier_packs_are_replaced(lop, tmp_path):
    secret, roster = read_secret_file(lop / "bi_mat.txt"), read_roster(lop / "danh_sach.csv")
    again = build_packs(secret, roster[:1], tmp_path / "goi", customers=CUSTOMERS)
    assert (tmp_path / "goi" / "ecrm_SV001.zip").read_bytes() == (lop / "goi" / "ecrm_SV001.zip").read_bytes()
    assert sorted(p.name for p in again.files) == ["ecrm_SV001.zip", "lop_hoc.json"]
    build_packs(secret, roster[:1], tmp_path / "goi", customers=CUSTOMERS)   # a folder of earlier packs: replaced


def test_a_folder_holding_something_else_is_refused_before_any_work(lop, tmp_path):
    out = tmp_path / "goi"
    out.mkdir()
    (out / "ghi_chu.txt").write_text("của giảng viên", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sim.classroom", "packs", "--secret", str(lop / "bi_mat.txt"),
                           "--roster", str(lop / "danh_sach.csv"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2 and "ghi_chu.txt" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ghi_chu.txt"]


@pytest.mark.parametrize(("path", "data"), [
    ("exercises/source/lab01/lab01.ipynb", b"{}"),
    ("exercises/giang_vien/README.md", b"# kit"),
    ("datasets/truth.csv", b"customer_id\n1\n"),
    ("du_lieu_rieng/customers_dirty_truth.csv", b"record_id\n1\n"),
    ("exercises/release/lab01/lab01.ipynb", b'{"source": "### BEGIN SOLUTION"}'),
    ("notebooks/x.ipynb", b'{"source": "### BEGIN HIDDEN TESTS"}'),
    ("du_lieu_rieng/orders.csv", b"customer_id,churned_at\n1,\n"),
    ("du_lieu_rieng/extra.csv", b"customer_id,true_value\n1,2\n"),
    ("du_lieu_rieng/cua_hang.json", b'{"future_margin_vnd": 1}'),
])
def test_the_builders_own_check_catches_each_forbidden_thing(path, data):
    assert forbidden_content({path: data})
    assert not forbidden_content({"du_lieu_rieng/orders.csv": b"order_id,customer_id,at\n"})


def test_a_lab_in_the_pack_works_on_the_students_own_shop(lop, tmp_path):
    with zipfile.ZipFile(lop / "goi" / "ecrm_SV002.zip") as archive:
        archive.extractall(tmp_path)
    lab = "lab01_pheu_mua_hang"
    folder = tmp_path / "ecrm_SV002" / "exercises" / "release" / lab
    nb = nbformat.read(folder / f"{lab}.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    printed = "\n".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert "CỬA HÀNG RIÊNG của sinh viên SV002" in printed
    card = json.loads((tmp_path / "ecrm_SV002" / "du_lieu_rieng" / "cua_hang.json").read_text(encoding="utf-8"))
    assert f"{card['rows']['customers']:,}".replace(",", ".") in printed


def test_without_a_pack_a_lab_says_it_is_practice_on_the_demonstration_shop(tmp_path):
    lab = "lab01_pheu_mua_hang"
    nb = nbformat.read(ROOT / "exercises" / "release" / lab / f"{lab}.ipynb", as_version=4)
    nb.cells = nb.cells[:2]
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "\n".join(o.get("text", "") for o in nb.cells[1].outputs)
    assert "CỬA HÀNG MẪU" in printed and "không được chấm" in printed


def test_without_its_truth_file_the_demonstration_truth_is_recomputed_the_same(tmp_path, monkeypatch):
    """A pack's datasets/ has no truth.csv; the topic notebooks still get the demonstration run's truth, recomputed
    from its public seed, equal to the shipped file."""
    shipped = engine_io.read_tables(ROOT / "datasets")
    copy = tmp_path / "datasets"
    copy.mkdir()
    for path in (ROOT / "datasets").iterdir():
        if path.name != "truth.csv":
            (copy / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(engine_io, "SHIPPED_DIR", copy)
    recomputed = engine_io.shipped_tables()
    assert list(recomputed) == list(shipped)
    for name, table in shipped.items():
        assert recomputed[name].equals(table), name
