"""Text in any common encoding, with line ends normalised.

Articles arrive saved from browsers, copied from e-mail, exported from Word:
UTF-8 with or without a BOM, UTF-16 from Windows tools, cp1252 from older
systems, CRLF line ends.  All of that is folded into one normalised text here,
and every offset newsdiff reports afterwards indexes that text.  Every format
decodes through here (a web page first tries the charset it declares).

A declared charset (a page's ``<meta charset>``, a server's ``Content-Type``)
is a label from the WHATWG Encoding Standard, the table browsers use, read
through :func:`codec_for_label`: Python's own codec names would also accept
labels no browser does, some of them not text encodings at all (``base64``,
``punycode``, ``rot13``), and miss the ones browsers remap (``iso-8859-1`` is
windows-1252).
"""

from __future__ import annotations

import codecs
import re

from newsdiff.sources.files import cannot_read

# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The most common legacy encoding for Western news (and what browsers assume for
# unlabelled pages).  Short Western texts fit several code pages about equally
# well, so it wins unless another fits clearly better: by more than this margin
# on charset_normalizer's chaos (mess) or coherence (language fit) scores.
_PREFERRED_LEGACY = "cp1252"
_CLEARLY_BETTER = 0.05

_LINE_BREAK_RE = re.compile(r"\r\n?")

BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
"""The byte order marks that outrank any declared charset (a browser's BOM sniffing)."""

# The Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), by the
# Python codec that decodes each encoding as browsers do.  Browsers decode gbk with the gb18030
# decoder, big5 with HKSCS, shift_jis as windows-31j and euc-kr as windows-949, and read
# x-user-defined (bytes 80-FF as private-use characters) as windows-1252 in a page's prescan.
_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
                 "iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
                 "iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
                 "iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
                 "iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
                 "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
                 "iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
                 "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
                 "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual "
                 "csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
              "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
              "x-cp1252 x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
              "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk "
               "gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
             "ksc5601 ksc_5601 windows-949",
    "utf-16-be": "unicodefffe utf-16be",
    "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}
_CODECS = {label: codec for codec, labels in _LABELS.items() for label in labels.split()}
# Labels of encodings that can hide markup from filters: browsers decode a document labelled so
# as one replacement character, so there is nothing to read.
_REPLACEMENT = frozenset(
    "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement".split())
_ASCII_WHITESPACE = "\t\n\f\r "


def decode(data: bytes, name: str) -> str:
    """The text of ``data`` with line ends normalised to ``\\n``.

    A BOM decides the encoding when present; otherwise strict UTF-8; otherwise
    a legacy single-byte code page guessed by ``charset_normalizer`` (imported
    only then: it is slow to import and most input is UTF-8).
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\0" in data:
        raise cannot_read(name, "binary data, not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding:
            raise cannot_read(name, f"not valid {encoding.removesuffix('-sig').upper()}") from None
        text = _decode_legacy(data, name)
    if not text.strip():
        raise cannot_read(name, "it is empty" if not text else "it holds only whitespace")
    return _LINE_BREAK_RE.sub("\n", text)


def codec_for_label(label: str, name: str) -> str | None:
    """The Python codec of the encoding a WHATWG ``label`` names (case and surrounding blanks
    aside), or None for a label that is not in the standard: it is then ignored, as browsers
    ignore it.  A label of the standard's "replacement" encoding is refused."""
    label = label.strip(_ASCII_WHITESPACE).lower()
    if label in _REPLACEMENT:
        raise cannot_read(name, f"declared in {label}, an encoding browsers refuse to decode")
    return _CODECS.get(label)


def _decode_legacy(data: bytes, name: str) -> str:
    """Decode non-UTF-8 bytes with the single-byte code page that fits best."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise cannot_read(name, "not text in any known encoding")
    preferred = next((m for m in matches if m.encoding == _PREFERRED_LEGACY), None)
    if (
        preferred is not None
        and preferred.chaos <= best.chaos + _CLEARLY_BETTER
        and preferred.coherence >= best.coherence - _CLEARLY_BETTER
    ):
        best = preferred
    return str(best)
