"""Attribution: who said it ("Flores said") and who carried it ("the AP noted").

Speakers and reporters (outlets) are different roles: a speaker and an outlet
that reports the speaker never contradict each other, so each role is compared
with the same role only, and one source the two sides share in any role is
enough to agree.  Sources are read when they are named ("Flores", "the
Washington Post") or described by the body they speak for ("the port
authority", "police", "the ship's owner"); "he said" or "officials said" could
mean anyone and is not read.

Two sources conflict only when they cannot be one: two names, or two bodies of
different kinds (a public body against a company: "the port authority" vs "the
shipping company").  Everything else errs towards silence, and on purpose:

* a role ("officials", "a spokesperson", "sources") may speak for any body, so
  it conflicts only through the body it names ("company officials" vs
  "police"); "officials said" vs "police said" is silent, as police are officials;
* bodies of one kind may contain or speak for each other ("the ministry" and
  "the government", "the owner" and "the operator");
* a description may refer back to a name ("the company" to "Evergreen"),
  unless the name says it is a body of another kind ("the Suez Canal Authority").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from newsdiff.text.facts.compatibility import (
    abbreviates,
    conflicting,
    nested,
    speaks_for_country,
    texts,
)
from newsdiff.text.facts.grammar import (
    MONTHS,
    NAME_JOINERS,
    UNITS,
    WEEKDAYS,
    adjectival,
    is_adverb,
    lemma,
)
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
# The kinds of body a source can speak for, by the noun that heads its description.
_BODIES = {
    "state": "authority authorities ministry department agency government police army military "
             "navy coastguard court prosecutor prosecutors office council commission regulator "
             "embassy administration survey bureau cabinet parliament",
    "company": "company firm corporation corp inc ltd operator owner carrier airline "
               "manufacturer maker insurer charterer shipowner",
}
# People who speak for some body, which one unsaid.
_ROLES = "official spokesperson spokesman spokeswoman representative source officer executive"


@cache
def _kinds() -> dict[str, str]:
    """Body nouns by lemma, built on first use (lemmas need the WordNet map)."""
    return {lemma(w): kind for kind, words in _BODIES.items() for w in words.split()}


@cache
def _roles() -> frozenset[str]:
    return frozenset(lemma(w) for w in _ROLES.split())


def sources(tok: SentenceTokens) -> tuple[list[Mention], list[Mention]]:
    """Named speakers and named reporters of the sentence's claim.

    Reporting verbs count in lower case only ("the United States" states
    nothing).  Sources that neither name anyone nor a body ("he", "officials",
    "the report") are left out: who they mean cannot be checked.
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
    while start > max(0, end + 1 - _SOURCE_WORDS) and (
            _source_word(tok, start - 1) or _joins_name(tok, start - 1)):
        start -= 1
    if tok.get(start - 1) in _ARTICLES and start <= end:
        start -= 1
    return _source(tok, start, end)


def _phrase_after(tok: SentenceTokens, start: int, proper_only: bool) -> Mention | None:
    """The source named after "according to", "told" or an inverted "said"."""
    end = start + 1 if tok.get(start) in _ARTICLES else start
    while end < start + _SOURCE_WORDS and (
        tok.is_cap(end) or _joins_name(tok, end) or not proper_only and _source_word(tok, end)
    ):
        end += 1
    return _source(tok, start, end - 1)


def _joins_name(tok: SentenceTokens, k: int) -> bool:
    """A joiner inside one capitalised name: the "of" of "the Federal Bureau of
    Investigation", so that the source is the whole name, not its last word."""
    return tok.get(k) in NAME_JOINERS and tok.is_cap(k - 1) and tok.is_cap(k + 1)


def _source_word(tok: SentenceTokens, k: int) -> bool:
    """A word that can belong to a source's name: not a date, not a function word."""
    return tok.is_content(k) and tok.low[k] not in _NOT_SOURCE_WORDS


def _source(tok: SentenceTokens, start: int, end: int) -> Mention | None:
    """A source mention if ``start..end`` holds a proper name or a body noun.

    A role alone ("officials", "a spokesperson") is not read: it could speak
    for anyone, so it could neither conflict nor be shown as who spoke.
    """
    if start > end or not any(_proper(tok, k) or lemma(tok.low[k]) in _kinds()
                              for k in range(start, end + 1)):
        return None
    words = frozenset(lemma(tok.low[k]) for k in range(start, end + 1)
                      if tok.low[k] not in _ARTICLES)
    return Mention(tok.span(start, end), words)


def _proper(tok: SentenceTokens, k: int) -> bool:
    """A capitalised word that names someone: not a date, not "Police" opening a sentence."""
    return (tok.is_cap(k) and tok.low[k] not in _NOT_SOURCE_WORDS
            and not _describing(lemma(tok.low[k])))


def _describing(word: str) -> bool:
    """A body or role noun (by lemma): "authority", "company", "officials"."""
    return word in _kinds() or word in _roles()


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
        if conflicting(xs, ys, _may_be_one):
            yield Detail("attribution", texts(xs), texts(ys))
            return


def _same_source(x: Mention, y: Mention) -> bool:
    """Nested names, two words in common ("Justice Department officials" and "Justice
    Department spokeswoman Sarah Isgur Flores" speak for one body), an acronym and the
    name it spells ("the IMF" and "the International Monetary Fund"), or a country and
    a body its demonym describes ("the Netherlands" and "Dutch authorities")."""
    return (nested(x, y) or len(x.words & y.words) >= 2
            or abbreviates(x, y) or abbreviates(y, x)
            or speaks_for_country(x, y) or speaks_for_country(y, x))


def _may_be_one(x: Mention, y: Mention) -> bool:
    """Not two names, and not bodies of two kinds: the rules in the module docstring."""
    (x_named, x_kind, x_role), (y_named, y_kind, y_role) = _profile(x.text), _profile(y.text)
    if x_kind and y_kind and x_kind != y_kind:
        return False
    return not (x_named and y_named) or x_role or y_role


@lru_cache(maxsize=1024)
def _profile(text: str) -> tuple[bool, str | None, bool]:
    """Whether a source names someone, the kind of body it speaks for, whether it is a role.

    The kind is its head noun's, or for a role the noun before it ("company
    officials"); a name names no kind unless its head does ("Suez Canal Authority").
    """
    tok = SentenceTokens(text)
    heads = [lemma(w) for w in tok.low if w[:1].isalnum()][-2:]
    role = heads[-1] in _roles()
    body = heads[0] if role and len(heads) > 1 else heads[-1]
    named = any(_proper(tok, k) for k in range(tok.n))
    return named, _kinds().get(body), role

