"""Text and Markdown articles (:mod:`newsdiff.sources.formats.text`): front matter,
sentences and boilerplate flags, headline and byline, on made-up text and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import headline_sentence, parse_article, read_text
from newsdiff.sources.outlets import folder_outlets
from newsdiff.values.errors import InputError
from tests.scaling import near_linear

TEXT_ARTICLE = """\
Sessions Spoke Twice With Russian Ambassador

Attorney General Jeff Sessions spoke twice last year with Russia's ambassador to the United States.

Sessions said he never met with any Russian officials to discuss issues of the campaign.
"""


# --- parse_article -------------------------------------------------------------------


def test_front_matter() -> None:
    front = '---\noutlet: "Daily Planet"\ntitle: Given\nbyline: Lois Lane\n---\n'
    text = front + "Headline\nBody here.\n"
    article = parse_article(text, "story.md")
    assert (article.outlet, article.title, article.byline) == ("Daily Planet", "Given", "Lois Lane")
    assert article.text == "Headline\nBody here.\n"
    assert [s.text for s in article.sentences] == ["Headline", "Body here."]


def test_front_matter_without_article() -> None:
    with pytest.raises(InputError, match="'a.md': no article text"):
        parse_article("---\noutlet: X\n---\n\n", "a.md")


def test_not_front_matter_without_closing_rule() -> None:
    text = "---\nNote: this is prose.\nMore prose here.\n"
    article = parse_article(text, "a.txt")
    assert article.text == text and article.outlet == "a"


def test_outlet_from_file_name_and_stdin() -> None:
    assert parse_article("Text.", "/some/dir/the-post.txt").outlet == "the-post"
    assert parse_article("Text.", "<stdin>").outlet == "stdin"


def test_sentences_and_boilerplate_flags() -> None:
    text = "Skip to main content\nA Headline Here\nBy Jo Bloggs\nFirst fact. Second fact.\n"
    article = parse_article(text, "a.txt")
    assert article.text == text
    assert [(s.index, s.text, s.boilerplate) for s in article.sentences] == [
        (0, "Skip to main content", True),
        (1, "A Headline Here", False),
        (2, "By Jo Bloggs", True),
        (3, "First fact.", False),
        (4, "Second fact.", False),
    ]
    assert all(text[s.start : s.end] == s.text for s in article.sentences)
    assert (article.title, article.byline) == ("A Headline Here", "Jo Bloggs")


def test_markdown_heading_and_lists() -> None:
    text = "# Council **Passes** Budget #\n\n*By Sam Lee*\n\n- First item is here.\n"
    text += "- **Second.** Third.\n"
    article = parse_article(text, "notes.md")
    assert article.title == "Council **Passes** Budget"
    assert article.byline == "Sam Lee"
    assert [s.text for s in article.story_sentences] == [
        "# Council **Passes** Budget #",
        "- First item is here.",
        "- **Second.**",
        "Third.",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("POLITICS — Sessions Spoke Twice\n\nBody.", "Sessions Spoke Twice"),
        ("POLITICS\nSessions Spoke Twice With Envoy\nBody.", "Sessions Spoke Twice With Envoy"),
        ("Politics -- A Long Headline\nBody.", "Politics -- A Long Headline"),
        ("US — China Talks Resume\nBody.", "US — China Talks Resume"),
        ("No headline here, just prose. And more.", "No headline here, just prose."),
        ("Skip to main content\n•\nReal Headline\nBody.", "Real Headline"),
    ],
)
def test_headline_rules(text: str, title: str) -> None:
    assert parse_article(text, "a.txt").title == title


def test_headline_kept_as_read_in_text() -> None:
    article = parse_article("POLITICS — Sessions Spoke Twice\nBody.", "a.txt")
    assert article.sentences[0].text == "POLITICS — Sessions Spoke Twice"


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("POLITICS — Sessions Spoke Twice\nBody.", 0),      # tagged headline
        ("POLITICS\nSessions Spoke Twice With Envoy\nBody.", 1),  # label above it
        ("---\ntitle: Another Title\n---\nSessions Spoke Twice\nBody.", None),
        ("---\ntitle: Sessions Spoke Twice\n---\nSessions Spoke Twice\nBody.", 0),
    ],
)
def test_headline_sentence(text: str, index: int | None) -> None:
    assert headline_sentence(parse_article(text, "a.txt")) == index


def test_byline_only_near_the_top() -> None:
    body = "".join(f"Fact number {n} is here.\n" for n in range(12))
    assert parse_article(f"Headline\n{body}By Late Author\n", "a.txt").byline is None


def test_front_matter_date_and_url_in_text_files():
    article = parse_article("---\ndate: 2017-03-02\nurl: https://wire.example/x\n---\n"
                            + TEXT_ARTICLE, "wire.txt")
    assert (article.date, article.url) == ("2017-03-02", "https://wire.example/x")
    assert parse_article(TEXT_ARTICLE, "wire.txt").date is None


def test_read_text_decodes_then_parses() -> None:
    data = b"\xef\xbb\xbf" + TEXT_ARTICLE.replace("\n", "\r\n").encode("utf-8")
    assert read_text(data, "wire.txt") == parse_article(TEXT_ARTICLE, "wire.txt")


# --- the seeds ---------------------------------------------------------------------


def _seed(prefix: str) -> Path:
    return next(p for p in sample_story() if p.name.startswith(f"{prefix}_"))


@pytest.mark.parametrize(
    ("seed", "title", "byline"),
    [
        ("000", "Sessions Spoke With Russian Ambassador Twice", None),
        (
            "001",
            "Sessions Met with Russian Ambassador Twice During Presidential Election",
            "Dani Graham",
        ),
        ("002", "Sessions Met With Russian Ambassador Twice During Campaign", None),
        (
            "003",
            "Russian ambassador reportedly said he and Sessions discussed campaign-related issues",
            None,
        ),
        ("004", "Sessions Had Secret Meetings With Russian Ambassador", None),
    ],
)
def test_seed_headline_and_byline(seed: str, title: str, byline: str | None) -> None:
    path = _seed(seed)
    article = load_article(str(path))
    assert (article.title, article.byline) == (title, byline)
    assert article.outlet == folder_outlets(path.parent)[path.name], "the story's outlets.toml"
    assert parse_article(article.text, str(path)).outlet == path.stem, "nothing guessed"
    assert article.text == path.read_text(encoding="utf-8")
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))


# --- hostile text ------------------------------------------------------------------


def test_a_front_matter_value_may_hold_a_line_separator() -> None:
    """``str.splitlines`` splits on U+2028, the front matter's pattern does not: the field
    was read line by line and a value holding one was a traceback."""
    article = parse_article("---\ntitle: One\u2028Two\n---\nBody text.\n", "a.md")
    assert article.title == "One\u2028Two" and article.text == "Body text.\n"


def test_front_matter_values_are_trimmed_in_linear_time() -> None:
    def run(n: int) -> None:
        article = parse_article(f"---\ntitle: a{' ' * n}b{' ' * n}\n---\nBody.\n", "a.md")
        assert article.title == f"a{' ' * n}b"

    assert near_linear(run, 12_500, 100_000)


def test_closing_heading_marks_are_found_in_linear_time() -> None:
    """The audit's headline, ``'# Headline' + ' ' * 80000 + 'x #'``, took 64 s."""
    def run(n: int) -> None:
        article = parse_article(f"# Headline{' ' * n}x #\nBody.\n", "a.md")
        assert article.title == f"Headline{' ' * n}x"

    assert near_linear(run, 10_000, 80_000)


def test_a_fetched_documents_outlet_is_its_host() -> None:
    """Not the address's last part ("story", an id): that says nothing about who wrote it."""
    assert parse_article("Text.", "https://News.Example.com/2017/03/story").outlet == \
        "news.example.com"
    assert parse_article("Text.", "http://127.0.0.1:8080/").outlet == "127.0.0.1"
    assert parse_article("Text.", "https://WWW.bbc.co.uk/news/1").outlet == "bbc.co.uk"
    assert parse_article("---\noutlet: Wire\n---\nText.", "http://x.example/a").outlet == "Wire"
