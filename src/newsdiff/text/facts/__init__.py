"""Checkable details of one sentence, and the ones that conflict between two.

Two sentences that report the same fact *diverge* when a detail a reader could
check differs: a number or count, a date, a place, a person's name, who said
it, or a negation against an assertion.  Saying more is not diverging, so every
comparison here asks "do these values contradict?", never "are they equal?": a
value on one side only, a month list that contains the other side's month,
"The Post" against "The Washington Post" are all compatible.  A false
"divergent" costs the reader more than a missed one, so every rule errs towards
silence when the text is ambiguous.

Extraction is a few linear passes over one token list with small word tables:
no parser and no model, so it costs tens of microseconds per sentence and the
CLI imports nothing heavy.  ``extract_facts`` is cached because the aligner
asks for the same sentence many times.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import get_args

from newsdiff.values import Detail, DetailType
from newsdiff.text.tokens import STOPWORDS, fold_typography, lemma, strip_possessive

# ------------------------------------------------------------------ tokens

_TOKEN_RE = re.compile(
    r"""[$£€%]                              # currency and percent signs
      | \d+(?:[.,:]\d+)*(?:st|nd|rd|th)?      # 1,000  2.5  10:30  10th
      | (?:[A-Za-z]\.){2,}                    # U.S.  a.m.
      | \w+(?:[-'’]\w+)*                      # words, hyphenated words, contractions
      | [^\w\s]                               # any other single punctuation mark
    """,
    re.VERBOSE,
)


class _Tokens:
    """One sentence as tokens: folded lower-case forms for matching, spans for display."""

    __slots__ = ("cap", "low", "matches", "n", "raw", "text")

    def __init__(self, text: str) -> None:
        folded = fold_typography(text)
        # Display slices come from the original text when folding kept offsets.
        self.text = text if len(folded) == len(text) else folded
        self.matches = list(_TOKEN_RE.finditer(folded))
        self.raw = [m.group() for m in self.matches]
        self.low = [strip_possessive(w.lower()) for w in self.raw]
        self.cap = [
            w[0].isupper() and w[0].isalpha() and lw not in STOPWORDS
            for w, lw in zip(self.raw, self.low)
        ]
        self.n = len(self.raw)

    def get(self, i: int) -> str:
        """The lower-cased token at ``i``, or "" outside the sentence (saves bounds checks)."""
        return self.low[i] if 0 <= i < self.n else ""

    def is_cap(self, i: int) -> bool:
        """A capitalised word that is not a function word ("The", "In" start sentences too)."""
        return 0 <= i < self.n and self.cap[i]

    def is_content(self, i: int) -> bool:
        """An alphabetic word that is not a stopword."""
        word = self.get(i)
        return word[:1].isalpha() and word not in STOPWORDS

    def is_possessive(self, i: int) -> bool:
        """``Kislyak's`` or ``Sessions'``: the word names an owner, not a place or source."""
        return self.raw[i].lower().endswith("'s") or self.get(i + 1) == "'"

    def span(self, i: int, j: int) -> str:
        """Tokens ``i..j`` (inclusive) exactly as written."""
        return self.text[self.matches[i].start() : self.matches[j].end()]

    def words(self, i: int, j: int) -> str:
        """Tokens ``i..j`` without punctuation: readable when quotes sit inside the phrase."""
        return " ".join(w for w in self.raw[i : j + 1] if w[0].isalnum())



# ------------------------------------------------------------------ lemmas

# Irregular past forms, so that "met" and "held" are recognised as finite verbs.
_IRREGULAR_PAST = frozenset(
    """met said told spoke spoken took taken knew known made gave given went gone came held
    saw seen thought found got gotten left sent wrote written began begun broke broken
    brought heard kept led paid stood understood won lost became felt ran sought fought
    taught bought sold spent built fell fallen chose chosen threw thrown shown sat meant
    had did done was were been""".split()
)
_BE = frozenset("am is are was were be been being 'm 're".split())
_HAVE = frozenset("has have had having".split())
_DO = frozenset(("do", "does", "did"))
_MODALS = frozenset("will would can could shall should may might must".split())
_AUXILIARIES = _BE | _HAVE | _DO | _MODALS
_PRESENT_FORMS = {**dict.fromkeys(_BE, "be"), **dict.fromkeys(_HAVE, "have"),
                  "do": "do", "does": "do", "doing": "do"}


def _lemma(word: str) -> str:
    """A common root for verb and noun forms (met/meet/meets, recused/recuse, meetings).

    The auxiliaries map to their base (was -> be); everything else goes through
    the engine's own ``tokens.lemma``, so facts and alignment agree on words.
    """
    return _PRESENT_FORMS.get(word) or lemma(word)


# ------------------------------------------------------------------ values

@dataclass(frozen=True, slots=True)
class Count:
    """A quantity of something: ``key`` is what is counted, [low, high] what the text allows.

    ``key`` is the lemma of the counted noun, ``"%"``/a currency sign, or
    ``EVENT`` for counts of the reported event itself ("twice", "two
    meetings", a list of months).  ``implied`` marks counts read off a list
    rather than stated.
    """

    key: str
    low: float
    high: float
    text: str
    implied: bool = False


@dataclass(frozen=True, slots=True)
class DateRef:
    """One date component: ``kind`` is year, month, day, weekday or time."""

    kind: str
    value: object
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A place or a source: its text and the lower-cased words it is matched by."""

    text: str
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class NamePair:
    """Two adjacent capitalised words ("Sergey Kislyak"), the unit of spelling checks."""

    first: str
    last: str
    text: str


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb (or, for light verbs, verb plus object: ``have:contact``) and how it reads."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class Facts:
    """The checkable details of one sentence, ready for ``diverging_details``."""

    counts: tuple[Count, ...] = ()
    dates: tuple[DateRef, ...] = ()
    places: tuple[Mention, ...] = ()
    names: tuple[NamePair, ...] = ()
    name_words: frozenset[str] = frozenset()
    speakers: tuple[Mention, ...] = ()
    reporters: tuple[Mention, ...] = ()
    negated: tuple[Predicate, ...] = ()
    asserted: tuple[Predicate, ...] = ()


@lru_cache(maxsize=8192)
def extract_facts(text: str) -> Facts:
    """The checkable details of one sentence (cached: callers ask per aligned pair)."""
    tok = _Tokens(text)
    dates, taken, months = _dates(tok)
    names, name_words = _names(tok)
    negated, asserted = _predicates(tok)
    speakers, reporters = _sources(tok)
    return Facts(
        counts=tuple(_counts(tok, taken, months)),
        dates=tuple(dates),
        places=tuple(_places(tok)),
        names=tuple(names),
        name_words=name_words,
        speakers=tuple(speakers),
        reporters=tuple(reporters),
        negated=tuple(negated),
        asserted=tuple(asserted),
    )


# ------------------------------------------------------------------ dates

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_PARTS = frozenset("morning afternoon evening night".split())
_MERIDIEMS = {"a.m.": 0, "am": 0, "p.m.": 12, "pm": 12}
_DATE_PREPOSITIONS = frozenset("in on of since until by early late mid last next this".split())


def _dates(tok: _Tokens) -> tuple[list[DateRef], set[int], list[int]]:
    """Date components, the token indices they use (not counts), and where months are."""
    refs: list[DateRef] = []
    taken: set[int] = set()
    months: list[int] = []
    i = 0
    while i < tok.n:
        found = _date_at(tok, i) if tok.raw[i][0].isalnum() and not tok.raw[i].islower() else None
        if found is None:
            i += 1
            continue
        new_refs, end = found
        if new_refs[0].kind == "month":
            months.append(i)
        refs.extend(new_refs)
        taken.update(range(i, end + 1))
        i = end + 1
    return refs, taken, months


def _date_at(tok: _Tokens, i: int) -> tuple[list[DateRef], int] | None:
    """The date expression starting at token ``i`` and its last index, if one starts there."""
    for parse in (_calendar_date, _weekday, _clock_time, _year):
        found = parse(tok, i)
        if found is not None:
            return found
    return None


def _month_at(tok: _Tokens, i: int) -> int | None:
    """The month named at ``i``; "May", "Mar." and friends only where they must be months."""
    if not tok.is_cap(i) and tok.raw[i] != "May":
        return None
    word, following = tok.low[i], tok.get(i + 1)
    if word in _MONTHS and word != "may":
        return _MONTHS[word]
    month = _MONTHS.get(word) or _MONTH_ABBREVIATIONS.get(word)
    if month is None:
        return None
    if following == "." or following[:1].isdigit() or tok.get(i - 1) in _DATE_PREPOSITIONS:
        return month
    return None


def _calendar_date(tok: _Tokens, i: int) -> tuple[list[DateRef], int] | None:
    """``July``, ``Jan. 10``, ``February 13, 2017``, ``January 2017``."""
    month = _month_at(tok, i)
    if month is None:
        return None
    end = i + 1 if tok.get(i + 1) == "." and tok.low[i] in _MONTH_ABBREVIATIONS else i
    day = _day_value(tok.get(end + 1))
    if day is not None:
        end += 1
    comma = 1 if tok.get(end + 1) == "," else 0
    year = _year_value(tok.get(end + 1 + comma))
    if year is not None:
        end += 1 + comma
    text = tok.span(i, end)
    refs = [DateRef("month", month, text)]
    if day is not None:
        refs.append(DateRef("day", (month, day), text))
    if year is not None:
        refs.append(DateRef("year", year, text))
    return refs, end


def _weekday(tok: _Tokens, i: int) -> tuple[list[DateRef], int] | None:
    """``Thursday`` or ``Wednesday night``."""
    if tok.low[i] not in _WEEKDAYS or not tok.is_cap(i):
        return None
    part = tok.get(i + 1) if tok.get(i + 1) in _DAY_PARTS else None
    end = i + 1 if part else i
    return [DateRef("weekday", (tok.low[i], part), tok.span(i, end))], end


def _clock_time(tok: _Tokens, i: int) -> tuple[list[DateRef], int] | None:
    """``10 a.m.``, ``10:30 pm``."""
    meridiem = _MERIDIEMS.get(tok.get(i + 1))
    hour, _, minute = tok.low[i].partition(":")
    if meridiem is None or not hour.isdigit() or not (minute.isdigit() or not minute):
        return None
    value = (int(hour) % 12 + meridiem, int(minute or 0))
    return [DateRef("time", value, tok.span(i, i + 1))], i + 1


def _year(tok: _Tokens, i: int) -> tuple[list[DateRef], int] | None:
    """A bare year such as ``2016`` (not a sum of money: ``$2016``)."""
    year = _year_value(tok.low[i])
    if year is None or tok.get(i - 1) in _CURRENCIES or tok.get(i + 1) in ("%", "percent"):
        return None
    return [DateRef("year", year, tok.raw[i])], i


def _day_value(word: str) -> int | None:
    digits = word.rstrip("stndrh")
    if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _year_value(word: str) -> int | None:
    if len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099:
        return int(word)
    return None


# ------------------------------------------------------------------ counts

EVENT = "<event>"
_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * v for v, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                         .split(), start=2)}
_WORD_VALUES = {w: float(v) for w, v in (*_UNITS.items(), *_TENS.items(), ("dozen", 12))}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MULTIPLICATIVES = {"once": 1, "twice": 2, "thrice": 3}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_CURRENCIES = frozenset("$£€")
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
    return frozenset(_lemma(w) for w in _EVENT_WORDS)

def _counts(tok: _Tokens, taken: set[int], months: list[int]) -> list[Count]:
    """Stated counts plus counts implied by a list of months or "once … a second time"."""
    implied = [c for c in (_enumerated_count(tok), _month_list_count(tok, months)) if c]
    counts: list[Count] = []
    for i in range(tok.n):
        if i in taken:
            continue
        if tok.low[i] in _MULTIPLICATIVES:
            count = None if implied and tok.low[i] == "once" else _multiplicative(tok, i)
        else:
            count = _quantity(tok, i)
        if count is not None:
            counts.append(count)
    return counts + implied


def _multiplicative(tok: _Tokens, i: int) -> Count | None:
    """``twice``, ``once`` as event counts, unless they start a ratio or a clause."""
    following = tok.get(i + 1)
    if following in _RATIO_NEXT:
        return None
    if tok.low[i] == "once" and following[:1].isalnum() and following not in _ONCE_NEXT:
        return None
    value = _MULTIPLICATIVES[tok.low[i]]
    return Count(EVENT, value, value, tok.raw[i])


def _number_value(word: str) -> float | None:
    """``3``, ``1,000``, ``2.5``, ``three``, ``twenty-five``, ``dozen``."""
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if "-" in word:
        tens, _, unit = word.partition("-")
        return float(_TENS[tens] + _UNITS[unit]) if tens in _TENS and unit in _UNITS else None
    return _WORD_VALUES.get(word)


def _quantity(tok: _Tokens, i: int) -> Count | None:
    """A number at ``i`` with what it counts: ``two confirmed meetings``, ``$5 million``."""
    value = _number_value(tok.low[i])
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
    start = i - 1 if tok.get(i - 1) in _CURRENCIES or tok.get(i - 1) == "a" else i
    start, low, high = _approximate(tok, start, value)
    return Count(key, low, high, tok.span(start, end))


def _counted(tok: _Tokens, i: int, end: int) -> tuple[str | None, int]:
    """What the number ending at ``end`` counts, and the last index of the phrase."""
    following = tok.get(end + 1)
    if tok.get(i - 1) in _CURRENCIES:
        return tok.get(i - 1), end
    if following == "times":
        return (None if tok.get(end + 2) in _RATIO_NEXT else EVENT), end + 1
    if following in ("%", "percent"):
        of = _chunk_head(tok, end + 3) if tok.get(end + 2) == "of" else None
        return "%" + (f":{_lemma(tok.low[of])}" if of else ""), end + 1
    head = _chunk_head(tok, end + 1)
    if head is None:
        return None, end
    lemma = _lemma(tok.low[head])
    return (EVENT if lemma in _event_heads() else lemma), head


def _chunk_head(tok: _Tokens, start: int, limit: int = 4) -> int | None:
    """The noun ending the content words at ``start``: "confirmed meetings" → meetings.

    A past form cannot be the head ("20 people died" counts people).
    """
    head = None
    for k in range(start, min(start + limit, tok.n)):
        if not tok.is_content(k) or _number_value(tok.low[k]) is not None:
            break
        if not _is_participle(tok.low[k]):
            head = k
    return head


def _approximate(tok: _Tokens, start: int, value: float) -> tuple[int, float, float]:
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


def _enumerated_count(tok: _Tokens) -> Count | None:
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


def _month_list_count(tok: _Tokens, months: list[int]) -> Count | None:
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


# ------------------------------------------------------------------ places

# Capitalised words after "in"/"at" that name an organisation, a title or a
# date rather than a place ("in the Senate Armed Services Committee").
_NOT_PLACE_WORDS = frozenset(
    """committee department administration foundation convention post times news press
    journal party council agency bureau congress senate house court campaign government
    ministry commission service services office institute association union network
    magazine tribune herald twitter facebook president senator ambassador general secretary
    minister governor mayor director judge justice officer""".split()
) | _WEEKDAYS | frozenset(_MONTHS) | frozenset(_MONTH_ABBREVIATIONS)
_PLACE_PREPOSITIONS = frozenset(("in", "at"))


def _places(tok: _Tokens) -> list[Mention]:
    """Capitalised names after "in"/"at" ("at the Mayflower Hotel", "in Cleveland")."""
    places = []
    for i in range(tok.n - 1):
        if tok.low[i] in _PLACE_PREPOSITIONS:
            place = _place_after(tok, i + 2 if tok.get(i + 1) == "the" else i + 1)
            if place is not None:
                places.append(place)
    return places


def _place_after(tok: _Tokens, start: int) -> Mention | None:
    """The place name at ``start``, unless it is a modifier, an owner or an organisation.

    "a Heritage Foundation event" and "his Washington office" use a name to
    describe something else, "Session's office" names a person: none of them
    says where, so none is compared.
    """
    end = start
    while tok.is_cap(end):
        end += 1
    run = range(start, end)
    if not run or tok.is_content(end) and tok.raw[end][0].islower():
        return None
    if any(tok.low[k] in _NOT_PLACE_WORDS or tok.is_possessive(k) for k in run):
        return None
    return Mention(tok.span(start, end - 1), frozenset(tok.low[k] for k in run))


# ------------------------------------------------------------------ names

def _names(tok: _Tokens) -> tuple[list[NamePair], frozenset[str]]:
    """Adjacent capitalised word pairs, and every capitalised word, for spelling checks."""
    pairs: list[NamePair] = []
    words: set[str] = set()
    for i in range(tok.n):
        if not tok.is_cap(i):
            continue
        words.add(tok.low[i])
        if tok.is_cap(i - 1) and not tok.is_possessive(i - 1):
            pairs.append(NamePair(tok.low[i - 1], tok.low[i], tok.span(i - 1, i)))
    return pairs, frozenset(words)


def _spelling_variant(x: NamePair, y: NamePair, x_words: frozenset[str],
                      y_words: frozenset[str]) -> frozenset[str] | None:
    """The two spellings if ``x`` and ``y`` share a surname and nearly a first name, or the
    reverse.

    The differing word must be absent from the other sentence altogether, so
    two different people who share a first name are not mistaken for a typo.
    """
    if x.last == y.last:
        mine, theirs = x.first, y.first
    elif x.first == y.first:
        mine, theirs = x.last, y.last
    else:
        return None
    if mine in y_words or theirs in x_words or not _near_spelling(mine, theirs):
        return None
    return frozenset((mine, theirs))


def _near_spelling(u: str, v: str) -> bool:
    """Spellings of one name: an edit or two apart, and long enough not to be other words."""
    shorter = min(len(u), len(v))
    return shorter >= 4 and _edit_distance(u, v) <= max(1, shorter // 4)


def _edit_distance(u: str, v: str) -> int:
    """Levenshtein distance (names are short, so the plain dynamic programme is enough)."""
    previous = list(range(len(v) + 1))
    for i, cu in enumerate(u, start=1):
        current = [i]
        for j, cv in enumerate(v, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cu != cv)))
        previous = current
    return previous[-1]


