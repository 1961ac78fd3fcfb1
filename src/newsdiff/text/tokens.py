"""Words as the engine sees them: typography folded, case folded, lightly stemmed.

Outlets print the same words with different quotes, apostrophes and dashes
(“Session’s” / "Session's", "—" / "--"); every comparison in newsdiff goes
through these helpers so that such differences never count as different
wording, while the text shown to the user stays exactly as read.

This is also the one place that says how text splits into tokens: one
grammar (runs of word characters, joined across apostrophes or hyphens where a
view needs it) and four views of it, each for one job: words for matching
(``WORD_RE``, ``words``), detail tokens for reading numbers, dates and names
(``DETAIL_TOKEN_RE``, used by ``facts``), name tokens for titles and names
(``NAME_TOKEN_RE``, ``name_tokens``, used by ``aliases``) and diff tokens that
rebuild the text (``DIFF_TOKEN_RE``, used by ``diffing``).  Why each view
differs from the others is written beside it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdiff.text.wordnet import irregular_base

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)

# ------------------------------------------------------------------ how text splits

_APOSTROPHES = "'\u2019"  # the plain and the curly one: WORD_RE also reads unfolded text
_HYPHEN = "-"


def _joined(joiners: str) -> str:
    """Word characters, joined into one token across single ``joiners`` (don't, co-chair)."""
    return rf"\w+(?:[{joiners}]\w+)*"


#: The words view, for matching: contractions stay whole ("don't"), everything else
#: splits ("co-chair" is two words, "U.S." is "u" and "s").  The shipped pair model
#: was trained on exactly these words: what this matches must not change.
WORD_RE = re.compile(_joined(_APOSTROPHES))

#: The detail view, for reading a sentence's checkable details: hyphenated words
#: stay whole ("twenty-five"), so do numbers with their separators and ordinal
#: suffix and dotted abbreviations; signs and every other punctuation mark are
#: tokens of their own, so every non-space character is in exactly one token.
DETAIL_TOKEN_RE = re.compile(
    rf"""[$£€%]                                # currency and percent signs
      | \d+(?:[.,:]\d+)*(?:st|nd|rd|th)?        # 1,000  2.5  10:30  10th
      | (?:[A-Za-z]\.){{2,}}                    # U.S.  a.m.
      | {_joined(_HYPHEN + _APOSTROPHES)}       # words, hyphenated words, contractions
      | [^\w\s]                                 # any other single punctuation mark
    """,
    re.VERBOSE,
)

#: The name view, for finding "title Firstname Surname" (``aliases``): runs of word
#: characters, dots, apostrophes and hyphens, and commas; other punctuation (quotes,
#: brackets) is dropped.  A dot stays on its word, and that is what keeps "Sen." and
#: a sentence's last word ("… Al Franken.") from reading as name words, and an
#: apostrophe keeps "Sessions'" one name word.  The detail view splits those marks
#: off: reading names in it would change the aliases found.
NAME_TOKEN_RE = re.compile(rf"[\w.'{_HYPHEN}]+|,")

#: The diff view, for word diffs (``diffing``): a diff must rebuild both texts
#: exactly, so every character is in a token.  A token is a word, a number (with its
#: decimal point and thousands separators: 4.2 against 4.4 is one change, not "4."
#: kept and "2" replaced) or a mark, with the whitespace after it; whitespace that
#: opens the text is a token of its own.  Spaces ride on the words so that a diff
#: aligns words, never the spaces between unrelated ones; joining words as the other
#: views do would change which runs a diff marks.
DIFF_TOKEN_RE = re.compile(r"(?:\d+(?:[.,]\d+)*|\w+|[^\w\s])\s*|\s+")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves also said says say told according would may might must
    s t""".split()
)


def fold_typography(text: str) -> str:
    """Map curly quotes, typographic dashes and odd spaces to their plain forms."""
    return text.translate(_TYPOGRAPHY).replace("--", "-")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` with typography folded (possessive 's kept off)."""
    return [strip_possessive(w) for w in WORD_RE.findall(fold_typography(text).lower())]


def name_tokens(text: str) -> list[str]:
    """``text``'s name tokens (see ``NAME_TOKEN_RE``), typography folded, case kept."""
    return NAME_TOKEN_RE.findall(fold_typography(text))


def strip_possessive(word: str) -> str:
    """``word`` without a possessive ``'s`` (after typography folding), so names match."""
    return word.removesuffix("'s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match meeting/meetings, met/meet is left alone."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: len(word) - len(suffix)] + keep
    return word


#: Words ending in "-men" that are not plurals of a "-man".
_MEN_SINGULARS = frozenset("yemen omen amen semen specimen regimen abdomen acumen stamen hymen "
                           "bitumen albumen rumen lumen cyclamen".split())


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A base form for matching words across outlets: met/meets/meeting -> meet.

    Irregular forms map through WordNet's exception lists, and plurals in "-men"
    to "-man" (gunmen -> gunman); a plural is
    dropped before -ing/-ed
    so that "meetings" and "meeting" agree; demonyms meet their country
    ("Russian" / "Russia's" -> "russia"); the transliterations -ey / -ei of
    names agree (Sergey / Sergei, Aleksey / Aleksei); a final e goes, so
    that "disclose" and "disclosed" agree.
    """
    irregular = irregular_base(word)
    if irregular:
        word = irregular
    elif word.endswith("men") and len(word) >= 5 and word not in _MEN_SINGULARS:
        word = word[:-3] + "man"  # "women", "gunmen": WordNet lists few such plurals
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "ews")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    for suffix, replacement in (("ian", "ia"), ("ean", "ea"), ("ican", "ica"), ("ey", "ei")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def content_tokens(text: str) -> list[str]:
    """The words that carry content, as written (lower case): no stopwords, no one-letter
    tokens."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def content_words(text: str) -> list[str]:
    """Lemmatised words that carry content (:func:`content_tokens`, lemmatised)."""
    return [lemma(w) for w in content_tokens(text)]


@lru_cache(maxsize=65536)
def content_terms(text: str) -> frozenset[str]:
    """The set of ``text``'s content words, kept for the next step that asks: the engine
    asks for each sentence's twice (finding aliases, then its terms), and a story
    reprinted by many outlets has many sentences alike."""
    return frozenset(content_words(text))
