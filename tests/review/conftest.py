"""The report of the hand-built session of :mod:`tests.review.sample`, for every format's tests."""

import pytest

from newsdiff.review.report import Report, build_report
from tests.review.sample import LINKS, REVIEWS, SESSION


@pytest.fixture
def report() -> Report:
    return build_report(SESSION, REVIEWS, LINKS)