# ------------------------------------------------------------------ attribution

# Who spoke ("Flores said") and who carried it ("the AP noted", "according to
# the Post", "told The Post") are different roles: a speaker and an outlet that
# reports the speaker never contradict each other.
_SPEAKER_VERBS = frozenset(
    "said says say told tells stated states added adds responded responds replied replies"
    .split()
)
_REPORTER_VERBS = frozenset("reported reports noted notes wrote writes".split())
_TELL = frozenset(("told", "tells"))
# Also nouns ("Kislyak reports concerned …"): verbs only before punctuation or "that".
_NOUN_LIKE_VERBS = frozenset(("reports", "notes", "states"))
_ARTICLES = frozenset(("the", "a", "an"))
# "the reported account", "Kislyak's reported account": the verb is an adjective.
_ADJECTIVE_CONTEXT = frozenset(
    "the a an his her its their our my your this these those to any some".split()
)
_SOURCE_SKIP = frozenset(("also", "first", "later", "then", "has", "have", "had"))
_SOURCE_WORDS = 6
_NOT_SOURCE_WORDS = _WEEKDAYS | frozenset(_MONTHS) | frozenset(_UNITS)


def _sources(tok: _Tokens) -> tuple[list[Mention], list[Mention]]:
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


def _is_reporting_verb(tok: _Tokens, i: int) -> bool:
    word = tok.low[i]
    if word not in _SPEAKER_VERBS and word not in _REPORTER_VERBS:
        return False
    if not tok.raw[i].islower() or _adjectival(tok, i):
        return False
    following = tok.get(i + 1)
    return word not in _NOUN_LIKE_VERBS or following == "that" or not following[:1].isalnum()


