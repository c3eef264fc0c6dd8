"""A result over the server's transfer limit (exceededTransferLimit): every feature comes back, page by
page from the job's result map service, or the run fails naming the limit. Never fewer features.

Against the reference server: GP/CopyFeaturesAsync returns at most 100 features a result and its result
map service's layers 250 a page; GP/CopyFeatures (synchronous) and GP/Lifecycle (a job without result
map service) stop at 1000. Every request is counted through a transport that records them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable
from urllib.parse import urlsplit

import numpy as np
import pytest
import requests
import shapely

from remote_gp.gp_core import (
    Cancelled,
    FeatureSet,
    Field,
    Options,
    PollPolicy,
    RequestsTransport,
    Server,
    SpatialReference,
    TransferLimitExceeded,
    execute,
    submit,
)
from scripted_http import Received, Reply, ScriptedServer

FAST = PollPolicy(first=0.01, factor=1.5, longest=0.05, tick=0.01)
FIELDS = [
    Field("OBJECTID", "esriFieldTypeOID"),
    Field("label", "esriFieldTypeString", length=20),
    Field("when", "esriFieldTypeDate"),
]
START = datetime(2024, 5, 6, 16, 2, 27, 285000, tzinfo=timezone.utc)
X0, Y0 = 480000.0, 4980000.0
OUTPUT = "Output_Features"


class Recording:
    """RequestsTransport, recording each request (its path and fields); cancelled once `cancel_after`
    map queries were sent."""

    def __init__(self, cancel_after: int | None = None):
        self.inner = RequestsTransport()
        self.sent: list[tuple[str, dict[str, str]]] = []
        self.cancel_after = cancel_after

    def request(self, method: str, url: str, **options: Any):
        self.sent.append((urlsplit(url).path, dict(options.get("params") or options.get("data") or {})))
        return self.inner.request(method, url, **options)

    def download(self, url: str, destination, **options: Any):
        return self.inner.download(url, destination, **options)

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.queries()) >= self.cancel_after

    def queries(self) -> list[dict[str, str]]:
        return [fields for path, fields in self.sent if path.endswith("/query")]

    def since(self, mark: int) -> list[str]:
        return [path.rsplit("/arcgis/rest/services/", 1)[1] for path, _ in self.sent[mark:]]


def points(count: int) -> FeatureSet:
    """`count` points with Z and M along a line; OBJECTID 1..count, a label, a date a second apart."""
    features = FeatureSet("esriGeometryPoint", SpatialReference(wkid=26915), FIELDS, has_z=True, has_m=True)
    features.set_features(
        shapely.points(X0 + np.arange(count), Y0, np.arange(count) / 2),
        [{"OBJECTID": n + 1, "label": f"p{n + 1}", "when": START + timedelta(seconds=n)} for n in range(count)],
        [np.array([n / 4]) for n in range(count)],
    )
    return features


def copied(server: Server, count: int, service: str = "GP/CopyFeaturesAsync", **options: Any):
    """A finished job (or execution) of CopyFeatures on `count` points."""
    task = server.task(service, "CopyFeatures")
    if task.is_synchronous:
        return execute(server, task, {"Input_Features": points(count)}, Options(**options))
    job = submit(server, task, {"Input_Features": points(count)}, Options(**options))
    assert job.wait(policy=FAST) == "esriJobSucceeded"
    return job


@pytest.fixture
def recording() -> Recording:
    return Recording()


@pytest.fixture
def recorded(gp_server: str, recording: Recording) -> Server:
    return Server(gp_server, transport=recording)


def test_ten_thousand_points_come_back_every_one_exactly_once(recorded: Server, recording: Recording):
    job = copied(recorded, 10_000)
    mark = len(recording.sent)
    features = job.output(OUTPUT)
    assert len(features) == 10_000 and not features.exceeded_transfer_limit
    assert [row["OBJECTID"] for row in features.attributes] == list(range(1, 10_001))
    assert shapely.get_x(features.geometries).tolist() == (X0 + np.arange(10_000)).tolist()
    layer = f"GP/CopyFeaturesAsync/MapServer/jobs/{job.id}"
    assert recording.since(mark) == [
        f"GP/CopyFeaturesAsync/GPServer/CopyFeatures/jobs/{job.id}/results/{OUTPUT}",
        layer,
        f"{layer}/0",
        *[f"{layer}/0/query"] * 41,
    ]
    count, *pages = recording.queries()
    assert count["returnCountOnly"] == "true"
    assert [page["resultOffset"] for page in pages] == [str(offset) for offset in range(0, 10_000, 250)]
    assert {(page["resultRecordCount"], page["orderByFields"], page["where"], page["outFields"]) for page in pages} == {
        ("250", "OBJECTID ASC", "1=1", "*")
    }


def test_the_pages_keep_the_schema_z_m_and_dates_to_the_millisecond(server: Server):
    features = copied(server, 300).output(OUTPUT)
    assert [(f.name, f.type) for f in features.fields] == [(f.name, f.type) for f in FIELDS]
    assert features.spatial_reference.epsg == 26915 and (features.has_z, features.has_m) == (True, True)
    assert features.attributes[299] == {"OBJECTID": 300, "label": "p300", "when": START + timedelta(seconds=299)}
    assert features.attributes[0]["when"].isoformat(timespec="milliseconds") == "2024-05-06T16:02:27.285+00:00"
    assert shapely.get_coordinates(features.geometries[[0, 299]], include_z=True).tolist() == [
        [X0, Y0, 0.0],
        [X0 + 299, Y0, 149.5],
    ]
    assert [m.tolist() for m in features.measures[[0, 299]]] == [[0.0], [74.75]]


def test_the_pages_come_in_the_spatial_reference_the_job_was_asked_for(server: Server):
    features = copied(server, 101, out_sr=4326).output(OUTPUT)
    assert features.spatial_reference.epsg == 4326 and len(features) == 101
    assert shapely.get_x(features.geometries[0]) == pytest.approx(-93.2536, abs=1e-4)


def test_at_the_limit_no_page_is_asked_for(recorded: Server, recording: Recording):
    job = copied(recorded, 100)
    mark = len(recording.sent)
    assert len(job.output(OUTPUT)) == 100
    assert recording.since(mark) == [f"GP/CopyFeaturesAsync/GPServer/CopyFeatures/jobs/{job.id}/results/{OUTPUT}"]


def test_a_job_without_result_map_service_fails_naming_the_limit_and_what_raises_it(
    recorded: Server, recording: Recording
):
    job = submit(recorded, recorded.task("GP/Lifecycle", "RunScenario"), {"scenario": "transfer-limit"})
    job.wait(policy=FAST)
    with pytest.raises(TransferLimitExceeded) as caught:
        job.output("features")
    assert (caught.value.output, caught.value.limit) == ("features", 1000)
    message = str(caught.value)
    assert message.startswith(
        "Output 'features' has more features than the service returns in one answer "
        "(its limit: 1000 records, maximumRecords), so they were not returned."
    )
    assert "no result map service" in message and "'Maximum number of records returned by the server'" in message
    assert "ask for less" in message and not recording.queries()


def test_a_synchronous_result_over_the_limit_fails_too(server: Server):
    execution = copied(server, 1001, service="GP/CopyFeatures")
    with pytest.raises(
        TransferLimitExceeded,
        match=r"\(its limit: 1000 records, maximumRecords\).* runs "
        r"synchronously: there is no job whose result map service",
    ):
        execution.output(OUTPUT)


def test_paging_stops_at_once_when_cancelled(gp_server: str):
    recording = Recording(cancel_after=3)  # the count, then two pages
    job = copied(Server(gp_server, transport=recording), 1000)
    with pytest.raises(
        Cancelled,
        match=r"^The request to http://127\.0\.0\.1:\d+/arcgis/rest/services/GP/CopyFeaturesAsync/"
        r"MapServer/jobs/j\w+/0/query was cancelled\.$",
    ):
        job.output(OUTPUT)
    assert len(recording.queries()) == 3


# -- result map services that do not page as they should --------------------------------------------


Forward = Callable[[str], dict]
"""The reference server's answer to a request target (path and query) sent on to it."""


