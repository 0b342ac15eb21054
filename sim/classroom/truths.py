"""The hidden quantity behind each estimate question of the labs, computed for one shop.

Each lab ends with an estimate of something the shop cannot see: next year's first buyers, the
new customers a doubled budget brings, how many detractors truly churn, who is still a customer,
next year's margin or orders, next week's service level, next year's reliability gap, the
duplicates of the CRM export, next year's hit rate. The student estimates it from the observed
tables; grading compares the estimate with the value computed here from the shop's hidden tables
(``truth``, the CRM export's answer key) or from a hidden run of the same shop (a new year, a
doubled budget…), whose seed only the secret gives.

A :class:`Shop` is one shop seen from the lecturer's side: the variant (scenario and seeds), the
observed data as the student read it, and the hidden tables. :data:`ESTIMATES` lists the questions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from sim.base.codes import PERSONAS
from sim.base.units import DAYS_PER_YEAR
from sim.classroom.shop import LabData
from sim.classroom.variants import Variant
from sim.engine.result import Result
from sim.engine.service_desk import simulate_desk
from sim.engine.simulate import simulate
from sim.measures.acquisition import channel_economics
from sim.measures.nps import nps_churn
from sim.measures.queueing import agents_needed
from sim.measures.recommend import top_n
from sim.measures.rfm import rfm_scores, rfm_segments, rfm_table
from sim.measures.service_desk import desk_tickets, service_level
from sim.measures.service_quality import servqual_gaps
from sim.scenario.loader import with_changes

NEXT_YEAR_PROSPECTS = 2000
"""Lab 1, Câu 6: the new prospects of next year."""
LATE_SHARE = 0.3
"""Lab 8, Câu 6: the share of late deliveries with the cheaper carrier."""
CHURN_FOLLOW_UP_DAYS = 180
"""Lab 3, Câu 6: the follow-up after a survey answer."""
SERVICE_LEVEL_GOAL = 0.8
"""Lab 7, Câu 5–6: the share of chats to answer within the target."""
OPT_IN_VOUCHER_FACTOR = 2.0
"""Lab 15, Câu 6: next year's opt-in voucher, as a multiple of this year's."""
PAID_SEARCH_BID_VND = 30_000.0
"""Lab 17, Câu 6: next year's maximum CPC bid on paid search."""
PAID_SEARCH_BUDGET_FACTOR = 2.0
"""Lab 17, Câu 6: next year's paid-search daily budget, as a multiple of this year's (so that it does not bind)."""


@dataclass
class Shop:
    """One shop on the lecturer's side: what the student saw, and what only the lecturer has."""

    variant: Variant
    data: LabData
    hidden: dict[str, pd.DataFrame]
    truths: dict[str, float] = field(default_factory=dict)
    """The truths computed so far, by question (each is computed once)."""
    keep: Callable[[dict[str, float]], None] | None = field(default=None, repr=False)
    """Called with :attr:`truths` after a new one is computed (the grading's cache on disk)."""

    def truth(self, key: str) -> float:
        """The hidden truth of one estimate question (``"lab03_nps/cau6"``) for this shop."""
        if key not in self.truths:
            self.truths[key] = ESTIMATES[key].truth(self)
            if self.keep is not None:
                self.keep(self.truths)
        return self.truths[key]


@dataclass(frozen=True)
class EstimateQuestion:
    """An estimate question of a lab: where it is, what the student assigns, and its hidden truth."""

    lab: str
    question: str
    label_vi: str
    variable: str
    about_vi: str
    truth: Callable[[Shop], float]
    truth_vi: str = ""
    """How the truth is computed, in Vietnamese (for the lecturer's notes)."""
    unit: str = ""

    @property
    def key(self) -> str:
        return f"{self.lab}/{self.question}"


def _new_year(shop: Shop, seed_name: str, changes: dict[str, object] | None = None,
              customers: int | None = None) -> Result:
    """A hidden run: a new year of the student's own shop with ``changes`` (scenario fields), on the seed named
    ``seed_name`` (:meth:`~sim.classroom.variants.Variant.seed`), with ``customers`` prospects (default: as many as
    the changed shop draws at this year's rate, :meth:`~sim.classroom.variants.Variant.customers_at_same_rate`)."""
    v = shop.variant
    scenario = with_changes(v.scenario, changes) if changes else v.scenario
    prospects = v.customers_at_same_rate(scenario) if customers is None else customers
    return simulate(scenario, v.seed(seed_name), customers=prospects)


