"""Practice exercises of notebook 09 (Net Promoter Score): NPS from the answers, NPS of one group.

Lecture 001, Chương 6, "Chỉ số khách hàng thiện cảm (NPS)"; Reichheld (2006).
"""

from __future__ import annotations

import pandas as pd

from sim.practice import Exercise, Tables


def _nps(scores: pd.Series) -> float:
    return float(100 * ((scores >= 9).mean() - (scores <= 6).mean()))


def shop_nps(tables: Tables) -> float:
    """NPS = 100 × (share of answers 9–10 − share of answers 0–6), every answer of ``surveys`` once."""
    return _nps(tables["surveys"]["nps_score"])


def bargain_hunter_nps(tables: Tables) -> float:
    """NPS of the answers given by bargain hunters: surveys merged with customers on ``customer_id``,
    kept where ``persona == "bargain_hunter"``, then the NPS formula."""
    merged = tables["surveys"].merge(tables["customers"][["customer_id", "persona"]], on="customer_id")
    return _nps(merged.loc[merged["persona"] == "bargain_hunter", "nps_score"])


EXERCISES = [
    Exercise("09.1", "NPS của cửa hàng từ mọi câu trả lời của bảng surveys (điểm, từ −100 đến 100).", "number", shop_nps),
    Exercise("09.2", "NPS của nhóm người săn hàng giảm giá (persona = \"bargain_hunter\"): ghép surveys với customers "
             "theo customer_id.", "number", bargain_hunter_nps),
]
