"""The course's one glossary: each term as the lectures say it, and the forms students must not meet.

Every term holds the Vietnamese term of the lectures, the English term (written in parentheses after
the Vietnamese at its first use), the lecture it comes from, the rejected Vietnamese variants (other
translations, calques, the old tone placement «khoá») and the English words that must not stand bare
in Vietnamese text. The students' page ``notebooks/tu_dien_thuat_ngu.md`` is written from :data:`TERMS`
by :func:`glossary_markdown` (``python -m sim.base.glossary > notebooks/tu_dien_thuat_ngu.md``), and
``tests/test_glossary.py`` scans every notebook, lab and label with :func:`find_offences`.

Sources: «BG 000» is the lecture *Thương mại điện tử – Lecture 7: Quan hệ khách hàng* (Đào Nam Anh),
«BG 001» the lecture *Kinh doanh điện tử – Chương 6: Quản trị quan hệ khách hàng điện tử* (Nguyễn
Hoàng Ân, after Chaffey ch. 9).

A rejected variant is a regular expression, matched case-insensitively as whole words, anywhere in
the text (inside parentheses too). An English word is matched only outside code spans and outside
parentheses that follow a word, so «nhóm khách hàng theo tháng mua đầu (cohort)» is right and
«theo cohort» is not.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Attributes:
        vi: the lectures' Vietnamese term, the one to use.
        en: the English term, written in parentheses after the Vietnamese.
        source: where the term comes from (lecture and section).
        rejected: Vietnamese variants not to use (regular expressions, whole words).
        english: English words that must not stand bare in Vietnamese text (regular expressions).
        allowed: phrases in which a rejected variant is right (the lecture's own wording).
        note: a short explanation for the students' page.
        shown: the rejected forms as the students' page writes them, when the patterns are not plain words.
    """

    vi: str
    en: str
    source: str
    rejected: tuple[str, ...] = ()
    english: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    note: str = ""
    shown: tuple[str, ...] = ()


