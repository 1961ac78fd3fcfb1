"""The story sentences of several articles as one graph: the opening of every comparison.

A pair and a story are compared alike: every story sentence of every
article, with a person's title counted for their name and vice versa
(aliases, found over all of them); the IDF of each term over all of them;
the distinct texts as nodes (a sentence printed twice, or copied verbatim by
another outlet, is one node, and sorting by text numbers the nodes the same
whichever article comes first); candidate pairs through the term index
(:mod:`~newsdiff.engine.candidates`), each scored by the similarity
(:mod:`~newsdiff.engine.similarity`).  The pair engine
(:mod:`~newsdiff.engine.pair`) and the story engine
(:mod:`~newsdiff.engine.story`) go on from here in their own ways.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.engine.annotate import ArticleAnalysis, SentenceAnalysis, Slot, read_slots
from newsdiff.engine.candidates import candidate_pairs, idf_weights
from newsdiff.engine.scoring import Scorer
from newsdiff.engine.scoring.same_fact import SameFactModel
from newsdiff.engine.similarity import ArticleContext, Similarity, across
from newsdiff.run import Executor
from newsdiff.text.aliases import choose_aliases, expand


class SentenceGraph:
    """Every story sentence of ``articles`` ("views", by index), its distinct texts
    ("nodes"), and the candidate pairs of nodes with their similarity."""

    def __init__(self, articles: Sequence[ArticleAnalysis], scorer: Scorer,
                 model: SameFactModel, executor: Executor, partners: int) -> None:
        """``model`` judges pairs of sentences of different articles; ``partners``: how
        many candidate partners each node keeps (see
        :func:`~newsdiff.engine.candidates.candidate_pairs`)."""
        self.executor = executor
        #: The article (index into ``articles``) of each view.
        self.owner = [n for n, a in enumerate(articles) for _ in a.sentences]
        self.views: list[SentenceAnalysis] = [s for a in articles for s in a.sentences]
        aliases = choose_aliases([a.aliases for a in articles], [v.content for v in self.views],
                                 model.max_named_share)
        #: Each view's content terms, with a person's title for their name and vice versa.
        self.terms = [expand(v.content, aliases) for v in self.views]
        #: The views of each node.
        self.members = distinct_texts(self.views)
        first = [min(group, key=lambda v: self.views[v].key) for group in self.members]
        self.nodes = [self.views[v] for v in first]
        self.node_terms = [self.terms[v] for v in first]
        #: The articles that print each node's text.
        self.sides = [frozenset(self.owner[v] for v in g) for g in self.members]
        self.node_of = {v: n for n, g in enumerate(self.members) for v in g}
        weights = idf_weights(self.terms)
        article_terms: list[set[str]] = [set() for _ in articles]
        for v, terms in enumerate(self.terms):
            article_terms[self.owner[v]].update(terms)
        context = ArticleContext(weights, [frozenset(t) for t in article_terms],
                                 [len(a.sentences) for a in articles])
        self.similarity = Similarity(weights, self.nodes, self.node_terms, self.sides,
                                     context, scorer, model, executor)
        self.scores = self.similarity.scores(
            candidate_pairs(self.node_terms, self.similarity.weights, partners))

    def rescore(self, model: SameFactModel) -> None:
        """Judge the same candidate pairs with another same-fact model of the same scorer
        bounds and alias share (what training compares models with; the scorer is not
        asked again)."""
        self.similarity.model = model
        self.similarity.known.clear()
        self.scores = self.similarity.scores(list(self.scores))

    def view_similarity(self, v: int, w: int) -> float:
        """The similarity of views ``v`` and ``w`` (that of their texts)."""
        return self.similarity(self.node_of[v], self.node_of[w])

    def strong_pairs(self, threshold: float) -> list[tuple[int, int]]:
        """The candidate pairs of nodes at least ``threshold`` likely to tell one fact: linked
        on their own, whatever the clustering."""
        return [pair for pair, score in self.scores.items() if score >= threshold]

    def same_slots(self, max_carriers: int) -> list[tuple[int, int]]:
        """Cross-article pairs of nodes that give the same checkable detail of a shared subject.

        "Sessions met the ambassador twice" and "Sessions' meetings took place in
        April, July and September" share few words, yet both say how many
        meetings there were: the same fact, here with conflicting numbers, the
        divergence a fact-checker looks for.  Likewise "another meeting took
        place in July" and "once at a Heritage Foundation event in July".  A
        pair is linked when both sentences fill the same slot (count the same
        thing, per the facts module's count key, or name the same month; a
        year is too broad to pin one event) and share a content word;
        classification then says whether the details agree.  A slot that more
        than ``max_carriers`` sentences fill is no longer one fact (and would
        link them all with each other), so it proposes no pairs (the pair engine's
        cap is the same-fact model's ``max_slot_sentences``).
        """
        read_slots(self.nodes, self.executor)
        by_slot: dict[Slot, list[int]] = {}
        for n, node in enumerate(self.nodes):
            for slot in node.slots:
                by_slot.setdefault(slot, []).append(n)
        pairs = set()
        for carriers in by_slot.values():
            if len(carriers) > max_carriers:
                continue
            for x, i in enumerate(carriers):
                for j in carriers[x + 1 :]:
                    if across(self.sides[i], self.sides[j]) and (
                            self.node_terms[i] & self.node_terms[j]):
                        pairs.add((i, j))
        return sorted(pairs)


def distinct_texts(views: Sequence[SentenceAnalysis]) -> list[list[int]]:
    """Views grouped by their folded text, groups sorted by that text."""
    groups: dict[str, list[int]] = {}
    for n, view in enumerate(views):
        groups.setdefault(view.folded, []).append(n)
    return [groups[text] for text in sorted(groups)]
