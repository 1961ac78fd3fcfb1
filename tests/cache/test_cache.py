"""The comparison cache: hits skip the engine, anything wrong is a miss, never an error.

Every test has its own cache folder (``NEWSDIFF_CACHE_DIR``, see conftest.py).
"""

from __future__ import annotations

import json
import marshal
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsdiff.engine.pair
import newsdiff.engine.story
from newsdiff.cache import results, store
from newsdiff.cli import app
from newsdiff.engine import cached
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.values import Article, Comparison, Story
from newsdiff.values.codec import decode

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
    return sorted((store.cache_dir() / results.FOLDER).glob("*/*.json"))


def entry_value(path: Path, articles) -> Comparison | Story:
    """What the entry at ``path`` holds, shown with ``articles``."""
    payload = store.read_entry(path)
    assert payload is not None
    return decode(payload, articles)


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
    cached._files_digest.cache_clear()  # hashed afresh, as another process would
    assert cached.engine_fingerprint() == fingerprint, "stable across processes"


def test_the_chosen_scorer_is_part_of_the_fingerprint(monkeypatch):
    """Results of the encoder scorer are not served to a run of the built-in one."""
    builtin = cached.engine_fingerprint()
    monkeypatch.setenv("NEWSDIFF_SCORER", "encoder")
    assert cached.engine_fingerprint() != builtin
    monkeypatch.setenv("NEWSDIFF_SCORER", "builtin")
    assert cached.engine_fingerprint() == builtin


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
    assert [entry_value(p, articles) for p in entries()] == [fresh]


# --- failures are misses, never errors -----------------------------------------


def test_a_corrupt_entry_is_a_miss_and_is_replaced(articles, fresh_pair, engine_calls):
    cached.cached_compare(articles[0], articles[1])
    [entry] = entries()
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2])  # truncated

    assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
    assert engine_calls == ["pair", "pair"]
    assert entry.read_bytes() == good, "rewritten whole"


@pytest.mark.parametrize("payload", [b"", b"not json", b'"another type"', b'["pair", 1, 2]',
                                     b'["story", null, [[], [], [], []]]'])
def test_an_entry_with_a_good_hash_that_is_not_the_comparison_is_removed(
        articles, fresh_pair, engine_calls, payload):
    cached.cached_compare(articles[0], articles[1])
    [entry] = entries()
    store.write_entry(entry, payload, bounded=entry.parents[1])

    assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
    assert engine_calls == ["pair", "pair"]
    assert entry_value(entry, (articles[0], articles[1])) == fresh_pair


class Planted:
    """A pickle that, if ever loaded, leaves a file behind (as a planted entry would run
    anything it likes)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_never_runs(articles, fresh_pair, tmp_path):
    cached.cached_compare(articles[0], articles[1])
    [entry] = entries()
    marker = tmp_path / "ran"
    planted = pickle.dumps(Planted(marker))
    for write in (entry.write_bytes,  # as it is, and with the hash a planter can compute
                  lambda data: store.write_entry(entry, data, bounded=entry.parents[1])):
        write(planted)
        assert cached.cached_compare(articles[0], articles[1]) == fresh_pair
        assert not marker.exists()
    pickle.loads(planted)
    assert marker.exists(), "the pickle does run when unpickled"


def test_nothing_in_the_cache_folder_is_read_but_the_entries(tmp_path):
    """A miss, a hit and a ``--no-cache`` run, in a fresh process, with files of the old
    compiled-code cache (``code/*.marshal``, code that would leave a marker) planted:
    only entries are opened (and the temporary file an entry is written to), nothing
    else there, and starting or ``--no-cache`` opens nothing at all."""
    folder = tmp_path / "cache"
    (folder / "code").mkdir(parents=True, mode=0o700)
    folder.chmod(0o700)
    marker = tmp_path / "ran"
    planted = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec"))
    for tag in ("cpython-311", "cpython-312", "cpython-313", "cpython-314"):
        (folder / "code" / f"paraphrase-trees-{tag}-{'0' * 32}.marshal").write_bytes(planted)
    log = tmp_path / "opened.txt"
    script = textwrap.dedent(f"""
        import json, sys
        runs = [[]]  # start-up, then one list per run
        sys.addaudithook(lambda event, args: event == "open" and runs[-1].append(str(args[0])))
        from newsdiff.cli import main
        for extra in ([], [], ["--no-cache"]):
            runs.append([])
            sys.argv = ["newsdiff", {str(SEEDS[0])!r}, {str(SEEDS[1])!r}, *extra]
            try:
                main()
            except SystemExit as done:
                assert not done.code, done.code
        opened = json.dumps(runs)
        with open({str(log)!r}, "w") as f:
            f.write(opened)
    """)
    env = dict(os.environ, NEWSDIFF_CACHE_DIR=str(folder), NEWSDIFF_WORKERS="1")
    subprocess.run([sys.executable, "-c", script], env=env, stdout=subprocess.DEVNULL,
                   check=True)
    runs = [[Path(p).relative_to(folder) for p in run if p.startswith(str(folder))]
            for run in json.loads(log.read_text())]
    assert [[(p.parts[0], p.suffix) for p in run] for run in runs] == [
        [],  # start-up
        [(results.FOLDER, ".json"), (results.FOLDER, ".tmp")],  # a miss, then the write
        [(results.FOLDER, ".json")],  # a hit
        [],  # --no-cache
    ]
    assert not marker.exists()


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
    assert not (store.cache_dir() / results.FOLDER).exists()


def test_use_cache_false_neither_reads_nor_writes(articles, engine_calls):
    cached.cached_compare(articles[0], articles[1])
    cached.cached_compare(articles[0], articles[1], use_cache=False)
    assert engine_calls == ["pair", "pair"] and len(entries()) == 1


def test_the_cache_folder_defaults_to_the_user_cache_folder(monkeypatch):
    from platformdirs import user_cache_dir

    monkeypatch.delenv(store.ENV_DIR)
    assert store.cache_dir() == Path(user_cache_dir("newsdiff", appauthor=False))


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
        "import newsdiff.cache.results, sys; "
        "assert not {'newsdiff.engine.pair', 'newsdiff.engine.story', "
        "'newsdiff.engine.scoring.model', 'newsdiff.values.story'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_does_not_import_the_cache_or_an_engine():
    code = (
        "import sys; from typer.testing import CliRunner; from newsdiff.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0; "
        "assert '--no-cache' in r.stdout; "
        "assert not {'newsdiff.cache', 'newsdiff.engine.pair', 'newsdiff.engine.story'} "
        "& set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
