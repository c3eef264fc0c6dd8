"""The matrix of the OGC API - Processes client (issue 14): which fault goes into which phase for
which client, and what the client must make of it. The faults, the hostile world, the lanes and
the judgement are the GP matrix's (matrix.py); the phases are an OGC server's (phases.py), and
three faults are the OGC standard's own kinds of trouble: a problem+json error, a web page where
JSON was asked, links to another origin.
"""

from __future__ import annotations

from .matrix import AFTER_ACTING, BEFORE_ACTING, BODIES, NETWORK, PLAIN_HOST, REDIRECTS, Cell
from .phases import DISCOVERY, DISMISS, DOWNLOAD, EXECUTE, OGC_PHASES, POLL, RESULT, SUBMIT
from .terms import CLEAR_ERROR, OGC_APIKEY, OGC_BASIC, QGIS_OGC_BASIC, RECOVERED, STOPPED

CLIENTS = {
    OGC_APIKEY: "gp_core's OgcServer on its requests transport, an API key in a header (X-API-Key)",
    OGC_BASIC: "gp_core's OgcServer on its requests transport, Basic authentication from the user and "
    "password written in the server's URL",
    QGIS_OGC_BASIC: "the plugin's OGC connection (Source.ogc_server) on its QgisTransport on a QgsTask, a Basic "
    "authentication configuration (QGIS adds the Authorization header to the requests the OgcServer lets it credit)",
}
PROBLEM, HTML_PAGE, LINKS_ELSEWHERE = "problem+json error", "HTML page", "links elsewhere"
SPECIFIC = {
    PROBLEM: OGC_PHASES,
    HTML_PAGE: OGC_PHASES,
    LINKS_ELSEWHERE: (POLL, RESULT),
    PLAIN_HOST: (DISCOVERY,),
}
FAULTS = (*(fault for fault in NETWORK if fault != "error echoes request"), *SPECIFIC)
"""The GP matrix's network faults but its error echo (an ArcGIS idiom: an error in an HTTP 200 answer),
whose OGC form is the problem+json error quoting the request."""
ACTING = (EXECUTE, SUBMIT)
"""Requests that start a job on the server: never sent twice."""
WHERE_SECRETS_GO = (*REDIRECTS, PROBLEM, LINKS_ELSEWHERE, PLAIN_HOST)
"""The faults that put a secret within reach of another host or a message: the ones Basic
authentication runs through (the API key's client runs them all; both share the transport), and
QGIS's Basic configuration too."""
RECOVERY = ("503 once", "reset mid-body")
"""Network faults the QGIS client runs besides, to show QGIS's transport recovers as requests does."""


def applies(client: str, phase: str, fault: str) -> bool:
    if client == OGC_BASIC and fault not in WHERE_SECRETS_GO:
        return False
    if client == QGIS_OGC_BASIC and fault not in (*WHERE_SECRETS_GO, *RECOVERY):
        return False
    if fault in SPECIFIC:
        return phase in SPECIFIC[fault]
    return not (phase == DOWNLOAD and fault in BODIES)  # a download is streamed to a file of any size


def cells() -> list[Cell]:
    return [
        Cell(client, phase, fault)
        for client in CLIENTS
        for phase in OGC_PHASES
        for fault in FAULTS
        if applies(client, phase, fault)
    ]


def expected(phase: str, fault: str) -> frozenset[str]:
    """What the issue asks for. A dismiss the server may have carried out before its answer failed
    may be reported or asked again (a DELETE changes nothing more the second time)."""
    either = frozenset({RECOVERED, CLEAR_ERROR})
    if fault in (*BEFORE_ACTING, "relative 307") or (fault, phase) == (LINKS_ELSEWHERE, POLL):
        return frozenset({RECOVERED})  # a status's results link elsewhere: the job's own results are read
    if phase == DISMISS:
        return either if fault in AFTER_ACTING else frozenset({STOPPED, CLEAR_ERROR})
    if fault in AFTER_ACTING:
        return frozenset({CLEAR_ERROR}) if phase in ACTING else frozenset({RECOVERED})
    return frozenset({CLEAR_ERROR})
