"""``python -m sim.classroom``: see :mod:`sim.classroom.cli`."""

import sys

from sim.classroom.cli import main

sys.exit(main())