def _new_customers(run: Result, channel: str) -> float:
    """New customers a channel brought in a run (:func:`~sim.measures.acquisition.channel_economics`)."""
    return float(channel_economics(run.customers, run.orders, run.marketing).set_index("channel").loc[channel,
                                                                                                   "new_customers"])


def first_buyers_next_year(shop: Shop) -> float:
    """Lab 1: first purchases among :data:`NEXT_YEAR_PROSPECTS` new prospects, in a new year of the same shop."""
    return float(_new_year(shop, "lab01_cau6", customers=NEXT_YEAR_PROSPECTS).orders["is_first"].sum())


def social_new_customers_doubled(shop: Shop) -> float:
    """Lab 2: new customers of the social channel in a new year with twice the social budget."""
    budget = shop.variant.scenario.channels.social.daily_budget_vnd
    return _new_customers(_new_year(shop, "lab02_cau6", {"channels.social.daily_budget_vnd": 2 * budget}), "social")


def detractor_true_churn(shop: Shop) -> float:
    """Lab 3: share of all detractor answers whose customer truly churned within 180 days after answering."""
    churn = nps_churn(shop.data.tables["surveys"], truth=shop.hidden["truth"], method="true",
                      within_days=CHURN_FOLLOW_UP_DAYS).set_index("nps_group")
    return float(churn.loc["detractor", "churn_rate"])


def buyers_still_customers(shop: Shop) -> float:
    """Lab 4: share of the year's buyers who had not truly churned at the end of the window."""
    orders, truth = shop.data.tables["orders"], shop.hidden["truth"]
    buyers = truth.set_index("customer_id").loc[orders["customer_id"].unique()]
    end = shop.data.window_end
    return float((buyers["churned_at"].isna() | (buyers["churned_at"] > end)).mean())


def next_year_margin_per_buyer(shop: Shop) -> float:
    """Lab 5: mean gross margin in the year after the window, over every buyer of the year (0 for those who stop)."""
    orders, truth = shop.data.tables["orders"], shop.hidden["truth"]
    return float(truth.loc[truth["customer_id"].isin(orders["customer_id"]), "future_margin_vnd"].mean())


def champions_orders_next_year(shop: Shop) -> float:
    """Lab 6: orders in the year after the window of today's ``champions`` (RFM)."""
    orders, truth = shop.data.tables["orders"], shop.hidden["truth"]
    segments = rfm_segments(rfm_scores(rfm_table(orders)))
    champions = segments.loc[segments["segment"] == "champions", "customer_id"]
    return float(truth.loc[truth["customer_id"].isin(champions), "orders_after_window"].sum())


def next_week_service_level(shop: Shop) -> float:
    """Lab 7: chat service level of next week's desk with the Erlang C staffing of Câu 5 (reneging counts as missed)."""
    tickets, week = shop.data.desk_week, shop.variant.desk_week
    chat = week.service.chat
    arrivals_per_hour = (tickets["tool"] == "chat").sum() / (week.days * (chat.closes_hour - chat.opens_hour))
    handle_min = tickets.loc[(tickets["tool"] == "chat") & ~tickets["reneged"], "handle_min"].mean()
    target = week.service.service_level_target_min
    agents = agents_needed(arrivals_per_hour / 60, handle_min, target, SERVICE_LEVEL_GOAL)
    desk = week.service.model_copy(update={"chat": chat.model_copy(update={"agents": agents})})
    run = simulate_desk(desk, week.requests_per_hour, week.days, shop.variant.seed("lab07_cau6"))
    return float(service_level(desk_tickets(run), target, ["chat"])["service_level"].iloc[0])


def reliability_gap_late_carrier(shop: Shop) -> float:
    """Lab 8: the reliability gap of next year's surveys when 30% of orders are late."""
    run = _new_year(shop, "lab08_cau6", {"purchase.delivery_late_prob": LATE_SHARE}, customers=shop.variant.customers)
    return float(servqual_gaps(run.surveys).set_index("dimension").loc["reliability", "gap"])


def duplicate_records(shop: Shop) -> float:
    """Lab 9: records of the CRM export − distinct real customers."""
    key = shop.hidden["customers_dirty_truth"]
    return float(len(key) - key["customer_id"].nunique())


def true_customer_years(shop: Shop) -> float:
    """Lab 11: the years the year's buyers truly were customers within the window.

    Σ over buyers of (min(churned_at, window end) − first order) / 365 days (:data:`~sim.base.units.DAYS_PER_YEAR`): the denominator the
    retention cost per customer-year would have if the shop knew when each customer truly left.
    """
    orders, truth = shop.data.tables["orders"], shop.hidden["truth"]
    end = pd.Timestamp(shop.data.window_end)
    first = orders.groupby("customer_id")["at"].min()
    churned = pd.to_datetime(truth.set_index("customer_id").loc[first.index, "churned_at"])
    until = churned.fillna(end).clip(upper=end)
    return float(((until - first).dt.total_seconds() / 86400 / DAYS_PER_YEAR).clip(lower=0).sum())


