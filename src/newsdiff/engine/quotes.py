"""Direct quotations in every article of a story, grouped across the outlets that print them.

Which quote did an outlet trim, reword or re-punctuate?  ``find_quotes`` reads
each article's story sentences for the words inside quotation marks, notes who
the text says spoke them, groups the same quotation printed by several outlets
into one ``Quote`` and marks how each outlet prints it against the canonical
text (the wording most outlets print).

The rules are simple and predictable, and err towards silence:

* Quotation marks are ``“…”``, ``«…»`` and straight ``"…"``, plus ``‘…’``
  only where clearly paired: ``‘`` opens only after a space or an opening
  mark, and ``’`` closes only when no letter follows (``don’t`` is an
  apostrophe).  Straight single quotes are not read at all: in ASCII text
  ``'`` is far more often an apostrophe than a quotation mark.  Marks nested
  inside a quotation belong to it; only the outermost quotation counts.
* A quotation has at least ``MIN_WORDS`` (4) words.  Shorter ones are scare
  quotes or quoted terms (the "so-called “reset”", a "“partisan” attack"):
  they quote a word, not a speaker's statement, and grouping them across
  outlets would join unrelated stories' shared phrases.  Four words is the
  shortest span that reads as a clause ("It is false.", "I will recuse
  myself") while the quoted terms in news copy rarely run past three.
* One quotation may be printed in parts: interrupted by its attribution in
  mid-sentence (``“Part one,” Flores said, “part two.”``), split by the
  sentence splitter at a full stop inside the marks, or run over several
  paragraphs in the newswire style (no closing mark at a paragraph's end, an
  opening mark at the next paragraph's start).
* The speaker is what the text says: "Flores said", "said Flores", "X told The
  Post", "according to X" next to the quotation (the engine's own attribution
  reading, ``facts.extract_facts``); "he said" names the one person the
  previous sentence is about, if it is about exactly one; a quotation with no
  attribution at all that follows a quotation in the sentence before, in the
  same paragraph, continues that quotation's speaker.  Otherwise ``None``.
* Two renderings are one quote when at least ``FRAGMENT_SHARE`` (80%) of the
  shorter one's words appear, in order and in runs of two or more, in the
  longer one: an outlet that prints half of a statement prints the same
  quote, and one or two changed words in a short quotation still leave it the
  same quote (that is what ``altered`` reports).  Runs of two keep a handful of
  common words scattered through a long quotation from matching a short one.
  An article that prints one quote twice is represented by its first printing;
  one that prints in two pieces a statement another outlet prints whole, by
  one rendering of both pieces.
* A statement one outlet rewords ("ran aground in strong winds during a
  sandstorm" for "ran aground in high winds during a dust storm") joins the
  quote it rewords, as ``altered``, when the story engine gives it (the
  ``facts`` of ``find_quotes``): the sentences holding the two renderings sit
  in one claim or are linked on their own (the same-fact judgement, whose
  thresholds cross-validation chose); the text names one speaker for both, or
  names none for one; more than half of the words of each have a counterpart
  in the other, in order (words alike by lemma in runs of two or more that
  hold a content word, or a content word whose lemma or WordNet synonym stands
  in the other's changed stretch there: "shut" for "close"); and no checkable
  detail of one (a number, a date, a name, a denial) contradicts the other's.
  "More than half" is no tuned value but what "most of its words" means:
  below it a rendering has more words of its own than words of the other, and
  reads as another statement.  Err towards silence: a rewording that also
  changes a detail cannot be told from a second statement in like words, and
  stays apart (the claim lists the detail as a divergence); so do two
  wordings one article prints, which are two statements.  A second statement
  in the very frame of the first, with other words in it ("the new school" for
  "the new library"), still reads as the first altered: words alone cannot
  tell them apart, and the diff shows what differs.
* The canonical text is the printing that the most outlets print whole (see
  extent), then the one the most print identically, ties to the earliest
  article: an outlet's fuller statement holds every other printing, but it is
  not the quote the others print.
* Extent: the rendering's words are aligned with the canonical text's by a
  word diff; from the first word they share to the last is the matched part.
  A rendering with words of its own beyond either end is ``longer`` (it
  prints more of the statement), else one that lacks the canonical text's
  words at either end is ``part`` (it prints a fragment), else ``whole``.
  Unshared words on both sides at one end pair up one for one as changed
  words (``They never met`` for ``We never met`` is altered, not longer);
  only what is left over on one side counts towards the extent.  Against a
  rewording of it, all of them are changed words ("sandstorm" for "dust
  storm" prints the whole statement in other words, not part of it).
* Status judges the matched part alone, against the canonical text (for a
  ``part``, against the stretch of it that the rendering prints), so a fuller
  printing is not ``altered`` for its extra sentence: ``verbatim`` is the
  identical string; ``typographic`` the same words once quote marks, dashes,
  spacing, other punctuation and case are folded away; ``altered`` anything
  else.  Both non-verbatim statuses carry the word diff from the canonical
  text (that stretch) to the matched part, so the changed mark is shown too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, pairwise

from newsdiff.text.diffing import diff_tokens, word_diff
from newsdiff.text.facts import diverging_details, extract_facts
from newsdiff.text.tokens import STOPWORDS, WORD_RE, fold_typography, lemma, words
from newsdiff.text.wordnet import synonym_groups
from newsdiff.values import (
    Article,
    DiffOp,
    Quote,
    QuoteExtent,
    QuoteRendering,
    QuoteStatus,
    Sentence,
)

#: The fewest words a direct quotation has; shorter quoted spans are scare quotes.
MIN_WORDS = 4
#: The most: a longer quoted span is stray marks, not a quotation (an opening mark whose
#: closing one is far away in a text without paragraph breaks).  The longest quotation in
#: 853 real articles (the sample story, ECB+ and GVC dev) has 99 words; grouping compares
#: quotations word by word, so this bound also bounds that work per pair.
MAX_WORDS = 300
#: Share of the shorter rendering's words that must appear in the longer one to group them.
FRAGMENT_SHARE = Fraction(4, 5)
# Equal runs shorter than this do not count towards the share (stray "the", "of").
_MIN_RUN = 2
# How far from its quotation marks an attribution is looked for: attributions sit next to
# the quote, and the bound keeps a 100,000-character line from being read again per quote.
_ATTRIBUTION_CHARS = 200
# A character that clings to a word without being part of it: punctuation, a quote mark.
_CLINGING = re.compile(r"[^\w\s]")
# Words a subject may have ("Attorney General Jeff Sessions") before the verb.
_SUBJECT_WORDS = 6

_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"', "\u2018": "\u2019"}
_MARK_RE = re.compile("[\"\u201c\u201d\u00ab\u00bb\u2018\u2019]")
# What may stand just before an opening mark that needs context to be read as one.
_BEFORE_OPENING = frozenset("([{\u2014\u2013-/\"\u201c\u00ab:")

# Verbs that attribute speech; wider than the facts' speaker verbs, because here they
# only decide whether a quotation has an attribution, never who it names.
_SPEECH_VERBS = frozenset((
    "said", "says", "say", "saying", "told", "tells", "telling", "added", "adds", "adding",
    "stated", "states", "stating", "replied", "replies", "responded", "responds", "continued",
    "continues", "explained", "explains", "wrote", "writes", "asked", "asks", "insisted",
    "insists", "argued", "argues", "noted", "notes", "declared", "declares", "according",
    "quoted", "quoting",
))
_PRONOUNS = frozenset(("he", "she"))
# "he also said", "she later told": words that may sit between a pronoun and its verb.
_BETWEEN_PRONOUN_AND_VERB = frozenset(("also", "later", "then", "again", "further"))
# An interruption starting with one of these joins two statements, not one quote's parts.
_CONJUNCTIONS = frozenset(("and", "but", "or", "while", "whereas", "before", "after", "as",
                           "then"))
# A capitalised word followed by one of these starts a list of names, not a subject.
_NOT_AFTER_SUBJECT = frozenset(("and", "or", "of", "&"))


@dataclass(frozen=True, slots=True)
class _Part:
    """One stretch inside quotation marks: ``start``/``end`` bound the text between them.

    ``continued`` marks a part closed by the end of its paragraph because the
    next paragraph reopens the quotation (the newswire style).
    """

    start: int
    end: int
    continued: bool = False


@dataclass(frozen=True, slots=True)
class _Found:
    """A quotation in one article, before grouping: its parts' spans and texts, in order.

    ``text`` joins the parts with a single space, as ``QuoteRendering.text``
    shows them; ``words`` are its folded words, the unit of grouping.
    """

    article: int
    spans: tuple[tuple[int, int], ...]
    pieces: tuple[str, ...]
    sentences: tuple[int, ...]
    speaker: str | None
    text: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, article: int, spans: tuple[tuple[int, int], ...], pieces: tuple[str, ...],
           sentences: tuple[int, ...], speaker: str | None) -> _Found:
        """A record with its text and words derived once: grouping reads them many times."""
        text = " ".join(pieces)
        return cls(article, spans, pieces, sentences, speaker, text, tuple(words(text)))


def find_quotes(articles: Sequence[Article],
                facts: Sequence[Collection[tuple[int, int]]] = ()) -> tuple[Quote, ...]:
    """Every direct quotation in every article, grouped across outlets.

    ``facts`` are the sentences the story engine judges to tell one fact (each
    claim, and each pair it links on its own), each as a set of ``(article,
    sentence index)``: with them, a quotation one outlet rewords joins the
    quote it rewords (see the module docstring).
    Quotes are numbered by how many outlets print them (most first), then by
    where they first appear; each quote has at most one rendering per article
    (an article that repeats a quote is represented by its first printing; one
    that prints it in pieces, by one rendering of those pieces).
    """
    return read_quotations(articles).quotes(facts)


@dataclass(frozen=True, slots=True)
class Quotations:
    """A story's quotations grouped by their wording, before any rewording is joined.

    Grouping by wording takes most of the work and needs the articles alone, so
    the story engine does it aside while it builds the claims, which joining
    rewordings needs (:meth:`quotes`).
    """

    articles: int
    wordings: tuple[tuple[_Found, ...], ...]

    def quotes(self, facts: Sequence[Collection[tuple[int, int]]] = ()) -> tuple[Quote, ...]:
        """The quotes, rewordings joined where ``facts`` allow (see :func:`find_quotes`)."""
        groups = sorted(_join_rewordings(self.wordings, facts), key=lambda wordings: (
            -sum(map(len, wordings)), min((r.article, r.spans[0][0]) for w in wordings for r in w)))
        return tuple(_quote(n, group, self.articles) for n, group in enumerate(groups))


def read_quotations(articles: Sequence[Article]) -> Quotations:
    """Every article's quotations, grouped by wording (see :class:`Quotations`)."""
    found = [q for n, article in enumerate(articles) for q in _article_quotes(n, article)]
    return Quotations(len(articles), tuple(tuple(g) for g in _group(found)))


