"""A shop's data as the labs see it, and what the lecturer keeps hidden.

A lab works on one shop: the course's demonstration shop (``datasets/``, the same for everyone,
for practice) or a student's own shop (a variant drawn from the class's secret, graded). Either
way the lab sees :class:`LabData`:

* the six observed tables of a year (``customers``, ``journey``, ``orders``, ``tickets``,
  ``surveys``, ``marketing``), never ``truth``;
* the CRM's customer list as exported, with its defects (``customers_dirty``, lab 9), never its
  answer key;
* the requests of a promotion week at the service desk (``desk_week``, lab 7);
* the shop card (``cua_hang.json``): what a shop manager knows of the shop — when the year
  starts, how long the window is, the social-media budget, the desk's hours and staff. No seed,
  no scenario file: those would let anyone rerun the shop and read its future.

A student's own tables are written to a folder (:data:`DATA_DIR`, in the student's pack) as CSV,
the way ``python -m sim run`` writes them, and read back with the types of the data dictionary.
The lecturer rebuilds the same tables from the secret for grading (:func:`shop_tables`) and checks
them against the pack's fingerprint (the SHA-256 of the CSV files), so a change of the package
between handing out and grading cannot go unnoticed.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from sim.base.errors import DataError
from sim.base.formats import vi_number
from sim.base.output_folder import SHIPPED_DIR
from sim.base.version import __version__
from sim.classroom.calibration import load_calibration
from sim.classroom.errors import ClassroomError
from sim.classroom.variants import CRM_PROSPECTS, DESK_WEEK_STAFF, DeskWeek, Variant
from sim.engine.io import read_manifest, read_table, shipped_tables
from sim.engine.result import TABLES
from sim.engine.service_desk import simulate_desk
from sim.engine.simulate import simulate
from sim.measures.service_desk import desk_tickets
from sim.scenario.loader import load_scenario, with_changes

DATA_DIR = "du_lieu_rieng"
"""The folder of a student's own data, at the root of the student's pack."""
CARD_FILE = "cua_hang.json"
CARD_FORMAT = "ecrm-cua-hang/1"
OBSERVED_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name != "truth")
"""The six tables a shop sees of its year."""
CRM_TABLE = "customers_dirty"
DESK_TABLE = "desk_week"
DATA_FILES: tuple[str, ...] = (*OBSERVED_TABLES, CRM_TABLE, DESK_TABLE)
"""Every table of a student's own data, one CSV file each."""
HIDDEN_TABLES: tuple[str, ...] = ("truth", "customers_dirty_truth")
"""What the lecturer keeps: never written to a pack."""
DEMO_DESK_RATE = 50.0
"""Requests per hour in the demonstration shop's promotion week (lab 7 on the shipped data)."""
DEMO_SEED_OFFSETS = {"lab01_cau6": 101, "lab02_cau6": 202, "lab07_cau6": 101, "lab08_cau6": 101, "lab10_cau6": 101,
                     "lab15_cau6": 1501, "lab17_cau6": 1701, "lab12_cau4": 101, "lab14_cau4": 101}
"""The demonstration shop's hidden runs: its seed plus these (public: the demonstration is for practice)."""


def _csv(df: pd.DataFrame, path: Path) -> None:
    """A table as ``python -m sim run`` writes it (times to the second, Unix line ends)."""
    df.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")


def _read_desk_week(path: Path) -> pd.DataFrame:
    table = pd.read_csv(path, keep_default_na=False, na_values=[""])
    table["at"] = pd.to_datetime(table["at"], format="ISO8601").astype("datetime64[s]")
    for col in ("reneged", "resolved"):
        table[col] = table[col].map({True: True, False: False, "True": True, "False": False}).astype(bool)
    table["tool"] = table["tool"].astype(object)
    return table


def _read(folder: Path, name: str) -> pd.DataFrame:
    path = folder / f"{name}.csv"
    if name == DESK_TABLE:
        if not path.is_file():
            raise DataError([(str(path), name, "không tìm thấy tệp bảng này", "no such table file")])
        return _read_desk_week(path)
    return read_table(path, name)


