"""The words and phrase shapes that more than one kind of detail reads.

Numbers in words, calendar words, currency signs, verb forms and adverbs, the
head of a noun chunk, the adjectival position and the folded spelling of a
name: each is needed by several
readers (counts and light verbs both end in a noun chunk, the sources and the
predicates both step over adverbs, places and sources both refuse calendar
words), so they live here, below all of them, and no reader imports another.
"""

from __future__ import annotations

import unicodedata

from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.tokens import STOPWORDS
from newsdiff.text.tokens import lemma as word_lemma

# ------------------------------------------------------------------ verbs

# Irregular past forms, so that "met" and "held" are recognised as finite verbs.
IRREGULAR_PAST = frozenset(
    """met said told spoke spoken took taken knew known made gave given went gone came held
    saw seen thought found got gotten left sent wrote written began begun broke broken
    brought heard kept led paid stood understood won lost became felt ran sought fought
    taught bought sold spent built fell fallen chose chosen threw thrown shown sat meant
    had did done was were been""".split()
)
#: Nouns ending in "-en" other than the "-men" and "-een" words (see is_participle).
_EN_NOUNS = frozenset(
    "children brethren oxen citizen kitchen garden warden chicken siren token heaven".split())
BE = frozenset("am is are was were be been being 'm 're".split())
HAVE = frozenset("has have had having".split())
DO = frozenset(("do", "does", "did"))
_MODALS = frozenset("will would can could shall should may might must".split())
AUXILIARIES = BE | HAVE | DO | _MODALS
_PRESENT_FORMS = {**dict.fromkeys(BE, "be"), **dict.fromkeys(HAVE, "have"),
                  "do": "do", "does": "do", "doing": "do"}
_ADVERBS = frozenset(
    "even ever yet also really actually always still just previously directly personally "
    "necessarily longer immediately reportedly then".split()
)


def lemma(word: str) -> str:
    """A common root for verb and noun forms (met/meet/meets, recused/recuse, meetings).

    The auxiliaries map to their base (was -> be); everything else goes through
    the engine's own ``tokens.lemma``, so facts and alignment agree on words.
    """
    return _PRESENT_FORMS.get(word) or word_lemma(word)


def is_participle(word: str) -> bool:
    """"met", "recused", "taken": a form that follows "had" or cannot head a noun chunk.

    Most words ending in "-en" are participles; the nouns among them are the "-men"
    and "-een" words and a few more, and they are the counted nouns of many tolls
    ("four men", "six children", "two gunmen", "a teen")."""
    return word in IRREGULAR_PAST or word.endswith("ed") or (
        word.endswith("en") and not word.endswith(("men", "een")) and word not in _EN_NOUNS)


def is_adverb(word: str) -> bool:
    """"also", "reportedly": a word readers step over between a subject, negator and verb."""
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in STOPWORDS)


# ------------------------------------------------------------------ numbers and calendar words

UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * v for v, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                         .split(), start=2)}
_WORD_VALUES = {w: float(v) for w, v in (*UNITS.items(), *_TENS.items(), ("dozen", 12))}
CURRENCIES = frozenset("$£€")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def number_value(word: str) -> float | None:
    """``3``, ``1,000``, ``2.5``, ``three``, ``twenty-five``, ``dozen``."""
    if word[:1].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if "-" in word:
        tens, _, unit = word.partition("-")
        return float(_TENS[tens] + UNITS[unit]) if tens in _TENS and unit in UNITS else None
    return _WORD_VALUES.get(word)


# ------------------------------------------------------------------ phrase shapes

_ADJECTIVE_CONTEXT = frozenset(
    "the a an his her its their our my your this these those to any some".split()
)


def chunk_head(tok: SentenceTokens, start: int, limit: int = 4) -> int | None:
    """The noun ending the content words at ``start``: "confirmed meetings" → meetings.

    A past form cannot be the head, and after a noun it is the verb that ends the
    chunk ("20 people died" and "two gunmen opened fire" count people and gunmen).
    """
    head = None
    for k in range(start, min(start + limit, tok.n)):
        if not tok.is_content(k) or number_value(tok.low[k]) is not None:
            break
        if not is_participle(tok.low[k]):
            head = k
        elif head is not None:
            break
    return head


def adjectival(tok: SentenceTokens, i: int) -> bool:
    """A verb form used as an adjective, not a verb: "the reported account", "Kislyak's
    reported account" (after a determiner, "to" or an owner)."""
    return i > 0 and (tok.low[i - 1] in _ADJECTIVE_CONTEXT or tok.is_possessive(i - 1))


def folded_word(word: str) -> str:
    """``word`` without accents, apostrophes, hyphens and dots: "José" and "Jose",
    "O'Brien" and "OBrien", "São" and "Sao" are one spelling of a name, never told apart."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isalnum())

#: Lower-case words inside one name ("Bank of England", "Gulf of Mexico"), which an
#: acronym may keep or skip ("BoE"; "FBI" for the Federal Bureau of Investigation).
NAME_JOINERS = frozenset(("of", "de", "del", "du"))
