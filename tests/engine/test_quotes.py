"""Direct quotations found, attributed and grouped across outlets (``newsdiff.engine.quotes``)."""

from __future__ import annotations

from collections import Counter

import pytest

from newsdiff.engine.quotes import find_quotes
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Article, Quote, QuoteRendering
from tests.scaling import near_linear

HEADLINE = "Sessions met the Russian ambassador twice\n\n"


def article(body: str, name: str = "a.txt") -> Article:
    """A made-up article: a headline, then ``body``."""
    return parse_article(HEADLINE + body, name)


def only_quote(body: str) -> QuoteRendering:
    """The one quotation of a one-article story."""
    quotes = find_quotes([article(body)])
    assert len(quotes) == 1, [q.text for q in quotes]
    (rendering,) = quotes[0].renderings
    return rendering


def quote_with(quotes: tuple[Quote, ...], words: str) -> Quote:
    (found,) = [q for q in quotes if words in q.text]
    return found


def rendering_of(quote: Quote, n: int) -> QuoteRendering:
    (found,) = [r for r in quote.renderings if r.article == n]
    return found


@pytest.fixture(scope="module")
def sample() -> list[Article]:
    return [load_article(str(path)) for path in sample_story()]


# ------------------------------------------------------------------ finding quotations

def test_mid_sentence_attribution_is_one_quote_in_two_spans() -> None:
    body = "“Part one of the statement,” Flores said, “and part two of it.”"
    rendering = only_quote(body)
    text = HEADLINE + body
    assert rendering.text == "Part one of the statement, and part two of it."
    assert [text[a:b] for a, b in rendering.spans] == [
        "Part one of the statement,", "and part two of it."]
    assert rendering.speaker == "Flores"


def test_quote_split_by_the_sentence_splitter_is_one_quote() -> None:
    body = "Flores said: “The meetings were routine. Nothing was discussed about the campaign.”"
    a = article(body)
    rendering = only_quote(body)
    assert len(rendering.sentences) == 2
    assert [a.sentences[i].text[:3] for i in rendering.sentences] == ["Flo", "Not"]
    assert rendering.text == (
        "The meetings were routine. Nothing was discussed about the campaign.")
    assert rendering.speaker == "Flores"


def test_quote_running_over_paragraphs_in_newswire_style_is_one_quote() -> None:
    rendering = only_quote(
        "“The first paragraph of the statement goes here.\n\n“And the second one,” Doe said.")
    assert rendering.text == (
        "The first paragraph of the statement goes here. And the second one,")
    assert len(rendering.spans) == 2
    assert rendering.speaker == "Doe"


def test_attribution_with_a_full_stop_starts_a_new_quote() -> None:
    quotes = find_quotes([article(
        "“There was nothing misleading about it,” Flores said. “He was asked about the campaign.”"
    )])
    assert sorted(q.text for q in quotes) == [
        "He was asked about the campaign.", "There was nothing misleading about it,"]


def test_two_statements_joined_by_and_are_two_quotes() -> None:
    quotes = find_quotes([article(
        "“We did nothing wrong at all,” and Smith said, “we never met the ambassador.”")])
    assert len(quotes) == 2


def test_scare_quotes_and_quoted_terms_are_not_quotations() -> None:
    quotes = find_quotes([article(
        "The so-called “reset” was called a “partisan witch hunt” by Smith. "
        "Jones called it “a total waste of time.”")])
    assert [q.text for q in quotes] == ["a total waste of time."]


def test_marks_hundreds_of_words_apart_are_not_a_quotation() -> None:
    """A stray mark and one far on in a text without paragraph breaks enclose no
    quotation: nothing real is that long (the longest in 853 articles has 99 words)."""
    filler = " ".join(f"The council met on day {n} and adjourned." for n in range(60))
    quotes = find_quotes([article(f"Smith said “the vote is final. {filler} Done,” he said. "
                                  "Jones said: “We will appeal this ruling soon.”")])
    assert [q.text for q in quotes] == ["We will appeal this ruling soon."]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert only_quote(
        "Sessions’ aides don’t say ‘we met the ambassador twice’ now, and rock ‘n’ roll is dead."
    ).text == "we met the ambassador twice"
    straight = "It's Sessions' view that the 'meetings' don't matter, the aides' 'we met' too."
    assert find_quotes([article(straight)]) == ()


