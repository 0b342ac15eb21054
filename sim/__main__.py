"""``python -m sim``: see :mod:`sim.cli`.

When the command is done and its output flushed, the process ends at once (``os._exit``): the files
are closed and renamed into place, and the operating system frees the memory in one go, where
Python would first free the run's objects one by one (about a tenth of a second of a default run).
The modules load with the cyclic garbage collector paused, and what they made is then frozen out of
its reach (``gc.freeze``): a few hundredths of a second of start-up.
"""

import gc
import os
import sys

gc.disable()  # the command's modules load without the cyclic collector passing over them again and again
from sim.cli import main  # noqa: E402

gc.enable()
gc.freeze()  # what the imports made lives as long as the process: later collections leave it alone
code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # the reader has gone (python -m sim describe | head)
    pass
os._exit(code)
