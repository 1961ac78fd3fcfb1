"""Articles from web addresses: ``newsdiff URL URL`` and ``newsdiff read URL…``.

The standard library's ``urllib.request`` does the fetching: one GET per page
needs no HTTP client dependency, and it honours the usual proxy variables.
What it lacks is added here, because a page comes from a stranger: a timeout
for each read and a deadline for the whole fetch (a server can trickle a byte
just inside every timeout), a size cap (the one for files,
``$NEWSDIFF_MAX_BYTES``) that a missing or lying Content-Length cannot get
round, a body shorter than its Content-Length or two Content-Lengths that
disagree refused rather than read as the page, interim (1xx) replies skipped up
to a limit, a redirect limit, redirects only to http(s), host names checked and
sent in their ASCII form, the charset the server names honoured, and only
media types a format reads (web pages and
plain text, see :func:`newsdiff.sources.formats.for_media_type`): the format a
document's Content-Type names reads its body, as a suffix names the format of
a file.  Every failure is an ``InputError`` of one line naming the address;
nothing the server sent is quoted in it, since a reply that is not HTTP can be
a whole page.

Imported only for an argument with a colon in it (see :func:`newsdiff.sources.is_url`), so
reading files never loads ``urllib.request``.
"""

from __future__ import annotations

import codecs
import dataclasses
import http.client
import os
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from newsdiff import __version__
from newsdiff.sources import files, formats
from newsdiff.sources.decoding import BOMS, codec_for_label
from newsdiff.sources.files import cannot_read, capped
from newsdiff.values import Article

SCHEMES = frozenset({"http", "https"})
TIMEOUT = 15.0
"""Seconds to wait for the connection and for each read; a stalled server is an error."""
DEADLINE = 30.0
"""Seconds a whole fetch may take, redirects included: a server that sends a byte now and
then, each inside ``TIMEOUT``, or interim replies without end, is cut off here."""
MAX_REDIRECTS = 5
MAX_INTERIM = 20
"""Interim replies (``103 Early Hints`` and the like, not ``100 Continue``) skipped before
the answer to a request: a server sends one or two."""
USER_AGENT = f"newsdiff/{__version__}"

_CHUNK = 64 * 1024
# Anchored: only the start of an argument can be a scheme, and a pattern that could start
# anywhere would try the rest of a long run of letters from each of them.
_SCHEME_RE = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*+):")
# Schemes that mean "an address" even without "//"; anything with "://" does too.
_OTHER_SCHEME_RE = re.compile(r"(?i)^(?:[a-z][a-z0-9+.-]+://|(?:file|ftp|javascript|data):)")


def is_url(arg: str) -> bool:
    """Whether ``arg`` is an http(s) address to fetch rather than a file to read.

    An address in another scheme (``file:``, ``ftp:``, ``javascript:`` …) is
    refused rather than read as a file name, which would only say "no such
    file"; an existing file is always a file, whatever its name.
    """
    match = _SCHEME_RE.match(arg)
    scheme = match.group(1).lower() if match else ""
    if scheme in SCHEMES:
        return True
    if _OTHER_SCHEME_RE.match(arg) and not os.path.exists(arg):
        raise cannot_read(arg, f"{scheme}: addresses are not fetched (only http and https)")
    return False


def fetch_article(
    url: str, *, timeout: float = TIMEOUT, deadline: float | None = None,
    max_bytes: int | None = None, max_redirects: int = MAX_REDIRECTS,
) -> Article:
    """The article at ``url``: its path and ``url`` are the address it was read from.

    ``timeout`` bounds the connection and each read, ``deadline`` (seconds,
    ``DEADLINE`` when None) the whole fetch; ``max_bytes`` defaults to the cap
    for files (see :func:`newsdiff.sources.files.max_bytes`).
    """
    try:
        parts = urlsplit(url)
    except ValueError as e:  # a malformed host, such as "http://[::1"
        raise cannot_read(url, f"not a valid address ({e})") from None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise cannot_read(url, "not an http or https address with a host name")
    cap = files.max_bytes() if max_bytes is None else max_bytes
    limit = DEADLINE if deadline is None else deadline
    data, final_url, form = _download(_ascii_host(url, parts, url), url, timeout, limit, cap,
                                      max_redirects)
    return dataclasses.replace(form.read(data, final_url), url=final_url)


def _ascii_host(url: str, parts: SplitResult, name: str) -> str:
    """``url`` (split as ``parts``) with its host name in the ASCII form that DNS and the
    Host header take (IDNA: ``bücher.de`` is ``xn--bcher-kva.de``), or an InputError naming
    ``name`` if it is not a valid one (a part empty or over 63 characters: the name could
    never resolve).

    ``urllib`` sends a non-ASCII host as Latin-1, or fails with a traceback on one
    Latin-1 cannot spell, and leaves the length checks to a codec that fails the same way.
    """
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as e:
        raise cannot_read(name, f"not a valid host name ({e.__cause__ or e})") from None
    if ascii_host == host:
        return url
    userinfo, at, hostport = parts.netloc.rpartition("@")
    _, colon, port = hostport.partition(":")  # no IPv6 literal is spelt in Unicode
    return urlunsplit(parts._replace(netloc=f"{userinfo}{at}{ascii_host}{colon}{port}"))