def test_inch_mark_does_not_open_a_quotation() -> None:
    rendering = only_quote('The 5\'11"-tall guard said "we never met the ambassador at all" today.')
    assert rendering.text == "we never met the ambassador at all"


def test_quotation_nested_in_a_quotation_belongs_to_it() -> None:
    rendering = only_quote("“He told me ‘we never met,’ and I believed him,” Smith said.")
    assert rendering.text == "He told me ‘we never met,’ and I believed him,"


def test_straight_double_quotes() -> None:
    rendering = only_quote('"We never discussed the campaign," Flores said.')
    assert (rendering.text, rendering.speaker) == ("We never discussed the campaign,", "Flores")


def test_boilerplate_sentences_are_skipped() -> None:
    a = article("The story is here and it is short.\n\n"
                "“Sign up for our newsletter to get the news,” we say.")
    bp = [s.index for s in a.sentences if s.boilerplate]
    quoted = [r.sentences for q in find_quotes([a]) for r in q.renderings]
    assert all(i not in bp for sentences in quoted for i in sentences)


# ------------------------------------------------------------------ speakers

@pytest.mark.parametrize(("body", "speaker"), [
    ("“We will not comment on this matter,” Flores said.", "Flores"),
    ("“We will not comment on this matter,” said Jane Doe, a spokeswoman.", "Jane Doe"),
    ("Flores said, “We will not comment on this matter.”", "Flores"),
    ("“We will not comment on this matter,” Flores said in a statement.", "Flores"),
    ("Flores told The Washington Post: “We will not comment on this matter.”", "Flores"),
    ("“We will not comment on this matter,” Flores told The Post.", "Flores"),
    ("“We will not comment on this matter,” according to spokeswoman Jane Doe.",
     "spokeswoman Jane Doe"),
    ("“We will not comment on this matter,” the statement read.", None),
    ("“We will not comment on this matter,” officials said.", None),
])
def test_speaker_forms(body: str, speaker: str | None) -> None:
    assert only_quote(body).speaker == speaker


def test_pronoun_resolves_to_the_person_the_previous_sentence_is_about() -> None:
    quotes = find_quotes([article(
        "“The meetings were routine and proper,” Flores said. "
        "Sessions also issued a statement on Thursday. "
        "“I never met any Russian officials,” he said.")])
    assert quote_with(quotes, "never met").renderings[0].speaker == "Sessions"


@pytest.mark.parametrize("before", [
    "The statement came late on Thursday.",   # nobody named
    "Smith and Jones met on Thursday.",       # two people: which one?
])
def test_pronoun_stays_unresolved_when_not_safe(before: str) -> None:
    assert only_quote(f"{before} “I never met any Russian officials,” he said.").speaker is None


def test_unattributed_quote_continues_the_previous_speaker_in_its_paragraph() -> None:
    quotes = find_quotes([article(
        "“I am not aware of any of that,” Sessions said. “I have been called a surrogate.”")])
    assert [q.renderings[0].speaker for q in quotes] == ["Sessions", "Sessions"]


def test_speaker_does_not_carry_over_a_paragraph_break() -> None:
    quotes = find_quotes([article(
        "“I am not aware of any of that,” Sessions said.\n\n“I have been called a surrogate.”")])
    assert [q.renderings[0].speaker for q in quotes] == ["Sessions", None]


# ------------------------------------------------------------------ grouping and status

FULL = "He was asked about Russia and the campaign — not about meetings he took as a senator."


