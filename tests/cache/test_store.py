"""The cache folder: whose it is, what counts as an entry, damage, failures, the size bound.

Every test has its own cache folder (``NEWSDIFF_CACHE_DIR``, see conftest.py).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdiff.cache import results, store
from newsdiff.resources import sample_story
from newsdiff.values import Alignment, Comparison, Detail
from tests.builders import make_article

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no user ids")
root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="making another user's files needs root")


@pytest.fixture
def calls() -> list[str]:
    return []


@pytest.fixture
def compare(comparison, calls) -> Callable[[], Comparison]:
    """The hand-built comparison through the cache, counting the computes."""

    def compute() -> Comparison:
        calls.append("computed")
        return comparison

    return lambda: results.cached_comparison(comparison.a, comparison.b, compute,
                                             fingerprint="test")


@pytest.fixture
def quiet(monkeypatch):
    """As at the start of a process: nothing said yet about the cache folder."""
    monkeypatch.setattr(store, "_warned", False)


def the_entry() -> Path:
    [entry] = (store.cache_dir() / results.FOLDER).glob("*/*.json")
    return entry


def returns_at_once(read: Callable[[], object]) -> object:
    """``read()``'s value, which must come within a second (a daemon thread: one that
    hangs fails the test and does not hold up the run)."""
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(read()), daemon=True)
    worker.start()
    worker.join(timeout=1)
    assert out, "the read hung"
    return out[0]


# --- damage ---------------------------------------------------------------------


def test_every_single_bit_flip_in_an_entry_is_a_miss_and_the_entry_is_rewritten(calls):
    """Over a whole entry, of a small comparison that has one of every part."""
    a = make_article(["Sessions met the envoy twice.", "Share this."], boilerplate=frozenset({1}))
    b = make_article(["Sessions met the envoy three times.", "Franken asked."])
    small = Comparison(a, b, (Alignment(
        "divergent", (0,), (0,), 0.75, (Detail("number", "twice", "three times"),),
        (("=", "Sessions met the envoy "), ("-", "twice"), ("+", "three times"), ("=", "."))),),
        unique_b=(1,), boilerplate_a=(1,))

    def compare() -> Comparison:
        return results.cached_comparison(a, b, lambda: calls.append("computed") or small,
                                         fingerprint="test")

    assert compare() == small
    entry = the_entry()
    good = entry.read_bytes()
    for bit in range(len(good) * 8):
        damaged = bytearray(good)
        damaged[bit // 8] ^= 1 << (bit % 8)
        entry.write_bytes(damaged)
        assert compare() == small
        assert entry.read_bytes() == good, f"bit {bit}: the entry is rewritten"
    assert len(calls) == 1 + len(good) * 8, "every flip was a miss"


def test_an_entry_is_its_payload_after_the_payloads_hash(tmp_path):
    path = tmp_path / "entry"
    store.write_entry(path, b"payload", bounded=tmp_path)
    header, payload = path.read_bytes().split(b"\n", 1)
    assert payload == b"payload" and len(header) == 64
    assert store.read_entry(path) == b"payload"


# --- what is not an entry -------------------------------------------------------


@pytest.fixture
def entry_path(compare) -> Path:
    """Where the hand-built comparison's entry goes (made, then removed)."""
    compare()
    entry = the_entry()
    entry.unlink()
    return entry


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_in_place_of_an_entry_is_a_miss_not_a_hang(entry_path, compare, comparison,
                                                           calls):
    os.mkfifo(entry_path)
    assert returns_at_once(compare) == comparison
    assert calls == ["computed"] * 2
    assert stat.S_ISREG(entry_path.lstat().st_mode), "replaced by the entry"


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "good entry"])
def test_a_symbolic_link_in_place_of_an_entry_is_a_miss(entry_path, compare, comparison,
                                                        calls, tmp_path, target):
    if target == "good entry":  # a link to a valid entry is not followed either
        target = str(tmp_path / "elsewhere.json")
        store.write_entry(Path(target), b"[]", bounded=tmp_path)
    elif not Path(target).exists():
        pytest.skip(f"no {target}")
    entry_path.symlink_to(target)
    assert returns_at_once(compare) == comparison
    assert calls == ["computed"] * 2
    assert not entry_path.is_symlink(), "replaced by the entry"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_not_an_entry(device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    assert returns_at_once(lambda: store.read_entry(Path(device))) is None
    assert Path(device).exists()


@root_only
def test_a_device_in_place_of_an_entry_is_a_miss(entry_path, compare, comparison, calls):
    try:
        os.mknod(entry_path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("no right to make devices here")
    assert returns_at_once(compare) == comparison
    assert calls == ["computed"] * 2


@posix_only
def test_a_link_in_place_of_an_entrys_folder_is_not_written_through(entry_path, compare,
                                                                    comparison, calls,
                                                                    tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    shard = entry_path.parent
    for entry in shard.iterdir():
        entry.unlink()
    shard.rmdir()
    shard.symlink_to(elsewhere)
    assert compare() == comparison
    assert calls == ["computed"] * 2
    assert list(elsewhere.iterdir()) == [] and shard.is_symlink()


def test_a_folder_in_place_of_an_entry_is_a_miss(entry_path, compare, comparison, calls):
    entry_path.mkdir()
    assert compare() == comparison
    assert compare() == comparison
    assert calls == ["computed"] * 3 and entry_path.is_dir()


def test_an_entry_over_the_cap_is_not_read(entry_path, compare, comparison, calls):
    with entry_path.open("wb") as f:  # sparse: a huge size that takes no room
        f.truncate(store.MAX_ENTRY_BYTES + 66)
    assert returns_at_once(compare) == comparison
    assert calls == ["computed"] * 2
    assert entry_path.stat().st_size < 1_000_000, "replaced by the entry"


def test_a_result_over_the_cap_is_not_kept(compare, comparison, calls, monkeypatch):
    monkeypatch.setattr(store, "MAX_ENTRY_BYTES", 100)
    compare()
    compare()
    assert calls == ["computed"] * 2
    assert not list((store.cache_dir() / results.FOLDER).glob("*/*"))


# --- whose folder it is ---------------------------------------------------------


@posix_only
def test_folders_and_entries_are_the_users_alone(compare):
    compare()
    entry = the_entry()
    for path in (entry.parent, entry.parent.parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def expect_refused(capsys, compare, comparison, calls, reason: str) -> str:
    """Two comparisons computed, nothing kept, and one line on stderr giving ``reason``
    (the line, returned)."""
    assert compare() == comparison
    assert compare() == comparison
    assert calls == ["computed"] * 2
    assert not list(store.cache_dir().rglob("*.json"))
    err = capsys.readouterr().err
    assert err.count("\n") == 1, "said once"
    assert err.startswith("newsdiff: not using the cache folder ") and reason in err, err
    return err


@posix_only
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o770, 0o1777, 0o702])
def test_a_folder_others_may_write_to_is_not_used(compare, comparison, calls, capsys, quiet,
                                                  mode):
    store.cache_dir().chmod(mode)
    expect_refused(capsys, compare, comparison, calls, f"others may write to it (mode {mode:04o})")


@posix_only
def test_a_comparisons_folder_others_may_write_to_is_not_used(compare, comparison, calls,
                                                              capsys, quiet):
    sub = store.cache_dir() / results.FOLDER
    sub.mkdir(mode=0o700)
    sub.chmod(0o777)
    expect_refused(capsys, compare, comparison, calls, f"{sub}: others may write to it")


@posix_only
def test_a_folder_owned_by_another_user_is_not_used(compare, comparison, calls, capsys, quiet,
                                                    monkeypatch):
    """As under ``sudo`` with the user's ``HOME``: the folder's owner is not the
    effective user."""
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 4242)
    expect_refused(capsys, compare, comparison, calls, "owned by another user")


@root_only
def test_root_does_not_use_a_users_folder(compare, comparison, calls, capsys, quiet):
    os.chown(store.cache_dir(), 4242, 4242)
    expect_refused(capsys, compare, comparison, calls, "owned by another user (uid 4242")


@root_only
def test_root_makes_no_cache_folder_in_a_users_home(compare, comparison, calls, tmp_path,
                                                    monkeypatch, capsys, quiet):
    """``sudo`` with the user's ``HOME`` and no cache folder yet: making one there, root's,
    would refuse the user their own cache from then on."""
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 4242, 4242)
    monkeypatch.setenv(store.ENV_DIR, str(home / ".cache" / "newsdiff"))
    expect_refused(capsys, compare, comparison, calls,
                   f"it would be made in {home}, which belongs to another user (uid 4242)")
    assert list(home.iterdir()) == []


