"""Say how two aligned sentences relate: shared wording, paraphrase, or divergence.

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

from newsdiff.text.diffing import diff_tokens
from newsdiff.text.facts import Facts, diverging_details
from newsdiff.values import Detail, Kind

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
