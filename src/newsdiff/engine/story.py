"""``compare_story(articles)``: every outlet at once, built from the pairwise engine's parts.

A story is not a set of independent pairs: the same fact told by five outlets
is one claim with five tellings.  So the story is compared in one pass over
the story sentences of *all* its articles, with the pairwise engine's own
steps (``compare``): sentence views, aliases, distinct texts, the IDF over
every sentence, candidate pairs through the term index (each sentence keeps
more partners when there are more outlets to find it in), the same
similarity, and average-linkage clustering into claims.  Cost grows with the
number of sentences times the partners each keeps, not with the number of
article pairs.

Then, per claim:

- each outlet's passage is its sentences in the claim;
- the **anchor** is the passage most like the others (highest total
  similarity, ties to the earlier article), and every other passage is
  classified and word-diffed against it as the pairwise engine does a pair;
- details that differ from the anchor become the claim's **divergences**.

A count stated by one outlet and a list of months by another ("twice" versus
"April, July and September") share few words and cluster apart; the
pairwise engine links such sentences by their detail slot (``same_slots``).
Here such a sentence, when its own claim is carried by its outlet alone,
joins the most widely carried claim that fills the same slot and that its
outlet does not already tell, where classification then says whether it
agrees or diverges.  And a sentence elsewhere in the story that counts the
same thing as a claim's anchor, with a number the anchor's cannot be, joins
that claim's passage of its outlet: an outlet that says "two meetings" in
one place and lists three months in another disputes the count, and the
claim shows it.

**Wire copy**: articles whose word 5-grams are mostly one another's
(:data:`WIRE_CONTAINMENT` of the shorter one's) are one source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsdiff.run import processes as parallel
from newsdiff.text.aliases import find_aliases
from newsdiff.engine.candidates import TOP_K, candidate_pairs, idf_weights
from newsdiff.engine.judge import classify_pair
from newsdiff.engine.pair import (
    MAX_SLOT_SENTENCES,
    SentenceView,
    Similarity,
    distinct_texts,
    read_facts,
    same_slots,
)
from newsdiff.text.diffing import word_diff
from newsdiff.text.facts import Facts, diverging_details, extract_facts
from newsdiff.engine.claims import cluster
from newsdiff.values import Article
from newsdiff.engine.scoring.model import load_model
from newsdiff.engine.quotes import find_quotes
from newsdiff.values import Claim, ClaimPassage, Divergence, Quote, Story
from newsdiff.text.tokens import words

#: Partners each sentence keeps per other outlet in the candidate search (the
#: pairwise engine keeps ``TOP_K`` with one other outlet), and the most it keeps.
PARTNERS_PER_OUTLET = 2
MAX_PARTNERS = 40
#: Share of the shorter article's word 5-grams the other must contain to be a reprint.
WIRE_CONTAINMENT = 0.7
#: From this many articles, quotes and wire copy are found in a worker process beside the
#: claims (about 0.25 s of work at 50 articles; a worker takes 0.2 s to start).
PARALLEL_QUOTES = 50
_SHINGLE = 5


def compare_story(articles: Sequence[Article]) -> Story:
    """Claims, divergences, quotes and wire copy of the articles of one story."""
    articles = tuple(articles)
    # Quotes and wire copy need nothing of the claims: a worker finds them meanwhile.
    quotes_and_sources = parallel.aside(_quotes_and_sources, articles,
                                        len(articles) >= PARALLEL_QUOTES)
    graph = _SentenceGraph(articles)
    quotes, sources = quotes_and_sources()
    source_of = {a: n for n, group in enumerate(sources) for a in group}
    groups = graph.claim_groups()
    disputes = graph.count_disputes(groups)
    claims = [_claim(graph, group, disputes.get(n, ()), source_of)
              for n, group in enumerate(groups)]
    claims.sort(key=lambda c: (-len(c.passages), -c.sources,
                               min((p.article, p.sentences[0]) for p in c.passages)))
    claims = [replace(c, id=n) for n, c in enumerate(claims)]
    return Story(
        articles=articles,
        claims=tuple(claims),
        quotes=quotes,
        divergences=tuple(d for c in claims for d in _divergences(c, graph)),
        sources=sources,
    )


class _SentenceGraph:
    """The story sentences of every article as the pairwise engine sees them, scored."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        model = load_model()
        story = [(n, s) for n, a in enumerate(articles) for s in a.story_sentences]
        aliases = find_aliases([s.text for _, s in story])
        self.owner = [n for n, _ in story]
        self.views = [SentenceView(s, model, aliases) for _, s in story]
        self.members = distinct_texts(self.views)
        self.nodes = [min((self.views[v] for v in g), key=lambda v: v.key) for g in self.members]
        self.sides = [frozenset(self.owner[v] for v in g) for g in self.members]
        self.node_of = {v: n for n, g in enumerate(self.members) for v in g}
        self.view_at = {(self.owner[v], view.sentence.index): v
                        for v, view in enumerate(self.views)}
        self.similarity = Similarity(idf_weights([v.terms for v in self.views]), self.nodes,
                                     self.sides)
        top_k = min(MAX_PARTNERS, max(TOP_K, PARTNERS_PER_OUTLET * (len(articles) - 1)))
        terms = [v.terms for v in self.nodes]
        self.scores = self.similarity.scores(candidate_pairs(terms, self.similarity.weights,
                                                             top_k))
        read_facts(self.views)
        #: A detail slot stops identifying one fact when more sentences than this fill it:
        #: the pairwise engine's cap, per pair of outlets.
        self.max_carriers = MAX_SLOT_SENTENCES * max(1, len(articles) // 2)

    def claim_groups(self) -> list[list[int]]:
        """Claims as lists of view indices: the clusters, with slot-linked lone tellings
        moved into the claim they dispute (see the module docstring)."""
        clusters = cluster([v.folded for v in self.nodes], self.scores)
        claim_of = {node: n for n, nodes in enumerate(clusters) for node in nodes}
        groups = [[v for node in nodes for v in self.members[node]] for nodes in clusters]
        outlets = [{self.owner[v] for v in g} for g in groups]
        disputed: dict[int, set[int]] = defaultdict(set)
        for i, j in same_slots(self.nodes, self.sides, self.max_carriers):
            for lone, other in ((i, j), (j, i)):
                if len(outlets[claim_of[lone]]) == 1 and len(outlets[claim_of[other]]) > 1:
                    disputed[claim_of[lone]].add(claim_of[other])
        for lone, targets in sorted(disputed.items()):
            open_targets = [t for t in targets if groups[t] and not outlets[lone] & outlets[t]]
            if open_targets:
                target = max(open_targets, key=lambda t: (len(outlets[t]), -t))
                groups[target] += groups[lone]
                outlets[target] |= outlets[lone]
                groups[lone] = []
        return [sorted(g, key=lambda v: (self.owner[v], self.views[v].sentence.index))
                for g in groups if g]

    def count_disputes(self, groups: list[list[int]]) -> dict[int, list[int]]:
        """Per claim (index into ``groups``), views outside it that count what it counts.

        Candidates only: :func:`_claim` keeps those whose count contradicts the
        anchor's.  A count carried by more than ``max_carriers`` sentences
        proposes none (as in the pairwise engine's slots).
        """
        claim_of = {v: n for n, g in enumerate(groups) for v in g}
        by_key: dict[str, list[int]] = defaultdict(list)
        for v, view in enumerate(self.views):
            for key in dict.fromkeys(c.key for c in view.facts.counts):
                by_key[key].append(v)
        out: dict[int, set[int]] = defaultdict(set)
        for carriers in by_key.values():
            if len(carriers) > self.max_carriers:
                continue
            for v in carriers:
                for w in carriers:
                    if (self.owner[v] != self.owner[w] and claim_of[w] != claim_of[v]
                            and self.views[v].terms & self.views[w].terms):
                        out[claim_of[v]].add(w)
        return {claim: sorted(views) for claim, views in out.items()}

    def facts(self, article: int, sentence: int) -> Facts:
        """The facts of sentence ``sentence`` of article ``article`` (a story sentence)."""
        return self.views[self.view_at[(article, sentence)]].facts

    def text_of(self, views: list[int]) -> str:
        return " ".join(self.views[v].sentence.text for v in views)


def _claim(graph: _SentenceGraph, group: list[int], disputes: Sequence[int],
           source_of: dict[int, int]) -> Claim:
    """A claim from its views: one passage per outlet, each compared with the anchor.

    ``disputes`` are views from elsewhere that count what the claim counts; one
    whose count cannot agree with the anchor's joins its outlet's passage.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for v in group:
        by_article[graph.owner[v]].append(v)
    articles = sorted(by_article)
    anchor_article = articles[_anchor(graph, [by_article[a] for a in articles])]
    anchor_views = by_article[anchor_article]
    anchor_text = graph.text_of(anchor_views)
    anchor_words, anchor_facts = words(anchor_text), extract_facts(anchor_text)
    if len(articles) > 1:
        for v in disputes:
            if graph.owner[v] != anchor_article and any(
                    d.type == "number"
                    for d in diverging_details(anchor_facts, graph.views[v].facts)):
                by_article[graph.owner[v]].append(v)
    articles = sorted(by_article)
    passages = []
    for article in articles:
        views = sorted(by_article[article], key=lambda v: graph.views[v].sentence.index)
        sentences = tuple(graph.views[v].sentence.index for v in views)
        if article == anchor_article:
            passages.append(ClaimPassage(article, sentences, "anchor"))
            continue
        text = graph.text_of(views)
        kind, _ = classify_pair(anchor_words, words(text), anchor_facts, extract_facts(text))
        # Details sentence by sentence: a passage that says "two meetings" in one
        # sentence and lists three months in another disputes the anchor's count,
        # which its joined text, allowing both, would hide.
        details = tuple(dict.fromkeys(
            d for v in views
            for d in classify_pair(anchor_words, graph.views[v].words, anchor_facts,
                                   graph.views[v].facts)[1]))
        kind = "divergent" if details else kind
        score = round(_passage_similarity(graph, anchor_views, views), 4)
        passages.append(ClaimPassage(article, sentences, kind, score, details,
                                     word_diff(anchor_text, text)))
    return Claim(-1, tuple(passages), articles.index(anchor_article),
                 len({source_of[a] for a in articles}))


def _anchor(graph: _SentenceGraph, passages: list[list[int]]) -> int:
    """The passage most similar to all the others (ties: the earliest article)."""
    if len(passages) == 1:
        return 0
    totals = [sum(_passage_similarity(graph, p, q) for q in passages if q is not p)
              for p in passages]
    return max(range(len(passages)), key=lambda n: (totals[n], -n))


def _passage_similarity(graph: _SentenceGraph, p: list[int], q: list[int]) -> float:
    """The best similarity between a sentence of ``p`` and one of ``q``."""
    return max(graph.similarity(graph.node_of[a], graph.node_of[b]) for a in p for b in q)


def _divergences(claim: Claim, graph: _SentenceGraph) -> list[Divergence]:
    """Each detail some outlet gives differently from the anchor, with the outlets' values.

    A count lists every passage's count of the same thing (an outlet may give
    two: "two meetings" here, three months there); other details list the
    anchor's value and each differing one.
    """
    anchor = claim.anchor_passage
    anchor_counts = [c for i in anchor.sentences for c in graph.facts(anchor.article, i).counts]
    # (type, anchor's value) -> (article, value folded) -> value as printed
    out: dict[tuple[str, str], dict[tuple[int, str], str]] = {}

    def add(values: dict[tuple[int, str], str], article: int, text: str) -> None:
        values.setdefault((article, text.casefold()), text)

    for p in claim.passages:
        for d in p.details:
            values = out.setdefault((d.type, d.a), {})
            add(values, anchor.article, d.a)
            key = next((c.key for c in anchor_counts if c.text == d.a), None)
            if d.type != "number" or key is None:
                add(values, p.article, d.b)
                continue
            for q in claim.passages:
                for i in q.sentences:
                    for c in graph.facts(q.article, i).counts:
                        if c.key == key:
                            add(values, q.article, c.text)
    return [Divergence(claim.id, kind,  # type: ignore[arg-type]
                       tuple(sorted(((a, text) for (a, _), text in values.items()),
                                    key=lambda v: v[0])))
            for (kind, _), values in out.items()]


def _quotes_and_sources(articles: tuple[Article, ...]) -> tuple[tuple[Quote, ...], tuple[tuple[int, ...], ...]]:
    """The story's quotes and its articles grouped by source (a worker's job)."""
    return find_quotes(articles), wire_sources(articles)


def wire_sources(articles: Sequence[Article]) -> tuple[tuple[int, ...], ...]:
    """Articles grouped by source: near-duplicates (reprints of one wire story) together.

    Two articles are one source when :data:`WIRE_CONTAINMENT` of the shorter
    one's word 5-grams occur in the other (a reprint may be trimmed or retitled,
    so containment, not overlap of the union).  Groups are closed under that
    relation and ordered by their first article.
    """
    shingles = [_shingles(a) for a in articles]
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            small, large = sorted((shingles[i], shingles[j]), key=len)
            if small and len(small & large) >= WIRE_CONTAINMENT * len(small):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    return tuple(sorted(tuple(g) for g in groups.values()))


def _shingles(article: Article) -> frozenset[tuple[str, ...]]:
    """The article's story text as a set of word 5-grams."""
    ws = words(" ".join(s.text for s in article.story_sentences))
    return frozenset(tuple(ws[k:k + _SHINGLE]) for k in range(len(ws) - _SHINGLE + 1))

