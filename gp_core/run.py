"""Running a task: inputs checked and encoded, then `execute` (synchronous) or `submitJob`."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Mapping

from .errors import BadResponse, ParameterError
from .job import SUCCEEDED, Job, Message, parse_messages
from .model import DataType, Parameter, Task
from .server import Server
from .spatialref import SpatialReference
from .uploads import upload
from .values import decode, encode, is_empty

OutSR = SpatialReference | int | None


@dataclass
class Execution:
    """The answer of a synchronous `execute`: already finished, outputs in hand."""

    server: Server = field(repr=False)
    task: Task
    results: dict[str, tuple[DataType, Any]]
    messages: list[Message]
    status: str = SUCCEEDED
    _decoded: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def succeeded(self) -> bool:
        return True

    def output(self, name: str) -> Any:
        parameter = self.task.parameter(name)
        if parameter.name not in self._decoded:
            if parameter.name not in self.results:
                raise BadResponse(f"Task '{self.task.name}' returned no value for output '{parameter.name}'.")
            data_type, value = self.results[parameter.name]
            self._decoded[parameter.name] = decode(data_type, value, self.server)
        return self._decoded[parameter.name]


def request_form(server: Server, task: Task, inputs: Mapping[str, Any], out_sr: OutSR = None) -> dict[str, str]:
    """The form fields of an execute/submitJob request. Derived outputs, outputs and empty
    optional inputs are never sent; a required input left out uses the task's default."""
    given = _by_parameter(task, inputs)
    uploader = partial(upload, server, task.service) if task.service.supports_uploads else None
    form: dict[str, str] = {}
    for parameter in task.inputs:
        if parameter.name not in given:
            if parameter.is_required and not _has_usable_default(parameter):
                raise ParameterError(parameter.name, "a value is required.")
            continue
        text = encode(parameter, given[parameter.name], uploader)
        if text is not None:
            form[parameter.name] = text
    form.update(_out_sr_fields(out_sr))
    return form


def execute(server: Server, task: Task, inputs: Mapping[str, Any] | None = None, out_sr: OutSR = None) -> Execution:
    body = server.post(f"{task.url}/execute", request_form(server, task, inputs or {}, out_sr))
    return Execution(server, task, parse_results(body), parse_messages(body.get("messages")))


def parse_results(body: dict) -> dict[str, tuple[DataType, Any]]:
    """An execute answer's `results`: output name → (data type, raw value)."""
    return {
        item["paramName"]: (DataType(str(item.get("dataType") or "GPString")), item.get("value"))
        for item in body.get("results") or []
        if isinstance(item, dict) and item.get("paramName")
    }


def submit(server: Server, task: Task, inputs: Mapping[str, Any] | None = None, out_sr: OutSR = None) -> Job:
    body = server.post(f"{task.url}/submitJob", request_form(server, task, inputs or {}, out_sr))
    job_id = body.get("jobId")
    if not isinstance(job_id, str) or not job_id:
        raise BadResponse(f"Submitting '{task.name}' returned no job id.")
    return Job(server, task, job_id, str(body.get("jobStatus") or "esriJobSubmitted"))


def run(server: Server, task: Task, inputs: Mapping[str, Any] | None = None, out_sr: OutSR = None) -> Job | Execution:
    """`execute` or `submit`, as the task's execution type says."""
    return (execute if task.is_synchronous else submit)(server, task, inputs, out_sr)


def _by_parameter(task: Task, inputs: Mapping[str, Any]) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for key, value in inputs.items():
        try:
            parameter = task.parameter(key)
        except KeyError:
            names = ", ".join(p.name for p in task.inputs)
            raise ParameterError(key, f"task '{task.name}' has no such input (its inputs: {names}).") from None
        if not parameter.is_input:
            raise ParameterError(parameter.name, "is an output of the task; outputs are not sent.")
        given[parameter.name] = value
    return given


def _has_usable_default(parameter: Parameter) -> bool:
    """Whether the server has something to use when the input is left out. A FeatureSet default
    counts only when it holds features: a bare schema is no value."""
    default = parameter.default_value
    if isinstance(default, dict) and ("fields" in default or "geometryType" in default):
        return bool(default.get("features"))
    return not is_empty(default)


def _out_sr_fields(out_sr: OutSR) -> dict[str, str]:
    """Both spellings: `env:outSR` for older servers, `context` for 10.6.1 and later."""
    if out_sr is None:
        return {}
    reference = SpatialReference(wkid=out_sr) if isinstance(out_sr, int) else out_sr
    as_json = reference.to_json()
    env = str(reference.wkid) if reference.wkid and len(as_json) == 1 else json.dumps(as_json)
    return {"env:outSR": env, "context": json.dumps({"outSR": as_json})}

