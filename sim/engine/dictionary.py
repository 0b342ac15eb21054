"""The data dictionary: every column of every table, in Vietnamese and English.

``python -m sim describe`` prints it; ``datasets/README.md`` is generated from it.
A test checks that every column of a run appears here and nothing else.
"""

from __future__ import annotations

from sim.base.codes import RATER
from sim.base.labels import LABELS
from sim.engine.result import DIRTY_TABLES, TABLES

TABLE_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "customers": ("Mỗi dòng là một người đã vào phễu (khách tiềm năng hoặc khách hàng).",
                  "One row per person who ever entered the funnel (prospect or customer)."),
    "journey": ("Mỗi dòng là một bước trong quá trình quyết định mua hàng 5 bước.",
                "One row per step of the five-stage purchase decision process."),
    "orders": ("Mỗi dòng là một đơn hàng đã giao (hoặc đã nhận tại cửa hàng).",
               "One row per delivered order (or order taken home from the store)."),
    "tickets": ("Mỗi dòng là một yêu cầu dịch vụ khách hàng.", "One row per customer-service request."),
    "surveys": ("Mỗi dòng là một phiếu khảo sát đã trả lời (NPS, hài lòng, RATER). Với "
                "`service_quality.servqual_ten_dimensions: true`, các cột RATER được thay bằng 10 thành phần SERVQUAL "
                "(reliability, responsiveness, competence, access, courtesy, communication, credibility, security, "
                "understanding, tangibles), cùng dạng `<thành phần>_expectation` / `<thành phần>_perception`.",
                "One row per answered survey (NPS, satisfaction, RATER). With "
                "`service_quality.servqual_ten_dimensions: true` the RATER columns give way to the ten SERVQUAL "
                "dimensions, named the same way."),
    "marketing": ("Mỗi dòng là một ngày × kênh × mục đích (thu hút / duy trì).",
                  "One row per day × channel × purpose (acquisition / retention)."),
    "truth": ("Sự thật ẩn: mỗi khách một dòng, gồm cả những gì xảy ra sau cửa sổ quan sát.",
              "Hidden truth: one row per customer, including what happens after the observation window."),
    "customers_dirty": ("(chỉ khi có --dirty) Danh sách khách như một hệ thống CRM thật lưu: trùng lặp, lỗi gõ, "
                        "mất dấu, e-mail/điện thoại thiếu hoặc sai, tên tỉnh/thành viết nhiều kiểu.",
                        "(with --dirty only) The customer list as a real CRM holds it: duplicates, typos, dropped "
                        "diacritics, missing or malformed e-mails and phones, several spellings of a city."),
    "customers_dirty_truth": ("(chỉ khi có --dirty) Đáp án: mỗi bản ghi bẩn thuộc về khách sạch nào, và lỗi nào đã bị thêm.",
                              "(with --dirty only) Answer key: the clean customer of each dirty record and its defects."),
}

_RATER_VI = {"tangibles": "phương tiện hữu hình", "reliability": "tin cậy", "responsiveness": "đáp ứng",
             "assurance": "đảm bảo", "empathy": "đồng cảm"}