# ------------------------------------------------------------------ quotation marks

def _article_quotes(n: int, article: Article) -> list[_Found]:
    """The quotations of one article, in reading order, with their speakers."""
    sentences = _Sentences(article)
    quotes = [q for q in _joined(article, sentences)
              if MIN_WORDS <= _word_count(article, q) <= MAX_WORDS]
    found: list[_Found] = []
    for k, parts in enumerate(quotes):
        lo = quotes[k - 1][-1].end + 1 if k else 0
        hi = quotes[k + 1][0].start - 1 if k + 1 < len(quotes) else len(article.text)
        previous = found[-1] if found else None
        speaker = _speaker(article, sentences, parts, (lo, hi), previous)
        found.append(_found(n, article, sentences, parts, speaker))
    return found


def _word_count(article: Article, parts: list[_Part]) -> int:
    """Words inside the marks, counted before anything is built: most quoted spans are short."""
    return sum(len(WORD_RE.findall(article.text, p.start, p.end)) for p in parts)


def _found(n: int, article: Article, sentences: _Sentences, parts: list[_Part],
           speaker: str | None) -> _Found:
    """A quotation's record: its parts' text, stripped of the spaces inside the marks."""
    spans = tuple(_stripped(article.text, p.start, p.end) for p in parts)
    spans = tuple((start, end) for start, end in spans if start < end)
    covered = sorted({i for start, end in spans for i in sentences.covering(start, end)})
    pieces = tuple(article.text[start:end] for start, end in spans)
    return _Found.of(n, spans, pieces, tuple(covered), speaker)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``start..end`` without the whitespace at either end (" Part one, " -> "Part one,")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Sentences:
    """An article's sentences, looked up by bisection: which one holds an offset, which
    story sentence comes before another."""

    def __init__(self, article: Article) -> None:
        self.all = article.sentences
        self.starts = [s.start for s in article.sentences]
        self.story = article.story_sentences
        self.story_indices = [s.index for s in self.story]

    def at(self, offset: int) -> Sentence:
        """The sentence holding ``offset`` (the one before, for the space between two)."""
        return self.all[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def covering(self, start: int, end: int) -> range:
        """Indices of the sentences that ``start..end`` overlaps."""
        return range(self.at(start).index, self.at(max(start, end - 1)).index + 1)

    def story_before(self, index: int) -> Sentence | None:
        """The story sentence just before sentence ``index`` (boilerplate skipped)."""
        k = bisect.bisect_left(self.story_indices, index)
        return self.story[k - 1] if k else None


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    """Spans of runs of story sentences that follow each other on one line.

    A quotation never crosses a line break or a boilerplate sentence except in
    the newswire style that ``_parts`` handles, so each run is scanned alone.
    """
    runs: list[list[Sentence]] = []
    for s in article.story_sentences:
        last = runs[-1][-1] if runs else None
        if last is not None and _next_in_paragraph(article, last, s):
            runs[-1].append(s)
        else:
            runs.append([s])
    return [(run[0].start, run[-1].end) for run in runs]


def _next_in_paragraph(article: Article, sentence: Sentence, other: Sentence) -> bool:
    """``other`` follows ``sentence`` directly, on the same line."""
    return (sentence.index + 1 == other.index
            and "\n" not in article.text[sentence.end : other.start])


def _parts(article: Article) -> list[_Part]:
    """Every outermost quoted stretch of the story, in order.

    A quotation still open at the end of a paragraph is kept, up to the
    paragraph's end, only when the next paragraph opens with the same mark;
    otherwise the stray mark is ignored rather than swallowing the paragraph.
    """
    text = article.text
    paragraphs = _paragraphs(article)
    parts: list[_Part] = []
    for k, (start, end) in enumerate(paragraphs):
        closed, still_open = _scan(text, start, end)
        parts.extend(_Part(a, b) for a, b in closed)
        if still_open is not None and k + 1 < len(paragraphs):
            opener = text[still_open - 1]
            if text[paragraphs[k + 1][0]] == opener:
                parts.append(_Part(still_open, end, continued=True))
    return parts


def _scan(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], int | None]:
    """Outermost quoted stretches of ``text[lo:hi]``, and where one still open at ``hi`` starts.

    One pass over the quotation marks only, so it is linear in the paragraph.
    """
    closed: list[tuple[int, int]] = []
    opener, inner, depth = "", 0, 0
    for mark in _MARK_RE.finditer(text, lo, hi):
        char, at = mark.group(), mark.start()
        if not opener:
            if char in _PAIRS and _opens(text, at, lo, hi):
                opener, inner, depth = char, at + 1, 0
        elif char == _PAIRS[opener] and _closes(text, at, hi):
            if depth:
                depth -= 1
            else:
                closed.append((inner, at))
                opener = ""
        elif char == opener:
            depth += 1
    return closed, (inner if opener else None)


