"""Every regular expression that reads untrusted text takes time linear in it.

Articles and web servers are strangers, and a pattern that backtracks
quadratically turns one long line into a hang (the audit of issue 13 found a
headline that took 64 s).  The patterns are found, not listed: every compiled
pattern at the top level of a module of ``newsdiff.text`` and
``newsdiff.sources``, all of which read article text, front matter, web pages or
arguments.  Each is run with ``finditer``, which tries every start position and
so does at least the work of the ``match``, ``fullmatch``, ``sub`` or ``split``
its callers use, over 100,000-character runs of the characters that make a
backtracking pattern retry: the runs every pattern gets (spaces, marks, quotes,
letters…) and the runs written for it below, which start a match, repeat what
its quantifiers take and end in what fails it.  A pattern without runs of its
own fails the test, so a new one is audited when it is added.

The cost is compared by CPU-time growth (``tests/scaling.py``), never by a
wall-clock limit: a quadratic pattern grows by the square of the size ratio.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import newsdiff.sources
import newsdiff.text
from newsdiff.sources.formats.text import parse_article
from newsdiff.values.errors import InputError
from tests.scaling import near_linear

SMALL, LARGE = 12_500, 100_000

# A run is (prefix, repeated unit, suffix): the text of a run of about n characters.
Run = tuple[str, str, str]

COMMON: tuple[Run, ...] = tuple(
    ("", unit, "\0") for unit in
    [" ", "\t", "\n", ".", "#", "'", '"', "-", ":", "/", "|", "(", "[", "<", "*", "a", "A",
     "1", "é", "—", ". ", "a.", "A. ", "a'", "1,", "a-"])

# What each pattern's quantifiers could retry over, and what starts and fails a match.
OWN: dict[str, tuple[Run, ...]] = {
    "newsdiff.text.segment._LINE_RE": (("", "a\r", ""),),
    "newsdiff.text.segment._BOUNDARY_RE": (
        (".", " ", "x"), ("", '."', ""), ("", ".” ", ""), ("!", "”", " a"), ("a", ". ", "")),
    "newsdiff.text.segment._PARTY_TAG_RE": (("R-", "A.", "-"), ("", "R-A", "")),
    "newsdiff.text.tokens.WORD_RE": (("", "a’", ""), ("", "'", "a")),
    "newsdiff.text.tokens.DETAIL_TOKEN_RE": (("", "1.", ""), ("", "1st", ""), ("", "$1", "")),
    "newsdiff.text.tokens.NAME_TOKEN_RE": (("", "a,", ""),),
    "newsdiff.text.tokens.DIFF_TOKEN_RE": (("", "a ", ""),),
    "newsdiff.text.facts.sentence.DETAIL_TOKEN_RE": (("", "1.", ""), ("", "1st", "")),
    "newsdiff.text.diffing.DIFF_TOKEN_RE": (("", "a ", ""),),
    "newsdiff.text.aliases._NAME_WORD_RE": (("Ab", "'", "!"), ("", "Ab-", ""), ("", "Ab", "")),
    "newsdiff.text.boilerplate._MARKDOWN_LINK_RE": (
        ("", "[a](", ""), ("[", "a", ""), ("[a](", "b", ""), ("", "[a]", ""), ("", "[", "]")),
    "newsdiff.text.boilerplate._LEADING_MARKERS_RE": (
        ("", "# ", "x"), ("", "- ", "x"), ("", "1. ", "x"), ("#", " ", "x"), ("", "#\t", "")),
    "newsdiff.text.boilerplate._BYLINE_RE": (
        ("by", " ", ""), ("written", " ", "by"), ("by ", "a", ""), ("", "by ", "")),
    "newsdiff.text.boilerplate._SKIP_LINK_RE": (("", "skip to ", ""), ("skip to", " ", "")),
    "newsdiff.text.boilerplate._MENU_SEPARATOR_RE": (
        ("a", " ", "|"), ("", " | ", ""), ("", " |", "")),
    "newsdiff.text.boilerplate._COMMENT_RE": (
        ("", "1,", " comments"), ("1", " ", "comments"), ("", "share your ", ""),
        ("", "leave a ", "")),
    "newsdiff.text.boilerplate._CREDIT_RE": (
        ("(AP", "/", "x"), ("(AP ", "a", "/"), ("", "(AP/", ""), ("photo", " ", ":"),
        ("", "image: ", "")),
    "newsdiff.text.boilerplate._AGENCY_RE": (("", "/Flickr", ""), ("", "Getty ", "")),
    "newsdiff.text.boilerplate._UPDATE_NOTE_RE": (
        ("", "(this post ", ""), ("this post has been", " ", "updated")),
    "newsdiff.text.boilerplate._DATELINE_RE": (("updated", " ", "x"), ("", "updated ", "")),
    "newsdiff.text.boilerplate._WIDGET_PREFIX_RE": (("related", " ", "x"), ("", "read more ", "")),
    "newsdiff.text.boilerplate._WIDGET_LABEL_RE": (
        ("related from ", "a ", "!"), ("", "most popular ", ""), ("", "ad", "")),
    "newsdiff.text.boilerplate._EMBED_RE": (
        ("watch ", "x", " below."), ("watch", " ", "below"), ("", "watch ", ""),
        ("", "see ", "below")),
    "newsdiff.text.boilerplate._LEGAL_RE": (("", "all rights ", ""), ("©", " ", "")),
    "newsdiff.text.boilerplate._COOKIE_CONTEXT_RE": (("", "we ", ""), ("", "this ", "")),
    "newsdiff.text.boilerplate._SALUTATION_RE": (("", "dear ", ""),),
    "newsdiff.text.boilerplate._APPEAL_RE": (("", "become a ", ""), ("", "support ", "")),
    "newsdiff.text.boilerplate._READER_ADDRESS_RE": (("", "you ", ""),),
    "newsdiff.text.boilerplate._IMPERATIVE_RE": (("", "please ", ""),),
    "newsdiff.sources.decoding._LINE_BREAK_RE": (("", "\r", ""), ("", "\r\n", "")),
    "newsdiff.sources.formats.text._FRONT_MATTER_RE": (
        ("---\n", "a: b\n", ""), ("---\na:", " ", "\n"), ("---", " ", "x"), ("---\n", "-", ""),
        ("---\n", "---x\n", "")),
    "newsdiff.sources.formats.text._FIELD_RE": (
        ("a:", " ", "b"), ("", "a-", ":"), ("", " ", "a:"), ("", "a:\n", "")),
    "newsdiff.sources.formats.text._HEADING_MARKS_RE": (
        ("# Headline", " ", "x #"), ("", "#", " "), ("x", " ", "#"), ("", " #", "")),
    "newsdiff.sources.formats.text._SECTION_TAG_RE": (
        ("AB", " ", "x"), ("ABC", " ", "— "), ("", "A ", "")),
    "newsdiff.sources.outlets.text._COPYRIGHT_RE": (
        ("©", " ", "x"), ("", "© ", ""), ("©", ", ", "-"), ("©", " 2017", "1"), ("©", "2017-", ""),
        ("©", " 2017 - 2018", ""), ("", "copyright (c) ", ""), ("(c", ")", "")),
    "newsdiff.sources.outlets.text._ORIGIN_RE": (
        ("", "this story ", ""), ("this story was", " ", "x"), ("", "originally published ", ""),
        ("", "republished ", ""), ("a version of this", " ", "")),
    "newsdiff.sources.url._SCHEME_RE": (("", "a", "!"), ("", "a-", "")),
    "newsdiff.sources.url._OTHER_SCHEME_RE": (("", "a", ":"), ("", "a+", "://")),
}


def _patterns() -> dict[str, re.Pattern]:
    """Every top-level compiled pattern of the modules under ``newsdiff.text`` and
    ``newsdiff.sources``, by its qualified name."""
    found = {}
    for package in (newsdiff.text, newsdiff.sources):
        names = [package.__name__] + [m.name for m in pkgutil.walk_packages(
            package.__path__, package.__name__ + ".")]
        for name in names:
            module = importlib.import_module(name)
            found.update({f"{name}.{attr}": value for attr, value in vars(module).items()
                          if isinstance(value, re.Pattern)})
    return found


PATTERNS = _patterns()


def _text(run: Run, n: int) -> str:
    prefix, unit, suffix = run
    return prefix + unit * (n // len(unit)) + suffix


def _scan(pattern: re.Pattern, text: str) -> None:
    subject = text.encode() if isinstance(pattern.pattern, bytes) else text
    for _ in pattern.finditer(subject):
        pass


def test_every_pattern_has_runs_of_its_own() -> None:
    assert set(PATTERNS) == set(OWN), "audit the new pattern and write its runs into OWN"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_pattern_is_linear_on_every_run(name: str) -> None:
    pattern = PATTERNS[name]
    slow = [run for run in COMMON + OWN.get(name, ())
            if not near_linear(lambda n, run=run: _scan(pattern, _text(run, n)), SMALL, LARGE)]
    assert not slow, f"{name} grows faster than linearly on {slow}"


# --- and the reading they serve ----------------------------------------------------------

# Whole articles made of one long run: sentences, boilerplate, headline, byline, front matter.
ARTICLES: tuple[Run, ...] = (
    ("", " ", "x"), ("", ". ", ""), ("", "\n", "x"), ("", "#", ""), ("# Headline", " ", "x #"),
    ("", "A. ", ""), ("By", " ", "Jo"), ("", "[a](b) ", ""), ("(AP", "/", "x"),
    ("---\ntitle: a", " ", "\n---\nBody."), ("", "word ", ""), ("", "a|", ""))


@pytest.mark.parametrize("run", ARTICLES, ids=[repr(r[1]) for r in ARTICLES])
def test_reading_an_article_is_linear(run: Run) -> None:
    def read(n: int) -> None:
        try:
            parse_article(_text(run, n), "a.txt")
        except InputError:  # a text of blanks or marks alone: refused, and quickly
            pass

    assert near_linear(read, SMALL // 2, LARGE // 2)
