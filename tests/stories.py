"""Hand-built stories, as :mod:`tests.builders` builds comparisons: every mark, status
and value is known exactly, so the story views' tests do not depend on the engine's
judgement.  Outlet B's title and one of its sentences are hostile: markup, an escape
sequence that would clear the screen.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdiff.values import (
    Claim,
    ClaimPassage,
    Detail,
    Divergence,
    Quote,
    QuoteRendering,
    Story,
)
from tests.builders import make_article

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
        ), anchor=0, sources=3, lead=0),
        Claim(1, (
            ClaimPassage(0, (1,), "anchor"),
            ClaimPassage(1, (1,), "shared", 0.93, diff=(
                ("=", "The meetings were "), ("-", "not"), ("+", "never"), ("=", " disclosed."))),
        ), anchor=0, sources=2, lead=1),
        Claim(2, (ClaimPassage(0, (3,), "anchor"),), anchor=0, sources=1, lead=3),
        Claim(3, (ClaimPassage(1, (2,), "anchor"),), anchor=0, sources=1, lead=2),
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
def story() -> Story:
    """The hand-built story (a fixture of ``tests/present`` and ``tests/render``)."""
    return build_story()


@pytest.fixture
def extent_story() -> Story:
    """The story whose quote is printed longer by C and in part by D."""
    return build_extent_story()


def line_after(lines: list[str], start: str) -> str:
    """The first line that starts with ``start``."""
    return next(line for line in lines if line.startswith(start))
