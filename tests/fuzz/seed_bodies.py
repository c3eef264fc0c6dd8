"""The bodies the fuzzing starts from: the real-world bodies in tests/fixtures/real, and every JSON
answer of the reference server to gp_core during a catalog walk, a synchronous run of every data
type, asynchronous jobs (succeeded, failed, with progress), a map image, an upload and a sign-in.

Each body has a kind, the decoder that reads it: catalog, service, task, job, execute, result,
upload, map, token, info, error, or "other" (JSON schemas from Esri's pages: bodies
all the same, for every decoder)."""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import shapely
from hypothesis import strategies as st

from gp_server.security import USERS
from json_strategies import keyed_objects, keys_of, mutated, one_of_these, paths
from real_bodies import REAL_BODIES
from remote_gp.gp_core import Extent, GPError, Server, SpatialReference, execute, submit
from remote_gp.gp_core.errors import warnings_to
from remote_gp.gp_core.mapimage import export_image
from remote_gp.gp_core.transport import RequestsTransport
from remote_gp.gp_core.uploads import upload
from remote_gp.gp_core.values import schema_of

#: The kind of each real-world body, by a fragment of its file name; every file must have one.
REAL_KINDS = {
    "GPJobIdResponse_submitJob": "job",
    "GPJobInfoWithResults": "job",
    "mockAllResults_VRP_job": "job",
    "progress_default": "job",
    "progress_step": "job",
    "succeeded_job_with_results": "job",
    "landfire-python": "job",
    "911Hotspot_submitJob_expected": "job",
    "mockAllResultsRequest_GPRecordSet_results": "other",
    "error_499": "error",
    "rest_error_400": "error",
    "curvePaths_example": "other",
    "multivalue_results_with_messages": "execute",
    "polyline_featureset_result": "execute",
    "json_schema": "other",
    "GPExtent_input": "other",
    "input_featureset": "other",
    "output_": "result",
    "GPString_result": "result",
    "GPValueTable_returnColumnName_result": "result",
    "SaveToPDF_GPDataFile_result": "result",
    "ListVersions_GPRecordSet_input_and_expected": "other",
    "service_info": "service",
    "_task.json": "task",
    "uploads__upload__response": "upload",
}

((USERNAME, PASSWORD),) = USERS.items()


class Bodies:
    """The seed bodies by kind, and strategies built on them (built once: the tests ask for them at
    every input)."""

    def __init__(self, by_kind: dict[str, list[Any]]):
        self.by_kind = by_kind
        self.every = [body for kind in sorted(by_kind) for body in by_kind[kind]]
        self.keys = one_of_these(keys_of(self.every))
        """The object keys of all bodies."""
        self._strategies: dict[Any, st.SearchStrategy] = {}

    def of(self, *kinds: str) -> list[Any]:
        return [body for kind in kinds for body in self.by_kind.get(kind, [])]

    def inside(self, wanted: Callable[[dict], bool]) -> list[Any]:
        """Every object nested anywhere in any body for which `wanted(obj)` is true (feature sets,
        geometries, result values...)."""
        found = []
        for body in self.every:
            for path in paths(body):
                value = _at(body, path)
                if isinstance(value, dict) and wanted(value):
                    found.append(value)
        return found

    def mutated(self, *kinds: str) -> st.SearchStrategy[dict]:
        """Bodies of these kinds mutated; now and then any body mutated, or an object made of the
        keys real bodies use."""
        return self._mutations(kinds, lambda: self.of(*kinds))

    def mutated_inside(self, name: str, wanted: Callable[[dict], bool]) -> st.SearchStrategy[dict]:
        """Like `mutated`, from the objects `inside` finds (`name` tells them apart)."""
        return self._mutations(name, lambda: self.inside(wanted))

    def _mutations(self, key: Any, seeds: Callable[[], list[dict]]) -> st.SearchStrategy[dict]:
        if key not in self._strategies:
            self._strategies[key] = st.one_of(
                mutated(one_of_these(seeds()), self.keys),
                mutated(one_of_these(self.every), self.keys),
                keyed_objects(self.keys),
            )
        return self._strategies[key]


def _at(body: Any, path: tuple) -> Any:
    for step in path:
        body = body[step]
    return body


def real_bodies() -> dict[str, list[Any]]:
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for path in sorted(REAL_BODIES.glob("*.json")):
        kinds = {kind for fragment, kind in REAL_KINDS.items() if fragment in path.name}
        assert len(kinds) == 1, f"{path.name}: give it one kind in REAL_KINDS (it matches {sorted(kinds)})"
        body = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(body, dict), f"{path.name}: an answer is a JSON object"
        if "mockAllResultsRequest" in path.name:  # a dict of result bodies, by output name
            by_kind["result"].extend(body.values())
        by_kind[kinds.pop()].append(body)
    return by_kind


