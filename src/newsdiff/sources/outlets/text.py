"""An outlet guessed from an article's text: the name its first or last lines state.

A copyright line, an "Originally published by …" note, a "… reports" masthead, a
"(Reuters) -" dateline, a byline's outlet: each a form that only ever states an
outlet.  See :mod:`newsdiff.sources.outlets` for why a guess must be this careful.
"""

from __future__ import annotations

import re

from newsdiff.sources.outlets.mapping import MAX_NAME_CHARS

_EDGE_LINES = 6
"""Lines read at each end of a text: a masthead and byline above, a footer below."""
_EDGE_CHARS = 2_000
"""Characters read at each end: six lines of masthead or footer fit many times over."""
_LINE_CHARS = 200
"""A line is read this far: every form ends well within it; further is prose."""


def outlet_from_text(text: str) -> str | None:
    """The outlet the text names at its edges (see :func:`edge_lines`), if it names one.

    The forms, most telling first: a copyright line (:func:`outlet_from_copyright`) and
    an origin note (:func:`outlet_from_origin`) at either end; a masthead
    (:func:`outlet_from_masthead`), a dateline's credit (:func:`outlet_from_credit`) and
    a byline's outlet (:func:`outlet_from_byline`) at the top, where they stand.
    """
    head, tail = edge_lines(text)
    forms = ((outlet_from_copyright, head + tail), (outlet_from_origin, head + tail),
             (outlet_from_masthead, head), (outlet_from_credit, head),
             (outlet_from_byline, head))
    for read, lines in forms:
        for line in lines:
            if name := read(line):
                return name
    return None


def edge_lines(text: str) -> tuple[list[str], list[str]]:
    """The first and the last :data:`_EDGE_LINES` non-blank lines of ``text``, plain.

    Only :data:`_EDGE_CHARS` at each end are looked at (a line cut by that at the bottom
    is left out) and each line is cut to :data:`_LINE_CHARS`, blanks collapsed and
    Markdown marks (``#``, ``>``, ``*``, ``_``) taken off its ends.
    """
    tail = text[-_EDGE_CHARS:]
    if len(text) > _EDGE_CHARS:
        tail = tail.partition("\n")[2]
    return _plain_lines(text[:_EDGE_CHARS])[:_EDGE_LINES], _plain_lines(tail)[-_EDGE_LINES:]


def _plain_lines(chunk: str) -> list[str]:
    lines = (" ".join(line.split()).lstrip("#>*_• ").rstrip("*_ ")
             for line in chunk.splitlines())
    return [line[:_LINE_CHARS] for line in lines if line]


# Every pattern is tried on one edge line (at most _LINE_CHARS), from its start; none has
# two quantifiers that can share a run (tests/text/test_patterns.py checks each).
_COPYRIGHT_RE = re.compile(
    r"(?:copyright\b|©|\(c\))(?:[\s,]*(?:copyright\b|©|\(c\)|\d{4}\b(?:\s*[-–]\s*\d{4}\b)?))*"
    r"[\s,]*", re.IGNORECASE)
_ORIGIN_RE = re.compile(
    r"(?:a version of )?(?:this (?:article|story|piece|post|report|column|essay|interview) "
    r"(?:was |is |has been )?)?"
    r"(?:(?:originally|first) (?:published|appeared|ran|posted)|republished|reprinted)"
    r"(?: here)?(?: with permission)? (?:by|in|on|at|from) ", re.IGNORECASE)


def outlet_from_copyright(line: str) -> str | None:
    """The holder a copyright line names: "© 2017 The Example Times", "Copyright 2017
    Example News, Inc. All rights reserved." give "The Example Times", "Example News".

    The line starts with the notice: ``©``, or "Copyright" or "(c)" with a year, so that
    a headline about copyright ("Copyright Trolls Target Small Sites") is none.  The
    name is the capitalised words after it (see :func:`_leading_name`).
    """
    notice = _COPYRIGHT_RE.match(line)
    if notice is None or not ("©" in notice.group() or any(c.isdigit() for c in notice.group())):
        return None
    rest = line[notice.end():]
    cut = rest.lower().find("all rights reserved")
    return _leading_name((rest[:cut] if cut >= 0 else rest).partition("|")[0])


def outlet_from_origin(line: str) -> str | None:
    """The outlet an origin note names: "Originally published by The Conversation", "This
    article is republished from The Conversation under a Creative Commons license", "This
    story first appeared on example.com on March 2" (the capitalised words that follow)."""
    note = _ORIGIN_RE.match(line)
    return _leading_name(line[note.end():]) if note else None


