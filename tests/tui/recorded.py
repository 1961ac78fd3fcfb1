"""Recorded engine results for the reader's tests: the UI is tested on fixed comparisons.

The reader's tests check what the screens do with a comparison (groups, verdicts,
splits, scrolling), and many need a passage of a given shape: a group of eight
paraphrases, a divergent group beside an only-in-A passage.  Computed afresh, every
change of the engine's judgement would reshape the sample story's passages and
rewrite those tests, though the reader had not changed.  So the tests read the
sample story's comparisons from ``recorded/`` (the results codec's JSON, keyed by a
hash of each article's text); any other articles (hostile files, made-up ones) are
compared by the engine as usual.  The engine's own judgement of the sample story
is tested in ``tests/engine`` and by the golden outputs.

Re-record (only when a test needs a passage the recorded results lack):

    .venv/bin/python -m tests.tui.recorded
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from newsdiff.engine.annotate import ArticleAnalysis
from newsdiff.values import Article, Comparison, Story
from newsdiff.values.codec import decode, encode

FOLDER = Path(__file__).parent / "recorded"


def _plain(article: Article | ArticleAnalysis) -> Article:
    return article.article if isinstance(article, ArticleAnalysis) else article


def _text_key(articles: Sequence[Article]) -> str:
    """A hash of the articles' texts, in order."""
    digest = hashlib.sha256()
    for article in articles:
        digest.update(hashlib.sha256(article.text.encode("utf-8")).digest())
    return digest.hexdigest()[:32]


def _recorded(articles: Sequence[Article]) -> Comparison | Story | None:
    path = FOLDER / f"{_text_key(articles)}.json"
    if not path.is_file():
        return None
    return decode(json.loads(path.read_text(encoding="utf-8"))["result"].encode("ascii"),
                  articles)


def recorded_compare(a: Article | ArticleAnalysis, b: Article | ArticleAnalysis) -> Comparison:
    """The recorded comparison of two sample articles, else the engine's."""
    found = _recorded((_plain(a), _plain(b)))
    if isinstance(found, Comparison):
        return found
    from newsdiff.engine.cached import cached_compare

    return cached_compare(a, b)


def recorded_story(articles: Sequence[Article | ArticleAnalysis]) -> Story:
    """The recorded story of the sample articles, else the engine's."""
    found = _recorded([_plain(a) for a in articles])
    if isinstance(found, Story):
        return found
    from newsdiff.engine.cached import cached_compare_story

    return cached_compare_story(articles)


def record() -> None:
    """Compare every ordered pair of the sample story and the whole story; write them."""
    from newsdiff import __version__
    from newsdiff.engine.pair import compare
    from newsdiff.engine.story import compare_story
    from newsdiff.resources import sample_story
    from newsdiff.sources import load_article

    articles = [load_article(str(p)) for p in sample_story()]
    FOLDER.mkdir(exist_ok=True)
    results: list[tuple[Sequence[Article], Comparison | Story]] = [
        ((a, b), compare(a, b)) for a in articles for b in articles if a is not b]
    results.append((articles, compare_story(articles)))
    for shown, result in results:
        entry = {"articles": [Path(a.path).name for a in shown], "newsdiff": __version__,
                 "result": encode(result, articles=False).decode("ascii")}
        (FOLDER / f"{_text_key(shown)}.json").write_text(json.dumps(entry) + "\n",
                                                         encoding="utf-8")
    print(f"recorded {len(results)} results in {FOLDER}")


if __name__ == "__main__":
    record()
