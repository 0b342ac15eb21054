"""Data quality of a CRM customer list: completeness, validity, duplicates, scoring a cleaning.

Lecture 001 (Giải pháp công nghệ cho CRM, Fig. 9.18: chất lượng dữ liệu is one
of the technical issues when choosing a CRM system). A customer list as a real
CRM holds it (the simulator's ``customers_dirty``) has empty fields, e-mails and
phone numbers that cannot be right, the same customer entered twice with a typo
or without diacritics, and the same city spelled several ways. These functions
measure each problem, find duplicate candidates, and score a cleaning against
the answer key (``customers_dirty_truth``).

The rules are written out so that students can read and change them:

* e-mail: :data:`EMAIL_PATTERN`, a practical pattern (not the full RFC 5322);
* phone: :data:`PHONE_PATTERN`, a Vietnamese mobile number after spaces, dots and
  hyphens are removed: ten digits starting 03, 05, 07, 08 or 09 (the prefixes since
  the 2018 renumbering), or the same number written +84 without its leading 0;
* names are compared folded: without diacritics (:func:`sim.base.names.ascii_fold`),
  lower case, single spaces; cities through :func:`sim.base.names.canonical_city`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import combinations

import numpy as np
import pandas as pd

from sim.base.checks import check_range
from sim.base.errors import DataError
from sim.base.names import ascii_fold, canonical_city
from sim.measures.frames import require_columns

EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")
"""local part (letters, digits, . _ % + -), one @, then labels separated by dots and a top-level domain of ≥ 2 letters."""

PHONE_PATTERN = re.compile(r"^(?:0|\+84)[35789]\d{8}$")
"""0 or +84, then 3/5/7/8/9, then 8 more digits (after removing spaces, dots and hyphens)."""

_SEPARATORS = re.compile(r"[\s.\-]")
STATUSES: tuple[str, ...] = ("valid", "invalid", "missing")


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def completeness(records: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Share of records with a non-empty value, per column.

    completeness = #(value not missing and not blank text) / #records.
    Lecture 001 (Fig. 9.18, chất lượng dữ liệu).

    Args:
        records: any table, e.g. ``customers_dirty``.
        columns: the columns to check (default: all, in the table's order).

    Returns:
        One row per column: ``column``, ``records``, ``filled``, ``completeness``
        (NaN for an empty table).

    Raises:
        DataError: ``records`` is not a DataFrame, or a named column is missing.
    """
    columns = list(records.columns) if columns is None and isinstance(records, pd.DataFrame) else list(columns or [])
    df = require_columns(records, columns, "records")
    rows = []
    for col in columns:
        filled = int(sum(not _is_blank(v) for v in df[col]))
        rows.append({"column": col, "records": len(df), "filled": filled,
                     "completeness": filled / len(df) if len(df) else np.nan})
    return pd.DataFrame(rows, columns=["column", "records", "filled", "completeness"])


def is_valid_email(text: object) -> bool:
    """Whether ``text`` is a well-formed e-mail address: it matches :data:`EMAIL_PATTERN`.

    Surrounding spaces are ignored; an empty value is not valid. A well-formed
    address may still not exist (``@yahoo.com`` for ``@yahoo.com.vn``): a format
    check finds typing errors, not every wrong address. Lecture 001 (Fig. 9.18, chất lượng dữ liệu).
    """
    return not _is_blank(text) and bool(EMAIL_PATTERN.match(str(text).strip()))


def normalise_phone(text: object) -> str | None:
    """A Vietnamese mobile number in its 10-digit form ``0xxxxxxxxx``, or None when not valid.

    Spaces, dots and hyphens are removed; ``+84`` becomes ``0``; the result must
    match :data:`PHONE_PATTERN`. Example: ``"+84 912-345-678"`` → ``"0912345678"``.
    Lecture 001 (Fig. 9.18, chất lượng dữ liệu).
    """
    if _is_blank(text):
        return None
    compact = _SEPARATORS.sub("", str(text))
    if not PHONE_PATTERN.match(compact):
        return None
    return "0" + compact[3:] if compact.startswith("+84") else compact


