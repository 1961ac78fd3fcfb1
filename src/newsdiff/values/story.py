"""The values of the story view: every outlet's article at once (``compare_story``).

Like :mod:`newsdiff.values.comparison`, plain immutable data that the story renderers (text, JSON,
Markdown) and the reader's Story screen read; none of them recomputes
anything.  Articles are referred to by their index in ``Story.articles``,
sentences by their index in that article, offsets are ``str`` indices into
``Article.text`` (half-open), as in the pairwise contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsdiff.values.article import Article
from newsdiff.values.comparison import Detail, DetailType, DiffOp, Kind, Severity

#: How a passage relates to its claim: the claim's anchor passage itself, or the
#: pairwise kind of the passage compared with the anchor.
Relation = Literal["anchor", "shared", "paraphrase", "divergent"]
RELATIONS: tuple[Relation, ...] = ("anchor", "shared", "paraphrase", "divergent")

#: How an outlet prints a quote, compared with the quote's canonical text.
QuoteStatus = Literal["verbatim", "typographic", "altered"]

#: How much of a quote an outlet's quotation holds: the canonical text's stretch of the
#: statement (``whole``), more of the statement (``longer``) or only part of it (``part``).
QuoteExtent = Literal["whole", "longer", "part"]
QUOTE_EXTENTS: tuple[QuoteExtent, ...] = ("whole", "longer", "part")


@dataclass(frozen=True, slots=True)
class ClaimPassage:
    """One outlet's telling of a claim: its sentences and how they compare to the anchor.

    ``details`` and ``diff`` go from the anchor's text (``Detail.a``, ``-``) to
    this passage's (``Detail.b``, ``+``); both are empty for the anchor.
    """

    article: int
    sentences: tuple[int, ...]
    relation: Relation
    score: float = 1.0
    details: tuple[Detail, ...] = ()
    diff: tuple[tuple[DiffOp, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A fact one or more outlets report: one passage per outlet that carries it.

    ``passages`` come in article order with the anchor (the telling the others
    are compared with) wherever its article falls; ``anchor`` is its position.
    ``sources`` counts the independent sources among the outlets: reprints of
    one wire story (``Story.sources``) count once.  ``lead`` is the anchor's
    sentence (its index in the anchor's article) that tells the claim, the one
    the other outlets' passages match best: a claim's one-line text.
    ``outlets_diverge``: the outlets (articles) that give one of the claim's
    details differently from another outlet that is not the anchor's (a divergence
    no passage has against the anchor: "Sergey" against "Sergei" where the anchor
    says only "Kislyak").
    """

    id: int
    passages: tuple[ClaimPassage, ...]
    anchor: int
    sources: int
    lead: int
    outlets_diverge: tuple[int, ...] = ()

    @property
    def outlets(self) -> tuple[int, ...]:
        """The articles that carry the claim, in article order."""
        return tuple(p.article for p in self.passages)

    @property
    def anchor_passage(self) -> ClaimPassage:
        return self.passages[self.anchor]

    def passage_of(self, article: int) -> ClaimPassage | None:
        """The passage of ``article`` in this claim, if the article carries it."""
        return next((p for p in self.passages if p.article == article), None)

    @property
    def kind(self) -> Kind | None:
        """The claim's strongest disagreement: divergent if any passage diverges (or two
        outlets do, see ``outlets_diverge``), else paraphrase if any paraphrases, else
        shared; ``None`` when one outlet carries it."""
        relations = {p.relation for p in self.passages} - {"anchor"}
        if self.outlets_diverge:
            relations.add("divergent")
        for kind in ("divergent", "paraphrase", "shared"):
            if kind in relations:
                return kind  # type: ignore[return-value]
        return None


@dataclass(frozen=True, slots=True)
class Divergence:
    """A detail of one claim that outlets give differently.

    ``values`` holds, per outlet that gives the detail, the value as its text
    words it, in article order (for a count, say: ``(0, "twice")``,
    ``(2, "April, July and September")``).  ``severity`` is a ``variant`` when every
    outlet pair of them differs only in the spelling of a name (see
    :class:`~newsdiff.values.comparison.Detail`), a ``conflict`` otherwise.
    """

    claim: int
    type: DetailType
    values: tuple[tuple[int, str], ...]
    severity: Severity = "conflict"


@dataclass(frozen=True, slots=True)
class QuoteRendering:
    """How one outlet prints a quote: the words inside the quotation marks.

    ``text`` is the quoted words as printed (the parts of a quote interrupted
    by its attribution joined by a single space); ``spans`` are the offsets of
    each part in the article's text.

    ``extent`` says how much of the statement the quotation holds against the
    quote's canonical text: ``whole`` (the same stretch, from its first word
    to its last), ``longer`` (it goes on beyond the canonical text, before or
    after it, printing more of the statement) or ``part`` (it prints only
    part of the canonical text).  ``matched`` is the stretch of ``text`` that
    corresponds to the canonical text (offsets into ``text``; ``None`` when
    that is all of it, as it always is for ``whole`` and ``part``), shown by
    ``matched_text``.

    ``status`` compares that matched part with the canonical text (with the
    stretch of it the quotation prints, for ``part``): ``verbatim``
    (identical), ``typographic`` (only punctuation, quote marks, dashes,
    spacing or case differ) or ``altered`` (words differ).  ``diff`` goes
    from the canonical text (that stretch) to the matched part, for both
    non-verbatim statuses.
    """

    article: int
    text: str
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[int, ...]
    speaker: str | None
    status: QuoteStatus
    diff: tuple[tuple[DiffOp, str], ...] = ()
    extent: QuoteExtent = "whole"
    matched: tuple[int, int] | None = None

    @property
    def matched_text(self) -> str:
        """The part of ``text`` that ``status`` and ``diff`` judge."""
        if self.matched is None:
            return self.text
        start, end = self.matched
        return self.text[start:end]


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation, grouped across the outlets that print it.

    ``text`` is the canonical rendering: the printing that the most outlets
    print whole (their quotations cover its stretch of the statement, in any
    wording; a fuller statement that holds the others, or a fragment of it,
    does not count for it), then the one the most print identically, ties to
    the earliest article.  ``speaker`` is who the text says said it, where
    any outlet says.  ``absent`` lists the articles that do not print it.
    """

    id: int
    text: str
    speaker: str | None
    renderings: tuple[QuoteRendering, ...]
    absent: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Every article of a story compared at once.

    ``claims`` are ordered by how many outlets carry them (most first), then
    by independent sources, then by where they first appear.  ``sources``
    partitions the articles: a group of two or more is one wire story
    reprinted (near-duplicate articles), a group of one an independent
    article.
    """

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    divergences: tuple[Divergence, ...]
    sources: tuple[tuple[int, ...], ...]

    def only_in(self, article: int) -> tuple[Claim, ...]:
        """The claims that ``article`` alone carries."""
        return tuple(c for c in self.claims if c.outlets == (article,))

    def source_of(self, article: int) -> int:
        """The index in ``sources`` of the group ``article`` belongs to."""
        return next(n for n, group in enumerate(self.sources) if article in group)
