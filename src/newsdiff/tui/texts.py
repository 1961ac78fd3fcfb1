"""Rich ``Text`` for the reader's widgets, built only from engine values.

Every piece of article text passes through :func:`~newsdiff.present.visible`
and enters a :class:`~rich.text.Text` as plain text, so ``[bold]`` or
``[@click=app.quit]`` in an article is shown literally and escape sequences
are spelled out.  Kinds are marked from :data:`~newsdiff.present.markers.MARKS`.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial

from rich.table import Table
from rich.text import Text

from newsdiff.present.diffs import split_padding
from newsdiff.present.markers import DELETED_STYLE, INSERTED_STYLE, MARKS
from newsdiff.present.passages import (
    Passage,
    format_detail,
    pair_label,
    pair_lines,
    sentence_label,
    sentences_text,
)
from newsdiff.present.summary import Summary
from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.render.text import changed_words, highlighted_side
from newsdiff.review.model import Review
from newsdiff.values import ALIGNED_KINDS, Alignment, Article, Comparison

#: The side across from each side of a comparison.
OTHER = {"a": "b", "b": "a"}


def article_of(c: Comparison, side: str) -> Article:
    return c.a if side == "a" else c.b


def one_line(text: str, width: int) -> Text:
    """``text`` (already made visible) as one line of at most ``width`` cells, an ellipsis
    marking the cut."""
    out = Text(text, no_wrap=True, overflow="ellipsis")
    out.truncate(width, overflow="ellipsis")
    return out


def marker(mark: str) -> Text:
    """The gutter marker of a kind, in its colour."""
    m = MARKS[mark]
    return Text(m.marker, style=m.style)


def headline(side: str, article: Article, position: tuple[int, int] | None = None) -> Text:
    """``A 2/5  outlet — title``, for a pane's title line (``position``: n of total)."""
    where = f" {position[0]}/{position[1]}" if position else ""
    return Text.assemble(
        (f"{side.upper()}{where}  ", "bold"),
        (visible(article.outlet), "bold"),
        " \u2014 " if article.outlet and article.title else "",
        visible(article.title),
    )


#: Words only one side has, and one side of a pair with them marked: the reader
#: both colours and brackets them, so they read with any theme.
changed = partial(changed_words, color=True, brackets=True)
highlighted = partial(highlighted_side, color=True, brackets=True)


def passage_side(c: Comparison, p: Passage, side: str) -> Text:
    """One side's text of a passage that is no group (a group is drawn pair by pair, see
    :func:`~newsdiff.tui.widgets.passage.group_side`), as the one-shot renderer shows it."""
    article = article_of(c, side)
    indices = getattr(p, side)
    al = p.alignment
    if p.highlighted is not None:
        text = highlighted(p.highlighted, side)
    else:
        style = MARKS["boilerplate"].style if p.kind == "boilerplate" else ""
        text = Text(visible(sentences_text(article, indices)), style=style)
    if al is not None and al.details:
        for d in al.details:
            text.append("\n").append(visible(format_detail(d)), style=MARKS["divergent"].style)
    return text


def gap_text(p: Passage, side: str) -> Text:
    """What stands in ``side``'s pane for a passage only the other article has."""
    other = OTHER[side].upper()
    n = len(getattr(p, OTHER[side]))
    what = "boilerplate" if p.kind == "boilerplate" else f"only in {other}"
    return Text(f"\u2504\u2504 gap: {counted(n, 'sentence')} {what}", style="dim")


def _counts(s: Summary) -> list[tuple[str, int]]:
    """Each mark of the compare header and how many passages (sentences, if unaligned) carry it."""
    return [
        *((k, s.alignments[k]) for k in ALIGNED_KINDS),
        ("unique-a", s.unique_sentences["a"]),
        ("unique-b", s.unique_sentences["b"]),
        ("boilerplate", s.boilerplate_sentences["a"] + s.boilerplate_sentences["b"]),
    ]


def summary_line(s: Summary, kinds_note: str, *, compact: bool = False) -> Text:
    """The compare header: counts per kind, each after its marker.

    In full each count is labelled (the line doubles as the legend); ``compact``
    (for narrow terminals) leaves the labels to the help screen, which ``?`` opens,
    and says so before the filter's note: at 80 columns beside the review progress
    the line is cut, and the cut takes the note's end rather than the pointer to
    the legend.
    """
    text = Text()
    for n, (mark, count) in enumerate(_counts(s)):
        if n:
            text.append(" " if compact else "  ")
        text.append_text(marker(mark)).append(str(count) if compact
                                              else f"{count} {MARKS[mark].label}")
    if compact:
        return text.append("  ? legend", style="dim").append(f"  {kinds_note}", style="italic")
    return text.append(f"   showing {kinds_note}", style="italic")


