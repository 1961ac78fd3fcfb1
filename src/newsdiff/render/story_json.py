"""The JSON contract ``newsdiff.story/1``: a story's articles compared at once, for other tools.

It extends the pairwise contract rather than inventing a second one: articles
are given exactly as there (same fields, text as read, sentence spans), and
every passage is a list of sentence spans into its article's text.  Articles
are referred to by their index in ``articles``; claim ids are those of
``claims``.  ``--only`` filters ``claims``, and whatever refers to a claim
(``divergences``, ``articles[].only``) follows, so no id points at nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from newsdiff import __version__
from newsdiff.present.story import STORY_KINDS, outlet_labels, shown_claims
from newsdiff.render.json_out import article_dict, dumps, spans
from newsdiff.values import Claim, Quote, Story

SCHEMA = "newsdiff.story/1"


def story_to_dict(story: Story, *, kinds: Collection[str] = STORY_KINDS) -> dict:
    """``story`` as plain data per the contract; ``kinds`` picks claims as ``--only`` does."""
    labels = outlet_labels(len(story.articles))
    claims = shown_claims(story, kinds)
    ids = {c.id for c in claims}
    return {
        "schema": SCHEMA,
        "version": __version__,
        "articles": [
            {
                **article_dict(article, i),
                "label": labels[i],
                "source": story.source_of(i),
                "only": [c.id for c in story.only_in(i) if c.id in ids],
            }
            for i, article in enumerate(story.articles)
        ],
        "sources": [list(group) for group in story.sources],
        "claims": [_claim(story, c) for c in claims],
        "quotes": [_quote(story, q) for q in story.quotes],
        "divergences": [
            {
                "claim": d.claim,
                "type": d.type,
                "values": [{"article": i, "value": value} for i, value in d.values],
                "severity": d.severity,
            }
            for d in story.divergences
            if d.claim in ids
        ],
    }


def render_story_json(story: Story, *, kinds: Collection[str] = STORY_KINDS) -> str:
    """The contract as JSON text (UTF-8 as read, one trailing newline)."""
    return dumps(story_to_dict(story, kinds=kinds))


def _claim(story: Story, c: Claim) -> dict:
    return {
        "id": c.id,
        "kind": c.kind,
        "outlets": list(c.outlets),
        "sources": c.sources,
        "anchor": c.anchor_passage.article,
        "lead": spans(story.articles[c.anchor_passage.article], (c.lead,))[0],
        "passages": [
            {
                "article": p.article,
                "sentences": spans(story.articles[p.article], p.sentences),
                "relation": p.relation,
                "score": p.score,
                "details": [{"type": d.type, "anchor": d.a, "value": d.b, "severity": d.severity}
                            for d in p.details],
                "diff": [[op, text] for op, text in p.diff],
            }
            for p in c.passages
        ],
    }


def _quote(story: Story, q: Quote) -> dict:
    return {
        "id": q.id,
        "text": q.text,
        "speaker": q.speaker,
        "renderings": [
            {
                "article": r.article,
                "text": r.text,
                "spans": [list(span) for span in r.spans],
                "sentences": spans(story.articles[r.article], r.sentences),
                "speaker": r.speaker,
                "extent": r.extent,
                "matched": list(r.matched or (0, len(r.text))),
                "status": r.status,
                "diff": [[op, text] for op, text in r.diff],
            }
            for r in q.renderings
        ],
        "absent": list(q.absent),
    }
