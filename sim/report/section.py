"""The "Quan hệ khách hàng" section as a list of blocks: headings, paragraphs, tables and figures.

The section follows :data:`sim.report.layout.SECTIONS`: a heading "Quan hệ khách hàng", then numbered
sub-sections (1. Khách hàng mục tiêu … 8. Lộ trình 5 bước …), each with a short text that quotes the
run's figures (what the tables show, not what they mean), its tables ("Bảng n", caption above) and its
charts ("Hình n", caption below), and then the group's own reasoning: the paragraphs of the group's file
(:mod:`sim.report.group_text`) or, where the group has not written yet, a visible placeholder with the
questions it must answer. The export never writes the interpretation for the group.
:mod:`sim.report.html_page` and :mod:`sim.report.word` turn the blocks into an HTML page and a Word
document; :mod:`sim.report.notebook` shows the same items in a notebook.

A measure that cannot be computed on a run (for instance no orders at all) does not stop the section:
its place holds a sentence that says why, in Vietnamese and English.

Typical use::

    from sim.report import build_section, run_project
    blocks = build_section(run_project("exercises/du_an_nhom/kich_ban.yaml", seeds=3, customers=2000))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sim.base.errors import BilingualError
from sim.base.labels import label
from sim.charts.kpi_comparison import measure_label
from sim.charts.render import to_png
from sim.measures import service_desk
from sim.measures.extension import offer_measures
from sim.measures.kpis import headline
from sim.measures.nps import nps_summary
from sim.report import figures as figs
from sim.report import section_tables as tabs
from sim.report.checklists import steps_checklist, steps_summary
from sim.report.group_text import check_group_text, paragraphs, prompt
from sim.report.layout import SECTION_KEY, SECTIONS, numbering
from sim.report.png import compact_png
from sim.report.project import Project
from sim.report.section_tables import number, percent, refer

PNG_SCALE = 2.0
"""Charts are drawn at twice their size in pixels, sharp enough to print."""


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 is the section ("Quan hệ khách hàng"), level 2 a numbered sub-section."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text; ``kind`` is ``"body"`` (figures of the run), ``"group"`` (the group's own text),
    ``"prompt"`` (a placeholder: what the group must still write) or ``"note"``."""

    text: str
    kind: str = "body"


@dataclass(frozen=True)
class Table:
    """A table with its numbered caption (``Bảng 1. …``); every cell is text."""

    key: str
    caption: str
    frame: pd.DataFrame = field(repr=False)


@dataclass(frozen=True)
class Figure:
    """A chart drawn as a PNG, with its numbered caption (``Hình 1. …``)."""

    key: str
    caption: str
    png: bytes = field(repr=False)


Block = Heading | Paragraph | Table | Figure


def numbered_caption(key: str) -> str:
    """``Hình 3. <caption>`` or ``Bảng 2. <caption>``: the item's number in the section and its caption."""
    kind, n = numbering(frozenset(figs.FIGURES))[key]
    text = figs.caption(key) if kind == "figure" else tabs.caption(key)
    return f"{label('report', kind)} {n}. {text}"


def heading(section: str) -> str:
    """The heading of a numbered sub-section (``"targets"`` → ``1. Khách hàng mục tiêu …``), or of the section."""
    return label("report", section)


def safe(compute: Any, *args: Any) -> tuple[Any, str | None]:
    """The value of ``compute(*args)``, or the bilingual message of the error that stopped it."""
    try:
        return compute(*args), None
    except BilingualError as exc:
        return None, str(exc)


def _kpis(p: Project) -> dict[str, float]:
    values, _ = safe(headline, p.result)
    return values or {}


def _intro(p: Project) -> list[str]:
    s = p.scenario
    scaled = (f", thu nhỏ còn khoảng {number(p.customers)} khách tiềm năng kỳ vọng để chạy nhanh" if p.customers else "")
    seeds = ", ".join(str(x) for x in p.seeds)
    return [
        f"Phần này trình bày quan hệ khách hàng của cửa hàng «{s.description or s.name}». Các bảng và hình là kết quả "
        f"mô phỏng bằng gói ecrm-sim (kịch bản «{s.name}», tệp {p.source}): mỗi khách tiềm năng đi qua quá trình quyết "
        f"định mua 5 bước, rồi có thể mua lại, yêu cầu dịch vụ, trả lời khảo sát và rời bỏ. Cửa sổ quan sát dài "
        f"{number(s.observation_days)} ngày kể từ {s.start_date:%d/%m/%Y}.",
        f"Mục 1–5 và 7 dùng một lần chạy (hạt giống {p.seeds[0]}{scaled}). Mục 6 so sánh cửa hàng với cửa hàng mặc "
        f"định của gói qua {len(p.seeds)} hạt giống ({seeds}), với khoảng tin cậy 95%. Đây là số liệu mô phỏng theo "
        "các giả định của nhóm trong tệp kịch bản, không phải số liệu thật của thị trường; báo cáo chỉ dùng những bảng "
        "mà một cửa hàng thật quan sát được (không dùng bảng «sự thật» của mô phỏng).",
    ]


