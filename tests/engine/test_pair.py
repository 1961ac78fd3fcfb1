"""The pairwise engine on the sample story and on small made-up articles."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from newsdiff.engine.pair import compare
from newsdiff.engine.scoring.same_fact import load_same_fact_model
from newsdiff.resources import sample_story
from newsdiff.run.inprocess import InProcess
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import parse_article
from tests.scaling import near_linear


def _pairs(c, kind=None):
    return {
        (c.a.sentences[al.a[0]].text, c.b.sentences[al.b[0]].text)
        for al in c.alignments
        if kind is None or al.kind == kind
    }


def _sample(i: int, j: int):
    story = sample_story()
    return compare(load_article(str(story[i])), load_article(str(story[j])))


def test_quote_carried_by_both_outlets_is_shared():
    c = _sample(0, 4)
    assert any("no idea what this allegation is about" in a and "no idea" in b
               for a, b in _pairs(c, "shared"))


def test_a_headline_aligns_with_the_other_outlets_telling_of_its_fact():
    c = _sample(0, 4)
    assert any(a == "POLITICS \u2014 Sessions Spoke With Russian Ambassador Twice"
               and "met with Russian Ambassador Sergei Kislyak twice in 2016" in b
               for a, b in _pairs(c))


def test_boilerplate_is_never_aligned():
    c = _sample(2, 4)
    aligned_a = {i for al in c.alignments for i in al.a}
    assert c.boilerplate_a and not aligned_a & set(c.boilerplate_a)


def test_reordered_facts_align_and_changed_count_diverges():
    a = parse_article(
        "Senate Passes Budget\n\nThe senate passed the budget bill on Friday.\n\n"
        "Officials said the vote followed weeks of negotiation between the parties.",
        "a.txt",
    )
    b = parse_article(
        "Budget Approved\n\nNegotiation between the parties took weeks before the vote, "
        "officials said.\n\nThe senate passed the budget bill on Thursday.",
        "b.txt",
    )
    c = compare(a, b)
    divergent = [al for al in c.alignments if al.kind == "divergent"]
    assert [(d.type, d.a, d.b) for al in divergent for d in al.details] == [
        ("date", "Friday", "Thursday")
    ]
    assert any("negotiation" in x and "Negotiation" in y for x, y in _pairs(c))


def test_unrelated_sentence_stays_unique():
    a = parse_article("The senate passed the budget bill on Friday.\n\nIt rained in Paris.", "a")
    b = parse_article("The senate passed the budget bill on Friday.", "b")
    c = compare(a, b)
    assert [c.a.sentences[i].text for i in c.unique_a] == ["It rained in Paris."]


def test_conflicting_counts_of_the_same_thing_link_despite_different_words():
    a = parse_article("Sessions met the Russian ambassador twice.", "a.txt")
    b = parse_article(
        "Sessions\u2019 conversations with Kislyak took place in April, July and September.",
        "b.txt",
    )
    (alignment,) = compare(a, b).alignments
    assert alignment.kind == "divergent"
    assert [(d.type, d.a, d.b) for d in alignment.details] == [
        ("number", "twice", "3 (April, July and September)")
    ]


def test_conflicting_counts_without_a_common_subject_stay_apart():
    a = parse_article("The committee met twice.", "a.txt")
    b = parse_article("Storms hit the coast in April, July and September.", "b.txt")
    assert compare(a, b).alignments == ()


def test_agreeing_counts_of_the_same_thing_link_as_the_same_fact():
    a = parse_article("Sessions met the Russian ambassador twice.", "a.txt")
    b = parse_article("Kislyak held two meetings with Sessions, officials say.", "b.txt")
    (alignment,) = compare(a, b).alignments
    assert alignment.kind == "paraphrase"


@pytest.mark.parametrize("detail, linked", [("4-year-old", False), ("four children", True)])
def test_an_age_is_no_detail_slot(detail, linked):
    """Two sentences that share a word and give numbers of one thing are linked by that
    slot; two that give ages are about two people (every person has one), so not."""
    a = parse_article(f"Neighbours said {detail} were hurt in the shooting on Elm Street.",
                      "a.txt")
    b = parse_article("Police said 48-year-old Ray Dunn and two children died in a shooting "
                      "at a motel in Reno."
                      if not linked else
                      "Police said six children died in a shooting at a motel in Reno.", "b.txt")
    assert bool(compare(a, b).alignments) is linked


def _many_counts(per_side: int) -> tuple:
    """Two articles whose every sentence counts meetings, and shares only that word."""
    a = "\n\n".join(f"Alpha{i} said beta{i} held two meetings in gamma{i}."
                     for i in range(per_side))
    b = "\n\n".join(f"Delta{i} noted epsilon{i} had three meetings in zeta{i}."
                     for i in range(per_side))
    return parse_article(a, "a.txt"), parse_article(b, "b.txt")


def test_a_count_given_by_many_sentences_links_nothing_by_itself():
    per_side = load_same_fact_model().max_slot_sentences // 2 + 1
    assert compare(*_many_counts(per_side)).alignments == ()


@pytest.mark.parametrize("cap, linked", [(6, True), (5, False)])
def test_the_slot_cap_is_the_same_fact_model_s(monkeypatch, cap, linked):
    """Six sentences fill the count slot: a model whose cap is six links them by it, one
    whose cap is five does not."""
    model = replace(load_same_fact_model(), max_slot_sentences=cap)
    monkeypatch.setattr("newsdiff.engine.pair.load_same_fact_model", lambda file=None: model)
    assert bool(compare(*_many_counts(3)).alignments) is linked


def test_the_claim_linkage_is_the_same_fact_model_s(monkeypatch):
    """Single linkage joins the most into claims and complete the least, so a pair of
    long articles gets the most links with single and the fewest with complete (the
    other choices held: no strong or slot links)."""
    links = {}
    for linkage in ("single", "average", "complete"):
        model = replace(load_same_fact_model(), claim_linkage=linkage, claim_threshold=0.3,
                        link_threshold=1.01, max_slot_sentences=0)
        monkeypatch.setattr("newsdiff.engine.pair.load_same_fact_model",
                            lambda file=None, model=model: model)
        links[linkage] = _pairs(_sample(0, 4))
    assert len(links["complete"]) < len(links["average"]) < len(links["single"])


def test_the_same_month_of_a_shared_subject_links_two_tellings():
    a = parse_article("Another meeting with Kislyak took place in July.", "a.txt")
    b = parse_article(
        "Sessions saw Kislyak at a Heritage Foundation event during the convention in July.",
        "b.txt",
    )
    assert len(compare(a, b).alignments) == 1


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (2, 4), (3, 0)])
def test_swapped_is_exactly_the_comparison_the_other_way(pair):
    a, b = (load_article(str(sample_story()[k])) for k in pair)
    assert compare(a, b).swapped() == compare(b, a)
    assert compare(a, b).swapped().swapped() == compare(a, b)


# --- sentences that repeat (a live blog, a transcript) ------------------------------

POOL = [s.text for s in load_article(str(sample_story()[0])).story_sentences][:12]


def repeating(seed: int, copies: int) -> str:
    """An article of ``copies`` copies of each pool sentence, shuffled."""
    sentences = POOL * copies
    random.Random(seed).shuffle(sentences)
    return " ".join(sentences)


def test_a_text_repeated_on_both_sides_links_its_copies_in_order():
    text = "Officials confirmed the two meetings took place last year in Washington."
    a = parse_article(f"{text} Nothing else here at all. {text} {text}", "a.txt")
    b = parse_article(f"{text} Something else entirely different. {text}", "b.txt")
    shared = [(al.a, al.b) for al in compare(a, b, executor=InProcess()).alignments
              if al.kind == "shared"]
    assert shared == [((0,), (0,)), ((2,), (2,)), ((3,), (2,))], (
        "first with first, second with second, the extra copy with the other side's last")


def test_one_copy_links_to_every_copy_on_the_other_side():
    text = "Officials confirmed the two meetings took place last year in Washington."
    a = parse_article(f"{text} Nothing else here at all.", "a.txt")
    b = parse_article(f"{text} {text} {text}", "b.txt")
    c = compare(a, b, executor=InProcess())
    assert sorted(al.b for al in c.alignments) == [(0,), (1,), (2,)] and not c.unique_b


def test_repeated_sentences_cost_near_linear_time_and_links():
    def run(copies: int):
        a = parse_article(repeating(1, copies), "a.txt")
        b = parse_article(repeating(2, copies), "b.txt")
        return compare(a, b, executor=InProcess())

    few, many = len(run(4).alignments), len(run(32).alignments)
    assert many <= 8 * few * 1.5, "links grow with the copies, not with their product"
    assert near_linear(run, 4, 32)
