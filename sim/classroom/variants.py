"""Each student's own shop: a variant of the default shop, and the seeds of its runs.

The variant family (:data:`FAMILY`) is the default shop with some of its levers drawn within
bounds: prices, the acquisition budget of each channel, the service staffing and the desk's
speed, delivery, churn and the survey's response rate. A student's variant draws each lever
from a generator seeded by the secret and the student's id (:func:`sim.classroom.secret.derive_seed`),
so two students have different shops in substance (their answers differ, not only by noise),
and the same secret and id always give the same shop. The changes are made with
:func:`sim.with_changes`, so every variant is a validated scenario.

A variant also has the promotion week of its service desk (lab 7) and the seeds of every run:
the student's shop (:data:`PURPOSES`), the CRM export (lab 9), the promotion week (lab 7), and
the hidden runs that some estimate questions are graded against.

Typical use (the lecturer's machine)::

    from sim.classroom.variants import variant_for
    v = variant_for(secret, "B21DCCN001")
    v.levers            # what was drawn
    v.scenario          # the shop, a Scenario
    v.seed("cua_hang")  # the seed of the student's shop
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sim.base.errors import ScenarioError
from sim.classroom.errors import ClassroomError
from sim.classroom.secret import derive_seed
from sim.engine.channels import channel_plan
from sim.scenario.loader import load_scenario, with_changes
from sim.scenario.schema import Scenario, Service

BASE_SCENARIO = "default"
"""The shop every variant starts from."""
PRICE_SCALE = "catalogue.price_scale"
"""Not a scenario field: every price tier of every category is multiplied by this (rounded to 1.000 VND)."""
PRICE_STEP_VND = 1000


@dataclass(frozen=True)
class Lever:
    """One field of the shop drawn for each student: uniform on [low, high] in steps of ``step``.

    A field whose default is true/false is drawn as a coin toss (``low`` = 0, ``high`` = 1, ``step`` = 1).
    """

    path: str
    low: float
    high: float
    step: float
    about_vi: str


FAMILY: tuple[Lever, ...] = (
    Lever(PRICE_SCALE, 0.85, 1.20, 0.01, "giá niêm yết của mọi ngành hàng (hệ số nhân)"),
    Lever("evaluation.price_index", 0.92, 1.08, 0.01, "giá so với đối thủ"),
    Lever("channels.paid_search.daily_budget_vnd", 250_000, 600_000, 10_000, "ngân sách quảng cáo tìm kiếm mỗi ngày"),
    Lever("channels.social.daily_budget_vnd", 8_000, 30_000, 1_000, "ngân sách quảng cáo mạng xã hội mỗi ngày"),
    Lever("channels.social.referral_prob", 0.12, 0.30, 0.01, "xác suất một lần mua của khách ủng hộ đem về một người được giới thiệu"),
    Lever("channels.email.sends_per_month", 1, 3, 1, "số lần gửi e-mail cho danh sách đối tác mỗi tháng"),
    Lever("channels.affiliate.visits_per_day", 1.5, 3.5, 0.1, "lượt ghé từ tiếp thị liên kết mỗi ngày"),
    Lever("channels.organic_search.seo_score", 0.35, 0.60, 0.01, "điểm SEO"),
    Lever("channels.direct.visits_per_day", 2.0, 3.5, 0.1, "lượt truy cập trực tiếp mỗi ngày"),
    Lever("trust.security_badge", 0, 1, 1, "huy hiệu bảo mật (SSL)"),
    Lever("purchase.delivery_late_prob", 0.06, 0.15, 0.01, "tỷ lệ đơn giao trễ"),
    Lever("churn.monthly_hazard", 0.18, 0.42, 0.01, "nguy cơ rời bỏ mỗi tháng"),
    Lever("survey.response_rate", 0.28, 0.42, 0.01, "tỷ lệ trả lời khảo sát"),
    Lever("service.chat.agents", 1, 2, 1, "số nhân viên chat"),
    Lever("service.email.agents", 1, 2, 1, "số nhân viên e-mail"),
    Lever("service.chat.mean_handle_min", 6.5, 8.0, 0.5, "thời gian xử lý trung bình một yêu cầu chat (phút)"),
    Lever("service.mean_patience_min", 4.0, 8.0, 0.5, "kiên nhẫn trung bình trong hàng đợi chat (phút)"),
)
"""The variant family: what differs between two students' shops, and within which bounds."""

DESK_WEEK_RATE = Lever("desk_week.requests_per_hour", 42, 52, 1, "yêu cầu dịch vụ mỗi giờ trong tuần khuyến mãi")
"""Lab 7's promotion week: how busy the desk is (with the chat handling times of :data:`FAMILY`, three chat agents
stay below full load, ρ < 1, so that Erlang C holds for the smallest staffing the lab tabulates)."""
DESK_WEEK_DAYS = 7
DESK_WEEK_START = "2026-11-09"
"""Monday 9 November 2026, 0 h: the promotion week's first day."""
DESK_WEEK_STAFF = {"service.chat.agents": 3, "service.email.agents": 12}
"""The promotion week's staff (lab 7 asks how many chat agents are needed beyond these three)."""

CRM_PROSPECTS = 3000
"""Prospects of the run whose customer list is exported dirty (lab 9)."""

PURPOSES: tuple[str, ...] = (
    "bien_the",          # the draws of the variant's levers
    "cua_hang",          # the student's shop: the observed tables
    "crm",               # the dirty CRM export (lab 9)
    "tuan_khuyen_mai",   # the promotion week of the service desk (lab 7)
    "lab01_cau6",        # hidden runs that estimates are graded against
    "lab02_cau6",
    "lab07_cau6",
    "lab08_cau6",
    "lab10_cau6",
    "lab15_cau6",        # the hidden run of lab 15 (twice the opt-in voucher)
    "lab17_cau6",        # the hidden run of lab 17 (a higher paid-search bid)
    "lab12_cau4",
    "lab14_cau4",
)
"""Every run of a student: one seed each."""


