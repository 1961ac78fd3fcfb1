"""``compare_story(articles)``: every outlet at once, built from the pairwise engine's parts.

A story is not a set of independent pairs: the same fact told by five outlets
is one claim with five tellings.  So the story is compared in one pass over
the story sentences of *all* its articles: one sentence graph
(:mod:`~newsdiff.engine.graph`, where each sentence keeps more partners when
there are more outlets to find it in), clustered into claims by the same
clustering, at the story's own threshold and linkage.  Cost grows with the
number of sentences times the partners each keeps, not with the number of
article pairs.

Then, per claim:

- each outlet's passage is its sentences in the claim;
- the **anchor** is the passage most like the others (highest total
  similarity, ties to the earlier article), and every other passage is
  judged against it as the pairwise engine judges a pair
  (:func:`~newsdiff.engine.judge.judge`);
- details that differ from the anchor become the claim's **divergences**.

A count stated by one outlet and a list of months by another ("twice" versus
"April, July and September") share few words and cluster apart; the
pairwise engine links such sentences by their detail slot (``same_slots``).
Here such a sentence, when its own claim is carried by its outlet alone,
joins the most widely carried claim that fills the same slot, where judging
then says whether it agrees or diverges: a claim its outlet does not tell
yet, or one its outlet tells already when the slot is a count (two sentences
that count the same thing of a shared subject give one fact, "two confirmed
meetings" and "met twice", and the outlet's passage holds both; naming the
same month does not make one fact of them).  And a sentence elsewhere in the
story that counts the same thing as a claim's anchor, with a number the
anchor's cannot be, joins that claim's passage of its outlet: an outlet that
says "two meetings" in one place and lists three months in another disputes
the count, and the claim shows it.

Wire copy (:mod:`~newsdiff.engine.wire`) and the quotations grouped by
wording (:mod:`~newsdiff.engine.quotes`) need nothing of the claims, so a
large story's are found aside, by the executor, while the claims are built.
The claims then say which quotation an outlet reworded, and the quotes are
built aside in turn while the claims are judged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cached_property

from newsdiff.engine.annotate import ArticleAnalysis, annotate, read_facts
from newsdiff.engine.claims import cluster
from newsdiff.engine.graph import SentenceGraph
from newsdiff.engine.judge import judge
from newsdiff.engine.quotes import Quotations, read_quotations
from newsdiff.engine.scoring import Scorer, default_scorer, same_fact_file
from newsdiff.engine.scoring.same_fact import SameFactModel, load_same_fact_model
from newsdiff.engine.scoring.story_choices import StoryChoices, load_story_choices
from newsdiff.engine.wire import wire_sources
from newsdiff.run import Executor, default_executor
from newsdiff.text.facts import diverging_details, extract_facts
from newsdiff.values import Article, Claim, ClaimPassage, Divergence, Story

#: The most candidate partners a sentence keeps, however many outlets (the story's
#: ``partners_per_outlet`` each, at least the pairwise engine's ``partners``): a bound on
#: cost, which grows with the sentences times their partners.
MAX_PARTNERS = 40
#: The highest score a passage that is not the anchor's text again can have (see
#: :func:`_passage_score`): shown with two decimals, it never reads as an identical 1.00.
_BELOW_IDENTICAL = 0.99
#: The most sentences a detail slot of a story may have and still propose pairs: a bound
#: on cost, since a slot's pairs grow with the square of its sentences (1,000 of them,
#: all naming one month, take about 13 s in one process; 2,000 took 35 s).
MAX_STORY_SLOT_SENTENCES = 1000
#: A claim with more distinct sentences than this has its outlets' tellings compared with
#: the anchor's only, not also with each other (see :func:`_with_outlet_pairs`): the
#: pairs grow with the square of a live blog's hundreds of copies.
MAX_PAIRWISE_TEXTS = 60
#: Articles whose quotations and wire copy one core finds in a second, and whose quotes it
#: then builds from those in about a second more (for the executor's judgement of whether
#: doing each aside pays).
QUOTE_ARTICLES_PER_SECOND = 200


def compare_story(articles: Sequence[Article | ArticleAnalysis], *,
                  scorer: Scorer | None = None, executor: Executor | None = None,
                  choices: StoryChoices | None = None) -> Story:
    """Claims, divergences, quotes and wire copy of the articles of one story.

    ``articles`` may be given analysed, and ``scorer`` and ``executor`` as for
    :func:`newsdiff.engine.pair.compare`; ``choices`` replace the shipped story
    choices (what ``scripts/tune_story.py`` compares).
    """
    analyses = tuple(annotate(a) for a in articles)
    plain = tuple(a.article for a in analyses)
    executor = executor or default_executor()
    # Quotations and wire copy need nothing of the claims: they may be found meanwhile.
    quotations_and_sources = executor.aside(_quotations_and_sources, plain,
                                            len(plain) / QUOTE_ARTICLES_PER_SECOND)
    scorer = scorer or default_scorer()
    graph = _StoryGraph(analyses, scorer, load_same_fact_model(same_fact_file(scorer)),
                        choices or load_story_choices(), executor)
    groups = graph.claim_groups()
    quotations, sources = quotations_and_sources()
    # The quotes need the claims' sentences only: they are built while the claims are judged.
    quotes = executor.aside(quotations.quotes, graph.linked_sentences(groups),
                            len(plain) / QUOTE_ARTICLES_PER_SECOND)
    source_of = {a: n for n, group in enumerate(sources) for a in group}
    disputes = graph.count_disputes(groups)
    claims = [_claim(graph, group, disputes.get(n, ()), source_of)
              for n, group in enumerate(groups)]
    claims.sort(key=lambda c: (-len(c.passages), -c.sources,
                               min((p.article, p.sentences[0]) for p in c.passages)))
    claims = [replace(c, id=n) for n, c in enumerate(claims)]
    against_anchor = [d for c in claims for d in _divergences(c, graph)]
    divergences, disputing = _between_outlets(against_anchor, claims, graph)
    claims = [replace(c, outlets_diverge=tuple(sorted(
        disputing[c.id] - {c.anchor_passage.article}))) if c.id in disputing else c
        for c in claims]
    divergences.sort(key=lambda d: d.claim)
    return Story(
        articles=plain,
        claims=tuple(claims),
        quotes=quotes(),
        divergences=tuple(divergences),
        sources=sources,
    )


class _StoryGraph(SentenceGraph):
    """The story's sentence graph, with what claims need beyond a pair's: every
    sentence's facts, and where each article's sentences are."""

    def __init__(self, articles: tuple[ArticleAnalysis, ...], scorer: Scorer,
                 model: SameFactModel, choices: StoryChoices, executor: Executor) -> None:
        partners = min(MAX_PARTNERS, max(model.partners,
                                         choices.partners_per_outlet * (len(articles) - 1)))
        super().__init__(articles, scorer, model, executor, partners)
        self.link_threshold, self.claim_threshold = model.link_threshold, choices.claim_threshold
        self.claim_linkage = choices.claim_linkage
        self.view_at = {(self.owner[v], view.sentence.index): v
                        for v, view in enumerate(self.views)}
        read_facts(self.views, executor)
        #: A detail slot stops identifying one fact when more sentences than this fill it:
        #: the pairwise engine's cap, per pair of outlets (at most the cost bound).
        self.max_carriers = min(MAX_STORY_SLOT_SENTENCES,
                                model.max_slot_sentences * max(1, len(articles) // 2))

    def linked_sentences(self, groups: list[list[int]]) -> list[set[tuple[int, int]]]:
        """What the engine judges to tell one fact, as sets of (article, sentence index):
        each claim (``groups``, as :meth:`claim_groups` gives them), and each strong pair
        of texts in two claims, which the pairwise engine links whatever the claims."""
        def at(views: Iterable[int]) -> set[tuple[int, int]]:
            return {(self.owner[v], self.views[v].sentence.index) for v in views}

        claim_of = {self.node_of[v]: n for n, g in enumerate(groups) for v in g}
        return [*(at(g) for g in groups),
                *(at(self.members[n] + self.members[m])
                  for n, m in self.strong_pairs(self.link_threshold)
                  if claim_of[n] != claim_of[m])]

    @cached_property
    def slot_pairs(self) -> list[tuple[int, int]]:
        """The pairs of texts that give the same detail of a shared subject (the pairwise
        engine's slot links, with the story's cap), found once for the claims and the
        outlet-pair divergences."""
        return self.same_slots(self.max_carriers)

    def claim_groups(self) -> list[list[int]]:
        """Claims as lists of view indices: the clusters, with slot-linked lone tellings
        moved into the claim they dispute (see the module docstring)."""
        clusters = cluster([v.folded for v in self.nodes], self.scores, self.claim_threshold,
                           self.claim_linkage)
        claim_of = {node: n for n, nodes in enumerate(clusters) for node in nodes}
        groups = [[v for node in nodes for v in self.members[node]] for nodes in clusters]
        outlets = [{self.owner[v] for v in g} for g in groups]
        disputed: dict[int, set[int]] = defaultdict(set)
        counted: dict[int, set[int]] = defaultdict(set)  # the targets that count the same
        for i, j in self.slot_pairs:
            counts = any(kind == "count" for kind, _ in self.nodes[i].slots & self.nodes[j].slots)
            for lone, other in ((i, j), (j, i)):
                if len(outlets[claim_of[lone]]) == 1 and len(outlets[claim_of[other]]) > 1:
                    disputed[claim_of[lone]].add(claim_of[other])
                    if counts:
                        counted[claim_of[lone]].add(claim_of[other])
        for lone, targets in sorted(disputed.items()):
            open_targets = [t for t in targets if groups[t] and (
                t in counted[lone] or not outlets[lone] & outlets[t])]
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
                            and self.terms[v] & self.terms[w]):
                        out[claim_of[v]].add(w)
        return {claim: sorted(views) for claim, views in out.items()}

    def facts_at(self, article: int, sentence: int):
        """The facts of sentence ``sentence`` of article ``article`` (a story sentence)."""
        return self.views[self.view_at[(article, sentence)]].facts


def _claim(graph: _StoryGraph, group: list[int], disputes: Sequence[int],
           source_of: dict[int, int]) -> Claim:
    """A claim from its views: one passage per outlet, each judged against the anchor.

    ``disputes`` are views from elsewhere that count what the claim counts; one
    whose count cannot agree with the anchor's joins its outlet's passage.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for v in group:
        by_article[graph.owner[v]].append(v)
    articles = sorted(by_article)
    anchor_article = articles[_anchor(graph, [by_article[a] for a in articles])]
    anchor_views = by_article[anchor_article]
    anchor = [graph.views[v] for v in anchor_views]
    if len(articles) > 1:
        anchor_facts = extract_facts(" ".join(s.sentence.text for s in anchor))
        for v in disputes:
            if graph.owner[v] != anchor_article and any(
                    d.type == "number"
                    for d in diverging_details(anchor_facts, graph.views[v].facts)):
                by_article[graph.owner[v]].append(v)
    passages = []
    for article in sorted(by_article):
        views = sorted(by_article[article], key=lambda v: graph.views[v].sentence.index)
        sentences = tuple(graph.views[v].sentence.index for v in views)
        if article == anchor_article:
            passages.append(ClaimPassage(article, sentences, "anchor"))
            continue
        verdict = judge(anchor, [graph.views[v] for v in views])
        score = round(_passage_score(graph, anchor_views, views), 4)
        passages.append(ClaimPassage(article, sentences, verdict.kind, score, verdict.details,
                                     verdict.diff))
    others = [views for article, views in by_article.items() if article != anchor_article]
    return Claim(-1, tuple(passages), sorted(by_article).index(anchor_article),
                 len({source_of[a] for a in by_article}),
                 lead=graph.views[_lead(graph, anchor_views, others)].sentence.index)


