"""Every student's shop: a validated variant within the family's bounds, the same for the same secret and id,
different between students in substance; and the grading's settings (student, class record, calibration)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.classroom.calibration import CALIBRATION_ENV, band_for, bands_from_scatter
from sim.classroom.errors import ClassroomError
from sim.classroom.grading import CACHE_ENV, STUDENT_ENV, current_student, graded_shop, grading_class
from sim.classroom.record import CLASS_ENV, ClassRecord, read_record
from sim.classroom.secret import SECRET_ENV, secret_check
from sim.classroom.shop import rebuilt_shop, shop_tables
from sim.classroom.variants import DESK_WEEK_RATE, FAMILY, PRICE_SCALE, variant_for
from sim.scenario.loader import load_scenario

SECRET = b"mot-bi-mat-du-dai-cho-lop-hoc"
DEFAULT = load_scenario("default")


def _field(scenario, path: str):
    value = scenario
    for part in path.split("."):
        value = getattr(value, part)
    return value


@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"[A-Z]{3}[0-9]{3,6}", fullmatch=True))
def test_every_lever_is_drawn_within_its_bounds_on_its_grid(student):
    v = variant_for(SECRET, student)
    for lever in (*FAMILY, DESK_WEEK_RATE):
        value = v.levers[lever.path]
        assert lever.low <= float(value) <= lever.high, (lever.path, value)
        steps = (float(value) - lever.low) / lever.step
        assert abs(steps - round(steps)) < 1e-6, (lever.path, value)
        if lever.path not in (PRICE_SCALE, DESK_WEEK_RATE.path):
            assert _field(v.scenario, lever.path) == value
    scale = v.levers[PRICE_SCALE]
    for name, category in v.scenario.catalogue.categories.items():
        for price, base in zip(category.price_tiers_vnd, DEFAULT.catalogue.categories[name].price_tiers_vnd, strict=True):
            assert abs(price - base * scale) <= 500 and price % 1000 == 0
    assert v.desk_week.service.chat.agents == 3 and v.desk_week.requests_per_hour == v.levers[DESK_WEEK_RATE.path]


def test_the_same_secret_and_id_give_the_same_shop_and_others_differ():
    a, again = variant_for(SECRET, "SV001"), variant_for(SECRET, "sv001")
    assert a.levers == again.levers and a.seeds == again.seeds and a.scenario == again.scenario
    others = [variant_for(SECRET, f"SV{i:03d}") for i in range(2, 12)]
    assert all(o.levers != a.levers for o in others)
    assert len({o.seed("cua_hang") for o in others}) == len(others)
    assert variant_for(SECRET + b"2", "SV001").levers != a.levers


def test_the_family_spans_its_bounds_over_a_class():
    """60 students: each lever takes several values, reaching both halves of its range."""
    levers = [variant_for(SECRET, f"SV{i:03d}").levers for i in range(60)]
    for lever in FAMILY:
        values = [float(v[lever.path]) for v in levers]
        middle = (lever.low + lever.high) / 2
        assert min(values) < middle < max(values), lever.path


def test_two_students_get_different_data_and_the_lecturer_rebuilds_the_same(tmp_path):
    a, b = variant_for(SECRET, "SV001", customers=400), variant_for(SECRET, "SV002", customers=400)
    observed_a, hidden_a, _ = shop_tables(a)
    observed_b, _, _ = shop_tables(b)
    assert not observed_a["orders"].equals(observed_b["orders"])
    assert "truth" not in observed_a and "customers_dirty_truth" not in observed_a
    assert set(hidden_a) == {"truth", "customers_dirty_truth"}
    data_1, _, fingerprint_1 = rebuilt_shop(a)
    data_2, _, fingerprint_2 = rebuilt_shop(variant_for(SECRET, "SV001", customers=400))
    assert fingerprint_1 == fingerprint_2
    assert data_1.tables["orders"].equals(data_2.tables["orders"])
    assert "seed" not in json.dumps(data_1.card)


def test_a_shop_smaller_than_100_prospects_is_refused():
    with pytest.raises(ClassroomError):
        variant_for(SECRET, "SV001", customers=50)


# --- Grading settings ------------------------------------------------------------------------------------------------


def test_the_student_comes_from_the_environment_or_nbgraders_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(STUDENT_ENV, raising=False)
    folder = tmp_path / "autograded" / "B21DCCN001" / "lab03_nps"
    folder.mkdir(parents=True)
    assert current_student(folder) == "B21DCCN001"
    with pytest.raises(ClassroomError):
        current_student(tmp_path)
    monkeypatch.setenv(STUDENT_ENV, "B21DCCN009")
    assert current_student(tmp_path) == "B21DCCN009"


def _record(tmp_path, secret=SECRET) -> str:
    path = tmp_path / "lop_hoc.json"
    path.write_text(ClassRecord("0.1.0", 400, secret_check(secret), {"SV001": "ab" * 32}).to_json(), encoding="utf-8")
    return str(path)


def test_grading_a_class_needs_its_record_its_secret_and_a_known_student(tmp_path, monkeypatch):
    monkeypatch.setenv("ECRM_GRADING", "1")
    monkeypatch.delenv("ECRM_SECRET_FILE", raising=False)
    monkeypatch.delenv(CLASS_ENV, raising=False)
    monkeypatch.delenv(SECRET_ENV, raising=False)
    assert grading_class() is None                                  # no secret: not a class's grading
    monkeypatch.setenv(SECRET_ENV, SECRET.decode())
    with pytest.raises(ClassroomError, match="thiếu bản ghi lớp"):
        grading_class()
    monkeypatch.setenv(CLASS_ENV, _record(tmp_path, SECRET + b"khac"))
    with pytest.raises(ClassroomError, match="khác bí mật"):
        grading_class()
    monkeypatch.setenv(CLASS_ENV, _record(tmp_path))
    monkeypatch.setenv(STUDENT_ENV, "SV999")
    with pytest.raises(ClassroomError, match="không có trong danh sách"):
        grading_class()
    monkeypatch.setenv(STUDENT_ENV, "sv001")
    graded = grading_class()
    assert graded.student_id == "SV001" and graded.record.customers == 400


@pytest.mark.parametrize("text", ["", "{}", '{"format": "ecrm-lop-hoc/1", "students": {}}', "[1, 2]", "không phải json"])
def test_a_file_that_is_not_a_class_record_is_refused(tmp_path, text):
    path = tmp_path / "lop_hoc.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClassroomError):
        read_record(path)


@pytest.mark.parametrize(("sigma", "full", "partial"), [(0.0, 0.01, 0.02), (0.004, 0.01, 0.02), (0.041, 0.09, 0.18),
                                                         (0.085, 0.17, 0.34), (0.1, 0.2, 0.4)])
def test_bands_follow_the_rule_full_is_two_sigma_rounded_up_partial_twice_that(sigma, full, partial):
    assert bands_from_scatter(sigma) == (pytest.approx(full), pytest.approx(partial))


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, "0.1"])
def test_a_scatter_that_is_not_a_number_is_refused(bad):
    with pytest.raises(ClassroomError):
        bands_from_scatter(bad)


def test_a_calibration_for_another_shop_size_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "hieu_chinh.json"
    path.write_text(json.dumps({"format": "ecrm-hieu-chinh/1", "customers": 400,
                                "questions": {"lab03_nps/cau6": {"full": 0.05, "partial": 0.1}}}), encoding="utf-8")
    monkeypatch.setenv(CALIBRATION_ENV, str(path))
    assert band_for("lab03_nps/cau6", "day_du", 400) == 0.05
    assert band_for("lab03_nps/cau6", "mot_phan", 400) == 0.1
    with pytest.raises(ClassroomError, match="cỡ 400"):
        band_for("lab03_nps/cau6", "day_du", None)
    with pytest.raises(ClassroomError, match="chưa được hiệu chỉnh"):
        band_for("lab04_giu_chan/cau6", "day_du", 400)


def test_grading_keeps_each_students_shop_and_truths_in_its_cache(tmp_path, monkeypatch):
    """The second lab of a student reads the rebuilt shop and the truths kept on disk; a wrong fingerprint is refused."""
    _, _, expected = rebuilt_shop(variant_for(SECRET, "SV001", customers=400))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    graded_shop.cache_clear()
    first = graded_shop(SECRET, "SV001", 400, expected)
    truth = first.truth("lab05_ltv/cau6")
    graded_shop.cache_clear()
    again = graded_shop(SECRET, "SV001", 400, expected)
    assert again.truths == {"lab05_ltv/cau6": truth}                  # read back, not computed again
    assert again.data.tables["orders"].equals(first.data.tables["orders"]) and again.data.kind == "cham"
    assert again.hidden["truth"].equals(first.hidden["truth"])
    graded_shop.cache_clear()
    with pytest.raises(ClassroomError, match="khác dữ liệu trong gói"):
        graded_shop(SECRET, "SV001", 400, "0" * 64)
    graded_shop.cache_clear()
