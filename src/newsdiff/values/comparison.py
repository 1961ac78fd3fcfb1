"""The result of comparing two articles: alignments of their sentences, and the rest.

Sentences are named by their index in their article; see
:mod:`newsdiff.values.article` for offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsdiff.values.article import Article

Kind = Literal["shared", "paraphrase", "divergent"]
ALIGNED_KINDS: tuple[Kind, ...] = ("shared", "paraphrase", "divergent")
ALL_KINDS: tuple[str, ...] = (*ALIGNED_KINDS, "unique", "boilerplate")

DetailType = Literal["number", "date", "place", "name", "attribution", "negation", "outcome"]
Severity = Literal["conflict", "variant"]
DiffOp = Literal["=", "-", "+"]
_MIRRORED_OP: dict[DiffOp, DiffOp] = {"=": "=", "-": "+", "+": "-"}


def mirror_diff(diff: tuple[tuple[DiffOp, str], ...]) -> tuple[tuple[DiffOp, str], ...]:
    """The diff of B into A, given the diff of A into B.

    Deletions and insertions swap, and within each change the deleted text
    comes first again, as in every diff (``[-old-]{+new+}``): so a diff reads
    the same whichever order the engine computed it in.
    """
    out: list[tuple[DiffOp, str]] = []
    change: dict[DiffOp, str] = {}
    for op, text in (*diff, ("=", "")):
        op = _MIRRORED_OP[op]
        if op != "=":
            change[op] = change.get(op, "") + text
            continue
        out.extend((side, change[side]) for side in ("-", "+") if side in change)
        change = {}
        if text:
            out.append((op, text))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Detail:
    """A checkable detail that differs between two aligned sentences.

    ``severity`` says how much the difference weighs: a ``conflict`` (the two
    values cannot both be true) makes a pair divergent; a ``variant`` (one name
    spelt two ways, "Sergey" / "Sergei") is worth showing to a fact-checker but
    contradicts nothing, so it never does.
    """

    type: DetailType
    a: str
    b: str
    severity: Severity = "conflict"

    @property
    def conflicts(self) -> bool:
        """Whether the two values contradict each other (what makes a pair divergent)."""
        return self.severity == "conflict"

    def swapped(self) -> Detail:
        """The same detail seen from B: its values swapped, its severity kept."""
        return Detail(self.type, self.b, self.a, self.severity)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentences of A and of B that report the same fact, and how they relate.

    ``a`` and ``b`` are sentence indices.  ``diff`` is the word-level diff
    from A's text to B's text as ``(op, text)`` runs.
    """

    kind: Kind
    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    details: tuple[Detail, ...] = ()
    diff: tuple[tuple[DiffOp, str], ...] = ()

    def swapped(self) -> Alignment:
        """The same alignment seen from B: sides, details and diff mirrored."""
        return Alignment(
            kind=self.kind, a=self.b, b=self.a, score=self.score,
            details=tuple(d.swapped() for d in self.details),
            diff=mirror_diff(self.diff),
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing article ``a`` with article ``b``.

    Every sentence of each article lies in exactly one of: an alignment,
    ``unique_*`` or ``boilerplate_*``.
    """

    a: Article
    b: Article
    alignments: tuple[Alignment, ...]
    unique_a: tuple[int, ...] = field(default=())
    unique_b: tuple[int, ...] = field(default=())
    boilerplate_a: tuple[int, ...] = field(default=())
    boilerplate_b: tuple[int, ...] = field(default=())

    def swapped(self) -> Comparison:
        """B compared with A, without comparing again: ``compare(b, a)`` is exactly this.

        The engine is symmetric (a property test holds it to that), so the
        reader's ``s`` and the story view need each pair computed only once.
        """
        return Comparison(
            a=self.b, b=self.a,
            alignments=tuple(sorted((al.swapped() for al in self.alignments),
                                    key=lambda al: (al.a, al.b))),
            unique_a=self.unique_b, unique_b=self.unique_a,
            boilerplate_a=self.boilerplate_b, boilerplate_b=self.boilerplate_a,
        )
