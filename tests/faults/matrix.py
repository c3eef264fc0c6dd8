"""The matrix: which fault goes into which phase for which client, what the client must make of it
(issue 9), and the judgement of one cell's run.

Every cell must end, within its deadline, as expected: recovered (the operation succeeded), a clear
error (one of gp_core's errors, naming the host), or, for a cancel the server does not carry out, a
bounded stop with a warning. And in every cell: no token or password reached another host, a plain
http connection, a URL, an error's text, a log or QGIS's profile; nothing partial was left behind;
nothing was fetched outside the job; a request that changes something was not sent twice after the
server acted on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .injections import PROGRESS_SECONDS
from .phases import (
    ADMIN,
    CANCEL,
    DISCOVERY,
    DISMISS,
    DOWNLOAD,
    EXECUTE,
    PHASES,
    POLL,
    RESULT,
    SUBMIT,
    TOKEN,
    UPLOAD,
)
from .terms import (
    ARCPY,
    CLEAR_ERROR,
    DOWNLOADED,
    OGC_CLIENTS,
    OGC_PASSWORD,
    PASSWORD,
    QGIS,
    QGIS_ESRI_TOKEN,
    RECOVERED,
    REQUESTS,
    STOPPED,
)

CLIENTS = {
    REQUESTS: "gp_core's requests transport, username and password (a token from generateToken)",
    ARCPY: "gp_core's arcpy face: ImportToolbox('URL;service;username;password'), the tools, result[0]; "
    "limits set in arcpy.env",
    QGIS: "the plugin's QgisTransport on a QgsTask, a Basic authentication configuration (exchanged for a token)",
    QGIS_ESRI_TOKEN: "the plugin's QgisTransport on a QgsTask, an EsriToken authentication configuration "
    "(QGIS adds the token to the requests the Server lets it credit)",
}

ELSEWHERE = ("302 elsewhere", "307 elsewhere", "302 to http")
REDIRECTS = (*ELSEWHERE, "relative 307", "redirect loop")
AFTER_ACTING = ("500 once", "502 once", "reset mid-body", "short body")
"""The server did the work, then the answer failed: a POST must not be sent again."""
BEFORE_ACTING = ("503 once", "503 Retry-After", "429 once")
BODIES = ("gzip bomb", "deep JSON")
NETWORK = (*REDIRECTS, "error echoes request", *AFTER_ACTING, *BEFORE_ACTING, "trickle", *BODIES)
PLAIN_HOST = "plain http host"
"""Not injected: the client is given the server's plain http address on a non-loopback host."""
SPECIFIC = {
    "paramUrl escapes job": (RESULT,),
    "attributes not object": (EXECUTE, RESULT),
    "features as string": (EXECUTE, RESULT),
    "progress every poll": (POLL,),
    "cancel not honoured": (CANCEL,),
    "cancel refused": (CANCEL,),
    PLAIN_HOST: (DISCOVERY,),
}
FAULTS = (*NETWORK, *SPECIFIC)
POSTS = (TOKEN, EXECUTE, SUBMIT, UPLOAD, DISMISS)
"""Phases whose requests are POSTs (an OGC dismiss: a DELETE): never redirected to another host."""
ACTING = (EXECUTE, SUBMIT, UPLOAD)
"""Phases whose requests change something on the server: never sent twice."""
USER_POLLING = ("progress every poll", "cancel not honoured", "cancel refused")
"""Cells that follow the job as a user's client does (not sped up), to count its requests."""
ARMED_ELSEWHERE = {"paramUrl escapes job": POLL}
"""Faults injected into another phase than the cell's (the status lists the results' URLs)."""
CLIENT_DEADLINE, TRICKLE_DEADLINE = 3.0, 1.0
"""Seconds a request may take (Settings.request_deadline): short, the server answers in milliseconds."""
CELL_DEADLINE, SLOW_CELL_DEADLINE = 15.0, 30.0
"""Seconds a whole cell may take before it counts as hung (its worker is killed)."""


