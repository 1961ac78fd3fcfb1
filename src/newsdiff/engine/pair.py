"""``compare(a, b)``: the pairwise engine every front end renders.

The steps: the story sentences of both articles as one scored graph
(:mod:`~newsdiff.engine.graph`: aliases, distinct texts, candidate pairs
through the term index, similarities); the sentences clustered into claims
(:mod:`~newsdiff.engine.claims`); every cross-article pair within a claim
linked, and every pair similar enough on its own, and every pair that gives
the same detail (a count, a month) of a shared subject; each link judged
(:mod:`~newsdiff.engine.judge`: classified and word-diffed).  Whatever is
neither aligned nor boilerplate is unique to its article.

Symmetry: every pair is scored, classified and diffed in one canonical
order (by sentence text) and mirrored back if needed, and clustering breaks
ties by sentence text, so ``compare(b, a)`` is the mirror of ``compare(a, b)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.engine.annotate import ArticleAnalysis, annotate
from newsdiff.engine.claims import cluster
from newsdiff.engine.graph import SentenceGraph
from newsdiff.engine.judge import Judgement, judge
from newsdiff.engine.scoring import Scorer, default_scorer, same_fact_file
from newsdiff.engine.scoring.same_fact import SameFactModel, load_same_fact_model
from newsdiff.run import Executor, default_executor
from newsdiff.values import Alignment, Article, Comparison


def compare(a: Article | ArticleAnalysis, b: Article | ArticleAnalysis, *,
            scorer: Scorer | None = None, executor: Executor | None = None) -> Comparison:
    """Align and classify the sentences of two articles about the same story.

    ``a`` and ``b`` may be given analysed (:func:`~newsdiff.engine.annotate.annotate`),
    so that an article compared with many is analysed once.  ``scorer`` says how
    likely two sentences state the same thing (default: the chosen one, see
    :mod:`~newsdiff.engine.scoring`); its answers are weighed by the same-fact model
    trained on them;
    ``executor`` runs the bulk steps (default: this machine's worker processes
    when a step is worth them).
    """
    first, second = annotate(a), annotate(b)
    scorer = scorer or default_scorer()
    model = load_same_fact_model(same_fact_file(scorer))
    graph = SentenceGraph((first, second), scorer, model,
                          executor or default_executor(), model.partners)
    pairs = linked_views(graph, model)
    verdicts: dict[tuple[str, str], Judgement] = {}
    alignments = tuple(_alignment(graph, v, w, verdicts) for v, w in pairs)
    aligned_a = {i for al in alignments for i in al.a}
    aligned_b = {j for al in alignments for j in al.b}
    a, b = first.article, second.article
    return Comparison(
        a=a,
        b=b,
        alignments=alignments,
        unique_a=tuple(s.index for s in a.story_sentences if s.index not in aligned_a),
        unique_b=tuple(s.index for s in b.story_sentences if s.index not in aligned_b),
        boilerplate_a=tuple(s.index for s in a.sentences if s.boilerplate),
        boilerplate_b=tuple(s.index for s in b.sentences if s.boilerplate),
    )


def linked_views(graph: SentenceGraph, model: SameFactModel) -> list[tuple[int, int]]:
    """The linked pairs of views (A's first), with ``model``'s choices: within each claim
    (clustered at its claim threshold and linkage), each pair at least its link threshold
    likely to tell one fact on its own, and each pair that gives the same detail of a
    shared subject (in a slot that at most its cap of sentences fill)."""
    return sorted(claim_links(graph, model.claim_threshold, model.claim_linkage)
                  | strong_links(graph, model.link_threshold)
                  | slot_links(graph, model.max_slot_sentences))


# Each source of links on its own, so that training can try every combination of the
# three choices without recomputing a source per combination.

def claim_links(graph: SentenceGraph, claim_threshold: float,
                claim_linkage: str) -> set[tuple[int, int]]:
    """The linked views within each claim clustered at ``claim_threshold`` with
    ``claim_linkage``."""
    return set(_links(cluster([node.folded for node in graph.nodes], graph.scores,
                              claim_threshold, claim_linkage), graph))


def strong_links(graph: SentenceGraph, link_threshold: float) -> set[tuple[int, int]]:
    """The linked views of each pair at least ``link_threshold`` likely to tell one fact."""
    return set(_links(graph.strong_pairs(link_threshold), graph))


def slot_links(graph: SentenceGraph, max_slot_sentences: int) -> set[tuple[int, int]]:
    """The linked views that give the same detail of a shared subject."""
    return set(_links(graph.same_slots(max_slot_sentences), graph))


def _links(claims: Sequence[Sequence[int]], graph: SentenceGraph) -> list[tuple[int, int]]:
    """Cross-article pairs of views (A's first) within each claim (nodes: a cluster, or a
    linked pair).

    Two sentences that each have a verbatim copy on the other side (their
    own node) are not linked to each other: each has its counterpart, and
    two copied passages of one claim are two facts, not one.  A copied
    sentence still links to a retelling that has no copy of its own.

    A text printed several times on each side (a live blog, a transcript, a
    repeated caption) links its copies to the other side's in reading order,
    the first with the first, and any extra copies of one side to the other
    side's last: so the links grow with the number of copies, not with their
    product, and one copy on either side links to every copy on the other.
    """
    pairs = []
    for claim in claims:
        side_a = {node: [v for v in graph.members[node] if graph.owner[v] == 0] for node in claim}
        side_b = {node: [v for v in graph.members[node] if graph.owner[v] == 1] for node in claim}
        side_a = {node: views for node, views in side_a.items() if views}
        side_b = {node: views for node, views in side_b.items() if views}
        copied = side_a.keys() & side_b.keys()
        for node_i, views_i in side_a.items():
            for node_j, views_j in side_b.items():
                if node_i == node_j or not (node_i in copied and node_j in copied):
                    pairs.extend(_in_order(views_i, views_j))
    return pairs


def _in_order(views_a: list[int], views_b: list[int]) -> list[tuple[int, int]]:
    """The copies of two texts paired in reading order, extras to the other side's last."""
    longer = max(len(views_a), len(views_b))
    return [(views_a[min(k, len(views_a) - 1)], views_b[min(k, len(views_b) - 1)])
            for k in range(longer)]


def _alignment(graph: SentenceGraph, v: int, w: int,
               verdicts: dict[tuple[str, str], Judgement]) -> Alignment:
    """The alignment of linked views ``v`` (of A) and ``w`` (of B).  The verdict depends on
    their texts alone, so it is judged once per pair of texts (``verdicts``), however many
    copies of them are linked."""
    va, vb = graph.views[v], graph.views[w]
    texts = (va.sentence.text, vb.sentence.text)
    if texts not in verdicts:
        verdicts[texts] = judge([va], [vb])
    verdict = verdicts[texts]
    return Alignment(
        kind=verdict.kind,
        a=(va.sentence.index,),
        b=(vb.sentence.index,),
        score=round(graph.view_similarity(v, w), 4),
        details=verdict.details,
        diff=verdict.diff,
    )
