"""``diverging_details``: every kind's conflict rule over two sentences' facts.

Each rule lives beside the reader of its kind (``numbers.number_details`` and
so on); this module only runs them all and orders what they find.  The order
is one that swapping the two sentences leaves unchanged, so the details of
(B, A) are exactly those of (A, B) with each detail's sides swapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import get_args

from newsdiff.text.facts.attribution import attribution_details
from newsdiff.text.facts.dates import date_details
from newsdiff.text.facts.names import name_details
from newsdiff.text.facts.negation import negation_details
from newsdiff.text.facts.numbers import number_details
from newsdiff.text.facts.outcomes import outcome_details
from newsdiff.text.facts.places import place_details
from newsdiff.text.facts.values import Facts
from newsdiff.values import Detail, DetailType

_RULES: tuple[Callable[[Facts, Facts], Iterable[Detail]], ...] = (
    number_details, date_details, place_details, name_details, attribution_details,
    negation_details, outcome_details,
)
_TYPE_ORDER = {t: i for i, t in enumerate(get_args(DetailType))}


def diverging_details(a: Facts, b: Facts) -> list[Detail]:
    """The checkable details on which two sentences about the same fact conflict.

    Only contradictions count: a detail one side has and the other lacks is
    not one.  The result does not depend on argument order beyond swapping each
    detail's ``a`` and ``b``.
    """
    found = {detail for rule in _RULES for detail in rule(a, b)}
    return sorted(found, key=_symmetric_order)


def _symmetric_order(detail: Detail) -> tuple[int, str, str]:
    """An order that swapping A and B leaves unchanged, so results mirror exactly."""
    return _TYPE_ORDER[detail.type], min(detail.a, detail.b), max(detail.a, detail.b)
