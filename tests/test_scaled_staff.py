"""``customers=N`` scales the service agents with the demand, so the load per agent stays the same."""

from __future__ import annotations

import json

import pytest

import sim
from sim.cli import main
from sim.engine.service_desk import scaled_staff


def _service(chat: int, email: int):
    return sim.with_changes("default", {"service.chat.agents": chat, "service.email.agents": email}).service


@pytest.mark.parametrize(("chat", "email", "scale", "expected"), [
    (1, 1, 1.0, (1, 1)),
    (1, 1, 10.0, (10, 10)),    # a shop ten times larger hires ten times the agents
    (3, 2, 2.0, (6, 4)),
    (2, 1, 0.6, (1, 1)),       # 1.2 → 1 and 0.6 → 1: a staffed desk keeps at least one agent
    (0, 2, 5.0, (0, 10)),      # no chat desk stays without chat
])
def test_agents_scale_by_hand(chat, email, scale, expected):
    service = scaled_staff(_service(chat, email), scale)
    assert (service.chat.agents, service.email.agents) == expected


def test_other_desk_settings_are_kept():
    before = _service(1, 1)
    after = scaled_staff(before, 4.0)
    assert after.chat.mean_handle_min == before.chat.mean_handle_min
    assert after.chat.opens_hour == before.chat.opens_hour
    assert after.faq_coverage == before.faq_coverage


def test_load_per_agent_stays_the_same_when_the_shop_grows():
    """ρ = λ·E[S]/c: with λ and c both × 4 the handling minutes per agent stay about the same.

    Without the scaling the one chat agent would get about four times the work (or the queue
    would grow without end): the per-agent minutes would be ≈ 4× the base run's.
    """
    base = sim.simulate("default", seed=8)
    big = sim.simulate("default", seed=8, customers=4 * len(base.customers))
    assert big.service_agents["chat"] >= 4 and big.service_agents["email"] >= 4

    def handled_min_per_agent(result, tool):
        t = result.tickets
        return t.loc[t["tool"] == tool, "handle_min"].sum() / result.service_agents[tool]

    for tool in ("chat", "email"):
        ratio = handled_min_per_agent(big, tool) / handled_min_per_agent(base, tool)
        assert 0.8 < ratio < 1.25, (tool, ratio)


def test_manifest_names_the_scale_and_the_staff(tmp_path):
    code = main(["run", "--scenario", "demo", "--seed", "2", "--out", str(tmp_path), "--customers", "2000"])
    assert code == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    # demo, visits a day: organic 2 × 0,45 + paid 12.000 / (128.000 / 7 + 1) × 0,95 (5% of paid clicks fraudulent)
    # + e-mail 2.000 × 2 / 30 × 0,004 + affiliate 0,35 + social 20.000 / 6.000 + direct 0,35 = 6,0901; × 180 days
    # = 1.096,2 expected prospects
    expected = (2 * 0.45 + 12_000 / (128_000 / 7 + 1) * 0.95 + 2_000 * 2 / 30 * 0.004 + 0.35 + 20_000 / 6_000 + 0.35) * 180
    assert manifest["prospects_scale"] == pytest.approx(2000 / expected, rel=1e-3)
    assert manifest["service_agents"] == {"chat": 2, "email": 2}  # round(1 × 1,81) = 2
    # The scenario written beside the tables is the one asked for, unscaled.
    assert "agents: 1" in (tmp_path / "scenario.yaml").read_text("utf-8")
