"""Text in any common encoding, with line ends normalised.

Articles arrive saved from browsers, copied from e-mail, exported from Word:
UTF-8 with or without a BOM, UTF-16 from Windows tools, cp1252 from older
systems, CRLF line ends.  All of that is folded into one normalised text here,
and every offset newsdiff reports afterwards indexes that text.  Every format
decodes through here (a web page first tries the charset it declares).
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