def fingerprint(folder: Path, names: tuple[str, ...] = DATA_FILES) -> str:
    """SHA-256 of a shop's CSV files, in the order of ``names``: the same bytes, the same fingerprint."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\x00")
        digest.update((folder / f"{name}.csv").read_bytes())
    return digest.hexdigest()


@dataclass
class LabData:
    """The shop a lab works on: its observed tables and its card (see the module's docstring)."""

    kind: str
    """``"mau"`` the demonstration shop, ``"rieng"`` a student's own shop, ``"cham"`` rebuilt by the lecturer to grade."""
    tables: dict[str, pd.DataFrame]
    card: dict
    extras: dict[str, pd.DataFrame] = field(default_factory=dict)
    _demo: Variant | None = field(default=None, repr=False)

    @property
    def student_id(self) -> str | None:
        return self.card.get("student_id")

    @property
    def start(self) -> pd.Timestamp:
        """The first day of the observed year, 0 h."""
        return pd.Timestamp(self.card["start_date"])

    @property
    def window_end(self) -> pd.Timestamp:
        """The end of the observation window (``CUOI_KY`` in the labs)."""
        return self.start + pd.Timedelta(days=float(self.card["observation_days"]))

    @property
    def crm_export(self) -> pd.DataFrame:
        """The CRM's customer list as exported, with duplicates and defects (lab 9); no answer key."""
        if CRM_TABLE not in self.extras:
            self.extras[CRM_TABLE] = crm_run(self._demo).customers_dirty
        return self.extras[CRM_TABLE]

    @property
    def desk_week(self) -> pd.DataFrame:
        """The requests of the promotion week at the service desk (lab 7), one row each."""
        if DESK_TABLE not in self.extras:
            self.extras[DESK_TABLE] = desk_week_tickets(self._demo)
        return self.extras[DESK_TABLE]

    @property
    def chat(self) -> SimpleNamespace:
        """The chat desk in the promotion week: ``opens_hour``, ``closes_hour``, ``agents``."""
        desk = self.card["desk_week"]
        return SimpleNamespace(opens_hour=desk["chat_opens_hour"], closes_hour=desk["chat_closes_hour"],
                               agents=desk["chat_agents"])

    def bands(self, lab: str) -> dict[str, dict[str, float]]:
        """The tolerance bands of the lab's estimate questions: ``{"cau6": {"full": 0.09, "partial": 0.18}}``.

        A student's card carries the bands of the class; the demonstration shop takes them from the
        calibration data when they are at hand (the lecturer's copy of the course). Empty when unknown.
        """
        found = self.card.get("bands")
        if not isinstance(found, dict):
            try:
                calibration = load_calibration()
            except ClassroomError:
                return {}
            found = calibration["questions"] if calibration.get("customers") is None else {}
        prefix = f"{lab}/"
        return {key[len(prefix):]: {"full": float(v["full"]), "partial": float(v["partial"])}
                for key, v in found.items() if key.startswith(prefix) and isinstance(v, dict)}

    def describe(self, lab: str | None = None) -> str:
        """A few lines for the lab's first cell: which shop this is, whether work on it is graded, and the estimate's bands."""
        if self.kind == "mau":
            text = ("Dữ liệu: CỬA HÀNG MẪU của khóa học (thư mục datasets/), giống nhau cho mọi người. Hãy dùng nó để luyện "
                    "tập: bài làm trên cửa hàng mẫu không được chấm. Bài nộp được chấm trên cửa hàng riêng của bạn "
                    f"(thư mục {DATA_DIR}/ trong gói bài tập giảng viên phát cho bạn).")
        elif self.kind == "cham":
            text = f"Dữ liệu: cửa hàng riêng của sinh viên {self.student_id}, tạo lại từ bí mật của giảng viên để chấm bài."
        else:
            text = (f"Dữ liệu: CỬA HÀNG RIÊNG của sinh viên {self.student_id} (thư mục {DATA_DIR}/). Bài nộp được chấm trên "
                    "cửa hàng này; mỗi sinh viên có một cửa hàng khác, nên đáp án của bạn khác đáp án của bạn cùng lớp.")
        for question, band in sorted(self.bands(lab).items()) if lab else ():
            label = question.replace("cau", "Câu ")
            text += (f"\n{label} (ước lượng): sai số tương đối đến {vi_number(100 * band['full'], 0)}% được đủ điểm, đến "
                     f"{vi_number(100 * band['partial'], 0)}% được một nửa số điểm. Hai dải này đo từ độ dao động tự nhiên của "
                     "chính sự thật, qua nhiều cửa hàng mô phỏng.")
        return text


# --- The demonstration shop ------------------------------------------------------------------------------------------


def demonstration_variant() -> Variant:
    """The course's demonstration shop (``datasets/``) as a variant: the shipped scenario and public seeds."""
    manifest = read_manifest(SHIPPED_DIR)
    seed = int(manifest["seed"])
    scenario = load_scenario(SHIPPED_DIR / "scenario.yaml")
    seeds = {"cua_hang": seed, "crm": seed, "tuan_khuyen_mai": seed,
             **{purpose: seed + offset for purpose, offset in DEMO_SEED_OFFSETS.items()}}
    desk = DeskWeek(with_changes("default", DESK_WEEK_STAFF).service, DEMO_DESK_RATE)
    return Variant(student_id="", scenario=scenario, levers={}, desk_week=desk, customers=None, seeds=seeds)


def crm_run(variant: Variant):
    """The run whose customer list is exported dirty (lab 9): :data:`CRM_PROSPECTS` prospects of the shop."""
    prospects = CRM_PROSPECTS if variant.customers is None else min(CRM_PROSPECTS, variant.customers)
    return simulate(variant.scenario, variant.seed("crm"), customers=prospects, dirty=True)


def desk_week_tickets(variant: Variant) -> pd.DataFrame:
    """The promotion week at the shop's service desk (lab 7): one row per request."""
    week = variant.desk_week
    return desk_tickets(simulate_desk(week.service, week.requests_per_hour, week.days, variant.seed("tuan_khuyen_mai")),
                        start=week.start)


def card_for(variant: Variant, prospects_scale: float, rows: dict[str, int]) -> dict:
    """The shop card: what the shop's manager knows (no seed, no scenario)."""
    scenario, week = variant.scenario, variant.desk_week
    return {
        "format": CARD_FORMAT,
        "student_id": variant.student_id or None,
        "package_version": __version__,
        "start_date": str(scenario.start_date),
        "observation_days": float(scenario.observation_days),
        "social_daily_budget_vnd": round(scenario.channels.social.daily_budget_vnd * prospects_scale),
        "desk_week": {
            "requests_per_hour": week.requests_per_hour,
            "days": week.days,
            "start": week.start,
            "chat_opens_hour": week.service.chat.opens_hour,
            "chat_closes_hour": week.service.chat.closes_hour,
            "chat_agents": week.service.chat.agents,
            "service_level_target_min": week.service.service_level_target_min,
        },
        "crm_export": {"prospects": CRM_PROSPECTS if variant.customers is None else min(CRM_PROSPECTS, variant.customers)},
        "rows": rows,
    }


def demonstration_data() -> LabData:
    """The demonstration shop as the labs see it: the shipped observed tables (never its truth)."""
    variant = demonstration_variant()
    tables = shipped_tables()
    observed = {name: tables[name] for name in OBSERVED_TABLES}
    card = card_for(variant, float(read_manifest(SHIPPED_DIR).get("prospects_scale", 1.0)),
                    {name: len(df) for name, df in observed.items()})
    return LabData("mau", observed, card, _demo=variant)


def demonstration_hidden() -> dict[str, pd.DataFrame]:
    """The demonstration shop's truth tables (its run is public; the lecturer's checks use them outside a class)."""
    return {"truth": shipped_tables()["truth"], "customers_dirty_truth": crm_run(demonstration_variant()).customers_dirty_truth}


# --- A student's own shop --------------------------------------------------------------------------------------------


def shop_tables(variant: Variant) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], dict]:
    """Run a student's shop: its observed tables, its hidden tables and its card.

    Returns:
        ``(observed, hidden, card)``: the tables of :data:`DATA_FILES`, those of :data:`HIDDEN_TABLES`
        and the card (without its fingerprint, which is that of the written files).
    """
    main = simulate(variant.scenario, variant.seed("cua_hang"), customers=variant.customers)
    crm = crm_run(variant)
    observed = {name: getattr(main, name) for name in OBSERVED_TABLES}
    observed[CRM_TABLE] = crm.customers_dirty
    observed[DESK_TABLE] = desk_week_tickets(variant)
    hidden = {"truth": main.truth, "customers_dirty_truth": crm.customers_dirty_truth}
    card = card_for(variant, main.prospects_scale, {name: len(df) for name, df in observed.items()})
    return observed, hidden, card


