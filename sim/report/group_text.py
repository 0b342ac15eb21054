"""The group's own reasoning in its "Quan hệ khách hàng" section: read from the group's file, or asked for.

The export computes the tables, the charts and the figures the text quotes; it does not write the
group's interpretation. Each sub-section ends with the group's own paragraphs, read from a YAML file
(``exercises/du_an_nhom/nhan_dinh.yaml`` is the template), one key per sub-section. Where the group has
not written anything yet, the section shows a visible placeholder with the questions the group must
answer (:data:`PROMPTS`), so that no two groups hand in the same words and a missing part is obvious.

The file is read with ``yaml.safe_load``. An unknown key, a value that is not text, a file that is not
YAML or not found is refused with :class:`sim.base.errors.ScenarioError`, naming the key, the value and what is
allowed, in Vietnamese and English.

Typical use::

    from sim.report.group_text import load_group_text
    texts = load_group_text("exercises/du_an_nhom/nhan_dinh.yaml")   # {"targets": "…", …}
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from sim.base.errors import ScenarioError
from sim.report.layout import SECTION_KEY, SECTIONS

KEYS: tuple[str, ...] = (SECTION_KEY, *(section for section, _ in SECTIONS))
"""The keys of the group's file: ``section`` (the group's introduction of its shop) and one per sub-section."""

MAX_CHARS = 20_000
"""A sub-section's text longer than this is refused (a pasted file by mistake, not a section of a report)."""

PROMPT_LABEL = "[Nhóm viết phần này]"
"""The start of a placeholder paragraph; a report that still holds it is not finished."""

PROMPTS: dict[str, str] = {
    SECTION_KEY: "Giới thiệu cửa hàng của nhóm bằng lời của nhóm: bán gì, cho ai, khác đối thủ ở đâu; vì sao nhóm chọn các "
                 "giả định của tệp kịch bản (cơ cấu khách hàng, kênh, dịch vụ) và chúng dựa trên nguồn nào.",
    "targets": "Loại người dùng web nào là khách hàng mục tiêu chính của cửa hàng, và vì sao? Bước nào của phễu mất nhiều "
               "khách nhất? Hai lý do chính khiến khách không mua qua web – không đảm bảo an toàn, không kiểm định được "
               "chất lượng (Bài giảng 000 §1) – chiếm bao nhiêu trong số khách rời bỏ ở bước đánh giá, và nhóm sẽ làm gì "
               "cụ thể để giảm chúng?",
    "acquisition": "Kênh nào nên tăng ngân sách, kênh nào nên giảm, và vì sao (dẫn số của bảng và hình)? Một kênh lỗ theo "
                   "ROI trong cửa sổ quan sát có đáng giữ không, xét giá trị vòng đời của khách mà nó mang lại?",
    "retention": "Khách hàng của cửa hàng đang ở vùng nào của quan hệ hài lòng – trung thành (vùng rời bỏ, thờ ơ, thiện "
                 "cảm; Heskett và cộng sự 1994)? Công cụ duy trì nào (cá nhân hóa, cộng đồng trực tuyến, chương trình "
                 "khách hàng thân thiết) phù hợp nhất với cửa hàng, và chi phí của nó so với lợi ích ra sao?",
    "extension": "Nhóm khách nào cần giữ, nhóm nào cần mở rộng bằng bán kèm và bán gia tăng, nhóm nào nên giảm chi phí "
                 "phục vụ? Phân khúc RFM nào lớn nhất và nhóm sẽ gửi cho họ thông điệp gì?",
    "service": "Cửa hàng có đủ nhân viên cho giờ cao điểm không? Thành phần chất lượng dịch vụ nào thấp hơn kỳ vọng của "
               "khách nhiều nhất, và nhóm sẽ cải thiện nó bằng dịch vụ nền tảng, trung tâm hay hỗ trợ thêm (Bài giảng "
               "000 §4.1)?",
    "comparison": "So với cửa hàng mặc định, cửa hàng của nhóm hơn và kém ở đâu? Những khác biệt nào đủ chắc chắn (khoảng "
                  "tin cậy theo cặp loại trừ 0) để dựa vào, những khác biệt nào có thể chỉ do ngẫu nhiên?",
    "activities": "Trả lời từng câu hỏi của bài giảng cho bốn hoạt động chọn lựa, thu hút, duy trì, mở rộng khách hàng "
                  "bằng lời của nhóm, dẫn chỉ số của danh sách kiểm tra.",
    "steps": "Chọn hai bước quan trọng nhất cho cửa hàng trong 5 bước xây dựng thương mại điện tử tập trung vào khách "
             "hàng: nhóm sẽ làm gì cụ thể (trên trang web, trong quy trình, với nhân viên), tốn bao nhiêu, và chỉ số nào "
             "ở mục 6 sẽ cho thấy bước đó có tác dụng?",
}
"""What the group must answer in each part, in the words of the lectures."""


def prompt(key: str) -> str:
    """The placeholder paragraph of a part the group has not written."""
    return f"{PROMPT_LABEL} {PROMPTS[key]}"


def _refuse(field: str, value: object, vi: str, en: str) -> ScenarioError:
    return ScenarioError([(field, value, vi, en)])


def check_group_text(data: object, source: str = "nhan_dinh.yaml") -> dict[str, str]:
    """The group's texts from a mapping (what the YAML file holds), checked and with blank values dropped.

    Raises:
        ScenarioError: the data is not a mapping, a key is unknown, a value is not text or is too long.
    """
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise _refuse(source, type(data).__name__, "phải là các cặp «mục: đoạn văn» (một bảng YAML)",
                      "must be «part: text» pairs (a YAML mapping)")
    allowed = ", ".join(KEYS)
    texts: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise _refuse(str(key), value if isinstance(value, (str, int, float)) else type(value).__name__,
                          f"không phải một mục của phần báo cáo; các mục: {allowed}",
                          f"is not a part of the report section; the parts are: {allowed}")
        if value is None:
            continue
        if not isinstance(value, str):
            raise _refuse(key, value, "phải là một đoạn văn (chuỗi)", "must be text (a string)")
        if len(value) > MAX_CHARS:
            raise _refuse(key, f"{len(value)} ký tự / characters", f"tối đa {MAX_CHARS:,} ký tự".replace(",", "."),
                          f"at most {MAX_CHARS:,} characters")
        if value.strip():
            texts[key] = value.strip()
    return texts


def load_group_text(path: str | Path) -> dict[str, str]:
    """The group's texts from its YAML file (see the module's docstring).

    Raises:
        ScenarioError: the file is missing, unreadable, not YAML, or its content is refused by :func:`check_group_text`.
    """
    path = Path(path)
    if not path.is_file():
        raise _refuse("--text", str(path), "không tìm thấy tệp", "file not found")
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _refuse("--text", str(path), f"không phải tệp YAML đọc được ({type(exc).__name__})",
                      f"not a readable YAML file ({type(exc).__name__})") from exc
    return check_group_text(data, path.name)


def paragraphs(text: str) -> list[str]:
    """The group's text split into paragraphs at blank lines, each on one line."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def unfilled(texts: Mapping[str, str]) -> list[str]:
    """The parts the group has not written yet, in the order of the section."""
    return [key for key in KEYS if not texts.get(key)]


__all__ = ["KEYS", "MAX_CHARS", "PROMPTS", "PROMPT_LABEL", "check_group_text", "load_group_text", "paragraphs", "prompt",
           "unfilled"]
