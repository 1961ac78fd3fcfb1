"""What every story renderer shows, decided once: which claims, in what order, with what marks.

The story view (``newsdiff A B C …``) has three parts, and the text and
Markdown renderers (and the JSON's ``--only`` filter) draw them from here so
that they cannot drift apart:

* the **claims × outlets matrix**: one row per claim that two or more outlets
  carry, in the story's order (most outlets first), with each outlet's
  relation to the claim's anchor passage (:func:`relations`); the claims only
  one outlet carries follow, listed per outlet (:func:`only_claims`);
* the **quotes**: one row per quotation, each outlet's status
  (:func:`quote_statuses`) and extent (:func:`quote_extents`: a quotation
  that prints more of the statement, or only part of it, is judged on the
  part that is the quote), and the word diff of every altered rendering;
* the **divergences**, per claim, each detail with the outlets' values
  grouped by value (:func:`value_groups`).

Outlets are named by short column labels (:func:`outlet_labels`).  ``--only``
picks claims by :func:`claim_kind`; divergences follow their claims, quotes are
always shown.  Free of Rich, like the rest of ``present``.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence

from newsdiff.present.passages import sentences_text
from newsdiff.present.words import counted
from newsdiff.values import QUOTE_EXTENTS, Claim, Divergence, Quote, Story

#: The kinds ``--only`` can pick in the story view: a claim's strongest relation, or
#: ``unique`` for a claim only one outlet carries.  (There is no boilerplate here: the
#: story view compares story sentences only.)
STORY_KINDS: tuple[str, ...] = ("shared", "paraphrase", "divergent", "unique")


def outlet_labels(count: int) -> tuple[str, ...]:
    """Column labels for ``count`` outlets: ``A``…``Z``, or ``1``…``N`` beyond 26.

    Letters read best and fit a one-character cell; past Z numbering is
    clearer than ``AA``, and still fits the three-character cells.
    """
    if count <= len(string.ascii_uppercase):
        return tuple(string.ascii_uppercase[:count])
    return tuple(str(n) for n in range(1, count + 1))


def join_labels(labels: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: outlets named in a sentence."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def wire_notes(story: Story, labels: Sequence[str]) -> list[str]:
    """One note per group of articles that reprint one wire story: "C and E reprint …"."""
    return [f"{join_labels([labels[i] for i in group])} reprint one wire story"
            for group in story.sources if len(group) > 1]


def counts(story: Story) -> str:
    """The story in numbers, one line: "5 articles, 4 independent sources, 61 claims, …"."""
    return ", ".join(counted(n, noun) for n, noun in (
        (len(story.articles), "article"), (len(story.sources), "independent source"),
        (len(story.claims), "claim"), (len(story.quotes), "quote"),
        (len(story.divergences), "divergence")))


def claim_label(claim: Claim) -> str:
    """How the views name a claim: ``#`` and its id, as in the JSON's ``claims[].id``."""
    return f"#{claim.id}"


def quote_label(quote: Quote) -> str:
    """How the views name a quote: ``Q`` and its id, as in the JSON's ``quotes[].id``."""
    return f"Q{quote.id}"


def claim_kind(claim: Claim) -> str:
    """The kind ``--only`` selects a claim by: its strongest relation, or ``unique``."""
    return claim.kind or "unique"


def shown_claims(story: Story, kinds: Collection[str] = STORY_KINDS) -> list[Claim]:
    """The claims whose kind is in ``kinds``, in the story's order."""
    return [c for c in story.claims if claim_kind(c) in kinds]


def matrix_claims(story: Story, kinds: Collection[str] = STORY_KINDS) -> list[Claim]:
    """The matrix's rows: shown claims that two or more outlets carry."""
    return [c for c in shown_claims(story, kinds) if len(c.passages) > 1]


