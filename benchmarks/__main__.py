"""``python -m benchmarks [--quick] [--install] [--no-write]``: see :mod:`benchmarks.suite`."""

import sys

from benchmarks.suite import main

sys.exit(main())
