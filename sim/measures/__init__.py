"""The measures the lectures name, as pure functions over the simulator's tables.

Every function also works on any DataFrame with the same columns, so students can use it on their own
data. Bad input raises :class:`sim.base.errors.DataError` with a message in Vietnamese and English
(table checks: :mod:`~sim.measures.frames`). One module per lecture concept:

* :mod:`~sim.measures.four_activities`: selection, acquisition, retention, extension (topic 0);
* :mod:`~sim.measures.trust_levers`: evaluation-stage drop-outs and the trust levers (topic 1);
* :mod:`~sim.measures.funnel`: the five-stage funnel, drop-out reasons, time per stage (topic 2);
* :mod:`~sim.measures.recommend`: item-item collaborative filtering and its hit rate (topics 3, 10);
* :mod:`~sim.measures.service_desk` and :mod:`~sim.measures.queueing`: waits, service level, FAQ deflection,
  the desk's tables; Erlang C (topic 4);
* :mod:`~sim.measures.permission`: the e-mail list, opt-ins and unsubscribes (topic 6);
* :mod:`~sim.measures.acquisition`: CPC, CPA, ROI and LTV-based ROI per channel, the Agrawal scorecard (topics 7, 8);
* :mod:`~sim.measures.seo`: the on-page/off-page SEO score with the lecture's weights (topic 8);
* :mod:`~sim.measures.nps`: NPS, its groups and interval, NPS against later churn (topic 9);
* :mod:`~sim.measures.retention`: cohorts, churn, survival, repeat measures, activity and lifecycle segments,
  the satisfaction–loyalty curve, the retention goals (topics 10, 11);
* :mod:`~sim.measures.value`: historical and formula LTV, estimates against the truth, the LTV grid (topic 12);
* :mod:`~sim.measures.service_quality`: RATER/SERVQUAL gaps and what drives satisfaction (topic 13);
* :mod:`~sim.measures.rfm` and :mod:`~sim.measures.extension`: RFM, FRAC, cross-sell and up-sell (topic 14);
* :mod:`~sim.measures.data_quality` and :mod:`~sim.measures.crm_db`: data quality, SQL over the tables (topic 15);
* :mod:`~sim.measures.kpis`: the headline KPIs of a run.

Measures never run the simulator; what-ifs that do are in :mod:`sim.experiments`.
"""