def test_same_quote_in_several_outlets_with_each_status() -> None:
    articles = [
        article(f"“{FULL}” Flores said.", "a.txt"),
        article(f"Flores said: “{FULL}”", "b.txt"),
        article("“He was asked about Russia and the campaign -- not about meetings he took "
                "as a senator.” Flores said.", "c.txt"),
        article("“He was asked about Russia and the campaign, not about talks he took "
                "as a senator.” Flores said.", "d.txt"),
        article("Nothing was quoted in this one at all.", "e.txt"),
    ]
    (quote,) = find_quotes(articles)
    assert quote.text == FULL
    assert quote.speaker == "Flores"
    assert quote.absent == (4,)
    assert [(r.article, r.status) for r in quote.renderings] == [
        (0, "verbatim"), (1, "verbatim"), (2, "typographic"), (3, "altered")]
    assert quote.renderings[0].diff == ()
    assert ("-", "—") in quote.renderings[2].diff and ("+", "--") in quote.renderings[2].diff
    changed = [(op, t) for op, t in quote.renderings[3].diff if op != "="]
    assert ("-", "meetings") in changed and ("+", "talks") in changed


def test_case_of_the_first_word_is_typographic() -> None:
    (quote,) = find_quotes([
        article("Flores said “We never discussed the campaign with anyone.”", "a.txt"),
        article("Flores said “We never discussed the campaign with anyone.”", "b.txt"),
        article("Flores said that “we never discussed the campaign with anyone.”", "c.txt"),
    ])
    assert [r.status for r in quote.renderings] == ["verbatim", "verbatim", "typographic"]


def test_fragment_is_grouped_with_the_fuller_quote() -> None:
    articles = [
        article("Flores said: “Last year the senator had many talks with foreign envoys. "
                "He was asked about the campaign, not about his meetings as a senator.”",
                "a.txt"),
        article("“He was asked about the campaign, not about his meetings as a senator,” "
                "Flores said.", "b.txt"),
    ]
    (quote,) = find_quotes(articles)
    assert quote.absent == ()
    assert quote.text.startswith("Last year")  # a tie: the earliest article's rendering
    assert rendering_of(quote, 0).extent == "whole"
    # The fragment is judged against the stretch it prints: "," for "." only.
    short = rendering_of(quote, 1)
    assert (short.extent, short.status, short.matched) == ("part", "typographic", None)
    assert [(op, t) for op, t in short.diff if op != "="] == [("-", "."), ("+", ",")]
    assert "".join(t for op, t in short.diff if op != "+") == (  # not "Last year …"
        "He was asked about the campaign, not about his meetings as a senator.")


# ------------------------------------------------------------------ extent

STATEMENT = "We never met the ambassador to discuss the campaign."
BEFORE = "Last year the senator had many talks with foreign envoys. "
AFTER = " It is false, and we said so at the time."


def quote_of(*bodies: str) -> Quote:
    """The one quote of a story whose articles print ``bodies``, attributed to Flores."""
    (quote,) = find_quotes([article(f"Flores said: “{body}”", f"{n}.txt")
                            for n, body in enumerate(bodies)])
    return quote


@pytest.mark.parametrize("longer", [BEFORE + STATEMENT, STATEMENT + AFTER,
                                    BEFORE + STATEMENT + AFTER])
def test_longer_rendering_whose_matched_part_is_identical_is_verbatim(longer: str) -> None:
    quote = quote_of(STATEMENT, STATEMENT, longer)
    assert quote.text == STATEMENT
    r = rendering_of(quote, 2)
    assert (r.status, r.extent, r.diff) == ("verbatim", "longer", ())
    assert r.text == longer  # what the outlet printed, whole
    assert r.matched_text == STATEMENT and r.matched is not None
    assert r.text[r.matched[0]:r.matched[1]] == STATEMENT
    assert [(x.extent, x.matched) for x in quote.renderings[:2]] == [("whole", None)] * 2


def test_longer_rendering_with_other_punctuation_is_typographic() -> None:
    longer = BEFORE + "We never met the ambassador — to discuss the campaign!" + AFTER
    r = rendering_of(quote_of(STATEMENT, STATEMENT, longer), 2)
    assert (r.status, r.extent) == ("typographic", "longer")
    assert r.matched_text == "We never met the ambassador — to discuss the campaign!"
    changed = {t.strip() for op, t in r.diff if op != "="}
    assert changed == {"—", ".", "!"}  # the marks only: not the extra sentences
    assert "".join(t for op, t in r.diff if op != "+") == STATEMENT


