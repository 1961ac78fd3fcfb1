"""Untrusted text made safe to show."""

from newsdiff.present.visible import visible


def test_visible_spells_out_controls_and_bidi_but_keeps_tab_newline_and_unicode():
    assert visible("a\x1b[2J\x07\x7f\x9b\u202e\u2067b") == (
        "a\\x1b[2J\\x07\\x7f\\x9b\\u202e\\u2067b")
    assert visible("caf\u00e9\t\u201cok\u201d\n") == "caf\u00e9\t\u201cok\u201d\n"
