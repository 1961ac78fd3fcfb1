"""``newsdiff review list``: the saved sessions as a table, the most recently changed first.

A terminal gets a Rich table with a header over a rule (the header bold
where colour is on); a pipe gets the same columns as plain, space-aligned
text with no rule, so ``grep`` and ``awk`` read it.  Outlets come from article
files, so they go through :func:`~newsdiff.present.visible.visible` like
everything else printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff.present.visible import visible
from newsdiff.review.model import SessionInfo
from newsdiff.review.report import local_time

#: How many characters of the outlets a row shows; the rest is cut with "…".
ARTICLES_WIDTH = 48

_COLUMNS = ("session", "key", "articles", "progress", "last change")


def articles_summary(session: SessionInfo, limit: int = ARTICLES_WIDTH) -> str:
    """The session's outlets (else file names) on one printable line, cut to ``limit``."""
    names = ", ".join(visible(a.outlet or a.path) for a in session.articles)
    names = " ".join(names.split())
    return names if len(names) <= limit else names[: limit - 1].rstrip() + "\u2026"


def render_sessions(sessions: Sequence[SessionInfo], *, width: int, terminal: bool,
                    color: bool) -> str:
    """The table of ``sessions``: id, key prefix, outlets, progress, last change (local time)."""
    from rich import box
    from rich.table import Table

    from newsdiff.render.text import print_to_string

    table = Table(box=box.SIMPLE_HEAD if terminal else None, show_edge=False, pad_edge=False,
                  header_style="bold")
    for name in _COLUMNS:
        table.add_column(name, no_wrap=True, justify="right" if name == "session" else "left")
    for s in sessions:
        table.add_row(str(s.id), s.key[:8], articles_summary(s), str(s.progress),
                      local_time(s.updated))
    return print_to_string(lambda console: console.print(table), width=width, color=color)