def _adjectival(tok: _Tokens, i: int) -> bool:
    return i > 0 and (tok.low[i - 1] in _ADJECTIVE_CONTEXT or tok.is_possessive(i - 1))


def _phrase_before(tok: _Tokens, i: int) -> Mention | None:
    """The subject just before a reporting verb: "Justice Department officials told"."""
    end = i - 1
    while end > i - 4 and (tok.get(end) in _SOURCE_SKIP or _is_adverb(tok.get(end))):
        end -= 1
    start = end + 1
    while start > max(0, end + 1 - _SOURCE_WORDS) and _source_word(tok, start - 1):
        start -= 1
    if tok.get(start - 1) in _ARTICLES and start <= end:
        start -= 1
    return _source(tok, start, end)


def _phrase_after(tok: _Tokens, start: int, proper_only: bool) -> Mention | None:
    """The source named after "according to", "told" or an inverted "said"."""
    end = start + 1 if tok.get(start) in _ARTICLES else start
    while end < start + _SOURCE_WORDS and (
        tok.is_cap(end) or not proper_only and _source_word(tok, end)
    ):
        end += 1
    return _source(tok, start, end - 1)


def _source_word(tok: _Tokens, k: int) -> bool:
    """A word that can belong to a source's name: not a date, not a function word."""
    return tok.is_content(k) and tok.low[k] not in _NOT_SOURCE_WORDS


