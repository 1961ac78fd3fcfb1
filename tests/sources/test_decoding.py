"""Text in any common encoding (:mod:`newsdiff.sources.decoding`): BOMs, UTF-8, legacy code
pages, line ends, and the one-line errors for what is not text."""

from __future__ import annotations

import pytest

from newsdiff.sources.decoding import decode
from newsdiff.values.errors import InputError

TEXT = "“Café” – naïve résumé.\nSecond line."


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
