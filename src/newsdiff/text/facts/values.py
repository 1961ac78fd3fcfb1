"""The details read off one sentence, as values: what ``extract_facts`` returns.

Every value keeps the text it was read from (``text``), because a conflict is
shown to the reader as the two texts, and the normalised form it is compared
by (``key``, ``value``, ``words``), because outlets write the same detail
differently.  All are frozen and hashable: ``extract_facts`` is cached and its
results are shared between every pair a sentence is aligned in.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The ``Count.key`` of counts of the reported event itself ("twice", "two meetings").
EVENT = "<event>"


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

    @property
    def is_age(self) -> bool:
        """Whether this is someone's age ("a 17-year-old", "3 months old"): a trait of a
        person rather than a count of what happened."""
        return self.key == "old" or self.key.endswith("-old")


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
class Outcome:
    """What happened to someone: ``level`` ("dead", "charged", …), ``subject`` the word naming
    them (the subject's head lemma), ``text`` the words as printed ("has died")."""

    level: str
    subject: str
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
    outcomes: tuple[Outcome, ...] = ()
