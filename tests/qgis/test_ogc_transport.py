"""The OGC API - Processes client through QgisTransport, in real QGIS, against the real pygeoapi
server: JSON documents POSTed, jobs dismissed with DELETE, on a QGIS task's thread as Processing
runs algorithms."""

from __future__ import annotations

import math

import pytest

from remote_gp.bridge.network import QgisTransport
from remote_gp.gp_core import FeatureSet, OgcJob, OgcResults, OgcServer, PollPolicy
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