class _Deadline:
    """The end of one fetch: every connection made for it is watched, and when the time
    is up all of them are shut down, which ends any read waiting on them at once.

    A socket's timeout bounds each wait, not the sum of them, and ``http.client``
    reads a reply's status and headers (skipping any number of ``100 Continue``)
    inside urllib, where no loop of ours could look at a clock; shutting the
    socket from a timer reaches every read wherever it is.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds, self._fired = seconds, False
        self._end = time.monotonic() + seconds
        self._watched: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        """Whether the time is up (by the clock: the timer's thread may not have run yet)."""
        return self._fired or time.monotonic() >= self._end

    def left(self, timeout: float) -> float:
        """``timeout``, or the time left if that is shorter; TimeoutError if none is."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return min(timeout, left)

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock``'s connection down when the time is up.

        What is kept is a duplicate of its descriptor: TLS wraps a socket by taking
        its descriptor over, and the connection is the same through either.
        """
        with self._lock:
            if self._fired:
                raise TimeoutError
            self._watched.append(socket.fromfd(sock.fileno(), sock.family, sock.type))

    def _expire(self) -> None:
        with self._lock:
            self._fired = True
            for sock in self._watched:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:  # already closed by the server
                    pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._watched:
                sock.close()
            self._watched.clear()


class _FinalReply(http.client.HTTPResponse):
    """The reply that answers the request, read past the interim (1xx) replies before it.

    ``http.client`` skips ``100 Continue`` replies (any number of them, which the
    deadline bounds) but takes any other 1xx, such as ``103 Early Hints``, for
    the answer; browsers skip them all.  More than ``MAX_INTERIM`` of those is
    an error: a server that only ever hints has nothing to read.
    """

    def begin(self) -> None:
        super().begin()
        for _ in range(MAX_INTERIM):
            if not 100 <= self.status < 200:
                return
            self.headers = None  # what makes begin() read the next reply
            super().begin()
        raise _EndlessInterim


class _EndlessInterim(http.client.HTTPException):
    """More than ``MAX_INTERIM`` interim replies in a row."""


class _WatchedConnection(http.client.HTTPConnection):
    """An HTTP connection made within its fetch's :class:`_Deadline` and watched by it."""

    deadline: _Deadline
    response_class = _FinalReply

    def connect(self) -> None:
        self.timeout = self.deadline.left(self.timeout)
        super().connect()
        self.deadline.watch(self.sock)


class _WatchedTLSConnection(_WatchedConnection, http.client.HTTPSConnection):
    """An HTTPS connection watched once its handshake is done; the handshake itself is
    bounded by the socket's timeout, which :meth:`_WatchedConnection.connect` caps at the
    time left (a TLS operation's timeout is its total duration, not a wait per read)."""


_WATCHED = {http.client.HTTPConnection: _WatchedConnection,
            http.client.HTTPSConnection: _WatchedTLSConnection}


class _Watched(urllib.request.AbstractHTTPHandler):
    """Makes every connection of a fetch as one its :class:`_Deadline` watches (urllib's
    handlers name the ``http.client`` class they connect with; this takes the watched one)."""

    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def do_open(self, http_class, req, **http_conn_args):
        def connection(host, **kwargs):
            conn = _WATCHED[http_class](host, **kwargs)
            conn.deadline = self.deadline
            return conn

        return super().do_open(connection, req, **http_conn_args)


class _HTTP(_Watched, urllib.request.HTTPHandler):
    pass


class _HTTPS(_Watched, urllib.request.HTTPSHandler):
    pass


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s) addresses with valid hosts.

    urllib's own checks fail as an HTTPError that reads like the redirect's
    status, and it would follow ``ftp:``; these fail with a message that says why.
    """

    def __init__(self, url: str, limit: int) -> None:
        self.url, self.limit, self.count = url, limit, 0
        # urllib's loop guards must not trip before ours.
        self.max_repeats = self.max_redirections = limit + 1

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        try:
            parts = urlsplit(target)
        except ValueError:
            parts = None
        scheme = parts.scheme.lower() if parts else ""
        if scheme not in SCHEMES:
            fp.close()
            raise cannot_read(self.url, f"redirected to a {scheme}: address, not followed"
                              if scheme else "redirected to an address that is not valid")
        self.count += 1
        if self.count > self.limit:
            fp.close()
            raise cannot_read(self.url, f"more than {self.limit} redirects")
        del headers["location"], headers["uri"]
        headers["Location"] = _ascii_host(target, parts, self.url)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _download(
    url: str, given: str, timeout: float, seconds: float, cap: int, max_redirects: int,
) -> tuple[bytes, str, formats.Format]:
    """The body, the final address and the format of ``url``, or an InputError naming the
    address as ``given``."""
    deadline = _Deadline(seconds)
    opener = urllib.request.build_opener(_Redirects(given, max_redirects), _HTTP(deadline),
                                         _HTTPS(deadline))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            form = _format(response.headers.get("Content-Type"), final_url)
            declared = _content_length(response, final_url)
            data = _read_capped(response, final_url, cap, declared)
            if deadline.expired:  # its shutdown ended the body early
                raise TimeoutError
            _check_complete(response, len(data), declared, final_url)
            charset = response.headers.get_content_charset()
        return _with_charset(data, charset, final_url), final_url, form
    except urllib.error.HTTPError as e:
        e.close()
        raise cannot_read(given, f"HTTP {e.code} {e.reason}".strip()) from None
    except urllib.error.URLError as e:
        raise cannot_read(given, _reason(e.reason, timeout, deadline)) from None
    except (OSError, http.client.HTTPException) as e:
        raise cannot_read(given, _reason(e, timeout, deadline)) from None
    finally:
        deadline.close()


def _format(header: str | None, url: str) -> formats.Format:
    """The format that reads the media type a Content-Type header names, if one does (checked
    before the body is read, so a PDF or a video is not downloaded for nothing)."""
    kind = (header or "").split(";")[0].strip().lower()
    form = formats.for_media_type(kind)
    if form is None:
        got = f"a {kind} document" if kind else "no Content-Type"
        raise cannot_read(url, f"{got}, not a web page or text")
    return form


def _read_capped(response: http.client.HTTPResponse, url: str, cap: int,
                 declared: int | None) -> bytes:
    """The body in chunks, refused as soon as it passes ``cap`` bytes whatever the
    Content-Length says (a ``declared`` length over the cap is refused before reading)."""
    capped(b"", url, cap, declared)
    chunks, size = [], 0
    while chunk := response.read(min(_CHUNK, cap + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        capped(b"", url, cap, size)
    return b"".join(chunks)


def _content_length(response: http.client.HTTPResponse, url: str) -> int | None:
    """The body's length as the headers declare it, if they do; an InputError when they
    declare two different ones or something that is not a length.

    ``http.client`` reads the first Content-Length and ignores the rest (or all of them,
    when one is a list): a reply that disagrees with itself is not to be trusted with a page.
    """
    values = {v.strip() for header in response.headers.get_all("Content-Length") or ()
              for v in header.split(",")}
    if len(values) > 1:
        raise cannot_read(url, "the reply declares conflicting Content-Length headers")
    length = next(iter(values), None)
    if length is not None and not (length.isascii() and length.isdigit()):
        raise cannot_read(url, "the reply declares a Content-Length that is not a number")
    return int(length) if length is not None else None


def _check_complete(response: http.client.HTTPResponse, size: int, declared: int | None,
                    url: str) -> None:
    """An InputError when a body of ``size`` bytes is shorter than the ``declared`` length.

    ``http.client`` ends a sized read quietly when the connection closes early, so a
    page cut off in transfer would be compared as if whole.  A chunked body has no
    length to check (its reader fails on a cut of its own).
    """
    chunked = (response.headers.get("Transfer-Encoding") or "").strip().lower() == "chunked"
    if declared is not None and not chunked and size < declared:
        raise cannot_read(url, f"the connection closed after {size:,} of the {declared:,} "
                               "bytes the reply declared")


def _with_charset(data: bytes, label: str | None, url: str) -> bytes:
    """``data`` behind a UTF-8 BOM when the server names a charset the body is valid in;
    else as sent, for the format to decode by the document's own signals.

    A format reads bytes, and a BOM is the one signal every format already puts
    above everything the document says, which is where browsers put the HTTP
    charset (a BOM, then the server's charset, then a ``<meta>``).  A BOM already
    there wins over the server, as in a browser.
    """
    codec = codec_for_label(label, url) if label and not data.startswith(BOMS) else None
    if codec is None:
        return data
    try:
        return codecs.BOM_UTF8 + data.decode(codec).encode("utf-8")
    except UnicodeDecodeError:  # the server is wrong about the page
        return data


def _reason(error: BaseException | str, timeout: float, deadline: _Deadline) -> str:
    """A short reason for a network failure: the words a user can act on, never the
    server's own (a reply that is not HTTP puts the page where a status line should be)."""
    if deadline.expired:
        return f"not fetched within {deadline.seconds:g} s (the deadline for a whole fetch)"
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(error, socket.gaierror):
        return "host not found"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"TLS error: {error.verify_message}"
    if isinstance(error, ssl.SSLError):
        return f"TLS error: {error.reason or error}"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without replying"
    if isinstance(error, (http.client.BadStatusLine, http.client.UnknownProtocol)):
        return "not an HTTP reply (it does not begin with an HTTP/1 status line)"
    if isinstance(error, _EndlessInterim):
        return f"more than {MAX_INTERIM} interim (1xx) replies and no answer"
    if isinstance(error, http.client.IncompleteRead):
        return "the connection closed before the whole page arrived"
    if isinstance(error, http.client.LineTooLong):
        return "a malformed HTTP reply (a line longer than 64 KB)"
    if isinstance(error, http.client.InvalidURL):
        return f"not a valid address ({error})"
    if isinstance(error, http.client.HTTPException):
        return "a malformed HTTP reply"
    if isinstance(error, OSError):
        return (error.strerror or str(error)).lower()
    return str(error) or type(error).__name__
