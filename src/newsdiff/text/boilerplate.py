"""Which sentences of an article are not part of the story.

Pages saved from news sites carry the site along with the story: navigation,
share buttons, comment counts, photo credits, bylines, "Popular Video" widgets,
membership appeals and staff mastheads.  Aligning those would report two
outlets as "sharing" a "Share" button, so they are set aside as boilerplate.

The rules describe *genres* of boilerplate, never the strings of particular
articles: each looks at the shape of a sentence (a short line of its own, no
final punctuation, a label ending in a colon, Title Case), at a small lexicon
of the genre's function words (share, comment, subscribe, member, photo,
credit…) and at position (a trailing run at the end of the article).  Rules
that key on words refuse sentences carrying quotation marks, because a quote
is reporting even when it mentions a newsletter or a donation.

Only short sentences are tested against the line rules: boilerplate is terse,
and keeping long sentences out makes wrongly dropping reporting unlikely and
keeps the cost linear on huge inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

Span = tuple[int, int]

_MAX_RULE_CHARS = 600
_SHORT_LINE_WORDS = 12
_LABEL_WORDS = 6
_KICKER_WORDS = 2

_QUOTES = frozenset("\"“”„«»")
_SENTENCE_FINAL = tuple(".!?\"”’')")

_MARKDOWN_LINK_RE = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_LEADING_MARKERS_RE = re.compile(r"^(?:[#>•·▪◦‣|]+\s*|[-*+]\s+|\d{1,3}[.)]\s+)+")
_EMPHASIS = "*_`"


@dataclass(frozen=True)
class _Unit:
    """A sentence as the rules see it.

    ``plain`` drops Markdown/list decoration and collapses whitespace, so that
    ``* **Share**`` and ``• Share`` look alike; ``whole_line`` says whether the
    sentence is a line of its own, the shape most boilerplate has.  The views
    the rules share are computed once per sentence: every rule asks for them,
    and a long article has thousands of sentences.
    """

    text: str
    plain: str
    whole_line: bool

    @cached_property
    def words(self) -> list[str]:
        return self.plain.split()

    @cached_property
    def lower(self) -> str:
        return self.plain.lower()

    @cached_property
    def quoted(self) -> bool:
        return not _QUOTES.isdisjoint(self.text)

    @property
    def unpunctuated(self) -> bool:
        """No sentence-final punctuation: a label, heading or caption rather than prose."""
        return not self.plain.endswith(_SENTENCE_FINAL)


def find_boilerplate(text: str, spans: Sequence[Span]) -> set[int]:
    """Indices of the sentences in ``spans`` that are not part of the story."""
    units = _units(text, spans)
    found = {
        i
        for i, unit in enumerate(units)
        if len(unit.text) <= _MAX_RULE_CHARS and any(rule(unit) for rule in _LINE_RULES)
    }
    found |= _section_label(units, found)
    found |= _captions(units, found)
    found |= _trailing_appeal(units)
    found |= _trailing_labels(units, found)
    return found


def byline_name(line: str) -> str | None:
    """The name(s) in a byline such as ``By Jane Doe and John Roe``, else ``None``.

    A byline names people or an agency, so every word after "By" must be
    capitalised or a connective ("and", "of", "the"…); that keeps prose such as
    "By the time he arrived, …" or "By Tuesday, Sessions had …" out.
    """
    match = _BYLINE_RE.match(_plain(line))
    if not match:
        return None
    name = match.group("name").strip().rstrip(",;:")
    words = name.split()
    if not words or len(words) > 10 or name.endswith("."):
        return None
    if not all(w[0].isupper() or w.lower() in _NAME_CONNECTIVES for w in words):
        return None
    return name


def _units(text: str, spans: Sequence[Span]) -> list[_Unit]:
    """Wrap each span with its plain form and whether it fills its line."""
    units = []
    for i, (start, end) in enumerate(spans):
        before = text[spans[i - 1][1] if i else 0 : start]
        after = text[end : spans[i + 1][0] if i + 1 < len(spans) else len(text)]
        whole = ("\n" in before or (i == 0 and not before.strip())) and (
            "\n" in after or (i + 1 == len(spans) and not after.strip())
        )
        units.append(_Unit(text[start:end], _plain(text[start:end]), whole))
    return units


def _plain(sentence: str) -> str:
    """The sentence without list/heading markers, link syntax or edge emphasis."""
    plain = _MARKDOWN_LINK_RE.sub(r"\1", sentence)
    plain = _LEADING_MARKERS_RE.sub("", plain.strip())
    return " ".join(plain.strip(_EMPHASIS + " \t").split())


# --- line rules: each looks at one sentence ------------------------------------


def _is_navigation(unit: _Unit) -> bool:
    """Site navigation: "Skip to main content", "Jump to navigation", menu rows.

    A menu row is a line of three or more short items joined by bars or
    bullets ("Home | News | Politics | Sports").
    """
    if _SKIP_LINK_RE.match(unit.lower) or unit.lower in _MENU_WORDS:
        return True
    items = _MENU_SEPARATOR_RE.split(unit.plain)
    return unit.whole_line and len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


def _is_share_row(unit: _Unit) -> bool:
    """Share buttons and empty bullets: "•", "• Print.", "Share", "Tweet  Email".

    A whole line with no letters or digits is decoration; a whole line made
    only of share-button words (with at least one real button name) is a
    button row.
    """
    if not unit.whole_line:
        return False
    if not any(ch.isalnum() for ch in unit.plain):
        return True
    words = [w.strip(".,:;!?()|").lower() for w in unit.words]
    return (
        len(words) <= _LABEL_WORDS
        and set(words) <= _SHARE_WORDS | _SHARE_FILLERS
        and bool(set(words) & _SHARE_WORDS)
    )


def _is_comment_prompt(unit: _Unit) -> bool:
    """Comment counts and prompts, feedback and tip requests.

    "One comment", "12 Comments", "Share Your Thoughts?", "Leave a comment",
    "Give us feedback, share a story tip or update, or report an error."
    """
    return _is_short_unquoted(unit) and _COMMENT_RE.search(unit.lower) is not None


def _is_credit(unit: _Unit) -> bool:
    """Photo credits and source lines.

    "Image: Gage Skidmore", "Photo credit: …", "(AP Photo/Evan Vucci)",
    "Sources: The Washington Post, Reuters / Photo credit: …", "Getty Images".
    """
    if not _is_short_unquoted(unit, words=30):
        return False
    return bool(_CREDIT_RE.search(unit.plain)) or (
        unit.whole_line
        and len(unit.words) <= _SHORT_LINE_WORDS
        and _AGENCY_RE.search(unit.plain) is not None
    )


def _is_byline(unit: _Unit) -> bool:
    """A byline line: "By Dani Graham", "By Jane Doe and John Roe"."""
    return unit.whole_line and byline_name(unit.text) is not None


def _is_editor_note(unit: _Unit) -> bool:
    """Publishing notes and datelines: "This post has been updated.", "Updated 3:45 PM ET".

    A dateline must also be a short unpunctuated line, so that prose such as
    "Posted on Twitter at 9 p.m., the video spread." stays in the story.
    """
    if not _is_short_unquoted(unit):
        return False
    if _UPDATE_NOTE_RE.match(unit.lower):
        return True
    return (
        unit.unpunctuated
        and len(unit.words) <= _SHORT_LINE_WORDS
        and _DATELINE_RE.match(unit.lower) is not None
    )


def _is_widget(unit: _Unit) -> bool:
    """Site widgets and their labels: "Popular Video", "Related: …", "Advertisement"."""
    if not _is_short_unquoted(unit):
        return False
    if _WIDGET_PREFIX_RE.match(unit.lower):
        return True
    return unit.unpunctuated and _WIDGET_LABEL_RE.fullmatch(unit.lower.rstrip(" :")) is not None


def _is_embed_prompt(unit: _Unit) -> bool:
    """Prompts for an embedded player or post: "Watch the video below:", "See the tweet above."."""
    return _is_short_unquoted(unit) and _EMBED_RE.match(unit.lower) is not None


def _is_legal_notice(unit: _Unit) -> bool:
    """Cookie banners, privacy/terms links and copyright lines."""
    if not _is_short_unquoted(unit, words=40):
        return False
    lower = unit.lower
    if _LEGAL_RE.search(lower):
        return True
    return "cookie" in lower and _COOKIE_CONTEXT_RE.search(lower) is not None


def _is_appeal(unit: _Unit) -> bool:
    """Donation, membership, subscription and newsletter appeals.

    An appeal speaks to the reader, by pronoun ("you", "we", "our") or by
    imperative ("Subscribe now."), so an appeal word alone ("the campaign
    reported a donation") is not enough; "Dear Reader," opens a letter and
    counts on its own.
    """
    if not _is_short_unquoted(unit, words=60):
        return False
    lower = unit.lower
    if _SALUTATION_RE.match(lower):
        return True
    addressed = _READER_ADDRESS_RE.search(lower) or _IMPERATIVE_RE.match(lower)
    return addressed is not None and _APPEAL_RE.search(lower) is not None


def _is_short_unquoted(unit: _Unit, words: int = 25) -> bool:
    """Terse and free of quotation marks: the precondition of every lexical rule."""
    return not unit.quoted and len(unit.words) <= words


_LINE_RULES: tuple[Callable[[_Unit], bool], ...] = (
    _is_navigation,
    _is_share_row,
    _is_comment_prompt,
    _is_credit,
    _is_byline,
    _is_editor_note,
    _is_widget,
    _is_embed_prompt,
    _is_legal_notice,
    _is_appeal,
)


# --- rules that need the whole article -------------------------------------------


def _section_label(units: Sequence[_Unit], found: set[int]) -> set[int]:
    """A kicker above the headline: a one- or two-word section label ("POLITICS").

    Sites print the section name ("Attorney General", "World") on its own
    line above the headline.  It is navigation, not a fact of the story, and
    aligning it with every sentence that uses the same words is pure noise.
    """
    story = [i for i in range(len(units)) if i not in found][:2]
    if len(story) < 2:
        return set()
    kicker, headline = (units[i] for i in story)
    if (
        kicker.whole_line
        and kicker.unpunctuated
        and len(kicker.words) <= _KICKER_WORDS < len(headline.words)
    ):
        return {story[0]}
    return set()


def _captions(units: Sequence[_Unit], found: set[int]) -> set[int]:
    """Image captions that end in a slash credit: "Attorney General Jeff Sessions/Gage Skidmore".

    A Title Case line with a slash looks just like a headline such as
    "AT&T/Time Warner Deal Approved", so the article's first story line (its
    headline) is never taken for a caption.
    """
    headline = next((i for i, u in enumerate(units) if i not in found and len(u.words) >= 3), None)
    return {
        i
        for i, unit in enumerate(units)
        if i != headline and i not in found and _is_slash_credit(unit)
    }


def _is_slash_credit(unit: _Unit) -> bool:
    """A short unpunctuated line ending "…Name/Photographer Name" or "…/Flickr"."""
    if not (unit.whole_line and unit.unpunctuated and len(unit.words) <= _SHORT_LINE_WORDS):
        return False
    head, slash, credit = unit.plain.strip("()").rpartition("/")
    credit_words = credit.split()
    return (
        bool(slash)
        and head[-1:].isalpha()
        and 1 <= len(credit_words) <= 4
        and all(w[0].isupper() for w in credit_words)
    )


def _trailing_appeal(units: Sequence[_Unit]) -> set[int]:
    """Everything from an appeal in the second half of the article to its end.

    Membership letters run on for paragraphs of sentences that are not
    appeals by themselves ("Many of our best stories were born from reader
    tips.") and are followed by mastheads; once an appeal starts near the end,
    the story is over.
    """
    for i in range(len(units) // 2, len(units)):
        if _is_appeal(units[i]):
            return set(range(i, len(units)))
    return set()


def _trailing_labels(units: Sequence[_Unit], found: set[int]) -> set[int]:
    """A run of label lines closing the article: mastheads, staff lists, tag lists.

    "Masthead", "Founder & Editor-in-Chief:", "TPM Staff": short lines without
    final punctuation that end in a colon or are in Title Case.  The run is
    walked back from the end across boilerplate already found and stops at the
    first line of prose; if it would reach the top there is no prose at all
    (a headline-only text) and nothing is marked.
    """
    run = set()
    for i in range(len(units) - 1, -1, -1):
        if i in found:
            continue
        if not _is_label(units[i]):
            return run
        run.add(i)
    return set()


def _is_label(unit: _Unit) -> bool:
    """A short line of its own that reads as a label, not a sentence."""
    words = unit.words
    if not (unit.whole_line and unit.unpunctuated and 0 < len(words) <= _LABEL_WORDS):
        return False
    return unit.plain.endswith(":") or all(
        not w[0].isalpha() or w[0].isupper() or w.lower() in _NAME_CONNECTIVES for w in words
    )


# --- lexicons ----------------------------------------------------------------------

_NAME_CONNECTIVES = frozenset("and & of the for in at with de van von".split())

_BYLINE_RE = re.compile(r"(?i:(?:written|posted|reported|words)\s+)?(?i:by):?\s+(?P<name>[^|—–]+)")

_SKIP_LINK_RE = re.compile(
    r"(?:skip|jump|go|return|back) to (?:the )?(?:main )?"
    r"(?:content|navigation|menu|search|top|article|footer|comments)\b"
)
_MENU_WORDS = frozenset(
    {"menu", "main menu", "toggle navigation", "navigation", "search", "sign in", "log in",
     "sign up", "subscribe", "home", "close", "open menu", "sections"}
)
# Tried only where a run of blanks starts, and the run taken whole: "\s+[|•·›»]" retried the
# rest of the run from each of its blanks, quadratic in a long run of them.
_MENU_SEPARATOR_RE = re.compile(r"(?<!\s)\s++[|•·›»]\s+")

_SHARE_WORDS = frozenset(
    {"share", "shares", "tweet", "email", "e-mail", "print", "facebook", "twitter", "x",
     "linkedin", "reddit", "pinterest", "whatsapp", "telegram", "messenger", "flipboard",
     "pocket", "copy", "link", "save", "bookmark", "comment", "comments"}
)
# Words that sit between button names ("Share this article on Facebook"); "" is
# what a bare separator such as "|" leaves after its punctuation is stripped.
_SHARE_FILLERS = frozenset("this the article story page on via to by url".split()) | {""}

_COMMENT_RE = re.compile(
    r"^(?:[\d,.]+k?|no|one|zero)\s+(?:comments?|responses?|replies)$"
    r"|^comments?(?: \(\d+\))?$"
    r"|\b(?:share|tell us|give us) your (?:thoughts|views|opinion|take)\b"
    r"|\b(?:leave|post|add|write) an? (?:comment|reply|response)\b"
    r"|\b(?:join|start) the (?:conversation|discussion|debate)\b"
    r"|\b(?:view|show|see|read|load) (?:all |more |the )?comments\b"
    r"|\b(?:give|send) us (?:your )?feedback\b"
    r"|\breport an? (?:error|typo|mistake|correction)\b"
    r"|\bstory tip\b"
)

_CREDIT_RE = re.compile(
    r"(?i:^(?:featured |top |lead |header |cover )?"
    r"(?:image|photo|photograph|picture|video|graphic|illustration|source|sources|credit|credits)"
    r"(?: credits?| courtesy| by)?\s*:)"
    r"|(?i:\b(?:photo|image|picture|video)s? (?:credits?|courtesy)\b)"
    r"|(?i:^(?:photo|image|picture|photograph)s? by\b)"
    # the first slash will do: "[^()]*/" tried every slash in a long run, each with the rest
    r"|\((?:AP|AFP|EPA|Reuters|Getty|Bloomberg|UPI)\b[^()/]*/[^()]*\)"
)
_AGENCY_RE = re.compile(
    r"\bGetty Images\b|\bShutterstock\b|\bWikimedia Commons\b|\biStock\b"
    r"|/Flickr\b|/(?:AP|AFP|Reuters)\b"
)

_UPDATE_NOTE_RE = re.compile(
    r"\(?(?:this|the) (?:post|story|article|page|report)"
    r" (?:has been|was|is being|will be) updated\b"
)
_DATELINE_RE = re.compile(r"(?:updated|published|posted|last updated|first published)\b.{0,40}\d")

_WIDGET_PREFIX_RE = re.compile(
    r"(?:related|read more|read also|read next|see also|also read|more|recommended|watch|listen"
    r"|editor'?s'? picks?)\s*:"
)
_WIDGET_LABEL_RE = re.compile(
    r"(?:(?:most )?popular|related|recommended|trending|featured|latest|top|more|sponsored|"
    r"promoted|suggested|editor'?s'? picks?)"
    r"(?: (?:video|videos|stories|story|articles|posts|news|reads|content|links|coverage|"
    r"headlines|now|for you|this week|from [\w ]{1,30}|on this story|on this topic))?"
    r"|advertisement|ad|sponsored content|paid content|read more|read next|see more|load more|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"scroll (?:down )?to continue(?: reading)?|you (?:may|might) also like"
)

_EMBED_RE = re.compile(
    r"(?:watch|see|view|listen(?: to)?|hear|read|check out|take a look at)\b.{0,160}"
    r"\b(?:below|above)\s*[:.!]?$"
    r"|(?:watch|video|listen|audio|photos?|gallery)\s*:?$"
)

_LEGAL_RE = re.compile(
    r"^(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings|preferences))\b"
    r"|\ball rights reserved\b|^©|^copyright\b"
)
_COOKIE_CONTEXT_RE = re.compile(
    r"\b(?:we|our|you|your|this (?:site|website)|accept|consent|browsing)\b"
)

_SALUTATION_RE = re.compile(r"dear (?:reader|friend|subscriber|member|supporter|listener)s?\b")
_APPEAL_RE = re.compile(
    r"\bbecome an? (?:member|subscriber|supporter|patron|insider)\b"
    r"|\b(?:support|fund) (?:our|us|independent|quality)\b"
    r"|\bdonat(?:e|ion|ions|ing)\b|\bchip in\b|\bmake an? (?:contribution|gift)\b"
    r"|\bsubscri(?:be|ber|bers|ption)\b|\bmembership\b|\bmember support\b"
    r"|\bour (?:members|readers|subscribers|supporters|donors)\b"
    r"|\bnewsletters?\b|\bsign up\b|\byour inbox\b|\bad-free\b|\bfree trial\b"
)
_READER_ADDRESS_RE = re.compile(r"\b(?:you|your|we|our|us)\b")
_IMPERATIVE_RE = re.compile(
    r"(?:please )?(?:become|subscribe|donate|sign up|join|support|give|chip in|help)\b"
)
