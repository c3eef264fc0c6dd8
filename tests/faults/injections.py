"""The faults the hostile server injects, each into the requests of one phase when armed.

A fault marked `once` hits the first request of its phase and lets the next ones through (the
client may recover by sending again); any other hits every request of the phase. Faults that make
the real server act first (`forward`) are what a client cannot tell from a server that failed after
doing the work: a POST answered so must never be sent again.
"""

from __future__ import annotations

import json
import struct
import threading
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Protocol
from urllib.parse import urlsplit

from .wire import RESET, SHORT, TRICKLE, Answer, Request

JSON = {"Content-Type": "application/json; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
PROBLEM = {"Content-Type": "application/problem+json"}
SIGN_IN_PAGE = (
    b"<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in</h1>"
    b'<form method="post" action="/login"><input name="username"><input name="password" type="password">'
    b"</form></body></html>"
)
DEEP = 100_000
BOMB_SEGMENT = 64 << 20
BOMB_SEGMENTS = 32
"""2 GiB of zeros once inflated, about 2 MB on the wire."""
PROGRESS_SECONDS = 3.0
"""How long a job's progress changes on every status request."""
RETRY_AFTER_SECONDS = 1
ADMIN_TARGET = "admin/system/users"


class World(Protocol):
    """What a fault may use of the hostile world."""

    elsewhere: str
    """The other host's origin (https://127.0.0.2:port)."""

    def forward(self, request: Request) -> Answer:
        """The real server's answer to the request (it has acted on it)."""


@dataclass(frozen=True)
class Exchange:
    request: Request
    world: World
    hits: int
    """How many requests of the phase this fault has hit before this one."""
    first_hit: float
    """When the fault first struck (time.monotonic)."""


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    once: bool
    answer: Callable[[Exchange], Answer]


def _error_json(
    status: int, code: int, message: str, details: list[str] | None = None, headers: dict[str, str] | None = None
) -> Answer:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return Answer(status, json.dumps(body).encode(), {**JSON, **(headers or {})})


def _redirect(status: int, location: Callable[[Exchange], str]) -> Callable[[Exchange], Answer]:
    return lambda exchange: Answer(status, b"", {"Location": location(exchange)})


def _same_url(exchange: Exchange) -> str:
    return f"{exchange.request.scheme}://{exchange.request.host}{exchange.request.target}"


def _relative(exchange: Exchange) -> str:
    """A relative reference to the same resource: its last path segment (and query); `./` for a
    path that ends with a slash (an OGC landing page's)."""
    path, query = (exchange.request.target.split("?", 1) + [""])[:2]
    return (path.rsplit("/", 1)[-1] or "./") + (f"?{query}" if query else "")


def _echo(exchange: Exchange) -> Answer:
    """What careless servers and gateways do: the request, headers and form included, in the error."""
    request = exchange.request
    details = [f"{name}: {value}" for name, value in request.headers.items()]
    details.append(request.body[:16384].decode("latin-1"))
    return _error_json(
        200, 400, f"Unable to complete operation: invalid request {request.method} {request.target}", details
    )


def _problem_echo(exchange: Exchange) -> Answer:
    """An RFC 7807 problem (OGC API - Processes' exception), whose detail quotes the request and
    its headers, credentials included: careless, as the plain error echo is."""
    request = exchange.request
    headers = "; ".join(f"{name}: {value}" for name, value in request.headers.items())
    body = {
        "type": "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/invalid-parameter",
        "title": "Invalid request",
        "status": 400,
        "detail": f"Cannot process {request.method} {request.target} (headers: {headers})",
    }
    return Answer(400, json.dumps(body).encode(), PROBLEM)


def _after_forwarding(make: Callable[[Exchange], Answer]) -> Callable[[Exchange], Answer]:
    """The real server acts on the request; the client gets `make`'s answer instead of its own."""

    def answer(exchange: Exchange) -> Answer:
        exchange.world.forward(exchange.request)
        return make(exchange)

    return answer


def _delivered(delivery: str) -> Callable[[Exchange], Answer]:
    def answer(exchange: Exchange) -> Answer:
        real = exchange.world.forward(exchange.request)
        return Answer(real.status, real.body, real.headers, delivery)

    return answer


def _replaced_body(body: Callable[[], bytes], headers: dict[str, str]) -> Callable[[Exchange], Answer]:
    return _after_forwarding(lambda exchange: Answer(200, body(), headers))


def _json_rewritten(rewrite: Callable[[Any, Exchange], Any]) -> Callable[[Exchange], Answer]:
    """The real answer with its JSON changed (answers that are not JSON objects pass as they are)."""

    def answer(exchange: Exchange) -> Answer:
        real = exchange.world.forward(exchange.request)
        try:
            body = json.loads(real.body)
        except ValueError:
            return real
        return Answer(real.status, json.dumps(rewrite(body, exchange)).encode(), real.headers)

    return answer


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """A gzip member of 2 GiB of zeros: one fully flushed deflate segment repeated, then the end."""
    zeros = bytes(BOMB_SEGMENT)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    segment = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(BOMB_SEGMENTS):
        crc = zlib.crc32(zeros, crc)
    size = BOMB_SEGMENT * BOMB_SEGMENTS
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    final_empty_block = b"\x03\x00"
    return header + segment * BOMB_SEGMENTS + final_empty_block + struct.pack("<II", crc, size & 0xFFFFFFFF)


def deep_json() -> bytes:
    return b'{"a":' * DEEP + b"1" + b"}" * DEEP


def _escaping_param_urls(body: Any, exchange: Exchange) -> Any:
    """Every result's paramUrl climbs out of the job to the admin area: ../ up to rest/, then admin."""
    results = body.get("results") if isinstance(body, dict) else None
    if isinstance(results, dict):
        path = exchange.request.target.split("?", 1)[0]
        climb = path.split("/arcgis/rest/", 1)[1].count("/") + 1
        for entry in results.values():
            if isinstance(entry, dict):
                entry["paramUrl"] = "../" * climb + ADMIN_TARGET
    return body


def _attributes_not_objects(body: Any, exchange: Exchange) -> Any:
    if isinstance(body, dict):
        if isinstance(body.get("features"), list):
            for feature in body["features"]:
                if isinstance(feature, dict):
                    feature["attributes"] = ["not", "an", "object"]
        for value in body.values():
            _attributes_not_objects(value, exchange)
    elif isinstance(body, list):
        for value in body:
            _attributes_not_objects(value, exchange)
    return body


def _features_as_text(body: Any, exchange: Exchange) -> Any:
    """Every feature output (a result, or an item of execute's results) becomes a string."""
    if isinstance(body, dict):
        items = body.get("results") if isinstance(body.get("results"), list) else [body]
        for item in items:
            if isinstance(item, dict) and str(item.get("dataType", "")).startswith(
                ("GPFeatureRecordSetLayer", "GPRecordSet")
            ):
                item["value"] = "features were expected here"
    return body


def _links_elsewhere(body: Any, exchange: Exchange) -> Any:
    """Every link of the answer (a job's status: its results; a results document: its outputs) leads
    to the other host; an output sent by value becomes a link there."""
    elsewhere = exchange.world.elsewhere

    def moved(href: str) -> str:
        parts = urlsplit(href)
        return elsewhere + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def link(value: Any, name: str) -> Any:
        if isinstance(value, dict) and isinstance(value.get("href"), str):
            return {**value, "href": moved(value["href"])}
        geojson = isinstance(value, dict) and value.get("type") in ("FeatureCollection", "Feature")
        kind = "application/geo+json" if geojson else "application/json"
        return {"href": f"{elsewhere}/files/{name}.json", "type": kind}

    if isinstance(body, dict) and isinstance(body.get("links"), list):  # a status: its links moved
        body["links"] = [link(item, "link") for item in body["links"]]
        return body
    if isinstance(body, dict) and body.get("type") in ("FeatureCollection", "Feature"):
        return link(body, "output")  # the one output, raw
    if isinstance(body, dict):
        return {name: link(value, name) for name, value in body.items()}
    return body


def _progress_on_every_poll(body: Any, exchange: Exchange) -> Any:
    """For PROGRESS_SECONDS, the job is still executing and its progress moves on every request."""
    if isinstance(body, dict) and time.monotonic() - exchange.first_hit < PROGRESS_SECONDS:
        body["jobStatus"] = "esriJobExecuting"
        body.pop("results", None)
        body["progress"] = {
            "type": "default",
            "message": f"Working ({exchange.hits + 1})",
            "percent": min(exchange.hits + 1, 99),
        }
    return body


def _cancelling(exchange: Exchange) -> Answer:
    """The cancel is taken... and nothing is done about it: the job runs on."""
    job_id = exchange.request.target.split("?", 1)[0].rstrip("/").split("/")[-2]
    return Answer(200, json.dumps({"jobId": job_id, "jobStatus": "esriJobCancelling"}).encode(), JSON)


FAULTS = tuple(
    Fault(*spec)
    for spec in (
        (
            "302 elsewhere",
            "302 to the same path on another host",
            False,
            _redirect(302, lambda e: e.world.elsewhere + e.request.target),
        ),
        (
            "307 elsewhere",
            "307 to the same path on another host",
            False,
            _redirect(307, lambda e: e.world.elsewhere + e.request.target),
        ),
        (
            "302 to http",
            "302 to the same URL over plain http (same host and port)",
            False,
            _redirect(302, lambda e: f"http://{e.request.host}{e.request.target}"),
        ),
        ("relative 307", "307 with a relative Location to the same resource, once", True, _redirect(307, _relative)),
        ("redirect loop", "302 to the very same URL, for ever", False, _redirect(302, _same_url)),
        ("error echoes request", "an error body quoting the request: target, headers, form", False, _echo),
        (
            "500 once",
            "HTTP 500 after the server acted",
            True,
            _after_forwarding(lambda e: _error_json(500, 500, "Internal server error.")),
        ),
        (
            "502 once",
            "HTTP 502 (a gateway's web page) after the server acted",
            True,
            _after_forwarding(lambda e: Answer(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", HTML)),
        ),
        (
            "503 once",
            "HTTP 503 before the server acted",
            True,
            lambda e: Answer(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>", HTML),
        ),
        (
            "503 Retry-After",
            f"HTTP 503 with Retry-After: {RETRY_AFTER_SECONDS} before the server acted",
            True,
            lambda e: _error_json(503, 503, "Service unavailable.", headers={"Retry-After": str(RETRY_AFTER_SECONDS)}),
        ),
        ("429 once", "HTTP 429 before the server acted", True, lambda e: _error_json(429, 429, "Too many requests.")),
        (
            "reset mid-body",
            "connection reset halfway through the answer, after the server acted",
            True,
            _delivered(RESET),
        ),
        ("short body", "a body shorter than its Content-Length, after the server acted", True, _delivered(SHORT)),
        ("trickle", "the answer at 1 byte per 0.5 s", False, _delivered(TRICKLE)),
        (
            "gzip bomb",
            "a 2 MB gzip body that inflates to 2 GiB",
            False,
            _replaced_body(gzip_bomb, {**JSON, "Content-Encoding": "gzip"}),
        ),
        ("deep JSON", f"JSON nested {DEEP:,} deep", False, _replaced_body(deep_json, JSON)),
        (
            "paramUrl escapes job",
            "the job's result paramUrls lead out of the job, to rest/admin",
            False,
            _json_rewritten(_escaping_param_urls),
        ),
        ("attributes not object", "feature attributes that are lists", False, _json_rewritten(_attributes_not_objects)),
        ("features as string", "a feature output that is a string", False, _json_rewritten(_features_as_text)),
        (
            "progress every poll",
            f"progress changes on every status request for {PROGRESS_SECONDS:g} s",
            False,
            _json_rewritten(_progress_on_every_poll),
        ),
        ("cancel not honoured", "cancel answered Cancelling, the job runs on", False, _cancelling),
        (
            "problem+json error",
            "an application/problem+json error (HTTP 400) whose detail quotes the request's headers",
            False,
            _problem_echo,
        ),
        (
            "HTML page",
            "a sign-in web page (HTTP 200, text/html) where JSON or a file was asked",
            False,
            lambda e: Answer(200, SIGN_IN_PAGE, HTML),
        ),
        (
            "links elsewhere",
            "every link of the answer (a status's, the results' outputs) to another origin",
            False,
            _json_rewritten(_links_elsewhere),
        ),
        (
            "cancel refused",
            "cancel answered with an error, every time",
            False,
            lambda e: _error_json(200, 400, "Unable to complete operation.", ["The job cannot be cancelled now."]),
        ),
    )
)
BY_NAME = {fault.name: fault for fault in FAULTS}


class Armed:
    """The one fault armed now, for one phase, and how often it struck."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fault: Fault | None = None
        self._phase = ""
        self._hits = 0
        self._first_hit = 0.0

    def arm(self, fault: Fault | None, phase: str = "") -> None:
        with self._lock:
            self._fault, self._phase, self._hits = fault, phase, 0

    def take(self, phase: str | None) -> tuple[Fault, int, float] | None:
        """The fault to inject into a request of `phase`, if any: (fault, earlier hits, first hit's time)."""
        with self._lock:
            fault = self._fault
            if fault is None or phase != self._phase or (fault.once and self._hits):
                return None
            if not self._hits:
                self._first_hit = time.monotonic()
            self._hits += 1
            return fault, self._hits - 1, self._first_hit