@dataclass(frozen=True)
class Cell:
    client: str
    phase: str
    fault: str

    @property
    def id(self) -> str:
        return f"{self.client}/{self.phase}/{self.fault}"

    @property
    def armed_phase(self) -> str:
        return ARMED_ELSEWHERE.get(self.fault, self.phase)

    @property
    def injected(self) -> bool:
        return self.fault != PLAIN_HOST

    @property
    def client_deadline(self) -> float:
        return TRICKLE_DEADLINE if self.fault == "trickle" else CLIENT_DEADLINE

    @property
    def deadline(self) -> float:
        slow = (
            self.fault in USER_POLLING
            or (self.fault == "trickle" and self.phase == POLL)
            or (self.phase in (CANCEL, DISMISS) and self.fault not in (*AFTER_ACTING, *BEFORE_ACTING, "relative 307"))
        )
        return SLOW_CELL_DEADLINE if slow else CELL_DEADLINE

    @property
    def polls(self) -> str:
        return "user" if self.fault in USER_POLLING else "quick"

    @property
    def kind(self) -> str:
        """The kind of server the cell's client talks to: "gp" or "ogc"."""
        return "ogc" if self.client in OGC_CLIENTS else "gp"

    @property
    def expected(self) -> frozenset[str]:
        if self.kind == "ogc":
            from .ogc_matrix import expected as ogc_expected

            return ogc_expected(self.phase, self.fault)
        return expected(self.phase, self.fault)


def applies(client: str, phase: str, fault: str) -> bool:
    if client == QGIS_ESRI_TOKEN and fault != PLAIN_HOST:  # QGIS's own credentials: where may a request go?
        return phase != TOKEN and fault in (*REDIRECTS, "error echoes request")
    if client == ARCPY:  # a script's address with its password, and arcpy.env's limits
        return (
            (phase, fault) == (DISCOVERY, PLAIN_HOST)
            or phase in (DISCOVERY, TOKEN, RESULT, DOWNLOAD)
            and fault in (*ELSEWHERE, "error echoes request", "503 Retry-After", "trickle")
        )
    if fault in SPECIFIC:
        return phase in SPECIFIC[fault]
    return not (phase == DOWNLOAD and fault in BODIES)  # a download is streamed to a file of any size


def cells() -> list[Cell]:
    return [
        Cell(client, phase, fault)
        for client in CLIENTS
        for phase in PHASES
        for fault in FAULTS
        if applies(client, phase, fault)
    ]


def expected(phase: str, fault: str) -> frozenset[str]:
    """What the issue asks for. Where it leaves a choice (a sign-in is a POST that changes nothing;
    a cancel the server could not confirm may be asked again or reported), both are accepted."""
    either = frozenset({RECOVERED, CLEAR_ERROR})
    if fault in (*BEFORE_ACTING, "relative 307", "progress every poll"):
        return frozenset({RECOVERED})
    if phase == CANCEL:
        return either if fault in AFTER_ACTING else frozenset({STOPPED, CLEAR_ERROR})
    if fault in AFTER_ACTING:
        return frozenset({CLEAR_ERROR}) if phase in ACTING else either if phase == TOKEN else frozenset({RECOVERED})
    return frozenset({CLEAR_ERROR})


@dataclass(frozen=True)
class Observation:
    """What one cell's run showed: the worker's report, the world's, and what the test process read
    around them."""

    report: dict[str, Any]
    """The worker's: outcome, detail, error_text, logs, leftovers, files, seconds."""
    world: dict[str, Any]
    """The hostile world's: requests, received, tokens."""
    stderr: str
    """What the worker printed while the cell ran."""
    profile: dict[str, str]
    """QGIS profile files (relative path: text) that changed while the cell ran."""


@dataclass(frozen=True)
class Context:
    """What judging needs besides the run."""

    hosts: dict[str, str]
    """"server", "elsewhere", "plain": host:port of each listener."""
    secrets: frozenset[str]
    slope: tuple[int, str]
    """Size and SHA-256 of the raster a download must bring."""


def judge(cell: Cell, seen: Observation, context: Context) -> list[str]:
    """Everything wrong with the cell's run (secrets shown as ***); empty when it went as the issue asks."""
    report, problems = seen.report, []
    outcome = report["outcome"]
    if outcome not in cell.expected:
        problems.append(f"expected {' or '.join(sorted(cell.expected))}, got {outcome}: {report['detail']}")
    if outcome == CLEAR_ERROR:
        problems += _names_host(cell, report["detail"], context.hosts)
    if outcome == STOPPED and not any("warning" in line.lower() for line in report["logs"]):
        problems.append("the wait stopped without a warning saying the job may go on")
    secrets = secrets_of(seen, context)
    problems += _leaks(seen, secrets)
    problems += _partial(cell, report, context.slope)
    requests = seen.world["requests"]
    problems += _outside(requests) + _redirected_posts(cell, requests) + _sent_twice(requests)
    problems += _request_rates(cell, requests)
    return [hidden(problem, secrets) for problem in problems]