def legend() -> Text:
    """How changed words are marked, the filter keys and the review keys."""
    return Text.assemble(
        "changed words: ", changed("a", "A"), " ", changed("b", "B"),
        ("   1 shared  2 paraphrase  3 divergent  4 unique  0 all", "dim"),
        ("   a x ! e review  l link   ? help", "dim"),
    )


def legend_rows() -> list[tuple[Text, Text]]:
    """The markers and the changed-word brackets with what they mean, for the help screen."""
    rows = [(marker(mark), Text(m.label)) for mark, m in MARKS.items()]
    rows += [(changed(side, side.upper()), Text(f"words only {side.upper()} has (inside a pair)"))
             for side in "ab"]
    # Styles as spans, not base styles, so a table cell's padding is not underlined too.
    return [(Text.assemble(key), meaning) for key, meaning in rows] + review_legend_rows()


def detail_renderables(c: Comparison, p: Passage) -> list:
    """The detail panel: each pair's word diff and, when divergent, its details side by side."""
    out: list = []
    m = MARKS[p.mark]
    title = Text.assemble((m.marker, m.style), " ", (m.label, "bold"))
    out.append(title)
    if not p.pairs:
        side = "a" if p.a else "b"
        out.append(Text(visible(sentences_text(article_of(c, side), getattr(p, side)))))
        return out
    if p.is_group:
        for line in pair_lines(p):
            lm = MARKS[line.mark]
            out.append(Text.assemble((lm.marker, lm.style), f" {lm.label}: {line.pairs}",
                                     (f" \u2014 {visible(line.details)}" if line.details else "",
                                      "")))
    order = {k: n for n, k in enumerate(("divergent", "shared", "paraphrase"))}
    for al in sorted(p.pairs, key=lambda al: order[al.kind]):
        am = MARKS[al.kind]
        out.append(Text.assemble("\n", (am.marker, am.style),
                                 f" {am.label}  {pair_label(al.a, al.b)}  ",
                                 (f"score {al.score:.2f}", "dim")))
        if am.word_diff and al.diff:
            out.append(inline_diff(al))
        else:
            sides = Table(expand=True, show_edge=False, pad_edge=False, box=None,
                          padding=(0, 2))
            sides.add_column(Text.assemble("A ", visible(c.a.outlet)), ratio=1)
            sides.add_column(Text.assemble("B ", visible(c.b.outlet)), ratio=1)
            sides.add_row(Text(visible(sentences_text(c.a, al.a))),
                          Text(visible(sentences_text(c.b, al.b))))
            out.append(sides)
        if al.details:
            table = Table(expand=True, show_edge=False, pad_edge=False)
            table.add_column("detail", style="bold", no_wrap=True)
            table.add_column(Text.assemble("A ", visible(c.a.outlet)), ratio=1)
            table.add_column(Text.assemble("B ", visible(c.b.outlet)), ratio=1)
            for d in al.details:
                table.add_row(Text(d.type), Text(visible(d.a), style=DELETED_STYLE),
                              Text(visible(d.b), style=INSERTED_STYLE))
            out.append(table)
    return out


def inline_diff(al: Alignment) -> Text:
    """The pair's word diff in one text: A's words ``[-…-]``, B's ``{+…+}``, common plain."""
    diff = Text()
    for op, run in al.diff:
        if op == "=":
            diff.append(visible(run))
            continue
        lead, core, trail = split_padding(run)
        diff.append(visible(lead))
        if core:
            diff.append_text(changed("a" if op == "-" else "b", core))
        diff.append(visible(trail))
    return diff


# -- reviews ---------------------------------------------------------------------------

#: How each verdict is marked: a symbol (the gutter shows it under the kind's marker) and
#: a style; the words are the verdict's own, so the badge reads without colour too.
VERDICT_MARKS: dict[str, tuple[str, str]] = {
    "accepted": ("\u2713", "bold green"),
    "rejected": ("\u2717", "bold red"),
    "flagged": ("\u2691", "bold yellow"),
}
NOTE_SYMBOL = "\u270e"
LINK_SYMBOL = "\u21c4"


