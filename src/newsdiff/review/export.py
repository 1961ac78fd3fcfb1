"""``newsdiff review export``: a session's report, in the format asked for.

What a report holds is decided once, by :func:`~newsdiff.review.report.build_report`;
each format is a module that only draws a :class:`~newsdiff.review.report.Report`
(``export_markdown``, ``export_html``, ``export_json``), and :func:`render_report`
picks one.  Imports run one way: this module uses the formats, the formats use
``report``, and ``report`` knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdiff.review.export_html import render_report_html
from newsdiff.review.export_json import render_report_json
from newsdiff.review.export_markdown import render_report_markdown
from newsdiff.review.report import Report

_RENDERERS: dict[str, Callable[[Report], str]] = {
    "markdown": render_report_markdown,
    "html": render_report_html,
    "json": render_report_json,
}

#: The formats ``newsdiff review export --format`` writes.
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render_report(report: Report, fmt: str) -> str:
    """``report`` as text in ``fmt`` (one of :data:`FORMATS`)."""
    return _RENDERERS[fmt](report)
