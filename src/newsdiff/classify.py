"""Say how two aligned sentences relate: shared wording, paraphrase, or divergence.

The decision follows the kinds' definitions (DESIGN.md, gold-dev/GUIDE.md):

- **divergent** when a checkable detail conflicts (``facts.diverging_details``),
  whatever the wording: a copied sentence with a changed number is exactly
  what a fact-checker wants flagged;
- **shared** when at least half of the shorter sentence's content words
  appear, in the same order, in the other (a quote both carry, a sentence
  copied with small edits);
- **paraphrase** otherwise: the pair model has already judged that the two
  report the same fact.
"""

from __future__ import annotations

from newsdiff.diffing import diff_tokens
from newsdiff.facts import Facts, diverging_details
from newsdiff.model import Detail, Kind

SHARED_MIN_ORDERED_OVERLAP = 0.5


def ordered_overlap(words_a: list[str], words_b: list[str]) -> float:
    """Share of the shorter sequence's words that the other repeats in the same order."""
    shorter = min(len(words_a), len(words_b))
    if shorter == 0:
        return 0.0
    kept = sum(len(run) for op, run in diff_tokens(words_a, words_b, cleanup="No") if op == "=")
    return kept / shorter


def classify_pair(
    words_a: list[str], words_b: list[str], facts_a: Facts, facts_b: Facts
) -> tuple[Kind, tuple[Detail, ...]]:
    """The kind of an aligned pair and, for a divergent one, the details that differ."""
    details = tuple(diverging_details(facts_a, facts_b))
    if details:
        return "divergent", details
    if ordered_overlap(words_a, words_b) >= SHARED_MIN_ORDERED_OVERLAP:
        return "shared", ()
    return "paraphrase", ()