def _source(tok: _Tokens, start: int, end: int) -> Mention | None:
    """A source mention if ``start..end`` holds a proper name (a capitalised non-date word)."""
    if start > end or not any(_proper(tok, k) for k in range(start, end + 1)):
        return None
    words = frozenset(_lemma(tok.low[k]) for k in range(start, end + 1)
                      if tok.low[k] not in _ARTICLES)
    return Mention(tok.span(start, end), words)



def _proper(tok: _Tokens, k: int) -> bool:
    return tok.is_cap(k) and tok.low[k] not in _NOT_SOURCE_WORDS


# ------------------------------------------------------------------ negation

_NOT = frozenset(("not", "never", "cannot"))
_NO = frozenset(("no", "nothing"))
_NOBODY = frozenset(("nobody", "none"))
_DENIALS = frozenset(
    "deny denies denied denying refuse refuses refused refusing decline declines declined "
    "declining".split()
)
_FAILURES = frozenset(("fail", "fails", "failed", "failing"))
_ADVERBS = frozenset(
    "even ever yet also really actually always still just previously directly personally "
    "necessarily longer immediately reportedly then".split()
)
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


def _predicates(tok: _Tokens) -> tuple[list[Predicate], list[Predicate]]:
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


def _negation_at(tok: _Tokens, i: int) -> tuple[int, int] | None:
    """Where the negation at ``i`` starts for display, and the index of what it negates."""
    word = tok.low[i]
    if word in _NOT or word.endswith("n't"):
        start = i - 1 if tok.get(i - 1) in _AUXILIARIES and word in _NOT else i
        target = _verb_after(tok, i + 1)
    elif word in _NO:
        start = i
        one = tok.get(i + 1) == "one"
        target = _verb_after_subject(tok, i + 2) if one else _verb_after(tok, i + 1)
    elif word in _NOBODY:
        start, target = i, _verb_after_subject(tok, i + 1)
    elif word in _DENIALS:
        start = i - 1 if tok.get(i - 1) in _HAVE else i
        target = _verb_after(tok, i + 1) or _refused_infinitive(tok, i)
    elif word in _FAILURES and tok.get(i + 1) == "to":
        start, target = i, _verb_after(tok, i + 2)
    else:
        return None
    return None if target is None else (start, target)


