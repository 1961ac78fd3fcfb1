"""Outcomes: what happened to someone ("has died" / "was injured" / "unharmed") or to their
case ("charged" / "acquitted", "arrested" / "released without charge").

Each sentence yields the outcomes it states, each with a level (``dead``,
``injured``, ``unharmed``, ``alive``; ``charged``, ``convicted``,
``acquitted``, ``arrested``, ``released``) and the one word naming whom it
happened to: the head of the subject ("a man who was shot … has died" is
about ``man``), or of the object of an active verb ("police arrested the
driver" is about ``driver``).  Only outcomes of the same subject word are
compared, and only levels that exclude each other conflict: "shot" is no
level (a shot man may be dead or hurt), "injured" and "wounded" are one,
"charged" and "convicted" can both be true.

An outcome under a negation or a doubt in its clause ("none … was hurt",
"may have died", "will be charged") is not read: a negated outcome against
the asserted one is the ``negation`` reader's, so it is named once, and a
doubted one states nothing.  Attributive uses ("the injured man") are left
out too: they name no subject of their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.compatibility import conflicting, texts
from newsdiff.text.facts.grammar import (
    AUXILIARIES,
    BE,
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
from newsdiff.text.facts.values import Facts, Outcome
from newsdiff.values import Detail

_LEVELS = {
    **dict.fromkeys("died dies perished succumbed killed slain".split(), "dead"),
    **dict.fromkeys("injured wounded hurt".split(), "injured"),
    **dict.fromkeys("unharmed unhurt uninjured unscathed".split(), "unharmed"),
    **dict.fromkeys(("survived", "survives"), "alive"),
    **dict.fromkeys(("charged", "indicted"), "charged"),
    "convicted": "convicted",
    **dict.fromkeys(("acquitted", "cleared"), "acquitted"),
    **dict.fromkeys(("arrested", "detained"), "arrested"),
    **dict.fromkeys(("released", "freed"), "released"),
}
# Verbs whose object, in the active voice, is the one the outcome befalls.
_TRANSITIVE = frozenset(
    "killed slain injured wounded hurt charged indicted convicted acquitted cleared arrested "
    "detained released freed".split()
)
# Level pairs that cannot both be true of one person in one report.
_EXCLUSIVE = frozenset(frozenset(pair) for pair in (
    ("dead", "injured"), ("dead", "unharmed"), ("dead", "alive"), ("injured", "unharmed"),
    ("charged", "acquitted"), ("convicted", "acquitted"), ("arrested", "released"),
    ("charged", "released"), ("convicted", "released"),
))
# What a word needs nearby to be the outcome: "charged with", "cleared of", "released without".
_NEEDS = {"charged": ("with", "over"), "cleared": ("of",), "released": ("without",),
          "freed": ("without",)}
_VERDICTS = frozenset(("found", "ruled", "declared"))
# "found dead", "shot dead": participles that make "dead" an outcome.
_DEAD_AFTER = frozenset("found shot left pronounced declared confirmed".split())
_PASSIVE = BE | frozenset(("got", "gets", "get"))
_NEGATORS = frozenset("not never no none nobody neither nor without".split())
_DOUBTS = frozenset(
    "if whether may might could would should will feared fears possibly probably likely "
    "expected unclear".split()
)
_CLAUSE_BREAKS = frozenset((",", ";", ":", ".", "!", "?", "but", "and", "while", "although"))
# Where a subject is looked for before an outcome: after these, a new subject begins.
_SUBJECT_BREAKS = _CLAUSE_BREAKS | frozenset(("said", "says", "say", "told", "that"))
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "him": "he", "her": "she", "them": "they"}
_TIME_ADVERBS = frozenset(("later", "afterwards", "since", "soon", "instantly"))
_DETERMINERS = frozenset(("the", "a", "an", "his", "her", "their", "its"))
_CALENDAR = WEEKDAYS | frozenset(MONTHS) | frozenset(("today", "yesterday", "tonight"))


def outcomes(tok: SentenceTokens) -> Iterable[Outcome]:
    """Every outcome the sentence states of a subject it names."""
    for i in range(tok.n):
        found = _outcome_at(tok, i)
        if found is None:
            continue
        level, first, last = found
        if _doubted(tok, first):
            continue
        start = _chain_start(tok, first)
        subject = _object(tok, i) if _active(tok, i) else None
        subject = subject or _subject(tok, start)
        if subject:
            yield Outcome(level, subject, tok.words(start, last))


def _outcome_at(tok: SentenceTokens, i: int) -> tuple[str, int, int] | None:
    """(level, first word, last word) of the outcome phrase at ``i``, if it is one."""
    word = tok.low[i]
    if word == "dead":
        return ("dead", i - 1, i) if tok.get(i - 1) in _DEAD_AFTER else (
            ("dead", i, i) if tok.get(i - 1) in BE else None)
    if word == "guilty":
        return _verdict(tok, i)
    if word == "safe":
        return ("unharmed", i, i) if tok.get(i - 1) in BE and tok.get(i + 1) != "to" else None
    if tok.get(i - 1) == "fatally" and is_participle(word):
        return "dead", i - 1, i
    level = _LEVELS.get(word)
    if level is None or adjectival(tok, i) or (level == "alive" and tok.get(i - 1) in BE):
        return None  # "the injured man"; "is survived by his wife" is said of the dead
    last = _needed(tok, i)
    return None if last is None else (level, i, last)


def _verdict(tok: SentenceTokens, i: int) -> tuple[str, int, int] | None:
    """"found (not) guilty" is a verdict, "pleaded guilty" a conviction; "pleaded not guilty"
    is only a plea."""
    acquitted = tok.get(i - 1) == "not"
    verb = i - 2 if acquitted else i - 1
    if tok.get(verb) in _VERDICTS:
        return ("acquitted" if acquitted else "convicted"), verb, i
    if tok.get(verb) in ("pleaded", "pleads") and not acquitted:
        return "convicted", verb, i
    return None


def _needed(tok: SentenceTokens, i: int, window: int = 6) -> int | None:
    """The last word shown: "released without charge" ends at "charge", "charged (with)" at
    ``i``; None when a companion the word needs ("with", "of", "without") is missing."""
    needs = _NEEDS.get(tok.low[i])
    if needs is None:
        return i
    for m in range(i + 1, min(i + window, tok.n)):
        if tok.low[m] in _CLAUSE_BREAKS:
            return None
        if tok.low[m] in needs:
            return m + 1 if tok.low[m] == "without" and m + 1 < tok.n else i
    return None


def _chain_start(tok: SentenceTokens, first: int) -> int:
    """Where the verb chain before an outcome starts: "has been", "was critically"."""
    while first > 0 and (tok.low[first - 1] in AUXILIARIES or _adverb(tok.low[first - 1])):
        first -= 1
    return first


def _doubted(tok: SentenceTokens, first: int, window: int = 8) -> bool:
    """A negation or a doubt earlier in the outcome's clause ("none … was hurt", "may have")."""
    for m in range(first - 1, max(-1, first - 1 - window), -1):
        word = tok.low[m]
        if word in _CLAUSE_BREAKS:
            return False
        if word in _NEGATORS or word in _DOUBTS or word.endswith("n't"):
            return True
    return False


