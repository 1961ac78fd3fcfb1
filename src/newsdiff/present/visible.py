"""Article text made safe to show: nothing in it may act on a terminal or hide what it says.

Article text, file names and page metadata come from strangers, so
:func:`visible` spells out, as ``\\xNN`` / ``\\uNNNN`` / ``\\UNNNNNNNN``, every
character that could act on a terminal, reorder a line or draw nothing, before
anything reaches a terminal, the reader or a report; :func:`visible_line` also
spells out line breaks and tabs, for names and metadata that a header shows on
one line.  Every renderer, the review exports and the reader use these two.
Free of Rich (and of :mod:`unicodedata`: the sets are ranges written out
here, checked against it by the tests), so the command line imports it cheaply.

What is spelled out, and why:

* controls (``Cc``) but tab and newline: C0, DEL and C1 could move the cursor,
  clear the screen, ring the bell, overwrite a line or retitle the window;
* every format character (``Cf``): bidi overrides, isolates and marks make a
  line read differently from what it says ("Trojan Source": ``\\u202e001$`` is
  drawn as ``$100``), zero-width spaces and joiners make two spellings look the
  same ("Ses\\u200bsions" is not "Sessions" to the comparison, nor to a
  search), tag characters can hide a whole message, interlinear annotation
  marks hide the text between them, a soft hyphen shows as nothing or as "-",
  never where it was;
* every Default_Ignorable_Code_Point: what a renderer may draw as nothing, the
  Hangul fillers, the combining grapheme joiner, the Khmer inherent vowels,
  variation selectors, and the code points reserved to be ignorable;
* line and paragraph separators (U+2028, U+2029): they break lines the layout
  does not know about;
* U+2800 BRAILLE PATTERN BLANK: neither ignorable nor a space to Unicode, so it
  survives every ``strip()`` and ``split()``, yet it draws as a blank: a title
  made of it looks empty, and inside a word it hides a difference;
* lone surrogates (file names that are not UTF-8 arrive so): no encoding can
  write them.

Zero-width (non-)joiners and variation selectors have real work in some
scripts and in emoji, so they stay where they do it (see :func:`_kept`), and
are spelled out everywhere else.
"""

from __future__ import annotations

import re

Ranges = tuple[tuple[int, int], ...]

#: Controls (``Cc``) but tab and newline.
CONTROLS: Ranges = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F))

#: Format characters (``Cf``) as of Unicode 14.0 (Python 3.11's ``unicodedata``), and the
#: Egyptian format controls that 15.0 added (U+13439..1343F); the tests check that
#: ``unicodedata`` knows no ``Cf`` character outside these.
FORMAT: Ranges = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)

#: Default_Ignorable_Code_Point, from DerivedCoreProperties.txt of Unicode 14.0 (the same
#: list through 16.0; ``unicodedata`` does not have the property, the tests check this
#: against the ``regex`` module's ``\p{Default_Ignorable_Code_Point}``).
DEFAULT_IGNORABLE: Ranges = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)

#: Invisible or line-breaking characters that are neither of the above (see the docstring).
OTHER_HIDDEN: Ranges = ((0x2028, 0x2029), (0x2800, 0x2800), (0xD800, 0xDFFF))

#: Zero-width non-joiner and joiner: kept between two letters of a script beyond Latin
#: (Persian "می‌خواهم", Indic conjuncts) and inside emoji sequences.
JOINERS: Ranges = ((0x200C, 0x200D),)

#: Variation selectors: kept one at a time, after a character they can select a form of.
EMOJI_SELECTORS: Ranges = ((0xFE0E, 0xFE0F),)
"""Text or emoji presentation, after a symbol (``❤️``, ``©️``) or a keycap base (``1️⃣``)."""
STANDARD_SELECTORS: Ranges = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
"""Standardized and ideographic variation sequences, after a CJK ideograph (``葛󠄀``)."""
MONGOLIAN_SELECTORS: Ranges = ((0x180B, 0x180D), (0x180F, 0x180F))
"""Mongolian free variation selectors, after a Mongolian letter."""