def _verb_after(tok: _Tokens, j: int, limit: int = 5) -> int | None:
    """The word a negator or auxiliary governs, past auxiliaries, adverbs, quotes and "to"."""
    for k in range(j, min(j + limit, tok.n)):
        word = tok.low[k]
        if word in _QUOTES or word in _BE or word == "to" or _is_adverb(word):
            continue
        if word in _HAVE:
            if _is_auxiliary_have(tok, k):
                continue
            return k
        return k if tok.is_content(k) else None
    return None


def _verb_after_subject(tok: _Tokens, j: int, limit: int = 8) -> int | None:
    """The verb of "no one in the Trump administration had communicated": skip the subject."""
    for k in range(j, min(j + limit, tok.n)):
        if not tok.low[k][0].isalnum():
            return None
        if tok.low[k] in _AUXILIARIES:
            return _verb_after(tok, k)
        if _is_past_verb(tok, k):
            return k
    return None


def _refused_infinitive(tok: _Tokens, i: int, limit: int = 25) -> int | None:
    """What a clause-final "refused" refuses: "asked to recuse himself …, which he refused"."""
    if tok.get(i + 1)[:1].isalnum():
        return None
    for k in range(i - 1, max(0, i - limit), -1):
        if tok.low[k] == "to" and tok.is_content(k + 1):
            return k + 1
    return None


