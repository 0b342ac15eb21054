"""Classroom mode: every student their own shop, the truth kept from them, grading that rewards reasoning.

The lecturer keeps a secret and a roster. Each student's shop is a variant of the default shop
(:mod:`.variants`) whose levers and seeds derive from the secret and the student's id with a keyed hash
(:mod:`.secret`), so nobody can rebuild another student's data, or their own truth, without the secret.

* :mod:`.roster`: the class roster (CSV), checked row by row;
* :mod:`.shop`: a shop's observed data as the labs see it, and how the lecturer rebuilds it;
* :mod:`.lab_data`: which shop a lab works on (the student's own, or the demonstration shop for practice);
* :mod:`.pack`: one zip per student, with the course and the student's data, and no solution or truth;
* :mod:`.record`: what the packs were made with, for grading;
* :mod:`.truths`: the hidden quantity behind each estimate question;
* :mod:`.calibration`: the tolerance bands, measured from the truth's noise (``make calibrate``);
* :mod:`.grading`: scoring an estimate inside nbgrader's autograde against the student's own truth;
* :mod:`.gradebook`: per-question grades for Moodle and Canvas, and an item analysis;
* :mod:`.cli`: ``python -m sim.classroom secret | packs | check | export``.

The lecturer's workflow is in ``exercises/README.md``.
"""
