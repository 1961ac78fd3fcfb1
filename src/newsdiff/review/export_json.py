"""The review report as JSON, schema ``newsdiff.review/1`` (documented in the README).

For other tools: article text is given exactly as read, and every passage by
its ``[start, end)`` spans into that text as well as by its text, so a reader
needs nothing but this file to check a verdict.
"""

from __future__ import annotations

from newsdiff import __version__
from newsdiff.render.json_out import dumps
from newsdiff.review.report import Excerpt, Report, ReportReview

SCHEMA = "newsdiff.review/1"


def report_to_dict(report: Report) -> dict:
    """``report`` as plain data per the schema."""
    s = report.session
    return {
        "schema": SCHEMA,
        "version": __version__,
        "session": {"id": s.id, "key": s.key, "reviewed": s.reviewed, "total": s.total,
                    "created": s.created, "updated": s.updated},
        "articles": [
            {"id": a.label, "hash": a.hash, "outlet": a.outlet, "title": a.title,
             "path": a.path, "text": a.text}
            for a in report.articles
        ],
        "reviews": [_review(r) for r in report.reviews],
        "links": [{"a": _excerpt(ln.a), "b": _excerpt(ln.b), "created": ln.created}
                  for ln in report.links],
    }


def render_report_json(report: Report) -> str:
    """The report as JSON text (UTF-8 as read, indented, one trailing newline)."""
    return dumps(report_to_dict(report))


def _review(r: ReportReview) -> dict:
    return {
        "target": r.target,
        "passages": [_excerpt(e) for e in r.excerpts],
        "kind": r.kind,
        "verdict": r.verdict,
        "corrected": r.corrected,
        "note": r.note,
        "updated": r.updated,
        "diff": None if r.diff is None else [[op, text] for op, text in r.diff],
    }


def _excerpt(e: Excerpt) -> dict:
    return {"article": e.article.label, "spans": [[s, t] for s, t in e.spans], "text": e.text}
