"""When two sides' values of one kind contradict: the policy every kind's rule applies.

Saying more is not diverging.  So a rule never asks whether two sides' values
are equal, only whether they can both be true: values conflict when both sides
give some and neither side's values all fit among the other's ("July" fits "in
July and September"; "The Post" fits "The Washington Post").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsdiff.text.facts.values import DateRef, Mention


def conflicting(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    """Both sides give values and neither side's values all fit among the other's."""
    return bool(xs and ys) and not (_covered(xs, ys, compatible) or _covered(ys, xs, compatible))


def _covered(xs: Sequence, ys: Sequence, compatible: Callable[[object, object], bool]) -> bool:
    return all(any(compatible(x, y) for y in ys) for x in xs)


def nested(x: Mention, y: Mention) -> bool:
    """"The Post" and "The Washington Post" may be one name; "AP" and "Reuters" are not."""
    return x.words <= y.words or y.words <= x.words


def texts(values: Iterable[Mention | DateRef]) -> str:
    """The values as one side of a conflict shows them: their texts, each once, in order."""
    return ", ".join(dict.fromkeys(v.text for v in values))
