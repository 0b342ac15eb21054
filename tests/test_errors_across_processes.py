"""An error raised in a worker process reaches the caller with its own type, problems and message."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sim
from sim.base.errors import BilingualError, DataError, ScenarioError

ERRORS = [BilingualError, ScenarioError, DataError]
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                      max_leaves=8)
PROBLEMS = st.lists(st.tuples(st.text(min_size=1, max_size=20), VALUES, st.text(max_size=40), st.text(max_size=40)),
                    min_size=1, max_size=4)


@given(kind=st.sampled_from(ERRORS), problems=PROBLEMS, source=st.none() | st.text(max_size=30))
def test_every_bilingual_error_pickles_back_whole(kind, problems, source):
    error = kind(problems, source=source)
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(back) is kind
        assert back.problems == problems and back.source == source
        assert str(back) == str(error) and back.fields == [p[0] for p in problems]


def test_a_bad_argument_in_worker_processes_reaches_the_caller_as_a_scenario_error():
    with pytest.raises(ScenarioError) as raised:
        sim.replicate("demo", seeds=2, n_jobs=2, customers=-1)
    assert raised.value.fields == ["customers"]
    assert "Kịch bản không hợp lệ" in str(raised.value) and "`customers` = -1" in str(raised.value)


def test_a_bad_argument_on_dask_workers_reaches_the_caller_as_a_scenario_error():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        with pytest.raises(ScenarioError) as raised:
            sim.replicate("demo", seeds=2, customers=-1, client=client)
    assert raised.value.fields == ["customers"]
    assert "`customers` = -1" in str(raised.value)
