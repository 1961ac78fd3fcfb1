"""Web pages (:mod:`newsdiff.sources.formats.html`): the story's text and the page's metadata,
read as an ordinary article; the pages are the fixtures in ``tests/fixtures/html``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdiff.cli import app
from newsdiff.render.json_out import article_dict
from newsdiff.sources import load_article
from newsdiff.sources.formats.html import _declared_charset, article_from_html, decode_page
from newsdiff.values.errors import InputError
from tests.locations import FIXTURES
from tests.scaling import near_linear

PAGES = FIXTURES / "html"
NEWS, EMPTY, CP1252, HOSTILE = (str(PAGES / f) for f in
                                ("news.html", "empty.html", "cp1252.html", "hostile.html"))
TEXT_ARTICLE = """\
Sessions Spoke Twice With Russian Ambassador

Attorney General Jeff Sessions spoke twice last year with Russia's ambassador to the United States.

Sessions said he never met with any Russian officials to discuss issues of the campaign.
"""


@pytest.fixture(scope="module")
def news():
    return load_article(NEWS)


def test_body_is_the_story_only(news):
    assert "Attorney General Jeff Sessions spoke twice" in news.text
    assert "no idea what the allegation was about" in news.text
    for chrome in ("Subscribe today", "Privacy policy", "All rights reserved",
                   "Share on Facebook", "CommentWriter42"):
        assert chrome not in news.text


def test_metadata(news):
    assert news.title == "Sessions Met Russian Envoy Twice Last Year"
    assert news.byline == "Adam Entous"
    assert news.outlet == "The Daily Ledger"
    assert news.date == "2017-03-01"
    assert news.url == "https://ledger.example.com/politics/2017/03/01/sessions-envoy"


def test_headline_is_the_first_line_once(news):
    assert news.text.startswith(news.title + "\n\n")
    assert news.text.count(news.title) == 1
    assert news.sentences[0].text == news.title


def test_paragraphs_are_sentence_units(news):
    texts = [s.text for s in news.sentences]
    assert texts[1].startswith("Attorney General") and texts[-1].endswith("was about.")


def test_json_has_date_and_url_only_when_known(news):
    doc = article_dict(news, "a")
    assert doc["date"] == "2017-03-01" and doc["url"].startswith("https://ledger.example.com/")
    plain = article_dict(load_article(HOSTILE), "b")
    assert "date" not in plain and "url" not in plain


def test_page_without_article_is_one_line_error():
    with pytest.raises(InputError, match="no article text found") as err:
        load_article(EMPTY)
    assert "empty.html" in str(err.value) and "\n" not in str(err.value)


def test_declared_cp1252_charset():
    data = Path(CP1252).read_bytes()
    assert "Café" in decode_page(data, CP1252)
    article = load_article(CP1252)
    assert article.title == "Café owners protest new rules"
    assert "“Café de Flore”" in article.text and "€3,000" in article.text
    assert article.outlet == "Le Journal"


def test_unlabelled_bytes_fall_back_to_text_decoding():
    page = "<html><body><p>Café, naïve – “quoted”.</p></body></html>"
    assert decode_page(page.encode("cp1252"), "x.html") == page


def test_hostile_markup_is_text_and_scripts_are_dropped():
    article = load_article(HOSTILE)
    assert article.title == "Markup in the headline [bold]x[/bold]"
    assert "budget [bold]x[/bold] after" in article.text
    assert "alert" not in article.text and "pwned" not in article.text
    assert "color: red" not in article.text


def test_string_input_and_file_name_outlet():
    article = article_from_html(Path(HOSTILE).read_text(encoding="utf-8"), "page.html")
    assert article.outlet == "page" and article.date is None


def test_suffix_is_case_insensitive(tmp_path):
    page = tmp_path / "LEDGER.HTM"
    shutil.copy(NEWS, page)
    assert load_article(str(page)).outlet == "The Daily Ledger"


# --- end to end ----------------------------------------------------------------


def test_cli_page_against_text_file(tmp_path):
    text = tmp_path / "wire.txt"
    text.write_text(TEXT_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, [NEWS, str(text), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    page, wire = doc["articles"]
    assert page["outlet"] == "The Daily Ledger" and page["date"] == "2017-03-01"
    assert "date" not in wire and "url" not in wire
    assert doc["alignments"], "the shared story should align"


def test_cli_folder_of_pages(tmp_path):
    for name in ("news.html", "cp1252.html", "hostile.html"):
        shutil.copy(PAGES / name, tmp_path / name)
    result = CliRunner().invoke(app, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "The Daily Ledger" in result.stdout and "Le Journal" in result.stdout


# --- declared charsets: the Encoding Standard's labels, found by the prescan -------------

CAFE = "<p>Café owners protest the new rules on terrace seating in central Paris.</p>"


def _page(head: str, body: str = CAFE) -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body>{body}</body></html>"


# Python codec names that are not text encodings, or whose decoder fails its own way: each
# of these in a <meta charset> was a traceback.
NOT_WEB_ENCODINGS = ["base64", "base64_codec", "base_64", "bz2", "bz2_codec", "hex",
                     "hex_codec", "quopri", "quopri_codec", "quoted_printable",
                     "quotedprintable", "rot13", "rot_13", "uu", "uu_codec", "zip", "zlib",
                     "zlib_codec", "punycode", "undefined"]


@pytest.mark.parametrize("label", NOT_WEB_ENCODINGS)
def test_a_label_browsers_do_not_know_is_ignored(label):
    page = _page(f'<meta charset="{label}">')
    assert decode_page(page.encode("utf-8"), "x.html") == page


@pytest.mark.parametrize("label", NOT_WEB_ENCODINGS[::4])
def test_a_page_declaring_a_non_encoding_is_read(tmp_path, label):
    path = tmp_path / "page.html"
    path.write_text(_page(f"<meta charset={label}><h1>Owners protest</h1>", CAFE * 3), "utf-8")
    assert "Café owners protest" in load_article(str(path)).text


def test_no_python_codec_name_crashes_the_decoding():
    """Every name Python's codec registry knows: text, or a one-line refusal."""
    import encodings
    import encodings.aliases
    import pkgutil

    names = set(encodings.aliases.aliases) | {m.name for m in
                                              pkgutil.iter_modules(encodings.__path__)}
    for name in sorted(names):
        try:
            decode_page(_page(f"<meta charset='{name}'>").encode("utf-8"), "x.html")
        except InputError as e:
            assert "browsers refuse to decode" in str(e) and "\n" not in str(e)


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "unicode", "ucs-2"])
def test_a_utf16_declaration_is_read_as_utf8(label):
    """As browsers do: a page whose <meta> could be read as ASCII is not in UTF-16."""
    page = _page(f'<meta charset="{label}">')
    assert decode_page(page.encode("utf-8"), "x.html") == page


