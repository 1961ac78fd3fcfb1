"""The review report as one self-contained HTML file: to open in a browser, mail or archive.

Inline CSS only (light and dark by ``prefers-color-scheme``), no script, no
font, image or stylesheet from elsewhere, so the file reads the same offline
and years later.  Every value that comes from the database is untrusted,
not only the article text, outlets, titles, paths and notes: another program
may have written the verdict, kind, key or hash column too.  So every one,
in text and in attributes alike, has its control characters spelled out as
:func:`~newsdiff.present.visible.visible` does for the terminal and is then
HTML-escaped (quotes included): a value holding ``<script>`` is shown, never
run, and cannot leave the attribute it is in.
The word diff is drawn with ``<del>`` (only in A) and ``<ins>`` (only in B).
"""

from __future__ import annotations

import html

from newsdiff.present.visible import visible
from newsdiff.review.report import (
    HASH_PREFIX,
    Excerpt,
    Report,
    ReportLink,
    ReportReview,
    local_time,
)

_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff;
  --card: #f6f8fa; --line: #d1d9e0; --del: #ffebe9; --del-fg: #82071e; --ins: #dafbe1;
  --ins-fg: #116329; --shared: #1a7f37; --paraphrase: #0969da; --divergent: #9a6700;
  --unique: #8250df; --accepted: #1a7f37; --rejected: #cf222e; --flagged: #9a6700; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d;
    --del: #4c1519; --del-fg: #ffa198; --ins: #12361f; --ins-fg: #7ee787; --shared: #3fb950;
    --paraphrase: #4493f8; --divergent: #d29922; --unique: #ab7df8; --accepted: #3fb950;
    --rejected: #f85149; --flagged: #d29922; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); }
.meta, .time, .hint { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
code, .marker { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .85em; white-space: nowrap; }
.label { font-weight: 700; }
.item { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem 1.25rem; margin: 0 0 1rem; }
.item > header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline;
  margin-bottom: .75rem; }
.kind { font-weight: 600; }
.kind-shared { color: var(--shared); } .kind-paraphrase { color: var(--paraphrase); }
.kind-divergent { color: var(--divergent); } .kind-unique { color: var(--unique); }
.verdict { font-weight: 700; padding: 0 .5rem; border-radius: 999px;
  border: 1px solid currentColor; font-size: .85rem; }
.verdict-accepted { color: var(--accepted); } .verdict-rejected { color: var(--rejected); }
.verdict-flagged { color: var(--flagged); } .verdict-none { color: var(--muted); }
.time { margin-left: auto; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  gap: .75rem 1.5rem; }
.side h3 { font-size: .85rem; margin: 0 0 .2rem; color: var(--muted); font-weight: 600; }
.side p, .diff p, .note { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.none { color: var(--muted); font-style: italic; }
.diff { margin-top: .75rem; padding-top: .75rem; border-top: 1px dashed var(--line); }
.diff h3 { font-size: .85rem; margin: 0 0 .2rem; color: var(--muted); font-weight: 600; }
del { background: var(--del); color: var(--del-fg); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-fg); text-decoration: none; font-weight: 600; }
del + ins { margin-left: .3em; }
.note { margin-top: .75rem; padding: .5rem .75rem; border-left: 3px solid var(--flagged);
  background: var(--bg); }
"""

#: How a word diff's runs are marked: words only A has, words only B has.
_DIFF_TAGS = {"-": "del", "+": "ins"}


def render_report_html(report: Report) -> str:
    """The report as one HTML document: header, articles, reviewed passages, manual links."""
    title = _esc(f"newsdiff review: session {report.session.id}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body><main>",
        f"<header><h1>{title}</h1>{_meta(report)}</header>",
        "<h2>Articles</h2>",
        _articles(report),
        "<h2>Reviewed passages</h2>",
    ]
    if report.reviews:
        parts.append('<p class="hint">In reading order. Changed words: '
                     "<del>only in A</del> <ins>only in B</ins>.</p>")
        parts += [_review(n, r) for n, r in enumerate(report.reviews, 1)]
    else:
        parts.append('<p class="none">No verdicts or notes yet.</p>')
    if report.links:
        parts.append("<h2>Manual links</h2>")
        parts += [_link(n, link) for n, link in enumerate(report.links, 1)]
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _meta(report: Report) -> str:
    s = report.session
    return (f'<p class="meta">key <code>{_esc(s.key[:8])}</code> · {_esc(str(s.progress))} '
            f"passages reviewed · created {_time(s.created)} · last change {_time(s.updated)}</p>")


def _articles(report: Report) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("", "Outlet", "Title", "File", "Hash"))
    rows = "".join(
        f'<tr><td class="label">{_esc(a.label)}</td><td>{_esc(a.outlet)}</td>'
        f"<td>{_esc(a.title)}</td><td>{_esc(a.path)}</td>"
        f"<td><code>{_esc(a.hash[:HASH_PREFIX])}</code></td></tr>\n"
        for a in report.articles
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{rows}</tbody></table>"


def _review(n: int, r: ReportReview) -> str:
    marker = f'<span class="marker">{_esc(r.marker)}</span> ' if r.marker else ""
    header = (
        f'<header><span class="label">{n}.</span>'
        f'<span class="kind kind-{_esc(r.kind)}">{marker}{_esc(r.kind)}</span>'
        f"<span>{_esc(r.articles_label)}</span>"
        f'<span class="verdict verdict-{_esc(r.verdict or "none")}">{_esc(r.verdict_label)}'
        "</span>"
        f"{_time_span(r.updated)}</header>"
    )
    parts = ['<section class="item">', header, _sides(r.excerpts)]
    if r.diff is not None:
        runs = "".join(_diff_run(op, text) for op, text in r.diff)
        parts.append(f'<div class="diff"><h3>Word diff</h3><p>{runs}</p></div>')
    if r.note:
        parts.append(f'<p class="note">{_esc(r.note)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _link(n: int, link: ReportLink) -> str:
    return (f'<section class="item"><header><span class="label">{n}.</span>'
            f"<span>{_esc(link.articles_label)}</span>{_time_span(link.created)}</header>\n"
            f"{_sides((link.a, link.b))}\n</section>")


def _sides(excerpts: tuple[Excerpt, ...]) -> str:
    return '<div class="sides">' + "".join(_side(e) for e in excerpts) + "</div>"


def _side(e: Excerpt) -> str:
    head = f"<h3>{_esc(e.article.label)} · {_esc(e.article.name)}</h3>"
    body = f"<p>{_esc(e.text)}</p>" if e.text else '<p class="none">no passage</p>'
    return f'<div class="side">{head}{body}</div>'


def _diff_run(op: str, text: str) -> str:
    tag = _DIFF_TAGS.get(op)
    return f"<{tag}>{_esc(text)}</{tag}>" if tag else _esc(text)


def _time_span(iso: str) -> str:
    return f'<span class="time">{_time(iso)}</span>'


def _time(iso: str) -> str:
    return f'<time datetime="{_esc(iso)}">{_esc(local_time(iso))}</time>'


def _esc(text: str) -> str:
    """A value from the database as HTML text or attribute: controls spelled out, then
    ``& < > " '`` escaped."""
    return html.escape(visible(text))
