"""Synthetic news archives for corpus mode's throughput: real articles, made into many
stories of realistic sizes (written, never asserted).

    .venv/bin/python -m benchmarks.corpus_generator --articles 10000 --out /tmp/corpus10k.jsonl
        [--seed 1] [--truth /tmp/corpus10k.truth.tsv]

Why synthetic: corpus mode's cost follows the shape of the archive (how many stories,
how large, how many reprints), and no archive of 10^4 to 10^6 articles with known
stories is in ``../shared``.  Why built on real texts: the stages read sentences,
words, quotes and numbers, and their cost follows real sentence lengths and real
vocabulary, which random text would not have.

The real material is read from ``../shared`` (ECB+ topics 1-35, its 66 sub-topics of
3-22 articles each, ``stories.json``) and the sample story of ``src/newsdiff/seeds``
(one more sub-topic of 5 articles), keeping the articles of at least four story
sentences (some ECB documents hold only their one to three annotated sentences): 686
articles in 63 sub-topics.  Nothing of it is copied into the repository, and the output
goes where ``--out`` says (``/tmp``).  A story is made from one sub-topic:

* **its size** is drawn from a heavy tail (:func:`story_size`): about 12 % of stories are
  a single article, most have 2-20 articles (weight ``s^-1.3``), 3 % are large (21-300,
  log-uniform: a big event, a wire story printed everywhere); so an archive of any
  ``--articles`` has about one story per 8.5 articles;
* **its own names, numbers and words** (:class:`Lexicon`): there are only 63 sub-topics,
  and an archive of 10^5 articles reuses each in ~185 stories.  Without a change, those
  stories would be one story to any story finder.  So each story renames its proper
  nouns (capitalised words that the real texts never write in lower case) to made-up
  names, renumbers its numbers, and swaps 35 % of its other content words (by type,
  consistently within the story) for other words of the real vocabulary.  Within the
  story everything the real articles share stays shared (the same word maps to the same
  word); across stories of one sub-topic only the unswapped words are shared, as two
  stories of one kind (two earthquakes) share theirs;
* **its articles** are the sub-topic's real articles (in a shuffled order, reused when the
  story is larger than its sub-topic) changed as rewrites are (:func:`rewrite`): lead kept,
  body sentences shuffled or a few swapped, 10-30 % dropped, 1-3 sentences of another
  article of the sub-topic added, 1-5 words swapped or deleted; or they are **reprints**
  of an article already in the story (:func:`reprint`), 30 % of the articles (45 % in a
  large story): verbatim, cut short, or with a few sentences dropped, under another
  outlet;
* **its dates**: the story starts on a day of 2024 (uniform over the year), its
  articles within 0-6 days of that (mostly the first two), a reprint on or after the
  day of what it copies.

Articles are written in date order (the order of a dated archive), with ids
``a0000001`` on in that order, passim's fields (``id``, ``series`` the outlet, ``date``
ISO, ``title``, ``text``: the title as its first line, then one paragraph per sentence
or two).  Output is streamed: stories are planned first (a few numbers each), generated
in order of their first day, and an article is written once no story yet to come can
be dated before it, so memory holds about a week of articles whatever ``--articles``
is.  Deterministic: the same ``--seed`` and ``--articles`` give the same bytes (each
story has its own seeded ``random.Random``; swaps are by a keyed hash, not Python's
salted ``hash``).  ``--truth`` writes each article's true story and kind (``original``,
``rewrite``, ``reprint``) as a TSV beside it, for checking what the story finder found.
About 1,600 articles a second on one core (100,000 articles, 215 MB, in 61 s), in 42 MiB
whatever the size (38 MiB at 10,000).
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import itertools
import json
import math
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHARED = ROOT.parent / "shared"
ECBPLUS = SHARED / "data" / "ecbplus"
SEEDS = ROOT / "src" / "newsdiff" / "seeds"
YEAR_START = "2024-01-01"
DAYS = 366  # 2024
SEED = 1

#: Share of stories of one article, and of large stories (21-300 articles).
SINGLE_SHARE = 0.12
LARGE_SHARE = 0.03
SMALL_MAX, LARGE_MAX = 20, 300
SMALL_EXPONENT = 1.3
#: Share of a story's articles after its first that are reprints of an earlier one.
REPRINT_SHARE, LARGE_REPRINT_SHARE = 0.30, 0.45
#: Share of a story's content-word types (not names, not numbers) swapped for other words.
SWAP_SHARE = 0.35
#: The longest a story runs, in days after its first.
SPREAD_DAYS = 6
#: What a real article needs to be used: this many story sentences (some ECB documents
#: hold only their one to three annotated sentences, not the article), and a sub-topic
#: this many such articles.
MIN_SENTENCES, MIN_ARTICLES = 4, 2

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")
_SYLLABLES = ("ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re "
              "ri ro sa se si so ta te ti to va ve vi vo za zo an en in on ar er ir or el il "
              "ul us ek ov ad").split()
_PAPERS = ("Times Herald Post Gazette News Tribune Courier Observer Journal Chronicle Record "
           "Star Sun Telegraph Express Mirror Independent Ledger Dispatch Monitor Review "
           "Examiner Sentinel Bulletin Register Standard Globe Daily Press Wire").split()
_KEEP = frozenset("monday tuesday wednesday thursday friday saturday sunday january february "
                  "march april may june july august september october november december "
                  "mr mrs ms dr".split())


# ------------------------------------------------------------------ the real material


@dataclass(frozen=True)
class Source:
    """One real sub-topic: its articles, each a list of story sentences (the first is the
    headline or lead)."""

    name: str
    articles: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Material:
    """Everything the generator draws on: the sub-topics, the real vocabulary (lower case,
    sorted: what swapped words are drawn from) and the words the real texts write in lower
    case somewhere (a capitalised word not among them is a name)."""

    sources: tuple[Source, ...]
    vocabulary: tuple[str, ...]
    lower: frozenset[str]


def load_material() -> Material:
    """ECB+'s 66 sub-topics and the sample story, read with the engine's own parser (its
    story sentences: boilerplate such as an image credit left out)."""
    from newsdiff.sources.formats.text import parse_article

    def sentences(path: Path) -> tuple[str, ...]:
        article = parse_article(path.read_text(encoding="utf-8"), path.name)
        return tuple(" ".join(s.text.split()) for s in article.story_sentences)

    groups = json.loads((ECBPLUS / "stories.json").read_text(encoding="utf-8"))
    sources = []
    for group in groups:
        paths = [ECBPLUS / "docs" / str(group["topic"]) / f"{doc}.txt" for doc in group["docs"]]
        articles = tuple(s for s in (sentences(p) for p in paths) if len(s) >= MIN_SENTENCES)
        if len(articles) >= MIN_ARTICLES:
            sources.append(Source(f"ecbplus-{group['sub']}", articles))
    sources.append(Source("seeds", tuple(sentences(p) for p in sorted(SEEDS.glob("*.txt")))))
    words = [w for src in sources for a in src.articles for s in a for w in _WORD.findall(s)]
    lower = frozenset(w for w in words if w.islower())
    vocabulary = tuple(sorted(w for w in lower if len(w) >= 4 and w.isalpha()))
    return Material(tuple(sources), vocabulary, lower)


# ------------------------------------------------------------------ one story's words


class Lexicon:
    """A story's own names, numbers and swapped words (see the module docstring), the same
    for every article of the story: keyed by the story's salt, cached by word type."""

    def __init__(self, salt: str, material: Material) -> None:
        self.salt = salt
        self.material = material
        self.cache: dict[str, str] = {}

    def _hash(self, word: str) -> int:
        return int.from_bytes(hashlib.blake2b(f"{self.salt}\0{word}".encode(), digest_size=8)
                              .digest(), "big")

    def word(self, token: str) -> str:
        if (found := self.cache.get(token)) is not None:
            return found
        h = self._hash(token)
        lower = token.lower()
        if token.isdigit():
            out = self._number(token, h)
        elif token[0].isupper() and lower not in self.material.lower and lower not in _KEEP:
            out = self._name(h)
            out = out.upper() if token.isupper() and len(token) > 1 else out
        elif (len(token) >= 4 and lower not in _KEEP and (h & 0xFFFF) < SWAP_SHARE * 0x10000):
            vocabulary = self.material.vocabulary
            out = vocabulary[(h >> 16) % len(vocabulary)]
            out = out.capitalize() if token[0].isupper() else out
        else:
            out = token
        self.cache[token] = out
        return out

    def sentence(self, text: str) -> str:
        return _WORD.sub(lambda m: self.word(m.group()), text)

    @staticmethod
    def _number(token: str, h: int) -> str:
        if len(token) == 4 and token[:2] in ("19", "20"):  # a year: a nearby one
            return str(int(token) + (h % 7) - 3)
        if len(token) <= 2:  # a count, a day, an age: one of the same range
            value = int(token)
            top = 12 if value <= 12 else 31 if value <= 31 else 99
            return str(1 + h % top) if value else token
        digits = str(h % 10 ** len(token)).zfill(len(token))
        return str(1 + h % 9) + digits[1:]

    @staticmethod
    def _name(h: int) -> str:
        n = len(_SYLLABLES)
        parts = [_SYLLABLES[(h >> (6 * k)) % n] for k in range(2 + (h >> 40) % 2)]
        return "".join(parts).capitalize()


