"""Service quality as customers score it: RATER and the ten SERVQUAL dimensions.

Lecture 001 (Chất lượng dịch vụ thương mại điện tử) gives the RATER model of
Parasuraman et al.: tangibles (ease of use and visual appeal of the site),
reliability (availability of the site), responsiveness (page speed, speed of
answers), assurance (quality of answers, privacy and security) and empathy
(personalized interaction). SERVQUAL's ten dimensions are an option.

Each surveyed customer gives an expectation and a perception (Likert 1–7) per
dimension. Perceptions follow the store's real service levels in the run, the
customer's own experience (a late delivery, a slow or unresolved request) and
their satisfaction; expectations follow the persona.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.base.codes import RATER, SERVQUAL10
from sim.base.rng import UniformStream
from sim.scenario.schema import Scenario


def dimensions(scenario: Scenario) -> tuple[str, ...]:
    """The dimensions surveyed in this scenario."""
    return SERVQUAL10 if scenario.service_quality.servqual_ten_dimensions else RATER


def _clip01(x: float) -> float:
    return min(1.0, max(0.0, x))


def service_levels(scenario: Scenario) -> dict[str, float]:
    """The store's service level on each dimension, 0 (poor) to 1 (excellent).

    * tangibles: site design and the quality of the foundation e-services;
    * reliability: site availability, 95 % → 0, 100 % → 1;
    * responsiveness: page load time, 1 s → 1, 6 s → 0;
    * assurance and security: security badge and core e-services;
    * empathy and understanding: personalization and chat opening hours;
    * the other SERVQUAL dimensions mix these (see the code).
    """
    sq, sc = scenario.service_quality, scenario
    chat_hours = (sc.service.chat.closes_hour - sc.service.chat.opens_hour) / 24.0 if sc.service.chat.agents else 0.0
    tangibles = 0.5 * sq.site_design_score + 0.5 * sc.e_services.foundation_quality
    reliability = _clip01((sq.site_availability - 0.95) / 0.05)
    responsiveness = _clip01(1.0 - (sq.page_load_seconds - 1.0) / 5.0)
    security = 0.6 * sc.trust.security_badge + 0.4 * sc.e_services.core
    empathy = 0.6 * sc.retention.personalization.enabled + 0.4 * chat_hours
    levels = {
        "tangibles": tangibles,
        "reliability": reliability,
        "responsiveness": responsiveness,
        "assurance": 0.5 * security + 0.5 * sc.service.resolution_prob,
        "empathy": empathy,
        "competence": sc.service.resolution_prob,
        "access": 0.5 * reliability + 0.5 * chat_hours,
        "courtesy": 0.7,
        "communication": 0.5 * sc.service.faq_coverage / 0.6 + 0.5 * sc.trust.reviews,
        "credibility": 0.5 * sc.trust.reviews + 0.5 * sc.trust.quality_verification,
        "security": security,
        "understanding": empathy,
    }
    return {name: _clip01(value) for name, value in levels.items()}


@dataclass(frozen=True)
class SurveyPlan:
    """What a run's survey asks, unpacked once: per dimension, the parts of the scores that do not change.

    Attributes:
        dimensions: the surveyed dimensions (RATER or the ten of SERVQUAL).
        perception_base: 2.5 + 4·level_d per dimension (the store's service level).
        late_hit: whether a late delivery lowers the dimension (reliability, access).
        request_hit: whether answered requests move it (responsiveness, assurance, competence).
        expectation_mean, expectation_sd, perception_noise_sd: from ``service_quality``.
    """

    dimensions: tuple[str, ...]
    perception_base: tuple[float, ...]
    late_hit: tuple[bool, ...]
    request_hit: tuple[bool, ...]
    expectation_mean: float
    expectation_sd: float
    perception_noise_sd: float

    @classmethod
    def of(cls, scenario: Scenario) -> SurveyPlan:
        """The plan of a scenario's survey."""
        dims = dimensions(scenario)
        levels = service_levels(scenario)
        sq = scenario.service_quality
        return cls(dims, tuple(2.5 + 4.0 * levels[d] for d in dims),
                   tuple(d in ("reliability", "access") for d in dims),
                   tuple(d in ("responsiveness", "assurance", "competence") for d in dims),
                   sq.expectation_mean, sq.expectation_sd, sq.perception_noise_sd)


def survey_scores(plan: SurveyPlan, persona_expectation: float, satisfaction: int, late: bool,
                  request_points: float, stream: UniformStream) -> list[float]:
    """Expectation and perception (1–7) per dimension for one survey answer.

    perception_d = 2.5 + 4·level_d + own experience + 0.35·(satisfaction − 3) + noise,
    where own experience is −1 on reliability after a late delivery and the
    points of the customer's answered requests on responsiveness (and assurance).
    expectation_d = expectation_mean + 0.5·persona expectation + noise.
    """
    expectation_mean = plan.expectation_mean + 0.5 * persona_expectation
    expectation_sd, noise_sd = plan.expectation_sd, plan.perception_noise_sd
    mood = 0.35 * (satisfaction - 3)
    normal = stream.normal
    out = []
    for base, late_hit, request_hit in zip(plan.perception_base, plan.late_hit, plan.request_hit, strict=True):
        own = 0.0
        if late and late_hit:
            own -= 1.0
        if request_hit:
            own += request_points
        expectation = normal(expectation_mean, expectation_sd)
        perception = normal(base + own + mood, noise_sd)
        out.append(float(min(7, max(1, round(expectation)))))
        out.append(float(min(7, max(1, round(perception)))))
    return out