def test_longer_rendering_with_a_word_changed_inside_the_quote_is_altered() -> None:
    longer = BEFORE + "We never met the ambassador to discuss the election." + AFTER
    r = rendering_of(quote_of(STATEMENT, STATEMENT, longer), 2)
    assert (r.status, r.extent) == ("altered", "longer")
    assert [(op, t) for op, t in r.diff if op != "="] == [("-", "campaign"), ("+", "election")]


def test_part_rendering_is_judged_against_the_stretch_it_prints() -> None:
    full = BEFORE + STATEMENT
    quote = quote_of(full, full, full, STATEMENT,
                     "we never met the ambassador to discuss the campaign",
                     "We never met the ambassador to discuss the election.")
    assert quote.text == full  # three print it whole, as three print the fragment: the most
    assert [(r.status, r.extent) for r in quote.renderings] == [
        ("verbatim", "whole"), ("verbatim", "whole"), ("verbatim", "whole"),
        ("verbatim", "part"), ("typographic", "part"), ("altered", "part")]
    assert all(r.matched is None for r in quote.renderings)
    typographic, altered = quote.renderings[4:]
    assert "".join(t for op, t in typographic.diff if op != "+") == STATEMENT  # not BEFORE
    assert [(op, t) for op, t in altered.diff if op != "="] == [
        ("-", "campaign"), ("+", "election")]


def test_a_word_changed_at_an_end_is_altered_not_another_extent() -> None:
    quote = quote_of(STATEMENT, STATEMENT, "They never met the ambassador to discuss the campaign.",
                     "We never met the ambassador to discuss the election.")
    assert [(r.status, r.extent) for r in quote.renderings] == [
        ("verbatim", "whole"), ("verbatim", "whole"), ("altered", "whole"), ("altered", "whole")]


def test_canonical_is_what_most_outlets_print_whole_not_the_fuller_statement() -> None:
    # Every text is printed once; the fuller statement (first) holds the three others,
    # which print the same stretch of it: one of those is the quote.
    quote = quote_of(BEFORE + STATEMENT, "We never met the ambassador -- to discuss the campaign.",
                     STATEMENT, "We never met the ambassador to discuss the campaign")
    assert quote.text == "We never met the ambassador -- to discuss the campaign."
    assert [(r.status, r.extent) for r in quote.renderings] == [
        ("typographic", "longer"), ("verbatim", "whole"), ("typographic", "whole"),
        ("typographic", "whole")]


def test_quotes_that_only_share_a_few_words_stay_apart() -> None:
    quotes = find_quotes([
        article("“We never discussed the campaign with the ambassador,” Flores said.", "a.txt"),
        article("“The campaign was a disaster for the party,” Smith said.", "b.txt"),
    ])
    assert len(quotes) == 2
    assert all(len(q.renderings) == 1 for q in quotes)


def test_pieces_of_a_statement_another_outlet_prints_whole_are_one_rendering() -> None:
    quotes = find_quotes([
        article("Sessions said: “I never met with any Russian officials. "
                "I have no idea what this allegation is about. It is false.”", "a.txt"),
        article("“I never met with any Russian officials,” he said in a statement. "
                "“I have no idea what this allegation is about. It is false.”", "b.txt"),
    ])
    (quote,) = quotes
    pieces = rendering_of(quote, 1)
    assert len(pieces.spans) == 2
    assert pieces.text == ("I never met with any Russian officials, "
                           "I have no idea what this allegation is about. It is false.")
    # One printing each: the earliest is canonical; the pieces differ in "," for "." only.
    assert quote.text.startswith("I never met with any Russian officials. I have")
    assert [r.status for r in quote.renderings] == ["verbatim", "typographic"]


