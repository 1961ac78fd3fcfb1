"""Speed of the story view (run and reported, never asserted).

    .venv/bin/python benchmarks/story.py [--sizes 20,100] [--runs N]

``compare_story`` on the sample story (5 articles) and on made-up stories of
N articles built from it (:func:`story_articles`): each article retells one
of the five seed articles with its paragraphs partly reordered, some
sentences dropped, a few borrowed from another outlet, and a few words
replaced in a third of its sentences, so a story has reprints, retellings
and reordering as real coverage does.  Reports the median wall time of
``compare_story`` (articles already read; model loaded once before) and
the process's peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdiff.engine.scoring.model import load_model
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Article


def story_articles(n: int, seed: int = 1) -> list[Article]:
    """``n`` articles retelling the sample story (see the module docstring)."""
    rng = random.Random(seed)
    seeds = [load_article(str(p)) for p in sample_story()]
    paragraphs = [[s.text for s in a.story_sentences] for a in seeds]
    vocabulary = sorted({w for para in paragraphs for s in para for w in s.split()})
    out = []
    for k in range(n):
        base = list(paragraphs[k % len(seeds)])
        head, body = base[0], base[1:]
        body = [s for s in body if rng.random() > 0.15]
        for _ in range(rng.randint(0, 3)):
            other = paragraphs[rng.randrange(len(seeds))]
            body.insert(rng.randrange(len(body) + 1), rng.choice(other))
        for i in range(len(body) - 1):
            if rng.random() < 0.2:
                body[i], body[i + 1] = body[i + 1], body[i]
        edited = []
        for sentence in body:
            words = sentence.split()
            if words and rng.random() < 0.33:
                for _ in range(rng.randint(1, 3)):
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
            edited.append(" ".join(words))
        out.append(parse_article(head + "\n\n" + "\n\n".join(edited), f"outlet{k:03d}.txt"))
    return out


def write_story(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """Write :func:`story_articles` ``(n, seed)`` into ``folder``, one ``.txt`` file per
    article under its name (``outlet000.txt``, ...: name order is story order); the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in story_articles(n, seed):
        path = folder / Path(article.path).name
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def time_story(articles: list[Article], runs: int) -> float:
    """Median seconds of ``compare_story`` over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compare_story(articles)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20", help="story sizes, comma-separated (20)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_model()
    sample = [load_article(str(p)) for p in sample_story()]
    print(f"sample story, 5 articles:   {time_story(sample, args.runs):6.2f} s "
          f"(median of {args.runs})")
    for n in (int(x) for x in args.sizes.split(",")):
        articles = story_articles(n)
        sentences = sum(len(a.story_sentences) for a in articles)
        seconds = time_story(articles, args.runs)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:4d} articles, {sentences:5d} sentences: {seconds:6.2f} s "
              f"(median of {args.runs}), peak memory so far {peak:.0f} MiB")


if __name__ == "__main__":
    main()