def _targets(p: Project) -> list[str]:
    k = _kpis(p)
    return [
        f"Khách hàng được mô tả theo 5 loại người dùng web của Lewis & Lewis (1997). Trong "
        f"{number(p.scenario.observation_days)} ngày quan sát có {number(k.get('prospects'))} khách tiềm năng; "
        f"{number(k.get('buyers'))} người đã mua ít nhất một lần (tỷ lệ chuyển đổi {percent(k.get('buyer_rate'))}), "
        f"và {percent(k.get('journey_conversion'))} hành trình mua kết thúc bằng một đơn hàng. {refer(['personas'])} so "
        f"sánh cơ cấu khách trong kịch bản với số khách thật sự đến và mua; {refer(['funnel'])} là phễu của quá trình "
        f"quyết định mua 5 bước (phát hiện nhu cầu, tìm hiểu thông tin, đánh giá, mua hàng, đánh giá sau khi mua – "
        f"Bài giảng 000 §2); {refer(['dropout_reasons'])} cho biết khách rời bỏ ở bước nào và vì sao."
    ]


def _acquisition(p: Project) -> list[str]:
    k = _kpis(p)
    return [
        f"Mỗi kênh thu hút có mô hình chi phí riêng: tìm kiếm tự nhiên (SEO), quảng cáo tìm kiếm trả tiền (đấu giá theo "
        f"giá thầu × Quality Score), e-mail có sự cho phép, tiếp thị liên kết, mạng xã hội và giới thiệu, truy cập trực "
        f"tiếp. Chi phí để có một khách hàng mới (CAC) của cả cửa hàng là {number(k.get('cac_vnd'))} đồng. "
        f"{refer(['channels'])} cho lượng truy cập, số khách mới, tỷ lệ chuyển đổi, chi phí mỗi khách hàng mới (CPA) và "
        f"tỷ suất hoàn vốn (ROI) của từng kênh (Bài giảng 001; Chaffey Hình 9.6); {refer(['channel_economics'])} đặt "
        "các kênh trên một bản đồ CPA – ROI: kênh ở phía trên bên trái thu hút khách rẻ và hoàn vốn."
    ]


def _retention(p: Project) -> list[str]:
    k = _kpis(p)
    score, _ = safe(nps_summary, p.result.surveys)
    nps_text = "–" if score is None else (
        f"{number(score['nps'], 1)} điểm (khoảng tin cậy 95%: {number(score['ci_low'], 1)} … "
        f"{number(score['ci_high'], 1)}; {number(score['respondents'])} câu trả lời)")
    levers = p.scenario.retention
    used = [label("retention_lever", name) for name in ("personalization", "community", "loyalty_programme")
            if getattr(levers, name).enabled]
    return [
        f"Chỉ số khách hàng thiện cảm NPS = % ủng hộ (9–10) − % không hài lòng (0–6) (Reichheld 2006) của cửa hàng là "
        f"{nps_text}. {percent(k.get('repeat_rate'))} khách hàng đã mua lặp lại; {percent(k.get('active_share'))} còn "
        f"hoạt động (mua trong 90 ngày gần nhất). Chi phí để có một khách hàng mới gấp {number(k.get('retention_cost_ratio'), 1)} "
        f"lần chi phí duy trì một khách hàng cũ trong một năm (Bài giảng 000 §3 nêu mức 5–8 lần). Công cụ duy trì đang dùng: "
        f"{', '.join(used) if used else 'chưa có'}. {refer(['retention'])} gồm NPS và các chỉ số khách hàng lặp lại "
        f"(Chaffey Hình 9.13); {refer(['nps'])} là phân bố điểm giới thiệu; {refer(['survival'])} là tỷ lệ khách chưa "
        "rời bỏ theo số ngày kể từ đơn đầu tiên (ước lượng Kaplan–Meier; một khách được coi là rời bỏ khi 180 ngày "
        "không mua)."
    ]