# ------------------------------------------------------------------ one story's articles


def story_size(rng: random.Random) -> int:
    """A story's number of articles: one, 2-20 (weight ``s^-1.3``) or 21-300 (log-uniform)."""
    u = rng.random()
    if u < SINGLE_SHARE:
        return 1
    if u < 1 - LARGE_SHARE:
        sizes = range(2, SMALL_MAX + 1)
        return rng.choices(sizes, weights=[s ** -SMALL_EXPONENT for s in sizes])[0]
    return int(math.exp(rng.uniform(math.log(SMALL_MAX + 1), math.log(LARGE_MAX + 1))))


def rewrite(sentences: list[str], rng: random.Random, extra: list[str],
            vocabulary: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """A rewrite of ``sentences`` (a lead, then a body): the changes a second outlet makes;
    also the edits' kinds, for the truth file."""
    lead, body = sentences[0], list(sentences[1:])
    kinds = []
    if body and rng.random() < 0.3:
        rng.shuffle(body)
        kinds.append("shuffled")
    elif len(body) > 2 and rng.random() < 0.4:
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(body) - 1)
            body[k], body[k + 1] = body[k + 1], body[k]
        kinds.append("swapped")
    if len(body) > 2 and rng.random() < 0.5:
        share = rng.uniform(0.1, 0.3)
        body = [s for s in body if rng.random() >= share] or body[:1]
        kinds.append("dropped")
    if extra and rng.random() < 0.4:
        for _ in range(rng.randint(1, 3)):
            body.insert(rng.randrange(len(body) + 1), rng.choice(extra))
        kinds.append("added")
    if rng.random() < 0.7:
        body = _word_edits([lead, *body], rng.randint(1, 5), rng, vocabulary)
        lead, body = body[0], body[1:]
        kinds.append("edited")
    return [lead, *body], kinds