def write_shop(folder: Path, observed: dict[str, pd.DataFrame], card: dict) -> dict:
    """Write a student's own data into ``folder`` (which must exist): the CSV files, the card and a README.

    Returns:
        The card as written, with the fingerprint of the CSV files.
    """
    for name in DATA_FILES:
        _csv(observed[name], folder / f"{name}.csv")
    card = {**card, "fingerprint": fingerprint(folder)}
    (folder / CARD_FILE).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(data_readme(card), encoding="utf-8")
    return card


def read_card(folder: Path) -> dict:
    """The card of a student's own data folder.

    Raises:
        ClassroomError: no card, not JSON, or not a card of this package.
    """
    path = folder / CARD_FILE
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClassroomError([(str(path), "", "không tìm thấy thẻ cửa hàng; thư mục này không phải dữ liệu riêng của sinh "
                                              "viên", "no shop card; this folder is not a student's own data")]) from None
    except (OSError, ValueError) as exc:
        raise ClassroomError([(str(path), str(exc)[:60], "thẻ cửa hàng phải là tệp JSON do gói tạo ra",
                               "the shop card must be the JSON file the package wrote")]) from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise ClassroomError([(str(path), str(card)[:60], f"thẻ cửa hàng phải có \"format\": \"{CARD_FORMAT}\"",
                               f"the shop card must have \"format\": \"{CARD_FORMAT}\"")])
    return card


