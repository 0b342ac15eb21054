"""The one label map: every display name in Vietnamese and English.

Tables use English snake_case keys; notebooks, charts and messages show the
labels from here and never retype them. Terms follow the lectures, with the
English term the lectures give.
"""

from __future__ import annotations

from typing import Literal

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "stage": {
        "1": ("Phát hiện nhu cầu", "Need recognition"),
        "2": ("Tìm hiểu thông tin", "Information search"),
        "3": ("Đánh giá các phương án", "Evaluation of alternatives"),
        "4": ("Tiến hành mua hàng", "Purchase"),
        "5": ("Đánh giá sau khi mua", "Post-purchase evaluation"),
    },
    "persona": {
        "directed_information_seeker": ("Người tìm kiếm thông tin trực tiếp", "Directed information-seeker"),
        "undirected_information_seeker": ("Người tìm kiếm thông tin gián tiếp", "Undirected information-seeker"),
        "directed_buyer": ("Người mua hàng trực tiếp", "Directed buyer"),
        "bargain_hunter": ("Người săn hàng giảm giá", "Bargain hunter"),
        "entertainment_seeker": ("Người tìm kiếm thông qua giải trí", "Entertainment seeker"),
    },
    "channel": {
        "organic_search": ("Tìm kiếm tự nhiên (SEO)", "Organic search"),
        "paid_search": ("Quảng cáo tìm kiếm trả tiền", "Paid search"),
        "email": ("E-mail (có sự cho phép)", "E-mail (opt-in)"),
        "affiliate": ("Tiếp thị liên kết", "Affiliate"),
        "social": ("Mạng xã hội và giới thiệu", "Social and referral"),
        "direct": ("Truy cập trực tiếp", "Direct"),
        "recommendation_email": ("E-mail gợi ý sản phẩm", "Recommendation e-mail"),
        "loyalty_programme": ("Chương trình khách hàng thân thiết", "Loyalty programme"),
        "personalization": ("Cá nhân hóa", "Personalization"),
        "community": ("Cộng đồng trực tuyến", "Online community"),
    },
    "purpose": {
        "acquisition": ("Thu hút khách hàng", "Acquisition"),
        "retention": ("Duy trì khách hàng", "Retention"),
    },
    "event": {
        "need_spontaneous": ("Nhu cầu tự phát sinh", "Need arises on its own"),
        "need_campaign": ("Nhu cầu do chiến dịch gợi lên", "Need triggered by a campaign"),
        "need_recommendation": ("Nhu cầu do e-mail gợi ý", "Need triggered by a recommendation e-mail"),
        "need_referral": ("Nhu cầu do bạn bè giới thiệu", "Need triggered by a friend's referral"),
        "search_external": ("Tìm thông tin từ nguồn bên ngoài", "Search in external sources"),
        "search_internal": ("Tìm thông tin từ bộ nhớ (lần mua trước)", "Search in internal memory (past purchases)"),
        "evaluated": ("Đánh giá đạt", "Passed evaluation"),
        "purchased": ("Đặt hàng thành công", "Purchased"),
        "post_purchase": ("Đánh giá sau khi mua", "Post-purchase evaluation"),
        "dropout": ("Rời bỏ", "Drop-out"),
    },
    "reason": {
        "no_real_need": ("Chỉ xem, chưa có nhu cầu thật", "Just browsing, no real need"),
        "bought_elsewhere": ("Mua ở nơi khác", "Bought elsewhere"),
        "not_enough_information": ("Không đủ thông tin", "Not enough information"),
        "security_concern": ("Lo ngại an toàn, bảo mật", "Security concern"),
        "quality_unverifiable": ("Không kiểm định được chất lượng", "Quality cannot be verified"),
        "price_too_high": ("Giá cao hơn đối thủ", "Price higher than competitors"),
        "return_worry": ("Lo ngại đổi trả", "Worried about returns"),
        "poor_reviews": ("Đánh giá của khách chưa tốt", "Poor reviews"),
        "payment_failed": ("Thanh toán thất bại", "Payment failed"),
        "delivery_failed": ("Giao hàng thất bại", "Delivery failed"),
    },
    "funnel_chart": {
        "title": ("Phễu của quá trình quyết định mua hàng 5 bước", "Funnel of the five-stage purchase decision process"),
        "stage": ("Bước của quá trình quyết định mua", "Stage of the purchase decision process"),
        "reached": ("Số hành trình đạt tới bước", "Journeys reaching the stage"),
        "share_of_started": ("Tỷ lệ so với số hành trình bắt đầu", "Share of journeys started"),
        "step_rate": ("Tỷ lệ chuyển tiếp từ bước trước", "Step conversion from the previous stage"),
        "dropped": ("Số hành trình rời bỏ tại bước", "Journeys dropping out at the stage"),
        "dropout_rate": ("Tỷ lệ rời bỏ tại bước", "Drop-out rate at the stage"),
        "in_progress": ("Còn dở dang khi hết dữ liệu", "Still in progress when the data end"),
        "persona": ("Loại người dùng web", "Web-user type"),
        "channel": ("Kênh", "Channel"),
        "segment": ("Phân khúc", "Segment"),
    },
    "dropout_chart": {
        "title": ("Lý do rời bỏ ở từng bước của quá trình quyết định mua", "Drop-out reasons at each stage of the purchase decision"),
        "stage": ("Bước của quá trình quyết định mua", "Stage of the purchase decision process"),
        "reason": ("Lý do rời bỏ", "Drop-out reason"),
        "count": ("Số lần rời bỏ", "Drop-outs"),
        "share_of_stage": ("Tỷ trọng trong các lần rời bỏ của bước", "Share of the stage's drop-outs"),
        "share_of_all": ("Tỷ trọng trong mọi lần rời bỏ", "Share of all drop-outs"),
    },
    "channel_economics_chart": {
        "title": ("Hiệu quả các kênh thu hút: chi phí mỗi khách hàng mới (CPA) và tỷ suất hoàn vốn (ROI)",
                  "Acquisition channels: cost per acquisition (CPA) and return on investment (ROI)"),
        "channel": ("Kênh thu hút", "Acquisition channel"),
        "visits": ("Lượng truy cập (visits)", "Visits"),
        "clicks": ("Lượt nhấp (clicks)", "Clicks"),
        "new_customers": ("Số khách hàng mới", "New customers"),
        "conversion_rate": ("Tỷ lệ chuyển đổi (conversion rate)", "Conversion rate"),
        "spend_vnd": ("Chi phí thu hút (VND)", "Acquisition spend (VND)"),
        "cpc_vnd": ("Chi phí mỗi lượt nhấp – CPC (VND)", "Cost per click – CPC (VND)"),
        "cpa_vnd": ("Chi phí mỗi khách hàng mới – CPA (VND)", "Cost per acquisition – CPA (VND)"),
        "margin_vnd": ("Lợi nhuận gộp từ khách hàng mới (VND)", "Margin from the new customers (VND)"),
        "roi": ("Tỷ suất hoàn vốn (ROI)", "Return on investment (ROI)"),
        "ltv_roi": ("ROI theo giá trị vòng đời (LTV-based ROI)", "Lifetime-value-based ROI"),
        "break_even": ("Hòa vốn (ROI = 0)", "Break-even (ROI = 0)"),
        "not_drawn": ("Không vẽ (không có chi phí thu hút nên không có ROI)", "Not drawn (no acquisition spend, so no ROI)"),
    },
    "seo_factor": {
        "title": ("Từ khóa trong thẻ tiêu đề <title>", "Keyword in the <title> tag"),
        "keyword_density": ("Tần suất và mật độ từ khóa (keyword frequency and density)", "Keyword frequency and density"),
        "h1": ("Từ khóa trong tiêu đề <h1>", "Keyword in <h1> headings"),
        "h2": ("Từ khóa trong tiêu đề <h2>", "Keyword in <h2> headings"),
        "document_name": ("Từ khóa trong tên tài liệu (document name)", "Keyword in the document name"),
        "meta_description": ("Thẻ mô tả (meta name description)", "Meta name description"),
        "meta_keywords": ("Thẻ từ khóa (meta name keywords)", "Meta name keywords"),
        "backlinks": ("Nhiều liên kết ngược hơn (backlinks, PageRank cao hơn)", "More backlinks (higher PageRank)"),
        "anchor_text": ("Văn bản liên kết chứa từ khóa (link anchor text)", "Link anchor text contains the keyword"),
        "hub": ("Trang được đánh giá là trang trung tâm (hub)", "Page assessed as a hub"),
        "authority": ("Trang được đánh giá là trang uy tín (authority)", "Page assessed as an authority"),
        "link_velocity": ("Tốc độ thay đổi liên kết (link velocity)", "Link velocity (rate at which links change)"),
    },
    "seo_part": {
        "on_page": ("Tối ưu trên trang (on-page optimization)", "On-page optimization"),
        "off_page": ("Tối ưu ngoài trang (off-page optimization)", "Off-page optimization"),
    },
    "segment": {
        "b2c": ("Doanh nghiệp – người tiêu dùng (B2C)", "Business-to-consumer (B2C)"),
        "b2b": ("Doanh nghiệp – doanh nghiệp (B2B)", "Business-to-business (B2B)"),
    },
    "category": {
        "fashion": ("Thời trang", "Fashion"),
        "electronics": ("Điện tử", "Electronics"),
        "home": ("Gia dụng", "Home"),
        "beauty": ("Mỹ phẩm", "Beauty"),
        "books": ("Sách", "Books"),
        "office_supplies": ("Văn phòng phẩm", "Office supplies"),
        "it_equipment": ("Thiết bị CNTT", "IT equipment"),
        "services": ("Dịch vụ", "Services"),
        "furniture": ("Nội thất văn phòng", "Office furniture"),
        "general": ("Hàng tổng hợp", "General goods"),
    },
    "delivery": {
        "on_time": ("Đúng hẹn", "On time"),
        "late": ("Trễ hẹn", "Late"),
    },
    "lifecycle_stage": {
        "requirements": ("Xác định yêu cầu", "Requirements"),
        "acquisition": ("Mua mặt hàng", "Acquisition"),
        "ownership": ("Sở hữu mặt hàng", "Ownership"),
        "retirement": ("Không dùng nữa (bán lại)", "Retirement"),
    },
    "request": {
        "pre_purchase_question": ("Câu hỏi trước khi mua", "Question before buying"),
        "payment_problem": ("Sự cố thanh toán", "Payment problem"),
        "where_is_my_order": ("Đơn hàng của tôi đâu?", "Where is my order?"),
        "delivery_failed": ("Giao hàng thất bại", "Delivery failed"),
        "warranty": ("Bảo hành", "Warranty"),
        "return": ("Đổi trả", "Return"),
    },
    "final_state": {
        "lost_prospect": ("Khách tiềm năng không mua", "Prospect who never bought"),
        "churned": ("Đã rời bỏ", "Churned"),
        "active": ("Còn hoạt động", "Still active"),
    },
    "loyalty_zone": {
        "defection": ("Vùng rời bỏ", "Zone of defection"),
        "indifference": ("Vùng thờ ơ", "Zone of indifference"),
        "affection": ("Vùng thiện cảm", "Zone of affection"),
    },
    "nps_group": {
        "promoter": ("Ủng hộ (9–10)", "Promoter (9–10)"),
        "passive": ("Thụ động (7–8)", "Passive (7–8)"),
        "detractor": ("Không hài lòng (0–6)", "Detractor (0–6)"),
    },
    "nps_chart": {
        "title": ("Phân bố điểm giới thiệu – Chỉ số khách hàng thiện cảm (Net Promoter Score – NPS)",
                  "Distribution of would-recommend scores – Net Promoter Score (NPS)"),
        "nps_score": ("Điểm giới thiệu (0–10)", "Would-recommend score (0–10)"),
        "nps_group": ("Nhóm khách hàng", "Customer group"),
        "count": ("Số câu trả lời", "Answers"),
        "share": ("Tỷ lệ câu trả lời", "Share of answers"),
        "points": ("điểm", "points"),
        "ci": ("khoảng tin cậy", "confidence interval"),
        "respondents": ("số câu trả lời", "answers"),
    },
    "cohort_chart": {
        "title": ("Tỷ lệ giữ chân khách hàng theo nhóm tháng mua đầu tiên (cohort retention)",
                  "Customer retention by month of first order (cohort retention)"),
        "cohort": ("Nhóm theo tháng mua đầu tiên (cohort)", "Month of first order (cohort)"),
        "months_since_first": ("Số tháng kể từ đơn hàng đầu tiên", "Months since the first order"),
        "customers": ("Số khách hàng trong nhóm", "Customers in the cohort"),
        "active": ("Số khách hàng có đơn trong tháng", "Customers with an order that month"),
        "retention": ("Tỷ lệ giữ chân (retention)", "Retention rate"),
    },
    "survival_chart": {
        "title": ("Đường sống sót Kaplan–Meier: tỷ lệ khách hàng chưa rời bỏ",
                  "Kaplan–Meier survival curve: share of customers not yet churned"),
        "days": ("Số ngày kể từ đơn hàng đầu tiên", "Days since the first order"),
        "survival": ("Tỷ lệ chưa rời bỏ (survival)", "Share not yet churned (survival)"),
        "at_risk": ("Số khách còn được theo dõi (at risk)", "Customers still followed (at risk)"),
        "events": ("Số khách rời bỏ tại thời điểm này", "Customers churning at this time"),
        "censored": ("Số khách ngừng theo dõi, chưa rời bỏ (censored)", "Customers no longer followed, not churned (censored)"),
        "group": ("Nhóm khách hàng", "Customer group"),
        "method_observed": ("Rời bỏ quan sát được: không mua hàng trong một thời gian (lapse)",
                            "Observed churn: no order for a while (lapse)"),
        "method_true": ("Rời bỏ thật (truth.churned_at)", "True churn (truth.churned_at)"),
    },
    "satisfaction_loyalty_chart": {
        "title": ("Mối quan hệ giữa sự hài lòng (satisfaction) và lòng trung thành (loyalty) – Heskett et al. (1994)",
                  "Satisfaction and loyalty – Heskett et al. (1994)"),
        "satisfaction": ("Sự hài lòng (1–5)", "Satisfaction (1–5)"),
        "loyal_share": ("Lòng trung thành: tỷ lệ khách hàng trung thành", "Loyalty: share of loyal customers"),
        "loyal_share_repurchase": ("Lòng trung thành: tỷ lệ khách hàng mua lại", "Loyalty: share who bought again"),
        "loyal_share_promoter": ("Lòng trung thành: tỷ lệ khách hàng ủng hộ (9–10)", "Loyalty: share of promoters (9–10)"),
        "respondents": ("Số người trả lời", "Respondents"),
        "loyal": ("Số khách hàng trung thành", "Loyal customers"),
        "loyalty_zone": ("Vùng", "Zone"),
    },
    "tool": {
        "tracking_page": ("Trang theo dõi đơn hàng", "Order-tracking page"),
        "faq": ("Câu hỏi thường gặp (FAQ)", "FAQ"),
        "auto": ("Trả lời tự động", "Automatic reply"),
        "chat": ("Phòng chat", "Chat"),
        "email": ("E-mail", "E-mail"),
    },
    "wait_chart": {
        "title": ("Thời gian chờ của khách hàng theo công cụ hỗ trợ dịch vụ", "Customers' waits by service tool"),
        "subtitle": ("Tỷ lệ yêu cầu được trả lời trong thời gian chờ đó; khách bỏ hàng đợi tính là chưa được trả lời",
                     "Share of requests answered within that wait; customers who gave up count as not answered"),
        "tool": ("Công cụ hỗ trợ", "Service tool"),
        "wait_min": ("Thời gian chờ (phút)", "Wait (minutes)"),
        "share_answered": ("Tỷ lệ được trả lời trong thời gian chờ này", "Share answered within this wait"),
        "target": ("Mục tiêu", "Target"),
        "minutes": ("phút", "minutes"),
    },
    "servqual_chart": {
        "title": ("Khoảng cách chất lượng dịch vụ (SERVQUAL gap): cảm nhận − kỳ vọng",
                  "Service-quality gaps (SERVQUAL): perception − expectation"),
        "dimension": ("Thành phần chất lượng dịch vụ", "Service-quality dimension"),
        "gap": ("Khoảng cách (cảm nhận − kỳ vọng, thang 1–7)", "Gap (perception − expectation, 1–7 scale)"),
        "expectation": ("Kỳ vọng trung bình (1–7)", "Mean expectation (1–7)"),
        "perception": ("Cảm nhận trung bình (1–7)", "Mean perception (1–7)"),
        "respondents": ("Số người trả lời", "Respondents"),
        "direction": ("So với kỳ vọng", "Against expectation"),
        "below": ("Thấp hơn kỳ vọng", "Below expectation"),
        "meets": ("Đạt hoặc vượt kỳ vọng", "Meets or exceeds expectation"),
    },
    "dimension": {
        "tangibles": ("Phương tiện hữu hình", "Tangibles"),
        "reliability": ("Tin cậy", "Reliability"),
        "responsiveness": ("Đáp ứng", "Responsiveness"),
        "assurance": ("Đảm bảo", "Assurance"),
        "empathy": ("Đồng cảm", "Empathy"),
        "competence": ("Năng lực phục vụ", "Competence"),
        "access": ("Tiếp cận", "Access"),
        "courtesy": ("Lịch sự", "Courtesy"),
        "communication": ("Thông tin", "Communication"),
        "credibility": ("Tín nhiệm", "Credibility"),
        "security": ("An toàn", "Security"),
        "understanding": ("Hiểu khách hàng", "Understanding the customer"),
    },
    "activity_segment": {
        "active": ("Đang hoạt động", "Active"),
        "inactive": ("Không hoạt động", "Inactive"),
        "lapsed": ("Đã ngừng mua (lapsed)", "Lapsed"),
    },
    "lifecycle_segment": {
        "visitor": ("Khách truy cập", "Visitor"),
        "prospect": ("Khách tiềm năng", "Prospect"),
        "first_time": ("Khách mua lần đầu", "First-time customer"),
        "repeat": ("Khách mua lặp lại", "Repeat customer"),
        "loyal": ("Khách trung thành", "Loyal customer"),
        "lapsed": ("Khách đã ngừng mua (lapsed)", "Lapsed customer"),
    },
    "rfm_segment": {
        "champions": ("Khách hàng tốt nhất (Champions)", "Champions"),
        "loyal": ("Khách hàng trung thành (Loyal customers)", "Loyal customers"),
        "potential_loyalist": ("Có tiềm năng trung thành (Potential loyalists)", "Potential loyalists"),
        "new": ("Khách hàng mới (New customers)", "New customers"),
        "promising": ("Có triển vọng (Promising)", "Promising"),
        "need_attention": ("Cần quan tâm (Need attention)", "Need attention"),
        "about_to_sleep": ("Sắp ngủ đông (About to sleep)", "About to sleep"),
        "at_risk": ("Có nguy cơ rời bỏ (At risk)", "At risk"),
        "cant_lose": ("Không thể để mất (Can't lose them)", "Can't lose them"),
        "hibernating": ("Ngủ đông (Hibernating)", "Hibernating"),
        "lost": ("Đã mất (Lost)", "Lost"),
    },
    "rfm_chart": {
        "title": ("Phân khúc RFM: số khách hàng và giá trị tiền tệ trung bình", "RFM segments: customers and average monetary value"),
        "segment": ("Phân khúc RFM", "RFM segment"),
        "customers": ("Số khách hàng", "Customers"),
        "share": ("Tỷ lệ khách hàng", "Share of customers"),
        "mean_recency_days": ("Số ngày từ lần mua gần nhất, trung bình (Recency)", "Mean days since the last order (Recency)"),
        "mean_frequency": ("Số đơn hàng trung bình (Frequency)", "Mean number of orders (Frequency)"),
        "mean_monetary_vnd": ("Giá trị tiền tệ trung bình (Monetary value, VND)", "Mean monetary value (VND)"),
    },
    "ltv_tier": {
        "bronze": ("Đồng (Bronze)", "Bronze"),
        "silver": ("Bạc (Silver)", "Silver"),
        "gold": ("Vàng (Gold)", "Gold"),
        "platinum": ("Bạch kim (Platinum)", "Platinum"),
    },
    "ltv_action": {
        "reduce_costs": ("Giảm chi phí phục vụ (Reduce costs)", "Reduce costs"),
        "extend": ("Mở rộng: bán kèm, bán gia tăng (Extend)", "Extend: cross-sell and up-sell"),
        "retain_and_extend": ("Duy trì và mở rộng (Retain and extend)", "Retain and extend"),
        "retain": ("Duy trì (Retain)", "Retain"),
    },
    "value_level": {
        "low": ("Thấp", "Low"),
        "medium": ("Trung bình", "Medium"),
        "high": ("Cao", "High"),
    },
    "ltv_chart": {
        "title": ("Phân khúc theo giá trị vòng đời (LTV): giá trị hiện tại × giá trị tương lai",
                  "LTV-based segmentation: current value × future value"),
        "current_level": ("Giá trị hiện tại (current value)", "Current value"),
        "future_level": ("Giá trị tương lai (future value)", "Future value"),
        "customers": ("Số khách hàng", "Customers"),
        "share": ("Tỷ lệ khách hàng", "Share of customers"),
        "tier": ("Nhóm giá trị", "Value group"),
        "action": ("Chiến lược", "Strategy"),
        "mean_current_vnd": ("Giá trị hiện tại trung bình (VND)", "Mean current value (VND)"),
        "mean_future_vnd": ("Giá trị tương lai trung bình (VND)", "Mean future value (VND)"),
    },
    "kpi": {
        "prospects": ("Khách tiềm năng", "Prospects"),
        "buyers": ("Khách hàng đã mua", "Buyers"),
        "buyer_rate": ("Tỷ lệ chuyển đổi khách (conversion rate)", "Buyer conversion rate"),
        "journey_conversion": ("Tỷ lệ chuyển đổi hành trình", "Journey conversion rate"),
        "cac_vnd": ("Chi phí có 1 khách hàng mới – CAC (VND)", "Customer acquisition cost – CAC (VND)"),
        "retention_cost_ratio": ("Chi phí có khách mới / chi phí giữ khách cũ mỗi năm", "Acquisition / yearly retention cost"),
        "nps": ("Chỉ số NPS (điểm)", "NPS (points)"),
        "repeat_rate": ("Tỷ lệ chuyển đổi khách hàng lặp lại", "Repeat conversion rate"),
        "active_share": ("Tỷ lệ khách đang hoạt động (≤ 90 ngày)", "Share of active customers (≤ 90 days)"),
        "margin_vnd": ("Lợi nhuận gộp (VND)", "Gross margin (VND)"),
        "ltv_vnd": ("Giá trị vòng đời lịch sử trung bình – LTV (VND)", "Mean historical lifetime value – LTV (VND)"),
        "chat_service_level": ("Mức phục vụ chat (trả lời trong 5 phút)", "Chat service level (answered within 5 min)"),
    },
}

STAGES: tuple[str, ...] = tuple(LABELS["stage"])
EVENTS: tuple[str, ...] = tuple(LABELS["event"])
REASONS: tuple[str, ...] = tuple(LABELS["reason"])
REQUESTS: tuple[str, ...] = tuple(LABELS["request"])
LIFECYCLE_STAGES: tuple[str, ...] = tuple(LABELS["lifecycle_stage"])
FINAL_STATES: tuple[str, ...] = tuple(LABELS["final_state"])


def label(kind: str, key: object, lang: Literal["vi", "en"] = "vi") -> str:
    """Display name of ``key`` (a table value) of the given ``kind``.

    Unknown keys are shown as they are, so a student's own category still appears.
    """
    entry = LABELS.get(kind, {}).get(str(key))
    if entry is None:
        return str(key)
    return entry[0] if lang == "vi" else entry[1]


def label_map(kind: str, lang: Literal["vi", "en"] = "vi") -> dict[str, str]:
    """All labels of one kind, e.g. for ``Series.map``."""
    index = 0 if lang == "vi" else 1
    return {key: pair[index] for key, pair in LABELS[kind].items()}
