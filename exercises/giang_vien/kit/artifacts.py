"""The charts and tables that each topic's slides and handout show: the course's own, drawn from one run.

Each topic gets one to three artifacts, the same charts its notebook draws (functions of
:mod:`sim.charts` on measures of :mod:`sim.measures`), on the default shop's year with seed 2026 –
the run that made the shipped data (``datasets/``), so the slides show what the notebook shows. Topic 15
uses the same run with the dirty CRM export; topics 3 and 5 show tables.

A chart becomes a PNG (:func:`sim.charts.render.to_png`, fonts bundled, nothing fetched); a table
becomes rows of text already written the Vietnamese way. A chart that cannot be drawn on the run
becomes a note saying why, so one bad chart does not stop the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

import sim
from sim.base.errors import BilingualError
from sim.base.formats import vi_number
from sim.base.labels import label, label_map
from sim.charts.activity_segments import activity_segments_chart
from sim.charts.auction import auction_chart
from sim.charts.channel_economics import channel_economics_chart
from sim.charts.cohort_heatmap import cohort_heatmap
from sim.charts.data_quality import contact_quality_chart, duplicate_scores_chart
from sim.charts.desk_staffing import thin_ecdf
from sim.charts.dropout_reasons import dropout_reasons_chart
from sim.charts.four_activities import four_activities_chart
from sim.charts.funnel import funnel_chart
from sim.charts.gap_priority import gap_priority_chart
from sim.charts.lifecycle_tools import lifecycle_tools_chart
from sim.charts.ltv_formula import ltv_formula_chart
from sim.charts.ltv_grid import ltv_grid
from sim.charts.nps_churn import nps_churn
from sim.charts.nps_distribution import nps_distribution
from sim.charts.offer_shares import offer_shares_chart
from sim.charts.permission import list_growth
from sim.charts.render import to_png
from sim.charts.rfm_segments import rfm_segments
from sim.charts.satisfaction_loyalty import satisfaction_loyalty
from sim.charts.scorecard import scorecard_chart
from sim.charts.seo_contributions import seo_contributions_chart
from sim.charts.servqual_gaps import servqual_gaps_chart
from sim.charts.wait_times import wait_times_chart
from sim.experiments.acquisition_whatif import scenario_auction, scorecard_with_total
from sim.experiments.comparison import steps_table
from sim.measures import data_quality as dq
from sim.measures import extension, funnel, nps, permission, recommend, retention, rfm, service_desk, service_quality, value
from sim.measures.acquisition import channel_economics
from sim.measures.four_activities import four_activities
from sim.measures.seo import seo_contributions
from sim.report.png import compact_png

SEED = 2026
"""The seed of the shipped data and of every notebook."""

PNG_SCALE = 2.0
"""Charts are drawn at twice their size: sharp on a projector and in print."""


@dataclass(frozen=True)
class Artifact:
    """A chart (``png``) or a table (``header`` and ``rows`` of text), with its caption; ``note`` when it could not be made."""

    caption: str
    png: bytes = b""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""


@dataclass
class Runs:
    """The runs the artifacts are drawn from, made once and shared by every topic."""

    seed: int = SEED
    customers: int | None = None
    """Scale each run to about this many prospects (``None``: the full default shop, as the notebooks)."""
    _cache: dict[str, sim.Result] = field(default_factory=dict)

    @property
    def year(self) -> sim.Result:
        """The default shop's year (the shipped data when ``seed`` is 2026 and ``customers`` is None)."""
        if "year" not in self._cache:
            self._cache["year"] = sim.simulate("default", seed=self.seed, customers=self.customers)
        return self._cache["year"]

    @property
    def dirty(self) -> sim.Result:
        """The same shop with the dirty CRM export (topic 15)."""
        if "dirty" not in self._cache:
            self._cache["dirty"] = sim.simulate("default", seed=self.seed, customers=self.customers, dirty=True)
        return self._cache["dirty"]


def _cost_table(r: Runs) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    c = value.acquisition_retention_cost_ratio(r.year.marketing, r.year.orders)
    names = label_map("cost_ratio")
    money = ("cost_per_new_customer_vnd", "retention_cost_per_customer_year_vnd")
    rows = [(names.get(k, k), vi_number(float(c[k]), 0)) for k in money]
    rows.append((names.get("ratio", "ratio"), f"{vi_number(float(c['ratio']), 1)} lần"))
    hits = [(label("recommend_method", m), f"{vi_number(100 * recommend.hit_rate(r.year.orders, n=5, method=m)['hit_rate'], 1)}%")
            for m in recommend.METHODS]
    return ("Chỉ số", label("cost_ratio", "value")), rows + [(f"{label('hit_rate', 'hit_rate')} (N = 5): {m}", v) for m, v in hits]


