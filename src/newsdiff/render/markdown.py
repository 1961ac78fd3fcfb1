"""A Markdown report of a comparison, to paste into a ticket, a wiki or a fact-check memo.

Article text is untrusted and Markdown is a markup language, so every piece of
it is escaped: a headline containing ``[link](javascript:…)``, ``<script>``,
``|`` or ``**`` shows as those characters and cannot add links, HTML or table
cells.  Passages form one table in the same order as the terminal view.

A group passage (several pairs sharing sentences) is one row: its sentences,
each once and labelled (`` `A1` ``, `` `B12` ``), one per line (``<br>``) in
the A and B cells, and in the Details cell one line per kind of pair with its
marker, the pairs and their details, as in the terminal view.

The escaping (:func:`escape`) and the marking of changed words
(:func:`marked_markdown`) serve the story report and the review export too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

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
from newsdiff.present.visible import visible
from newsdiff.values import Article, Comparison

# Punctuation that can start inline Markdown/HTML or break a table cell.  Line-start
# constructs (#, >, -, 1.) need no escape: article text never starts a line here.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|~&!$])")

# Changed words: struck out on A's side, bold on B's side (GitHub-flavoured Markdown).
_CHANGE = {"a": "~~", "b": "**"}

# A line break inside a table cell (GitHub-flavoured Markdown has no other).
_BR = "<br>"


def escape(text: str) -> str:
    """``text`` as literal inline Markdown on one line (a table cell cannot hold more)."""
    return _one_line(_inline(text))


def _inline(text: str) -> str:
    """``text`` with controls spelled out and Markdown punctuation backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", visible(text))


def _one_line(markdown: str) -> str:
    return " ".join(markdown.split())


def render_markdown(c: Comparison, *, kinds: Collection[str] = DEFAULT_KINDS) -> str:
    """The report: a heading per article, the passages table, then the summary."""
    names = (escape(x.outlet or x.path) for x in (c.a, c.b))
    lines = ["# newsdiff: {} vs {}".format(*names), ""]
    for side, article in (("A", c.a), ("B", c.b)):
        lines += _article_section(side, article)
    lines += ["## Passages", "", _legend(), ""]
    shown = passages(c, kinds)
    if shown:
        lines += ["| | A | B | Details |", "|---|---|---|---|"]
        lines += [_row(c, p) for p in shown]
    else:
        lines.append("_No passages of the selected kinds._")
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
    title = " \u2014 ".join(escape(x) for x in (article.outlet, article.title) if x)
    lines = [f"## {side}: {title}", "", f"- File: {escape(article.path)}"]
    if article.byline:
        lines.append(f"- Byline: {escape(article.byline)}")
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
    for run, side in runs:
        lead, core, trail = split_padding(run) if side else (run, "", "")
        delim = _CHANGE[side] if core else ""
        out += [_inline(lead), delim, _inline(core), delim, _inline(trail)]
    return _one_line("".join(out))


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"
