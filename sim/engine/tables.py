"""Turn a finished model's records into the seven output tables.

Observed tables (customers, journey, orders, tickets, surveys, marketing) stop at
the end of the observation window; the truth table covers the whole run.
Customers are numbered by first visit (``KH000001``…), orders by time.

Costs (lecture 001, Fig. 9.6): every customer carries the true cost of acquiring
them: the clicks they cost (paid search, social posts), their share of the day's
content and partner e-mail spend (organic search, e-mail), the house-list e-mails
they received before buying, the opt-in voucher they redeemed, the affiliate
commission and the referral bonus on their first order. Retention spend
(e-mails and recommendations to customers, loyalty points, platforms) is kept
apart, with ``purpose = retention`` in the marketing table.

The tables are Arrow tables built from NumPy arrays, with no Python object per row
(text columns are taken from short arrays of labels, numbers are formatted by Arrow):
a run writes them without pandas, and :class:`sim.engine.result.Result` turns them
into pandas DataFrames when they are first asked for (:mod:`sim.engine.frames`).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sim.base.codes import (
    AD_NETWORKS,
    CH,
    CHANNELS,
    CHURN_CAUSES,
    EV,
    EVENTS,
    FINAL_STATES,
    JOURNEY_FIELDS,
    LIFECYCLE_STAGES,
    ORDER_FIELDS,
    PAYMENTS,
    PERSONAS,
    REASONS,
    REQUESTS,
    TOUCHPOINTS,
)
from sim.base.names import draw_people
from sim.base.rng import block_generators
from sim.base.units import DAYS_PER_MONTH
from sim.engine.channels import AD_CONTENT, AD_CONTENT_IRRELEVANT, AD_SEARCH, AD_SEARCH_IRRELEVANT
from sim.engine.model import Model
from sim.engine.quality import dimensions

RECORD_DTYPES: dict[str, type] = {"cid": np.int32, "journey_no": np.int32, "stage": np.int8, "event": np.int8,
                                   "channel": np.int8, "reason": np.int8, "category": np.int32, "product": np.int32,
                                   "price_tier": np.int8, "touchpoint": np.int8, "payment": np.int8}
"""Compact types of the record fields while the tables are built; times and money are float64, other counts int64."""
FLOAT_FIELDS = frozenset({"t", "amount_vnd", "margin_vnd", "shipping_fee_vnd"})

Records = dict[str, np.ndarray]
"""Records as columns: one NumPy array per field, all of one length."""


def build_tables(m: Model, *, shard_tag: str = "") -> dict[str, pa.Table]:
    """All seven tables of a finished run (see ``sim.engine.dictionary`` for the columns).

    The model's record arrays are emptied as they are turned into columns, and each
    table is built from compact arrays in one go, so that a run of a million
    customers fits in a few gigabytes: build the tables once per model.

    Args:
        m: a model that has run.
        shard_tag: put after the letters of every identifier (``KH``, ``DH``, ``YC``, ``KS``) so that the
            identifiers of a shard of a larger run (``KH02-000001``) differ from those of the other shards;
            empty for a whole run (``KH000001``).
    """
    sc = m.scenario
    _as_arrays(m)
    n = len(m.arrival)
    arrival = m.arrival
    order = np.argsort(arrival, kind="stable")
    new_index = np.empty(n, dtype=np.int64)
    new_index[order] = np.arange(n)
    ids = numbered("KH" + shard_tag, n, max(6, len(str(n))))

    def cid_to_id(cids: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
        return labelled(ids, new_index[np.asarray(cids, dtype=np.int64)], missing)

    start = np.datetime64(sc.start_date.isoformat(), "s")

    def stamp(days: np.ndarray) -> np.ndarray:
        # Down to the second, as a clock shows it: rounding up could put an event of the window's
        # last half-second at the window's end, outside the observed tables.
        return start + np.floor(np.asarray(days, dtype=float) * 86400.0).astype("timedelta64[s]")

    window = m.window
    m.flush_records()
    journey = take_records(m.stored["journey"], JOURNEY_FIELDS)
    orders = take_records(m.stored["orders"], ORDER_FIELDS)
    ads = _paid_search_days(m, journey)
    costs_window, costs_total = _acquisition_costs(m, journey, orders, ads)
    marketing = _marketing(m, journey, orders, ads)

    customers = _customers_table(m, ids, order, cid_to_id, stamp, costs_window)

    # ------------------------------------------------------------------ journey
    journey_out = _journey_table(journey, window, new_index, ids, stamp)
    del journey

    # ------------------------------------------------------------------- orders
    ow = _where(orders, orders["t"] < window)
    ow = _where(ow, np.lexsort((ow["cid"], ow["t"])))
    product_codes = [f"{name[:3].upper()}{j + 1:03d}" for name, products in zip(m.category_names, m.products, strict=True)
                     for j in range(len(products))]
    orders_out = pa.table({
        "order_id": numbered("DH" + shard_tag, len(ow["t"]), 7),
        "customer_id": cid_to_id(ow["cid"]),
        "at": stamp(ow["t"]),
        "amount_vnd": ow["amount_vnd"].round().astype(np.int64),
        "margin_vnd": ow["margin_vnd"].round().astype(np.int64),
        "category": labelled(m.category_names, ow["category"]),
        "product_id": labelled(product_codes, ow["product"]),
        "price_tier": ow["price_tier"].astype(np.int64) + 1,
        "items": ow["items"].astype(np.int64),
        "is_first": ow["is_first"].astype(bool),
        "via_recommendation": ow["via_recommendation"].astype(bool),
        "via_new_item": ow["via_new_item"].astype(bool),
        "cross_sell": ow["cross_sell"].astype(bool),
        "up_sell": ow["up_sell"].astype(bool),
        "made_to_order": ow["made_to_order"].astype(bool),
        "touchpoint": labelled(TOUCHPOINTS, ow["touchpoint"]),
        "payment": labelled(PAYMENTS, ow["payment"]),
        "shipping_fee_vnd": ow["shipping_fee_vnd"].round().astype(np.int64),
        "delivery": labelled(("on_time", "late"), ow["late"]),
    })
    del ow

    # ------------------------------------------------------------------ tickets
    tickets_out = _tickets(m, cid_to_id, stamp, shard_tag)

    # ------------------------------------------------------------------ surveys
    dims = dimensions(sc)
    quality_cols = [f"{d}_{k}" for d in dims for k in ("expectation", "perception")]
    surveys = take_records(m.stored["surveys"], ("cid", "t", "nps_score", "satisfaction", *quality_cols))
    surveys = _where(surveys, surveys["t"] < window)
    surveys = _where(surveys, np.lexsort((surveys["cid"], surveys["t"])))
    surveys_out = {
        "survey_id": numbered("KS" + shard_tag, len(surveys["t"]), 7),
        "customer_id": cid_to_id(surveys["cid"]),
        "at": stamp(surveys["t"]),
        "nps_score": surveys["nps_score"].astype(np.int64),
        "satisfaction": surveys["satisfaction"].astype(np.int64),
    }
    for col in quality_cols:
        surveys_out[col] = surveys[col].astype(np.int64)

    # -------------------------------------------------------------------- truth
    margin_window = np.zeros(n)
    margin_after = np.zeros(n)
    orders_after = np.zeros(n, dtype=np.int64)
    if len(orders["t"]):
        cids = orders["cid"].astype(np.int64)
        in_window = orders["t"] < window
        np.add.at(margin_window, cids[in_window], orders["margin_vnd"][in_window])
        np.add.at(margin_after, cids[~in_window], orders["margin_vnd"][~in_window])
        np.add.at(orders_after, cids[~in_window], 1)
    churned = np.asarray(m.churned_at)
    first_order = np.asarray(m.first_order)
    truth = pa.table({
        "customer_id": ids,
        "persona": labelled(PERSONAS, np.asarray(m.persona, dtype=np.int64)[order]),
        "acquisition_channel": labelled(CHANNELS, np.asarray(m.channel, dtype=np.int64)[order]),
        "acquisition_cost_vnd": np.round(costs_total).astype(np.int64)[order],
        "first_order_at": _stamp_or_nat(stamp, np.where(np.isfinite(first_order), first_order, np.nan))[order],
        "churned_at": _stamp_or_nat(stamp, np.where(np.isfinite(churned), churned, np.nan))[order],
        "churn_cause": labelled(CHURN_CAUSES, np.asarray(m.churn_cause, dtype=np.int64)[order],
                                missing=~np.isfinite(churned)[order]),
        "final_state": labelled(FINAL_STATES, np.asarray(m.final_state, dtype=np.int64)[order]),
        "margin_in_window_vnd": np.round(margin_window).astype(np.int64)[order],
        "future_margin_vnd": np.round(margin_after).astype(np.int64)[order],
        "orders_after_window": orders_after[order],
        "lifetime_value_vnd": np.round(margin_window + margin_after).astype(np.int64)[order],
    })

    return {
        "customers": customers,
        "journey": journey_out,
        "orders": orders_out,
        "tickets": tickets_out,
        "surveys": pa.table(surveys_out),
        "marketing": marketing,
        "truth": truth,
    }


PER_CUSTOMER = ("arrival", "channel", "persona", "opt_in", "sub_end", "referred_by", "first_order", "churned_at",
                "final_state", "ad", "widened_at", "churn_cause")
"""The model's per-customer lists the tables read, turned into NumPy arrays once (:func:`_as_arrays`)."""