def _steps(r: Runs) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    table = steps_table(sim.load_scenario("demo"))
    steps = label_map("centred_step")
    cols = list(table.columns)
    rows = [tuple(steps.get(str(v), str(v)) if c == "step" else _cell(v) for c, v in zip(cols, row, strict=True))
            for row in table.itertuples(index=False)]
    header = {"step": label("report_column", "step"), "field": label("report_column", "field"),
              "before": "Trước (cửa hàng demo)", "after": "Sau khi làm bước này"}
    return tuple(header.get(c, c) for c in cols), rows


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "bật" if value else "tắt"
    if isinstance(value, float):
        return vi_number(value, 2 if abs(value) < 10 else 0)
    return str(value)


ChartMaker = Callable[[Runs], object]
TableMaker = Callable[[Runs], tuple[tuple[str, ...], list[tuple[str, ...]]]]


def _j(r: Runs) -> pd.DataFrame:
    return r.year.journey


SPECS: dict[int, list[tuple[str, str, ChartMaker | TableMaker]]] = {
    0: [("chart", "Bốn hoạt động của CRM trong một năm của cửa hàng mặc định",
         lambda r: four_activities_chart(four_activities(r.year)))],
    1: [("chart", "Khách rời bỏ ở bước nào, vì lý do gì",
         lambda r: dropout_reasons_chart(funnel.dropout_reasons(_j(r)))),
        ("chart", "Tỷ lệ mua lại trong 180 ngày theo mức hài lòng",
         lambda r: satisfaction_loyalty(retention.satisfaction_loyalty(r.year.surveys, r.year.orders, measure="repurchase"),
                                        measure="repurchase"))],
    2: [("chart", "Phễu mua hàng 5 bước", lambda r: funnel_chart(funnel.funnel(_j(r)))),
        ("chart", "Phễu theo 5 loại người dùng web (Lewis & Lewis 1997)",
         lambda r: funnel_chart(funnel.funnel(_j(r), r.year.customers, by="persona")))],
    3: [("table", "Chi phí để có một khách hàng mới so với chi phí duy trì một khách hàng cũ; tỷ lệ trúng của gợi ý",
         _cost_table)],
    4: [("chart", "Yêu cầu dịch vụ theo giai đoạn của chu trình sống và công cụ",
         lambda r: lifecycle_tools_chart(service_desk.lifecycle_tool_table(r.year.tickets))),
        ("chart", "Thời gian chờ của phòng chat và e-mail",
         lambda r: wait_times_chart(thin_ecdf(service_desk.wait_ecdf(r.year.tickets), r.year.scenario.service.service_level_target_min),
                                    r.year.scenario.service.service_level_target_min))],
    5: [("table", "Năm bước xây dựng thương mại điện tử tập trung vào khách hàng: đòn bẩy trong kịch bản", _steps)],
    6: [("chart", "Danh sách e-mail có sự cho phép trong một năm",
         lambda r: list_growth(permission.list_growth(r.year.customers, r.year.marketing, freq="W")))],
    7: [("chart", "Thẻ điểm thu hút – chuyển đổi – duy trì theo kênh", lambda r: scorecard_chart(scorecard_with_total(r.year)))],
    8: [("chart", "CPA và ROI của các kênh thu hút",
         lambda r: channel_economics_chart(channel_economics(r.year.customers, r.year.orders, r.year.marketing))),
        ("chart", "Điểm SEO của một trang: đóng góp của từng yếu tố",
         lambda r: seo_contributions_chart(seo_contributions(
             {"title": 1.0, "keyword_density": 0.5, "h1": 1.0, "h2": 0.5, "document_name": 0.0, "meta_description": 1.0,
              "meta_keywords": 0.0, "backlinks": 0.2, "anchor_text": 0.2, "hub": 0.1, "authority": 0.2,
              "link_velocity": 0.1}))),
        ("chart", "Đấu giá quảng cáo tìm kiếm trả tiền", lambda r: auction_chart(scenario_auction(r.year.scenario)))],
    9: [("chart", "Phân bố điểm 0–10 và NPS",
         lambda r: nps_distribution(nps.score_distribution(r.year.surveys), nps.nps_summary(r.year.surveys))),
        ("chart", "NPS và rời bỏ trong 180 ngày sau câu trả lời",
         lambda r: nps_churn(observed=nps.nps_churn(r.year.surveys, orders=r.year.orders, method="observed", within_days=180),
                             true=nps.nps_churn(r.year.surveys, truth=r.year.truth, method="true", within_days=180),
                             within_days=180))],
    10: [("chart", "Sự hài lòng và lòng trung thành: ba vùng",
          lambda r: satisfaction_loyalty(retention.satisfaction_loyalty(r.year.surveys, r.year.orders, measure="repurchase",
                                                                        within_days=180), measure="repurchase")),
         ("chart", "Tỷ lệ duy trì theo tháng mua đầu tiên", lambda r: cohort_heatmap(retention.cohort_retention(r.year.orders)))],
    11: [("chart", "Phân khúc theo hoạt động và rời bỏ thật",
          lambda r: activity_segments_chart(extension.segment_summary(
              retention.activity_segments(r.year.orders, active_days=90, lapsed_days=180), "activity_segment",
              retention.ACTIVITY_SEGMENTS, truth=r.year.truth), active_days=90, lapsed_days=180))],
    12: [("chart", "LTV = m × r / (1 + d − r) theo tỷ lệ duy trì",
          lambda r: ltv_formula_chart(extension.formula_ltv_curve(300_000, 0.6, 0.1))),
         ("chart", "Lưới phân khúc theo LTV (Chaffey Hình 9.15)",
          lambda r: ltv_grid(value.ltv_grid_counts(value.ltv_segments(extension.ltv_with_truth(
              value.ltv_estimates(r.year.orders, discount_rate=0.0, horizon_years=1), r.year.truth), split="median"))))],
    13: [("chart", "Khoảng cách chất lượng dịch vụ RATER", lambda r: servqual_gaps_chart(service_quality.servqual_gaps(r.year.surveys))),
         ("chart", "Khoảng cách và mức tác động đến sự hài lòng",
          lambda r: gap_priority_chart(service_quality.gap_priorities(r.year.surveys)))],
    14: [("chart", "Tỷ lệ đơn nhận lời chào mời bán kèm, bán gia tăng theo ngành hàng",
          lambda r: offer_shares_chart(extension.offer_shares(r.year.orders, by="category"), "category")),
         ("chart", "Phân khúc RFM",
          lambda r: rfm_segments(rfm.rfm_segment_summary(rfm.rfm_segments(rfm.rfm_scores(rfm.rfm_table(r.year.orders))))))],
    15: [("chart", "Danh sách khách hàng «bẩn»: e-mail và điện thoại hợp lệ",
          lambda r: contact_quality_chart(dq.validity(r.dirty.customers_dirty))),
         ("chart", "Chấm quy tắc tìm bản ghi trùng: precision, recall, F1",
          lambda r: duplicate_scores_chart(dq.score_pairs(dq.duplicate_pairs(r.dirty.customers_dirty, name_similarity_min=0.85),
                                                          r.dirty.customers_dirty_truth)))],
}
"""Topic → its artifacts: (kind, caption, maker)."""


def topic_artifacts(topic: int, runs: Runs, scale: float = PNG_SCALE) -> list[Artifact]:
    """The artifacts of one topic, drawn on ``runs``; one that fails becomes an :class:`Artifact` with a note.

    Args:
        topic: 0–15.
        runs: the shared runs.
        scale: pixels per chart pixel of the PNGs (2 for projector and print; 1 is enough for a quick check).
    """
    made: list[Artifact] = []
    for kind, caption, make in SPECS[topic]:
        try:
            if kind == "chart":
                made.append(Artifact(caption, png=compact_png(to_png(make(runs), scale))))
            else:
                header, rows = make(runs)
                made.append(Artifact(caption, header=tuple(header), rows=tuple(tuple(r) for r in rows)))
        except (BilingualError, KeyError, ValueError) as exc:
            made.append(Artifact(caption, note=f"Không vẽ được / could not be drawn: {exc}"))
    return made


__all__ = ["PNG_SCALE", "SEED", "SPECS", "Artifact", "Runs", "topic_artifacts"]