TERMS: tuple[Term, ...] = (
    Term("chọn lựa khách hàng", "customer selection", "BG 001, bốn hoạt động của e-CRM"),
    Term("thu hút khách hàng", "customer acquisition", "BG 001, bốn hoạt động của e-CRM"),
    Term("duy trì khách hàng", "customer retention", "BG 001, quản trị duy trì khách hàng",
         rejected=("giữ chân",), allowed=(r"giữ chân khách hàng của doanh nghiệp",),
         note="«giữ chân khách hàng của doanh nghiệp» chỉ dùng khi trích mục tiêu thứ nhất của bài giảng; "
              "tỷ lệ duy trì (retention rate), không phải «tỷ lệ giữ chân»"),
    Term("mở rộng khách hàng", "customer extension", "BG 001, quản trị mở rộng khách hàng"),
    Term("phát hiện nhu cầu", "need recognition", "BG 000 §2, bước 1 của quá trình quyết định mua",
         rejected=("nhận biết nhu cầu",)),
    Term("tìm hiểu thông tin", "information search", "BG 000 §2, bước 2"),
    Term("đánh giá các phương án", "evaluation of alternatives", "BG 000 §2, bước 3"),
    Term("đánh giá sau khi mua", "post-purchase evaluation", "BG 000 §2, bước 5",
         rejected=("đánh giá sau mua",)),
    Term("phễu mua hàng", "purchase funnel", "BG 000 §2 (năm bước, đếm theo bước)", english=("funnel",)),
    Term("loại người dùng web", "web user types", "BG 001, Lewis và Lewis (1997)",
         rejected=(r"kiểu người dùng(?: web)?",), shown=("kiểu người dùng web",)),
    Term("chân dung khách hàng", "persona", "năm loại người dùng web của BG 001 là năm chân dung khách hàng",
         english=(r"personas?",),
         note="cột `persona` trong mã vẫn giữ tên ấy; trong câu chữ viết «loại người dùng web» "
              "hay «chân dung khách hàng»"),
    Term("chi phí để có một khách hàng mới", "acquisition cost, CAC",
         "BG 000 §3: «chi phí tìm kiếm được 1 người dùng mới»",
         rejected=(r"chi phí có (?:1 |một )?(?:khách hàng|khách|KH) mới",),
         shown=("chi phí có 1 khách hàng mới", "chi phí có khách mới")),
    Term("chi phí duy trì một khách hàng cũ", "retention cost",
         "BG 000 §3: «chi phí duy trì quan hệ với 1 người dùng cũ»",
         rejected=(r"chi phí giữ (?:1 |một )?(?:khách hàng|khách|KH)(?: cũ)?",),
         shown=("chi phí giữ 1 khách cũ", "chi phí giữ khách cũ")),
    Term("số năm làm khách hàng", "customer-years",
         "mẫu số của chi phí duy trì mỗi năm (BG 000 §3, tỷ số 5–8 lần)",
         rejected=(r"năm-khách(?: hàng)?",), shown=("năm-khách hàng",)),
    Term("nhóm khách hàng theo tháng mua đầu", "cohort", "BG 001, quản trị duy trì (đo duy trì theo thời gian)",
         english=(r"cohorts?",)),
    Term("tỷ lệ duy trì", "retention rate", "BG 001, quản trị duy trì khách hàng", english=(r"retention rate",)),
    Term("rời bỏ", "churn, defection", "BG 001, Heskett và cộng sự (1994): vùng rời bỏ", english=(r"churn",)),
    Term("vùng rời bỏ, vùng thờ ơ, vùng thiện cảm", "zone of defection, indifference, affection",
         "BG 001, Hình 9.12 (Heskett và cộng sự 1994)"),
    Term("kẻ khủng bố, nhà truyền giáo", "terrorist, apostle", "BG 001, Hình 9.12"),
    Term("chỉ số khách hàng thiện cảm", "Net Promoter Score, NPS", "BG 001, Reichheld (2006)"),
    Term("khách hàng ủng hộ, thụ động, không hài lòng", "promoters, passives, detractors",
         "BG 001, Reichheld (2006): điểm 9–10, 7–8, 0–6", english=(r"promoters?", r"passives?", r"detractors?")),
    Term("bàn dịch vụ khách hàng", "service desk", "BG 000 §4–6, dịch vụ khách hàng và công cụ hỗ trợ",
         rejected=(r"bàn chăm sóc khách hàng", r"(?:nhân viên|nhân sự) (?:bàn )?chăm sóc khách hàng"),
         shown=("bàn chăm sóc khách hàng", "nhân viên chăm sóc khách hàng", "nhân sự chăm sóc khách hàng")),
    Term("mức bận", "utilisation", "lý thuyết hàng đợi (Erlang C) cho bàn dịch vụ, BG 000 §4",
         english=(r"utili[sz]ation",)),
    Term("chương trình khách hàng thân thiết", "loyalty programme", "BG 001, công cụ duy trì khách hàng",
         english=(r"programmes?", r"programs?")),
    Term("cá nhân hóa", "personalization", "BG 001, công cụ duy trì khách hàng", rejected=("hoá",), shown=("cá nhân hoá", "tự động hoá")),
    Term("tùy biến theo số đông", "mass customization", "BG 001, công cụ duy trì khách hàng",
         rejected=(r"tuỳ",)),
    Term("lọc cộng tác", "collaborative filtering", "BG 001 (bộ lọc cộng tác); BG 000 §3, ví dụ Amazon",
         rejected=(r"lọc cộng đồng", r"lọc hợp tác")),
    Term("marketing cho phép", "permission marketing", "BG 001, Godin (1999)",
         rejected=(r"tiếp thị cho phép", r"(?:tiếp thị|marketing) xin phép"),
         shown=("tiếp thị cho phép", "marketing xin phép")),
    Term("hủy đăng ký", "unsubscribe", "BG 001, marketing cho phép", rejected=(r"huỷ",)),
    Term("thẻ điểm", "scorecard", "BG 001, Agrawal và cộng sự (2001)"),
    Term("giá trị vòng đời", "lifetime value, LTV", "BG 001, mô hình giá trị vòng đời",
         rejected=(r"giá trị trọn đời",)),
    Term("bán kèm, bán gia tăng", "cross-sell, up-sell", "BG 001, quản trị mở rộng khách hàng",
         rejected=(r"bán chéo", r"bán nâng cấp")),
    Term("3 mặt hàng đứng đầu", "top 3", "cách viết của khóa học", english=(r"top[- ]?\d+", r"top[- ]N"), shown=("top-3", "top 3", "top-N"),
         note="viết «3 mặt hàng đứng đầu», «N gợi ý đứng đầu»"),
    Term("thỏa mãn nhu cầu", "need satisfaction", "BG 000 §1", rejected=(r"thoả",)),
    Term("khóa học", "course", "cách viết của khóa học (dấu thanh như bài giảng: hóa, khóa, thỏa, tùy, hủy)",
         rejected=(r"khoá",)),
    Term("tỷ lệ", "rate, share", "cách viết của bài giảng", rejected=(r"tỉ lệ", r"tỉ số")),
    Term("bài thực hành", "lab", "cách gọi của khóa học", rejected=(r"phòng thí nghiệm",)),
    Term("đồng", "₫, VND", "cửa hàng mô phỏng là cửa hàng Việt Nam",
         english=("£", r"US\$", r"USD", "€"), shown=("£", "US$", "USD", "€"),
         note="bài giảng lấy ví dụ £50, £5.000 từ sách của Chaffey; trong khóa học mọi số tiền viết bằng ₫"),
)
"""The glossary, in the order of the page (the course's order: the four activities, the purchase
process, retention, service, the tools, then the writing conventions)."""


