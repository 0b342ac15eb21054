"""Synthetic Vietnamese people: names, cities, e-mails, phones and companies.

Why not plain Faker? Faker's ``vi_VN`` locale is fine for a quick demo but not
for a CRM simulator that students analyse:

* it composes names in Western order (given name first, "Thành Nguyễn"),
  whereas Vietnamese names are written family + middle + given
  ("Nguyễn Văn Thành");
* it knows about ten family names and draws them uniformly, so "Mai" is as
  common as "Nguyễn" (really about 38 % of the population is called Nguyễn);
* it has no gender-specific middle names (Văn / Thị ...);
* it spells the same city several ways ("TP. Cần Thơ", "thành phố Cần Thơ"),
  so a "clean" export would already be dirty, and it still uses the 63
  provinces that were merged into 34 on 1 July 2025;
* it uses its own random generator, so output cannot be tied to the
  simulator's ``numpy.random.Generator``.

This module therefore holds its own small, weighted tables and draws from
them with numpy only (vectorised, reproducible from the ``rng`` argument).
Faker is not imported.

Sources and caveats:

* Family-name shares: the figures commonly cited in Wikipedia's
  "Vietnamese name" article (Nguyễn 38 %, Trần 11 %, Lê 9.5 %, Phạm 7.1 %,
  Hoàng/Huỳnh 5.1 %, Phan 4.5 %, Vũ/Võ 3.9 %, Đặng 2.1 %, Bùi 2 %, Đỗ 1.4 %,
  Hồ 1.3 %, Ngô 1.3 %, Dương 1 %, Lý 0.5 %). Wikipedia gives Hoàng/Huỳnh and
  Vũ/Võ as one figure each (northern and southern pronunciations of the same
  name); here each pair's share is split between its two spellings. The
  rarer names after Lý have rough, illustrative weights of our own.
* Middle and given names: rough, illustrative weights chosen by hand from
  common-name lists; they are plausible, not statistics. "Thị" is the most
  frequent female middle name but far less dominant among people born after
  1990; the single weight used here is a compromise across ages.
* Provinces: the 34 provincial-level units in force since 1 July 2025
  (National Assembly Resolution 202/2025/QH15): 6 centrally-run cities and
  28 provinces. Populations are rounded approximations: the figures for the
  merged units published with the merger (e.g. by VietNamNet: TP HCM about
  14 million, An Giang 4.9 million, Đồng Nai 4.5 million), i.e. 2024-era
  figures summed over the former provinces. They add up to about 113
  million, more than the GSO's 2024 average population (about 101
  million), because the merger documents count on a broader basis; they
  are used only as relative sampling weights.
* Phone prefixes: the 10-digit mobile prefixes of the four main carriers
  after the 2018 renumbering (11 -> 10 digits). Carrier weights are rough
  market shares.

Example:
    >>> import numpy as np
    >>> people = draw_people(np.random.default_rng(1), 3)
    >>> sorted(people)  # doctest: +NORMALIZE_WHITESPACE
    ['city', 'company', 'email', 'family_name', 'full_name', 'gender',
     'given_name', 'middle_name', 'phone']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np

__all__ = [
    "CITIES",
    "CITY_VARIANTS",
    "EMAIL_DOMAINS",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "MIDDLE_NAMES",
    "PHONE_PREFIXES",
    "ascii_fold",
    "canonical_city",
    "draw_people",
]

# ---------------------------------------------------------------------------
# Data tables
# ---------------------------------------------------------------------------

#: Family name -> population share (weights; normalised when drawing).
FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 0.38,
    "Trần": 0.11,
    "Lê": 0.095,
    "Phạm": 0.071,
    "Hoàng": 0.031,  # Hoàng + Huỳnh = 5.1 % (Huỳnh is the southern form)
    "Huỳnh": 0.020,
    "Phan": 0.045,
    "Vũ": 0.022,  # Vũ + Võ = 3.9 % (Võ is the southern form)
    "Võ": 0.017,
    "Đặng": 0.021,
    "Bùi": 0.020,
    "Đỗ": 0.014,
    "Hồ": 0.013,
    "Ngô": 0.013,
    "Dương": 0.010,
    "Lý": 0.005,
    # Rarer names: rough illustrative weights.
    "Trương": 0.004,
    "Đinh": 0.004,
    "Trịnh": 0.003,
    "Lâm": 0.003,
    "Mai": 0.003,
    "Hà": 0.003,
    "Đoàn": 0.003,
    "Lương": 0.003,
    "Cao": 0.002,
    "Tô": 0.002,
    "Lưu": 0.002,
    "Tạ": 0.002,
    "Châu": 0.001,
    "Thái": 0.001,
}

#: Gender -> middle name -> weight.
MIDDLE_NAMES: dict[str, dict[str, float]] = {
    "male": {
        "Văn": 30.0,
        "Hữu": 8.0,
        "Đức": 9.0,
        "Minh": 10.0,
        "Quang": 7.0,
        "Thanh": 6.0,
        "Công": 6.0,
        "Xuân": 4.0,
        "Gia": 4.0,
        "Hoàng": 4.0,
        "Quốc": 6.0,
        "Tuấn": 3.0,
        "Anh": 3.0,
        "Ngọc": 2.0,
        "Trọng": 3.0,
    },
    "female": {
        "Thị": 35.0,
        "Ngọc": 10.0,
        "Thu": 6.0,
        "Thanh": 6.0,
        "Minh": 5.0,
        "Hoài": 3.0,
        "Bảo": 4.0,
        "Phương": 5.0,
        "Khánh": 4.0,
        "Mai": 4.0,
        "Kim": 5.0,
        "Thùy": 5.0,
        "Hồng": 4.0,
        "Diệu": 2.0,
        "Quỳnh": 2.0,
    },
}

# fmt: off
#: Gender -> given (first) name -> rough weight.
GIVEN_NAMES: dict[str, dict[str, float]] = {
    "male": {
        "Anh": 5.0, "Minh": 5.0, "Huy": 4.0, "Hùng": 4.0, "Dũng": 4.0,
        "Tuấn": 4.0, "Nam": 4.0, "Hải": 3.5, "Long": 3.5, "Sơn": 3.0,
        "Thắng": 3.0, "Phong": 2.5, "Quân": 3.0, "Khoa": 2.5, "Bảo": 2.5,
        "Đức": 3.0, "Hiếu": 3.0, "Trung": 3.0, "Thành": 3.0, "Tùng": 2.5,
        "Hoàng": 2.5, "Phúc": 2.5, "Khang": 2.0, "Kiên": 2.0, "Cường": 3.0,
        "Vinh": 2.5, "Toàn": 2.0, "Thịnh": 2.0, "Hưng": 2.5, "Lâm": 2.0,
        "Tài": 2.0, "Tâm": 1.5, "Nghĩa": 2.0, "Hòa": 1.5, "Lộc": 1.5,
        "Duy": 2.5, "Đạt": 3.0, "Thiện": 1.5, "Việt": 2.0, "Quang": 2.5,
        "Khánh": 2.0, "Trí": 1.5, "Nhân": 1.5, "Tiến": 2.0,
    },
    "female": {
        "Anh": 5.0, "Linh": 5.0, "Trang": 5.0, "Hương": 4.0, "Lan": 3.0,
        "Thảo": 4.0, "Hà": 3.5, "Mai": 3.0, "Hoa": 2.5, "Huyền": 3.5,
        "Nhung": 2.5, "Hằng": 3.0, "Thủy": 3.0, "Trâm": 2.0, "Vy": 3.0,
        "Nhi": 3.0, "Hạnh": 2.5, "Yến": 2.5, "Dung": 2.5, "Phương": 3.0,
        "Quỳnh": 3.0, "Thư": 2.5, "Hiền": 2.5, "Loan": 2.0, "Oanh": 2.0,
        "Giang": 2.5, "Ly": 2.0, "Châu": 1.5, "Uyên": 2.0, "Vân": 2.0,
        "Tâm": 1.5, "Nga": 2.5, "Hồng": 2.0, "Duyên": 2.0, "Ánh": 2.0,
        "Tuyết": 1.5, "Chi": 2.0, "My": 2.0, "Hân": 2.0, "Ngân": 2.5,
        "Thúy": 2.0, "Diệp": 1.0, "Ngọc": 2.5,
    },
}
# fmt: on

#: Canonical name of the 34 provincial-level units (since 1 July 2025) ->
#: approximate population (rounded 2024 figures summed over merged provinces).
CITIES: dict[str, int] = {
    # 6 centrally-run cities
    "Thành phố Hồ Chí Minh": 14_000_000,  # + Bình Dương, Bà Rịa - Vũng Tàu
    "Hà Nội": 8_700_000,
    "Hải Phòng": 4_660_000,  # + Hải Dương
    "Đà Nẵng": 3_070_000,  # + Quảng Nam
    "Cần Thơ": 4_200_000,  # + Sóc Trăng, Hậu Giang
    "Huế": 1_240_000,
    # 28 provinces
    "Đồng Nai": 4_490_000,  # + Bình Phước
    "Nghệ An": 3_830_000,
    "Thanh Hóa": 4_320_000,
    "An Giang": 4_950_000,  # + Kiên Giang
    "Đắk Lắk": 3_350_000,  # + Phú Yên
    "Gia Lai": 3_580_000,  # + Bình Định
    "Khánh Hòa": 2_240_000,  # + Ninh Thuận
    "Lâm Đồng": 3_870_000,  # + Đắk Nông, Bình Thuận
    "Quảng Ninh": 1_430_000,
    "Bắc Ninh": 3_620_000,  # + Bắc Giang
    "Phú Thọ": 4_020_000,  # + Vĩnh Phúc, Hòa Bình
    "Ninh Bình": 4_410_000,  # + Hà Nam, Nam Định
    "Hưng Yên": 3_570_000,  # + Thái Bình
    "Đồng Tháp": 4_370_000,  # + Tiền Giang
    "Vĩnh Long": 4_260_000,  # + Bến Tre, Trà Vinh
    "Cà Mau": 2_610_000,  # + Bạc Liêu
    "Tây Ninh": 3_250_000,  # + Long An
    "Quảng Ngãi": 2_160_000,  # + Kon Tum
    "Quảng Trị": 1_870_000,  # + Quảng Bình
    "Hà Tĩnh": 1_620_000,
    "Thái Nguyên": 1_800_000,  # + Bắc Kạn
    "Lào Cai": 1_780_000,  # + Yên Bái
    "Tuyên Quang": 1_870_000,  # + Hà Giang
    "Sơn La": 1_300_000,
    "Lạng Sơn": 800_000,
    "Cao Bằng": 570_000,
    "Lai Châu": 480_000,
    "Điện Biên": 650_000,
}

_CENTRAL_CITIES = ("Thành phố Hồ Chí Minh", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

# fmt: off
#: Hand-written spellings found in real CRM exports (see ``CITY_VARIANTS``).
_EXPLICIT_VARIANTS: dict[str, list[str]] = {
    "Thành phố Hồ Chí Minh": [
        "TP.HCM", "TP HCM", "TPHCM", "Tp. Hồ Chí Minh", "TP. Hồ Chí Minh", "Hồ Chí Minh",
        "HCM", "HCMC", "Ho Chi Minh City", "Ho Chi Minh", "Sài Gòn", "Sai Gon", "Saigon",
        "SG", "thanh pho ho chi minh", "tp.hồ chí minh",
    ],
    "Hà Nội": ["HN", "Ha Noi", "Hanoi", "TP. Hà Nội", "hà nội", "Thành phố Hà Nội", "HANOI"],
    "Hải Phòng": ["HP", "Hai Phong", "Haiphong", "TP. Hải Phòng", "hải phòng", "Thành phố Hải Phòng"],
    "Đà Nẵng": ["Da Nang", "Danang", "TP. Đà Nẵng", "đà nẵng", "Thành phố Đà Nẵng", "TP Đà Nẵng"],
    "Cần Thơ": ["Can Tho", "Cantho", "TP. Cần Thơ", "thành phố Cần Thơ", "cần thơ", "TP Cần Thơ"],
    "Huế": ["Hue", "TP. Huế", "Thành phố Huế", "Thừa Thiên Huế", "Thua Thien Hue", "TT-Huế", "huế"],
    "Đồng Nai": ["Dong Nai", "Tỉnh Đồng Nai", "đồng nai", "Biên Hòa - Đồng Nai"],
    "Thanh Hóa": ["Thanh Hoá", "Thanh Hoa", "Tỉnh Thanh Hóa", "thanh hóa"],
    "Khánh Hòa": ["Khánh Hoà", "Khanh Hoa", "Tỉnh Khánh Hòa", "khánh hòa"],
    "Đắk Lắk": ["Đắc Lắc", "Dak Lak", "Daklak", "Đăk Lăk", "Tỉnh Đắk Lắk"],
    "Bắc Ninh": ["Bac Ninh", "Tỉnh Bắc Ninh", "bắc ninh", "BN"],
    "Nghệ An": ["Nghe An", "Tỉnh Nghệ An", "nghệ an"],
}
# fmt: on

#: Carrier -> 3-digit mobile prefixes (10-digit numbers, since 2018).
PHONE_PREFIXES: dict[str, list[str]] = {
    "Viettel": ["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"],
    "Vinaphone": ["088", "091", "094", "081", "082", "083", "084", "085"],
    "Mobifone": ["089", "090", "093", "070", "076", "077", "078", "079"],
    "Vietnamobile": ["092", "056", "058"],
}

#: Carrier -> rough subscriber share (split evenly over its prefixes).
_CARRIER_SHARES: dict[str, float] = {
    "Viettel": 0.50,
    "Vinaphone": 0.25,
    "Mobifone": 0.20,
    "Vietnamobile": 0.05,
}

#: Personal e-mail domain -> weight.
EMAIL_DOMAINS: dict[str, float] = {
    "gmail.com": 0.70,
    "yahoo.com": 0.08,
    "yahoo.com.vn": 0.04,
    "outlook.com": 0.05,
    "hotmail.com": 0.04,
    "icloud.com": 0.05,
    "fpt.vn": 0.02,
    "vnn.vn": 0.02,
}

# Personal (b2c) e-mail local parts. Fields: given, family, middle (folded,
# lower case), fi / mi (family / middle initial), cc (city code), yy, yyyy,
# num. The year digits are random, not tied to any age column. Repeated
# addresses get extra digits afterwards (see ``_make_unique``).
_B2C_EMAIL_PATTERNS: dict[str, float] = {
    "{given}.{family}{yy}": 0.22,  # tuan.nguyen87
    "{family}{middle}{given}.{cc}": 0.10,  # nguyenthithuy.hn
    "{given}{fi}{mi}{yy}": 0.18,  # thuynt92
    "{given}{family}{yyyy}": 0.15,  # tuannguyen1987
    "{family}.{given}{num}": 0.15,  # nguyen.tuan123
    "{fi}{mi}{given}{num}": 0.12,  # ntthuy213
    "{given}_{family}{num}": 0.08,  # thuy_nguyen201
}

# Work (b2b) e-mail local parts at the company domain.
_B2B_EMAIL_PATTERNS: dict[str, float] = {
    "{given}.{family}": 0.30,  # tuan.nguyen@minhphat.com.vn
    "{given}{fi}{mi}": 0.30,  # tuannv@
    "{family}{given}": 0.15,  # nguyentuan@
    "{given}.{fi}{mi}{num}": 0.15,  # tuan.nv12@
    "{fi}{mi}{given}{num}": 0.10,  # nvtuan3@
}

_COMPANY_TYPES: dict[str, float] = {"TNHH": 0.55, "Cổ phần": 0.30, "TNHH MTV": 0.15}

#: Sector words -> ASCII tag sometimes added to the company's domain.
_COMPANY_SECTORS: dict[str, str] = {
    "": "",
    "Thương mại": "tm",
    "Thương mại và Dịch vụ": "tmdv",
    "Công nghệ": "tech",
    "Xây dựng": "xd",
    "Dịch vụ": "dv",
    "Sản xuất": "sx",
    "Đầu tư": "invest",
    "Vận tải": "logistics",
    "Thực phẩm": "food",
    "Du lịch": "travel",
    "Dược phẩm": "pharma",
    "Xuất nhập khẩu": "xnk",
    "Giải pháp Phần mềm": "soft",
    "Nội thất": "home",
    "Tập đoàn": "group",
}

# fmt: off
#: Auspicious syllables that brand names are built from ("Minh Phát").
_BRAND_SYLLABLES: tuple[str, ...] = (
    "An", "Bình", "Minh", "Phát", "Thịnh", "Hưng", "Khang", "Phúc", "Thành", "Đạt",
    "Tân", "Việt", "Hòa", "Long", "Sao", "Kim", "Hoàng", "Gia", "Trường", "Hải",
    "Nam", "Phong", "Quang", "Thái", "Tiến", "Toàn", "Vinh", "Lộc", "Tài", "Đông",
)
# fmt: on

_COMPANY_TLDS: dict[str, float] = {"com.vn": 0.55, "vn": 0.25, "com": 0.20}

_BIRTH_YEARS = range(1965, 2007)  # years used for e-mail digits

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------

_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_fold(text: str) -> str:
    """Remove Vietnamese diacritics.

    ``đ``/``Đ`` are mapped explicitly, because Unicode NFD does not decompose
    them (they are letters of their own, not d + a mark).

    Args:
        text: any string.

    Returns:
        The string with every combining mark removed, e.g.
        ``"Đặng Thị Thùy" -> "Dang Thi Thuy"``.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _key(text: str) -> str:
    """Lookup key: folded, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


_KEY_PREFIX = re.compile(r"^(thanhpho|tinh|tp)")
_KEY_SUFFIX = re.compile(r"(city|province)$")


def _strip_key(key: str) -> str:
    """Drop administrative words ("thành phố", "TP", "tỉnh", "city")."""
    return _KEY_SUFFIX.sub("", _KEY_PREFIX.sub("", key)) or key


def _auto_variants(canonical: str) -> list[str]:
    """Generated spellings: folded, lower case and with an admin prefix."""
    folded = ascii_fold(canonical)
    out = [folded, canonical.lower(), folded.lower(), folded.upper()]
    if canonical in _CENTRAL_CITIES:
        out += [f"TP. {canonical}", f"Tp {canonical}"]
    else:
        out += [f"Tỉnh {canonical}", f"tinh {folded.lower()}"]
    return out


def _build_variants() -> dict[str, list[str]]:
    variants: dict[str, list[str]] = {}
    for city in CITIES:
        seen = {city}
        merged = []
        for v in _EXPLICIT_VARIANTS.get(city, []) + _auto_variants(city):
            if v not in seen:
                seen.add(v)
                merged.append(v)
        variants[city] = merged
    return variants


#: Canonical city -> spellings a real CRM holds (all 34 units; hand-written
#: ones for the 6 cities and a few provinces, generated ones for the rest).
CITY_VARIANTS: dict[str, list[str]] = _build_variants()


def _build_city_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for city, variants in CITY_VARIANTS.items():
        for spelling in [city, *variants]:
            for key in {_key(spelling), _strip_key(_key(spelling))}:
                if lookup.setdefault(key, city) != city:
                    raise AssertionError(f"ambiguous city key {key!r}: {lookup[key]} / {city}")
    return lookup


_CITY_LOOKUP: dict[str, str] = _build_city_lookup()


def canonical_city(text: str) -> str | None:
    """Map a city spelling back to its canonical name.

    Matching ignores case, diacritics, spaces and punctuation, and words such
    as "thành phố", "TP", "tỉnh" or "city".

    Args:
        text: a spelling such as ``"TP.HCM"``, ``"Sài Gòn"`` or ``"ha noi"``.

    Returns:
        The canonical name (a key of ``CITIES``), or ``None`` if unknown.
    """
    key = _key(text)
    if not key:
        return None
    return _CITY_LOOKUP.get(key) or _CITY_LOOKUP.get(_strip_key(key))


def _city_code(city: str) -> str:
    """Short ASCII code used in e-mails, e.g. ``"hn"``, ``"hcm"``."""
    special = {"Thành phố Hồ Chí Minh": "hcm", "Huế": "hue"}
    if city in special:
        return special[city]
    return "".join(word[0] for word in ascii_fold(city).lower().split())


# ---------------------------------------------------------------------------
# Vectorised drawing
# ---------------------------------------------------------------------------


class _Table:
    """Weighted list of strings, ready for ``searchsorted`` drawing."""

    def __init__(self, weights: Mapping[str, float]):
        self.values = np.array(list(weights), dtype=object)
        self.cum = np.cumsum(np.fromiter(weights.values(), dtype=float))

    def __len__(self) -> int:
        return len(self.cum)

    def index(self, u: np.ndarray) -> np.ndarray:
        """Indices for uniform numbers ``u`` in [0, 1)."""
        idx = np.searchsorted(self.cum, u * self.cum[-1], side="right")
        return np.minimum(idx, len(self.cum) - 1)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.index(rng.random(n))


def _objects(values: Iterable[str]) -> np.ndarray:
    """1-d object array of Python strings (fast fancy indexing)."""
    return np.array(list(values), dtype=object)


def _fold_lower(values: Iterable[str]) -> np.ndarray:
    """ASCII, lower-case, space-free forms, e.g. "Thị" -> "thi"."""
    return _objects([ascii_fold(v).lower().replace(" ", "") for v in values])


def _gendered(tables: Mapping[str, Mapping[str, float]]) -> tuple[_Table, _Table, np.ndarray]:
    """Male table, female table, and the concatenated male + female names."""
    male, female = _Table(tables["male"]), _Table(tables["female"])
    return male, female, np.concatenate([male.values, female.values])


def _compile(patterns: Mapping[str, float]) -> tuple[_Table, list[tuple[str, list[str]]]]:
    """Pattern table plus, per pattern, a positional format and its fields.

    ``"{given}.{family}{yy}"`` becomes ``("{}.{}{}@{}", ["given", "family",
    "yy", "domain"])`` so rows can be filled with the fast ``map(fmt.format,
    *columns)``.
    """
    compiled = []
    for pattern in patterns:
        fields = re.findall(r"\{(\w+)\}", pattern)
        compiled.append((re.sub(r"\{\w+\}", "{}", pattern) + "@{}", [*fields, "domain"]))
    return _Table(patterns), compiled


_FAMILY = _Table(FAMILY_NAMES)
_MID_M, _MID_F, _MID_NAMES = _gendered(MIDDLE_NAMES)
_GIV_M, _GIV_F, _GIV_NAMES = _gendered(GIVEN_NAMES)
_CITY = _Table({c: float(p) for c, p in CITIES.items()})
_DOMAINS = _Table(EMAIL_DOMAINS)
_B2C = _compile(_B2C_EMAIL_PATTERNS)
_B2B = _compile(_B2B_EMAIL_PATTERNS)
_PHONE = _Table(
    {
        prefix: share / len(PHONE_PREFIXES[carrier])
        for carrier, share in _CARRIER_SHARES.items()
        for prefix in PHONE_PREFIXES[carrier]
    }
)
_PHONE_PREFIX_CHARS = np.array([[ord(c) for c in p] for p in _PHONE.values], dtype=np.uint8)
_COMPANY_TYPE = _Table(_COMPANY_TYPES)
_SECTOR_WORDS = _objects([f"{s} " if s else "" for s in _COMPANY_SECTORS])  # "" -> no double space
_SECTOR_TAGS = _objects(_COMPANY_SECTORS.values())
_BRANDS = _objects(_BRAND_SYLLABLES)
_TLDS = _Table(_COMPANY_TLDS)

# ASCII pieces for e-mails, aligned with the tables above.
_FAMILY_ASCII = _fold_lower(FAMILY_NAMES)
_MID_ASCII = _fold_lower(_MID_NAMES)
_GIV_ASCII = _fold_lower(_GIV_NAMES)
_FAMILY_INITIAL = _objects([s[0] for s in _FAMILY_ASCII])
_MID_INITIAL = _objects([s[0] for s in _MID_ASCII])
_CITY_CODES = _objects([_city_code(c) for c in CITIES])
_BRANDS_ASCII = _fold_lower(_BRAND_SYLLABLES)
_YEAR_4 = _objects([str(y) for y in _BIRTH_YEARS])
_YEAR_2 = _objects([f"{y % 100:02d}" for y in _BIRTH_YEARS])
_NUMBERS = _objects([str(i) for i in range(10_000)])


def _draw_gendered(
    rng: np.random.Generator, is_male: np.ndarray, male: _Table, female: _Table
) -> np.ndarray:
    """Index into the concatenated male + female names, by gender."""
    u = rng.random(len(is_male))
    return np.where(is_male, male.index(u), len(male) + female.index(u))


def _phones(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` 10-digit mobile numbers such as ``"0912345678"``."""
    chars = np.empty((n, 10), dtype=np.uint8)  # ASCII codes, one row per number
    chars[:, :3] = _PHONE_PREFIX_CHARS[_PHONE.draw(rng, n)]
    chars[:, 3:] = rng.integers(0, 10, (n, 7), dtype=np.uint8) + ord("0")
    return chars.view("S10").ravel().astype("U10").tolist()


