"""The committed calibration of the estimate questions (``make calibrate``) and the lecturer's notes made from it.

* every estimate question is calibrated on many shops of the family, at the standard shop size;
* its bands follow the rule, computed here from the stored scatter σ: full = max(1%, ⌈200σ⌉ %), partial = 2 × full;
* the reference solution scores clearly better than the naive answer over those shops, and mostly within the full band;
* each lab has its lecturer's note in the kit, quoting the same figures; none of this goes into a pack.
"""

from __future__ import annotations

import json
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from exercises.giang_vien.kit.calibration import CALIBRATION_FILE, GRADING_DIR, merged, naive_answers, question_keys
from sim.base.errors import ScenarioError
from sim.classroom.calibration import CALIBRATION_FORMAT, DEFAULT_CALIBRATION
from sim.classroom.pack import forbidden_content
from sim.classroom.truths import ESTIMATES, true_customer_years

MIN_SHOPS = 40
CLEARLY_BETTER = 0.4
"""The reference's mean score (out of 2) is at least this much above the naive answer's."""


@pytest.fixture(scope="module")
def calibration() -> dict:
    return json.loads(DEFAULT_CALIBRATION.read_text(encoding="utf-8"))


def test_every_estimate_question_is_calibrated_on_many_shops_of_the_standard_size(calibration):
    assert DEFAULT_CALIBRATION == GRADING_DIR / CALIBRATION_FILE
    assert calibration["format"] == CALIBRATION_FORMAT
    assert calibration["customers"] is None and calibration["shops"] >= MIN_SHOPS
    assert calibration["command"].startswith("python -m exercises.giang_vien.kit calibrate")
    assert set(calibration["questions"]) == set(ESTIMATES) == set(naive_answers())


@pytest.mark.parametrize("key", sorted(ESTIMATES))
def test_the_bands_come_from_the_truths_scatter_by_the_rule(calibration, key):
    q = calibration["questions"][key]
    sigma = q["truth_rel_sd"]
    assert 0 <= sigma < 1
    full = max(0.01, math.ceil(round(200 * sigma, 6)) / 100)
    assert q["full"] == pytest.approx(full) and q["partial"] == pytest.approx(2 * full)


@pytest.mark.parametrize("key", sorted(ESTIMATES))
def test_the_reference_solution_scores_clearly_better_than_the_naive_answer(calibration, key):
    reference, naive = calibration["questions"][key]["reference"], calibration["questions"][key]["naive"]
    assert reference["mean_score"] >= naive["mean_score"] + CLEARLY_BETTER, (key, reference, naive)
    assert reference["full_share"] >= 0.5, (key, reference)
    assert reference["mean_abs_rel_error"] < naive["mean_abs_rel_error"], (key, reference, naive)


def test_each_lab_has_a_lecturers_note_with_the_calibrations_figures(calibration):
    assert all(q.truth_vi and q.about_vi for q in ESTIMATES.values())
    for lab in sorted({q.lab for q in ESTIMATES.values()}):
        note = (GRADING_DIR / f"{lab}.md").read_text(encoding="utf-8")
        assert "không phát cho sinh viên" in note
        for key, q in calibration["questions"].items():
            if key.startswith(f"{lab}/"):
                full = f"{100 * q['full']:.1f}".replace(".", ",") + "%"
                assert full in note and "Lời giải mẫu" in note and "Câu trả lời ngây thơ" in note
                assert naive_answers()[key]["ngay_tho"] in note and ESTIMATES[key].truth_vi in note


def test_the_calibration_and_the_notes_can_never_go_into_a_pack():
    files = {f"exercises/giang_vien/cham_bai/{p.name}": p.read_bytes() for p in GRADING_DIR.iterdir()}
    files.update({"du_lieu_rieng/hieu_chinh.json": DEFAULT_CALIBRATION.read_bytes()})
    assert len(forbidden_content(files)) >= len(files)


# --- Calibrating some labs only (``--lab``), a truth worked by hand ------------------------------


def test_calibrating_some_labs_replaces_their_questions_and_keeps_the_others():
    assert question_keys(["lab12_niem_tin"]) == ["lab12_niem_tin/cau4"]
    assert question_keys(None) == list(ESTIMATES)
    with pytest.raises(ScenarioError):
        question_keys(["lab99_khong_co"])
    old = {"format": CALIBRATION_FORMAT, "customers": None, "shops": 60, "command": "c60",
           "questions": {"a/cau6": {"full": 0.05}, "b/cau4": {"full": 0.09}}}
    new = {"format": CALIBRATION_FORMAT, "customers": None, "shops": 20, "command": "c20 --lab b",
           "questions": {"b/cau4": {"full": 0.07}, "c/cau4": {"full": 0.03}}}
    out = merged(new, old)
    assert out["shops"] == 60 and out["command"] == "c60"                       # the file's own run is unchanged
    assert out["questions"]["a/cau6"] == {"full": 0.05}
    assert out["questions"]["b/cau4"] == {"full": 0.07, "shops": 20, "command": "c20 --lab b"}
    assert out["questions"]["c/cau4"]["shops"] == 20
    assert old["questions"]["b/cau4"] == {"full": 0.09}                        # the old data are not modified
    with pytest.raises(ScenarioError):
        merged({**new, "customers": 2000}, old)


def test_true_customer_years_worked_by_hand():
    """Window end 1 January 2027. A: first order 1 Jan 2026, truly churned 1 Apr 2026 → 90 days. B: first order
    2 Jul 2026, still a customer → 183 days. C: first order 1 Dec 2026, churned after the end → 31 days. D: never bought
    (not counted). (90 + 183 + 31) / 365 = 0,832877 years."""
    orders = pd.DataFrame({"customer_id": ["A", "A", "B", "C"],
                           "at": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-07-02", "2026-12-01"])})
    truth = pd.DataFrame({"customer_id": ["A", "B", "C", "D"],
                          "churned_at": ["2026-04-01 00:00:00", None, "2027-03-01 00:00:00", "2026-05-01 00:00:00"]})
    shop = SimpleNamespace(data=SimpleNamespace(tables={"orders": orders}, window_end=pd.Timestamp("2027-01-01")),
                           hidden={"truth": truth})
    assert true_customer_years(shop) == pytest.approx(304 / 365)
