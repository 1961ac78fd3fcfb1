"""Hand-built articles and comparisons, so renderer tests do not depend on the engine's
judgement."""

from __future__ import annotations

from newsdiff.values import Alignment, Article, Comparison, Detail, Sentence


def make_article(
    sentences: list[str], *, outlet: str = "", title: str = "", path: str = "x.txt",
    byline: str | None = None, boilerplate: frozenset[int] = frozenset(),
) -> Article:
    """An article whose text is its sentences joined by single spaces."""
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(i, pos, pos + len(s), s, i in boilerplate))
        pos += len(s) + 1
    return Article(path, outlet, title, " ".join(sentences), tuple(out), byline)


A_SENTENCES = [
    "Sessions met the ambassador twice in 2016.",            # 0 divergent with B1
    "The meetings were not disclosed.",                       # 1 shared with B0
    "Critics called for an independent inquiry.",             # 2 paraphrase with B2
    "Share this article on Facebook.",                        # 3 boilerplate
    "The senator sat on the Armed Services Committee.",       # 4 unique
    "He was a Trump adviser at the time.",                    # 5 unique
]
B_SENTENCES = [
    "The meetings were never disclosed.",                     # 0 shared with A1
    "Sessions met the ambassador three times in 2016.",       # 1 divergent with A0
    "Lawmakers demanded an outside investigation.",           # 2 paraphrase with A2
    "Franken asked about contacts at the hearing.",           # 3 unique
    "Subscribe to our newsletter.",                           # 4 boilerplate
]


def build_comparison(a: Article, b: Article) -> Comparison:
    """The fixed alignment of A_SENTENCES with B_SENTENCES, for any texts of that shape."""
    return Comparison(
        a=a,
        b=b,
        alignments=(
            Alignment(
                "shared", (1,), (0,), 0.93,
                diff=(("=", "The meetings were "), ("-", "not"), ("+", "never"),
                      ("=", " disclosed.")),
            ),
            Alignment(
                "divergent", (0,), (1,), 0.81,
                details=(Detail("number", "twice", "three times"),),
                diff=(("=", "Sessions met the ambassador "), ("-", "twice"),
                      ("+", "three times"), ("=", " in 2016.")),
            ),
            Alignment("paraphrase", (2,), (2,), 0.55, diff=(("-", "x"), ("+", "y"))),
        ),
        unique_a=(4, 5),
        unique_b=(3,),
        boilerplate_a=(3,),
        boilerplate_b=(4,),
    )


# One A sentence with two B partners (A0: B0 paraphrase, B2 divergent) and one B
# sentence with two A partners (B3: A2 and A3, both shared).
GROUP_A = [
    "Sessions met the envoy twice.",                          # 0 paraphrase B0, divergent B2
    "He did not disclose them.",                               # 1 unique
    "The talks were private.",                                 # 2 shared with B3
    "Officials said the talks were private.",                  # 3 shared with B3
]
GROUP_B = [
    "Secret meetings with the envoy.",                         # 0 paraphrase with A0
    "Critics want an inquiry.",                                # 1 unique
    "Sessions met the envoy three times.",                     # 2 divergent with A0
    "The talks were private, officials said.",                 # 3 shared with A2 and A3
]


def build_grouped(a: Article, b: Article) -> Comparison:
    """The fixed alignment of GROUP_A with GROUP_B: two groups of two pairs each."""
    return Comparison(
        a=a,
        b=b,
        alignments=(
            Alignment("paraphrase", (0,), (0,), 0.5, diff=(("-", "x"), ("+", "y"))),
            Alignment(
                "divergent", (0,), (2,), 0.8,
                details=(Detail("number", "twice", "three times"),),
                diff=(("=", "Sessions met the envoy "), ("-", "twice"),
                      ("+", "three times"), ("=", ".")),
            ),
            Alignment(
                "shared", (2,), (3,), 0.9,
                diff=(("=", "The talks were private"), ("-", "."),
                      ("+", ", officials said."))),
            Alignment(
                "shared", (3,), (3,), 0.9,
                diff=(("-", "Officials said the"), ("+", "The"), ("=", " talks were private"),
                      ("+", ", officials said"), ("=", "."))),
        ),
        unique_a=(1,),
        unique_b=(1,),
    )