def _contrasted(tok: _Tokens, k: int, limit: int = 12) -> bool:
    """"did not meet him as an adviser but rather as a senator" denies the role, not the verb."""
    for m in range(k + 1, min(k + limit, tok.n)):
        if tok.low[m] in _CLAUSE_ENDS:
            return False
        if tok.low[m] in _CONTRASTS:
            return True
    return False


def _assertions(tok: _Tokens) -> Iterable[tuple[int, int]]:
    """(display start, verb index) of verbs used affirmatively: after an auxiliary, or past.

    "had" before a noun is the verb itself ("had two meetings"), not an auxiliary.
    """
    for i in range(tok.n):
        if tok.low[i] in _HAVE and not _is_auxiliary_have(tok, i):
            yield i, i
        elif tok.low[i] in _AUXILIARIES:
            k = _verb_after(tok, i + 1)
            if k is not None:
                yield i, k
        elif _is_past_verb(tok, i):
            yield i, i


def _is_past_verb(tok: _Tokens, i: int) -> bool:
    """A finite past-tense verb ("met", "recused"), not an adjective ("two confirmed meetings")."""
    word = tok.low[i]
    past = word in _IRREGULAR_PAST or (
        word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST_VERBS
    )
    if not past or _adjectival(tok, i) or (i > 0 and _number_value(tok.low[i - 1]) is not None):
        return False
    return not (word in _HAVE and _is_auxiliary_have(tok, i))