def test_a_repeated_quote_keeps_its_first_printing() -> None:
    (quote,) = find_quotes([article(
        "“We never discussed the campaign with anyone,” Flores said.\n\n"
        "Later she repeated: “We never discussed the campaign with anyone.”")])
    (rendering,) = quote.renderings
    assert rendering.text == "We never discussed the campaign with anyone,"


def test_quotes_ordered_by_outlets_then_first_appearance() -> None:
    quotes = find_quotes([
        article("“Only this outlet prints this long quote,” Smith said.", "a.txt"),
        article("“Two outlets print this other quote,” Jones said.", "b.txt"),
        article("“Two outlets print this other quote,” Jones said.", "c.txt"),
    ])
    assert [(q.id, len(q.renderings)) for q in quotes] == [(0, 2), (1, 1)]
    assert quotes[0].absent == (0,)


# ------------------------------------------------------------------ rewordings

CLOSE = "The crews will close the old bridge for two weeks while they repair the cracked beams."
SHUT = "Crews are going to shut the old bridge for two weeks while they fix the damaged beams"
BRIDGE = [
    ("Bridge to close\n\nThe old bridge over the river will close next week. "
     f"Mayor Lisa Ortega said: “{CLOSE}” Drivers should use the ring road."),
    ("Old bridge shuts for repairs\n\nDrivers face detours from next week. "
     f"“{SHUT},” Ortega said. The ring road will stay open."),
]


MONDAY = "The crews will reopen the old bridge on Monday after they repair the beams."
FRIDAY = "The crews are going to reopen the old bridge on Friday once they fix the beams."


def one_fact(articles: list[Article]) -> list[set[tuple[int, int]]]:
    """Every story sentence of every article in one claim: as if the engine linked them all,
    so that only the quotations' own words and speakers decide."""
    return [{(n, s.index) for n, a in enumerate(articles) for s in a.story_sentences}]


def test_a_reworded_quote_joins_the_quote_it_rewords_as_altered() -> None:
    articles = [parse_article(text, f"{n}.txt") for n, text in enumerate(BRIDGE)]
    # Half of the words are the other's in order: not one wording ...
    assert len(find_quotes(articles)) == 2
    # ... but the engine links the two sentences, and most words of each stand in the other.
    (backwards,) = compare_story(articles[::-1]).quotes
    assert backwards.text == SHUT + ","  # one printing each: the earliest article's
    (quote,) = compare_story(articles).quotes
    assert quote.text == CLOSE
    assert quote.speaker == "Mayor Lisa Ortega"
    original, reworded = quote.renderings
    assert (original.status, reworded.status) == ("verbatim", "altered")
    # The statement in other words, compared whole: one word more at its start ("Crews are
    # going to shut" for "The crews will close") does not make it a fuller statement.
    assert (reworded.extent, reworded.matched) == ("whole", None)
    assert "".join(t for op, t in reworded.diff if op != "+") == CLOSE
    assert "".join(t for op, t in reworded.diff if op != "-") == SHUT + ","
    changed = [(op, t) for op, t in reworded.diff if op != "="]
    assert ("-", "repair") in changed and ("+", "fix") in changed


def test_a_synonym_counts_as_the_word_it_stands_for() -> None:
    """Only "the bridge and" is the same in both; "shut" / "close" and "fix" / "repair"
    are WordNet synonyms, and with them most of the words of each stand in the other."""
    def quotes(first: str, second: str) -> tuple[Quote, ...]:
        articles = [article(f"Ortega said: “{first}”", "a.txt"),
                    article(f"Ortega said: “{second}”", "b.txt")]
        return find_quotes(articles, one_fact(articles))

    reworded = "Workers will close the bridge and repair the girders."
    (quote,) = quotes("Crews will shut the bridge and fix the beams.", reworded)
    assert [r.status for r in quote.renderings] == ["verbatim", "altered"]
    assert len(quotes("Crews will paint the bridge and clean the beams.", reworded)) == 2


