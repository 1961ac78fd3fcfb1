"""A review session built by hand, so that every case a report must show is there: a
divergent pair, a rejected pair with a corrected kind, a passage only B has, a claim
with only a note, a review taken back, a manual link, and hostile text (HTML, Rich
markup, a terminal escape) in an article and in a note.
"""

from newsdiff.review.model import (
    ManualLink,
    Review,
    SessionArticle,
    SessionInfo,
    Target,
    content_hash,
)

HOSTILE = "<script>alert(1)</script> [bold]loud[/bold] \x1b[2J"
A_SENTENCES = ["Sessions met the ambassador twice in 2016.", HOSTILE,
               "The meetings were not disclosed."]
B_SENTENCES = ["The meetings were never disclosed.",
               "Sessions met the ambassador three times in 2016.", "Franken asked about it."]
A_TEXT, B_TEXT = " ".join(A_SENTENCES), " ".join(B_SENTENCES)
HA, HB = content_hash(A_TEXT), content_hash(B_TEXT)
NOTE = "Check <script>alert(1)</script> [bold]x[/bold] \x1b[2J with the desk."
T = "2025-03-02T14:05:00Z"


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def a(i: int) -> tuple[int, int]:
    return span(A_TEXT, A_SENTENCES[i])


def b(i: int) -> tuple[int, int]:
    return span(B_TEXT, B_SENTENCES[i])


def pair(a_spans, b_spans) -> Target:
    return Target("pair", (HA, HB), (tuple(a_spans), tuple(b_spans)))


SESSION = SessionInfo(
    7, "ab12cd34" * 8,
    (SessionArticle(HA, "The <b>Post</b>", "Twice [red]", "a.txt", A_TEXT),
     SessionArticle(HB, "Wire", "Three times", "b.txt", B_TEXT)),
    reviewed=4, total=9, created=T, updated=T,
)
# In the order they were reviewed, which is not reading order.
REVIEWS = [
    Review(pair([], [b(2)]), "unique", "flagged", note="Only B has this.", updated=T),
    Review(pair([a(2)], [b(0)]), "shared", "rejected", "paraphrase", NOTE, T),
    Review(Target("claim", (HB, HA), ((b(1),), (a(0),))), "divergent", note="Claim note.",
           updated=T),
    Review(pair([a(0)], [b(1)]), "divergent", "accepted", updated=T),
    Review(pair([a(1)], []), "unique", "accepted", updated=T),
    Review(pair([a(1), a(2)], [b(2)]), "paraphrase", None, None, "", T),  # taken back
]
LINKS = [ManualLink(HA, HB, (a(1),), (b(2),), T)]
