"""One story of a corpus compared: the engine's story view, flattened into table rows.

Each story goes through :func:`newsdiff.engine.story.compare_story`, exactly
what ``newsdiff`` does for a folder of articles, so a story of the corpus says
what the story screen says of the same files.  Its claims, divergences and
quotes become rows of the tables of :mod:`~newsdiff.corpus.tables`, articles
named by id.

The cost of a story grows faster than its size, so a story compares at most
:data:`MAX_COMPARED` articles: the earliest (undated last, then by id), which
is also where a story's first tellings and their copies are; the others are
listed in the story, marked not compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdiff.corpus.records import Record
from newsdiff.engine.story import compare_story
from newsdiff.engine.wire import reprint_share
from newsdiff.run import Executor
from newsdiff.values import Article, Story

#: The most articles one story compares (a bound on cost: a 300-article story takes
#: about 9 s on one machine, and a big event's coverage in an archive runs to thousands).
MAX_COMPARED = 100


@dataclass
class StoryRows:
    """What one story adds to each table."""

    story: dict[str, Any]
    alignments: list[dict[str, Any]] = field(default_factory=list)
    divergences: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    reuse: list[dict[str, Any]] = field(default_factory=list)


def compared_members(records: Sequence[Record]) -> list[int]:
    """The members (indices into ``records``) a story compares: the earliest first."""
    order = sorted(range(len(records)),
                   key=lambda k: (records[k].date is None, records[k].date or "", records[k].id))
    return sorted(order[:MAX_COMPARED])


def story_rows(story_id: str, records: Sequence[Record], executor: Executor | None = None
               ) -> StoryRows:
    """The rows of the story of ``records`` (all its members, in corpus order)."""
    dates = sorted(r.date for r in records if r.date)
    outlets = sorted({r.outlet for r in records})
    row = {"story_id": story_id, "title": _title(records[0]), "articles": len(records),
           "outlets": len(outlets), "outlet_names": outlets,
           "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
           "claims": 0, "divergences": 0, "quotes": 0, "compared_articles": 0}
    members = compared_members(records) if len(records) > 1 else []
    if len(members) < 2:
        return StoryRows(row)
    compared = [records[k] for k in members]
    articles = [r.article() for r in compared]
    story = compare_story(articles, executor=executor)
    ids = [r.id for r in compared]
    row.update(claims=len(story.claims), divergences=len(story.divergences),
               quotes=len(story.quotes), compared_articles=len(compared))
    return StoryRows(row, _alignments(story_id, story, ids), _divergences(story_id, story, ids),
                     _quotes(story_id, story, ids), _reuse(story_id, story, compared, articles))


def _title(record: Record) -> str:
    return record.title or record.article().title


def _alignments(story_id: str, story: Story, ids: Sequence[str]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "claim": claim.id, "article_id": ids[p.article],
             "sentences": list(p.sentences), "relation": p.relation, "score": p.score,
             "text": " ".join(story.articles[p.article].sentences[s].text for s in p.sentences)}
            for claim in story.claims for p in claim.passages]


def _divergences(story_id: str, story: Story, ids: Sequence[str]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "divergence": n, "claim": d.claim, "type": d.type,
             "severity": d.severity, "article_id": ids[article], "value": value}
            for n, d in enumerate(story.divergences) for article, value in d.values]


def _quotes(story_id: str, story: Story, ids: Sequence[str]) -> list[dict[str, Any]]:
    return [{"story_id": story_id, "quote": q.id, "speaker": q.speaker, "canonical": q.text,
             "article_id": ids[r.article], "text": r.text, "status": r.status,
             "extent": r.extent}
            for q in story.quotes for r in q.renderings]


def _reuse(story_id: str, story: Story, records: Sequence[Record],
           articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Who copied whom within each group of reprints: the earlier is the source when both
    are dated apart (``by date``), else the edge is ``undirected`` and its source is the
    first by id."""
    edges = []
    for group in story.sources:
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                dated = (records[i].date and records[j].date
                         and records[i].date != records[j].date)
                first, second = sorted((i, j), key=lambda k: (
                    records[k].date if dated else "", records[k].id))
                edges.append({"story_id": story_id, "source_id": records[first].id,
                              "copy_id": records[second].id,
                              "share": reprint_share(articles[second], articles[first]),
                              "direction": "by date" if dated else "undirected"})
    return edges
