"""One ArcGIS Server (or Portal-federated server): signed requests, checked answers, discovery."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar
from urllib.parse import quote, urlencode, urlsplit

from .answers import error_of, read_json
from .auth import Credentials, TokenAuth
from .errors import BadResponse, TokenRequired
from .model import Catalog, Service, Task
from .transport import FileField, HttpResponse, RequestsTransport, Transport, describe_host
from .urls import rest_root, service_url, task_url

T = TypeVar("T")


class Server:
    """Talks to one server's REST API. Every answer is checked for an error body. The token goes
    only to this server's host, never to another one a result URL may point at; a token the server
    calls invalid or missing (498/499) is renewed once and the request sent again."""

    def __init__(self, url: str, *, transport: Transport | None = None, token: str | None = None,
                 username: str | None = None, password: str | None = None, referer: str | None = None):
        self.rest_root = rest_root(url)
        self.transport: Transport = transport or RequestsTransport()
        self._host = urlsplit(self.rest_root).netloc.lower()
        credentials = Credentials(username, password or "", referer) if username else None
        self.auth = (TokenAuth(self.rest_root, self.transport, token=token, credentials=credentials, referer=referer)
                     if token or credentials else None)

    def __repr__(self) -> str:
        return f"Server({self.rest_root!r})"

    # -- requests -------------------------------------------------------------------------------

    def get(self, url: str, params: Mapping[str, Any] | None = None) -> dict:
        fields = {"f": "json", **(params or {})}
        return self._signed(url, lambda query, headers: read_json(
            self.transport.request("GET", url, params=query, headers=headers)), fields)

    def post(self, url: str, data: Mapping[str, Any] | None = None, files: Mapping[str, FileField] | None = None) -> dict:
        fields = {"f": "json", **(data or {})}

        def send(form: dict[str, str], headers: dict[str, str]) -> dict:
            for _, stream, _ in (files or {}).values():
                stream.seek(0)  # a retried upload sends the file again from its start
            return read_json(self.transport.request("POST", url, data=form, files=files, headers=headers))

        return self._signed(url, send, fields)

    def fetch(self, url: str, params: Mapping[str, Any] | None = None) -> HttpResponse:
        """A non-JSON resource (an image); an error body in its place is raised."""
        def send(query: dict[str, str], headers: dict[str, str]) -> HttpResponse:
            answer = self.transport.request("GET", url, params=query, headers=headers)
            if "json" in answer.content_type.lower() or answer.status >= 400:
                read_json(answer)
                raise BadResponse(f"{describe_host(url)} answered JSON where data was expected.")
            return answer

        return self._signed(url, send, dict(params or {}))

    def download(self, url: str, destination: Path, params: Mapping[str, Any] | None = None) -> Path:
        """Stream a file (a result TIFF, a data file) to `destination`. Servers send errors with
        HTTP 200 too: a small JSON answer holding an error body is raised, not kept as the file."""
        destination.parent.mkdir(parents=True, exist_ok=True)

        def send(query: dict[str, str], headers: dict[str, str]) -> Path:
            answer = self.transport.download(url, destination, params=query, headers=headers)
            if answer.status >= 400:
                destination.unlink(missing_ok=True)
                read_json(answer)
                raise BadResponse(f"{describe_host(url)} did not send the file (HTTP {answer.status}).")
            if "json" in answer.content_type.lower() and destination.stat().st_size < 65536:
                _raise_error_file(destination, answer)
            if "text/html" in answer.content_type.lower() and not url.lower().endswith((".htm", ".html")):
                destination.unlink()
                raise BadResponse(f"{describe_host(url)} answered a web page (a sign-in page?) instead of the file.")
            return destination

        return self._signed(url, send, dict(params or {}))

    def is_own(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() == self._host

    def authorised_url(self, url: str, params: Mapping[str, Any]) -> str:
        """A GET URL with its query, for a URL handed to another program (arcpy's getMapImageURL):
        it carries the token when the URL is on this server."""
        query, _ = self._sign(url, dict(params))
        return url + "?" + urlencode(query)

    def _signed(self, url: str, send: Callable[[dict[str, str], dict[str, str]], T], fields: dict[str, Any]) -> T:
        try:
            return send(*self._sign(url, fields))
        except TokenRequired as refused:
            if not self.is_own(url):
                raise
            if self.auth is None:
                raise TokenRequired(refused.code, f"{refused.message}: this service needs a sign-in "
                                    "(a username and password, or a token).", refused.details, refused.url) from None
            self.auth.renew(refused)
            return send(*self._sign(url, fields))

    def _sign(self, url: str, fields: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
        query = {key: str(value) for key, value in fields.items()}
        headers: dict[str, str] = {}
        if self.auth is not None and self.is_own(url):
            token = self.auth.current()
            if token:
                query["token"] = token
            if self.auth.referer:
                headers["Referer"] = self.auth.referer
        return query, headers

    # -- discovery -----------------------------------------------------------------------------

    def catalog(self, folder: str = "") -> Catalog:
        url = f"{self.rest_root}/{quote(folder)}" if folder else self.rest_root
        return Catalog.from_json(self.get(url), url)

    def service(self, name: str) -> Service:
        url = service_url(self.rest_root, name)
        return Service.from_json(self.get(url), url, name)

    def task(self, service: Service | str, name: str) -> Task:
        if isinstance(service, str):
            service = self.service(service)
        url = task_url(service.url, name)
        return Task.from_json(self.get(url), url, service)


def _raise_error_file(path: Path, answer: HttpResponse) -> None:
    """A downloaded JSON file that is really an error body: removed, and raised."""
    try:
        body = json.loads(path.read_bytes())
    except (ValueError, RecursionError):
        return
    if isinstance(body, dict) and error_of(body):
        path.unlink()
        read_json(HttpResponse(answer.status, json.dumps(body).encode(), answer.content_type, answer.url))
