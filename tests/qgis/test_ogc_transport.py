"""The OGC API - Processes client through QgisTransport, in real QGIS, against the real pygeoapi
server: JSON documents POSTed, jobs dismissed with DELETE, on a QGIS task's thread as Processing
runs algorithms."""

from __future__ import annotations

import math

import pytest
from qgis.core import QgsApplication

from qgis_helpers import basic_authcfg
from remote_gp.bridge.connections import OGC, Connection
from remote_gp.bridge.network import QgisTransport
from remote_gp.bridge.source import Source
from remote_gp.gp_core import FeatureSet, InsecureConnection, OgcJob, OgcResults, OgcServer, PollPolicy
from test_network import in_task

QUICK = PollPolicy(first=0.1, longest=0.2)


def _point() -> FeatureSet:
    return FeatureSet.from_json(
        {
            "geometryType": "esriGeometryPoint",
            "spatialReference": {"wkid": 4326},
            "fields": [{"name": "name", "type": "esriFieldTypeString"}],
            "features": [{"geometry": {"x": 1, "y": 2}, "attributes": {"name": "é"}}],
        }
    )


def test_a_process_runs_through_qgis(ogc_server: str) -> None:
    def work() -> FeatureSet:
        server = OgcServer(ogc_server, transport=QgisTransport())
        outcome = server.execute("buffer", {"features": _point(), "distance": 1.0, "segments": 32})
        assert isinstance(outcome, OgcResults)
        buffered: FeatureSet = outcome.output("buffered")
        return buffered

    buffered = in_task(work)
    assert buffered.attributes == [{"name": "é"}]
    assert buffered.geometries[0].area == pytest.approx(math.pi, rel=0.01)


def test_a_job_is_dismissed_through_qgis(ogc_server: str) -> None:
    def work() -> str:
        server = OgcServer(ogc_server, transport=QgisTransport())
        job = server.execute("slow", {"seconds": 120, "steps": 120}, asynchronous=True)
        assert isinstance(job, OgcJob)
        return job.wait(cancelled=lambda: job.status == "running", policy=QUICK)

    assert in_task(work) == "dismissed"


def test_an_ogc_connections_basic_login_is_qgis_to_send_and_never_shown(ogc_server: str) -> None:
    """QGIS adds the header; the OgcServer knows it is there: it is hidden from what a server
    quotes back, and a plain-http address of another computer is refused rather than asked
    without it."""
    authcfg = basic_authcfg("ogcuser", "ogc-secret-9")
    try:
        source = Source.read(Connection("ogcbasic", "OGC Basic", ogc_server, authcfg, OGC))
        assert "ogc-secret-9" in source.ogc_server().secrets()
        assert len(in_task(lambda: source.ogc_server().processes())) > 0
        elsewhere = Source.read(Connection("ogcplain", "OGC plain", "http://processes.example.invalid/", authcfg, OGC))
        with pytest.raises(InsecureConnection, match="plain http"):
            in_task(lambda: elsewhere.ogc_server().processes())
    finally:
        QgsApplication.authManager().removeAuthenticationConfig(authcfg)
