"""People's names: two spellings of one name ("Sergey Kislyak" / "Sergei Kislyak").

Names are read as pairs of adjacent capitalised words, and two pairs are
spellings of one name when they share one word and the other is an edit or two
apart.  A different person is not a misspelling, so the differing word must be
absent from the other sentence altogether ("Sergey Kislyak met Sergei Ivanov"
names two people), and short words are left alone ("Meet" is not "Met").

Two spellings of one name are one person written two ways (a transliteration,
a typo): the reader can check it, but it is not a contradiction, so it is
reported as a ``variant``, which does not make a pair divergent.  What is not
even a spelling differs only in typography (accents, apostrophes, hyphens,
dots: "José" / "Jose"), which the reader folds away, or is a country and its
demonym ("South Africa's" / "South African"): the same word in two parts of
speech, not two spellings of a name.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff.text.distance import edit_distance
from newsdiff.text.facts.compatibility import is_demonym
from newsdiff.text.facts.grammar import folded_word
from newsdiff.text.facts.sentence import SentenceTokens
from newsdiff.text.facts.values import Facts, NamePair
from newsdiff.values import Detail


def names(tok: SentenceTokens) -> tuple[list[NamePair], frozenset[str]]:
    """Adjacent capitalised word pairs, and every capitalised word, for spelling checks."""
    pairs: list[NamePair] = []
    words: set[str] = set()
    for i in range(tok.n):
        if not tok.is_cap(i):
            continue
        words.add(folded_word(tok.low[i]))
        if tok.is_cap(i - 1) and not tok.is_possessive(i - 1):
            pairs.append(NamePair(folded_word(tok.low[i - 1]), folded_word(tok.low[i]),
                                  tok.span(i - 1, i)))
    return pairs, frozenset(words)



def name_details(a: Facts, b: Facts) -> Iterable[Detail]:
    """Two spellings of one person's name, once per pair of spellings.

    "Russian Ambassador Sergey Kislyak" yields both "Ambassador Sergey" and
    "Sergey Kislyak"; the full-name pair (same surname) is the one shown, and
    ties are broken on the texts so that swapping A and B mirrors the choice.

    Only pairs that share a word can be spellings of one name, so each pair of
    A is checked against B's pairs with its first or last word, and a pair
    written twice is checked once: the work grows with the number of names, not
    with its square (a long page repeats its names).  The pairs are visited in
    the order of a check of every pair against every pair, so the result is the same.
    """
    best: dict[frozenset[str], tuple[int, str, str, Detail]] = {}
    ys = list(dict.fromkeys(b.names))
    by_first, by_last = _positions(y.first for y in ys), _positions(y.last for y in ys)
    for x in dict.fromkeys(a.names):
        for k in sorted({*by_first.get(x.first, ()), *by_last.get(x.last, ())}):
            y = ys[k]
            spellings = _spelling_variant(x, y, a.name_words, b.name_words)
            if spellings is None:
                continue
            rank = (0 if x.last == y.last else 1, *sorted((x.text, y.text)))
            if spellings not in best or rank < best[spellings][:3]:
                best[spellings] = (*rank, Detail("name", x.text, y.text, "variant"))
    for *_, detail in best.values():
        yield detail


def _positions(words: Iterable[str]) -> dict[str, list[int]]:
    """Where each word occurs in ``words``."""
    found: dict[str, list[int]] = {}
    for k, word in enumerate(words):
        found.setdefault(word, []).append(k)
    return found


def _spelling_variant(x: NamePair, y: NamePair, x_words: frozenset[str],
                      y_words: frozenset[str]) -> frozenset[str] | None:
    """The two spellings if ``x`` and ``y`` share a surname and nearly a first name, or the
    reverse.

    The differing word must be absent from the other sentence altogether, so
    two different people who share a first name are not mistaken for a typo;
    and a country against its demonym is one place, not a misspelt name.
    """
    if x.last == y.last:
        mine, theirs = x.first, y.first
    elif x.first == y.first:
        mine, theirs = x.last, y.last
    else:
        return None
    if mine in y_words or theirs in x_words or not _near_spelling(mine, theirs):
        return None
    if is_demonym(mine, theirs) or is_demonym(theirs, mine):
        return None
    return frozenset((mine, theirs))


def _near_spelling(u: str, v: str) -> bool:
    """Spellings of one name: an edit or two apart, and long enough not to be other words."""
    shorter = min(len(u), len(v))
    return shorter >= 4 and edit_distance(u, v) <= max(1, shorter // 4)