def proxy(gp_server: str, answer: Callable[[Received, Forward], dict]) -> Callable[[Received], Reply]:
    """A handler answering each request with `answer`, given the request and a way to send a target
    on to the reference server."""
    origin = urlsplit(gp_server)

    def handler(request: Received) -> Reply:
        def forward(target: str) -> dict:
            return requests.request(
                request.method,
                f"{origin.scheme}://{origin.netloc}{target}",
                data=request.body,
                headers={"Content-Type": request.headers.get("content-type", "")},
                timeout=30,
            ).json()

        return Reply(body=answer(request, forward))

    return handler


def offset_ignored(request: Received, forward: Forward) -> dict:
    """Every page is the first one."""
    return forward(request.target.replace("resultOffset=", "ignoredOffset="))


def stops_early(request: Received, forward: Forward) -> dict:
    """The first page says it is the last."""
    body = forward(request.target)
    if "resultOffset" in request.fields:
        body["exceededTransferLimit"] = False
    return body


def no_paging(request: Received, forward: Forward) -> dict:
    """The layer says it cannot page (as before ArcGIS 10.3)."""
    body = forward(request.target)
    if request.path.endswith("/0"):
        body["advancedQueryCapabilities"]["supportsPagination"] = False
    return body


@pytest.mark.parametrize(
    "answer, queries, problem",
    [
        (
            offset_ignored,
            3,
            "returned the feature OBJECTID=1 twice: it does not page through its features in a stable order",
        ),
        (stops_early, 2, "returned 250 of the 1000 features it counts"),
        (no_paging, 0, "cannot return features page by page"),
    ],
    ids=["offset ignored", "stops early", "no paging"],
)
def test_a_result_map_service_that_does_not_page_fails_the_output(gp_server: str, answer, queries: int, problem: str):
    recording = Recording()
    with ScriptedServer(proxy(gp_server, answer)) as scripted:
        job = copied(Server(f"{scripted.url}/arcgis", transport=recording), 1000)
        with pytest.raises(TransferLimitExceeded) as caught:
            job.output(OUTPUT)
    message = str(caught.value)
    assert "(its limit: 100 records, maximumRecords)" in message
    assert "The result map service did not return them either" in message
    assert problem in message and len(recording.queries()) == queries
