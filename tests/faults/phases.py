"""The phases of a client's work, told apart by the request alone: one classifier per kind of
server (CLASSIFIERS), each given the method, the target and the headers.

A GP server's (`phase_of`; the method aside: a client may send a cancel as GET or POST):

discovery   catalog, folder, service and task descriptions (rest/services...)
token       generateToken (rest/info, read first to find it, belongs to no phase)
execute     .../<task>/execute            submit    .../<task>/submitJob
poll        .../jobs/<id>                 cancel    .../jobs/<id>/cancel
result      .../jobs/<id>/results/<name>  upload    .../GPServer/uploads/upload
download    rest/directories/...: result files and rasters
map image   a result map service: .../MapServer/jobs/<id>[/...]
admin       [rest/]admin/...: no client has any business there

An OGC API - Processes server's (`ogc_phase_of`; pygeoapi at the root of its origin):

discovery   the landing page, /conformance, /processes, /processes/{id}
execute     POST /processes/{id}/execution without Prefer: respond-async
submit      the same with Prefer: respond-async
poll        GET /jobs/{id}                dismiss   DELETE /jobs/{id}
result      /jobs/{id}/results            download  /files/...: outputs by reference
admin       /admin/...: pygeoapi's admin API, no client has any business there
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from typing import Callable
from urllib.parse import unquote, urlsplit

DISCOVERY, TOKEN, EXECUTE, SUBMIT, POLL, CANCEL = "discovery", "token", "execute", "submit", "poll", "cancel"
RESULT, UPLOAD, DOWNLOAD, MAP_IMAGE = "result", "upload", "download", "map image"
PHASES = (DISCOVERY, TOKEN, EXECUTE, SUBMIT, POLL, CANCEL, RESULT, UPLOAD, DOWNLOAD, MAP_IMAGE)
DISMISS = "dismiss"
OGC_PHASES = (DISCOVERY, EXECUTE, SUBMIT, POLL, RESULT, DOWNLOAD, DISMISS)
ADMIN = "admin"
"""Not a phase: requests there are violations."""

_JOB = r"/GPServer/[^/]+/jobs/[^/]+"
_RULES = (
    (TOKEN, re.compile(r"^/arcgis/tokens/generateToken$", re.I)),
    (ADMIN, re.compile(r"^/arcgis/(rest/)?admin(/|$)", re.I)),
    (DOWNLOAD, re.compile(r"^/arcgis/rest/directories/", re.I)),
    (MAP_IMAGE, re.compile(r"^/arcgis/rest/services/.+/MapServer/jobs/", re.I)),
    (UPLOAD, re.compile(r"/GPServer/uploads/upload$", re.I)),
    (EXECUTE, re.compile(r"/GPServer/[^/]+/execute$", re.I)),
    (SUBMIT, re.compile(r"/GPServer/[^/]+/submitJob$", re.I)),
    (CANCEL, re.compile(_JOB + r"/cancel$", re.I)),
    (RESULT, re.compile(_JOB + r"/results/[^/]+$", re.I)),
    (POLL, re.compile(_JOB + r"$", re.I)),
    (DISCOVERY, re.compile(r"^/arcgis/rest/services(/|$)", re.I)),
)


def normalized_path(target: str) -> str:
    """The path a server would serve for a request target: decoded, dot segments resolved."""
    path = unquote(urlsplit(target).path) or "/"
    normal = posixpath.normpath(path)
    return "/" + normal.lstrip("/") if normal != "." else "/"


def phase_of(target: str) -> str | None:
    """The phase of a request target (path and query), ADMIN, or None (rest/info, anything else)."""
    path = normalized_path(target)
    return next((phase for phase, rule in _RULES if rule.search(path)), None)


def gp_phase(method: str, target: str, headers: Mapping[str, str]) -> str | None:
    """`phase_of` as a classifier."""
    return phase_of(target)


_OGC_JOB = r"^/jobs/[^/]+"
_OGC_RULES = (
    (ADMIN, re.compile(r"^/admin(/|$)", re.I)),
    (DOWNLOAD, re.compile(r"^/files/", re.I)),
    (RESULT, re.compile(_OGC_JOB + r"/results$", re.I)),
    (POLL, re.compile(_OGC_JOB + r"$", re.I)),
    (EXECUTE, re.compile(r"^/processes/[^/]+/execution$", re.I)),
    (DISCOVERY, re.compile(r"^/($|conformance$|processes$|processes/[^/]+$)", re.I)),
)


def ogc_phase_of(method: str, target: str, headers: Mapping[str, str]) -> str | None:
    """The phase of a request to an OGC API - Processes server (header names in lower case)."""
    path = normalized_path(target)
    phase = next((phase for phase, rule in _OGC_RULES if rule.search(path)), None)
    if phase == EXECUTE and "respond-async" in headers.get("prefer", "").lower():
        return SUBMIT
    if phase == POLL and method.upper() == "DELETE":
        return DISMISS
    return phase


Classifier = Callable[[str, str, Mapping[str, str]], "str | None"]
CLASSIFIERS: dict[str, Classifier] = {"gp": gp_phase, "ogc": ogc_phase_of}
"""The phase classifier of each kind of server the hostile world can stand in front of."""
