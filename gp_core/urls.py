"""Service addresses: arcpy's `URL;service[;...]` forms and plain REST URLs."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import AddressError


@dataclass(frozen=True)
class ServiceAddress:
    """Where a GP service lives, and the credentials its address carried."""

    rest_root: str
    service: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    referer: str | None = None

    @property
    def service_url(self) -> str:
        return service_url(self.rest_root, self.service)


def service_url(rest_root: str, service: str) -> str:
    return f"{rest_root}/{quote(service)}/GPServer"


def task_url(service_url_: str, task: str) -> str:
    """Task names may contain spaces and other characters: each is one encoded path segment."""
    return f"{service_url_}/{quote(task, safe='')}"


def job_url(parent_url: str, job_id: str) -> str:
    """A job's resource under its task (`.../GPServer/<task>/jobs/<id>`), or its map under the
    task's result map service (`.../MapServer/jobs/<id>`)."""
    return f"{parent_url}/jobs/{job_id}"


def rest_root(url: str) -> str:
    """`https://host/ctx/rest/services` from any URL on that server (SOAP root, REST root, context root,
    `…/rest` itself, or a deeper REST URL)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AddressError(f"'{url}' is not an http(s) address of an ArcGIS server.")
    path = parts.path.rstrip("/")
    lowered = path.lower()
    if lowered.endswith("/rest") or "/rest/" in lowered:
        path = path[: (lowered + "/").index("/rest/")]
    elif lowered.endswith("/services") or "/services/" in lowered:
        path = path[: lowered.rindex("/services")]
    return urlunsplit((parts.scheme, parts.netloc, path + "/rest/services", "", ""))


def parse_service_address(text: str) -> ServiceAddress:
    """Read every address form arcpy's ImportToolbox accepts, plus a plain REST GPServer URL:

    - `http://host/arcgis/services;GP/BufferByVal`
    - `http://host/arcgis/services;GP/BufferByVal;username;password`
    - `http://host/arcgis/services;GP/BufferByVal;token=<token>;<referer>`
    - `https://host/arcgis/rest/services/GP/BufferByVal/GPServer` (optionally with a task or query)
    """
    pieces = [piece.strip() for piece in text.split(";")]
    if len(pieces) == 1:
        return _from_rest_url(pieces[0])
    if len(pieces) not in (2, 4) or not pieces[1]:
        raise AddressError(
            f"'{_without_secrets(pieces)}' is not a service address: expected 'URL;service', "
            "'URL;service;username;password' or 'URL;service;token=<token>;<referer>'."
        )
    root = rest_root(pieces[0])
    service = _strip_gpserver(pieces[1])
    if len(pieces) == 2:
        return ServiceAddress(root, service)
    if pieces[2].lower().startswith("token="):
        return ServiceAddress(root, service, token=pieces[2][len("token=") :], referer=pieces[3] or None)
    return ServiceAddress(root, service, username=pieces[2], password=pieces[3])


def _from_rest_url(url: str) -> ServiceAddress:
    root = rest_root(url)
    path = urlsplit(url).path
    marker = path.lower().find("/gpserver")
    services_at = path.lower().find("/services/")
    if marker < 0 or services_at < 0:
        raise AddressError(
            f"'{url}' names no GP service: give 'https://host/arcgis/rest/services/<folder>/<service>/GPServer' "
            "or arcpy's 'https://host/arcgis/services;<folder>/<service>'."
        )
    return ServiceAddress(root, path[services_at + len("/services/") : marker].strip("/"))


def _strip_gpserver(service: str) -> str:
    service = service.strip("/")
    return service[: -len("/GPServer")] if service.lower().endswith("/gpserver") else service


def _without_secrets(pieces: list[str]) -> str:
    return ";".join(pieces[:2] + ["…"] * len(pieces[2:]))


#: Path pieces that name an ArcGIS server's address (its context root, REST directory or a service),
#: and an OGC API's (its processes, jobs or conformance, or a name servers give the API's root).
_ARCGIS_MARKS = ("/arcgis", "/rest", "/gpserver", "/mapserver", "/featureserver", "/services")
_OGC_MARKS = ("/processes", "/jobs", "/conformance", "/ogcapi", "/ogc", "/oapi", "/pygeoapi", "/api")


def server_kind(url: str) -> str | None:
    """ "gp" or "ogc" when the URL tells which kind of server it is on (an ArcGIS address or host, or
    an OGC API's address), None when it does not (`https://host/` alone)."""
    parts = urlsplit(url.strip())
    path = parts.path.lower().rstrip("/")
    pieces = {"/" + piece for piece in path.split("/") if piece}
    if pieces & set(_ARCGIS_MARKS) or "arcgis" in (parts.hostname or ""):
        return "gp"
    if pieces & set(_OGC_MARKS):
        return "ogc"
    return None
