"""How much of each article is shared, paraphrased, divergent or unique: ``dwdiff -s`` for news.

Reporters ask "how much of B is A's copy?" before they read a single passage,
so every renderer ends with this summary and the JSON contract carries it in
``stats``.  It is computed once, here, from the :class:`Comparison` alone, and
laid out once as a table of plain strings (:func:`summary_rows`) that the text
and Markdown renderers only draw.

Shares are by words, not sentences, because one long copied paragraph matters
more than three one-line captions.  The story shares (shared, paraphrase,
divergent, unique) are fractions of the article's *story* words, i.e. words of
its non-boilerplate sentences, and sum to 1; ``boilerplate`` is a fraction of
*all* its words, so that a page full of navigation does not dilute the story.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsdiff.present.markers import MARKS
from newsdiff.present.visible import visible_line
from newsdiff.text.tokens import words
from newsdiff.values import ALIGNED_KINDS, Alignment, Article, Comparison

#: The story categories a sentence can fall in, and the order they are shown in.
STORY_CATEGORIES: tuple[str, ...] = (*ALIGNED_KINDS, "unique")

# A sentence aligned in several ways is counted once, under the kind that tells the
# reader most: a contradicted detail outweighs copied wording, which outweighs a paraphrase.
_PRIORITY = {"divergent": 0, "shared": 1, "paraphrase": 2}


@dataclass(frozen=True, slots=True)
class Coverage:
    """Word counts of one article by category (the story categories plus boilerplate)."""

    words: Mapping[str, int]

    @property
    def story_words(self) -> int:
        """Words of the sentences that are part of the story."""
        return sum(self.words[c] for c in STORY_CATEGORIES)

    @property
    def total_words(self) -> int:
        """All words of the article, boilerplate included."""
        return self.story_words + self.words["boilerplate"]

    def share(self, category: str) -> float:
        """Fraction of story words (of all words for ``boilerplate``) in ``category``."""
        whole = self.total_words if category == "boilerplate" else self.story_words
        return self.words[category] / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    """Alignment counts per kind and the word coverage of both articles."""

    alignments: Mapping[str, int]
    unique_sentences: Mapping[str, int]
    boilerplate_sentences: Mapping[str, int]
    a: Coverage
    b: Coverage

    def as_dict(self) -> dict:
        """The plain-data form placed in the JSON contract's ``stats``."""
        return {
            "alignments": dict(self.alignments),
            "unique_sentences": dict(self.unique_sentences),
            "boilerplate_sentences": dict(self.boilerplate_sentences),
            "articles": {side: _coverage_dict(cov) for side, cov in (("a", self.a), ("b", self.b))},
        }


def summarize(c: Comparison) -> Summary:
    """Count alignments per kind and measure each article's word shares."""
    return Summary(
        alignments={k: sum(al.kind == k for al in c.alignments) for k in ALIGNED_KINDS},
        unique_sentences={"a": len(c.unique_a), "b": len(c.unique_b)},
        boilerplate_sentences={"a": len(c.boilerplate_a), "b": len(c.boilerplate_b)},
        a=_coverage(c.a, c.alignments, "a", c.boilerplate_a),
        b=_coverage(c.b, c.alignments, "b", c.boilerplate_b),
    )


def summary_rows(s: Summary, outlets: tuple[str, str]) -> list[list[str]]:
    """The summary as a table of plain strings, header first: one row per kind.

    Kinds are rows (not columns) so the table stays narrow enough for 80 columns.
    The outlets head their columns, so a line break in one is spelled out
    (:func:`~newsdiff.present.visible.visible_line`); each renderer still escapes
    every cell for its format.
    """
    a, b = (visible_line(outlet) for outlet in outlets)
    rows = [["", "count", f"A {a}".strip(), f"B {b}".strip()]]
    for kind in STORY_CATEGORIES[:-1]:
        mark = MARKS[kind]
        rows.append([f"{mark.marker} {mark.label}", str(s.alignments[kind]),
                     f"{s.a.share(kind):.0%}", f"{s.b.share(kind):.0%}"])
    for kind, marker, count in (
        ("unique", f"{MARKS['unique-a'].marker}/{MARKS['unique-b'].marker}", s.unique_sentences),
        ("boilerplate", MARKS["boilerplate"].marker, s.boilerplate_sentences),
    ):
        rows.append([f"{marker} {kind}", f"{count['a']} / {count['b']}",
                     f"{s.a.share(kind):.0%}", f"{s.b.share(kind):.0%}"])
    rows.append(["words", "", str(s.a.total_words), str(s.b.total_words)])
    return rows


#: What the summary table's numbers mean, said once under it.
SUMMARY_NOTE = (
    "count: aligned pairs; for unique and boilerplate, sentences in A / B. "
    "%: share of the article's story words (boilerplate: of all its words)."
)


def _coverage(
    article: Article, alignments: Iterable[Alignment], side: str, boilerplate: Iterable[int]
) -> Coverage:
    """Word counts of ``article`` per category.

    A story sentence that no alignment covers counts as unique, whether or not the
    engine listed it, so the story shares always add up to the whole story.
    """
    category: dict[int, str] = dict.fromkeys(boilerplate, "boilerplate")
    for al in sorted(alignments, key=lambda al: _PRIORITY[al.kind], reverse=True):
        for i in getattr(al, side):
            if category.get(i) != "boilerplate":
                category[i] = al.kind  # later (higher-priority) kinds overwrite earlier ones
    counts = dict.fromkeys((*STORY_CATEGORIES, "boilerplate"), 0)
    for sentence in article.sentences:
        counts[category.get(sentence.index, "unique")] += len(words(sentence.text))
    return Coverage(words=counts)


def _coverage_dict(cov: Coverage) -> dict:
    return {
        "words": cov.total_words,
        "story_words": cov.story_words,
        **{c: round(cov.share(c), 4) for c in (*STORY_CATEGORIES, "boilerplate")},
    }
