"""Articles from web addresses (:mod:`newsdiff.sources.url`), served by a local HTTP server:
nothing leaves the machine."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from newsdiff import __version__
from newsdiff.cli import app
from newsdiff.sources import load_article
from newsdiff.sources.url import fetch_article, is_url
from newsdiff.values.errors import InputError
from tests.locations import FIXTURES

NEWS_HTML = (FIXTURES / "html" / "news.html").read_bytes()
TEXT = b"""\
Sessions Spoke Twice With Russian Ambassador

Attorney General Jeff Sessions spoke twice last year with Russia's ambassador to the United States.

Sessions said he never met with any Russian officials to discuss issues of the campaign.
"""
OTHER_TEXT = TEXT.replace(b"spoke twice", b"met twice").replace(b"never met", b"did not meet")
BIG = 4096  # the cap the size tests use


class Handler(BaseHTTPRequestHandler):
    """One path per case; ``/hop/N`` redirects N more times before the text article."""

    user_agents: ClassVar[list[str]] = []

    def do_GET(self):
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/news.html":
            self._send(200, "text/html; charset=utf-8", NEWS_HTML)
        elif path in ("/story.txt", "/other.txt"):
            self._send(200, "text/plain", TEXT if path == "/story.txt" else OTHER_TEXT)
        elif path == "/wire.md":
            self._send(200, "text/markdown; charset=utf-8", b"---\noutlet: Wire\n---\n" + TEXT)
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            self._redirect("/story.txt" if left <= 1 else f"/hop/{left - 1}")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path in ("/missing", "/broken"):
            self._send(404 if path == "/missing" else 500, "text/html", b"<p>no</p>")
        elif path == "/slow":
            time.sleep(1)
            self._send(200, "text/plain", TEXT)
        elif path == "/huge-declared":
            self._send(200, "text/plain", b"x" * (BIG * 4))
        elif path == "/huge-streamed":
            self._stream(declared=None)
        elif path == "/huge-lying":
            self._stream(declared="10")
        elif path == "/paper.pdf":
            self._send(200, "application/pdf", b"%PDF-1.4")
        else:
            self._send(404, "text/plain", b"")

    def _send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client gave up (a timeout test): nothing to report
            pass

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, declared):
        """Text without end (``declared``: the Content-Length to claim), until the client
        hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if declared:
            self.send_header("Content-Length", declared)
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"word " * 200)
        except OSError:
            pass

    def log_message(self, *args):
        """Quiet: the test output is for failures."""


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy from the environment must not see the requests for 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture(scope="module")
def base():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def error_of(url, **kw):
    with pytest.raises(InputError) as info:
        fetch_article(url, **kw)
    message = str(info.value)
    assert "\n" not in message and message.startswith("newsdiff: cannot read '")
    return message


# --- recognising addresses -----------------------------------------------------


@pytest.mark.parametrize("arg", ["http://example.com/a", "HTTPS://example.com/a"])
def test_http_and_https_are_addresses(arg):
    assert is_url(arg)


@pytest.mark.parametrize("arg", ["story.txt", "-", "seeds/", "C:\\news\\a.txt", "notes:draft"])
def test_file_names_are_not(arg):
    assert not is_url(arg)


@pytest.mark.parametrize("arg", ["file:///etc/passwd", "ftp://example.com/a.txt",
                                 "javascript:alert(1)", "gopher://example.com/"])
def test_other_schemes_are_refused(arg):
    with pytest.raises(InputError, match="only http and https"):
        is_url(arg)


def test_an_existing_file_is_a_file_whatever_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("data:1.txt").write_bytes(TEXT)
    assert not is_url("data:1.txt")


# --- fetching ------------------------------------------------------------------


def test_html_page(base):
    article = load_article(f"{base}/news.html")
    assert article.path == article.url == f"{base}/news.html"
    assert article.title == "Sessions Met Russian Envoy Twice Last Year"
    assert article.outlet == "The Daily Ledger" and article.date == "2017-03-01"
    assert "Subscribe today" not in article.text
    assert Handler.user_agents[-1] == f"newsdiff/{__version__}"