def _active(tok: SentenceTokens, i: int) -> bool:
    """"police arrested …" rather than "was arrested": a transitive verb with no passive."""
    k = i - 1
    while k >= 0 and _adverb(tok.low[k]):
        k -= 1
    return tok.low[i] in _TRANSITIVE and tok.get(k) not in _PASSIVE


def _object(tok: SentenceTokens, i: int) -> str | None:
    """Whom an active outcome verb befalls: "killed two people" → people, "freed him" → he."""
    j = i + 1
    word = tok.get(j)
    if word in _PRONOUNS:
        return _PRONOUNS[word]
    number = None
    while word in _DETERMINERS or number_value(word) is not None:
        number = word if number_value(word) is not None else number
        j += 1
        word = tok.get(j)
    return _head(tok, j) or _number_key(number)


def _subject(tok: SentenceTokens, end: int, limit: int = 16) -> str:
    """The head of the subject before ``end``: the first noun of the nearest stretch that has
    one, stepping back over breaks ("a man, 34, who was shot … and has died" → man)."""
    hi = end
    number = None
    while hi > max(0, end - limit):
        lo = hi
        while lo > 0 and tok.low[lo - 1] not in _SUBJECT_BREAKS:
            lo -= 1
        for k in range(lo, hi):
            head = _head(tok, k)
            if head:
                return head
            if number is None and number_value(tok.low[k]) is not None:
                number = tok.low[k]
        hi = lo - 1
    return _number_key(number) or ""


def _head(tok: SentenceTokens, k: int) -> str | None:
    """The subject word a noun chunk at ``k`` gives, or None when ``k`` starts none.

    A word right after an auxiliary belongs to a verb chain ("was shot"), and a
    calendar word is a time, not a person.
    """
    word = tok.get(k)
    if word in _PRONOUNS:
        return None if tok.is_content(k + 1) else _PRONOUNS[word]
    if not tok.is_content(k) or word in _CALENDAR or _adverb(word):
        return None
    if tok.get(k - 1) in AUXILIARIES or number_value(word) is not None:
        return None
    head = chunk_head(tok, k)  # None for a lone "children": a participle's ending
    return lemma(tok.low[k if head is None else head])


def _adverb(word: str) -> bool:
    """An adverb, with the times an outcome is told in ("and later died")."""
    return word in _TIME_ADVERBS or is_adverb(word)


def _number_key(word: str | None) -> str | None:
    """A count as a subject ("Three killed in crash"): "three" and "3" are one subject."""
    value = None if word is None else number_value(word)
    return None if value is None else f"{value:g}"


# ------------------------------------------------------------------ conflicts

def outcome_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Outcomes of one subject that exclude each other ("has died" / "was injured")."""
    for subject in sorted({o.subject for o in a.outcomes} & {o.subject for o in b.outcomes}):
        xs = [o for o in a.outcomes if o.subject == subject]
        ys = [o for o in b.outcomes if o.subject == subject]
        if conflicting(xs, ys, _compatible):
            yield Detail("outcome", texts(xs), texts(ys))


def _compatible(x: Outcome, y: Outcome) -> bool:
    return frozenset((x.level, y.level)) not in _EXCLUSIVE
