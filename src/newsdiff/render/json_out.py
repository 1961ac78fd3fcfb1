"""The JSON contract ``newsdiff.comparison/1`` (see DESIGN.md): stable, for other tools.

Named ``json_out`` so that ``import json`` inside the package never means this file.
Sentences are given by their character spans in the article text, so a reader
of the JSON needs nothing but the JSON to quote them.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Collection, Iterable

from newsdiff import __version__
from newsdiff.present.summary import summarize
from newsdiff.present.visible import HIDDEN_RE
from newsdiff.values import ALL_KINDS, Article, Comparison

SCHEMA = "newsdiff.comparison/1"

#: The codec error handler (``str.encode(encoding, JSON_ERRORS)``) that writes what an
#: output's encoding cannot hold as JSON ``\\u`` escapes: the same JSON value in any
#: encoding, where ``backslashreplace``'s ``\\xe9`` would not be JSON at all.
JSON_ERRORS = "newsdiff-json"


def comparison_to_dict(c: Comparison, *, kinds: Collection[str] = ALL_KINDS) -> dict:
    """``c`` as plain data per the contract.

    ``kinds`` filters ``alignments`` only (this is what ``--only`` does for JSON):
    ``unique``, ``boilerplate`` and ``stats`` always describe the whole comparison,
    so the sentence partition the contract promises stays complete.
    """
    return {
        "schema": SCHEMA,
        "version": __version__,
        "articles": [article_dict(c.a, "a"), article_dict(c.b, "b")],
        "alignments": [
            {
                "kind": al.kind,
                "a": spans(c.a, al.a),
                "b": spans(c.b, al.b),
                "score": al.score,
                "details": [{"type": d.type, "a": d.a, "b": d.b, "severity": d.severity}
                            for d in al.details],
                "diff": [[op, text] for op, text in al.diff],
            }
            for al in c.alignments
            if al.kind in kinds
        ],
        "unique": {"a": spans(c.a, c.unique_a), "b": spans(c.b, c.unique_b)},
        "boilerplate": {"a": spans(c.a, c.boilerplate_a), "b": spans(c.b, c.boilerplate_b)},
        "stats": summarize(c).as_dict(),
    }


def render_json(c: Comparison, *, kinds: Collection[str] = ALL_KINDS) -> str:
    """The contract as JSON text (UTF-8 as read, one trailing newline)."""
    return dumps(comparison_to_dict(c, kinds=kinds))


def dumps(data: dict) -> str:
    """Plain data as the contracts' JSON text: UTF-8 as read, indented, one trailing newline.

    ``json.dumps`` escapes C0 controls but leaves DEL, C1, bidi, zero-width and the other
    characters :func:`~newsdiff.present.visible.visible` spells out raw, and a terminal
    showing the JSON would act on them or hide them; they are written as ``\\u``
    escapes (every one, joiners in emoji too: it is the same JSON value).
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return HIDDEN_RE.sub(lambda m: json_escape(m.group()), text) + "\n"


def json_escape(text: str) -> str:
    """``text`` as JSON string escapes: ``\\u00e9``, a surrogate pair beyond U+FFFF."""
    return "".join(f"\\u{unit:04x}" for char in text
                   for unit in _utf16_units(ord(char)))


def _utf16_units(c: int) -> tuple[int, ...]:
    if c < 0x10000:
        return (c,)
    c -= 0x10000
    return 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF)


def _json_errors(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return json_escape(error.object[error.start : error.end]), error.end


codecs.register_error(JSON_ERRORS, _json_errors)


def article_dict(article: Article, id_: str | int) -> dict:
    """An article as both contracts give it: what was read, and its sentences' spans.

    ``date`` and ``url`` appear only when known, so documents about plain text
    files stay exactly as before.
    """
    known = {key: value for key in ("date", "url") if (value := getattr(article, key))}
    return {
        "id": id_,
        "path": article.path,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        **known,
        "text": article.text,
        "sentences": [[s.start, s.end] for s in article.sentences],
    }


def spans(article: Article, indices: Iterable[int]) -> list[list[int]]:
    """The ``[start, end)`` offsets of the given sentences, in the order given."""
    return [[article.sentences[i].start, article.sentences[i].end] for i in indices]
