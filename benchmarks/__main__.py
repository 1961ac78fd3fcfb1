"""``python -m benchmarks [--quick] [--install] [--no-write] [--runs N] [--no-quality |
--quality-only]``: see :mod:`benchmarks.suite`."""

import sys

from benchmarks.suite import main

sys.exit(main())
