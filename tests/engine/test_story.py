"""The story engine: claims across every outlet, divergences, wire copy."""

from __future__ import annotations

import dataclasses
import itertools
import random
import re

import pytest

from newsdiff.engine.scoring.story_choices import load_story_choices
from newsdiff.engine.story import compare_story, wire_sources
from newsdiff.present.story import format_values
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import parse_article
from newsdiff.text.tokens import words


@pytest.fixture(scope="module")
def sample():
    articles = [load_article(str(p)) for p in sample_story()]
    return compare_story(articles)


def test_every_story_sentence_is_in_a_claim_and_claims_are_ordered(sample) -> None:
    for n, article in enumerate(sample.articles):
        told = {i for c in sample.claims for p in c.passages if p.article == n
                for i in p.sentences}
        assert {s.index for s in article.story_sentences} <= told
        assert not told & {s.index for s in article.sentences if s.boilerplate}
    widths = [len(c.outlets) for c in sample.claims]
    assert widths == sorted(widths, reverse=True)
    assert [c.id for c in sample.claims] == list(range(len(sample.claims)))
    for c in sample.claims:
        assert len(set(c.outlets)) == len(c.outlets)  # one passage per outlet
        assert [p.relation == "anchor" for p in c.passages].count(True) == 1
        assert c.anchor_passage.relation == "anchor"


def test_the_headline_fact_is_carried_by_every_outlet(sample) -> None:
    top = sample.claims[0]
    assert top.outlets == (0, 1, 2, 3, 4)
    assert top.sources == 5


def test_the_number_of_meetings_is_a_divergence(sample) -> None:
    """Four outlets say two ("twice", "two meetings"); one lists April, July and September."""
    counts = [d for d in sample.divergences if d.type == "number"]
    by_outlet = {}
    for d in counts:
        for article, value in d.values:
            by_outlet.setdefault(article, set()).add(value.casefold())
    assert "twice" in by_outlet[0] and by_outlet[4] & {"twice", "two meetings"}
    assert "3 (april, july and september)" in by_outlet[3]
    # every outlet's count of the meetings is in one row, however many pairs of
    # outlets' sentences gave it
    assert len([d for d in counts if d.claim == counts[0].claim]) == 1
    claim = sample.claims[counts[0].claim]
    assert claim.passage_of(3).relation == "divergent"


def test_divergent_passages_carry_their_details_and_a_diff(sample) -> None:
    for c in sample.claims:
        for p in c.passages:
            if p.relation == "divergent":
                assert p.details
                assert any(op != "=" for op, _ in p.diff)
            if p.relation == "anchor":
                assert not p.details and not p.diff


def test_only_in_lists_what_one_outlet_alone_reports(sample) -> None:
    for n in range(len(sample.articles)):
        for c in sample.only_in(n):
            assert c.outlets == (n,)
    assert sum(len(sample.only_in(n)) for n in range(5)) == sum(
        1 for c in sample.claims if len(c.outlets) == 1)


THREE = [
    ("Officials said the city council approved the new budget on Monday. "
    "The budget raises spending on schools by 4 percent."),
    ("The city council approved a new budget Monday, officials said. "
    "Spending on schools rises by 6 percent under the plan. The mayor was absent."),
    ("On Monday the council passed the city's new budget. "
    "Schools get 4 percent more money in it."),
]


def _articles(texts):
    return [parse_article(t, f"outlet{n}.txt") for n, t in enumerate(texts)]


def test_a_made_up_story_has_its_claims_divergence_and_lone_fact() -> None:
    story = compare_story(_articles(THREE))
    approved = next(c for c in story.claims if 0 in c.outlets and len(c.outlets) == 3)
    assert approved.outlets == (0, 1, 2)
    percent = [d for d in story.divergences if d.type == "number"]
    assert percent and {v for _, v in percent[0].values} >= {"4 percent", "6 percent"}
    lone = story.only_in(1)
    assert any("mayor" in story.articles[1].sentences[c.passages[0].sentences[0]].text
               for c in lone)


