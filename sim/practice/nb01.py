"""Practice exercises of ``01_vi_sao_khach_khong_mua.ipynb``: drop-out reasons at the evaluation step.

Lecture 000 §1: customers do not buy on the web because security is not assured and quality cannot be
verified; the simulator records a reason for every drop-out (``journey.reason``).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables

EVALUATION = 3
"""The evaluation step (đánh giá các phương án) of the five-step process."""


def _evaluation_dropouts(journey: pd.DataFrame) -> pd.DataFrame:
    return journey[(journey["stage"] == EVALUATION) & (journey["event"] == "dropout")]


def top_two_reasons(tables: Tables) -> list[str]:
    """The two most frequent drop-out reasons at the evaluation step (step 3).

    Formula: count journey rows with stage = 3 and event = "dropout" by ``reason``; keep the two largest.
    Lecture 000 §1.
    """
    return list(_evaluation_dropouts(tables["journey"])["reason"].value_counts().index[:2])


def security_share(tables: Tables) -> float:
    """The share of evaluation drop-outs whose reason is a security concern.

    Formula: |{stage 3 drop-outs with reason = "security_concern"}| / |{stage 3 drop-outs}|. Lecture 000 §1.
    """
    return float((_evaluation_dropouts(tables["journey"])["reason"] == "security_concern").mean())


def security_share_by_persona(tables: Tables) -> pd.DataFrame:
    """Per web user type: the share of its evaluation drop-outs due to a security concern.

    Formula: merge stage-3 drop-outs with ``customers`` on ``customer_id``; per ``persona``, the mean of
    (reason = "security_concern"). Lecture 000 §1; Lewis & Lewis (1997) web user types.
    """
    merged = _evaluation_dropouts(tables["journey"]).merge(tables["customers"][["customer_id", "persona"]],
                                                            on="customer_id")
    shares = (merged["reason"] == "security_concern").groupby(merged["persona"]).mean()
    return shares.rename("share").reset_index()


EXERCISES = [
    Exercise("01.1", "Hai lý do rời bỏ nhiều nhất ở bước đánh giá (bước 3) là gì?", "set", top_two_reasons),
    Exercise("01.2", "Trong các lần rời bỏ ở bước đánh giá, tỷ lệ vì lo ngại an toàn là bao nhiêu?", "number",
             security_share),
    Exercise("01.3", "Với mỗi loại người dùng web, tỷ lệ các lần rời bỏ ở bước đánh giá vì lo ngại an toàn "
             "(bảng có cột `persona` và `share`)?", "frame", security_share_by_persona, frame_key="persona"),
]
