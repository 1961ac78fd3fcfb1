"""The comparison cache: hits skip the engine, anything wrong is a miss, never an error.

Every test has its own cache folder (``NEWSDIFF_CACHE_DIR``, see conftest.py).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsdiff.engine.pair
import newsdiff.engine.story
from newsdiff.cache import code, results, store
from newsdiff.cli import app
from newsdiff.engine import cached
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.values import Article, Comparison, Story

SEEDS = sample_story()


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [load_article(str(p)) for p in SEEDS]


@pytest.fixture(scope="module")
def fresh_pair(articles) -> Comparison:
    return newsdiff.engine.pair.compare(articles[0], articles[1])


@pytest.fixture
def engine_calls(monkeypatch) -> list[str]:
    """The engines, counting their calls: "pair" or "story" per call."""
    calls: list[str] = []
    real_compare, real_story = newsdiff.engine.pair.compare, newsdiff.engine.story.compare_story

    def counting_compare(a, b):
        calls.append("pair")
        return real_compare(a, b)

    def counting_story(arts):
        calls.append("story")
        return real_story(arts)

    monkeypatch.setattr(newsdiff.engine.pair, "compare", counting_compare)
    monkeypatch.setattr(newsdiff.engine.story, "compare_story", counting_story)
    return calls


def entries() -> list[Path]:
    return sorted((store.cache_dir() / "comparisons").glob("*/*.pickle"))


def copy_as(source: Path, target: Path, *, replace: tuple[str, str] | None = None) -> Article:
    """``source`` saved as ``target`` (with one change to its text), read back."""
    text = source.read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    target.write_text(text, encoding="utf-8")
    return load_article(str(target))


# --- hits and misses -----------------------------------------------------------


def test_miss_then_hit_equal_to_a_fresh_compute(articles, fresh_pair, engine_calls):
    first = cached.cached_compare(articles[0], articles[1])
    assert engine_calls == ["pair"] and len(entries()) == 1
    second = cached.cached_compare(articles[0], articles[1])
    assert engine_calls == ["pair"], "the second call is served from the cache"
    assert first == second == fresh_pair


def test_same_text_under_another_name_hits_and_shows_the_new_name(
        articles, fresh_pair, engine_calls, tmp_path):
    cached.cached_compare(articles[0], articles[1])
    renamed = copy_as(SEEDS[0], tmp_path / "renamed.txt")
    assert renamed.path != articles[0].path

    result = cached.cached_compare(renamed, articles[1])

    assert engine_calls == ["pair"]
    assert result.a is renamed and result.a.path.endswith("renamed.txt")
    assert result.b is articles[1]
    assert result.alignments == fresh_pair.alignments


def test_a_changed_sentence_misses(articles, engine_calls, tmp_path):
    cached.cached_compare(articles[0], articles[1])
    changed = copy_as(SEEDS[0], tmp_path / "changed.txt", replace=("twice", "three times"))

    result = cached.cached_compare(changed, articles[1])

    assert engine_calls == ["pair", "pair"] and len(entries()) == 2
    assert result == newsdiff.engine.pair.compare(changed, articles[1])


def test_the_order_of_the_articles_is_part_of_the_key(articles, engine_calls):
    cached.cached_compare(articles[0], articles[1])
    swapped = cached.cached_compare(articles[1], articles[0])
    assert engine_calls == ["pair", "pair"]
    assert swapped.a is articles[1]


def test_another_engine_fingerprint_misses(articles, engine_calls, monkeypatch):
    cached.cached_compare(articles[0], articles[1])
    monkeypatch.setattr(cached, "engine_fingerprint", lambda: "another engine")
    cached.cached_compare(articles[0], articles[1])
    assert engine_calls == ["pair", "pair"] and len(entries()) == 2


def test_the_fingerprint_covers_the_engine_and_its_model_but_not_the_front_ends():
    package = Path(cached.__file__).parents[1]
    names = {p.relative_to(package).as_posix() for p in cached.engine_files()}
    assert {"engine/pair.py", "engine/story.py", "engine/quotes.py", "values/comparison.py",
            "values/story.py", "text/tokens.py", "data/paraphrase_model.json"} <= names
    assert not any(n.startswith(("tui/", "render/", "present/", "review/", "sources/",
                                 "seeds/", "cli")) for n in names)
    fingerprint = cached.engine_fingerprint()
    assert len(fingerprint) == 64
    assert cached.engine_fingerprint.__wrapped__() == fingerprint, "stable across processes"


def test_story_round_trip(articles, engine_calls, tmp_path):
    fresh = newsdiff.engine.story.compare_story(articles)
    engine_calls.clear()
    first = cached.cached_compare_story(articles)
    renamed = [copy_as(p, tmp_path / f"copy-{p.name}") for p in SEEDS]
    second = cached.cached_compare_story(renamed)

    assert engine_calls == ["story"], "the renamed copies hit the cache"
    assert first == fresh
    assert all(a is b for a, b in zip(second.articles, renamed, strict=True))
    assert (second.claims, second.quotes, second.divergences, second.sources) == (
        fresh.claims, fresh.quotes, fresh.divergences, fresh.sources)
    assert [type(pickle.loads(p.read_bytes())) for p in entries()] == [Story]


# --- failures are misses, never errors -----------------------------------------


def test_a_corrupt_entry_is_a_miss_and_is_replaced(articles, fresh_pair, engine_calls):
    cached.cached_compare(articles[0], articles[1])
    [entry] = entries()
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2])  # truncated

    assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
    assert engine_calls == ["pair", "pair"]
    assert pickle.loads(entry.read_bytes()) == fresh_pair, "rewritten whole"


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps("another type")])
def test_an_unusable_entry_is_removed(articles, content):
    cached.cached_compare(articles[0], articles[1])
    [entry] = entries()
    entry.write_bytes(content)
    assert results._load(entry, Comparison) is None
    assert not entry.exists()


def test_a_cache_folder_that_is_a_file_still_compares(articles, fresh_pair, tmp_path,
                                                      monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way")
    monkeypatch.setenv(store.ENV_DIR, str(blocker))
    assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
    assert blocker.read_text() == "in the way"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_a_read_only_cache_folder_still_compares(articles, fresh_pair, tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o500)
    monkeypatch.setenv(store.ENV_DIR, str(folder))
    try:
        assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_no_cache_environment_variable_neither_reads_nor_writes(articles, engine_calls,
                                                                monkeypatch):
    monkeypatch.setenv(store.ENV_OFF, "1")
    cached.cached_compare(articles[0], articles[1])
    cached.cached_compare(articles[0], articles[1])
    cached.cached_compare_story(articles[:3])
    assert engine_calls == ["pair", "pair", "story"]
    assert not (store.cache_dir() / "comparisons").exists()


def test_use_cache_false_neither_reads_nor_writes(articles, engine_calls):
    cached.cached_compare(articles[0], articles[1])
    cached.cached_compare(articles[0], articles[1], use_cache=False)
    assert engine_calls == ["pair", "pair"] and len(entries()) == 1


def test_the_cache_folder_defaults_to_the_user_cache_folder(monkeypatch):
    from platformdirs import user_cache_dir

    monkeypatch.delenv(store.ENV_DIR)
    assert store.cache_dir() == Path(user_cache_dir("newsdiff", appauthor=False))


# --- the size bound ------------------------------------------------------------


def fill(root: Path, count: int, size: int) -> list[Path]:
    """``count`` entries of ``size`` bytes, oldest first (an hour apart)."""
    paths = []
    for n in range(count):
        path = root / f"{n:02x}" / f"{n:02x}{'0' * 62}.pickle"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
        os.utime(path, (1_000_000 + 3600 * n,) * 2)
        paths.append(path)
    return paths


def test_trim_deletes_the_least_recently_used_down_to_the_margin(tmp_path):
    paths = fill(tmp_path, 10, 1000)
    store.trim(tmp_path, limit=10_000)
    assert all(p.exists() for p in paths), "at the limit nothing goes"

    store.trim(tmp_path, limit=9_000)
    assert [p.exists() for p in paths] == [False] * 3 + [True] * 7  # 7000 <= 0.8 * 9000


def test_a_write_over_the_bound_evicts_the_oldest_but_not_a_recent_hit(articles, monkeypatch):
    root = store.cache_dir() / "comparisons"
    old = fill(root, 4, 50_000)
    monkeypatch.setattr(store, "_unmeasured", None)  # the process's first write measures
    monkeypatch.setattr(store, "MAX_BYTES", 160_000)
    os.utime(old[0])  # used just now: the newest of the four

    cached.cached_compare(articles[0], articles[1])

    assert [p.exists() for p in old] == [True, False, False, True]
    assert len(entries()) == 3


def test_writes_measure_the_folder_only_now_and_then(articles, monkeypatch):
    trims = []
    monkeypatch.setattr(store, "trim", trims.append)
    monkeypatch.setattr(store, "_unmeasured", None)
    cached.cached_compare(articles[0], articles[1])
    cached.cached_compare(articles[0], articles[2])
    assert len(trims) == 1, "the first write measures, the next ones count their bytes"


# --- the command line and the reader -------------------------------------------


def test_cli_caches_by_default_and_not_with_no_cache():
    runner = CliRunner()
    two = [str(SEEDS[0]), str(SEEDS[1])]
    result = runner.invoke(app, ["--no-cache", *two])
    assert result.exit_code == 0, result.output
    assert entries() == []

    result = runner.invoke(app, two)
    assert result.exit_code == 0, result.output
    assert len(entries()) == 1

    again = runner.invoke(app, two)
    assert again.stdout == result.stdout


def test_cli_caches_the_story(engine_calls):
    runner = CliRunner()
    first = runner.invoke(app, ["-f", "json", *map(str, SEEDS)])
    second = runner.invoke(app, ["-f", "json", *map(str, SEEDS)])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert engine_calls == ["story"] and len(entries()) == 1


def test_the_reader_compares_through_the_cache(articles, engine_calls):
    from newsdiff.tui import app as app_module

    app_module.compare(articles[0], articles[1])
    app_module.compare(articles[0], articles[1])
    app_module.compare_story(articles[:2])
    app_module.compare_story(articles[:2])
    assert engine_calls == ["pair", "story"]


def test_importing_the_cache_imports_no_engine():
    code = (
        "import newsdiff.cache.results, newsdiff.cache.code, sys; "
        "assert not {'newsdiff.engine.pair', 'newsdiff.engine.story', 'newsdiff.engine.scoring.model'} "
        "& set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_does_not_import_the_cache_or_an_engine():
    code = (
        "import sys; from typer.testing import CliRunner; from newsdiff.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0; "
        "assert '--no-cache' in r.stdout; "
        "assert not {'newsdiff.cache', 'newsdiff.engine.pair', 'newsdiff.engine.story'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_compiled_code_is_kept_and_reused(monkeypatch):
    source = "def answer():\n    return 42\n"
    first = code.compiled(source, "answer")
    files = list((store.cache_dir() / "code").glob("answer-*.marshal"))
    assert len(files) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr("builtins.compile", no_compiling)
    again = code.compiled(source, "answer")
    assert _run(again)["answer"]() == 42 and again == first


def test_compiled_code_survives_a_corrupt_file_and_keeps_one_version():
    code.compiled("x = 1\n", "gen")
    (path,) = (store.cache_dir() / "code").glob("gen-*.marshal")
    path.write_bytes(b"not marshal")
    assert _run(code.compiled("x = 1\n", "gen"))["x"] == 1
    assert _run(code.compiled("x = 2\n", "gen"))["x"] == 2  # a new model replaces the old
    assert len(list((store.cache_dir() / "code").glob("gen-*.marshal"))) == 1


def _run(code) -> dict:
    """The names ``code`` defines when run."""
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 -- code the test itself wrote
    return namespace
