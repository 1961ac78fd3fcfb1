"""Checkable details of one sentence, and the ones that conflict between two.

Two sentences that report the same fact *diverge* when a detail a reader could
check differs: a number or count, a date, a place, a person's name, who said
it, a negation against an assertion, or what happened to someone.  Saying
more is not diverging, so every comparison here asks "do these values
contradict?", never "are they equal?": a value on one side only, a month list
that contains the other side's month, "The Post" against "The Washington
Post" are all compatible.  A false
"divergent" costs the reader more than a missed one, so every rule errs towards
silence when the text is ambiguous.

Use ``diverging_details(extract_facts(a), extract_facts(b))``; both, and the
value types, are importable from here.  What is where, each module importing
only from those above it:

* ``values``: the value types (``Facts``, ``Count``, ``DateRef``, ``Mention``,
  ``NamePair``, ``Outcome``, ``Predicate``).
* ``sentence``: ``SentenceTokens``, the token view of one sentence that every
  reader walks.
* ``grammar``: words and phrase shapes several readers need (numbers in words,
  calendar words, verb forms, noun-chunk heads).
* ``compatibility``: the policy above as code: values conflict only when
  neither side's all fit among the other's.
* one module per kind of detail, named after the ``Detail.type`` it yields,
  each with its reader and its conflict rule: ``numbers`` (counts and
  amounts), ``dates``, ``places``, ``names`` (spellings), ``attribution``
  (speakers and outlets), ``negation`` (negated and asserted predicates,
  denials, statements withheld), ``outcomes`` (died / injured / unharmed,
  charged / acquitted, of one subject).
* ``extraction``: ``extract_facts`` runs every reader; ``comparison``:
  ``diverging_details`` runs every rule.

Why each rule sits beside its reader rather than in ``comparison``: a rule is
written against what its reader puts in the values (the shape of a
``DateRef.value`` per kind, ``Count.implied``, ``Facts.name_words``, the two
roles of a source), and a fix to a false conflict usually changes both, so a
kind is read in one file.  The readers share no code but ``sentence`` and
``grammar``, and the rules none but ``compatibility``, so no kind imports another.
"""

from newsdiff.text.facts.comparison import diverging_details
from newsdiff.text.facts.extraction import extract_facts
from newsdiff.text.facts.values import (
    EVENT,
    Count,
    DateRef,
    Facts,
    Mention,
    NamePair,
    Outcome,
    Predicate,
)

__all__ = [
    "EVENT", "Count", "DateRef", "Facts", "Mention", "NamePair", "Outcome", "Predicate",
    "diverging_details", "extract_facts",
]