def _combine(fmt: str, *columns: tuple[np.ndarray, np.ndarray]) -> list[str]:
    """Row i is ``fmt.format(values[idx[i]], ...)`` over ``(values, idx)`` columns.

    Each distinct combination is formatted once (there are far fewer
    combinations than rows), then spread to the rows.
    """
    code = np.zeros(len(columns[0][1]), dtype=np.int64)
    for values, idx in columns:
        code = code * len(values) + idx
    combos, rows = np.unique(code, return_inverse=True)
    parts = []
    for values, _ in reversed(columns):
        combos, part = np.divmod(combos, len(values))
        parts.append(values[part].tolist())
    return _objects(map(fmt.format, *reversed(parts)))[rows].tolist()


def _fill(
    compiled: tuple[_Table, list[tuple[str, list[str]]]],
    which: np.ndarray,
    fields: Mapping[str, np.ndarray],
) -> list[str]:
    """E-mail addresses: row i uses pattern ``which[i]`` filled from ``fields``."""
    out = np.empty(len(which), dtype=object)
    for k, (fmt, names) in enumerate(compiled[1]):
        rows = np.flatnonzero(which == k)
        if rows.size:
            out[rows] = list(map(fmt.format, *(fields[name][rows].tolist() for name in names)))
    return out.tolist()


