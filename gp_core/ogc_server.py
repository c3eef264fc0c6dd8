"""A client for OGC API - Processes - Part 1: Core (1.0) servers.

    server = OgcServer("https://host/ogcapi")
    process = server.process("buffer")
    outcome = server.execute(process, {"features": feature_set, "distance": 10})
    buffered = outcome.output("buffered")          # sync: the results are there
    # or, run asynchronously: server.execute(..., asynchronous=True) is an OgcJob; job.wait()

Requests go through the same `Exchange` as the GP client: retries, deadlines, cancel, and redirects
followed by its rules. Credentials (an Authorization header — Basic or Bearer —, an API key header,
the transport's own QGIS authentication) go only to the server's origin and only over https or to
this computer; a POST or DELETE is never redirected to another origin. Error bodies (RFC 7807
`application/problem+json`, or pygeoapi's `{code, description}`) become a ServerError with the
server's own words, scrubbed of the secrets.
"""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from .errors import (
    BadResponse,
    ConnectionFailed,
    InsecureConnection,
    NotOgcProcesses,
    ParameterError,
    ServerError,
    quoted,
    scrub,
)
from .exchange import Exchange, RetryPolicy, Settings, Signature, describe_origin, is_secure, origin
from .ogc_model import Process
from .transport import HttpResponse, RequestsTransport, Transport, describe_host

if TYPE_CHECKING:
    from .ogc_job import OgcJob

#: The conformance class every Part 1 server declares (any later 1.x revision of it too).
CORE = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core"
REL_PROCESSES = "http://www.opengis.net/def/rel/ogc/1.0/processes"
REL_JOBS = "http://www.opengis.net/def/rel/ogc/1.0/job-list"
REL_CONFORMANCE = "http://www.opengis.net/def/rel/ogc/1.0/conformance"
#: Pages of `/processes` read at most: a server whose `next` links never end is not followed forever.
MAX_PAGES = 100
_JSON = "application/json"
_ACCEPT = {"Accept": "application/json, application/problem+json;q=0.9"}
_SPACE = re.compile(rb"\s*")
_JOB_STATES = {"accepted", "running", "successful", "failed", "dismissed"}


def basic_auth(username: str, password: str) -> dict[str, str]:
    """The header of HTTP Basic authentication."""
    pair = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


def bearer(token: str) -> dict[str, str]:
    """The header of a bearer token (OAuth2)."""
    return {"Authorization": f"Bearer {token}"}


