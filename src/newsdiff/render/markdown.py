"""A Markdown report of a comparison, to paste into a ticket, a wiki or a fact-check memo.

Article text is untrusted and Markdown is a markup language, so every piece of
it is escaped: a headline containing ``[link](javascript:…)``, ``<script>``,
``|`` or ``**`` shows as those characters and cannot add links, HTML or table
cells.  Passages form one table in the same order as the terminal view.

A group passage (several pairs sharing sentences) is one row: its sentences,
each once and labelled (`` `A1` ``, `` `B12` ``), one per line (``<br>``) in
the A and B cells, and in the Details cell one line per kind of pair with its
marker, the pairs and their details, as in the terminal view.

Markdown is also read on GitHub and by renderers with the linkify rule, which
make links and pings of bare text: ``https://…``, ``www.…``, ``reuters.com``,
``name@example.org``, ``@user``, ``#12`` (an issue), ``:fire:`` (an emoji).
Backslashes and entities (``\\@``, ``&#64;``) do not stop GitHub, which finds
mentions, references and emoji in the rendered HTML, and backslashes inside a
bare URL become part of the link; a code span is the one thing that every
renderer shows as its exact text and that none of them links.  So each word of
article text (what stands between spaces) that holds such a token is written
whole as code spans (`` `(https://example.com/a_b).` ``), without escapes, and
everything else is backslash-escaped.  Whole words, not the tokens alone: a
renderer looks for links in each run of text on its own, so ``a.com`` just
before a code span is a domain to it even where the text went on
(``a.comwww.x``).  The tests render the output with markdown-it's linkify rule
and find no link, and the text exactly as written.

The escaping (:func:`escape`, :func:`escape_name`) and the marking of changed
words (:func:`marked_markdown`) serve the story report and the review export too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from itertools import groupby

from newsdiff.present.diffs import side_runs, split_padding
from newsdiff.present.markers import MARKS, Mark
from newsdiff.present.passages import (
    DEFAULT_KINDS,
    PairLine,
    Passage,
    format_detail,
    hidden_boilerplate,
    highlight_pair,
    pair_lines,
    passages,
    sentence_label,
    sentences_text,
)
from newsdiff.present.summary import SUMMARY_NOTE, summarize, summary_rows
from newsdiff.present.visible import visible, visible_line
from newsdiff.render.selection import no_passages
from newsdiff.values import Article, Comparison

# Punctuation that can start inline Markdown/HTML or break a table cell.  Line-start
# constructs (#, >, -, 1.) need no escape: article text never starts a line here.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|~&!$])")

# Changed words: struck out on A's side, bold on B's side (GitHub-flavoured Markdown).
_CHANGE = {"a": "~~", "b": "**"}

# A line break inside a table cell (GitHub-flavoured Markdown has no other).
_BR = "<br>"


# The top-level domains linkify-it knows by default: its own list, every two-letter
# country code it lists, and punycode.
_TLDS = (
    "biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|\u0440\u0444"
    "|xn--[a-z0-9-]{1,59}|a[cdefgilmnoqrstuwxz]|b[abdefghijmnorstvwyz]|c[acdfghiklmnoruvwxyz]"
    "|d[ejkmoz]|e[cegrstu]|f[ijkmor]|g[abdefghilmnpqrstuwy]|h[kmnrtu]|i[delmnoqrst]|j[emop]"
    "|k[eghimnprwyz]|l[abcikrstuvy]|m[acdeghklmnopqrstuvwxyz]|n[acefgilopruz]|om"
    "|p[aefghklmnrstwy]|qa|r[eosuw]|s[abcdeghijklmnortuvxyz]|t[cdfghjklmnortvwz]|u[agksyz]"
    "|v[aceginu]|w[fs]|y[et]|z[amw]"
)
# What makes a word (a run of text between spaces) something a renderer may turn into a
# link, a ping or an emoji (see the module docstring): a URL's "://" (any scheme, and
# "//localhost"), mailto: and xmpp:, www., a known top-level domain (e-mail addresses'
# too) that no letter, digit or further label follows ("reuters.com.txt" is a file name),
# an @ before anything (a mention, an address), an issue reference, an emoji shortcode.
# Wider than any renderer's rule on purpose: a renderer looks for links in each run of
# text on its own, and an escape ends a run ("a.com\_x" is a link to a.com), so anything
# else after a domain ends it; casting wide costs only a code span's typeface.
_LINKABLE = re.compile(
    rf"://|//localhost|(?:mailto|xmpp):|www\.|\.(?:{_TLDS})(?![^\W_]|\.[^\W_])|@\S"
    r"|#\d|:(?:[+\-]1|100|1234):|:[\w+\-]*[a-z][\w+\-]*:",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
# What a code span cannot hold: a table bar ends the cell even inside one, a backtick ends
# the span.  Between code spans they are escaped text, which also keeps two spans apart
# (side by side, `` `a``b` `` is one span to a renderer, showing the backticks inside it).
_NOT_IN_CODE = re.compile(r"([|`])")


def escape(text: str) -> str:
    """``text`` as literal inline Markdown on one line (a table cell cannot hold more)."""
    return _one_line(_inline(text))


def escape_name(text: str) -> str:
    """A name or a piece of metadata (file name, title, outlet, byline) as :func:`escape`
    gives it, its line breaks and tabs spelled out rather than folded into a space: they
    are part of the name, and the header it is in stays one line."""
    return escape(visible_line(text))


def _inline(text: str) -> str:
    """``text`` with controls spelled out, each word that holds a linkable token as code
    spans (:func:`_code`), and Markdown punctuation backslash-escaped elsewhere."""
    return _WORD.sub(_word, visible(text))


def _word(match: re.Match[str]) -> str:
    word = match.group()
    return _code(word) if _LINKABLE.search(word) else _SPECIAL.sub(r"\\\1", word)


def _code(word: str) -> str:
    """``word`` as code spans: what a reader sees is ``word`` as written, linked by nothing."""
    return "".join(f"\\{part}" if _NOT_IN_CODE.fullmatch(part) else f"`{part}`"
                   for part in _NOT_IN_CODE.split(word) if part)


def _one_line(markdown: str) -> str:
    return " ".join(markdown.split())


def render_markdown(c: Comparison, *, kinds: Collection[str] = DEFAULT_KINDS) -> str:
    """The report: a heading per article, the passages table, then the summary."""
    names = (escape_name(x.outlet or x.path) for x in (c.a, c.b))
    lines = ["# newsdiff: {} vs {}".format(*names), ""]
    for side, article in (("A", c.a), ("B", c.b)):
        lines += _article_section(side, article)
    lines += ["## Passages", "", _legend(), ""]
    shown = passages(c, kinds)
    if shown:
        lines += ["| | A | B | Details |", "|---|---|---|---|"]
        lines += [_row(c, p) for p in shown]
    else:
        lines.append(f"_{escape(no_passages(c, kinds))}_")
    note = hidden_boilerplate(c, kinds)
    if note:
        lines += ["", f"_{escape(note)}_"]
    lines += ["", "## Summary", ""]
    header, *rows = summary_rows(summarize(c), (c.a.outlet, c.b.outlet))
    lines.append(_table_row(header))
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    lines += [_table_row(row) for row in rows]
    lines += ["", escape(SUMMARY_NOTE)]
    return "\n".join(lines) + "\n"


def _article_section(side: str, article: Article) -> list[str]:
    title = " \u2014 ".join(escape_name(x) for x in (article.outlet, article.title) if x)
    lines = [f"## {side}: {title}", "", f"- File: {escape_name(article.path)}"]
    if article.byline:
        lines.append(f"- Byline: {escape_name(article.byline)}")
    return [*lines, ""]


def _legend() -> str:
    marks = " · ".join(f"{_marker(m)} {m.label}" for m in MARKS.values())
    return f"{marks} · changed words: ~~only in A~~ **only in B**"


def _marker(mark: Mark) -> str:
    """A marker as a code span: literal, and it lines up in the raw Markdown too."""
    return f"`{mark.marker}`"


def _row(c: Comparison, p: Passage) -> str:
    mark = MARKS[p.mark]
    if p.is_group:
        a, b = (_BR.join(_labelled(c, p, side, i) for i in getattr(p, side)) for side in "ab")
        details = _BR.join(_pair_line(line) for line in pair_lines(p))
    else:
        found = p.alignment.details if p.alignment else ()
        a, b = _side(c, p, "a"), _side(c, p, "b")
        details = "; ".join(escape(format_detail(d)) for d in found)
    cells = [f"{_marker(mark)} {mark.label}", a, b, details]
    return "| " + " | ".join(cells) + " |"


def _labelled(c: Comparison, p: Passage, side: str, index: int) -> str:
    """One sentence of a group: its label, then its text, highlighted as the rule says."""
    al = highlight_pair(p, side, index)
    if al is None:
        text = escape(sentences_text(c.a if side == "a" else c.b, (index,)))
    else:
        text = marked_markdown(side_runs(al, side))
    return f"`{sentence_label(side, index)}` {text}"


def _pair_line(line: PairLine) -> str:
    mark = MARKS[line.mark]
    out = f"{_marker(mark)} {mark.label} {escape(line.pairs)}"
    return f"{out} \u2014 {escape(line.details)}" if line.details else out


def _side(c: Comparison, p: Passage, side: str) -> str:
    """One side of a passage as escaped Markdown, changed words marked where that helps."""
    al = p.highlighted
    if al is None:
        return escape(sentences_text(c.a if side == "a" else c.b, getattr(p, side)))
    return marked_markdown(side_runs(al, side))


def marked_markdown(runs: Iterable[tuple[str, str | None]]) -> str:
    """``(text, side)`` runs as escaped Markdown on one line, the words only one side has marked.

    ``side`` is ``a`` (struck out), ``b`` (bold) or ``None`` (plain), as for
    :func:`newsdiff.render.text.marked_text`.
    """
    out = []
    for side, same in groupby(runs, key=lambda run: run[1]):
        # One side's runs as one text: the other side's runs left out between them
        # (:func:`side_runs`) may leave a URL or a token in two pieces, which escaped
        # one by one would be two code spans side by side (see :func:`_inline`).
        run = "".join(text for text, _ in same)
        lead, core, trail = split_padding(run) if side else (run, "", "")
        delim = _CHANGE[side] if core else ""
        out += [_inline(lead), delim, _inline(core), delim, _inline(trail)]
    return _one_line("".join(out))


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"