def _anchor(graph: _StoryGraph, passages: list[list[int]]) -> int:
    """The passage most similar to all the others (ties: the earliest article)."""
    if len(passages) == 1:
        return 0
    totals = [sum(_passage_similarity(graph, p, q) for q in passages if q is not p)
              for p in passages]
    return max(range(len(passages)), key=lambda n: (totals[n], -n))


def _passage_similarity(graph: _StoryGraph, p: list[int], q: list[int]) -> float:
    """The best similarity between a sentence of ``p`` and one of ``q`` (by distinct texts: a
    passage that repeats one sentence many times costs what one copy costs)."""
    texts_p, texts_q = _texts(graph, p), _texts(graph, q)
    return max(graph.similarity(n, m) for n in texts_p for m in texts_q)


def _texts(graph: _StoryGraph, views: list[int]) -> set[int]:
    """The distinct texts (graph nodes) of a passage's views."""
    return {graph.node_of[v] for v in views}


def _passage_score(graph: _StoryGraph, anchor: list[int], views: list[int]) -> float:
    """How alike a passage is to the anchor's, as a whole: each sentence's best match on the
    other side, averaged over the sentences of both (by distinct texts).

    The best single match (:func:`_passage_similarity`, which picks the anchor)
    would call a passage that repeats one of the anchor's sentences and adds
    another a perfect match.  And 1 is kept for what it says: the same words in
    the same order (case, punctuation and typography aside); any other passage
    scores below it, however alike.
    """
    texts_p, texts_q = _texts(graph, anchor), _texts(graph, views)
    best = [max(graph.similarity(n, m) for m in texts_q) for n in texts_p]
    best += [max(graph.similarity(n, m) for n in texts_p) for m in texts_q]
    score = sum(best) / len(best)
    same = [graph.views[v].folded for v in anchor] == [graph.views[w].folded for w in views]
    return score if same else min(score, _BELOW_IDENTICAL)


