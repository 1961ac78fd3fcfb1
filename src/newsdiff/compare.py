"""``compare(a, b)``: the pairwise engine every front end renders.

The steps: take each article's story sentences (boilerplate is set aside by
ingest), propose candidate pairs through the term index (``align``), score
each candidate with the learned pair model (``paraphrase``), keep the pairs
that report the same fact (``links``), then classify each kept pair and diff
its words (``classify``, ``diffing``).  Whatever is neither aligned nor
boilerplate is unique to its article.

Symmetry: every pair is scored, classified and diffed in one canonical order
(by sentence text) and mirrored back if needed, so ``compare(b, a)`` is the
exact mirror image of ``compare(a, b)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from newsdiff.align import candidate_pairs, idf_weights
from newsdiff.classify import classify_pair
from newsdiff.diffing import mirror_diff, word_diff
from newsdiff.facts import Facts, extract_facts
from newsdiff.links import select_links
from newsdiff.model import Alignment, Article, Comparison, Detail, Sentence
from newsdiff.features import SentenceProfile
from newsdiff.paraphrase import ParaphraseModel, load_model
from newsdiff.tokens import content_words, fold_typography, words


@dataclass(eq=False)
class _SentenceView:
    """What the engine needs of one story sentence, each part computed at most once."""

    sentence: Sentence
    model: ParaphraseModel

    @cached_property
    def words(self) -> list[str]:
        return words(self.sentence.text)

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(content_words(self.sentence.text))

    @cached_property
    def folded(self) -> str:
        return " ".join(fold_typography(self.sentence.text).lower().split())

    @cached_property
    def facts(self) -> Facts:
        return extract_facts(self.sentence.text)

    @cached_property
    def profile(self) -> SentenceProfile:
        return self.model.profile(self.sentence.text)


def compare(a: Article, b: Article) -> Comparison:
    """Align and classify the sentences of two articles about the same story."""
    model = load_model()
    views_a = [_SentenceView(s, model) for s in a.story_sentences]
    views_b = [_SentenceView(s, model) for s in b.story_sentences]
    weights = idf_weights([v.terms for v in views_a] + [v.terms for v in views_b])
    candidates = candidate_pairs([v.terms for v in views_a], [v.terms for v in views_b], weights)
    scores = {
        (i, j): model.probability_from_profiles(*_canonical(views_a[i], views_b[j], "profile"))
        for i, j in candidates
    }
    exact = {(i, j) for i, j in candidates if views_a[i].folded == views_b[j].folded}
    alignments = tuple(
        _alignment(views_a[i], views_b[j], scores[(i, j)]) for i, j in select_links(scores, exact)
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


def _canonical(va: _SentenceView, vb: _SentenceView, attribute: str) -> tuple:
    """The attribute of both views, in canonical (text) order."""
    first, second = (va, vb) if _in_order(va, vb) else (vb, va)
    return getattr(first, attribute), getattr(second, attribute)


def _in_order(va: _SentenceView, vb: _SentenceView) -> bool:
    return (va.sentence.text, va.sentence.index) <= (vb.sentence.text, vb.sentence.index)


def _alignment(va: _SentenceView, vb: _SentenceView, score: float) -> Alignment:
    """Classify and diff one linked pair, computed in canonical order then mirrored."""
    ordered = _in_order(va, vb)
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
