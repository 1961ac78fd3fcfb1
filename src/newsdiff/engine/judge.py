"""Say how two tellings of one fact relate: shared wording, paraphrase, or divergence.

One judgement for every place that needs it: the pair engine's links, each
outlet's passage against a story claim's anchor, and a reviewer's manual
link.  :func:`judge` classifies and word-diffs two tellings (a sentence, or
an outlet's passage of several) in one canonical order, by sentence text,
and mirrors the result back when the caller's order is the other one, so
B against A is always the exact mirror of A against B.

The decision follows the kinds' definitions (DESIGN.md, gold-dev/GUIDE.md):

- **divergent** when a checkable detail conflicts (``facts.diverging_details``),
  whatever the wording: a copied sentence with a changed number is exactly
  what a fact-checker wants flagged.  Speakers are the exception: the same
  words credited to different people are a conflict, but two differently
  worded sentences with different speakers are usually two statements
  (different outlets credited for one fact, "the AP noted" against
  "according to the Washington Post", still diverge);
- **shared** when both carry a substantial run of the same words in the
  same order: at least ``SHARED_MIN_RUN`` words, or nearly all of a short
  sentence (a quote both carry, a sentence copied with small edits).  A
  contiguous run, rather than scattered common words, is what tells a copy
  from a retelling: "Flores told the Washington Post that Sessions' answer
  was not misleading" and "There was absolutely nothing misleading about his
  answer, Flores told The Washington Post" share many words, but no run;
- **paraphrase** otherwise: the pair model has already judged that the two
  report the same fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.text.diffing import diff_tokens, word_diff
from newsdiff.text.facts import Facts, diverging_details, extract_facts
from newsdiff.text.tokens import words
from newsdiff.values import Detail, DiffOp, Kind
from newsdiff.values.comparison import mirror_diff

SHARED_MIN_RUN = 6
SHARED_MIN_RUN_SHARE = 0.8


def longest_common_run(words_a: list[str], words_b: list[str]) -> int:
    """Length of the longest run of words that both sequences carry in the same order."""
    runs = diff_tokens(words_a, words_b, cleanup="No")
    return max((len(run) for op, run in runs if op == "="), default=0)


def is_shared(words_a: list[str], words_b: list[str]) -> bool:
    """Whether the pair repeats a substantial run of words (typography folded)."""
    shorter = min(len(words_a), len(words_b))
    run = longest_common_run(words_a, words_b)
    return shorter > 0 and (run >= SHARED_MIN_RUN or run >= SHARED_MIN_RUN_SHARE * shorter)


def classify_pair(
    words_a: list[str], words_b: list[str], facts_a: Facts, facts_b: Facts
) -> tuple[Kind, tuple[Detail, ...]]:
    """The kind of an aligned pair and, for a divergent one, the details that differ.

    A spelling variant of a name (Sergey / Sergei) makes a pair divergent as a
    conflict does: a fact-checker checks it, and the project's gold says so.  Its
    ``severity`` tells the reader it is the milder of the two.

    ``words_*`` are the sentences' folded words (``tokens.words``).
    """
    shared = is_shared(words_a, words_b)
    speakers_differ = not shared and bool(facts_a.speakers and facts_b.speakers)
    details = tuple(
        d
        for d in diverging_details(facts_a, facts_b)
        if not (d.type == "attribution" and speakers_differ)
    )
    if details:
        return "divergent", details
    return ("shared" if shared else "paraphrase"), ()


@dataclass(frozen=True, slots=True)
class Judgement:
    """How the second telling compares with the first: ``details`` and ``diff`` go from the
    first's text (``Detail.a``, ``-``) to the second's (``Detail.b``, ``+``)."""

    kind: Kind
    details: tuple[Detail, ...]
    diff: tuple[tuple[DiffOp, str], ...]


def judge(a: Sequence[SentenceAnalysis], b: Sequence[SentenceAnalysis]) -> Judgement:
    """Classify and word-diff telling ``a`` against telling ``b`` (each one or more
    sentences of one article, in reading order).

    The kind and the diff are of the joined texts.  A telling of several
    sentences is also checked sentence by sentence against the other: a
    passage that says "two meetings" in one sentence and lists three months
    in another disputes the other's count, which its joined text, allowing
    both, would hide; then only those details count.
    """
    ordered = _key(a) <= _key(b)
    first, second = (a, b) if ordered else (b, a)
    text_1, words_1, facts_1 = _joined(first)
    text_2, words_2, facts_2 = _joined(second)
    kind, details = classify_pair(words_1, words_2, facts_1, facts_2)
    if len(first) > 1 or len(second) > 1:
        details = tuple(dict.fromkeys(
            [d for s in _distinct(second)
             for d in classify_pair(words_1, s.words, facts_1, s.facts)[1]]
            + [d for r in _distinct(first)
               for d in classify_pair(r.words, words_2, r.facts, facts_2)[1]]))
        kind = "divergent" if details else kind
    diff = word_diff(text_1, text_2)
    if not ordered:
        details = tuple(d.swapped() for d in details)
        diff = mirror_diff(diff)
    return Judgement(kind, details, diff)


def _distinct(telling: Sequence[SentenceAnalysis]) -> list[SentenceAnalysis]:
    """A telling's sentences, each text once (a repeated sentence gives the same details)."""
    first: dict[str, SentenceAnalysis] = {}
    for s in telling:
        first.setdefault(s.sentence.text, s)
    return list(first.values())


def _key(telling: Sequence[SentenceAnalysis]) -> tuple[tuple[str, int], ...]:
    return tuple(s.key for s in telling)


def _joined(telling: Sequence[SentenceAnalysis]) -> tuple[str, list[str], Facts]:
    """A telling's text, words and facts: its sentence's own, or those of its sentences
    joined by spaces."""
    if len(telling) == 1:
        return telling[0].sentence.text, telling[0].words, telling[0].facts
    text = " ".join(s.sentence.text for s in telling)
    return text, words(text), extract_facts(text)
