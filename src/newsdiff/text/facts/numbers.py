"""Counts and amounts: "twice", "two confirmed meetings", "$5 million", "over 25", "12 percent".

A count is read with what it counts (the lemma of the noun after it, a
currency, a percentage) and widened to the range its hedge allows ("some 50",
"at least 3"), so that only counts of the same thing whose ranges cannot both
hold conflict.  Counts of the reported event itself ("twice", "two meetings",
"three times") share the key ``EVENT``, and so do the counts a sentence implies
without stating them: a list of months ("in April, July and September") or
"once … and a second time".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache

from newsdiff.text.facts.grammar import CURRENCIES, chunk_head, lemma, number_value
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import EVENT, Count, Facts
from newsdiff.values import Detail

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MULTIPLICATIVES = {"once": 1, "twice": 2, "thrice": 3}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_EVENT_WORDS = ("meeting", "occasion", "encounter", "time")
# "the first two meetings", "top 5 spies", "no one": a subset or no count at all.
_COUNT_BLOCKERS = frozenset("first last other top next previous remaining final every each no any"
                            .split())
_ONE_BLOCKERS = _COUNT_BLOCKERS | frozenset("the this that which some".split())
# "twice as many", "three times the size": a ratio, not a number of occasions.
_RATIO_NEXT = frozenset("as more less fewer the larger bigger higher greater smaller lower"
                        .split())
# "met once in July" counts; "once he was confirmed" is a conjunction.
_ONCE_NEXT = frozenset("at in on during before with by and or but".split())
_APPROXIMATORS = {
    "some": "around", "about": "around", "around": "around", "roughly": "around",
    "approximately": "around", "nearly": "nearly", "almost": "nearly", "over": "above",
    "under": "below", "more than": "above", "fewer than": "below", "less than": "below",
    "at least": "at_least", "at most": "at_most", "up to": "at_most",
}


@cache
def _event_heads() -> frozenset[str]:
    """Lemmas of the nouns that count the reported event itself ("two meetings").

    Computed on first use, not at import: lemmas need the WordNet map, which
    the reader would otherwise load before its first screen.
    """
    return frozenset(lemma(w) for w in _EVENT_WORDS)


def counts(tok: SentenceTokens, taken: set[int], months: list[int]) -> list[Count]:
    """Stated counts plus counts implied by a list of months or "once … a second time".

    ``taken`` are the token indices dates use (a year is not a count) and
    ``months`` where months are named, both as ``dates.dates`` finds them.
    """
    implied = [c for c in (_enumerated_count(tok), _month_list_count(tok, months)) if c]
    found: list[Count] = []
    for i in range(tok.n):
        if i in taken:
            continue
        if tok.low[i] in _MULTIPLICATIVES:
            count = None if implied and tok.low[i] == "once" else _multiplicative(tok, i)
        else:
            count = _quantity(tok, i)
        if count is not None:
            found.append(count)
    return found + implied


def _multiplicative(tok: SentenceTokens, i: int) -> Count | None:
    """``twice``, ``once`` as event counts, unless they start a ratio or a clause."""
    following = tok.get(i + 1)
    if following in _RATIO_NEXT:
        return None
    if tok.low[i] == "once" and following[:1].isalnum() and following not in _ONCE_NEXT:
        return None
    value = _MULTIPLICATIVES[tok.low[i]]
    return Count(EVENT, value, value, tok.raw[i])


def _quantity(tok: SentenceTokens, i: int) -> Count | None:
    """A number at ``i`` with what it counts: ``two confirmed meetings``, ``$5 million``."""
    value = number_value(tok.low[i])
    blockers = _ONE_BLOCKERS if tok.low[i] == "one" else _COUNT_BLOCKERS
    if value is None or tok.get(i - 1) in blockers:
        return None
    end = i
    while tok.get(end + 1) in _SCALES:
        end += 1
        value *= _SCALES[tok.low[end]]
    key, end = _counted(tok, i, end)
    if key is None:
        return None
    start = i - 1 if tok.get(i - 1) in CURRENCIES or tok.get(i - 1) == "a" else i
    start, low, high = _approximate(tok, start, value)
    return Count(key, low, high, tok.span(start, end))


def _counted(tok: SentenceTokens, i: int, end: int) -> tuple[str | None, int]:
    """What the number ending at ``end`` counts, and the last index of the phrase."""
    following = tok.get(end + 1)
    if tok.get(i - 1) in CURRENCIES:
        return tok.get(i - 1), end
    if following == "times":
        return (None if tok.get(end + 2) in _RATIO_NEXT else EVENT), end + 1
    if following in ("%", "percent"):
        of = chunk_head(tok, end + 3) if tok.get(end + 2) == "of" else None
        return "%" + (f":{lemma(tok.low[of])}" if of else ""), end + 1
    head = chunk_head(tok, end + 1)
    if head is None:
        return None, end
    counted = lemma(tok.low[head])
    return (EVENT if counted in _event_heads() else counted), head


def _approximate(tok: SentenceTokens, start: int, value: float) -> tuple[int, float, float]:
    """Widen ``value`` to the interval its hedge allows: "some 50", "over 25", "at least 3"."""
    two_words = f"{tok.get(start - 2)} {tok.get(start - 1)}"
    if two_words in _APPROXIMATORS:
        hedge, start = _APPROXIMATORS[two_words], start - 2
    elif tok.get(start - 1) in _APPROXIMATORS:
        hedge, start = _APPROXIMATORS[tok.low[start - 1]], start - 1
    else:
        return start, value, value
    low, high = {
        "around": (0.8 * value, 1.2 * value),
        "nearly": (0.8 * value, value),
        "above": (math.nextafter(value, math.inf), math.inf),
        "at_least": (value, math.inf),
        "below": (0.0, math.nextafter(value, -math.inf)),
        "at_most": (0.0, value),
    }[hedge]
    return start, low, high


def _enumerated_count(tok: SentenceTokens) -> Count | None:
    """"once at … and a second time in …" counts two occasions."""
    if "once" not in tok.low:
        return None
    first = tok.low.index("once")
    last = None
    for k in range(first + 1, tok.n - 1):
        if tok.low[k] in _ORDINALS and tok.low[k + 1] == "time":
            last = k
    if last is None:
        return None
    value = _ORDINALS[tok.low[last]]
    ordinal = tok.span(last - 1 if tok.get(last - 1) in ("a", "the") else last, last + 1)
    return Count(EVENT, value, value, f"{value} ({tok.raw[first]} … {ordinal})", implied=True)


def _month_list_count(tok: SentenceTokens, months: list[int]) -> Count | None:
    """"in April, July and September" counts three occasions (not "between May and July")."""
    names = {tok.low[i][:3]: tok.raw[i] for i in months}
    if len(names) < 2:
        return None
    last = months[-1]
    before = (tok.get(last - 2), tok.get(last - 1))
    closes = before[1] == "and" or before == ("and", "in")
    if not closes or {tok.get(months[0] - 1), tok.get(months[0] - 2)} & {"between", "from"}:
        return None
    shown = list(names.values())
    text = f"{len(shown)} ({', '.join(shown[:-1])} and {shown[-1]})"
    return Count(EVENT, len(shown), len(shown), text, implied=True)


def number_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Counts of the same thing whose ranges cannot both hold ("twice" vs three months).

    Two counts read off lists are not compared: "in July and September" and
    "in April, July and September" name months, and months are compared as dates.
    """
    for key in dict.fromkeys(c.key for c in a.counts):
        xs = [c for c in a.counts if c.key == key]
        ys = [c for c in b.counts if c.key == key]
        pairs = [(x, y) for x in xs for y in ys if not (x.implied and y.implied)]
        if pairs and not any(x.low <= y.high and y.low <= x.high for x, y in pairs):
            first_x = next(x for x in xs if any(p[0] is x for p in pairs))
            first_y = next(y for y in ys if any(p[1] is y for p in pairs))
            yield Detail("number", first_x.text, first_y.text)
