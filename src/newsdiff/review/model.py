"""What a review session records, as plain immutable values.

A session belongs to a *set of articles*, identified by their content hashes
(:func:`content_hash` of the text as read), never by paths: opening the same
articles again, from anywhere, resumes it.  What a verdict is about is a
:class:`Target`: a passage of a pairwise comparison or a claim of the story
view, identified by the articles' hashes and the character spans of its
sentences, so it survives re-running the engine as long as the engine still
splits the sentences the same way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from newsdiff.review.progress import Progress

Verdict = Literal["accepted", "rejected", "flagged"]
VERDICTS: tuple[Verdict, ...] = ("accepted", "rejected", "flagged")
TargetKind = Literal["pair", "claim"]
#: What a reviewer can do that undo and redo take back and give again: record a review
#: (a verdict or a note), add a manual link, remove one.
Action = Literal["record", "add_link", "remove_link"]
#: The kinds a reviewer can give a rejected passage: the right kind, or ``unrelated``
#: (the two passages do not report the same fact: the alignment itself is wrong).
CORRECTED_KINDS: tuple[str, ...] = ("shared", "paraphrase", "divergent", "unrelated")

Spans = tuple[tuple[int, int], ...]


def content_hash(text: str) -> str:
    """The identity of an article: SHA-256 of its text as read (``Article.text``), hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def session_key(hashes: list[str] | tuple[str, ...]) -> str:
    """The identity of a session: its articles' hashes, order and repeats ignored."""
    return hashlib.sha256("\n".join(sorted(set(hashes))).encode("ascii")).hexdigest()


@dataclass(frozen=True, slots=True)
class SessionArticle:
    """An article of a session, kept whole so a report never needs the original file."""

    hash: str
    outlet: str
    title: str
    path: str
    text: str


@dataclass(frozen=True, slots=True)
class Target:
    """What a verdict is about.

    ``kind == "pair"``: a passage of the comparison of ``articles[0]`` (A) with
    ``articles[1]`` (B); ``spans[0]``/``spans[1]`` are its sentences' spans in
    each (either may be empty: a passage only one side has).
    ``kind == "claim"``: a claim of the story view; ``articles`` are the
    hashes of the outlets carrying it, ``spans[i]`` the sentences of each.
    Spans are ``(start, end)`` offsets into the article's text, sorted.
    """

    kind: TargetKind
    articles: tuple[str, ...]
    spans: tuple[Spans, ...]

    @property
    def key(self) -> str:
        """A canonical string for the target: equal targets, equal keys (the store's key)."""
        spans = [list(map(list, s)) for s in self.spans]
        return json.dumps([self.kind, list(self.articles), spans], separators=(",", ":"))

    @classmethod
    def from_key(cls, key: str) -> Target:
        kind, articles, spans = json.loads(key)
        return cls(kind, tuple(articles), tuple(tuple(tuple(x) for x in s) for s in spans))


@dataclass(frozen=True, slots=True)
class Review:
    """The reviewer's current word on one target.

    ``kind`` is what the engine said (a pairwise kind, ``unique``, or for a
    claim its strongest relation) when the verdict was given; ``corrected``
    the kind the reviewer says is right (for ``rejected``; one of
    :data:`CORRECTED_KINDS`).  ``verdict`` is ``None`` for a target that has
    only a note.  ``updated`` is an ISO 8601 UTC timestamp.
    """

    target: Target
    kind: str
    verdict: Verdict | None = None
    corrected: str | None = None
    note: str = ""
    updated: str = ""


@dataclass(frozen=True, slots=True)
class ManualLink:
    """Two passages the reviewer says report the same fact, which the engine missed
    (like Meld's synchronisation points): sentences of article ``a`` and of article ``b``."""

    a: str
    b: str
    a_spans: Spans
    b_spans: Spans
    created: str = ""


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A session as ``newsdiff review list`` shows it.

    ``id`` is the session's number in the store; ``key`` its :func:`session_key`
    (a unique prefix of it names the session on the command line too).
    ``reviewed`` of ``total`` is its progress, as
    :func:`~newsdiff.review.progress.session_progress` counts it (``total`` is
    ``None`` when no view counted the passages).
    """

    id: int
    key: str
    articles: tuple[SessionArticle, ...]
    reviewed: int
    total: int | None
    created: str
    updated: str

    @property
    def progress(self) -> Progress:
        return Progress(self.reviewed, self.total)


@dataclass(frozen=True, slots=True)
class Step:
    """One action undo or redo took back or gave again: ``record`` on ``target``, or
    ``add_link`` / ``remove_link`` of ``link``."""

    action: Action
    target: Target | None = None
    link: ManualLink | None = None
