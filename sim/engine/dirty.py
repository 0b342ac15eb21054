"""A dirty CRM export: the customer list as a real CRM system holds it.

Lecture 001 (Giải pháp công nghệ cho CRM, Fig. 9.18) names data quality as a
key issue of CRM technology. This module copies the clean ``customers`` table
and spoils it the way real systems do:

* duplicate customers, re-entered with typos and with the diacritics dropped,
* missing or malformed e-mail addresses and phone numbers,
* the same city spelled several ways (TP.HCM / Thành phố Hồ Chí Minh / HCMC / Sài Gòn).

The answer key (``customers_dirty_truth``) keeps, for every dirty record, the key
of the clean customer and the defects put in, so a cleaning can be scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sim.base.names import CITY_VARIANTS, ascii_fold


@dataclass(frozen=True)
class DirtRates:
    """How dirty the export is: the share of records hit by each defect."""

    duplicate_share: float = 0.06
    city_variant_share: float = 0.35
    missing_email_share: float = 0.05
    malformed_email_share: float = 0.04
    missing_phone_share: float = 0.05
    malformed_phone_share: float = 0.04


PHONE_REFORMAT_SHARE = 0.5
"""Share of duplicates whose (valid) phone is written in another form: ``+84 …``, dots or spaces."""


def _typo(name: str, rng: np.random.Generator) -> str:
    """One keyboard slip: drop, double or swap a letter in the name."""
    letters = list(name)
    positions = [i for i, ch in enumerate(letters) if ch.isalpha()]
    if len(positions) < 3:
        return name
    i = positions[int(rng.integers(1, len(positions)))]
    kind = int(rng.integers(0, 3))
    if kind == 0:
        del letters[i]
    elif kind == 1:
        letters.insert(i, letters[i])
    elif i + 1 < len(letters) and letters[i + 1].isalpha():
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        del letters[i]
    return "".join(letters)


def _malformed_email(email: str, rng: np.random.Generator) -> str:
    local, _, domain = email.partition("@")
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return f"{local}{domain}"  # the @ is lost
    if kind == 1:
        return f"{local}@{domain.split('.', 1)[0]}"  # no top-level domain (yahoo.com.vn → yahoo, not yahoo.com)
    if kind == 2:
        return f"{local}@@{domain}"
    return f"{local} @{domain}"


def _malformed_phone(phone: str, rng: np.random.Generator) -> str:
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return phone[:-1]  # a digit short
    if kind == 1:
        return "+84" + phone[1:] + str(int(rng.integers(0, 10)))  # one digit too many
    if kind == 2:
        return f"{phone[:4]}.{phone[4:7]}.{phone[7:]}x"
    return phone.replace("0", "O", 1)  # letter O for zero


def _reformatted_phone(phone: str, rng: np.random.Generator) -> str:
    """The same valid number written another way, as people type it: ``+84 912 345 678``, ``0912.345.678``…"""
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}"
    if kind == 1:
        return f"{phone[:4]}.{phone[4:7]}.{phone[7:]}"
    return f"{phone[:4]} {phone[4:7]} {phone[7:]}"


def dirty_export(customers: pd.DataFrame, rng: np.random.Generator,
                 rates: DirtRates | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Spoil a customers table the way a real CRM does.

    Args:
        customers: the clean ``customers`` table (customer_id, name, email, phone, city, …).
        rng: the generator for the dirt (one source of randomness of its own).
        rates: how dirty; defaults to :class:`DirtRates`.

    Returns:
        ``(customers_dirty, customers_dirty_truth)``. The first has ``record_id``,
        ``name``, ``email``, ``phone``, ``city``, ``created_at``; the second maps each
        ``record_id`` to the clean ``customer_id`` with ``is_duplicate`` and ``defects``.
    """
    rates = rates or DirtRates()
    n = len(customers)
    base = customers[["customer_id", "name", "email", "phone", "city", "first_seen_at"]].reset_index(drop=True)
    n_dup = round(rates.duplicate_share * n)
    dup_of = np.sort(rng.choice(n, size=min(n_dup, n), replace=False)) if n else np.array([], dtype=int)
    records = pd.concat([base, base.iloc[dup_of]], ignore_index=True)
    is_dup = np.r_[np.zeros(n, dtype=bool), np.ones(len(dup_of), dtype=bool)]
    defects: list[list[str]] = [[] for _ in range(len(records))]
    names = records["name"].tolist()
    emails = records["email"].astype(object).tolist()
    phones = records["phone"].astype(object).tolist()
    cities = records["city"].tolist()
    created = records["first_seen_at"].to_numpy().copy()
    latest = created[:n].max() if n else None
    for i in range(n, len(records)):  # a duplicate is typed in again, later and by hand
        if rng.random() < 0.5:
            names[i] = ascii_fold(names[i])
            defects[i].append("no_diacritics")
        if rng.random() < 0.6:
            names[i] = _typo(names[i], rng)
            defects[i].append("typo")
        created[i] = min(created[i] + np.timedelta64(int(rng.integers(1, 200)), "D"), latest)
    for i in range(len(records)):
        u = rng.random(5)
        variants = CITY_VARIANTS.get(cities[i], [])
        if variants and u[0] < rates.city_variant_share:
            cities[i] = variants[int(rng.integers(0, len(variants)))]
            defects[i].append("city_variant")
        for values, field, u_missing, u_malformed, missing_share, malformed_share, malform in (
                (emails, "email", u[1], u[2], rates.missing_email_share, rates.malformed_email_share, _malformed_email),
                (phones, "phone", u[3], u[4], rates.missing_phone_share, rates.malformed_phone_share, _malformed_phone)):
            if u_missing < missing_share:
                values[i] = None
                defects[i].append(f"missing_{field}")
            elif u_malformed < malformed_share:
                values[i] = malform(values[i], rng)
                defects[i].append(f"malformed_{field}")
    for i in range(n, len(records)):  # a duplicate's phone, typed again, often in another (valid) form
        if isinstance(phones[i], str) and len(phones[i]) == 10 and "phone" not in ";".join(defects[i]) \
                and rng.random() < PHONE_REFORMAT_SHARE:
            phones[i] = _reformatted_phone(phones[i], rng)
            defects[i].append("phone_format")
    order = rng.permutation(len(records))  # a CRM export is in no useful order
    width = max(6, len(str(len(records))))
    record_ids = np.array([f"R{i + 1:0{width}d}" for i in range(len(records))], dtype=object)
    dirty = pd.DataFrame({
        "record_id": record_ids,
        "name": np.asarray(names, dtype=object)[order],
        "email": np.asarray(emails, dtype=object)[order],
        "phone": np.asarray(phones, dtype=object)[order],
        "city": np.asarray(cities, dtype=object)[order],
        "created_at": created[order],
    })
    truth = pd.DataFrame({
        "record_id": record_ids,
        "customer_id": records["customer_id"].to_numpy()[order],
        "is_duplicate": is_dup[order],
        "defects": np.asarray([";".join(d) for d in defects], dtype=object)[order],
    })
    return dirty, truth