@pytest.mark.parametrize(("first", "second"), [
    # two statements of one speaker on one subject
    (f"Ortega said: “{CLOSE}”",
     "Ortega said: “The old bridge has carried more traffic than it was ever built for.”"),
    # two stock phrases: what they share is function words ("we have no") and a phrase
    ("Flores said: “We have no plans for that at this time.”",
     "Flores said: “We have no comment on that at this time.”"),
    # the statement in other words, but with another day: two statements, or one altered,
    # cannot be told apart; the claim has the date as a divergence
    (f"Ortega said: “{MONDAY}”", f"Ortega said: “{FRIDAY}”"),
    # the statement in other words, by someone else
    (f"Ortega said: “{CLOSE}”", f"Smith said: “{SHUT}.”"),
    # a quote and an unrelated one
    (f"Ortega said: “{CLOSE}”", "“We will run extra buses on every route into town.”"),
])
def test_quotations_that_are_not_one_statement_reworded_stay_apart(first: str,
                                                                   second: str) -> None:
    articles = [article(first, "a.txt"), article(second, "b.txt")]
    quotes = find_quotes(articles, one_fact(articles))
    assert [[r.article for r in q.renderings] for q in quotes] == [[0], [1]]


def test_an_outlet_that_prints_both_wordings_prints_two_statements() -> None:
    articles = [article(f"Ortega said: “{CLOSE}”", "a.txt"),
                article(f"Ortega said: “{CLOSE}”\n\nLater she added: “{SHUT}.”", "b.txt")]
    quotes = find_quotes(articles, one_fact(articles))
    assert [[r.article for r in q.renderings] for q in quotes] == [[0, 1], [1]]


# ------------------------------------------------------------------ the sample story

def test_sample_spokeswoman_quote_is_one_quote_across_outlets(sample: list[Article]) -> None:
    quote = quote_with(find_quotes(sample), "not about meetings he took as a senator")
    assert [r.article for r in quote.renderings] == [0, 1, 2, 4]
    assert quote.absent == (3,)
    assert quote.speaker == "Flores"
    # 001 and 002 print it identically (an em dash with spaces, a closing comma): canonical.
    assert quote.text.startswith("He was asked during the hearing")
    assert "campaign — not about" in quote.text and quote.text.endswith("Committee,")
    assert rendering_of(quote, 1).status == rendering_of(quote, 2).status == "verbatim"


def test_sample_dash_and_spacing_differences_are_typographic(sample: list[Article]) -> None:
    quote = quote_with(find_quotes(sample), "not about meetings he took as a senator")
    # 004 prints "--" for " — " and ends with a full stop: punctuation only.
    post = rendering_of(quote, 4)
    assert "campaign -- not about" in post.text
    assert post.status == "typographic"
    assert {t.strip() for op, t in post.diff if op != "="} == {"—", "--", ",", "."}
    assert post.extent == "whole"
    # 000 prints a longer statement ("Last year, the Senator had over 25 conversations …
    # He was asked … campaign–not about …"): judged on the part that is this quote, it
    # differs in the dash and the closing mark only.
    romper = rendering_of(quote, 0)
    assert (romper.status, romper.extent) == ("typographic", "longer")
    assert romper.text.startswith("Last year, the Senator had over 25")
    assert "campaign–not about" in romper.text
    assert len(romper.sentences) == 2  # the splitter cut the quotation in two
    assert romper.matched_text.startswith("He was asked during the hearing")
    assert romper.matched_text.endswith("Armed Services Committee.")
    assert {t.strip() for op, t in romper.diff if op != "="} == {"—", "–", ",", "."}
    assert [(r.article, r.status, r.extent) for r in quote.renderings] == [
        (0, "typographic", "longer"), (1, "verbatim", "whole"), (2, "verbatim", "whole"),
        (4, "typographic", "whole")]


def test_sample_statuses_and_extents(sample: list[Article]) -> None:
    renderings = [r for q in find_quotes(sample) for r in q.renderings]
    assert Counter(r.status for r in renderings) == {"verbatim": 17, "typographic": 4}
    assert Counter(r.extent for r in renderings) == {"whole": 19, "longer": 1, "part": 1}
    # 003 prints only the end of Sessions's "I have been called a surrogate … and I did
    # not have communications with the Russians."
    quote = quote_with(find_quotes(sample), "I have been called a surrogate")
    fragment = rendering_of(quote, 3)
    assert (fragment.text, fragment.status, fragment.extent) == (
        "I did not have communications with the Russians.", "verbatim", "part")


