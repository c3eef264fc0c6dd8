"""The HTTP layer: a threading HTTP/1.1 server (keep-alive), request decoding, answer writing.

Every answer carries a Content-Length so connections stay open. GET parameters come from the query
string, POST ones from the query string and the form body (urlencoded or multipart) together.
"""

from __future__ import annotations

import sys
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .forms import parse_body, parse_query
from .request import Request, UploadedFile
from .responses import RestError, Response, render
from .router import route
from .state import ServerState

CONTEXT_ROOT = "arcgis"
AREAS = ("rest", "tokens", "testing")


class GPHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: ServerState) -> None:
        super().__init__(address, GPRequestHandler)
        self.state = state


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
        self._answer(self._read_body())

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test process reads stderr only when the server dies."""

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():  # trailers, up to the blank line
                    pass
                return bytes(body)
            body += self.rfile.read(size)
            self.rfile.readline()  # the CRLF after each chunk

    def _answer(self, body: bytes) -> None:
        try:
            request = self._decode(body)
        except ValueError as exc:
            self._send(render(RestError(400, "Unable to complete operation.", [str(exc)]).to_json(), "json", ""))
            return
        if request is None:
            self._send(render(RestError(404, "Not Found", ["Not Found"]).to_json(), "json", ""))
            return
        try:
            result = route(request, self.server.state)
        except RestError as exc:
            result = exc.to_json()
        except Exception as exc:  # a server bug: say so in the ArcGIS way, keep the trace
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
        host = self.headers.get("Host") or f"{self.server.server_name}:{self.server.server_port}"
        headers = {name.lower(): value for name, value in self.headers.items()}
        return Request(self.command, segments, params, f"http://{host}/{CONTEXT_ROOT}", files, headers,
                       raw_segments[1].lower())

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)