def _lead(graph: _StoryGraph, anchor: list[int], others: list[list[int]]) -> int:
    """The anchor's sentence that tells the claim: the one that most other outlets' passages
    match best (ties: the closer matches in all, then the earlier sentence).

    An anchor passage of several sentences may open with one that only its
    outlet prints (the engine joins it to the claim through its neighbour); a
    row showing that sentence would show what the others do not say.
    """
    votes = dict.fromkeys(anchor, 0)
    strength = dict.fromkeys(anchor, 0.0)
    for views in others:
        matches = {a: max(graph.view_similarity(a, w) for w in views) for a in anchor}
        best = max(anchor, key=lambda a: (matches[a], -graph.views[a].sentence.index))
        votes[best] += 1
        for a, value in matches.items():
            strength[a] += value
    return max(anchor, key=lambda a: (votes[a], strength[a], -graph.views[a].sentence.index))


def _divergences(claim: Claim, graph: _StoryGraph) -> list[Divergence]:
    """Each detail some outlet gives differently from the anchor, with the outlets' values.

    A count lists every passage's count of the same thing (an outlet may give
    two: "two meetings" here, three months there); other details list the
    anchor's value and each differing one.
    """
    anchor = claim.anchor_passage
    anchor_counts = [c for i in anchor.sentences for c in graph.facts_at(anchor.article, i).counts]
    # (type, anchor's value) -> (article, value folded) -> value as printed
    out: dict[tuple[str, str], dict[tuple[int, str], str]] = {}
    conflicts: set[tuple[str, str]] = set()  # the keys some outlet's detail conflicts on

    def add(values: dict[tuple[int, str], str], article: int, text: str) -> None:
        values.setdefault((article, text.casefold()), text)

    for p in claim.passages:
        for d in p.details:
            values = out.setdefault((d.type, d.a.casefold()), {})
            if d.conflicts:
                conflicts.add((d.type, d.a.casefold()))
            add(values, anchor.article, d.a)
            key = next((c.key for c in anchor_counts if c.text == d.a), None)
            if d.type != "number" or key is None:
                add(values, p.article, d.b)
                continue
            for q in claim.passages:
                for i in q.sentences:
                    for c in graph.facts_at(q.article, i).counts:
                        if c.key == key:
                            add(values, q.article, c.text)
    return [Divergence(claim.id, kind,  # type: ignore[arg-type]
                       tuple(sorted(((a, text) for (a, _), text in values.items()),
                                    key=lambda v: v[0])),
                       "conflict" if (kind, anchor_value) in conflicts else "variant")
            for (kind, anchor_value), values in out.items()]