def _is_auxiliary_have(tok: _Tokens, i: int) -> bool:
    """"had (also) met" is an auxiliary; "had two meetings" is the verb itself."""
    k = i + 1
    while k < i + 3 and _is_adverb(tok.get(k)):
        k += 1
    return _is_participle(tok.get(k))


def _is_participle(word: str) -> bool:
    return word in _IRREGULAR_PAST or word.endswith(("ed", "en"))


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in STOPWORDS)


def _predicate(tok: _Tokens, start: int, k: int) -> Predicate:
    """The predicate at ``k``, shown from ``start``; light verbs are keyed with their object.

    An empty key means "nothing checkable" (a bare "be"/"do", a light verb with
    no object) and is dropped by the caller.
    """
    lemma = _lemma(tok.low[k])
    if lemma in _NEVER_PREDICATES:
        return Predicate("", "")
    if lemma not in _LIGHT_VERBS:
        return Predicate(lemma, tok.words(start, k))
    head = _object_head(tok, k + 1)
    if head is None:
        return Predicate("", "")
    return Predicate(f"{lemma}:{_lemma(tok.low[head])}", tok.words(start, head))


def _negated_predicate(tok: _Tokens, start: int, negator: int, k: int) -> Predicate:
    """What a negation denies, keyed like ``_predicate``.

    "refused" at the end of a clause reads "refused (to recuse)"; a verb
    denied together with its purpose ("never met … to discuss issues") denies
    the purpose, not the meeting, so it is keyed by the purpose verb.
    """
    if k < negator:
        return Predicate(_lemma(tok.low[k]), f"{tok.words(start, negator)} (to {tok.raw[k]})")
    purpose = _purpose_after(tok, k) if _negates_verb(tok, negator, k) else None
    if purpose is None:
        return _predicate(tok, start, k)
    return Predicate(_lemma(tok.low[purpose]), f"{tok.words(start, k)} … to {tok.raw[purpose]}")


def _negates_verb(tok: _Tokens, negator: int, k: int) -> bool:
    """"never met", "did not meet": a verb, not an adjective ("not unusual … to meet")."""
    return _is_participle(tok.low[k]) or tok.get(negator - 1) in _DO or tok.low[negator] == "never"


def _purpose_after(tok: _Tokens, k: int, limit: int = 8) -> int | None:
    """The verb of a purpose clause after an object: "met with officials to discuss"."""
    for m in range(k + 2, min(k + limit, tok.n - 1)):
        if tok.low[m] in _PHRASE_ENDS:
            return None
        if tok.low[m] == "to" and tok.is_content(m + 1) and tok.raw[m + 1].islower():
            return m + 1
    return None


def _hypothetical(tok: _Tokens, start: int, window: int = 3) -> bool:
    """"asked if he had discussed", "what he discussed": a question, not an assertion."""
    return any(tok.get(m) in _HYPOTHETICAL for m in range(start - window, start))


def _object_head(tok: _Tokens, j: int) -> int | None:
    """The noun a light verb takes: "had two confirmed meetings" → meetings."""
    while tok.get(j) in _OBJECT_DETERMINERS or _number_value(tok.get(j) or "x") is not None:
        j += 1
    return _chunk_head(tok, j)


# ------------------------------------------------------------------ comparison

def diverging_details(a: Facts, b: Facts) -> list[Detail]:
    """The checkable details on which two sentences about the same fact conflict.

    Only contradictions count: a detail one side has and the other lacks is
    not one.  The result does not depend on argument order beyond swapping each
    detail's ``a`` and ``b``.
    """
    found = {detail for compare in _COMPARISONS for detail in compare(a, b)}
    return sorted(found, key=_symmetric_order)