def _opens(text: str, at: int, lo: int, hi: int) -> bool:
    """Whether the mark at ``at`` opens a quotation.

    Curly double quotes and guillemets always do.  A straight ``"`` or a ``‘``
    must stand at the start or after a space or opening punctuation and be
    followed by text: ``5'11"`` and ``rock ‘n’ roll`` do not open anything.
    """
    if text[at] in "\u201c\u00ab":
        return True
    before_ok = at == lo or text[at - 1].isspace() or text[at - 1] in _BEFORE_OPENING
    return before_ok and at + 1 < hi and not text[at + 1].isspace()


def _closes(text: str, at: int, hi: int) -> bool:
    """A ``’`` closes a quotation only where it is not an apostrophe: no letter follows."""
    return text[at] != "\u2019" or at + 1 >= hi or not text[at + 1].isalnum()


def _joined(article: Article, sentences: _Sentences) -> list[list[_Part]]:
    """Parts grouped into quotations: across paragraphs, or around a mid-sentence attribution."""
    quotes: list[list[_Part]] = []
    for part in _parts(article):
        last = quotes[-1][-1] if quotes else None
        if last is not None and (last.continued or _interrupted(article, sentences, last, part)):
            quotes[-1].append(part)
        else:
            quotes.append([part])
    return quotes


