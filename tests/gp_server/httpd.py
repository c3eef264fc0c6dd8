"""The HTTP layer: a threading HTTP/1.1 server (keep-alive), request decoding, answer writing.

Every answer carries a Content-Length so connections stay open. GET parameters come from the query
string, POST ones from the query string and the form body (urlencoded or multipart) together.

A POST body over ``MAX_REQUEST_BYTES`` (``MAX_UPLOAD_BYTES`` for ``.../uploads/upload``) is read to its
end and thrown away, then answered HTTP 413 with an error body: the client gets the answer, not a
connection reset, and the connection stays usable.
"""

from __future__ import annotations

import sys
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import security
from .forms import parse_body, parse_query
from .request import Request, UploadedFile
from .responses import Response, RestError, json_response, render
from .router import route
from .state import ServerState

CONTEXT_ROOT = "arcgis"
AREAS = ("rest", "tokens", "testing")
MIB = 1024 * 1024
MAX_REQUEST_BYTES = 10 * MIB
MAX_UPLOAD_BYTES = 200 * MIB
UPLOAD_PATH_END = "/uploads/upload"
DISCARD_CHUNK_BYTES = MIB


class GPHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: ServerState) -> None:
        super().__init__(address, GPRequestHandler)
        self.state = state
        self.canonical_host = f"{address[0]}:{self.server_address[1]}"
        """``<host>:<port>`` as asked for: the host of the root URL printed at start-up."""

    @property
    def root_url(self) -> str:
        return f"http://{self.canonical_host}/{CONTEXT_ROOT}"


class GPRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "gp_server/1.0"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK would add ~40 ms to every keep-alive answer.
    disable_nagle_algorithm = True
    server: GPHTTPServer

    def do_GET(self) -> None:
        self._answer(b"")

    def do_POST(self) -> None:
        limit = self._body_limit()
        body = self._read_body(limit)
        if body is None:
            self._send(_too_large(limit))
            return
        self._answer(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test process reads stderr only when the server dies."""

    def _body_limit(self) -> int:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/").lower()
        return MAX_UPLOAD_BYTES if path.endswith(UPLOAD_PATH_END) else MAX_REQUEST_BYTES

    def _read_body(self, limit: int) -> bytes | None:
        """The body, or None when it is over the limit (then read to its end all the same)."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked(limit)
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            self._discard(length)
            return None
        return self.rfile.read(length)

    def _read_chunked(self, limit: int) -> bytes | None:
        body = bytearray()
        too_large = False
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers, up to the blank line
                    pass
                return None if too_large else bytes(body)
            too_large = too_large or len(body) + size > limit
            if too_large:
                self._discard(size)
                body.clear()
            else:
                body += self.rfile.read(size)
            self.rfile.readline()  # the CRLF after each chunk

    def _discard(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, DISCARD_CHUNK_BYTES))
            if not chunk:
                return
            length -= len(chunk)

    def _answer(self, body: bytes) -> None:
        try:
            request = self._decode(body)
        except ValueError as exc:
            self._send(render(RestError(400, "Unable to complete operation.", [str(exc)]).to_json(), "json", ""))
            return
        if request is None:
            self._send(render(RestError(404, "Not Found", ["Not Found"]).to_json(), "json", ""))
            return
        if self.server.state.drops.take(request):
            self.close_connection = True  # no answer at all
            return
        if security.token_sent_elsewhere(request, self.server.canonical_host):
            self._send(json_response(security.FOREIGN_HOST_ERROR, status=403))
            return
        try:
            result = route(request, self.server.state)
        except RestError as exc:
            result = exc.to_json()
        except Exception as exc:  # noqa: BLE001 — a server bug: say so in the ArcGIS way, keep the trace
            traceback.print_exc(file=sys.stderr)
            result = RestError(500, "Internal server error.", [f"{type(exc).__name__}: {exc}"]).to_json()
        title = "/".join(request.segments) or "rest"
        self._send(result if isinstance(result, Response) else render(result, request.f, title))

    def _decode(self, body: bytes) -> Request | None:
        """The request, or None when the path is not under ``/<context root>/(rest|tokens|testing)/``."""
        parts = urllib.parse.urlsplit(self.path)
        raw_segments = parts.path.split("/")[1:]
        if len(raw_segments) < 2 or raw_segments[0] != CONTEXT_ROOT or raw_segments[1].lower() not in AREAS:
            return None
        segments = tuple(urllib.parse.unquote(s) for s in raw_segments[2:])
        if segments and segments[-1] == "":
            segments = segments[:-1]  # a trailing slash
        params = parse_query(parts.query)
        files: dict[str, UploadedFile] = {}
        if self.command == "POST":
            form, files = parse_body(self.headers.get("Content-Type", ""), body)
            params.update(form)
        host = self.headers.get("Host") or self.server.canonical_host
        headers = {name.lower(): value for name, value in self.headers.items()}
        return Request(
            self.command,
            segments,
            params,
            f"http://{host}/{CONTEXT_ROOT}",
            host,
            files,
            headers,
            raw_segments[1].lower(),
        )

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)


def _too_large(limit: int) -> Response:
    detail = f"The request is larger than the server accepts ({limit // MIB} MB)."
    if limit == MAX_REQUEST_BYTES:
        detail += " Upload large inputs first."
    return json_response(RestError(413, "Request Entity Too Large", [detail]).to_json(), status=413)
