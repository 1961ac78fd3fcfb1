"""Bytes from files and standard input under the size cap (:mod:`newsdiff.sources.files`),
and the one-line error for every input that cannot be read."""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path

import pytest

from newsdiff.sources import files
from newsdiff.sources.files import read_source
from newsdiff.values.errors import InputError


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    assert read_source(str(path)) == (b"hello", str(path))


def test_read_stdin() -> None:
    assert read_source("-", io.BytesIO(b"from a pipe")) == (b"from a pipe", "<stdin>")


def test_read_stdin_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"piped")))
    assert read_source("-") == (b"piped", "<stdin>")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "x.txt"
    with pytest.raises(InputError) as info:
        read_source(str(missing))
    assert str(info.value) == f"newsdiff: cannot read '{missing}': no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(str(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_other_os_error(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_bytes(b"x")
    with pytest.raises(InputError, match="not a directory"):
        read_source(str(tmp_path / "file.txt" / "below"))


def test_too_big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputError, match="larger than"):
        read_source(str(path))
    with pytest.raises(InputError, match="<stdin>"):
        read_source("-", io.BytesIO(b"y" * 11))
    path.write_bytes(b"x" * 10)
    assert read_source(str(path))[0] == b"x" * 10


def test_cap_is_named_in_megabytes_when_whole() -> None:
    with pytest.raises(InputError) as info:
        files.capped(b"", "big.txt", 20 * 1024 * 1024, size=20 * 1024 * 1024 + 1)
    assert str(info.value) == ("newsdiff: cannot read 'big.txt': larger than 20 MB "
                               "(the cap; NEWSDIFF_MAX_BYTES sets another)")


def test_unprintable_name_stays_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(str(tmp_path / "a\nb.txt"))
    assert "\n" not in str(info.value) and "a\\nb.txt" in str(info.value)


# --- only regular files are read, and opening one never waits ------------------------

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _refusal(path: str) -> str:
    """The error for ``path``, read in a thread so that a regression fails rather than hangs
    (a named pipe without a writer blocks a plain ``open()`` forever)."""
    errors: list[BaseException] = []

    def read() -> None:
        try:
            read_source(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            errors.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"reading {path} blocked"
    assert len(errors) == 1 and isinstance(errors[0], InputError), errors
    message = str(errors[0])
    assert "\n" not in message and message.startswith(f"newsdiff: cannot read '{path}': ")
    return message


@posix
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    assert _refusal(str(fifo)).endswith(
        "a named pipe (FIFO), not a regular file ('-' reads standard input)")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused(tmp_path: Path) -> None:
    assert "a character device, not a regular file" in _refusal("/dev/zero")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert _refusal(str(path)).endswith("a socket, not a regular file")
