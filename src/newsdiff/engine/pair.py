"""``compare(a, b)``: the pairwise engine every front end renders.

The steps: take each article's story sentences (boilerplate is set aside by
ingest); propose candidate pairs through the term index over the sentences
of both articles (``align``); give each candidate a similarity; cluster the
sentences into claims (``links``); link every cross-article pair within a
claim, every pair similar enough on its own, and every pair that gives the
same detail (a count, a month) of a shared subject; classify and diff each link (``classify``, ``diffing``).  Whatever is
neither aligned nor boilerplate is unique to its article.

The similarity of two sentences joins two views of "the same fact":

- IDF-weighted containment: how much of the shorter sentence's content the
  other carries.  A headline and a lede that adds detail score high, which
  a paraphrase model trained on sentence pairs of similar length does not;
- the learned pair model (``paraphrase``, trained on MSRP), which sees
  paraphrase in different words.  It is asked only about pairs from
  different articles (what it was trained on, and where paraphrase is the
  question) that share at least ``MODEL_MIN_CONTAINMENT`` of their content:
  below that, its confident answers on pairs unlike its training data are
  mostly wrong.  Nor is it asked when containment alone reaches
  ``DIRECT_LINK``: such a pair is linked whatever the model says.
  Sentences of one article join a claim by containment.

Symmetry: every pair is scored, classified and diffed in one canonical
order (by sentence text) and mirrored back if needed, and clustering breaks
ties by sentence text, so ``compare(b, a)`` is the mirror of ``compare(a, b)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from newsdiff.run import processes as parallel
from newsdiff.text.aliases import Alias, expand, find_aliases
from newsdiff.engine.candidates import candidate_pairs, idf_weights
from newsdiff.engine.judge import classify_pair
from newsdiff.text.diffing import mirror_diff, word_diff
from newsdiff.text.facts import Facts, extract_facts
from newsdiff.engine.scoring.features import SentenceProfile
from newsdiff.engine.claims import cluster
from newsdiff.values import Alignment, Article, Comparison, Detail, Sentence
from newsdiff.engine.scoring.model import ParaphraseModel, load_model
from newsdiff.text.tokens import content_terms, words

# The pair model is asked only about pairs sharing at least this much of their content.
MODEL_MIN_CONTAINMENT = 0.2
# A pair this similar is linked even if clustering put its sentences in different claims.
DIRECT_LINK = 0.6
# A detail slot filled by more sentences than this does not identify one fact.
MAX_SLOT_SENTENCES = 20
# From this many pair-model questions, or sentences to read facts from, the work is spread
# over worker processes (each step costs about 1 s per this many on one core; workers take
# 0.2 s to start).
PARALLEL_MODEL_PAIRS = 8_000
PARALLEL_FACTS = 4_000


@dataclass(eq=False)
class SentenceView:
    """What the engine needs of one story sentence, each part computed at most once."""

    sentence: Sentence
    model: ParaphraseModel
    aliases: list[Alias]

    @cached_property
    def key(self) -> tuple[str, int]:
        """Orders sentences the same way whichever article is given first."""
        return (self.sentence.text, self.sentence.index)

    @cached_property
    def words(self) -> list[str]:
        return words(self.sentence.text)

    @cached_property
    def terms(self) -> frozenset[str]:
        """Content lemmas, with a person's title for their name and vice versa."""
        return expand(content_terms(self.sentence.text), self.aliases)

    @cached_property
    def folded(self) -> str:
        return " ".join(self.words)

    @cached_property
    def facts(self) -> Facts:
        return extract_facts(self.sentence.text)

    @property
    def facts_read(self) -> bool:
        """Whether :attr:`facts` is already known (read here, or given by :func:`read_facts`)."""
        return "facts" in self.__dict__  # where cached_property keeps its value

    @cached_property
    def profile(self) -> SentenceProfile:
        return self.model.profile(self.sentence.text)