COLUMNS: dict[str, list[tuple[str, str, str, str]]] = {
    "customers": [
        ("customer_id", "str", "Mã khách hàng (KH + số, theo thứ tự lần đầu ghé)", "Customer key (KH + number, by first visit)"),
        ("name", "str", "Họ tên (họ, tên đệm, tên)", "Full name (family, middle, given)"),
        ("gender", "str", "Giới tính: male / female", "Gender: male / female"),
        ("city", "str", "Tỉnh/thành phố (34 đơn vị từ 1/7/2025)", "Province or city (the 34 units since 1 July 2025)"),
        ("email", "str", "Địa chỉ e-mail", "E-mail address"),
        ("phone", "str", "Số điện thoại di động", "Mobile phone number"),
        ("company", "str", "Tên doanh nghiệp (chỉ B2B)", "Company name (B2B only)"),
        ("persona", "str", "Loại người dùng web (Lewis & Lewis 1997)", "Web-user type (Lewis & Lewis 1997)"),
        ("segment", "str", "b2c hoặc b2b", "b2c or b2b"),
        ("first_seen_at", "datetime", "Lần đầu ghé cửa hàng", "First visit"),
        ("acquired_via", "str", "Kênh thu hút lần đầu", "Acquisition channel of the first visit"),
        ("ad_network", "str", "Khách đến từ quảng cáo tìm kiếm trả tiền: search (trang kết quả tìm kiếm) / content (mạng "
         "nội dung, trang web đối tác); trống với các kênh khác",
         "For paid-search visitors: search (results page) / content (content network of partner sites); empty otherwise"),
        ("referred_by", "str", "Mã khách đã giới thiệu (nếu có)", "Key of the customer who referred them, if any"),
        ("acquisition_cost_vnd", "int", "Chi phí thu hút người này trong cửa sổ (VND)",
         "Cost of acquiring this person within the window (VND)"),
        ("email_opt_in", "bool", "Đồng ý nhận e-mail (marketing cho phép)", "Opted in to e-mail (permission marketing)"),
        ("unsubscribed_at", "datetime", "Thời điểm hủy đăng ký e-mail (nếu có)", "When they unsubscribed, if they did"),
        ("permission_widened_at", "datetime",
         "Thời điểm khách cho phép thêm SMS/Zalo nhờ phiếu khuyến khích thêm (bước 4 của Godin); trống nếu không",
         "When they added SMS/Zalo to their permission for the additional incentive (Godin's fourth step); empty if not"),
    ],
    "journey": [
        ("customer_id", "str", "Mã khách hàng", "Customer key"),
        ("journey_no", "int", "Số thứ tự hành trình mua của khách (1, 2, …)", "Number of the customer's purchase journey"),
        ("at", "datetime", "Thời điểm", "Timestamp"),
        ("stage", "int", "Bước 1–5 của quá trình quyết định mua", "Stage 1–5 of the purchase decision process"),
        ("event", "str", "Sự kiện (nhu cầu, tìm kiếm, đánh giá, mua, rời bỏ…)", "Event (need, search, evaluation, purchase, drop-out…)"),
        ("channel", "str", "Kênh của lượt truy cập", "Channel of the visit"),
        ("reason", "str", "Lý do rời bỏ (chỉ với event = dropout)", "Reason for dropping out (event = dropout only)"),
        ("touchpoint", "str", "Điểm tiếp xúc: online (trang web) / phone (gọi đường dây nóng) / store (tại cửa hàng)",
         "Touchpoint: online (web site) / phone (hotline) / store (in the store)"),
    ],
    "orders": [
        ("order_id", "str", "Mã đơn hàng", "Order key"),
        ("customer_id", "str", "Mã khách hàng", "Customer key"),
        ("at", "datetime", "Thời điểm đặt hàng", "Order time"),
        ("amount_vnd", "int", "Giá trị đơn hàng (VND)", "Order value (VND)"),
        ("margin_vnd", "int", "Lợi nhuận gộp của đơn (VND)", "Gross margin of the order (VND)"),
        ("category", "str", "Ngành hàng", "Category"),
        ("product_id", "str", "Mã sản phẩm chính", "Main product key"),
        ("price_tier", "int", "Phân khúc giá 1 (thấp) … 3 (cao)", "Price tier 1 (low) … 3 (high)"),
        ("items", "int", "Số món", "Number of items"),
        ("is_first", "bool", "Đơn đầu tiên của khách", "The customer's first order"),
        ("via_recommendation", "bool", "Đơn đến từ e-mail gợi ý", "Order came from a recommendation e-mail"),
        ("via_new_item", "bool", "Đơn mua mặt hàng mới được báo qua e-mail (ví dụ Amazon)",
         "Order of a new item announced by e-mail (Amazon's example)"),
        ("cross_sell", "bool", "Có bán kèm (cross-sell)", "Includes a cross-sell"),
        ("up_sell", "bool", "Có bán gia tăng (up-sell)", "Was up-sold to a higher tier"),
        ("made_to_order", "bool", "Đơn đặt hàng theo yêu cầu (giá cao hơn, giao lâu hơn)",
         "Made to order (dearer, longer to deliver)"),
        ("touchpoint", "str", "Nơi đặt hàng: online / phone / store", "Where the order was placed: online / phone / store"),
        ("payment", "str", "Thanh toán: prepaid (trước khi giao) / cod (khi nhận hàng) / at_store (tại cửa hàng)",
         "Payment: prepaid / cod (cash on delivery) / at_store"),
        ("shipping_fee_vnd", "int", "Phí giao hàng khách trả (VND); 0 khi được miễn phí giao hàng hoặc nhận tại cửa hàng",
         "Delivery fee paid by the customer (VND); 0 with free delivery or in the store"),
        ("delivery", "str", "Giao hàng: on_time / late (đơn tại cửa hàng: on_time)",
         "Delivery: on_time / late (store orders: on_time)"),
    ],
    "tickets": [
        ("ticket_id", "str", "Mã yêu cầu", "Request key"),
        ("customer_id", "str", "Mã khách hàng", "Customer key"),
        ("at", "datetime", "Thời điểm gửi yêu cầu", "When the request was raised"),
        ("lifecycle_stage", "str", "Giai đoạn chu trình sống: requirements / acquisition / ownership / retirement",
         "Service life-cycle stage: requirements / acquisition / ownership / retirement"),
        ("request", "str", "Loại yêu cầu", "Kind of request"),
        ("tool", "str", "Công cụ xử lý: tracking_page (trang theo dõi đơn) / faq / auto (trả lời tự động) / chat / email",
         "Tool that handled it: tracking_page / faq / auto (automatic reply) / chat / email"),
        ("wait_min", "float", "Thời gian chờ (phút); trống nếu chưa xong khi hết cửa sổ",
         "Wait (minutes); empty if still open at the end of the window"),
        ("handle_min", "float", "Thời gian nhân viên xử lý (phút)", "Agent handling time (minutes)"),
        ("reneged", "bool", "Khách bỏ hàng đợi chat vì hết kiên nhẫn", "Customer left the chat queue (out of patience)"),
        ("resolved", "bool", "Đã giải quyết", "Resolved"),
    ],
    "surveys": [
        ("survey_id", "str", "Mã phiếu khảo sát", "Survey key"),
        ("customer_id", "str", "Mã khách hàng", "Customer key"),
        ("at", "datetime", "Thời điểm trả lời", "When it was answered"),
        ("nps_score", "int", "Điểm giới thiệu 0–10 (NPS)", "Would-recommend score 0–10 (NPS)"),
        ("satisfaction", "int", "Mức hài lòng 1–5", "Satisfaction 1–5"),
    ] + [
        (f"{dim}_{kind}", "float",
         f"{'Kỳ vọng' if kind == 'expectation' else 'Cảm nhận'} về {_RATER_VI[dim]} (Likert 1–7)",
         f"{kind.capitalize()} of {dim} (Likert 1–7)")
        for dim in RATER for kind in ("expectation", "perception")
    ],
    "marketing": [
        ("date", "date", "Ngày", "Date"),
        ("channel", "str", "Kênh hoặc công cụ", "Channel or tool"),
        ("purpose", "str", "acquisition (thu hút) hoặc retention (duy trì)", "acquisition or retention"),
        ("spend_vnd", "int", "Chi phí trong ngày (VND). Với e-mail của cửa hàng: cả e-mail chào mừng, phần thưởng cho "
         "người đăng ký, phiếu mở rộng sự cho phép và SMS", "Spend that day (VND); for the house list also welcome "
         "e-mails, subscriber rewards, permission vouchers and SMS"),
        ("impressions", "int", "Lượt hiển thị quảng cáo", "Ad impressions"),
        ("clicks", "int", "Lượt truy cập (nhấp) bắt đầu một hành trình", "Visits (clicks) that start a journey"),
        ("invalid_clicks", "int", "Lượt nhấp gian lận: đã trả tiền nhưng không có khách (click fraud; chỉ quảng cáo tìm kiếm)",
         "Fraudulent clicks: paid for, with no visitor behind them (click fraud; paid search only)"),
        ("emails_sent", "int", "Số e-mail đã gửi", "E-mails sent"),
        ("opens", "int", "Số e-mail được mở", "E-mails opened"),
        ("unsubscribes", "int", "Số người hủy đăng ký", "Unsubscribes"),
    ],
    "customers_dirty": [
        ("record_id", "str", "Mã bản ghi trong CRM", "Record key in the CRM"),
        ("name", "str", "Họ tên như được nhập", "Name as entered"),
        ("email", "str", "E-mail như được nhập (có thể thiếu hoặc sai)", "E-mail as entered (may be missing or malformed)"),
        ("phone", "str", "Điện thoại như được nhập (có thể thiếu hoặc sai)", "Phone as entered (may be missing or malformed)"),
        ("city", "str", "Tỉnh/thành như được nhập", "City as entered"),
        ("created_at", "datetime", "Thời điểm tạo bản ghi", "When the record was created"),
    ],
    "customers_dirty_truth": [
        ("record_id", "str", "Mã bản ghi", "Record key"),
        ("customer_id", "str", "Mã khách hàng sạch tương ứng", "Key of the clean customer"),
        ("is_duplicate", "bool", "Bản ghi là bản trùng", "The record is a duplicate"),
        ("defects", "str",
         "Các lỗi đã thêm, cách nhau bởi ; (no_diacritics, typo, city_variant, missing_email, malformed_email, "
         "missing_phone, malformed_phone, phone_format)",
         "Defects put in, separated by ; (the same codes; phone_format = a valid number written another way)"),
    ],
    "truth": [
        ("customer_id", "str", "Mã khách hàng", "Customer key"),
        ("persona", "str", "Loại người dùng thật", "True persona"),
        ("acquisition_channel", "str", "Kênh thu hút thật", "True acquisition channel"),
        ("acquisition_cost_vnd", "int", "Chi phí thu hút thật, cả sau cửa sổ (VND)",
         "True acquisition cost, including after the window (VND)"),
        ("first_order_at", "datetime", "Đơn đầu tiên (kể cả sau cửa sổ)", "First order (even after the window)"),
        ("churned_at", "datetime", "Thời điểm rời bỏ thật (trống nếu chưa rời bỏ)", "True churn time (empty if none)"),
        ("churn_cause", "str", "Vì sao rời bỏ: lapsed (tự rời đi) / competitor (theo ưu đãi của đối thủ)",
         "Why they churned: lapsed / competitor (a competitor's offer)"),
        ("final_state", "str", "Trạng thái cuối: lost_prospect / churned / active", "Final state: lost_prospect / churned / active"),
        ("margin_in_window_vnd", "int", "Lợi nhuận gộp trong cửa sổ (VND)", "Margin earned within the window (VND)"),
        ("future_margin_vnd", "int", "Lợi nhuận gộp sau cửa sổ (VND)", "Margin earned after the window (VND)"),
        ("orders_after_window", "int", "Số đơn sau cửa sổ", "Orders after the window"),
        ("lifetime_value_vnd", "int", "Tổng lợi nhuận gộp cả lần chạy (VND)", "Total margin over the whole run (VND)"),
    ],
}


