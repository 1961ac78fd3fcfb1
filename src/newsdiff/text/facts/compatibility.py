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


#: How English forms a demonym from a country's name: a suffix on the whole name
#: (Afric-a-n, Israel-i, Japan-ese) or on its stem without the final vowels or "y"
#: (Kor-ean, Ital-ian, Turk-ish).
_NAME_SUFFIXES = ("n", "i", "an", "ian", "ese")
_STEM_SUFFIXES = ("an", "ian", "ean", "ese", "ish")
#: The demonyms English does not form by those suffixes, with their countries' names
#: (a closed list of the language, not of any story).
_IRREGULAR_DEMONYMS = {
    "afghan": ("afghanistan",), "belgian": ("belgium",),
    "british": ("britain", "great britain", "uk", "united kingdom"),
    "burmese": ("myanmar", "burma"), "cypriot": ("cyprus",), "czech": ("czechia",),
    "danish": ("denmark",), "dutch": ("netherlands", "holland"), "emirati": ("uae",),
    "english": ("england",), "filipino": ("philippines",), "finnish": ("finland",),
    "french": ("france",), "german": ("germany",), "greek": ("greece",),
    "icelandic": ("iceland",), "irish": ("ireland",), "kazakh": ("kazakhstan",),
    "norwegian": ("norway",), "peruvian": ("peru",), "polish": ("poland",),
    "portuguese": ("portugal",), "scottish": ("scotland",), "slovak": ("slovakia",),
    "spanish": ("spain",), "swedish": ("sweden",), "swiss": ("switzerland",),
    "thai": ("thailand",), "uzbek": ("uzbekistan",), "welsh": ("wales",),
}


def is_demonym(demonym: str, country: str) -> bool:
    """Whether ``demonym`` names the people of ``country`` (both lower case): by the
    regular suffixes, a rule of word formation that covers any country (and, being
    silent, errs on a name like "Julian" against "Julia" only towards a missed
    variant), or as one of the irregular few ("Dutch" / "Netherlands")."""
    if country in _IRREGULAR_DEMONYMS.get(demonym, ()):
        return True
    stem = country.rstrip("aeiouy")
    return (any(demonym == country + suffix for suffix in _NAME_SUFFIXES)
            or len(stem) >= 3 and any(demonym == stem + suffix for suffix in _STEM_SUFFIXES))


def speaks_for_country(body: Mention, country: Mention) -> bool:
    """Whether ``body`` is described by the demonym of the country ``country`` names
    ("Dutch authorities" / "the Netherlands", "Egyptian police" / "Egypt"): a country's
    body speaks for the country."""
    name = " ".join(w for w in country.text.casefold().split() if w != "the").strip(".,")
    return bool(name) and any(is_demonym(word.strip(".,"), name)
                              for word in body.text.casefold().split())

