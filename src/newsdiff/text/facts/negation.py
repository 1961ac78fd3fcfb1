"""Negation: a predicate one side denies and the other asserts ("never met" / "met").

Each sentence yields the predicates it negates ("did not meet", "refused to
recuse", "denied that he met", "no passengers were hurt") and those it
asserts ("did meet", "met"), keyed by lemma so that "met" and "meet" agree;
light verbs are keyed with their object ("had two meetings" is
``have:meet``), a copula with its noun phrase and subject ("the wind was
(not) the only cause" is ``wind:be:only cause``).  A statement withheld is
the negation of the statement: "has not said when the bridge would reopen"
and "said the bridge would reopen by Monday" are both keyed
``say-when:reopen`` (a "when" is answered only by a statement that gives a
time; a "whether" by any statement of the verb).

Much negation does not deny the verb, so it is left out rather than risk a
false conflict: a denied role ("did not meet him as an adviser but rather as
a senator"), a denied purpose ("never met … to discuss issues" is keyed by
"discuss"), an adjective ("not unusual … to meet"), a question ("asked if he
had discussed"), an addition ("not only met … but also"), and a double
negation ("did not deny meeting", "it is not true that he did not meet"),
where both negations and every verb of the negated "that" clause are dropped.

"None of the 12 passengers was hurt" against "two of them were hurt" is a
negation of ``hurt``; the ``outcomes`` reader leaves negated outcomes to this
one, so that contradiction is named once.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.grammar import (
    AUXILIARIES,
    BE,
    DO,
    HAVE,
    IRREGULAR_PAST,
    MONTHS,
    WEEKDAYS,
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
_DENY = frozenset("deny denies denied denying".split())
_DENIALS = _DENY | frozenset(
    "refuse refuses refused refusing decline declines declined declining".split()
)
_FAILURES = frozenset(("fail", "fails", "failed", "failing"))
_QUOTES = frozenset(("\"", "'"))
_CONTRASTS = frozenset(("rather", "instead"))
_CLAUSE_ENDS = frozenset((".", ";", "!", "?"))
_PHRASE_ENDS = _CLAUSE_ENDS | frozenset((",", ":", "but", "and"))
_HYPOTHETICAL = frozenset(("if", "whether", "what"))
_PRONOUNS = frozenset("he she they it i we".split())
# Verbs too general to carry the fact: the predicate is their object ("had two meetings").
_LIGHT_VERBS = frozenset(("have", "make", "take", "give", "get"))
_NEVER_PREDICATES = frozenset(("be", "do"))
_OBJECT_DETERMINERS = frozenset(
    "a an the any some his her their its our my your this that these those".split()
)
_NOT_PAST_VERBS = frozenset(("hundred", "indeed"))
_ARTICLES = frozenset(("the", "a", "an"))
# Modifiers that change what a copula's noun phrase claims ("the only cause" is not "a cause").
_RESTRICTIVE = frozenset(("only", "first", "last", "sole", "main", "same", "other"))
# "not only X but also Y", "not just": an addition, not a denial.
_ADDITIVE = frozenset(("only", "just", "merely", "simply"))
# Where a clause, and so a subject, begins: "No passengers were hurt", "said no one had".
_SUBJECT_OPENERS = _PHRASE_ENDS | _QUOTES | frozenset(("that", "said", "says"))
_REPORTING = frozenset(
    "say says said saying tell tells told announce announces announced disclose discloses "
    "disclosed reveal reveals revealed specify specifies specified confirm confirms "
    "confirmed indicate indicates indicated".split()
)
_OPEN_QUESTIONS = {"when": "when", "whether": "whether", "if": "whether"}
_TIME_WORDS = WEEKDAYS | frozenset(MONTHS) | frozenset(
    "today tonight tomorrow weekend week month year morning afternoon evening noon "
    "midnight".split()
)


def predicates(tok: SentenceTokens) -> tuple[list[Predicate], list[Predicate]]:
    """Negated predicates ("did not meet") and asserted ones ("did meet", "met")."""
    found, claimed = _negations(tok)
    negated = [_negated_predicate(tok, start, i, k) for i, start, k in found]
    withheld, stated = _statements(tok, claimed)
    asserted: list[Predicate] = []
    for start, k in _assertions(tok):
        if k not in claimed and not _hypothetical(tok, start):
            claimed.add(k)
            asserted.append(_predicate(tok, start, k))
    return [p for p in negated if p.key] + withheld, [p for p in asserted if p.key] + stated


def _negations(tok: SentenceTokens) -> tuple[list[tuple[int, int, int]], set[int]]:
    """(negator, display start, target) of negations that deny their verb, and every index
    whose polarity a negation decides (so it is not read as asserted).

    A negation of a negation ("did not deny meeting", "never failed to
    attend"), or one inside the "that" clause of a negated word ("not true
    that he did not meet"), reverses the inner one: both are dropped, as are
    the verbs of that clause, because which way the sentence leans is
    exactly what a word-level reader cannot be sure of.
    """
    found = [(i, *hit) for i in range(tok.n) if (hit := _negation_at(tok, i)) is not None]
    claimed = {k for _, _, k in found}
    dropped: set[int] = set()
    for i, _, k in found:
        clause = _negated_clause(tok, k)
        claimed.update(clause)
        inner = {j for j, _, _ in found if j == k or j in clause}
        if inner:
            dropped |= inner | {i}
        if tok.get(i + 1) in _ADDITIVE:
            dropped.add(i)
    live = [f for f in found if f[0] not in dropped and not _contrasted(tok, f[2])]
    return live, claimed


def _negated_clause(tok: SentenceTokens, k: int) -> range:
    """The "that" clause a negated word governs ("not true that …"), to the clause end."""
    that = next((m for m in (k + 1, k + 2) if tok.get(m) == "that"), None)
    if that is None:
        return range(0)
    end = next((m for m in range(that + 1, tok.n) if tok.low[m] in _CLAUSE_ENDS), tok.n)
    return range(that + 1, end)


def _negation_at(tok: SentenceTokens, i: int) -> tuple[int, int] | None:
    """Where the negation at ``i`` starts for display, and the index of what it negates."""
    word = tok.low[i]
    if word in _NOT or word.endswith("n't"):
        start = i - 1 if tok.get(i - 1) in AUXILIARIES and word in _NOT else i
        target = _verb_after(tok, i + 1)
    elif word in _NO:
        start = i
        subject = tok.get(i + 1) == "one" or i == 0 or tok.low[i - 1] in _SUBJECT_OPENERS
        target = _verb_after_subject(tok, i + 1) if subject else _verb_after(tok, i + 1)
    elif word in _NOBODY:
        start, target = i, _verb_after_subject(tok, i + 1)
    elif word in _DENIALS:
        start = i - 1 if tok.get(i - 1) in HAVE else i
        target = _verb_after(tok, i + 1) or _denied_clause(tok, i) or _refused_infinitive(tok, i)
    elif (word in _FAILURES or word == "yet") and tok.get(i + 1) == "to":
        start = i - 1 if word == "yet" and tok.get(i - 1) in AUXILIARIES else i
        target = _verb_after(tok, i + 2)
    else:
        return None
    return None if target is None else (start, target)


def _verb_after(tok: SentenceTokens, j: int, limit: int = 5) -> int | None:
    """The word a negator or auxiliary governs, past auxiliaries, adverbs, quotes and "to".

    After a copula an article starts the predicate ("was not the only cause").
    """
    for k in range(j, min(j + limit, tok.n)):
        word = tok.low[k]
        if word in _QUOTES or word in BE or word == "to" or is_adverb(word):
            continue
        if word in HAVE:
            if _is_auxiliary_have(tok, k):
                continue
            return k
        if word in _ARTICLES and _copula_before(tok, k) is not None:
            return k
        return k if tok.is_content(k) else None
    return None


def _copula_before(tok: SentenceTokens, k: int) -> int | None:
    """The index of the "was" in "was the", "was not the", "wasn't the", if there is one."""
    b = k - 1 if tok.get(k - 1) not in _NOT else k - 2
    word = tok.get(b)
    return b if word in BE or (word.endswith("n't") and word[:-3] in BE) else None


def _denied_clause(tok: SentenceTokens, i: int) -> int | None:
    """The verb a denial's clause states: "denied that he met", "denies he had met"."""
    if tok.low[i] not in _DENY:
        return None  # one refuses to do, not that something happened
    j = i + 2 if tok.get(i + 1) == "that" else i + 1
    return _verb_after_subject(tok, j) if j == i + 2 or tok.get(j) in _PRONOUNS else None


def _verb_after_subject(tok: SentenceTokens, j: int, limit: int = 8) -> int | None:
    """The verb of "no one in the Trump administration had communicated": skip the subject."""
    for k in range(j, min(j + limit, tok.n)):
        if not tok.low[k][0].isalnum():
            return None
        if tok.low[k] in AUXILIARIES:
            # "had" may be the verb itself; "would" and "did" never are.
            return _verb_after(tok, k if tok.low[k] in BE | HAVE else k + 1)
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
    if tok.low[k] in _ARTICLES:
        return _nominal_predicate(tok, start, k)
    verb = lemma(tok.low[k])
    if verb in _NEVER_PREDICATES:
        return Predicate("", "")
    if verb not in _LIGHT_VERBS:
        return Predicate(verb, tok.words(start, k))
    head = _object_head(tok, k + 1)
    if head is None:
        return Predicate("", "")
    return Predicate(f"{verb}:{lemma(tok.low[head])}", tok.words(start, head))


def _nominal_predicate(tok: SentenceTokens, start: int, k: int) -> Predicate:
    """"The wind was (not) the only cause": keyed by the copula's subject and noun phrase.

    The modifiers stay in the key ("the only cause" is not "a cause") and so
    does the word before the copula, because "be" says nothing without who is
    what: "the wind was not the only cause" does not deny "rain was the only cause".
    """
    end = k
    while end < k + 4 and (tok.get(end + 1) in _RESTRICTIVE or tok.is_content(end + 1)):
        end += 1
    copula = _copula_before(tok, k)
    if end == k or copula is None:
        return Predicate("", "")
    subject = lemma(tok.get(copula - 1)) if tok.is_content(copula - 1) else ""
    phrase = " ".join(lemma(w) for w in tok.low[k + 1 : end + 1])
    return Predicate(f"{subject}:be:{phrase}", tok.words(start, end))


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


# ------------------------------------------------------------------ statements

def _statements(tok: SentenceTokens, claimed: set[int]) -> tuple[list[Predicate], list[Predicate]]:
    """Statements withheld ("has not said when the bridge would reopen") and made ("said
    the bridge would reopen by Monday"), keyed by the verb they are about.

    The reporting verb alone is not checkable ("did not comment", "said" in
    every sentence); what it withholds or states is.  The verb of a withheld
    question is claimed: "when the bridge would reopen" asserts nothing.
    """
    withheld: list[Predicate] = []
    stated: list[Predicate] = []
    for r in range(tok.n):
        if tok.low[r] not in _REPORTING:
            continue
        start = _withholding_start(tok, r)
        if start is not None:
            withheld.extend(_withheld(tok, start, r, claimed))
        elif not _hypothetical(tok, r):
            stated.extend(_stated(tok, r))
    return withheld, stated


def _withholding_start(tok: SentenceTokens, r: int, limit: int = 4) -> int | None:
    """Where "has not said", "declined to say", "has yet to say" begins, if ``r`` is withheld."""
    for j in range(r - 1, max(-1, r - 1 - limit), -1):
        word = tok.low[j]
        if word in _NOT or word.endswith("n't"):
            return j - 1 if word in _NOT and tok.get(j - 1) in AUXILIARIES else j
        if word in _DENIALS or word in _FAILURES or word == "yet":
            return j - 1 if tok.get(j - 1) in AUXILIARIES else j
        if not (word in AUXILIARIES or word == "to" or is_adverb(word)):
            return None
    return None


def _withheld(tok: SentenceTokens, start: int, r: int, claimed: set[int]) -> list[Predicate]:
    """"would not say whether the bridge would reopen" → ``say-whether:reopen``."""
    q = next((m for m in range(r + 1, min(r + 4, tok.n)) if tok.low[m] in _OPEN_QUESTIONS), None)
    verb = None if q is None else _verb_after_subject(tok, q + 1)
    if verb is None:
        return []
    claimed.add(verb)
    key = f"say-{_OPEN_QUESTIONS[tok.low[q]]}:{lemma(tok.low[verb])}"
    return [Predicate(key, tok.words(start, verb))]


def _stated(tok: SentenceTokens, r: int) -> list[Predicate]:
    """"said the bridge would reopen by Monday" answers both "whether" and "when" it reopens;
    "the bridge would reopen, officials said" is read from the start of the sentence."""
    verb = _verb_after_subject(tok, r + 1)
    first, last = r, verb
    comma = _trailing_speaker(tok, r)
    if verb is None and comma is not None:
        verb = _verb_after_subject(tok, 0)
        first, last = (_verb_start(tok, verb), r) if verb is not None and verb < comma else (r, None)
    if verb is None or last is None:
        return []
    found = [Predicate(f"say-whether:{lemma(tok.low[verb])}", tok.span(first, last))]
    time = _time_after(tok, verb)
    if time is not None:
        found.append(Predicate(f"say-when:{lemma(tok.low[verb])}",
                               tok.span(first, max(last, time))))
    return found


def _verb_start(tok: SentenceTokens, verb: int) -> int:
    """Where a verb's phrase starts for display: at its auxiliary ("would reopen")."""
    return verb - 1 if tok.get(verb - 1) in AUXILIARIES else verb


def _trailing_speaker(tok: SentenceTokens, r: int, limit: int = 4) -> int | None:
    """The comma before "…, the council said." that ends the sentence: what was said precedes."""
    if tok.get(r + 1) not in _CLAUSE_ENDS and r + 1 < tok.n:
        return None
    for c in range(r - 1, max(-1, r - 1 - limit), -1):
        if tok.low[c] == ",":
            return c
        if not tok.low[c][0].isalnum():
            return None
    return None


def _time_after(tok: SentenceTokens, verb: int, limit: int = 6) -> int | None:
    """The time a stated verb is given ("reopen by Monday", "on May 3"), within its clause."""
    for m in range(verb + 1, min(verb + limit, tok.n)):
        word = tok.low[m]
        if word in _PHRASE_ENDS:
            return None
        if word in _TIME_WORDS or word[:1].isdigit():
            return m
    return None


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
