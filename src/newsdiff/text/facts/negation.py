"""Negation: a predicate one side denies and the other asserts ("never met" / "met").

Each sentence yields the predicates it negates ("did not meet", "refused to
recuse", "no one … had communicated") and those it asserts ("did meet",
"met"), keyed by lemma so that "met" and "meet" agree; light verbs are keyed
with their object ("had two meetings" is ``have:meet``).  Much negation
does not deny the verb, so it is left out rather than risk a false conflict:
a denied role ("did not meet him as an adviser but rather as a senator"), a
denied purpose ("never met … to discuss issues" is keyed by "discuss"), an
adjective ("not unusual … to meet") and a question ("asked if he had
discussed").
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.grammar import (
    AUXILIARIES,
    BE,
    DO,
    HAVE,
    IRREGULAR_PAST,
    adjectival,
    chunk_head,
    is_adverb,
    is_participle,
    lemma,
    number_value,
)
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import Facts, Predicate
from newsdiff.values import Detail

_NOT = frozenset(("not", "never", "cannot"))
_NO = frozenset(("no", "nothing"))
_NOBODY = frozenset(("nobody", "none"))
_DENIALS = frozenset(
    "deny denies denied denying refuse refuses refused refusing decline declines declined "
    "declining".split()
)
_FAILURES = frozenset(("fail", "fails", "failed", "failing"))
_QUOTES = frozenset(("\"", "'"))
_CONTRASTS = frozenset(("rather", "instead"))
_CLAUSE_ENDS = frozenset((".", ";", "!", "?"))
_PHRASE_ENDS = _CLAUSE_ENDS | frozenset((",", ":", "but", "and"))
_HYPOTHETICAL = frozenset(("if", "whether", "what"))
# Verbs too general to carry the fact: the predicate is their object ("had two meetings").
_LIGHT_VERBS = frozenset(("have", "make", "take", "give", "get"))
_NEVER_PREDICATES = frozenset(("be", "do"))
_OBJECT_DETERMINERS = frozenset(
    "a an the any some his her their its our my your this that these those".split()
)
_NOT_PAST_VERBS = frozenset(("hundred", "indeed"))


def predicates(tok: SentenceTokens) -> tuple[list[Predicate], list[Predicate]]:
    """Negated predicates ("did not meet") and asserted ones ("did meet", "met")."""
    negated: list[Predicate] = []
    claimed: set[int] = set()
    for i in range(tok.n):
        found = _negation_at(tok, i)
        if found is None:
            continue
        start, k = found
        claimed.add(k)
        if not _contrasted(tok, k):
            negated.append(_negated_predicate(tok, start, i, k))
    asserted: list[Predicate] = []
    for start, k in _assertions(tok):
        if k not in claimed and not _hypothetical(tok, start):
            claimed.add(k)
            asserted.append(_predicate(tok, start, k))
    return [p for p in negated if p.key], [p for p in asserted if p.key]


def _negation_at(tok: SentenceTokens, i: int) -> tuple[int, int] | None:
    """Where the negation at ``i`` starts for display, and the index of what it negates."""
    word = tok.low[i]
    if word in _NOT or word.endswith("n't"):
        start = i - 1 if tok.get(i - 1) in AUXILIARIES and word in _NOT else i
        target = _verb_after(tok, i + 1)
    elif word in _NO:
        start = i
        one = tok.get(i + 1) == "one"
        target = _verb_after_subject(tok, i + 2) if one else _verb_after(tok, i + 1)
    elif word in _NOBODY:
        start, target = i, _verb_after_subject(tok, i + 1)
    elif word in _DENIALS:
        start = i - 1 if tok.get(i - 1) in HAVE else i
        target = _verb_after(tok, i + 1) or _refused_infinitive(tok, i)
    elif word in _FAILURES and tok.get(i + 1) == "to":
        start, target = i, _verb_after(tok, i + 2)
    else:
        return None
    return None if target is None else (start, target)


def _verb_after(tok: SentenceTokens, j: int, limit: int = 5) -> int | None:
    """The word a negator or auxiliary governs, past auxiliaries, adverbs, quotes and "to"."""
    for k in range(j, min(j + limit, tok.n)):
        word = tok.low[k]
        if word in _QUOTES or word in BE or word == "to" or is_adverb(word):
            continue
        if word in HAVE:
            if _is_auxiliary_have(tok, k):
                continue
            return k
        return k if tok.is_content(k) else None
    return None


def _verb_after_subject(tok: SentenceTokens, j: int, limit: int = 8) -> int | None:
    """The verb of "no one in the Trump administration had communicated": skip the subject."""
    for k in range(j, min(j + limit, tok.n)):
        if not tok.low[k][0].isalnum():
            return None
        if tok.low[k] in AUXILIARIES:
            return _verb_after(tok, k)
        if _is_past_verb(tok, k):
            return k
    return None


def _refused_infinitive(tok: SentenceTokens, i: int, limit: int = 25) -> int | None:
    """What a clause-final "refused" refuses: "asked to recuse himself …, which he refused"."""
    if tok.get(i + 1)[:1].isalnum():
        return None
    for k in range(i - 1, max(0, i - limit), -1):
        if tok.low[k] == "to" and tok.is_content(k + 1):
            return k + 1
    return None


def _contrasted(tok: SentenceTokens, k: int, limit: int = 12) -> bool:
    """"did not meet him as an adviser but rather as a senator" denies the role, not the verb."""
    for m in range(k + 1, min(k + limit, tok.n)):
        if tok.low[m] in _CLAUSE_ENDS:
            return False
        if tok.low[m] in _CONTRASTS:
            return True
    return False


def _assertions(tok: SentenceTokens) -> Iterable[tuple[int, int]]:
    """(display start, verb index) of verbs used affirmatively: after an auxiliary, or past.

    "had" before a noun is the verb itself ("had two meetings"), not an auxiliary.
    """
    for i in range(tok.n):
        if tok.low[i] in HAVE and not _is_auxiliary_have(tok, i):
            yield i, i
        elif tok.low[i] in AUXILIARIES:
            k = _verb_after(tok, i + 1)
            if k is not None:
                yield i, k
        elif _is_past_verb(tok, i):
            yield i, i


def _is_past_verb(tok: SentenceTokens, i: int) -> bool:
    """A finite past-tense verb ("met", "recused"), not an adjective ("two confirmed meetings")."""
    word = tok.low[i]
    past = word in IRREGULAR_PAST or (
        word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST_VERBS
    )
    if not past or adjectival(tok, i) or (i > 0 and number_value(tok.low[i - 1]) is not None):
        return False
    return not (word in HAVE and _is_auxiliary_have(tok, i))


def _is_auxiliary_have(tok: SentenceTokens, i: int) -> bool:
    """"had (also) met" is an auxiliary; "had two meetings" is the verb itself."""
    k = i + 1
    while k < i + 3 and is_adverb(tok.get(k)):
        k += 1
    return is_participle(tok.get(k))


def _predicate(tok: SentenceTokens, start: int, k: int) -> Predicate:
    """The predicate at ``k``, shown from ``start``; light verbs are keyed with their object.

    An empty key means "nothing checkable" (a bare "be"/"do", a light verb with
    no object) and is dropped by the caller.
    """
    verb = lemma(tok.low[k])
    if verb in _NEVER_PREDICATES:
        return Predicate("", "")
    if verb not in _LIGHT_VERBS:
        return Predicate(verb, tok.words(start, k))
    head = _object_head(tok, k + 1)
    if head is None:
        return Predicate("", "")
    return Predicate(f"{verb}:{lemma(tok.low[head])}", tok.words(start, head))


def _negated_predicate(tok: SentenceTokens, start: int, negator: int, k: int) -> Predicate:
    """What a negation denies, keyed like ``_predicate``.

    "refused" at the end of a clause reads "refused (to recuse)"; a verb
    denied together with its purpose ("never met … to discuss issues") denies
    the purpose, not the meeting, so it is keyed by the purpose verb.
    """
    if k < negator:
        return Predicate(lemma(tok.low[k]), f"{tok.words(start, negator)} (to {tok.raw[k]})")
    purpose = _purpose_after(tok, k) if _negates_verb(tok, negator, k) else None
    if purpose is None:
        return _predicate(tok, start, k)
    return Predicate(lemma(tok.low[purpose]), f"{tok.words(start, k)} … to {tok.raw[purpose]}")


def _negates_verb(tok: SentenceTokens, negator: int, k: int) -> bool:
    """"never met", "did not meet": a verb, not an adjective ("not unusual … to meet")."""
    return is_participle(tok.low[k]) or tok.get(negator - 1) in DO or tok.low[negator] == "never"


def _purpose_after(tok: SentenceTokens, k: int, limit: int = 8) -> int | None:
    """The verb of a purpose clause after an object: "met with officials to discuss"."""
    for m in range(k + 2, min(k + limit, tok.n - 1)):
        if tok.low[m] in _PHRASE_ENDS:
            return None
        if tok.low[m] == "to" and tok.is_content(m + 1) and tok.raw[m + 1].islower():
            return m + 1
    return None


def _hypothetical(tok: SentenceTokens, start: int, window: int = 3) -> bool:
    """"asked if he had discussed", "what he discussed": a question, not an assertion."""
    return any(tok.get(m) in _HYPOTHETICAL for m in range(start - window, start))


def _object_head(tok: SentenceTokens, j: int) -> int | None:
    """The noun a light verb takes: "had two confirmed meetings" → meetings."""
    while tok.get(j) in _OBJECT_DETERMINERS or number_value(tok.get(j) or "x") is not None:
        j += 1
    return chunk_head(tok, j)


# ------------------------------------------------------------------ conflicts

def negation_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """A predicate one side negates and the other asserts (and does not also negate)."""
    for negated, asserted in _contradicted(a, b):
        yield Detail("negation", negated, asserted)
    for negated, asserted in _contradicted(b, a):
        yield Detail("negation", asserted, negated)


def _contradicted(denier: Facts, asserter: Facts) -> Iterable[tuple[str, str]]:
    """(negated, asserted) texts of predicates ``denier`` negates and ``asserter`` asserts."""
    also_negated = {p.key for p in asserter.negated}
    asserted: dict[str, str] = {}
    for p in asserter.asserted:
        asserted.setdefault(p.key, p.text)
    reported: set[str] = set()
    for p in denier.negated:
        if p.key in asserted and p.key not in also_negated and p.key not in reported:
            reported.add(p.key)
            yield p.text, asserted[p.key]
