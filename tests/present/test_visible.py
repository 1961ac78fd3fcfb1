"""Untrusted text made safe to show: the rule over all of Unicode, and where joiners stay."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

import pytest

from newsdiff.present.visible import (
    DEFAULT_IGNORABLE,
    FORMAT,
    HIDDEN_RE,
    escape_char,
    visible,
    visible_line,
)

ALL = range(sys.maxunicode + 1)
ZWNJ, ZWJ, VS16 = "\u200c", "\u200d", "\ufe0f"
# What is spelled out wherever it stands; joiners and selectors only out of place.
CONTEXTUAL = {0x200C, 0x200D, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10),
              *range(0xE0100, 0xE01F0)} - {0x180E}


def code_points(ranges) -> set[int]:
    return {c for a, b in ranges for c in range(a, b + 1)}


@functools.cache
def default_ignorable() -> frozenset[int]:
    """Default_Ignorable_Code_Point as the regex module knows it (unicodedata does not)."""
    regex = pytest.importorskip("regex")
    pattern = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    return frozenset(c for c in ALL if pattern.match(chr(c)))


@functools.cache
def by_category() -> dict[str, list[int]]:
    """The assigned code points by general category (unassigned ones have no script)."""
    found: dict[str, list[int]] = {}
    for c in ALL:
        found.setdefault(unicodedata.category(chr(c)), []).append(c)
    del found["Cn"]
    return found


def sample(cps: list[int], most: int = 1500) -> list[int]:
    """Up to ``most`` code points spread over ``cps`` (all of a small category)."""
    return cps[:: max(1, len(cps) // most)]


def test_the_format_set_holds_every_format_character_unicodedata_knows():
    cf = {c for c in ALL if unicodedata.category(chr(c)) == "Cf"}
    assert cf <= code_points(FORMAT)
    assert {unicodedata.category(chr(c)) for c in code_points(FORMAT) - cf} <= {"Cn"}


def test_the_default_ignorable_set_is_unicodes():
    assert code_points(DEFAULT_IGNORABLE) == default_ignorable()


def test_every_code_point_is_escaped_exactly_when_it_is_hidden():
    """Each code point of Unicode between two Latin letters: spelled out if it is a
    control (not tab or newline), a format character (those Unicode 15.0 added too),
    default-ignorable, a line or paragraph separator, the braille blank or a surrogate;
    otherwise left as it is."""
    ignorable = default_ignorable()
    hidden_categories = {"Cc", "Cf", "Cs", "Zl", "Zp"}

    def hidden(c: int) -> bool:
        return (unicodedata.category(chr(c)) in hidden_categories and chr(c) not in "\t\n"
                or c in ignorable or c == 0x2800 or 0x13439 <= c <= 0x1343F)

    got = visible("z".join(chr(c) for c in ALL))
    want = "z".join(escape_char(chr(c)) if hidden(c) else chr(c) for c in ALL)
    if got != want:  # say where, rather than diff two strings of two million characters
        at = next(i for i, (x, y) in enumerate(zip(got, want, strict=False)) if x != y)
        pytest.fail(f"at {at}: {got[at - 9 : at + 9]!r}, not {want[at - 9 : at + 9]!r}")


def test_nothing_hidden_survives_and_visible_is_idempotent_over_all_of_unicode():
    text = "".join(chr(c) for c in ALL)
    shown = visible(text)
    assert {ord(ch) for ch in HIDDEN_RE.findall(shown)} <= CONTEXTUAL
    assert visible(shown) == shown
    assert visible_line(shown).count("\n") == 0 and "\t" not in visible_line(shown)


# Scripts whose letters a joiner may stand between (Persian, Indic conjuncts, …, and
# scripts that have no use for it but are beyond Latin, as the rule says).
JOINING_SCRIPTS = {"ARABIC", "HEBREW", "SYRIAC", "DEVANAGARI", "BENGALI", "TAMIL", "MALAYALAM",
                   "SINHALA", "THAI", "KHMER", "MONGOLIAN", "HANGUL", "CJK", "HIRAGANA",
                   "KATAKANA", "CYRILLIC", "GEORGIAN", "ETHIOPIC"}


@pytest.mark.parametrize("joiner", [ZWNJ, ZWJ])
def test_a_joiner_stays_only_between_two_letters_beyond_latin(joiner):
    """Over every category: next to a Latin letter or digit (ASCII, accented, fullwidth,
    …), ASCII punctuation, a space, a control or an invisible character, a joiner is
    spelled out; between two letters or marks of another script (Arabic, Devanagari,
    Hangul, …) it stays; at an edge it is always spelled out."""
    for category, cps in by_category().items():
        for c in sample(cps):
            base = chr(c)
            kept = joiner in visible(f"{base}{joiner}{base}")
            name = unicodedata.name(base, "")
            latin = c <= 0x036F or category[0] in "LMN" and (
                re.search(r"\b(LATIN|FULLWIDTH|ROMAN NUMERAL)\b", name))
            if latin or category[0] in "CZ" or base.isspace() or HIDDEN_RE.match(base):
                assert not kept, (category, hex(c))
            elif (category[0] in "LM" and name.partition(" ")[0] in JOINING_SCRIPTS
                  and "SMALL CAPITAL" not in name):
                assert kept, (category, hex(c))
            assert joiner not in visible(f"{joiner}{base}") + visible(f"{base}{joiner}")


def test_a_variation_selector_stays_once_after_a_base_it_has_forms_for():
    for category, cps in by_category().items():
        for c in sample(cps):
            base = chr(c)
            twice = visible(f"{base}{VS16}{VS16}")
            assert twice.count(VS16) <= 1 and twice.endswith("\\ufe0f")
            ideographic = visible(f"{base}\U000e0100")
            if "CJK" not in unicodedata.name(base, ""):
                assert "\U000e0100" not in ideographic, (category, hex(c))
            symbol = 0x2000 <= c <= 0x2BFF or 0x1F000 <= c <= 0x1FAFF or base in "\u3030\u303d"
            if category[0] in "LNPZC" and not (symbol or "CJK" in unicodedata.name(base, "")):
                assert VS16 not in visible(f"{base}{VS16}"), (category, hex(c))


@pytest.mark.parametrize("text", [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",      # a family: emoji joined
    "\U0001f3f3\ufe0f\u200d\U0001f308",                  # rainbow flag: selector, then joiner
    "\u2764\ufe0f \u00a9\ufe0f \u203c\ufe0f",           # emoji presentation of symbols
    "1\ufe0f\u20e3 #\ufe0f\u20e3",                       # keycaps
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "I want"
    "\u0915\u094d\u200d\u0937",                          # Devanagari half form
    "\u845b\U000e0100 \u8fbb\ufe00",                     # ideographic variation sequences
    "\u1820\u180b\u1821",                                # Mongolian free variation selector
    "caf\u00e9\t\u201cok\u201d\n",
])
def test_joiners_and_selectors_that_do_their_work_stay(text):
    assert visible(text) == text


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2J\x07\x7f\x9b\u202e\u2067b", "a\\x1b[2J\\x07\\x7f\\x9b\\u202e\\u2067b"),
    ("\u3164 \u115f\u1160 \uffa0", "\\u3164 \\u115f\\u1160 \\uffa0"),  # Hangul fillers
    ("Ses\u2800sions", "Ses\\u2800sions"),                            # braille blank
    ("\ufff9note\ufffb", "\\ufff9note\\ufffb"),                       # interlinear annotation
    ("a\u034fb c\u17b4 d\u180be", "a\\u034fb c\\u17b4 d\\u180be"),
    ("ok\ufe0f \u00e9\ufe0f", "ok\\ufe0f \u00e9\\ufe0f"),             # a selector after Latin
    ("\U0001f44d\ufe0f\ufe0e\U000e0100", "\U0001f44d\ufe0f\\ufe0e\\U000e0100"),  # smuggling
    ("\u0645\u200d \u200d\u0645 \u0645\u200d\u200d\u0645",
     "\u0645\\u200d \\u200d\u0645 \u0645\\u200d\\u200d\u0645"),       # joiners out of place
    ("report\udcff.txt", "report\\udcff.txt"),                        # a non-UTF-8 file name
    ("\U000e0041\U000e0fff", "\\U000e0041\\U000e0fff"),
])
def test_visible_spells_out_what_hides(text, shown):
    assert visible(text) == shown


def test_visible_line_spells_out_line_breaks_and_tabs_too():
    assert visible_line("a\nb\tc\r\u2028\x1b") == "a\\x0ab\\x09c\\x0d\\u2028\\x1b"
    assert visible("a\nb\tc") == "a\nb\tc"