def _between_outlets(found: list[Divergence], claims: Sequence[Claim], graph: _StoryGraph,
                     ) -> tuple[list[Divergence], dict[int, set[int]]]:
    """The details two outlets give differently where neither is the anchor, beyond
    ``found`` (each claim's details against its anchor), so that the story names the
    divergences the pairwise view of two of its outlets names.

    Two kinds of text pairs are compared, each pair of distinct texts once: two texts of
    one claim, in two outlets' passages (neither the anchor's, which ``found`` compared),
    that are each other's closest in the other passage (the anchor may not give the
    detail: "Kislyak" against "Sergey Kislyak" and "Sergei Kislyak"; and a passage of
    two sentences, "one meeting in September" and "the other in July", is compared
    sentence by sentence with the other outlet's two, September with September, not
    across), and two texts that the pairwise engine links whatever its clustering
    (similarity at least the model's link threshold, or the same detail slot) but that
    the story's clustering put in different claims; such a divergence is listed under the
    more widely carried claim.  Every outlet printing either text is listed with its
    value; a divergence the claim lists already is not listed again, and one that shares
    an outlet's value with a listed one of its type adds its values to it ("twice" in a
    third sentence joins the count already listed; so do two of ``found`` that give one
    outlet's value).

    Returns every divergence (``found``, some with more values, then the new ones) and,
    per claim, the outlets whose tellings were found to differ from each other.
    """
    def nodes(passage: ClaimPassage) -> set[int]:
        return {graph.node_of[graph.view_at[(passage.article, i)]] for i in passage.sentences}

    claim_of: dict[int, Claim] = {}
    pairs: dict[tuple[int, int], Claim] = {}
    for c in claims:
        for p in c.passages:
            for n in nodes(p):
                claim_of.setdefault(n, c)
        tellings = [nodes(p) for p in c.passages if p is not c.anchor_passage]
        if len(set().union(*tellings)) <= MAX_PAIRWISE_TEXTS:
            pairs.update((pair, c) for x, first in enumerate(tellings)
                         for second in tellings[x + 1:]
                         for pair in _mutual_best(graph, first, second))
    for n, m in graph.strong_pairs(graph.link_threshold) + graph.slot_pairs:
        cn, cm = claim_of.get(n), claim_of.get(m)
        if cn is not None and cm is not None and cn is not cm:
            # claims are numbered widest first: the lower id is the more widely carried
            pairs.setdefault((n, m), min(cn, cm, key=lambda c: c.id))
    # each divergence's values, keyed by (outlet, value folded); listed by claim, type, severity
    entries: list[tuple[Divergence, dict[tuple[int, str], tuple[int, str]]]] = []
    listed: dict[tuple[int, str, str], list[int]] = defaultdict(list)

    def add(divergence: Divergence, keyed: dict[tuple[int, str], tuple[int, str]]) -> None:
        """List a divergence, or add its values to a listed one that shares an outlet's."""
        held = listed[(divergence.claim, divergence.type, divergence.severity)]
        overlapping = next((x for x in held if keyed.keys() & entries[x][1].keys()), None)
        if overlapping is None:
            held.append(len(entries))
            entries.append((divergence, keyed))
        else:
            entries[overlapping][1].update(keyed)

    for d in found:
        add(d, {(a, t.casefold()): (a, t) for a, t in d.values})
    disputing: dict[int, set[int]] = defaultdict(set)
    for (n, m), claim in sorted(pairs.items()):
        if not graph.sides[n] ^ graph.sides[m]:
            continue  # the same outlets print both: no two outlets tell it differently
        for d in diverging_details(graph.nodes[n].facts, graph.nodes[m].facts):
            values = {(a, d.a) for a in graph.sides[n]} | {(b, d.b) for b in graph.sides[m]}
            keyed = {(a, t.casefold()): (a, t) for a, t in sorted(values)}
            held = listed[(claim.id, d.type, d.severity)]
            if any(keyed.keys() <= entries[x][1].keys() for x in held):
                continue
            disputing[claim.id].update(a for a, _ in values)
            add(Divergence(claim.id, d.type, (), d.severity), keyed)
    return [replace(d, values=tuple(sorted(values.values(), key=lambda v: v[0])))
            for d, values in entries], disputing


def _mutual_best(graph: _StoryGraph, first: set[int], second: set[int],
                 ) -> list[tuple[int, int]]:
    """The pairs of texts, one of each telling only, that are each other's most similar in
    the other (ties: the lower text), as ``(lower, higher)``."""
    own_first, own_second = sorted(first - second), sorted(second - first)
    if not own_first or not own_second:
        return []

    def closest(n: int, among: list[int]) -> int:
        return max(among, key=lambda m: (graph.similarity(n, m), -m))

    pairs = []
    for n in own_first:
        m = closest(n, own_second)
        if closest(m, own_first) == n:
            pairs.append((min(n, m), max(n, m)))
    return pairs


def _quotations_and_sources(articles: tuple[Article, ...]) -> tuple[Quotations,
                                                                     tuple[tuple[int, ...], ...]]:
    """The story's quotations grouped by wording, and its articles grouped by source (a job
    for the executor)."""
    return read_quotations(articles), wire_sources(articles)