@posix_only
def test_a_link_to_a_private_folder_is_used(compare, comparison, calls, tmp_path, monkeypatch,
                                            capsys):
    target = tmp_path / "private"
    target.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(target)
    monkeypatch.setenv(store.ENV_DIR, str(tmp_path / "link"))
    compare()
    compare()
    assert calls == ["computed"] and list(target.rglob("*.json"))
    assert capsys.readouterr().err == ""


@root_only
@pytest.mark.parametrize("owner", ["link", "target"])
def test_a_link_or_its_folder_owned_by_another_user_is_not_used(
        compare, comparison, calls, tmp_path, monkeypatch, capsys, quiet, owner):
    target = tmp_path / "private"
    target.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(target)
    os.chown(link if owner == "link" else target, 4242, 4242, follow_symlinks=False)
    monkeypatch.setenv(store.ENV_DIR, str(link))
    expect_refused(capsys, compare, comparison, calls, "owned by another user (uid 4242")


@posix_only
def test_a_comparisons_folder_that_is_a_link_is_not_used(compare, comparison, calls, tmp_path,
                                                         capsys, quiet):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (store.cache_dir() / results.FOLDER).symlink_to(elsewhere)
    expect_refused(capsys, compare, comparison, calls, "it is a symbolic link")
    assert list(elsewhere.iterdir()) == []