def _status(values: pd.Series, valid: object) -> list[str]:
    return ["missing" if _is_blank(v) else ("valid" if valid(v) else "invalid") for v in values]


def contact_status(records: pd.DataFrame, email_column: str = "email", phone_column: str = "phone") -> pd.DataFrame:
    """Per record: is the e-mail and the phone valid, invalid or missing?

    valid e-mail: :data:`EMAIL_PATTERN`; valid phone: :func:`normalise_phone` is not None.
    Lecture 001 (Fig. 9.18, chất lượng dữ liệu).

    Args:
        records: a customer table, e.g. ``customers_dirty``.
        email_column: the column holding e-mails.
        phone_column: the column holding phone numbers.

    Returns:
        Columns ``email_status`` and ``phone_status`` (``valid`` / ``invalid`` /
        ``missing``), with the index of ``records``.

    Raises:
        DataError: a missing column.
    """
    df = require_columns(records, [email_column, phone_column], "records")
    return pd.DataFrame({"email_status": _status(df[email_column], is_valid_email),
                         "phone_status": _status(df[phone_column], lambda v: normalise_phone(v) is not None)},
                        index=df.index)


def validity(records: pd.DataFrame, email_column: str = "email", phone_column: str = "phone") -> pd.DataFrame:
    """Validity of e-mails and phones: the share of filled values that have a valid format.

    validity = valid / (valid + invalid); missing values are counted apart
    (that is completeness, not validity). Lecture 001 (Fig. 9.18).

    Args:
        records: a customer table, e.g. ``customers_dirty``.
        email_column: the column holding e-mails.
        phone_column: the column holding phone numbers.

    Returns:
        Rows ``email`` and ``phone`` (column ``field``) with ``records``, ``missing``,
        ``invalid``, ``valid`` and ``validity`` (NaN when nothing is filled).

    Raises:
        DataError: a missing column.
    """
    status = contact_status(records, email_column, phone_column)
    rows = []
    for field, col in (("email", "email_status"), ("phone", "phone_status")):
        counts = status[col].value_counts()
        valid, invalid = int(counts.get("valid", 0)), int(counts.get("invalid", 0))
        rows.append({"field": field, "records": len(status), "missing": int(counts.get("missing", 0)),
                     "invalid": invalid, "valid": valid,
                     "validity": valid / (valid + invalid) if valid + invalid else np.nan})
    return pd.DataFrame(rows)


def name_key(text: object) -> str:
    """A name folded for comparison: no diacritics, lower case, single spaces.

    ``"Đặng  Thị Thùy"`` → ``"dang thi thuy"``; uses :func:`sim.base.names.ascii_fold`,
    so "Đ" becomes "D". An empty value gives ``""``. Lecture 001 (Fig. 9.18, chất lượng dữ liệu).
    """
    return "" if _is_blank(text) else " ".join(ascii_fold(str(text)).lower().split())


def city_spellings(records: pd.DataFrame, column: str = "city") -> pd.DataFrame:
    """How many ways each city is written.

    Each spelling is mapped to its canonical name by :func:`sim.base.names.canonical_city`
    (case, diacritics, punctuation and words such as "TP", "tỉnh" are ignored);
    a spelling it does not know stays as it is. canonical_share = records written
    exactly as the canonical name / records of that city. Lecture 001 (Fig. 9.18).

    Args:
        records: a customer table, e.g. ``customers_dirty``.
        column: the column holding cities.

    Returns:
        One row per city: ``city`` (canonical), ``records``, ``spellings``
        (distinct texts), ``canonical_share``; most records first, then by name.
        Empty cities are left out.

    Raises:
        DataError: a missing column.
    """
    df = require_columns(records, [column], "records")
    texts = [str(v) for v in df[column] if not _is_blank(v)]
    canon = [canonical_city(t) or t for t in texts]
    frame = pd.DataFrame({"city": canon, "text": texts})
    frame["exact"] = frame["city"] == frame["text"]
    out = frame.groupby("city").agg(records=("text", "size"), spellings=("text", "nunique"),
                                    canonical_share=("exact", "mean")).reset_index()
    return out.sort_values(["records", "city"], ascending=[False, True], ignore_index=True)