def compare_texts(a: str, b: str) -> list[Detail]:
    """``diverging_details`` of two sentences given as text."""
    return diverging_details(extract_facts(a), extract_facts(b))


def _symmetric_order(detail: Detail) -> tuple[int, str, str]:
    """An order that swapping A and B leaves unchanged, so results mirror exactly."""
    return _TYPE_ORDER[detail.type], min(detail.a, detail.b), max(detail.a, detail.b)


def _number_details(a: Facts, b: Facts) -> Iterable[Detail]:
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


def _date_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Dates of one granularity (year, month, day, weekday, time) that neither side covers."""
    for kind in _DATE_KINDS:
        xs = [r for r in a.dates if r.kind == kind]
        ys = [r for r in b.dates if r.kind == kind]
        if kind == "day":
            xs, ys = _days_in_shared_months(xs, ys)
        if _conflicting(xs, ys, _DATE_COMPATIBLE.get(kind, _same_value)):
            yield Detail("date", _texts(xs), _texts(ys))


def _days_in_shared_months(xs: list[DateRef], ys: list[DateRef]) -> tuple[list, list]:
    """Days are only comparable within a month both sides date (months are compared apart)."""
    shared = {x.value[0] for x in xs} & {y.value[0] for y in ys}
    return [x for x in xs if x.value[0] in shared], [y for y in ys if y.value[0] in shared]


def _same_value(x: DateRef, y: DateRef) -> bool:
    return x.value == y.value


def _same_weekday(x: DateRef, y: DateRef) -> bool:
    """"Wednesday" fits "Wednesday night"; "Wednesday morning" does not fit "Wednesday night"."""
    (day_x, part_x), (day_y, part_y) = x.value, y.value
    return day_x == day_y and (part_x == part_y or part_x is None or part_y is None)


def _place_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Named places, when neither side's places all fit (one name inside another) the other's."""
    if _conflicting(a.places, b.places, _nested):
        yield Detail("place", _texts(a.places), _texts(b.places))


def _name_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Two spellings of one person's name, once per pair of spellings.

    "Russian Ambassador Sergey Kislyak" yields both "Ambassador Sergey" and
    "Sergey Kislyak"; the full-name pair (same surname) is the one shown, and
    ties are broken on the texts so that swapping A and B mirrors the choice.
    """
    best: dict[frozenset[str], tuple[int, str, str, Detail]] = {}
    for x in a.names:
        for y in b.names:
            variant = _spelling_variant(x, y, a.name_words, b.name_words)
            if variant is None:
                continue
            rank = (0 if x.last == y.last else 1, *sorted((x.text, y.text)))
            if variant not in best or rank < best[variant][:3]:
                best[variant] = (*rank, Detail("name", x.text, y.text))
    for *_, detail in best.values():
        yield detail


def _attribution_details(a: Facts, b: Facts) -> Iterable[Detail]:
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
            yield Detail("attribution", _texts(xs), _texts(ys))
            return


def _negation_details(a: Facts, b: Facts) -> Iterable[Detail]:
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


def _conflicting(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    """Both sides give values and neither side's values all fit among the other's."""
    return bool(xs and ys) and not (_covered(xs, ys, compatible) or _covered(ys, xs, compatible))


def _covered(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    return all(any(compatible(x, y) for y in ys) for x in xs)


def _nested(x: Mention, y: Mention) -> bool:
    """"The Post" and "The Washington Post" may be one name; "AP" and "Reuters" are not."""
    return x.words <= y.words or y.words <= x.words


def _same_source(x: Mention, y: Mention) -> bool:
    """Nested names, or two words in common: "Justice Department officials" and
    "Justice Department spokeswoman Sarah Isgur Flores" speak for one body."""
    return _nested(x, y) or len(x.words & y.words) >= 2


def _texts(values: Iterable[Mention | DateRef]) -> str:
    return ", ".join(dict.fromkeys(v.text for v in values))


_TYPE_ORDER = {t: i for i, t in enumerate(get_args(DetailType))}
_DATE_KINDS = ("year", "month", "day", "weekday", "time")
_DATE_COMPATIBLE: dict[str, Callable[[DateRef, DateRef], bool]] = {"weekday": _same_weekday}
_COMPARISONS: tuple[Callable[[Facts, Facts], Iterable[Detail]], ...] = (
    _number_details, _date_details, _place_details, _name_details, _attribution_details,
    _negation_details,
)
