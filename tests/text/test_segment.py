"""Sentence splitting: rules, offsets, speed, and agreement with the gold scorer's units."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.text.segment import split_sentences
from tests.locations import SHARED


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Senate met on Jan. 10 in Washington.",
        "Sessions met the U.K. ambassador in Sept. 2016 too.",
        "Mr. Smith and Mrs. Jones met Dr. Who and Ms. Marvel.",
        "Rep. Darrell Issa (R-CA) said that Sen. Al Franken was wrong.",
        "Rep. Jane Doe (D-Calif.) Tuesday called for an inquiry.",
        "(AP Photo/J. Scott Applewhite)",
        "Gov. Brown and Gen. Flynn met Lt. Dan at St. Paul.",
        "Martin Luther King Jr. Day and Sr. Advisor Jones.",
        "President George W. Bush spoke in Washington, D.C. Tuesday.",
        "He was the No. 2 official at the department.",
        "It was Roe vs. Wade, and apples, pears, etc. Nothing else.",
        "“I’m not aware of any of those activities,” Sessions said.",
        "“Why?” he asked, and then left.",
        "Growth was 3.5 percent in the first quarter.",
    ],
)
def test_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rained. The game went on.", ["It rained.", "The game went on."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        (
            "“I have no idea what this allegation is about. It is false.” The spokesperson left.",
            [
                "“I have no idea what this allegation is about.",
                "It is false.”",
                "The spokesperson left.",
            ],
        ),
        ('He said "no." "Yes," she said.', ['He said "no."', '"Yes," she said.']),
        ("The vote was close. 52 senators agreed.", ["The vote was close.", "52 senators agreed."]),
        ("A scandal (again.) Then silence.", ["A scandal (again.)", "Then silence."]),
        ("He left... Then he came back.", ["He left...", "Then he came back."]),
        ("The meetings occurred in July.\u00a0 The first was short.",
         ["The meetings occurred in July.", "The first was short."]),
        ("Said Issa (R-CA). He left.", ["Said Issa (R-CA).", "He left."]),
        ("Москва ответила. Потом замолчала.", ["Москва ответила.", "Потом замолчала."]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_no_split_before_lower_case() -> None:
    assert sentences("He met officials in Washington. and then left.") == [
        "He met officials in Washington. and then left."
    ]


def test_every_line_break_ends_a_sentence() -> None:
    text = "POLITICS — Sessions Spoke Twice\n\nBy Dani Graham\n  • Print.\nImage: Gage Skidmore"
    assert sentences(text) == [
        "POLITICS — Sessions Spoke Twice",
        "By Dani Graham",
        "• Print.",
        "Image: Gage Skidmore",
    ]


def test_crlf_and_blank_lines() -> None:
    assert sentences("\r\n  One line\r\n\r\n\tTwo line.  \r\n") == ["One line", "Two line."]


def test_markdown_markers() -> None:
    text = "# A Headline\n\n1. First point is here.\n2. Second point.\n* **Bold claim.** Next.\n"
    assert sentences(text) == [
        "# A Headline",
        "1. First point is here.",
        "2. Second point.",
        "* **Bold claim.**",
        "Next.",
    ]


def test_offsets_index_the_text() -> None:
    text = "  “Quoted,” he said. Then left!\n\nÜber café — naïve? Yes.  "
    spans = split_sentences(text)
    expected = ["“Quoted,” he said.", "Then left!", "Über café — naïve?", "Yes."]
    assert [text[s:e] for s, e in spans] == expected
    assert all(0 <= s < e <= len(text) for s, e in spans)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\u00a0\u2009"])
def test_nothing_to_split(text: str) -> None:
    assert split_sentences(text) == []


def test_no_punctuation_at_all() -> None:
    text = "a headline without any punctuation at all"
    assert split_sentences(text) == [(0, len(text))]


@pytest.mark.parametrize(
    "line",
    [
        "word " * 20_000,
        "." * 100_000,
        "!" * 50_000 + "”" * 50_000,
        "a. " * 33_000,
        "U.S. " * 20_000,
        " " * 99_999 + "x",
        "x" * 100_000 + ". Y",
        "([“‘" * 25_000,
    ],
    ids=[
        "words", "periods", "marks-closers", "lowercase-candidates",
        "acronyms", "spaces", "one-token", "openers",
    ],
)
def test_long_line_completes(line: str) -> None:
    spans = split_sentences(line)  # a backtracking regex would hang here
    assert spans and spans[0][0] >= 0 and spans[-1][1] <= len(line)


def test_many_sentences_on_one_line() -> None:
    line = "He spoke. " * 10_000
    assert len(split_sentences(line)) == 10_000


# --- never coarser than the scorer --------------------------------------------------

_UNKNOWN_TO_SCORER = ("Lt.", "etc.", "Prof.", "Capt.", "Col.", "Sgt.", "Adm.", "Mt.", "Ft.")


def _scorer_units():
    path = SHARED / "tools" / "score_gold.py"
    if not path.is_file():
        pytest.skip("shared scorer not available")
    spec = importlib.util.spec_from_file_location("score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.units


def _seed_texts() -> list[str]:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("shared seeds not available")
    return [p.read_text(encoding="utf-8") for p in seeds]


def test_never_coarser_than_scorer_units_on_seeds() -> None:
    units = _scorer_units()
    for text in _seed_texts():
        ours = {start for start, _ in split_sentences(text)}
        for start, end in units(text):
            start += len(text[start:end]) - len(text[start:end].lstrip())
            if start not in ours:
                assert text[:start].rstrip().endswith(_UNKNOWN_TO_SCORER), (
                    text[start:end]
                )


def test_finer_than_scorer_only_after_abbreviations_it_does_not_know() -> None:
    units = _scorer_units()
    text = "Lt. Dan spoke. He met Col. Mustard, etc. They left."
    scorer_starts = {s for s, _ in units(text)}
    ours = {s for s, _ in split_sentences(text)}
    assert ours <= scorer_starts
    assert sentences(text) == ["Lt. Dan spoke.", "He met Col. Mustard, etc. They left."]


# --- properties over arbitrary text ------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"aZé Ж5.!?,;:\"'“”‘’()[]*_-—•\n\r\t\u00a0\u2028", "Mr.", "U.S.", " W. ", "(R-CA)", "1. "]
)
_TEXTS = st.one_of(st.text(), st.lists(_ALPHABET, max_size=80).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_spans_are_valid(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        assert "\n" not in piece and "\r" not in piece
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_every_visible_character_is_in_a_span(text: str) -> None:
    covered = [False] * len(text)
    for start, end in split_sentences(text):
        covered[start:end] = [True] * (end - start)
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())


def test_a_stray_closing_quote_stays_with_its_sentence() -> None:
    # Detokenised text leaves a closing quote after a space; on its own it would be a
    # sentence with no words, printed alike by every outlet that quotes the line.
    assert sentences('He said: "We won. "\nThen he left.') == ['He said: "We won. "',
                                                              "Then he left."]
    assert sentences('"Oh dear. There goes the orchestra. "') == [
        '"Oh dear.', 'There goes the orchestra. "']


def test_a_line_of_punctuation_is_still_a_sentence() -> None:
    assert sentences('Storm hits Maine.\n***\n"') == ["Storm hits Maine.", "***", '"']
