"""Articles from web addresses (:mod:`newsdiff.sources.url`), served by a local HTTP server:
nothing leaves the machine."""

from __future__ import annotations

import json
import socket
import socketserver
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from newsdiff import __version__
from newsdiff.cli import app
from newsdiff.sources import load_article
from newsdiff.sources.url import fetch_article, is_url
from newsdiff.values.errors import InputError
from tests.local_server import serving, without_proxies
from tests.locations import FIXTURES

NEWS_HTML = (FIXTURES / "html" / "news.html").read_bytes()
TEXT = b"""\
Sessions Spoke Twice With Russian Ambassador

Attorney General Jeff Sessions spoke twice last year with Russia's ambassador to the United States.

Sessions said he never met with any Russian officials to discuss issues of the campaign.
"""
OTHER_TEXT = TEXT.replace(b"spoke twice", b"met twice").replace(b"never met", b"did not meet")
BIG = 4096  # the cap the size tests use
KOI8_PAGE = """<html><head><meta charset="utf-8"><title>Москва</title></head><body><article>
<h1>Совет принял бюджет</h1>
<p>Городской совет Москвы во вторник принял бюджет на следующий год после долгих споров.</p>
<p>Против проголосовали три депутата, которые потребовали больше денег на школы.</p>
</article></body></html>"""
UNNAMED_PAGE = (FIXTURES / "html" / "hostile.html").read_bytes()  # names no site
MARKED_SITE = "The [red]Ledger[/red] \u202eSite"  # Rich markup and a right-to-left override
MARKED_PAGE = UNNAMED_PAGE.replace(
    b"<title>", f'<meta property="og:site_name" content="{MARKED_SITE}"><title>'.encode(), 1)


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
        elif path == "/utf16.txt":
            self._send(200, "text/plain; charset=utf-16le", TEXT.decode().encode("utf-16-le"))
        elif path == "/koi8.html":  # the server's charset outranks the page's <meta>
            self._send(200, 'text/html; charset="KOI8-R"', KOI8_PAGE.encode("koi8-r"))
        elif path == "/lying-charset.txt":  # declared UTF-8, sent in cp1252
            self._send(200, "text/plain; charset=utf-8", "Café owners protest.".encode("cp1252"))
        elif path == "/bom.txt":  # a BOM outranks the server's charset
            self._send(200, "text/plain; charset=koi8-r", b"\xef\xbb\xbf" + "Café.".encode())
        elif path == "/base64.txt":
            self._send(200, "text/plain; charset=base64", TEXT)
        elif path == "/iso-2022-kr.txt":
            self._send(200, "text/plain; charset=iso-2022-kr", TEXT)
        elif path == "/unnamed.html":
            self._send(200, "text/html", UNNAMED_PAGE)
        elif path == "/marked-site.html":
            self._send(200, "text/html", MARKED_PAGE)
        elif path == "/to-bad-host":
            self._redirect("http://a..b/story.txt")
        elif path == "/to-long-host":
            self._redirect("http://" + "a" * 300 + "/story.txt")
        elif path == "/to-unicode-host":
            self._redirect("http://b\u00fccher.invalid:8080/story.txt")
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
    without_proxies(monkeypatch)


@pytest.fixture(scope="module")
def base():
    with serving(Handler) as address:
        yield address


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


# --- a server that does not keep to HTTP ------------------------------------------

PAGE = b"<html><body>" + b"<p>A whole page where the status line should be.</p>" * 60
RAW_REPLIES = {
    "/http09": PAGE,  # HTTP/0.9: the body and nothing else
    "/short": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
              + TEXT,
    "/conflicting": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 40\r\n"
                    b"Content-Length: 80\r\n\r\n" + TEXT,
    "/listed": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d, %d\r\n\r\n"
               % (len(TEXT), len(TEXT)) + TEXT,
    "/not-a-number": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1e3\r\n\r\n"
                     + TEXT,
    "/no-reply": b"",
    "/early-hints": b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" * 2
                    + b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(TEXT) + TEXT,
    "/long-line": b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 70_000 + b"\r\n\r\n",
}
RAW_STREAMS = {  # what is sent again and again, every ``pause`` seconds, until the client goes
    "/trickle": (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 99999\r\n\r\n",
                 b"x", 0.05),
    "/trickle-status": (b"", b"H", 0.05),
    "/continue": (b"", b"HTTP/1.1 100 Continue\r\nX-Pad: " + b"a" * 1000 + b"\r\n\r\n", 0),
    "/hints": (b"", b"HTTP/1.1 103 Early Hints\r\n\r\n", 0),
}