def _make_unique(emails: list[str], extra: list[str]) -> list[str]:
    """Make addresses unique within one draw.

    A repeated address gets extra digits before the ``@``, as a mail service
    forces a new user to pick a free name.
    """
    seen: set[str] = set()
    repeated = [i for i, email in enumerate(emails) if email in seen or seen.add(email)]
    for i in repeated:
        local, domain = emails[i].split("@")
        email, k = f"{local}{extra[i]}@{domain}", 0
        while email in seen:
            k += 1
            email = f"{local}{extra[i]}{k}@{domain}"
        seen.add(email)
        emails[i] = email
    return emails


def draw_people(rng: np.random.Generator, n: int, *, segment: str = "b2c") -> dict[str, list]:
    """Draw ``n`` synthetic Vietnamese people as columns.

    Columns are drawn in a fixed order, all from ``rng``, so the same seed
    gives the same people.

    Args:
        rng: the simulator's numpy random generator (the only randomness used).
        n: number of people (0 or more).
        segment: ``"b2c"`` (personal e-mails, no company) or ``"b2b"``
            (a company name and a work e-mail at the company's domain).

    Returns:
        A dict of equally long lists: ``family_name``, ``middle_name``,
        ``given_name``, ``full_name`` (family + middle + given, Vietnamese
        order), ``gender`` (``"male"``/``"female"``, about 50/50), ``city``
        (canonical name, weighted by population), ``email`` (ASCII, lower
        case, unique within one call), ``phone`` (10-digit Vietnamese mobile
        number) and ``company`` (``""`` for b2c, e.g. ``"Công ty TNHH Thương
        mại Minh Phát"`` for b2b).

    Raises:
        ValueError: if ``n`` is negative or ``segment`` is unknown.
    """
    if segment not in ("b2c", "b2b"):
        raise ValueError(f"segment phải là 'b2c' hoặc 'b2b' / segment must be 'b2c' or 'b2b', got {segment!r}")
    n = int(n)
    if n < 0:
        raise ValueError(f"n phải >= 0 / n must be >= 0, got {n}")

    # 1. Gender, family, middle, given, city (this order, always).
    is_male = rng.random(n) < 0.5
    fam = _FAMILY.draw(rng, n)
    mid = _draw_gendered(rng, is_male, _MID_M, _MID_F)
    giv = _draw_gendered(rng, is_male, _GIV_M, _GIV_F)
    # No "Minh Minh": redraw the given name where it equals the middle name.
    clash = np.flatnonzero(_MID_NAMES[mid] == _GIV_NAMES[giv])
    while clash.size:
        giv[clash] = _draw_gendered(rng, is_male[clash], _GIV_M, _GIV_F)
        clash = clash[_MID_NAMES[mid[clash]] == _GIV_NAMES[giv[clash]]]
    city = _CITY.draw(rng, n)

    # 2. Phone.
    phone = _phones(rng, n)

    # 3. E-mail pieces shared by both segments.
    year = rng.integers(0, len(_YEAR_4), n)
    fields = {
        "given": _GIV_ASCII[giv],
        "family": _FAMILY_ASCII[fam],
        "middle": _MID_ASCII[mid],
        "fi": _FAMILY_INITIAL[fam],
        "mi": _MID_INITIAL[mid],
        "cc": _CITY_CODES[city],
        "yy": _YEAR_2[year],
        "yyyy": _YEAR_4[year],
        "num": _NUMBERS[rng.integers(1, 1000, n)],
    }
    extra = _NUMBERS[rng.integers(10, 10_000, n)]

    # 4. Segment: personal domain, or company name and company domain.
    if segment == "b2c":
        patterns = _B2C
        fields["domain"] = _DOMAINS.values[_DOMAINS.draw(rng, n)]
        company = [""] * n
    else:
        patterns = _B2B
        ctype = _COMPANY_TYPE.draw(rng, n)
        sector = rng.integers(0, len(_SECTOR_WORDS), n)
        b1 = rng.integers(0, len(_BRANDS), n)
        b2 = (b1 + 1 + rng.integers(0, len(_BRANDS) - 1, n)) % len(_BRANDS)  # b2 != b1
        tag = np.where(rng.random(n) < 0.4, sector, 0)  # sector 0 has no words, no tag
        tld = _TLDS.draw(rng, n)
        company = _combine(
            "Công ty {} {}{} {}",
            (_COMPANY_TYPE.values, ctype),
            (_SECTOR_WORDS, sector),
            (_BRANDS, b1),
            (_BRANDS, b2),
        )
        domain = _combine(
            "{}{}{}.{}", (_BRANDS_ASCII, b1), (_BRANDS_ASCII, b2), (_SECTOR_TAGS, tag), (_TLDS.values, tld)
        )
        fields["domain"] = _objects(domain)
    email = _make_unique(_fill(patterns, patterns[0].draw(rng, n), fields), extra.tolist())

    family_names = _FAMILY.values[fam].tolist()
    middle_names = _MID_NAMES[mid].tolist()
    given_names = _GIV_NAMES[giv].tolist()
    return {
        "family_name": family_names,
        "middle_name": middle_names,
        "given_name": given_names,
        "full_name": _combine("{} {} {}", (_FAMILY.values, fam), (_MID_NAMES, mid), (_GIV_NAMES, giv)),
        "gender": ["male" if m else "female" for m in is_male.tolist()],
        "city": _CITY.values[city].tolist(),
        "email": email,
        "phone": phone,
        "company": company,
    }
