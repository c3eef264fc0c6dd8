"""The pygeoapi test server itself, through plain HTTP: what the OGC client's tests rely on."""

from __future__ import annotations

import requests

TIMEOUT = 30
PROCESSES_REL = "http://www.opengis.net/def/rel/ogc/1.0/processes"
CORE = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core"


def test_landing_page_links_to_conformance_and_processes(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/", params={"f": "json"}, timeout=TIMEOUT)
    response.raise_for_status()
    links = {(link["rel"], link["type"]): link["href"] for link in response.json()["links"]}
    # pygeoapi names the conformance link "conformance", not the OGC URI (both are allowed).
    assert links["conformance", "application/json"] == f"{ogc_server}/conformance"
    assert links[PROCESSES_REL, "application/json"] == f"{ogc_server}/processes"


def test_conformance_declares_processes_core(ogc_server: str, http: requests.Session) -> None:
    response = http.get(f"{ogc_server}/conformance", params={"f": "json"}, timeout=TIMEOUT)
    response.raise_for_status()
    assert CORE in response.json()["conformsTo"]
