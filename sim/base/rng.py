"""Random streams: one generator per source of randomness.

``np.random.SeedSequence(seed).spawn(k)`` gives independent generators, so a
change in one part of the model (say, the checkout) does not reshuffle the
draws of another (say, who arrives when). No global random state is used.

Inside the customer processes, scalar draws come from :class:`UniformStream`,
seeded from the same source's SeedSequence child.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right

import numpy as np

SOURCES: tuple[str, ...] = (
    "arrivals",     # who arrives, when, through which channel
    "personas",     # persona of each prospect
    "journey",      # stage decisions of the purchase process
    "purchase",     # category, product, price tier, payment and delivery
    "experience",   # satisfaction, loyalty, NPS answers
    "lifecycle",    # repeat needs, returns and churn
    "email",        # opt-in, unsubscribes, opens
    "names",        # names, cities, e-mails, phones
    "service",      # service requests
    "marketing",    # impressions and opens in the marketing table
    "dirt",         # the defects of the dirty CRM export
    "survey",       # RATER / SERVQUAL answers
    # New sources go at the end: the streams above keep their draws.
    "ads",          # paid-search clicks: relevance of the match, content network, click fraud
    "payment",      # cash on delivery or prepaid, refusals at the door
    "offline",      # phone calls and store visits in the journey
    "competitor",   # which churns a competitor's offer caused
    "new_items",    # new products in the catalogue and their launch days
    "permission",   # widening the permission (SMS/Zalo) after the first order
    "service_functions",  # made-to-order orders, retirement and resale of used items
)


Seed = int | np.random.SeedSequence
"""A run's seed: a whole number, or the SeedSequence of a shard (a child of the run's seed, ``spawn``)."""


def seed_sequence(seed: Seed) -> np.random.SeedSequence:
    """A fresh SeedSequence for ``seed``: ``SeedSequence(seed)``, or a copy of a shard's SeedSequence.

    A copy, so that spawning from it always gives the same children (a SeedSequence counts the
    children it has spawned).
    """
    if isinstance(seed, np.random.SeedSequence):
        return np.random.SeedSequence(seed.entropy, spawn_key=seed.spawn_key, pool_size=seed.pool_size)
    return np.random.SeedSequence(seed)


def make_streams(seed: Seed) -> tuple[dict[str, np.random.Generator], dict[str, UniformStream]]:
    """Per source in :data:`SOURCES`: a numpy Generator and a scalar stream.

    ``SeedSequence(seed).spawn(len(SOURCES))`` gives one child per source; each
    child is spawned again into the source's vectorised generator and its
    scalar stream, so the two never share draws. A shard's seed is its SeedSequence.
    """
    generators, scalars = {}, {}
    for name, child in zip(SOURCES, seed_sequence(seed).spawn(len(SOURCES)), strict=True):
        vector_seq, scalar_seq = child.spawn(2)
        generators[name] = np.random.default_rng(vector_seq)
        scalars[name] = UniformStream(scalar_seq)
    return generators, scalars


class UniformStream:
    """Scalar draws for the customer processes, one stream per source.

    The stream is a ``random.Random`` instance (Python's Mersenne Twister, in C)
    seeded from the source's own ``SeedSequence`` child: a local generator, never
    the global one. Scalar draws from it cost a few tens of nanoseconds, which
    matters inside SimPy processes; vectorised draws use the numpy Generator.

    Args:
        seed_sequence: the source's child of ``SeedSequence(seed).spawn(k)``.
    """

    __slots__ = ("u",)

    def __init__(self, seed_sequence: np.random.SeedSequence):
        state = seed_sequence.generate_state(4, dtype=np.uint64)
        self.u = random.Random(int.from_bytes(state.tobytes(), "little")).random
        """One uniform draw in [0, 1)."""

    def bernoulli(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.u() < p

    def exponential(self, mean: float) -> float:
        """Exponential draw with the given mean (inverse transform: −mean·ln(1−U))."""
        return -mean * math.log(1.0 - self.u())

    def normal(self, mean: float, sd: float) -> float:
        """Normal draw (Box–Muller, one of the pair)."""
        u1 = 1.0 - self.u()
        u2 = self.u()
        return mean + sd * math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def poisson(self, lam: float) -> int:
        """Poisson draw by inversion (fine for the small means used here)."""
        if lam <= 0.0:
            return 0
        u = self.u()
        k = 0
        p = math.exp(-lam)
        cdf = p
        while u > cdf and k < 1000:
            k += 1
            p *= lam / k
            cdf += p
        return k

    def choice(self, cumulative: list[float]) -> int:
        """Index drawn from cumulative weights ending at 1.0: the first i with U < cumulative[i]."""
        i = bisect_right(cumulative, self.u())
        return i if i < len(cumulative) else len(cumulative) - 1

    def geometric(self, p: float) -> int:
        """Number of trials up to and including the first success (≥ 1)."""
        if p <= 0.0:
            return 1 << 30
        if p >= 1.0:
            return 1
        trials = math.log1p(-self.u()) / math.log1p(-p)
        return 1 + int(trials) if trials < (1 << 30) else 1 << 30


def cumulative(weights: list[float]) -> list[float]:
    """Normalised cumulative weights (the last one exactly 1.0)."""
    total = float(sum(weights))
    if total <= 0:
        raise ValueError("weights must have a positive sum")
    out, acc = [], 0.0
    for w in weights:
        acc += w / total
        out.append(acc)
    out[-1] = 1.0
    return out


def block_generators(seed: Seed, source: str, n_blocks: int, offset: int = 0) -> list[np.random.Generator]:
    """Generators for fixed-size blocks of rows of one source.

    Block ``b`` always gets the same generator, however many blocks are drawn,
    so the first rows of a table do not change when a lever adds rows at the end.
    ``offset`` separates families of blocks of the same source.
    """
    child = seed_sequence(seed).spawn(len(SOURCES))[SOURCES.index(source)]
    return [
        np.random.default_rng(np.random.SeedSequence(child.entropy, spawn_key=(*child.spawn_key, 1000 + offset + b)))
        for b in range(n_blocks)
    ]

