"""Shared fixtures: one run of the default scenario with the datasets' seed."""

from __future__ import annotations

import pytest

import sim

DATASET_SEED = 2026


@pytest.fixture(scope="session")
def default_result() -> sim.Result:
    """The default scenario, seed 2026: the same run as the shipped datasets."""
    return sim.simulate("default", seed=DATASET_SEED)


@pytest.fixture(scope="session")
def demo_result() -> sim.Result:
    return sim.simulate("demo", seed=7)