def _extension(p: Project) -> list[str]:
    offers, _ = safe(offer_measures, p.result)
    cross = percent(offers.get("cross_sell_share")) if offers else "–"
    up = percent(offers.get("up_sell_share")) if offers else "–"
    return [
        f"Giá trị vòng đời (LTV) là lợi nhuận ròng khách hàng mang lại trong toàn bộ quan hệ. {refer(['ltv'])} cho LTV "
        f"lịch sử ròng (lợi nhuận gộp trừ chi phí thu hút) theo kênh thu hút; {refer(['ltv_grid'])} chia khách theo giá "
        f"trị hiện tại và giá trị tương lai ước lượng bằng công thức LTV = m × r / (1 + d − r), mỗi ô một chiến lược "
        f"(Chaffey Hình 9.15); {refer(['rfm_table', 'rfm'])} là các phân khúc RFM (Recency, Frequency, Monetary value – "
        f"Chaffey Hình 9.17). Tỷ lệ đơn có bán kèm (cross-sell): {cross}; có bán gia tăng (up-sell): {up}."
    ]


def _service(p: Project) -> list[str]:
    tickets = p.result.tickets
    share, _ = safe(service_desk.deflection, tickets)
    deflected = percent(share["deflection_rate"].iloc[0]) if share is not None else "–"
    target = p.scenario.service.service_level_target_min
    return [
        f"Khách gửi {number(len(tickets))} yêu cầu dịch vụ trong cửa sổ quan sát; {deflected} được tự phục vụ (trang theo "
        f"dõi đơn hàng, câu hỏi thường gặp – FAQ, trả lời tự động), phần còn lại cần nhân viên chat hoặc e-mail "
        f"(Bài giảng 000 §6). {refer(['service'])} cho mức phục vụ (tỷ lệ yêu cầu được trả lời trong "
        f"{tabs.setting_text(target)} phút), thời gian chờ và tỷ lệ khách bỏ hàng đợi; {refer(['wait_times'])} là "
        f"thời gian chờ theo công cụ; {refer(['servqual'])} là khoảng cách chất lượng dịch vụ cảm nhận − kỳ vọng theo "
        "các thành phần RATER (Parasuraman và cộng sự 1988)."
    ]


def _comparison(p: Project) -> list[str]:
    d = p.differences
    clear = [measure_label(m) for m, flag in zip(d["measure"], d["paired_differs"], strict=True) if not pd.isna(flag) and flag]
    if len(p.seeds) < 2:
        verdict = "Với một hạt giống không tính được khoảng tin cậy; hãy chạy với ít nhất 3 hạt giống."
    elif clear:
        verdict = f"Các chỉ số khác biệt rõ với cửa hàng mặc định: {'; '.join(clear)}."
    else:
        verdict = "Không chỉ số nào khác biệt rõ với cửa hàng mặc định qua các hạt giống này."
    scaled = (f" Cả hai cửa hàng được thu nhỏ về khoảng {number(p.customers)} khách tiềm năng mỗi lần chạy, nên các "
              "chỉ số tổng (số khách, lợi nhuận gộp) mô tả cửa hàng đã thu nhỏ; các tỷ lệ thì so sánh được."
              if p.customers else "")
    return [
        f"Một lần chạy mô phỏng chỉ là một lần «rút thăm». Vì vậy cửa hàng của nhóm và cửa hàng mặc định của gói được "
        f"chạy với cùng {len(p.seeds)} hạt giống; mỗi ô của {refer(['comparison_table'])} là trung bình và khoảng tin "
        f"cậy 95% (t Student) qua các hạt giống. Cột cuối cho biết khoảng tin cậy của chênh lệch theo cặp (cùng hạt "
        f"giống) có loại trừ số 0 không: «Có» là một khác biệt rõ. {refer(['comparison'])} vẽ các tỷ lệ đó; màu xám là "
        f"cửa hàng mặc định («kịch bản gốc»).{scaled} {verdict}",
    ]


def _activities(p: Project) -> list[str]:
    return [
        f"Bài giảng 001 (Chaffey Hình 9.1) đặt khách hàng ở giữa bốn hoạt động tiếp thị cơ bản của quản trị quan hệ "
        f"khách hàng: chọn lựa, thu hút, duy trì và mở rộng khách hàng. {refer(['four_activities'])} đo mỗi hoạt động "
        f"bằng vài chỉ số của cửa hàng; {refer(['activities'])} là danh sách kiểm tra: câu hỏi của bài giảng cho từng "
        "hoạt động, các chỉ số trả lời nó và hình, bảng cần xem. Nhóm trả lời từng câu hỏi bằng lời của mình.",
    ]