COUNTS = [
    ("Storm hits the coast. The ferry operator cancelled three crossings on Friday as the "
     "storm hit the coast. Passengers were offered refunds."),
    ("Storm forces ferry operator to cancel crossings. The operator cancelled three crossings "
     "on Friday, a spokesman said."),
    ("Ferry operator cancels crossings as storm hits. Port staff said five crossings were "
     "scrapped in all by the company."),
]


def test_a_sentence_that_counts_what_a_claim_counts_sits_in_it_not_under_only_in() -> None:
    """Outlets 1 and 2 tell the cancellation in a headline and give the count in a sentence
    of its own; each count sentence joins its outlet's passage of the claim, where the
    conflict is named, instead of standing alone as something only that outlet says."""
    story = compare_story(_articles(COUNTS))
    (claim,) = [c for c in story.claims if len(c.outlets) == 3]
    assert {p.article: p.sentences for p in claim.passages} == {0: (0, 1), 1: (0, 1), 2: (0, 1)}
    assert [c.passages[0].sentences for c in story.only_in(1) + story.only_in(2)] == []
    (count,) = [d for d in story.divergences if d.type == "number"]
    assert count.claim == claim.id and count.severity == "conflict"
    assert {v for _, v in count.values} == {"three crossings", "five crossings"}


def test_a_story_slot_over_the_cost_bound_proposes_no_pairs(monkeypatch) -> None:
    """The same story with the bound on a slot's sentences below the three that give the
    number of crossings: the slot proposes no pairs, so no count conflict is named."""
    monkeypatch.setattr("newsdiff.engine.story.MAX_STORY_SLOT_SENTENCES", 1)
    story = compare_story(_articles(COUNTS))
    assert [d for d in story.divergences if d.type == "number"] == []


NAMES = [
    "The harbour master confirmed that the ferry was delayed by the storm on Friday.",
    ("Harbour master Piotr Kowalczyk confirmed that the ferry was delayed by the storm "
     "on Friday."),
    ("Harbour master Pyotr Kowalczyk confirmed on Friday that the ferry was delayed by "
     "the storm."),
]


def test_two_outlets_that_name_someone_differently_diverge_when_the_anchor_names_no_one(
        ) -> None:
    """The anchor says only "the harbour master": against it neither full name conflicts,
    but the two outlets that name him disagree, as their pairwise view says."""
    from newsdiff.engine.pair import compare

    articles = _articles(NAMES)
    story = compare_story(articles)
    (claim,) = [c for c in story.claims if len(c.outlets) == 3]
    pair = compare(articles[1], articles[2])
    (named,) = [d for al in pair.alignments for d in al.details if d.type == "name"]
    found = [d for d in story.divergences if d.type == "name" and d.claim == claim.id]
    assert [{v.casefold() for _, v in d.values} for d in found] == [
        {named.a.casefold(), named.b.casefold()}]
    assert {a for d in found for a, _ in d.values} == {1, 2}


def test_the_sample_story_names_the_spellings_two_outlets_give_in_one_claim(sample) -> None:
    """Pairwise, 003 and 004 spell the ambassador Sergey and Sergei; in the story both
    sit in the headline claim, whose anchor gives no first name."""
    [found] = [d for d in sample.divergences if d.type == "name"
               and {(3, "Sergey Kislyak"), (4, "Sergei Kislyak")} <= set(d.values)]
    assert found.severity == "variant"  # one name transliterated twice, no contradiction
    assert format_values(found, "ABCDE").endswith("(spelling variant)")
    assert all(d.severity == "conflict" for d in sample.divergences if d.type == "number")


def test_the_story_names_every_divergence_the_pair_view_of_two_outlets_names(sample) -> None:
    """Each detail that ``compare`` finds between two sample articles is among the story's
    divergences, of its type, with both outlets' values."""
    from newsdiff.engine.pair import compare

    articles = [load_article(str(p)) for p in sample_story()]
    named = {(d.type, outlet, value.casefold())
             for d in sample.divergences for outlet, value in d.values}
    found = []
    for x, y in itertools.combinations(range(len(articles)), 2):
        for alignment in compare(articles[x], articles[y]).alignments:
            found += [(d.type, x, d.a, y, d.b) for d in alignment.details]
    assert len(found) >= 10
    assert [f for f in found if not {(f[0], f[1], f[2].casefold()),
                                     (f[0], f[3], f[4].casefold())} <= named] == []


