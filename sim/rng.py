"""Random streams: one generator per source of randomness.

``np.random.SeedSequence(seed).spawn(k)`` gives independent generators, so a
change in one part of the model (say, the checkout) does not reshuffle the
draws of another (say, who arrives when). No global random state is used.

Inside the customer processes, scalar draws come from :class:`UniformStream`, a
buffer of uniforms drawn in blocks: numpy is fast per block, and a list index
is fast per draw.
"""

from __future__ import annotations

import math

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
)


def make_generators(seed: int) -> dict[str, np.random.Generator]:
    """One independent numpy Generator per source in :data:`SOURCES`."""
    children = np.random.SeedSequence(seed).spawn(len(SOURCES))
    return {name: np.random.default_rng(child) for name, child in zip(SOURCES, children, strict=True)}


class UniformStream:
    """Uniform(0, 1) draws served one at a time from blocks of a Generator.

    Args:
        generator: the source's numpy Generator.
        block: how many uniforms to draw at once.
    """

    __slots__ = ("_gen", "_block", "_buf", "_i")

    def __init__(self, generator: np.random.Generator, block: int = 8192):
        self._gen = generator
        self._block = block
        self._buf: list[float] = []
        self._i = 0

    def u(self) -> float:
        """One uniform draw in [0, 1)."""
        i = self._i
        if i >= len(self._buf):
            self._buf = self._gen.random(self._block).tolist()
            i = 0
        self._i = i + 1
        return self._buf[i]

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
        """Index drawn from cumulative weights ending at 1.0."""
        u = self.u()
        for i, c in enumerate(cumulative):
            if u < c:
                return i
        return len(cumulative) - 1

    def geometric(self, p: float) -> int:
        """Number of trials up to and including the first success (≥ 1)."""
        if p <= 0.0:
            return 1 << 30
        if p >= 1.0:
            return 1
        return 1 + int(math.log(1.0 - self.u()) / math.log(1.0 - p))


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