def reprint(sentences: list[str], rng: random.Random) -> tuple[list[str], str]:
    """A reprint of ``sentences``: verbatim, cut short (the first 50-90 %) or with a few
    sentences dropped; and which."""
    u = rng.random()
    if u < 0.5 or len(sentences) < 4:
        return list(sentences), "verbatim"
    if u < 0.8:
        return sentences[:max(2, round(len(sentences) * rng.uniform(0.5, 0.9)))], "cut"
    return [sentences[0], *[s for s in sentences[1:] if rng.random() >= 0.15]], "trimmed"


def _word_edits(sentences: list[str], count: int, rng: random.Random,
                vocabulary: tuple[str, ...]) -> list[str]:
    """``count`` words of ``sentences`` swapped for another word or deleted."""
    tokens = [s.split(" ") for s in sentences]
    spots = [(i, k) for i, t in enumerate(tokens) for k in range(len(t))]
    for i, k in sorted(rng.sample(spots, min(count, len(spots))), reverse=True):
        if rng.random() < 0.5 and len(tokens[i]) > 3:
            del tokens[i][k]
        else:
            tokens[i][k] = rng.choice(vocabulary)
    return [" ".join(t) for t in tokens]


@dataclass(frozen=True)
class Planned:
    """A story before it is generated: its number, first day, size and sub-topic."""

    number: int
    day: int
    size: int
    source: int


@dataclass(frozen=True, order=True)
class Generated:
    """One article, ordered by day and then by where it was made (so output order is
    fixed); ``story`` and ``kind`` only for the truth file."""

    day: int
    story: int
    position: int
    outlet: str
    title: str
    text: str
    kind: str


def plan(articles: int, seed: int, material: Material) -> list[Planned]:
    """Stories enough for ``articles`` articles (the last one cut to fit), by first day."""
    rng = random.Random(f"{seed}:plan")
    stories, total = [], 0
    while total < articles:
        size = min(story_size(rng), articles - total)
        stories.append(Planned(len(stories), rng.randrange(DAYS), size,
                               rng.randrange(len(material.sources))))
        total += size
    return sorted(stories, key=lambda s: (s.day, s.number))


def outlets() -> list[str]:
    """A fixed pool of 600 made-up outlet names ("The Varolin Herald")."""
    rng = random.Random("outlets")
    names: set[str] = set()
    while len(names) < 600:
        place = Lexicon._name(rng.getrandbits(48))
        names.add(f"The {place} {rng.choice(_PAPERS)}")
    return sorted(names)