def outlet_from_masthead(line: str) -> str | None:
    """The outlet of a masthead line "The Example Times reports" (a line of its own).

    "Jane Doe reports" is a reporter's credit, so the name must be an outlet's
    (see :func:`_outlet_shaped`).
    """
    head, _, last = line.rstrip(" :.…—–-").rpartition(" ")
    if last.lower() != "reports":
        return None
    name = _whole_name(head)
    return name if name and _outlet_shaped(name) else None


_DATELINE_CHARS = 60
"""How far into a line a dateline's credit may open: a place and a date before it."""
_CREDIT_CHARS = 40
"""How long the credit in the parentheses may be: an agency's or outlet's name."""
_PLACE_WORDS = 6


def outlet_from_credit(line: str) -> str | None:
    """The agency or outlet a dateline credits: "WASHINGTON (Reuters) - …", "(CNN) — …",
    "NEW YORK, March 2 (AP) — …" give "Reuters", "CNN", "AP".

    The parenthesis opens the line or follows a place in capitals (the dateline's
    form, which prose does not take), and a dash follows it; a party tag such as
    "(R-AL)" is none.
    """
    opening = line.find("(", 0, _DATELINE_CHARS)
    closing = line.find(")", opening, opening + _CREDIT_CHARS) if opening >= 0 else -1
    if closing < 0 or not line[closing + 1:].lstrip().startswith(("-", "—", "–")):
        return None
    place = line[:opening].split()
    if place and (len(place) > _PLACE_WORDS or not _capitals(place[0])):
        return None
    name = _whole_name(line[opening + 1:closing])
    return name if name and len(name.partition("-")[0]) > 1 else None


def _capitals(word: str) -> bool:
    """Whether ``word`` is written in capitals, as a dateline's place is ("NEW", "U.S.")."""
    letters = word.strip(",.")
    return len(letters) > 1 and letters.isupper()


_BYLINE_SEPARATORS = "|,—–"
_WRITER_WORDS = (2, 7)
"""A writer's name, or two joined by "and", has this many words (at least, at most)."""


def outlet_from_byline(line: str) -> str | None:
    """The outlet a byline names after its writer: "By Jane Doe, Example Herald", "By Jane
    Doe | Example Herald", "Jane Doe | Example Herald".

    The writer must read as a person's name and what follows as an outlet's (see
    :func:`_outlet_shaped`), after a trailing job title is dropped: "By Jane Doe,
    Washington Post Staff Writer" gives "Washington Post", while "By Jane Doe, Staff
    Writer", "By Jane Doe, Washington" and "Breaking | World News" give none.  Without
    "By" only a bar separates: "Smith, Jones" is no byline.
    """
    by = line[:3].lower() == "by "
    rest = line[3:] if by else line
    cut = _first_of(rest, _BYLINE_SEPARATORS if by else "|")
    if cut < 0:
        return None
    writer, outlet = rest[:cut].split(), rest[cut + 1:]
    if not (_WRITER_WORDS[0] <= len(writer) <= _WRITER_WORDS[1]) or not _whole_name(
            " ".join(writer)):
        return None
    end = _first_of(outlet, _BYLINE_SEPARATORS)
    words = (outlet[:end] if end >= 0 else outlet).split()
    while words and words[-1].lower().strip(".") in _ROLE_WORDS:
        words.pop()
    name = _whole_name(" ".join(words))
    return name if name and _outlet_shaped(name) else None


def _first_of(text: str, characters: str) -> int:
    """Where the first of ``characters`` is in ``text``, or -1."""
    found = [at for at in map(text.find, characters) if at >= 0]
    return min(found, default=-1)


# --- what a name looks like ----------------------------------------------------------------

_NAME_WORDS = 6
"""An outlet's name has at most this many words; a longer capitalised run is a headline."""
_NAME_CHARS = frozenset("&'’.-+!")
_CONNECTIVES = frozenset("of the and & for de del della di du la le el los las van von der den"
                         " al y".split())
#: Words a name does not end with: a connective, a corporate suffix ("Example News Inc.").
_TRAILING = _CONNECTIVES | frozenset("inc llc ltd limited corp corporation plc co gmbh lp".split())
_ROLE_WORDS = frozenset(
    "writer writers reporter reporters correspondent correspondents editor editors contributor"
    " contributing columnist staff producer author intern fellow analyst critic chief senior"
    " special bureau".split())