def _interrupted(article: Article, sentences: _Sentences, first: _Part, second: _Part) -> bool:
    """``“Part one,” Flores said, “part two.”``: one quotation, attributed in mid-sentence.

    The text between the parts must be a short attribution in the same
    sentence that leads into the second part with a comma or colon; "…,” and
    Smith said, “…" joins two statements instead.
    """
    if sentences.at(first.end).index != sentences.at(second.start).index:
        return False
    between = article.text[first.end + 1 : second.start - 1].strip()
    if len(between) > _ATTRIBUTION_CHARS or not between.endswith((",", ":")):
        return False
    said = words(between)
    return bool(said) and said[0] not in _CONJUNCTIONS and not _SPEECH_VERBS.isdisjoint(said)


# ------------------------------------------------------------------ speakers

def _speaker(article: Article, sentences: _Sentences, parts: list[_Part],
             bounds: tuple[int, int], previous: _Found | None) -> str | None:
    """Who the text says spoke the quotation, or ``None`` where it does not say."""
    gaps = _attributions(article, sentences, parts, bounds)
    for gap in gaps:
        named = _named_speaker(gap)
        if named:
            return named
        if _pronoun_attribution(gap):
            return _person_before(sentences, sentences.at(parts[0].start).index)
    if any(not _SPEECH_VERBS.isdisjoint(words(gap)) for gap in gaps):
        return None
    return _continued_speaker(article, sentences, parts, previous)


def _attributions(article: Article, sentences: _Sentences, parts: list[_Part],
                  bounds: tuple[int, int]) -> list[str]:
    """The texts that may attribute a quotation, nearest convention first.

    Those are the interruptions between its parts, the rest of its last
    sentence ("…,” Flores said.") and the start of its first ("Flores said,
    “…"), each cut at the neighbouring quotations (``bounds``) and at
    ``_ATTRIBUTION_CHARS`` from the marks.
    """
    text = article.text
    inner = [text[a.end + 1 : b.start - 1] for a, b in pairwise(parts) if not a.continued]
    after = _after(text, parts[-1].end + 1, min(bounds[1], sentences.at(parts[-1].end).end))
    before = _before(text, max(bounds[0], sentences.at(parts[0].start).start),
                     parts[0].start - 1)
    return [*inner, after, before]


def _after(text: str, start: int, end: int) -> str:
    """``text[start:end]``, at most ``_ATTRIBUTION_CHARS`` of it, no word cut at its end."""
    if end - start <= _ATTRIBUTION_CHARS:
        return text[start:end]
    return text[start : start + _ATTRIBUTION_CHARS].rpartition(" ")[0]


def _before(text: str, start: int, end: int) -> str:
    """``text[start:end]``, at most ``_ATTRIBUTION_CHARS`` of it, no word cut at its start."""
    if end - start <= _ATTRIBUTION_CHARS:
        return text[start:end]
    return text[end - _ATTRIBUTION_CHARS : end].partition(" ")[2]


def _named_speaker(gap: str) -> str | None:
    """The named speaker of an attribution: "Flores said", "said Flores", "according to X"."""
    facts = extract_facts(gap)
    if facts.speakers:
        return facts.speakers[0].text
    according = fold_typography(gap).lower().find("according to")
    if according < 0:
        return None
    reporters = extract_facts(gap[according:]).reporters
    return reporters[0].text if reporters else None


