"""Sentences with character offsets.

A sentence is the unit everything else in newsdiff aligns, labels and shows,
so the spans must be exact: half-open code-point offsets into the article text,
trimmed of whitespace, non-empty, sorted and non-overlapping, and every
non-whitespace character of the text lies in exactly one of them.

The rules are deliberately simple and predictable rather than clever:

* Every line break ends a sentence.  Headlines, bylines, captions, bullet and
  share-button lines rarely end in punctuation, and each must be a unit of its
  own so that boilerplate detection can drop it without dropping the story.
* Within a line, a sentence ends after ``.``, ``!`` or ``?`` (plus any closing
  quotes, brackets or Markdown emphasis) when whitespace follows and the next
  character can start a sentence: an opening quote or bracket, a digit, or a
  letter that is not lower case.  So ``“I’m not aware,” Sessions said.`` stays
  whole and ``… It is false.” The spokesperson …`` splits after the quote.
* A period does not end a sentence after a known abbreviation (``Mr.``,
  ``Jan.``, ``Sen.``, ``vs.``…), a single initial or dotted acronym
  (``George W. Bush``, ``U.S.``, also after a slash as in ``AP Photo/J. Scott``),
  a party-state tag (``(R-Calif.)``) or a list
  enumerator at the start of a line (``1. First point``).
* A piece of a line with no letter or digit (the stray closing quote of
  ``… the orchestra. "``) is not a sentence: it stays with the one before it.
  On its own it would be a sentence with nothing to compare, and two articles
  with the same stray quote would seem to share it.

Why never coarser than the gold scorer: the scorer finds the gold unit of a
snippet with its own conservative splitter and links every unit that our
alignment spans overlap.  If one of our sentences straddled two of its units,
aligning that sentence would link both units and cost precision.  Our rules
therefore split wherever the scorer does, except after abbreviations the
scorer does not know (``Lt.``, ``etc.``), where its split is simply wrong.

Everything runs in linear time: candidate boundaries are found by a regex with
possessive quantifiers that can start only at the first mark of a run, and all
look-behind for abbreviations is bounded, so a 100,000-character line with no
punctuation, or made only of periods, is cheap.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")

# Sentence-final marks, closers (quotes, brackets, Markdown emphasis), then the
# whitespace that must follow.  Group 1 is the sentence as far as it ends.
_BOUNDARY_RE = re.compile(r"(?<![.!?])([.!?]++[\"'”’»)\]*_]*+)\s++")

_OPENER_CHARS = "\"'“‘„«([*_"
_OPENERS = frozenset(_OPENER_CHARS)

# Abbreviations after which a period does not end a sentence, spelt as written.
_ABBREVIATIONS = frozenset(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mr Mrs Ms Dr Prof Rep Reps Sen Sens Gov Gen Lt Col Capt Sgt Adm Rev Hon
    St Jr Sr Mt Ft No Nos vs v etc""".split()
)

# "(R-CA)", "D-Calif.", "(R-N.Y.)": the period belongs to the state, not the sentence.
_PARTY_TAG_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")

# Abbreviations are short; looking further back would make long lines quadratic.
_MAX_TOKEN = 24


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``: half-open, trimmed, non-empty, sorted, disjoint."""
    spans: list[Span] = []
    for line in _LINE_RE.finditer(text):
        spans.extend(_line_sentences(line.group(), line.start()))
    return spans


def _line_sentences(line: str, offset: int) -> list[Span]:
    """Sentence spans of one line, shifted by the line's offset in the text."""
    body = line.strip()
    if not body:
        return []
    offset += len(line) - len(line.lstrip())
    spans: list[Span] = []
    start = 0
    for mark in _BOUNDARY_RE.finditer(body):
        if _ends_sentence(body, mark):
            _add_piece(spans, body, start, mark.end(1), offset)
            start = mark.end()
    _add_piece(spans, body, start, len(body), offset)
    return spans


def _add_piece(spans: list[Span], body: str, start: int, end: int, offset: int) -> None:
    """Add ``body[start:end]`` as a sentence, or to the one before when it has no letter
    or digit (a whole line of them stays a sentence: boilerplate calls it decoration)."""
    if spans and not any(char.isalnum() for char in body[start:end]):
        spans[-1] = (spans[-1][0], offset + end)
    else:
        spans.append((offset + start, offset + end))


def _ends_sentence(body: str, mark: re.Match[str]) -> bool:
    """Whether the punctuation run ``mark`` ends a sentence within the stripped line."""
    if not _can_start_sentence(body[mark.end()]):
        return False
    marks = mark.group(1)
    if marks[0] != "." or marks.startswith(".."):
        return True  # "!", "?" and an ellipsis have no abbreviation reading
    return not _period_belongs_to_word(body, mark.start())


def _period_belongs_to_word(body: str, at: int) -> bool:
    """Whether the period at ``at`` closes an abbreviation, initial, tag or list number."""
    before = body[max(0, at - _MAX_TOKEN) : at]
    if not before or before[-1].isspace():
        return False
    token = before.split()[-1]
    if token.isdigit() and len(token) == at:
        return True  # "1. First point": a list number opening the line
    return _is_abbreviation(token.lstrip(_OPENER_CHARS).rpartition("/")[2])


def _can_start_sentence(char: str) -> bool:
    """An opening quote or bracket, a digit, or a letter that is not lower case.

    Caseless scripts count as possible starts: they give no signal either way,
    and splitting too often is cheaper for alignment than merging sentences.
    """
    return char in _OPENERS or (char.isalnum() and not char.islower())


def _is_abbreviation(token: str) -> bool:
    """Whether a period right after ``token`` belongs to the word, not the sentence."""
    return (
        token in _ABBREVIATIONS
        or _is_initials(token)
        or _PARTY_TAG_RE.fullmatch(token) is not None
    )


def _is_initials(token: str) -> bool:
    """A single capital initial or a dotted acronym: ``W``, ``U.S``, ``D.C``."""
    return all(len(part) == 1 and part.isupper() for part in token.split("."))
