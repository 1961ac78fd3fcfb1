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
from newsdiff.sources.formats.html import article_from_html, decode_page
from newsdiff.values.errors import InputError
from tests.locations import FIXTURES

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
