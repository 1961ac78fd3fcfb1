"""Article text made safe to show: nothing in it may act on a terminal or hide what it says.

Article text, file names and page metadata come from strangers, so
:func:`visible` turns control characters, bidi overrides and invisible
characters into printable escapes before anything reaches a terminal, the
reader or a report.  Free of Rich, so the command line imports it cheaply.
"""

from __future__ import annotations

import re

# What visible() spells out as \xNN / \uNNNN / \UNNNNNNNN.  C0 (except tab and newline),
# DEL and C1 controls could move the cursor, clear the screen, ring the bell, overwrite a
# line (carriage return, backspace) or retitle the window.
_CONTROLS = {*(c for c in range(0x20) if chr(c) not in "\t\n"), *range(0x7F, 0xA0)}
# Bidi overrides, isolates and marks make a sentence read differently from what it says
# ("Trojan Source": "\u202e001$" is drawn as "$100").
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Characters that draw nothing: inside a word they make two spellings look the same
# ("Ses\u200bsions" is not "Sessions" to the comparison, nor to a search), and tag
# characters can hide a whole message.  Terminals draw a soft hyphen as nothing or as "-",
# never where it was.  Line and paragraph separators break lines the layout does not know.
_ZERO_WIDTH = {
    0x00AD, 0x180E, 0x200B, 0x2028, 0x2029, *range(0x2060, 0x2065), 0xFEFF,
    0xE0001, *range(0xE0020, 0xE0080),
}
_VISIBLE = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"
            for c in _CONTROLS | _BIDI | _ZERO_WIDTH}
# Zero-width (non-)joiners are part of emoji sequences and of Persian and Indic spelling, so
# they stay as they are between two characters beyond Latin; next to Latin text (or at an
# edge) they only hide a difference, and are spelled out.
_LATIN_JOINER_RE = re.compile(r"(?<![^\x00-\u024f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\u024f])")


def visible(text: str) -> str:
    """``text`` with control, bidi and misleading invisible characters spelled out as escapes.

    Article text reaches terminals and the reader, so nothing in it may act on the
    terminal or hide what it says; tab and newline stay (the layout handles them).
    """
    return _LATIN_JOINER_RE.sub(_escape_joiner, text.translate(_VISIBLE))


def _escape_joiner(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
