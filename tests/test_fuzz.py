"""Property tests over arbitrary input for ingest, segmentation and ``visible()``.

Articles are untrusted: any bytes must either become text or an ``InputError``,
any text must segment into well-formed sentence spans, and nothing ``visible()``
returns may act on a terminal.  The ``check_*`` functions hold the properties so
that ``scripts/fuzz.py`` can run the same ones for minutes instead of seconds.
"""

from __future__ import annotations

import codecs
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.present.visible import visible
from newsdiff.sources.decoding import decode
from newsdiff.sources.formats.text import parse_article
from newsdiff.text.segment import split_sentences
from newsdiff.values.errors import InputError

# Characters that steer sentence splitting, mixed into arbitrary Unicode so that the
# interesting paths (quotes, abbreviations, line breaks, initials) are actually reached.
_NEWSY = list(".!?…;:\n\n \t\"'“”‘’«»()[]-—–*#|U.S.Mr.Dr.Jan.No.123ABCabcxyzÉé\r\u00a0")
TEXT = st.text(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(_NEWSY)),
               max_size=400)
ENCODED = st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]))
BYTES = st.one_of(
    st.binary(max_size=400),
    ENCODED.map(lambda te: te[0].encode(te[1], errors="replace")),
)

# Nothing visible() returns may be a C0 or C1 control (but tab and newline), a bidi
# control, or a character that draws nothing next to Latin text.
_UNSAFE_RE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff\U000e0001\U000e0020-\U000e007f]"
    r"|[\x00-\u024f][\u200c\u200d]|[\u200c\u200d][\x00-\u024f]"
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_decode(data: bytes) -> None:
    """Bytes become text with ``\\n`` line ends, or an InputError; nothing else."""
    try:
        text = decode(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("newsdiff: cannot read 'fuzz.txt': ")
        assert "\n" not in str(exc)
        return
    assert "\r" not in text and text.strip()
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
    assert b"\0" not in data or data.startswith(boms)


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are in range, non-empty, trimmed, sorted and disjoint."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end


def check_segments(text: str) -> None:
    """``split_sentences`` spans are well formed and cover every non-blank character."""
    spans = split_sentences(text)
    check_spans(text, spans)
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(text.split()) == "".join(covered.split())


def check_article(text: str) -> None:
    """``parse_article`` gives consistent sentences over its own text, or an InputError."""
    try:
        article = parse_article(text, "fuzz.txt")
    except InputError:
        assert not split_sentences(text) or text.startswith("---")
        return
    check_spans(article.text, [(s.start, s.end) for s in article.sentences])
    for i, s in enumerate(article.sentences):
        assert s.index == i and article.text[s.start : s.end] == s.text
    assert "\n" not in article.title  # may be empty: a text of "_" cleans to no title


def check_visible(text: str) -> None:
    """``visible()`` leaves nothing unsafe, keeps tab and newline, and is idempotent."""
    shown = visible(text)
    assert not _UNSAFE_RE.search(shown)
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")
    assert visible(shown) == shown


@SETTINGS
@given(BYTES)
def test_decode_gives_text_or_input_error(data):
    check_decode(data)


@SETTINGS
@given(TEXT)
def test_split_sentences_spans_are_well_formed(text):
    check_segments(text)


@SETTINGS
@given(TEXT)
def test_parse_article_sentences_index_its_text(text):
    check_article(text)


@SETTINGS
@given(TEXT)
def test_visible_output_is_safe_for_a_terminal(text):
    check_visible(text)


@SETTINGS
@given(BYTES)
def test_decoded_input_parses_or_is_refused(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError:
        return
    check_article(text)
