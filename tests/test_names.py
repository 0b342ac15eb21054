"""Tests for ``sim.base.names``: Vietnamese names, cities, e-mails, phones, companies.

Expected frequencies are computed here from the weight tables (weight / sum of
weights) and compared with a binomial standard error, not taken from the
code's own output.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.base.names import (
    CITIES,
    CITY_VARIANTS,
    EMAIL_DOMAINS,
    FAMILY_NAMES,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    PHONE_PREFIXES,
    ascii_fold,
    canonical_city,
    draw_people,
)

COLUMNS = {
    "family_name",
    "middle_name",
    "given_name",
    "full_name",
    "gender",
    "city",
    "email",
    "phone",
    "company",
}
EMAIL_RE = re.compile(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$")
# Viettel 032-039, 086, 096-098; Vinaphone 081-085, 088, 091, 094;
# Mobifone 070, 076-079, 089, 090, 093; Vietnamobile 056, 058, 092.
PHONE_RE = re.compile(r"^0(3[2-9]|5[68]|7[06-9]|8[1-689]|9[0-46-8])\d{7}$")
HCM = "Thành phố Hồ Chí Minh"
N = 20_000


@pytest.fixture(scope="module")
def people() -> dict[str, list]:
    return draw_people(np.random.default_rng(20250701), N)


@pytest.fixture(scope="module")
def b2b_people() -> dict[str, list]:
    return draw_people(np.random.default_rng(7), 2_000, segment="b2b")


def within_4_se(count: int, n: int, p: float) -> bool:
    """Is ``count / n`` within 4 binomial standard errors of ``p``?"""
    se = math.sqrt(p * (1 - p) / n)
    return abs(count / n - p) <= 4 * se


# --- tables ---------------------------------------------------------------


def test_family_name_table_matches_cited_figures() -> None:
    assert FAMILY_NAMES["Nguyễn"] == pytest.approx(0.38)
    assert FAMILY_NAMES["Trần"] == pytest.approx(0.11)
    assert FAMILY_NAMES["Lê"] == pytest.approx(0.095)
    # Wikipedia gives Hoàng/Huỳnh and Vũ/Võ as one figure each.
    assert FAMILY_NAMES["Hoàng"] + FAMILY_NAMES["Huỳnh"] == pytest.approx(0.051)
    assert FAMILY_NAMES["Vũ"] + FAMILY_NAMES["Võ"] == pytest.approx(0.039)
    assert len(FAMILY_NAMES) >= 24
    assert max(FAMILY_NAMES, key=FAMILY_NAMES.__getitem__) == "Nguyễn"


def test_name_tables_are_gendered_and_nfc() -> None:
    for table in (MIDDLE_NAMES, GIVEN_NAMES):
        assert set(table) == {"male", "female"}
    assert max(MIDDLE_NAMES["female"], key=MIDDLE_NAMES["female"].__getitem__) == "Thị"
    assert "Thị" not in MIDDLE_NAMES["male"]
    assert "Văn" not in MIDDLE_NAMES["female"]
    assert len(GIVEN_NAMES["male"]) >= 35
    assert len(GIVEN_NAMES["female"]) >= 35
    words = [*FAMILY_NAMES, *CITIES]
    for table in (MIDDLE_NAMES, GIVEN_NAMES):
        words += [*table["male"], *table["female"]]
    assert all(unicodedata.is_normalized("NFC", w) for w in words)


def test_cities_are_the_34_units_of_2025() -> None:
    assert len(CITIES) == 34
    for city in ("Thành phố Hồ Chí Minh", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"):
        assert city in CITIES
    for gone in ("Bình Dương", "Quảng Nam", "Kiên Giang", "Hà Giang", "Thừa Thiên Huế"):
        assert gone not in CITIES
    assert max(CITIES, key=CITIES.__getitem__) == HCM
    assert 12_000_000 < CITIES[HCM] < 16_000_000
    assert CITIES["Lai Châu"] < 1_000_000
    assert set(CITY_VARIANTS) == set(CITIES)


# --- names ----------------------------------------------------------------


def test_columns_and_lengths(people: dict[str, list]) -> None:
    assert set(people) == COLUMNS
    assert all(len(column) == N for column in people.values())


@pytest.mark.parametrize("segment", ["b2c", "b2b"])
def test_name_order_and_tables(segment: str) -> None:
    p = draw_people(np.random.default_rng(1), 3_000, segment=segment)
    for family, middle, given_name, full, gender in zip(
        p["family_name"], p["middle_name"], p["given_name"], p["full_name"], p["gender"], strict=True
    ):
        parts = [family, middle, given_name]
        assert full == " ".join(parts)
        assert family in FAMILY_NAMES
        assert gender in ("male", "female")
        assert middle in MIDDLE_NAMES[gender]
        assert given_name in GIVEN_NAMES[gender]
        assert middle != given_name


def test_nguyen_share(people: dict[str, list]) -> None:
    p = FAMILY_NAMES["Nguyễn"] / sum(FAMILY_NAMES.values())
    assert 0.35 < p < 0.42  # the cited figure is 38 %
    assert within_4_se(people["family_name"].count("Nguyễn"), N, p)


def test_gender_about_half(people: dict[str, list]) -> None:
    assert within_4_se(people["gender"].count("male"), N, 0.5)


def test_thi_only_for_women(people: dict[str, list]) -> None:
    pairs = set(zip(people["middle_name"], people["gender"], strict=True))
    assert ("Thị", "male") not in pairs
    assert ("Văn", "female") not in pairs
    assert ("Thị", "female") in pairs
    assert ("Văn", "male") in pairs


# --- cities ---------------------------------------------------------------


def test_only_canonical_cities(people: dict[str, list]) -> None:
    assert set(people["city"]) <= set(CITIES)


def test_hcm_share_matches_population(people: dict[str, list]) -> None:
    p = CITIES[HCM] / sum(CITIES.values())
    assert within_4_se(people["city"].count(HCM), N, p)


def test_small_city_drawn_less_often(people: dict[str, list]) -> None:
    smallest = min(CITIES, key=CITIES.__getitem__)
    assert people["city"].count(smallest) < people["city"].count(HCM)


# --- ascii_fold and canonical_city ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đặng Thị Thùy", "Dang Thi Thuy"),
        ("Nguyễn Văn Đức", "Nguyen Van Duc"),
        ("đường Đồng Khởi", "duong Dong Khoi"),
        ("Thành phố Hồ Chí Minh", "Thanh pho Ho Chi Minh"),
        ("Huỳnh Ngọc Ánh", "Huynh Ngoc Anh"),
        ("plain ASCII 123", "plain ASCII 123"),
        ("", ""),
    ],
)
def test_ascii_fold(text: str, expected: str) -> None:
    assert ascii_fold(text) == expected


def test_ascii_fold_decomposed_input() -> None:
    assert ascii_fold(unicodedata.normalize("NFD", "Đặng Thị Thùy")) == "Dang Thi Thuy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TP.HCM", HCM),
        ("Sài Gòn", HCM),
        ("ho chi minh city", HCM),
        ("Thành phố Hồ Chí Minh", HCM),
        ("  tp  hcm ", HCM),
        ("Ha Noi", "Hà Nội"),
        ("HANOI", "Hà Nội"),
        ("thành phố Cần Thơ", "Cần Thơ"),
        ("TP. Cần Thơ", "Cần Thơ"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tinh lai chau", "Lai Châu"),
        ("Paris", None),
        ("", None),
        ("   ", None),
    ],
)
def test_canonical_city(text: str, expected: str | None) -> None:
    assert canonical_city(text) == expected


def test_every_variant_maps_back() -> None:
    for city, variants in CITY_VARIANTS.items():
        assert canonical_city(city) == city
        assert variants, city
        for variant in variants:
            assert canonical_city(variant) == city, variant


def test_big_cities_have_hand_written_variants() -> None:
    assert {"TP.HCM", "HCMC", "Sài Gòn", "Ho Chi Minh City"} <= set(CITY_VARIANTS[HCM])
    assert {"HN", "Hanoi", "Ha Noi"} <= set(CITY_VARIANTS["Hà Nội"])
    for city in ("Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"):
        assert len(CITY_VARIANTS[city]) >= 5


# --- e-mails and phones -----------------------------------------------------


def test_emails_ascii_and_well_formed(people: dict[str, list], b2b_people: dict[str, list]) -> None:
    for email in people["email"] + b2b_people["email"]:
        assert EMAIL_RE.match(email), email


def test_email_contains_given_name(people: dict[str, list]) -> None:
    for email, given_name in zip(people["email"], people["given_name"], strict=True):
        assert ascii_fold(given_name).lower() in email.split("@")[0], email


def test_email_collisions_rare(people: dict[str, list]) -> None:
    assert len(set(people["email"])) >= 0.99 * N


def test_gmail_share(people: dict[str, list]) -> None:
    p = EMAIL_DOMAINS["gmail.com"] / sum(EMAIL_DOMAINS.values())
    assert 0.6 < p < 0.8
    count = sum(email.endswith("@gmail.com") for email in people["email"])
    assert within_4_se(count, N, p)


def test_phones(people: dict[str, list], b2b_people: dict[str, list]) -> None:
    prefixes = {prefix for carrier in PHONE_PREFIXES.values() for prefix in carrier}
    for phone in people["phone"] + b2b_people["phone"]:
        assert PHONE_RE.match(phone), phone
        assert phone[:3] in prefixes
    assert len(set(people["phone"])) > 0.99 * N


# --- segments ---------------------------------------------------------------


def test_b2c_has_no_company(people: dict[str, list]) -> None:
    assert set(people["company"]) == {""}


def test_b2b_company(b2b_people: dict[str, list]) -> None:
    for company, email in zip(b2b_people["company"], b2b_people["email"], strict=True):
        assert company.startswith("Công ty ")
        assert "  " not in company and company == company.strip()
        # The domain starts with the brand (last two words), folded: minhphat...
        brand = "".join(ascii_fold(company).lower().split()[-2:])
        assert email.split("@")[1].startswith(brand), (company, email)
    assert not any(email.endswith("@gmail.com") for email in b2b_people["email"])


def test_bad_arguments() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError):
        draw_people(rng, 5, segment="b2x")
    with pytest.raises(ValueError):
        draw_people(rng, -1)


# --- reproducibility --------------------------------------------------------


@pytest.mark.parametrize("segment", ["b2c", "b2b"])
def test_same_seed_same_people(segment: str) -> None:
    a = draw_people(np.random.default_rng(42), 500, segment=segment)
    b = draw_people(np.random.default_rng(42), 500, segment=segment)
    c = draw_people(np.random.default_rng(43), 500, segment=segment)
    assert a == b
    assert a != c
    assert a["full_name"] != c["full_name"]


def test_no_global_random_state_used() -> None:
    np.random.seed(123)
    random.seed(123)
    expected = (np.random.random(), random.random())
    np.random.seed(123)
    random.seed(123)
    draw_people(np.random.default_rng(0), 100, segment="b2b")
    assert (np.random.random(), random.random()) == expected


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=50),
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    segment=st.sampled_from(["b2c", "b2b"]),
)
def test_every_column_has_length_n(n: int, seed: int, segment: str) -> None:
    p = draw_people(np.random.default_rng(seed), n, segment=segment)
    assert set(p) == COLUMNS
    assert all(len(column) == n for column in p.values())
    assert all(PHONE_RE.match(phone) for phone in p["phone"])
    assert all(EMAIL_RE.match(email) for email in p["email"])