def generate_story(story: Planned, seed: int, material: Material,
                   pool: list[str]) -> list[Generated]:
    """The articles of one planned story (see the module docstring)."""
    rng = random.Random(f"{seed}:story:{story.number}")
    source = material.sources[story.source]
    lexicon = Lexicon(f"{seed}:{story.number}", material)
    order = list(range(len(source.articles)))
    rng.shuffle(order)
    cycle = itertools.cycle(order)
    names = rng.sample(pool, story.size) if story.size <= len(pool) else rng.choices(
        pool, k=story.size)
    reprint_share = LARGE_REPRINT_SHARE if story.size > SMALL_MAX else REPRINT_SHARE
    made: list[tuple[int, list[str]]] = []
    out = []
    for position in range(story.size):
        if position and rng.random() < reprint_share:
            # an earlier article, the story's first ones more often (what the wire sent)
            day, copied = made[min(int(rng.expovariate(0.5)), len(made) - 1)
                               if rng.random() < 0.5 else rng.randrange(len(made))]
            sentences, kind = reprint(copied, rng)
            day = min(day + rng.choice((0, 0, 0, 1, 2)), story.day + SPREAD_DAYS)
            kind = f"reprint {kind}"
        else:
            index = next(cycle)
            real = [lexicon.sentence(s) for s in source.articles[index]]
            extra = [lexicon.sentence(s) for k in rng.sample(order, min(2, len(order)))
                     if k != index for s in source.articles[k][1:]]
            day = story.day + (0 if position == 0 else
                               min(SPREAD_DAYS, int(rng.expovariate(0.8))))
            if position == 0:
                sentences, kind = real, "original"
            else:
                sentences, kinds = rewrite(real, rng, extra, material.vocabulary)
                kind = "rewrite " + ",".join(kinds) if kinds else "rewrite"
        made.append((day, sentences))
        out.append(Generated(day, story.number, position, names[position], sentences[0],
                             _text(sentences, rng), kind))
    return out


def _text(sentences: list[str], rng: random.Random) -> str:
    """The title line, then the body in paragraphs of one or two sentences."""
    paragraphs, body = [sentences[0]], sentences[1:]
    while body:
        take = 2 if len(body) > 1 and rng.random() < 0.35 else 1
        paragraphs.append(" ".join(body[:take]))
        body = body[take:]
    return "\n\n".join(paragraphs)


# ------------------------------------------------------------------ the archive


def generate(articles: int, seed: int = SEED, material: Material | None = None
             ) -> Iterator[Generated]:
    """Every article of the archive, in date order, generated a story at a time and held
    only until no story to come can be dated before it."""
    material = material or load_material()
    pool = outlets()
    pending: list[Generated] = []
    for story in plan(articles, seed, material):
        while pending and pending[0].day < story.day:
            yield heapq.heappop(pending)
        for article in generate_story(story, seed, material, pool):
            heapq.heappush(pending, article)
    while pending:
        yield heapq.heappop(pending)


def write(articles: int, out: Path, seed: int = SEED, truth: Path | None = None) -> int:
    """Write the archive as JSON Lines to ``out`` (and the truth TSV); the stories made."""
    import datetime

    first = datetime.date.fromisoformat(YEAR_START)
    stories = set()
    with open(out, "w", encoding="utf-8") as lines, \
            (open(truth, "w", encoding="utf-8") if truth else open("/dev/null", "w")) as tsv:
        tsv.write("id\tstory\tkind\n")
        for n, article in enumerate(generate(articles, seed), 1):
            record = {"id": f"a{n:07d}", "series": article.outlet,
                      "date": (first + datetime.timedelta(days=article.day)).isoformat(),
                      "title": article.title, "text": article.text}
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
            tsv.write(f"{record['id']}\ts{article.story:06d}\t{article.kind}\n")
            stories.add(article.story)
    return len(stories)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles (10000)")
    parser.add_argument("--out", type=Path, required=True, help="the JSONL file to write")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed ({SEED})")
    parser.add_argument("--truth", type=Path, help="also write each article's story here (TSV)")
    args = parser.parse_args()
    if not ECBPLUS.is_dir():
        sys.exit(f"no shared data at {ECBPLUS}")
    start = time.perf_counter()
    stories = write(args.articles, args.out, args.seed, args.truth)
    print(f"{args.articles:,} articles in {stories:,} stories written to {args.out} in "
          f"{time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