def first_buyers_with_quality_verification(shop: Shop) -> float:
    """Lab 12: first purchases among :data:`NEXT_YEAR_PROSPECTS` new prospects of a new year with quality verification on."""
    run = _new_year(shop, "lab12_cau4", {"trust.quality_verification": True}, customers=NEXT_YEAR_PROSPECTS)
    return float(run.orders["is_first"].sum())


FOCUS_PERSONA = "directed_buyer"
"""Lab 14, Câu 4: the web user type every prospect of next year belongs to."""


def first_buyer_rate_all_directed(shop: Shop) -> float:
    """Lab 14: the share of prospects who buy a first time, in a new year of about :data:`NEXT_YEAR_PROSPECTS` new
    prospects who are all :data:`FOCUS_PERSONA` (those they refer too)."""
    shares = {f"personas.{name}.share": 1.0 if name == FOCUS_PERSONA else 0.0 for name in PERSONAS}
    run = _new_year(shop, "lab14_cau4", shares, customers=NEXT_YEAR_PROSPECTS)
    return float(run.orders["is_first"].sum() / len(run.customers))


def time_split_hit_rate(orders: pd.DataFrame, cutoff: pd.Timestamp, n: int = 3) -> tuple[int, float]:
    """Hit rate@n of item-CF recommendations made from the orders before ``cutoff``, on each customer's first order after.

    Customers checked: those who bought before the cutoff and order again from it; their first order
    from the cutoff on (earliest ``at``, then ``order_id``) is a hit when its product is in their top-n,
    and customers buying again a product they had bought are left out (lab 10, Câu 5).

    Returns:
        ``(customers checked, hits / customers checked)``; the rate is NaN when no customer is checked.
    """
    before = orders[orders["at"] < cutoff]
    after = orders[orders["at"] >= cutoff].sort_values(["at", "order_id"])
    first = after.drop_duplicates("customer_id").merge(before[["customer_id"]].drop_duplicates(), on="customer_id")
    bought = before[["customer_id", "product_id"]].drop_duplicates().assign(_again=True)
    new = first.merge(bought, on=["customer_id", "product_id"], how="left")
    new = new[new["_again"].isna()]
    if new.empty:
        return 0, float("nan")
    hits = len(new.merge(top_n(before, n=n), on=["customer_id", "product_id"]))
    return len(new), hits / len(new)


def next_year_hit_rate(shop: Shop) -> float:
    """Lab 10: hit rate@3, in year two, of item-CF recommendations made from a whole first year (a two-year run)."""
    v = shop.variant
    two_years = with_changes(v.scenario, {"observation_days": 2 * v.scenario.observation_days, "truth_horizon_days": 0})
    run = simulate(two_years, v.seed("lab10_cau6"), customers=v.customers_at_same_rate(two_years))
    cutoff = pd.Timestamp(two_years.start_date) + pd.Timedelta(days=v.scenario.observation_days)
    return time_split_hit_rate(run.orders, cutoff)[1]


def opt_ins_with_bigger_voucher(shop: Shop) -> float:
    """Lab 15: people who opt in to the e-mail list in a new year whose opt-in voucher is twice this year's.

    Godin's first step (chương 6): P(opt in) = base + (max − base)·(1 − e^(−voucher / scale)) has diminishing
    returns, so twice the voucher brings far fewer than twice the opt-ins.
    """
    voucher_vnd = shop.variant.scenario.permission_marketing.incentive_vnd
    run = _new_year(shop, "lab15_cau6", {"permission_marketing.incentive_vnd": OPT_IN_VOUCHER_FACTOR * voucher_vnd})
    return float(run.customers["email_opt_in"].astype(bool).sum())


def repeat_rate_after_next_year(shop: Shop) -> float:
    """Lab 16: share of the year's new customers with two or more orders by the end of the following year.

    The scorecard's repeat rate (Agrawal et al. 2001, retention) counts only the orders of the window, so a
    customer won late in the year has had little time to come back; the truth adds the orders of the next year
    (``truth.orders_after_window``).
    """
    orders, truth = shop.data.tables["orders"], shop.hidden["truth"]
    count = orders.groupby("customer_id").size()
    later = truth.set_index("customer_id")["orders_after_window"].reindex(count.index).fillna(0)
    return float(((count + later) >= 2).mean())


