"""What-ifs of acquisition: the whole shop next to its channels, per-channel measures over seeds, the shop's auction.

Lecture 001, Marketing chuyển đổi (the e-performance scorecard of Agrawal, Arjona & Lemmens 2001:
attraction, conversion, retention) and Quản trị thu hút khách hàng (Chaffey ch. 9 Fig. 9.6: visits,
conversion, CPC, CPA, ROI, LTV-based ROI; paid search: bid, Quality Score, daily budget).

A change of the channel mix (more budget for one channel, less for another) changes each channel's
volume, and so the whole shop's measures, which are the channels' weighted together. This module adds
the whole shop as one more row (``channel == "all"``) to the tables of
:mod:`sim.measures.acquisition`, flattens those tables into ``{"channel.column": value}`` so that
:func:`sim.sweep` gives each a mean and a confidence interval over several seeds, and plays the
scenario's own paid-search auction with another bid or Quality Score.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from sim.base.errors import DataError
from sim.engine.auction import gsp_auction
from sim.measures.acquisition import SCORECARD_PARTS, agrawal_scorecard, channel_economics
from sim.measures.frames import require_columns, tables_of
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario

TOTAL = "all"
"""The ``channel`` value of the whole-shop row: every channel together."""
ECONOMICS = "economics"
"""The ``part`` of a column of :func:`economics_with_total` that is not in the scorecard (CPC, ROI…)."""
SEPARATOR = "."
"""Between channel and column in the names of :func:`channel_measures`: ``"social.conversion_rate"``."""
_SWEEP_COLUMNS = ["measure", "mean", "ci_low", "ci_high"]
_SUMMARY_EXTRA = {"measure", "mean", "sd", "ci_low", "ci_high", "n_runs", "seed"}


def scorecard_with_total(tables: object, *, lapse_days: float = 180.0, as_of: object = None,
                         visits_from: str = "customers") -> pd.DataFrame:
    """The Agrawal et al. (2001) scorecard per channel, and a last row for the whole shop.

    Lecture 001, Marketing chuyển đổi. The channel rows are
    :func:`sim.measures.acquisition.agrawal_scorecard`; the whole-shop row (``channel == "all"``)
    is the same scorecard with every customer and every acquisition cost put in one channel, so

    * visits, spend, new customers and repeat customers are the sums over the channels;
    * cost per visit = total spend / total visits; conversion rate = total new customers / total
      visits; CPA = total spend / total new customers; repeat rate = total repeat customers /
      total new customers; churn rate = all lapsed / all at risk: each a mean of the channels'
      values weighted by their volume, so a change of the channel mix moves it.

    Example (worked by hand in the tests): paid search brings 3 visitors for 100,000 VND and 2 of
    them buy; e-mail 4 visitors for 40,000 VND and 2 buy; direct 1 free visitor who buys; an
    affiliate costs 10,000 VND and brings no one → whole shop: 8 visits, 150,000 VND,
    5 new customers, conversion 5 / 8 = 0.625, CPA 150,000 / 5 = 30,000 VND.

    Args:
        tables: a :class:`sim.Result` or a mapping with ``customers``, ``orders`` and ``marketing``.
        lapse_days, as_of, visits_from: as in :func:`~sim.measures.acquisition.agrawal_scorecard`.

    Returns:
        The columns of ``agrawal_scorecard``: one row per channel, then the ``"all"`` row (no rows
        at all when the tables hold no channel).

    Raises:
        DataError: as ``agrawal_scorecard``, or ``tables`` without the three tables.
    """
    customers, orders, marketing = _three(tables)
    kwargs = {"lapse_days": lapse_days, "as_of": as_of, "visits_from": visits_from}
    per_channel = agrawal_scorecard(customers, orders, marketing, **kwargs)
    whole = agrawal_scorecard(*_as_one_channel(customers, marketing, orders), **kwargs)
    return pd.concat([per_channel, whole], ignore_index=True)


def economics_with_total(tables: object, *, visits_from: str = "customers",
                         ltv_vnd: float | pd.Series | pd.DataFrame | None = None) -> pd.DataFrame:
    """Volume, conversion, CPC, CPA, ROI and LTV-based ROI per channel, and a last row for the whole shop.

    Lecture 001, Quản trị thu hút khách hàng (Chaffey Fig. 9.6). The channel rows are
    :func:`sim.measures.acquisition.channel_economics`; the whole-shop row (``channel == "all"``)
    puts every channel together: CPC = total spend / total clicks, CPA = total spend / total new
    customers, ROI = (total margin − total spend) / total spend, LTV-based ROI = (sum of the new
    customers' LTV − total spend) / total spend.

    Example (worked by hand in the tests): spend 150,000 VND in all; the 5 new customers' margin is
    30,000 + 10,000 + 20,000 + 25,000 + 25,000 + 30,000 + 10,000 = 150,000 VND → ROI 0.

    Args:
        tables: a :class:`sim.Result` or a mapping with ``customers``, ``orders`` and ``marketing``.
        visits_from, ltv_vnd: as in :func:`~sim.measures.acquisition.channel_economics`.

    Returns:
        The columns of ``channel_economics``: one row per channel, then the ``"all"`` row.

    Raises:
        DataError: as ``channel_economics``, or ``tables`` without the three tables.
    """
    customers, orders, marketing = _three(tables)
    per_channel = channel_economics(customers, orders, marketing, visits_from=visits_from, ltv_vnd=ltv_vnd)
    whole = channel_economics(*_as_one_channel(customers, marketing, orders), visits_from=visits_from, ltv_vnd=ltv_vnd)
    return pd.concat([per_channel, whole], ignore_index=True)


def channel_measures(result: object, *, lapse_days: float = 90.0) -> dict[str, float]:
    """Every scorecard and campaign measure of every channel and of the whole shop, as one flat mapping.

    Made for ``sim.sweep(..., measures=channel_measures)`` and ``sim.replicate``: the keys are
    ``"<channel>.<column>"`` (e.g. ``"social.conversion_rate"``, ``"all.cpa_vnd"``) with the
    columns of :func:`scorecard_with_total` and of :func:`economics_with_total`; the LTV-based ROI
    uses the true lifetime values of ``truth`` when the run has them. :func:`channel_sweep` splits
    the names again.

    Args:
        result: a :class:`sim.Result` or a mapping of tables (``customers``, ``orders``,
            ``marketing``; ``truth`` optional).
        lapse_days: days without an order after which a customer counts as churned. The default
            90 fits both the 180-day ``demo`` window and the year of ``default``.

    Returns:
        ``{"channel.column": value}``; NaN where a denominator is 0.

    Raises:
        DataError: as :func:`scorecard_with_total` and :func:`economics_with_total`.
    """
    tables = tables_of(result, argument="result")
    truth = tables.get("truth")
    ltv = truth if isinstance(truth, pd.DataFrame) and "lifetime_value_vnd" in truth.columns else None
    card = scorecard_with_total(tables, lapse_days=lapse_days).set_index("channel")
    economics = economics_with_total(tables, ltv_vnd=ltv).set_index("channel")
    both = card.join(economics[[c for c in economics.columns if c not in card.columns]])
    return {f"{channel}{SEPARATOR}{column}": float(value)
            for channel, row in both.iterrows() for column, value in row.items()}


def channel_sweep(summary: pd.DataFrame, *, channels: Iterable[str] | None = None,
                  columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Split the measure names of a sweep over :func:`channel_measures` into channel, part and column.

    ``sim.sweep(scenario, {"channels.social.daily_budget_vnd": [3500.0, 14000.0]}, seeds=5,
    measures=channel_measures)`` gives one row per setting and measure name
    (``"social.conversion_rate"``) with the mean and its confidence interval over the seeds.
    This keeps the rows of the wanted channels and columns and adds ``channel``, ``column`` and
    ``part`` (``attraction``, ``conversion`` or ``retention`` for the scorecard's columns,
    ``economics`` for the others).

    Args:
        summary: the summary of :func:`sim.sweep` or :func:`sim.replicate` (``measure``, ``mean``,
            ``ci_low``, ``ci_high``, and one column per swept parameter).
        channels: the channels to keep (e.g. ``["paid_search", "all"]``); default all.
        columns: the columns to keep (e.g. ``["visits", "cpa_vnd"]``); default all.

    Returns:
        The swept parameters' columns, then ``channel``, ``part``, ``column`` and the summary's
        other columns (``mean``, ``sd``, ``ci_low``, ``ci_high``, ``n_runs``), in the order of the rows
        of ``summary``.

    Raises:
        DataError: a missing column, or a measure name that is not ``"channel.column"``.
    """
    require_columns(summary, _SWEEP_COLUMNS, "sweep")
    names = summary["measure"].astype(str)
    bad = names[~names.str.contains(SEPARATOR, regex=False)]
    if len(bad):
        raise DataError([("sweep.measure", bad.iloc[0], "tên chỉ số phải có dạng `kênh.cột` (dùng measures=channel_measures)",
                          "a measure must be named `channel.column` (use measures=channel_measures)")])
    split = names.str.rsplit(SEPARATOR, n=1, expand=True)
    part_of = {column: part for part, cols in SCORECARD_PARTS.items() for column in cols}
    out = summary.assign(channel=split[0].to_numpy(), column=split[1].to_numpy())
    out["part"] = [part_of.get(c, ECONOMICS) for c in out["column"]]
    if channels is not None:
        out = out[out["channel"].isin(list(channels))]
    if columns is not None:
        out = out[out["column"].isin(list(columns))]
    settings = [c for c in summary.columns if c not in _SUMMARY_EXTRA]
    rest = [c for c in ("mean", "sd", "ci_low", "ci_high", "n_runs") if c in summary.columns]
    return out[[*settings, "channel", "part", "column", *rest]].reset_index(drop=True)


def scenario_auction(scenario: object, *, max_cpc_vnd: float | None = None, quality_score: float | None = None,
                     daily_budget_vnd: float | None = None) -> pd.DataFrame:
    """The scenario's paid-search auction, with the shop's own bid, Quality Score or budget changed.

    Lecture 001, Quản trị thu hút khách hàng (paid search: amount bid, Quality Score, daily budget).
    The shop (``"shop"``, listed first) and the scenario's competitors (``"competitor_1"``, …) meet
    in :func:`sim.engine.auction.gsp_auction` with one slot per entry of ``ctr_by_position``,
    as the simulator runs it (:func:`sim.engine.channels.paid_search_auction`). Per shown ad:

    * CTR = ``ctr_by_position[position − 1]``;
    * clicks per day = daily searches × CTR; for the shop at most daily budget / CPC
      (the budget caps its clicks; competitors' budgets are not modelled);
    * spend per day = clicks per day × CPC.

    Example (worked by hand in the tests, the ``default`` preset): bid 20,000 × QS 7 = 140,000;
    competitors 25,000 × 6 = 150,000, 16,000 × 8 = 128,000, 72,000, 63,000 → the shop is 2nd,
    CPC = 128,000 / 7 + 1 = 18,286.71 VND, CTR 0.035, 200 × 0.035 = 7 clicks a day,
    7 × 18,286.71 = 128,007 VND a day (the 400,000 VND budget does not bind).

    Args:
        scenario: a :class:`sim.Scenario` or a preset name.
        max_cpc_vnd: the shop's maximum bid per click; default the scenario's.
        quality_score: the shop's Quality Score (1–10); default the scenario's.
        daily_budget_vnd: the shop's daily budget; default the scenario's.

    Returns:
        The columns of ``gsp_auction`` (``advertiser``, ``bid_vnd``, ``quality_score``, ``ad_rank``,
        ``status``, ``position``, ``price_set_by``, ``cpc_vnd``), then ``ctr``, ``clicks_per_day``
        and ``spend_per_day_vnd`` (0 without a slot), in ranking order.

    Raises:
        ScenarioError: a bad scenario, or a bid, Quality Score or budget that the scenario refuses.
    """

    base = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    changes = {f"channels.paid_search.{name}": value for name, value in
               (("max_cpc_vnd", max_cpc_vnd), ("quality_score", quality_score), ("daily_budget_vnd", daily_budget_vnd))
               if value is not None}
    ps = (with_changes(base, changes) if changes else base).channels.paid_search
    names = ["shop", *(f"competitor_{i + 1}" for i in range(len(ps.competitor_bids_vnd)))]
    table = gsp_auction([ps.max_cpc_vnd, *ps.competitor_bids_vnd], [ps.quality_score, *ps.competitor_quality_scores],
                        slots=len(ps.ctr_by_position), reserve_cpc_vnd=ps.reserve_cpc_vnd, advertisers=names)
    shown = table["status"] == "shown"
    ctr = [ps.ctr_by_position[int(p) - 1] if s else 0.0 for p, s in zip(table["position"], shown, strict=True)]
    clicks = pd.Series(ctr, index=table.index, dtype=float) * ps.daily_searches
    shop = (table["advertiser"] == "shop") & shown
    if shop.any():
        cpc = float(table.loc[shop, "cpc_vnd"].iloc[0])
        if cpc > 0:
            clicks[shop] = clicks[shop].clip(upper=ps.daily_budget_vnd / cpc)
    table["ctr"] = ctr
    table["clicks_per_day"] = clicks
    table["spend_per_day_vnd"] = (clicks * table["cpc_vnd"]).where(shown, 0.0)
    return table


# --------------------------------------------------------------------------- helpers


def _three(tables: object) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    t = tables_of(tables, ["customers", "orders", "marketing"])
    return t["customers"], t["orders"], t["marketing"]


def _as_one_channel(customers: pd.DataFrame, marketing: pd.DataFrame,
                    orders: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """customers, orders and marketing with every channel called ``"all"``."""
    c = require_columns(customers, ["customer_id", "acquired_via"], "customers")
    m = require_columns(marketing, ["channel"], "marketing")
    return c.assign(acquired_via=TOTAL), orders, m.assign(channel=TOTAL)
