"""Reading articles: encodings, sources, every input error, front matter, headline and byline."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newsdiff.sources import files
from newsdiff.values.errors import InputError
from newsdiff.sources.decoding import decode
from newsdiff.sources.formats.text import headline_sentence, parse_article
from newsdiff.sources import load_article
from newsdiff.sources.files import read_source
from newsdiff.resources import sample_story

SHARED = Path(__file__).parents[1] / ".." / "shared"
TEXT = "“Café” – naïve résumé.\nSecond line."


# --- decode --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom"],
)
def test_unicode_encodings(data: bytes) -> None:
    assert decode(data, "a.txt") == TEXT


def test_cp1252_curly_quotes() -> None:
    assert decode(b"\x93quoted\x94 \x96 caf\xe9", "a.txt") == "“quoted” – café"


def test_cp1252_article() -> None:
    text = "Sessions’ “answers” – the résumé of Renée, naïve café owner.\nIt cost €5."
    assert decode(text.encode("cp1252"), "a.txt") == text


def test_latin1() -> None:
    text = "Crème brûlée for £5 at the café in Zürich, señor."
    assert decode(text.encode("latin-1"), "a.txt") == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre a rencontré l’ambassadeur deux fois, a-t-il déclaré « sans détour ».",
         "cp1252"),
        (
            ("Minister spraw zagranicznych powiedział, że spotkanie z ambasadorem Rosji "
            "odbyło się dwukrotnie w zeszłym roku. Żadnych tajemnic."),
            "cp1250",
        ),
        ("Министр юстиции дважды встречался с послом России во время кампании.", "cp1251"),
        ("Ο υπουργός δικαιοσύνης συναντήθηκε δύο φορές με τον πρέσβη της Ρωσίας.", "cp1253"),
    ],
)
def test_other_legacy_code_pages(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "a.txt") == text


@pytest.mark.parametrize(
    "data", [b"one\r\ntwo\r\n", b"one\rtwo\r", b"one\r\ntwo\rthree\n"], ids=["crlf", "cr", "mixed"]
)
def test_line_ends_normalised(data: bytes) -> None:
    assert "\r" not in decode(data, "a.txt")
    assert decode(data, "a.txt").split("\n")[:2] == ["one", "two"]


def test_utf16_crlf() -> None:
    assert decode(b"\xff\xfe" + "a\r\nb".encode("utf-16-le"), "a.txt") == "a\nb"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"  \n\t\r\n ", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"plain text\x00with a NUL", "binary"),
        (b"\xff\xfe" + b"a\x00b", "UTF-16"),
    ],
    ids=["empty", "bom-only", "whitespace", "png", "nul", "odd-utf16"],
)
def test_decode_errors(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode(data, "bad.txt")
    assert "'bad.txt'" in str(info.value) and "\n" not in str(info.value)


# --- read_source ---------------------------------------------------------------------


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    assert read_source(str(path)) == (b"hello", str(path))


def test_read_stdin() -> None:
    assert read_source("-", io.BytesIO(b"from a pipe")) == (b"from a pipe", "<stdin>")


def test_read_stdin_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"piped")))
    assert read_source("-") == (b"piped", "<stdin>")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "x.txt"
    with pytest.raises(InputError) as info:
        read_source(str(missing))
    assert str(info.value) == f"newsdiff: cannot read '{missing}': no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_other_os_error(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_bytes(b"x")
    with pytest.raises(InputError, match="not a directory"):
        read_source(str(tmp_path / "file.txt" / "below"))


def test_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match="larger than"):
        read_source(str(path))
    with pytest.raises(InputError, match="<stdin>"):
        read_source("-", io.BytesIO(b"y" * 11))
    path.write_bytes(b"x" * 10)
    assert read_source(str(path))[0] == b"x" * 10


def test_unprintable_name_stays_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(str(tmp_path / "a\nb.txt"))
    assert "\n" not in str(info.value) and "a\\nb.txt" in str(info.value)


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


# --- load_article --------------------------------------------------------------------


def test_load_article_from_stdin() -> None:
    data = b"\xef\xbb\xbfA Piped Headline\r\nBy Ann Other\r\nIt happened.\r\n"
    article = load_article("-", io.BytesIO(data))
    assert article.path == "<stdin>" and article.outlet == "stdin"
    assert article.text == "A Piped Headline\nBy Ann Other\nIt happened.\n"
    assert (article.title, article.byline) == ("A Piped Headline", "Ann Other")


def test_load_article_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(b"\xff\xfe" + "Headline\r\nBody text.".encode("utf-16-le"))
    article = load_article(str(path))
    assert article.text == "Headline\nBody text." and article.outlet == "wire"


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
    assert article.outlet == path.stem
    assert article.text == path.read_text(encoding="utf-8")
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