#: A name with one of these is a credit for a picture or a person's job, not an outlet's name.
_NOT_OUTLET = _ROLE_WORDS | frozenset(
    "image images photo photos photograph photography photographer picture pictures"
    " illustration getty shutterstock istock flickr wikimedia".split())
#: A name made of these alone is a label of a page or a section, not an outlet's name.
_LABELS = _CONNECTIVES | frozenset(
    "breaking latest news world local top live update updated updates opinion analysis"
    " politics business sport sports video videos exclusive editorial sponsored"
    " advertisement home national international watch read more share comments related"
    " story stories feature features review reviews commentary blog us u.s. uk".split())
#: Words that outlets' names carry, and wire agencies: what makes a byline's or a masthead's
#: name an outlet's rather than a person's or a desk's.
_OUTLET_WORDS = frozenset(
    "news times post herald journal tribune gazette daily telegraph guardian observer"
    " chronicle magazine media wire radio tv television broadcasting network examiner courier"
    " independent globe inquirer monitor bulletin dispatch register sentinel today weekly mail"
    " express standard star sun digest economist statesman spectator mirror insider"
    " reuters ap afp upi dpa xinhua efe ansa kyodo yonhap tass bloomberg".split())
_AGENCY_PHRASES = ("associated press", "agence france-presse", "press association",
                   "united press")


def _leading_name(text: str) -> str | None:
    """The name ``text`` starts with: its first capitalised words ("The Example Times" of
    "The Example Times and is republished here"), if they look like a name (see
    :func:`_plausible`)."""
    words, _ = _name_words(text)
    return " ".join(words) if words and _plausible(words) else None


def _whole_name(text: str) -> str | None:
    """``text`` as a name, if all of it is one (see :func:`_leading_name`)."""
    words, whole = _name_words(text)
    return " ".join(words) if whole and words and _plausible(words) else None


def _name_words(text: str) -> tuple[list[str], bool]:
    """The words of a name at the start of ``text``, and whether they are all of it.

    A name's words are capitalised (or numbers, or domains such as "example.com"), with
    connectives between them ("of", "the", "&"); the run ends at the first other word,
    or after a word that ends a phrase (a comma, a full stop that is not an
    abbreviation's as in "A.V.").  A corporate suffix ("Inc.") and a trailing
    connective are dropped; a run longer than :data:`_NAME_WORDS` is no name.
    """
    given = text.split()
    words: list[str] = []
    for word in given[:_NAME_WORDS + 1]:
        core = word.rstrip(",;:!?")
        ends = core != word
        if core.endswith(".") and ("." not in core[:-1] or _is_domain(core[:-1])):
            core, ends = core[:-1], True
        if not _name_word(core):
            break
        words.append(core)
        if ends:
            break
    whole = len(words) == len(given)
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return (words, whole) if len(words) <= _NAME_WORDS else ([], False)


def _name_word(word: str) -> bool:
    """Whether ``word`` can be part of an outlet's name (see :func:`_name_words`)."""
    if word in _CONNECTIVES or _is_domain(word):
        return True
    return bool(word) and (word[0].isupper() or word[0].isdigit()) and all(
        c.isalnum() or c in _NAME_CHARS for c in word)


def _is_domain(word: str) -> bool:
    """Whether ``word`` is a host name such as "example.com" or "bbc.co.uk"."""
    labels = word.lower().split(".")
    return (len(labels) > 1 and 2 <= len(labels[-1]) <= 6 and labels[-1].isalpha()
            and all(label and label.replace("-", "").isalnum() for label in labels))


def _plausible(words: list[str]) -> bool:
    """Whether capitalised ``words`` can be an outlet's name: not only a page's label
    ("Updated", "World News"), no picture credit or job title, starting with a capital."""
    lower = [w.lower() for w in words]
    return (words[0] not in _CONNECTIVES and not all(w in _LABELS for w in lower)
            and _NOT_OUTLET.isdisjoint(lower) and len(" ".join(words)) <= MAX_NAME_CHARS)


def _outlet_shaped(name: str) -> bool:
    """Whether ``name`` carries what outlets' names carry: a word such as "Times" or
    "News", a wire agency's name, or a domain."""
    lower = name.lower()
    words = lower.replace("-", " ").split()
    return (not _OUTLET_WORDS.isdisjoint(words) or any(p in lower for p in _AGENCY_PHRASES)
            or any(_is_domain(w) for w in words))
