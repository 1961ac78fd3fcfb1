"""The line that says an ``--only`` selection is empty, and what there is instead.

``newsdiff --only divergent A B`` with nothing divergent would print the headers
and the summary and not one passage, which reads as if something went wrong, and
leaves the reader to work out from the summary that there is simply none.  So
the text and Markdown renderers of both views say it in one line, with the
counts of the other kinds, in the summary's terms:
``no divergent passages (2 shared, 10 paraphrase, 16 unique)``.  (The JSON needs
no such line: an empty list says it, and its counts are in ``stats``.)

Free of Rich, like ``present``, so the Markdown renderers import it cheaply.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from newsdiff.present.story import STORY_KINDS, claim_kind
from newsdiff.present.summary import summarize
from newsdiff.values import ALIGNED_KINDS, ALL_KINDS, Comparison, Story


def no_passages(c: Comparison, kinds: Collection[str]) -> str:
    """The line for a pairwise view of ``c`` that shows no passage of ``kinds``.

    The counts are the summary table's, just below the line (and the JSON's ``stats``):
    aligned pairs of each kind, and unique sentences of both articles.  Boilerplate is
    left out of them: when it is hidden, its own note says how much there is.
    """
    s = summarize(c)
    found = {**{k: s.alignments[k] for k in ALIGNED_KINDS},
             "unique": sum(s.unique_sentences.values())}
    return _nothing_of("passages", [k for k in ALL_KINDS if k in kinds], found)


def no_claims(story: Story, kinds: Collection[str]) -> str:
    """The line for a story view of ``story`` that shows no claim of ``kinds``: the claims
    there are, by kind."""
    found = Counter(claim_kind(c) for c in story.claims)
    return _nothing_of("claims", [k for k in STORY_KINDS if k in kinds],
                       {k: found[k] for k in STORY_KINDS})


def _nothing_of(things: str, asked: Sequence[str], found: Mapping[str, int]) -> str:
    """``no divergent passages (2 shared, 10 paraphrase, 16 unique)``: the kinds ``asked``
    for, then how many there are of each other kind in ``found``, where there are any."""
    named = asked[0] if len(asked) == 1 else f"{', '.join(asked[:-1])} or {asked[-1]}"
    others = ", ".join(f"{n} {k}" for k, n in found.items() if n and k not in asked)
    return f"no {named} {things}" + (f" ({others})" if others else "")