@posix_only
def test_the_warning_is_one_line_whatever_the_folders_name(compare, comparison, calls,
                                                          tmp_path, monkeypatch, capsys,
                                                          quiet):
    folder = tmp_path / "new\nline \x1b[31mred\x1b]0;title\a"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv(store.ENV_DIR, str(folder))
    err = expect_refused(capsys, compare, comparison, calls, "others may write to it")
    assert err == (f"newsdiff: not using the cache folder {tmp_path}/new\\nline "
                   "\\x1b[31mred\\x1b]0;title\\x07: others may write to it (mode 0777)\n")


@posix_only
def test_no_cache_does_not_look_at_the_folder(compare, comparison, calls, capsys, quiet,
                                              monkeypatch):
    store.cache_dir().chmod(0o777)
    monkeypatch.setenv(store.ENV_OFF, "1")
    compare()
    assert capsys.readouterr().err == ""
    assert list(store.cache_dir().iterdir()) == []


@posix_only
def test_the_command_line_says_once_that_it_does_not_use_the_folder(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    env = dict(os.environ, NEWSDIFF_CACHE_DIR=str(folder), NEWSDIFF_WORKERS="1")
    run = subprocess.run([sys.executable, "-m", "newsdiff", *map(str, sample_story()[:2])],
                         env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr == (f"newsdiff: not using the cache folder {folder}: "
                          "others may write to it (mode 0777)\n")
    assert run.stdout and list(folder.iterdir()) == []


# --- failures are silent misses ---------------------------------------------------


def test_a_full_disk_keeps_nothing(compare, comparison, calls, monkeypatch, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    made = []

    def onto_a_full_disk(dir, prefix, suffix):  # mkstemp's own names
        made.append(Path(dir) / f"{prefix}full{suffix}")
        return os.open("/dev/full", os.O_WRONLY), str(made[-1])

    monkeypatch.setattr(store.tempfile, "mkstemp", onto_a_full_disk)
    assert compare() == comparison
    assert compare() == comparison
    assert calls == ["computed"] * 2 and len(made) == 2
    assert not list((store.cache_dir() / results.FOLDER).glob("*/*"))
    assert capsys.readouterr().err == ""


def test_a_folder_that_cannot_be_written_keeps_nothing(compare, comparison, calls,
                                                       monkeypatch, capsys):
    def refused(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(store.tempfile, "mkstemp", refused)
    assert compare() == comparison
    assert calls == ["computed"]
    assert capsys.readouterr().err == ""


# --- the size bound ------------------------------------------------------------


def fill(root: Path, count: int, size: int) -> list[Path]:
    """``count`` entries of ``size`` bytes, oldest first (an hour apart)."""
    paths = []
    for n in range(count):
        path = root / f"{n:02x}" / f"{n:02x}{'0' * 62}.json"
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


def test_a_write_over_the_bound_evicts_the_oldest_but_not_a_recent_hit(compare, monkeypatch):
    root = store.cache_dir() / results.FOLDER
    old = fill(root, 4, 50_000)
    monkeypatch.setattr(store, "_unmeasured", None)  # the process's first write measures
    monkeypatch.setattr(store, "MAX_BYTES", 160_000)
    os.utime(old[0])  # used just now: the newest of the four

    compare()

    assert [p.exists() for p in old] == [True, False, False, True]
    assert len(list(root.glob("*/*.json"))) == 3


def test_a_hit_counts_as_recently_used(compare):
    compare()
    entry = the_entry()
    os.utime(entry, (1_000_000, 1_000_000))
    compare()
    assert entry.stat().st_mtime > 1_000_000


def test_writes_measure_the_folder_only_now_and_then(compare, comparison, monkeypatch):
    trims = []
    monkeypatch.setattr(store, "trim", trims.append)
    monkeypatch.setattr(store, "_unmeasured", None)
    compare()
    results.cached_comparison(comparison.b, comparison.a, comparison.swapped,
                              fingerprint="test")
    assert len(trims) == 1, "the first write measures, the next ones count their bytes"
