"""A comparison or a story as JSON, and back, exactly: the comparison cache's format.

JSON because reading it only ever builds these values: a pickle or a marshalled
code object read from a file the user did not write runs that file's code.
Each value is a list of its fields in the class's order, so nothing but
numbers, strings, ``null`` and lists reaches the file; decoding turns the
lists back into tuples and the values' own classes.  Floats round-trip
exactly (``json`` writes the shortest ``repr``), strings too, lone
surrogates included (written as ``\\u`` escapes, the ``ensure_ascii``
default), so a decoded value equals the one encoded.

A value may be encoded without its articles (``articles=False``): the cache
keeps a result under the articles' content and gives the caller's own
:class:`Article` objects back on decoding, so their text need not be stored
twice.

This module is in ``values/``, which the engine's fingerprint covers: a
change to the format makes every older entry unreachable, with no version
number to bump (and an entry of the older format, a detail without its
severity, fails to decode, which the cache treats as a miss).  The story's classes load only when a story is encoded or
decoded (see :mod:`newsdiff.values`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsdiff.values.article import Article, Sentence
from newsdiff.values.comparison import Alignment, Comparison, Detail

if TYPE_CHECKING:
    from newsdiff.values.story import Story

_PAIR, _STORY = "pair", "story"


def encode(value: Comparison | Story, *, articles: bool = True) -> bytes:
    """``value`` as compact JSON (ASCII); without its articles when ``articles`` is false."""
    if isinstance(value, Comparison):
        kind = _PAIR
        shown: Sequence[Article] = (value.a, value.b)
        body = [[_alignment(al) for al in value.alignments], value.unique_a, value.unique_b,
                value.boilerplate_a, value.boilerplate_b]
    else:
        kind, shown, body = _STORY, value.articles, _story_body(value)
    data = [kind, [_article(a) for a in shown] if articles else None, body]
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def decode(data: bytes, articles: Sequence[Article] | None = None) -> Comparison | Story:
    """The value :func:`encode` made ``data`` from; ``articles`` in place of the encoded ones
    (needed when they were left out).

    Data that is not such a value raises ``ValueError``, ``TypeError`` or ``LookupError``.
    """
    kind, encoded, body = json.loads(data)
    if articles is None:
        articles = tuple(_article_from(a) for a in encoded)
    if kind == _PAIR:
        alignments, unique_a, unique_b, boilerplate_a, boilerplate_b = body
        a, b = articles
        return Comparison(a, b, tuple(_alignment_from(al) for al in alignments),
                          tuple(unique_a), tuple(unique_b), tuple(boilerplate_a),
                          tuple(boilerplate_b))
    if kind == _STORY:
        return _story_from(tuple(articles), body)
    raise ValueError(f"not a comparison nor a story: {kind!r}")


def _article(a: Article) -> list[Any]:
    return [a.path, a.outlet, a.title, a.text,
            [[s.index, s.start, s.end, s.text, s.boilerplate] for s in a.sentences],
            a.byline, a.date, a.url]


def _article_from(data: list[Any]) -> Article:
    path, outlet, title, text, sentences, byline, date, url = data
    return Article(path, outlet, title, text, tuple(Sentence(*s) for s in sentences),
                   byline, date, url)


def _alignment(al: Alignment) -> list[Any]:
    return [al.kind, al.a, al.b, al.score, _details(al.details), al.diff]


def _alignment_from(data: list[Any]) -> Alignment:
    kind, a, b, score, details, diff = data
    return Alignment(kind, tuple(a), tuple(b), score, _details_from(details), _diff_from(diff))


def _details(details: Sequence[Detail]) -> list[list[str]]:
    return [[d.type, d.a, d.b, d.severity] for d in details]


def _details_from(data: list[Any]) -> tuple[Detail, ...]:
    return tuple(Detail(type_, a, b, severity) for type_, a, b, severity in data)


def _diff_from(data: list[Any]) -> tuple[tuple[Any, str], ...]:
    return tuple((op, text) for op, text in data)


def _story_body(story: Story) -> list[Any]:
    claims = [[c.id, [[p.article, p.sentences, p.relation, p.score,
                       _details(p.details), p.diff] for p in c.passages],
               c.anchor, c.sources, c.lead, c.outlets_diverge] for c in story.claims]
    quotes = [[q.id, q.text, q.speaker,
               [[r.article, r.text, r.spans, r.sentences, r.speaker, r.status, r.diff,
                 r.extent, r.matched] for r in q.renderings],
               q.absent] for q in story.quotes]
    divergences = [[d.claim, d.type, d.values, d.severity] for d in story.divergences]
    return [claims, quotes, divergences, story.sources]


def _story_from(articles: tuple[Article, ...], body: list[Any]) -> Story:
    from newsdiff.values.story import Claim, ClaimPassage, Divergence, Quote, QuoteRendering, Story

    claims, quotes, divergences, sources = body
    return Story(
        articles,
        tuple(Claim(id_, tuple(ClaimPassage(article, tuple(sentences), relation, score,
                                            _details_from(details), _diff_from(diff))
                               for article, sentences, relation, score, details, diff
                               in passages),
                    anchor, n_sources, lead, tuple(outlets_diverge))
              for id_, passages, anchor, n_sources, lead, outlets_diverge in claims),
        tuple(Quote(id_, text, speaker,
                    tuple(QuoteRendering(article, r_text, tuple((s, e) for s, e in spans),
                                         tuple(sentences), r_speaker, status, _diff_from(diff),
                                         extent, None if matched is None else _pair(matched))
                          for article, r_text, spans, sentences, r_speaker, status, diff,
                          extent, matched in renderings),
                    tuple(absent))
              for id_, text, speaker, renderings, absent in quotes),
        tuple(Divergence(claim, type_, tuple((n, value) for n, value in values), severity)
              for claim, type_, values, severity in divergences),
        tuple(tuple(group) for group in sources),
    )


def _pair(data: list[int]) -> tuple[int, int]:
    start, end = data
    return (start, end)
