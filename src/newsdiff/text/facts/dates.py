"""Dates: years, months, days, weekdays and clock times, each compared at its own granularity.

A date expression is split into components ("February 13, 2017" is a month, a
day and a year), because outlets give the same date at different precision:
"in 2016" and "on Jan. 10" do not contradict, "in July" and "in September" do.
Month names that are also words ("May", "Mar.") count only where they must be
months.  The indices a date uses are handed to the count reader, so that the
year in "twice in 2016" is not read as a number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsdiff.text.facts.compatibility import conflicting, texts
from newsdiff.text.facts.grammar import CURRENCIES, MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import DateRef, Facts
from newsdiff.values import Detail

_DAY_PARTS = frozenset("morning afternoon evening night".split())
_MERIDIEMS = {"a.m.": 0, "am": 0, "p.m.": 12, "pm": 12}
_DATE_PREPOSITIONS = frozenset("in on of since until by early late mid last next this".split())

_Found = tuple[list[DateRef], int]  # the components of one date expression and its last index


def dates(tok: SentenceTokens) -> tuple[list[DateRef], set[int], list[int]]:
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


def _date_at(tok: SentenceTokens, i: int) -> _Found | None:
    """The date expression starting at token ``i`` and its last index, if one starts there."""
    for parse in (_calendar_date, _weekday, _clock_time, _year):
        found = parse(tok, i)
        if found is not None:
            return found
    return None


def _month_at(tok: SentenceTokens, i: int) -> int | None:
    """The month named at ``i``; "May", "Mar." and friends only where they must be months."""
    if not tok.is_cap(i) and tok.raw[i] != "May":
        return None
    word, following = tok.low[i], tok.get(i + 1)
    if word in MONTHS and word != "may":
        return MONTHS[word]
    month = MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word)
    if month is None:
        return None
    if following == "." or following[:1].isdigit() or tok.get(i - 1) in _DATE_PREPOSITIONS:
        return month
    return None


def _calendar_date(tok: SentenceTokens, i: int) -> _Found | None:
    """``July``, ``Jan. 10``, ``February 13, 2017``, ``January 2017``."""
    month = _month_at(tok, i)
    if month is None:
        return None
    end = i + 1 if tok.get(i + 1) == "." and tok.low[i] in MONTH_ABBREVIATIONS else i
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


def _weekday(tok: SentenceTokens, i: int) -> _Found | None:
    """``Thursday`` or ``Wednesday night``."""
    if tok.low[i] not in WEEKDAYS or not tok.is_cap(i):
        return None
    part = tok.get(i + 1) if tok.get(i + 1) in _DAY_PARTS else None
    end = i + 1 if part else i
    return [DateRef("weekday", (tok.low[i], part), tok.span(i, end))], end


def _clock_time(tok: SentenceTokens, i: int) -> _Found | None:
    """``10 a.m.``, ``10:30 pm``."""
    meridiem = _MERIDIEMS.get(tok.get(i + 1))
    hour, _, minute = tok.low[i].partition(":")
    if meridiem is None or not hour.isdecimal() or not (minute.isdecimal() or not minute):
        return None
    value = (int(hour) % 12 + meridiem, int(minute or 0))
    return [DateRef("time", value, tok.span(i, i + 1))], i + 1


def _year(tok: SentenceTokens, i: int) -> _Found | None:
    """A bare year such as ``2016`` (not a sum of money: ``$2016``)."""
    year = _year_value(tok.low[i])
    if year is None or tok.get(i - 1) in CURRENCIES or tok.get(i + 1) in ("%", "percent"):
        return None
    return [DateRef("year", year, tok.raw[i])], i


def _day_value(word: str) -> int | None:
    digits = word.rstrip("stndrh")
    if digits.isdecimal() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _year_value(word: str) -> int | None:
    # isdecimal, not isdigit: a superscript or circled digit ("²000") is a digit that
    # int() refuses, and article text is untrusted.
    if len(word) == 4 and word.isdecimal() and 1900 <= int(word) <= 2099:
        return int(word)
    return None


# ------------------------------------------------------------------ conflicts

def date_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Dates of one granularity (year, month, day, weekday, time) that neither side covers."""
    for kind in _DATE_KINDS:
        xs = [r for r in a.dates if r.kind == kind]
        ys = [r for r in b.dates if r.kind == kind]
        if kind == "day":
            xs, ys = _days_in_shared_months(xs, ys)
        if conflicting(xs, ys, _COMPATIBLE.get(kind, _same_value)):
            yield Detail("date", texts(xs), texts(ys))


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


_DATE_KINDS = ("year", "month", "day", "weekday", "time")
_COMPATIBLE: dict[str, Callable[[DateRef, DateRef], bool]] = {"weekday": _same_weekday}