def read_shop(folder: str | Path, kind: str = "rieng") -> LabData:
    """Read a student's own data folder (:func:`write_shop`) back, with the types of the data dictionary."""
    folder = Path(folder)
    card = read_card(folder)
    tables = {name: _read(folder, name) for name in DATA_FILES}
    extras = {name: tables.pop(name) for name in (CRM_TABLE, DESK_TABLE)}
    return LabData(kind, tables, card, extras)


def rebuilt_shop(variant: Variant, keep_in: Path | None = None) -> tuple[LabData, dict[str, pd.DataFrame], str]:
    """The lecturer's copy of a student's shop, exactly as the student read it, with its hidden tables.

    The tables are written to a temporary folder and read back, as in the student's pack, so every
    time and number is the one the student had.

    Args:
        variant: the student's shop.
        keep_in: an existing empty folder to keep the student's own data in (as in the pack); the hidden
            tables are never written there.

    Returns:
        ``(data, hidden, fingerprint)``.
    """
    observed, hidden, card = shop_tables(variant)
    with tempfile.TemporaryDirectory(prefix="ecrm-cham-") as tmp:
        folder = keep_in or Path(tmp)
        written = write_shop(folder, observed, card)
        data = read_shop(folder, kind="cham")
        for name, df in hidden.items():
            _csv(df, Path(tmp) / f"{name}.csv")
        hidden_back = {name: read_table(Path(tmp) / f"{name}.csv", name) for name in hidden}
    return data, hidden_back, written["fingerprint"]


def data_readme(card: dict) -> str:
    """The README of a student's own data folder, in Vietnamese."""
    rows = card["rows"]
    desk = card["desk_week"]
    lines = [
        f"# Dữ liệu riêng của sinh viên {card.get('student_id')}",
        "",
        "Đây là cửa hàng riêng của bạn: các bài thực hành đọc thư mục này và bài nộp được chấm trên nó. Mỗi sinh viên có",
        "một cửa hàng khác (giá, kênh thu hút, nhân sự, khách hàng khác nhau), nên đừng chép đáp án của bạn cùng lớp.",
        "Đừng sửa các tệp: khi chấm, giảng viên tạo lại đúng dữ liệu này.",
        "",
        "| Tệp | Nội dung | Số dòng |",
        "|---|---|---|",
        f"| `customers.csv` | khách tiềm năng | {vi_number(rows['customers'], 0)} |",
        f"| `journey.csv` | sự kiện của hành trình mua | {vi_number(rows['journey'], 0)} |",
        f"| `orders.csv` | đơn hàng | {vi_number(rows['orders'], 0)} |",
        f"| `tickets.csv` | yêu cầu dịch vụ | {vi_number(rows['tickets'], 0)} |",
        f"| `surveys.csv` | phiếu khảo sát NPS và SERVQUAL | {vi_number(rows['surveys'], 0)} |",
        f"| `marketing.csv` | chi phí marketing theo ngày và kênh | {vi_number(rows['marketing'], 0)} |",
        f"| `customers_dirty.csv` | danh sách khách hàng xuất từ CRM, có lỗi (bài 9) | {vi_number(rows[CRM_TABLE], 0)} |",
        f"| `desk_week.csv` | yêu cầu dịch vụ trong tuần khuyến mãi (bài 7) | {vi_number(rows[DESK_TABLE], 0)} |",
        f"| `{CARD_FILE}` | thẻ cửa hàng: năm quan sát, ngân sách, giờ mở cửa bàn dịch vụ | |",
        "",
        f"Năm quan sát bắt đầu ngày {card['start_date']} và dài {vi_number(card['observation_days'], 0)} ngày. Tuần khuyến mãi "
        f"bắt đầu ngày {desk['start']}: khoảng {vi_number(desk['requests_per_hour'], 0)} yêu cầu mỗi giờ, phòng chat mở từ "
        f"{vi_number(desk['chat_opens_hour'], 0)} giờ đến {vi_number(desk['chat_closes_hour'], 0)} giờ với "
        f"{desk['chat_agents']} nhân viên. Các cột được mô tả trong từ điển dữ liệu: `python -m sim describe`.",
        "",
        "Không có bảng sự thật (truth) ở đây: các ước lượng của bạn được chấm so với sự thật mà chỉ giảng viên tạo lại được.",
        "",
    ]
    return "\n".join(lines)


__all__ = ["CARD_FILE", "DATA_DIR", "DATA_FILES", "HIDDEN_TABLES", "OBSERVED_TABLES", "LabData", "crm_run",
           "demonstration_data", "demonstration_hidden", "demonstration_variant", "desk_week_tickets", "fingerprint",
           "read_card", "read_shop", "rebuilt_shop", "shop_tables", "write_shop"]