def _pronoun_attribution(gap: str) -> bool:
    """"he said", "she also told", "said he": attributed, but to a pronoun."""
    said = words(gap)
    for i, word in enumerate(said):
        if word not in _SPEECH_VERBS:
            continue
        before = said[i - 1] if i else ""
        if before in _BETWEEN_PRONOUN_AND_VERB and i > 1:
            before = said[i - 2]
        after = said[i + 1] if i + 1 < len(said) else ""
        if before in _PRONOUNS or after in _PRONOUNS:
            return True
    return False


def _person_before(sentences: _Sentences, sentence: int) -> str | None:
    """The one person the story sentence before ``sentence`` is about, if exactly one.

    Only the sentence just before is read: "he" in news copy refers to the
    subject or speaker of that sentence, and looking further back would guess.
    Named speakers count when they end in a capitalised name ("Flores", not
    "Justice Department officials"); so does a capitalised subject that starts
    the sentence ("Sessions also issued a statement").  Gender and number are
    not checked.
    """
    earlier = sentences.story_before(sentence)
    if earlier is None:
        return None
    people = [m.text for m in extract_facts(earlier.text).speakers
              if m.text.split()[-1][0].isupper()]
    subject = _subject(earlier.text)
    return _one_person([*people, subject] if subject else people)


def _one_person(names: list[str]) -> str | None:
    """The single person ``names`` refer to ("Sarah Isgur Flores" includes "Flores"), if one."""
    word_sets = [frozenset(words(name)) for name in names]
    if not names or any(not (a <= b or b <= a) for a in word_sets for b in word_sets):
        return None
    return max(names, key=len)


def _subject(text: str) -> str | None:
    """The capitalised name that starts a sentence and is followed by its verb.

    "Attorney General Jeff Sessions met …" -> "Attorney General Jeff Sessions";
    "On Thursday, …", "Sessions’ answer …", "Smith and Jones …" have none.
    """
    name: list[str] = []
    for token in text[:_ATTRIBUTION_CHARS].split(maxsplit=_SUBJECT_WORDS)[:_SUBJECT_WORDS]:
        word = token.rstrip(",")
        if word[:1].isupper() and word.isalpha() and word.lower() not in STOPWORDS:
            name.append(word)
            if word != token:  # "Sessions, who …": an aside follows the name
                return " ".join(name)
        elif name and word[:1].islower() and word not in _NOT_AFTER_SUBJECT:
            return " ".join(name)
        else:
            return None
    return None


def _continued_speaker(article: Article, sentences: _Sentences, parts: list[_Part],
                       previous: _Found | None) -> str | None:
    """An unattributed quotation right after a quotation in the same paragraph continues it.

    ``“I’m not aware,” Sessions said. “I have been called a surrogate …”``: the
    second quotation is still Sessions speaking.
    """
    if previous is None:
        return None
    follows = _next_in_paragraph(article, sentences.all[previous.sentences[-1]],
                                 sentences.at(parts[0].start))
    return previous.speaker if follows else None


# ------------------------------------------------------------------ grouping

def _group(found: list[_Found]) -> list[list[_Found]]:
    """Renderings grouped by wording, each group in article order, one rendering per article.

    Renderings are placed longest first (so a fragment meets the fuller quote
    it comes from), ordered by their words and not by article, so the groups do
    not depend on the order the articles come in.  Each joins the group it
    matches best (ties: the group formed first), or starts one.  An inverted
    index on content words finds the candidate groups without comparing every
    rendering with every other.
    """
    groups: list[dict[int, _Found]] = []
    index = _WordIndex()
    for rendering in sorted(found, key=lambda q: (-len(q.words), q.words, q.text, q.article,
                                                  q.spans)):
        best = _best_group(rendering, index)
        if best is None:
            best = len(groups)
            groups.append({})
        kept = groups[best].get(rendering.article)
        groups[best][rendering.article] = rendering if kept is None else _both(kept, rendering)
        index.add(best, rendering)
    return [[members[n] for n in sorted(members)] for members in groups]


def _both(kept: _Found, other: _Found) -> _Found:
    """One article's two renderings of one quote: a repeat, or two pieces of it.

    A repeat (the two match each other) is represented by its first printing.
    Two different pieces (“I never met …,” he said. “It is false.”, where
    another outlet prints the statement whole) are one rendering in two parts,
    so that neither piece is lost and the article is compared whole.
    """
    first, second = sorted((kept, other), key=lambda r: r.spans)
    if _shared(first.words, second.words) >= FRAGMENT_SHARE:
        return first
    pieces = sorted(zip(first.spans + second.spans, first.pieces + second.pieces, strict=True))
    return _Found.of(
        first.article, tuple(span for span, _ in pieces), tuple(text for _, text in pieces),
        tuple(sorted({*first.sentences, *second.sentences})), first.speaker or second.speaker,
    )


