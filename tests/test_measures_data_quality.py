"""Data quality of a customer list: a hand-made dirty list, then the simulator's dirty export."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import sim
from sim.base.errors import DataError
from sim.measures.data_quality import (
    city_spellings,
    completeness,
    contact_status,
    duplicate_clusters,
    duplicate_pairs,
    is_valid_email,
    name_key,
    normalise_phone,
    score_clusters,
    score_pairs,
    standardise_contacts,
    validity,
)

# R1/R2: one customer (K1), entered again without diacritics, no phone, "HN" for Hà Nội.
# R3/R4: one customer (K2), re-typed with a doubled letter, phone written two ways, e-mail left blank.
# R5, R6: two different people with the same name in the same city (K3, K4); R5's e-mail and phone are malformed.
RECORDS = pd.DataFrame({
    "record_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
    "name": ["Nguyễn Văn Anh", "Nguyen Van Anh", "Trần Thị Bình", "Trần Thị Bìnhh", "Lê Văn Cường", "Lê Văn Cường"],
    "email": ["anh.nguyen90@gmail.com", "anh.nguyen90@gmail.com", "binh.tran@yahoo.com", "  ", "cuong@@gmail.com", None],
    "phone": ["0912345678", None, "+84 987 654 321", "0987-654-321", "0123456789", None],
    "city": ["Hà Nội", "HN", "TP.HCM", "Sài Gòn", "Đà Nẵng", "Da Nang"],
})
TRUTH = pd.DataFrame({"record_id": ["R1", "R2", "R3", "R4", "R5", "R6"],
                      "customer_id": ["K1", "K1", "K2", "K2", "K3", "K4"]})


def test_completeness_hand_worked():
    out = completeness(RECORDS).set_index("column")
    # e-mail: R4 is blank text, R6 None → 4 of 6; phone: R2 and R6 None → 4 of 6; names all filled.
    assert out.loc["email", "filled"] == 4 and out.loc["email", "completeness"] == pytest.approx(4 / 6)
    assert out.loc["phone", "completeness"] == pytest.approx(4 / 6)
    assert out.loc["name", "completeness"] == 1.0
    assert list(completeness(RECORDS, ["phone"])["column"]) == ["phone"]


def test_completeness_edges():
    empty = completeness(RECORDS.iloc[0:0]).set_index("column")
    assert (empty["records"] == 0).all() and empty["completeness"].isna().all()
    assert completeness(RECORDS.iloc[[0]], ["phone"])["completeness"].iloc[0] == 1.0
    with pytest.raises(DataError) as err:
        completeness(RECORDS, ["fax"])
    assert "records.fax" in err.value.fields


@pytest.mark.parametrize(("text", "valid"), [
    ("anh.nguyen90@gmail.com", True), ("  nvminh936@yahoo.com.vn ", True), ("tuan_nguyen201@fpt.vn", True),
    ("anh.nguyen90gmail.com", False),  # the @ is lost
    ("anh.nguyen90@gmail", False),  # no top-level domain
    ("anh.nguyen90@@gmail.com", False), ("anh.nguyen90 @gmail.com", False), ("", False), (None, False),
])
def test_email_format(text, valid):
    assert is_valid_email(text) is valid


@pytest.mark.parametrize(("text", "normal"), [
    ("0912345678", "0912345678"), ("+84912345678", "0912345678"), ("+84 987 654 321", "0987654321"),
    ("0987-654-321", "0987654321"), ("0360.556.795", "0360556795"),
    ("091234567", None),  # a digit short
    ("+849123456780", None),  # one digit too many
    ("0360.556.795x", None), ("O912345678", None),  # a letter
    ("0123456789", None),  # 01x is no mobile prefix since 2018
    (None, None), ("", None),
])
def test_phone_format(text, normal):
    assert normalise_phone(text) == normal


def test_contact_status_and_validity_hand_worked():
    status = contact_status(RECORDS)
    assert status["email_status"].tolist() == ["valid", "valid", "valid", "missing", "invalid", "missing"]
    assert status["phone_status"].tolist() == ["valid", "missing", "valid", "valid", "invalid", "missing"]
    out = validity(RECORDS).set_index("field")
    # e-mail: 3 valid, 1 invalid, 2 missing → 3 / (3 + 1) = 0.75; phone the same counts.
    assert out.loc["email", ["valid", "invalid", "missing"]].tolist() == [3, 1, 2]
    assert out.loc["email", "validity"] == 0.75 and out.loc["phone", "validity"] == 0.75


def test_validity_edges():
    empty = validity(RECORDS.iloc[0:0])
    assert empty["validity"].isna().all()
    none_filled = validity(RECORDS.iloc[[5]])  # R6: nothing filled
    assert none_filled["validity"].isna().all() and none_filled["missing"].tolist() == [1, 1]
    with pytest.raises(DataError) as err:
        validity(RECORDS.drop(columns="phone"))
    assert "records.phone" in err.value.fields


def test_name_key_city_spellings_and_standardise():
    assert name_key("Đặng  Thị Thùy") == "dang thi thuy"
    out = city_spellings(RECORDS)
    # Hà Nội: "Hà Nội", "HN" (1 of 2 canonical); HCM: "TP.HCM", "Sài Gòn" (0 of 2); Đà Nẵng: "Đà Nẵng", "Da Nang" (1 of 2).
    assert out["city"].tolist() == ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng"]
    assert out["records"].tolist() == [2, 2, 2] and out["spellings"].tolist() == [2, 2, 2]
    assert out["canonical_share"].tolist() == [0.5, 0.0, 0.5]
    clean = standardise_contacts(RECORDS)
    assert clean["phone_clean"].tolist() == ["0912345678", None, "0987654321", "0987654321", None, None]
    assert clean["email_clean"].tolist()[3:] == [None, None, None]
    assert clean["city_clean"].tolist()[2:4] == ["Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"]
    assert city_spellings(RECORDS.iloc[0:0]).empty
    with pytest.raises(DataError) as err:
        city_spellings(RECORDS, column="province")
    assert "records.province" in err.value.fields


def test_duplicate_pairs_hand_worked():
    out = duplicate_pairs(RECORDS)
    # R1–R2: same folded name and same e-mail. R3–R4: "tran thi binh" vs "tran thi binhh":
    # SequenceMatcher ratio = 2·13 / (13 + 14) = 26/27 = 0.962963 ≥ 0.85, and the same phone once normalised.
    # R5–R6: same name, same city only → not reported by default.
    assert list(zip(out["record_a"], out["record_b"], strict=True)) == [("R1", "R2"), ("R3", "R4")]
    r12, r34 = out.iloc[0], out.iloc[1]
    assert (r12["same_name"], r12["same_email"], r12["same_phone"], r12["same_city"]) == (True, True, False, True)
    assert (r34["same_name"], r34["same_email"], r34["same_phone"], r34["same_city"]) == (False, False, True, True)
    assert r34["name_similarity"] == pytest.approx(0.962963, abs=1e-6)
    with_city = duplicate_pairs(RECORDS, use_city=True)
    assert list(zip(with_city["record_a"], with_city["record_b"], strict=True)) == [("R1", "R2"), ("R3", "R4"), ("R5", "R6")]
    strict = duplicate_pairs(RECORDS, name_similarity_min=0.97)  # 0.963 < 0.97: the typo pair is lost
    assert strict["record_a"].tolist() == ["R1"]


def test_duplicate_pairs_edges():
    assert duplicate_pairs(RECORDS.iloc[0:0]).empty
    assert duplicate_pairs(RECORDS.iloc[[0]]).empty
    with pytest.raises(DataError) as err:
        duplicate_pairs(RECORDS.drop(columns="email"))
    assert "records.email" in err.value.fields
    with pytest.raises(DataError) as err:
        duplicate_pairs(RECORDS.assign(record_id="R1"))
    assert "records.record_id" in err.value.fields
    with pytest.raises(DataError) as err:
        duplicate_pairs(RECORDS, name_similarity_min=1.5)
    assert "name_similarity_min" in err.value.fields


def test_duplicate_clusters_hand_worked_and_transitive():
    out = duplicate_clusters(RECORDS, duplicate_pairs(RECORDS))
    assert out["cluster_id"].tolist() == ["R1", "R1", "R3", "R3", "R5", "R6"]
    chain = pd.DataFrame({"record_a": ["R2", "R4"], "record_b": ["R4", "R6"]})  # R2–R4–R6: one cluster
    assert duplicate_clusters(RECORDS, chain)["cluster_id"].tolist() == ["R1", "R2", "R3", "R2", "R5", "R2"]
    no_pairs = pd.DataFrame({"record_a": [], "record_b": []})
    assert duplicate_clusters(RECORDS, no_pairs)["cluster_id"].tolist() == RECORDS["record_id"].tolist()
    with pytest.raises(DataError) as err:
        duplicate_clusters(RECORDS, pd.DataFrame({"record_a": ["R1"], "record_b": ["R9"]}))
    assert "pairs" in err.value.fields
    with pytest.raises(DataError) as err:
        duplicate_clusters(RECORDS, pd.DataFrame({"a": ["R1"]}))
    assert "pairs.record_a" in err.value.fields


def test_score_pairs_hand_worked():
    perfect = score_pairs(duplicate_pairs(RECORDS), TRUTH)
    # true pairs: R1–R2 and R3–R4; found the same two: precision 1, recall 1, F1 1.
    assert perfect.to_dict() == {"found_pairs": 2, "true_pairs": 2, "true_positives": 2, "precision": 1.0,
                                 "recall": 1.0, "f1": 1.0}
    loose = score_pairs(duplicate_pairs(RECORDS, use_city=True), TRUTH)
    # found 3, 2 of them true: precision 2/3, recall 1, F1 = 2·(2/3)·1 / (2/3 + 1) = 0.8.
    assert (loose["precision"], loose["recall"], loose["f1"]) == pytest.approx((2 / 3, 1.0, 0.8))
    reversed_pair = pd.DataFrame({"record_a": ["R2", "R1"], "record_b": ["R1", "R2"]})  # one pair, twice
    half = score_pairs(reversed_pair, TRUTH)
    assert (half["found_pairs"], half["precision"], half["recall"]) == (1, 1.0, 0.5)
    assert half["f1"] == pytest.approx(2 * 0.5 / 1.5)


def test_score_pairs_edges():
    none_found = score_pairs(pd.DataFrame({"record_a": [], "record_b": []}), TRUTH)
    assert (none_found["precision"], none_found["recall"], none_found["f1"]) == (1.0, 0.0, 0.0)
    no_duplicates = TRUTH.assign(customer_id=["K1", "K2", "K3", "K4", "K5", "K6"])
    nothing = score_pairs(pd.DataFrame({"record_a": [], "record_b": []}), no_duplicates)
    assert (nothing["precision"], nothing["recall"], nothing["f1"]) == (1.0, 1.0, 1.0)
    with pytest.raises(DataError) as err:
        score_pairs(pd.DataFrame({"record_a": ["R1"], "record_b": ["R99"]}), TRUTH)
    assert "pairs" in err.value.fields
    with pytest.raises(DataError) as err:
        score_pairs(duplicate_pairs(RECORDS), TRUTH.drop(columns="customer_id"))
    assert "customers_dirty_truth.customer_id" in err.value.fields


def test_score_clusters_hand_worked():
    good = score_clusters(duplicate_clusters(RECORDS, duplicate_pairs(RECORDS)), TRUTH)
    assert (good["records"], good["records_right"], good["share_right"]) == (6, 6, 1.0)
    assert (good["customers_true"], good["clusters_found"]) == (4, 4)
    loose = score_clusters(duplicate_clusters(RECORDS, duplicate_pairs(RECORDS, use_city=True)), TRUTH)
    # R5 and R6 joined though they are two people: both wrong → 4/6.
    assert loose["share_right"] == pytest.approx(4 / 6)
    alone = pd.DataFrame({"record_id": TRUTH["record_id"], "cluster_id": TRUTH["record_id"]})
    # Nothing merged: only R5 and R6 (never duplicated) are right → 2/6; pairwise recall 0.
    assert score_clusters(alone, TRUTH)["share_right"] == pytest.approx(2 / 6)
    assert score_clusters(alone, TRUTH)["recall"] == 0.0
    together = pd.DataFrame({"record_id": TRUTH["record_id"], "cluster_id": "X"})
    assert score_clusters(together, TRUTH)["share_right"] == 0.0
    # Only the merged records listed: the others count as clusters of their own.
    partial = pd.DataFrame({"record_id": ["R1", "R2", "R3", "R4"], "cluster_id": ["a", "a", "b", "b"]})
    assert score_clusters(partial, TRUTH)["share_right"] == 1.0


def test_score_clusters_edges():
    empty = score_clusters(pd.DataFrame({"record_id": [], "cluster_id": []}), TRUTH.iloc[0:0])
    assert empty["records"] == 0 and math.isnan(empty["share_right"])
    with pytest.raises(DataError) as err:
        score_clusters(pd.DataFrame({"record_id": ["R1", "R1"], "cluster_id": ["a", "b"]}), TRUTH)
    assert "clusters.record_id" in err.value.fields
    with pytest.raises(DataError) as err:
        score_clusters(pd.DataFrame({"record_id": ["R7"], "cluster_id": ["a"]}), TRUTH)
    assert "clusters.record_id" in err.value.fields
    with pytest.raises(DataError) as err:
        score_clusters(pd.DataFrame({"record_id": ["R1"]}), TRUTH)
    assert "clusters.cluster_id" in err.value.fields


@pytest.fixture(scope="module")
def dirty() -> sim.Result:
    return sim.simulate(sim.load_scenario("demo"), seed=11, dirty=True)


def test_on_the_simulated_dirty_export(dirty):
    records, truth = dirty.customers_dirty, dirty.customers_dirty_truth
    defects = truth.set_index("record_id")["defects"].reindex(records["record_id"]).fillna("").reset_index(drop=True)
    status = contact_status(records.reset_index(drop=True))
    # Every spoiled phone is caught, and nothing else; every missing field is found.
    assert (status["phone_status"] == "invalid").tolist() == defects.str.contains("malformed_phone").tolist()
    assert (status["email_status"] == "missing").tolist() == defects.str.contains("missing_email").tolist()
    assert ((status["email_status"] == "invalid") <= defects.str.contains("malformed_email")).all()
    pairs = duplicate_pairs(records)
    scores = score_pairs(pairs, truth)
    assert scores["true_pairs"] > 10
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.8
    assert score_clusters(duplicate_clusters(records, pairs), truth)["share_right"] >= 0.97
