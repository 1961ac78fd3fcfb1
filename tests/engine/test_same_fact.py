"""The learned same-fact model and the similarity features it is given."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from newsdiff.engine.annotate import annotate
from newsdiff.engine.claims import LINKAGES
from newsdiff.engine.graph import SentenceGraph
from newsdiff.engine.scoring import default_scorer
from newsdiff.engine.scoring.same_fact import (
    FEATURE_NAMES,
    MODEL_FILE,
    load_same_fact_model,
    same_fact_model_from_dict,
)
from newsdiff.engine.similarity import relative_similarity
from newsdiff.resources import package_dir, sample_story
from newsdiff.run.inprocess import InProcess
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import parse_article


def _shipped() -> dict:
    return json.loads((package_dir("data") / MODEL_FILE).read_text(encoding="utf-8"))


def _graph(first: str, second: str, model=None, scorer=None) -> SentenceGraph:
    model = model or load_same_fact_model()
    articles = [annotate(parse_article(text, f"{n}.txt")) for n, text in
                enumerate((first, second))]
    return SentenceGraph(articles, scorer or default_scorer(), model, InProcess(),
                         model.partners)


def test_the_shipped_model_says_what_it_was_trained_on_and_how_it_was_chosen():
    data = _shipped()
    assert data["script"].startswith("scripts/train_same_fact.py")
    for name in ("ECB+", "GVC", "STS", "gold-dev"):
        assert name in data["data"]
    cv = data["cross_validation"]
    assert cv["folds"] >= 5 and "topic" in cv["grouped_by"]
    assert set(cv["engine"]) >= {"ecbplus", "gvc", "sts", "sample", "objective"}
    model = load_same_fact_model()
    assert 0 < model.claim_threshold < 1 and 0 < model.link_threshold < 1
    assert model.partners >= 1 and 0 <= model.scorer_gate < 1
    assert model.claim_linkage in LINKAGES


def test_a_model_that_clusters_with_a_linkage_this_code_does_not_know_is_refused():
    data = _shipped()
    data["choices"]["claim_linkage"] = "ward"
    with pytest.raises(RuntimeError, match="linkage"):
        same_fact_model_from_dict(data)


def test_a_model_of_features_this_code_does_not_measure_is_refused():
    data = _shipped()
    data["features"] = [*data["features"][:-1], "sentiment"]
    with pytest.raises(RuntimeError, match="train_same_fact"):
        same_fact_model_from_dict(data)


def test_more_similar_sentences_are_more_likely_one_fact():
    model = load_same_fact_model()
    base = [0.3, 0.3, 0.3, 0.3, 5.0, 2.0, 2.5, 0.8, 1.0]
    assert len(base) == len(FEATURE_NAMES)
    higher = list(base)
    higher[FEATURE_NAMES.index("similarity")] = 0.9
    assert model.probability(higher) > model.probability(base)
    assert 0 < model.probability(base) < 1


def test_relative_similarity_is_one_for_the_best_partner_and_a_share_below():
    assert relative_similarity(0.8, 0.8) == 1.0
    assert relative_similarity(0.4, 0.8) == 0.5
    assert relative_similarity(0.0, 0.0) == 1.0


def test_features_do_not_depend_on_which_article_comes_first():
    story = sample_story()
    first, second = (load_article(str(story[n])) for n in (0, 4))
    forward = SentenceGraph([annotate(first), annotate(second)], default_scorer(),
                            load_same_fact_model(), InProcess(), load_same_fact_model().partners)
    backward = SentenceGraph([annotate(second), annotate(first)], default_scorer(),
                             load_same_fact_model(), InProcess(), load_same_fact_model().partners)
    # nodes are numbered by text, so the same pair has the same numbers both ways
    assert forward.scores.keys() == backward.scores.keys()
    for (i, j), value in forward.scores.items():
        assert backward.scores[(i, j)] == pytest.approx(value, abs=1e-12)


def test_a_sentence_pair_is_measured_in_its_articles_context():
    """The same sentence pair beside articles that share nothing else gets a lower articles'
    cosine than beside articles on one story; its own features do not change."""
    a = "A 4.2-magnitude earthquake shook the region on Sunday morning, officials said."
    b = "Officials said an earthquake of magnitude 4.4 shook the region on Sunday."
    same_story = ("Residents of the valley felt the quake and some buildings were damaged. "
                  "The geological survey recorded aftershocks in the valley.")
    other = "The city council approved its budget for schools and roads next year."

    def features(graph: SentenceGraph) -> dict[str, float]:
        nodes = {view.sentence.text: graph.node_of[v] for v, view in enumerate(graph.views)}
        i, j = sorted((nodes[a], nodes[b]))
        return dict(zip(FEATURE_NAMES, graph.similarity.features(i, j, 0.5, (0.5, 0.5)),
                        strict=True))

    together = features(_graph(f"{a}\n\n{same_story}\n", f"{b}\n\n{same_story}\n"))
    apart = features(_graph(f"{a}\n\n{same_story}\n", f"{b}\n\n{other}\n"))
    assert together["articles_cosine"] > apart["articles_cosine"] > 0
    assert together["relative_lower"] == apart["relative_lower"] == 1.0


class _CountingScorer:
    """The shipped scorer, counting the questions asked of it."""

    def __init__(self) -> None:
        self.inner, self.asked = default_scorer(), 0

    def prepare(self, text):
        return self.inner.prepare(text)

    def probability(self, a, b):
        self.asked += 1
        return self.inner.probability(a, b)


def test_rescoring_with_another_model_does_not_ask_the_scorer_again():
    scorer = _CountingScorer()
    story = sample_story()
    model = load_same_fact_model()
    graph = SentenceGraph([annotate(load_article(str(story[n]))) for n in (1, 3)], scorer,
                          model, InProcess(), model.partners)
    asked, before = scorer.asked, dict(graph.scores)
    assert asked > 0
    graph.rescore(replace(model, bias=model.bias - 2.0))
    assert scorer.asked == asked
    across = [pair for pair in before if before[pair] != graph.scores[pair]]
    assert across and all(graph.scores[pair] < before[pair] for pair in across)


def test_the_scorer_is_asked_about_the_pairs_the_model_s_bounds_say():
    """A model that asks the scorer up to a full match asks it about more pairs than one
    that stops at 0.4, and each asks only about pairs within its bounds."""
    story = sample_story()
    articles = [annotate(load_article(str(story[n]))) for n in (1, 3)]
    asked = {}
    for enough in (0.4, 1.0):
        model = replace(load_same_fact_model(), scorer_gate=0.2, scorer_enough=enough)
        graph = SentenceGraph(articles, default_scorer(), model, InProcess(), model.partners)
        similarity = graph.similarity
        asked[enough] = {pair for pair, answer in similarity.answers.items() if answer is not None}
        assert all(0.2 <= similarity.containment(*pair) < enough for pair in asked[enough])
    assert asked[0.4] < asked[1.0]


@pytest.mark.parametrize("share, aliased", [(0.5, False), (0.7, True)])
def test_a_person_is_the_subject_past_the_model_s_named_share(share, aliased):
    """Sessions is named in two of three sentences: under a share of 0.5 he is the subject
    and gets no alias; under 0.7 the sentence that says only his title counts his name."""
    model = replace(load_same_fact_model(), max_named_share=share)
    graph = _graph("Attorney General Jeff Sessions met the envoy.\n\nSessions denied it.\n",
                   "The attorney general spoke later.\n", model)
    (title_only,) = (v for v, view in enumerate(graph.views)
                     if view.sentence.text.startswith("The attorney general"))
    assert ("session" in graph.terms[title_only]) is aliased