def _as_arrays(m: Model) -> None:
    """Turn the finished model's per-customer lists into arrays, once, for the many vectorised reads below."""
    for name in PER_CUSTOMER:
        values = getattr(m, name)
        if isinstance(values, list):
            setattr(m, name, np.asarray(values, dtype=float if name in ("arrival",) else None))
        elif isinstance(values, array):  # the model's typed arrays: floats stay float64, codes become int64
            setattr(m, name, np.asarray(values, dtype=float if values.typecode == "d" else np.int64))


def numbered(letters: str, count: int, width: int) -> pa.Array:
    """Identifiers ``letters`` + 1, 2, … ``count`` written with at least ``width`` digits (``KH000001``)."""
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1, dtype=np.int64)), pa.string()),
                          width=width, padding="0")
    return pc.replace_substring_regex(digits, pattern="^", replacement=letters.replace("\\", "\\\\"))


def labelled(labels: Sequence[str | None] | pa.Array, codes: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    """The text column whose row i is ``labels[codes[i]]`` (missing where ``missing`` or the label is None).

    A dictionary-encoded column: the codes and the short list of labels, no text per row. Arrow's
    writers write it as text; :func:`sim.engine.frames.to_frame` turns it into text for pandas.
    """
    codes = np.asarray(codes)
    if not isinstance(labels, pa.Array):
        absent = [i for i, label in enumerate(labels) if label is None]
        if absent:  # a missing label (None) is a missing value
            missing = np.isin(codes, absent) if missing is None else missing | np.isin(codes, absent)
        labels = pa.array(["" if label is None else label for label in labels], type=pa.string())
    indices = pa.array(codes.astype(np.int32), mask=missing)
    return pa.DictionaryArray.from_arrays(indices, labels)


def _where(rec: Records, rows: np.ndarray) -> Records:
    """The records at ``rows`` (a mask or indices), every field alike."""
    return {name: values[rows] for name, values in rec.items()}


def _customers_table(m: Model, ids: pa.Array, order: np.ndarray, cid_to_id, stamp,
                     costs_window: np.ndarray) -> pa.Table:
    """One row per person, in order of first visit (``order``: internal ids by first visit)."""
    sc, window, n = m.scenario, m.window, len(m.arrival)
    arrival = np.asarray(m.arrival, dtype=float)
    people = _people(m, n)
    sub_end = np.asarray(m.sub_end)
    opt_in = np.asarray(m.opt_in, dtype=bool)
    referred = np.asarray(m.referred_by, dtype=np.int64)
    unsub = np.where(opt_in & (sub_end < window), sub_end, np.nan)
    widened = np.asarray(m.widened_at)
    widened = np.where(widened < window, widened, np.nan)
    ad = np.asarray(m.ad, dtype=np.int64)
    network = np.where(np.isin(ad, (AD_SEARCH, AD_SEARCH_IRRELEVANT)), 0,
                       np.where(np.isin(ad, (AD_CONTENT, AD_CONTENT_IRRELEVANT)), 1, -1))[order]
    text = {key: pa.array(people.pop(key)[order], type=pa.string()) for key in PEOPLE_COLUMNS if key != "full_name"}
    return pa.table({
        "customer_id": ids,
        "name": pa.array(people.pop("full_name")[order], type=pa.string()),
        "gender": text["gender"],
        "city": text["city"],
        "email": text["email"],
        "phone": text["phone"],
        "company": text["company"],
        "persona": labelled(PERSONAS, np.asarray(m.persona, dtype=np.int64)[order]),
        "segment": labelled([sc.segment], np.zeros(n, dtype=np.int64)),
        "first_seen_at": stamp(arrival[order]),
        "acquired_via": labelled(CHANNELS, np.asarray(m.channel, dtype=np.int64)[order]),
        "ad_network": labelled(AD_NETWORKS, np.maximum(network, 0), missing=network < 0),
        "referred_by": cid_to_id(np.maximum(referred, 0)[order], missing=(referred < 0)[order]),
        "acquisition_cost_vnd": np.round(costs_window).astype(np.int64)[order],
        "email_opt_in": opt_in[order],
        "unsubscribed_at": _stamp_or_nat(stamp, unsub)[order],
        "permission_widened_at": _stamp_or_nat(stamp, widened)[order],
    })


def _journey_table(journey: Records, window: float, new_index: np.ndarray, ids: pa.Array, stamp) -> pa.Table:
    """The journey events of the window, in order of time, customer, journey and stage.

    Customer numbers have a fixed width (``KH000001``), so their text order is the
    order of their index: the rows are sorted on numbers, once, with a stable sort.
    """
    keep = journey["t"] < window
    at = stamp(journey["t"][keep])
    customer = new_index[journey["cid"][keep]]
    journey_no = journey["journey_no"][keep]
    stage = journey["stage"][keep]
    rows = np.lexsort((stage, journey_no, customer, at.view(np.int64)))
    columns = {"customer_id": labelled(ids, customer[rows])}
    del customer
    columns["journey_no"] = journey_no[rows].astype(np.int64)
    columns["at"] = at[rows]
    columns["stage"] = stage[rows].astype(np.int64)
    del at, journey_no, stage
    for name, labels in (("event", EVENTS), ("channel", CHANNELS), ("reason", (None, *REASONS)),
                         ("touchpoint", TOUCHPOINTS)):
        columns[name] = labelled(labels, journey[name][keep][rows])
    return pa.table(columns)


NAME_BLOCK = 256
"""Rows of names drawn per generator block (see ``sim.base.rng.block_generators``)."""
PEOPLE_COLUMNS = ("full_name", "gender", "city", "email", "phone", "company")


def _people(m: Model, n: int) -> dict[str, np.ndarray]:
    """Names, cities, e-mails and phones by internal id, in blocks.

    Prospects from the channels and prospects referred by friends draw from
    separate families of blocks, in their own order, so a lever that changes
    how many friends are referred does not rename everybody else.
    """
    referred = np.asarray(m.referred_by, dtype=np.int64) >= 0
    out = {key: np.empty(n, dtype=object) for key in PEOPLE_COLUMNS}
    for family, mask in enumerate((~referred, referred)):
        count = int(mask.sum())
        blocks = block_generators(m.seed, "names", -(-count // NAME_BLOCK), offset=family * 1_000_000)
        rows = np.flatnonzero(mask)
        for i, g in enumerate(blocks):
            part = draw_people(g, min(NAME_BLOCK, count - i * NAME_BLOCK), segment=m.scenario.segment)
            block_rows = rows[i * NAME_BLOCK:(i + 1) * NAME_BLOCK]
            for key in PEOPLE_COLUMNS:
                out[key][block_rows] = part[key]
    # E-mail addresses are unique in a CRM: a repeated one gets the person's number.
    seen: set[str] = set()
    emails = out["email"]
    for i, address in enumerate(emails):
        if address in seen:
            local, domain = address.split("@", 1)
            emails[i] = f"{local}{i}@{domain}"
        seen.add(emails[i])
    return out


def _tickets(m: Model, cid_to_id, stamp, shard_tag: str = "") -> pa.Table:
    """Service requests raised in the window, with what the desk did about them.

    A request still open at the end of the window shows its tool but no wait,
    handling time or resolution: the CRM does not know them yet.
    """
    rows = [(cid, t, lc, rq, slot[0] if slot else None) for cid, t, lc, rq, slot in m.tickets if t < m.window]
    rows.sort(key=lambda r: (r[1], r[0]))
    known = [o is not None and o.done_at < m.window for *_, o in rows]
    return pa.table({
        "ticket_id": numbered("YC" + shard_tag, len(rows), 7),
        "customer_id": cid_to_id(np.asarray([r[0] for r in rows], dtype=np.int64)),
        "at": stamp(np.asarray([r[1] for r in rows], dtype=float)),
        "lifecycle_stage": labelled(LIFECYCLE_STAGES, np.asarray([r[2] for r in rows], dtype=np.int64)),
        "request": labelled(REQUESTS, np.asarray([r[3] for r in rows], dtype=np.int64)),
        "tool": pa.array([r[4].tool if r[4] is not None else None for r in rows], type=pa.string()),
        "wait_min": pa.array([round(r[4].wait_min, 2) if k else math.nan for r, k in zip(rows, known, strict=True)],
                             type=pa.float64()),
        "handle_min": pa.array([round(r[4].handle_min, 2) if k else math.nan for r, k in zip(rows, known, strict=True)],
                               type=pa.float64()),
        "reneged": pa.array([r[4].reneged if k else None for r, k in zip(rows, known, strict=True)], type=pa.bool_()),
        "resolved": pa.array([r[4].resolved if k else None for r, k in zip(rows, known, strict=True)], type=pa.bool_()),
    })


def take_records(flat, fields: Sequence[str]) -> Records:
    """Flat records (``len(fields)`` numbers per row, an ``array('d')`` or a list) as compact columns; empties ``flat``.

    Times and money are float64; the other fields are whole numbers (flags 0 or 1),
    typed by ``RECORD_DTYPES`` (int64 when not listed).
    """
    k = len(fields)
    values = np.frombuffer(flat, dtype=float) if isinstance(flat, array) and len(flat) else np.asarray(flat, dtype=float)
    table = values.reshape(-1, k)
    columns = {name: table[:, j].astype(float if name in FLOAT_FIELDS else RECORD_DTYPES.get(name, np.int64))
               for j, name in enumerate(fields)}
    del values, table  # release the buffer before emptying the records
    del flat[:]
    return columns


def _stamp_or_nat(stamp, days: np.ndarray) -> np.ndarray:
    days = np.asarray(days, dtype=float)
    out = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[s]")
    ok = ~np.isnan(days)
    out[ok] = stamp(days[ok])
    return out


def _visits(journey: Records) -> Records:
    """The visit that starts each journey: its stage-1 row (need recognition)."""
    return _where(journey, (journey["stage"] == 1) & (journey["event"] != EV["dropout"]))


def _campaign_count(start: np.ndarray, end: np.ndarray, interval: float) -> np.ndarray:
    """Number of campaign days k·interval (k ≥ 1) in (start, end]."""
    if interval == math.inf:
        return np.zeros(len(start))
    count = np.floor(end / interval) - np.floor(start / interval)
    return np.where(end > start, np.maximum(count, 0.0), 0.0)


def _paid_search_days(m: Model, journey: Records) -> dict[str, np.ndarray]:
    """Paid-search visitors and fraudulent clicks per day of the window, by network.

    Visitors are the first visits through paid search (their stage-1 rows). Click fraud: for
    each visitor, f / (1 − f) more paid clicks with nobody behind them on average
    (chương 6, "click fraud"); a day's fraudulent clicks are a Poisson count with that mean
    (``ads`` source), on each network with its own rate f.
    """
    days = math.ceil(m.window)
    ps = m.scenario.channels.paid_search
    first = _where(journey, (journey["stage"] == 1) & (journey["event"] != EV["dropout"])
                   & (journey["journey_no"] == 1) & (journey["channel"] == CH["paid_search"]))
    first = _where(first, first["t"] < m.window)
    ad = np.asarray(m.ad, dtype=np.int64)[first["cid"].astype(np.int64)]
    day = np.floor(first["t"]).astype(np.int64)
    out = {"day": day, "cid": first["cid"].astype(np.int64), "content": np.isin(ad, (AD_CONTENT, AD_CONTENT_IRRELEVANT))}
    gen = m.generators["ads"]
    for name, mask, f in (("search", ~out["content"], ps.click_fraud_rate),
                          ("content", out["content"], ps.content_click_fraud_rate)):
        visitors = np.bincount(day[mask], minlength=days)[:days].astype(float)
        ratio = f / (1.0 - f) if f < 1.0 else 0.0
        out[f"{name}_visitors"] = visitors
        out[f"{name}_invalid"] = gen.poisson(visitors * ratio).astype(float)
    return out


def _acquisition_costs(m: Model, journey: Records, orders: Records,
                       ads: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """True acquisition cost per customer: within the window, and over the whole run."""
    sc, n, window = m.scenario, len(m.arrival), m.window
    first_order = np.asarray(m.first_order)
    referred = np.asarray(m.referred_by) >= 0
    opened = _visits(journey)
    opened = _where(opened, opened["t"] < first_order[opened["cid"].astype(np.int64)])
    cid = opened["cid"].astype(np.int64)
    t = opened["t"]
    ch = opened["channel"].astype(np.int64)
    cost = np.zeros(len(t))
    social_paid = (ch == CH["social"]) & ~referred[cid]
    cost[social_paid] = sc.channels.social.cpc_vnd
    day = np.floor(t).astype(np.int64)
    # Organic content spend and partner e-mail spend are shared by that day's visitors.
    organic = ch == CH["organic_search"]
    partner = (ch == CH["email"]) & (opened["journey_no"] == 1)
    for mask, daily in ((organic, sc.channels.organic_search.content_cost_per_month_vnd / DAYS_PER_MONTH * m.scale),
                        (partner, _partner_sends_per_day(m) * sc.channels.email.cost_per_email_vnd)):
        if mask.any():
            per_day = np.bincount(day[mask])
            cost[mask] = daily / per_day[day[mask]]
    total = np.zeros(n)
    in_window = np.zeros(n)
    np.add.at(total, cid, cost)
    np.add.at(in_window, cid[t < window], cost[t < window])
    # Paid search: the visitor's click, and a share of the day's fraudulent clicks on their network.
    prices = (m.plan.paid_search.cpc_vnd, m.plan.ads.content_cpc_vnd)
    for network, price in zip(("search", "content"), prices, strict=True):
        mask = ads["content"] if network == "content" else ~ads["content"]
        d = ads["day"][mask]
        visitors = ads[f"{network}_visitors"]
        share = np.where(visitors > 0, ads[f"{network}_invalid"] / np.where(visitors > 0, visitors, 1.0), 0.0)
        paid = price * (1.0 + share[d])
        np.add.at(total, ads["cid"][mask], paid)
        np.add.at(in_window, ads["cid"][mask], paid)
    house_all, house_window = _house_list_costs(m)
    total += house_all
    in_window += house_window
    # Paid on the first order: opt-in voucher, affiliate commission, referral bonus.
    pm = sc.permission_marketing
    opt = np.asarray(m.opt_in, dtype=bool)
    first = _where(orders, orders["is_first"].astype(bool))
    fc = first["cid"].astype(np.int64)
    ft = first["t"]
    extra = np.zeros(len(ft))
    extra += np.where(opt[fc], pm.incentive_vnd, 0.0)
    channel = np.asarray(m.channel)[fc]
    extra += np.where(channel == CH["affiliate"],
                      sc.channels.affiliate.commission_rate * first["amount_vnd"], 0.0)
    extra += np.where(referred[fc], sc.channels.social.referral_bonus_vnd, 0.0)
    np.add.at(total, fc, extra)
    np.add.at(in_window, fc[ft < window], extra[ft < window])
    return in_window, total


def _house_list_costs(m: Model) -> tuple[np.ndarray, np.ndarray]:
    """What the house list cost per person before their first order: over the run, within the window.

    Campaign e-mails received, the welcome e-mails at opt-in (Godin's teaching) and the monthly
    subscriber reward until the first order (or the end of the subscription).
    """
    pm, window = m.scenario.permission_marketing, m.window
    first_order = np.asarray(m.first_order)
    arrival = np.asarray(m.arrival)
    sub_end = np.asarray(m.sub_end)
    opt = np.asarray(m.opt_in, dtype=bool)
    end_all = np.minimum(np.minimum(sub_end, first_order), m.horizon)
    end_win = np.minimum(end_all, window)
    mails_all = np.where(opt, _campaign_count(arrival, end_all, m.campaign_interval), 0.0)
    mails_win = np.where(opt, _campaign_count(arrival, end_win, m.campaign_interval), 0.0)
    total = mails_all * pm.cost_per_email_vnd
    in_window = mails_win * pm.cost_per_email_vnd
    # Welcome e-mails at opt-in (Godin's teaching), and the monthly reward until the first order.
    teach = np.where(opt, pm.teaching_emails * pm.cost_per_email_vnd, 0.0)
    total += teach
    in_window += np.where(arrival < window, teach, 0.0)
    reward_per_day = pm.reinforcement_vnd_per_month / DAYS_PER_MONTH
    if reward_per_day > 0:
        total += np.where(opt, np.maximum(end_all - arrival, 0.0), 0.0) * reward_per_day
        in_window += np.where(opt, np.maximum(end_win - arrival, 0.0), 0.0) * reward_per_day
    return total, in_window


def _partner_sends_per_day(m: Model) -> float:
    e = m.scenario.channels.email
    return e.partner_list_size * e.sends_per_month / DAYS_PER_MONTH * m.scale


def _partner_sends_per_day(m: Model) -> float:
    e = m.scenario.channels.email
    return e.partner_list_size * e.sends_per_month / DAYS_PER_MONTH * m.scale


def _marketing(m: Model, journey: Records, orders: Records,  # noqa: PLR0915
               ads: dict[str, np.ndarray]) -> pa.Table:
    """Daily spend and activity per channel and purpose, over the window."""
    sc = m.scenario
    days = math.ceil(m.window)
    first_order = np.asarray(m.first_order)
    referred = np.asarray(m.referred_by) >= 0
    opened = _visits(journey)
    opened = _where(opened, opened["t"] < m.window)
    oc = opened["cid"].astype(np.int64)
    oday = np.floor(opened["t"]).astype(np.int64)
    prospect = opened["t"] < first_order[oc]
    och = opened["channel"].astype(np.int64)
    trig = opened

    def per_day(mask: np.ndarray, values: np.ndarray | None = None, day: np.ndarray = oday) -> np.ndarray:
        return np.bincount(day[mask], weights=None if values is None else values[mask], minlength=days)[:days]

    rows: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    zeros = np.zeros(days)
    first = _where(orders, orders["is_first"].astype(bool) & (orders["t"] < m.window))
    fday = np.floor(first["t"]).astype(np.int64)
    fcid = first["cid"].astype(np.int64)
    fchan = np.asarray(m.channel)[fcid]

    # Organic search.
    clicks = per_day(prospect & (och == CH["organic_search"]))
    rows[("organic_search", "acquisition")] = {
        "spend_vnd": np.full(days, sc.channels.organic_search.content_cost_per_month_vnd / DAYS_PER_MONTH * m.scale),
        "clicks": clicks}
    # Paid search: every paid click (visitors and fraudulent clicks) at its network's price;
    # impressions = paid clicks / CTR (at our position on the search network).
    auction, plan = m.plan.paid_search, m.plan.ads
    search_paid = ads["search_visitors"] + ads["search_invalid"]
    content_paid = ads["content_visitors"] + ads["content_invalid"]
    impressions = (search_paid / auction.ctr if auction.ctr > 0 else zeros) + (
        content_paid / plan.content_ctr if plan.content_ctr > 0 else zeros)
    rows[("paid_search", "acquisition")] = {
        "spend_vnd": search_paid * auction.cpc_vnd + content_paid * plan.content_cpc_vnd,
        "impressions": np.round(impressions),
        "clicks": per_day(prospect & (och == CH["paid_search"])),
        "invalid_clicks": ads["search_invalid"] + ads["content_invalid"]}
    # Affiliate: commission on first orders.
    rows[("affiliate", "acquisition")] = {
        "spend_vnd": np.bincount(fday, weights=np.where(
            fchan == CH["affiliate"], sc.channels.affiliate.commission_rate * first["amount_vnd"], 0.0),
            minlength=days)[:days],
        "clicks": per_day(prospect & (och == CH["affiliate"]))}
    # Social: paid clicks and referral bonuses.
    paid_social = prospect & (och == CH["social"]) & ~referred[oc]
    clicks = per_day(prospect & (och == CH["social"]))
    bonus = np.bincount(fday, weights=np.where(referred[fcid], sc.channels.social.referral_bonus_vnd, 0.0),
                        minlength=days)[:days]
    rows[("social", "acquisition")] = {
        "spend_vnd": per_day(paid_social) * sc.channels.social.cpc_vnd + bonus, "clicks": clicks}
    # Direct.
    rows[("direct", "acquisition")] = {"spend_vnd": zeros.copy(), "clicks": per_day(prospect & (och == CH["direct"]))}

    # E-mail: partner lists (acquisition) and the house list, split by who receives it. The house list's
    # spend also holds Godin's other steps: welcome e-mails at opt-in (teaching, to prospects), the
    # monthly reward to subscribers (reinforcement), and for customers who widened their permission
    # the voucher and the SMS sent with each campaign.
    pm = sc.permission_marketing
    partner_sends = np.full(days, _partner_sends_per_day(m))
    house_p, house_c = _house_sends(m, days)
    opt = np.asarray(m.opt_in, dtype=bool)
    arrival = np.asarray(m.arrival)
    teach_day = np.floor(arrival[opt & (arrival < m.window)]).astype(np.int64)
    teaching = np.bincount(teach_day, minlength=days)[:days] * float(pm.teaching_emails)
    house_p = house_p + teaching
    reward_p, reward_c = _subscriber_days(m, days)
    reward_per_day = pm.reinforcement_vnd_per_month / DAYS_PER_MONTH
    widened = np.asarray(m.widened_at)
    sub_end = np.asarray(m.sub_end)
    wide = np.isfinite(widened) & (widened < m.window)
    sms = np.zeros(days)
    _count_sends(widened[wide], sub_end[wide], m.campaign_interval, m.window, sms)
    wide_vouchers = np.bincount(np.floor(widened[wide]).astype(np.int64), minlength=days)[:days] * pm.additional_incentive_vnd
    vouchers = np.bincount(fday, weights=np.where(np.asarray(m.opt_in)[fcid], pm.incentive_vnd, 0.0),
                           minlength=days)[:days]
    camp = trig["event"] == EV["need_campaign"]
    tday = np.floor(trig["t"]).astype(np.int64)
    tprospect = trig["t"] < first_order[trig["cid"].astype(np.int64)]
    rows[("email", "acquisition")] = {
        "spend_vnd": (partner_sends * sc.channels.email.cost_per_email_vnd + house_p * pm.cost_per_email_vnd + vouchers
                      + reward_p * reward_per_day),
        "emails_sent": np.round(partner_sends) + house_p,
        "clicks": per_day(prospect & (och == CH["email"])),
    }
    rows[("email", "retention")] = {
        "spend_vnd": (house_c * pm.cost_per_email_vnd + reward_c * reward_per_day + sms * pm.cost_per_sms_vnd
                      + wide_vouchers),
        "emails_sent": house_c,
        "clicks": per_day(camp & ~tprospect, day=tday),
    }
    rp = sc.retention.personalization
    if rp.enabled:
        rec_sends = _recommendation_sends(m, days)
        rec = trig["event"] == EV["need_recommendation"]
        rows[("recommendation_email", "retention")] = {
            "spend_vnd": rec_sends * pm.cost_per_email_vnd + rp.platform_cost_per_month_vnd / DAYS_PER_MONTH * m.scale,
            "emails_sent": rec_sends,
            "clicks": per_day(rec, day=tday),
        }
    ni = sc.retention.new_item_emails
    if ni.enabled:
        announcements = _new_item_sends(m, orders, days)
        new = trig["event"] == EV["need_new_item"]
        rows[("new_item_email", "retention")] = {
            "spend_vnd": announcements * pm.cost_per_email_vnd,
            "emails_sent": announcements,
            "clicks": per_day(new, day=tday),
        }
    lp = sc.retention.loyalty_programme
    if lp.enabled:
        repeat = _where(orders, ~orders["is_first"].astype(bool) & (orders["t"] < m.window))
        rday = np.floor(repeat["t"]).astype(np.int64)
        rebates = np.bincount(rday, weights=lp.rebate_rate * repeat["amount_vnd"], minlength=days)[:days]
        rows[("loyalty_programme", "retention")] = {"spend_vnd": rebates + lp.cost_per_month_vnd / DAYS_PER_MONTH * m.scale}
    cm = sc.retention.community
    if cm.enabled:
        rows[("community", "retention")] = {"spend_vnd": np.full(days, cm.cost_per_month_vnd / DAYS_PER_MONTH * m.scale)}

    # One block of ``days`` rows per (channel, purpose), then the blocks sorted by date, purpose and channel.
    opens_gen = m.generators["marketing"]
    counts = ("impressions", "clicks", "invalid_clicks", "emails_sent", "opens", "unsubscribes")
    blocks: dict[str, list[np.ndarray]] = {name: [] for name in ("channel", "purpose", "spend_vnd", *counts)}
    given: dict[str, list[np.ndarray]] = {name: [] for name in counts}
    unsub = _unsubscribes(m, days)
    no_count = np.zeros(days, dtype=np.int64)
    for (channel, purpose), given_cols in rows.items():
        cols = dict(given_cols)
        sent = cols.get("emails_sent")
        open_rate = {"recommendation_email": rp.open_rate, "new_item_email": ni.open_rate}.get(channel, m.email_open_rate)
        if sent is not None:
            cols["opens"] = opens_gen.binomial(sent.astype(np.int64), open_rate)
        if channel == "email":
            cols["unsubscribes"] = unsub[0] if purpose == "acquisition" else unsub[1]
        blocks["channel"].append(np.full(days, channel))
        blocks["purpose"].append(np.full(days, purpose))
        blocks["spend_vnd"].append(np.round(cols["spend_vnd"]).astype(np.int64))
        for name in counts:
            blocks[name].append(cols[name].astype(np.int64) if name in cols else no_count)
            given[name].append(np.full(days, name in cols))
    day = np.tile(np.arange(days), len(rows))
    channel, purpose = np.concatenate(blocks.pop("channel")), np.concatenate(blocks.pop("purpose"))
    rows_in_order = np.lexsort((channel, purpose, day))
    dates = np.datetime64(sc.start_date.isoformat(), "D") + day[rows_in_order]
    columns: dict[str, pa.Array | np.ndarray] = {
        "date": pa.array(dates, type=pa.date32()),
        "channel": pa.array(channel[rows_in_order], type=pa.string()),
        "purpose": pa.array(purpose[rows_in_order], type=pa.string()),
        "spend_vnd": np.concatenate(blocks.pop("spend_vnd"))[rows_in_order],
    }
    for name in counts:
        values = np.concatenate(blocks[name])[rows_in_order]
        columns[name] = pa.array(values, mask=~np.concatenate(given[name])[rows_in_order], type=pa.int64())
    return pa.table(columns)


def _house_sends(m: Model, days: int) -> tuple[np.ndarray, np.ndarray]:
    """House-list e-mails per day: to prospects, and to customers."""
    iv = m.campaign_interval
    prospects, customers = np.zeros(days), np.zeros(days)
    if iv == math.inf:
        return prospects, customers
    opt = np.asarray(m.opt_in, dtype=bool)
    s = np.asarray(m.arrival)[opt]
    e = np.asarray(m.sub_end)[opt]
    f = np.asarray(m.first_order)[opt]
    pe = np.minimum(e, f)  # prospect phase (s, min(e, f)]
    cs = np.maximum(s, f)  # customer phase (max(s, f), e]
    _count_sends(s, pe, iv, m.window, prospects)
    _count_sends(cs, e, iv, m.window, customers)
    return prospects, customers


def _count_sends(starts: np.ndarray, ends: np.ndarray, interval: float, window: float, out: np.ndarray) -> None:
    """Add to ``out[day]`` the subscriptions (start, end] that receive the e-mail sent every
    ``interval`` days (k·interval, k ≥ 1) within the window."""
    when = np.arange(1, int(window // interval) + 2) * interval
    when = when[when < window]
    valid = starts < ends
    count = (np.searchsorted(np.sort(starts[valid]), when, side="left")
             - np.searchsorted(np.sort(ends[valid]), when, side="left"))
    np.add.at(out, np.floor(when).astype(np.int64), count)


def _subscriber_days(m: Model, days: int) -> tuple[np.ndarray, np.ndarray]:
    """Subscribers on the list each day (at midday): prospects, and customers (after their first order)."""
    opt = np.asarray(m.opt_in, dtype=bool)
    s = np.asarray(m.arrival)[opt]
    e = np.asarray(m.sub_end)[opt]
    f = np.asarray(m.first_order)[opt]
    noon = np.arange(days) + 0.5
    out = []
    for start, end in ((s, np.minimum(e, f)), (np.maximum(s, f), e)):
        valid = start < end
        out.append((np.searchsorted(np.sort(start[valid]), noon, side="right")
                    - np.searchsorted(np.sort(end[valid]), noon, side="right")).astype(float))
    return out[0], out[1]


def _new_item_sends(m: Model, orders: Records, days: int) -> np.ndarray:
    """New-item announcements per day: at each launch in category c, one e-mail to every subscribed
    customer who had bought in c before it (lecture 000 §3, Amazon's example)."""
    out = np.zeros(days)
    if not len(orders["t"]):
        return out
    # The first order of each (customer, category): sorted by customer, category and time, the first of each run.
    cid, category, t = orders["cid"].astype(np.int64), orders["category"].astype(np.int64), orders["t"]
    rows = np.lexsort((t, category, cid))
    cid, category, t = cid[rows], category[rows], t[rows]
    firsts = np.ones(len(t), dtype=bool)
    firsts[1:] = (cid[1:] != cid[:-1]) | (category[1:] != category[:-1])
    opt = np.asarray(m.opt_in, dtype=bool)
    sub_end = np.asarray(m.sub_end)
    firsts &= opt[cid]
    cid, category, t = cid[firsts], category[firsts], t[firsts]
    for c, launches in enumerate(m.launch_times):
        when = np.asarray([t for t in launches if t < m.window])
        if len(when) == 0:
            continue
        in_c = category == c
        start = t[in_c]
        end = sub_end[cid[in_c]]
        valid = start < end  # still subscribed after buying in the category
        starts, ends = np.sort(start[valid]), np.sort(end[valid])
        count = np.searchsorted(starts, when, side="left") - np.searchsorted(ends, when, side="left")
        np.add.at(out, np.floor(when).astype(np.int64), count)
    return out


def _recommendation_sends(m: Model, days: int) -> np.ndarray:
    """Recommendation e-mails per day to subscribed customers (after their first order)."""
    iv = m.rec_interval
    out = np.zeros(days)
    if iv == math.inf:
        return out
    opt = np.asarray(m.opt_in, dtype=bool)
    f = np.asarray(m.first_order)[opt]
    e = np.asarray(m.sub_end)[opt]
    cs = np.maximum(np.asarray(m.arrival)[opt], f)
    _count_sends(cs, e, iv, m.window, out)
    return out


def _unsubscribes(m: Model, days: int) -> tuple[np.ndarray, np.ndarray]:
    """Unsubscribes per day, by prospects and by customers."""
    opt = np.asarray(m.opt_in, dtype=bool)
    e = np.asarray(m.sub_end)[opt]
    f = np.asarray(m.first_order)[opt]
    ok = e < m.window
    day = np.floor(e[ok]).astype(np.int64)
    is_customer = f[ok] < e[ok]
    return (np.bincount(day[~is_customer], minlength=days)[:days],
            np.bincount(day[is_customer], minlength=days)[:days])