CODE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stage", ("journey.stage",)),
    ("event", ("journey.event",)),
    ("reason", ("journey.reason",)),
    ("channel", ("journey.channel", "customers.acquired_via", "marketing.channel", "truth.acquisition_channel")),
    ("touchpoint", ("journey.touchpoint", "orders.touchpoint")),
    ("payment", ("orders.payment",)),
    ("ad_network", ("customers.ad_network",)),
    ("purpose", ("marketing.purpose",)),
    ("persona", ("customers.persona", "truth.persona")),
    ("segment", ("customers.segment",)),
    ("delivery", ("orders.delivery",)),
    ("lifecycle_stage", ("tickets.lifecycle_stage",)),
    ("request", ("tickets.request",)),
    ("tool", ("tickets.tool",)),
    ("final_state", ("truth.final_state",)),
    ("churn_cause", ("truth.churn_cause",)),
)
"""Label group (``sim.base.labels.LABELS``) that names the codes, and the ``table.column`` that hold them."""


def _markdown_table(head: list[str], head_vi: str, head_en: str, rows, lang: str) -> list[str]:
    """A Markdown table: the ``head`` columns, then the Vietnamese and/or English one (``lang``).

    Each row is (cells for ``head``, Vietnamese text, English text).
    """
    header = head + ([head_vi] if lang in ("vi", "both") else []) + ([head_en] if lang in ("en", "both") else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for head_cells, vi, en in rows:
        cells = [*head_cells, *([vi] if lang in ("vi", "both") else []), *([en] if lang in ("en", "both") else [])]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def describe_codes(lang: str = "both") -> str:
    """The codes of the code columns and what each means, as Markdown (``lang``: "vi", "en" or "both")."""
    lines = ["### Giá trị của các cột mã / codes", ""]
    for group, columns in CODE_COLUMNS:
        lines += [f"#### {', '.join(f'`{c}`' for c in columns)}", ""]
        rows = [([f"`{code}`"], vi, en) for code, (vi, en) in LABELS[group].items()]
        lines += _markdown_table(["mã (code)"], "ý nghĩa", "meaning", rows, lang)
        lines.append("")
    return "\n".join(lines)


def describe(lang: str = "both") -> str:
    """The data dictionary as Markdown text (``lang``: "vi", "en" or "both")."""
    lines = []
    for table in TABLES + DIRTY_TABLES:
        vi, en = TABLE_DESCRIPTIONS[table]
        lines.append(f"### `{table}`")
        lines.append("")
        if lang in ("vi", "both"):
            lines.append(vi)
        if lang in ("en", "both"):
            lines.append(f"*{en}*" if lang == "both" else en)
        lines.append("")
        rows = [([f"`{name}`", kind], dvi, den) for name, kind, dvi, den in COLUMNS[table]]
        lines += _markdown_table(["cột (column)", "kiểu (type)"], "mô tả", "description", rows, lang)
        lines.append("")
    lines.append(describe_codes(lang))
    return "\n".join(lines)


def dataset_readme(seed: int) -> str:
    """Text of ``datasets/README.md``: what the files are, how to regenerate them, the dictionary."""
    return f"""# Bộ dữ liệu đi kèm / shipped datasets

Đây là kết quả của kịch bản mặc định (`default`: một cửa hàng trực tuyến B2C ở Việt Nam,
khoảng 10.000 khách tiềm năng, cửa sổ quan sát một năm, sau đó mô phỏng thêm một năm để có
bảng `truth`). Dữ liệu là giả lập; tên, e-mail và số điện thoại không thuộc về người thật.

*The default scenario's run (a Vietnamese B2C online shop, about 10,000 prospects, a one-year
observation window, then one more simulated year for the `truth` table). The data are
synthetic; names, e-mails and phone numbers belong to no real person.*

- Hạt giống / seed: `{seed}`
- Tạo lại, giống hệt từng byte / regenerate, byte for byte: `make data`, tức là / that is
  `python -m sim run --scenario default --seed {seed} --out datasets --format csv`
- `scenario.yaml`: toàn bộ tham số đã dùng / every parameter used; `manifest.json`: hạt giống,
  phiên bản, số dòng, hệ số nhân số khách và số nhân viên dịch vụ / seed, version, row counts,
  prospects scale and service agents.
- Bảng `truth` là "đáp án": dùng để chấm các ước lượng (rời bỏ, LTV, chân dung), đừng dùng
  để ước lượng. / *`truth` is the answer key: score estimates against it, do not estimate from it.*
- Các bảng quan sát dừng ở cuối cửa sổ quan sát. / *Observed tables stop at the end of the window.*
- Thời gian theo giờ địa phương, dạng `YYYY-MM-DD HH:MM:SS`; tiền tính bằng đồng (VND).
  / *Times are local, as `YYYY-MM-DD HH:MM:SS`; money is in đồng (VND).*

## Từ điển dữ liệu / data dictionary

{describe("both")}"""
