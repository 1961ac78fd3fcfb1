"""Places: the capitalised names after "in" or "at" ("at the Mayflower Hotel", "in Cleveland").

Only names that say *where* are places.  A name used to describe something
else ("a Heritage Foundation event", "his Washington office"), an owner
("Sessions' office"), an organisation, a title or a date after "in" is not, so
it is never compared.  Two sides' places conflict only when neither side's all
fit (one name inside another) the other's: "in Washington" fits "at the
Mayflower Hotel in Washington".

One place written two ways is one place: names are compared without accents,
apostrophes, hyphens or dots ("São Paulo" / "Sao Paulo", "Tian'anmen" /
"Tiananmen"), a name runs on across "of" ("the Bank of England", not "the
Bank"), and an acronym is the name whose capitalised words it abbreviates
("the ECB" / "the European Central Bank", "BoE" / "Bank of England"), read
off the other side's name itself rather than a list of organisations.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.facts.compatibility import abbreviates, conflicting, nested, texts
from newsdiff.text.facts.grammar import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_JOINERS,
    WEEKDAYS,
    folded_word,
)
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
    end = _name_end(tok, start)
    run = range(start, end)
    if not run or tok.is_content(end) and tok.raw[end][0].islower():
        return None
    if any(tok.low[k] in _NOT_PLACE_WORDS or tok.is_possessive(k) for k in run):
        return None
    words = frozenset(folded_word(tok.low[k]) for k in run if tok.is_cap(k))
    return Mention(tok.span(start, end - 1), words)


def _name_end(tok: SentenceTokens, start: int) -> int:
    """Where the capitalised name at ``start`` ends: it runs on across a joiner between
    capitalised words ("Bank of England"), so that its part is not taken for it."""
    end = start
    while tok.is_cap(end) or (end > start and tok.get(end) in NAME_JOINERS
                              and tok.is_cap(end + 1)):
        end += 1
    return end



def place_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Named places, when neither side's places all fit (one name inside another, or an
    acronym of it) the other's."""
    if conflicting(a.places, b.places, _same_place):
        yield Detail("place", texts(a.places), texts(b.places))


def _same_place(x: Mention, y: Mention) -> bool:
    """One name inside the other, or one the acronym of the other."""
    return nested(x, y) or abbreviates(x, y) or abbreviates(y, x)
