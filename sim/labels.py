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
    "tool": {
        "tracking_page": ("Trang theo dõi đơn hàng", "Order-tracking page"),
        "faq": ("Câu hỏi thường gặp (FAQ)", "FAQ"),
        "auto": ("Trả lời tự động", "Automatic reply"),
        "chat": ("Phòng chat", "Chat"),
        "email": ("E-mail", "E-mail"),
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
