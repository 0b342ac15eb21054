"""``python -m sim``: see :mod:`sim.cli`.

When the command is done and its output flushed, the process ends at once (``os._exit``): the files
are closed and renamed into place, and the operating system frees the memory in one go, where
Python would first free the run's objects one by one (about a tenth of a second of a default run).
"""

import os
import sys

from sim.cli import main

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # the reader has gone (python -m sim describe | head)
    pass
os._exit(code)
