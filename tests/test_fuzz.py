"""Property tests over arbitrary input for ingest, segmentation, ``visible()`` and output.

Articles are untrusted: any bytes must either become text or an ``InputError``,
any text must segment into well-formed sentence spans, nothing ``visible()``
returns may act on a terminal or hide what it says, and no hostile name,
character, width or output encoding may crash a renderer or the command line,
reach its output raw, break a header's line, or make the Markdown link or ping.
The ``check_*`` functions hold the properties (each takes one value, which its
strategy in ``CASES`` draws) so that ``scripts/fuzz.py`` can run the same ones
for minutes instead of seconds; here each runs a bounded, seeded number of times.
"""

from __future__ import annotations

import codecs
import functools
import html
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from newsdiff.cli import MAX_WIDTH, MIN_WIDTH, app
from newsdiff.present.visible import HIDDEN_RE, visible, visible_line
from newsdiff.render.json_out import render_json
from newsdiff.render.markdown import escape, escape_name, render_markdown
from newsdiff.render.story_json import render_story_json
from newsdiff.render.story_markdown import render_story_markdown
from newsdiff.render.story_text import render_story_text
from newsdiff.render.text import render_text
from newsdiff.sources import load_article
from newsdiff.sources.decoding import decode
from newsdiff.sources.formats.text import parse_article
from newsdiff.text.segment import split_sentences
from newsdiff.values.errors import InputError
from tests.builders import B_SENTENCES, build_comparison, make_article
from tests.locations import FIXTURES
from tests.stories import build_story

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

