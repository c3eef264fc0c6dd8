"""OGC processes as GP tasks (gp_core.ogc_task): parameters from JSON Schema kinds, Processing's
values turned back into the process's, jobs seen as GP jobs; against pygeoapi (tests/ogc_server)
and against descriptions written here."""

from __future__ import annotations

import pytest

from remote_gp.gp_core import JobStatus, OgcServer, ParameterError
from remote_gp.gp_core.discovery import OGC_MARK, PROCESSES, describe_processes
from remote_gp.gp_core.model import ASYNCHRONOUS, SYNCHRONOUS, Service
from remote_gp.gp_core.ogc_model import Process
from remote_gp.gp_core.ogc_task import TaskJob, execute_ogc, inputs, task_of
from remote_gp.gp_core.urls import server_kind

DESCRIPTION = {
    "id": "kinds",
    "title": "Every kind",
    "jobControlOptions": ["sync-execute"],
    "inputs": {
        "level": {"schema": {"type": "integer", "enum": [1, 2, 3]}},
        "options": {"schema": {"type": "object", "properties": {"a": {"type": "number"}}}, "minOccurs": 0},
        "gml": {"schema": {"type": "string", "contentMediaType": "application/gml+xml"}, "minOccurs": 0},
        "sizes": {"schema": {"type": "array", "items": {"type": "integer"}}, "minOccurs": 0},
        "names": {"schema": {"type": "string"}, "minOccurs": 0, "maxOccurs": "unbounded"},
        "area": {"schema": {"type": "number", "minimum": 0, "maximum": 10, "default": 5}},
        "zone": {"schema": {"allOf": [{"format": "ogc-bbox"}, {"$ref": "bbox.yaml"}]}, "minOccurs": 0},
        "dem": {"schema": {"type": "string", "contentMediaType": "image/tiff; application=geotiff"}},
        "where": {"schema": {"type": "object", "contentMediaType": "application/geo+json"}},
    },
    "outputs": {"result": {"schema": {"type": "object", "contentMediaType": "application/geo+json"}}},
}


@pytest.fixture(scope="module")
def kinds():
    process = Process.from_json(DESCRIPTION, "test", "https://host/ogcapi/processes/kinds")
    return task_of(process, Service("https://host/ogcapi/processes", PROCESSES, tasks=["kinds"]))


def test_each_kind_becomes_the_gp_type_that_carries_its_values(kinds):
    types = {p.name: (str(p.data_type), p.is_required) for p in kinds.parameters}
    assert types == {
        "level": ("GPString", True),
        "options": ("GPString", False),
        "gml": ("GPString", False),
        "sizes": ("GPMultiValue:GPLong", False),
        "names": ("GPMultiValue:GPString", False),
        "area": ("GPDouble", True),
        "zone": ("GPExtent", False),
        "dem": ("GPRasterDataLayer", True),
        "where": ("GPFeatureRecordSetLayer", True),
        "result": ("GPFeatureRecordSetLayer", True),
    }
    assert kinds.parameter("level").choice_list == ["1", "2", "3"]
    area = kinds.parameter("area")
    assert (area.filter, area.default_value) == ({"type": "range", "minimum": 0.0, "maximum": 10.0}, 5)
    assert kinds.parameter("where").default_value == {"spatialReference": {"wkid": 4326}, "fields": []}
    assert [p.name for p in kinds.outputs] == ["result"] and kinds.execution_type == SYNCHRONOUS
    assert kinds.url == "https://host/ogcapi/processes/kinds" and kinds.process is not None


def test_processings_values_go_back_as_the_schemas_take_them(kinds):
    given = {
        "level": "2",
        "options": '{"a": 1.5}',
        "gml": "<gml:Point/>",
        "sizes": "3;4",
        "names": "a; b",
        "area": 2.5,
    }
    assert inputs(kinds.process, given) == {
        "level": 2,
        "options": {"a": 1.5},
        "gml": "<gml:Point/>",
        "sizes": [3, 4],
        "names": ["a", "b"],
        "area": 2.5,
    }
    assert inputs(kinds.process, {"sizes": "[5, 6]", "names": ["x"]}) == {"sizes": [5, 6], "names": ["x"]}


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [("options", "{not json", "expected JSON text"), ("sizes", "3;4.5", "'4.5' is not a whole number")],
)
def test_a_value_the_schema_cannot_take_names_its_input(kinds, name, value, problem):
    with pytest.raises(ParameterError, match=problem) as raised:
        inputs(kinds.process, {name: value})
    assert name in str(raised.value)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://host/arcgis", "gp"),
        ("https://host/server/rest/services/GP/Buffer/GPServer", "gp"),
        ("https://services.arcgis.com/abc/arcgis/rest/services", "gp"),
        ("https://host/ogcapi", "ogc"),
        ("https://host/pygeoapi/processes", "ogc"),
        ("https://host/wps/processes/buffer", "ogc"),
        ("https://host/", None),
        ("http://127.0.0.1:5000", None),
    ],
)
def test_the_url_tells_the_kind_of_server_where_it_can(url, kind):
    assert server_kind(url) == kind


def test_pygeoapis_processes_are_described_and_made_tasks(ogc_server):
    skipped = []
    described = describe_processes(OgcServer(ogc_server), lambda name, error: skipped.append(name))
    assert skipped == [] and described.body[OGC_MARK] is True and described.is_ogc
    assert sorted(described.tasks) == ["buffer", "fail", "hello-world", "literals", "slope", "slow"]
    service = described.service()
    buffer = described.task(service, "buffer")
    assert buffer.url == f"{ogc_server}/processes/buffer" and buffer.execution_type == ASYNCHRONOUS
    assert [(p.name, str(p.data_type)) for p in buffer.inputs] == [
        ("features", "GPFeatureRecordSetLayer"),
        ("distance", "GPDouble"),
        ("segments", "GPLong"),
    ]


def test_a_job_is_seen_as_a_gp_job_and_its_cancel_dismisses_it(ogc_server):
    server = OgcServer(ogc_server)
    described = describe_processes(server, lambda name, error: None)
    slow = described.task(described.service(), "slow")
    job = TaskJob(execute_ogc(server, slow, {"seconds": 60, "steps": 60}), slow)
    assert job.status in (JobStatus.SUBMITTED, JobStatus.EXECUTING) and not job.is_ended
    again = TaskJob.of(server, slow, job.id, job.status)  # as a recorded job comes back
    again.refresh()
    assert again.status in (JobStatus.SUBMITTED, JobStatus.EXECUTING)
    assert again.cancel() and again.status == JobStatus.CANCELLED and again.is_ended


def test_a_finished_jobs_outputs_are_the_gp_outputs_of_its_task(ogc_server):
    server = OgcServer(ogc_server)
    described = describe_processes(server, lambda name, error: None)
    hello = described.task(described.service(), "hello-world")
    job = TaskJob(execute_ogc(server, hello, {"name": "QGIS"}), hello)
    assert job.wait() == JobStatus.SUCCEEDED and job.succeeded
    assert job.output("echo") == "Hello QGIS!"