def review_legend_rows(*, links: bool = True) -> list[tuple[Text, Text]]:
    """The review marks with what they mean, for the help screen (``links``: and the mark
    of a manual link, which only the compare screen makes)."""
    meanings = {"accepted": "accepted: the alignment and its kind are right",
                "rejected": "rejected: the line under the text gives the right kind",
                "flagged": "flagged: a significant divergence"}
    rows = [(Text(symbol, style=style), Text(meanings[verdict]))
            for verdict, (symbol, style) in VERDICT_MARKS.items()]
    rows.append((Text(NOTE_SYMBOL, style="bold"), Text("the reviewer's note")))
    if links:
        rows.append((Text(LINK_SYMBOL, style="bold cyan"),
                     Text("a manual link (l made it, L removes it)")))
    return rows


def verdict_words(review: Review | None) -> str:
    """A review's verdict in words: ``accepted``, ``rejected → paraphrase``, ``unreviewed``."""
    if review is None or review.verdict is None:
        return "unreviewed"
    if review.corrected:
        return f"{review.verdict} \u2192 {review.corrected}"
    return review.verdict


def review_badge(review: Review | None, *, linked: bool = False) -> tuple[Text, Text] | None:
    """What a reviewed passage or claim shows: a gutter symbol and a line of verdict, note
    (the reviewer's text, shown literally) and whether the reviewer linked it; None if none."""
    parts: list[Text] = []
    symbols: list[Text] = []
    if review is not None and review.verdict is not None:
        symbol, style = VERDICT_MARKS[review.verdict]
        symbols.append(Text(symbol, style=style))
        parts.append(Text(f"{symbol} {verdict_words(review)}", style=style))
    if review is not None and review.note:
        symbols.append(Text(NOTE_SYMBOL, style="bold"))
        parts.append(Text.assemble((f"{NOTE_SYMBOL} ", "bold"), (visible(review.note), "italic")))
    if linked:
        symbols.append(Text(LINK_SYMBOL, style="bold cyan"))
        parts.append(Text(f"{LINK_SYMBOL} linked by you", style="bold cyan"))
    if not parts:
        return None
    return symbols[0], Text("  ").join(parts)


def progress(reviewed: int, total: int, *, only_unreviewed: bool, saved: bool) -> Text:
    """The header's ``12 of 40 reviewed``, and whether ``r`` hides the reviewed ones or the
    reviews are kept in memory only."""
    text = Text(f"{reviewed} of {total} reviewed", style="bold")
    if only_unreviewed:
        text.append(" \u00b7 unreviewed only (r)", style="italic")
    if not saved:
        text.append(" \u00b7 not saved", style="bold red")
    return text


def unsaved_line(count: int, error: str) -> Text:
    """The save bar: how many changes wait to be saved, why (the store's one line, shown
    literally), and that they are kept and tried again."""
    return Text.assemble(
        (f"\u2717 {counted(count, 'change')} not saved: ", "bold"), visible(error),
        (" \u2014 kept, and tried again every few seconds; quitting asks first", "italic"))


def sentences_name(a: Collection[int], b: Collection[int], *, pair: bool) -> str:
    """How prompts and messages name what the review keys act on, by its sentences of A
    and of B: ``pair A1+A2–B3`` (one alignment, ``pair``: each of its sentences), ``group
    A1–B9`` (more: the first sentence of each side) or ``passage A3`` (one article's)."""
    if pair and a and b:
        return "pair " + pair_label(a, b)
    ends = [sentence_label(side, min(indices)) for side, indices in (("a", a), ("b", b))
            if indices]
    return ("group " if a and b else "passage ") + "\u2013".join(ends)


def passage_name(p: Passage) -> str:
    """How prompts and messages name a passage (see :func:`sentences_name`)."""
    return sentences_name(p.a, p.b, pair=p.alignment is not None)


def link_prompt(side: str, first: tuple[int, ...]) -> Text:
    """The line shown while ``l`` waits for the second passage of a link."""
    other = OTHER[side].upper()
    labels = ", ".join(sentence_label(side, i) for i in first)
    return Text.assemble(
        (f"{LINK_SYMBOL} Linking {labels}", "bold"),
        f" with a passage of {other}: select it in {other}'s pane, then l or Enter; ",
        ("escape cancels", "dim"))