def secrets_of(seen: Observation, context: Context) -> set[str]:
    """The password and every token known: those the cells started with, those the server issued."""
    return set(context.secrets) | set(seen.world["tokens"])


def hidden(text: str, secrets: set[str]) -> str:
    """`text` without the secrets, for what a run prints (a leak is reported, never repeated)."""
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


def _names_host(cell: Cell, detail: str, hosts: dict[str, str]) -> list[str]:
    wanted = (
        [hosts["elsewhere"]]
        if cell.fault in ("302 elsewhere", "307 elsewhere")
        else [host for host in hosts.values() if host]
    )
    if not any(host in detail for host in wanted):
        return [f"the error does not name the host ({' or '.join(wanted)}): {detail}"]
    return []


def _leaks(seen: Observation, secrets: set[str]) -> list[str]:
    places = {f"what {where} received": data for where, data in seen.world["received"].items()}
    places["the URLs requested"] = "\n".join(request["target"] for request in seen.world["requests"])
    places["the error"] = seen.report["error_text"]
    places["the log"] = "\n".join(seen.report["logs"])
    places["the worker's output"] = seen.stderr
    places.update({f"QGIS's profile ({name})": text for name, text in seen.profile.items()})
    return [
        f"{'the password' if secret in (PASSWORD, OGC_PASSWORD) else 'a token or key'} leaked into {place}"
        for place, text in places.items()
        for secret in secrets
        if secret and secret in text
    ]


def _partial(cell: Cell, report: dict[str, Any], slope: tuple[int, str]) -> list[str]:
    problems = [f"left in the temporary folder: {name}" for name in report["leftovers"]]
    files = {name: tuple(size_digest) for name, size_digest in report["files"].items()}
    if cell.phase == DOWNLOAD and report["outcome"] == RECOVERED:
        if files != {DOWNLOADED: slope}:
            problems.append(f"the download folder holds {files}, not the whole raster ({slope[0]} bytes)")
    elif files:
        problems.append(f"left in the download folder: {', '.join(files)}")
    return problems


def _outside(requests: list[dict[str, Any]]) -> list[str]:
    return [f"requested outside the job: {request['target']}" for request in requests if request["phase"] == ADMIN]


def _redirected_posts(cell: Cell, requests: list[dict[str, Any]]) -> list[str]:
    """A POST redirected elsewhere is not followed there, not even as a GET."""
    if cell.phase not in POSTS or cell.fault not in ELSEWHERE:
        return []
    return [
        f"a redirected {cell.phase} request was sent to {request['listener']}"
        f"{'' if request['secure'] else ' over plain http'}: {request['method']} {request['target']}"
        for request in requests
        if request["listener"] != "server" or not request["secure"]
    ]


def _sent_twice(requests: list[dict[str, Any]]) -> list[str]:
    problems = []
    for phase in ACTING:
        acted = sum(1 for request in requests if request["forwarded"] and request["phase"] == phase)
        if acted > 1:
            problems.append(f"the {phase} request reached the server {acted} times (one job or item each)")
    return problems


def _request_rates(cell: Cell, requests: list[dict[str, Any]]) -> list[str]:
    """A job is never polled more than about once a second, whatever the server does (the cancel
    may go with each poll while the server refuses it)."""
    if cell.fault == "progress every poll":
        times = [request["time"] for request in requests if request["phase"] == POLL]
        early = [t for t in times if t - times[0] < PROGRESS_SECONDS] if times else []
        if len(early) > PROGRESS_SECONDS + 1:
            return [f"{len(early)} status requests in the {PROGRESS_SECONDS:g} s the progress kept changing"]
    if cell.fault in ("cancel not honoured", "cancel refused"):
        times = [request["time"] for request in requests if request["phase"] in (POLL, CANCEL)]
        span = times[-1] - times[0] if times else 0.0
        if len(times) > 2 * span + 3:
            return [f"{len(times)} status and cancel requests in {span:.1f} s"]
    return []