def paid_search_new_customers_higher_bid(shop: Shop) -> float:
    """Lab 17: new customers of paid search in a new year with a 30,000 VND maximum bid and twice the daily budget.

    The GSP auction (ad rank = bid × Quality Score) moves the ad to a better position with a higher CTR; the
    doubled budget keeps the budget from binding.
    """
    budget_vnd = shop.variant.scenario.channels.paid_search.daily_budget_vnd
    run = _new_year(shop, "lab17_cau6", {"channels.paid_search.max_cpc_vnd": PAID_SEARCH_BID_VND,
                                         "channels.paid_search.daily_budget_vnd": PAID_SEARCH_BUDGET_FACTOR * budget_vnd})
    return _new_customers(run, "paid_search")


ESTIMATES: dict[str, EstimateQuestion] = {q.key: q for q in (
    EstimateQuestion("lab01_pheu_mua_hang", "cau6", "Câu 6", "du_bao_nguoi_mua",
                     "số khách mua lần đầu trong 2.000 khách tiềm năng của năm sau", first_buyers_next_year,
                     "Số khách mua lần đầu trong một năm mới của chính cửa hàng với 2.000 khách tiềm năng (một lần chạy ẩn)."),
    EstimateQuestion("lab02_chi_so_thu_hut", "cau6", "Câu 6", "du_bao_khach_moi_social",
                     "số khách hàng mới của kênh mạng xã hội khi ngân sách gấp đôi", social_new_customers_doubled,
                     "Số khách hàng mới của kênh mạng xã hội trong một năm mới của chính cửa hàng với ngân sách quảng cáo "
                     "mạng xã hội gấp đôi (một lần chạy ẩn)."),
    EstimateQuestion("lab03_nps", "cau6", "Câu 6", "uoc_luong_roi_bo_detractor",
                     "tỷ lệ rời bỏ thật trong 180 ngày của khách không hài lòng", detractor_true_churn,
                     "Trong mọi câu trả lời không hài lòng (0–6 điểm) của năm, tỷ lệ có khách rời bỏ thật (bảng truth, cột "
                     "churned_at) trong 180 ngày sau câu trả lời."),
    EstimateQuestion("lab04_giu_chan", "cau6", "Câu 6", "uoc_luong_con_lai",
                     "tỷ lệ khách đã mua chưa rời bỏ thật khi hết cửa sổ quan sát", buyers_still_customers,
                     "Trong các khách có đơn trong năm, tỷ lệ chưa rời bỏ thật (bảng truth) khi hết cửa sổ quan sát."),
    EstimateQuestion("lab05_ltv", "cau6", "Câu 6", "du_bao_loi_nhuan",
                     "lợi nhuận gộp năm sau của mỗi khách đã mua", next_year_margin_per_buyer,
                     "Lợi nhuận gộp trung bình trong năm sau cửa sổ (bảng truth, cột future_margin_vnd) của mọi khách đã mua "
                     "trong năm, kể cả khách không mua nữa.", "VND"),
    EstimateQuestion("lab06_rfm", "cau6", "Câu 6", "du_bao_don_champions",
                     "số đơn năm sau của khách champions hôm nay", champions_orders_next_year,
                     "Tổng số đơn trong năm sau cửa sổ (bảng truth) của các khách ở phân khúc champions tính đến đơn hàng "
                     "cuối cùng của năm."),
    EstimateQuestion("lab07_nhan_su_cham_soc", "cau6", "Câu 6", "du_bao_muc_phuc_vu",
                     "mức phục vụ chat của tuần sau", next_week_service_level,
                     "Mức phục vụ chat của một tuần mới ở bàn dịch vụ của chính cửa hàng, với số nhân viên Erlang C của Câu 5 "
                     "(một lần chạy ẩn); khách bỏ hàng đợi tính là chưa được trả lời."),
    EstimateQuestion("lab08_servqual", "cau6", "Câu 6", "du_bao_khoang_cach_tin_cay",
                     "khoảng cách tin cậy năm sau với 30% đơn giao trễ", reliability_gap_late_carrier,
                     "Khoảng cách tin cậy (reliability) trong khảo sát của một năm mới của chính cửa hàng khi 30% đơn giao trễ "
                     "(một lần chạy ẩn)."),
    EstimateQuestion("lab09_chat_luong_du_lieu", "cau6", "Câu 6", "uoc_luong_ban_trung",
                     "số bản ghi trùng của danh sách xuất từ CRM", duplicate_records,
                     "Số bản ghi của danh sách xuất từ CRM trừ số khách hàng thật khác nhau (đáp án của bản xuất)."),
    EstimateQuestion("lab10_goi_y", "cau6", "Câu 6", "du_bao_hit",
                     "tỷ lệ trúng @3 của gợi ý trong năm sau", next_year_hit_rate,
                     "Tỷ lệ trúng @3 trong năm thứ hai của một lần chạy hai năm của chính cửa hàng, với gợi ý item-CF lập từ "
                     "toàn bộ năm đầu (một lần chạy ẩn)."),
    EstimateQuestion("lab15_marketing_cho_phep", "cau6", "Câu 6", "du_bao_dang_ky",
                     "số người đăng ký nhận e-mail năm sau khi phiếu quà tặng đăng ký gấp đôi", opt_ins_with_bigger_voucher,
                     "Số người đăng ký nhận e-mail (email_opt_in) trong một năm mới của chính cửa hàng, với phiếu quà tặng "
                     "đăng ký gấp đôi năm nay (một lần chạy ẩn)."),
    EstimateQuestion("lab16_marketing_chuyen_doi", "cau6", "Câu 6", "du_bao_ty_le_lap_lai",
                     "tỷ lệ khách hàng mới của năm có từ 2 đơn trở lên khi hết năm sau", repeat_rate_after_next_year,
                     "Trong các khách hàng mới của năm (có đơn trong bảng orders), tỷ lệ có từ 2 đơn trở lên khi tính cả "
                     "các đơn của năm sau cửa sổ (bảng truth, cột orders_after_window)."),
    EstimateQuestion("lab17_quan_tri_thu_hut", "cau6", "Câu 6", "du_bao_khach_moi_tim_kiem",
                     "số khách hàng mới của quảng cáo tìm kiếm khi giá thầu tối đa là 30.000 ₫",
                     paid_search_new_customers_higher_bid,
                     "Số khách hàng mới của kênh quảng cáo tìm kiếm trả tiền trong một năm mới của chính cửa hàng, với giá "
                     "thầu tối đa 30.000 ₫ một lượt nhấp và ngân sách ngày gấp đôi (một lần chạy ẩn)."),
    EstimateQuestion("lab11_bon_hoat_dong", "cau4", "Câu 4", "uoc_luong_nam_khach_hang",
                     "tổng số năm làm khách hàng thật của những khách đã mua", true_customer_years,
                     "Tổng, trên mọi khách có đơn trong năm, của thời gian từ đơn đầu tiên đến khi khách rời bỏ thật (bảng truth, "
                     "cột churned_at) hoặc đến hết cửa sổ quan sát nếu khách chưa rời bỏ, tính bằng năm (365 ngày)."),
    EstimateQuestion("lab12_niem_tin", "cau4", "Câu 4", "du_bao_nguoi_mua_kiem_dinh",
                     "số khách mua lần đầu trong 2.000 khách tiềm năng năm sau khi có kiểm định chất lượng",
                     first_buyers_with_quality_verification,
                     "Số khách mua lần đầu trong một năm mới của chính cửa hàng với 2.000 khách tiềm năng, khi cửa hàng bật "
                     "kiểm định chất lượng (trust.quality_verification; một lần chạy ẩn)."),
    EstimateQuestion("lab13_b2c_b2b", "cau4", "Câu 4", "uoc_luong_con_la_khach",
                     "tỷ lệ khách đã mua chưa rời bỏ thật khi hết cửa sổ quan sát", buyers_still_customers,
                     "Trong các khách có đơn trong năm, tỷ lệ chưa rời bỏ thật (bảng truth) khi hết cửa sổ quan sát (cùng sự "
                     "thật với Câu 6 của lab04_giu_chan, hỏi ở đây để so khách B2C với khách doanh nghiệp)."),
    EstimateQuestion("lab14_tap_trung_khach_hang", "cau4", "Câu 4", "du_bao_ty_le_mua_truc_tiep",
                     "tỷ lệ mua lần đầu khi mọi khách tiềm năng là người mua trực tiếp", first_buyer_rate_all_directed,
                     "Số khách mua lần đầu chia cho số khách tiềm năng trong một năm mới của chính cửa hàng với khoảng 2.000 khách "
                     "tiềm năng (cùng những người họ giới thiệu), tất cả thuộc loại người mua trực tiếp "
                     "(personas.directed_buyer.share = 1, các loại khác 0; một lần chạy ẩn)."),
)}
"""Every estimate question of the labs, by ``"lab/question"``."""


__all__ = ["ESTIMATES", "EstimateQuestion", "Shop", "time_split_hit_rate"]