class Similarity:
    """Similarity of two distinct sentence texts (see the module docstring)."""

    def __init__(
        self, weights: dict[str, int], nodes: list[SentenceView], sides: list[frozenset[int]]
    ) -> None:
        self.weights = weights
        self.sides = sides
        self.known: dict[tuple[int, int], float] = {}
        self.mass = [sum(weights[t] for t in v.terms) for v in nodes]
        self.nodes = nodes

    def __call__(self, i: int, j: int) -> float:
        """Similarity of nodes ``i`` and ``j``, computed once per pair."""
        if i == j:
            return 1.0
        key = (i, j) if i < j else (j, i)
        if key not in self.known:
            self.known[key] = self._compute(*key)
        return self.known[key]

    def scores(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """The similarity of each pair ``(i, j)``, ``i < j``: what ``__call__`` gives.  Many
        pairs (a large story) have the pair model's questions asked in worker processes,
        all at once (see :mod:`newsdiff.run.processes`); few are scored here, one by one, with
        the sentences' own profiles."""
        pairs = list(pairs)
        if parallel.spreads(len(pairs), PARALLEL_MODEL_PAIRS):
            asked = []
            for pair in pairs:
                if pair not in self.known:
                    containment = self._containment(*pair)
                    if self._asks_model(*pair, containment):
                        asked.append((pair, containment))
                    else:
                        self.known[pair] = containment
            texts = [tuple(v.sentence.text for v in self._canonical(*pair))
                     for pair, _ in asked]
            for (pair, containment), p in zip(
                asked, parallel.map_chunks(paraphrase_probabilities, texts, PARALLEL_MODEL_PAIRS),
                strict=True,
            ):
                self.known[pair] = max(containment, p)
        return {pair: self(*pair) for pair in pairs}

    def _compute(self, i: int, j: int) -> float:
        containment = self._containment(i, j)
        if not self._asks_model(i, j, containment):
            return containment
        first, second = self._canonical(i, j)
        return max(containment, first.model.probability_from_profiles(first.profile, second.profile))

    def _containment(self, i: int, j: int) -> float:
        shared = sum(self.weights[t] for t in self.nodes[i].terms & self.nodes[j].terms)
        return shared / max(1, min(self.mass[i], self.mass[j]))

    def _asks_model(self, i: int, j: int, containment: float) -> bool:
        return MODEL_MIN_CONTAINMENT <= containment < DIRECT_LINK and across(
            self.sides[i], self.sides[j])

    def _canonical(self, i: int, j: int) -> tuple[SentenceView, SentenceView]:
        """The two nodes in the order the model is asked about them (by sentence text)."""
        vi, vj = self.nodes[i], self.nodes[j]
        return (vi, vj) if vi.key <= vj.key else (vj, vi)


def paraphrase_probabilities(pairs: list[tuple[str, str]]) -> list[float]:
    """The pair model's probability for each pair of sentence texts (a worker's job)."""
    model = load_model()
    return [model.probability_from_profiles(_profile(a), _profile(b)) for a, b in pairs]


@lru_cache(maxsize=20_000)
def _profile(text: str) -> SentenceProfile:
    """A text's profile for the pair model, kept for the worker's later chunks: a sentence
    is in many pairs, and the chunks of one step share most of their sentences.  (This
    process scores with the views' own profiles.)"""
    return load_model().profile(text)


def read_facts(views: Sequence[SentenceView]) -> None:
    """Read the facts of every view at once, in worker processes when there are many
    (the first step to need them asks for all of them anyway)."""
    todo = [v for v in views if not v.facts_read]
    texts = [v.sentence.text for v in todo]
    for view, facts in zip(todo, parallel.map_chunks(facts_of, texts, PARALLEL_FACTS),
                           strict=True):
        view.__dict__["facts"] = facts  # as cached_property would have kept it


def facts_of(texts: list[str]) -> list[Facts]:
    """The facts of each sentence text (a worker's job)."""
    return [extract_facts(text) for text in texts]


def compare(a: Article, b: Article) -> Comparison:
    """Align and classify the sentences of two articles about the same story."""
    model = load_model()
    story = (*a.story_sentences, *b.story_sentences)
    aliases = find_aliases([s.text for s in story])
    views = [SentenceView(s, model, aliases) for s in story]
    in_a = len(a.story_sentences)
    members = distinct_texts(views)
    nodes = [min((views[v] for v in group), key=lambda v: v.key) for group in members]
    sides = [frozenset(0 if v < in_a else 1 for v in group) for group in members]
    similarity = Similarity(idf_weights([v.terms for v in views]), nodes, sides)
    terms = [v.terms for v in nodes]
    scores = similarity.scores(candidate_pairs(terms, similarity.weights))
    claims = cluster([v.folded for v in nodes], scores)
    strong = [[i, j] for (i, j), s in scores.items() if s >= DIRECT_LINK]
    node_of = {v: n for n, group in enumerate(members) for v in group}
    slots = same_slots(nodes, sides)
    pairs = sorted(
        set(_links(claims, members, in_a))
        | set(_links(strong, members, in_a))
        | set(_links(slots, members, in_a))
    )
    alignments = tuple(
        _alignment(views[i], views[j], similarity(node_of[i], node_of[j])) for i, j in pairs
    )
    aligned_a = {i for al in alignments for i in al.a}
    aligned_b = {j for al in alignments for j in al.b}
    return Comparison(
        a=a,
        b=b,
        alignments=alignments,
        unique_a=tuple(s.index for s in a.story_sentences if s.index not in aligned_a),
        unique_b=tuple(s.index for s in b.story_sentences if s.index not in aligned_b),
        boilerplate_a=tuple(s.index for s in a.sentences if s.boilerplate),
        boilerplate_b=tuple(s.index for s in b.sentences if s.boilerplate),
    )


def same_slots(nodes: list[SentenceView], sides: list[frozenset[int]],
               max_carriers: int = MAX_SLOT_SENTENCES) -> list[list[int]]:
    """Cross-article pairs that give the same checkable detail of a shared subject.

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
    link them all with each other), so it proposes no pairs.
    """
    by_slot: dict[tuple[str, object], list[int]] = {}
    for n, slots in enumerate(detail_slots(nodes)):
        for slot in slots:
            by_slot.setdefault(slot, []).append(n)
    pairs = set()
    for carriers in by_slot.values():
        if len(carriers) > max_carriers:
            continue
        for x, i in enumerate(carriers):
            for j in carriers[x + 1 :]:
                if across(sides[i], sides[j]) and nodes[i].terms & nodes[j].terms:
                    pairs.add((i, j))
    return [list(pair) for pair in sorted(pairs)]


def detail_slots(views: Sequence[SentenceView]) -> list[set[tuple[str, object]]]:
    """The detail slots each view fills.

    Many sentences (a long document) are read in worker processes, which send
    back only the slots: most such sentences are never classified, and their
    full facts cost more to send than to read again for the few that are.
    """
    if parallel.spreads(len(views), PARALLEL_FACTS):
        texts = [v.sentence.text for v in views if not v.facts_read]
        found = iter(parallel.map_chunks(slots_of, texts, PARALLEL_FACTS))
        return [_slots(v.facts) if v.facts_read else next(found) for v in views]
    return [_slots(v.facts) for v in views]


def slots_of(texts: list[str]) -> list[set[tuple[str, object]]]:
    """The detail slots of each sentence text (a worker's job)."""
    return [_slots(extract_facts(text)) for text in texts]


def _slots(facts: Facts) -> set[tuple[str, object]]:
    """The detail slots a sentence fills: what it counts, and which months it names."""
    return {("count", c.key) for c in facts.counts} | {
        ("month", d.value) for d in facts.dates if d.kind == "month"
    }


def across(sides_i: frozenset[int], sides_j: frozenset[int]) -> bool:
    """Whether two texts occur in different articles (``sides_*``: the articles, by index,
    that print each text)."""
    return len(sides_i | sides_j) >= 2


def distinct_texts(views: list[SentenceView]) -> list[list[int]]:
    """Views grouped by their folded text, groups sorted by that text.

    The engine works on distinct texts: a sentence printed twice, or copied
    verbatim by the other outlet, is one node.  Sorting by text makes the
    node numbering the same whichever article comes first.
    """
    groups: dict[str, list[int]] = {}
    for n, view in enumerate(views):
        groups.setdefault(view.folded, []).append(n)
    return [groups[text] for text in sorted(groups)]


def _links(
    claims: list[list[int]], members: list[list[int]], in_a: int
) -> list[tuple[int, int]]:
    """Cross-article pairs of views within each claim (a list of nodes).

    Two sentences that each have a verbatim copy on the other side (their
    own node) are not linked to each other: each has its counterpart, and
    two copied passages of one claim are two facts, not one.  A copied
    sentence still links to a retelling that has no copy of its own.
    """
    pairs = []
    for claim in claims:
        side_a = [(v, node) for node in claim for v in members[node] if v < in_a]
        side_b = [(v, node) for node in claim for v in members[node] if v >= in_a]
        copied = {node for _, node in side_a} & {node for _, node in side_b}
        pairs.extend(
            (i, j)
            for i, node_i in side_a
            for j, node_j in side_b
            if node_i == node_j or not (node_i in copied and node_j in copied)
        )
    return pairs


def _alignment(va: SentenceView, vb: SentenceView, score: float) -> Alignment:
    """Classify and diff one linked pair, computed in canonical order then mirrored."""
    ordered = va.key <= vb.key
    first, second = (va, vb) if ordered else (vb, va)
    kind, details = classify_pair(first.words, second.words, first.facts, second.facts)
    diff = word_diff(first.sentence.text, second.sentence.text)
    if not ordered:
        details = tuple(Detail(d.type, d.b, d.a) for d in details)
        diff = mirror_diff(diff)
    return Alignment(
        kind=kind,
        a=(va.sentence.index,),
        b=(vb.sentence.index,),
        score=round(score, 4),
        details=details,
        diff=diff,
    )
