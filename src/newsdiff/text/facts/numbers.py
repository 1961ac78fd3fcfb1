"""Counts and amounts: "twice", "two confirmed meetings", "$5 million", "over 25", "12 percent".

A count is read with what it counts (the lemma of the noun after it, a
currency, a percentage, a unit such as a magnitude, a running total such as a
death toll) and widened to the range its hedge allows ("some 50", "at least
3"), so that only counts of the same thing whose ranges cannot both hold
conflict.  The hedge stays in the count's text, so a reader sees that "more
than 150" is approximate.  Counts of the reported event itself ("twice", "two
meetings", "three times") share the key ``EVENT``, and so do the counts a
sentence implies without stating them: a list of months ("in April, July and
September") or "once … and a second time".

Outlets write one amount many ways, so the forms are normalised before they are
compared: "$250 million", "$250-M", "$250m" and "250 million dollars" are all
250e6 of ``$``; "two hundred and fifty" is 250; "magnitude 6.0" and
"6-magnitude" are both 6 of ``magnitud``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache

from newsdiff.text.facts.grammar import (
    CURRENCIES,
    MONTHS,
    WEEKDAYS,
    chunk_head,
    lemma,
    number_value,
)
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import EVENT, Count, Facts
from newsdiff.values import Detail

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# "$250m", "£1bn", "$250-M": short scales, read only after a currency ("a 100m sprint" is metres).
_MONEY_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_SIGNS = CURRENCIES | {"¥"}
# The currencies a sign alone names; "A$" or "Hong Kong dollars" get keys of their own.
_PRINCIPAL = frozenset(_SIGNS)
_CURRENCY_WORDS = {
    "dollar": "$", "usd": "$", "pound": "£", "sterling": "£", "gbp": "£",
    "euro": "€", "eur": "€", "yen": "¥", "jpy": "¥",
}
_US = frozenset(("us", "u.s.", "american"))
_MULTIPLICATIVES = {"once": 1, "twice": 2, "thrice": 3}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_EVENT_WORDS = ("meeting", "occasion", "encounter", "time")
# Units that name what a number measures even before a noun: "a 6.0 magnitude quake".
_MEASURES = frozenset(("magnitude", "category"))
# Nouns whose number is a running total: "the death toll rose to 15", "a tally of 11".
_TOTAL_WORDS = ("toll", "tally", "total", "count", "number")
# What stands between a running total's noun and its number ("rose to", "stood at", "of").
_TOTAL_LINKS = frozenset("to at of reached reaches hit hits topped tops passed passes exceeded "
                         "exceeds is was now".split())
_TOTAL_WINDOW = 6
_NOT_HEADS = WEEKDAYS | frozenset(MONTHS)
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
# A lower bound is the best figure its writer had: "more than 150" is not 300.
_BOUND_STRETCH, _BOUND_SLACK = 1.5, 2.0


@cache
def _event_heads() -> frozenset[str]:
    """Lemmas of the nouns that count the reported event itself ("two meetings").

    Computed on first use, not at import: lemmas need the WordNet map, which
    the reader would otherwise load before its first screen.
    """
    return frozenset(lemma(w) for w in _EVENT_WORDS)


@cache
def _total_heads() -> frozenset[str]:
    """Lemmas of the running-total nouns (lazily, for the reason ``_event_heads`` gives)."""
    return frozenset(lemma(w) for w in _TOTAL_WORDS)


def counts(tok: SentenceTokens, taken: set[int], months: list[int]) -> list[Count]:
    """Stated counts plus counts implied by a list of months or "once … a second time".

    ``taken`` are the token indices dates use (a year is not a count) and
    ``months`` where months are named, both as ``dates.dates`` finds them.
    """
    implied = [c for c in (_enumerated_count(tok), _month_list_count(tok, months)) if c]
    found: list[Count] = []
    i = 0
    while i < tok.n:
        count, last = None, i
        if i in taken:
            pass
        elif tok.low[i] in _MULTIPLICATIVES:
            count = None if implied and tok.low[i] == "once" else _multiplicative(tok, i)
        else:
            count, last = _quantity(tok, i)
        if count is not None:
            found.append(count)
        i = last + 1
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


def _quantity(tok: SentenceTokens, i: int) -> tuple[Count | None, int]:
    """A number at ``i`` with what it counts, and the last token its number words use.

    The last token lets the caller skip "fifty" in "two hundred and fifty".
    """
    number = _number(tok, i)
    blockers = _ONE_BLOCKERS if tok.low[i] == "one" else _COUNT_BLOCKERS
    if number is None or tok.get(i - 1) in blockers:
        return None, i
    value, last = number
    key, start, end, value = _money(tok, i, last, value) or (*_counted(tok, i, last), value)
    if start == i and tok.get(i - 1) == "a" and tok.low[i].isalpha():
        start = i - 1  # "a dozen"
    start, low, high = _approximate(tok, start, value)
    if key is None:
        total = _running_total(tok, start)
        if total is None:
            return None, last
        key, start = total
    return Count(key, low, high, tok.span(start, end)), last


def _number(tok: SentenceTokens, i: int) -> tuple[float, int] | None:
    """The value of the number words starting at ``i`` and the last of them.

    "1.5 billion", "two hundred and fifty", "one hundred fifty thousand": a
    scale multiplies the group before it (a thousand or more closes the group),
    and a number word after a scale, with or without "and", adds to it.
    """
    group = number_value(tok.low[i])
    if group is None:
        return None
    total, end = 0.0, i
    while True:
        following = tok.get(end + 1)
        if following in _SCALES:
            group, end = group * _SCALES[following], end + 1
            if _SCALES[following] >= 1e3:
                total, group = total + group, 0.0
            continue
        step = 2 if following == "and" else 1
        word = tok.get(end + step)
        added = number_value(word) if tok.get(end) in _SCALES and word.isalpha() else None
        if added is None or added >= 100:
            return total + group, end
        group, end = group + added, end + step


def _money(tok: SentenceTokens, i: int, end: int, value: float
           ) -> tuple[str, int, int, float] | None:
    """An amount of a currency: "$250m", "US$5 million", "£1bn", "250 million dollars"."""
    sign = _currency_before(tok, i)
    if sign is not None:
        key, start = sign
        end, value = _money_scale(tok, end, value)
        return key, start, end, value
    head = chunk_head(tok, end + 1)
    currency = _CURRENCY_WORDS.get(lemma(tok.low[head])) if head is not None else None
    if currency is None:
        return None
    qualifier = [w for w in tok.low[end + 1 : head] if w not in _US]
    return (" ".join((*qualifier, currency)), i, head, value)


def _currency_before(tok: SentenceTokens, i: int) -> tuple[str, int] | None:
    """The currency written before the number at ``i`` and where it starts: "$", "US$", "EUR"."""
    before = tok.get(i - 1)
    if before in _CURRENCY_WORDS and not tok.raw[i - 1].islower():
        return _CURRENCY_WORDS[before], i - 1
    if before not in _SIGNS:
        return None
    prefix = tok.raw[i - 2] if i >= 2 else ""
    touching = i >= 2 and tok.matches[i - 2].end() == tok.matches[i - 1].start()
    if not (touching and prefix.isalpha() and prefix.isupper()):
        return before, i - 1
    return (before if prefix.lower() in _US else prefix + before), i - 2


def _money_scale(tok: SentenceTokens, end: int, value: float) -> tuple[int, float]:
    """Stretch an amount over a short scale after it: "$250m", "$250-M", "£1 bn"."""
    step = 2 if tok.get(end + 1) == "-" else 1
    scale = _MONEY_SCALES.get(tok.get(end + step))
    return (end + step, value * scale) if scale else (end, value)


def _counted(tok: SentenceTokens, i: int, end: int) -> tuple[str | None, int, int]:
    """What the number ``i..end`` counts, and the first and last index of the phrase."""
    following = tok.get(end + 1)
    if tok.get(i - 1) in _MEASURES:
        return lemma(tok.low[i - 1]), i - 1, end  # "magnitude 6.0"
    if following == "-" and tok.get(end + 2)[:1].isalpha():
        return lemma(tok.low[end + 2]), i, end + 2  # "a 4.2-magnitude quake", "a 10-year term"
    if following == "times":
        return (None if tok.get(end + 2) in _RATIO_NEXT else EVENT), i, end + 1
    if following in ("%", "percent"):
        of = _head(tok, end + 3) if tok.get(end + 2) == "of" else None
        return "%" + (f":{lemma(tok.low[of])}" if of else ""), i, end + 1
    if following in _MEASURES:
        return lemma(following), i, end + 1  # "a 6.0 magnitude quake"
    head = _head(tok, end + 1)
    if head is None:
        return None, i, end
    counted = lemma(tok.low[head])
    return (EVENT if counted in _event_heads() else counted), i, head


def _head(tok: SentenceTokens, start: int) -> int | None:
    """The counted noun of the chunk at ``start``; a calendar word or "-ing" after it is not one.

    "150 ships waiting" counts ships, "15 Monday" counts nothing.
    """
    limit = next((k - start for k in range(start + 1, min(start + 4, tok.n))
                  if tok.low[k].endswith("ing")), 4)
    head = chunk_head(tok, start, limit)
    return None if head is None or tok.low[head] in _NOT_HEADS else head


def _running_total(tok: SentenceTokens, start: int) -> tuple[str, int] | None:
    """A bare number as the value of a running total: "the death toll rose to 15".

    The key is the total's noun with what it totals ("death toll", "number
    dead"): a toll with no qualifier is a death toll, as news uses the word.
    """
    link = start - 1
    if tok.get(link) not in _TOTAL_LINKS:
        return None
    for k in range(link - 1, max(-1, link - 1 - _TOTAL_WINDOW), -1):
        if not tok.get(k)[:1].isalpha():
            return None
        noun = lemma(tok.low[k])
        if noun in _total_heads():
            return _total_key(tok, k, noun)
    return None


def _total_key(tok: SentenceTokens, k: int, noun: str) -> tuple[str, int]:
    """The key of the running total whose noun is at ``k`` and where its phrase starts."""
    if tok.is_content(k - 1):
        return f"{lemma(tok.low[k - 1])} {noun}", k - 1  # "death toll", "casualty count"
    if tok.get(k + 1) == "of" and tok.is_content(k + 2):
        return f"{noun} {lemma(tok.low[k + 2])}", k  # "number of dead"
    return (f"{lemma('death')} {noun}" if noun == "toll" else noun), k


def _approximate(tok: SentenceTokens, start: int, value: float) -> tuple[int, float, float]:
    """Widen ``value`` to the interval its hedge allows: "some 50", "over 25", "at least 3".

    A lower bound ("more than 150", "at least 3") is read as the writer's best
    figure, so it reaches only a little above itself: otherwise "more than 150"
    and "more than 300" would both hold, and the reader wants them named.  An
    upper bound ("up to 50") keeps its whole range: it is often a cap, not a count.
    """
    two_words = f"{tok.get(start - 2)} {tok.get(start - 1)}"
    if two_words in _APPROXIMATORS:
        hedge, start = _APPROXIMATORS[two_words], start - 2
    elif tok.get(start - 1) in _APPROXIMATORS:
        hedge, start = _APPROXIMATORS[tok.low[start - 1]], start - 1
    else:
        return start, value, value
    ceiling = max(_BOUND_STRETCH * value, value + _BOUND_SLACK)
    low, high = {
        "around": (0.8 * value, 1.2 * value),
        "nearly": (0.8 * value, value),
        "above": (math.nextafter(value, math.inf), ceiling),
        "at_least": (value, ceiling),
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


# ------------------------------------------------------------------ conflicts

def number_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Counts of the same thing whose ranges cannot both hold ("twice" vs three months),
    and one figure given in two different currencies ("$250 million" vs "€250 million").

    Two counts read off lists are not compared: "in July and September" and
    "in April, July and September" name months, and months are compared as dates.
    """
    for key in dict.fromkeys(c.key for c in a.counts):
        xs = [c for c in a.counts if c.key == key]
        ys = [c for c in b.counts if c.key == key]
        pairs = [(x, y) for x in xs for y in ys if not (x.implied and y.implied)]
        if pairs and not any(_overlap(x, y) for x, y in pairs):
            yield _detail(xs, ys, pairs)
    yield from _currency_details(a.counts, b.counts)


def _currency_details(xs: Sequence[Count], ys: Sequence[Count]) -> Iterable[Detail]:
    """The same figure in two currencies, when the sides share no currency.

    Different figures in different currencies may be a conversion ("$250
    million (€230 million)"), so only an equal figure is named.
    """
    xs = [c for c in xs if c.key in _PRINCIPAL]
    ys = [c for c in ys if c.key in _PRINCIPAL]
    if {c.key for c in xs} & {c.key for c in ys}:
        return
    pairs = [(x, y) for x in xs for y in ys if _overlap(x, y)]
    if pairs:
        yield _detail(xs, ys, pairs)


def _overlap(x: Count, y: Count) -> bool:
    return x.low <= y.high and y.low <= x.high


def _detail(xs: Sequence[Count], ys: Sequence[Count], pairs: list[tuple[Count, Count]]) -> Detail:
    """The first count of each side that takes part in ``pairs`` (symmetric under a swap)."""
    first_x = next(x for x in xs if any(p[0] is x for p in pairs))
    first_y = next(y for y in ys if any(p[1] is y for p in pairs))
    return Detail("number", first_x.text, first_y.text)