class RawHandler(socketserver.BaseRequestHandler):
    """Replies byte for byte as written above, whatever HTTP says."""

    sent: ClassVar[dict[str, int]] = {}

    def handle(self):
        request = b""
        while b"\r\n\r\n" not in request and (chunk := self.request.recv(4096)):
            request += chunk
        path = request.split(b" ")[1].decode() if request.count(b" ") else ""
        try:
            if path in RAW_REPLIES:
                self.request.sendall(RAW_REPLIES[path])
                return
            first, again, pause = RAW_STREAMS[path]
            self.request.sendall(first)
            RawHandler.sent[path] = 0
            while True:
                self.request.sendall(again)
                RawHandler.sent[path] += 1
                time.sleep(pause)
        except OSError:  # the client hung up: the point of the stream
            pass


@pytest.fixture(scope="module")
def raw():
    with serving(RawHandler) as address:
        yield address


def test_a_reply_without_a_status_line_is_not_quoted(raw):
    message = error_of(f"{raw}/http09")
    assert "not an HTTP reply" in message and len(message) < 200


@pytest.mark.parametrize(("path", "reason"), [
    ("/short", f"closed after {len(TEXT)} of the 1,000 bytes"),
    ("/conflicting", "conflicting Content-Length"),
    ("/not-a-number", "Content-Length that is not a number"),
    ("/no-reply", "closed the connection without replying"),
    ("/long-line", "a line longer than 64 KB"),
])
def test_a_reply_that_disagrees_with_itself_is_refused(raw, path, reason):
    assert reason in error_of(raw + path)


def test_a_repeated_content_length_that_agrees_is_read(raw):
    assert fetch_article(f"{raw}/listed").title == "Sessions Spoke Twice With Russian Ambassador"


@pytest.mark.parametrize("path", ["/trickle", "/trickle-status"])
def test_a_trickle_inside_every_timeout_ends_at_the_deadline(raw, path):
    """A byte every 0.05 s never trips the 15 s read timeout; the deadline ends it."""
    start = time.monotonic()
    message = error_of(raw + path, deadline=0.5)
    assert "not fetched within 0.5 s" in message
    assert time.monotonic() - start < 5  # not the timeout, nor forever


class TrickledHandshake(socketserver.BaseRequestHandler):
    """Answers a ClientHello with the header of a 16 KB TLS record, then a byte of it every
    0.05 s: every read of the handshake gets something well inside its timeout."""

    def handle(self):
        self.request.recv(4096)
        try:
            self.request.sendall(b"\x16\x03\x03\x40\x00")
            while True:
                time.sleep(0.05)
                self.request.sendall(b"\x00")
        except OSError:  # the client hung up
            pass


def test_a_trickled_tls_handshake_stops_at_the_deadline():
    """The deadline holds during the handshake too, before any HTTP is read."""
    with serving(TrickledHandshake) as address:
        start = time.monotonic()
        url = address.replace("http://", "https://", 1) + "/"
        assert "not fetched within 0.5 s" in error_of(url, deadline=0.5, timeout=3)
        assert time.monotonic() - start < 2.5  # the deadline, not the read timeout