def standardise_contacts(records: pd.DataFrame) -> pd.DataFrame:
    """A copy of a customer list with comparable fields, the first step of a cleaning.

    Adds ``name_key`` (:func:`name_key`), ``email_clean`` (trimmed, lower case;
    None when not valid), ``phone_clean`` (:func:`normalise_phone`) and
    ``city_clean`` (:func:`sim.base.names.canonical_city`, the text itself when unknown).
    Lecture 001 (Fig. 9.18, chất lượng dữ liệu).

    Raises:
        DataError: a missing ``name``, ``email``, ``phone`` or ``city`` column.
    """
    df = require_columns(records, ["name", "email", "phone", "city"], "records").copy()
    df["name_key"] = [name_key(v) for v in df["name"]]
    df["email_clean"] = pd.Series([str(v).strip().lower() if is_valid_email(v) else None for v in df["email"]],
                                  index=df.index, dtype=object)
    df["phone_clean"] = pd.Series([normalise_phone(v) for v in df["phone"]], index=df.index, dtype=object)
    df["city_clean"] = pd.Series([None if _is_blank(v) else (canonical_city(str(v)) or str(v)) for v in df["city"]],
                                 index=df.index, dtype=object)
    return df


_PAIR_COLUMNS = ["record_a", "record_b", "same_name", "same_email", "same_phone", "same_city", "name_similarity"]


def duplicate_pairs(records: pd.DataFrame, id_column: str = "record_id", name_similarity_min: float = 0.85, *,
                    use_city: bool = False) -> pd.DataFrame:
    """Pairs of records that are probably the same customer.

    Candidates share a folded name (:func:`name_key`), an e-mail (trimmed,
    lower case) or a phone (:func:`normalise_phone`; a phone that is not valid
    is compared with its separators removed). A candidate pair is reported when

    * the folded names are equal and the e-mail or the phone is the same
      (or, with ``use_city=True``, the canonical city is the same), or
    * the names are similar, SequenceMatcher ratio ≥ ``name_similarity_min``
      (a typo or a dropped letter), and the e-mail or the phone is the same.

    ``use_city=True`` also finds the duplicates whose e-mail and phone are both
    missing or spoiled, but reports every two people with the same name in the
    same city: with Vietnamese names (about 38 % Nguyễn, many "Văn" and "Thị")
    that costs much precision. Score both rules with :func:`score_pairs`.
    Lecture 001 (Fig. 9.18, chất lượng dữ liệu: duplicate customers).

    Args:
        records: a customer list with ``name``, ``email``, ``phone``, ``city`` and ``id_column``.
        id_column: the record key (``record_id`` in ``customers_dirty``).
        name_similarity_min: the least similarity of folded names, in [0, 1].
        use_city: equal names in the same city are enough (default False).

    Returns:
        Columns ``record_a`` < ``record_b`` (keys), ``same_name``, ``same_email``,
        ``same_phone``, ``same_city``, ``name_similarity``; one row per pair,
        sorted; empty when there is none.

    Raises:
        DataError: a missing column, a repeated key or a bad ``name_similarity_min``.
    """
    check_range("name_similarity_min", name_similarity_min, 0.0, 1.0)
    df = require_columns(records, [id_column, "name", "email", "phone", "city"], "records")
    if df[id_column].duplicated().any():
        raise DataError([(f"records.{id_column}", df.loc[df[id_column].duplicated(), id_column].iloc[0],
                          "mỗi bản ghi phải có mã riêng", "every record must have its own key")])
    ids = df[id_column].astype(str).to_numpy()
    keys = {
        "name": [name_key(v) or None for v in df["name"]],
        "email": [None if _is_blank(v) else str(v).strip().lower() for v in df["email"]],
        "phone": [None if _is_blank(v) else (normalise_phone(v) or _SEPARATORS.sub("", str(v))) for v in df["phone"]],
        "city": [None if _is_blank(v) else (canonical_city(str(v)) or str(v)) for v in df["city"]],
    }
    candidates: set[tuple[int, int]] = set()
    for field in ("name", "email", "phone"):
        groups: dict[str, list[int]] = {}
        for i, k in enumerate(keys[field]):
            if k is not None:
                groups.setdefault(k, []).append(i)
        for members in groups.values():
            candidates.update(combinations(members, 2))
    rows = []
    for i, j in candidates:
        same = {f: keys[f][i] is not None and keys[f][i] == keys[f][j] for f in ("name", "email", "phone", "city")}
        a, b = keys["name"][i] or "", keys["name"][j] or ""
        similarity = 1.0 if a == b else SequenceMatcher(None, a, b).ratio()
        contact = same["email"] or same["phone"]
        if (same["name"] and (contact or (use_city and same["city"]))) or (similarity >= name_similarity_min and contact):
            first, second = sorted((ids[i], ids[j]))
            rows.append((first, second, same["name"], same["email"], same["phone"], same["city"], similarity))
    out = pd.DataFrame(rows, columns=_PAIR_COLUMNS)
    return out.sort_values(["record_a", "record_b"], ignore_index=True)