class _WordIndex:
    """Which groups hold each content word; each group's content words and distinct wordings.

    Comparing with distinct wordings only keeps a quote that many outlets
    reprint word for word from being compared once per outlet.
    """

    def __init__(self) -> None:
        self.groups_of: dict[str, list[int]] = {}
        self.vocabulary: list[set[str]] = []
        self.forms: list[set[tuple[str, ...]]] = []
        self.exact: dict[tuple[str, ...], int] = {}

    def add(self, group: int, rendering: _Found) -> None:
        """Index a rendering placed in ``group`` (a new group is the next number)."""
        if group == len(self.vocabulary):
            self.vocabulary.append(set())
            self.forms.append(set())
        self.forms[group].add(rendering.words)
        self.exact.setdefault(rendering.words, group)
        for word in _content(rendering.words) - self.vocabulary[group]:
            self.groups_of.setdefault(word, []).append(group)
            self.vocabulary[group].add(word)

    def candidates(self, rendering: _Found) -> list[int]:
        """Groups that can hold ``FRAGMENT_SHARE`` of the rendering's words, by a necessary test.

        At most ``spare`` of its words may be missing from a matching group, so
        a match holds one of its ``spare + 1`` rarest content words and lacks
        at most ``spare`` of its distinct content words.
        """
        content = _content(rendering.words)
        if not content:
            exact = self.exact.get(rendering.words)
            return [] if exact is None else [exact]
        spare = len(rendering.words) - math.ceil(FRAGMENT_SHARE * len(rendering.words))
        rare = sorted(content, key=lambda w: (len(self.groups_of.get(w, ())), w))[: spare + 1]
        found = sorted({g for word in rare for g in self.groups_of.get(word, ())})
        return [g for g in found if len(content - self.vocabulary[g]) <= spare]


def _content(quoted: tuple[str, ...]) -> set[str]:
    """The words worth indexing: function words are in every quotation."""
    return {w for w in quoted if w not in STOPWORDS}


def _best_group(rendering: _Found, index: _WordIndex) -> int | None:
    """The group whose renderings best hold this one's words, if one holds enough."""
    best, best_share = None, Fraction(0)
    for group in index.candidates(rendering):
        share = max(_shared(rendering.words, form) for form in index.forms[group])
        if share >= FRAGMENT_SHARE and share > best_share:
            best, best_share = group, share
    return best


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> Fraction:
    """Share of the shorter word list found, in order and in runs, in the other (symmetric)."""
    short, long = sorted((a, b), key=lambda ws: (len(ws), ws))
    if not short:
        return Fraction(0)
    runs = diff_tokens(short, long, cleanup="No")
    kept = sum(len(chunk) for op, chunk in runs if op == "=" and len(chunk) >= _MIN_RUN)
    return Fraction(kept, len(short))


# ------------------------------------------------------------------ rewordings

def _join_rewordings(wordings: Sequence[Sequence[_Found]],
                     facts: Sequence[Collection[tuple[int, int]]]) -> list[list[Sequence[_Found]]]:
    """Wording groups joined into quotes where a rendering of one rewords one of another.

    Only renderings whose sentences tell one of the ``facts`` are compared, so
    the work follows the facts, not the square of the quotations.  Groups that
    would then hold two renderings of one article stay apart: an outlet that
    prints both wordings prints two statements.  Pairs are tried in the order
    of the wording groups (which follows their words, not the articles), so the
    quotes do not depend on the order the articles come in.
    """
    facts_of: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, fact in enumerate(facts):
        for sentence in fact:
            facts_of[sentence].append(n)
    held: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for k, wording in enumerate(wordings):
        for i, r in enumerate(wording):
            for n in {n for s in r.sentences for n in facts_of.get((r.article, s), ())}:
                held[n][k].append(i)
    pairs = sorted({((k, i), (m, j)) for members in held.values()
                    for k, m in combinations(sorted(members), 2)
                    for i in members[k] for j in members[m]})
    root = list(range(len(wordings)))
    articles = [{r.article for r in wording} for wording in wordings]
    answers: dict[tuple, bool] = {}  # renderings alike in words and speaker answer alike
    for (k, i), (m, j) in pairs:
        a, b = _root(root, k), _root(root, m)
        if a == b or articles[a] & articles[b]:
            continue
        first, second = wordings[k][i], wordings[m][j]
        key = (first.words, first.speaker, second.words, second.speaker)
        if key not in answers:
            answers[key] = _one_statement(first, second)
        if answers[key]:
            root[b] = a
            articles[a] |= articles[b]
    joined: dict[int, list[Sequence[_Found]]] = defaultdict(list)
    for k, wording in enumerate(wordings):
        joined[_root(root, k)].append(wording)
    return list(joined.values())


def _root(root: list[int], k: int) -> int:
    """The group that wording group ``k`` has joined (``root`` links each to one it joined)."""
    while root[k] != k:
        k = root[k]
    return k


def _one_statement(a: _Found, b: _Found) -> bool:
    """Two renderings that tell one fact are one statement reworded: the text names
    one speaker for both (or not for one of them), most words of each stand in the other,
    and no checkable detail (a number, a date, a name, a denial) of one contradicts the
    other's.  A statement in other words and other details cannot be told from a second
    statement in the same words; the claim shows such a detail as a divergence anyway."""
    return ((a.speaker is None or b.speaker is None
             or _one_person([a.speaker, b.speaker]) is not None)
            and _reworded(a.words, b.words)
            and not diverging_details(extract_facts(a.text), extract_facts(b.text)))