class OgcServer:
    """One OGC API - Processes server (its landing page's URL, or its `/processes` URL).

    `headers` carry the credentials (see `basic_auth`, `bearer`, or an API key's own header name):
    they go with every request to the server's origin over https or to this computer, never
    elsewhere; with them, a plain-http address of another computer raises InsecureConnection. A
    user and password written in the URL (`https://user:password@host/...`) become Basic
    authentication's header and leave the URL, which errors and logs show.

    `transport_signs` says the transport adds credentials of its own (a QGIS authentication
    configuration) to the requests it is let credit: the same rules hold for them as for
    `headers`. `secrets` are their values (a Basic configuration's header), which a server may
    quote back: never shown in an error or a log."""

    def __init__(
        self,
        url: str,
        *,
        transport: Transport | None = None,
        settings: Settings | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008 — frozen
        headers: Mapping[str, str] | None = None,
        transport_signs: bool = False,
        secrets: Sequence[str] = (),
    ):
        self.url = landing_url(url)
        self.transport: Transport = transport or RequestsTransport()
        self.settings = settings if settings is not None else Settings()
        self.http = Exchange(self.transport, self.settings, retry)
        self._origin = origin(self.url)
        self._headers = dict(headers or {})
        self.transport_signs = transport_signs
        self._secrets = tuple(secrets)
        parts = urlsplit(url.strip())
        if parts.username is not None and not any(name.lower() == "authorization" for name in self._headers):
            self._headers.update(basic_auth(unquote(parts.username), unquote(parts.password or "")))
        self._links: dict[str, str] | None = None
        self._conforms: tuple[str, ...] | None = None

    def __repr__(self) -> str:
        return f"OgcServer({self.url!r})"

    # -- requests -------------------------------------------------------------------------------

    def is_own(self, url: str) -> bool:
        return origin(url) == self._origin

    def secrets(self) -> list[str]:
        """What never goes into an error or a log: the credential headers' values and the
        transport's secrets, and their parts."""
        found: list[str] = []
        for value in (*self._headers.values(), *self._secrets):
            found.append(value)
            scheme, _, credential = value.partition(" ")
            if credential:
                found.append(credential)
            if scheme.lower() == "basic":
                try:
                    found.append(base64.b64decode(credential).decode("utf-8").partition(":")[2])
                except ValueError:
                    pass
        return [secret for secret in found if secret]

    def send(
        self, method: str, url: str, *, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> HttpResponse:
        """One request (JSON `body` when given), redirects followed by the Exchange's rules."""
        content = None if body is None else json.dumps(body).encode("utf-8")
        extra = {**_ACCEPT, **({"Content-Type": _JSON} if content is not None else {}), **(headers or {})}
        return self.http.send(method, url, {}, own=self.url, sign=self._signature, body=content, headers=extra)

    def get(self, url: str, what: str) -> Any:
        """The JSON of a GET; `what` says what was read, for errors."""
        return read_ogc_json(self.send("GET", url), what, self.secrets())

    def _signature(self, url: str) -> Signature:
        if not self.is_own(url):
            return Signature()
        if not self._headers and not self.transport_signs:
            return Signature(credentials=is_secure(url))
        if not is_secure(url):
            raise InsecureConnection(
                f"{describe_origin(url)} is a plain http address: credentials are sent only over https "
                "(or to this computer). Use the server's https address."
            )
        return Signature({}, self._headers, True)

    def download(self, url: str, destination: Path, media_types: Sequence[str] = ()) -> Path:
        """A file (an output by reference) streamed to `destination` through a temporary file beside
        it, renamed only once whole: whatever fails, nothing partial is left. Credentials go only to
        this server's origin. A web page is refused unless `media_types` (the file's, when known)
        name HTML: a portal's sign-in page is not the file."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=destination.parent)
        os.close(handle)
        partial = Path(name)
        try:
            answer = self.http.send("GET", url, {}, own=self.url, sign=self._signature, destination=partial)
            if answer.status >= 300:
                read_ogc_json(answer, f"downloading {describe_host(url)}", self.secrets())
                raise BadResponse(f"{describe_host(answer.url)} did not send the file (HTTP {answer.status}).")
            if _is_web_page(answer.content_type, media_types):
                raise BadResponse(f"{describe_host(answer.url)} answered a web page where the file was expected.")
            declared, size = answer.header("content-length").strip(), partial.stat().st_size
            if declared.isdigit() and not answer.header("content-encoding") and size != int(declared):
                raise ConnectionFailed(
                    f"{describe_host(answer.url)} sent {size} of the {declared} bytes of the file: it was cut short."
                )
            os.replace(partial, destination)
        finally:
            partial.unlink(missing_ok=True)
        return destination

    # -- discovery -----------------------------------------------------------------------------

    def landing(self) -> dict[str, str]:
        """The landing page's links by relation (read once)."""
        if self._links is None:
            body = self.get(self.url, "reading the landing page")
            if not isinstance(body, dict):
                raise BadResponse(f"{describe_host(self.url)}: the landing page is not a JSON object.")
            self._links = links_of(body, self.url)
        return self._links

    def conformance(self) -> tuple[str, ...]:
        """The conformance classes the server declares; a server without Part 1 Core raises
        NotOgcProcesses."""
        if self._conforms is None:
            url = self.landing().get("conformance") or self.landing().get(REL_CONFORMANCE) or self.url + "/conformance"
            body = self.get(url, "reading the conformance classes")
            classes = body.get("conformsTo") if isinstance(body, dict) else None
            if not isinstance(classes, list) or not all(isinstance(item, str) for item in classes):
                raise NotOgcProcesses(
                    f"{describe_host(url)} lists no conformance classes ('conformsTo'): "
                    "it is not an OGC API - Processes server."
                )
            if not any(_is_core(item) for item in classes):
                raise NotOgcProcesses(
                    f"{describe_host(self.url)} is not an OGC API - Processes server: it does not declare the "
                    f"conformance class {CORE} (it declares: {_listed(classes)})."
                )
            self._conforms = tuple(classes)
        return self._conforms

    @property
    def processes_url(self) -> str:
        return _base(self.landing().get(REL_PROCESSES) or self.landing().get("processes") or self.url + "/processes")

    @property
    def jobs_url(self) -> str:
        return _base(self.landing().get(REL_JOBS) or self.landing().get("jobs") or self.url + "/jobs")

    def processes(self) -> list[Process]:
        """Every process the server lists, page after page (`rel: next` links, at most MAX_PAGES)."""
        self.conformance()
        found: list[Process] = []
        url: str | None = self.processes_url
        seen: set[str] = set()
        while url is not None:
            if url in seen or len(seen) >= MAX_PAGES:
                raise BadResponse(
                    f"{describe_host(self.processes_url)} lists its processes on more than {MAX_PAGES} pages, or "
                    "its pages link back to each other: the list was not read to its end."
                )
            seen.add(url)
            body = self.get(url, "listing the processes")
            where = describe_host(url)
            entries = body.get("processes") if isinstance(body, dict) else None
            if not isinstance(entries, list):
                shown = scrub(quoted(body), self.secrets())
                raise BadResponse(f"{where} answered no list of processes ('processes'): {shown}.")
            found.extend(Process.summary_from_json(entry, where) for entry in entries)
            url = links_of(body, url).get("next")
        return found

    def process(self, process_id: str) -> Process:
        """A process's whole description."""
        self.conformance()
        url = f"{self.processes_url}/{quote(process_id, safe='')}"
        body = self.get(url, f"reading the description of process '{process_id}'")
        return Process.from_json(body, describe_host(url), url)

    # -- execution -----------------------------------------------------------------------------

    def execute(
        self,
        process: Process | str,
        inputs: Mapping[str, Any],
        outputs: Mapping[str, str] | Sequence[str] | None = None,
        asynchronous: bool | None = None,
    ) -> OgcResults | OgcJob:
        """Run `process` with `inputs` (checked and encoded first: a wrong value is a ParameterError
        before any request). `outputs`: the outputs wanted (all when None), as names or as name →
        "value" / "reference". `asynchronous`: None runs synchronously when the process can,
        else as a job; True asks for a job (`Prefer: respond-async`), False for the results. A
        server may answer with a job where results were asked for, and the other way round: the
        answer is what the server did, an OgcJob or OgcResults (see `run`)."""
        from .ogc_job import OgcJob, StatusInfo
        from .ogc_values import encode_inputs, requested_outputs

        if isinstance(process, str):
            process = self.process(process)
        document: dict[str, Any] = {"inputs": encode_inputs(process, inputs)}
        if outputs is not None:
            document["outputs"] = requested_outputs(process, outputs)
        if asynchronous is None:
            asynchronous = not process.runs_sync
        if asynchronous and not process.runs_async and process.job_control_options:
            raise ParameterError(
                "asynchronous",
                f"process '{process.id}' runs only synchronously ({', '.join(process.job_control_options)}).",
            )
        url = process.execute_url or f"{self.processes_url}/{quote(process.id, safe='')}/execution"
        if not self.is_own(url):  # inputs and credentials go to this server only
            url = f"{self.processes_url}/{quote(process.id, safe='')}/execution"
        prefer = {"Prefer": "respond-async" if asynchronous else "wait"}
        answer = self.send("POST", _without_query(url), body=document, headers=prefer)
        what = f"running process '{process.id}'"
        if answer.status >= 300:
            read_ogc_json(answer, what, self.secrets())
            raise BadResponse(f"{describe_host(answer.url)} ({what}) answered HTTP {answer.status}.")
        location = answer.header("location").strip()
        status = _status_body(answer)
        if answer.status == 201 or (status is not None and status.get("status") in ("accepted", "running")):
            info = StatusInfo.from_json(status or {}, describe_host(answer.url)) if status else None
            job_id = info.job_id if info else ""
            if location:
                job_url = urljoin(answer.url, location)
            elif job_id:
                job_url = f"{self.jobs_url}/{quote(job_id, safe='')}"
            else:
                raise BadResponse(
                    f"{describe_host(answer.url)} ({what}) started a job but said neither where it is (Location) "
                    "nor its id."
                )
            job = OgcJob(self, job_url, process, job_id or job_url.rstrip("/").rsplit("/", 1)[-1])
            if info is not None:
                job.update(info)
            return job
        return OgcResults.from_answer(self, process, answer)

    def run(
        self,
        process: Process | str,
        inputs: Mapping[str, Any],
        outputs: Mapping[str, str] | Sequence[str] | None = None,
        asynchronous: bool | None = None,
        **wait: Any,
    ) -> OgcResults:
        """`execute`, then wait for the job if there is one (`wait` goes to OgcJob.wait): the results."""
        outcome = self.execute(process, inputs, outputs, asynchronous)
        if isinstance(outcome, OgcResults):
            return outcome
        outcome.wait(**wait)
        return outcome.results()

    def job(self, job_id: str, process: Process | None = None) -> OgcJob:
        """A job known by its id (to follow it again later)."""
        from .ogc_job import OgcJob

        job = OgcJob(self, f"{self.jobs_url}/{quote(job_id, safe='')}", process, job_id)
        job.refresh()
        return job


@dataclass
class OgcResults:
    """The outputs of a process run: each output's value as the server sent it, decoded on demand."""

    server: OgcServer = field(repr=False)
    process: Process | None
    values: dict[str, Any]
    """Output id → what the server sent (a literal, a JSON object, a qualified value, a link)."""
    raw: tuple[bytes, str] | None = field(default=None, repr=False)
    """A single output sent as it is (`response: raw`), with its media type."""

    @classmethod
    def from_answer(cls, server: OgcServer, process: Process | None, answer: HttpResponse) -> OgcResults:
        from .ogc_values import results_map

        where = describe_host(answer.url)
        media = answer.content_type.split(";")[0].strip().lower()
        if media.endswith("json") or media == "":
            try:
                body = json.loads(answer.content) if answer.content.strip() else {}
            except (ValueError, RecursionError):
                raise BadResponse(
                    f"{where} answered results that are not JSON: {scrub(repr(answer.content[:80]), server.secrets())}"
                ) from None
            try:
                return cls(server, process, results_map(process, body, where))
            except BadResponse as error:  # it quotes the server's answer
                raise BadResponse(scrub(str(error), server.secrets())) from None
        outputs = list(process.outputs) if process else []
        if len(outputs) != 1:
            raise BadResponse(
                f"{where} answered one {media} document where results were expected "
                f"(the process has {len(outputs)} outputs)."
            )
        if _is_web_page(media, process.outputs[outputs[0]].media_types if process else ()):
            raise BadResponse(f"{where} answered a web page where results were expected (a sign-in page?).")
        return cls(server, process, {outputs[0]: None}, (answer.content, answer.content_type))

    def output(self, name: str | None = None, destination: str | Path | None = None) -> Any:
        """An output decoded by its kind (see ogc_values.decode_output): a FeatureSet, a raster or
        file written to `destination`, a literal... `name` may be left out for a one-output process."""
        from .ogc_values import decode_output, write_bytes

        if name is None:
            if len(self.values) != 1:
                raise ParameterError(
                    "output", f"name the output: there are {len(self.values)} ({', '.join(self.values)})."
                )
            name = next(iter(self.values))
        if name not in self.values:
            raise BadResponse(f"The results hold no output '{name}' (they hold: {', '.join(self.values) or 'none'}).")
        output = self.process.outputs.get(name) if self.process else None
        if self.raw is not None:
            return write_bytes(self.raw[0], self.raw[1], output, destination)
        return decode_output(self.server, output, name, self.values[name], destination)


def landing_url(url: str) -> str:
    """The landing page of the server at `url` (which may be its `/processes` URL), without a query."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        shown = scrub(url, [urlsplit(url).password])
        raise ParameterError("url", f"'{shown}' is not an http(s) address of an OGC API - Processes server.")
    path = parts.path.rstrip("/")
    for tail in ("/processes", "/conformance", "/jobs"):
        if path.lower().endswith(tail):
            path = path[: -len(tail)]
            break
    host = parts.netloc.rpartition("@")[2]  # a user and password go in a header, never in the URL
    return urlunsplit((parts.scheme, host, path, "", ""))


def links_of(body: Any, url: str) -> dict[str, str]:
    """A document's links by relation (absolute URLs); of several links of one relation, the JSON one."""
    ranked: dict[str, tuple[int, str]] = {}
    links = body.get("links") if isinstance(body, dict) else None
    for link in links if isinstance(links, list) else ():
        if not isinstance(link, dict) or not isinstance(link.get("href"), str) or not isinstance(link.get("rel"), str):
            continue
        kind = str(link.get("type") or "").lower()
        rank = 0 if "json" in kind else 2 if "html" in kind else 1
        if link["rel"] not in ranked or rank < ranked[link["rel"]][0]:
            ranked[link["rel"]] = (rank, urljoin(url, link["href"]))
    return {rel: href for rel, (_, href) in ranked.items()}


def read_ogc_json(answer: HttpResponse, what: str, secrets: Sequence[str] = ()) -> Any:
    """The JSON of an answer; an error status raises ServerError with what the server said (RFC 7807
    problem details, or pygeoapi's `{code, description}`), a web page or broken JSON a BadResponse."""
    where = f"{describe_host(answer.url)} ({what})"
    start = _SPACE.match(answer.content)
    text = answer.content[start.end() if start else 0 :][:1].decode("ascii", errors="replace")
    body: Any = None
    problem = "something that is not JSON"
    if text in ("{", "["):
        try:
            body = json.loads(answer.content)
        except ValueError:
            body = None
        except RecursionError:
            body, problem = None, "JSON nested too deeply to read"
    if answer.status >= 400:
        raise problem_error(answer, body, what, secrets)
    if body is None:
        kind = "a web page" if text == "<" else problem
        raise BadResponse(f"{where} answered {kind} (HTTP {answer.status}) where JSON was expected.")
    return body


def problem_error(answer: HttpResponse, body: Any, what: str, secrets: Sequence[str] = ()) -> ServerError:
    """What an error answer says, as a ServerError (code: the HTTP status)."""
    message, details = f"HTTP error {answer.status} while {what}", []
    if isinstance(body, dict):
        said = [body.get(key) for key in ("detail", "title", "description", "message")]
        words = [item for item in said if isinstance(item, str) and item.strip()]
        if words:
            message = f"{words[0]} (while {what})"
            details = words[1:2]
        kind = body.get("type") or body.get("code")
        if isinstance(kind, str) and kind:
            details.append(kind)
    return ServerError(
        answer.status,
        scrub(message, secrets),
        [scrub(detail, secrets) for detail in details],
        describe_host(answer.url),
    )


def _status_body(answer: HttpResponse) -> dict[str, Any] | None:
    """The answer's statusInfo, when it is one (a job's id and state)."""
    if "json" not in answer.content_type.lower():
        return None
    try:
        body = json.loads(answer.content)
    except (ValueError, RecursionError):
        return None
    if isinstance(body, dict) and isinstance(body.get("jobID"), str) and body.get("status") in _JOB_STATES:
        return body
    return None


def _is_web_page(content_type: str, expected: Sequence[str]) -> bool:
    """An HTML answer where no HTML was expected."""
    return "html" in content_type.split(";")[0].lower() and not any("html" in medium.lower() for medium in expected)


def _listed(items: Sequence[str], most: int = 8) -> str:
    shown = ", ".join(scrub(item[:200]) for item in items[:most]) or "none"
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _is_core(conformance_class: str) -> bool:
    text = conformance_class.strip().rstrip("/").lower().replace("https://", "http://")
    return text.startswith("http://www.opengis.net/spec/ogcapi-processes-1/1.") and text.endswith("/conf/core")


def _without_query(url: str) -> str:
    """A link's URL without `?f=json` and the like, which a POST does not carry."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _base(url: str) -> str:
    """A resource's URL without its query (`?f=json`) nor a trailing slash: ids are appended to it."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))
