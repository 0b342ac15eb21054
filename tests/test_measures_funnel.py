"""The funnel of the five-stage purchase decision process, checked on a 4-customer example worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.io import shipped_tables
from sim.measures.funnel import conversion, dropout_reasons, funnel, journey_outcomes, journey_paths, stage_durations

COLUMNS = ["customer_id", "journey_no", "at", "stage", "event", "channel", "reason"]

# Four customers, six journeys (KH1 = A, KH2 = B, KH3 = C, KH4 = D):
#   A1 paid search: need → search → evaluated → purchased → post-purchase (bought, delivered)
#   A2 e-mail:      need → drop-out at stage 1 (bought elsewhere)
#   B1 social:      need → drop-out at stage 1 (no real need)
#   C1 organic:     need → search → drop-out at stage 2 (not enough information)
#   C2 e-mail:      need → search → search (direct) → drop-out at stage 3 (security), channel stays e-mail
#   D1 paid search: need → search → evaluated → purchased (not yet delivered: in progress at stage 4)
ROWS = [
    ("KH1", 1, "2026-01-01 08:00:00", 1, "need_campaign", "paid_search", None),
    ("KH1", 1, "2026-01-01 08:30:00", 2, "search_external", "paid_search", None),
    ("KH1", 1, "2026-01-01 10:30:00", 3, "evaluated", "paid_search", None),
    ("KH1", 1, "2026-01-01 11:00:00", 4, "purchased", "paid_search", None),
    ("KH1", 1, "2026-01-04 11:00:00", 5, "post_purchase", "paid_search", None),
    ("KH1", 2, "2026-02-10 09:00:00", 1, "need_recommendation", "email", None),
    ("KH1", 2, "2026-02-10 09:00:00", 1, "dropout", "email", "bought_elsewhere"),
    ("KH2", 1, "2026-01-02 12:00:00", 1, "need_campaign", "social", None),
    ("KH2", 1, "2026-01-02 12:00:00", 1, "dropout", "social", "no_real_need"),
    ("KH3", 1, "2026-01-05 08:00:00", 1, "need_spontaneous", "organic_search", None),
    ("KH3", 1, "2026-01-05 08:15:00", 2, "search_external", "organic_search", None),
    ("KH3", 1, "2026-01-05 08:15:00", 2, "dropout", "organic_search", "not_enough_information"),
    ("KH3", 2, "2026-02-01 08:00:00", 1, "need_campaign", "email", None),
    ("KH3", 2, "2026-02-01 09:00:00", 2, "search_external", "email", None),
    ("KH3", 2, "2026-02-03 09:00:00", 2, "search_external", "direct", None),
    ("KH3", 2, "2026-02-03 13:00:00", 3, "dropout", "direct", "security_concern"),
    ("KH4", 1, "2026-01-10 08:00:00", 1, "need_campaign", "paid_search", None),
    ("KH4", 1, "2026-01-10 10:00:00", 2, "search_external", "paid_search", None),
    ("KH4", 1, "2026-01-10 16:00:00", 3, "evaluated", "paid_search", None),
    ("KH4", 1, "2026-01-10 17:00:00", 4, "purchased", "paid_search", None),
]


@pytest.fixture
def journey() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"])
    return frame


@pytest.fixture
def customers() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ["KH1", "KH2", "KH3", "KH4"],
                         "persona": ["directed_buyer", "bargain_hunter", "bargain_hunter", "directed_buyer"],
                         "segment": ["b2c", "b2c", "b2b", "b2b"]})


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})


# ----------------------------------------------------------------------------- funnel


def test_funnel_by_hand(journey):
    out = funnel(journey)
    # Reached: stage 1 all 6; stage 2 A1, C1, C2, D1; stage 3 A1, C2 (dropped there), D1; stage 4 A1, D1; stage 5 A1.
    assert out["stage"].tolist() == [1, 2, 3, 4, 5]
    assert out["reached"].tolist() == [6, 4, 3, 2, 1]
    assert out["share_of_started"].tolist() == pytest.approx([1, 4 / 6, 3 / 6, 2 / 6, 1 / 6])
    assert out["step_rate"].tolist() == pytest.approx([1, 4 / 6, 3 / 4, 2 / 3, 1 / 2])
    # Drop-outs: stage 1 A2 and B1; stage 2 C1; stage 3 C2.
    assert out["dropped"].tolist() == [2, 1, 1, 0, 0]
    assert out["dropout_rate"].tolist() == pytest.approx([2 / 6, 1 / 4, 1 / 3, 0, 0])
    # D1 has bought but is not delivered yet: in progress at stage 4.
    assert out["in_progress"].tolist() == [0, 0, 0, 1, 0]


def test_funnel_first_journeys_only(journey):
    out = funnel(journey, journeys="first")
    # A1, B1, C1, D1.
    assert out["reached"].tolist() == [4, 3, 2, 2, 1]
    assert out["dropped"].tolist() == [1, 1, 0, 0, 0]
    assert out["share_of_started"].tolist() == pytest.approx([1, 0.75, 0.5, 0.5, 0.25])


def test_funnel_by_persona(journey, customers):
    out = funnel(journey, customers, by="persona")
    assert list(out.columns[:2]) == ["persona", "stage"]
    # Label-map order: directed_buyer (A1, A2, D1) before bargain_hunter (B1, C1, C2).
    buyer = out[out["persona"] == "directed_buyer"]
    hunter = out[out["persona"] == "bargain_hunter"]
    assert out["persona"].tolist()[0] == "directed_buyer" and out["persona"].tolist()[-1] == "bargain_hunter"
    assert buyer["reached"].tolist() == [3, 2, 2, 2, 1]
    assert hunter["reached"].tolist() == [3, 2, 1, 0, 0]
    assert hunter["dropped"].tolist() == [1, 1, 1, 0, 0]


def test_funnel_by_channel_uses_the_journeys_first_channel(journey):
    out = funnel(journey, by="channel")
    # C2 searched again through "direct" but started by e-mail: no direct journey at all.
    assert list(dict.fromkeys(out["channel"])) == ["organic_search", "paid_search", "email", "social"]
    email = out[out["channel"] == "email"]
    assert email["reached"].tolist() == [2, 1, 1, 0, 0]  # A2 stops at 1, C2 at 3


def test_funnel_by_segment(journey, customers):
    out = funnel(journey, customers, by="segment")
    assert out[out["segment"] == "b2c"]["reached"].tolist() == [3, 1, 1, 1, 1]  # A1, A2, B1
    assert out[out["segment"] == "b2b"]["reached"].tolist() == [3, 3, 2, 1, 0]  # C1, C2, D1


def test_funnel_empty_table_gives_zero_counts_and_undefined_rates():
    out = funnel(_empty())
    assert out["reached"].tolist() == [0, 0, 0, 0, 0]
    assert out["share_of_started"].isna().all() and out["dropout_rate"].isna().all()


def test_funnel_single_customer_who_buys(journey):
    out = funnel(journey[journey["customer_id"] == "KH4"])
    assert out["reached"].tolist() == [1, 1, 1, 1, 0]
    assert out["in_progress"].tolist() == [0, 0, 0, 1, 0]


def test_funnel_identity_on_shipped_data():
    tables = shipped_tables()
    out = funnel(tables["journey"]).set_index("stage")
    for k in range(1, 5):
        assert out.loc[k, "reached"] == out.loc[k, "dropped"] + out.loc[k, "in_progress"] + out.loc[k + 1, "reached"]
    # Every customer starts a first journey.
    first = funnel(tables["journey"], journeys="first")
    assert first.loc[0, "reached"] == len(tables["customers"])


@pytest.mark.parametrize("missing", ["event", "stage", "customer_id", "journey_no"])
def test_funnel_missing_column(journey, missing):
    with pytest.raises(DataError) as err:
        funnel(journey.drop(columns=missing))
    assert f"journey.{missing}" in err.value.fields


def test_funnel_bad_arguments(journey, customers):
    with pytest.raises(DataError) as err:
        funnel(journey, by="city")
    assert err.value.fields == ["by"]
    with pytest.raises(DataError) as err:
        funnel(journey, journeys="last")
    assert err.value.fields == ["journeys"]
    with pytest.raises(DataError) as err:
        funnel(journey, by="persona")
    assert err.value.fields == ["customers"]
    with pytest.raises(DataError) as err:
        funnel(journey, customers.iloc[:3], by="persona")
    assert err.value.fields == ["journey.customer_id"] and "KH4" in str(err.value)
    with pytest.raises(DataError) as err:
        funnel(journey, customers.drop(columns="segment"), by="segment")
    assert err.value.fields == ["customers.segment"]


def test_funnel_stage_out_of_range(journey):
    bad = journey.copy()
    bad.loc[0, "stage"] = 7
    with pytest.raises(DataError) as err:
        funnel(bad)
    assert err.value.fields == ["journey.stage"]


# ------------------------------------------------------------------------- conversion


def test_conversion_by_hand(journey):
    out = conversion(journey)
    # 6 journeys started, A1 and D1 purchased, A2, B1, C1, C2 dropped out → 2 / 6.
    assert out.iloc[0].to_dict() == pytest.approx({"started": 6, "purchased": 2, "dropped_out": 4, "in_progress": 0,
                                                   "conversion_rate": 1 / 3})
    first = conversion(journey, journeys="first")
    assert first.loc[0, "conversion_rate"] == pytest.approx(0.5)  # A1, D1 of A1, B1, C1, D1


def test_conversion_by_groups(journey, customers):
    persona = conversion(journey, customers, by="persona").set_index("persona")
    assert persona.loc["directed_buyer", "conversion_rate"] == pytest.approx(2 / 3)  # A1, D1 of A1, A2, D1
    assert persona.loc["bargain_hunter", "conversion_rate"] == 0.0
    channel = conversion(journey, by="channel").set_index("channel")
    assert channel["started"].to_dict() == {"organic_search": 1, "paid_search": 2, "email": 2, "social": 1}
    assert channel.loc["paid_search", "conversion_rate"] == 1.0
    segment = conversion(journey, customers, by="segment").set_index("segment")
    assert segment["conversion_rate"].tolist() == pytest.approx([1 / 3, 1 / 3])


def test_conversion_edges(journey):
    empty = conversion(_empty())
    assert empty.loc[0, "started"] == 0 and math.isnan(empty.loc[0, "conversion_rate"])
    nobody_buys = conversion(journey[journey["customer_id"] == "KH2"])
    assert nobody_buys.loc[0, "conversion_rate"] == 0.0
    # A journey cut off by the end of the data: in progress.
    cut = journey[(journey["customer_id"] == "KH4") & (journey["stage"] <= 2)]
    assert conversion(cut).loc[0, ["started", "purchased", "dropped_out", "in_progress"]].tolist() == [1, 0, 0, 1]
    with pytest.raises(DataError) as err:
        conversion(journey.drop(columns="event"))
    assert err.value.fields == ["journey.event"]


# -------------------------------------------------------------------- drop-out reasons


def test_dropout_reasons_by_hand(journey):
    out = dropout_reasons(journey)
    # Stage 1: no real need (B1) and bought elsewhere (A2), one each, in the label map's order on the tie.
    assert out[["stage", "reason", "count"]].values.tolist() == [
        [1, "no_real_need", 1], [1, "bought_elsewhere", 1], [2, "not_enough_information", 1], [3, "security_concern", 1]]
    assert out["share_of_stage"].tolist() == pytest.approx([0.5, 0.5, 1.0, 1.0])
    assert out["share_of_all"].tolist() == pytest.approx([0.25, 0.25, 0.25, 0.25])


def test_dropout_reasons_by_persona_and_first(journey, customers):
    out = dropout_reasons(journey, customers, by="persona")
    buyer = out[out["persona"] == "directed_buyer"]
    assert buyer[["stage", "reason", "count", "share_of_all"]].values.tolist() == [[1, "bought_elsewhere", 1, 1.0]]
    hunter = out[out["persona"] == "bargain_hunter"]
    assert hunter["share_of_all"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    first = dropout_reasons(journey, journeys="first")
    assert first["reason"].tolist() == ["no_real_need", "not_enough_information"]
    by_channel = dropout_reasons(journey, by="channel")
    # C2 dropped out on a direct visit, but its journey's channel is e-mail.
    assert by_channel[by_channel["reason"] == "security_concern"]["channel"].tolist() == ["email"]


def test_dropout_reasons_edges(journey):
    assert len(dropout_reasons(_empty())) == 0
    assert len(dropout_reasons(journey[journey["customer_id"] == "KH4"])) == 0  # nobody left
    no_reason = journey.copy()
    no_reason.loc[no_reason["reason"] == "no_real_need", "reason"] = None
    assert "unknown" in dropout_reasons(no_reason)["reason"].tolist()
    with pytest.raises(DataError) as err:
        dropout_reasons(journey.drop(columns="reason"))
    assert err.value.fields == ["journey.reason"]


def test_dropout_reasons_shipped_top_two_at_evaluation():
    out = dropout_reasons(shipped_tables()["journey"])
    stage3 = out[out["stage"] == 3]
    assert set(stage3["reason"].iloc[:2]) == {"security_concern", "quality_unverifiable"}
    assert stage3["share_of_stage"].sum() == pytest.approx(1.0)


# ---------------------------------------------------------------------- stage durations


def test_stage_durations_by_hand(journey):
    out = stage_durations(journey).set_index("stage")
    # Stage 1 → 2: A1 0.5 h, C1 0.25 h, C2 1 h, D1 2 h → median 0.75 h, mean 0.9375 h.
    assert out.loc[1, "journeys"] == 4
    assert out.loc[1, "median_hours"] == pytest.approx(0.75)
    assert out.loc[1, "median_days"] == pytest.approx(0.75 / 24)
    assert out.loc[1, "mean_days"] == pytest.approx(0.9375 / 24)
    # Stage 2 → 3: A1 2 h, C2 52 h (first search 1 Feb 09:00 to the drop-out 3 Feb 13:00), D1 6 h.
    assert out.loc[2, "journeys"] == 3
    assert out.loc[2, "median_days"] == pytest.approx(0.25)
    assert out.loc[2, "mean_days"] == pytest.approx(20 / 24)
    # Stage 3 → 4: A1 0.5 h, D1 1 h.  Stage 4 → 5: A1 delivered after 3 days.
    assert out.loc[3, "median_hours"] == pytest.approx(0.75)
    assert out.loc[4, ["journeys", "median_days", "mean_days"]].tolist() == [1, 3.0, 3.0]
    assert 5 not in out.index


def test_stage_durations_text_times_and_groups(journey, customers):
    text = journey.copy()
    text["at"] = text["at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    assert stage_durations(text).equals(stage_durations(journey))
    out = stage_durations(journey, customers, by="persona")
    buyer = out[(out["persona"] == "directed_buyer") & (out["stage"] == 1)]
    assert buyer["median_hours"].iloc[0] == pytest.approx(1.25)  # A1 0.5 h, D1 2 h


@pytest.mark.filterwarnings("ignore:Could not infer format")
def test_stage_durations_edges(journey):
    empty = stage_durations(_empty())
    assert empty["journeys"].tolist() == [0, 0, 0, 0] and empty["median_days"].isna().all()
    only_b = stage_durations(journey[journey["customer_id"] == "KH2"])  # never reached stage 2
    assert only_b["journeys"].tolist() == [0, 0, 0, 0]
    bad = journey.copy()
    bad["at"] = "yesterday"
    with pytest.raises(DataError) as err:
        stage_durations(bad)
    assert err.value.fields == ["journey.at"]
    with pytest.raises(DataError) as err:
        stage_durations(journey.drop(columns="at"))
    assert err.value.fields == ["journey.at"]


# --------------------------------------------------------------------- journey outcomes


def test_journey_outcomes_by_hand(journey):
    out = journey_outcomes(journey)
    # Sorted by start: A1, B1, C1, D1, C2, A2.
    assert list(zip(out["customer_id"], out["journey_no"], strict=True)) == [
        ("KH1", 1), ("KH2", 1), ("KH3", 1), ("KH4", 1), ("KH3", 2), ("KH1", 2)]
    assert out["outcome"].tolist() == ["purchased", "dropout", "dropout", "purchased", "dropout", "dropout"]
    assert out["last_stage"].tolist() == [5, 1, 2, 4, 3, 1]
    assert out["dropout_stage"].tolist() == [pd.NA, 1, 2, pd.NA, 3, 1]
    assert out["reason"].tolist()[1:3] == ["no_real_need", "not_enough_information"]
    assert out["channel"].tolist() == ["paid_search", "social", "organic_search", "paid_search", "email", "email"]


def test_journey_outcomes_edges(journey):
    assert len(journey_outcomes(_empty())) == 0
    cut = journey[(journey["customer_id"] == "KH4") & (journey["stage"] <= 2)]
    assert journey_outcomes(cut)["outcome"].tolist() == ["in_progress"]
    with pytest.raises(DataError) as err:
        journey_outcomes(journey.drop(columns="channel"))
    assert err.value.fields == ["journey.channel"]


def test_journey_paths_by_hand():
    at = pd.Timestamp("2026-01-01")
    rows = [
        # A1: searched on the site, called the hotline, ordered by phone → online to offline
        ("A", 1, 0, 1, "need_spontaneous", "online"), ("A", 1, 1, 2, "search_external", "online"),
        ("A", 1, 2, 2, "search_external", "phone"), ("A", 1, 3, 3, "evaluated", "phone"),
        ("A", 1, 4, 4, "purchased", "phone"), ("A", 1, 5, 5, "post_purchase", "phone"),
        # B1: saw it in the store, ordered on the site → offline to online
        ("B", 1, 0, 1, "need_campaign", "online"), ("B", 1, 1, 2, "search_external", "store"),
        ("B", 1, 2, 2, "search_external", "online"), ("B", 1, 3, 3, "evaluated", "online"),
        ("B", 1, 4, 4, "purchased", "online"),
        # C1: no real need → online to online, not bought
        ("C", 1, 0, 1, "need_campaign", "online"), ("C", 1, 0, 1, "dropout", "online"),
    ]
    journey = pd.DataFrame(rows, columns=["customer_id", "journey_no", "hours", "stage", "event", "touchpoint"])
    journey["at"] = at + pd.to_timedelta(journey.pop("hours"), unit="h")
    paths = journey_paths(journey).set_index("customer_id")
    assert paths.loc["A", "path"] == "online_to_offline" and paths.loc["A", "end_touchpoint"] == "phone"
    assert paths.loc["B", "path"] == "offline_to_online" and paths.loc["B", "start_touchpoint"] == "store"
    assert paths.loc["C", "path"] == "online_to_online" and not paths.loc["C", "purchased"]
    by_path = conversion(journey, by="path").set_index("path")
    assert by_path.loc["online_to_offline", "conversion_rate"] == 1.0
    assert by_path.loc["online_to_online", "conversion_rate"] == 0.0