#: Where a joiner never joins anything: Latin (ASCII, its extensions and combining
#: diacritics, fullwidth ASCII and signs), and general punctuation.  (The rule before
#: issue 13 was "up to U+024F"; these are the rest of Latin and what stands beside it.)
_LATIN: Ranges = (
    (0x0000, 0x036F), (0x1AB0, 0x1AFF), (0x1D00, 0x1EFF), (0x2000, 0x209F),
    (0x2150, 0x218F), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F),
    (0xFB00, 0xFB06), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x10780, 0x107BF),
    (0x1DF00, 0x1DFFF),
)
#: Private use: a character of no script, whatever a font draws for it.
_PRIVATE_USE: Ranges = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
#: What an emoji presentation selector may follow: the symbol blocks that hold every base of
#: Unicode's emoji variation sequences (arrows, technical, dingbats, misc. symbols, …).
_SYMBOLS: Ranges = (
    (0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x2000, 0x2BFF), (0x3030, 0x3030),
    (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299), (0x1F000, 0x1FAFF),
)
_KEYCAP_BASES = frozenset("#*0123456789")
_KEYCAP = "\u20e3"
_CJK: Ranges = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF),
)
_MONGOLIAN_LETTERS: Ranges = ((0x1820, 0x1878), (0x1880, 0x18AA))


def _class(*sets: Ranges) -> str:
    """A regular-expression character class of the code points in ``sets``."""
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for ranges in sets for a, b in ranges)
    return f"[{body}]"


def _within(ranges: Ranges, char: str) -> bool:
    c = ord(char)
    return any(a <= c <= b for a, b in ranges)


#: Every character :func:`visible` may spell out (joiners and selectors only out of place).
HIDDEN_RE = re.compile(_class(CONTROLS, FORMAT, DEFAULT_IGNORABLE, OTHER_HIDDEN,
                              STANDARD_SELECTORS))
_SELECTORS_RE = re.compile(_class(STANDARD_SELECTORS, MONGOLIAN_SELECTORS))


def escape_char(char: str) -> str:
    """``char`` as the escape :func:`visible` shows: ``\\x1b``, ``\\u200b``, ``\\U000e0041``."""
    c = ord(char)
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"


def visible(text: str) -> str:
    """``text`` with control, format, ignorable and other invisible characters spelled out.

    Tab and newline stay (the layout handles them); joiners and variation
    selectors stay where they join or select (see :func:`_kept`).  Only ASCII
    is added, so ``visible(visible(t)) == visible(t)``.
    """
    if not HIDDEN_RE.search(text):
        return text  # nearly all text: one scan
    return HIDDEN_RE.sub(lambda m: _shown(text, m.start()), text)


def visible_line(text: str) -> str:
    """``text`` as :func:`visible` shows it, line breaks and tabs spelled out too.

    For names and metadata (file names, titles, outlets, bylines, URLs): a
    header shows them on one line, and a newline in a file name is part of the
    name, so it is shown rather than dropped or folded into a space.
    """
    return visible(text).replace("\n", "\\x0a").replace("\t", "\\x09")


def _shown(text: str, i: int) -> str:
    char = text[i]
    return char if _kept(text, i) else escape_char(char)


def _kept(text: str, i: int) -> bool:
    """Whether the joiner or selector at ``text[i]`` does its work there, so stays as it is.

    * A joiner (U+200C, U+200D) joins: after a letter beyond Latin (or a kept
      selector, as in 🏳️‍🌈) and before one.  Next to Latin, punctuation, a space,
      another invisible character or an edge it only hides a difference.
    * A variation selector selects: one, straight after a character it has
      forms for: U+FE0E/FE0F after a symbol or a keycap base (before U+20E3);
      U+FE00–FE0F and U+E0100–E01EF after a CJK ideograph; U+180B–180F after a
      Mongolian letter.  A second one in a row selects nothing: runs of
      selectors after one character are how text is smuggled past a reader.
    """
    char = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if _within(JOINERS, char):
        left = _letter(before) or (_SELECTORS_RE.match(before) is not None and _kept(text, i - 1))
        return left and _letter(after)
    if not before or HIDDEN_RE.match(before) or before.isspace():
        return False
    if _within(EMOJI_SELECTORS, char) and (
            _within(_SYMBOLS, before) or (before in _KEYCAP_BASES and after == _KEYCAP)):
        return True
    if _within(STANDARD_SELECTORS, char) and _within(_CJK, before):
        return True
    return _within(MONGOLIAN_SELECTORS, char) and _within(_MONGOLIAN_LETTERS, before)


def _letter(char: str) -> bool:
    """Whether a joiner may stand beside ``char``: a visible character of a script beyond
    Latin (a letter, a mark, a symbol: emoji join too), not a private-use one."""
    return bool(char) and not (char.isspace() or HIDDEN_RE.match(char) or _within(_LATIN, char)
                               or _within(_PRIVATE_USE, char))
