"""Experiments: what runs the engine several times and compares the runs.

* :mod:`~sim.experiments.replicate`: replications over seeds and parameter sweeps, in parallel or on Dask;
* :mod:`~sim.experiments.comparison`: a scenario against a baseline, the five customer-centred steps;
* :mod:`~sim.experiments.acquisition_whatif`: channel budget what-ifs, the paid-search auction of a scenario;
* :mod:`~sim.experiments.retention_levers`: personalization, community and loyalty programme switched on and off;
* :mod:`~sim.experiments.recommendation_uplift`: the uplift of recommendation e-mails;
* :mod:`~sim.experiments.desk_staffing`: staffing what-ifs of the service desk and the Erlang C comparison.
"""