def _steps(p: Project) -> list[str]:
    summary, _ = safe(lambda: steps_summary(steps_checklist(p.scenario, p.baseline)))
    done = "–" if summary is None else number(int((summary["met"] == summary["levers"]).sum()))
    return [
        f"Bài giảng 000 §5 nêu 5 bước xây dựng thương mại điện tử tập trung vào khách hàng: thực hiện giao dịch đơn "
        f"giản; tập trung trên người sử dụng cuối; thiết kế lại mặt hàng theo quan điểm người sử dụng cuối; cải tiến cơ "
        f"cấu thương mại điện tử; khuyến khích và làm gia tăng sự trung thành. Ở đây mỗi bước là một nhóm đòn bẩy của "
        f"kịch bản với một mức gợi ý tính từ cửa hàng mặc định (mức gợi ý là lựa chọn mô hình hóa của gói, không phải "
        f"của bài giảng). Một đòn bẩy «Đạt» khi cửa hàng đã ở mức gợi ý hoặc hơn, «Một phần» khi đã tốt hơn cửa hàng "
        f"mặc định nhưng chưa tới mức gợi ý, «Chưa» khi chưa tốt hơn cửa hàng mặc định. Cửa hàng đạt đủ mọi đòn bẩy ở "
        f"{done}/5 bước. {refer(['steps'])} tóm tắt từng bước với các chỉ số cần theo dõi và hình, bảng cần xem; "
        f"{refer(['step_levers'])} liệt kê từng đòn bẩy."
    ]


TEXTS = {"targets": _targets, "acquisition": _acquisition, "retention": _retention, "extension": _extension,
         "service": _service, "comparison": _comparison, "activities": _activities, "steps": _steps}
"""The text of each numbered sub-section, a function of the project (the figures it quotes come from the run)."""

REFERENCES = ("Nguồn: Bài giảng 000 – Thương mại điện tử, Lecture 7: Quan hệ khách hàng (Đào Nam Anh); Bài giảng 001 – "
              "Kinh doanh điện tử, Chương 6: Quản trị quan hệ khách hàng điện tử (Nguyễn Hoàng Ân); D. Chaffey, "
              "E-Business and E-Commerce Management, ch. 9; R. Kalakota & A. B. Whinston, Frontiers of Electronic "
              "Commerce; Lewis & Lewis (1997); Heskett và cộng sự (1994); Reichheld (2006); Parasuraman, Zeithaml & "
              "Berry (1988).")


def section_text(project: Any, section: str, texts: Mapping[str, str] | None = None) -> list[str]:
    """The paragraphs of a numbered sub-section (a key of :data:`sim.report.layout.SECTIONS`) or of the introduction (``"section"``).

    The figures of the run, then the group's text for that part (``texts``) or the placeholder that asks for it.
    """
    compute = _intro if section == SECTION_KEY else TEXTS[section]
    return compute(project) + [b.text for b in _group(texts or {}, section)]


def _group(texts: Mapping[str, str], key: str) -> list[Paragraph]:
    """The group's paragraphs for a part, or the placeholder with the questions to answer."""
    if texts.get(key):
        return [Paragraph(p, "group") for p in paragraphs(texts[key])]
    return [Paragraph(prompt(key), "prompt")]


def _item(project: Any, key: str, images: bool) -> Block:
    title = numbered_caption(key)
    if key in figs.FIGURES:
        chart, problem = safe(figs.figure, project, key)
        if problem is None and images:
            png, problem = safe(lambda: compact_png(to_png(chart, PNG_SCALE)))
        else:
            png = b""
        if problem is None:
            return Figure(key, title, png)
    else:
        frame, problem = safe(tabs.table, project, key)
        if problem is None:
            return Table(key, title, frame)
    return Paragraph(f"{title}: {label('report', 'not_drawn')}\n{problem}", "note")


def build_section(project: Any, *, images: bool = True, texts: Mapping[str, str] | None = None) -> list[Block]:
    """The whole section as blocks, in the order of :data:`sim.report.layout.SECTIONS`.

    Args:
        project: a :class:`~sim.report.project.Project`.
        images: draw the charts as PNG (``False`` leaves ``Figure.png`` empty, e.g. to check the text quickly).
        texts: the group's own text per part (:func:`sim.report.group_text.load_group_text`); a part without
            text gets a placeholder paragraph (kind ``"prompt"``) with the questions the group must answer.

    Returns:
        Heading (level 1) "Quan hệ khách hàng", the introduction and the group's presentation of its shop, then per
        sub-section a level-2 heading, the run's figures, tables and figures, the group's reasoning; a closing
        paragraph with the sources.
    """
    texts = check_group_text(texts) if texts else {}
    blocks: list[Block] = [Heading(heading(SECTION_KEY), 1)]
    blocks += [Paragraph(t) for t in _intro(project)]
    blocks += _group(texts, SECTION_KEY)
    for section, items in SECTIONS:
        blocks.append(Heading(heading(section), 2))
        blocks += [Paragraph(t) for t in TEXTS[section](project)]
        blocks += [_item(project, key, images) for key in items]
        blocks += _group(texts, section)
    blocks.append(Paragraph(REFERENCES, "note"))
    return blocks


__all__ = ["PNG_SCALE", "REFERENCES", "TEXTS", "Block", "Figure", "Heading", "Paragraph", "Table", "build_section",
           "heading", "numbered_caption", "safe", "section_text"]
