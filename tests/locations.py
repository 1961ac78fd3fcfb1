"""Where the tests find their files: the fixtures here, and ``../shared`` beside the checkout
(the labelled data and the dev gold, absent on machines that only have the repository)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
