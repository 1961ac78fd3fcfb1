"""``extract_facts``: every kind's reader over one sentence's tokens.

Extraction is a few linear passes over one token list with small word tables:
no parser and no model, so it costs tens of microseconds per sentence and the
CLI imports nothing heavy.  It is cached because the aligner asks for the same
sentence many times.
"""

from __future__ import annotations

from functools import lru_cache

from newsdiff.text.facts.attribution import sources
from newsdiff.text.facts.dates import dates
from newsdiff.text.facts.names import names
from newsdiff.text.facts.negation import predicates
from newsdiff.text.facts.numbers import counts
from newsdiff.text.facts.outcomes import outcomes
from newsdiff.text.facts.places import places
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import Facts


@lru_cache(maxsize=8192)
def extract_facts(text: str) -> Facts:
    """The checkable details of one sentence (cached: callers ask per aligned pair)."""
    tok = SentenceTokens(text)
    found_dates, taken, months = dates(tok)
    found_names, name_words = names(tok)
    negated, asserted = predicates(tok)
    speakers, reporters = sources(tok)
    return Facts(
        counts=tuple(counts(tok, taken, months)),
        dates=tuple(found_dates),
        places=tuple(places(tok)),
        names=tuple(found_names),
        name_words=name_words,
        speakers=tuple(speakers),
        reporters=tuple(reporters),
        negated=tuple(negated),
        asserted=tuple(asserted),
        outcomes=tuple(outcomes(tok)),
    )
