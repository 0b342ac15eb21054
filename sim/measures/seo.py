"""An SEO score of a page from the ranking factors the lecture weighs.

Lecture 001 (Quản trị thu hút khách hàng, "Which SEO ranking factors should I focus on?";
Chaffey ch. 9 Fig. 9.10): each on-page and off-page factor has an importance out of 5. A page
rated on each factor gets the weighted score 0–100 of :func:`seo_score`; divided by 100 it is
the ``channels.organic_search.seo_score`` lever (0–1) of a scenario, which scales the organic
search visits of the simulated shop.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from sim.base.checks import check_choice, check_range
from sim.base.errors import DataError

SEO_WEIGHTS: Mapping[str, tuple[str, float]] = {
    # On-page optimization.
    "title": ("on_page", 4.9),  # <title> tag
    "keyword_density": ("on_page", 3.7),  # keyword frequency and density
    "h1": ("on_page", 3.1),  # keyword in <h1> headings
    "h2": ("on_page", 2.8),  # keyword in <h2> headings
    "document_name": ("on_page", 2.8),  # keyword in the document name
    "meta_description": ("on_page", 2.0),  # meta name description
    "meta_keywords": ("on_page", 1.0),  # meta name keywords
    # Off-page optimization.
    "backlinks": ("off_page", 4.0),  # more backlinks (higher PageRank)
    "anchor_text": ("off_page", 4.4),  # link anchor text contains the keyword
    "hub": ("off_page", 3.5),  # page assessed as a hub
    "authority": ("off_page", 3.5),  # page assessed as an authority
    "link_velocity": ("off_page", 3.5),  # rate at which links change
}
"""Factor → (part, importance out of 5), as lecture 001 lists them."""
PARTS: tuple[str, ...] = ("all", "on_page", "off_page")
"""Which factors a score covers."""


def seo_contributions(ratings: Mapping[str, float] | pd.Series, *, rating_max: float = 1.0) -> pd.DataFrame:
    """Each factor's weight, rating and contribution to the SEO score, in points of 100.

    Lecture 001, Quản trị thu hút khách hàng (SEO ranking factors). For factor f with
    importance w_f (out of 5) and rating r_f (0 … ``rating_max``):

        contribution_f = 100 × w_f × (r_f / rating_max) / Σ w

    where Σ w = 39.2 is the sum of all twelve importances. The contributions add up to
    :func:`seo_score`. A factor not rated counts as 0 (the page does not do it).

    Example (worked by hand in the tests): the title rated 1 gives 100 × 4.9 / 39.2 = 12.5 points.

    Args:
        ratings: factor name → rating, e.g. ``{"title": 1, "backlinks": 0.5}``; names from
            :data:`SEO_WEIGHTS`.
        rating_max: the top of the rating scale: 1 (ratings 0–1) or 5 (ratings 0–5), or any
            positive number.

    Returns:
        One row per factor of :data:`SEO_WEIGHTS`, in its order: ``factor``, ``part``
        (``on_page`` / ``off_page``), ``weight`` (out of 5), ``rating``, ``contribution``,
        ``max_contribution`` (the points at the top rating).

    Raises:
        DataError: an unknown factor name (the message lists the allowed ones), a rating that is
            not a number or outside 0 … ``rating_max``, or a bad ``rating_max``.
    """
    check_range("rating_max", rating_max, 0, None, low_open=True)
    given = _ratings(ratings, rating_max)
    total = sum(w for _part, w in SEO_WEIGHTS.values())
    rows = []
    for factor, (part, weight) in SEO_WEIGHTS.items():
        rating = given.get(factor, 0.0)
        rows.append({"factor": factor, "part": part, "weight": weight, "rating": rating,
                     "contribution": 100.0 * weight * rating / rating_max / total,
                     "max_contribution": 100.0 * weight / total})
    return pd.DataFrame(rows, columns=["factor", "part", "weight", "rating", "contribution", "max_contribution"])


def seo_score(ratings: Mapping[str, float] | pd.Series, *, rating_max: float = 1.0, part: str = "all") -> float:
    """The weighted SEO score of a page, 0–100.

    Lecture 001, Quản trị thu hút khách hàng (SEO: on-page and off-page ranking factors)::

        score = 100 × Σ_f w_f × (r_f / rating_max) / Σ_f w_f

    over all twelve factors (``part="all"``), or over the on-page or off-page ones only.
    A factor not rated counts as 0.

    Example (worked by hand in the tests): title 1, keyword density 0.5, h1 1, backlinks 0.5 →
    100 × (4.9 + 1.85 + 3.1 + 2.0) / 39.2 = 30.23.

    Args:
        ratings: factor name → rating (names from :data:`SEO_WEIGHTS`).
        rating_max: the top of the rating scale (1 or 5, or any positive number).
        part: ``"all"``, ``"on_page"`` or ``"off_page"``.

    Returns:
        The score, 0 (nothing done) to 100 (every factor at the top rating).

    Raises:
        DataError: as :func:`seo_contributions`, or a bad ``part``.
    """
    check_choice("part", part, PARTS)
    table = seo_contributions(ratings, rating_max=rating_max)
    if part != "all":
        table = table[table["part"] == part]
    return float(100.0 * table["contribution"].sum() / table["max_contribution"].sum())


def _ratings(ratings: object, rating_max: float) -> dict[str, float]:
    if isinstance(ratings, pd.Series):
        ratings = ratings.to_dict()
    if not isinstance(ratings, Mapping):
        raise DataError([("ratings", type(ratings).__name__, "phải là dict hoặc Series: tên yếu tố → điểm",
                          "must be a dict or a Series: factor name → rating")])
    allowed = ", ".join(SEO_WEIGHTS)
    unknown = [str(name) for name in ratings if name not in SEO_WEIGHTS]
    if unknown:
        raise DataError([(f"ratings[{name!r}]", name, f"tên yếu tố SEO không có; chỉ nhận: {allowed}",
                          f"no such SEO factor; allowed: {allowed}") for name in unknown])
    out = {}
    for name, value in ratings.items():
        number = value.item() if hasattr(value, "item") else value
        out[name] = float(check_range(f"ratings[{name!r}]", number, 0.0, rating_max))
    return out