def test_text_article(base):
    article = fetch_article(f"{base}/story.txt")
    assert article.url == f"{base}/story.txt"
    assert article.title == "Sessions Spoke Twice With Russian Ambassador"
    assert article.outlet == "127.0.0.1"


def test_a_text_keeps_the_outlet_its_front_matter_names(base):
    article = fetch_article(f"{base}/wire.md")
    assert (article.outlet, article.url) == ("Wire", f"{base}/wire.md")


def test_redirects_within_the_limit_give_the_final_address(base):
    article = fetch_article(f"{base}/hop/3", max_redirects=3)
    assert article.url == article.path == f"{base}/story.txt"


def test_too_many_redirects(base):
    assert "more than 3 redirects" in error_of(f"{base}/hop/4", max_redirects=3)


def test_redirect_to_a_file_is_refused(base):
    message = error_of(f"{base}/to-file")
    assert "redirected to a file: address" in message and f"{base}/to-file" in message


@pytest.mark.parametrize(("path", "status"), [("/missing", "HTTP 404"), ("/broken", "HTTP 500")])
def test_http_errors_say_the_status(base, path, status):
    assert status in error_of(base + path)


def test_timeout(base):
    assert "timed out" in error_of(f"{base}/slow", timeout=0.2)


@pytest.mark.parametrize("path", ["/huge-declared", "/huge-streamed"])
def test_size_cap(base, path):
    assert f"larger than {BIG} bytes" in error_of(base + path, max_bytes=BIG)


def test_a_short_content_length_reads_no_further(base):
    """An endless body declared as 10 bytes: those 10 bytes are the whole article."""
    assert fetch_article(f"{base}/huge-lying", max_bytes=BIG).text == "word word "


def test_size_cap_from_the_environment(base, monkeypatch):
    monkeypatch.setenv("NEWSDIFF_MAX_BYTES", str(BIG))
    assert "larger than" in error_of(f"{base}/huge-streamed")


def test_wrong_content_type(base):
    message = error_of(f"{base}/paper.pdf")
    assert "application/pdf" in message and "paper.pdf" in message


def test_connection_refused():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert "connection refused" in error_of(f"http://127.0.0.1:{port}/a")


def test_unknown_host(monkeypatch):
    import socket

    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # not even a DNS query leaves
    assert "host not found" in error_of("http://newsdiff.invalid/a")


def test_tls_error(base):
    # A plain HTTP server answering a TLS handshake.
    message = error_of(base.replace("http:", "https:") + "/story.txt", timeout=2)
    assert "TLS error" in message


def test_malformed_address():
    assert "not a valid address" in error_of("http://[::1")


# --- end to end ----------------------------------------------------------------

runner = CliRunner()


def test_cli_compares_two_addresses(base):
    result = runner.invoke(app, [f"{base}/story.txt", f"{base}/other.txt", "--width", "100"])
    assert result.exit_code == 0, result.output
    assert "Sessions" in result.stdout


def test_cli_json_has_the_url(base):
    result = runner.invoke(app, [f"{base}/news.html", f"{base}/story.txt", "--format", "json"])
    assert result.exit_code == 0, result.output
    urls = [a["url"] for a in json.loads(result.stdout)["articles"]]
    assert urls == [f"{base}/news.html", f"{base}/story.txt"]


@pytest.mark.parametrize(("url", "fragment"), [("/missing", "HTTP 404"), (None, "file:")])
def test_cli_bad_address_is_one_line(base, url, fragment):
    arg = base + url if url else "file:///etc/passwd"
    result = runner.invoke(app, [arg, f"{base}/story.txt"])
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and fragment in result.stderr


def test_read_command_accepts_addresses(base, monkeypatch):
    from newsdiff import cli

    opened = []
    monkeypatch.setattr(cli, "_open_reader", lambda paths, db: opened.append(paths))
    result = CliRunner().invoke(cli.read_app, [f"{base}/story.txt"])
    assert result.exit_code == 0, result.output
    assert opened == [[f"{base}/story.txt"]]