def _reworded(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether more than half of the words of each have a counterpart in the other, in order.

    The words are aligned by lemma (``tokens.lemma``: "winds" is "wind",
    "said" is "say") with a word diff.  A counterpart is a word of a run of
    ``_MIN_RUN`` or more aligned words that holds a content word ("ran
    aground in", not a stray "of the" or "we have no"); or, in the stretches
    that differ between two such runs, a content word whose lemma or WordNet
    synonym the other side's stretch has ("shut" for "close").
    """
    first, second = sorted((a, b))  # one order, so that the answer is symmetric
    kept = [0, 0]
    loose: tuple[list[str], list[str]] = ([], [])

    def settle() -> None:
        for side, other in ((0, 1), (1, 0)):
            kept[side] += sum(1 for w in loose[side]
                              if w not in STOPWORDS and _has_counterpart(w, loose[other]))
        loose[0].clear()
        loose[1].clear()

    i = j = 0
    for op, chunk in diff_tokens([lemma(w) for w in first], [lemma(w) for w in second],
                                 cleanup="No"):
        n = len(chunk)
        if op == "=" and n >= _MIN_RUN and not STOPWORDS.issuperset(first[i : i + n]):
            settle()
            kept[0] += n
            kept[1] += n
        else:
            loose[0].extend(first[i : i + n] if op != "+" else ())
            loose[1].extend(second[j : j + n] if op != "-" else ())
        i += n if op != "+" else 0
        j += n if op != "-" else 0
    settle()
    return 2 * kept[0] > len(first) and 2 * kept[1] > len(second)


def _has_counterpart(word: str, others: list[str]) -> bool:
    """Whether ``others`` hold ``word``'s lemma or a WordNet synonym of it."""
    groups = synonym_groups(word)
    return any(lemma(o) == lemma(word) or not groups.isdisjoint(synonym_groups(o))
               for o in others)


# ------------------------------------------------------------------ quotes

def _quote(n: int, wordings: Sequence[Sequence[_Found]], articles: int) -> Quote:
    """A ``Quote`` from its wording groups: canonical text, each rendering's status, who
    said it.

    The quote's speaker is the name most of its renderings give (ties: the
    earliest article's), so one outlet's "the statement read" does not hide
    the others' "Flores said".
    """
    group = sorted((r for wording in wordings for r in wording), key=lambda r: r.article)
    matcher = _Matcher(wordings)
    canonical = _canonical(group, matcher)
    speakers = Counter(r.speaker for r in group if r.speaker)
    speaker = max((r.speaker for r in group if r.speaker),
                  key=lambda s: speakers[s], default=None)
    printed = {r.article for r in group}
    return Quote(
        id=n,
        text=canonical,
        speaker=speaker,
        renderings=tuple(_rendering(r, canonical, matcher) for r in group),
        absent=tuple(a for a in range(articles) if a not in printed),
    )


def _canonical(group: list[_Found], matcher: _Matcher) -> str:
    """The text the most renderings print whole, then the most print identically, then the
    earliest article's.

    Counting whole printings, not containment, keeps one outlet's fuller
    statement (which holds every other printing) from standing for the quote
    the others print.  Each distinct text is tried once against each other.
    """
    printings = Counter(r.text for r in group)  # in article order: ties go to the earliest

    def score(candidate: str) -> tuple[int, int]:
        whole = sum(count for text, count in printings.items()
                    if matcher.match(candidate, text).extent == "whole")
        return whole, printings[candidate]

    return max(printings, key=score)


def _rendering(found: _Found, canonical: str, matcher: _Matcher) -> QuoteRendering:
    """The public record of one outlet's printing, compared with the canonical text."""
    match = matcher.match(canonical, found.text)
    (c_start, c_end), (r_start, r_end) = match.canonical, match.rendering
    status, diff = _status(found.text[r_start:r_end], canonical[c_start:c_end])
    whole = (r_start, r_end) == (0, len(found.text))
    return QuoteRendering(
        article=found.article, text=found.text, spans=found.spans,
        sentences=found.sentences, speaker=found.speaker, status=status, diff=diff,
        extent=match.extent, matched=None if whole else (r_start, r_end),
    )


def _status(text: str, canonical: str) -> tuple[QuoteStatus, tuple[tuple[DiffOp, str], ...]]:
    """How ``text`` prints ``canonical``, with the word diff from canonical wherever it differs.

    ``typographic`` compares the words alone, after folding quote marks,
    dashes and spaces, and ignoring case (outlets recapitalise a quotation's
    first word to fit their own sentence).  Its diff is kept as well, so that
    the reader can see which mark changed.
    """
    if text == canonical:
        return "verbatim", ()
    same_words = _folded_words(text) == _folded_words(canonical)
    return ("typographic" if same_words else "altered"), word_diff(canonical, text)


def _folded_words(text: str) -> list[str]:
    """Words with typography and case folded, apostrophes inside words kept ("don't")."""
    return WORD_RE.findall(fold_typography(text).casefold())


# ------------------------------------------------------------------ extent

@dataclass(frozen=True, slots=True)
class _Located:
    """A text's words folded for comparison (as ``_folded_words``), and where each stands."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> _Located:
        found = list(WORD_RE.finditer(text))
        return cls(tuple(fold_typography(m.group()).casefold() for m in found),
                   tuple(m.span() for m in found))


@dataclass(frozen=True, slots=True)
class _Match:
    """How a rendering lines up with a canonical text: its extent, and the stretches (offsets
    into each text) that correspond, which its status compares."""

    extent: QuoteExtent
    canonical: tuple[int, int]
    rendering: tuple[int, int]


class _Matcher:
    """Matches renderings with candidate canonical texts, each pair and each text once.

    Whether a rendering rewords the candidate (``_reworded``) is asked only of
    renderings of two wording groups, the pairs it can be true of.
    """

    def __init__(self, wordings: Sequence[Sequence[_Found]]) -> None:
        self._found = {r.text: (k, r.words) for k, wording in enumerate(wordings)
                       for r in wording}
        self._located: dict[str, _Located] = {}
        self._matches: dict[tuple[str, str], _Match] = {}

    def match(self, canonical: str, text: str) -> _Match:
        key = (canonical, text)
        if key not in self._matches:
            (wording, canonical_words), (other, text_words) = (self._found[canonical],
                                                                self._found[text])
            reworded = wording != other and _reworded(canonical_words, text_words)
            self._matches[key] = _match(canonical, self._locate(canonical),
                                        text, self._locate(text), reworded)
        return self._matches[key]

    def _locate(self, text: str) -> _Located:
        if text not in self._located:
            self._located[text] = _Located.of(text)
        return self._located[text]


def _match(canonical: str, c: _Located, text: str, r: _Located, reworded: bool) -> _Match:
    """Where ``text`` covers ``canonical``: from the first to the last run of words they share.

    The words are aligned by a word diff (typography and case folded), and
    only runs of ``_MIN_RUN`` or more count as shared, as in grouping: a
    stray "the" in a sentence the canonical text lacks does not stretch the
    match over it.  At each end, the words outside the shared ones pair up
    one for one as changed words (compared as they are); what is left over
    on the rendering's side goes on beyond the canonical text and is left out
    of the comparison, what is left over on the canonical side is a stretch
    the rendering does not print and is left out instead.  In a rewording
    (``reworded``) an end where both sides have words of their own is changed
    words, all of them: the statement in other words, not more or less of it
    ("in a sandstorm" for "in a dust storm").  The extent is
    ``longer`` if the rendering goes on beyond either end (even if it stops
    short of the other), else ``part`` if it stops short of either, else
    ``whole``.
    """
    c_first = r_first = None
    c_last = r_last = 0
    i = j = 0
    for op, chunk in diff_tokens(c.words, r.words, cleanup="No"):
        if op == "=" and len(chunk) >= _MIN_RUN:
            if c_first is None:
                c_first, r_first = i, j
            c_last, r_last = i + len(chunk), j + len(chunk)
        i += len(chunk) if op != "+" else 0
        j += len(chunk) if op != "-" else 0
    if c_first is None or r_first is None:  # no run in common: compared whole
        return _Match("whole", (0, len(canonical)), (0, len(text)))
    c_before, r_before = _changed(c_first, r_first, reworded)
    c_after, r_after = _changed(len(c.words) - c_last, len(r.words) - r_last, reworded)
    c_words = (c_first - c_before, c_last + c_after)
    r_words = (r_first - r_before, r_last + r_after)
    if r_words != (0, len(r.words)):
        extent: QuoteExtent = "longer"
    elif c_words != (0, len(c.words)):
        extent = "part"
    else:
        extent = "whole"
    return _Match(extent, _stretch(canonical, c, *c_words), _stretch(text, r, *r_words))


def _changed(c_words: int, r_words: int, reworded: bool) -> tuple[int, int]:
    """How many of the unshared words at one end of the canonical text and of a rendering
    are changed words: as many as pair up one for one, or all of them in a rewording when
    both sides have some ("sandstorm" for "dust storm" is a change, not less of it)."""
    if reworded and c_words and r_words:
        return c_words, r_words
    paired = min(c_words, r_words)
    return paired, paired


def _stretch(text: str, located: _Located, first: int, last: int) -> tuple[int, int]:
    """The offsets of ``text`` from word ``first`` to word ``last`` (exclusive); the text's own
    ends where those are its first and last words.

    A cut keeps the punctuation that clings to the word on the outer side
    ("ambassador." ends with its full stop, "(He" starts with its
    parenthesis), but not a mark that joins it to a word left out
    ("campaign–not": the dash goes with "not").
    """
    start, end = 0, len(text)
    if first > 0:
        start = located.spans[first][0]
        outer = start
        while outer and _CLINGING.match(text, outer - 1):
            outer -= 1
        if not outer or text[outer - 1].isspace():
            start = outer
    if last < len(located.words):
        end = located.spans[last - 1][1]
        outer = end
        while outer < len(text) and _CLINGING.match(text, outer):
            outer += 1
        if outer == len(text) or text[outer].isspace():
            end = outer
    return start, end
