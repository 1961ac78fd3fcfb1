"""Articles from web addresses: ``newsdiff URL URL`` and ``newsdiff read URL…``.

The standard library's ``urllib.request`` does the fetching: one GET per page
needs no HTTP client dependency, and it honours the usual proxy variables.
What it lacks is added here, because a page comes from a stranger: a timeout,
a size cap (the one for files, ``$NEWSDIFF_MAX_BYTES``) that a missing or
lying Content-Length cannot get round, a redirect limit, redirects only to
http(s), and only media types a format reads (web pages and plain text, see
:func:`newsdiff.sources.formats.for_media_type`): the format a document's
Content-Type names reads its body, as a suffix names the format of a file.
Every failure is an ``InputError`` of one line naming the address.

Imported only for an argument with a colon in it (see :func:`newsdiff.sources.is_url`), so
reading files never loads ``urllib.request``.
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import re
import socket
import ssl
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from newsdiff import __version__
from newsdiff.sources import files, formats
from newsdiff.sources.files import cannot_read, capped
from newsdiff.values import Article

SCHEMES = frozenset({"http", "https"})
TIMEOUT = 15.0
"""Seconds to wait for the connection and for each read; a stalled server is an error."""
MAX_REDIRECTS = 5
USER_AGENT = f"newsdiff/{__version__}"

_CHUNK = 64 * 1024
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
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
    url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> Article:
    """The article at ``url``: its path and ``url`` are the address it was read from.

    ``max_bytes`` defaults to the cap for files (see :func:`newsdiff.sources.files.max_bytes`).
    """
    try:
        parts = urlsplit(url)
    except ValueError as e:  # a malformed host, such as "http://[::1"
        raise cannot_read(url, f"not a valid address ({e})") from None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise cannot_read(url, "not an http or https address with a host name")
    cap = files.max_bytes() if max_bytes is None else max_bytes
    data, final_url, form = _download(url, timeout, cap, max_redirects)
    return _article(data, final_url, form)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, and only to http(s).

    urllib's own checks fail as an HTTPError that reads like the redirect's
    status, and it would follow ``ftp:``; these fail with a message that says why.
    """

    def __init__(self, url: str, limit: int) -> None:
        self.url, self.limit, self.count = url, limit, 0
        # urllib's loop guards must not trip before ours.
        self.max_repeats = self.max_redirections = limit + 1

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        scheme = urlsplit(target).scheme.lower()
        if scheme not in SCHEMES:
            fp.close()
            raise cannot_read(self.url, f"redirected to a {scheme}: address, not followed")
        self.count += 1
        if self.count > self.limit:
            fp.close()
            raise cannot_read(self.url, f"more than {self.limit} redirects")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _download(
    url: str, timeout: float, cap: int, max_redirects: int,
) -> tuple[bytes, str, formats.Format]:
    """The body, the final address and the format of ``url``, or an InputError."""
    opener = urllib.request.build_opener(_Redirects(url, max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            form = _format(response.headers.get("Content-Type"), final_url)
            return _read_capped(response, final_url, cap), final_url, form
    except urllib.error.HTTPError as e:
        e.close()
        raise cannot_read(url, f"HTTP {e.code} {e.reason}".strip()) from None
    except urllib.error.URLError as e:
        raise cannot_read(url, _reason(e.reason, timeout)) from None
    except (OSError, http.client.HTTPException) as e:
        raise cannot_read(url, _reason(e, timeout)) from None


def _format(header: str | None, url: str) -> formats.Format:
    """The format that reads the media type a Content-Type header names, if one does (checked
    before the body is read, so a PDF or a video is not downloaded for nothing)."""
    kind = (header or "").split(";")[0].strip().lower()
    form = formats.for_media_type(kind)
    if form is None:
        got = f"a {kind} document" if kind else "no Content-Type"
        raise cannot_read(url, f"{got}, not a web page or text")
    return form


def _read_capped(response: http.client.HTTPResponse, url: str, cap: int) -> bytes:
    """The body in chunks, refused as soon as it passes ``cap`` bytes whatever the
    Content-Length says (a large one is refused before reading)."""
    declared = response.headers.get("Content-Length", "").strip()
    capped(b"", url, cap, int(declared) if declared.isdigit() else None)
    chunks, size = [], 0
    while chunk := response.read(min(_CHUNK, cap + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        capped(b"", url, cap, size)
    return b"".join(chunks)


def _reason(error: BaseException | str, timeout: float) -> str:
    """A short reason for a network failure: the words a user can act on."""
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
    if isinstance(error, http.client.IncompleteRead):
        return "the connection closed before the whole page arrived"
    if isinstance(error, OSError):
        return (error.strerror or str(error)).lower()
    return str(error) or type(error).__name__


def _article(data: bytes, url: str, form: formats.Format) -> Article:
    """An Article read by ``form`` from a fetched body; its ``url`` is where it was read from.

    A text's outlet is its front matter's, else the host name (the last part of
    the address's path, which a file would give, says nothing about who wrote it).
    A web page keeps the outlet its format found (its site's name from its markup,
    and the address's last part only when the page names none).
    """
    article = form.read(data, url)
    if form.name == "text" and article.outlet == PurePosixPath(urlsplit(url).path).stem:
        article = dataclasses.replace(article, outlet=urlsplit(url).hostname or article.outlet)
    return dataclasses.replace(article, url=url)
