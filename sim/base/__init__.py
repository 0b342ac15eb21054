"""The base layer: what every other layer may use, and which uses nothing of ``sim``.

* :mod:`~sim.base.codes`: the simulator's vocabulary (stages, events, reasons, channels, personas…), declared once;
* :mod:`~sim.base.labels`: the Vietnamese/English label map keyed by those codes;
* :mod:`~sim.base.formats`: numbers written the Vietnamese way (money, shares, counts, missing values as —);
* :mod:`~sim.base.errors`: bilingual errors for bad input;
* :mod:`~sim.base.checks`: argument checks shared by every layer;
* :mod:`~sim.base.units`: minutes per day, days per month and per year;
* :mod:`~sim.base.rng`: one random stream per source of randomness;
* :mod:`~sim.base.intervals`: Student-t confidence intervals;
* :mod:`~sim.base.names`: Vietnamese names, cities and phone numbers for the synthetic customers;
* :mod:`~sim.base.version`: the package version written in every run's manifest.
"""
