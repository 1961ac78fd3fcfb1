"""Attribution: who said it ("Flores said") and who carried it ("the AP noted").

Speakers and reporters (outlets) are different roles: a speaker and an outlet
that reports the speaker never contradict each other, so each role is compared
with the same role only, and one source the two sides share in any role is
enough to agree.  Only named sources are read: "he said" or "officials said"
could mean anyone, so it never conflicts with anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.compatibility import nested, texts
from newsdiff.text.facts.grammar import MONTHS, UNITS, WEEKDAYS, adjectival, is_adverb, lemma
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import Facts, Mention
from newsdiff.values import Detail

_SPEAKER_VERBS = frozenset(
    "said says say told tells stated states added adds responded responds replied replies"
    .split()
)
_REPORTER_VERBS = frozenset("reported reports noted notes wrote writes".split())
_TELL = frozenset(("told", "tells"))
# Also nouns ("Kislyak reports concerned …"): verbs only before punctuation or "that".
_NOUN_LIKE_VERBS = frozenset(("reports", "notes", "states"))
_ARTICLES = frozenset(("the", "a", "an"))
_SOURCE_SKIP = frozenset(("also", "first", "later", "then", "has", "have", "had"))
_SOURCE_WORDS = 6
_NOT_SOURCE_WORDS = WEEKDAYS | frozenset(MONTHS) | frozenset(UNITS)


def sources(tok: SentenceTokens) -> tuple[list[Mention], list[Mention]]:
    """Named speakers and named reporters of the sentence's claim.

    Reporting verbs count in lower case only ("the United States" states
    nothing).  Sources without a capitalised name ("he", "officials", "the
    report") are left out: which outlet or person they mean cannot be checked.
    """
    speakers: list[Mention | None] = []
    reporters: list[Mention | None] = []
    for i in range(tok.n):
        word = tok.low[i]
        if word == "according" and tok.get(i + 1) == "to":
            reporters.append(_phrase_after(tok, i + 2, proper_only=False))
        elif _is_reporting_verb(tok, i):
            role = speakers if word in _SPEAKER_VERBS else reporters
            source = _phrase_before(tok, i)
            if source is None and word not in _TELL:
                source = _phrase_after(tok, i + 1, proper_only=True)  # "…," said Flores
            role.append(source)
            if word in _TELL:
                reporters.append(_phrase_after(tok, i + 1, proper_only=True))
    return [m for m in speakers if m], [m for m in reporters if m]


def _is_reporting_verb(tok: SentenceTokens, i: int) -> bool:
    word = tok.low[i]
    if word not in _SPEAKER_VERBS and word not in _REPORTER_VERBS:
        return False
    if not tok.raw[i].islower() or adjectival(tok, i):
        return False
    following = tok.get(i + 1)
    return word not in _NOUN_LIKE_VERBS or following == "that" or not following[:1].isalnum()


def _phrase_before(tok: SentenceTokens, i: int) -> Mention | None:
    """The subject just before a reporting verb: "Justice Department officials told"."""
    end = i - 1
    while end > i - 4 and (tok.get(end) in _SOURCE_SKIP or is_adverb(tok.get(end))):
        end -= 1
    start = end + 1
    while start > max(0, end + 1 - _SOURCE_WORDS) and _source_word(tok, start - 1):
        start -= 1
    if tok.get(start - 1) in _ARTICLES and start <= end:
        start -= 1
    return _source(tok, start, end)


def _phrase_after(tok: SentenceTokens, start: int, proper_only: bool) -> Mention | None:
    """The source named after "according to", "told" or an inverted "said"."""
    end = start + 1 if tok.get(start) in _ARTICLES else start
    while end < start + _SOURCE_WORDS and (
        tok.is_cap(end) or not proper_only and _source_word(tok, end)
    ):
        end += 1
    return _source(tok, start, end - 1)


def _source_word(tok: SentenceTokens, k: int) -> bool:
    """A word that can belong to a source's name: not a date, not a function word."""
    return tok.is_content(k) and tok.low[k] not in _NOT_SOURCE_WORDS


def _source(tok: SentenceTokens, start: int, end: int) -> Mention | None:
    """A source mention if ``start..end`` holds a proper name (a capitalised non-date word)."""
    if start > end or not any(_proper(tok, k) for k in range(start, end + 1)):
        return None
    words = frozenset(lemma(tok.low[k]) for k in range(start, end + 1)
                      if tok.low[k] not in _ARTICLES)
    return Mention(tok.span(start, end), words)


def _proper(tok: SentenceTokens, k: int) -> bool:
    return tok.is_cap(k) and tok.low[k] not in _NOT_SOURCE_WORDS


# ------------------------------------------------------------------ conflicts

def attribution_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Speakers, or reporters, with nothing in common ("the AP" vs "the Washington Post").

    One shared source in any role is enough to agree: "Sessions said" and
    "Sessions responded, according to The Washington Post" tell the same story,
    and a speaker on one side and an outlet on the other never conflict.
    """
    everyone_a, everyone_b = a.speakers + a.reporters, b.speakers + b.reporters
    if any(_same_source(x, y) for x in everyone_a for y in everyone_b):
        return
    for xs, ys in ((a.speakers, b.speakers), (a.reporters, b.reporters)):
        if xs and ys:
            yield Detail("attribution", texts(xs), texts(ys))
            return


def _same_source(x: Mention, y: Mention) -> bool:
    """Nested names, or two words in common: "Justice Department officials" and
    "Justice Department spokeswoman Sarah Isgur Flores" speak for one body."""
    return nested(x, y) or len(x.words & y.words) >= 2
