"""``--timeout SECONDS``: the deadline for fetching a web address, whole; its bounds."""

from __future__ import annotations

import socketserver
import time

import pytest

from newsdiff.cli import DEFAULT_TIMEOUT, MAX_TIMEOUT
from tests.cli.support import SEEDS, assert_one_line_error, run
from tests.local_server import serving, without_proxies


class Trickle(socketserver.BaseRequestHandler):
    """A reply that never ends: a byte every 0.05 s, well inside any read timeout."""

    def handle(self):
        request = b""
        while b"\r\n\r\n" not in request and (chunk := self.request.recv(4096)):
            request += chunk
        try:
            self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                 b"Content-Length: 99999\r\n\r\n")
            while True:
                self.request.sendall(b"x")
                time.sleep(0.05)
        except OSError:  # newsdiff hung up: the point
            pass


@pytest.fixture
def trickle(monkeypatch):
    without_proxies(monkeypatch)
    with serving(Trickle) as address:
        yield f"{address}/article.txt"


def test_a_fetch_that_outlasts_the_timeout_is_one_line(trickle):
    start = time.monotonic()
    result = run(trickle, SEEDS[0], "--timeout", "0.5")
    assert_one_line_error(result, "article.txt", "not fetched within 0.5 s")
    assert time.monotonic() - start < DEFAULT_TIMEOUT / 2  # the option's deadline, not 30 s


def test_the_default_is_the_fetchs_own_deadline():
    from newsdiff.sources.url import DEADLINE

    assert DEFAULT_TIMEOUT == DEADLINE
    assert f"[default: {DEFAULT_TIMEOUT}]" in run("--help").stdout


@pytest.mark.parametrize("value", ["0", "-1", "3601", "1e999", "nan", "soon"])
def test_a_timeout_out_of_range_is_one_line(value):
    assert_one_line_error(run(SEEDS[0], SEEDS[1], "--timeout", value), "--timeout")


@pytest.mark.parametrize("value", ["0.001", str(MAX_TIMEOUT)])
def test_files_are_read_whatever_the_timeout(value):
    result = run(SEEDS[0], SEEDS[1], "--timeout", value, "-f", "json")
    assert result.exit_code == 0, result.output
