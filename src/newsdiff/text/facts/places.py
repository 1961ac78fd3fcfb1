"""Places: the capitalised names after "in" or "at" ("at the Mayflower Hotel", "in Cleveland").

Only names that say *where* are places.  A name used to describe something
else ("a Heritage Foundation event", "his Washington office"), an owner
("Sessions' office"), an organisation, a title or a date after "in" is not, so
it is never compared.  Two sides' places conflict only when neither side's all
fit (one name inside another) the other's: "in Washington" fits "at the
Mayflower Hotel in Washington".
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.compatibility import conflicting, nested, texts
from newsdiff.text.facts.grammar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import Facts, Mention
from newsdiff.values import Detail

# Capitalised words after "in"/"at" that name an organisation, a title or a
# date rather than a place ("in the Senate Armed Services Committee").
_NOT_PLACE_WORDS = frozenset(
    """committee department administration foundation convention post times news press
    journal party council agency bureau congress senate house court campaign government
    ministry commission service services office institute association union network
    magazine tribune herald twitter facebook president senator ambassador general secretary
    minister governor mayor director judge justice officer""".split()
) | WEEKDAYS | frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS)
_PLACE_PREPOSITIONS = frozenset(("in", "at"))


def places(tok: SentenceTokens) -> list[Mention]:
    """Capitalised names after "in"/"at" ("at the Mayflower Hotel", "in Cleveland")."""
    found = []
    for i in range(tok.n - 1):
        if tok.low[i] in _PLACE_PREPOSITIONS:
            place = _place_after(tok, i + 2 if tok.get(i + 1) == "the" else i + 1)
            if place is not None:
                found.append(place)
    return found


def _place_after(tok: SentenceTokens, start: int) -> Mention | None:
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


def place_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Named places, when neither side's places all fit (one name inside another) the other's."""
    if conflicting(a.places, b.places, nested):
        yield Detail("place", texts(a.places), texts(b.places))