def test_the_story_clusters_with_its_choices_linkage() -> None:
    """Single linkage chains tellings into fewer, wider claims than complete linkage."""
    articles = [load_article(str(p)) for p in sample_story()]
    claims = {}
    for linkage in ("single", "complete"):
        choices = dataclasses.replace(load_story_choices(), claim_linkage=linkage)
        claims[linkage] = compare_story(articles, choices=choices).claims
    assert len(claims["single"]) < len(claims["complete"])


def test_article_order_does_not_change_the_claims() -> None:
    articles = [load_article(str(p)) for p in sample_story()]
    order = list(range(5))
    random.Random(7).shuffle(order)
    forward = compare_story(articles)
    shuffled = compare_story([articles[k] for k in order])

    def claims(story, back):
        return {frozenset((back[p.article], p.sentences) for p in c.passages)
                for c in story.claims}

    assert claims(forward, list(range(5))) == claims(shuffled, order)


def test_reprints_of_one_wire_story_are_one_source() -> None:
    wire = ("Rescuers pulled 12 people from the flooded mine on Tuesday, officials said. "
            "The mine had been closed for safety checks since March. "
            "Two workers remain missing, the company said in a statement. "
            "Families waited at the gate through the night.")
    reprint = wire.replace("on Tuesday", "Tuesday") + " Local schools closed early."
    other = ("Twelve miners were rescued on Tuesday after flooding. Two are still missing. "
             "Safety checks had closed the mine in March, according to records.")
    articles = _articles([wire, other, reprint])
    assert wire_sources(articles) == ((0, 2), (1,))
    story = compare_story(articles)
    assert story.sources == ((0, 2), (1,))
    assert story.source_of(2) == story.source_of(0) != story.source_of(1)
    for c in story.claims:
        assert c.sources == len({story.source_of(a) for a in c.outlets})


def test_a_story_of_two_identical_articles_and_one_sentence_articles() -> None:
    one = parse_article("The bridge reopened on Friday.", "a.txt")
    same = parse_article("The bridge reopened on Friday.", "b.txt")
    story = compare_story([one, same])
    assert [c.outlets for c in story.claims] == [(0, 1)]
    assert story.claims[0].passages[1].relation == "shared"
    assert story.sources == ((0, 1),)



def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def test_a_claims_lead_is_the_anchor_sentence_the_other_outlets_tell(sample) -> None:
    """An anchor passage may hold a sentence only its outlet prints (the spokesperson's
    quotation in 000, joined to the claim through its neighbour); the claim's lead, its
    one-line text, is the anchor sentence whose words the other outlets' passages carry
    most (measured here by plain word overlap, not the engine's similarity)."""
    def carried(c, article, i: int) -> float:
        words = _words(article.sentences[i].text)
        return max(len(words & _words(sample.articles[p.article].sentences[j].text)) / len(words)
                   for p in c.passages if p is not c.anchor_passage for j in p.sentences)

    several = 0
    for c in sample.claims:
        anchor = c.anchor_passage
        assert c.lead in anchor.sentences
        if len(c.outlets) < 2 or len(anchor.sentences) < 2:
            continue
        several += 1
        article = sample.articles[anchor.article]
        assert carried(c, article, c.lead) == max(carried(c, article, i)
                                                  for i in anchor.sentences)
    assert several >= 2


def test_a_passage_scores_one_only_when_its_words_are_the_anchors(sample) -> None:
    """"shared 1.00" means the same text, typography aside: a passage that repeats one of
    the anchor's sentences and adds (or lacks) another is alike, not identical."""
    seen = {True: 0, False: 0}
    for c in sample.claims:
        anchor = c.anchor_passage
        told = [words(sample.articles[anchor.article].sentences[i].text)
                for i in anchor.sentences]
        for p in c.passages:
            if p is anchor:
                continue
            same = [words(sample.articles[p.article].sentences[i].text)
                    for i in p.sentences] == told
            seen[same] += 1
            assert (p.score == 1.0) == same, (c.id, p)
    assert seen[True] and seen[False]