# What may stay raw where it does its work (see visible._kept): joiners, variation selectors.
_CONTEXTUAL = re.compile("[\u200c\u200d\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_KEYCAP = "\u20e3"

# Seeded, so the suite runs the same cases every time, and few enough that all of them take
# a few seconds (scripts/fuzz.py runs them unseeded for minutes).
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
# The slower properties (a whole comparison rendered, a page extracted, the command line).
OUTPUT_SETTINGS = settings(SETTINGS, max_examples=60)

# Hostile characters: every class visible() spells out or keeps by context, what they may
# stand beside (Latin, Arabic, Devanagari, CJK, emoji, keycaps), what Markdown renderers
# turn into links, pings and emoji, and markup.
_HOSTILE = [
    *"\x00\x07\x08\x1b\x7f\x85\x9b\r\n\t\x0b\x0c",
    *"\u00ad\u034f\u061c\u0600\u115f\u1160\u17b4\u17b5\u180b\u180e\u180f\u200b\u200c\u200d",
    *"\u200e\u200f\u2028\u2029\u202a\u202e\u2060\u2065\u2066\u2069\u206f\u2800\u3164",
    *"\ufe00\ufe0e\ufe0f\ufeff\uffa0\ufff0\ufff9\ufffb\U000e0000\U000e0001\U000e0041",
    *"\U000e0100\U000e01ef\U000e0fff\U0001d173\U0001bca0\U000110bd\ud800\udcff",
    *"aZ0#*. -_|`<>[]()!~&$\\/:@\u00e9\u0645\u06cc\u0915\u094d\u845b\u1820\u2764\u00a9",
    "\U0001f468", "\U0001f3f3", "\U0001f44d", _KEYCAP, "https://", "www.", ".com", "@x",
    "#1", ":fire:", "[b]x[/b]", "\x1b[2J", "\x1b]8;;https://e.x/\x1b\\",
]
_PIECE = st.one_of(st.sampled_from(_HOSTILE), st.characters())


def _pieces(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(_PIECE, min_size=min_size, max_size=max_size).map("".join)


HOSTILE_TEXT = _pieces(0, 30)
NAME = _pieces(1, 12)
WIDTH = st.integers(MIN_WIDTH, MAX_WIDTH)
ENCODING = st.sampled_from(["ascii", "latin-1", "cp1252", "cp437", "utf-8"])


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


# Encoding labels a page may declare: WHATWG's (some for single-byte code pages, some for
# multi-byte ones, UTF-16 which browsers read as UTF-8, the "replacement" ones that are
# refused) and labels no browser knows, which are ignored.
_LABELS = ["utf-8", "UTF8", " windows-1252 ", "latin1", "iso-8859-5", "koi8-r", "shift_jis",
           "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr", "utf-16le", "utf-16",
           "x-user-defined", "iso-2022-kr", "replacement", "hz-gb-2312", "utf-7", "ebcdic",
           "", "\"", "x" * 300]
_PAGE_ENCODINGS = ["utf-8", "cp1252", "latin-1", "iso-8859-5", "koi8-r", "shift_jis",
                   "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr", "utf-16-le", "utf-7"]


@dataclass(frozen=True)
class PageCase:
    """A saved web page: what it declares, what it is really in, what it holds."""

    label: str
    encoding: str
    title: str
    text: str
    quote: str  # how the label is written: "<meta charset=X>" quoted or not, or http-equiv


def _page(case: PageCase) -> bytes:
    meta = {"": f"<meta charset={case.label}>", '"': f'<meta charset="{case.label}">',
            "equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={case.label}">'}
    page = (f"<!doctype html><html><head>{meta[case.quote]}<title>{case.title}</title></head>"
            f"<body><article><h1>{case.title}</h1><p>{case.text}</p><p>{case.text}</p>"
            "</article></body></html>")
    return page.encode(case.encoding, errors="replace")


PAGE_CASE = st.builds(PageCase, st.one_of(st.sampled_from(_LABELS), st.text(max_size=20)),
                      st.sampled_from(_PAGE_ENCODINGS), HOSTILE_TEXT, TEXT,
                      st.sampled_from(["", '"', "equiv"]))
# Bytes as a file of each kind newsdiff reads: text, Markdown (front matter), a web page.
FILE_CASE = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md", ".html"]), BYTES),
    st.tuples(st.just(".html"), PAGE_CASE.map(_page)),
)


def check_load(case: tuple[str, bytes]) -> None:
    """Any bytes in a file of any kind: an Article whose sentences index its text, with a
    one-line title, or an InputError of one line naming the file; never anything else."""
    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(str(path))
        except InputError as exc:
            message = str(exc)
            assert message.startswith(f"newsdiff: cannot read '{path}': ") and "\n" not in message
            return
    check_spans(article.text, [(s.start, s.end) for s in article.sentences])
    assert article.sentences and article.path == str(path)
    for i, s in enumerate(article.sentences):
        assert s.index == i and article.text[s.start : s.end] == s.text


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
    """``visible()`` leaves nothing unsafe, keeps tab and newline, and is idempotent;
    ``visible_line()`` leaves no line break."""
    shown = visible(text)
    check_safe(shown)
    assert shown.count("\n") == text.count("\n") and shown.count("\t") == text.count("\t")
    assert visible(shown) == shown
    assert not re.search("[\n\t]", visible_line(text)) and visible_line(shown) == visible_line(text)


def check_safe(out: str) -> None:
    """No control, format, ignorable or other hidden character in ``out``, but a joiner or
    a selector that follows a character it can work on (never ASCII but a keycap's base,
    never a space or another hidden character)."""
    for match in HIDDEN_RE.finditer(out):
        at, char = match.start(), match.group()
        assert _CONTEXTUAL.match(char), f"{char!r} at {at}: {out[max(0, at - 20) : at + 20]!r}"
        before = out[at - 1] if at else " "
        keycap = before in "#*0123456789" and out[at + 1 : at + 2] == _KEYCAP
        assert not before.isspace() and (keycap or not before.isascii()), repr(out[at - 9 : at + 9])


@dataclass(frozen=True)
class Names:
    """What a header shows of an article: any of it may be hostile."""

    outlet: str
    title: str
    path: str
    byline: str


NAMES = st.builds(Names, NAME, NAME, NAME, NAME)
RENDER_CASE = st.tuples(NAMES, st.lists(HOSTILE_TEXT, min_size=6, max_size=6), WIDTH,
                        st.booleans())
STORY_CASE = st.tuples(NAMES, NAME, WIDTH, st.booleans())
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# What a CommonMark renderer may make of our Markdown: its own blocks, tables, emphasis,
# code spans and the <br> between a group's sentences; never a link, an image or a tag
# of the article's.
_OUR_TAGS = {"p", "h1", "h2", "h3", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
             "code", "s", "strong", "em", "br"}


def check_render(case: tuple[Names, list[str], int, bool]) -> None:
    """A comparison of hostile names and sentences, in every format: nothing hidden raw,
    every header one line with its names spelled out, the JSON exact, the Markdown
    linking nothing."""
    names, sentences, width, color = case
    a = make_article([f"{s}." for s in sentences], **vars(names))
    c = build_comparison(a, make_article(B_SENTENCES, outlet="B"))
    text = render_text(c, width=width, color=color)
    check_safe(_ANSI.sub("", text))
    if not color and width == MAX_WIDTH:
        assert visible_line(names.path) in text
    markdown = render_markdown(c)
    check_safe(markdown)
    header = f"## A: {escape_name(names.outlet)} \u2014 {escape_name(names.title)}"
    assert header in markdown.splitlines(), header
    assert f"- File: {escape_name(names.path)}" in markdown.splitlines()
    check_markdown_html(markdown)
    doc = json.loads(render_json(c))
    assert not HIDDEN_RE.search(render_json(c))
    assert doc["articles"][0]["text"] == a.text and doc["articles"][0]["path"] == a.path


def check_story(case: tuple[Names, str, int, bool]) -> None:
    """The story views with one outlet's names and a quote's speaker hostile."""
    names, speaker, width, color = case
    story = build_story()
    first = replace(story.articles[0], **vars(names))
    quote = replace(story.quotes[0], speaker=speaker)
    story = replace(story, articles=(first, *story.articles[1:]), quotes=(quote,))
    check_safe(_ANSI.sub("", render_story_text(story, width=width, color=color)))
    markdown = render_story_markdown(story)
    check_safe(markdown)
    row = f"| **A** | {escape_name(names.outlet)} | {escape_name(names.title)} | "
    assert any(line.startswith(row) for line in markdown.splitlines()), row
    check_markdown_html(markdown)
    doc = json.loads(render_story_json(story))
    assert doc["articles"][0]["title"] == names.title and doc["quotes"][0]["speaker"] == speaker


def check_markdown(text: str) -> None:
    """:func:`escape` of any text: one line that, where the reports put it (after a label,
    in a table cell), renders as exactly the visible text, with no link (linkify rule on),
    image, tag, mention, issue reference or emoji of the text's."""
    markdown = escape(text)
    assert "\n" not in markdown
    words = " ".join(visible(text).split())
    item = check_markdown_html(f"- Title: {markdown}")
    cell = check_markdown_html(f"| x | y |\n|---|---|\n| {markdown} | y |")
    if item is not None:
        assert _shown(item) == f"Title: {words}".strip(), markdown
        assert [_shown(td) for td in re.findall(r"<td>(.*?)</td>", cell, re.DOTALL)] == [words, "y"]


# What GitHub makes of bare text in rendered HTML, beyond links: a mention, a reference to
# an issue, an emoji.  None may stand outside a code span.
_GITHUB_LIVE = re.compile(r"@[a-z0-9]|#[0-9]|:[\w+\-]*[a-z][\w+\-]*:|:(?:[+\-]1|100|1234):",
                          re.IGNORECASE)


def check_markdown_html(markdown: str) -> str | None:
    """``markdown`` rendered by markdown-it (CommonMark, GitHub's tables, linkify): no tag
    but ours, and nothing GitHub would make live outside a code span; the HTML, or ``None``
    without linkify-it-py installed."""
    try:
        rendered = _markdown_renderer().render(markdown)
    except ModuleNotFoundError:  # linkify-it-py, which the linkify rule needs
        return None
    tags = {t.lower() for t in re.findall(r"</?([a-zA-Z][\w-]*)", rendered)}
    assert tags <= _OUR_TAGS, (tags - _OUR_TAGS, markdown)
    for text in re.split(r"<code>.*?</code>", rendered, flags=re.DOTALL):
        live = _GITHUB_LIVE.search(_shown(text))
        assert live is None, (live, markdown)
    return rendered


@functools.cache
def _markdown_renderer() -> MarkdownIt:
    """One renderer for every check: building one (and its linkify rule) takes milliseconds."""
    return MarkdownIt("gfm-like")


def _shown(html_text: str) -> str:
    """What a reader sees of ``html_text``: its text, entities decoded, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text)).strip()


@dataclass(frozen=True)
class CliCase:
    """One run of the command line: a hostile file name, a width (in range or not), an
    output encoding and a format."""

    name: str
    width: int
    encoding: str
    fmt: str


def _file_name(name: str) -> bool:
    """Whether the file system can hold ``name`` (a lone surrogate only as the escape of a
    byte that is not UTF-8, as the file system gives names back)."""
    try:
        return (len(os.fsencode(name)) < 200 and "/" not in name and "\0" not in name
                and name not in {".", ".."})
    except UnicodeError:
        return False


_FILE_NAME = st.one_of(_pieces(1, 8), st.binary(min_size=1, max_size=8).map(os.fsdecode)).filter(
    _file_name)
CLI_CASE = st.builds(CliCase, _FILE_NAME,
                     st.one_of(WIDTH, st.integers(-10**30, 10**30), st.integers(0, 1100)),
                     ENCODING, st.sampled_from(["text", "markdown", "json"]))
_PLAIN = FIXTURES / "hostile" / "plain.txt"
_OTHER = FIXTURES / "hostile" / "zero_width.txt"


def check_cli(case: CliCase) -> None:
    """``newsdiff NAME other --width W -f FMT`` on an output of ``case.encoding``: a width
    out of range is one line and status 2; anything else is the output, whatever the
    encoding (JSON: the same document), with the file name one line in its header."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / case.name
        path.write_bytes(_PLAIN.read_bytes())
        args = [str(path), str(_OTHER), "--width", str(case.width), "-f", case.fmt,
                "--color", "never"]
        result = CliRunner(charset=case.encoding).invoke(app, args)
        if not MIN_WIDTH <= case.width <= MAX_WIDTH:
            assert result.exit_code == 2 and result.stdout == "", result.output
            assert result.stderr.count("\n") == 1 and "--width" in result.stderr
            return
        assert result.exit_code == 0, result.output
        out = result.stdout
        if case.fmt == "json":
            assert json.loads(out)["articles"][0]["path"] == str(path)
            return
        check_safe(out)
        name = visible_line(str(path)) if case.fmt == "text" else escape_name(str(path))
        shown = name.encode(case.encoding, "backslashreplace").decode(case.encoding)
        assert shown in out or case.fmt == "text" and case.width < 200  # (text wraps it)


#: Every property, by name, with the strategy that draws its values (scripts/fuzz.py runs
#: them all).
CASES = {
    "decode": (BYTES, check_decode),
    "segments": (TEXT, check_segments),
    "article": (TEXT, check_article),
    "visible": (TEXT, check_visible),
    "load": (FILE_CASE, check_load),
    "render": (RENDER_CASE, check_render),
    "story": (STORY_CASE, check_story),
    "markdown": (HOSTILE_TEXT, check_markdown),
    "cli": (CLI_CASE, check_cli),
}


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


@OUTPUT_SETTINGS
@given(FILE_CASE)
def test_any_file_loads_or_is_refused_in_one_line(case):
    check_load(case)


@OUTPUT_SETTINGS
@given(RENDER_CASE)
def test_hostile_names_and_text_render_safely_in_every_format(case):
    check_render(case)


@OUTPUT_SETTINGS
@given(STORY_CASE)
def test_hostile_names_render_safely_in_the_story_views(case):
    check_story(case)


@OUTPUT_SETTINGS
@given(HOSTILE_TEXT)
def test_markdown_shows_any_text_as_written_and_links_nothing(text):
    check_markdown(text)


@settings(OUTPUT_SETTINGS, max_examples=40)
@given(CLI_CASE)
def test_hostile_names_widths_and_encodings_through_the_command_line(case):
    check_cli(case)
