"""What a review report contains, decided once for every format (``newsdiff review export``).

:func:`build_report` turns a session, its reviews and its manual links into a
:class:`Report`: every string the report shows, already cut from the stored
article texts, with each pair's word diff computed.  The Markdown, HTML and
JSON renderers (``export_markdown``, ``export_html``, ``export_json``) only
draw it, so the three formats cannot disagree on what was reviewed.

Reviewed passages come in **reading order**, not in the order they were
reviewed: pairs first, grouped by the two articles compared (in the
session's article order), each group in A's reading order and then the
passages only B has in B's order, as the comparison views list them; claims
of the story view follow, in their first outlet's reading order.  A report
is read as a document about the articles, and reading order lets it be read
beside them.

Everything here is plain data with no markup; article text, outlets, titles,
paths and notes are untrusted and every renderer escapes them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsdiff.present.markers import MARKS
from newsdiff.present.story import join_labels, outlet_labels
from newsdiff.review.model import ManualLink, Review, SessionInfo, Spans, TargetKind
from newsdiff.text.diffing import word_diff
from newsdiff.values import DiffOp

#: How many hex digits of an article's hash a report shows (enough to tell files apart).
HASH_PREFIX = 12


@dataclass(frozen=True, slots=True)
class ReportArticle:
    """An article of the session, named by its label (``A``, ``B``, … as the story view does)."""

    label: str
    hash: str
    outlet: str
    title: str
    path: str
    text: str

    @property
    def name(self) -> str:
        """How the report names the article in running text: its outlet, else its file."""
        return self.outlet or self.path


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The sentences of one article that a review or link is about, and their text.

    ``text`` is each span's text joined by single spaces; empty when the
    passage is one the article does not have (a passage only the other side has).
    """

    article: ReportArticle
    spans: Spans
    text: str


@dataclass(frozen=True, slots=True)
class ReportReview:
    """One reviewed passage: its sides, what the engine said, and what the reviewer said.

    ``excerpts`` are A's and B's sides for a pair, each outlet's passage for a
    claim.  ``diff`` is the word diff of A's side into B's for a pair that both
    sides have, else ``None``.  ``marker`` is the kind's marker (``[!]``), empty
    for a kind without one.
    """

    target: TargetKind
    excerpts: tuple[Excerpt, ...]
    kind: str
    marker: str
    verdict: str | None
    corrected: str | None
    note: str
    updated: str
    diff: tuple[tuple[DiffOp, str], ...] | None

    @property
    def articles_label(self) -> str:
        """Which articles: ``A–B`` for a pair, ``claim: A, C and D`` for a claim."""
        labels = [e.article.label for e in self.excerpts]
        return "\u2013".join(labels) if self.target == "pair" else f"claim: {join_labels(labels)}"

    @property
    def verdict_label(self) -> str:
        """The verdict in words: ``rejected → paraphrase`` names the kind the reviewer gave."""
        if self.verdict is None:
            return "note only"
        return f"{self.verdict} \u2192 {self.corrected}" if self.corrected else self.verdict


@dataclass(frozen=True, slots=True)
class ReportLink:
    """A manual link: two passages the reviewer says report the same fact."""

    a: Excerpt
    b: Excerpt
    created: str

    @property
    def articles_label(self) -> str:
        return f"{self.a.article.label}\u2013{self.b.article.label}"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one report shows, in the order it shows it."""

    session: SessionInfo
    articles: tuple[ReportArticle, ...]
    reviews: tuple[ReportReview, ...]
    links: tuple[ReportLink, ...]

    @property
    def empty(self) -> bool:
        """Whether the session holds nothing to report: no verdict, note or link yet."""
        return not self.reviews and not self.links


def build_report(session: SessionInfo, reviews: Sequence[Review],
                 links: Sequence[ManualLink]) -> Report:
    """The report of ``session``: its reviews in reading order (see the module), then its links.

    A review with neither a verdict nor a note (all taken back) is left out.
    """
    labels = outlet_labels(len(session.articles))
    articles = {a.hash: ReportArticle(label, a.hash, a.outlet, a.title, a.path, a.text)
                for label, a in zip(labels, session.articles)}
    order = {h: i for i, h in enumerate(articles)}
    shown = sorted((r for r in reviews if r.verdict or r.note),
                   key=lambda r: _reading_order(r, order))
    return Report(
        session=session,
        articles=tuple(articles.values()),
        reviews=tuple(_review(r, articles) for r in shown),
        links=tuple(
            ReportLink(_excerpt(articles[ln.a], ln.a_spans), _excerpt(articles[ln.b], ln.b_spans),
                       ln.created)
            for ln in links
        ),
    )


def local_time(iso: str) -> str:
    """An ISO 8601 timestamp as local time to the minute, with its zone.

    ``2025-03-02T13:05:00Z`` reads ``2025-03-02 14:05 CET`` in Berlin.
    """
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def _review(r: Review, articles: dict[str, ReportArticle]) -> ReportReview:
    excerpts = tuple(_excerpt(articles[h], s) for h, s in zip(r.target.articles, r.target.spans))
    diff = None
    if r.target.kind == "pair" and all(e.text for e in excerpts):
        diff = word_diff(excerpts[0].text, excerpts[1].text)
    return ReportReview(
        target=r.target.kind, excerpts=excerpts, kind=r.kind, marker=_marker(r, excerpts),
        verdict=r.verdict, corrected=r.corrected, note=r.note, updated=r.updated, diff=diff,
    )


def _excerpt(article: ReportArticle, spans: Spans) -> Excerpt:
    return Excerpt(article, spans, " ".join(article.text[s:e] for s, e in spans))


def _marker(r: Review, excerpts: tuple[Excerpt, ...]) -> str:
    """The kind's marker as the comparison views draw it; ``unique`` by the side that has it."""
    key = r.kind
    if key == "unique":
        key = "unique-a" if excerpts[0].text else "unique-b"
    mark = MARKS.get(key)
    return mark.marker if mark else ""


def _reading_order(r: Review, order: dict[str, int]) -> tuple:
    """Pairs by the articles compared, then where each side starts; then claims by their
    first outlet and where its passage starts.

    A side a passage lacks sorts last, so B-only passages follow A's passages.
    """
    starts = tuple(s[0][0] if s else math.inf for s in r.target.spans)
    indices = tuple(order[h] for h in r.target.articles)
    if r.target.kind == "claim":
        return (1, indices[:1], starts[:1])
    return (0, indices, starts)
