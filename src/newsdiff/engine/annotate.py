"""Per-article analysis: what the engine needs of each story sentence, computed once.

An article compared with ten others (the reader's library, a story, a
corpus) is analysed once: :func:`annotate` gives an :class:`ArticleAnalysis`
that every comparison it takes part in reuses.  Each sentence's words, folded
text and content terms, and the names and titles the article gives people,
are read at once (they are cheap, and every comparison needs them); its facts (numbers, dates, names, speakers, negation)
are read when first asked for, because they cost tens of microseconds a
sentence and a long document's comparison needs them only for its detail
slots and for the few sentences it links.

Many sentences at once (a large story, a long document) are read in bulk by
:func:`read_facts` and :func:`read_slots`, through the caller's executor: in
worker processes, the slots alone travel back when that is all the
comparison needs (a sentence's full facts cost as much to send as to read).
Whatever the executor, the values are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from newsdiff.run import Executor
from newsdiff.text.aliases import Alias, alias_candidates
from newsdiff.text.facts import Facts, extract_facts
from newsdiff.text.tokens import content_terms, words
from newsdiff.values import Article, Sentence

#: Sentences one core reads the facts of in a second (what an executor needs to judge
#: whether spreading a step pays).
FACT_READS_PER_SECOND = 4_000

#: A detail slot a sentence fills: what it counts (the facts module's count key), or
#: which month it names.  Two sentences filling one slot give the same detail.
Slot = tuple[str, object]


@dataclass(eq=False)
class SentenceAnalysis:
    """One story sentence as the engine sees it."""

    sentence: Sentence
    words: list[str] = field(init=False)
    """Lower-cased words, typography folded (``tokens.words``)."""
    folded: str = field(init=False)
    """The words joined by single spaces: two sentences with the same are one text."""
    content: frozenset[str] = field(init=False)
    """Content lemmas (``tokens.content_terms``), before aliases are added per comparison."""

    def __post_init__(self) -> None:
        self.words = words(self.sentence.text)
        self.folded = " ".join(self.words)
        self.content = content_terms(self.sentence.text)

    @property
    def key(self) -> tuple[str, int]:
        """Orders sentences the same way whichever article is given first."""
        return (self.sentence.text, self.sentence.index)

    @cached_property
    def facts(self) -> Facts:
        return extract_facts(self.sentence.text)

    @cached_property
    def slots(self) -> frozenset[Slot]:
        return detail_slots(self.facts)

    @property
    def facts_read(self) -> bool:
        """Whether :attr:`facts` is already known (read here, or given by :func:`read_facts`)."""
        return "facts" in self.__dict__  # where cached_property keeps its value

    @property
    def slots_read(self) -> bool:
        return "slots" in self.__dict__


@dataclass(frozen=True, eq=False)
class ArticleAnalysis:
    """An article and the analysis of its story sentences (boilerplate is not compared)."""

    article: Article
    sentences: tuple[SentenceAnalysis, ...]
    aliases: frozenset[Alias]
    """The "title Firstname Surname" pairs it prints; a comparison chooses among those of
    all its articles (:func:`newsdiff.text.aliases.choose_aliases`)."""


def annotate(article: Article | ArticleAnalysis) -> ArticleAnalysis:
    """The analysis of ``article`` (an analysis is returned as it is)."""
    if isinstance(article, ArticleAnalysis):
        return article
    sentences = tuple(SentenceAnalysis(s) for s in article.story_sentences)
    return ArticleAnalysis(article, sentences,
                           alias_candidates(s.sentence.text for s in sentences))


def detail_slots(facts: Facts) -> frozenset[Slot]:
    """The detail slots a sentence fills: what it counts, and which months it names.

    An age is no slot: every person in a story has one, so two sentences giving
    ages (the 4-year-old in the car, the 48-year-old who died) are mostly about
    two people, and across articles on two shootings they would be linked as one
    fact with conflicting numbers.  Two ages of one person still conflict when the
    sentences are linked on what else they share."""
    return frozenset({("count", c.key) for c in facts.counts if not c.is_age} | {
        ("month", d.value) for d in facts.dates if d.kind == "month"
    })


def read_facts(sentences: Sequence[SentenceAnalysis], executor: Executor) -> None:
    """Read the facts of every sentence not read yet, all at once, through ``executor``
    (the first step to need them asks for all of them anyway)."""
    todo = [s for s in sentences if not s.facts_read]
    found = executor.map_chunks(facts_of, [s.sentence.text for s in todo], FACT_READS_PER_SECOND)
    for sentence, facts in zip(todo, found, strict=True):
        sentence.__dict__["facts"] = facts  # as cached_property would have kept it


def read_slots(sentences: Sequence[SentenceAnalysis], executor: Executor) -> None:
    """Read the detail slots of every sentence not read yet.  Spread over workers, they
    send back only the slots: most such sentences are never classified, and their full
    facts cost more to send than to read again for the few that are."""
    todo = [s for s in sentences if not s.slots_read]
    if not executor.spreads(len(todo), FACT_READS_PER_SECOND):
        for sentence in todo:
            sentence.slots  # noqa: B018 -- read here, kept by cached_property
        return
    unread = [s for s in todo if not s.facts_read]
    found = executor.map_chunks(slots_of, [s.sentence.text for s in unread],
                                FACT_READS_PER_SECOND)
    for sentence, slots in zip(unread, found, strict=True):
        sentence.__dict__["slots"] = slots
    for sentence in todo:
        sentence.slots  # noqa: B018 -- from facts already read


def facts_of(texts: list[str]) -> list[Facts]:
    """The facts of each sentence text (a worker's job)."""
    return [extract_facts(text) for text in texts]


def slots_of(texts: list[str]) -> list[frozenset[Slot]]:
    """The detail slots of each sentence text (a worker's job)."""
    return [detail_slots(extract_facts(text)) for text in texts]
