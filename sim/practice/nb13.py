"""Practice exercises of notebook 13 (Chất lượng dịch vụ thương mại điện tử).

Lecture 001, "Chất lượng dịch vụ thương mại điện tử" and "SERVQUAL": the gap of a dimension is
perception − expectation (Parasuraman, Zeithaml & Berry 1988), the five RATER dimensions.
"""

from __future__ import annotations

from sim.practice import Exercise, Tables

RATER = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
"""The five RATER dimensions, as the columns of ``surveys`` name them."""


def _gap(tables: Tables, dimension: str):
    surveys = tables["surveys"]
    return surveys[f"{dimension}_perception"] - surveys[f"{dimension}_expectation"]


def reliability_gap(tables: Tables) -> float:
    """Mean gap of reliability: mean of ``reliability_perception − reliability_expectation`` over answers."""
    return float(_gap(tables, "reliability").mean())


def worst_dimension(tables: Tables) -> str:
    """The RATER dimension with the most negative mean gap (perception − expectation)."""
    return min(RATER, key=lambda dimension: float(_gap(tables, dimension).mean()))


def unhappy_share_below_expectation(tables: Tables) -> float:
    """Share of answers with satisfaction 1 or 2 among the answers whose responsiveness gap is below zero.

    Formula: answers with gap_responsiveness < 0 and satisfaction ≤ 2 / answers with gap_responsiveness < 0.
    """
    surveys = tables["surveys"]
    below = surveys[_gap(tables, "responsiveness") < 0]
    return float((below["satisfaction"] <= 2).mean())


EXERCISES = [
    Exercise("13.1", "Khoảng cách trung bình của thành phần tin cậy (reliability): cảm nhận − kỳ vọng.", "number",
             reliability_gap),
    Exercise("13.2", "Thành phần RATER có khoảng cách trung bình âm nhất (tên cột không có phần _perception, ví dụ "
             "\"tangibles\").", "choice", worst_dimension),
    Exercise("13.3", "Trong các câu trả lời có khoảng cách đáp ứng (responsiveness) âm, tỷ lệ câu trả lời có mức hài "
             "lòng 1 hoặc 2 (số từ 0 đến 1).", "number", unhappy_share_below_expectation),
]
