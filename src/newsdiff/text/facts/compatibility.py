"""When two sides' values of one kind contradict: the policy every kind's rule applies.

Saying more is not diverging.  So a rule never asks whether two sides' values
are equal, only whether they can both be true: values conflict when both sides
give some and neither side's values all fit among the other's ("July" fits "in
July and September"; "The Post" fits "The Washington Post").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsdiff.text.facts.grammar import NAME_JOINERS, folded_word
from newsdiff.text.facts.values import DateRef, Mention

#: Words an acronym may spell or skip ("BoE" for the Bank of England, "FBI" for the
#: Federal Bureau of Investigation), and how long an acronym is.
_ACRONYM_SKIPPABLE = NAME_JOINERS | frozenset(("the", "and", "for"))
_ACRONYM_LENGTH = range(2, 7)


def conflicting(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    """Both sides give values and neither side's values all fit among the other's."""
    return bool(xs and ys) and not (_covered(xs, ys, compatible) or _covered(ys, xs, compatible))


def _covered(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    return all(any(compatible(x, y) for y in ys) for x in xs)


def nested(x: Mention, y: Mention) -> bool:
    """"The Post" and "The Washington Post" may be one name; "AP" and "Reuters" are not."""
    return x.words <= y.words or y.words <= x.words


def texts(values: Iterable[Mention | DateRef]) -> str:
    """The values as one side of a conflict shows them: their texts, each once, in order."""
    return ", ".join(dict.fromkeys(v.text for v in values))


def abbreviates(short: Mention, full: Mention) -> bool:
    """Whether ``short`` is one word written as an acronym ("ECB", "BoE", "U.S.") that
    spells the initials of ``full``'s words, each joiner kept or skipped: one name for
    places and for sources alike, found from the words, never from a list of bodies."""
    if len(short.words) != 1 or sum(c.isupper() for c in short.text) < 2:
        return False
    (acronym,) = short.words
    acronym = folded_word(acronym)
    words = [w for w in map(folded_word, full.text.lower().split()) if w]
    return len(acronym) in _ACRONYM_LENGTH and len(words) >= 2 and _spells(acronym, words)


def _spells(letters: str, words: Sequence[str]) -> bool:
    """Whether ``letters`` are the initials of ``words``, a skippable word's initial optional."""
    if not words:
        return not letters
    head, rest = words[0], words[1:]
    if letters[:1] == head[:1] and _spells(letters[1:], rest):
        return True
    return head in _ACRONYM_SKIPPABLE and _spells(letters, rest)