@dataclass(frozen=True)
class Offence:
    """A word of student-facing text that the glossary rejects.

    Attributes:
        word: the text found.
        use: the term to write instead (Vietnamese, English in parentheses).
    """

    word: str
    use: str


def _whole(pattern: str) -> re.Pattern[str]:
    """``pattern`` as whole words: no letter, digit or hyphen may touch a word edge (a symbol such as £ may)."""
    before = r"(?<![\w-])" if re.match(r"[\w(]", pattern) else ""
    after = r"(?![\w-])" if re.search(r"[\w)?+]$", pattern) else ""
    return re.compile(before + pattern + after, re.IGNORECASE)


_CODE_FENCE = re.compile(r"```.*?```|~~~.*?~~~", re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"https?://\S+|\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_AFTER_WORD_PARENTHESES = re.compile(r"(?<=[\w*»\"'])(\s*)\([^()]*\)")
_PLACEHOLDER = re.compile(r"\{[\w.]*\}")
_ITALIC = re.compile(r"(?<![*\w])\*[^*\n]+\*(?![*\w])")
_SLASH_HALF = re.compile(r" / (?![^|\n]*[À-ỹĐđ])[^|\n]*")  # « / English» to the cell's or line's end, no Vietnamese letter


def _prose(text: str) -> str:
    """The text without code fences, code spans, links' targets and HTML tags."""
    for pattern in (_CODE_FENCE, _CODE_SPAN, _URL, _HTML_TAG, _PLACEHOLDER):
        text = pattern.sub(" ", text)
    return text


def english_half_removed(text: str) -> str:
    """A bilingual text (a README) without its English halves: italic spans, and « / English» up to the end of a table
    cell or line when that part holds no Vietnamese letter."""
    return _SLASH_HALF.sub(" ", _ITALIC.sub(" ", text))


def _use(term: Term) -> str:
    return f"{term.vi} ({term.en})"


def find_offences(text: str, terms: tuple[Term, ...] = TERMS) -> list[Offence]:
    """Every rejected variant and bare English word of ``text``, in the order found.

    Code fences and spans, links' targets and HTML tags are not read. Rejected variants are sought
    everywhere else; English words only outside parentheses that follow a word (the English after a
    Vietnamese term) and never inside a phrase that a term allows.

    Args:
        text: student-facing text (markdown, a printed string, a label).
        terms: the glossary; :data:`TERMS` by default.

    Returns:
        One :class:`Offence` per occurrence.
    """
    prose = _prose(text)
    bare = _AFTER_WORD_PARENTHESES.sub(r"\1", prose)
    found: list[tuple[int, Offence]] = []
    for term in terms:
        allowed = [m.span() for a in term.allowed for m in _whole(a).finditer(prose)]
        for pattern in term.rejected:
            for match in _whole(pattern).finditer(prose):
                if not any(start <= match.start() and match.end() <= end for start, end in allowed):
                    found.append((match.start(), Offence(match.group(0), _use(term))))
        for pattern in term.english:
            found.extend((m.start(), Offence(m.group(0), _use(term))) for m in _whole(pattern).finditer(bare))
    kept: list[Offence] = []
    end = -1
    for start, offence in sorted(found, key=lambda pair: (pair[0], -len(pair[1].word))):
        if start >= end:  # two patterns on the same words (a longer variant holds a shorter one): one offence
            kept.append(offence)
            end = start + len(offence.word)
    return kept


_IDENTIFIER_LIKE = re.compile(r"[\w.\-/:%{}\[\]]*")
_CODE_LIKE = re.compile(r"==|!=|\bSELECT\b|\bFROM\b|^\s*[\w.]+\s*[<>]=?\s*[\w.'\"]+\s*$", re.IGNORECASE)


def code_cell_text(source: str) -> str:
    """What a student reads in a code cell: its comments and its text strings, one per line.

    Strings that are code (an identifier, a column name, a path, a query) are left out.

    Args:
        source: the cell's Python source (IPython magics are skipped).

    Returns:
        The comments and the strings, joined by new lines.
    """
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    code = "\n".join(lines)
    pieces: list[str] = []
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if not _IDENTIFIER_LIKE.fullmatch(value) and not _CODE_LIKE.search(value):
                pieces.append(value)
    pieces.extend(token.string.lstrip("#") for token in tokenize.generate_tokens(io.StringIO(code).readline)
                  if token.type == tokenize.COMMENT)
    return "\n".join(pieces)


_NOT_READ_KEYS = ("answers:", "compute:")
_YAML_KEY = re.compile(r"^\s*-?\s*[\w.\-]+:\s?(.*)$")


def yaml_text(source: str) -> str:
    """What a student reads in a commented YAML file (a scenario or a template): comments and text values.

    Keys, one-word values (codes, numbers, booleans), a question's accepted answers (``answers:``, the
    synonyms a student may type, rejected variants included) and the names of computed figures
    (``compute:``) are left out.

    Args:
        source: the YAML file's text.

    Returns:
        The comments and the text values, one per line.
    """
    pieces: list[str] = []
    for line in source.splitlines():
        body, _, comment = line.partition("#") if line.lstrip().startswith("#") else line.partition(" #")
        pieces.append(comment)
        key = _YAML_KEY.match(body)
        if key and body.strip().lstrip("- ").startswith(_NOT_READ_KEYS):
            continue
        value = key.group(1) if key else body
        if not _IDENTIFIER_LIKE.fullmatch(value.strip().strip("'\"")):
            pieces.append(value)
    return "\n".join(piece for piece in pieces if piece.strip())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_markdown(terms: tuple[Term, ...] = TERMS) -> str:
    """The students' page: one table row per term, Vietnamese first.

    Args:
        terms: the glossary; :data:`TERMS` by default.

    Returns:
        The page's markdown (``notebooks/tu_dien_thuat_ngu.md``).
    """
    rows = []
    for term in terms:
        avoid = list(term.shown) or [p.replace("s?", "").replace("?", "").replace("\\", "") for p in (*term.rejected, *term.english)]
        avoid_text = ", ".join(f"«{a}»" for a in avoid) if avoid else "—"
        if term.note:
            avoid_text += f". {term.note}"
        rows.append(f"| **{_cell(term.vi)}** | {_cell(term.en)} | {_cell(term.source)} | {_cell(avoid_text)} |")
    header = [
        "# Từ điển thuật ngữ của khóa học",
        "",
        "Các sổ tay, bài thực hành và nhãn của bảng, biểu đồ dùng đúng những thuật ngữ dưới đây, theo hai bài giảng:",
        "**BG 000** là *Thương mại điện tử – Lecture 7: Quan hệ khách hàng* (TS. Đào Nam Anh), **BG 001** là",
        "*Kinh doanh điện tử – Chương 6: Quản trị quan hệ khách hàng điện tử* (ThS. Nguyễn Hoàng Ân, theo Chaffey,",
        "chương 9). Tiếng Anh chỉ đứng trong ngoặc, sau thuật ngữ tiếng Việt, ở lần dùng đầu tiên; cột «Không dùng»",
        "liệt kê các cách dịch khác, các từ dịch sát tiếng Anh và các từ tiếng Anh để trơ trọi mà khóa học đã bỏ.",
        "Tên cột và mã trong ô lệnh (ví dụ `persona`, `cohort`) vẫn giữ nguyên.",
        "",
        "Trang này được tạo từ `sim/base/glossary.py`; sửa ở đó rồi chạy",
        "`python -m sim.base.glossary > notebooks/tu_dien_thuat_ngu.md`.",
        "",
        "| Thuật ngữ | Tiếng Anh | Nguồn | Không dùng |",
        "|---|---|---|---|",
    ]
    return "\n".join([*header, *rows]) + "\n"


if __name__ == "__main__":
    print(glossary_markdown(), end="")
