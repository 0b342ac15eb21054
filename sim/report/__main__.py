"""``python -m sim.report``: see :mod:`sim.report.cli`."""

import sys

from sim.report.cli import main

sys.exit(main())
