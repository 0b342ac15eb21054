"""The measures the lectures name, as pure functions over the simulator's tables.

Every function also works on any DataFrame with the same columns, so students can
use it on their own data. Bad input raises :class:`sim.errors.DataError` with a
message in Vietnamese and English. One module per theme:

* :mod:`~sim.analytics.funnel`: the five-stage funnel, drop-out reasons, time per stage;
* :mod:`~sim.analytics.acquisition`: CPC, CPA, ROI and LTV-based ROI per channel, the Agrawal scorecard;
* :mod:`~sim.analytics.auction`: the paid-search auction (generalized second price);
* :mod:`~sim.analytics.seo`: the on-page/off-page SEO score with the lecture's weights;
* :mod:`~sim.analytics.nps`: NPS, its groups and interval, breakdowns, NPS against later churn;
* :mod:`~sim.analytics.retention`: cohorts, churn, survival, repeat measures, activity and lifecycle segments,
  the satisfaction–loyalty curve;
* :mod:`~sim.analytics.value`: historical and formula LTV, estimates against the truth, the LTV grid,
  acquisition against retention cost;
* :mod:`~sim.analytics.rfm`: RFM scores and segments, FRAC;
* :mod:`~sim.analytics.service` and :mod:`~sim.analytics.queueing`: waits, service level, FAQ deflection,
  SERVQUAL gaps; Erlang C;
* :mod:`~sim.analytics.recommend` and :mod:`~sim.analytics.experiments`: item-item collaborative filtering,
  hit rate, the uplift of recommendation e-mails;
* :mod:`~sim.analytics.data_quality`: completeness, validity, duplicates, scoring a cleaning;
* :mod:`~sim.analytics.kpis`: the headline KPIs of a run.

Modules behind the lecture notebooks' experiments: :mod:`~sim.analytics.overview` (the four CRM
activities), :mod:`~sim.analytics.levers` (trust levers), :mod:`~sim.analytics.comparison` (scenario
against a baseline, the five customer-centred steps), :mod:`~sim.analytics.permission` (e-mail list
growth), :mod:`~sim.analytics.acquisition_whatif` (budget what-ifs), :mod:`~sim.analytics.retention_levers`,
:mod:`~sim.analytics.service_desk_report` (staffing, Erlang C comparison, SERVQUAL priorities) and
:mod:`~sim.analytics.extension` (cross-sell and up-sell).
"""