@dataclass(frozen=True)
class DeskWeek:
    """The promotion week of the service desk (lab 7): the desk, the load, the length and the first day."""

    service: Service
    requests_per_hour: float
    days: int = DESK_WEEK_DAYS
    start: str = DESK_WEEK_START


@dataclass(frozen=True)
class Variant:
    """One student's shop and the seeds of its runs."""

    student_id: str
    scenario: Scenario
    levers: dict[str, float | bool]
    desk_week: DeskWeek
    customers: int | None = None
    """Expected prospects of the shop (``None``: the scenario's own, about 10.000 a year)."""
    seeds: dict[str, int] = field(default_factory=dict, repr=False)

    def seed(self, purpose: str) -> int:
        """The seed of one of the student's runs (a name in :data:`PURPOSES`)."""
        if purpose not in self.seeds:
            raise ClassroomError([("purpose", purpose, f"phải là một trong {list(PURPOSES)}", f"must be one of {list(PURPOSES)}")])
        return self.seeds[purpose]

    def customers_at_same_rate(self, scenario: Scenario) -> int | None:
        """The ``customers=`` that runs ``scenario`` with the prospects of this shop's channels scaled alike.

        A hidden run with a changed shop (twice the social budget, two years) must keep the student's
        scale: ``simulate(..., customers=N)`` scales every channel to N expected prospects, so N is the
        shop's scale times the changed scenario's expected prospects. ``None`` when the shop is full size.
        """
        if self.customers is None:
            return None
        scale = self.customers / expected_prospects(self.scenario)
        return max(1, round(scale * expected_prospects(scenario)))


def expected_prospects(scenario: Scenario) -> float:
    """Prospects a run of the scenario expects over its observation window (all channels)."""
    return channel_plan(scenario).total_per_day * scenario.observation_days


def _draw(lever: Lever, rng: np.random.Generator) -> float | bool:
    steps = round((lever.high - lever.low) / lever.step)
    value = lever.low + lever.step * int(rng.integers(0, steps + 1))
    if lever.step == 1 and lever.low == 0 and lever.high == 1 and lever.path.startswith("trust."):
        return bool(value)
    if float(lever.step).is_integer() and float(lever.low).is_integer():
        return int(value)
    decimals = max(0, -math.floor(math.log10(lever.step)))
    return round(value, decimals)


def draw_levers(secret: bytes, student_id: str) -> dict[str, float | bool]:
    """The values of :data:`FAMILY` and of the promotion week's load for one student."""
    rng = np.random.default_rng(derive_seed(secret, student_id, "bien_the"))
    return {lever.path: _draw(lever, rng) for lever in (*FAMILY, DESK_WEEK_RATE)}


def shop_scenario(levers: dict[str, float | bool]) -> Scenario:
    """The student's shop: the default shop with the drawn levers (``sim.with_changes``)."""
    base = load_scenario(BASE_SCENARIO)
    changes = {path: value for path, value in levers.items() if path not in (PRICE_SCALE, DESK_WEEK_RATE.path)}
    scale = float(levers.get(PRICE_SCALE, 1.0))
    if scale != 1.0:
        categories = {name: {**category.model_dump(),
                             "price_tiers_vnd": [float(PRICE_STEP_VND * round(p * scale / PRICE_STEP_VND))
                                                 for p in category.price_tiers_vnd]}
                      for name, category in base.catalogue.categories.items()}
        changes["catalogue.categories"] = categories
    scenario = with_changes(base, changes)
    return scenario.model_copy(update={"name": f"{BASE_SCENARIO} (biến thể)"})


def variant_for(secret: bytes, student_id: str, *, customers: int | None = None) -> Variant:
    """The shop of one student, from the class's secret.

    Args:
        secret: the class's secret (:func:`sim.classroom.secret.check_secret`).
        student_id: the student's id as on the roster (case does not matter).
        customers: expected prospects of the shop (``None``: the scenario's own; small shops for tests).

    Raises:
        ClassroomError: ``customers`` is not a positive integer.
    """
    if customers is not None and (isinstance(customers, bool) or not isinstance(customers, int) or customers < 100):
        raise ClassroomError([("customers", customers, "số khách tiềm năng phải là số nguyên ≥ 100 (hoặc để trống: cỡ "
                                                       "của kịch bản)", "the number of prospects must be an integer ≥ 100 "
                                                       "(or none: the scenario's own)")])
    levers = draw_levers(secret, student_id)
    try:
        scenario = shop_scenario(levers)
        desk = with_changes(scenario, DESK_WEEK_STAFF).service
    except ScenarioError as exc:  # a family whose bounds the schema refuses: a bug of the family, said plainly
        raise ClassroomError([("FAMILY", student_id, f"họ biến thể tạo ra một kịch bản không hợp lệ: {exc}",
                               f"the variant family made an invalid scenario: {exc}")]) from exc
    seeds = {purpose: derive_seed(secret, student_id, purpose) for purpose in PURPOSES}
    return Variant(student_id=student_id, scenario=scenario, levers=levers,
                   desk_week=DeskWeek(desk, float(levers[DESK_WEEK_RATE.path])), customers=customers, seeds=seeds)


__all__ = ["CRM_PROSPECTS", "DESK_WEEK_RATE", "FAMILY", "PURPOSES", "DeskWeek", "Lever", "Variant", "draw_levers",
           "expected_prospects", "shop_scenario", "variant_for"]
