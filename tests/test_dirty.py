"""The dirty CRM export and its answer key."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import sim
from sim.base.names import ascii_fold, canonical_city
from sim.cli import main
from sim.engine.dictionary import COLUMNS
from sim.measures.data_quality import normalise_phone

EMAIL = re.compile(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}$")
PHONE = re.compile(r"^0\d{9}$")


@pytest.fixture(scope="module")
def dirty():
    result = sim.simulate("demo", seed=21, dirty=True)
    key = result.customers_dirty_truth
    joined = result.customers_dirty.merge(key, on="record_id").merge(
        result.customers, on="customer_id", suffixes=("", "_clean"))
    return result, joined


def test_every_record_leads_back_to_one_clean_customer(dirty):
    result, joined = dirty
    assert len(joined) == len(result.customers_dirty)
    originals = joined[~joined["is_duplicate"]]
    assert sorted(originals["customer_id"]) == sorted(result.customers["customer_id"])
    assert joined["is_duplicate"].sum() == round(0.06 * len(result.customers))


def test_defects_are_what_the_key_says(dirty):
    _, joined = dirty
    has = joined["defects"].str.contains
    assert joined.loc[has("missing_email"), "email"].isna().all()
    assert not joined.loc[has("malformed_email"), "email"].str.match(EMAIL).any()
    assert joined.loc[~has("email"), "email"].str.match(EMAIL).all()
    assert joined.loc[has("missing_phone"), "phone"].isna().all()
    assert not joined.loc[has("malformed_phone"), "phone"].str.match(PHONE).any()
    assert joined.loc[~has("phone"), "phone"].str.match(PHONE).all()
    variants = joined[has("city_variant")]
    assert len(variants) > 0 and (variants["city"] != variants["city_clean"]).all()
    assert (variants["city"].map(canonical_city) == variants["city_clean"]).all()  # a cleaning can undo it
    folded = joined[has("no_diacritics") & ~has("typo")]
    assert (folded["name"] == folded["name_clean"].map(ascii_fold)).all()
    untouched = joined[~joined["is_duplicate"]]
    assert (untouched["name"] == untouched["name_clean"]).all()


def test_created_within_the_window(dirty):
    result, joined = dirty
    assert (joined["created_at"] >= joined["first_seen_at"]).all()
    assert joined["created_at"].max() <= result.customers["first_seen_at"].max()


def test_dirty_is_reproducible_and_optional():
    a = sim.simulate("demo", seed=3, dirty=True)
    b = sim.simulate("demo", seed=3, dirty=True)
    assert a.customers_dirty.equals(b.customers_dirty)
    plain = sim.simulate("demo", seed=3)
    assert plain.customers_dirty is None and "customers_dirty" not in plain.tables
    assert plain.customers.equals(a.customers)  # the dirt has its own random stream


def test_cli_dirty_flag_writes_both_tables(tmp_path):
    out = tmp_path / "out"
    assert main(["run", "--scenario", "demo", "--out", str(out), "--dirty"]) == 0
    dirty = pd.read_csv(out / "customers_dirty.csv")
    key = pd.read_csv(out / "customers_dirty_truth.csv")
    assert len(dirty) == len(key) > 0


def test_dirty_columns_are_documented(dirty):

    result, _ = dirty
    for name in ("customers_dirty", "customers_dirty_truth"):
        assert list(result.tables[name].columns) == [c[0] for c in COLUMNS[name]]


def test_a_duplicates_phone_may_be_written_another_valid_way(dirty):
    """'+84 912 345 678', '0912.345.678' and '0912 345 678' are all 0912345678 once normalised."""
    _, joined = dirty
    has = joined["defects"].str.contains
    reformatted = joined[has("phone_format")]
    assert len(reformatted) > 0 and reformatted["is_duplicate"].all()
    assert (reformatted["phone"] != reformatted["phone_clean"]).all()
    assert (reformatted["phone"].map(normalise_phone) == reformatted["phone_clean"]).all()
