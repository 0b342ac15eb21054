"""The engine: the SimPy model of the shop, its customers and its service desk, and the tables it writes.

* :mod:`~sim.engine.model`: the model (environment, random streams, parameters, record lists);
* :mod:`~sim.engine.customer`: the customer's process through the five-stage purchase decision process and after;
* :mod:`~sim.engine.service_desk`: chat and e-mail agents, self-service, the desk on its own;
* :mod:`~sim.engine.channels` and :mod:`~sim.engine.auction`: acquisition channels and the paid-search auction;
* :mod:`~sim.engine.quality`: RATER/SERVQUAL survey answers from the shop's real service levels;
* :mod:`~sim.engine.tables`, :mod:`~sim.engine.result`, :mod:`~sim.engine.simulate`: records to tables, one run;
* :mod:`~sim.engine.dirty`: the dirty CRM export; :mod:`~sim.engine.io`: reading a run back;
  :mod:`~sim.engine.dictionary`: the data dictionary.

The engine imports only :mod:`sim.base` and :mod:`sim.scenario`.
"""
