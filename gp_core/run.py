"""Running a task: inputs checked and encoded, then `execute` (synchronous) or `submitJob`."""

from __future__ import annotations

import json
import string
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .errors import BadResponse, ParameterError
from .job import Job, JobStatus, Message, parse_messages
from .json_fields import text_of
from .model import DataType, Parameter, Task
from .server import Server
from .spatialref import SpatialReference
from .uploads import upload
from .values import FEATURES, Uploader, holds_data, read_output, wire

#: The largest form post sent; larger inputs go through the service's uploads. 10 MB is a common
#: limit of servers and web adaptors in front of them.
MAX_FORM_BYTES = 10 * 1024 * 1024
#: The bytes URL-encoding keeps as one byte (a space becomes "+").
_KEPT = string.ascii_letters.encode() + string.digits.encode() + b"_.~ -"


@dataclass
class Execution:
    """The answer of a synchronous `execute`: already finished, outputs in hand."""

    server: Server = field(repr=False)
    task: Task
    results: dict[str, tuple[DataType, Any]]
    messages: list[Message]
    status: str = JobStatus.SUCCEEDED
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
            self._decoded[parameter.name] = read_output(self.task, parameter.name, data_type, value, self.server)
        return self._decoded[parameter.name]


@dataclass(frozen=True)
class Options:
    """How the server should return outputs."""

    out_sr: SpatialReference | int | None = None
    """The spatial reference of output geometries (sent both as `env:outSR` and in `context`)."""
    return_z: bool = True
    return_m: bool = True
    """Whether returned features keep their Z and M values: ArcGIS leaves them out unless asked."""

    def fields(self) -> dict[str, str]:
        form: dict[str, str] = {}
        if self.out_sr is not None:
            reference = SpatialReference(wkid=self.out_sr) if isinstance(self.out_sr, int) else self.out_sr
            body = reference.to_json()
            form["env:outSR"] = str(reference.wkid) if set(body) == {"wkid"} else json.dumps(body)
            form["context"] = json.dumps({"outSR": body})
        form["returnZ"], form["returnM"] = _flag(self.return_z), _flag(self.return_m)
        return form


def _flag(value: bool) -> str:
    return "true" if value else "false"


def request_form(server: Server, task: Task, inputs: Mapping[str, Any], options: Options = Options()) -> dict[str, str]:
    """The form fields of an execute/submitJob request. Derived outputs, outputs and empty
    optional inputs are never sent; a required input left out uses the task's default, and is a
    ParameterError when that holds no data (`{}`, a schema without features): the server would
    fail the job. Inputs too large for a form post go through the service's uploads."""
    given = _by_parameter(task, inputs)
    uploader = partial(upload, server, task.service) if task.service.supports_uploads else None
    form: dict[str, str | bytes] = {}
    for parameter in task.inputs:
        if parameter.name not in given:
            if parameter.is_required and not holds_data(parameter.data_type, parameter.default_value):
                raise ParameterError(parameter.name, _required(parameter))
            continue
        dependency = _dependency(task, parameter)
        text = wire(parameter, given[parameter.name], uploader, dependency)
        if text is not None:
            form[parameter.name] = text
    _fit(form, task, uploader)
    fields = {name: text.decode("ascii") if isinstance(text, bytes) else text for name, text in form.items()}
    fields.update(options.fields())
    return fields


def _dependency(task: Task, parameter: Parameter) -> Parameter | None:
    try:
        return task.parameter(parameter.dependency) if parameter.dependency else None
    except KeyError:
        return None


def _fit(form: dict[str, str | bytes], task: Task, uploader: Uploader | None) -> None:
    """While the form is larger than a server accepts, the largest feature or table input goes
    up as a .json file and is sent as its itemID instead."""
    while encoded_size(form) > MAX_FORM_BYTES:
        movable = [
            name for name in form if task.parameter(name).data_type.base in FEATURES and not _is_reference(form[name])
        ]
        largest = max(movable or form, key=lambda name: len(form[name]))
        size = f"{encoded_size({largest: form[largest]}) / 1e6:.1f} MB"
        if not movable or uploader is None:
            why = "the service does not accept uploads" if movable else "it cannot be uploaded"
            raise ParameterError(
                largest,
                f"its value is {size} in a form post, more than servers accept "
                f"({MAX_FORM_BYTES // (1024 * 1024)} MB), and {why}: send less, or a URL.",
            )
        with tempfile.TemporaryDirectory(prefix="remote_gp_") as folder:
            path = Path(folder) / f"{largest}.json"
            path.write_bytes(_as_bytes(form[largest]))
            form[largest] = json.dumps({"itemID": uploader(path)})


def _is_reference(text: str | bytes) -> bool:
    """Whether a features input's text is an uploaded item or a URL rather than features (only
    its first characters are encoded: it may be a feature set's 149 MB)."""
    return _as_bytes(text.lstrip()[:9]).startswith((b'{"itemID"', b'{"url"'))


def _as_bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def encoded_size(form: Mapping[str, str | bytes]) -> int:
    """Bytes of the form once URL-encoded, as `urllib.parse.urlencode` (which requests uses) writes
    it: `key=value` joined by `&`, every byte of either but [A-Za-z0-9_.~ -] written as three."""
    return sum(_encoded_size(key) + 1 + _encoded_size(value) for key, value in form.items()) + max(len(form) - 1, 0)


def _encoded_size(text: str | bytes) -> int:
    """Counted by deleting the bytes kept as they are: one pass in C (a regular expression's list of
    matches took 1.4 s for a 149 MB feature input)."""
    data = _as_bytes(text)
    return len(data) + 2 * len(data.translate(None, _KEPT))


def execute(
    server: Server, task: Task, inputs: Mapping[str, Any] | None = None, options: Options = Options()
) -> Execution:
    body = server.post(f"{task.url}/execute", request_form(server, task, inputs or {}, options))
    return Execution(server, task, parse_results(body), parse_messages(body.get("messages")))


def parse_results(body: dict[str, Any]) -> dict[str, tuple[DataType, Any]]:
    """An execute answer's `results`: output name → (data type, raw value)."""
    results = body.get("results")
    return (
        {
            item["paramName"]: (DataType(text_of(item.get("dataType")) or "GPString"), item.get("value"))
            for item in results
            if isinstance(item, dict) and text_of(item.get("paramName"))
        }
        if isinstance(results, list)
        else {}
    )


def submit(server: Server, task: Task, inputs: Mapping[str, Any] | None = None, options: Options = Options()) -> Job:
    body = server.post(f"{task.url}/submitJob", request_form(server, task, inputs or {}, options))
    job_id = body.get("jobId")
    if not isinstance(job_id, str) or not job_id:
        raise BadResponse(f"Submitting '{task.name}' returned no job id.")
    return Job(server, task, job_id, text_of(body.get("jobStatus")) or JobStatus.SUBMITTED)


def run(
    server: Server, task: Task, inputs: Mapping[str, Any] | None = None, options: Options = Options()
) -> Job | Execution:
    """`execute` or `submit`, as the task's execution type says."""
    return (execute if task.is_synchronous else submit)(server, task, inputs, options)


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


def _required(parameter: Parameter) -> str:
    """Why a required input cannot be left out: the task's default is no value, or holds no data
    (sent as missing, the server would fail the job)."""
    if parameter.data_type.base in FEATURES and isinstance(parameter.default_value, dict):
        return "a value is required (the task's default holds no features)."
    return "a value is required."