def only_claims(
    story: Story, kinds: Collection[str] = STORY_KINDS
) -> list[tuple[int, tuple[Claim, ...]]]:
    """Per article (in order), the claims it alone carries; articles with none are left out."""
    if "unique" not in kinds:
        return []
    return [(i, only) for i in range(len(story.articles)) if (only := story.only_in(i))]


def relations(story: Story, claim: Claim) -> tuple[str, ...]:
    """Each article's cell in the matrix: its passage's relation, or ``absent``; and
    ``divergent`` for an outlet whose telling diverges from another outlet's where neither
    is the anchor (``Claim.outlets_diverge``): a row counted divergent shows where."""
    return tuple("divergent" if i in claim.outlets_diverge
                 else p.relation if (p := claim.passage_of(i)) else "absent"
                 for i in range(len(story.articles)))


def claim_text(story: Story, claim: Claim) -> str:
    """What the claim says, on one line: its lead sentence (the anchor's sentence the other
    outlets tell too, :attr:`~newsdiff.values.Claim.lead`) as read."""
    article = story.articles[claim.anchor_passage.article]
    return " ".join(sentences_text(article, (claim.lead,)).split())


def quote_statuses(story: Story, quote: Quote) -> tuple[str, ...]:
    """Each article's cell in the quotes table: how it prints the quote, or ``absent``."""
    status = {r.article: r.status for r in quote.renderings}
    return tuple(status.get(i, "absent") for i in range(len(story.articles)))


def quote_extents(story: Story, quote: Quote) -> tuple[str, ...]:
    """Each article's extent in the quotes table: how much of the quote its quotation
    holds (``whole``, ``longer``, ``part``); ``whole`` where it is absent (nothing to add)."""
    extent = {r.article: r.extent for r in quote.renderings}
    return tuple(extent.get(i, "whole") for i in range(len(story.articles)))


def shown_extents(story: Story) -> tuple[str, ...]:
    """The extents other than ``whole`` that some rendering has, in ``QUOTE_EXTENTS`` order.

    The quotes table gives its cells a suffix (and its legend the suffixes'
    meanings) only when there is one to show.
    """
    found = {r.extent for q in story.quotes for r in q.renderings}
    return tuple(e for e in QUOTE_EXTENTS if e != "whole" and e in found)


#: What the extent suffixes mean, said once under the quotes table's legend.
EXTENT_NOTE = ("+ marks a quotation that prints more of the statement than the quote, "
               "\u2026 one that prints only part of it; the status judges the part that is "
               "the quote.")


def divergences_by_claim(
    story: Story, kinds: Collection[str] = STORY_KINDS
) -> list[tuple[Claim, tuple[Divergence, ...]]]:
    """The divergences of the shown claims, grouped by claim in the story's order."""
    found: dict[int, list[Divergence]] = {}
    for d in story.divergences:
        found.setdefault(d.claim, []).append(d)
    return [(c, tuple(found[c.id])) for c in shown_claims(story, kinds) if c.id in found]


def value_groups(d: Divergence) -> list[tuple[tuple[int, ...], str]]:
    """The outlets that give each value, in order of first appearance: ``[((0, 1), "twice"), …]``.

    Wire reprints and outlets that agree would otherwise repeat the same value.  Values
    that differ only in case ("Twice" in a headline, "twice" in the text) are one value,
    shown as first printed.
    """
    groups: dict[str, tuple[str, list[int]]] = {}
    for article, value in d.values:
        groups.setdefault(value.casefold(), (value, []))[1].append(article)
    return [(tuple(articles), value) for value, articles in groups.values()]


def format_values(d: Divergence, labels: Sequence[str]) -> str:
    """A divergence's values on one line: ``A, B "twice" · C "April, July and September"``,
    and for spellings of one name ``… (spelling variant)``, as a pair's detail says it."""
    line = " \u00b7 ".join(f'{", ".join(labels[i] for i in articles)} "{value}"'
                           for articles, value in value_groups(d))
    return line if d.severity == "conflict" else f"{line} (spelling variant)"

