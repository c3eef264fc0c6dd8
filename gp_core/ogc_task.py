"""OGC processes in the shape of GP tasks, so that what is built on tasks — Processing's algorithms
and their parameters, the cached descriptions — takes them as they are.

Each input and output becomes a GP parameter of the data type that carries the same values: numbers
and integers GPDouble and GPLong (with a range filter from minimum and maximum), text GPString, an
enum GPString with a choice list, booleans GPBoolean, a bounding box GPExtent, features
GPFeatureRecordSetLayer, a GeoTIFF GPRasterDataLayer, an array or an input that occurs several times
GPMultiValue of its items' type, any other value GPString holding its JSON. An input with
`minOccurs: 0` is optional. `inputs` turns the values Processing reads for those parameters back
into what the process takes (an enum's value as the schema gives it, JSON text parsed). A run's
results (`Outcome`) and its job (`TaskJob`) look like a GP task's: its outputs as GP outputs, the
job's states as GP job states.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Union
from urllib.parse import quote

from .errors import ParameterError
from .featureset import FeatureSet
from .job import Job, JobStatus, Message, Progress
from .model import ASYNCHRONOUS, SYNCHRONOUS, DataType, Parameter, Service, Task
from .ogc_job import ACCEPTED, DISMISSED, FAILED, RUNNING, SUCCESSFUL, OgcJob
from .ogc_model import Kind, Process, ProcessInput, ProcessOutput, ValueType
from .ogc_server import OgcResults, OgcServer

#: The GP data type of each kind of value.
_DATA_TYPES = {
    Kind.NUMBER: "GPDouble",
    Kind.INTEGER: "GPLong",
    Kind.STRING: "GPString",
    Kind.ENUM: "GPString",
    Kind.BOOLEAN: "GPBoolean",
    Kind.BBOX: "GPExtent",
    Kind.FEATURES: "GPFeatureRecordSetLayer",
    Kind.RASTER: "GPRasterDataLayer",
    Kind.COMPLEX: "GPString",
}
OPTIONAL, REQUIRED = "esriGPParameterTypeOptional", "esriGPParameterTypeRequired"
#: The schema of a features input: GeoJSON's coordinates are WGS 84 longitude and latitude (RFC 7946),
#: so that is what features are sent in (Processing transforms layers to the schema's reference).
WGS84_SCHEMA = {"spatialReference": {"wkid": 4326}, "fields": []}
OUTPUT = "esriGPParameterDirectionOutput"


def task_of(process: Process, service: Service) -> Task:
    """The process as a task of `service` (its URL is the process's), run as a job when it can be
    (a job shows its progress and can be cancelled), else synchronously."""
    parameters = [_input(described) for described in process.inputs.values()]
    parameters += [_output(described) for described in process.outputs.values()]
    return Task(
        url=process.url,
        name=process.id,
        service=service,
        display_name=process.title or process.id,
        description=process.description,
        execution_type=ASYNCHRONOUS if process.runs_async else SYNCHRONOUS,
        parameters=parameters,
        process=process,
    )


def _input(described: ProcessInput) -> Parameter:
    value = described.value
    several = described.several
    return Parameter(
        name=described.id,
        data_type=DataType(_data_type(value, several)),
        display_name=described.title or described.id,
        description=described.description,
        default_value=_default(value),
        parameter_type=REQUIRED if described.is_required else OPTIONAL,
        choice_list=_choices(value.items if value.kind == Kind.ARRAY and value.items else value),
        filter=_range(value.items if value.kind == Kind.ARRAY and value.items else value),
    )


def _output(described: ProcessOutput) -> Parameter:
    return Parameter(
        name=described.id,
        data_type=DataType(_data_type(described.value, False)),
        display_name=described.title or described.id,
        description=described.description,
        direction=OUTPUT,
    )


def _data_type(value: ValueType, several: bool) -> str:
    if value.kind == Kind.ARRAY:
        items = value.items
        member = _DATA_TYPES.get(items.kind, "GPString") if items is not None else "GPString"
        return f"GPMultiValue:{member}"
    data_type = _DATA_TYPES[value.kind]
    return f"GPMultiValue:{data_type}" if several else data_type


def _choices(value: ValueType) -> list[str] | None:
    return [_choice_text(item) for item in value.values] if value.kind == Kind.ENUM else None


def _choice_text(item: Any) -> str:
    return item if isinstance(item, str) else json.dumps(item)


def _range(value: ValueType) -> dict[str, Any] | None:
    if value.kind not in (Kind.NUMBER, Kind.INTEGER) or (value.minimum is None and value.maximum is None):
        return None
    return {"type": "range", "minimum": value.minimum, "maximum": value.maximum}


def _default(value: ValueType) -> Any:
    default = value.default
    if value.kind == Kind.FEATURES:
        return copy.deepcopy(WGS84_SCHEMA)
    if default is None or value.kind in (Kind.RASTER, Kind.BBOX):
        return None
    if value.kind == Kind.ENUM:
        return _choice_text(default)
    if value.kind == Kind.COMPLEX:
        return json.dumps(default)
    return default


def inputs(process: Process, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values Processing read for the task's parameters as the process takes them: an enum's
    choice as the value its schema lists, a complex value's JSON text parsed, a single value of an
    input that may occur several times as it is."""
    found = {}
    for name, value in values.items():
        described = process.input(name)
        several = described.several
        found[name] = _value(described.value, name, value, several and not isinstance(value, FeatureSet))
    return found


def _listed(value: Any) -> list[Any]:
    """A list value as it is; text as Processing's multivalue parameters hold it: a JSON array, or
    values separated by semicolons (as the GP tasks' multivalues take them)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        if value.lstrip().startswith("["):
            try:
                listed = json.loads(value)
            except ValueError:
                listed = None
            if isinstance(listed, list):
                return listed
        return [item.strip() for item in value.split(";") if item.strip()]
    return [value]


def _number(kind: ValueType, name: str, text: str) -> float | int:
    try:
        number = float(text)
    except ValueError:
        raise ParameterError(name, f"'{text}' is not a number.") from None
    if kind.kind == Kind.INTEGER:
        if not number.is_integer():
            raise ParameterError(name, f"'{text}' is not a whole number.")
        return int(number)
    return number


def _value(kind: ValueType, name: str, value: Any, several: bool = False) -> Any:
    if kind.kind == Kind.ARRAY or several:
        member = kind.items if kind.kind == Kind.ARRAY and kind.items is not None else kind
        return [_value(member, name, item) for item in _listed(value)]
    if isinstance(value, list):
        return [_value(kind, name, item) for item in value]
    if isinstance(value, str) and kind.kind in (Kind.NUMBER, Kind.INTEGER):
        return _number(kind, name, value)
    if kind.kind == Kind.ENUM:
        return next((item for item in kind.values if _choice_text(item) == value), value)
    if kind.kind == Kind.COMPLEX and isinstance(value, str) and not kind.media_types:
        try:
            return json.loads(value)
        except ValueError:
            raise ParameterError(name, "expected JSON text (an object, a list, a number...).") from None
    return value


def execute_ogc(server: OgcServer, task: Task, values: Mapping[str, Any]) -> OgcJob | OgcResults:
    """Run an OGC task (`task_of`) with the values read for its parameters: a job when the task
    runs asynchronously (followed by the caller), else the results."""
    process = _process(task)
    return server.execute(process, inputs(process, values), asynchronous=not task.is_synchronous)


def _process(task: Task) -> Process:
    if task.process is None:
        raise ParameterError(task.name, "it is a GP task, not an OGC process.")
    return task.process


@dataclass(frozen=True)
class OutputRaster:
    """A raster output of a process run (a GeoTIFF), written where asked by `download`, as a GP
    raster output's file is."""

    results: OgcResults
    output: str

    @property
    def name(self) -> str:
        return f"{self.output}.tif"

    def download(self, destination: str | Path) -> Path:
        target = Path(destination)
        if target.is_dir():
            target = target / self.name
        return Path(self.results.output(self.output, target))


@dataclass(frozen=True)
class Outcome:
    """A finished run of an OGC task as a GP run's outcome: its task, and each output as the GP
    output of the same parameter would be (features as a FeatureSet, a raster to download, a value)."""

    task: Task
    results: OgcResults

    def output(self, name: str) -> Any:
        kind = _process(self.task).output(name).value.kind
        if kind == Kind.RASTER:
            return OutputRaster(self.results, name)
        return self.results.output(name)


#: The GP job state of each OGC job state; a state the standard does not name ends the job, as failed.
_STATES: dict[str, str] = {
    ACCEPTED: JobStatus.SUBMITTED,
    RUNNING: JobStatus.EXECUTING,
    SUCCESSFUL: JobStatus.SUCCEEDED,
    FAILED: JobStatus.FAILED,
    DISMISSED: JobStatus.CANCELLED,
}
_OGC_STATES: dict[str, str] = {gp: ogc for ogc, gp in _STATES.items()}


class TaskJob:
    """An OGC job (`OgcJob`) as the GP job of its task (`task_of`) is seen: GP's job states, the
    percent done as progress, a dismiss as its cancel, its outputs as the GP outputs of the same
    parameters (`Outcome`), the results fetched once."""

    def __init__(self, job: OgcJob, task: Task):
        self.job = job
        self.task = task

    @classmethod
    def of(cls, server: OgcServer, task: Task, job_id: str, status: str, url: str = "") -> TaskJob:
        """A job known by its id, its URL and its last GP state (a recorded job); without a URL, at
        the standard's place for jobs. No request is sent."""
        url = url or f"{server.url}/jobs/{quote(job_id, safe='')}"
        return cls(OgcJob(server, url, _process(task), job_id, _OGC_STATES.get(status, ACCEPTED)), task)

    def __repr__(self) -> str:
        return f"TaskJob({self.job!r})"

    @property
    def id(self) -> str:
        return self.job.id

    @property
    def server(self) -> OgcServer:
        return self.job.server

    @property
    def url(self) -> str:
        return self.job.url

    @property
    def status(self) -> str:
        return _STATES.get(self.job.status, JobStatus.FAILED)

    @property
    def messages(self) -> list[Message]:
        return self.job.messages

    @property
    def progress(self) -> Progress | None:
        return self.job.progress_report

    @property
    def is_ended(self) -> bool:
        return self.job.is_ended

    @property
    def succeeded(self) -> bool:
        return self.job.succeeded

    def refresh(self) -> tuple[bool, list[Message]]:
        return self.job.refresh()

    def wait(
        self,
        on_update: Callable[[TaskJob, list[Message]], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> str:
        """`OgcJob.wait`; its state as a GP state."""
        update = None if on_update is None else lambda job, new: on_update(self, new)
        self.job.wait(on_update=update, cancelled=cancelled)
        return self.status

    def cancel(self) -> bool:
        """Dismiss the job; False when the server does not dismiss jobs."""
        return self.job.dismiss()

    def check(self) -> None:
        self.job.check()

    @cached_property
    def outcome(self) -> Outcome:
        return Outcome(self.task, self.job.results())

    def output(self, name: str) -> Any:
        return self.outcome.output(name)


AnyJob = Union[Job, TaskJob]
"""A GP job, or an OGC job seen as one: what the plugin follows, records and loads results of."""