@pytest.mark.parametrize(("head", "codec"), [
    ('<meta charset="ISO-8859-1">', "cp1252"),  # browsers read Latin-1 as windows-1252
    ("<meta charset=us-ascii>", "cp1252"),
    ("<META CHARSET=' Windows-1251 '>", "cp1251"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r"),
    ("<meta content='text/html;charset=\"iso-8859-15\"' http-equiv=content-type>",
     "iso8859_15"),
    ("<meta/charset=shift_jis>", "cp932"),
    ("<meta charset=gb2312>", "gb18030"),  # browsers decode gbk as gb18030
    ("<!-- <meta charset=koi8-r> --><meta charset=cp1250>", "cp1250"),  # comments skipped
    ('<meta name="x" content="charset=koi8-r"><meta charset=cp1250>', "cp1250"),  # no pragma
    ('<link title="<meta charset=koi8-r>"><meta charset=cp1250>', "cp1250"),  # an attribute
    ("<meta charset=no-such-thing><meta charset=cp1250>", "cp1250"),  # first known label
    ("<meta charset=cp1250 charset=koi8-r>", "cp1250"),  # first of a repeated attribute
])
def test_the_prescan_finds_what_browsers_find(head, codec):
    assert _declared_charset(_page(head).encode("utf-8"), "x.html") == codec


@pytest.mark.parametrize("head", [
    "", "<meta charset", "<meta charset='cp1250'", "<meta name=charset content=cp1250>",
    " " * 1024 + "<meta charset=cp1250>",  # past the first 1024 bytes
    "<!-- <meta charset=cp1250>",  # inside a comment that never ends
])
def test_what_the_prescan_does_not_take_for_a_declaration(head):
    assert _declared_charset(head.encode("ascii"), "x.html") is None


def test_browsers_remap_labels_as_the_standard_says():
    text = "“Smart quotes” – and a dash"
    page = _page("<meta charset=ascii>", f"<p>{text}</p>")
    assert text in decode_page(page.encode("cp1252"), "x.html")


def test_an_encoding_browsers_refuse_to_decode_is_one_line():
    with pytest.raises(InputError, match="iso-2022-kr, an encoding browsers refuse") as err:
        decode_page(_page("<meta charset=ISO-2022-KR>").encode("utf-8"), "x.html")
    assert "\n" not in str(err.value)


def test_the_prescan_is_linear():
    """It reads 1,024 bytes at most whatever the page holds, each at most a few times."""
    for unit in ("<meta ", "<meta a=", "<a ", "<!", '<meta a="', "<!--"):
        data = (unit * 50_000).encode("ascii")
        assert near_linear(lambda n, d=data: _declared_charset(d[:n], "x"), 128, 1024)


# --- the caps on what is extracted ---------------------------------------------------------


def _refused(page: str, monkeypatch) -> str:
    """The refusal of ``page``, which must come before trafilatura extracts anything."""
    import trafilatura

    def extract(*args, **kwargs):
        raise AssertionError("extracted a page over the caps")

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)
    with pytest.raises(InputError) as err:
        article_from_html(page, "big.html")
    message = str(err.value)
    assert "\n" not in message and message.startswith("newsdiff: cannot read 'big.html': ")
    return message


