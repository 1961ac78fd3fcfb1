"""One sentence as every detail reader sees it: detail tokens, lower-cased, with their spans.

The readers of numbers, dates, places, names, sources and predicates all walk
the same token list, so it is built once per sentence, in the detail view of
``newsdiff.text.tokens`` ("1,000", "U.S.", "twenty-five" and every punctuation
mark are tokens of their own).  Matching uses the folded, lower-cased form
without a possessive; what is shown to the reader is sliced from the text as
written, so a conflict quotes the article exactly.
"""

from __future__ import annotations

from newsdiff.text.tokens import DETAIL_TOKEN_RE, STOPWORDS, fold_typography, strip_possessive


class SentenceTokens:
    """One sentence as tokens: folded lower-case forms for matching, spans for display."""

    __slots__ = ("cap", "low", "matches", "n", "raw", "text")

    def __init__(self, text: str) -> None:
        folded = fold_typography(text)
        # Display slices come from the original text when folding kept offsets.
        self.text = text if len(folded) == len(text) else folded
        self.matches = list(DETAIL_TOKEN_RE.finditer(folded))
        self.raw = [m.group() for m in self.matches]
        self.low = [strip_possessive(w.lower()) for w in self.raw]
        self.cap = [
            w[0].isupper() and w[0].isalpha() and lw not in STOPWORDS
            for w, lw in zip(self.raw, self.low)
        ]
        self.n = len(self.raw)

    def get(self, i: int) -> str:
        """The lower-cased token at ``i``, or "" outside the sentence (saves bounds checks)."""
        return self.low[i] if 0 <= i < self.n else ""

    def is_cap(self, i: int) -> bool:
        """A capitalised word that is not a function word ("The", "In" start sentences too)."""
        return 0 <= i < self.n and self.cap[i]

    def is_content(self, i: int) -> bool:
        """An alphabetic word that is not a stopword."""
        word = self.get(i)
        return word[:1].isalpha() and word not in STOPWORDS

    def is_possessive(self, i: int) -> bool:
        """``Kislyak's`` or ``Sessions'``: the word names an owner, not a place or source."""
        return self.raw[i].lower().endswith("'s") or self.get(i + 1) == "'"

    def span(self, i: int, j: int) -> str:
        """Tokens ``i..j`` (inclusive) exactly as written."""
        return self.text[self.matches[i].start() : self.matches[j].end()]

    def words(self, i: int, j: int) -> str:
        """Tokens ``i..j`` without punctuation: readable when quotes sit inside the phrase."""
        return " ".join(w for w in self.raw[i : j + 1] if w[0].isalnum())
