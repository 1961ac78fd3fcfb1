"""The story renderers (text, JSON, Markdown) and their shared logic, on a hand-built Story.

Hand-built so that every mark, status and value is known exactly and the tests
do not depend on the engine's judgement.  Outlet B's title and one of its
sentences are hostile: markup, an escape sequence that would clear the screen.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from tests.builders import make_article

from newsdiff.values import Detail
from newsdiff.present.story import (
    claim_text,
    divergences_by_claim,
    format_values,
    join_labels,
    matrix_claims,
    only_claims,
    outlet_labels,
    quote_extents,
    quote_statuses,
    relations,
    shown_extents,
    wire_notes,
)
from newsdiff.render.story_json import render_story_json, story_to_dict
from newsdiff.render.story_markdown import render_story_markdown
from newsdiff.render.story_text import render_story_text
from newsdiff.values import Claim, ClaimPassage, Divergence, Quote, QuoteRendering, Story

HOSTILE_TITLE = "[bold]x[/bold] | <b>"
HOSTILE_SENTENCE = "\x1b[2J Franken asked [red]about[/red] contacts\x9b."
QUOTE = "I never met any Russian officials."
ALTERED = "I never met with Russian officials."


def _span(text: str, part: str) -> tuple[tuple[int, int], ...]:
    start = text.index(part)
    return ((start, start + len(part)),)


def build_story(*, quotes: bool = True) -> Story:
    """Four outlets; C and D reprint one wire story.

    Claim 0: all four (A anchor, B divergent, C shared, D paraphrase); claim 1:
    A and B (shared); claim 2: A alone; claim 3: B alone (the hostile sentence).
    One quote: A verbatim, B absent, C typographic, D altered.
    """
    a = make_article(
        ["Sessions met the ambassador twice in 2016.", "The meetings were not disclosed.",
         f'He said: "{QUOTE}"', "The senator sat on the Armed Services Committee."],
        outlet="Daily Planet", title="Sessions Met Envoy Twice", path="a.txt",
        byline="Lois Lane")
    b = make_article(
        ["Sessions met the ambassador in April, July and September.",
         "The meetings were never disclosed.", HOSTILE_SENTENCE],
        outlet="The Bugle", title=HOSTILE_TITLE, path="b.txt")
    c = make_article(
        ["Sessions met the ambassador twice last year.", f"He said: \u201c{QUOTE}\u201d"],
        outlet="Wire", title="Envoy", path="c.txt")
    d = make_article(["Sessions met the ambassador twice last year.", f'He said: "{ALTERED}"'],
                     outlet="Reprint", title="Envoy", path="d.txt")
    claims = (
        Claim(0, (
            ClaimPassage(0, (0,), "anchor"),
            ClaimPassage(1, (0,), "divergent", 0.7,
                         (Detail("number", "twice", "April, July and September"),),
                         (("=", "Sessions met the ambassador "), ("-", "twice in 2016"),
                          ("+", "in April, July and September"), ("=", "."))),
            ClaimPassage(2, (0,), "shared", 0.9),
            ClaimPassage(3, (0,), "paraphrase", 0.6),
        ), anchor=0, sources=3),
        Claim(1, (
            ClaimPassage(0, (1,), "anchor"),
            ClaimPassage(1, (1,), "shared", 0.93, diff=(
                ("=", "The meetings were "), ("-", "not"), ("+", "never"), ("=", " disclosed."))),
        ), anchor=0, sources=2),
        Claim(2, (ClaimPassage(0, (3,), "anchor"),), anchor=0, sources=1),
        Claim(3, (ClaimPassage(1, (2,), "anchor"),), anchor=0, sources=1),
    )
    quote = Quote(0, QUOTE, "Sessions", (
        QuoteRendering(0, QUOTE, _span(a.text, QUOTE), (2,), "Sessions", "verbatim"),
        QuoteRendering(2, QUOTE, _span(c.text, QUOTE), (1,), None, "typographic"),
        QuoteRendering(3, ALTERED, _span(d.text, ALTERED), (1,), None, "altered",
                       (("=", "I never met "), ("-", "any"), ("+", "with"),
                        ("=", " Russian officials."))),
    ), absent=(1,))
    divergences = (Divergence(0, "number", (
        (0, "twice"), (1, "April, July and September"), (2, "twice"), (3, "twice"))),)
    return Story((a, b, c, d), claims, (quote,) if quotes else (), divergences,
                 ((0,), (1,), (2, 3)))


@pytest.fixture
def story() -> Story:
    return build_story()


def text_of(story: Story, **kwargs) -> list[str]:
    return render_story_text(story, **kwargs).splitlines()


def line_after(lines: list[str], start: str) -> str:
    """The first line that starts with ``start``."""
    return next(line for line in lines if line.startswith(start))


# --- what to show (render.story) ------------------------------------------------


def test_outlet_labels_are_letters_then_numbers():
    assert outlet_labels(4) == ("A", "B", "C", "D")
    many = outlet_labels(27)
    assert many[0] == "1" and many[-1] == "27"


def test_join_labels():
    assert [join_labels(x) for x in (["A"], ["A", "B"], ["A", "B", "C"])] == [
        "A", "A and B", "A, B and C"]


def test_wire_notes_name_groups_of_two_or_more(story):
    assert wire_notes(story, outlet_labels(4)) == ["C and D reprint one wire story"]


def test_relations_per_outlet(story):
    c0, c1 = story.claims[:2]
    assert relations(story, c0) == ("anchor", "divergent", "shared", "paraphrase")
    assert relations(story, c1) == ("anchor", "shared", "absent", "absent")


def test_matrix_holds_claims_of_two_or_more_outlets_and_only_lists_the_rest(story):
    assert [c.id for c in matrix_claims(story)] == [0, 1]
    assert [(i, [c.id for c in only]) for i, only in only_claims(story)] == [(0, [2]), (1, [3])]


def test_kinds_pick_claims_and_divergences_follow(story):
    assert [c.id for c in matrix_claims(story, {"divergent"})] == [0]
    assert [c.id for c in matrix_claims(story, {"shared"})] == [1]
    assert only_claims(story, {"shared", "divergent"}) == []
    assert divergences_by_claim(story, {"shared"}) == []
    assert [c.id for c, _ in divergences_by_claim(story, {"divergent"})] == [0]


def test_quote_statuses_per_outlet(story):
    assert quote_statuses(story, story.quotes[0]) == (
        "verbatim", "absent", "typographic", "altered")


def test_divergence_values_are_grouped_by_value(story):
    assert format_values(story.divergences[0], outlet_labels(4)) == (
        'A, C, D "twice" \u00b7 B "April, July and September"')


def test_divergence_values_differing_only_in_case_are_one_value():
    d = Divergence(0, "number", ((0, "Twice"), (1, "3 (April, July and September)"),
                                 (2, "twice"), (3, "TWICE")))
    assert format_values(d, outlet_labels(4)) == (
        'A, C, D "Twice" \u00b7 B "3 (April, July and September)"')


def test_claim_text_is_the_anchor_passage_on_one_line(story):
    assert claim_text(story, story.claims[3]) == HOSTILE_SENTENCE


# --- text -----------------------------------------------------------------------


def test_text_header_names_outlets_and_wire_copy(story):
    lines = text_of(story, width=100)
    assert lines[0] == (
        "Story: 4 articles, 3 independent sources, 4 claims, 1 quote, 1 divergence")
    assert line_after(lines, "A ") == "A Daily Planet \u2014 Sessions Met Envoy Twice"
    assert "C and D reprint one wire story." in (line.strip() for line in lines)


def test_text_matrix_marks_every_outlet(story):
    lines = text_of(story, width=100)
    header = lines.index(line_after(lines, "    A"))
    assert lines[header:header + 3] == [
        "    A   B   C   D",
        "#0 [*] [!] [=] [~] Sessions met the ambassador twice in 2016.",
        "#1 [*] [=] [.] [.] The meetings were not disclosed.",
    ]
    assert "[*] anchor  [=] shared  [~] paraphrase  [!] divergent  [.] absent" in lines


def test_text_lists_claims_only_one_outlet_carries(story):
    lines = text_of(story, width=100)
    at = lines.index("Only in A (Daily Planet)")
    assert lines[at + 1] == "   #2 The senator sat on the Armed Services Committee."
    assert lines[lines.index("Only in B (The Bugle)") + 1].startswith("   #3 ")


def test_text_quotes_table_and_altered_diff(story):
    lines = text_of(story, width=100)
    assert line_after(lines, "Q0") == (
        "Q0 [=] [.] [\u2248] [!] \u201cI never met any Russian officials.\u201d \u2014 Sessions")
    assert "                   D I never met [-any-]{+with+} Russian officials." in lines
    assert "[=] verbatim  [\u2248] typographic  [!] altered  [.] absent" in lines


def test_text_divergences(story):
    lines = text_of(story, width=100)
    at = lines.index(line_after(lines, "#0 Sessions"))
    assert lines[at + 1] == '   [!] number: A, C, D "twice" \u00b7 B "April, July and September"'


def test_text_narrow_uses_one_character_cells(story):
    lines = text_of(story, width=40)
    assert line_after(lines, "#0") == "#0 * ! = ~ Sessions met the ambassador \u2026"
    assert line_after(lines, "   A") == "   A B C D"
    assert "* anchor  = shared  ~ paraphrase  ! divergent  . absent" in " ".join(lines)


def test_text_very_narrow_puts_the_text_under_the_cells(story):
    lines = text_of(story, width=20)
    at = lines.index("#0 * ! = ~")
    assert lines[at + 1] == "   Sessions met the\u2026"


@pytest.mark.parametrize("width", [20, 33, 47, 80, 120, 200])
@pytest.mark.parametrize("color", [False, True])
def test_text_fits_the_width(story, width, color):
    from rich.text import Text

    out = render_story_text(story, width=width, color=color)
    assert max(Text.from_ansi(line).cell_len for line in out.splitlines()) <= width


@pytest.mark.parametrize("color", [False, True])
def test_text_shows_hostile_article_text_literally(story, color):
    out = render_story_text(story, width=120, color=color)
    assert "[bold]x[/bold] | <b>" in out
    assert "\\x1b[2J Franken asked [red]about[/red] contacts\\x9b." in out
    assert "\x1b[2J" not in out and "\x9b" not in out


def test_text_colour_marks_words_without_brackets(story):
    out = render_story_text(story, width=100, color=True)
    assert "\x1b[" in out and "[-any-]" not in out and "any" in out
    assert "\x1b" not in render_story_text(story, width=100)


def test_text_only_divergent(story):
    lines = text_of(story, width=100, kinds={"divergent"})
    assert line_after(lines, "#0 [*]")
    assert not any(line.startswith(("#1", "Only in")) for line in lines)
    assert any("number:" in line for line in lines)


def test_text_only_shared_drops_the_divergences(story):
    out = render_story_text(story, width=100, kinds={"shared"})
    assert "#1 [*] [=] [.] [.]" in out and "#0 [*]" not in out
    assert "Divergences" not in out and "number:" not in out


def test_text_only_unique_says_the_matrix_is_empty(story):
    out = render_story_text(story, width=100, kinds={"unique"})
    assert "No claim of the selected kinds is carried by two or more outlets." in out
    assert "Only in A (Daily Planet)" in out


def test_text_without_quotes_has_no_quotes_section():
    out = render_story_text(build_story(quotes=False), width=100)
    assert "Quotes" not in out and "Divergences" in out


# --- JSON -----------------------------------------------------------------------


@pytest.fixture
def data(story) -> dict:
    return json.loads(render_story_json(story))


def test_json_top_level(data):
    assert data["schema"] == "newsdiff.story/1"
    assert set(data) == {"schema", "version", "articles", "sources", "claims", "quotes",
                         "divergences"}
    assert data["sources"] == [[0], [1], [2, 3]]


def test_json_articles_keep_text_exactly(story, data):
    for i, (article, out) in enumerate(zip(story.articles, data["articles"], strict=True)):
        assert out["id"] == i and out["text"] == article.text and out["path"] == article.path
        assert out["sentences"] == [[s.start, s.end] for s in article.sentences]
    assert [(a["label"], a["source"], a["only"]) for a in data["articles"]] == [
        ("A", 0, [2]), ("B", 1, [3]), ("C", 2, []), ("D", 2, [])]
    assert data["articles"][1]["title"] == HOSTILE_TITLE
    assert HOSTILE_SENTENCE in data["articles"][1]["text"]


def test_json_escapes_every_control_character(story):
    out = render_story_json(story)
    assert "\x1b" not in out and "\x9b" not in out
    assert "\\u001b[2J" in out and "\\u009b" in out


def test_json_claims(story, data):
    c0 = data["claims"][0]
    assert (c0["id"], c0["kind"], c0["outlets"], c0["sources"], c0["anchor"]) == (
        0, "divergent", [0, 1, 2, 3], 3, 0)
    assert [p["relation"] for p in c0["passages"]] == [
        "anchor", "divergent", "shared", "paraphrase"]
    b = c0["passages"][1]
    (start, end), = b["sentences"]
    assert story.articles[1].text[start:end] == (
        "Sessions met the ambassador in April, July and September.")
    assert b["details"] == [
        {"type": "number", "anchor": "twice", "value": "April, July and September"}]
    assert "".join(text for op, text in b["diff"] if op != "-") == story.articles[1].text[start:end]
    assert data["claims"][2]["kind"] is None and data["claims"][2]["outlets"] == [0]


def test_json_quotes(story, data):
    q = data["quotes"][0]
    assert (q["id"], q["text"], q["speaker"], q["absent"]) == (0, QUOTE, "Sessions", [1])
    assert [(r["article"], r["status"]) for r in q["renderings"]] == [
        (0, "verbatim"), (2, "typographic"), (3, "altered")]
    for r in q["renderings"]:
        (start, end), = r["spans"]
        assert story.articles[r["article"]].text[start:end] == r["text"]
    assert q["renderings"][2]["diff"][1:3] == [["-", "any"], ["+", "with"]]


def test_json_divergences(data):
    assert data["divergences"] == [{"claim": 0, "type": "number", "values": [
        {"article": 0, "value": "twice"}, {"article": 1, "value": "April, July and September"},
        {"article": 2, "value": "twice"}, {"article": 3, "value": "twice"}]}]


def test_json_kinds_filter_claims_and_what_refers_to_them(story):
    out = story_to_dict(story, kinds={"shared"})
    assert [c["id"] for c in out["claims"]] == [1]
    assert out["divergences"] == [] and all(a["only"] == [] for a in out["articles"])
    assert len(out["quotes"]) == 1 and len(out["articles"]) == 4


# --- Markdown -------------------------------------------------------------------


@pytest.fixture
def markdown(story) -> list[str]:
    return render_story_markdown(story).splitlines()


def test_markdown_matrix(markdown):
    at = markdown.index("| Claim | A | B | C | D | Anchor text |")
    assert markdown[at + 1:at + 4] == [
        "|---|:-:|:-:|:-:|:-:|---|",
        "| #0 | `[*]` | `[!]` | `[=]` | `[~]` | Sessions met the ambassador twice in 2016. |",
        "| #1 | `[*]` | `[=]` | `[.]` | `[.]` | The meetings were not disclosed. |",
    ]


def test_markdown_only_quotes_and_divergences(markdown):
    at = markdown.index("### Only in A (Daily Planet)")
    assert markdown[at + 2] == "- **#2** The senator sat on the Armed Services Committee."
    assert line_after(markdown, "| Q0 ") == (
        "| Q0 | `[=]` | `[.]` | `[\u2248]` | `[!]` | \u201cI never met any Russian officials."
        "\u201d | Sessions | **D** I never met ~~any~~**with** Russian officials. |")
    assert line_after(markdown, "| #0 | Sessions") == (
        '| #0 | Sessions met the ambassador twice in 2016. | number | '
        'A, C, D "twice" \u00b7 B "April, July and September" |')
    assert "_C and D reprint one wire story._" in markdown


def test_markdown_escapes_article_text(story, markdown):
    out = "\n".join(markdown)
    assert "| **B** | The Bugle | \\[bold\\]x\\[/bold\\] \\| \\<b\\> |  | b.txt |" in markdown
    assert "\\\\x1b\\[2J Franken asked \\[red\\]about\\[/red\\] contacts\\\\x9b." in out
    assert "\x1b" not in out and "<b>" not in out


def test_markdown_only_divergent(story):
    out = render_story_markdown(story, kinds={"divergent"})
    assert "| #0 |" in out and "| #1 |" not in out and "Only in" not in out
    assert "## Divergences" in out and "## Quotes" in out


# --- quote extents ----------------------------------------------------------------

LONGER = f"{QUOTE} It is false."


def build_extent_story() -> Story:
    """The story with C printing more than the quote (the same words, then a sentence)
    and D only part of it, with a word altered."""
    story = build_story()
    c = make_article(["Sessions met the ambassador twice last year.",
                      f"He said: \u201c{LONGER}\u201d"], outlet="Wire", title="Envoy", path="c.txt")
    a_rendering, _, d_rendering = story.quotes[0].renderings
    quote = replace(story.quotes[0], renderings=(
        a_rendering,
        QuoteRendering(2, LONGER, _span(c.text, LONGER), (1,), None, "verbatim",
                       extent="longer", matched=(0, len(QUOTE))),
        replace(d_rendering, extent="part"),
    ))
    articles = (story.articles[0], story.articles[1], c, story.articles[3])
    return replace(story, articles=articles, quotes=(quote,))


@pytest.fixture
def extent_story() -> Story:
    return build_extent_story()


def test_quote_extents_per_outlet(extent_story):
    assert quote_extents(extent_story, extent_story.quotes[0]) == (
        "whole", "whole", "longer", "part")  # B is absent: nothing to add
    assert shown_extents(extent_story) == ("longer", "part")
    assert shown_extents(build_story()) == ()
    assert extent_story.quotes[0].renderings[1].matched_text == QUOTE


def test_text_marks_longer_and_part_renderings(extent_story):
    lines = text_of(extent_story, width=100)
    at = lines.index(line_after(lines, "Q0"))
    assert lines[at - 1] == "    A    B    C    D"
    assert lines[at] == (
        "Q0 [=]  [.]  [=]+ [!]\u2026 \u201cI never met any Russian officials.\u201d \u2014 Sessions")
    assert lines[at + 1] == "                       D I never met [-any-]{+with+} Russian officials."
    legend = line_after(lines, "[=] verbatim")
    assert legend.endswith("[.] absent  + prints more  \u2026 prints part")
    assert any(line.startswith("+ marks a quotation that prints more") for line in lines)
    # The claims' matrix keeps its cells; a story without extents has no suffix column.
    assert "#1 [*] [=] [.] [.] The meetings were not disclosed." in lines
    plain = text_of(build_story(), width=100)
    assert not any(line.startswith("+ marks") for line in plain)
    assert line_after(plain, "[=] verbatim").endswith("[.] absent")


def test_text_narrow_marks_extents_after_one_character_cells(extent_story):
    lines = text_of(extent_story, width=40)
    assert line_after(lines, "Q0").startswith("Q0 =  .  =+ !\u2026 \u201cI never")


@pytest.mark.parametrize("width", [20, 33, 47, 80, 120])
def test_text_with_extents_fits_the_width(extent_story, width):
    assert max(map(len, text_of(extent_story, width=width))) <= width


def test_json_gives_each_rendering_its_extent_and_matched_part(extent_story):
    q = story_to_dict(extent_story)["quotes"][0]
    assert [(r["article"], r["extent"], r["matched"], r["status"]) for r in q["renderings"]] == [
        (0, "whole", [0, len(QUOTE)], "verbatim"), (2, "longer", [0, len(QUOTE)], "verbatim"),
        (3, "part", [0, len(ALTERED)], "altered")]
    longer = q["renderings"][1]
    (start, end), = longer["spans"]
    assert extent_story.articles[2].text[start:end] == longer["text"] == LONGER


def test_markdown_marks_longer_and_part_renderings(extent_story):
    lines = render_story_markdown(extent_story).splitlines()
    assert line_after(lines, "| Q0 ").startswith(
        "| Q0 | `[=]` | `[.]` | `[=]+` | `[!]\u2026` | \u201cI never met any Russian officials.")
    assert line_after(lines, "`[=]` verbatim").endswith(
        "`[.]` absent · `+` prints more · `\u2026` prints part")
    assert any(line.startswith("_+ marks a quotation") for line in lines)
    plain = render_story_markdown(build_story())
    assert "+ marks a quotation" not in plain and "`+`" not in plain
