"""Request bodies without a Content-Length (chunked) read in full, bounded, before the app sees them.

Werkzeug cuts a chunked body at the size cap and hands the app the cut text, which the
SPARQL view would then run; and a malformed chunk size surfaces as an unexpected error.
This middleware reads such a body itself: over `max_body` bytes is 413, bad chunking is
400, and the app gets the whole body with its length, like any other request.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable

from server.errors import error_body

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class BoundedBody:
    def __init__(self, app: WSGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked or (environ.get("wsgi.input_terminated") and not environ.get("CONTENT_LENGTH")):
            try:
                data = _read(environ["wsgi.input"], self.max_body + 1)
            except (OSError, ValueError) as exc:
                return _error(start_response, 400, f"the request body is malformed ({type(exc).__name__})")
            if len(data) > self.max_body:
                return _error(start_response, 413, f"request body larger than {self.max_body} bytes")
            environ["wsgi.input"] = io.BytesIO(data)
            environ["CONTENT_LENGTH"] = str(len(data))
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)


def _read(stream, limit: int) -> bytes:
    parts, size = [], 0
    while size < limit:
        block = stream.read(min(65536, limit - size))
        if not block:
            break
        parts.append(block)
        size += len(block)
    return b"".join(parts)


def _error(start_response: Callable, status: int, message: str) -> list[bytes]:
    body = json.dumps(error_body(status, message)).encode()
    phrase = "Request Entity Too Large" if status == 413 else "Bad Request"
    start_response(f"{status} {phrase}", [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                                         ("Connection", "close"), ("X-Content-Type-Options", "nosniff")])
    return [body]
