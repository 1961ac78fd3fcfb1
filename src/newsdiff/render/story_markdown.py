"""A Markdown report of a story: the outlets, then claims, quotes and divergences as tables.

The same three parts as the terminal view, in the same order (both read
``present.story``), but as GitHub-flavoured tables for a ticket or a memo.  A
report is read in a browser, where cells wrap, so the claims' and quotes'
texts are given whole rather than cut to a line.  Article text is escaped
with :func:`~newsdiff.render.markdown.escape`, so it cannot add links, HTML
or table cells; markers and claim labels are code spans, literal (``#12``
would be a reference to an issue on GitHub) and aligned in the raw file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsdiff.present.diffs import diff_runs
from newsdiff.present.markers import EXTENT_SUFFIXES, QUOTE_MARKS, RELATION_MARKS, Mark
from newsdiff.present.story import (
    EXTENT_NOTE,
    STORY_KINDS,
    claim_label,
    claim_text,
    counts,
    divergences_by_claim,
    format_values,
    matrix_claims,
    only_claims,
    outlet_labels,
    quote_extents,
    quote_label,
    quote_statuses,
    relations,
    shown_claims,
    shown_extents,
    wire_notes,
)
from newsdiff.render.markdown import escape, escape_name, marked_markdown
from newsdiff.render.selection import no_claims
from newsdiff.values import Claim, Quote, Story

_BR = "<br>"


def render_story_markdown(story: Story, *, kinds: Collection[str] = STORY_KINDS) -> str:
    """The report: the outlets, the claims matrix and only-in lists, quotes, divergences."""
    labels = outlet_labels(len(story.articles))
    lines = [f"# newsdiff story: {counts(story)}", ""]
    lines += _outlets(story, labels)
    lines += _claims(story, labels, kinds)
    lines += _quotes(story, labels)
    lines += _divergences(story, labels, kinds)
    return "\n".join(lines).rstrip("\n") + "\n"


def _outlets(story: Story, labels: Sequence[str]) -> list[str]:
    lines = ["| | Outlet | Title | Byline | File |", "|---|---|---|---|---|"]
    for label, a in zip(labels, story.articles, strict=True):
        cells = (escape_name(x or "") for x in (a.outlet, a.title, a.byline, a.path))
        lines.append(_row(f"**{label}**", *cells))
    return [*lines, "", *(f"_{note}._" for note in wire_notes(story, labels)), ""]


def _claims(story: Story, labels: Sequence[str], kinds: Collection[str]) -> list[str]:
    lines = ["## Claims", "", _legend(RELATION_MARKS), ""]
    claims = matrix_claims(story, kinds)
    if claims:
        lines += [_row("Claim", *labels, "Anchor text"), _rule(len(labels))]
        lines += [_row(_claim_label(c), *_marks(RELATION_MARKS, relations(story, c)),
                       escape(claim_text(story, c))) for c in claims]
    elif shown_claims(story, kinds):
        lines.append("_No claim of the selected kinds is carried by two or more outlets._")
    else:
        lines.append(f"_{escape(no_claims(story, kinds))}_")
    for article, only in only_claims(story, kinds):
        outlet = escape_name(story.articles[article].outlet)
        lines += ["", f"### Only in {labels[article]} ({outlet})", ""]
        lines += [f"- **{_claim_label(c)}** {escape(claim_text(story, c))}" for c in only]
    return [*lines, ""]


def _quotes(story: Story, labels: Sequence[str]) -> list[str]:
    if not story.quotes:
        return []
    extents = shown_extents(story)
    legend = _legend(QUOTE_MARKS) + "".join(
        f" · `{EXTENT_SUFFIXES[e].symbol}` {EXTENT_SUFFIXES[e].label}" for e in extents)
    lines = ["## Quotes", "", legend, "", *([f"_{escape(EXTENT_NOTE)}_", ""] if extents else []),
             _row("Quote", *labels, "Text", "Speaker", "Altered"), _rule(len(labels), 3)]
    for q in story.quotes:
        cells = [f"`{QUOTE_MARKS[status].marker}{EXTENT_SUFFIXES[extent].symbol}`"
                 for status, extent in zip(quote_statuses(story, q), quote_extents(story, q),
                                           strict=True)]
        lines.append(_row(quote_label(q), *cells, f"\u201c{escape(q.text)}\u201d",
                          escape_name(q.speaker or ""), _altered(q, labels)))
    return [*lines, ""]


def _altered(q: Quote, labels: Sequence[str]) -> str:
    """Each altered rendering's word diff from the quote's text, one per line of the cell."""
    return _BR.join(f"**{labels[r.article]}** {marked_markdown(diff_runs(r.diff))}"
                    for r in q.renderings if r.status == "altered")


def _divergences(story: Story, labels: Sequence[str], kinds: Collection[str]) -> list[str]:
    found = divergences_by_claim(story, kinds)
    if not found:
        return []
    lines = ["## Divergences", "", "| Claim | Anchor text | Detail | Values |",
             "|---|---|---|---|"]
    for claim, divergences in found:
        text = escape(claim_text(story, claim))
        for d in divergences:
            lines.append(_row(_claim_label(claim), text, d.type,
                              escape(format_values(d, labels))))
            text = ""  # the claim's text once, on its first detail
    return [*lines, ""]


def _claim_label(claim: Claim) -> str:
    """A claim's label as a code span: ``#12`` bare is a reference to issue 12 on GitHub."""
    return f"`{claim_label(claim)}`"


def _legend(marks: dict[str, Mark]) -> str:
    return " · ".join(f"`{m.marker}` {m.label}" for m in marks.values())


def _marks(marks: dict[str, Mark], keys: Sequence[str]) -> list[str]:
    return [f"`{marks[key].marker}`" for key in keys]


def _rule(outlets: int, text_columns: int = 1) -> str:
    """The header rule: the label column, centred outlet cells, then the text columns."""
    return "|" + "|".join(["---", *[":-:"] * outlets, *["---"] * text_columns]) + "|"


def _row(*cells: str) -> str:
    """A table row of cells already escaped (or made of markers and labels)."""
    return "| " + " | ".join(cells) + " |"