def test_too_many_paragraphs_are_refused_before_extraction(monkeypatch):
    """The audit's page: 80,000 paragraphs took trafilatura 16.5 s."""
    page = _page("", "<p>A paragraph of the story.</p>\n" * 80_000)
    assert _refused(page, monkeypatch).endswith(
        "page too large to extract: 80,000 paragraphs (the cap is 10,000)")


def test_too_many_elements_are_refused_before_extraction(monkeypatch):
    page = _page("", CAFE + "<i>x</i>" * 30_000)
    assert _refused(page, monkeypatch).endswith(
        "page too large to extract: 30,005 elements (the cap is 20,000)")


def test_too_many_attributes_are_refused_before_extraction(monkeypatch):
    """Each costs trafilatura time: 1,000 paragraphs of 2,000 attributes took 35 s."""
    attributes = " ".join(f"a{i}=x" for i in range(2_000))
    page = _page("", f"<p {attributes}>A paragraph of the story.</p>\n" * 60)
    assert _refused(page, monkeypatch).endswith(
        "page too large to extract: 120,000 attributes (the cap is 100,000)")


def test_long_class_names_are_refused_before_extraction(monkeypatch):
    """trafilatura's selectors search them all: 20 MB of them took 11 s."""
    page = _page("", f'<p class="{"c" * 500_000}">A paragraph of the story.</p>\n' * 5)
    assert _refused(page, monkeypatch).endswith("page too large to extract: 2,500,000 "
                                                "characters of class and id names (the cap is "
                                                "2,000,000)")


def test_a_crowded_paragraph_is_refused_before_extraction(monkeypatch):
    """Inline elements in one paragraph cost trafilatura their square: 32,000 took 104 s."""
    page = _page("", CAFE + "<p>" + "<b>word</b> " * 2_000 + "</p>")
    assert _refused(page, monkeypatch).endswith(
        "page too large to extract: a paragraph of 2,000 elements (the cap is 1,000)")


def test_a_long_news_page_is_within_the_caps():
    """A long read: 3,000 paragraphs, each with links and emphasis, in the usual chrome."""
    paragraphs = "".join(
        f'<p>On day {n} the council <a href="/budget/{n}">approved part {n} of the budget</a>'
        f" on <em>Tuesday</em> after a debate, <strong>officials</strong> said.</p>\n"
        for n in range(3_000))
    chrome = "<nav><ul>" + '<li><a href="/s">Section</a></li>' * 300 + "</ul></nav>"
    page = _page('<meta property="og:site_name" content="The Ledger">',
                 chrome + "<article><h1>Council approves budget</h1>" + paragraphs + "</article>")
    article = article_from_html(page, "long.html")
    assert article.outlet == "The Ledger" and "approved part 2999 of the budget" in article.text
