"""One error shape for every failure the server reports, JSON or plain text by negotiation.

JSON: {"error": {"status": 400, "title": "Bad Request", "message": "..."}}
Text: "400 Bad Request: ..." — never a stack trace.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from flask import Response, request


class HTTPError(Exception):
    """Raised by views; turned into the error shape by the app."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_body(status: int, message: str) -> dict:
    return {"error": {"status": status, "title": HTTPStatus(status).phrase, "message": message}}


def _wants_text() -> bool:
    accept = request.accept_mimetypes
    json_q = max(accept["application/json"], accept["application/sparql-results+json"])
    return accept["text/plain"] > json_q or (accept["text/html"] > json_q and accept.provided)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_text():
        body = f"{status} {HTTPStatus(status).phrase}: {message}\n"
        resp = Response(body, status=status, mimetype="text/plain")
    else:
        resp = Response(json.dumps(error_body(status, message)), status=status, mimetype="application/json")
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp
