"""The review report as Markdown, to paste into a ticket, a wiki or a fact-check memo.

Article text, outlets, titles, paths and the reviewer's notes are untrusted,
so each goes through :func:`newsdiff.render.markdown.escape` (controls
spelled out, Markdown punctuation backslash-escaped, one line): a note
holding ``<script>`` or ``[link](…)`` shows as those characters.  The word
diff is drawn as the comparison report draws it: ~~only in A~~, **only in B**.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdiff.present.diffs import diff_runs
from newsdiff.render.markdown import escape, marked_markdown
from newsdiff.review.report import (
    HASH_PREFIX,
    Excerpt,
    Report,
    ReportLink,
    ReportReview,
    local_time,
)


def render_report_markdown(report: Report) -> str:
    """The report: session, articles, the reviewed passages, the manual links."""
    s = report.session
    lines = [
        f"# newsdiff review: session {s.id}",
        "",
        f"- Key: `{s.key[:8]}`",
        f"- Progress: {s.progress} passages reviewed",
        f"- Created: {local_time(s.created)}; last change: {local_time(s.updated)}",
        "",
        "## Articles",
        "",
        "| | Outlet | Title | File | Hash |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {a.label} | {escape(a.outlet)} | {escape(a.title)} | {escape(a.path)} "
        f"| `{a.hash[:HASH_PREFIX]}` |"
        for a in report.articles
    ]
    lines += ["", "## Reviewed passages", ""]
    if report.reviews:
        lines += ["In reading order. Changed words: ~~only in A~~ **only in B**.", ""]
        for n, r in enumerate(report.reviews, 1):
            lines += _review(n, r)
    else:
        lines += ["_No verdicts or notes yet._", ""]
    if report.links:
        lines += ["## Manual links", ""]
        for n, link in enumerate(report.links, 1):
            lines += _link(n, link)
    return "\n".join(lines).rstrip("\n") + "\n"


def _review(n: int, r: ReportReview) -> list[str]:
    marker = f"`{r.marker}` " if r.marker else ""
    lines = [f"### {n}. {marker}{escape(r.kind)}, {r.articles_label}: {r.verdict_label}", ""]
    lines += [_excerpt(e) for e in r.excerpts]
    if r.diff is not None:
        lines.append(f"- **Word diff**: {marked_markdown(_spaced(diff_runs(r.diff)))}")
    if r.note:
        lines.append(f"- **Note**: {escape(r.note)}")
    return [*lines, f"- **Updated**: {local_time(r.updated)}", ""]


def _spaced(runs: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
    """The runs with a space between a deletion and the insertion right after it, which
    Markdown would otherwise glue into one word (``~~twice~~**three times**``)."""
    previous = None
    for text, side in runs:
        if previous == "a" and side == "b":
            yield " ", None
        yield text, side
        previous = side


def _link(n: int, link: ReportLink) -> list[str]:
    return [f"### {n}. {link.articles_label}", "", _excerpt(link.a), _excerpt(link.b),
            f"- **Linked**: {local_time(link.created)}", ""]


def _excerpt(e: Excerpt) -> str:
    text = escape(e.text) if e.text else "_(no passage)_"
    return f"- **{e.article.label}** ({escape(e.article.name)}): {text}"