def test_sample_statement_printed_whole_and_in_pieces(sample: list[Article]) -> None:
    quote = quote_with(find_quotes(sample), "I never met with any Russian officials")
    assert [r.article for r in quote.renderings] == [0, 2, 4]
    assert [len(r.spans) for r in quote.renderings] == [1, 2, 2]
    assert [r.status for r in quote.renderings] == ["typographic", "verbatim", "verbatim"]
    assert quote.speaker == "Sessions"  # 002: "he said", after "Sessions also issued …"


def test_sample_spans_reproduce_each_rendering(sample: list[Article]) -> None:
    for quote in find_quotes(sample):
        for r in quote.renderings:
            text = sample[r.article].text
            assert " ".join(text[a:b] for a, b in r.spans) == r.text
            story = {s.index for s in sample[r.article].story_sentences}
            assert set(r.sentences) <= story


def test_sample_result_does_not_depend_on_article_order(sample: list[Article]) -> None:
    def grouped(articles: list[Article]) -> set[frozenset]:
        return {
            frozenset((articles[r.article].path, r.text, r.spans, r.speaker)
                      for r in q.renderings)
            for q in find_quotes(articles)
        }

    def unique_majority_statuses(articles: list[Article]) -> set[tuple]:
        """Statuses where one text is printed most (ties go to the earliest article)."""
        out = set()
        for q in find_quotes(articles):
            counts = sorted((sum(r.text == s.text for r in q.renderings) for s in q.renderings),
                            reverse=True)
            if len(counts) == 1 or counts[0] > counts[-1] or counts[0] == len(counts):
                out |= {(articles[r.article].path, r.status) for r in q.renderings}
        return out

    reordered = sample[::-1]
    assert grouped(sample) == grouped(reordered)
    assert unique_majority_statuses(sample) == unique_majority_statuses(reordered)
    assert find_quotes(sample) == find_quotes(list(sample))


def test_a_large_story_costs_near_linear_time(sample: list[Article]) -> None:
    def story(copies: int) -> list[Article]:
        return [parse_article(a.text, f"{n}_{a.path}") for n in range(copies) for a in sample]

    stories = {copies: story(copies) for copies in (1, 8)}
    assert near_linear(lambda copies: find_quotes(stories[copies]), 1, 8)
    spokeswoman = quote_with(find_quotes(stories[8]), "not about meetings he took as a senator")
    assert len(spokeswoman.renderings) == 32


# ------------------------------------------------------------------ untrusted input

#: Long hostile lines, each as (text of one unit, units repeated), built at two sizes.
LONG_LINES = {
    "no marks": ("word ", 20000),
    "straight marks": ('"a ', 33000),
    "unclosed curly marks": ("“", 100000),
    "apostrophes": ("don’t ‘n’ ", 10000),
    "many short quotes": ("“a b c d,” he said, ", 5000),
    "one giant quote": ("word and ", 11000),
}


def long_line(name: str, units: int) -> str:
    unit, _ = LONG_LINES[name]
    line = unit * units
    return "“" + line + ",” Flores said." if name == "one giant quote" else line


@pytest.mark.parametrize("name", LONG_LINES)
def test_a_long_line_costs_near_linear_time(name: str) -> None:
    units = LONG_LINES[name][1]
    stories = {n: [article(long_line(name, n), "a.txt"), article(long_line(name, n), "b.txt")]
               for n in (units // 8, units)}
    assert near_linear(lambda n: find_quotes(stories[n]), units // 8, units)
    quotes = find_quotes(stories[units])
    assert len(quotes) <= 1
    assert all(len(q.renderings) == 2 for q in quotes)


def test_article_text_is_never_evaluated() -> None:
    rendering = only_quote("“__import__('os').system('false') and {0.__class__}” Eve said.")
    assert rendering.text == "__import__('os').system('false') and {0.__class__}"
