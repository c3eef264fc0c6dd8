"""One ArcGIS Server (or Portal-federated server): signed requests, checked answers, discovery."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, TypeVar
from urllib.parse import quote, urlencode

from .answers import error_of, read_json
from .auth import Credentials, TokenAuth
from .errors import BadResponse, ConnectionFailed, InsecureConnection, TokenRequired
from .exchange import Exchange, RetryPolicy, Settings, Signature, describe_origin, is_secure, origin
from .model import Catalog, Service, Task
from .transport import FileField, HttpResponse, RequestsTransport, Transport, describe_host
from .urls import rest_root, service_url, task_url

T = TypeVar("T")
#: ArcGIS Server takes the token in this header (since 10.6), which keeps it out of URLs and logs.
TOKEN_HEADER = "X-Esri-Authorization"


class Server:
    """Talks to one server's REST API. Every answer is checked for an error body.

    Credentials — the token, a Referer, the transport's own authentication — go only to this
    server's origin (scheme, host and port), and only over https or to this computer: another
    plain-http server with credentials raises InsecureConnection. The token travels in the
    X-Esri-Authorization header; a server that answers as if none came (499) gets it in the query
    or form instead, from then on. A token the server calls invalid or missing is renewed once and
    the request sent again. What the server says in an error never shows the token or password.

    `settings` (deadlines, the largest answer) may be shared with other servers; `retry` says when a
    failed request is sent again.
    """

    def __init__(
        self,
        url: str,
        *,
        transport: Transport | None = None,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        referer: str | None = None,
        settings: Settings | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 — frozen
    ):
        self.rest_root = rest_root(url)
        self.transport: Transport = transport or RequestsTransport()
        self.settings = settings if settings is not None else Settings()
        self.http = Exchange(self.transport, self.settings, retry)
        self._origin = origin(self.rest_root)
        self._token_in_query = False
        credentials = Credentials(username, password or "", referer) if username else None
        self.auth = (
            TokenAuth(self.rest_root, self.http, token=token, credentials=credentials, referer=referer)
            if token or credentials
            else None
        )

    def __repr__(self) -> str:
        return f"Server({self.rest_root!r})"

    # -- requests -------------------------------------------------------------------------------

    def get(self, url: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        fields = _text({"f": "json", **(params or {})})
        return self._signed(url, lambda: read_json(self._send("GET", url, fields), self._secrets()))

    def post(
        self, url: str, data: Mapping[str, Any] | None = None, files: Mapping[str, FileField] | None = None
    ) -> dict[str, Any]:
        fields = _text({"f": "json", **(data or {})})
        return self._signed(url, lambda: read_json(self._send("POST", url, fields, files=files), self._secrets()))

    def fetch(self, url: str, params: Mapping[str, Any] | None = None) -> HttpResponse:
        """A non-JSON resource (an image); an error body in its place is raised."""

        def attempt() -> HttpResponse:
            answer = self._send("GET", url, _text(params or {}))
            if "json" in answer.content_type.lower() or answer.status >= 300:
                read_json(answer, self._secrets())
                raise BadResponse(f"{describe_host(answer.url)} answered JSON where data was expected.")
            return answer

        return self._signed(url, attempt)

    def download(self, url: str, destination: Path, params: Mapping[str, Any] | None = None) -> Path:
        """Stream a file (a result TIFF, a data file) to `destination`. It is written to a temporary
        file beside it, checked (length, an error body or a web page in its place) and renamed only
        when complete: whatever fails, nothing partial is left."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
        os.close(handle)
        partial = Path(name)
        try:
            self._signed(url, lambda: self._download(url, partial, _text(params or {})))
            os.replace(partial, destination)
        finally:
            partial.unlink(missing_ok=True)
        return destination

    def is_own(self, url: str) -> bool:
        """Whether `url` is on this server's origin (scheme, host and port)."""
        return origin(url) == self._origin

    def authorised_url(self, url: str, params: Mapping[str, Any]) -> str:
        """A GET URL with its query, for a URL handed to another program (arcpy's getMapImageURL).
        The one place a token goes into a URL, as another program cannot send a header: only for
        this server's own URLs, over https or to this computer."""
        query = _text(params)
        if self.auth is not None and self._signature(url).credentials:
            query["token"] = self.auth.current() or ""
        return url + "?" + urlencode({key: value for key, value in query.items() if value})

    def _send(
        self,
        method: str,
        url: str,
        fields: Mapping[str, str],
        *,
        files: Mapping[str, FileField] | None = None,
        destination: Path | None = None,
    ) -> HttpResponse:
        return self.http.send(
            method, url, fields, own=self.rest_root, sign=self._signature, files=files, destination=destination
        )

    def _download(self, url: str, partial: Path, fields: Mapping[str, str]) -> None:
        answer = self._send("GET", url, fields, destination=partial)
        where = describe_host(answer.url)
        if answer.status >= 300:
            read_json(answer, self._secrets())
            raise BadResponse(f"{where} did not send the file (HTTP {answer.status}).")
        declared, size = answer.header("content-length").strip(), partial.stat().st_size
        if declared.isdigit() and not answer.header("content-encoding") and size != int(declared):
            raise ConnectionFailed(f"{where} sent {size} of the {declared} bytes of the file: it was cut short.")
        if "json" in answer.content_type.lower() and size < 65536:
            self._raise_error_file(partial, answer)
        if "text/html" in answer.content_type.lower() and not url.lower().endswith((".htm", ".html")):
            raise BadResponse(f"{where} answered a web page (a sign-in page?) instead of the file.")

    def _raise_error_file(self, path: Path, answer: HttpResponse) -> None:
        """A downloaded JSON file that is really an error body is raised."""
        try:
            body = json.loads(path.read_bytes())
        except (ValueError, RecursionError):
            return
        if isinstance(body, dict) and error_of(body):
            read_json(
                HttpResponse(answer.status, json.dumps(body).encode(), answer.content_type, answer.url), self._secrets()
            )

    def _signed(self, url: str, attempt: Callable[[], T]) -> T:
        """`attempt`, and again when this server refused the token: once with the token in the query
        or form if the header did not get through (499), once more with a renewed token."""
        try:
            return attempt()
        except TokenRequired as refused:
            if not self.is_own(url):
                raise
            if self.auth is None:
                raise self._sign_in_needed(refused, url) from None
            if refused.code == 499 and not self._token_in_query:
                self._token_in_query = True  # as if no token came: the header is not read there
                try:
                    return attempt()
                except TokenRequired as again:
                    self._token_in_query = again.code != 499  # a 498 means the query's token was read
                    refused = again
            self.auth.renew(refused)
            return attempt()

    def _signature(self, url: str) -> Signature:
        """What goes with a request to `url`: credentials only to this server's origin, and only
        where they are safe (https, or this computer)."""
        if not self.is_own(url):
            return Signature()
        if self.auth is None:
            return Signature(credentials=is_secure(url))
        if not is_secure(url):
            raise InsecureConnection(
                f"{describe_origin(url)} is a plain http address: a token or password is sent only over https "
                "(or to this computer). Use the server's https address."
            )
        token = self.auth.current()
        headers = {"Referer": self.auth.referer} if self.auth.referer else {}
        if token and not self._token_in_query:
            headers[TOKEN_HEADER] = f"Bearer {token}"
        return Signature({"token": token} if token and self._token_in_query else {}, headers, True)

    def _sign_in_needed(self, refused: TokenRequired, url: str) -> TokenRequired:
        hint = "this service needs a sign-in (a username and password, or a token)."
        if not is_secure(url):
            hint += f" Credentials are sent only over https: use the https address of {describe_origin(url)}."
        return TokenRequired(refused.code, f"{refused.message}: {hint}", refused.details, refused.url)

    def _secrets(self) -> list[str | None]:
        return self.auth.secrets() if self.auth is not None else []

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


def _text(fields: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in fields.items()}
