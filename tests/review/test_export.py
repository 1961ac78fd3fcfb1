"""``newsdiff review export``: each format the command offers, picked by name."""

import pytest

from newsdiff.cli import ReportFormat
from newsdiff.review.export import FORMATS, render_report


@pytest.mark.parametrize("fmt, start", [("markdown", "# newsdiff review"),
                                        ("html", "<!DOCTYPE html>"), ("json", "{")])
def test_render_report_picks_the_format(report, fmt, start):
    assert render_report(report, fmt).startswith(start)


def test_the_command_offers_exactly_the_formats_there_are():
    assert tuple(f.value for f in ReportFormat) == FORMATS