class Recording:
    """A real transport that keeps every answer's URL and body (JSON ones) on their way to gp_core."""

    def __init__(self, inner: RequestsTransport):
        self.inner = inner
        self.answers: list[tuple[str, Any]] = []

    def request(self, method: str, url: str, **options: Any):
        answer = self.inner.request(method, url, **options)
        try:
            self.answers.append((url, json.loads(answer.content)))
        except ValueError:
            pass  # an image
        return answer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


_KIND_OF_PATH = (
    (r"/generateToken$", "token"),
    (r"/rest/info$", "info"),
    (r"/uploads/upload$", "upload"),
    (r"/MapServer/jobs/[^/]+(/\d+)?$", "map"),
    (r"/execute$", "execute"),
    (r"/results/[^/]+$", "result"),
    (r"/(submitJob|jobs/[^/]+|jobs/[^/]+/cancel)$", "job"),
    (r"/GPServer$", "service"),
    (r"/GPServer/[^/]+$", "task"),
    (r"/rest/services(/[^/]+)?$", "catalog"),
)


def kind_of_answer(url: str, body: Any) -> str:
    if isinstance(body, dict) and "error" in body:
        return "error"
    path = urlsplit(url).path
    return next(kind for pattern, kind in _KIND_OF_PATH if re.search(pattern, path))


def reference_bodies(root_url: str) -> dict[str, list[Any]]:
    """What the reference server answers gp_core in the workflows its tests run."""
    recorder = Recording(RequestsTransport())
    anonymous = Server(root_url, transport=recorder)
    signed = Server(root_url, transport=recorder, username=USERNAME, password=PASSWORD)
    with warnings_to(lambda message: None):
        _walk(anonymous, "")
        _walk(signed, "Secure")
        _echo_every_type(anonymous)
        _jobs(anonymous)
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for url, body in recorder.answers:
        by_kind[kind_of_answer(url, body)].append(body)
    return by_kind


def _walk(server: Server, folder: str) -> None:
    catalog = server.catalog(folder)
    names = [name for name in catalog.gp_services if name.startswith(folder)]
    for sub_folder in catalog.folders:
        try:
            names += server.catalog(sub_folder).gp_services
        except GPError:
            pass  # the Secure folder, to an anonymous server: its error body is recorded
    for name in names:
        service = server.service(name)
        for task in service.tasks:
            server.task(service, task)


def _echo_every_type(server: Server) -> None:
    echo = server.task("GP/DataTypes", "EchoTypes")
    features = schema_of(echo.parameter("in_features"))
    features.add(
        shapely.Point(500_000, 4_980_000),
        {"Name": "p", "Seen": datetime(2024, 5, 1, tzinfo=timezone.utc), "Code": 2**53},
    )
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "notes.txt"
        text.write_text("fuzz", encoding="utf-8")
        upload(server, echo.service, text)
        result = execute(
            server,
            echo,
            {
                "in_string": "a",
                "in_long": -7,
                "in_double": 2.5,
                "in_bool": True,
                "in_choice": "blue",
                "in_coded": "Medium",
                "in_date": datetime(2021, 3, 4, tzinfo=timezone.utc),
                "in_linear": "5 feet",
                "in_areal": "2 hectares",
                "in_time": "90 minutes",
                "in_strings": ["a", "b"],
                "in_doubles": [1, 2.5],
                "in_units": ["1 km"],
                "in_table_values": [["x", 1, 0.5]],
                "in_composite": "3 meters",
                "in_sr": "EPSG:3857",
                "in_extent": Extent(1, 2, 3, 4, SpatialReference(wkid=26915)),
                "in_features": features,
                "in_field": "Name",
                "in_table": [{"a": 1}],
                "in_file": text,
            },
        )
    for name in result.results:
        result.output(name)


def _jobs(server: Server) -> None:
    buffer = server.task("GP/BufferByVal", "BufferPoints")
    points = schema_of(buffer.parameter("Input_Features"))
    points.add(shapely.Point(500_000, 4_980_000))
    job = submit(server, buffer, {"Input_Features": points, "Distance": "10 meters"})
    job.wait()
    job.output("Output_Polygons")
    export_image(job, 32, 32)
    lifecycle = server.task("GP/Lifecycle", "RunScenario")
    for scenario in ("progress", "fail"):
        submit(server, lifecycle, {"scenario": scenario, "steps": 1}).wait()