def test_interim_replies_without_end_stop_at_the_deadline_in_bounded_memory(raw):
    tracemalloc.start()
    try:
        assert "not fetched within 1 s" in error_of(f"{raw}/continue", deadline=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert RawHandler.sent["/continue"] > 100  # http.client skipped them all, one by one
    assert peak < 2_000_000


def test_interim_replies_before_the_answer_are_skipped(raw):
    """``103 Early Hints`` as well as ``100 Continue``: http.client alone took a 103 for the
    answer, an "HTTP 103" error."""
    assert fetch_article(f"{raw}/early-hints").title == "Sessions Spoke Twice With Russian Ambassador"


def test_hints_without_an_answer_are_a_bounded_error(raw):
    assert "more than 20 interim (1xx) replies" in error_of(f"{raw}/hints")


def test_load_article_passes_the_deadline_on(raw):
    with pytest.raises(InputError, match="not fetched within 0.5 s"):
        load_article(f"{raw}/trickle", deadline=0.5)


# --- charsets ----------------------------------------------------------------------


def test_the_servers_charset_is_honoured(base):
    assert fetch_article(f"{base}/utf16.txt").text == TEXT.decode()


def test_the_servers_charset_outranks_the_pages_meta(base):
    article = fetch_article(f"{base}/koi8.html")
    assert article.title == "Совет принял бюджет" and "Городской совет Москвы" in article.text


def test_a_bom_outranks_the_servers_charset(base):
    assert fetch_article(f"{base}/bom.txt").text == "Café."


def test_a_lying_charset_falls_back_to_the_documents_own(base):
    assert fetch_article(f"{base}/lying-charset.txt").text == "Café owners protest."


def test_a_label_that_is_not_a_web_encoding_is_ignored(base):
    """``base64`` is a Python codec, not an encoding browsers know: as if none were named."""
    assert fetch_article(f"{base}/base64.txt").title == "Sessions Spoke Twice With Russian Ambassador"


def test_an_encoding_browsers_refuse_is_refused(base):
    assert "iso-2022-kr, an encoding browsers refuse" in error_of(f"{base}/iso-2022-kr.txt")


# --- who published it --------------------------------------------------------------


def test_a_page_that_names_no_site_is_the_hosts(base):
    article = fetch_article(f"{base}/unnamed.html")
    assert article.outlet == "127.0.0.1"


# --- host names --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://" + "a" * 300 + "/x", "http://a..b/x",
                                 "https://" + "b" * 64 + ".example.com/"])
def test_an_impossible_host_name_is_one_line(url):
    assert "not a valid host name" in error_of(url)


@pytest.mark.parametrize("path", ["/to-bad-host", "/to-long-host"])
def test_a_redirect_to_an_impossible_host_is_one_line(base, path):
    message = error_of(base + path)
    assert "not a valid host name" in message and base + path in message


def test_a_unicode_host_is_asked_for_in_ascii(base, monkeypatch):
    """In its IDNA form, when given and when a redirect names it: urllib alone would send
    it as Latin-1, or fail on a character Latin-1 lacks."""
    asked, real = [], socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        asked.append(host)
        if host == "127.0.0.1":
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)  # not even a DNS query leaves
    assert "host not found" in error_of("http://b\u00fccher.invalid/x")
    assert "host not found" in error_of(f"{base}/to-unicode-host")
    assert asked == ["xn--bcher-kva.invalid", "127.0.0.1", "xn--bcher-kva.invalid"]


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


def test_cli_names_the_sites_shown_as_text(base):
    """The host a page came from, or the site name its metadata gives: shown as it is
    written, not as markup, and nothing in it acts on the terminal."""
    result = runner.invoke(app, [f"{base}/marked-site.html", f"{base}/unnamed.html",
                                 "--width", "120"])
    assert result.exit_code == 0, result.output
    assert "The [red]Ledger[/red]" in result.stdout and "127.0.0.1" in result.stdout
    assert "\u202e" not in result.stdout


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
    monkeypatch.setattr(cli, "_not_terminals", list)  # as if at a terminal
    result = CliRunner().invoke(cli.app, ["read", f"{base}/story.txt"])
    assert result.exit_code == 0, result.output
    assert opened == [[f"{base}/story.txt"]]