def duplicate_clusters(records: pd.DataFrame, pairs: pd.DataFrame, id_column: str = "record_id") -> pd.DataFrame:
    """Group records into customers: records joined by pairs, directly or through others, share a cluster.

    The clusters are the connected components of the graph whose edges are the
    pairs (so A–B and B–C put A, B and C together). ``cluster_id`` is the
    smallest record key of the cluster; a record in no pair is a cluster alone.
    Lecture 001 (Fig. 9.18: one customer, one record).

    Args:
        records: the customer list (column ``id_column``).
        pairs: pairs of keys in columns ``record_a`` and ``record_b`` (e.g. from :func:`duplicate_pairs`).
        id_column: the record key.

    Returns:
        Columns ``record_id`` and ``cluster_id``, one row per record, in the order of ``records``.

    Raises:
        DataError: a missing column, or a pair naming a record that is not in ``records``.
    """
    df = require_columns(records, [id_column], "records")
    p = require_columns(pairs, ["record_a", "record_b"], "pairs")
    ids = df[id_column].astype(str).tolist()
    parent = {r: r for r in ids}

    def find(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for a, b in zip(p["record_a"].astype(str), p["record_b"].astype(str), strict=True):
        for r in (a, b):
            if r not in parent:
                raise DataError([("pairs", r, f"mã này không có trong cột {id_column} của bảng bản ghi",
                                  f"this key is not in the records' {id_column} column")])
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the root is always the smallest key
    return pd.DataFrame({"record_id": ids, "cluster_id": [find(r) for r in ids]})


def _truth_groups(truth: pd.DataFrame) -> dict[str, str]:
    t = require_columns(truth, ["record_id", "customer_id"], "customers_dirty_truth")
    return dict(zip(t["record_id"].astype(str), t["customer_id"].astype(str), strict=True))


def _pairs_of_groups(owner: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for record, group in owner.items():
        groups.setdefault(group, []).append(record)
    return {frozenset(pair) for members in groups.values() for pair in combinations(sorted(members), 2)}


def _score(found: set[frozenset[str]], true: set[frozenset[str]]) -> dict[str, float]:
    hits = len(found & true)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"found_pairs": len(found), "true_pairs": len(true), "true_positives": hits,
            "precision": precision, "recall": recall, "f1": f1}


def score_pairs(pairs: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    """Precision, recall and F1 of duplicate pairs against the answer key.

    A true pair is two records of the same ``customer_id`` in the truth (a
    customer with k records has k(k−1)/2 pairs). With TP = found pairs that
    are true pairs: precision = TP / found, recall = TP / true,
    F1 = 2·precision·recall / (precision + recall). Pairs are unordered and
    counted once. Conventions: precision = 1 when no pair is found (no false
    alarm), recall = 1 when there is no true pair (nothing to miss), F1 = 0 when
    precision + recall = 0. Lecture 001 (Fig. 9.18, chất lượng dữ liệu).

    Args:
        pairs: columns ``record_a``, ``record_b`` (e.g. from :func:`duplicate_pairs`).
        truth: ``customers_dirty_truth`` (``record_id``, ``customer_id``).

    Returns:
        A Series: ``found_pairs``, ``true_pairs``, ``true_positives``, ``precision``, ``recall``, ``f1``.

    Raises:
        DataError: a missing column, or a pair naming a record that is not in the truth.
    """
    owner = _truth_groups(truth)
    p = require_columns(pairs, ["record_a", "record_b"], "pairs")
    found = set()
    for a, b in zip(p["record_a"].astype(str), p["record_b"].astype(str), strict=True):
        for r in (a, b):
            if r not in owner:
                raise DataError([("pairs", r, "mã bản ghi này không có trong bảng đáp án (customers_dirty_truth)",
                                  "this record key is not in the answer key (customers_dirty_truth)")])
        if a != b:
            found.add(frozenset((a, b)))
    return pd.Series(_score(found, _pairs_of_groups(owner)), name="duplicate_pairs")


def score_clusters(clusters: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    """How well a cleaning groups records into customers, against the answer key.

    A record is *mapped right* when its cluster holds exactly the records of
    its true customer (all its duplicates joined, nobody else's record):
    share_right = records mapped right / records in the truth. Leaving every
    record alone scores the share of customers who were never duplicated;
    joining everything scores 0 (unless there is one customer). The pairwise
    precision, recall and F1 of the clusters (every two records of a cluster
    form a pair) come as in :func:`score_pairs`. Records of the truth that are
    not in ``clusters`` count as clusters of their own; an empty truth gives a
    share of NaN. Lecture 001 (Fig. 9.18, chất lượng dữ liệu).

    Args:
        clusters: columns ``record_id`` and ``cluster_id`` (e.g. from :func:`duplicate_clusters`).
        truth: ``customers_dirty_truth`` (``record_id``, ``customer_id``).

    Returns:
        A Series: ``records``, ``records_right``, ``share_right``, ``customers_true``,
        ``clusters_found``, ``precision``, ``recall``, ``f1``.

    Raises:
        DataError: a missing column, a record listed twice, or a record that is not in the truth.
    """
    owner = _truth_groups(truth)
    c = require_columns(clusters, ["record_id", "cluster_id"], "clusters")
    records = c["record_id"].astype(str)
    if records.duplicated().any():
        raise DataError([("clusters.record_id", records[records.duplicated()].iloc[0],
                          "mỗi bản ghi chỉ thuộc một cụm", "each record belongs to one cluster only")])
    unknown = sorted(set(records) - set(owner))
    if unknown:
        raise DataError([("clusters.record_id", unknown[0], "mã bản ghi này không có trong bảng đáp án (customers_dirty_truth)",
                          "this record key is not in the answer key (customers_dirty_truth)")])
    assigned = dict(zip(records, ("c:" + c["cluster_id"].astype(str)), strict=True))
    cluster_of = {r: assigned.get(r, "r:" + r) for r in owner}
    members_found: dict[str, frozenset[str]] = {}
    members_true: dict[str, frozenset[str]] = {}
    for mapping, members in ((cluster_of, members_found), (owner, members_true)):
        groups: dict[str, set[str]] = {}
        for r, g in mapping.items():
            groups.setdefault(g, set()).add(r)
        members.update({g: frozenset(s) for g, s in groups.items()})
    right = sum(members_found[cluster_of[r]] == members_true[owner[r]] for r in owner)
    scores = _score(_pairs_of_groups(cluster_of), _pairs_of_groups(owner))
    return pd.Series({"records": len(owner), "records_right": right,
                      "share_right": right / len(owner) if owner else np.nan,
                      "customers_true": len(members_true), "clusters_found": len(members_found),
                      "precision": scores["precision"], "recall": scores["recall"], "f1": scores["f1"]},
                     name="clusters")
