"""Who is who: a person's name and the title the articles give them.

News introduces a person once with a title ("Russian Ambassador Sergey
Kislyak", "Justice Department spokeswoman Sarah Isgur Flores") and then
says either "Kislyak" or "the Russian ambassador".  Two outlets that tell
the same fact that way share no word for the person, and word overlap
misses the pair.  This is coreference at its lightest: find name-and-title
pairs in the articles, and let a sentence that uses one also count the other.

A title is the capitalised words before the name, possibly ending in one
lower-case head noun ("Justice Department spokeswoman").  A name needs at least
one word that is not in the dictionary (WordNet): "Jeff Sessions" is a
person, "Justice Department" an organisation.  Only titles of at
least two content words count ("Russian ambassador", "attorney general"): a
bare "Senator" fits too many people to stand for one.

The text is read in the name view of ``tokens`` (``name_tokens``): a dot stays
on its word, so "Sen." reads as a title word and never as a name, and neither
does a word that ends a sentence with a full stop.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsdiff.text.tokens import STOPWORDS, content_words, name_tokens
from newsdiff.text.wordnet import lemmas

Alias = tuple[str, frozenset[str]]

_NAME_WORD_RE = re.compile(r"[A-Z][a-z][\w'-]*")
_MAX_TITLE_WORDS = 4
_MIN_TITLE_TERMS = 2


def alias_candidates(texts: Iterable[str]) -> frozenset[Alias]:
    """(surname, title terms) for every "title Firstname Surname" in the texts: what one
    article contributes, found once however many comparisons it takes part in."""
    found: set[Alias] = set()
    for text in texts:
        tokens = name_tokens(text)
        for end in range(1, len(tokens)):
            alias = _alias_ending_at(tokens, end)
            if alias:
                found.add(alias)
    return frozenset(found)


def choose_aliases(candidates: Iterable[frozenset[Alias]], term_sets: Sequence[frozenset[str]],
                   max_named_share: float) -> list[Alias]:
    """The aliases a comparison uses: the articles' ``candidates``, less the story's subject.

    ``term_sets`` are the content terms of every sentence compared.  A person
    named in more than ``max_named_share`` of the sentences (the same-fact
    model's choice) is the story's subject: adding their title to all those
    sentences would only drown the title's weight, so they get no alias.
    """
    mentions = Counter(t for terms in term_sets for t in terms)
    limit = max_named_share * len(term_sets)
    return sorted(
        (alias for alias in frozenset().union(*candidates) if mentions[alias[0]] <= limit),
        key=lambda a: (a[0], sorted(a[1])),
    )


def expand(terms: frozenset[str], aliases: Iterable[Alias]) -> frozenset[str]:
    """``terms`` plus the title of every surname in them, and the surname of every title."""
    extra: set[str] = set()
    for surname, title in aliases:
        if surname in terms:
            extra |= title
        elif title <= terms:
            extra.add(surname)
    return terms | extra


def _alias_ending_at(tokens: list[str], end: int) -> Alias | None:
    """The alias whose two-word name ends at ``tokens[end]``, if a title precedes it."""
    first, last = tokens[end - 1], tokens[end]
    if not (_NAME_WORD_RE.fullmatch(first) and _NAME_WORD_RE.fullmatch(last)):
        return None
    if end + 1 < len(tokens) and _NAME_WORD_RE.fullmatch(tokens[end + 1]):
        return None  # the name goes on: "Sarah Isgur Flores" ends at Flores
    start = end - 1
    before = tokens[start - 1] if start > 0 else ""
    if _NAME_WORD_RE.fullmatch(before) and _is_given_name_pair(tokens, start):
        start -= 1  # a middle name: "Sarah Isgur Flores"
    name = [w.lower() for w in tokens[start : end + 1]]
    if any(w in STOPWORDS for w in name) or all(lemmas(w) for w in name):
        return None  # "During Campaign"; "Justice Department" is an organisation, not a person
    title_words: list[str] = []
    k = start - 1
    if k >= 0 and tokens[k] == ",":
        k -= 1
    while k >= 0 and len(title_words) < _MAX_TITLE_WORDS:
        word = tokens[k]
        head = not title_words and word.islower() and not word.endswith("ly")
        if word.lower() in STOPWORDS or not (head or word[:1].isupper()):
            break
        title_words.append(word)
        k -= 1
    title = frozenset(content_words(" ".join(reversed(title_words))))
    surname = content_words(last)
    if len(title) < _MIN_TITLE_TERMS or not surname:
        return None
    return surname[0], title


def _is_given_name_pair(tokens: list[str], start: int) -> bool:
    """Whether the capitalised word before ``start`` begins the name rather than the title.

    Titles end in a common noun ("Ambassador", "spokeswoman"); a word that
    is capitalised in the middle of the sentence and directly before a
    two-word name is taken as a first name when the word before it is not.
    """
    return start >= 2 and not _NAME_WORD_RE.fullmatch(tokens[start - 2])
